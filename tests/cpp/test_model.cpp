// SPDX-License-Identifier: EUPL-1.2
// The process model and its JSON format: lossless round trips, the built-in examples, the graph.
#include "test_support.hpp"

#include <artikel1/examples.hpp>
#include <artikel1/graph.hpp>
#include <artikel1/graph_analysis.hpp>

#include <catch2/catch.hpp>

#include <random>

TEST_CASE("every built-in example is valid and round-trips byte for byte", "[model]") {
    auto names = artikel1::builtin_example_names();
    REQUIRE_FALSE(names.empty());
    for (const auto& name : names) {
        INFO(name);
        std::string text(artikel1::builtin_example_json(name));
        auto report = artikel1::read_process(text);
        for (const auto& p : report.problems) INFO(p.pointer << ": " << p.message);
        CHECK(report.problems.empty()); // no errors and no warnings in what we ship
        auto first = artikel1::load_process(text);
        std::string saved = artikel1::save_process(first);
        CHECK(saved == text); // the shipped files are in canonical form
        auto second = artikel1::load_process(saved);
        CHECK(second == first);
        CHECK(artikel1::save_process(second) == saved);
        // the file in examples/ is the one compiled in
        CHECK(artikel1::KnowledgeBase::read_file(test::source_path("examples/" + name + ".json")) == text);
    }
}

TEST_CASE("the default example is the social-assistance application", "[model]") {
    auto p = artikel1::builtin_example();
    CHECK(p.id == "bijstand-aanvraag");
    CHECK(p.steps.size() >= 8);
    bool has_home_visit = false, has_objection = false;
    for (const auto& s : p.steps) {
        has_home_visit = has_home_visit || (s.discretion == artikel1::Discretion::broad && s.channel == artikel1::Channel::in_person);
        has_objection = has_objection || s.id.find("bezwaar") != std::string::npos;
    }
    CHECK(has_home_visit);
    CHECK(has_objection);
    CHECK_THROWS_WITH(artikel1::builtin_example_json("nope"), Catch::StartsWith("no built-in example named \"nope\" (available: "));
}

TEST_CASE("a model built in code round-trips with every member set", "[model]") {
    artikel1::Process p;
    p.id = "built";
    p.name = "Gebouwd in code";
    p.organisation = "Gemeente X";
    p.description = "Beschrijving met \"aanhalingstekens\" en é";
    p.sources = {"https://example.org/a"};
    p.cases_per_year = 1234.5;
    p.vulnerability = artikel1::Vulnerability::high;
    p.start = "a";
    p.attributes = {{"pc", "postcode", "Postcode"}};
    artikel1::Step a;
    a.id = "a";
    a.kind = artikel1::StepKind::decision;
    a.name = "A";
    a.description = "d";
    a.channel = artikel1::Channel::phone;
    a.discretion = artikel1::Discretion::bounded;
    a.automation = artikel1::Automation::rule_based;
    a.rule_complexity = artikel1::RuleComplexity::high;
    a.uses = {{"pc", artikel1::AttributeRole::verification, "Wet Y"}};
    a.measures = {"four_eyes"};
    a.assumptions = {{"mensbeeld", {"race"}}};
    a.signals = {{"race", 4, "klachten 2025"}};
    artikel1::Step b;
    b.id = "b";
    b.kind = artikel1::StepKind::outcome;
    b.severity = artikel1::Severity::severe;
    p.steps = {a, b};
    p.flows = {{"a", "b", true, 0.25, "afwijzing"}, {"a", "a", false, 0.75, "herstel"}};
    std::string text = artikel1::save_process(p);
    auto back = artikel1::load_process(text, test::kb());
    CHECK(back == p);
    CHECK(artikel1::save_process(back) == text);
    CHECK(text.find("\"cases_per_year\": 1234.5") != std::string::npos);
    CHECK(text.back() == '\n');
}

TEST_CASE("defaults are left out when saving", "[model]") {
    auto p = artikel1::load_process(test::small_model().dump(), test::kb());
    std::string text = artikel1::save_process(p);
    CHECK(text.find("\"channel\"") == std::string::npos);
    CHECK(text.find("\"adverse\": false") == std::string::npos);
    CHECK(text.find("\"cases_per_year\"") == std::string::npos);
}

TEST_CASE("the graph resolves probabilities and finds the start", "[model][graph]") {
    auto m = test::small_model();
    m["flows"][1].erase("probability");
    auto p = artikel1::load_process(m.dump(), test::kb());
    artikel1::ProcessGraph g(p);
    CHECK(g.step_count() == 4);
    CHECK(g.start() == 0);
    CHECK(g.probability(0) == 1.0);
    CHECK(g.probability(1) == Approx(0.8)); // the remainder of 0.2
    CHECK(g.probability(2) == Approx(0.2));
    auto reach = g.reachable_from(1);
    CHECK(reach == std::vector<bool>{false, true, true, true});
}

