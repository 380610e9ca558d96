// SPDX-License-Identifier: EUPL-1.2
// artikel1: writing a process model as BPMN 2.0 (bpmn_export.hpp), and the member "bpmn" of the process document
// (detail/bpmn_layout.hpp) that keeps what a BPMN file holds beyond the model.
#include <artikel1/bpmn_export.hpp>

#include <artikel1/bpmn.hpp>
#include <artikel1/detail/bpmn_annotations.hpp>
#include <artikel1/detail/bpmn_layout.hpp>
#include <artikel1/detail/xml.hpp>
#include <artikel1/process_io.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dot.hpp>
#include <artikel1/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace artikel1 {

namespace detail {

// ---- the member "bpmn" of the process document ----

namespace {

std::optional<std::vector<double>> numbers(Reader& r, const json& value, const std::string& at, std::size_t count) {
    if (!value.is_array() || value.size() != count) {
        r.error(at, "expected an array of " + std::to_string(count) + " numbers, found " + type_name(value));
        return std::nullopt;
    }
    std::vector<double> out;
    for (const auto& n : value) {
        if (!n.is_number() || !std::isfinite(n.get<double>())) {
            r.error(at, "expected an array of " + std::to_string(count) + " numbers");
            return std::nullopt;
        }
        out.push_back(n.get<double>());
    }
    return out;
}

const json* object_member(Reader& r, const json& object, const char* key, const std::string& at) {
    const json* value = r.member(object, key, at, false);
    if (value && !value->is_object()) {
        r.error(at + "/" + key, "expected an object, found " + type_name(*value));
        return nullptr;
    }
    return value;
}

} // namespace

void read_bpmn_layout(Reader& r, const json& doc, Process& p) {
    const json* b = r.member(doc, "bpmn", "", false);
    if (!b || !r.expect_object(*b, "/bpmn")) return;
    const std::string at = "/bpmn";
    r.unknown_members(*b, at, {"collaboration", "participant", "lane_set", "lanes", "elements", "flows", "shapes", "edges"});
    BpmnLayout layout;
    layout.collaboration = r.string(*b, "collaboration", at, false).value_or("");
    if (const json* participant = object_member(r, *b, "participant", at)) {
        layout.participant = r.id(*participant, "id", at + "/participant", true).value_or("");
        layout.participant_name = r.string(*participant, "name", at + "/participant", false).value_or("");
    }
    layout.lane_set = r.string(*b, "lane_set", at, false).value_or("");
    if (const json* lanes = r.array(*b, "lanes", at, false)) {
        for (std::size_t i = 0; i < lanes->size(); ++i) {
            std::string l_at = at + "/lanes/" + std::to_string(i);
            const json& l = (*lanes)[i];
            if (!r.expect_object(l, l_at)) continue;
            r.unknown_members(l, l_at, {"id", "name", "steps"});
            layout.lanes.push_back({r.id(l, "id", l_at, true).value_or(""), r.string(l, "name", l_at, false).value_or(""),
                                    r.strings(l, "steps", l_at)});
        }
    }
    if (const json* elements = object_member(r, *b, "elements", at)) {
        for (const auto& member : members_by_name(*elements)) { // kept in the order of the ids
            const std::string& id = *member.first;
            const json& type = *member.second;
            if (type.is_string()) layout.elements.push_back({id, type.get<std::string>()});
            else r.error(at + "/elements/" + Reader::escape(cut_token(id)), "expected a string, found " + type_name(type));
        }
    }
    layout.flows = r.strings(*b, "flows", at);
    if (b->contains("flows") && layout.flows.size() != p.flows.size())
        r.error(at + "/flows", "names " + std::to_string(layout.flows.size()) + " flow ids for " + std::to_string(p.flows.size()) + " flows");
    if (const json* shapes = object_member(r, *b, "shapes", at)) {
        for (const auto& member : members_by_name(*shapes)) { // kept in the order of the ids
            const std::string& id = *member.first;
            const json& bounds = *member.second;
            if (auto n = numbers(r, bounds, at + "/shapes/" + Reader::escape(cut_token(id)), 4))
                layout.shapes.push_back(BpmnShape{id, BpmnBounds{(*n)[0], (*n)[1], (*n)[2], (*n)[3]}});
        }
    }
    if (const json* edges = object_member(r, *b, "edges", at)) {
        for (const auto& member : members_by_name(*edges)) { // kept in the order of the ids
            const std::string& id = *member.first;
            const json& points = *member.second;
            std::string e_at = at + "/edges/" + Reader::escape(cut_token(id));
            if (!points.is_array() || points.size() < 2) {
                r.error(e_at, "expected an array of at least 2 points [x, y]");
                continue;
            }
            BpmnEdge edge{id, {}};
            for (const auto& point : points) {
                if (auto n = numbers(r, point, e_at, 2)) edge.waypoints.push_back({(*n)[0], (*n)[1]});
            }
            layout.edges.push_back(std::move(edge));
        }
    }
    p.bpmn = std::move(layout);
}

nlohmann::ordered_json bpmn_layout_json(const BpmnLayout& layout) {
    using oj = nlohmann::ordered_json;
    oj out = oj::object();
    if (!layout.collaboration.empty()) out["collaboration"] = layout.collaboration;
    if (!layout.participant.empty()) {
        out["participant"]["id"] = layout.participant;
        if (!layout.participant_name.empty()) out["participant"]["name"] = layout.participant_name;
    }
    if (!layout.lane_set.empty()) out["lane_set"] = layout.lane_set;
    if (!layout.lanes.empty()) {
        oj lanes = oj::array();
        for (const auto& l : layout.lanes) {
            oj lane;
            lane["id"] = l.id;
            if (!l.name.empty()) lane["name"] = l.name;
            lane["steps"] = l.steps;
            lanes.push_back(std::move(lane));
        }
        out["lanes"] = std::move(lanes);
    }
    out["elements"] = oj::object();
    for (const auto& e : layout.elements) out["elements"][e.step] = e.type;
    out["flows"] = layout.flows;
    if (!layout.shapes.empty()) {
        oj shapes = oj::object();
        for (const auto& s : layout.shapes) shapes[s.element] = {s.bounds.x, s.bounds.y, s.bounds.width, s.bounds.height};
        out["shapes"] = std::move(shapes);
    }
    if (!layout.edges.empty()) {
        oj edges = oj::object();
        for (const auto& e : layout.edges) {
            oj points = oj::array();
            for (const auto& w : e.waypoints) points.push_back({w.x, w.y});
            edges[e.element] = std::move(points);
        }
        out["edges"] = std::move(edges);
    }
    return out;
}

} // namespace detail

