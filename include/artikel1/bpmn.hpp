// SPDX-License-Identifier: EUPL-1.2
// artikel1: reading BPMN 2.0 process models (docs/formats.md#bpmn-models), as modelling tools write them (Camunda
// Modeler, bpmn.io, Signavio, BiZZdesign). The XML is parsed with expat and turned into an artikel1/process/1
// document, which is then checked like any model (read_process_json): every problem at once.
//
// Mapping: tasks are steps of kind task, their automation from the task type (user and manual tasks manual; service,
// script and business-rule tasks rule_based); exclusive, inclusive, complex and event-based gateways are decision
// points; end events are outcomes; start and intermediate events, parallel gateways, sub-processes and call
// activities are steps of kind task. Sequence flows keep their ids' ends, names and conditions (the name, else the
// text of the conditionExpression). A lane's name becomes the description of the steps in it. The annotations of
// the method come from attributes in the namespace urn:artikel1:bpmn:1 (prefix a1 by convention), or from a side
// file of annotations (artikel1/bpmn-annotations/1) that refers to the elements by id: see the docs.
// What the file holds beyond the model (the element types, the ids of the flows, the lanes, the pool and the diagram
// interchange) goes into the member "bpmn" of the document, so that writing the model back (bpmn_export.hpp) keeps it.
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/xml.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process_io.hpp>

#include <expat.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

/// The namespace of artikel1's annotations in a BPMN file.
inline constexpr const char* bpmn_annotation_namespace = "urn:artikel1:bpmn:1";

/// The schema id of a side file of annotations: the method's annotations of a BPMN file kept beside it.
inline constexpr const char* bpmn_annotations_schema = "artikel1/bpmn-annotations/1";

/// A side file of annotations (artikel1/bpmn-annotations/1): its text and the name its errors give.
struct BpmnAnnotationsFile {
    std::string_view text;
    std::string name = "annotations.json";
};

namespace detail {

/// Which annotations a BPMN file gives itself, in the a1: namespace: the keys of the process, and per flow node and
/// sequence flow id (the side file may not give them again).
struct BpmnInFileAnnotations {
    std::set<std::string> process;
    std::map<std::string, std::set<std::string>> steps, flows;
};

/// Where the members a side file gave are in the model's document and in the side file: pairs of JSON pointers
/// ("/steps/1/channel", "/steps/intake/channel").
using BpmnSideOrigins = std::vector<std::pair<std::string, std::string>>;

/// Merges the side file `side` into `document` (the document of the BPMN file, before its lanes' descriptions),
/// recording in `origins` where each member came from; throws ValidationError with every problem, their pointers
/// into the side file (src/core/bpmn_annotations.cpp).
void merge_bpmn_annotations(nlohmann::ordered_json& document, const std::vector<std::string>& flow_ids,
                            const BpmnInFileAnnotations& in_file, const nlohmann::ordered_json& side, BpmnSideOrigins& origins);

/// The problems of `report` that lie in a member the side file gave, with their pointers into the side file: thrown
/// as one ValidationError when one of them is an error (the model's other problems follow once the side file is
/// right), else left in `report`.
void throw_side_problems(const ProcessReport& report, const BpmnSideOrigins& origins);

inline constexpr std::string_view bpmn_model_namespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view bpmn_di_namespace = "http://www.omg.org/spec/BPMN/20100524/DI";
inline constexpr std::string_view bpmn_dc_namespace = "http://www.omg.org/spec/DD/20100524/DC";
inline constexpr std::string_view bpmn_dd_di_namespace = "http://www.omg.org/spec/DD/20100524/DI";

/// Builds the artikel1/process/1 document of a BPMN file, element by element.
class BpmnReader : ExpatReader<BpmnReader> {
public:
    explicit BpmnReader(std::string name) : ExpatReader(std::move(name), "BPMN file") {
        document_ = {{"schema", "artikel1/process/1"}, {"steps", nlohmann::ordered_json::array()}, {"flows", nlohmann::ordered_json::array()}};
    }

