// SPDX-License-Identifier: EUPL-1.2
// The shipped examples against the default knowledge base: the real cases come out high or very high on the grounds
// the public investigations found, their redesigns at least one level lower, and a clean process low everywhere.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/examples.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

struct RealCase {
    std::string original;
    std::string redesign;
    std::vector<std::string> grounds; // found by the public investigations
};

const std::vector<RealCase> real_cases{
    {"duo-uitwonendenbeurs", "duo-uitwonendenbeurs-herontwerp", {"race", "age"}},
    {"toeslagen-risicoclassificatie", "toeslagen-risicoclassificatie-herontwerp", {"race", "nationality"}},
    {"bijstand-heronderzoek", "bijstand-heronderzoek-herontwerp", {"sex", "age", "race"}},
};

std::string process_level(const artikel1::Assessment& a, const std::string& ground) {
    return a.level_id(a.summary[a.ground_index(ground)].max_level);
}

} // namespace

TEST_CASE("the three real cases are high or very high on the grounds found, their redesigns a level lower", "[examples]") {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    for (const auto& c : real_cases) {
        auto before = artikel1::assess(artikel1::builtin_example(c.original), kb);
        auto after = artikel1::assess(artikel1::builtin_example(c.redesign), kb);
        for (const auto& ground : c.grounds) {
            INFO(c.original << " / " << ground);
            const auto& b = before.summary[before.ground_index(ground)];
            const auto& a = after.summary[after.ground_index(ground)];
            CHECK(b.max_level >= before.high_level);
            CHECK(a.max_level + 1 <= b.max_level);
            CHECK(a.max_score < b.max_score);
        }
    }
}

TEST_CASE("the real cases' scores, pinned so that a change of weights is a visible change", "[examples]") {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    auto duo = artikel1::assess(artikel1::builtin_example("duo-uitwonendenbeurs"), kb);
    CHECK(process_level(duo, "race") == "very_high"); // 1.1: the home visit weighs in full on the selected
    CHECK(duo.summary[duo.ground_index("age")].max_step == "risicoscore"); // the age criterion of the risk score
    auto toeslagen = artikel1::assess(artikel1::builtin_example("toeslagen-risicoclassificatie"), kb);
    CHECK(process_level(toeslagen, "nationality") == "very_high");
    CHECK(process_level(toeslagen, "race") == "very_high");
    // nationality as a selection criterion in the model: a direct distinction, shown as such
    bool direct_nationality = false;
    for (const auto& contribution : toeslagen.at("risicomodel", "nationality").contributions)
        direct_nationality = direct_nationality || contribution.source == artikel1::RiskSource::direct;
    CHECK(direct_nationality);
    auto rotterdam = artikel1::assess(artikel1::builtin_example("bijstand-heronderzoek"), kb);
    CHECK(process_level(rotterdam, "sex") == "very_high"); // 1.1: not diluted by the top 1,000 of 30,000
    CHECK(rotterdam.summary[rotterdam.ground_index("sex")].max_step == "risicomodel");
    auto redesigned = artikel1::assess(artikel1::builtin_example("bijstand-heronderzoek-herontwerp"), kb);
    CHECK(process_level(redesigned, "sex") == "low");
    CHECK(process_level(redesigned, "age") == "low");
}

TEST_CASE("the built-in social-assistance example: very high on race and nationality at the intake, with a plan", "[examples]") {
    auto a = artikel1::assess(artikel1::builtin_example());
    CHECK(a.method_id == "artikel1-method/1.1");
    CHECK(a.knowledge_base_id == "artikel1-default");
    // 1.1: the refusal at the intake weighs in full on the 10% refused (74.3; 1.0 diluted it to high)
    CHECK(process_level(a, "race") == "very_high");
    CHECK(process_level(a, "nationality") == "very_high");
    CHECK(a.summary[a.ground_index("race")].max_step == "intake");
    CHECK(a.summary[a.ground_index("race")].citizens_per_year_high == Approx(12000.0));
    CHECK_FALSE(a.recommendations.empty());
    for (const auto& r : a.recommendations) CHECK(r.score_after < r.score_before);
    // The plan at the intake: a protocol for the discretion, a test of the criteria, a test of the documented
    // assumption, four-eyes review; random sampling only at the selection that selects on criteria.
    std::vector<std::string> intake;
    for (const auto& r : a.recommendations) {
        if (r.step == "intake" && (intake.empty() || intake.back() != r.measure)) intake.push_back(std::string(r.measure));
        if (r.measure == "random_sampling") CHECK(r.step == "risicoselectie");
    }
    CHECK(intake == std::vector<std::string>{"standard_criteria", "criteria_justification_test", "assumption_review", "four_eyes"});
}

TEST_CASE("with the default knowledge base, no discretion, no proxies and random selection is low everywhere", "[examples]") {
    auto model = nlohmann::ordered_json::parse(R"({
      "schema": "artikel1/process/1", "id": "clean", "name": "Clean process", "cases_per_year": 5000,
      "attributes": [{"id": "nr", "kind": "case_number"}],
      "steps": [
        {"id": "apply", "kind": "task", "channel": "digital", "automation": "rule_based"},
        {"id": "sample", "kind": "decision", "automation": "rule_based", "measures": ["random_sampling"],
         "uses": [{"attribute": "nr", "role": "selection_criterion"}]},
        {"id": "check", "kind": "task", "channel": "paper", "severity": "moderate"},
        {"id": "grant", "kind": "outcome"},
        {"id": "refuse", "kind": "outcome", "severity": "high"}
      ],
      "flows": [
        {"from": "apply", "to": "sample"},
        {"from": "sample", "to": "grant", "probability": 0.9},
        {"from": "sample", "to": "check", "adverse": true, "probability": 0.1},
        {"from": "check", "to": "grant", "probability": 0.8},
        {"from": "check", "to": "refuse", "adverse": true, "probability": 0.2}
      ]
    })");
    auto a = artikel1::assess(artikel1::load_process(model.dump()));
    for (const auto& step : a.steps) {
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            INFO(step.id << " / " << a.grounds[g]);
            CHECK(a.level_id(step.scores[g].level) == "low");
        }
    }
    for (const auto& g : a.summary) CHECK(g.citizens_per_year_high == 0);
}
