// SPDX-License-Identifier: EUPL-1.2
// artikel1: reading and extending the knowledge base (knowledge_base.hpp).
#include <artikel1/knowledge_base.hpp>

#include <artikel1/detail/embedded_data.hpp>
#include <artikel1/detail/file_input.hpp>
#include <artikel1/detail/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <limits>

namespace artikel1 {

namespace {

using Origins = std::vector<std::pair<std::string, std::string>>; // pointer in the merged document, in the extension

void merge_by_id(nlohmann::ordered_json& target, const nlohmann::ordered_json& entries, const std::string& pointer,
                 detail::Reader& reader, Origins& origins) {
    if (!entries.is_array()) {
        reader.wrong_type(pointer, "array", entries);
        return;
    }
    if (!target.is_array()) target = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
            reader.error(pointer + "/" + std::to_string(i), "expected_entry_with_id", {});
            continue;
        }
        bool replaced = false;
        const std::string own = pointer + "/" + std::to_string(i);
        for (std::size_t k = 0; k < target.size(); ++k) {
            auto& existing = target[k];
            if (existing.contains("id") && existing["id"].is_string() &&
                existing["id"].get<std::string>() == entry["id"].get<std::string>()) {
                existing = entry;
                origins.emplace_back(pointer + "/" + std::to_string(k), own);
                replaced = true;
            }
        }
        if (!replaced) {
            origins.emplace_back(pointer + "/" + std::to_string(target.size()), own);
            target.push_back(entry);
        }
    }
}

/// A problem of the merged knowledge base that has no place in the extension: its message says so (the code
/// "in_merged_knowledge_base" wraps the problem's own code and arguments).
Problem in_merged_knowledge_base(Problem problem) {
    std::vector<std::string> args{problem.code};
    args.insert(args.end(), problem.args.begin(), problem.args.end());
    return make_problem(problem.level, std::move(problem.pointer), "in_merged_knowledge_base", std::move(args));
}

} // namespace

const KnowledgeBase& KnowledgeBase::builtin() {
    static const KnowledgeBase kb = from_json_text(detail::default_knowledge_base_json, "builtin knowledge base");
    return kb;
}

KnowledgeBase KnowledgeBase::from_json(const nlohmann::ordered_json& document) {
    KnowledgeBase kb;
    kb.document_ = std::make_shared<const nlohmann::ordered_json>(detail::sorted_by_name(document));
    kb.parse_or_throw();
    return kb;
}

KnowledgeBase KnowledgeBase::from_json_text(std::string_view text, const std::string& file, const ParseLimits& limits) {
    KnowledgeBase kb;
    kb.document_ = std::make_shared<const nlohmann::ordered_json>(detail::sorted_by_name(detail::parse_json(text, limits, file)));
    kb.parse_or_throw();
    return kb;
}

KnowledgeBase KnowledgeBase::from_file(const std::string& path, const ParseLimits& limits) {
    return from_json_text(read_file(path, limits.max_bytes), path, limits);
}

KnowledgeBase KnowledgeBase::extended(const nlohmann::ordered_json& extension_as_given) const {
    // Members in name order, as the document it extends is kept: entries added or replaced read the same.
    const nlohmann::ordered_json extension = detail::sorted_by_name(extension_as_given);
    KnowledgeBase kb;
    nlohmann::ordered_json merged = *document_;
    std::vector<Problem> problems;
    detail::Reader reader(problems);
    if (!reader.expect_object(extension, "")) throw ValidationError(problems);
    auto schema = reader.string(extension, "schema", "", true);
    if (schema && *schema != knowledge_base_schema_id)
        reader.error("/schema", "unexpected_schema", {std::string(knowledge_base_schema_id), detail::quote_token(*schema)});
    if (!problems.empty()) throw ValidationError(problems);
    // Where each part of the merged document came from in the extension: problems found in the merged document
    // are reported at their place in the extension.
    Origins origins;
    for (const auto& [key, value] : extension.items()) {
        if (key == "grounds" || key == "attribute_kinds" || key == "channels" || key == "measures") {
            merge_by_id(merged[key], value, "/" + key, reader, origins);
        } else if (key == "method" && value.is_object()) {
            for (const auto& [name, member] : value.items()) {
                merged["method"][name] = member;
                origins.emplace_back("/method/" + name, "/method/" + name);
            }
        } else {
            merged[key] = value;
            origins.emplace_back("/" + key, "/" + key);
        }
    }
    if (!problems.empty()) throw ValidationError(problems);
    kb.document_ = std::make_shared<const nlohmann::ordered_json>(std::move(merged));
    try {
        kb.parse_or_throw();
    } catch (const ValidationError& e) {
        std::vector<Problem> placed = e.problems();
        for (auto& problem : placed) {
            bool found = false;
            for (const auto& [in_merged, own] : origins) {
                if (problem.pointer == in_merged || problem.pointer.starts_with(in_merged + "/")) {
                    problem.pointer = own + problem.pointer.substr(in_merged.size());
                    found = true;
                    break;
                }
            }
            if (!found) problem = in_merged_knowledge_base(std::move(problem));
        }
        throw ValidationError(placed);
    }
    return kb;
}

