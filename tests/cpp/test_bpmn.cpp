// SPDX-License-Identifier: EUPL-1.2
// BPMN 2.0 models: the worked example as a modelling tool writes it (assessed as its JSON twin), the mapping of
// element types, lanes, conditions and annotations, and the errors with their positions.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/bpmn.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace artikel1;

namespace bpmn_test {

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const nlohmann::ordered_json& step_of(const nlohmann::ordered_json& doc, const std::string& id) {
    for (const auto& s : doc["steps"]) {
        if (s["id"] == id) return s;
    }
    throw std::runtime_error("no step " + id);
}

std::string bpmn(const std::string& body, const std::string& process_attributes = "") {
    return "<?xml version=\"1.0\"?>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
           "xmlns:a1=\"urn:artikel1:bpmn:1\">\n<bpmn:process id=\"p\"" + process_attributes + ">\n" + body +
           "</bpmn:process>\n</bpmn:definitions>\n";
}

std::string bpmn_error(const std::string& text) {
    try {
        bpmn_to_process_json(text, "m.bpmn");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace bpmn_test

TEST_CASE("the BPMN worked example reads as its JSON twin and is assessed the same", "[bpmn]") {
    using namespace bpmn_test;
    const std::string text = file_text(test::source_path("examples/bpmn/bijstand-aanvraag.bpmn"));
    auto doc = bpmn_to_process_json(text, "bijstand-aanvraag.bpmn");
    REQUIRE(doc["id"] == "bijstand-aanvraag");
    REQUIRE(doc["name"] == "Aanvraag bijstandsuitkering (Participatiewet)");
    REQUIRE(doc["organisation"] == "Gemeente Voorbeeldstad");
    REQUIRE(doc["cases_per_year"] == 12000.0);
    REQUIRE(doc["attributes"].size() == 10);
    REQUIRE(doc["steps"].size() == 10);
    REQUIRE(doc["flows"].size() == 13);
    REQUIRE(step_of(doc, "melding")["kind"] == "task"); // a start event
    REQUIRE(step_of(doc, "melding")["automation"] == "rule_based");
    REQUIRE(step_of(doc, "intake")["automation"] == "manual"); // a user task
    REQUIRE(step_of(doc, "intake")["uses"][1] ==
            test::by_name(nlohmann::ordered_json{{"attribute", "verblijfsstatus"}, {"role", "verification"}, {"legal_basis", "Participatiewet art. 11 (rechthebbenden)"}}));
    REQUIRE(step_of(doc, "intake")["signals"].size() == 2);
    REQUIRE(step_of(doc, "risicoselectie")["kind"] == "decision"); // an exclusive gateway
    REQUIRE(step_of(doc, "huisbezoek")["description"] == "Lane: Team handhaving");
    REQUIRE(step_of(doc, "afwijzing")["kind"] == "outcome"); // a send task marked a1:kind
    REQUIRE(step_of(doc, "toekenning")["kind"] == "outcome"); // an end event
    REQUIRE(doc["flows"][2] == test::by_name(nlohmann::ordered_json{{"from", "intake"}, {"to", "afwijzing"}, {"adverse", true}, {"probability", 0.1},
                                              {"condition", "geen recht of aanvraag ingetrokken"}}));

    const KnowledgeBase& kb = KnowledgeBase::builtin();
    auto report = read_bpmn(text, kb, "bijstand-aanvraag.bpmn");
    REQUIRE(report.ok());
    REQUIRE(report.warning_count() == 0);
    auto from_bpmn = assess(report.process, kb);
    auto from_json = assess(load_process_file(test::source_path("examples/bijstand-aanvraag.json")), kb);
    REQUIRE(from_bpmn.steps.size() == from_json.steps.size());
    for (std::size_t i = 0; i < from_json.steps.size(); ++i) {
        REQUIRE(from_bpmn.steps[i].id == from_json.steps[i].id);
        for (std::size_t g = 0; g < from_json.steps[i].scores.size(); ++g)
            REQUIRE(from_bpmn.steps[i].scores[g].score == from_json.steps[i].scores[g].score);
    }
}

TEST_CASE("BPMN: task types, gateways, conditions and errors", "[bpmn]") {
    using namespace bpmn_test;
    auto doc = bpmn_to_process_json(bpmn(
        "<bpmn:startEvent id=\"s\"/><bpmn:serviceTask id=\"t\" name=\"Check\" a1:discretion=\"bounded\"/>"
        "<bpmn:inclusiveGateway id=\"g\"/><bpmn:parallelGateway id=\"par\"/><bpmn:endEvent id=\"e\" a1:severity=\"high\"/>"
        "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/>"
        "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"g\"><bpmn:conditionExpression>${score &gt; 7}</bpmn:conditionExpression></bpmn:sequenceFlow>"));
    REQUIRE(doc["id"] == "p");
    REQUIRE(doc["name"] == "p");
    REQUIRE(step_of(doc, "t") == test::by_name(nlohmann::ordered_json{{"id", "t"}, {"kind", "task"}, {"name", "Check"}, {"automation", "rule_based"}, {"discretion", "bounded"}}));
    REQUIRE(step_of(doc, "g")["kind"] == "decision");
    REQUIRE(step_of(doc, "par")["kind"] == "task");
    REQUIRE(step_of(doc, "e") == test::by_name(nlohmann::ordered_json{{"id", "e"}, {"kind", "outcome"}, {"severity", "high"}}));
    REQUIRE(doc["flows"][1] == test::by_name(nlohmann::ordered_json{{"from", "t"}, {"to", "g"}, {"condition", "${score > 7}"}}));

    REQUIRE(bpmn_error("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process>\n</bpmn:definitions>") ==
            "m.bpmn:3:3: not a well-formed BPMN file: mismatched tag");
    REQUIRE(bpmn_error("<definitions/>") == "m.bpmn:1:1: no bpmn:definitions element: not a BPMN 2.0 file");
    REQUIRE(bpmn_error(bpmn("")) == "m.bpmn:1:1: the BPMN file has no process with flow nodes");
    REQUIRE(bpmn_error("<!DOCTYPE d [<!ENTITY x \"y\">]><d/>") == "m.bpmn:1:13: a document type declaration is not accepted in the BPMN file");
    REQUIRE(bpmn_error(bpmn("<bpmn:task id=\"t\" a1:colour=\"red\"/>")) == "m.bpmn:4:1: unknown artikel1 annotation \"colour\" on \"t\"");
    REQUIRE(bpmn_error(bpmn("<bpmn:task/>")) == "m.bpmn:4:1: a flow node without an id");
    REQUIRE(bpmn_error(bpmn("<bpmn:task id=\"t\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"t\" targetRef=\"t\" a1:adverse=\"yes\"/>")) ==
            "m.bpmn:4:20: a1:adverse must be true or false, got \"yes\"");
    REQUIRE(bpmn_error(bpmn("<a1:signal ground=\"race\" count=\"1\"/>")) == "m.bpmn:4:1: an a1:signal outside a flow node");
    // Problems of the model itself are reported as for JSON, every one at once.
    auto report = read_bpmn(bpmn("<bpmn:task id=\"t\" a1:channel=\"fax\"/>"), test::kb());
    REQUIRE_FALSE(report.ok());
    REQUIRE(report.problems[0].pointer == "/steps/0/channel");
}