    /// The document of `text`; with `side`, its annotations merged in (merge_bpmn_annotations) and where they came
    /// from in `origins`.
    nlohmann::ordered_json read(std::string_view text, const nlohmann::ordered_json* side = nullptr, BpmnSideOrigins* origins = nullptr) {
        XML_Parser parser = create_parser(true);
        XML_SetCharacterDataHandler(parser, &BpmnReader::on_text);
        if (text.size() > (std::size_t{1} << 28))
            throw LimitError("bpmn_too_large", {name_});
        check(XML_Parse(parser, text.data(), static_cast<int>(text.size()), XML_TRUE));
        if (!seen_definitions_) throw ParseError("bpmn_no_definitions", {}, 1, 1, name_);
        if (document_["steps"].empty()) throw ParseError("bpmn_no_process", {}, 1, 1, name_);
        if (!attributes_.empty()) document_["attributes"] = attributes_;
        BpmnSideOrigins ignored;
        if (side) merge_bpmn_annotations(document_, flow_ids_.get<std::vector<std::string>>(), in_file_, *side, origins ? *origins : ignored);
        for (auto& step : document_["steps"]) {
            auto lane = lanes_.find(step["id"].get<std::string>());
            if (lane != lanes_.end() && !step.contains("description")) step["description"] = "Lane: " + lane->second;
        }
        document_["bpmn"] = layout();
        return detail::sorted_by_name(document_); // members in name order, as this document has always been given
    }

private:
    friend class ExpatReader<BpmnReader>;

    static void XMLCALL on_text(void* self, const XML_Char* text, int length) {
        auto* reader = static_cast<BpmnReader*>(self);
        if ((reader->in_condition_ || reader->in_assumption_ || reader->in_source_) && reader->condition_.size() < 4096)
            reader->condition_.append(text, static_cast<std::size_t>(length));
    }
    /// The namespace and local name of an expanded name ("uri local").
    static std::pair<std::string_view, std::string_view> split(const XML_Char* name) {
        std::string_view n(name);
        auto space = n.rfind(' ');
        if (space == std::string_view::npos) return {{}, n};
        return {n.substr(0, space), n.substr(space + 1)};
    }

    static const XML_Char* attribute(const XML_Char** attributes, std::string_view wanted) {
        for (const XML_Char** a = attributes; *a; a += 2) {
            if (wanted == a[0]) return a[1];
        }
        return nullptr;
    }

    /// artikel1's annotations on an element: attributes "urn:artikel1:bpmn:1 KEY".
    static std::map<std::string, std::string> annotations(const XML_Char** attributes) {
        std::map<std::string, std::string> found;
        for (const XML_Char** a = attributes; *a; a += 2) {
            auto [ns, local] = split(a[0]);
            if (ns == bpmn_annotation_namespace) found[std::string(local)] = a[1];
        }
        return found;
    }

    static std::vector<std::string> list(const std::string& text, char separator) {
        std::vector<std::string> items;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find(separator, start);
            if (end == std::string::npos) end = text.size();
            std::string item = text.substr(start, end - start);
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            if (!item.empty()) items.push_back(item);
            start = end + 1;
        }
        return items;
    }

    /// The member "bpmn": what the file holds beyond the model, the diagram only for elements of the model.
    nlohmann::ordered_json layout() {
        nlohmann::ordered_json out = {{"elements", elements_}, {"flows", flow_ids_}};
        std::map<std::string, bool> known;
        for (const auto& s : document_["steps"]) known[s["id"].get<std::string>()] = true;
        if (!collaboration_.empty()) {
            for (const auto& [id, participant] : participants_) {
                if (participant.first != document_["id"]) continue;
                out["collaboration"] = collaboration_;
                out["participant"] = {{"id", id}, {"name", participant.second}};
                known[id] = true;
                break;
            }
        }
        if (!lane_list_.empty()) {
            out["lane_set"] = lane_set_;
            out["lanes"] = lane_list_;
            for (const auto& lane : lane_list_) known[lane["id"].get<std::string>()] = true;
        }
        nlohmann::ordered_json shapes = nlohmann::ordered_json::object(), edges = nlohmann::ordered_json::object();
        for (auto& [id, bounds] : shapes_.items()) {
            if (known.count(id) && bounds.size() == 4) shapes[id] = bounds;
        }
        std::map<std::string, bool> flows;
        for (const auto& f : flow_ids_) flows[f.get<std::string>()] = true;
        for (auto& [id, points] : edges_.items()) {
            if (flows.count(id) && points.size() >= 2) edges[id] = points;
        }
        if (!shapes.empty()) out["shapes"] = shapes;
        if (!edges.empty()) out["edges"] = edges;
        return out;
    }

