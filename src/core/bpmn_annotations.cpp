// SPDX-License-Identifier: EUPL-1.2
// artikel1: the side file of annotations of a BPMN file (artikel1/bpmn-annotations/1, docs/formats.md#annotations-
// beside-the-bpmn-file): the method's annotations kept beside a BPMN file as drawn, keyed by the ids of its elements,
// with the member names and value types of the process model. Read here into the document of the BPMN file
// (bpmn.hpp), written by the BPMN export (bpmn_export.cpp).
#include <artikel1/bpmn.hpp>
#include <artikel1/detail/bpmn_annotations.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace artikel1::detail {

namespace {

/// An annotation of the side file: its member name and the JSON type its value must have (type_id()).
struct Key {
    std::string_view name;
    std::string_view type;
};

// The annotations the a1: namespace carries, in the order of the model's members (docs/formats.md), plus the
// probabilities per group of a flow, which only JSON can carry.
constexpr std::array process_keys{Key{"organisation", "string"}, Key{"description", "string"}, Key{"sources", "array"},
                                  Key{"cases_per_year", "number"}, Key{"vulnerability", "string"}, Key{"start", "string"},
                                  Key{"attributes", "array"}};
constexpr std::array step_keys{Key{"kind", "string"},     Key{"description", "string"}, Key{"channel", "string"},
                               Key{"discretion", "string"}, Key{"automation", "string"}, Key{"rule_complexity", "string"},
                               Key{"severity", "string"},  Key{"uses", "array"},          Key{"measures", "array"},
                               Key{"assumptions", "array"}, Key{"signals", "array"}};
constexpr std::array flow_keys{Key{"adverse", "boolean"}, Key{"probability", "number"}, Key{"count", "number"},
                               Key{"of", "number"},       Key{"groups", "array"},       Key{"burden", "string"}};

std::string names(std::span<const Key> keys, std::initializer_list<const char*> more = {}) {
    std::string out;
    for (const char* m : more) out += (out.empty() ? "" : ", ") + std::string(m);
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + std::string(k.name);
    return out;
}

const Key* find_key(std::span<const Key> keys, std::string_view name) {
    auto it = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.name == name; });
    return it == keys.end() ? nullptr : &*it;
}

std::string pointer_token(std::string_view token) { return "/" + Reader::escape(cut_token(token)); }

/// Copies the annotations of `entry` (at `at` in the side file) into `target`: every key known, of its type, and
/// not given by the BPMN file too (`in_file`, the element `id`).
void merge_entry(Reader& r, const json& entry, const std::string& at, std::span<const Key> keys, const std::set<std::string>* in_file,
                 const std::string& id, json& target, const std::string& target_at, BpmnSideOrigins& origins,
                 std::initializer_list<const char*> also = {}) {
    for (const auto& item : entry.items()) { // clang 14 lets no lambda capture a structured binding
        const std::string& key = item.key();
        const json& value = item.value();
        if (std::any_of(also.begin(), also.end(), [&](const char* a) { return key == a; })) continue;
        const std::string k_at = at + pointer_token(key);
        const Key* known = find_key(keys, key);
        if (!known) {
            r.error(k_at, "bpmn_annotation_unknown_key", {quote_token(key), names(keys, also)});
            continue;
        }
        if (type_id(value) != known->type) {
            r.wrong_type(k_at, known->type.data(), value);
            continue;
        }
        if (in_file && in_file->count(key)) {
            r.error(k_at, "bpmn_annotation_in_file", {quote_token(id), quote_token(key)});
            continue;
        }
        target[key] = value;
        origins.emplace_back(target_at + "/" + Reader::escape(key), k_at);
    }
}

} // namespace

