// SPDX-License-Identifier: EUPL-1.2
// The side file of annotations of a BPMN file (artikel1/bpmn-annotations/1): the worked example written as a plain
// BPMN file and its side file (the shipped examples/bpmn/plain/), read back to the same document as the annotated
// file, written again to the same bytes; a JSON model through the side file; and every error with its message.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/bpmn.hpp>
#include <artikel1/bpmn_export.hpp>
#include <artikel1/examples.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace artikel1;

namespace bpmn_annotations_test {

std::string source_file(const std::string& relative) {
    std::ifstream in(test::source_path(relative), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The document of a BPMN file with a side file, as save_process writes it.
std::string read_with(const std::string& bpmn, const std::string& side) {
    auto report = read_bpmn(bpmn, BpmnAnnotationsFile{side, "side.json"}, KnowledgeBase::builtin(), "m.bpmn");
    REQUIRE(report.ok());
    return save_process(report.process);
}

/// A BPMN file without the version of the artikel1 that wrote it (the shipped files were written by one version).
std::string without_version(std::string xml) {
    auto at = xml.find("exporterVersion=\"");
    if (at != std::string::npos) xml.erase(at, xml.find('"', at + 17) + 1 - at);
    return xml;
}

BpmnExport plain(const Process& p, const Assessment* a = nullptr) {
    BpmnExportOptions options;
    options.assessment = a;
    options.graphviz = false;
    options.annotations_in_side_file = true;
    return to_bpmn(p, options);
}

/// The problems of a side file for the BPMN text, as "pointer: message" lines ("no error" when it is read).
std::vector<std::string> side_problems(const std::string& bpmn, const std::string& side) {
    try {
        bpmn_to_process_json(bpmn, "m.bpmn", BpmnAnnotationsFile{side, "side.json"});
    } catch (const ValidationError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) out.push_back(p.pointer + ": " + p.message);
        return out;
    }
    return {"no error"};
}

/// A plain BPMN file: a task, a gateway and two end events, joined by three sequence flows; the task says its
/// channel itself.
const char* const small_bpmn = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:a1="urn:artikel1:bpmn:1" id="d">
  <bpmn:process id="p" name="Kleine procedure">
    <bpmn:userTask id="a" name="Aanvraag" a1:channel="paper" />
    <bpmn:exclusiveGateway id="d" />
    <bpmn:endEvent id="y" />
    <bpmn:endEvent id="n" />
    <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="d" />
    <bpmn:sequenceFlow id="f2" sourceRef="d" targetRef="y" a1:probability="0.75" />
    <bpmn:sequenceFlow id="f3" sourceRef="d" targetRef="n" />
  </bpmn:process>
</bpmn:definitions>
)";

} // namespace bpmn_annotations_test

