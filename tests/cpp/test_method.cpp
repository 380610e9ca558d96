// SPDX-License-Identifier: EUPL-1.2
// The risk method: hand-computed scores on small models, one per risk source and per kind of measure.
// Weights are those of tests/data/test_kb.json (docs/method.md's worked example).
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/report/common.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using json = nlohmann::ordered_json;
using Catch::Detail::Approx;

namespace {

/// docs/method.md's worked example (tests/data/worked-example.json): an algorithmic selection on postcode with two
/// complaints about race.
json worked_example() {
    return json::parse(artikel1::KnowledgeBase::read_file(test::source_path("tests/data/worked-example.json")));
}

artikel1::Assessment assess_json(const json& model, const artikel1::KnowledgeBase& kb = test::kb()) {
    return artikel1::assess(artikel1::load_process(model.dump(), kb), kb);
}

const artikel1::Contribution* find_source(const artikel1::StepGroundScore& s, artikel1::RiskSource source) {
    for (const auto& c : s.contributions) {
        if (c.source == source) return &c;
    }
    return nullptr;
}

/// A one-decision model: start -> d -> (adverse, p) bad [severity] | (1-p) good. Impact is fixed by p and severity.
json one_decision(json decision, double p = 1.0, const char* severity = "severe") {
    decision["id"] = "d";
    if (!decision.contains("kind")) decision["kind"] = "decision";
    json model = {{"schema", "artikel1/process/1"}, {"id", "m"}, {"name", "m"}, {"cases_per_year", 100},
                  {"attributes", json::array({{{"id", "pc"}, {"kind", "postcode"}}, {{"id", "nat"}, {"kind", "nationality"}}})},
                  {"steps", json::array({{{"id", "s"}, {"kind", "task"}}, decision,
                                         {{"id", "bad"}, {"kind", "outcome"}, {"severity", severity}},
                                         {{"id", "good"}, {"kind", "outcome"}}})},
                  {"flows", json::array({{{"from", "s"}, {"to", "d"}},
                                         {{"from", "d"}, {"to", "bad"}, {"adverse", true}, {"probability", p}},
                                         {{"from", "d"}, {"to", "good"}, {"probability", 1 - p}}})}};
    return model;
}

} // namespace

TEST_CASE("the worked example of docs/method.md", "[method]") {
    auto a = assess_json(worked_example(), test::worked_kb());
    const auto& s = a.at("select", "race");
    const auto* proxy = find_source(s, artikel1::RiskSource::proxy);
    const auto* complaint = find_source(s, artikel1::RiskSource::complaint);
    REQUIRE(proxy);
    REQUIRE(complaint);
    CHECK(proxy->value == Approx(0.50));
    CHECK(proxy->attribute == "postcode");
    CHECK(complaint->value == Approx(0.19));
    CHECK(s.contributions.size() == 2);
    CHECK(s.likelihood == Approx(0.595));
    // Method 1.1: on the adverse branch (10% of cases are selected) the sanction follows for 10% of the selected;
    // method 1.0 diluted this to 0.01 and gave max(1.0 x 0.505, 0.5 x 0.55) = 0.505 and 30.0.
    CHECK(s.impact == Approx(0.55));
    const auto& impact = a.steps[a.step_index("select")].impact_term; // the step's, before measures
    CHECK(impact.severity == artikel1::Severity::severe);
    CHECK(impact.conditional);
    CHECK(impact.adverse_share == Approx(0.1));
    CHECK(impact.probability == Approx(0.1));
    CHECK(impact.outcomes == std::vector<std::string>{"sanction"});
    CHECK(s.score == Approx(32.7));
    CHECK(a.level_id(s.level) == "medium");
    CHECK(a.method_id == "artikel1-method/test");

    // With bias testing in place, the proxy is 0.35 and the risk 26.0: still medium.
    auto model = worked_example();
    model["steps"][1]["measures"] = {"bias_testing"};
    auto b = assess_json(model, test::worked_kb());
    const auto& t = b.at("select", "race");
    CHECK(find_source(t, artikel1::RiskSource::proxy)->value == Approx(0.35));
    CHECK(find_source(t, artikel1::RiskSource::proxy)->dampened_by.front().measure == "bias_testing");
    CHECK(find_source(t, artikel1::RiskSource::proxy)->dampened_by.front().factor == Approx(0.7));
    CHECK(t.likelihood == Approx(0.4735));
    CHECK(t.score == Approx(26.0));
    CHECK(b.level_id(t.level) == "medium");
}