TEST_CASE("StepIndex finds every step by id, the first of repeated ids, and nothing for an unknown id; it lists the repeats") {
    std::vector<artikel1::Step> steps(5000);
    for (std::size_t i = 0; i < steps.size(); ++i) steps[i].id = "s" + std::to_string(i % 4000); // 1000 repeated
    steps.push_back({});                                                                            // an empty id
    const artikel1::StepIndex index(steps);
    for (std::size_t i = 0; i < 4000; ++i) REQUIRE(index.find("s" + std::to_string(i)) == i);
    REQUIRE(index.find("") == 5000);
    REQUIRE(index.find("s4000") == artikel1::StepIndex::npos);
    REQUIRE(index.find("S1") == artikel1::StepIndex::npos);
    // The repeats, in step order, each with the first step of its id (what validation reports).
    const auto& repeats = index.repeats();
    REQUIRE(repeats.size() == 1000);
    for (std::size_t r = 0; r < repeats.size(); ++r) REQUIRE(repeats[r] == std::pair<std::size_t, std::size_t>{4000 + r, r});
    const std::vector<artikel1::Step> no_steps;
    const artikel1::StepIndex none(no_steps);
    REQUIRE(none.find("s0") == artikel1::StepIndex::npos);
}

TEST_CASE("immediate_dominators are the dominators by their definition, on random processes, with no recursion") {
    // By definition: d dominates v when every path from the start to v passes d, that is, v is not reached once d
    // is taken out; the immediate dominator is the strict dominator that all the others dominate (the deepest).
    // Steps that the start does not reach, with flows into those it does, are included: Boost's Lengauer-Tarjan,
    // used before, gave no dominator to some steps behind such flows.
    std::mt19937 random(17);
    for (int round = 0; round < 300; ++round) {
        const std::size_t n = 1 + random() % 60, flows = random() % (3 * n + 1);
        artikel1::Process p;
        for (std::size_t i = 0; i < n; ++i) {
            artikel1::Step s;
            s.id = "s" + std::to_string(i);
            p.steps.push_back(s);
        }
        for (std::size_t f = 0; f < flows; ++f)
            p.flows.push_back({p.steps[random() % n].id, p.steps[random() % n].id, false, std::nullopt, ""});
        const std::size_t start = random() % n;
        const artikel1::ProcessGraph pg(p);
        auto reached_without = [&](std::size_t removed) {
            std::vector<bool> seen(n, false);
            std::vector<std::size_t> stack;
            if (start != removed) {
                seen[start] = true;
                stack.push_back(start);
            }
            while (!stack.empty()) {
                std::size_t v = stack.back();
                stack.pop_back();
                for (auto e : boost::make_iterator_range(boost::out_edges(v, pg.graph()))) {
                    std::size_t w = boost::target(e, pg.graph());
                    if (w != removed && !seen[w]) {
                        seen[w] = true;
                        stack.push_back(w);
                    }
                }
            }
            return seen;
        };
        const auto reached = reached_without(n); // nothing removed
        std::vector<std::vector<bool>> dominates(n); // dominates[d][v]: d strictly dominates v
        for (std::size_t d = 0; d < n; ++d) {
            auto without = reached_without(d);
            dominates[d].assign(n, false);
            for (std::size_t v = 0; v < n; ++v) dominates[d][v] = v != d && reached[d] && reached[v] && !without[v];
        }
        const auto got = artikel1::detail::immediate_dominators(pg, start);
        INFO("round " << round << ", " << n << " steps, " << flows << " flows, start " << start);
        for (std::size_t v = 0; v < n; ++v) {
            INFO("step " << v);
            std::size_t expected = artikel1::GraphAnalysis::npos;
            for (std::size_t d = 0; d < n; ++d) {
                if (!dominates[d][v]) continue;
                bool deepest = true;
                for (std::size_t other = 0; other < n && deepest; ++other)
                    deepest = other == d || !dominates[other][v] || dominates[other][d];
                if (deepest) expected = d;
            }
            CHECK(got[v] == expected);
        }
    }
    // A chain of 200,000 steps with a flow back to the start from each: every step is dominated by the one before.
    artikel1::Process chain;
    const std::size_t n = 200000;
    for (std::size_t i = 0; i < n; ++i) {
        artikel1::Step s;
        s.id = "c" + std::to_string(i);
        chain.steps.push_back(s);
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        chain.flows.push_back({chain.steps[i].id, chain.steps[i + 1].id, false, std::nullopt, ""});
        chain.flows.push_back({chain.steps[i + 1].id, chain.steps[0].id, false, std::nullopt, ""});
    }
    const artikel1::ProcessGraph pg(chain);
    const auto idom = artikel1::detail::immediate_dominators(pg, 0);
    REQUIRE(idom[0] == artikel1::GraphAnalysis::npos);
    for (std::size_t i = 1; i < n; ++i) REQUIRE(idom[i] == i - 1);
    REQUIRE(artikel1::detail::immediate_dominators(pg, n)[0] == artikel1::GraphAnalysis::npos); // no such start
}