TEST_CASE("BPMN side file: the worked example as a plain BPMN file and its side file, and back", "[bpmn]") {
    using namespace bpmn_annotations_test;
    const std::string annotated = source_file("examples/bpmn/bijstand-aanvraag.bpmn");
    auto report = read_bpmn(annotated, KnowledgeBase::builtin(), "bijstand-aanvraag.bpmn");
    REQUIRE(report.ok());
    Assessment a = assess(report.process, KnowledgeBase::builtin());
    BpmnExport out = plain(report.process, &a);
    REQUIRE(out.notes.empty());
    // The shipped pair is what the export writes.
    REQUIRE(without_version(out.xml) == without_version(source_file("examples/bpmn/plain/bijstand-aanvraag.bpmn")));
    REQUIRE(out.annotations == source_file("examples/bpmn/plain/bijstand-aanvraag.annotations.json"));
    // No trace of the namespace urn:artikel1:bpmn:1, the colours stay.
    REQUIRE(out.xml.find("a1:") == std::string::npos);
    REQUIRE(out.xml.find("urn:artikel1:bpmn:1") == std::string::npos);
    REQUIRE(out.xml.find("<bpmn:userTask id=\"intake\" name=\"Intakegesprek met de klantmanager\">") != std::string::npos);
    REQUIRE(out.xml.find("bpmnElement=\"intake\" bioc:stroke=\"#222222\" bioc:fill=\"#d73027\" color:background-color=\"#d73027\" "
                         "color:border-color=\"#222222\">") != std::string::npos);
    REQUIRE(out.xml.find("<bpmn:sequenceFlow id=\"Flow_03\" sourceRef=\"intake\" targetRef=\"afwijzing\" name=\"geen recht of "
                         "aanvraag ingetrokken\" />") != std::string::npos);
    nlohmann::ordered_json side = nlohmann::ordered_json::parse(out.annotations);
    REQUIRE(side["schema"] == "artikel1/bpmn-annotations/1");
    REQUIRE(side["process"] == "bijstand-aanvraag");
    REQUIRE(side["cases_per_year"] == 12000);
    REQUIRE(side["attributes"].size() == 10);
    REQUIRE(side["steps"]["afwijzing"] == nlohmann::ordered_json::parse(R"({"kind": "outcome", "automation": "manual", "severity": "high"})"));
    REQUIRE(side["steps"]["intake"]["uses"][1] ==
            nlohmann::ordered_json::parse(R"j({"attribute": "verblijfsstatus", "role": "verification", "legal_basis": "Participatiewet art. 11 (rechthebbenden)"})j"));
    REQUIRE(side["flows"]["Flow_03"] == nlohmann::ordered_json::parse(R"({"adverse": true, "probability": 0.1})"));
    REQUIRE_FALSE(side["flows"].contains("Flow_01")); // a flow without annotations is left out
    REQUIRE(side["steps"].size() == 9);                // toekenning has none

    // Read back: the document of the annotated file, byte for byte; written again: the same two files.
    REQUIRE(read_with(out.xml, out.annotations) == save_process(report.process));
    Process again = load_process(read_with(out.xml, out.annotations), KnowledgeBase::builtin());
    BpmnExport twice = plain(again, &a);
    REQUIRE(twice.xml == out.xml);
    REQUIRE(twice.annotations == out.annotations);
    // Without the side file the plain file is a model without the method's annotations.
    auto bare = read_bpmn(out.xml, KnowledgeBase::builtin(), "plain.bpmn");
    REQUIRE(bare.process.attributes.empty());
    REQUIRE(bare.process.flows[2].adverse == false);
}

TEST_CASE("BPMN side file: a JSON model keeps in it what the a1: namespace cannot carry", "[bpmn]") {
    using namespace bpmn_annotations_test;
    nlohmann::ordered_json model = test::small_model();
    model["steps"][1]["uses"][0]["legal_basis"] = "Wet X art. 2; lid 3"; // a ';' does not survive a1:uses
    model["flows"][2]["groups"] = nlohmann::ordered_json::parse(R"([{"ground": "race", "group": "a", "probability": 0.3}])");
    Process p = load_process(model.dump(), KnowledgeBase::builtin());
    BpmnExportOptions in_file;
    in_file.graphviz = false;
    REQUIRE(to_bpmn(p, in_file).notes == std::vector<std::string>{"the probabilities per group of 1 flow(s) are not written to BPMN",
                                                                 "a legal basis with a ';' or ending in a space is not read back as written"});
    BpmnExport out = plain(p);
    REQUIRE(out.notes.empty());
    REQUIRE(out.annotations == R"({
  "schema": "artikel1/bpmn-annotations/1",
  "process": "small",
  "attributes": [
    {
      "id": "pc",
      "kind": "postcode"
    }
  ],
  "steps": {
    "check": {
      "uses": [
        {
          "attribute": "pc",
          "role": "selection_criterion",
          "legal_basis": "Wet X art. 2; lid 3"
        }
      ]
    },
    "reject": {
      "severity": "high"
    }
  },
  "flows": {
    "Flow_2": {
      "probability": 0.8
    },
    "Flow_3": {
      "adverse": true,
      "probability": 0.2,
      "groups": [
        {
          "ground": "race",
          "group": "a",
          "probability": 0.3
        }
      ]
    }
  }
}
)");
    nlohmann::ordered_json back = nlohmann::ordered_json::parse(read_with(out.xml, out.annotations));
    back.erase("bpmn");
    REQUIRE(back == nlohmann::ordered_json::parse(save_process(p)));
}

