// SPDX-License-Identifier: EUPL-1.2
// artikel1: the knowledge base (kennisbank). Grounds, attribute kinds with proxy strengths, channel visibility,
// the catalogue of measures and every weight of the method. All policy lives in its JSON; none in code.
#pragma once

#include <artikel1/detail/embedded_data.hpp>
#include <artikel1/detail/file_input.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view knowledge_base_schema_id = "artikel1/knowledge-base/1";

enum class Language { nl, en };
template <> struct EnumNames<Language> {
    static constexpr std::array<std::string_view, 2> names{"nl", "en"};
};

/// The risk sources of the method, plus `impact`, which measures can also dampen.
enum class RiskSource { direct, proxy, discretion, assumption, complaint, rule_complexity, algorithmic_selection, impact };
template <> struct EnumNames<RiskSource> {
    static constexpr std::array<std::string_view, 8> names{"direct",    "proxy",           "discretion",
                                                           "assumption", "complaint",      "rule_complexity",
                                                           "algorithmic_selection", "impact"};
};

/// A text in Dutch and English.
struct Label {
    std::string nl;
    std::string en;
    const std::string& in(Language language) const { return language == Language::nl || en.empty() ? nl : en; }
    bool operator==(const Label&) const = default;
};

/// A number of the method with the reason it has that value.
struct Weight {
    double value = 0;
    std::string rationale;
};

struct Ground {
    std::string id;
    Label label;
    Label description;
    std::string legal_source;
};

struct AttributeKind {
    std::string id;
    Label label;
    std::map<std::string, Weight> proxy; ///< ground id -> strength 0..1 (1: the attribute is the ground)
    double strength(const std::string& ground) const {
        auto it = proxy.find(ground);
        return it == proxy.end() ? 0.0 : it->second.value;
    }
};

struct ChannelInfo {
    std::string id;
    Label label;
    std::map<std::string, Weight> visibility; ///< ground id -> how perceivable the ground is through the channel
    double of(const std::string& ground) const {
        auto it = visibility.find(ground);
        return it == visibility.end() ? 0.0 : it->second.value;
    }
};

/// How a measure lowers one risk source: the source is multiplied by `factor` where the filters match.
struct Dampening {
    RiskSource source = RiskSource::proxy;
    double factor = 1;
    std::vector<Automation> automation; ///< empty: any automation
    std::vector<std::string> grounds;   ///< empty: any ground
    std::string rationale;

    bool applies(RiskSource to, Automation step_automation, const std::string& ground) const {
        if (to != source) return false;
        if (!automation.empty() && std::find(automation.begin(), automation.end(), step_automation) == automation.end())
            return false;
        return grounds.empty() || std::find(grounds.begin(), grounds.end(), ground) != grounds.end();
    }
};

/// Where a measure can be taken: every non-empty list must match the step (empty: any). A recommendation also
/// needs one of `sources` present at the step (empty: the sources the measure dampens).
struct Applicability {
    std::vector<StepKind> step_kinds;
    std::vector<Automation> automation;
    std::vector<Channel> channels;
    std::vector<AttributeRole> roles;  ///< the step uses an attribute in one of these roles
    std::vector<Severity> severity;    ///< the severity that drives the step's impact
    std::vector<RiskSource> sources;
    std::string rationale;

    template <class T> static bool allows(const std::vector<T>& list, T value) {
        return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
    }
    /// Whether the step's own properties allow the measure (the sources present are checked by the caller).
    bool fits(const Step& step, Severity impact_severity) const {
        if (!allows(step_kinds, step.kind) || !allows(automation, step.automation) || !allows(channels, step.channel) ||
            !allows(severity, impact_severity))
            return false;
        if (roles.empty()) return true;
        for (const auto& use : step.uses) {
            if (allows(roles, use.role)) return true;
        }
        return false;
    }
};

struct Measure {
    std::string id;
    Label label;
    Label description;
    std::vector<Dampening> dampens;
    Applicability applies;

