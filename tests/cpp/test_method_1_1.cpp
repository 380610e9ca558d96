// SPDX-License-Identifier: EUPL-1.2
// Method 1.1: the impact of a decision on its adverse branch, burdens of adverse flows, measures that count once,
// every factor shown, and an action plan of applicable measures. Numbers by hand from data/knowledge_base.json.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/report/text.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <tuple>

using json = nlohmann::ordered_json;
using Catch::Detail::Approx;

namespace {

/// Officials pull people from a queue in person (broad discretion, their impression as the criterion): `rate` of
/// the queue is searched, which itself is a public burden (`burden`); 10% of the searched are fined (high).
json queue_check(double rate, const char* burden = "high") {
    json select_flow = {{"from", "select"}, {"to", "search"}, {"adverse", true}, {"probability", rate}};
    if (burden) select_flow["burden"] = burden;
    return {{"schema", "artikel1/process/1"}, {"id", "queue"}, {"name", "Queue check"}, {"cases_per_year", 100000},
            {"attributes", json::array({{{"id", "impression"}, {"kind", "caseworker_impression"}}})},
            {"steps", json::array({{{"id", "queue"}, {"kind", "task"}, {"channel", "in_person"}},
                                   {{"id", "select"}, {"kind", "decision"}, {"channel", "in_person"},
                                    {"discretion", "broad"},
                                    {"uses", json::array({{{"attribute", "impression"}, {"role", "selection_criterion"}}})}},
                                   {{"id", "search"}, {"kind", "task"}, {"channel", "in_person"}, {"severity", "moderate"}},
                                   {{"id", "fine"}, {"kind", "outcome"}, {"severity", "high"}},
                                   {{"id", "free"}, {"kind", "outcome"}},
                                   {{"id", "pass"}, {"kind", "outcome"}}})},
            {"flows", json::array({{{"from", "queue"}, {"to", "select"}},
                                   select_flow,
                                   {{"from", "select"}, {"to", "pass"}, {"probability", 1 - rate}},
                                   {{"from", "search"}, {"to", "fine"}, {"adverse", true}, {"probability", 0.1}},
                                   {{"from", "search"}, {"to", "free"}, {"probability", 0.9}}})}};
}

artikel1::Assessment assess_builtin(const json& model) {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    return artikel1::assess(artikel1::load_process(model.dump(), kb), kb);
}

} // namespace

TEST_CASE("method 1.1: the in-person queue selection reaches high when its likelihood is high", "[method11]") {
    auto a = assess_builtin(queue_check(0.03));
    CHECK(a.method_id == "artikel1-method/1.1");
    const auto& s = a.at("select", "race");
    // proxy: impression race 0.5 x role selection_criterion 1.0 x automation manual 0.8 = 0.4
    // discretion: broad 0.6 x visibility in_person race 0.9 = 0.54; L = 1 - 0.6 x 0.46 = 0.724
    CHECK(s.likelihood == Approx(0.724));
    // impact on the adverse branch: the public search is a high burden met by everyone sent down it:
    // 0.75 x (0.5 + 0.5 x 1) = 0.75
    const auto& impact = a.steps[a.step_index("select")].impact_term; // the step's, before measures
    CHECK(impact.severity == artikel1::Severity::high);
    CHECK(impact.conditional);
    CHECK(impact.probability == Approx(1.0));
    CHECK(impact.adverse_share == Approx(0.03));
    CHECK(impact.burdens == std::vector<std::string>{"select -> search"});
    CHECK(s.impact == Approx(0.75));
    CHECK(s.score == Approx(54.3));
    CHECK(a.level_id(s.level) == "high");

    // Without the flow's own burden the branch still costs the search in full: max(0.5 x 1, 0.75 x (0.5 + 0.5 x
    // 0.1)) = 0.5, not 1.0's diluted 0.5 x (0.5 + 0.5 x 0.03).
    auto b = assess_builtin(queue_check(0.03, nullptr));
    CHECK(b.at("select", "race").impact == Approx(0.5));
    CHECK(b.steps[b.step_index("select")].impact_term.severity == artikel1::Severity::moderate);
    CHECK(b.at("select", "race").score == Approx(36.2));
}