KnowledgeBase KnowledgeBase::extended_from_json_text(std::string_view text, const std::string& file,
                                                     const ParseLimits& limits) const {
    return extended(detail::parse_json(text, limits, file));
}

KnowledgeBase KnowledgeBase::extended_from_file(const std::string& path, const ParseLimits& limits) const {
    return extended_from_json_text(read_file(path, limits.max_bytes), path, limits);
}

std::string KnowledgeBase::read_file(const std::string& path, std::size_t max_bytes) {
    detail::InputFile file(path);
    return detail::read_whole(file, max_bytes);
}
namespace detail {

/// Reads the knowledge base document into typed entries, collecting every problem.
class KnowledgeBaseReader {
public:
    explicit KnowledgeBaseReader(std::vector<Problem>& problems) : reader_(problems) {}

    Label label(const nlohmann::ordered_json& object, const char* key, const std::string& pointer, bool required) {
        Label result;
        const auto* value = reader_.member(object, key, pointer, required);
        if (!value) return result;
        std::string here = pointer + "/" + key;
        if (value->is_string()) { // one text for both languages
            result.nl = result.en = value->get<std::string>();
            return result;
        }
        if (!reader_.expect_object(*value, here)) return result;
        result.nl = reader_.string(*value, "nl", here, true).value_or("");
        result.en = reader_.string(*value, "en", here, true).value_or("");
        return result;
    }

    /// A weight written as {"value": x, "rationale": "..."} or as a bare number, within [low, high].
    Weight weight(const nlohmann::ordered_json& value, const std::string& pointer, double low, double high,
                  std::vector<Label>* examples = nullptr) {
        Weight result;
        if (value.is_number()) {
            result.value = value.get<double>();
        } else if (value.is_object()) {
            result.value = reader_.number(value, "value", pointer, true).value_or(0);
            result.rationale = reader_.string(value, "rationale", pointer, false).value_or("");
            if (examples) {
                reader_.unknown_members(value, pointer, {"value", "rationale", "examples"});
                if (const auto* list = reader_.array(value, "examples", pointer, false)) {
                    for (std::size_t i = 0; i < list->size(); ++i) {
                        std::string at = pointer + "/examples/" + std::to_string(i);
                        if (!reader_.expect_object((*list)[i], at)) continue;
                        examples->push_back({reader_.string((*list)[i], "nl", at, true).value_or(""),
                                             reader_.string((*list)[i], "en", at, true).value_or("")});
                    }
                }
            } else {
                reader_.unknown_members(value, pointer, {"value", "rationale"});
            }
        } else {
            reader_.error(pointer, "expected_weight", {type_id(value)});
            return result;
        }
        if (!(result.value >= low && result.value <= high)) {
            reader_.error(pointer, "value_out_of_range", {format_number(result.value), format_number(low), format_number(high)});
        }
        return result;
    }

    Weight weight_member(const nlohmann::ordered_json& object, const char* key, const std::string& pointer, double low,
                         double high) {
        const auto* value = reader_.member(object, key, pointer, true);
        return value ? weight(*value, pointer + "/" + key, low, high) : Weight{};
    }