    double coordinate(const XML_Char** attributes, const char* name, const char* element) {
        const XML_Char* value = attribute(attributes, name);
        if (!value) error("bpmn_needs_attribute", {element, name});
        char* end = nullptr;
        double n = std::strtod(value, &end);
        if (!*value || *end != '\0' || !std::isfinite(n))
            error("bpmn_coordinate", {element, name, quote_token(value)});
        return n;
    }

    /// The diagram interchange of the first plane: bounds of shapes, waypoints of edges (labels left out).
    void diagram(std::string_view ns, std::string_view local, const XML_Char** attributes) {
        if (ns == bpmn_di_namespace && local == "BPMNPlane") {
            ++planes_;
            return;
        }
        if (planes_ != 1) return;
        if (ns == bpmn_di_namespace && (local == "BPMNShape" || local == "BPMNEdge")) {
            const XML_Char* element = attribute(attributes, "bpmnElement");
            di_element_ = element ? element : "";
            di_is_edge_ = local == "BPMNEdge";
            if (!di_is_edge_) shapes_[di_element_] = nlohmann::ordered_json::array();
            else edges_[di_element_] = nlohmann::ordered_json::array();
        } else if (ns == bpmn_di_namespace && local == "BPMNLabel") {
            in_label_ = true;
        } else if (ns == bpmn_dc_namespace && local == "Bounds" && !in_label_ && !di_element_.empty() && !di_is_edge_) {
            shapes_[di_element_] = {coordinate(attributes, "x", "dc:Bounds"), coordinate(attributes, "y", "dc:Bounds"),
                                    coordinate(attributes, "width", "dc:Bounds"), coordinate(attributes, "height", "dc:Bounds")};
        } else if (ns == bpmn_dd_di_namespace && local == "waypoint" && !di_element_.empty() && di_is_edge_) {
            edges_[di_element_].push_back({coordinate(attributes, "x", "di:waypoint"), coordinate(attributes, "y", "di:waypoint")});
        }
    }

    void step(const XML_Char** attributes, std::string_view kind, const char* automation, std::string_view type) {
        const XML_Char* id = attribute(attributes, "id");
        if (!id) error("bpmn_flow_node_without_id", {});
        elements_[id] = type;
        nlohmann::ordered_json s = {{"id", id}, {"kind", kind}};
        if (const XML_Char* name = attribute(attributes, "name")) s["name"] = name;
        if (automation) s["automation"] = automation;
        for (const auto& [key, value] : annotations(attributes)) {
            in_file_.steps[id].insert(key);
            if (key == "measures") s["measures"] = list(value, ',');
            else if (key == "uses") {
                // "attribute:role[:legal basis]; ..." (role input when left out)
                nlohmann::ordered_json uses = nlohmann::ordered_json::array();
                for (const auto& use : list(value, ';')) {
                    auto colon = use.find(':');
                    nlohmann::ordered_json u = {{"attribute", use.substr(0, colon)}, {"role", "input"}};
                    if (colon != std::string::npos) {
                        auto second = use.find(':', colon + 1);
                        u["role"] = use.substr(colon + 1, second == std::string::npos ? std::string::npos : second - colon - 1);
                        if (second != std::string::npos) u["legal_basis"] = use.substr(second + 1);
                    }
                    uses.push_back(std::move(u));
                }
                s["uses"] = uses;
            } else if (key == "kind" || key == "channel" || key == "discretion" || key == "automation" || key == "severity" ||
                       key == "rule_complexity" || key == "description") {
                s[key] = value;
            } else {
                error("bpmn_unknown_annotation_on", {quote_token(key), quote_token(id)});
            }
        }
        document_["steps"].push_back(std::move(s));
        step_depth_ = depth_;
    }

