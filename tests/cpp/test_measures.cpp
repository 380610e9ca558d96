// SPDX-License-Identifier: EUPL-1.2
// Every measure of the default knowledge base, on one step where every risk source is present: each source it
// addresses is multiplied by exactly its factor (and only where its automation and ground filters allow), the rest is
// untouched, and a few hand-computed values pin the weights of docs/method.md.
#include <artikel1/assessment.hpp>
#include <artikel1/process_io.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace {

// One algorithmic selection where every source occurs: a direct use (nationality), a proxy (postcode), broad
// discretion in person, an assumption, complaints, complex rules; half the cases go on to a home visit.
nlohmann::ordered_json every_source(const std::string& measure) {
    auto model = nlohmann::ordered_json::parse(R"({
      "schema": "artikel1/process/1", "id": "every-source", "name": "Every source",
      "attributes": [{"id": "nat", "kind": "nationality"}, {"id": "pc", "kind": "postcode"}],
      "steps": [
        {"id": "select", "kind": "decision", "channel": "in_person", "discretion": "broad", "automation": "algorithmic",
         "rule_complexity": "high",
         "uses": [{"attribute": "nat", "role": "selection_criterion"}, {"attribute": "pc", "role": "selection_criterion"}],
         "assumptions": [{"text": "Some groups cheat more.", "grounds": ["race"]}],
         "signals": [{"ground": "race", "count": 2}]},
        {"id": "visit", "kind": "outcome", "severity": "moderate"},
        {"id": "ok", "kind": "outcome"}
      ],
      "flows": [
        {"from": "select", "to": "visit", "adverse": true, "probability": 0.5},
        {"from": "select", "to": "ok", "probability": 0.5}
      ]
    })");
    if (!measure.empty()) model["steps"][0]["measures"] = {measure};
    return model;
}

artikel1::StepGroundScore score_of(const std::string& measure, const std::string& ground) {
    auto a = artikel1::assess(artikel1::load_process(every_source(measure).dump()));
    return a.at("select", ground);
}

double source_value(const artikel1::StepGroundScore& s, artikel1::RiskSource source, const std::string& attribute = {}) {
    for (const auto& c : s.contributions) {
        if (c.source == source && (attribute.empty() || c.attribute == attribute)) return c.value;
    }
    return 0;
}

} // namespace

TEST_CASE("the sources of the every-source step, by hand", "[measures]") {
    using artikel1::RiskSource;
    auto race = score_of("", "race");
    CHECK(source_value(race, RiskSource::proxy, "pc") == Approx(0.5));        // 0.5 x selection 1.0 x algorithmic 1.0
    CHECK(source_value(race, RiskSource::proxy, "nat") == Approx(0.6));       // nationality is a proxy of race
    CHECK(source_value(race, RiskSource::discretion) == Approx(0.54));        // broad 0.6 x in person 0.9
    CHECK(source_value(race, RiskSource::assumption) == Approx(0.3));
    CHECK(source_value(race, RiskSource::complaint) == Approx(0.19));         // 1 - 0.9^2
    CHECK(source_value(race, RiskSource::rule_complexity) == Approx(0.1));    // high 0.2 x race 0.5
    CHECK(source_value(race, RiskSource::algorithmic_selection) == Approx(0.15));
    // moderate 0.5 x (0.5 + 0.5 x 1) on the adverse branch (method 1.0 diluted it by the 0.5 selected: 0.375)
    CHECK(race.impact == Approx(0.5));
    auto nationality = score_of("", "nationality");
    CHECK(source_value(nationality, RiskSource::direct, "nat") == Approx(0.9));
    CHECK(score_of("", "disability").contributions.size() == 3); // discretion, rule complexity, algorithmic selection
}

TEST_CASE("hand-computed effects of measures of the default catalogue", "[measures]") {
    using artikel1::RiskSource;
    CHECK(source_value(score_of("bias_testing", "race"), RiskSource::proxy, "pc") == Approx(0.35));
    CHECK(source_value(score_of("random_sampling", "race"), RiskSource::proxy, "pc") == Approx(0.1));
    CHECK(source_value(score_of("criteria_justification_test", "nationality"), RiskSource::direct) == Approx(0.45));
    CHECK(source_value(score_of("four_eyes", "race"), RiskSource::discretion) == Approx(0.378));
    CHECK(source_value(score_of("anonymised_file", "race"), RiskSource::discretion) == Approx(0.27));
    CHECK(source_value(score_of("anonymised_file", "disability"), RiskSource::discretion) == Approx(0.6 * 0.7)); // not hidden
    CHECK(source_value(score_of("assumption_review", "race"), RiskSource::assumption) == Approx(0.12));
    CHECK(source_value(score_of("complaint_followup", "race"), RiskSource::complaint) == Approx(0.095));
    CHECK(source_value(score_of("accessible_alternatives", "disability"), RiskSource::rule_complexity) == Approx(0.1));
    CHECK(source_value(score_of("accessible_alternatives", "race"), RiskSource::rule_complexity) == Approx(0.1)); // not for race
    CHECK(source_value(score_of("language_support", "race"), RiskSource::rule_complexity) == Approx(0.05));
    CHECK(source_value(score_of("human_review", "race"), RiskSource::algorithmic_selection) == Approx(0.075));
    CHECK(score_of("objection_and_appeal", "race").impact == Approx(0.45));
    CHECK(score_of("hardship_clause", "race").impact == Approx(0.375));
    // the score follows: race without measures, L = 1 - 0.5 x 0.4 x 0.46 x 0.7 x 0.81 x 0.9 x 0.85
    double likelihood = 1 - 0.5 * 0.4 * 0.46 * 0.7 * 0.81 * 0.9 * 0.85;
    CHECK(score_of("", "race").score == Approx(std::round(1000 * likelihood * 0.5) / 10));
}

TEST_CASE("every measure multiplies exactly the sources it addresses", "[measures]") {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    auto baseline = artikel1::assess(artikel1::load_process(every_source("").dump()), kb);
    for (const auto& measure : kb.measures()) {
        auto with = artikel1::assess(artikel1::load_process(every_source(measure.id).dump()), kb);
        bool changed_something = false;
        for (const auto& ground : kb.grounds()) {
            INFO(measure.id << " / " << ground.id);
            const auto& before = baseline.at("select", ground.id);
            const auto& after = with.at("select", ground.id);
            REQUIRE(before.contributions.size() == after.contributions.size());
            for (std::size_t i = 0; i < before.contributions.size(); ++i) {
                double factor = 1;
                for (const auto& d : measure.dampens) {
                    if (d.applies(before.contributions[i].source, artikel1::Automation::algorithmic, ground.id)) factor *= d.factor;
                }
                CHECK(after.contributions[i].value == Approx(before.contributions[i].value * factor));
                changed_something = changed_something || factor != 1;
            }
            double impact_factor = 1;
            for (const auto& d : measure.dampens) {
                if (d.applies(artikel1::RiskSource::impact, artikel1::Automation::algorithmic, ground.id)) impact_factor *= d.factor;
            }
            CHECK(after.impact == Approx(before.impact * impact_factor));
            changed_something = changed_something || impact_factor != 1;
            CHECK(after.score <= before.score);
        }
        INFO(measure.id);
        CHECK(changed_something);
    }
}