    /// The sources whose presence makes the measure worth proposing.
    std::vector<RiskSource> addressed_sources() const {
        if (!applies.sources.empty()) return applies.sources;
        std::vector<RiskSource> out;
        for (const auto& d : dampens) {
            if (std::find(out.begin(), out.end(), d.source) == out.end()) out.push_back(d.source);
        }
        return out;
    }
};

struct Level {
    std::string id;
    double min = 0;
    Label label;
};

/// Examples of the burden a severity level stands for, so that modellers place outcomes consistently.
struct SeverityExamples {
    std::vector<Label> examples;
};

/// Every weight of the method (see docs/method.md), read from the knowledge base's `method` member.
struct MethodWeights {
    std::string id;
    std::vector<Level> levels;
    std::array<Weight, 5> severity{};
    std::array<SeverityExamples, 5> severity_examples{};
    Weight impact_base;
    Weight impact_probability_weight;
    std::array<Weight, 3> vulnerability{};
    Weight direct_use;
    Weight legal_basis_factor;
    std::array<Weight, 4> role{};
    std::array<Weight, 3> automation{};
    std::array<Weight, 3> discretion{};
    Weight assumption;
    Weight complaint;
    std::array<Weight, 4> rule_complexity{};
    std::map<std::string, Weight> complexity_sensitivity;
    Weight algorithmic_selection;
    std::string recommendation_min_level;
    std::size_t recommendations_per_risk = 3;
    std::size_t recommendations_per_step = 0; ///< measures proposed per step; 0: `recommendations_per_risk`

    double severity_of(Severity s) const { return severity[static_cast<std::size_t>(s)].value; }
    double role_of(AttributeRole r) const { return role[static_cast<std::size_t>(r)].value; }
    double automation_of(Automation a) const { return automation[static_cast<std::size_t>(a)].value; }
    double discretion_of(Discretion d) const { return discretion[static_cast<std::size_t>(d)].value; }
    double vulnerability_of(Vulnerability v) const { return vulnerability[static_cast<std::size_t>(v)].value; }
    double complexity_of(RuleComplexity c) const { return rule_complexity[static_cast<std::size_t>(c)].value; }
    double sensitivity_of(const std::string& ground) const {
        auto it = complexity_sensitivity.find(ground);
        return it == complexity_sensitivity.end() ? 0.0 : it->second.value;
    }
    /// Index into `levels` of the band a score (0..100) falls in.
    std::size_t level_index(double score) const {
        std::size_t index = 0;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            if (score >= levels[i].min) index = i;
        }
        return index;
    }
    std::size_t level_index_of(const std::string& level_id) const {
        for (std::size_t i = 0; i < levels.size(); ++i) {
            if (levels[i].id == level_id) return i;
        }
        return levels.size();
    }
};

/// The knowledge base. Immutable once built; share one between threads freely.
class KnowledgeBase {
public:
    /// The default knowledge base compiled into the library (data/knowledge_base.json).
    static const KnowledgeBase& builtin() {
        static const KnowledgeBase kb = from_json_text(detail::default_knowledge_base_json, "builtin knowledge base");
        return kb;
    }

    /// A complete knowledge base from a JSON document; throws ParseError or ValidationError (every problem).
    static KnowledgeBase from_json(const nlohmann::json& document) {
        KnowledgeBase kb;
        kb.document_ = nlohmann::ordered_json(document);
        kb.parse_or_throw();
        return kb;
    }
    static KnowledgeBase from_json_text(std::string_view text, const std::string& file = {},
                                        const ParseLimits& limits = {}) {
        KnowledgeBase kb;
        kb.document_ = nlohmann::ordered_json::parse(detail::parse_json(text, limits, file).dump());
        kb.parse_or_throw();
        return kb;
    }
    static KnowledgeBase from_file(const std::string& path, const ParseLimits& limits = {}) {
        return from_json_text(read_file(path, limits.max_bytes), path, limits);
    }