    nlohmann::ordered_json& current_step(const char* what) {
        if (!step_depth_) error("bpmn_annotation_outside", {what});
        auto& step = document_["steps"].back();
        in_file_.steps[step["id"].get<std::string>()].insert(std::string(what) + "s");
        return step;
    }

    void start(const XML_Char* expanded, const XML_Char** attributes) {
        auto [ns, local] = split(expanded);
        ++depth_;
        if (ns == bpmn_di_namespace || ns == bpmn_dc_namespace || ns == bpmn_dd_di_namespace) return diagram(ns, local, attributes);
        if (ns == bpmn_annotation_namespace && local == "assumption") {
            const XML_Char* grounds = attribute(attributes, "grounds");
            if (!grounds) error("bpmn_assumption_grounds", {});
            auto& step = current_step("assumption");
            step["assumptions"].push_back({{"text", ""}, {"grounds", list(grounds, ',')}});
            in_assumption_ = true;
            condition_.clear();
            return;
        }
        if (ns == bpmn_annotation_namespace && local == "source") {
            in_file_.process.insert("sources");
            in_source_ = true;
            condition_.clear();
            return;
        }
        if (ns == bpmn_annotation_namespace && local == "signal") {
            const XML_Char* ground = attribute(attributes, "ground");
            const XML_Char* count = attribute(attributes, "count");
            if (!ground || !count) error("bpmn_signal_parts", {});
            char* end = nullptr;
            unsigned long long n = std::strtoull(count, &end, 10);
            if (!*count || *end != '\0' || *count == '-') error("bpmn_whole_number", {"signal count", quote_token(count)});
            nlohmann::ordered_json signal = {{"ground", ground}, {"count", n}};
            if (const XML_Char* source = attribute(attributes, "source")) signal["source"] = source;
            current_step("signal")["signals"].push_back(std::move(signal));
            return;
        }
        if (ns == bpmn_annotation_namespace && local == "attribute") {
            const XML_Char* id = attribute(attributes, "id");
            const XML_Char* kind = attribute(attributes, "kind");
            if (!id || !kind) error("bpmn_attribute_parts", {});
            in_file_.process.insert("attributes");
            nlohmann::ordered_json a = {{"id", id}, {"kind", kind}};
            if (const XML_Char* name = attribute(attributes, "name")) a["name"] = name;
            attributes_.push_back(std::move(a));
            return;
        }
        if (ns != bpmn_model_namespace) return;
        if (local == "definitions") {
            seen_definitions_ = true;
            return;
        }
        if (local == "collaboration" && collaboration_.empty()) {
            const XML_Char* id = attribute(attributes, "id");
            collaboration_ = id ? id : "";
            return;
        }
        if (local == "participant") {
            const XML_Char* id = attribute(attributes, "id");
            const XML_Char* process = attribute(attributes, "processRef");
            const XML_Char* name = attribute(attributes, "name");
            if (id && process) participants_.emplace_back(id, std::make_pair(std::string(process), std::string(name ? name : "")));
            return;
        }
        if (local == "process") {
            if (!document_.contains("id")) {
                const XML_Char* id = attribute(attributes, "id");
                document_["id"] = id ? id : "process";
                const XML_Char* name = attribute(attributes, "name");
                document_["name"] = name ? name : document_["id"].get<std::string>();
                for (const auto& [key, value] : annotations(attributes)) {
                    in_file_.process.insert(key);
                    if (key == "cases_per_year") {
                        char* end = nullptr;
                        double n = std::strtod(value.c_str(), &end);
                        if (value.empty() || *end != '\0') error("bpmn_number", {"cases_per_year", quote_token(value)});
                        document_[key] = n;
                    } else if (key == "vulnerability" || key == "organisation" || key == "description" || key == "start") {
                        document_[key] = value;
                    } else {
                        error("bpmn_unknown_annotation_process", {quote_token(key)});
                    }
                }
            }
            return;
        }
        if (local == "laneSet" && lane_set_.empty()) {
            const XML_Char* id = attribute(attributes, "id");
            lane_set_ = id ? id : "";
            return;
        }
        if (local == "lane") {
            const XML_Char* name = attribute(attributes, "name");
            lane_ = name ? name : "";
            const XML_Char* id = attribute(attributes, "id");
            lane_list_.push_back({{"id", id ? id : ""}, {"name", lane_}, {"steps", nlohmann::ordered_json::array()}});
            return;
        }
        if (local == "flowNodeRef") {
            in_condition_ = true; // the text is collected the same way
            condition_.clear();
            return;
        }
        if (local == "userTask" || local == "manualTask") return step(attributes, "task", "manual", local);
        if (local == "serviceTask" || local == "scriptTask" || local == "businessRuleTask" || local == "sendTask" ||
            local == "receiveTask")
            return step(attributes, "task", "rule_based", local);
        if (local == "task" || local == "startEvent" || local == "intermediateCatchEvent" || local == "intermediateThrowEvent" ||
            local == "parallelGateway" || local == "subProcess" || local == "callActivity")
            return step(attributes, "task", nullptr, local);
        if (local == "exclusiveGateway" || local == "inclusiveGateway" || local == "complexGateway" || local == "eventBasedGateway")
            return step(attributes, "decision", nullptr, local);
        if (local == "endEvent") return step(attributes, "outcome", nullptr, local);
        if (local == "sequenceFlow") {
            const XML_Char* from = attribute(attributes, "sourceRef");
            const XML_Char* to = attribute(attributes, "targetRef");
            if (!from || !to) error("bpmn_flow_refs", {});
            nlohmann::ordered_json f = {{"from", from}, {"to", to}};
            const XML_Char* flow_id = attribute(attributes, "id");
            flow_ids_.push_back(flow_id ? flow_id : "");
            if (const XML_Char* name = attribute(attributes, "name"); name && *name) f["condition"] = name;
            for (const auto& [key, value] : annotations(attributes)) {
                if (flow_id) in_file_.flows[flow_id].insert(key);
                if (key == "adverse") {
                    if (value != "true" && value != "false") error("bpmn_boolean", {"adverse", quote_token(value)});
                    f["adverse"] = value == "true";
                } else if (key == "probability") {
                    char* end = nullptr;
                    double p = std::strtod(value.c_str(), &end);
                    if (value.empty() || *end != '\0') error("bpmn_number", {"probability", quote_token(value)});
                    f["probability"] = p;
                } else if (key == "burden") {
                    f["burden"] = value;
                } else if (key == "count" || key == "of") {
                    char* end = nullptr;
                    unsigned long long n = std::strtoull(value.c_str(), &end, 10);
                    if (value.empty() || *end != '\0' || value[0] == '-')
                        error("bpmn_whole_number", {key, quote_token(value)});
                    f[key] = n;
                } else {
                    error("bpmn_unknown_annotation_flow", {quote_token(key)});
                }
            }
            document_["flows"].push_back(std::move(f));
            flow_open_ = true;
            return;
        }
        if (local == "conditionExpression" && flow_open_) {
            in_condition_ = true;
            condition_.clear();
        }
    }