TEST_CASE("recommendations are recomputed scores, best first", "[method]") {
    auto a = assess_json(worked_example(), test::worked_kb());
    std::vector<artikel1::Recommendation> here;
    for (const auto& r : a.recommendations) {
        if (r.step == "select" && r.ground == "race") here.push_back(r);
    }
    REQUIRE(here.size() == 2); // max_per_risk in the test knowledge base
    // The step's largest sources are the proxy (0.50) and the complaints (0.19): for each, the measure that lowers
    // it most. random sampling: proxy 0.5 x 0.2 = 0.1; L = 1 - 0.9 x 0.81 = 0.271; risk 14.9
    CHECK(here[0].measure == "random_sampling");
    CHECK(here[0].rank == 1);
    CHECK(here[0].aimed_at == artikel1::InlineList<artikel1::RiskSource, 3>{artikel1::RiskSource::proxy});
    CHECK(here[0].score_before == Approx(32.7));
    CHECK(here[0].score_after == Approx(14.9));
    CHECK(a.level_id(here[0].level_after) == "low");
    // complaint follow-up: complaints 0.19 x 0.5 = 0.095; L = 1 - 0.5 x 0.905 = 0.5475; risk 30.1
    CHECK(here[1].measure == "complaint_followup");
    CHECK(here[1].rank == 2);
    CHECK(here[1].score_after == Approx(30.1));
}

TEST_CASE("a direct use of a ground, and a documented legal basis shown as a factor", "[method]") {
    auto model = one_decision({{"automation", "algorithmic"}, {"uses", {{{"attribute", "nat"}, {"role", "selection_criterion"}}}}});
    auto a = assess_json(model, test::worked_kb());
    const auto& s = a.at("d", "nationality");
    REQUIRE(s.contributions.size() == 1);
    CHECK(s.contributions[0].source == artikel1::RiskSource::direct);
    CHECK(s.contributions[0].value == Approx(0.9));
    CHECK(s.impact == Approx(1.0)); // severe outcome reached with probability 1
    CHECK(s.score == Approx(90.0));
    CHECK(a.level_id(s.level) == "very_high");
    // nationality is a proxy of race (0.6) at the same time
    CHECK(a.at("d", "race").score == Approx(60.0));

    model["steps"][1]["uses"][0]["legal_basis"] = "Wet X art. 2";
    auto b = assess_json(model, test::worked_kb());
    const auto& t = b.at("d", "nationality");
    CHECK(t.contributions[0].value == Approx(0.72)); // 0.9 x 0.8, never zeroed
    CHECK(t.contributions[0].legal_basis == "Wet X art. 2");
    CHECK(t.score == Approx(72.0));
}

TEST_CASE("proxy strength x role x automation", "[method]") {
    auto model = one_decision({{"automation", "manual"}, {"uses", {{{"attribute", "pc"}, {"role", "input"}}}}}, 0.2, "high");
    auto a = assess_json(model, test::worked_kb());
    const auto& s = a.at("d", "race");
    // 0.5 x 0.3 (input) x 0.8 (manual) = 0.12; impact on the adverse branch 0.75 x (0.5 + 0.5 x 1) = 0.75 (method
    // 1.0 diluted it by the 20% selected: 0.45); risk 9.0
    CHECK(s.likelihood == Approx(0.12));
    CHECK(s.impact == Approx(0.75));
    CHECK(s.score == Approx(9.0));
    CHECK(a.level_id(s.level) == "low");
}