    /// A copy of this knowledge base extended by a partial document: entries with a known id replace it,
    /// new ids are added, members of `method` replace the same member. Throws like from_json.
    KnowledgeBase extended(const nlohmann::json& extension) const {
        KnowledgeBase kb;
        kb.document_ = document_;
        std::vector<Problem> problems;
        detail::Reader reader(problems);
        if (!reader.expect_object(extension, "")) throw ValidationError(problems);
        auto schema = reader.string(extension, "schema", "", true);
        if (schema && *schema != knowledge_base_schema_id)
            reader.error("/schema", "expected \"" + std::string(knowledge_base_schema_id) + "\", found " +
                                        detail::quote_token(*schema));
        if (!problems.empty()) throw ValidationError(problems);
        // Where each part of the merged document came from in the extension: problems found in the merged document
        // are reported at their place in the extension.
        Origins origins;
        for (const auto& [key, value] : extension.items()) {
            if (key == "grounds" || key == "attribute_kinds" || key == "channels" || key == "measures") {
                merge_by_id(kb.document_[key], value, "/" + key, reader, origins);
            } else if (key == "method" && value.is_object()) {
                for (const auto& [name, member] : value.items()) {
                    kb.document_["method"][name] = member;
                    origins.emplace_back("/method/" + name, "/method/" + name);
                }
            } else {
                kb.document_[key] = value;
                origins.emplace_back("/" + key, "/" + key);
            }
        }
        if (!problems.empty()) throw ValidationError(problems);
        try {
            kb.parse_or_throw();
        } catch (const ValidationError& e) {
            std::vector<Problem> placed = e.problems();
            for (auto& problem : placed) {
                bool found = false;
                for (const auto& [merged, own] : origins) {
                    if (problem.pointer == merged || problem.pointer.starts_with(merged + "/")) {
                        problem.pointer = own + problem.pointer.substr(merged.size());
                        found = true;
                        break;
                    }
                }
                if (!found) problem.message += " (in the merged knowledge base)";
            }
            throw ValidationError(placed);
        }
        return kb;
    }
    KnowledgeBase extended_from_file(const std::string& path, const ParseLimits& limits = {}) const {
        return extended(detail::parse_json(read_file(path, limits.max_bytes), limits, path));
    }

    const std::string& id() const { return id_; }
    const std::string& version() const { return version_; }
    const MethodWeights& method() const { return method_; }
    const std::vector<Ground>& grounds() const { return grounds_; }
    const std::vector<AttributeKind>& attribute_kinds() const { return attribute_kinds_; }
    const std::vector<ChannelInfo>& channels() const { return channels_; }
    const std::vector<Measure>& measures() const { return measures_; }
    /// The document this knowledge base was built from, in its own member order.
    const nlohmann::ordered_json& document() const { return document_; }

    const Ground* find_ground(std::string_view id) const { return find(grounds_, ground_index_, id); }
    const AttributeKind* find_attribute_kind(std::string_view id) const {
        return find(attribute_kinds_, kind_index_, id);
    }
    const Measure* find_measure(std::string_view id) const { return find(measures_, measure_index_, id); }
    std::size_t ground_index(std::string_view id) const {
        auto it = ground_index_.find(std::string(id));
        return it == ground_index_.end() ? grounds_.size() : it->second;
    }
    const ChannelInfo& channel(Channel c) const { return channels_by_enum_[static_cast<std::size_t>(c)]; }

    /// The bytes of a file (a regular file, or a stream such as a pipe or /dev/stdin; a directory is refused). A file
    /// larger than `max_bytes` is refused (LimitError naming it) before it is read, and reading stops at `max_bytes`
    /// + 1 bytes for a file that grows or whose size is not known (a pipe). UTF-16 text is refused.
    static std::string read_file(const std::string& path, std::size_t max_bytes = ParseLimits{}.max_bytes) {
        detail::InputFile file(path);
        return detail::read_whole(file, max_bytes);
    }

private:
    template <class T>
    static const T* find(const std::vector<T>& items, const std::unordered_map<std::string, std::size_t>& index,
                         std::string_view id) {
        auto it = index.find(std::string(id));
        return it == index.end() ? nullptr : &items[it->second];
    }

    using Origins = std::vector<std::pair<std::string, std::string>>; // pointer in the merged document, in the extension