TEST_CASE("BPMN side file: annotations in the file and beside it, for different keys of one element", "[bpmn]") {
    using namespace bpmn_annotations_test;
    nlohmann::ordered_json doc = bpmn_to_process_json(small_bpmn, "m.bpmn", BpmnAnnotationsFile{R"({"schema": "artikel1/bpmn-annotations/1",
        "process": "p", "organisation": "Gemeente X", "steps": {"a": {"discretion": "broad"}, "n": {"severity": "high"}},
        "flows": {"f2": {"count": 3, "of": 4}, "f3": {"adverse": true}}})"});
    REQUIRE(doc["organisation"] == "Gemeente X");
    REQUIRE(doc["steps"][0] == test::by_name(nlohmann::ordered_json::parse(R"({"id": "a", "kind": "task", "name": "Aanvraag", "automation": "manual",
        "channel": "paper", "discretion": "broad"})")));
    REQUIRE(doc["steps"][3]["severity"] == "high");
    REQUIRE(doc["flows"][1] == test::by_name(nlohmann::ordered_json::parse(R"({"from": "d", "to": "y", "probability": 0.75, "count": 3, "of": 4})")));
    REQUIRE(doc["flows"][2]["adverse"] == true);
    // The kind and automation an element type gives are no annotation: the side file may change them.
    doc = bpmn_to_process_json(small_bpmn, "m.bpmn",
                               BpmnAnnotationsFile{R"({"schema": "artikel1/bpmn-annotations/1", "process": "p",
                                   "steps": {"a": {"automation": "algorithmic", "kind": "decision"}}})"});
    REQUIRE(doc["steps"][0]["automation"] == "algorithmic");
    REQUIRE(doc["steps"][0]["kind"] == "decision");
}

TEST_CASE("BPMN side file: every error, with its pointer into the side file", "[bpmn]") {
    using namespace bpmn_annotations_test;
    const std::string head = R"({"schema": "artikel1/bpmn-annotations/1", "process": "p", )";
    REQUIRE(side_problems(small_bpmn, "[1]") == std::vector<std::string>{": expected an object, found an array"});
    REQUIRE(side_problems(small_bpmn, "{}") ==
            std::vector<std::string>{": missing required member \"schema\"", ": missing required member \"process\""});
    REQUIRE(side_problems(small_bpmn, R"({"schema": "artikel1/bpmn-annotations/2", "process": "q"})") ==
            std::vector<std::string>{"/schema: unsupported schema \"artikel1/bpmn-annotations/2\" (expected \"artikel1/bpmn-annotations/1\")",
                                     "/process: the BPMN file's process is \"p\", not \"q\""});
    REQUIRE(side_problems(small_bpmn, head + R"("colour": "red", "cases_per_year": "12000"})") ==
            std::vector<std::string>{"/cases_per_year: expected a number, found a string",
                                     "/colour: unknown annotation \"colour\" (expected one of: schema, process, steps, flows, "
                                     "organisation, description, sources, cases_per_year, vulnerability, start, attributes)"});
    REQUIRE(side_problems(small_bpmn, head + R"("steps": [], "flows": {"f1": 1}})") ==
            std::vector<std::string>{"/steps: expected an object, found an array", "/flows/f1: expected an object, found a number"});
    // An id the BPMN file lacks, cut to 60 characters; a flow node listed as a flow and a flow as a flow node.
    const std::string long_id(80, 'x');
    REQUIRE(side_problems(small_bpmn, head + R"("steps": {")" + long_id + R"(": {}, "f1": {}}, "flows": {"a": {}}})") ==
            std::vector<std::string>{"/steps/f1: the BPMN file has no flow node \"f1\"",
                                     "/steps/" + std::string(60, 'x') + "...: the BPMN file has no flow node \"" + std::string(60, 'x') + "...\"",
                                     "/flows/a: the BPMN file has no sequence flow \"a\""});
    REQUIRE(side_problems(small_bpmn, head + R"("steps": {"a": {"chanel": "phone", "uses": "pc"}}, "flows": {"f3": {"adverse": "yes", "weight": 1}}})") ==
            std::vector<std::string>{"/steps/a/chanel: unknown annotation \"chanel\" (expected one of: kind, description, channel, "
                                     "discretion, automation, rule_complexity, severity, uses, measures, assumptions, signals)",
                                     "/steps/a/uses: expected an array, found a string",
                                     "/flows/f3/adverse: expected a boolean, found a string",
                                     "/flows/f3/weight: unknown annotation \"weight\" (expected one of: adverse, probability, count, of, "
                                     "groups, burden)"});
    // A key the BPMN file gives too, in the a1: namespace: no silent precedence.
    REQUIRE(side_problems(small_bpmn, head + R"("steps": {"a": {"channel": "phone"}}, "flows": {"f2": {"probability": 0.5}}})") ==
            std::vector<std::string>{"/steps/a/channel: the BPMN file gives \"channel\" of \"a\" too, in the a1: namespace: give each "
                                     "annotation in one place",
                                     "/flows/f2/probability: the BPMN file gives \"probability\" of \"f2\" too, in the a1: namespace: "
                                     "give each annotation in one place"});
    const std::string annotated = source_file("examples/bpmn/bijstand-aanvraag.bpmn");
    REQUIRE(side_problems(annotated, R"({"schema": "artikel1/bpmn-annotations/1", "process": "bijstand-aanvraag",
        "attributes": [], "sources": [], "cases_per_year": 1, "steps": {"intake": {"signals": [], "assumptions": [], "severity": "low"}}})") ==
            std::vector<std::string>{
                "/attributes: the BPMN file gives \"attributes\" of \"bijstand-aanvraag\" too, in the a1: namespace: give each annotation in one place",
                "/cases_per_year: the BPMN file gives \"cases_per_year\" of \"bijstand-aanvraag\" too, in the a1: namespace: give each annotation in one place",
                "/steps/intake/assumptions: the BPMN file gives \"assumptions\" of \"intake\" too, in the a1: namespace: give each annotation in one place",
                "/steps/intake/signals: the BPMN file gives \"signals\" of \"intake\" too, in the a1: namespace: give each annotation in one place"});
    // Malformed JSON: the side file's name with line and column.
    REQUIRE(test::message_of([] { bpmn_to_process_json(small_bpmn, "m.bpmn", BpmnAnnotationsFile{"{\"schema\": ", "side.json"}); }) ==
            "side.json:1:12: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
    // A file without a process element: the model's check finds the missing id, the side file is merged.
    const std::string no_process = R"(<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
      <bpmn:endEvent id="e" /></bpmn:definitions>)";
    REQUIRE(bpmn_to_process_json(no_process, "m.bpmn", BpmnAnnotationsFile{head + R"("steps": {"e": {"severity": "high"}}})"})["steps"][0]["severity"] ==
            "high");
    // A value the side file gives is checked with the model and reported at its place in the side file; the model's
    // own problems stay in the report.
    auto checked = [&](const std::string& side) {
        std::vector<std::string> out;
        try {
            for (const auto& p : read_bpmn(small_bpmn, BpmnAnnotationsFile{side}, KnowledgeBase::builtin()).problems)
                out.push_back("report " + p.pointer + ": " + p.message);
        } catch (const ValidationError& e) {
            for (const auto& p : e.problems()) out.push_back("side " + p.pointer + ": " + p.message);
        }
        return out;
    };
    REQUIRE(checked(head + R"("steps": {"d": {"discretion": "wide", "uses": [{"attribute": "pc", "role": "input"}]}},
        "flows": {"f3": {"probability": 1.5}}, "vulnerability": "low"})") ==
            std::vector<std::string>{"side /vulnerability: unknown value \"low\" (expected one of: none, elevated, high)",
                                     "side /steps/d/discretion: unknown value \"wide\" (expected one of: none, bounded, broad)",
                                     "side /steps/d/uses/0/attribute: unknown attribute \"pc\"",
                                     "side /flows/f3/probability: probability 1.5 is outside 0..1"});
    // A warning alone stays in the report, at its place in the model's document.
    REQUIRE(checked(head + R"("flows": {"f3": {"adverse": true}}})") ==
            std::vector<std::string>{"report /flows/2/adverse: adverse flow leads to step \"n\" whose severity is none; its burden is "
                                     "not counted in the impact"});
}

TEST_CASE("BPMN side file: the team's work of schema /2 stays in the JSON model", "[bpmn]") {
    using namespace bpmn_annotations_test;
    Process toets = builtin_example("bijstand-aanvraag-toets");
    BpmnExport out = plain(toets);
    REQUIRE(out.notes == std::vector<std::string>{"the team's work (schema artikel1/process/2) is not written to BPMN: keep the JSON document"});
    for (const char* member : {"\"justification\":", "\"held_by\":", "\"status\":", "\"actions\":", "\"input\":", "\"team\":"})
        REQUIRE(out.annotations.find(member) == std::string::npos);
    auto report = read_bpmn(out.xml, BpmnAnnotationsFile{out.annotations}, KnowledgeBase::builtin());
    REQUIRE(report.ok());
    REQUIRE(report.process.schema_version == 1);
    REQUIRE(report.process.steps[1].assumptions.size() == toets.steps[1].assumptions.size());
}