TEST_CASE("discretion x channel visibility, dampened by four eyes", "[method]") {
    auto model = one_decision({{"discretion", "broad"}, {"channel", "in_person"}});
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.at("d", "race").likelihood == Approx(0.54)); // 0.6 x 0.9
    CHECK(a.at("d", "race").score == Approx(54.0));
    CHECK(a.at("d", "disability").likelihood == Approx(0.48)); // 0.6 x 0.8
    CHECK(a.at("d", "nationality").score == 0);

    model["steps"][1]["measures"] = {"four_eyes"};
    auto b = assess_json(model, test::worked_kb());
    CHECK(b.at("d", "race").likelihood == Approx(0.378)); // 0.54 x 0.7
    CHECK(b.at("d", "race").score == Approx(37.8));
}

TEST_CASE("documented assumptions naming a ground", "[method]") {
    auto model = one_decision({{"assumptions", {{{"text", "a"}, {"grounds", {"race"}}}, {{"text", "b"}, {"grounds", {"race", "nationality"}}}}}});
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.at("d", "race").likelihood == Approx(0.51)); // 1 - 0.7^2
    CHECK(a.at("d", "nationality").likelihood == Approx(0.3));
    model["steps"][1]["measures"] = {"four_eyes"};
    auto b = assess_json(model, test::worked_kb());
    CHECK(b.at("d", "nationality").likelihood == Approx(0.24)); // 0.3 x 0.8
}

TEST_CASE("complaints, dampened by complaint follow-up", "[method]") {
    auto model = one_decision({{"signals", {{{"ground", "disability"}, {"count", 3}}}}});
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.at("d", "disability").likelihood == Approx(0.271)); // 1 - 0.9^3
    model["steps"][1]["measures"] = {"complaint_followup"};
    auto b = assess_json(model, test::worked_kb());
    CHECK(b.at("d", "disability").likelihood == Approx(0.1355));
}

TEST_CASE("rule complexity by ground sensitivity, dampened for one ground only", "[method]") {
    auto model = one_decision({{"rule_complexity", "high"}});
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.at("d", "disability").likelihood == Approx(0.2)); // 0.2 x sensitivity 1.0
    CHECK(a.at("d", "race").likelihood == 0);                 // sensitivity 0
    model["steps"][1]["measures"] = {"accessible_alternatives"};
    auto b = assess_json(model, test::worked_kb());
    CHECK(b.at("d", "disability").likelihood == Approx(0.1));
}

TEST_CASE("algorithmic selection, dampened by human review", "[method]") {
    auto model = one_decision({{"automation", "algorithmic"}});
    auto a = assess_json(model); // test_kb has algorithmic_selection 0.15
    for (const auto& ground : {"race", "nationality", "disability"}) {
        CHECK(a.at("d", ground).likelihood == Approx(0.15));
        CHECK(a.at("d", ground).score == Approx(15.0));
    }
    model["steps"][1]["measures"] = {"human_review"};
    auto b = assess_json(model);
    CHECK(b.at("d", "race").likelihood == Approx(0.075));
    // a task step is not a selection: no source
    auto task = one_decision({{"kind", "task"}, {"automation", "algorithmic"}});
    CHECK(assess_json(task).at("d", "race").score == 0);
}

