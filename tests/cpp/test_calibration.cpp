// SPDX-License-Identifier: EUPL-1.2
// The calibration suite: every public case of examples/calibration/expectations.json comes out within the levels
// written from the findings of its investigation or ruling, and its redesign at least one level lower on every
// investigated ground and at most medium (or the case's own stated maximum).
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/examples.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

TEST_CASE("calibration: each public case within the levels its findings give, its redesign lower", "[calibration]") {
    std::ifstream in(test::source_path("examples/calibration/expectations.json"));
    std::stringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::ordered_json::parse(text.str());
    const auto& kb = artikel1::KnowledgeBase::builtin();
    std::size_t cases = 0, checked = 0;
    bool in_person_discretion = false, found_sound = false;
    for (const auto& c : doc["cases"]) {
        ++cases;
        auto name = c["model"].get<std::string>();
        auto process = artikel1::builtin_example(name, kb);
        auto a = artikel1::assess(process, kb);
        for (const auto& step : process.steps)
            in_person_discretion = in_person_discretion || (step.channel == artikel1::Channel::in_person &&
                                                            step.discretion == artikel1::Discretion::broad &&
                                                            step.kind == artikel1::StepKind::decision);
        found_sound = found_sound || !c.contains("redesign");
        for (const auto& [ground, range] : c["expected"].items()) {
            INFO(name << " / " << ground);
            std::size_t level = a.summary[a.ground_index(ground)].max_level;
            CHECK(level >= kb.method().level_index_of(range["min"].get<std::string>()));
            CHECK(level <= kb.method().level_index_of(range["max"].get<std::string>()));
            ++checked;
            if (!c.contains("redesign")) continue;
            auto after = artikel1::assess(artikel1::builtin_example(c["redesign"].get<std::string>(), kb), kb);
            std::size_t redesigned = after.summary[after.ground_index(ground)].max_level;
            INFO("redesign " << c["redesign"].get<std::string>());
            CHECK(redesigned + 1 <= level);
            CHECK(redesigned <= kb.method().level_index_of(c.value("redesign_max", std::string("medium"))));
        }
    }
    CHECK(cases == 8);
    CHECK(checked == 18);
    CHECK(in_person_discretion); // at least one in-person discretionary check (the Marechaussee's queue)
    CHECK(found_sound);          // at least one process found sound (Utrecht)
}

TEST_CASE("calibration: the Marechaussee's queue check, by hand", "[calibration]") {
    auto a = artikel1::assess(artikel1::builtin_example("kmar-mtv-controle"));
    const auto& s = a.at("selectie-rij", "race");
    // proxies as selection criteria by hand (manual 0.8): flight 0.6 x 0.8 = 0.48, appearance 0.9 x 0.8 = 0.72,
    // behaviour 0.5 x 0.8 = 0.4; discretion broad 0.6 x in person 0.9 = 0.54; assumption 0.3; 2 complaints 0.19
    double none = (1 - 0.48) * (1 - 0.72) * (1 - 0.4) * (1 - 0.54) * (1 - 0.3) * (1 - 0.19);
    CHECK(s.likelihood == Catch::Detail::Approx(1 - none));
    // on the adverse branch the public search is a high burden for everyone pulled out: 0.75 x (0.5 + 0.5 x 1);
    // deprivation of liberty follows for 5% of them: 1.0 x (0.5 + 0.5 x 0.05) = 0.525, less
    CHECK(s.impact == Catch::Detail::Approx(0.75));
    CHECK(s.score == Catch::Detail::Approx(std::round(1000 * (1 - none) * 0.75) / 10));
    CHECK(a.level_id(s.level) == "very_high");
}
