// SPDX-License-Identifier: EUPL-1.2
// Validation: every kind of problem, triggered by a small bad model, with its exact pointer and message.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using json = nlohmann::ordered_json;
using Lines = std::vector<std::string>;

TEST_CASE("a small valid model has no problems", "[validation]") {
    CHECK(test::problems_of(test::small_model(), true).empty());
}

TEST_CASE("malformed JSON is reported with line and column", "[validation]") {
    auto report = artikel1::read_process("{\n  \"schema\": \"artikel1/process/1\",\n  \"id\": \"x\" \"name\": 1\n}", test::kb());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].line == 3);
    CHECK(report.problems[0].column == 18); // the end of the unexpected token
    CHECK(report.problems[0].pointer.empty());
    CHECK(report.problems[0].message == "syntax error while parsing object - unexpected string literal; expected '}'");
    CHECK_THROWS_AS(artikel1::load_process("[1, 2", test::kb()), artikel1::ParseError);
    try {
        artikel1::load_process("{\"a\": tru}", test::kb(), {}, "model.json");
    } catch (const artikel1::ParseError& e) {
        CHECK(e.line() == 1);
        CHECK(e.column() == 10);
        CHECK(std::string(e.what()) == "model.json:1:10: syntax error while parsing value - invalid literal; last read: '\"a\": tru}'");
    }
}

TEST_CASE("wrong types are reported at their pointer", "[validation]") {
    auto m = test::small_model();
    m["name"] = 3;
    m["steps"][1]["uses"][0]["attribute"] = true;
    m["flows"][1]["probability"] = "0.8";
    m["flows"][2]["adverse"] = "yes";
    m["steps"][3]["signals"] = json::array({{{"ground", "race"}, {"count", -1}}});
    CHECK(test::problems_of(m) == Lines{
        "/name: expected a string, found a number",
        "/steps/1/uses/0/attribute: expected a string, found a boolean",
        "/steps/3/signals/0/count: expected a whole number >= 0, found -1",
        "/flows/1/probability: expected a number, found a string",
        "/flows/2/adverse: expected true or false, found a string",
    });
}

TEST_CASE("missing required members and the wrong schema", "[validation]") {
    auto m = test::small_model();
    m.erase("id");
    m["schema"] = "artikel1/process/9";
    m["steps"][0].erase("kind");
    CHECK(test::problems_of(m) == Lines{
        "/schema: unsupported schema \"artikel1/process/9\" (expected \"artikel1/process/1\" or \"artikel1/process/2\")",
        ": missing required member \"id\"",
        "/steps/0: missing required member \"kind\"",
    });
    CHECK(test::problems_of(json::array()) == Lines{": expected an object, found an array"});
}

TEST_CASE("unknown enum values", "[validation]") {
    auto m = test::small_model();
    m["steps"][1]["discretion"] = "wide";
    m["steps"][0]["channel"] = "fax";
    m["steps"][1]["uses"][0]["role"] = "filter";
    m["vulnerability"] = "very";
    CHECK(test::problems_of(m) == Lines{
        "/vulnerability: unknown value \"very\" (expected one of: none, elevated, high)",
        "/steps/0/channel: unknown value \"fax\" (expected one of: in_person, phone, paper, digital, none)",
        "/steps/1/discretion: unknown value \"wide\" (expected one of: none, bounded, broad)",
        "/steps/1/uses/0/role: unknown value \"filter\" (expected one of: input, verification, decision_criterion, "
        "selection_criterion)",
    });
}

TEST_CASE("duplicate ids", "[validation]") {
    auto m = test::small_model();
    m["steps"][2]["id"] = "check";
    m["steps"][2]["kind"] = "outcome";
    m["attributes"].push_back({{"id", "pc"}, {"kind", "postcode"}});
    auto lines = test::problems_of(m);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] == "/attributes/1/id: duplicate attribute id \"pc\" (first used at /attributes/0)");
    CHECK(lines[1] == "/steps/2/id: duplicate step id \"check\" (first used at /steps/1)");
}