    static void merge_by_id(nlohmann::ordered_json& target, const nlohmann::json& entries, const std::string& pointer,
                            detail::Reader& reader, Origins& origins) {
        if (!entries.is_array()) {
            reader.error(pointer, "expected an array, found " + detail::type_name(entries));
            return;
        }
        if (!target.is_array()) target = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& entry = entries[i];
            if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
                reader.error(pointer + "/" + std::to_string(i), "expected an object with a string \"id\"");
                continue;
            }
            bool replaced = false;
            const std::string own = pointer + "/" + std::to_string(i);
            for (std::size_t k = 0; k < target.size(); ++k) {
                auto& existing = target[k];
                if (existing.contains("id") && existing["id"].is_string() &&
                    existing["id"].get<std::string>() == entry["id"].get<std::string>()) {
                    existing = nlohmann::ordered_json::parse(entry.dump());
                    origins.emplace_back(pointer + "/" + std::to_string(k), own);
                    replaced = true;
                }
            }
            if (!replaced) {
                origins.emplace_back(pointer + "/" + std::to_string(target.size()), own);
                target.push_back(nlohmann::ordered_json::parse(entry.dump()));
            }
        }
    }

    void parse_or_throw();

    nlohmann::ordered_json document_;
    std::string id_;
    std::string version_;
    MethodWeights method_;
    std::vector<Ground> grounds_;
    std::vector<AttributeKind> attribute_kinds_;
    std::vector<ChannelInfo> channels_;
    std::array<ChannelInfo, 5> channels_by_enum_{};
    std::vector<Measure> measures_;
    std::unordered_map<std::string, std::size_t> ground_index_;
    std::unordered_map<std::string, std::size_t> kind_index_;
    std::unordered_map<std::string, std::size_t> measure_index_;
};

namespace detail {

/// Reads the knowledge base document into typed entries, collecting every problem.
class KnowledgeBaseReader {
public:
    explicit KnowledgeBaseReader(std::vector<Problem>& problems) : reader_(problems) {}

    Label label(const nlohmann::json& object, const char* key, const std::string& pointer, bool required) {
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
    Weight weight(const nlohmann::json& value, const std::string& pointer, double low, double high,
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
            reader_.error(pointer, "expected a number or {\"value\", \"rationale\"}, found " + type_name(value));
            return result;
        }
        if (!(result.value >= low && result.value <= high)) {
            reader_.error(pointer, "value " + format_number(result.value) + " is outside " + format_number(low) + ".." +
                                       format_number(high));
        }
        return result;
    }

    Weight weight_member(const nlohmann::json& object, const char* key, const std::string& pointer, double low,
                         double high) {
        const auto* value = reader_.member(object, key, pointer, true);
        return value ? weight(*value, pointer + "/" + key, low, high) : Weight{};
    }

    /// A map from the names of an enum to weights; every name required.
    template <class Enum, std::size_t N>
    void enum_weights(const nlohmann::json& object, const char* key, const std::string& pointer,
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
                reader_.error(here, "missing required member \"" + name + "\"");
                continue;
            }
            out[i] = weight(*it, here + "/" + name, low, high, examples ? &(*examples)[i].examples : nullptr);
        }
        for (const auto& [name, member] : value->items()) {
            if (!enum_from_string<Enum>(name)) reader_.warning(here + "/" + name, "unknown member " + quote_token(name) + " is ignored");
        }
    }

    /// A map from ground ids to weights in 0..1; unknown grounds are errors.
    std::map<std::string, Weight> ground_weights(const nlohmann::json& object, const char* key,
                                                 const std::string& pointer, const KnowledgeBase& kb, bool required) {
        std::map<std::string, Weight> result;
        const auto* value = reader_.member(object, key, pointer, required);
        if (!value) return result;
        std::string here = pointer + "/" + key;
        if (!reader_.expect_object(*value, here)) return result;
        for (const auto& [ground, member] : value->items()) {
            std::string at = here + "/" + Reader::escape(ground);
            if (!kb.find_ground(ground)) reader_.error(at, "unknown ground " + quote_token(ground));
            result[ground] = weight(member, at, 0, 1);
        }
        return result;
    }

    Reader& reader() { return reader_; }

private:
    Reader reader_;
};

} // namespace detail