TEST_CASE("impact: measures, vulnerability and its cap", "[method]") {
    auto model = one_decision({{"discretion", "broad"}, {"channel", "in_person"}}, 0.5, "high");
    auto a = assess_json(model, test::worked_kb());
    // impact on the adverse branch 0.75 x (0.5 + 0.5 x 1) = 0.75, whatever share is sent down it
    CHECK(a.at("d", "race").impact == Approx(0.75));
    model["vulnerability"] = "high";
    CHECK(assess_json(model, test::worked_kb()).at("d", "race").impact == Approx(0.975)); // x 1.3
    model["steps"][1]["measures"] = {"objection_and_appeal"};
    auto b = assess_json(model, test::worked_kb());
    CHECK(b.at("d", "race").impact == Approx(0.8775)); // x 0.9
    REQUIRE(b.at("d", "race").impact_dampened_by.size() == 1);
    CHECK(b.at("d", "race").impact_dampened_by[0].measure == "objection_and_appeal");

    auto severe = one_decision({{"discretion", "broad"}, {"channel", "in_person"}}, 1.0, "severe");
    severe["vulnerability"] = "high";
    CHECK(assess_json(severe, test::worked_kb()).at("d", "race").impact == Approx(1.0)); // capped
}

TEST_CASE("direct dampening and random sampling", "[method]") {
    auto model = one_decision({{"automation", "algorithmic"},
                               {"uses", {{{"attribute", "nat"}, {"role", "selection_criterion"}}}},
                               {"measures", {"criteria_justification_test", "random_sampling"}}});
    auto a = assess_json(model, test::worked_kb());
    const auto& c = a.at("d", "nationality").contributions.at(0);
    CHECK(c.raw == Approx(0.9));
    CHECK(c.value == Approx(0.09)); // x 0.5 x 0.2
    CHECK(c.dampened_by.size() == 2);
}

TEST_CASE("a process with no discretion, no proxies and random selection is low everywhere", "[method]") {
    auto model = one_decision({{"automation", "rule_based"},
                               {"uses", {{{"attribute", "pc"}, {"role", "verification"}}}},
                               {"measures", {"random_sampling"}}});
    auto a = assess_json(model, test::kb());
    for (const auto& step : a.steps) {
        for (const auto& s : step.scores) CHECK(a.level_id(s.level) == "low");
    }
    for (const auto& g : a.summary) CHECK(g.citizens_per_year_high == 0);
}

TEST_CASE("graph: expected visits, cycles, gatekeepers, citizens passing high-risk steps", "[method][graph]") {
    auto model = worked_example();
    // everyone selected; a rework loop: investigate -> apply with 0.2; sanction 0.1, close 0.7
    model["flows"][1]["probability"] = 1.0;
    model["flows"][4]["probability"] = 0.0;
    model["flows"][3]["probability"] = 0.7;
    model["flows"].push_back({{"from", "investigate"}, {"to", "apply"}, {"probability", 0.2}});
    model["start"] = "apply";
    model["steps"][1]["discretion"] = "broad";
    model["steps"][1]["channel"] = "in_person";
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.cycle_count == 1);
    // every pass through investigate returns with 0.2: visits = 1 / (1 - 0.2) = 1.25
    CHECK(a.steps[a.step_index("apply")].expected_visits == Approx(1.25));
    CHECK(a.steps[a.step_index("sanction")].expected_visits == Approx(0.125));
    CHECK(a.steps[a.step_index("select")].in_cycle);
    CHECK_FALSE(a.steps[a.step_index("close")].in_cycle);
    // P(sanction | select) = 0.1 / (1 - 0.2) = 0.125
    CHECK(a.steps[a.step_index("select")].impact_term.probability == Approx(0.125));
    // select is the gatekeeper of the investigation and the sanction
    CHECK(a.steps[a.step_index("select")].guards == std::vector<std::string>{"investigate", "sanction"});
    // every case passes select, which is high on race: all citizens
    const auto& race = a.summary[a.ground_index("race")];
    CHECK(race.max_step == "select");
    CHECK(race.max_score == Approx(45.8)); // L = 1 - 0.5 x 0.81 x 0.46, I = 0.5625
    CHECK(a.level_id(race.max_level) == "high");
    CHECK(race.share_passing_high == Approx(1.0));
    CHECK(race.citizens_per_year_high == Approx(1000));
    CHECK(race.steps_per_level[0] == 4);
}