    /// A map from the names of an enum to weights; every name required.
    template <class Enum, std::size_t N>
    void enum_weights(const nlohmann::ordered_json& object, const char* key, const std::string& pointer,
                      std::array<Weight, N>& out, double low, double high,
                      std::array<SeverityExamples, N>* examples = nullptr) {
        const auto* value = reader_.member(object, key, pointer, true);
        if (!value) return;
        std::string here = pointer + "/" + key;
        if (!reader_.expect_object(*value, here)) return;
        for (std::size_t i = 0; i < N; ++i) {
            std::string name(EnumNames<Enum>::names[i]);
            auto it = value->find(name);
            if (it == value->end()) {
                reader_.error(here, "missing_member", {name});
                continue;
            }
            out[i] = weight(*it, here + "/" + name, low, high, examples ? &(*examples)[i].examples : nullptr);
        }
        for (const auto& [name, member] : value->items()) {
            if (!enum_from_string<Enum>(name)) reader_.warning(here + "/" + name, "unknown_member", {quote_token(name)});
        }
    }

    /// A map from ground ids to weights in 0..1; unknown grounds are errors.
    std::map<std::string, Weight> ground_weights(const nlohmann::ordered_json& object, const char* key,
                                                 const std::string& pointer, const KnowledgeBase& kb, bool required) {
        std::map<std::string, Weight> result;
        const auto* value = reader_.member(object, key, pointer, required);
        if (!value) return result;
        std::string here = pointer + "/" + key;
        if (!reader_.expect_object(*value, here)) return result;
        for (const auto& [ground, member] : value->items()) {
            std::string at = here + "/" + Reader::escape(ground);
            if (!kb.find_ground(ground)) reader_.error(at, "unknown_ground", {quote_token(ground)});
            result[ground] = weight(member, at, 0, 1);
        }
        return result;
    }

    Reader& reader() { return reader_; }

private:
    Reader reader_;
};

} // namespace detail