TEST_CASE("method 1.1: a selection's impact does not fall when the selection rate falls", "[method11]") {
    double previous = -1;
    for (double rate : {0.3, 0.03, 0.003, 0.0}) {
        auto a = assess_builtin(queue_check(rate));
        const auto& s = a.at("select", "race");
        CHECK(s.impact == Approx(0.75));
        if (previous >= 0) CHECK(s.score == Approx(previous));
        previous = s.score;
    }
    // Without a burden as well: the search (0.5) whatever the rate.
    for (double rate : {0.3, 0.03, 0.003}) CHECK(assess_builtin(queue_check(rate, nullptr)).at("select", "race").impact == Approx(0.5));
}

TEST_CASE("method 1.1: a measure listed twice and a burden on a flow that is not adverse are refused", "[method11][validation]") {
    auto m = test::small_model();
    m["steps"][1]["measures"] = {"four_eyes", "bias_testing", "four_eyes", "four_eyes"};
    m["flows"][1]["burden"] = "high";
    CHECK(test::problems_of(m) == std::vector<std::string>{
                                      "/steps/1/measures/2: measure \"four_eyes\" is listed twice (first at /steps/1/measures/0)",
                                      "/steps/1/measures/3: measure \"four_eyes\" is listed twice (first at /steps/1/measures/0)",
                                      "/flows/1/burden: a burden is carried only by an adverse flow: add \"adverse\": true",
                                  });
    m = test::small_model();
    m["flows"][2]["burden"] = "extreme";
    CHECK(test::problems_of(m) == std::vector<std::string>{
                                      "/flows/2/burden: unknown value \"extreme\" (expected one of: none, low, moderate, "
                                      "high, severe)"});
    // A burden on an adverse flow is saved and read back.
    m = test::small_model();
    m["flows"][2]["burden"] = "moderate";
    auto p = artikel1::load_process(m.dump(), test::kb());
    CHECK(p.flows[2].burden == artikel1::Severity::moderate);
    CHECK(artikel1::load_process(artikel1::save_process(p), test::kb()) == p);
}

TEST_CASE("method 1.1: every factor is shown, the legal-basis factor as a number, small probabilities with digits",
          "[method11][report]") {
    auto model = queue_check(0.003, nullptr);
    model["attributes"].push_back({{"id", "nat"}, {"kind", "nationality"}});
    model["steps"][1]["uses"].push_back({{"attribute", "nat"}, {"role", "verification"}, {"legal_basis", "Vreemdelingenwet art. 50"}});
    auto a = assess_builtin(model);
    const auto& s = a.at("select", "nationality");
    const artikel1::Contribution* direct = nullptr;
    for (const auto& c : s.contributions) {
        if (c.source == artikel1::RiskSource::direct) direct = &c;
    }
    REQUIRE(direct);
    // 0.9 x role verification 0.5 x automation manual 0.8 x legal basis 0.8 = 0.288
    CHECK(direct->raw == Approx(0.288));
    const auto& kb = artikel1::KnowledgeBase::builtin();
    CHECK(artikel1::report::explain(*direct, kb, artikel1::Language::en) ==
          "direct distinction: nat (verification, manual, kind nationality) [Vreemdelingenwet art. 50], direct_use 0.9 x "
          "role verification 0.5 x automation manual 0.8 x legal_basis_factor 0.8 = 0.288");
    // The fine is reached by 0.1 of those searched; from the queue step (no adverse flow) by 0.003 x 0.1 = 0.0003:
    // 0.75 x (0.5 + 0.5 x 0.0003) = 0.3751125 beats the search's 0.5 x (0.5 + 0.5 x 0.003) = 0.25075.
    const auto& q = a.at("queue", "race");
    CHECK(a.steps[a.step_index("queue")].impact_term.probability == Approx(0.0003));
    CHECK(q.impact == Approx(0.3751125));
    CHECK(artikel1::report::explain_impact(a.steps[a.step_index("queue")], q, kb, artikel1::Language::en) ==
          "impact 0.375 = severity high 0.75 (fine) x (base 0.5 + weight 0.5 x probability 0.0003)");
    CHECK(artikel1::report::explain_impact(a.steps[a.step_index("select")], s, kb, artikel1::Language::nl) ==
          "impact 0,50 = ernst matig 0,5 (search) x (basis 0,5 + gewicht 0,5 x bereikkans 1; op de nadelige tak, die genomen "
          "wordt door 0,3%)");
    // The same source in Dutch: the enum values, the kind and the weights translated, decimal commas.
    CHECK(artikel1::report::explain(*direct, kb, artikel1::Language::nl) ==
          "direct onderscheid: nat (controle, handmatig, soort nationaliteit) [Vreemdelingenwet art. 50]; direct gebruik 0,9 x "
          "rol controle 0,5 x automatisering handmatig 0,8 x wettelijke grondslag 0,8 = 0,288");
    CHECK(artikel1::report::significant(0.003) == "0.003");
    CHECK(artikel1::report::significant(0.000123456) == "0.000123");
    CHECK(artikel1::report::significant(0.1, 3, 2) == "0.10");
    CHECK(artikel1::report::significant(0.55) == "0.55");
    CHECK(artikel1::report::significant(0.0) == "0");
}

