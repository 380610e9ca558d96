// SPDX-License-Identifier: EUPL-1.2
// The knowledge base: the built-in one, replacing it, extending it, and its validation.
#include "test_support.hpp"

#include <artikel1/knowledge_base.hpp>

#include <catch2/catch.hpp>

using json = nlohmann::ordered_json;

TEST_CASE("the built-in knowledge base has the grounds, kinds, channels and measures the method needs", "[kb]") {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    CHECK(kb.id() == "artikel1-default");
    CHECK(kb.method().id == "artikel1-method/1.1");
    std::vector<std::string> grounds;
    for (const auto& g : kb.grounds()) {
        grounds.push_back(g.id);
        CHECK_FALSE(g.label.nl.empty());
        CHECK_FALSE(g.label.en.empty());
        CHECK_FALSE(g.legal_source.empty());
    }
    CHECK(grounds == std::vector<std::string>{"religion", "belief", "political_opinion", "race", "sex", "disability",
                                              "sexual_orientation", "nationality", "age", "chronic_illness",
                                              "civil_status"});
    CHECK(kb.find_ground("race")->label.nl == "ras");
    CHECK(kb.attribute_kinds().size() >= 20);
    CHECK(kb.measures().size() >= 12);
    for (const auto& kind : kb.attribute_kinds()) {
        for (const auto& [ground, weight] : kind.proxy) {
            INFO(kind.id << " -> " << ground);
            CHECK_FALSE(weight.rationale.empty());
        }
    }
    for (const auto& m : kb.measures()) {
        CHECK_FALSE(m.label.nl.empty());
        CHECK_FALSE(m.description.en.empty());
        CHECK_FALSE(m.dampens.empty());
    }
    // docs/method.md's worked example depends on these defaults
    CHECK(kb.find_attribute_kind("postcode")->strength("race") == 0.5);
    CHECK(kb.find_attribute_kind("nationality")->strength("nationality") == 1.0);
    CHECK(kb.method().severity_of(artikel1::Severity::moderate) == 0.5);
    CHECK(kb.channel(artikel1::Channel::in_person).of("race") > kb.channel(artikel1::Channel::digital).of("race"));
}

TEST_CASE("a knowledge base is replaced from a file", "[kb]") {
    const auto& kb = test::kb();
    CHECK(kb.id() == "test-kb");
    CHECK(kb.grounds().size() == 3);
    CHECK(kb.find_measure("bias_testing")->dampens[0].factor == 0.7);
    CHECK(kb.find_measure("nope") == nullptr);
    CHECK_THROWS_WITH(artikel1::KnowledgeBase::from_file("/nonexistent/kb.json"), "cannot open /nonexistent/kb.json: No such file or directory");
}

TEST_CASE("a knowledge base is extended: replace by id, add new ids, replace method members", "[kb]") {
    json extension = json::parse(R"({
      "schema": "artikel1/knowledge-base/1",
      "grounds": [{"id": "language", "label": {"nl": "taal", "en": "language"}, "legal_source": "own policy"}],
      "attribute_kinds": [
        {"id": "postcode", "label": {"nl": "postcode", "en": "postcode"}, "proxy": {"race": {"value": 0.7, "rationale": "local data"}}},
        {"id": "dialect", "label": {"nl": "dialect", "en": "dialect"}, "proxy": {"language": 0.8}}
      ],
      "method": {"complaint": {"value": 0.2, "rationale": "more weight to signals"}}
    })");
    auto kb = test::kb().extended(extension);
    CHECK(kb.grounds().size() == 4);
    CHECK(kb.find_ground("language")->label.nl == "taal");
    CHECK(kb.find_attribute_kind("postcode")->strength("race") == 0.7);
    CHECK(kb.find_attribute_kind("postcode")->proxy.at("race").rationale == "local data");
    CHECK(kb.find_attribute_kind("dialect")->strength("language") == 0.8);
    CHECK(kb.find_attribute_kind("nationality") != nullptr); // untouched entries stay
    CHECK(kb.method().complaint.value == 0.2);
    CHECK(kb.method().assumption.value == 0.3); // other method members stay
    CHECK(test::kb().method().complaint.value == 0.1); // the original is unchanged
    // the new ground is usable in a model
    auto m = test::small_model();
    m["steps"][1]["signals"] = {{{"ground", "language"}, {"count", 1}}};
    CHECK(test::problems_of(m, false, kb).empty());
    CHECK_FALSE(test::problems_of(m).empty());
}

TEST_CASE("knowledge base problems are all reported with their pointer", "[kb]") {
    json bad = json::parse(artikel1::KnowledgeBase::read_file(std::string(ARTIKEL1_TEST_DATA) + "/test_kb.json"));
    bad["attribute_kinds"][0]["proxy"]["race"]["value"] = 1.5;
    bad["attribute_kinds"][1]["proxy"]["hair"] = 0.5;
    bad["measures"][0]["dampens"][0]["source"] = "luck";
    bad["measures"][1]["id"] = "bias_testing";
    bad["method"]["severity"].erase("severe");
    try {
        artikel1::KnowledgeBase::from_json(bad);
        FAIL("expected a ValidationError");
    } catch (const artikel1::ValidationError& e) {
        std::vector<std::string> lines;
        for (const auto& p : e.problems()) lines.push_back(p.pointer + ": " + p.message);
        CHECK(lines == std::vector<std::string>{
            "/attribute_kinds/0/proxy/race: value 1.5 is outside 0..1",
            "/attribute_kinds/1/proxy/hair: unknown ground \"hair\"",
            "/measures/0/dampens/0/source: unknown value \"luck\" (expected one of: direct, proxy, discretion, "
            "assumption, complaint, rule_complexity, algorithmic_selection, impact)",
            "/measures/1/id: duplicate id \"bias_testing\" (first used at /measures/0)",
            "/method/severity: missing required member \"severe\"",
        });
    }
    CHECK_THROWS_AS(test::kb().extended(json{{"schema", "other"}}), artikel1::ValidationError);
    CHECK_THROWS_AS(artikel1::KnowledgeBase::from_json_text("{\"schema\": "), artikel1::ParseError);
}
