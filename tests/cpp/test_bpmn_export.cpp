// SPDX-License-Identifier: EUPL-1.2
// The BPMN export: the worked example written back with its own ids, element types, lanes and diagram (BPMN ->
// artikel1 -> BPMN -> artikel1 gives the same document, byte for byte), a JSON model laid out in layers (positions
// checked by hand), the risk colours, and the member "bpmn" of the process document with its errors.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/bpmn.hpp>
#include <artikel1/bpmn_export.hpp>
#include <artikel1/examples.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace artikel1;

namespace bpmn_export_test {

std::string worked_example() {
    std::ifstream in(test::source_path("examples/bpmn/bijstand-aanvraag.bpmn"), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Process read_ok(const std::string& bpmn_text) {
    auto report = read_bpmn(bpmn_text, KnowledgeBase::builtin(), "m.bpmn");
    REQUIRE(report.ok());
    return report.process;
}

/// A task, a decision and two outcomes, one of them adverse.
const char* const small_json = R"({"schema": "artikel1/process/1", "id": "p", "name": "Kleine procedure",
  "attributes": [{"id": "nat", "kind": "nationality"}],
  "steps": [
    {"id": "a", "kind": "task", "name": "Aanvraag & controle", "channel": "paper", "discretion": "broad",
     "uses": [{"attribute": "nat", "role": "verification", "legal_basis": "Wet X art. 2"}],
     "assumptions": [{"text": "Een <aanname>", "grounds": ["race"]}], "signals": [{"ground": "race", "count": 2}]},
    {"id": "d", "kind": "decision", "automation": "algorithmic"},
    {"id": "y", "kind": "outcome"},
    {"id": "n", "kind": "outcome", "severity": "high"}],
  "flows": [{"from": "a", "to": "d"}, {"from": "d", "to": "y", "probability": 0.75, "condition": "goed"},
            {"from": "d", "to": "n", "adverse": true, "probability": 0.25, "count": 3, "of": 12}]})";

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace bpmn_export_test

TEST_CASE("BPMN export: the worked example keeps its ids, element types, lanes and diagram", "[bpmn]") {
    using namespace bpmn_export_test;
    Process first = read_ok(worked_example());
    REQUIRE(first.bpmn);
    const BpmnLayout& kept = *first.bpmn;
    REQUIRE(kept.collaboration == "Collaboration_bijstand");
    REQUIRE(kept.participant == "Participant_gemeente");
    REQUIRE(kept.participant_name == "Gemeente Voorbeeldstad");
    REQUIRE(kept.lanes.size() == 4);
    REQUIRE(kept.lanes[2] == BpmnLane{"Lane_handhaving", "Team handhaving", {"risicoselectie", "huisbezoek"}});
    REQUIRE(kept.flows.size() == 13);
    REQUIRE(kept.flows[0] == "Flow_01");
    REQUIRE(kept.shapes.size() == 15); // the pool, 4 lanes, 10 flow nodes
    auto shape = [&](const Process& p, const std::string& id) {
        for (const auto& s : p.bpmn->shapes) {
            if (s.element == id) return s.bounds;
        }
        throw std::runtime_error("no shape " + id);
    };
    REQUIRE(shape(first, "intake") == BpmnBounds{360, 295, 100, 80});
    REQUIRE(shape(first, "Lane_loket") == BpmnBounds{150, 80, 1530, 170});
    REQUIRE(kept.edges.size() == 13);
    REQUIRE(kept.edges[0].element == "Flow_01");
    REQUIRE(kept.edges[0].waypoints == std::vector<BpmnPoint>{{236, 165}, {298, 165}, {298, 335}, {360, 335}});

    Assessment a = assess(first, KnowledgeBase::builtin());
    BpmnExportOptions options;
    options.assessment = &a;
    BpmnExport out = to_bpmn(first, options);
    REQUIRE(out.notes.empty());
    const std::string& xml = out.xml;
    REQUIRE(xml.find("<bpmn:startEvent id=\"melding\" name=\"Melding via het digitale loket\" a1:channel=\"digital\" "
                     "a1:automation=\"rule_based\" a1:rule_complexity=\"low\" a1:uses=\"naam:input; geboortedatum:input; zaaknummer:input\">") !=
            std::string::npos);
    REQUIRE(xml.find("<bpmn:sendTask id=\"afwijzing\" name=\"Afwijzing of buitenbehandelingstelling\" a1:kind=\"outcome\" a1:automation=\"manual\"") != std::string::npos);
    REQUIRE(xml.find("<bpmn:sequenceFlow id=\"Flow_01\" sourceRef=\"melding\" targetRef=\"intake\" />") != std::string::npos);
    REQUIRE(xml.find("<bpmn:participant id=\"Participant_gemeente\" name=\"Gemeente Voorbeeldstad\" processRef=\"bijstand-aanvraag\" />") !=
            std::string::npos);
    REQUIRE(xml.find("<bpmndi:BPMNShape id=\"intake_di\" bpmnElement=\"intake\" bioc:stroke=\"#222222\" bioc:fill=\"#d73027\" "
                     "color:background-color=\"#d73027\" color:border-color=\"#222222\" a1:score=\"74.3\" a1:level=\"very_high\" "
                     "a1:ground=\"race\">\n        <dc:Bounds x=\"360\" y=\"295\" width=\"100\" height=\"80\" />") != std::string::npos);
    REQUIRE(xml.find("<bpmndi:BPMNEdge id=\"Flow_01_di\" bpmnElement=\"Flow_01\">\n        <di:waypoint x=\"236\" y=\"165\" />\n"
                     "        <di:waypoint x=\"298\" y=\"165\" />") != std::string::npos);
    // An outcome is coloured by its severity (afwijzing: high), without a score.
    REQUIRE(xml.find("bpmnElement=\"afwijzing\" bioc:stroke=\"#222222\" bioc:fill=\"#9e9ac8\" color:background-color=\"#9e9ac8\" "
                     "color:border-color=\"#222222\">") != std::string::npos);
    REQUIRE(occurrences(xml, "<bpmndi:BPMNShape") == 15);
    REQUIRE(occurrences(xml, "<bpmndi:BPMNEdge") == 13);

    // BPMN -> artikel1 -> BPMN -> artikel1: the same document, and the same file.
    Process second = read_ok(xml);
    REQUIRE(second == first);
    REQUIRE(save_process(second) == save_process(first));
    REQUIRE(to_bpmn(second, options).xml == xml);
    // Through the JSON document too.
    Process third = load_process(save_process(first), KnowledgeBase::builtin());
    REQUIRE(third == first);
    REQUIRE(to_bpmn(third, options).xml == xml);
}

TEST_CASE("BPMN export: a JSON model gets element types by kind and a layered layout", "[bpmn]") {
    using namespace bpmn_export_test;
    Process p = load_process(small_json, KnowledgeBase::builtin());
    REQUIRE(!p.bpmn);
    BpmnExportOptions options;
    options.graphviz = false;
    BpmnExport out = to_bpmn(p, options);
    REQUIRE(out.notes.empty());
    const std::string& xml = out.xml;
    REQUIRE(xml.find("<bpmn:userTask id=\"a\" name=\"Aanvraag &amp; controle\" a1:channel=\"paper\" a1:discretion=\"broad\" "
                     "a1:uses=\"nat:verification:Wet X art. 2\">\n      <bpmn:extensionElements>\n"
                     "        <a1:assumption grounds=\"race\">Een &lt;aanname&gt;</a1:assumption>\n"
                     "        <a1:signal ground=\"race\" count=\"2\" />\n      </bpmn:extensionElements>\n"
                     "      <bpmn:outgoing>Flow_1</bpmn:outgoing>\n    </bpmn:userTask>") != std::string::npos);
    REQUIRE(xml.find("<bpmn:exclusiveGateway id=\"d\" a1:automation=\"algorithmic\">") != std::string::npos);
    REQUIRE(xml.find("<bpmn:endEvent id=\"n\" a1:severity=\"high\">") != std::string::npos);
    REQUIRE(xml.find("<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"d\" targetRef=\"y\" name=\"goed\" a1:probability=\"0.75\" />") !=
            std::string::npos);
    REQUIRE(xml.find("<bpmn:sequenceFlow id=\"Flow_3\" sourceRef=\"d\" targetRef=\"n\" a1:adverse=\"true\" a1:probability=\"0.25\" "
                     "a1:count=\"3\" a1:of=\"12\" />") != std::string::npos);
    REQUIRE(xml.find("xmlns:bioc") == std::string::npos); // no assessment, no colours
    // The layers by hand: columns 180 apart from x 90 (centres), rows 130 apart from y 80.
    REQUIRE(xml.find("bpmnElement=\"a\">\n        <dc:Bounds x=\"40\" y=\"40\" width=\"100\" height=\"80\" />") != std::string::npos);
    REQUIRE(xml.find("bpmnElement=\"d\" isMarkerVisible=\"true\">\n        <dc:Bounds x=\"245\" y=\"55\" width=\"50\" height=\"50\" />") !=
            std::string::npos);
    REQUIRE(xml.find("bpmnElement=\"y\">\n        <dc:Bounds x=\"432\" y=\"62\" width=\"36\" height=\"36\" />") != std::string::npos);
    REQUIRE(xml.find("bpmnElement=\"n\">\n        <dc:Bounds x=\"432\" y=\"192\" width=\"36\" height=\"36\" />") != std::string::npos);
    REQUIRE(xml.find("bpmnElement=\"Flow_3\">\n        <di:waypoint x=\"295\" y=\"80\" />\n        <di:waypoint x=\"432\" y=\"210\" />") !=
            std::string::npos);

    // Read back: the same model, plus what the file holds beyond it.
    Process back = read_ok(xml);
    REQUIRE(back.bpmn);
    REQUIRE(back.bpmn->flows == std::vector<std::string>{"Flow_1", "Flow_2", "Flow_3"});
    REQUIRE(back.bpmn->elements[1] == BpmnElementType{"d", "exclusiveGateway"});
    back.bpmn.reset();
    REQUIRE(save_process(back) == save_process(p));
    REQUIRE(back == p);

    // Graphviz (installed with the test dependencies) draws every step and flow.
    options.graphviz = true;
    BpmnExport laid_out = to_bpmn(p, options);
    REQUIRE(laid_out.notes.empty());
    REQUIRE(occurrences(laid_out.xml, "<bpmndi:BPMNShape") == 4);
    REQUIRE(occurrences(laid_out.xml, "<bpmndi:BPMNEdge") == 3);
    REQUIRE(to_bpmn(p, options).xml == laid_out.xml);
}

TEST_CASE("BPMN export: what a BPMN file cannot carry is said", "[bpmn]") {
    Process p = load_process(builtin_example_json("bijstand-aanvraag-toets"), KnowledgeBase::builtin());
    BpmnExportOptions options;
    options.graphviz = false;
    REQUIRE(to_bpmn(p, options).notes ==
            std::vector<std::string>{"the team's work (schema artikel1/process/2) is not written to BPMN: keep the JSON document"});
}

TEST_CASE("the member bpmn of a process document: its errors", "[bpmn]") {
    using namespace bpmn_export_test;
    auto doc = nlohmann::ordered_json::parse(small_json);
    doc["bpmn"] = {{"flows", {"f1"}}, {"shapes", {{"a", {1, 2, 3}}}}, {"edges", {{"f1", {{1, 2}}}}}, {"colour", "red"}};
    REQUIRE(test::problems_of(doc, true) == std::vector<std::string>{
                "warning /bpmn/colour: unknown member \"colour\" is ignored",
                "/bpmn/flows: names 1 flow ids for 3 flows",
                "/bpmn/shapes/a: expected an array of 4 numbers, found an array",
                "/bpmn/edges/f1: expected an array of at least 2 points [x, y]"});
}

TEST_CASE("BPMN: flow counts, burdens and sources are read", "[bpmn]") {
    const std::string text = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:a1=\"urn:artikel1:bpmn:1\">\n"
                             "<bpmn:process id=\"p\"><bpmn:extensionElements><a1:source> https://example.org/wet </a1:source>"
                             "</bpmn:extensionElements><bpmn:task id=\"t\"/><bpmn:endEvent id=\"e\" a1:severity=\"low\"/>"
                             "<bpmn:sequenceFlow id=\"f\" sourceRef=\"t\" targetRef=\"e\" a1:adverse=\"true\" a1:burden=\"low\" "
                             "a1:count=\"4\" a1:of=\"9\"/></bpmn:process></bpmn:definitions>";
    auto doc = bpmn_to_process_json(text, "m.bpmn");
    REQUIRE(doc["sources"] == test::by_name(nlohmann::ordered_json{"https://example.org/wet"}));
    REQUIRE(doc["flows"][0] == test::by_name(nlohmann::ordered_json{{"from", "t"}, {"to", "e"}, {"adverse", true}, {"burden", "low"}, {"count", 4}, {"of", 9}}));
    std::string bad = text;
    bad.replace(bad.find("a1:count=\"4\""), 12, "a1:count=\"-4\"");
    REQUIRE(test::message_of([&] { bpmn_to_process_json(bad, "m.bpmn"); }) == "m.bpmn:2:179: a1:count must be a whole number, got \"-4\"");
}
