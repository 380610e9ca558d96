// SPDX-License-Identifier: EUPL-1.2
// artikel1: the knowledge base (kennisbank). Grounds, attribute kinds with proxy strengths, channel visibility,
// the catalogue of measures and every weight of the method. All policy lives in its JSON; none in code.
#pragma once

#include <artikel1/error.hpp>
#include <artikel1/language.hpp>
#include <artikel1/process.hpp>
#include <artikel1/settings.hpp>

#include <nlohmann/json_fwd.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view knowledge_base_schema_id = "artikel1/knowledge-base/1";

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
        return applies_to(to, step_automation) && on_ground(ground);
    }
    /// The filters of `applies` without the ground's.
    bool applies_to(RiskSource to, Automation step_automation) const {
        return to == source &&
               (automation.empty() || std::find(automation.begin(), automation.end(), step_automation) != automation.end());
    }
    /// The ground filter of `applies`.
    bool on_ground(const std::string& ground) const {
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

/// The knowledge base. Immutable once built; share one between threads freely (copies share the document).
class KnowledgeBase {
public:
    /// The default knowledge base compiled into the library (data/knowledge_base.json).
    static const KnowledgeBase& builtin();

    /// A complete knowledge base from a JSON document; throws ParseError or ValidationError (every problem).
    static KnowledgeBase from_json(const nlohmann::ordered_json& document);
    static KnowledgeBase from_json_text(std::string_view text, const std::string& file = {},
                                        const ParseLimits& limits = {});
    static KnowledgeBase from_file(const std::string& path, const ParseLimits& limits = {});

    /// A copy of this knowledge base extended by a partial document: entries with a known id replace it,
    /// new ids are added, members of `method` replace the same member. Throws like from_json.
    KnowledgeBase extended(const nlohmann::ordered_json& extension) const;
    KnowledgeBase extended_from_json_text(std::string_view text, const std::string& file = {},
                                          const ParseLimits& limits = {}) const;
    KnowledgeBase extended_from_file(const std::string& path, const ParseLimits& limits = {}) const;

    const std::string& id() const { return id_; }
    const std::string& version() const { return version_; }
    const MethodWeights& method() const { return method_; }
    const std::vector<Ground>& grounds() const { return grounds_; }
    const std::vector<AttributeKind>& attribute_kinds() const { return attribute_kinds_; }
    const std::vector<ChannelInfo>& channels() const { return channels_; }
    const std::vector<Measure>& measures() const { return measures_; }
    /// The document this knowledge base was built from, in its own member order (include <nlohmann/json.hpp> to
    /// use it).
    const nlohmann::ordered_json& document() const { return *document_; }

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
    static std::string read_file(const std::string& path, std::size_t max_bytes = ParseLimits{}.max_bytes);

private:
    template <class T>
    static const T* find(const std::vector<T>& items, const std::unordered_map<std::string, std::size_t>& index,
                         std::string_view id) {
        auto it = index.find(std::string(id));
        return it == index.end() ? nullptr : &items[it->second];
    }

    /// Reads `document_` into the typed members; throws ValidationError with every problem.
    void parse_or_throw();

    std::shared_ptr<const nlohmann::ordered_json> document_;
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

} // namespace artikel1