// ---- the export ----

namespace {

constexpr const char* model_ns = "http://www.omg.org/spec/BPMN/20100524/MODEL";
/// The outline and text of a coloured shape: the text colour of the HTML report, legible on every level colour.
constexpr const char* stroke_colour = "#222222";

std::string number(double value) {
    double whole = std::floor(value);
    if (whole == value && std::abs(whole) < 9e15) return std::to_string(static_cast<long long>(whole));
    return nlohmann::ordered_json(value).dump();
}

std::string attr(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + detail::xml_escaped(value) + "\"";
}

/// The automation the reader gives a BPMN element type (bpmn.hpp), or none for a type that gives none (manual then).
std::optional<Automation> implied_automation(std::string_view type) {
    if (type == "userTask" || type == "manualTask") return Automation::manual;
    if (type == "serviceTask" || type == "scriptTask" || type == "businessRuleTask" || type == "sendTask" || type == "receiveTask")
        return Automation::rule_based;
    return std::nullopt;
}

StepKind implied_kind(std::string_view type) {
    if (type == "exclusiveGateway" || type == "inclusiveGateway" || type == "complexGateway" || type == "eventBasedGateway")
        return StepKind::decision;
    if (type == "endEvent") return StepKind::outcome;
    return StepKind::task;
}

bool readable_type(std::string_view type) {
    static const std::set<std::string_view> types = {
        "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask", "task",
        "startEvent", "intermediateCatchEvent", "intermediateThrowEvent", "parallelGateway", "subProcess", "callActivity",
        "exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway", "endEvent"};
    return types.count(type) > 0;
}

/// The element type of a step of a model written in JSON: an outcome is an end event (an intermediate throw event
/// when flows leave it), a decision an exclusive gateway, a task by its automation.
std::string default_type(const Step& step, bool has_outgoing) {
    if (step.kind == StepKind::outcome) return has_outgoing ? "intermediateThrowEvent" : "endEvent";
    if (step.kind == StepKind::decision) return "exclusiveGateway";
    if (step.automation == Automation::manual) return "userTask";
    if (step.automation == Automation::rule_based &&
        (step.rule_complexity == RuleComplexity::medium || step.rule_complexity == RuleComplexity::high))
        return "businessRuleTask";
    return "serviceTask";
}

struct Size {
    double width, height;
};

Size default_size(std::string_view type) {
    if (type.ends_with("Gateway")) return {50, 50};
    if (type.ends_with("Event")) return {36, 36};
    return {100, 80};
}

struct Layout {
    std::map<std::string, BpmnBounds> shapes;
    std::map<std::string, std::vector<BpmnPoint>> edges; // by flow id
};

/// Graphviz's layout (dot -Tjson, left to right, polyline edges): nodes at their sizes in pixels (points), edges as the
/// ends of their polyline segments. Empty with the reason in `error` when dot fails.
Layout graphviz_layout(const Process& p, const std::vector<std::string>& types, const std::vector<std::string>& flow_ids,
                       const report::GraphvizLimits& limits, std::string& error) {
    std::string dot = "digraph process {\n  graph [rankdir=LR, nodesep=0.5, ranksep=0.7, splines=polyline];\n"
                      "  node [shape=box, fixedsize=true, label=\"\"];\n  edge [arrowhead=none];\n";
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        index[p.steps[i].id] = i;
        Size size = default_size(types[i]);
        dot += "  n" + std::to_string(i) + " [width=" + number(size.width / 72) + ", height=" + number(size.height / 72) + "];\n";
    }
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        auto from = index.find(p.flows[f].from), to = index.find(p.flows[f].to);
        if (from == index.end() || to == index.end()) continue;
        dot += "  n" + std::to_string(from->second) + " -> n" + std::to_string(to->second) + " [id=e" + std::to_string(f) + "];\n";
    }
    dot += "}\n";
    Layout layout;
    if (dot.size() > limits.max_input_bytes) {
        error = "the graph is " + std::to_string(dot.size()) + " bytes of Graphviz input, more than the " +
                std::to_string(limits.max_input_bytes) + " laid out";
        return layout;
    }
    detail::GraphvizRun run = detail::run_graphviz("-Tjson", dot, limits);
    if (!run.error.empty()) {
        error = run.error;
        return layout;
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::parse(run.output, nullptr, false);
    if (out.is_discarded() || !out.contains("bb")) {
        error = "Graphviz's dot program wrote no layout";
        return layout;
    }
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::sscanf(out["bb"].get<std::string>().c_str(), "%lf,%lf,%lf,%lf", &x0, &y0, &x1, &y1);
    const double margin = 40;
    auto x_of = [&](double x) { return std::round(x - x0 + margin); };
    auto y_of = [&](double y) { return std::round(y1 - y + margin); }; // Graphviz's y grows upwards
    for (const auto& node : out.value("objects", nlohmann::ordered_json::array())) {
        std::string name = node.value("name", "");
        if (name.size() < 2 || name[0] != 'n' || !node.contains("pos")) continue;
        std::size_t i = std::stoul(name.substr(1));
        if (i >= p.steps.size()) continue;
        double cx = 0, cy = 0;
        std::sscanf(node["pos"].get<std::string>().c_str(), "%lf,%lf", &cx, &cy);
        Size size = default_size(types[i]);
        layout.shapes[p.steps[i].id] = {x_of(cx) - size.width / 2, y_of(cy) - size.height / 2, size.width, size.height};
    }
    for (const auto& edge : out.value("edges", nlohmann::ordered_json::array())) {
        std::string id = edge.value("id", "");
        if (id.size() < 2 || !edge.contains("pos")) continue;
        std::size_t f = std::stoul(id.substr(1));
        if (f >= p.flows.size()) continue;
        std::vector<BpmnPoint> points;
        std::string pos = edge["pos"].get<std::string>();
        std::size_t k = 0;
        for (std::size_t start = 0; start < pos.size(); ++k) {
            std::size_t end = pos.find(' ', start);
            if (end == std::string::npos) end = pos.size();
            double x = 0, y = 0;
            // The ends of the polyline's segments: every third control point of the B-spline Graphviz writes.
            if (k % 3 == 0 && std::sscanf(pos.substr(start, end - start).c_str(), "%lf,%lf", &x, &y) == 2)
                points.push_back({x_of(x), y_of(y)});
            start = end + 1;
        }
        if (points.size() >= 2) layout.edges[flow_ids[f]] = std::move(points);
    }
    return layout;
}