TEST_CASE("references to unknown steps, attributes, measures, grounds and kinds", "[validation]") {
    auto m = test::small_model();
    m["flows"][1]["to"] = "okay";
    m["flows"][0]["from"] = "begin";
    m["steps"][1]["uses"][0]["attribute"] = "zip";
    m["steps"][1]["measures"] = {"bias_testing", "prayer"};
    m["steps"][1]["assumptions"] = {{{"text", "t"}, {"grounds", {"race", "star_sign"}}}};
    m["steps"][1]["signals"] = {{{"ground", "hair"}, {"count", 1}}};
    m["attributes"][0]["kind"] = "shoe_size";
    auto lines = test::problems_of(m);
    Lines expected{
        "/attributes/0/kind: unknown attribute kind \"shoe_size\"",
        "/steps/1/uses/0/attribute: unknown attribute \"zip\"",
        "/steps/1/measures/1: unknown measure \"prayer\"",
        "/steps/1/assumptions/0/grounds/1: unknown ground \"star_sign\"",
        "/steps/1/signals/0/ground: unknown ground \"hair\"",
        "/flows/0/from: flow from unknown step \"begin\"",
        "/flows/1/to: flow to unknown step \"okay\"",
    };
    REQUIRE(lines.size() >= expected.size());
    CHECK(Lines(lines.begin(), lines.begin() + static_cast<long>(expected.size())) == expected);
}

TEST_CASE("probabilities out of range or not summing to 1", "[validation]") {
    auto m = test::small_model();
    m["flows"][1]["probability"] = 1.5;
    CHECK(test::problems_of(m) == Lines{
        "/flows/1/probability: probability 1.5 is outside 0..1",
        "/steps/1: probabilities of the flows leaving \"check\" sum to 1.7, not 1",
    });
    m["flows"][1]["probability"] = 0.7;
    CHECK(test::problems_of(m) == Lines{"/steps/1: probabilities of the flows leaving \"check\" sum to 0.8999999999999999, not 1"});
    m["flows"][1].erase("probability"); // the missing one takes the remainder: valid
    CHECK(test::problems_of(m).empty());
}

TEST_CASE("no start, several starts, unknown start", "[validation]") {
    auto m = test::small_model();
    m["flows"].push_back({{"from", "check"}, {"to", "start"}, {"probability", 0.0}});
    CHECK(test::problems_of(m) ==
          Lines{": no start: every step has an incoming flow; name the first step in \"start\""});
    m["start"] = "start";
    CHECK(test::problems_of(m).empty()); // a rework loop back to the start is valid with an explicit start

    auto two = test::small_model();
    two["steps"].push_back({{"id", "other"}, {"kind", "task"}});
    two["flows"].push_back({{"from", "other"}, {"to", "check"}});
    CHECK(test::problems_of(two) == Lines{": no single start: 2 steps have no incoming flow (\"start\", \"other\"); "
                                          "name the first step in \"start\""});
    two["start"] = "nowhere";
    CHECK(test::problems_of(two) == Lines{"/start: unknown start step \"nowhere\""});
}

TEST_CASE("unreachable steps are warnings, dead ends are errors", "[validation]") {
    auto m = test::small_model();
    m["start"] = "start";
    m["steps"].push_back({{"id", "orphan"}, {"kind", "outcome"}});
    CHECK(test::problems_of(m, true) ==
          Lines{"warning /steps/4: step \"orphan\" is unreachable from the start \"start\""});
    auto report = artikel1::read_process(m.dump(), test::kb());
    CHECK(report.ok());
    CHECK(report.warning_count() == 1);

    auto dead = test::small_model();
    dead["steps"].push_back({{"id", "limbo"}, {"kind", "task"}});
    dead["flows"][2]["probability"] = 0.1;
    dead["flows"].push_back({{"from", "check"}, {"to", "limbo"}, {"probability", 0.1}});
    CHECK(test::problems_of(dead) ==
          Lines{"/steps/4: step \"limbo\" is a dead end: it has no outgoing flow and is not an outcome"});
}

TEST_CASE("cycles (rework loops) are valid", "[validation]") {
    auto m = test::small_model();
    m["flows"][1]["probability"] = 0.6;
    m["flows"].push_back({{"from", "check"}, {"to", "start"}, {"probability", 0.2}, {"condition", "incomplete"}});
    m["start"] = "start";
    CHECK(test::problems_of(m, true).empty());
}