    void end(const XML_Char* expanded) {
        auto [ns, local] = split(expanded);
        if (depth_ == step_depth_) step_depth_ = 0;
        --depth_;
        if (ns == bpmn_di_namespace && (local == "BPMNShape" || local == "BPMNEdge")) di_element_.clear();
        if (ns == bpmn_di_namespace && local == "BPMNLabel") in_label_ = false;
        if (ns == bpmn_annotation_namespace && local == "assumption") {
            in_assumption_ = false;
            std::string text = condition_;
            text.erase(0, text.find_first_not_of(" \t\r\n"));
            text.erase(text.find_last_not_of(" \t\r\n") + 1);
            document_["steps"].back()["assumptions"].back()["text"] = text;
        }
        if (ns == bpmn_annotation_namespace && local == "source") {
            in_source_ = false;
            std::string text = condition_;
            text.erase(0, text.find_first_not_of(" \t\r\n"));
            text.erase(text.find_last_not_of(" \t\r\n") + 1);
            document_["sources"].push_back(text);
        }
        if (ns != bpmn_model_namespace) return;
        if (local == "flowNodeRef") {
            in_condition_ = false;
            std::string ref = condition_;
            ref.erase(0, ref.find_first_not_of(" \t\r\n"));
            ref.erase(ref.find_last_not_of(" \t\r\n") + 1);
            if (!lane_.empty()) lanes_[ref] = lane_;
            if (!lane_list_.empty()) lane_list_.back()["steps"].push_back(ref);
        } else if (local == "conditionExpression" && in_condition_) {
            in_condition_ = false;
            std::string text = condition_;
            text.erase(0, text.find_first_not_of(" \t\r\n"));
            text.erase(text.find_last_not_of(" \t\r\n") + 1);
            auto& flow = document_["flows"].back();
            if (!text.empty() && !flow.contains("condition")) flow["condition"] = text;
        } else if (local == "sequenceFlow") {
            flow_open_ = false;
        } else if (local == "lane") {
            lane_.clear();
        }
    }