TEST_CASE("citizens per year at a high-risk step that not every case passes", "[method][graph]") {
    // s -> d (decision) -> 30% visit (broad discretion in person) -> outcome; 70% done
    json model = json::parse(R"({
      "schema": "artikel1/process/1", "id": "v", "name": "v", "cases_per_year": 2000,
      "steps": [
        {"id": "s", "kind": "task"},
        {"id": "d", "kind": "decision"},
        {"id": "visit", "kind": "task", "discretion": "broad", "channel": "in_person", "severity": "moderate"},
        {"id": "sanction", "kind": "outcome", "severity": "severe"},
        {"id": "done", "kind": "outcome"}
      ],
      "flows": [
        {"from": "s", "to": "d"},
        {"from": "d", "to": "visit", "adverse": true, "probability": 0.3},
        {"from": "d", "to": "done", "probability": 0.7},
        {"from": "visit", "to": "sanction", "adverse": true, "probability": 1.0}
      ]
    })");
    auto a = assess_json(model, test::worked_kb());
    CHECK(a.at("visit", "race").score == Approx(54.0)); // 0.54 x impact 1.0
    const auto& race = a.summary[a.ground_index("race")];
    CHECK(race.share_passing_high == Approx(0.3));
    CHECK(race.citizens_per_year_high == Approx(600));
    CHECK(a.steps[a.step_index("d")].guards == std::vector<std::string>{"visit", "sanction"});
}

TEST_CASE("assess refuses an invalid model and the output is deterministic", "[method]") {
    artikel1::Process broken;
    broken.id = "x";
    CHECK_THROWS_AS(artikel1::assess(broken, test::kb()), artikel1::ValidationError);
    auto p = artikel1::load_process(worked_example().dump(), test::kb());
    auto a = artikel1::assess(p, test::kb());
    auto b = artikel1::assess(p, test::kb());
    CHECK(a.recommendations.size() == b.recommendations.size());
    CHECK(a.at("select", "race").score == b.at("select", "race").score);
    CHECK_THROWS_WITH(a.at("nope", "race"), "no step \"nope\" in this assessment");
    CHECK_THROWS_WITH(a.at("select", "hair"), "no ground \"hair\" in this assessment");
}

#include <artikel1/assessment_json.hpp>

TEST_CASE("assessment JSON: stable text, read back, compared", "[method][json]") {
    auto before = assess_json(worked_example(), test::worked_kb());
    std::string text = artikel1::save_assessment(before);
    CHECK(text == artikel1::save_assessment(assess_json(worked_example(), test::worked_kb()))); // byte-identical
    auto doc = json::parse(text);
    CHECK(doc["schema"] == "artikel1/assessment/1");
    CHECK(doc["method"] == "artikel1-method/test");
    CHECK(doc["steps"][1]["scores"][0]["score"] == 32.7);
    CHECK(doc["steps"][1]["scores"][0]["likelihood"] == 0.595);
    CHECK(doc["steps"][1]["scores"][0]["contributions"][0]["source"] == "proxy");
    CHECK(doc["summary"][0]["max_step"] == "select");

    auto back = artikel1::assessment_from_json(text);
    CHECK(back.at("select", "race").score == Approx(32.7));
    CHECK(back.level_id(back.at("select", "race").level) == "medium");

    auto changed = worked_example();
    changed["steps"][1]["measures"] = {"bias_testing"};
    changed["steps"].push_back({{"id", "review"}, {"kind", "decision"}, {"discretion", "broad"}, {"channel", "in_person"}});
    changed["flows"][3]["to"] = "review";
    changed["flows"].push_back({{"from", "review"}, {"to", "close"}, {"probability", 0.95}});
    changed["flows"].push_back({{"from", "review"}, {"to", "sanction"}, {"adverse", true}, {"probability", 0.05}});
    auto after = assess_json(changed, test::worked_kb());
    auto c = artikel1::compare(back, after);
    CHECK(c.count(artikel1::ScoreChange::Kind::down) >= 1);
    bool saw_select_down = false, saw_review = false;
    for (const auto& ch : c.changes) {
        if (ch.step == "select" && ch.ground == "race") {
            saw_select_down = ch.kind == artikel1::ScoreChange::Kind::down && *ch.before == Approx(32.7) &&
                              *ch.after == Approx(27.1); // 0.4735 x (0.5 + 0.5 x 0.145)
        }
        if (ch.step == "review") saw_review = saw_review || ch.kind == artikel1::ScoreChange::Kind::appeared;
    }
    CHECK(saw_select_down);
    CHECK(saw_review);
    auto reverse = artikel1::compare(after, back);
    CHECK(reverse.count(artikel1::ScoreChange::Kind::up) == c.count(artikel1::ScoreChange::Kind::down));
    CHECK(reverse.count(artikel1::ScoreChange::Kind::disappeared) >= 1);
    CHECK(artikel1::to_json(c)["counts"]["down"] == c.count(artikel1::ScoreChange::Kind::down));

    CHECK_THROWS_AS(artikel1::assessment_from_json("{\"schema\": \"artikel1/process/1\"}"), artikel1::ValidationError);
    CHECK_THROWS_AS(artikel1::assessment_from_json("{"), artikel1::ParseError);
}