TEST_CASE("method 1.1: the action plan proposes only measures that apply, grouped per step", "[method11][plan]") {
    // Random sampling only at decisions that select; anonymised files never at a desk or a visit; a hardship clause
    // only where a high or severe outcome drives the impact; one row per (step, measure, ground).
    const auto& kb = artikel1::KnowledgeBase::builtin();
    std::vector<artikel1::Process> models{artikel1::builtin_example()};
    for (const char* file : {"examples/bijstand-heronderzoek.json", "examples/toeslagen-risicoclassificatie.json",
                             "examples/duo-uitwonendenbeurs.json", "examples/bijstand-aanvraag.json"})
        models.push_back(artikel1::load_process_file(test::source_path(file), kb));
    models.push_back(artikel1::load_process(queue_check(0.03).dump(), kb));
    std::size_t rows = 0;
    for (const auto& process : models) {
        auto a = artikel1::assess(process, kb);
        std::set<std::tuple<std::string, std::string, std::string>> seen;
        for (const auto& r : a.recommendations) {
            ++rows;
            const auto& step = *process.find_step(r.step);
            CHECK(seen.emplace(r.step, r.measure, r.ground).second);
            CHECK(r.rank >= 1);
            CHECK(r.rank <= 4);
            if (r.measure == "random_sampling") {
                CHECK(step.kind == artikel1::StepKind::decision);
                bool selects = std::any_of(step.uses.begin(), step.uses.end(), [](const artikel1::AttributeUse& u) {
                    return u.role == artikel1::AttributeRole::selection_criterion;
                });
                CHECK(selects);
            }
            if (r.measure == "anonymised_file") {
                CHECK(step.channel != artikel1::Channel::in_person);
                CHECK(step.channel != artikel1::Channel::phone);
            }
            if (r.measure == "hardship_clause" || r.measure == "objection_and_appeal")
                CHECK(step.kind != artikel1::StepKind::task);
            if (r.measure == "bias_testing") CHECK(step.automation != artikel1::Automation::manual);
            CHECK(std::find(step.measures.begin(), step.measures.end(), r.measure) == step.measures.end());
            CHECK(r.score_after < r.score_before);
        }
    }
    CHECK(rows > 0);

    // The queue check: the discretion is the largest source, so a measure aimed at it comes first.
    auto a = assess_builtin(queue_check(0.03));
    REQUIRE(!a.recommendations.empty());
    CHECK(a.recommendations.front().step == "select");
    CHECK(a.recommendations.front().rank == 1);
    CHECK(a.recommendations.front().aimed_at.front() == artikel1::RiskSource::discretion);
    // Rows of one measure follow each other: ranks never go down within a step.
    for (std::size_t i = 1; i < a.recommendations.size(); ++i) {
        if (a.recommendations[i].step == a.recommendations[i - 1].step)
            CHECK(a.recommendations[i].rank >= a.recommendations[i - 1].rank);
    }
}