void merge_bpmn_annotations(json& document, const std::vector<std::string>& flow_ids, const BpmnInFileAnnotations& in_file,
                            const json& side_as_given, BpmnSideOrigins& origins) {
    // By name, whatever the file's order: its problems, and the annotations copied, come in one order.
    const json side = sorted_by_name(side_as_given);
    std::vector<Problem> problems;
    Reader r(problems);
    if (!r.expect_object(side, "")) throw ValidationError(std::move(problems));
    if (auto schema = r.string(side, "schema", "", true); schema && *schema != bpmn_annotations_schema)
        r.error("/schema", "unsupported_schema", {quote_token(*schema), bpmn_annotations_schema});
    // A file without a process element has no id: the model's check says so, the side file's process is not compared.
    const std::string process_id = document.contains("id") ? document["id"].get<std::string>() : std::string();
    if (auto process = r.string(side, "process", "", true); process && !process_id.empty() && *process != process_id)
        r.error("/process", "bpmn_other_process", {quote_token(process_id), quote_token(*process)});
    merge_entry(r, side, "", process_keys, &in_file.process, process_id, document, "", origins, {"schema", "process", "steps", "flows"});

    std::map<std::string, std::size_t> step_index, flow_index;
    for (std::size_t i = 0; i < document["steps"].size(); ++i) step_index.emplace(document["steps"][i]["id"].get<std::string>(), i);
    for (std::size_t i = 0; i < flow_ids.size(); ++i) {
        if (!flow_ids[i].empty()) flow_index.emplace(flow_ids[i], i);
    }
    auto section = [&](const char* name, const std::map<std::string, std::size_t>& index, const char* missing,
                       std::span<const Key> keys, const std::map<std::string, std::set<std::string>>& given, json& list) {
        const json* elements = r.member(side, name, "", false);
        if (!elements || !r.expect_object(*elements, std::string("/") + name)) return;
        for (const auto& [id, entry] : elements->items()) {
            const std::string at = std::string("/") + name + pointer_token(id);
            auto it = index.find(id);
            if (it == index.end()) {
                r.error(at, missing, {quote_token(id)});
                continue;
            }
            if (!r.expect_object(entry, at)) continue;
            auto file_keys = given.find(id);
            merge_entry(r, entry, at, keys, file_keys == given.end() ? nullptr : &file_keys->second, id, list[it->second],
                        std::string("/") + name + "/" + std::to_string(it->second), origins);
        }
    };
    section("steps", step_index, "bpmn_no_flow_node", step_keys, in_file.steps, document["steps"]);
    section("flows", flow_index, "bpmn_no_sequence_flow", flow_keys, in_file.flows, document["flows"]);
    if (!problems.empty()) throw ValidationError(std::move(problems));
}

void throw_side_problems(const ProcessReport& report, const BpmnSideOrigins& origins) {
    std::vector<Problem> side;
    bool error = false;
    for (const auto& problem : report.problems) {
        for (const auto& [model_at, side_at] : origins) {
            const std::string& p = problem.pointer;
            if (p != model_at && !(p.size() > model_at.size() && p.starts_with(model_at) && p[model_at.size()] == '/')) continue;
            side.push_back(problem);
            side.back().pointer = side_at + p.substr(model_at.size());
            error = error || problem.is_error();
            break;
        }
    }
    if (error) throw ValidationError(std::move(side));
}

nlohmann::ordered_json bpmn_annotations_json(const Process& p, const nlohmann::ordered_json& model,
                                             const std::vector<std::string>& flow_ids, const std::vector<StepOverride>& overrides) {
    using oj = nlohmann::ordered_json;
    oj out;
    out["schema"] = bpmn_annotations_schema;
    out["process"] = p.id;
    for (const auto& k : process_keys) {
        if (auto it = model.find(k.name); it != model.end()) out[std::string(k.name)] = *it;
    }
    oj steps = oj::object();
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const oj& step = model["steps"][i];
        oj entry = oj::object();
        for (const auto& k : step_keys) {
            const std::string key(k.name);
            if (key == "kind" || key == "automation" || key == "description") {
                const std::string& value = key == "kind" ? overrides[i].kind : key == "automation" ? overrides[i].automation : overrides[i].description;
                if (!value.empty()) entry[key] = value;
                continue;
            }
            auto it = step.find(key);
            if (it == step.end()) continue;
            if (key == "uses" || key == "assumptions") { // without the team's work of schema /2
                const auto members = key == "uses" ? std::vector<const char*>{"attribute", "role", "legal_basis"}
                                                   : std::vector<const char*>{"text", "grounds"};
                oj list = oj::array();
                for (const auto& item : *it) {
                    oj kept;
                    for (const char* member : members) {
                        if (auto m = item.find(member); m != item.end()) kept[member] = *m;
                    }
                    list.push_back(std::move(kept));
                }
                entry[key] = std::move(list);
            } else {
                entry[key] = *it;
            }
        }
        if (!entry.empty()) steps[p.steps[i].id] = std::move(entry);
    }
    if (!steps.empty()) out["steps"] = std::move(steps);
    oj flows = oj::object();
    for (std::size_t f = 0; f < p.flows.size(); ++f) {
        const oj& flow = model["flows"][f];
        oj entry = oj::object();
        for (const auto& k : flow_keys) {
            if (auto it = flow.find(k.name); it != flow.end()) entry[std::string(k.name)] = *it;
        }
        if (!entry.empty()) flows[flow_ids[f]] = std::move(entry);
    }
    if (!flows.empty()) out["flows"] = std::move(flows);
    return out;
}

} // namespace artikel1::detail