/// A layered layout of its own, for when Graphviz is missing: columns by the distance from the start (breadth
/// first), rows in the order of the steps; forward flows straight, flows back routed below the drawing.
Layout layered_layout(const Process& p, const std::vector<std::string>& types, const std::vector<std::string>& flow_ids) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < p.steps.size(); ++i) index[p.steps[i].id] = i;
    std::vector<std::size_t> rank(p.steps.size(), 0);
    std::vector<bool> seen(p.steps.size(), false);
    std::vector<std::size_t> queue;
    std::set<std::string> entered;
    for (const auto& f : p.flows) entered.insert(f.to);
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        bool start = p.start.empty() ? !entered.count(p.steps[i].id) : p.steps[i].id == p.start;
        if (start) {
            seen[i] = true;
            queue.push_back(i);
        }
    }
    for (std::size_t q = 0; q < queue.size(); ++q) {
        for (const auto& f : p.flows) {
            auto to = index.find(f.to);
            if (f.from != p.steps[queue[q]].id || to == index.end() || seen[to->second]) continue;
            seen[to->second] = true;
            rank[to->second] = rank[queue[q]] + 1;
            queue.push_back(to->second);
        }
    }
    std::size_t last = 0;
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        if (seen[i]) last = std::max(last, rank[i]);
    }
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        if (!seen[i]) rank[i] = last + 1; // unreachable steps in a column of their own
    }
    Layout layout;
    std::map<std::size_t, std::size_t> rows;
    double bottom = 0;
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        Size size = default_size(types[i]);
        double cx = 90 + 180.0 * static_cast<double>(rank[i]), cy = 80 + 130.0 * static_cast<double>(rows[rank[i]]++);
        layout.shapes[p.steps[i].id] = {cx - size.width / 2, cy - size.height / 2, size.width, size.height};
        bottom = std::max(bottom, cy + size.height / 2);
    }
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        auto from = layout.shapes.find(p.flows[f].from), to = layout.shapes.find(p.flows[f].to);
        if (from == layout.shapes.end() || to == layout.shapes.end()) continue;
        const BpmnBounds& a = from->second;
        const BpmnBounds& b = to->second;
        if (b.x > a.x + a.width) {
            layout.edges[flow_ids[f]] = {{a.x + a.width, a.y + a.height / 2}, {b.x, b.y + b.height / 2}};
        } else {
            double below = bottom + 30;
            layout.edges[flow_ids[f]] = {{a.x + a.width / 2, a.y + a.height}, {a.x + a.width / 2, below},
                                         {b.x + b.width / 2, below}, {b.x + b.width / 2, b.y + b.height}};
        }
    }
    return layout;
}