TEST_CASE("a loop that cases can never leave is an error", "[validation]") {
    auto m = test::small_model();
    m["start"] = "start";
    m["steps"].push_back({{"id", "x"}, {"kind", "task"}});
    m["steps"].push_back({{"id", "y"}, {"kind", "task"}});
    m["flows"][2]["probability"] = 0.1;
    m["flows"].push_back({{"from", "check"}, {"to", "x"}, {"probability", 0.1}});
    m["flows"].push_back({{"from", "x"}, {"to", "y"}});
    m["flows"].push_back({{"from", "y"}, {"to", "x"}});
    CHECK(test::problems_of(m) == Lines{"/steps/4: cases that reach \"x\" can never leave its loop: add a flow out of "
                                        "the loop or an outcome"});
}

TEST_CASE("unknown members and adverse flows into harmless steps are warnings", "[validation]") {
    auto m = test::small_model();
    m["colour"] = "blue";
    m["flows"][1]["adverse"] = true;
    CHECK(test::problems_of(m, true) == Lines{
        "warning /colour: unknown member \"colour\" is ignored",
        "warning /flows/1/adverse: adverse flow leads to step \"ok\" whose severity is none; its burden is not "
        "counted in the impact",
    });
}

TEST_CASE("a step id used three times points at its first use; a flow from an unknown step is still checked", "[validation]") {
    auto m = test::small_model();
    m["steps"].push_back(m["steps"][1]);
    m["steps"].push_back(m["steps"][1]);
    m["flows"][1]["from"] = "nowhere";
    m["flows"][1]["adverse"] = true;
    auto lines = test::problems_of(m, true);
    REQUIRE(lines.size() >= 4);
    CHECK(Lines(lines.begin(), lines.begin() + 4) == Lines{
        "/steps/4/id: duplicate step id \"check\" (first used at /steps/1)",
        "/steps/5/id: duplicate step id \"check\" (first used at /steps/1)",
        "/flows/1/from: flow from unknown step \"nowhere\"",
        "warning /flows/1/adverse: adverse flow leads to step \"ok\" whose severity is none; its burden is not "
        "counted in the impact",
    });
}

TEST_CASE("every problem is reported at once, and load_process throws them all", "[validation]") {
    auto m = test::small_model();
    m["steps"][0]["kind"] = "job";
    m["flows"][0]["to"] = "chek";
    m["attributes"][0]["kind"] = "size";
    try {
        artikel1::load_process(m.dump(), test::kb());
        FAIL("expected a ValidationError");
    } catch (const artikel1::ValidationError& e) {
        CHECK(e.problems().size() >= 3);
        CHECK(std::string(e.what()).rfind("/steps/0/kind: unknown value \"job\"", 0) == 0);
    }
}

TEST_CASE("long user tokens are truncated in messages", "[validation]") {
    auto m = test::small_model();
    m["flows"][0]["to"] = std::string(500, 'x');
    auto lines = test::problems_of(m);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == "/flows/0/to: flow to unknown step \"" + std::string(60, 'x') + "...\"");
}

TEST_CASE("resource limits: size and nesting depth", "[validation][limits]") {
    artikel1::ParseLimits limits;
    limits.max_bytes = 10;
    CHECK_THROWS_WITH(artikel1::read_process(test::small_model().dump(), test::kb(), limits),
                      Catch::Contains("bytes; the limit is 10 bytes"));
    limits = {};
    limits.max_depth = 4;
    std::string deep = "{\"a\":[[[[[1]]]]]}";
    CHECK_THROWS_WITH(artikel1::load_process(deep, test::kb(), limits, "deep.json"),
                      "deep.json nests deeper than 4 levels");
    CHECK_THROWS_AS(artikel1::load_process(std::string(100000, '['), test::kb()), artikel1::LimitError);
}

TEST_CASE("a number too large for a double is a parse error with its position (found by fuzzing)", "[validation]") {
    auto report = artikel1::read_process("{\"schema\": \"artikel1/process/1\",\n \"cases_per_year\": 5e308}", test::kb());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].message == "number overflow parsing '5e308'");
    CHECK(report.problems[0].line == 2);
    CHECK(report.problems[0].column == 20);
}