TEST_CASE("an assessment without explanations has every number of the full one and no explanation", "[method11]") {
    artikel1::AssessOptions numbers_only;
    numbers_only.explanations = false;
    std::size_t pairs = 0, explained = 0, recommended = 0;
    for (const auto& name : artikel1::builtin_example_names()) {
        INFO(name);
        const auto process = artikel1::builtin_example(name);
        const auto full = artikel1::assess(process);
        const auto numbers = artikel1::assess(process, artikel1::KnowledgeBase::builtin(), numbers_only);
        REQUIRE(numbers.steps.size() == full.steps.size());
        for (std::size_t s = 0; s < full.steps.size(); ++s) {
            REQUIRE(numbers.steps[s].scores.size() == full.steps[s].scores.size());
            for (std::size_t g = 0; g < full.steps[s].scores.size(); ++g) {
                const auto &x = numbers.steps[s].scores[g], &y = full.steps[s].scores[g];
                ++pairs;
                explained += y.contributions.empty() ? 0 : 1;
                CHECK(std::tie(x.likelihood, x.impact, x.score, x.level) == std::tie(y.likelihood, y.impact, y.score, y.level));
                CHECK(std::tie(x.robustness.low, x.robustness.high, x.robustness.level_low, x.robustness.level_high) ==
                      std::tie(y.robustness.low, y.robustness.high, y.robustness.level_low, y.robustness.level_high));
                CHECK(x.contributions.empty());
                CHECK(x.robustness.movers.empty());
                CHECK(numbers.steps[s].impact_term.severity == artikel1::Severity::none);
                CHECK(numbers.steps[s].impact_term.outcomes.empty());
            }
        }
        // the summary and the action plan are numbers too: the same JSON
        const auto full_json = artikel1::to_json(full), numbers_json = artikel1::to_json(numbers);
        CHECK(numbers_json["summary"] == full_json["summary"]);
        CHECK(numbers_json["recommendations"] == full_json["recommendations"]);
        recommended += full.recommendations.size();
    }
    CHECK(pairs > 1000);
    CHECK(recommended > 10); // the redesigns have none; the cases do
    CHECK(explained > pairs / 4); // the full assessments do explain: the comparison is not between empty ones
}