/// "a:role[:legal basis]; ..." as the reader reads a1:uses.
std::string uses_text(const Step& step) {
    std::string out;
    for (const auto& u : step.uses) {
        if (!out.empty()) out += "; ";
        out += u.attribute + ":" + std::string(to_string(u.role));
        if (!u.legal_basis.empty()) out += ":" + u.legal_basis;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

} // namespace

BpmnExport to_bpmn(const Process& p, const BpmnExportOptions& options) {
    BpmnExport result;
    const BpmnLayout empty;
    const BpmnLayout& kept = p.bpmn ? *p.bpmn : empty;

    // What a BPMN file does not carry.
    std::size_t per_group = 0, dossier = p.team ? 1 : 0, loose = 0;
    for (const auto& f : p.flows) per_group += f.groups.empty() ? 0 : 1;
    for (const auto& s : p.steps) {
        dossier += s.input.size() + s.actions.size();
        for (const auto& u : s.uses) {
            dossier += u.justification ? 1 : 0;
            const std::string& basis = u.legal_basis;
            loose += basis.find(';') != std::string::npos || (!basis.empty() && (basis.front() == ' ' || basis.back() == ' '));
        }
        for (const auto& a : s.assumptions) dossier += a.in_register() ? 1 : 0;
    }
    if (dossier) result.notes.push_back("the team's work (schema artikel1/process/2) is not written to BPMN: keep the JSON document");
    const bool side = options.annotations_in_side_file;
    if (per_group && !side) result.notes.push_back("the probabilities per group of " + std::to_string(per_group) + " flow(s) are not written to BPMN");
    if (loose && !side) result.notes.push_back("a legal basis with a ';' or ending in a space is not read back as written");

    // Element types and ids.
    std::map<std::string, std::string> kept_type;
    for (const auto& e : kept.elements) kept_type[e.step] = e.type;
    std::set<std::string> outgoing_steps;
    for (const auto& f : p.flows) outgoing_steps.insert(f.from);
    std::vector<std::string> types;
    for (const auto& s : p.steps) {
        auto it = kept_type.find(s.id);
        types.push_back(it != kept_type.end() && readable_type(it->second) ? it->second : default_type(s, outgoing_steps.count(s.id) > 0));
    }
    std::set<std::string> used;
    for (const auto& s : p.steps) used.insert(s.id);
    for (const auto& l : kept.lanes) used.insert(l.id);
    std::vector<std::string> flow_ids(p.flows.size());
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        if (f < kept.flows.size() && !kept.flows[f].empty() && used.insert(kept.flows[f]).second) flow_ids[f] = kept.flows[f];
    }
    std::size_t next = 1;
    for (auto& id : flow_ids) {
        while (id.empty()) {
            std::string candidate = "Flow_" + std::to_string(next++);
            if (used.insert(candidate).second) id = candidate;
        }
    }
    std::map<std::string, std::string> lane_of;
    for (const auto& l : kept.lanes) {
        for (const auto& s : l.steps) lane_of.emplace(s, l.name);
    }

    // The diagram: the kept one when it draws every step, else Graphviz's, else the layered one.
    Layout layout;
    bool own_diagram = !kept.shapes.empty();
    for (const auto& s : p.steps) {
        bool drawn = std::any_of(kept.shapes.begin(), kept.shapes.end(), [&](const BpmnShape& shape) { return shape.element == s.id; });
        own_diagram = own_diagram && drawn;
    }
    if (own_diagram) {
        for (const auto& s : kept.shapes) layout.shapes[s.element] = s.bounds;
        for (const auto& e : kept.edges) layout.edges[e.element] = e.waypoints;
    } else {
        std::string error = "not asked for";
        if (options.graphviz) layout = graphviz_layout(p, types, flow_ids, options.graphviz_limits, error);
        if (layout.shapes.size() < p.steps.size()) {
            if (options.graphviz)
                result.notes.push_back("the diagram is laid out in layers without Graphviz: " + error + " (install graphviz)");
            layout = layered_layout(p, types, flow_ids);
        }
        if (!kept.lanes.empty()) result.notes.push_back("the lanes are written without their diagram: the model has none");
    }
    // A flow without waypoints: a straight line between the centres of its ends.
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        if (layout.edges.count(flow_ids[f])) continue;
        auto a = layout.shapes.find(p.flows[f].from), b = layout.shapes.find(p.flows[f].to);
        if (a == layout.shapes.end() || b == layout.shapes.end()) continue;
        layout.edges[flow_ids[f]] = {{a->second.x + a->second.width / 2, a->second.y + a->second.height / 2},
                                     {b->second.x + b->second.width / 2, b->second.y + b->second.height / 2}};
    }

    const Assessment* a = options.assessment;
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions" + attr("xmlns:bpmn", model_ns) +
                    attr("xmlns:bpmndi", detail::bpmn_di_namespace) + attr("xmlns:dc", detail::bpmn_dc_namespace) +
                    attr("xmlns:di", detail::bpmn_dd_di_namespace) + (side ? "" : attr("xmlns:a1", bpmn_annotation_namespace));
    if (a) x += attr("xmlns:bioc", "http://bpmn.io/schema/bpmn/biocolor/1.0") + attr("xmlns:color", "http://www.omg.org/spec/BPMN/non-normative/color/1.0");
    x += attr("id", "Definitions_" + p.id) + attr("targetNamespace", "urn:artikel1:process") + attr("exporter", "artikel1") +
         attr("exporterVersion", version_string) + ">\n";
    const bool pool = !kept.participant.empty() && !kept.collaboration.empty();
    if (pool)
        x += "  <bpmn:collaboration" + attr("id", kept.collaboration) + ">\n    <bpmn:participant" + attr("id", kept.participant) +
             (kept.participant_name.empty() ? "" : attr("name", kept.participant_name)) + attr("processRef", p.id) +
             " />\n  </bpmn:collaboration>\n";

    x += "  <bpmn:process" + attr("id", p.id) + attr("name", p.name) + " isExecutable=\"false\"";
    // The method's annotations: attributes and elements of the a1: namespace, or the side file.
    std::string process_annotations, process_extension;
    if (!p.organisation.empty()) process_annotations += attr("a1:organisation", p.organisation);
    if (p.cases_per_year != 0) process_annotations += attr("a1:cases_per_year", number(p.cases_per_year));
    if (p.vulnerability != Vulnerability::none) process_annotations += attr("a1:vulnerability", to_string(p.vulnerability));
    if (!p.start.empty()) process_annotations += attr("a1:start", p.start);
    if (!p.description.empty()) process_annotations += attr("a1:description", p.description);
    for (const auto& source : p.sources) process_extension += "      <a1:source>" + detail::xml_escaped(source) + "</a1:source>\n";
    for (const auto& at : p.attributes)
        process_extension += "      <a1:attribute" + attr("id", at.id) + attr("kind", at.kind) + (at.name.empty() ? "" : attr("name", at.name)) + " />\n";
    if (!side) x += process_annotations;
    x += ">\n";
    if (!side && !process_extension.empty()) x += "    <bpmn:extensionElements>\n" + process_extension + "    </bpmn:extensionElements>\n";
    if (!kept.lanes.empty()) {
        x += "    <bpmn:laneSet" + attr("id", kept.lane_set.empty() ? "LaneSet_1" : kept.lane_set) + ">\n";
        for (const auto& l : kept.lanes) {
            x += "      <bpmn:lane" + attr("id", l.id) + (l.name.empty() ? "" : attr("name", l.name)) + ">\n";
            for (const auto& s : l.steps) {
                if (p.find_step(s)) x += "        <bpmn:flowNodeRef>" + detail::xml_escaped(s) + "</bpmn:flowNodeRef>\n";
            }
            x += "      </bpmn:lane>\n";
        }
        x += "    </bpmn:laneSet>\n";
    }
    std::vector<detail::StepOverride> overrides(p.steps.size());
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const Step& s = p.steps[i];
        const std::string& type = types[i];
        x += "    <bpmn:" + type + attr("id", s.id);
        if (!s.name.empty()) x += attr("name", s.name);
        detail::StepOverride& o = overrides[i];
        if (s.kind != implied_kind(type)) o.kind = to_string(s.kind);
        if (s.automation != implied_automation(type).value_or(Automation::manual)) o.automation = to_string(s.automation);
        auto lane = lane_of.find(s.id);
        bool lane_description = lane != lane_of.end() && !lane->second.empty() && s.description == "Lane: " + lane->second;
        if (!lane_description) o.description = s.description;
        std::string annotations, extension;
        if (!o.kind.empty()) annotations += attr("a1:kind", o.kind);
        if (s.channel != Channel::none) annotations += attr("a1:channel", to_string(s.channel));
        if (s.discretion != Discretion::none) annotations += attr("a1:discretion", to_string(s.discretion));
        if (!o.automation.empty()) annotations += attr("a1:automation", o.automation);
        if (s.rule_complexity != RuleComplexity::none) annotations += attr("a1:rule_complexity", to_string(s.rule_complexity));
        if (s.severity != Severity::none) annotations += attr("a1:severity", to_string(s.severity));
        if (!o.description.empty()) annotations += attr("a1:description", o.description);
        if (!s.measures.empty()) annotations += attr("a1:measures", joined(s.measures, ", "));
        if (!s.uses.empty()) annotations += attr("a1:uses", uses_text(s));
        for (const auto& as : s.assumptions)
            extension += "        <a1:assumption" + attr("grounds", joined(as.grounds, ",")) + ">" + detail::xml_escaped(as.text) + "</a1:assumption>\n";
        for (const auto& g : s.signals)
            extension += "        <a1:signal" + attr("ground", g.ground) + attr("count", std::to_string(g.count)) +
                         (g.source.empty() ? "" : attr("source", g.source)) + " />\n";
        if (!side) x += annotations;
        x += ">\n";
        if (!side && !extension.empty()) x += "      <bpmn:extensionElements>\n" + extension + "      </bpmn:extensionElements>\n";
        for (std::size_t f = 0; f < p.flows.size(); ++f) {
            if (p.flows[f].to == s.id) x += "      <bpmn:incoming>" + detail::xml_escaped(flow_ids[f]) + "</bpmn:incoming>\n";
        }
        for (std::size_t f = 0; f < p.flows.size(); ++f) {
            if (p.flows[f].from == s.id) x += "      <bpmn:outgoing>" + detail::xml_escaped(flow_ids[f]) + "</bpmn:outgoing>\n";
        }
        x += "    </bpmn:" + type + ">\n";
    }
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        const Flow& flow = p.flows[f];
        x += "    <bpmn:sequenceFlow" + attr("id", flow_ids[f]) + attr("sourceRef", flow.from) + attr("targetRef", flow.to);
        if (!flow.condition.empty()) x += attr("name", flow.condition);
        if (!side) {
            if (flow.adverse) x += attr("a1:adverse", "true");
            if (flow.probability) x += attr("a1:probability", number(*flow.probability));
            if (flow.burden != Severity::none) x += attr("a1:burden", to_string(flow.burden));
            if (flow.count) x += attr("a1:count", std::to_string(*flow.count));
            if (flow.of) x += attr("a1:of", std::to_string(*flow.of));
        }
        x += " />\n";
    }
    if (side) result.annotations = detail::bpmn_annotations_json(p, to_json(p), flow_ids, overrides).dump(2) + "\n";
    x += "  </bpmn:process>\n";

    x += "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n    <bpmndi:BPMNPlane id=\"BPMNPlane_1\"" +
         attr("bpmnElement", pool ? kept.collaboration : p.id) + ">\n";
    auto bounds = [&](const BpmnBounds& b) {
        return "        <dc:Bounds x=\"" + number(b.x) + "\" y=\"" + number(b.y) + "\" width=\"" + number(b.width) +
               "\" height=\"" + number(b.height) + "\" />\n";
    };
    if (pool) {
        BpmnBounds box;
        if (auto it = layout.shapes.find(kept.participant); it != layout.shapes.end() && own_diagram) {
            box = it->second;
        } else { // around everything drawn, with a band for the pool's name
            double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
            for (const auto& s : p.steps) {
                const BpmnBounds& b = layout.shapes[s.id];
                x0 = std::min(x0, b.x), y0 = std::min(y0, b.y), x1 = std::max(x1, b.x + b.width), y1 = std::max(y1, b.y + b.height);
            }
            box = {x0 - 60, y0 - 30, x1 - x0 + 90, y1 - y0 + 60};
        }
        x += "      <bpmndi:BPMNShape" + attr("id", kept.participant + "_di") + attr("bpmnElement", kept.participant) +
             " isHorizontal=\"true\">\n" + bounds(box) + "      </bpmndi:BPMNShape>\n";
    }
    if (own_diagram) {
        for (const auto& l : kept.lanes) {
            auto it = layout.shapes.find(l.id);
            if (it == layout.shapes.end()) continue;
            x += "      <bpmndi:BPMNShape" + attr("id", l.id + "_di") + attr("bpmnElement", l.id) + " isHorizontal=\"true\">\n" +
                 bounds(it->second) + "      </bpmndi:BPMNShape>\n";
        }
    }
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const Step& s = p.steps[i];
        x += "      <bpmndi:BPMNShape" + attr("id", s.id + "_di") + attr("bpmnElement", s.id);
        if (types[i] == "exclusiveGateway") x += " isMarkerVisible=\"true\"";
        const StepResult* r = nullptr;
        if (a) {
            for (const auto& step : a->steps) {
                if (step.id == s.id) r = &step;
            }
        }
        if (r) {
            std::size_t level = report::step_level(*r);
            std::string fill = s.kind == StepKind::outcome ? report::severity_colour(s.severity) : report::level_colour(level);
            x += attr("bioc:stroke", stroke_colour) + attr("bioc:fill", fill) + attr("color:background-color", fill) +
                 attr("color:border-color", stroke_colour);
            std::size_t top = 0;
            for (std::size_t g = 0; g < r->scores.size(); ++g) {
                if (r->scores[g].score > r->scores[top].score) top = g;
            }
            if (!side && !r->scores.empty() && s.kind != StepKind::outcome) { // an outcome is coloured by its severity
                x += attr("a1:score", number(r->scores[top].score));
                if (level < a->levels.size()) x += attr("a1:level", a->levels[level].id);
                if (r->scores[top].score > 0 && top < a->grounds.size()) x += attr("a1:ground", a->grounds[top]);
            }
        }
        x += ">\n" + bounds(layout.shapes[s.id]) + "      </bpmndi:BPMNShape>\n";
    }
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        auto it = layout.edges.find(flow_ids[f]);
        if (it == layout.edges.end()) continue;
        x += "      <bpmndi:BPMNEdge" + attr("id", flow_ids[f] + "_di") + attr("bpmnElement", flow_ids[f]) + ">\n";
        for (const auto& w : it->second)
            x += "        <di:waypoint x=\"" + number(w.x) + "\" y=\"" + number(w.y) + "\" />\n";
        x += "      </bpmndi:BPMNEdge>\n";
    }
    x += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
    result.xml = std::move(x);
    return result;
}

} // namespace artikel1