TEST_CASE("method 1.1: the robustness of the worked example, by hand", "[method11][robustness]") {
    // docs/method.md's worked example on the test knowledge base without the algorithmic-selection source.
    auto model = worked_example();
    const auto& kb = test::worked_kb();
    auto a = artikel1::assess(artikel1::load_process(model.dump(), kb), kb);
    const auto& s = a.at("select", "race");
    REQUIRE(s.score == Approx(32.7));
    // +25%: proxy 0.5 x 1.25 = 0.625 (role and automation 1.0 capped at 1); complaint 1 - (1 - 0.125)^2 = 0.234375;
    // L = 1 - 0.375 x 0.765625 = 0.712890625. Impact: severe min(1, 1.25) x (0.625 + 0.625 x 0.1) = 0.6875,
    // moderate 0.625 x (0.625 + 0.625 x 1) = 0.78125, the larger; x vulnerability 1.25 = 0.9765625. Score 69.6.
    CHECK(s.robustness.high == Approx(69.6));
    // -25%: proxy 0.5 x 0.75 x role 0.75 x automation 0.75 = 0.2109375 (nothing caps at the low end); complaint
    // 1 - 0.925^2 = 0.144375; L = 1 - 0.7890625 x 0.855625 = 0.324853515625. Impact: severe 0.75 x (0.375 + 0.0375)
    // = 0.309375 beats moderate 0.375 x 0.75 = 0.28125; x vulnerability 0.75 = 0.23203125. Score 7.5.
    CHECK(s.robustness.low == Approx(7.5));
    CHECK(a.level_id(s.robustness.level_low) == "low");
    CHECK(a.level_id(s.robustness.level_high) == "very_high");
    CHECK_FALSE(s.level_holds());
    // Each weight alone +25%: vulnerability 0.595 x 0.6875 = 40.9 (+8.2); base: severe 1 x (0.625 + 0.05) = 0.675,
    // 40.2 (+7.5); the proxy strength: L = 1 - 0.375 x 0.81 = 0.69625, 38.3 (+5.6).
    REQUIRE(s.robustness.movers.size() == 3);
    CHECK(s.robustness.movers[0].name == "vulnerability");
    CHECK(s.robustness.movers[0].value == Approx(8.2));
    CHECK(s.robustness.movers[1].name == "impact.base");
    CHECK(s.robustness.movers[1].value == Approx(7.5));
    CHECK(s.robustness.movers[2].name == "strength postcode");
    CHECK(s.robustness.movers[2].value == Approx(5.6));
    CHECK(artikel1::report::explain_robustness(s, a, artikel1::Language::en) ==
          "medium, could be low to very high (range 7.5 - 69.6, every weight +-25%); moved most by vulnerability +8.2, "
          "impact.base +7.5, strength postcode +5.6");

    // A narrower band: +-5% keeps it medium. 0.95: proxy 0.5 x 0.95^3 = 0.4286875, complaint 1 - 0.905^2 = 0.180975,
    // L = 1 - 0.5713125 x 0.819025 = 0.532081; impact severe 0.95 x (0.475 + 0.0475) x 0.95 = 0.47155625: 25.1. 1.05: proxy 0.525, complaint
    // 1 - 0.895^2 = 0.198975, L = 0.619513; impact severe 1 x (0.525 + 0.0525) = 0.5775 x 1.05 = 0.606375: 37.6.
    artikel1::AssessOptions narrow;
    narrow.robustness_band = 0.05;
    auto b = artikel1::assess(artikel1::load_process(model.dump(), kb), kb, narrow);
    const auto& t = b.at("select", "race");
    CHECK(t.robustness.low == Approx(25.1));
    CHECK(t.robustness.high == Approx(37.6));
    CHECK(t.level_holds());
    CHECK(artikel1::report::explain_robustness(t, b, artikel1::Language::nl).rfind("midden, houdt stand (bereik 25,1 - 37,6; elk gewicht +-5%)", 0) == 0);
    // In Dutch the weights are named in Dutch and the numbers have a decimal comma.
    CHECK(artikel1::report::explain_robustness(s, a, artikel1::Language::nl) ==
          "midden, kan ook laag tot zeer hoog zijn (bereik 7,5 - 69,6; elk gewicht +-25%); het meest bewogen door kwetsbaarheid "
          "+8,2; impactbasis +7,5; sterkte postcode / wijk +5,6");
    // In the JSON and the CSV.
    auto doc = artikel1::to_json(a);
    const auto& r = doc["steps"][1]["scores"][a.ground_index("race")]["robustness"];
    CHECK(r["low"] == 7.5);
    CHECK(r["high"] == 69.6);
    CHECK(r["holds"] == false);
    CHECK(r["movers"][0]["weight"] == "vulnerability");
}