inline void KnowledgeBase::parse_or_throw() {
    std::vector<Problem> problems;
    detail::KnowledgeBaseReader kbr(problems);
    auto& reader = kbr.reader();
    const nlohmann::json doc = nlohmann::json::parse(document_.dump());
    if (!reader.expect_object(doc, "")) throw ValidationError(problems);
    auto schema = reader.string(doc, "schema", "", true);
    if (schema && *schema != knowledge_base_schema_id) {
        reader.error("/schema", "expected \"" + std::string(knowledge_base_schema_id) + "\", found " +
                                    detail::quote_token(*schema));
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
                reader.error(pointer + "/id", "duplicate id " + detail::quote_token(*id) + " (first used at /" + key +
                                                  "/" + std::to_string(seen[*id]) + ")");
                continue;
            }
            read_one(item, pointer, *id);
        }
    };

    grounds_.clear();
    read_ids("grounds", [&](const nlohmann::json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "description", "legal_source"});
        Ground g{id, kbr.label(item, "label", pointer, true), kbr.label(item, "description", pointer, false),
                 reader.string(item, "legal_source", pointer, true).value_or("")};
        ground_index_[id] = grounds_.size();
        grounds_.push_back(std::move(g));
    });

    attribute_kinds_.clear();
    read_ids("attribute_kinds", [&](const nlohmann::json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "description", "proxy"});
        AttributeKind kind{id, kbr.label(item, "label", pointer, true),
                           kbr.ground_weights(item, "proxy", pointer, *this, false)};
        kind_index_[id] = attribute_kinds_.size();
        attribute_kinds_.push_back(std::move(kind));
    });

    channels_.clear();
    std::array<bool, 5> channel_seen{};
    read_ids("channels", [&](const nlohmann::json& item, const std::string& pointer, const std::string& id) {
        reader.unknown_members(item, pointer, {"id", "label", "visibility"});
        auto which = enum_from_string<Channel>(id);
        if (!which) {
            reader.error(pointer + "/id", "unknown channel " + detail::quote_token(id) +
                                              " (expected one of: in_person, phone, paper, digital, none)");
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
                reader.error("/channels", "missing channel \"" + std::string(EnumNames<Channel>::names[i]) + "\"");
        }
    }

    measures_.clear();
    read_ids("measures", [&](const nlohmann::json& item, const std::string& pointer, const std::string& id) {
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
                    else reader.error(at + "/" + key + "/" + std::to_string(k), "unknown value " + detail::quote_token(v.is_string() ? v.get<std::string>() : v.dump()));
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
                        else reader.error(at + "/automation/" + std::to_string(k), "unknown automation " + (*list)[k].dump());
                    }
                }
                if (const auto* list = reader.array(entry, "grounds", at, false)) {
                    for (std::size_t k = 0; k < list->size(); ++k) {
                        const auto& g = (*list)[k];
                        if (g.is_string() && find_ground(g.get<std::string>())) d.grounds.push_back(g.get<std::string>());
                        else reader.error(at + "/grounds/" + std::to_string(k), "unknown ground " + g.dump());
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
                    reader.error(at + "/min", "levels must be in ascending order of \"min\"");
                for (std::size_t j = 0; j < method_.levels.size(); ++j) {
                    if (!l.id.empty() && method_.levels[j].id == l.id)
                        reader.error(at + "/id", "duplicate level id " + detail::quote_token(l.id) + " (first used at " + m +
                                                     "/levels/" + std::to_string(j) + ")");
                }
                method_.levels.push_back(std::move(l));
            }
            if (levels->empty()) reader.error(m + "/levels", "at least one level is needed");
            else if (!method_.levels.empty() && method_.levels.front().min != 0)
                reader.error(m + "/levels/0/min", "the first level must start at 0");
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
                reader.error(m + "/recommendations/min_level",
                             "unknown level " + detail::quote_token(method_.recommendation_min_level));
        }
    }

    bool has_error = false;
    for (const auto& p : problems) has_error = has_error || p.is_error();
    if (has_error) throw ValidationError(problems);
}

} // namespace artikel1