    nlohmann::ordered_json document_;
    nlohmann::ordered_json attributes_ = nlohmann::ordered_json::array();
    BpmnInFileAnnotations in_file_;
    std::map<std::string, std::string> lanes_; // flow node id -> lane name
    // What goes into the member "bpmn" (layout()).
    nlohmann::ordered_json elements_ = nlohmann::ordered_json::object(), flow_ids_ = nlohmann::ordered_json::array(), lane_list_ = nlohmann::ordered_json::array();
    nlohmann::ordered_json shapes_ = nlohmann::ordered_json::object(), edges_ = nlohmann::ordered_json::object();
    std::string collaboration_, lane_set_, di_element_;
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> participants_; // id -> (processRef, name)
    std::size_t planes_ = 0;
    bool di_is_edge_ = false, in_label_ = false;
    std::string lane_, condition_;
    std::size_t depth_ = 0, step_depth_ = 0; // step_depth_: the depth of the open flow node element (0: none)
    bool seen_definitions_ = false, flow_open_ = false, in_condition_ = false, in_assumption_ = false, in_source_ = false;
};

} // namespace detail

/// The artikel1/process/1 document of a BPMN 2.0 file (throws ParseError with line and column for malformed XML).
inline nlohmann::ordered_json bpmn_to_process_json(std::string_view text, const std::string& name = "model.bpmn") {
    return detail::BpmnReader(name).read(text);
}

/// The same, with the annotations of a side file merged in (docs/formats.md#annotations-beside-the-bpmn-file). The
/// side file's malformed JSON is a ParseError naming it with line and column; its other problems (an id the BPMN file
/// lacks, an unknown key, a key the BPMN file gives too) are one ValidationError with their JSON pointers.
inline nlohmann::ordered_json bpmn_to_process_json(std::string_view text, const std::string& name, const BpmnAnnotationsFile& annotations) {
    nlohmann::ordered_json side = detail::parse_json(annotations.text, {}, annotations.name);
    return detail::BpmnReader(name).read(text, &side);
}

/// Reads a BPMN 2.0 file as a process model and checks it as read_process does.
inline ProcessReport read_bpmn(std::string_view text, const KnowledgeBase& kb = KnowledgeBase::builtin(),
                               const std::string& name = "model.bpmn") {
    return read_process_json(bpmn_to_process_json(text, name), kb);
}

/// Reads a BPMN 2.0 file with its side file of annotations and checks the model as read_process does. Throws for
/// the side file's problems as bpmn_to_process_json does, and also for the errors the check finds in a value the
/// side file gave (an unknown channel, a probability above 1): one ValidationError, pointers into the side file
/// (/steps/intake/channel). The model's other problems are in the report.
inline ProcessReport read_bpmn(std::string_view text, const BpmnAnnotationsFile& annotations,
                               const KnowledgeBase& kb = KnowledgeBase::builtin(), const std::string& name = "model.bpmn") {
    nlohmann::ordered_json side = detail::parse_json(annotations.text, {}, annotations.name);
    detail::BpmnSideOrigins origins;
    ProcessReport report = read_process_json(detail::BpmnReader(name).read(text, &side, &origins), kb);
    detail::throw_side_problems(report, origins);
    return report;
}

/// Whether a file name is a BPMN file (.bpmn, or .bpmn20.xml as some tools name them).
inline bool is_bpmn_file(std::string_view name) {
    auto ends = [&](std::string_view suffix) { return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix; };
    return ends(".bpmn") || ends(".BPMN") || ends(".bpmn20.xml");
}

} // namespace artikel1