TEST_CASE("round_decimals rounds as std::round does, halves away from zero") {
    // Ties, their neighbours, negative values, signed zero and values beyond 2^52 against the library's rounding.
    std::vector<double> values = {0.0, -0.0, 0.05, -0.05, 0.25, 0.35, -0.35, 2.5, -2.5, 36.95, 51.65, 99.95, 100.0,
                                  0.49999999999999994, -0.49999999999999994, 1e15, -1e15, 4.5e15, 1e300, -1e300};
    for (int i = -20000; i <= 20000; ++i) values.push_back(i / 200.0); // every half step of 0.005 in -100..100
    for (double v : values) {
        for (int decimals : {0, 1, 2, 3}) {
            double scale = std::pow(10.0, decimals);
            double expected = std::round(v * scale) / scale;
            double got = artikel1::detail::round_decimals(v, decimals);
            INFO(v << " to " << decimals << " decimals");
            REQUIRE(std::signbit(got) == std::signbit(expected));
            REQUIRE((got == expected || (std::isnan(got) && std::isnan(expected))));
        }
    }
    REQUIRE(artikel1::detail::round_decimals(-0.03, 1) == 0.0);
    REQUIRE(std::signbit(artikel1::detail::round_decimals(-0.03, 1)));
    REQUIRE(artikel1::detail::round_decimals(0.25, 1) == 0.3);
    REQUIRE(artikel1::detail::round_decimals(-0.25, 1) == -0.3);
    REQUIRE(std::isinf(artikel1::detail::round_decimals(std::numeric_limits<double>::infinity(), 1)));
    REQUIRE(std::isnan(artikel1::detail::round_decimals(std::nan(""), 1)));
}