TEST_CASE("an assessment scored by several threads is the one scored by one", "[method11]") {
    // 1,000 blocks of intake -> algorithmic selection on postcode -> investigation (rework loop) or on: 4,001 steps,
    // enough for threads of 2,000 steps each.
    artikel1::Process p;
    p.id = "blocks";
    p.name = "Blocks";
    p.cases_per_year = 1000;
    p.attributes = {{"postcode", "postcode", ""}};
    const std::size_t blocks = 1000;
    auto id = [](const char* kind, std::size_t b) { return std::string(kind) + std::to_string(b); };
    for (std::size_t b = 0; b < blocks; ++b) {
        artikel1::Step intake, select, investigate, pass;
        intake.id = id("intake", b);
        intake.channel = artikel1::Channel::in_person;
        intake.discretion = b % 3 == 0 ? artikel1::Discretion::broad : artikel1::Discretion::bounded;
        select.id = id("select", b);
        select.kind = artikel1::StepKind::decision;
        select.automation = artikel1::Automation::algorithmic;
        select.uses = {{"postcode", artikel1::AttributeRole::selection_criterion, ""}};
        if (b % 4 == 0) select.measures = {"bias_testing"};
        investigate.id = id("investigate", b);
        investigate.severity = b % 2 == 0 ? artikel1::Severity::moderate : artikel1::Severity::severe;
        pass.id = id("pass", b);
        for (auto* s : {&intake, &select, &investigate, &pass}) p.steps.push_back(*s);
        p.flows.push_back({intake.id, select.id, false, std::nullopt, ""});
        p.flows.push_back({select.id, investigate.id, true, 0.1, ""});
        p.flows.push_back({select.id, pass.id, false, 0.9, ""});
        p.flows.push_back({investigate.id, intake.id, false, 0.5, "rework"});
        p.flows.push_back({investigate.id, pass.id, false, 0.5, ""});
        if (b + 1 < blocks) p.flows.push_back({pass.id, id("intake", b + 1), false, std::nullopt, ""});
    }
    artikel1::Step done;
    done.id = "done";
    done.kind = artikel1::StepKind::outcome;
    p.steps.push_back(done);
    p.flows.push_back({id("pass", blocks - 1), "done", false, std::nullopt, ""});
    p.start = "intake0";
    artikel1::AssessOptions options;
    options.outcome_naming_budget = 0; // lists of up to 1,000 reachable outcomes per score would only make it slow
    const auto one = artikel1::assess(p, artikel1::KnowledgeBase::builtin(), options);
    for (unsigned threads : {2u, 8u}) { // 8 is cut to the 2 that 4,001 steps allow
        INFO(threads);
        options.threads = threads;
        const auto several = artikel1::assess(p, artikel1::KnowledgeBase::builtin(), options);
        REQUIRE(several.steps.size() == one.steps.size());
        std::size_t differences = 0, contributions = 0;
        for (std::size_t i = 0; i < one.steps.size(); ++i) {
            for (std::size_t g = 0; g < one.grounds.size(); ++g) {
                const auto &x = several.steps[i].scores[g], &y = one.steps[i].scores[g];
                contributions += y.contributions.size();
                bool same = x.score == y.score && x.level == y.level && x.robustness.low == y.robustness.low &&
                            x.robustness.high == y.robustness.high && x.robustness.movers.size() == y.robustness.movers.size() &&
                            x.contributions.size() == y.contributions.size() &&
                            several.steps[i].impact_term.outcomes == one.steps[i].impact_term.outcomes;
                for (std::size_t k = 0; same && k < x.contributions.size(); ++k)
                    same = x.contributions[k].value == y.contributions[k].value && x.contributions[k].detail == y.contributions[k].detail;
                for (std::size_t k = 0; same && k < x.robustness.movers.size(); ++k)
                    same = x.robustness.movers[k].name == y.robustness.movers[k].name && x.robustness.movers[k].value == y.robustness.movers[k].value;
                differences += same ? 0 : 1;
            }
        }
        CHECK(differences == 0);
        CHECK(contributions > one.steps.size());
        REQUIRE(several.recommendations.size() == one.recommendations.size());
        CHECK(!one.recommendations.empty());
        std::size_t other_rows = 0;
        for (std::size_t i = 0; i < one.recommendations.size(); ++i) {
            const auto &x = several.recommendations[i], &y = one.recommendations[i];
            other_rows += std::tie(x.step, x.ground, x.measure, x.score_after, x.rank) == std::tie(y.step, y.ground, y.measure, y.score_after, y.rank) ? 0 : 1;
        }
        CHECK(other_rows == 0);
        for (std::size_t g = 0; g < one.grounds.size(); ++g) {
            const auto &x = several.summary[g], &y = one.summary[g];
            CHECK(std::tie(x.max_score, x.max_step, x.steps_per_level, x.share_passing_high) ==
                  std::tie(y.max_score, y.max_step, y.steps_per_level, y.share_passing_high));
        }
    }
}