void KnowledgeBase::parse_or_throw() {
    std::vector<Problem> problems;
    detail::KnowledgeBaseReader kbr(problems);
    auto& reader = kbr.reader();
    const nlohmann::ordered_json& doc = *document_;
    if (!reader.expect_object(doc, "")) throw ValidationError(problems);
    auto schema = reader.string(doc, "schema", "", true);
    if (schema && *schema != knowledge_base_schema_id) {
        reader.error("/schema", "unexpected_schema", {std::string(knowledge_base_schema_id), detail::quote_token(*schema)});
    }
    id_ = reader.string(doc, "id", "", true).value_or("");
    version_ = reader.string(doc, "version", "", true).value_or("");
    reader.unknown_members(doc, "", {"schema", "id", "version", "description", "method", "grounds", "attribute_kinds",
                                     "channels", "measures"});

    auto read_ids = [&](const char* key, auto&& read_one) {
        const auto* items = reader.array(doc, key, "", true);
        if (!items) return;
        std::unordered_map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < items->size(); ++i) {
            std::string pointer = "/" + std::string(key) + "/" + std::to_string(i);
            const auto& item = (*items)[i];
            if (!reader.expect_object(item, pointer)) continue;
            auto id = reader.id(item, "id", pointer, true);
            if (!id) continue;
            if (!seen.emplace(*id, i).second) {
                reader.error(pointer + "/id", "duplicate_id",
                             {detail::quote_token(*id), "/" + std::string(key) + "/" + std::to_string(seen[*id])});
                continue;
            }
            read_one(item, pointer, *id);
        }
    };

    grounds_.clear();
    read_ids("grounds", [&](const nlohmann::ordered_json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "description", "legal_source"});
        Ground g{id, kbr.label(item, "label", pointer, true), kbr.label(item, "description", pointer, false),
                 reader.string(item, "legal_source", pointer, true).value_or("")};
        ground_index_[id] = grounds_.size();
        grounds_.push_back(std::move(g));
    });

    attribute_kinds_.clear();
    read_ids("attribute_kinds", [&](const nlohmann::ordered_json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "description", "proxy"});
        AttributeKind kind{id, kbr.label(item, "label", pointer, true),
                           kbr.ground_weights(item, "proxy", pointer, *this, false)};
        kind_index_[id] = attribute_kinds_.size();
        attribute_kinds_.push_back(std::move(kind));
    });

    channels_.clear();
    std::array<bool, 5> channel_seen{};
    read_ids("channels", [&](const nlohmann::ordered_json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "visibility"});
        auto which = enum_from_string<Channel>(id);
        if (!which) {
            std::string expected;
            for (std::string_view name : EnumNames<Channel>::names) expected += (expected.empty() ? "" : ", ") + std::string(name);
            reader.error(pointer + "/id", "unknown_channel", {detail::quote_token(id), expected});
            return;
        }
        ChannelInfo info{id, kbr.label(item, "label", pointer, true),
                         kbr.ground_weights(item, "visibility", pointer, *this, false)};
        channels_by_enum_[static_cast<std::size_t>(*which)] = info;
        channel_seen[static_cast<std::size_t>(*which)] = true;
        channels_.push_back(std::move(info));
    });
    for (std::size_t i = 0; i < channel_seen.size(); ++i) {
        if (!channel_seen[i]) {
            channels_by_enum_[i].id = std::string(EnumNames<Channel>::names[i]);
            if (doc.contains("channels"))
                reader.error("/channels", "missing_channel", {std::string(EnumNames<Channel>::names[i])});
        }
    }

    measures_.clear();
    read_ids("measures", [&](const nlohmann::ordered_json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "description", "dampens", "applies"});
        Measure measure{id, kbr.label(item, "label", pointer, true), kbr.label(item, "description", pointer, true), {}, {}};
        if (const auto* applies = reader.member(item, "applies", pointer, false);
            applies && reader.expect_object(*applies, pointer + "/applies")) {
            std::string at = pointer + "/applies";
            reader.unknown_members(*applies, at, {"step_kinds", "automation", "channels", "roles", "severity", "sources",
                                                 "rationale"});
            auto names = [&](const char* key, auto& out) {
                using Enum = typename std::decay_t<decltype(out)>::value_type;
                const auto* list = reader.array(*applies, key, at, false);
                if (!list) return;
                for (std::size_t k = 0; k < list->size(); ++k) {
                    const auto& v = (*list)[k];
                    auto e = v.is_string() ? enum_from_string<Enum>(v.get<std::string>()) : std::nullopt;
                    if (e) out.push_back(*e);
                    else reader.error(at + "/" + key + "/" + std::to_string(k), "unknown_name", {detail::quote_token(v.is_string() ? v.get<std::string>() : v.dump())});
                }
            };
            names("step_kinds", measure.applies.step_kinds);
            names("automation", measure.applies.automation);
            names("channels", measure.applies.channels);
            names("roles", measure.applies.roles);
            names("severity", measure.applies.severity);
            names("sources", measure.applies.sources);
            measure.applies.rationale = reader.string(*applies, "rationale", at, false).value_or("");
        }
        if (const auto* dampens = reader.array(item, "dampens", pointer, true)) {
            for (std::size_t j = 0; j < dampens->size(); ++j) {
                std::string at = pointer + "/dampens/" + std::to_string(j);
                const auto& entry = (*dampens)[j];
                if (!reader.expect_object(entry, at)) continue;
                reader.unknown_members(entry, at, {"source", "factor", "automation", "grounds", "rationale"});
                Dampening d;
                if (auto s = reader.choice(entry, "source", at, EnumNames<RiskSource>::names, true))
                    d.source = static_cast<RiskSource>(*s);
                if (const auto* f = reader.member(entry, "factor", at, true)) d.factor = kbr.weight(*f, at + "/factor", 0, 1).value;
                d.rationale = reader.string(entry, "rationale", at, false).value_or("");
                if (const auto* list = reader.array(entry, "automation", at, false)) {
                    for (std::size_t k = 0; k < list->size(); ++k) {
                        auto a = (*list)[k].is_string() ? enum_from_string<Automation>((*list)[k].get<std::string>())
                                                        : std::nullopt;
                        if (a) d.automation.push_back(*a);
                        else reader.error(at + "/automation/" + std::to_string(k), "unknown_automation", {(*list)[k].dump()});
                    }
                }
                if (const auto* list = reader.array(entry, "grounds", at, false)) {
                    for (std::size_t k = 0; k < list->size(); ++k) {
                        const auto& g = (*list)[k];
                        if (g.is_string() && find_ground(g.get<std::string>())) d.grounds.push_back(g.get<std::string>());
                        else reader.error(at + "/grounds/" + std::to_string(k), "unknown_ground", {g.dump()});
                    }
                }
                measure.dampens.push_back(std::move(d));
            }
        }
        measure_index_[id] = measures_.size();
        measures_.push_back(std::move(measure));
    });

    // The method's weights.
    method_ = MethodWeights{};
    const auto* method = reader.member(doc, "method", "", true);
    if (method && reader.expect_object(*method, "/method")) {
        const std::string m = "/method";
        const auto& md = *method;
        reader.unknown_members(md, m, {"id", "description", "levels", "severity", "impact", "vulnerability",
                                       "direct_use", "role", "automation", "discretion", "assumption", "complaint",
                                       "rule_complexity", "complexity_sensitivity", "algorithmic_selection",
                                       "recommendations"});
        method_.id = reader.string(md, "id", m, true).value_or("");
        if (const auto* levels = reader.array(md, "levels", m, true)) {
            for (std::size_t i = 0; i < levels->size(); ++i) {
                std::string at = m + "/levels/" + std::to_string(i);
                const auto& level = (*levels)[i];
                if (!reader.expect_object(level, at)) continue;
                Level l{reader.id(level, "id", at, true).value_or(""), reader.number(level, "min", at, true).value_or(0),
                        kbr.label(level, "label", at, true)};
                if (!method_.levels.empty() && l.min <= method_.levels.back().min)
                    reader.error(at + "/min", "levels_not_ascending", {});
                for (std::size_t j = 0; j < method_.levels.size(); ++j) {
                    if (!l.id.empty() && method_.levels[j].id == l.id)
                        reader.error(at + "/id", "duplicate_level_id", {detail::quote_token(l.id), m + "/levels/" + std::to_string(j)});
                }
                method_.levels.push_back(std::move(l));
            }
            if (levels->empty()) reader.error(m + "/levels", "no_levels", {});
            else if (!method_.levels.empty() && method_.levels.front().min != 0)
                reader.error(m + "/levels/0/min", "first_level_not_zero", {});
        }
        kbr.enum_weights<Severity>(md, "severity", m, method_.severity, 0, 1, &method_.severity_examples);
        if (const auto* impact = reader.member(md, "impact", m, true); impact && reader.expect_object(*impact, m + "/impact")) {
            method_.impact_base = kbr.weight_member(*impact, "base", m + "/impact", 0, 1);
            method_.impact_probability_weight = kbr.weight_member(*impact, "probability_weight", m + "/impact", 0, 1);
        }
        kbr.enum_weights<Vulnerability>(md, "vulnerability", m, method_.vulnerability, 0, 10);
        if (const auto* direct = reader.member(md, "direct_use", m, true);
            direct && reader.expect_object(*direct, m + "/direct_use")) {
            method_.direct_use = kbr.weight_member(*direct, "value", m + "/direct_use", 0, 1);
            method_.legal_basis_factor = kbr.weight_member(*direct, "legal_basis_factor", m + "/direct_use", 0, 1);
        }
        kbr.enum_weights<AttributeRole>(md, "role", m, method_.role, 0, 1);
        kbr.enum_weights<Automation>(md, "automation", m, method_.automation, 0, 1);
        kbr.enum_weights<Discretion>(md, "discretion", m, method_.discretion, 0, 1);
        method_.assumption = kbr.weight_member(md, "assumption", m, 0, 1);
        method_.complaint = kbr.weight_member(md, "complaint", m, 0, 1);
        kbr.enum_weights<RuleComplexity>(md, "rule_complexity", m, method_.rule_complexity, 0, 1);
        method_.complexity_sensitivity = kbr.ground_weights(md, "complexity_sensitivity", m, *this, true);
        method_.algorithmic_selection = kbr.weight_member(md, "algorithmic_selection", m, 0, 1);
        if (const auto* rec = reader.member(md, "recommendations", m, true);
            rec && reader.expect_object(*rec, m + "/recommendations")) {
            method_.recommendation_min_level = reader.string(*rec, "min_level", m + "/recommendations", true).value_or("");
            method_.recommendations_per_risk =
                reader.count(*rec, "max_per_risk", m + "/recommendations", true).value_or(3);
            method_.recommendations_per_step =
                reader.count(*rec, "max_per_step", m + "/recommendations", false).value_or(0);
            if (!method_.recommendation_min_level.empty() &&
                method_.level_index_of(method_.recommendation_min_level) == method_.levels.size())
                reader.error(m + "/recommendations/min_level", "unknown_level", {detail::quote_token(method_.recommendation_min_level)});
        }
    }

    bool has_error = false;
    for (const auto& p : problems) has_error = has_error || p.is_error();
    if (has_error) throw ValidationError(problems);
}

} // namespace artikel1