namespace {

/// A chain of `blocks` blocks of intake -> algorithmic selection on postcode -> investigation or on, of which the
/// first `risky` select and the rest are plain tasks: a process whose action plan lies in its first steps.
artikel1::Process blocks_risky_first(std::size_t blocks, std::size_t risky) {
    artikel1::Process p;
    p.id = "blocks";
    p.name = "Blocks";
    p.cases_per_year = 1000;
    p.attributes = {{"postcode", "postcode", ""}};
    auto id = [](const char* kind, std::size_t b) { return std::string(kind) + std::to_string(b); };
    for (std::size_t b = 0; b < blocks; ++b) {
        artikel1::Step intake, select, investigate, pass;
        intake.id = id("intake", b);
        select.id = id("select", b);
        investigate.id = id("investigate", b);
        pass.id = id("pass", b);
        if (b < risky) {
            intake.channel = artikel1::Channel::in_person;
            intake.discretion = artikel1::Discretion::broad;
            select.kind = artikel1::StepKind::decision;
            select.automation = artikel1::Automation::algorithmic;
            select.uses = {{"postcode", artikel1::AttributeRole::selection_criterion, ""}};
            investigate.severity = artikel1::Severity::severe;
        }
        for (auto* s : {&intake, &select, &investigate, &pass}) p.steps.push_back(*s);
        p.flows.push_back({intake.id, select.id, false, std::nullopt, ""});
        p.flows.push_back({select.id, investigate.id, b < risky, 0.1, ""});
        p.flows.push_back({select.id, pass.id, false, 0.9, ""});
        p.flows.push_back({investigate.id, pass.id, false, std::nullopt, ""});
        p.flows.push_back({pass.id, b + 1 < blocks ? id("intake", b + 1) : std::string("done"), false, std::nullopt, ""});
    }
    artikel1::Step done;
    done.id = "done";
    done.kind = artikel1::StepKind::outcome;
    p.steps.push_back(done);
    p.start = "intake0";
    return p;
}

} // namespace

TEST_CASE("the action plan of a large process is reserved once and gives back what it did not use", "[method11]") {
    artikel1::AssessOptions options;
    options.explanations = false;
    const auto& kb = artikel1::KnowledgeBase::builtin();
    // 2,500 blocks (10,001 steps) that all plan: the rows of the first sixteenth of the steps foretell the rest (here
    // a little more than the rest), so the rows are reserved once; grown by doubling from empty, the 49,824 rows
    // would have had room for 65,536.
    const auto even = artikel1::assess(blocks_risky_first(2500, 2500), kb, options);
    REQUIRE(even.recommendations.size() == 49824);
    CHECK(even.recommendations.capacity() <= even.recommendations.size() * 5 / 4);
    // Only the first 160 blocks (the sample) plan: the room reserved for 16 times their rows is given back.
    const auto first = artikel1::assess(blocks_risky_first(2500, 160), kb, options);
    REQUIRE(first.recommendations.size() == 3024);
    CHECK(first.recommendations.capacity() <= 2 * first.recommendations.size() + 1024);
    CHECK(first.recommendations.back().step == "select159");
    // Two threads score ranges of 5,000 steps, too few to reserve: the same plan, row for row.
    options.threads = 2;
    for (const auto* one : {&even, &first}) {
        const auto process = blocks_risky_first(2500, one == &even ? 2500 : 160);
        const auto two = artikel1::assess(process, kb, options);
        REQUIRE(two.recommendations.size() == one->recommendations.size());
        std::size_t other_rows = 0;
        for (std::size_t i = 0; i < two.recommendations.size(); ++i) {
            const auto &x = two.recommendations[i], &y = one->recommendations[i];
            other_rows += std::tie(x.step, x.ground, x.measure, x.score_after, x.rank) == std::tie(y.step, y.ground, y.measure, y.score_after, y.rank) ? 0 : 1;
        }
        CHECK(other_rows == 0);
    }
}

TEST_CASE("a score and a recommendation copied out of their assessment keep the texts they name", "[method11]") {
    artikel1::StepGroundScore score;
    artikel1::Recommendation row;
    {
        auto a = assess_builtin(queue_check(0.03));
        score = a.at("select", "race");
        REQUIRE_FALSE(a.recommendations.empty());
        row = a.recommendations.front();
    } // the assessment is gone; the copies hold the store their views point into
    REQUIRE(score.contributions.size() == 2);
    CHECK(score.contributions[0].detail == "selection_criterion, manual, kind caseworker_impression");
    CHECK(score.contributions[0].factors[0].name == "strength caseworker_impression");
    CHECK(score.contributions[1].detail == "broad discretion, channel in_person");
    REQUIRE_FALSE(score.robustness.movers.empty());
    CHECK(score.robustness.movers[0].name == "vulnerability"); // 1 x 1.25, the one weight not capped at 1
    CHECK(row.step == "select");
    CHECK(row.ground == "race");
    CHECK(row.measure == "random_sampling"); // the selection aimed at its largest source
}
