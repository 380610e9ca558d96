// SPDX-License-Identifier: EUPL-1.2
// artikel1: observed disparity from event logs (docs/disparity.md).
//
// Everything here works on integer codes, so that typed arrays (the C ABI) and numpy columns (Python) feed it without
// copying or per-row work in the caller's language:
//   DisparitySpec         what to count, fixed from a Process and options: step codes, decision points, adverse flows,
//                         grounds analysed (and intersections), the strata column.
//   DisparityAccumulator  the counts: passages n and adverse count per decision point x ground x group x stratum, with
//                         growable group and stratum dictionaries (label <-> code); mergeable and serialisable, so a log
//                         can be split over threads, processes or a cluster engine and combined exactly.
//   EventSequencer        derives "the next step" from events in case order (the process-mining convention).
//   compute_disparity     the table: rates, ratios, differences, tests, q-values, Mantel-Haenszel, suppression.
// Reading files is in event_log.hpp; a synthetic log generator is in log_generator.hpp.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/output_escape.hpp>
#include <artikel1/detail/string_index.hpp>
#include <artikel1/disclosure.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process.hpp>
#include <artikel1/statistics.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view disparity_schema_id = "artikel1/disparity/1";
/// The format of serialised partial counts (DisparityAccumulator::serialise).
inline constexpr std::string_view disparity_counts_schema_id = "artikel1/disparity-counts/1";

/// The code of a missing or unknown value in every code column (steps, next steps, groups, strata).
inline constexpr std::int32_t missing_code = -1;
static_assert(missing_code == detail::StringIndex::absent);

/// What the second column of a row holds.
enum class NextKind {
    next_step,    ///< the code of the step the case goes to next
    adverse_flag  ///< 1 when the decision went against the citizen, 0 when not (from an outcome column)
};

/// A column of the log (or case table) that holds the groups of one ground: `migration_background` -> `race`.
struct GroundColumn {
    std::string column;
    std::string ground;
    bool operator==(const GroundColumn&) const = default;
};

/// An outcome label of a log with an outcome column, and whether it is adverse for the citizen.
struct OutcomeMapping {
    std::string label;
    bool adverse = false;
    bool operator==(const OutcomeMapping&) const = default;
};

/// Parses `column=ground` (as given on a command line) into a GroundColumn; throws InvalidArgument.
inline GroundColumn parse_ground_column(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
        throw InvalidArgument("expected COLUMN=GROUND (e.g. migration_background=race), got " +
                              detail::quote_token(text));
    }
    return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

struct DisparitySpecOptions {
    /// The grounds analysed: which column holds the groups of which ground. At least one.
    std::vector<GroundColumn> grounds;
    /// Optional column whose values are strata (e.g. `municipality`) for the Mantel-Haenszel odds ratio.
    std::string strata_column;
    /// Non-empty: the log carries an outcome column instead of the next step; each label says adverse or not.
    /// Setting it makes `next_kind` adverse_flag.
    std::vector<OutcomeMapping> outcomes;
    NextKind next_kind = NextKind::next_step;
    /// Pairs of ground ids to analyse together (race x sex); each pair becomes a synthetic ground `race+sex`.
    std::vector<std::pair<std::string, std::string>> intersections;
    /// Step ids to treat as decision points; empty: every step of kind decision and every step with more than one
    /// outgoing flow.
    std::vector<std::string> decision_points;
    /// Also count every move of a case per flow x ground x group x stratum, and the steps where cases ended (the
    /// transition counts of compounding.hpp and of `artikel1 fit`). Needs a log with the next step (not an outcome
    /// column); group columns are then read on every row, not only at decision points.
    bool count_transitions = false;
};

namespace detail {

/// Hash for string_view lookups in maps keyed by std::string (no temporary strings on the hot path).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_count_overflow() {
    throw LimitError("disparity count overflows 64 bits");
}

inline std::uint64_t checked_add(std::uint64_t a, std::uint64_t b) {
    if (b > std::numeric_limits<std::uint64_t>::max() - a) throw_count_overflow();
    return a + b;
}

/// Adds one to a counter; counters loaded from serialised counts can start at 2^64 - 1.
// Kept small enough to inline on the hot path: the throw is out of line.
inline void count_one(std::uint64_t& counter) {
    if (counter == std::numeric_limits<std::uint64_t>::max()) [[unlikely]] throw_count_overflow();
    ++counter;
}

} // namespace detail

/// What to count: fixed from a process and options. Immutable; shared freely between threads and accumulators.
/// Step codes are indices into `process.steps`.
class DisparitySpec {
public:
    /// Throws InvalidArgument for options that do not fit the process (unknown decision point, duplicate ground,
    /// intersection of a ground not analysed, flows naming unknown steps). The process should be validated first.
    explicit DisparitySpec(const Process& process, DisparitySpecOptions options = {}) : options_(std::move(options)) {
        process_id_ = process.id;
        if (options_.grounds.empty()) throw InvalidArgument("no grounds to analyse: give at least one COLUMN=GROUND");
        if (process.steps.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw LimitError("too many steps for 32-bit step codes");
        for (std::size_t i = 0; i < process.steps.size(); ++i) {
            bool added = false;
            step_index_.insert(process.steps[i].id, added);
            if (!added) throw InvalidArgument("duplicate step id " + detail::quote_token(process.steps[i].id));
        }
        outgoing_.resize(step_count());
        for (const auto& flow : process.flows) {
            std::int32_t from = step_code(flow.from), to = step_code(flow.to);
            if (from == missing_code || to == missing_code)
                throw InvalidArgument("flow " + detail::quote_token(flow.from) + " -> " + detail::quote_token(flow.to) +
                                      " names an unknown step (validate the process first)");
            outgoing_[static_cast<std::size_t>(from)].push_back({to, flow.adverse, static_cast<std::int32_t>(flow_ends_.size())});
            flow_ends_.emplace_back(from, to);
        }
        if (options_.count_transitions && (!options_.outcomes.empty() || options_.next_kind == NextKind::adverse_flag))
            throw InvalidArgument("transition counts need the next step of each row, not an outcome column or adverse flags");
        decision_of_step_.assign(step_count(), missing_code);
        if (options_.decision_points.empty()) {
            for (std::size_t i = 0; i < process.steps.size(); ++i) {
                if (process.steps[i].kind == StepKind::decision || outgoing_[i].size() > 1) add_decision(i);
            }
        } else {
            for (const auto& id : options_.decision_points) {
                std::int32_t code = step_code(id);
                if (code == missing_code) throw InvalidArgument("decision point " + detail::quote_token(id) + " is not a step of the process");
                if (decision_of_step_[static_cast<std::size_t>(code)] != missing_code)
                    throw InvalidArgument("decision point " + detail::quote_token(id) + " given twice");
                add_decision(static_cast<std::size_t>(code));
            }
        }
        if (!options_.outcomes.empty()) options_.next_kind = NextKind::adverse_flag;
        for (const auto& outcome : options_.outcomes) {
            if (!outcome_adverse_.emplace(outcome.label, outcome.adverse).second)
                throw InvalidArgument("outcome label " + detail::quote_token(outcome.label) + " given twice");
        }
        for (const auto& g : options_.grounds) {
            if (g.column.empty() || g.ground.empty()) throw InvalidArgument("a ground column needs a column name and a ground id");
            for (const auto& other : grounds_) {
                if (other.id == g.ground) throw InvalidArgument("ground " + detail::quote_token(g.ground) + " is mapped from two columns");
            }
            grounds_.push_back({g.ground, g.column, 0, 0});
        }
        base_ground_count_ = grounds_.size();
        for (const auto& [first, second] : options_.intersections) {
            std::size_t a = base_ground_index(first), b = base_ground_index(second);
            if (a == b) throw InvalidArgument("an intersection needs two different grounds, got " + detail::quote_token(first) + " twice");
            std::string id = first + "+" + second;
            for (const auto& other : grounds_) {
                if (other.id == id) throw InvalidArgument("intersection " + detail::quote_token(id) + " given twice");
            }
            grounds_.push_back({id, {}, a, b});
        }
    }

    const std::string& process_id() const { return process_id_; }
    const DisparitySpecOptions& options() const { return options_; }
    NextKind next_kind() const { return options_.next_kind; }

    std::size_t step_count() const { return step_index_.size(); }
    const std::string& step_id(std::int32_t code) const { return step_index_.key(code); }
    /// The code of a step id, or missing_code.
    std::int32_t step_code(std::string_view id) const {
        return step_index_.find(id); // StringIndex::absent is missing_code
    }

    std::size_t decision_count() const { return decision_steps_.size(); }
    /// Step code of decision point d (decision points are numbered in model order, or in the order given).
    std::int32_t decision_step(std::size_t d) const { return decision_steps_[d]; }
    /// Decision index of a step code, or missing_code when the step is not a decision point.
    std::int32_t decision_index(std::int32_t step) const { return decision_of_step_[static_cast<std::size_t>(step)]; }

    /// Whether the model has a flow from -> to: -1 no, 0 yes (not adverse), 1 yes and adverse.
    int flow_kind(std::int32_t from, std::int32_t to) const {
        for (const auto& out : outgoing_[static_cast<std::size_t>(from)]) {
            if (out.to == to) return out.adverse ? 1 : 0;
        }
        return -1;
    }
    /// Whether rows are also counted per flow (DisparitySpecOptions::count_transitions).
    bool counts_transitions() const { return options_.count_transitions; }
    /// Flows of the model, numbered in model order.
    std::size_t flow_count() const { return flow_ends_.size(); }
    std::int32_t flow_from(std::size_t f) const { return flow_ends_.at(f).first; }
    std::int32_t flow_to(std::size_t f) const { return flow_ends_.at(f).second; }
    /// The number of the flow from -> to, or missing_code when the model has none.
    std::int32_t flow_code(std::int32_t from, std::int32_t to) const {
        for (const auto& out : outgoing_[static_cast<std::size_t>(from)]) {
            if (out.to == to) return out.flow;
        }
        return missing_code;
    }
    /// Transition codes: 0 .. flow_count() - 1 are the flows; flow_count() + s is "a case ended at step s".
    std::size_t transition_width() const { return flow_count() + step_count(); }

    /// The adverse flag of an outcome label: -1 when the label is not in the mapping.
    int outcome_adverse(std::string_view label) const {
        auto it = outcome_adverse_.find(label);
        return it == outcome_adverse_.end() ? -1 : (it->second ? 1 : 0);
    }

    /// Grounds analysed: the base grounds (one column each) first, then the intersections.
    std::size_t ground_count() const { return grounds_.size(); }
    std::size_t base_ground_count() const { return base_ground_count_; }
    const std::string& ground(std::size_t g) const { return grounds_.at(g).id; }
    /// The column of a base ground (empty for an intersection).
    const std::string& ground_column(std::size_t g) const { return grounds_.at(g).column; }
    bool is_intersection(std::size_t g) const { return g >= base_ground_count_; }
    /// The two base grounds of an intersection.
    std::pair<std::size_t, std::size_t> components(std::size_t g) const { return {grounds_.at(g).first, grounds_.at(g).second}; }
    /// Index of a ground id (base or intersection), or npos.
    std::size_t find_ground(std::string_view id) const {
        for (std::size_t g = 0; g < grounds_.size(); ++g) {
            if (grounds_[g].id == id) return g;
        }
        return npos;
    }

    bool has_strata() const { return !options_.strata_column.empty(); }
    const std::string& strata_column() const { return options_.strata_column; }

    /// Everything that decides what a count means; two accumulators merge only when their fingerprints are equal.
    nlohmann::ordered_json fingerprint() const {
        nlohmann::ordered_json decisions = nlohmann::ordered_json::array();
        const std::vector<std::string>& step_ids = step_index_.keys();
        for (auto step : decision_steps_) decisions.push_back(step_ids[static_cast<std::size_t>(step)]);
        nlohmann::ordered_json flows = nlohmann::ordered_json::array();
        for (std::size_t from = 0; from < outgoing_.size(); ++from) {
            for (const auto& out : outgoing_[from])
                flows.push_back({step_ids[from], step_ids[static_cast<std::size_t>(out.to)], out.adverse});
        }
        nlohmann::ordered_json grounds = nlohmann::ordered_json::array();
        for (const auto& g : grounds_) {
            if (g.column.empty()) grounds.push_back({{"ground", g.id}, {"intersection", {grounds_[g.first].id, grounds_[g.second].id}}});
            else grounds.push_back({{"ground", g.id}, {"column", g.column}});
        }
        nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
        for (const auto& o : options_.outcomes) outcomes.push_back({o.label, o.adverse});
        nlohmann::ordered_json doc = {{"process", process_id_},
                {"steps", step_ids},
                {"decision_points", decisions},
                {"flows", flows},
                {"next", options_.next_kind == NextKind::next_step ? "next_step" : "adverse_flag"},
                {"outcomes", outcomes},
                {"grounds", grounds},
                {"strata_column", options_.strata_column}};
        if (options_.count_transitions) doc["transitions"] = true; // absent otherwise: earlier counts stay readable
        return doc;
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    struct Outgoing {
        std::int32_t to;
        bool adverse;
        std::int32_t flow;
    };
    struct GroundEntry {
        std::string id;
        std::string column;  // empty for an intersection
        std::size_t first;   // intersections: the component grounds
        std::size_t second;
    };

    void add_decision(std::size_t step) {
        decision_of_step_[step] = static_cast<std::int32_t>(decision_steps_.size());
        decision_steps_.push_back(static_cast<std::int32_t>(step));
    }
    std::size_t base_ground_index(const std::string& id) const {
        for (std::size_t g = 0; g < base_ground_count_; ++g) {
            if (grounds_[g].id == id) return g;
        }
        throw InvalidArgument("intersection names ground " + detail::quote_token(id) + ", which is not analysed");
    }

    DisparitySpecOptions options_;
    std::string process_id_;
    detail::StringIndex step_index_; // step ids, codes in model order
    std::vector<std::vector<Outgoing>> outgoing_;
    std::vector<std::pair<std::int32_t, std::int32_t>> flow_ends_; // per flow: from, to
    std::vector<std::int32_t> decision_steps_;
    std::vector<std::int32_t> decision_of_step_;
    detail::StringMap<bool> outcome_adverse_;
    std::vector<GroundEntry> grounds_;
    std::size_t base_ground_count_ = 0;
};

namespace detail {
/// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return 0;
    std::uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD (a Windows-1252 export, say), so that
/// labels can always be written as JSON.
inline std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

inline bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}
} // namespace detail

/// A growable dictionary of labels and their codes (0, 1, 2... in order of first appearance). Labels are kept as
/// valid UTF-8: invalid bytes become U+FFFD.
class LabelDictionary {
public:
    /// The code of a label, adding it when new.
    std::int32_t intern(std::string_view raw) {
        // Every key is valid UTF-8, so a label found as it is needs no check.
        std::int32_t code = index_.find(raw);
        if (code != missing_code) return code;
        bool added = false;
        if (detail::is_valid_utf8(raw)) return index_.insert(raw, added);
        return index_.insert(detail::valid_utf8(raw), added);
    }
    /// The code of a label, or missing_code.
    std::int32_t find(std::string_view label) const { return index_.find(label); }
    const std::string& label(std::int32_t code) const { return index_.key(code); }
    const std::vector<std::string>& labels() const { return index_.keys(); }
    std::size_t size() const { return index_.size(); }

private:
    detail::StringIndex index_;
};

/// What happened to one row offered to the accumulator.
enum class RowStatus {
    counted,                 ///< a passage at a decision point, counted
    not_decision_point,      ///< a known step that is not a decision point, with a known flow: nothing to count
    unknown_step,            ///< the step is not in the model
    unknown_next_step,       ///< the next step is not in the model (or out of range)
    flow_not_in_model,       ///< both steps are known but the model has no flow between them
    unknown_outcome,         ///< adverse_flag logs: the outcome is not 0 or 1 (a label not in the outcome mapping)
    ended_at_decision_point  ///< the case's last event is a decision point: it never left it (EventSequencer only)
};

inline std::string_view to_string(RowStatus status) {
    switch (status) {
    case RowStatus::counted: return "counted";
    case RowStatus::not_decision_point: return "not_decision_point";
    case RowStatus::unknown_step: return "unknown_step";
    case RowStatus::unknown_next_step: return "unknown_next_step";
    case RowStatus::flow_not_in_model: return "flow_not_in_model";
    case RowStatus::unknown_outcome: return "unknown_outcome";
    case RowStatus::ended_at_decision_point: return "ended_at_decision_point";
    }
    return "unknown";
}

/// Rows that could not be counted (or only partly), per kind. Nothing is dropped silently: every row offered is in
/// `rows`, and each one not counted as a passage is in exactly one of the row kinds below (or in not_decision_point).
struct DisparityIssues {
    std::uint64_t rows = 0;                    ///< rows (transitions) offered
    std::uint64_t passages = 0;                ///< rows counted at a decision point
    std::uint64_t not_decision_point = 0;      ///< rows at other steps (expected, not an issue)
    std::uint64_t unknown_step = 0;
    std::uint64_t unknown_next_step = 0;
    std::uint64_t flow_not_in_model = 0;
    std::uint64_t unknown_outcome = 0;
    std::uint64_t ended_at_decision_point = 0;
    std::uint64_t missing_stratum = 0;          ///< passages without a stratum (counted, left out of Mantel-Haenszel)
    std::vector<std::uint64_t> missing_group;   ///< per ground: passages without a group (not counted for that ground)
    /// Up to `label_sample_size` of the unknown labels seen, the smallest in byte order (so merging is exact).
    std::vector<std::string> unknown_step_labels;
    std::vector<std::string> unknown_outcome_labels;

    static constexpr std::size_t label_sample_size = 20;
    /// A longer label is kept as its first 60 bytes and "..." (as messages quote tokens); a kept label is never
    /// cut again, so merging samples stays exact.
    static constexpr std::size_t label_sample_max_bytes = 60;

    /// Rows that are data problems (everything but passages and not_decision_point).
    std::uint64_t problem_rows() const {
        return unknown_step + unknown_next_step + flow_not_in_model + unknown_outcome + ended_at_decision_point;
    }
    bool operator==(const DisparityIssues&) const = default;
};

namespace detail {
inline void note_label(std::vector<std::string>& sample, std::string_view raw) {
    std::string repaired;
    std::string_view label = raw;
    if (!is_valid_utf8(label)) {
        repaired = valid_utf8(label);
        label = repaired;
    }
    // Kept at most as long as a token quoted in a message, cut on a character boundary.
    if (label.size() > DisparityIssues::label_sample_max_bytes + 3) {
        repaired = cut_at_character(label, DisparityIssues::label_sample_max_bytes);
        label = repaired;
    }
    auto it = std::lower_bound(sample.begin(), sample.end(), label);
    if (it != sample.end() && *it == label) return;
    if (sample.size() >= DisparityIssues::label_sample_size && it == sample.end()) return;
    sample.insert(it, std::string(label));
    if (sample.size() > DisparityIssues::label_sample_size) sample.pop_back();
}
} // namespace detail

/// Passages and adverse decisions of one cell.
struct CellCount {
    std::uint64_t n = 0;
    std::uint64_t adverse = 0;
    bool operator==(const CellCount&) const = default;
};

/// The counts of a log (or part of one): per decision point x ground x group x stratum, passages n and adverse count.
/// Memory is bounded by decision points x groups x strata, never by the number of events.
///
/// One passage is one row where a case leaves a decision point: with loops a case counts once per passage.
/// Group codes are per base ground, from this accumulator's dictionaries (`groups(g)`); strata codes from
/// `strata()`. Intersection grounds are filled in by the accumulator from their components.
/// Not thread-safe: use one accumulator per thread and `merge` them.
class DisparityAccumulator {
public:
    explicit DisparityAccumulator(const DisparitySpec& spec)
        : DisparityAccumulator(std::make_shared<const DisparitySpec>(spec)) {}
    explicit DisparityAccumulator(std::shared_ptr<const DisparitySpec> spec) : spec_(std::move(spec)) {
        if (!spec_) throw InvalidArgument("DisparityAccumulator needs a spec");
        dictionaries_.resize(spec_->base_ground_count());
        pairs_.resize(spec_->ground_count() - spec_->base_ground_count());
        counts_.resize(spec_->ground_count());
        issues_.missing_group.assign(spec_->ground_count(), 0);
        if (spec_->counts_transitions()) transitions_.resize(spec_->ground_count());
    }

    const DisparitySpec& spec() const { return *spec_; }
    const std::shared_ptr<const DisparitySpec>& shared_spec() const { return spec_; }

    /// The group dictionary of base ground g; intern labels here to get the codes to pass to `add`.
    LabelDictionary& groups(std::size_t g) { return dictionaries_.at(g); }
    const LabelDictionary& groups(std::size_t g) const { return dictionaries_.at(g); }
    LabelDictionary& strata() { return strata_; }
    const LabelDictionary& strata() const { return strata_; }
    /// Number of groups of ground g (base or intersection).
    std::size_t group_count(std::size_t g) const {
        return spec_->is_intersection(g) ? pairs_[g - spec_->base_ground_count()].size() : dictionaries_[g].size();
    }
    /// The label of a group; intersection groups read `label1 & label2`.
    std::string group_label(std::size_t g, std::int32_t code) const {
        if (!spec_->is_intersection(g)) return dictionaries_[g].label(code);
        auto [a, b] = spec_->components(g);
        auto pair = pairs_[g - spec_->base_ground_count()].pair(code);
        return dictionaries_[a].label(pair.first) + " & " + dictionaries_[b].label(pair.second);
    }
    /// The component group codes of group `code` of intersection ground g.
    std::pair<std::int32_t, std::int32_t> group_components(std::size_t g, std::int32_t code) const {
        return pairs_.at(g - spec_->base_ground_count()).pair(code);
    }

    const DisparityIssues& issues() const { return issues_; }
    /// Records an unknown label for the report (readers call this; `add` only sees codes).
    void note_unknown_step_label(std::string_view label) { detail::note_label(issues_.unknown_step_labels, label); }
    void note_unknown_outcome_label(std::string_view label) { detail::note_label(issues_.unknown_outcome_labels, label); }

    /// Count one row: a case at `step` moved on to `next` (a step code, or with NextKind::adverse_flag 0 or 1).
    /// `groups` holds one group code per base ground (missing_code when unknown); `stratum` a stratum code or
    /// missing_code. Data problems are counted in issues() and returned; codes outside the dictionaries throw
    /// InvalidArgument (they are a caller's error, not a data problem).
    RowStatus add(std::int32_t step, std::int32_t next, std::span<const std::int32_t> groups,
                  std::int32_t stratum = missing_code) {
        if (groups.size() != spec_->base_ground_count()) [[unlikely]] throw_group_count(groups.size());
        detail::count_one(issues_.rows);
        // Most rows are not passages: they are settled here, inline, before anything is looked up per group.
        if (step < 0 || static_cast<std::size_t>(step) >= spec_->step_count()) {
            detail::count_one(issues_.unknown_step);
            return RowStatus::unknown_step;
        }
        const std::int32_t d = spec_->decision_index(step);
        int adverse = 0;
        if (spec_->next_kind() == NextKind::next_step) {
            if (next < 0 || static_cast<std::size_t>(next) >= spec_->step_count()) {
                detail::count_one(issues_.unknown_next_step);
                return RowStatus::unknown_next_step;
            }
            adverse = spec_->flow_kind(step, next);
            if (adverse < 0) {
                detail::count_one(issues_.flow_not_in_model);
                return RowStatus::flow_not_in_model;
            }
            if (spec_->counts_transitions())
                count_transition(static_cast<std::size_t>(spec_->flow_code(step, next)), groups, stratum);
            if (d == missing_code) {
                detail::count_one(issues_.not_decision_point);
                return RowStatus::not_decision_point;
            }
        } else {
            if (d == missing_code) {
                detail::count_one(issues_.not_decision_point);
                return RowStatus::not_decision_point;
            }
            if (next != 0 && next != 1) {
                detail::count_one(issues_.unknown_outcome);
                return RowStatus::unknown_outcome;
            }
            adverse = next;
        }
        count_passage(d, adverse, groups, stratum);
        return RowStatus::counted;
    }

    /// Count the last event of a case (no next step: the case ended, or is still open). A decision point there is
    /// counted as ended_at_decision_point, not as a passage.
    /// With transition counts, the end is counted for the groups and stratum given (none given: not counted).
    RowStatus add_end(std::int32_t step, std::span<const std::int32_t> groups = {}, std::int32_t stratum = missing_code) {
        if (!groups.empty() && groups.size() != spec_->base_ground_count()) [[unlikely]] throw_group_count(groups.size());
        detail::count_one(issues_.rows);
        if (step < 0 || static_cast<std::size_t>(step) >= spec_->step_count()) {
            detail::count_one(issues_.unknown_step);
            return RowStatus::unknown_step;
        }
        if (spec_->counts_transitions() && !groups.empty())
            count_transition(spec_->flow_count() + static_cast<std::size_t>(step), groups, stratum);
        if (spec_->decision_index(step) != missing_code) {
            detail::count_one(issues_.ended_at_decision_point);
            return RowStatus::ended_at_decision_point;
        }
        detail::count_one(issues_.not_decision_point);
        return RowStatus::not_decision_point;
    }

    /// Count rows given as columns of equal length: steps, next (steps or adverse flags), one column per base ground,
    /// and strata (empty span: no strata). With `strict`, the first row with a data problem (or a missing group or
    /// stratum) throws InvalidArgument naming the row index; the rows before it stay counted.
    void add_batch(std::span<const std::int32_t> steps, std::span<const std::int32_t> next,
                   std::span<const std::span<const std::int32_t>> group_columns, std::span<const std::int32_t> strata = {},
                   bool strict = false) {
        check_batch_shape(steps.size(), next.size(), group_columns, strata.size());
        std::vector<std::int32_t> row(spec_->base_ground_count());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            for (std::size_t g = 0; g < row.size(); ++g) row[g] = group_columns[g][i];
            std::int32_t stratum = strata.empty() ? missing_code : strata[i];
            RowStatus status = add(steps[i], next[i], row, stratum);
            if (strict) check_strict(status, row, stratum, i);
        }
    }

    /// Add another accumulator's counts (same spec fingerprint). Groups and strata are matched by label, so the
    /// result is the same table whatever way a log was split.
    void merge(const DisparityAccumulator& other) {
        if (&other == this) throw InvalidArgument("merge: cannot merge an accumulator into itself");
        if (spec_ != other.spec_ && spec_->fingerprint() != other.spec_->fingerprint())
            throw InvalidArgument("merge: the accumulators count different things (their specs differ)");
        std::vector<std::vector<std::int32_t>> remap(spec_->ground_count());
        for (std::size_t g = 0; g < spec_->base_ground_count(); ++g) {
            for (const auto& label : other.dictionaries_[g].labels()) remap[g].push_back(dictionaries_[g].intern(label));
        }
        for (std::size_t g = spec_->base_ground_count(); g < spec_->ground_count(); ++g) {
            auto [a, b] = spec_->components(g);
            const auto& theirs = other.pairs_[g - spec_->base_ground_count()];
            for (std::size_t code = 0; code < theirs.size(); ++code) {
                auto pair = theirs.pair(static_cast<std::int32_t>(code));
                remap[g].push_back(pairs_[g - spec_->base_ground_count()].intern(
                    remap[a][static_cast<std::size_t>(pair.first)], remap[b][static_cast<std::size_t>(pair.second)]));
            }
        }
        std::vector<std::size_t> slot_map{0};
        for (const auto& label : other.strata_.labels()) slot_map.push_back(static_cast<std::size_t>(strata_.intern(label)) + 1);
        std::size_t decisions = spec_->decision_count();
        for (std::size_t g = 0; g < spec_->ground_count(); ++g) {
            for (std::size_t code = 0; code < other.counts_[g].size(); ++code) {
                const auto& cells = other.counts_[g][code];
                for (std::size_t cell = 0; cell < cells.size(); ++cell) {
                    if (cells[cell].n == 0) continue;
                    std::size_t slot = slot_map[cell / decisions], d = cell % decisions;
                    add_counts(g, static_cast<std::size_t>(remap[g][code]), slot * decisions + d, cells[cell]);
                }
            }
        }
        const std::size_t width = spec_->transition_width();
        for (std::size_t g = 0; g < other.transitions_.size(); ++g) {
            for (std::size_t code = 0; code < other.transitions_[g].size(); ++code) {
                const auto& moves = other.transitions_[g][code];
                for (std::size_t k = 0; k < moves.size(); ++k) {
                    if (moves[k] != 0)
                        add_transitions(g, static_cast<std::size_t>(remap[g][code]), slot_map[k / width] * width + k % width, moves[k]);
                }
            }
        }
        for (std::size_t k = 0; k < other.transitions_total_.size(); ++k) {
            if (other.transitions_total_[k] != 0) add_total_transitions(slot_map[k / width] * width + k % width, other.transitions_total_[k]);
        }
        auto& mine = issues_;
        const auto& theirs = other.issues_;
        mine.rows = detail::checked_add(mine.rows, theirs.rows);
        mine.passages = detail::checked_add(mine.passages, theirs.passages);
        mine.not_decision_point = detail::checked_add(mine.not_decision_point, theirs.not_decision_point);
        mine.unknown_step = detail::checked_add(mine.unknown_step, theirs.unknown_step);
        mine.unknown_next_step = detail::checked_add(mine.unknown_next_step, theirs.unknown_next_step);
        mine.flow_not_in_model = detail::checked_add(mine.flow_not_in_model, theirs.flow_not_in_model);
        mine.unknown_outcome = detail::checked_add(mine.unknown_outcome, theirs.unknown_outcome);
        mine.ended_at_decision_point = detail::checked_add(mine.ended_at_decision_point, theirs.ended_at_decision_point);
        mine.missing_stratum = detail::checked_add(mine.missing_stratum, theirs.missing_stratum);
        for (std::size_t g = 0; g < mine.missing_group.size(); ++g)
            mine.missing_group[g] = detail::checked_add(mine.missing_group[g], theirs.missing_group[g]);
        for (const auto& label : theirs.unknown_step_labels) detail::note_label(mine.unknown_step_labels, label);
        for (const auto& label : theirs.unknown_outcome_labels) detail::note_label(mine.unknown_outcome_labels, label);
    }

    /// The count of one cell; `stratum` missing_code means the passages without a stratum (or all, without strata).
    CellCount count(std::size_t decision, std::size_t g, std::int32_t group, std::int32_t stratum = missing_code) const {
        std::size_t slot = stratum == missing_code ? 0 : static_cast<std::size_t>(stratum) + 1;
        return at(g, static_cast<std::size_t>(group), slot * spec_->decision_count() + decision);
    }
    /// The count of one cell summed over all strata.
    CellCount total(std::size_t decision, std::size_t g, std::int32_t group) const {
        CellCount sum;
        if (static_cast<std::size_t>(group) >= counts_[g].size()) return sum;
        const auto& cells = counts_[g][static_cast<std::size_t>(group)];
        for (std::size_t cell = decision; cell < cells.size(); cell += spec_->decision_count()) {
            sum.n += cells[cell].n;
            sum.adverse += cells[cell].adverse;
        }
        return sum;
    }

    /// Transition counts (spec counts_transitions): moves of ground g's group by transition code k (a flow, or
    /// flow_count() + s for cases that ended at step s) in one stratum (missing_code: rows without a stratum).
    std::uint64_t transition_count(std::size_t g, std::int32_t group, std::size_t k, std::int32_t stratum = missing_code) const {
        std::size_t slot = stratum == missing_code ? 0 : static_cast<std::size_t>(stratum) + 1;
        return transition_at(g, static_cast<std::size_t>(group), slot * spec_->transition_width() + k);
    }
    /// All rows' transition counts (groups known or not) summed over strata, one per transition code.
    std::vector<std::uint64_t> transitions() const {
        const std::size_t width = spec_->transition_width();
        std::vector<std::uint64_t> sum(width, 0);
        for (std::size_t k = 0; k < transitions_total_.size(); ++k) sum[k % width] = detail::checked_add(sum[k % width], transitions_total_[k]);
        return sum;
    }
    /// A group's transition counts summed over strata, one per transition code.
    std::vector<std::uint64_t> transitions(std::size_t g, std::int32_t group) const {
        const std::size_t width = spec_->transition_width();
        std::vector<std::uint64_t> sum(width, 0);
        if (g >= transitions_.size() || static_cast<std::size_t>(group) >= transitions_[g].size()) return sum;
        const auto& moves = transitions_[g][static_cast<std::size_t>(group)];
        for (std::size_t k = 0; k < moves.size(); ++k) sum[k % width] = detail::checked_add(sum[k % width], moves[k]);
        return sum;
    }

    /// The counts as compact JSON (`artikel1/disparity-counts/1`): the spec's fingerprint, the dictionaries, the
    /// non-zero cells and the issues. A cluster engine combines partial results with `deserialise` + `merge`.
    /// Holds unsuppressed counts: keep it inside the trusted environment, like the log itself.
    std::string serialise() const {
        nlohmann::ordered_json doc;
        doc["schema"] = disparity_counts_schema_id;
        doc["spec"] = spec_->fingerprint();
        nlohmann::ordered_json groups = nlohmann::ordered_json::array();
        for (const auto& dictionary : dictionaries_) groups.push_back(dictionary.labels());
        doc["groups"] = groups;
        nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
        for (const auto& dictionary : pairs_) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (std::size_t code = 0; code < dictionary.size(); ++code) {
                auto pair = dictionary.pair(static_cast<std::int32_t>(code));
                list.push_back({pair.first, pair.second});
            }
            pairs.push_back(list);
        }
        doc["intersection_groups"] = pairs;
        doc["strata"] = strata_.labels();
        // One array per non-zero cell: [ground, group, stratum (-1: none), decision point, n, adverse].
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        std::size_t decisions = spec_->decision_count();
        for (std::size_t g = 0; g < counts_.size(); ++g) {
            for (std::size_t code = 0; code < counts_[g].size(); ++code) {
                const auto& list = counts_[g][code];
                for (std::size_t cell = 0; cell < list.size(); ++cell) {
                    if (list[cell].n == 0) continue;
                    long long stratum = static_cast<long long>(cell / decisions) - 1;
                    cells.push_back({g, code, stratum, cell % decisions, list[cell].n, list[cell].adverse});
                }
            }
        }
        doc["cells"] = cells;
        if (spec_->counts_transitions()) {
            // One array per non-zero count: [ground, group, stratum (-1: none), transition code, count].
            nlohmann::ordered_json moves = nlohmann::ordered_json::array();
            const std::size_t width = spec_->transition_width();
            for (std::size_t g = 0; g < transitions_.size(); ++g) {
                for (std::size_t code = 0; code < transitions_[g].size(); ++code) {
                    const auto& list = transitions_[g][code];
                    for (std::size_t k = 0; k < list.size(); ++k) {
                        if (list[k] != 0) moves.push_back({g, code, static_cast<long long>(k / width) - 1, k % width, list[k]});
                    }
                }
            }
            doc["transitions"] = moves;
            // [stratum (-1: none), transition code, count] of every row, groups known or not.
            nlohmann::ordered_json totals = nlohmann::ordered_json::array();
            for (std::size_t k = 0; k < transitions_total_.size(); ++k) {
                if (transitions_total_[k] != 0) totals.push_back({static_cast<long long>(k / width) - 1, k % width, transitions_total_[k]});
            }
            doc["transitions_total"] = totals;
        }
        const auto& i = issues_;
        doc["issues"] = {{"rows", i.rows},
                         {"passages", i.passages},
                         {"not_decision_point", i.not_decision_point},
                         {"unknown_step", i.unknown_step},
                         {"unknown_next_step", i.unknown_next_step},
                         {"flow_not_in_model", i.flow_not_in_model},
                         {"unknown_outcome", i.unknown_outcome},
                         {"ended_at_decision_point", i.ended_at_decision_point},
                         {"missing_stratum", i.missing_stratum},
                         {"missing_group", i.missing_group},
                         {"unknown_step_labels", i.unknown_step_labels},
                         {"unknown_outcome_labels", i.unknown_outcome_labels}};
        return doc.dump();
    }

    /// Reads what `serialise` wrote, for a spec with the same fingerprint. Throws ParseError for malformed JSON and
    /// ValidationError (with the JSON pointer) for a document that does not fit.
    static DisparityAccumulator deserialise(const DisparitySpec& spec, std::string_view text,
                                            const ParseLimits& limits = {}) {
        return deserialise(std::make_shared<const DisparitySpec>(spec), text, limits);
    }
    static DisparityAccumulator deserialise(std::shared_ptr<const DisparitySpec> spec, std::string_view text,
                                            const ParseLimits& limits = {}) {
        auto doc = detail::parse_json(text, limits, "disparity counts");
        auto fail = [](const std::string& pointer, const std::string& message) -> void {
            throw ValidationError({Problem{ProblemLevel::error, pointer, message}});
        };
        if (!doc.is_object()) fail("", "expected an object");
        if (!doc.contains("schema") || doc["schema"] != disparity_counts_schema_id)
            fail("/schema", "expected \"" + std::string(disparity_counts_schema_id) + "\"");
        if (!doc.contains("spec") || nlohmann::json(spec->fingerprint()) != doc["spec"])
            fail("/spec", "the counts were made for a different process or different options");
        DisparityAccumulator acc(std::move(spec));
        const auto& s = acc.spec();
        try {
            const auto& groups = doc.at("groups");
            if (!groups.is_array() || groups.size() != s.base_ground_count()) fail("/groups", "expected one label list per ground");
            for (std::size_t g = 0; g < groups.size(); ++g) {
                for (const auto& label : groups[g]) {
                    std::size_t before = acc.dictionaries_[g].size();
                    acc.dictionaries_[g].intern(label.get<std::string>());
                    if (acc.dictionaries_[g].size() == before) fail("/groups/" + std::to_string(g), "duplicate label");
                }
            }
            const auto& pairs = doc.at("intersection_groups");
            if (!pairs.is_array() || pairs.size() != acc.pairs_.size()) fail("/intersection_groups", "expected one list per intersection");
            for (std::size_t i = 0; i < pairs.size(); ++i) {
                auto [a, b] = s.components(s.base_ground_count() + i);
                for (std::size_t k = 0; k < pairs[i].size(); ++k) {
                    auto first = pairs[i][k].at(0).get<std::int32_t>(), second = pairs[i][k].at(1).get<std::int32_t>();
                    if (first < 0 || second < 0 || static_cast<std::size_t>(first) >= acc.dictionaries_[a].size() ||
                        static_cast<std::size_t>(second) >= acc.dictionaries_[b].size() ||
                        acc.pairs_[i].intern(first, second) != static_cast<std::int32_t>(k))
                        fail("/intersection_groups/" + std::to_string(i) + "/" + std::to_string(k), "invalid group pair");
                }
            }
            for (const auto& label : doc.at("strata")) acc.strata_.intern(label.get<std::string>());
            const auto& cells = doc.at("cells");
            for (std::size_t k = 0; k < cells.size(); ++k) {
                const auto& c = cells[k];
                std::string at = "/cells/" + std::to_string(k);
                if (!c.is_array() || c.size() != 6) fail(at, "expected [ground, group, stratum, decision, n, adverse]");
                for (std::size_t m : {0, 1, 3, 4, 5}) {
                    if (!c[m].is_number_unsigned()) fail(at + "/" + std::to_string(m), "expected a whole number >= 0");
                }
                if (!c[2].is_number_integer()) fail(at + "/2", "expected a whole number >= -1");
                auto g = c[0].get<std::size_t>();
                auto group = c[1].get<std::size_t>();
                auto stratum = c[2].get<long long>();
                auto d = c[3].get<std::size_t>();
                CellCount count{c[4].get<std::uint64_t>(), c[5].get<std::uint64_t>()};
                if (g >= s.ground_count() || group >= acc.group_count(g) || stratum < -1 ||
                    stratum >= static_cast<long long>(acc.strata_.size()) || d >= s.decision_count() || count.adverse > count.n)
                    fail(at, "cell out of range");
                acc.add_counts(g, group, static_cast<std::size_t>(stratum + 1) * s.decision_count() + d, count);
            }
            if (s.counts_transitions()) {
                const auto& moves = doc.at("transitions");
                if (!moves.is_array()) fail("/transitions", "expected an array");
                for (std::size_t k = 0; k < moves.size(); ++k) {
                    const auto& c = moves[k];
                    std::string at = "/transitions/" + std::to_string(k);
                    if (!c.is_array() || c.size() != 5) fail(at, "expected [ground, group, stratum, transition, count]");
                    for (std::size_t m : {0, 1, 3, 4}) {
                        if (!c[m].is_number_unsigned()) fail(at + "/" + std::to_string(m), "expected a whole number >= 0");
                    }
                    if (!c[2].is_number_integer()) fail(at + "/2", "expected a whole number >= -1");
                    auto g = c[0].get<std::size_t>(), group = c[1].get<std::size_t>(), code = c[3].get<std::size_t>();
                    auto stratum = c[2].get<long long>();
                    if (g >= s.ground_count() || group >= acc.group_count(g) || stratum < -1 ||
                        stratum >= static_cast<long long>(acc.strata_.size()) || code >= s.transition_width())
                        fail(at, "transition out of range");
                    acc.add_transitions(g, group, static_cast<std::size_t>(stratum + 1) * s.transition_width() + code,
                                        c[4].get<std::uint64_t>());
                }
                const auto& totals = doc.at("transitions_total");
                if (!totals.is_array()) fail("/transitions_total", "expected an array");
                for (std::size_t k = 0; k < totals.size(); ++k) {
                    const auto& c = totals[k];
                    std::string at = "/transitions_total/" + std::to_string(k);
                    if (!c.is_array() || c.size() != 3 || !c[0].is_number_integer() || !c[1].is_number_unsigned() || !c[2].is_number_unsigned())
                        fail(at, "expected [stratum, transition, count]");
                    auto stratum = c[0].get<long long>();
                    auto code = c[1].get<std::size_t>();
                    if (stratum < -1 || stratum >= static_cast<long long>(acc.strata_.size()) || code >= s.transition_width())
                        fail(at, "transition out of range");
                    acc.add_total_transitions(static_cast<std::size_t>(stratum + 1) * s.transition_width() + code, c[2].get<std::uint64_t>());
                }
            }
            const auto& i = doc.at("issues");
            for (const char* name : {"rows", "passages", "not_decision_point", "unknown_step", "unknown_next_step", "flow_not_in_model",
                                     "unknown_outcome", "ended_at_decision_point", "missing_stratum"}) {
                if (!i.at(name).is_number_unsigned()) fail(std::string("/issues/") + name, "expected a whole number >= 0");
            }
            for (const auto& n : i.at("missing_group")) {
                if (!n.is_number_unsigned()) fail("/issues/missing_group", "expected whole numbers >= 0");
            }
            auto& out = acc.issues_;
            out.rows = i.at("rows").get<std::uint64_t>();
            out.passages = i.at("passages").get<std::uint64_t>();
            out.not_decision_point = i.at("not_decision_point").get<std::uint64_t>();
            out.unknown_step = i.at("unknown_step").get<std::uint64_t>();
            out.unknown_next_step = i.at("unknown_next_step").get<std::uint64_t>();
            out.flow_not_in_model = i.at("flow_not_in_model").get<std::uint64_t>();
            out.unknown_outcome = i.at("unknown_outcome").get<std::uint64_t>();
            out.ended_at_decision_point = i.at("ended_at_decision_point").get<std::uint64_t>();
            out.missing_stratum = i.at("missing_stratum").get<std::uint64_t>();
            out.missing_group = i.at("missing_group").get<std::vector<std::uint64_t>>();
            if (out.missing_group.size() != s.ground_count()) fail("/issues/missing_group", "expected one count per ground");
            for (const auto& label : i.at("unknown_step_labels")) detail::note_label(out.unknown_step_labels, label.get<std::string>());
            for (const auto& label : i.at("unknown_outcome_labels")) detail::note_label(out.unknown_outcome_labels, label.get<std::string>());
        } catch (const nlohmann::json::exception& e) {
            fail("", std::string("malformed counts: ") + detail::plain_parse_message(e.what()));
        }
        return acc;
    }

private:
    /// Codes of intersection groups: each is a pair of component group codes.
    class PairDictionary {
    public:
        std::int32_t intern(std::int32_t a, std::int32_t b) {
            std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
            if (key == last_key_ && last_code_ != missing_code) return last_code_;
            auto [it, fresh] = index_.emplace(key, static_cast<std::int32_t>(pairs_.size()));
            if (fresh) pairs_.emplace_back(a, b);
            last_key_ = key;
            last_code_ = it->second;
            return it->second;
        }
        std::pair<std::int32_t, std::int32_t> pair(std::int32_t code) const { return pairs_.at(static_cast<std::size_t>(code)); }
        std::size_t size() const { return pairs_.size(); }

    private:
        std::vector<std::pair<std::int32_t, std::int32_t>> pairs_;
        std::unordered_map<std::uint64_t, std::int32_t> index_;
        std::uint64_t last_key_ = 0;
        std::int32_t last_code_ = missing_code;
    };

    CellCount at(std::size_t g, std::size_t group, std::size_t cell) const {
        if (group >= counts_[g].size() || cell >= counts_[g][group].size()) return {};
        return counts_[g][group][cell];
    }
    void add_counts(std::size_t g, std::size_t group, std::size_t cell, CellCount count) {
        auto& by_group = counts_[g];
        if (by_group.size() <= group) by_group.resize(group + 1);
        auto& cells = by_group[group];
        if (cells.size() <= cell) cells.resize(cell + 1);
        cells[cell].n = detail::checked_add(cells[cell].n, count.n);
        cells[cell].adverse = detail::checked_add(cells[cell].adverse, count.adverse);
    }
    std::uint64_t transition_at(std::size_t g, std::size_t group, std::size_t k) const {
        if (g >= transitions_.size() || group >= transitions_[g].size() || k >= transitions_[g][group].size()) return 0;
        return transitions_[g][group][k];
    }
    void add_transitions(std::size_t g, std::size_t group, std::size_t k, std::uint64_t count) {
        auto& by_group = transitions_[g];
        if (by_group.size() <= group) by_group.resize(group + 1);
        auto& moves = by_group[group];
        if (moves.size() <= k) moves.resize(k + 1, 0);
        moves[k] = detail::checked_add(moves[k], count);
    }
    void add_total_transitions(std::size_t k, std::uint64_t count) {
        if (transitions_total_.size() <= k) transitions_total_.resize(k + 1, 0);
        transitions_total_[k] = detail::checked_add(transitions_total_[k], count);
    }
    void check_batch_shape(std::size_t rows, std::size_t next_rows, std::span<const std::span<const std::int32_t>> group_columns,
                           std::size_t strata_rows) const {
        if (next_rows != rows) throw InvalidArgument("add_batch: the next column has " + std::to_string(next_rows) + " rows, the step column " + std::to_string(rows));
        if (group_columns.size() != spec_->base_ground_count())
            throw InvalidArgument("add_batch: expected " + std::to_string(spec_->base_ground_count()) + " group columns, got " +
                                  std::to_string(group_columns.size()));
        for (std::size_t g = 0; g < group_columns.size(); ++g) {
            if (group_columns[g].size() != rows)
                throw InvalidArgument("add_batch: group column " + std::to_string(g) + " has " + std::to_string(group_columns[g].size()) +
                                      " rows, the step column " + std::to_string(rows));
        }
        if (strata_rows != 0 && strata_rows != rows)
            throw InvalidArgument("add_batch: the strata column has " + std::to_string(strata_rows) + " rows, the step column " + std::to_string(rows));
    }

public:
    /// Strict mode: throws InvalidArgument when a row had a data problem or lacks a group or stratum (a case that
    /// ended at a decision point is not a problem: logs of running cases have them). `row` is the index reported.
    void check_strict(RowStatus status, std::span<const std::int32_t> groups, std::int32_t stratum, std::size_t row) const {
        std::string where = "row " + std::to_string(row) + ": ";
        if (status != RowStatus::counted && status != RowStatus::not_decision_point &&
            status != RowStatus::ended_at_decision_point)
            throw InvalidArgument(where + std::string(to_string(status)) + " (strict mode)");
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (groups[g] == missing_code) throw InvalidArgument(where + "missing group for ground " + detail::quote_token(spec_->ground(g)) + " (strict mode)");
        }
        if (spec_->has_strata() && stratum == missing_code) throw InvalidArgument(where + "missing stratum (strict mode)");
    }

private:
    friend class EventSequencer;

    [[noreturn]] void throw_group_count(std::size_t given) const {
        throw InvalidArgument("add: expected " + std::to_string(spec_->base_ground_count()) + " group codes, got " +
                              std::to_string(given));
    }

    // Counts a passage at decision point d (add has checked the step and the flow).
    // The slot of a stratum code (0: none) and the group codes checked against the dictionaries.
    std::size_t checked_slot(std::span<const std::int32_t> groups, std::int32_t stratum) const {
        std::size_t slot = 0;
        if (spec_->has_strata() && stratum != missing_code) {
            if (stratum < 0 || static_cast<std::size_t>(stratum) >= strata_.size())
                throw InvalidArgument("add: stratum code " + std::to_string(stratum) + " is not in the strata dictionary (" +
                                      std::to_string(strata_.size()) + " strata)");
            slot = static_cast<std::size_t>(stratum) + 1;
        }
        for (std::size_t g = 0; g < groups.size(); ++g) {
            std::int32_t code = groups[g];
            if (code != missing_code && (code < 0 || static_cast<std::size_t>(code) >= dictionaries_[g].size()))
                throw InvalidArgument("add: group code " + std::to_string(code) + " is not in the dictionary of ground " +
                                      detail::quote_token(spec_->ground(g)) + " (" + std::to_string(dictionaries_[g].size()) + " groups)");
        }
        return slot;
    }

    // Counts one move (transition code k) for each ground's group; moves without a group are not counted.
    void count_transition(std::size_t k, std::span<const std::int32_t> groups, std::int32_t stratum) {
        const std::size_t at = checked_slot(groups, stratum) * spec_->transition_width() + k;
        add_total_transitions(at, 1);
        const std::size_t base = groups.size();
        for (std::size_t g = 0; g < base; ++g) {
            if (groups[g] != missing_code) add_transitions(g, static_cast<std::size_t>(groups[g]), at, 1);
        }
        for (std::size_t g = base; g < spec_->ground_count(); ++g) {
            auto [a, b] = spec_->components(g);
            if (groups[a] != missing_code && groups[b] != missing_code)
                add_transitions(g, static_cast<std::size_t>(pairs_[g - base].intern(groups[a], groups[b])), at, 1);
        }
    }

    void count_passage(std::int32_t d, int adverse, std::span<const std::int32_t> groups, std::int32_t stratum) {
        const std::size_t slot = checked_slot(groups, stratum);
        if (spec_->has_strata() && stratum == missing_code) detail::count_one(issues_.missing_stratum);
        const std::size_t base = groups.size();
        const std::size_t cell = slot * spec_->decision_count() + static_cast<std::size_t>(d);
        for (std::size_t g = 0; g < base; ++g) count_cell(g, groups[g], cell, adverse);
        for (std::size_t g = base; g < spec_->ground_count(); ++g) {
            auto [a, b] = spec_->components(g); // base grounds
            const bool missing = groups[a] == missing_code || groups[b] == missing_code;
            count_cell(g, missing ? missing_code : pairs_[g - base].intern(groups[a], groups[b]), cell, adverse);
        }
        detail::count_one(issues_.passages);
    }

    void count_cell(std::size_t g, std::int32_t code, std::size_t cell, int adverse) {
        if (code == missing_code) {
            detail::count_one(issues_.missing_group[g]);
            return;
        }
        auto& by_group = counts_[g];
        if (by_group.size() <= static_cast<std::size_t>(code)) by_group.resize(static_cast<std::size_t>(code) + 1);
        auto& cells = by_group[static_cast<std::size_t>(code)];
        if (cells.size() <= cell) cells.resize(cell + 1);
        CellCount& c = cells[cell];
        detail::count_one(c.n);
        c.adverse += static_cast<std::uint64_t>(adverse); // never above n
    }

    std::shared_ptr<const DisparitySpec> spec_;
    std::vector<LabelDictionary> dictionaries_;   // per base ground
    std::vector<PairDictionary> pairs_;           // per intersection
    LabelDictionary strata_;
    // counts_[ground][group][slot * decisions + decision]; slot 0: no stratum, slot s + 1: stratum code s.
    // Grown on write, so new groups and strata never move existing counts.
    std::vector<std::vector<std::vector<CellCount>>> counts_;
    // transitions_[ground][group][slot * transition_width + code] (spec counts_transitions only), grown on write.
    std::vector<std::vector<std::vector<std::uint64_t>>> transitions_;
    std::vector<std::uint64_t> transitions_total_; // every row, with or without groups: [slot * transition_width + code]
    DisparityIssues issues_;
};

/// Derives each event's next step from the event that follows it in the same case, for logs without a next-step
/// column (the process-mining convention: events of a case contiguous and in time order). Keeps only the current
/// case's state. The row counted for an event uses that event's groups and stratum.
class EventSequencer {
public:
    explicit EventSequencer(DisparityAccumulator& accumulator)
        : acc_(accumulator), groups_(accumulator.spec().base_ground_count(), missing_code) {
        if (accumulator.spec().next_kind() != NextKind::next_step)
            throw InvalidArgument("the next step can only be derived from the events when the log has no outcome column");
    }

    /// The next event. `new_case`: it starts a case (the previous event, if any, was its case's last).
    /// Every event becomes one row once its successor is known: the move to the next event of its case, or (when
    /// the case ends) an end row. Returns the status of the row completed by this call (nullopt for the first event).
    std::optional<RowStatus> event(bool new_case, std::int32_t step, std::span<const std::int32_t> groups,
                                   std::int32_t stratum = missing_code) {
        std::optional<RowStatus> status;
        if (new_case) status = finish();
        else if (pending_) status = acc_.add(step_, step, groups_, stratum_);
        pending_ = true;
        step_ = step;
        std::copy(groups.begin(), groups.end(), groups_.begin());
        stratum_ = stratum;
        return status;
    }

    /// Ends the current case: its last event becomes an end row (DisparityAccumulator::add_end).
    std::optional<RowStatus> finish() {
        if (!pending_) return std::nullopt;
        pending_ = false;
        return acc_.add_end(step_, groups_, stratum_);
    }

    /// Sets the event waiting for its successor aside without counting it (an interleaved log: another case's event
    /// comes first); resume() brings a set-aside event back as the one waiting.
    void set_aside() { pending_ = false; }
    void resume(std::int32_t step, std::span<const std::int32_t> groups, std::int32_t stratum) {
        pending_ = true;
        step_ = step;
        std::copy(groups.begin(), groups.end(), groups_.begin());
        stratum_ = stratum;
    }

    /// The step, groups and stratum of the event waiting for its successor (for error messages).
    std::int32_t pending_step() const { return pending_ ? step_ : missing_code; }
    std::span<const std::int32_t> pending_groups() const { return groups_; }
    std::int32_t pending_stratum() const { return stratum_; }

    /// Columns of events sorted by case then time: `cases` holds any integer case code (equal codes adjacent).
    /// Cases continue across calls; call finish() after the last batch.
    void add_batch(std::span<const std::int64_t> cases, std::span<const std::int32_t> steps,
                   std::span<const std::span<const std::int32_t>> group_columns, std::span<const std::int32_t> strata = {}) {
        if (steps.size() != cases.size()) throw InvalidArgument("add_batch: the step column has " + std::to_string(steps.size()) + " rows, the case column " + std::to_string(cases.size()));
        if (group_columns.size() != groups_.size()) throw InvalidArgument("add_batch: expected " + std::to_string(groups_.size()) + " group columns, got " + std::to_string(group_columns.size()));
        for (const auto& column : group_columns) {
            if (column.size() != cases.size()) throw InvalidArgument("add_batch: a group column has " + std::to_string(column.size()) + " rows, the case column " + std::to_string(cases.size()));
        }
        if (!strata.empty() && strata.size() != cases.size()) throw InvalidArgument("add_batch: the strata column has " + std::to_string(strata.size()) + " rows, the case column " + std::to_string(cases.size()));
        std::vector<std::int32_t> row(groups_.size());
        for (std::size_t i = 0; i < cases.size(); ++i) {
            for (std::size_t g = 0; g < row.size(); ++g) row[g] = group_columns[g][i];
            bool new_case = !has_case_ || cases[i] != case_;
            case_ = cases[i];
            has_case_ = true;
            event(new_case, steps[i], row, strata.empty() ? missing_code : strata[i]);
        }
    }

private:
    DisparityAccumulator& acc_;
    bool pending_ = false;
    std::int32_t step_ = missing_code;
    std::vector<std::int32_t> groups_;
    std::int32_t stratum_ = missing_code;
    bool has_case_ = false;
    std::int64_t case_ = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// The table

/// Options of `compute_disparity`. Defaults follow docs/disparity.md.
struct DisparityOptions {
    /// Cells with fewer passages are suppressed in every output, and so is every comparison that needs one.
    std::uint64_t min_cell = 10;
    double confidence = 0.95;
    /// A comparison is flagged when its q-value is below `alpha` and its ratio is outside [band_lower, band_upper]
    /// (the four-fifths rule, read in both directions).
    double alpha = 0.05;
    double band_lower = 0.8;
    double band_upper = 1.25;
    /// Reference group per ground id (a label); grounds not listed use the group with the most passages at each
    /// decision point (ties: the smallest label).
    std::map<std::string, std::string> reference_groups;
    /// Publish the samples of unknown step and outcome labels in `issues` (off by default: a label typed into the
    /// wrong column can be a name).
    bool unknown_labels = false;
};

/// The group label of the row that stands for every group below min_cell at a decision point and ground.
inline constexpr std::string_view suppressed_groups_label = "other (suppressed)";

/// One decision point x ground x group.
struct DisparityCell {
    std::string step;
    std::string ground;
    std::string group;
    /// The row "other (suppressed)": the groups with fewer than min_cell passages and those suppressed to protect
    /// them (disclosure.hpp). No number, no label, not even how many groups; every other cell is published.
    bool suppressed = false;
    bool other = false; ///< the same as `suppressed`, kept apart for readers of the JSON
    bool reference = false;    ///< the reference group of this decision point and ground
    std::uint64_t n = 0;       ///< passages
    std::uint64_t adverse = 0; ///< passages that took an adverse flow
    double rate = 0;
    stats::Interval rate_interval;
    /// Comparison with the reference group (false for the reference itself and whenever a cell it needs is
    /// suppressed; `no_comparison` says why).
    bool compared = false;
    std::string no_comparison;
    double ratio = 0;
    stats::Interval ratio_interval;
    double difference = 0;
    stats::Interval difference_interval;
    double p_value = 1;  ///< Fisher's exact test, two-sided
    double q_value = 1;  ///< Benjamini-Hochberg over every comparison in the table
    bool flagged = false;
    /// With strata: the Mantel-Haenszel common odds ratio of this group against the reference across strata.
    bool stratified = false;
    double mh_odds_ratio = 0;
    stats::Interval mh_interval;
    double mh_p_value = 1;
    std::size_t mh_strata = 0; ///< strata that contributed (both groups present)
    /// Why Mantel-Haenszel is not reported although there are strata ("stratum below min_cell"), or empty.
    std::string no_mantel_haenszel;
};

/// The result of `compute_disparity`: cells ordered by decision point (model order), ground (spec order, then
/// intersections) and group label (byte order), so the table does not depend on the order of the log.
struct DisparityTable {
    std::string process_id;
    DisparityOptions options;
    std::vector<std::string> decision_points;
    std::vector<std::string> grounds;
    std::string strata_column;
    std::vector<DisparityCell> cells;
    DisparityIssues issues;
    /// Decision points whose groups below min_cell cannot be protected by secondary suppression (fewer than
    /// min_cell adverse or other decisions there): the table has no cell of them at all, not even a label.
    std::vector<std::string> withheld_decision_points;

    std::size_t flagged_count() const {
        return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const DisparityCell& c) { return c.flagged; }));
    }
    std::size_t suppressed_count() const {
        return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const DisparityCell& c) { return c.suppressed; }));
    }
    /// The cell of (step, ground, group), or nullptr.
    const DisparityCell* find(std::string_view step, std::string_view ground, std::string_view group) const {
        for (const auto& c : cells) {
            if (c.step == step && c.ground == ground && c.group == group) return &c;
        }
        return nullptr;
    }
};

/// Computes the disparity table from counts. Throws InvalidArgument for options out of range.
inline DisparityTable compute_disparity(const DisparityAccumulator& acc, const DisparityOptions& options = {}) {
    if (!(options.confidence > 0 && options.confidence < 1)) throw InvalidArgument("confidence must be between 0 and 1");
    if (!(options.alpha > 0 && options.alpha < 1)) throw InvalidArgument("alpha must be between 0 and 1");
    if (!(options.band_lower > 0 && options.band_lower <= 1 && options.band_upper >= 1))
        throw InvalidArgument("the band must contain 1 (e.g. 0.8 to 1.25)");
    if (options.min_cell < 1) throw InvalidArgument("min_cell must be at least 1");
    const DisparitySpec& spec = acc.spec();
    for (const auto& [ground, label] : options.reference_groups) {
        if (spec.find_ground(ground) == DisparitySpec::npos)
            throw InvalidArgument("reference group given for ground " + detail::quote_token(ground) + ", which is not analysed");
        (void)label;
    }
    DisparityTable table;
    table.process_id = spec.process_id();
    table.options = options;
    table.strata_column = spec.strata_column();
    table.issues = acc.issues();
    for (std::size_t g = 0; g < spec.ground_count(); ++g) table.grounds.push_back(spec.ground(g));
    for (std::size_t d = 0; d < spec.decision_count(); ++d) table.decision_points.push_back(spec.step_id(spec.decision_step(d)));

    if (!options.unknown_labels) {
        table.issues.unknown_step_labels.clear();
        table.issues.unknown_outcome_labels.clear();
    }

    struct Pending {
        std::size_t cell;
        std::size_t reference;
        std::size_t ground;
        std::int32_t group;
        std::int32_t reference_group;
        std::size_t decision;
    };
    std::vector<Pending> comparisons;
    for (std::size_t d = 0; d < spec.decision_count(); ++d) {
        // Every group with passages at this decision point, per ground (ordered by label), with its counts.
        struct Entry {
            std::string label;
            std::int32_t code;
            CellCount count;
        };
        std::vector<std::vector<Entry>> by_ground(spec.ground_count());
        std::vector<std::size_t> first_index(spec.ground_count() + 1, 0);
        std::vector<disclosure::Count> counts;
        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            for (std::size_t code = 0; code < acc.group_count(g); ++code) {
                CellCount count = acc.total(d, g, static_cast<std::int32_t>(code));
                if (count.n > 0) by_ground[g].push_back({acc.group_label(g, static_cast<std::int32_t>(code)), static_cast<std::int32_t>(code), count});
            }
            std::sort(by_ground[g].begin(), by_ground[g].end(), [](const Entry& x, const Entry& y) { return x.label < y.label; });
            first_index[g] = counts.size();
            for (const auto& e : by_ground[g]) counts.push_back({e.count.n, e.count.adverse});
        }
        first_index[spec.ground_count()] = counts.size();
        // The additive relations a reader can use: each ground's groups sum to the passages here (less those without
        // a group); an intersection's cells sum to it too, and to each group of its two grounds (its margins).
        std::vector<disclosure::Relation> relations;
        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            disclosure::Relation all;
            for (std::size_t i = first_index[g]; i < first_index[g + 1]; ++i) all.parts.push_back(i);
            if (!all.parts.empty()) relations.push_back(std::move(all));
            if (!spec.is_intersection(g)) continue;
            auto [a, b] = spec.components(g);
            auto margins = [&](std::size_t base, bool first_component) {
                for (std::size_t m = 0; m < by_ground[base].size(); ++m) {
                    disclosure::Relation row;
                    row.total = first_index[base] + m;
                    for (std::size_t k = 0; k < by_ground[g].size(); ++k) {
                        auto pair = acc.group_components(g, by_ground[g][k].code);
                        if ((first_component ? pair.first : pair.second) == by_ground[base][m].code) row.parts.push_back(first_index[g] + k);
                    }
                    if (!row.parts.empty()) relations.push_back(std::move(row));
                }
            };
            margins(a, true);
            margins(b, false);
        }
        disclosure::Protection protection = disclosure::protect(counts, relations, options.min_cell);
        if (!protection.protectable) {
            // The passages and adverse decisions of a decision point can be known from elsewhere (an annual report):
            // with fewer than min_cell of either, no group of it can be shown, nor which groups there are.
            table.withheld_decision_points.push_back(table.decision_points[d]);
            continue;
        }

        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            const auto& groups = by_ground[g];
            auto status_of = [&](std::size_t k) { return protection.status[first_index[g] + k]; };
            // The reference: the configured label, else the group with the most passages (ties: the smallest label).
            std::size_t reference = DisparitySpec::npos;
            auto configured = options.reference_groups.find(spec.ground(g));
            for (std::size_t k = 0; k < groups.size(); ++k) {
                if (configured != options.reference_groups.end()) {
                    if (groups[k].label == configured->second) reference = k;
                } else if (reference == DisparitySpec::npos || groups[k].count.n > groups[reference].count.n) {
                    reference = k;
                }
            }
            const bool reference_shown = reference != DisparitySpec::npos && !disclosure::is_suppressed(status_of(reference));
            std::size_t reference_cell = DisparitySpec::npos;
            bool hidden = false;
            std::vector<std::pair<std::size_t, std::size_t>> shown; // (table cell, entry)
            for (std::size_t k = 0; k < groups.size(); ++k) {
                if (disclosure::is_suppressed(status_of(k))) {
                    hidden = true; // no label either: a label shown would tell a reader the group has min_cell or more
                    continue;
                }
                DisparityCell cell;
                cell.step = table.decision_points[d];
                cell.ground = spec.ground(g);
                cell.group = groups[k].label;
                cell.n = groups[k].count.n;
                cell.adverse = groups[k].count.adverse;
                cell.rate = static_cast<double>(cell.adverse) / static_cast<double>(cell.n);
                cell.rate_interval = stats::wilson_interval(cell.adverse, cell.n, options.confidence);
                if (k == reference && reference_shown) {
                    cell.reference = true;
                    reference_cell = table.cells.size();
                }
                shown.emplace_back(table.cells.size(), k);
                table.cells.push_back(std::move(cell));
            }
            if (hidden) {
                DisparityCell other;
                other.step = table.decision_points[d];
                other.ground = spec.ground(g);
                other.group = std::string(suppressed_groups_label);
                other.suppressed = true;
                other.other = true;
                other.no_comparison = "suppressed";
                table.cells.push_back(std::move(other));
            }
            for (const auto& [index, k] : shown) {
                auto& cell = table.cells[index];
                if (cell.reference) cell.no_comparison = "reference";
                else if (reference == DisparitySpec::npos) cell.no_comparison = "no reference";
                else if (!reference_shown) cell.no_comparison = "reference suppressed";
                else comparisons.push_back({index, reference_cell, g, groups[k].code, groups[reference].code, d});
            }
        }
    }
    std::vector<double> p_values;
    for (const auto& c : comparisons) {
        auto& cell = table.cells[c.cell];
        const auto& ref = table.cells[c.reference];
        cell.compared = true;
        cell.ratio = stats::rate_ratio(cell.adverse, cell.n, ref.adverse, ref.n);
        cell.ratio_interval = stats::rate_ratio_interval(cell.adverse, cell.n, ref.adverse, ref.n, options.confidence);
        cell.difference = cell.rate - ref.rate;
        cell.difference_interval = stats::newcombe_difference_interval(cell.adverse, cell.n, ref.adverse, ref.n, options.confidence);
        cell.p_value = stats::fisher_exact_two_sided(cell.adverse, cell.n - cell.adverse, ref.adverse, ref.n - ref.adverse);
        p_values.push_back(cell.p_value);
        if (spec.has_strata()) {
            std::vector<stats::Table2x2> strata;
            bool small_stratum = false;
            // Strata in label order, so the sums (and their last digits) do not depend on the order of the log.
            std::vector<std::int32_t> strata_in_order(acc.strata().size());
            std::iota(strata_in_order.begin(), strata_in_order.end(), 0);
            std::sort(strata_in_order.begin(), strata_in_order.end(),
                      [&](std::int32_t x, std::int32_t y) { return acc.strata().label(x) < acc.strata().label(y); });
            for (std::int32_t stratum : strata_in_order) {
                CellCount group = acc.count(c.decision, c.ground, c.group, stratum);
                CellCount base = acc.count(c.decision, c.ground, c.reference_group, stratum);
                if (group.n == 0 || base.n == 0) continue; // a stratum without both groups carries no information
                // A stratum table is not published: the summary is reported only when each of its cells could be.
                if (group.n < options.min_cell || base.n < options.min_cell) small_stratum = true;
                stats::Table2x2 t;
                t.a = group.adverse;
                t.b = group.n - group.adverse;
                t.c = base.adverse;
                t.d = base.n - base.adverse;
                strata.push_back(t);
            }
            if (small_stratum) {
                cell.no_mantel_haenszel = "stratum below min_cell";
            } else if (!strata.empty()) {
                auto mh = stats::mantel_haenszel(strata, options.confidence);
                cell.stratified = true;
                cell.mh_odds_ratio = mh.odds_ratio;
                cell.mh_interval = mh.interval;
                cell.mh_p_value = mh.p_value;
                cell.mh_strata = strata.size();
            }
        }
    }
    auto q_values = stats::benjamini_hochberg(p_values);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        auto& cell = table.cells[comparisons[i].cell];
        cell.q_value = q_values[i];
        bool outside = !(cell.ratio >= options.band_lower && cell.ratio <= options.band_upper); // NaN counts as outside
        cell.flagged = cell.q_value < options.alpha && outside && !std::isnan(cell.ratio);
    }
    return table;
}

namespace detail {

/// A number for JSON: non-finite values (a ratio against a reference rate of 0) become null.
inline nlohmann::ordered_json finite_or_null(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}
inline nlohmann::ordered_json interval_json(const stats::Interval& interval) {
    return {finite_or_null(interval.lower), finite_or_null(interval.upper)};
}

inline nlohmann::ordered_json issues_json(const DisparityIssues& i, const std::vector<std::string>& grounds) {
    nlohmann::ordered_json missing = nlohmann::ordered_json::object();
    for (std::size_t g = 0; g < grounds.size() && g < i.missing_group.size(); ++g) missing[grounds[g]] = i.missing_group[g];
    return {{"rows", i.rows},
            {"passages", i.passages},
            {"not_decision_point", i.not_decision_point},
            {"unknown_step", i.unknown_step},
            {"unknown_next_step", i.unknown_next_step},
            {"flow_not_in_model", i.flow_not_in_model},
            {"unknown_outcome", i.unknown_outcome},
            {"ended_at_decision_point", i.ended_at_decision_point},
            {"missing_stratum", i.missing_stratum},
            {"missing_group", missing},
            {"unknown_step_labels", i.unknown_step_labels},
            {"unknown_outcome_labels", i.unknown_outcome_labels}};
}

/// A CSV field, quoted when it needs to be (RFC 4180), safe to open in a spreadsheet (output_escape.hpp).
inline std::string csv_field(std::string_view text) { return csv_text(text); }

inline std::string csv_number(double value) { return std::isfinite(value) ? format_number(value) : std::string(); }

/// A proportion, ratio or difference in the disparity CSV: six decimals (a rate to 0.0001 percentage point), empty
/// when not finite; trailing zeros are kept so that a column has one width.
inline std::string csv_fixed(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
    return buffer;
}

/// A p- or q-value in the CSV: four significant digits, in exponent notation when small ("3.217e-09").
inline std::string csv_p(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

} // namespace detail

/// The table as JSON (`artikel1/disparity/1`), deterministic. Suppressed cells carry only their labels and
/// `"suppressed": true`: no count, rate or statistic.
inline nlohmann::ordered_json to_json(const DisparityTable& table) {
    using nlohmann::ordered_json;
    ordered_json doc;
    doc["schema"] = disparity_schema_id;
    doc["process"] = table.process_id;
    doc["min_cell"] = table.options.min_cell;
    doc["confidence"] = table.options.confidence;
    doc["alpha"] = table.options.alpha;
    doc["band"] = {table.options.band_lower, table.options.band_upper};
    doc["reference_groups"] = ordered_json::object();
    for (const auto& [ground, label] : table.options.reference_groups) doc["reference_groups"][ground] = label;
    doc["decision_points"] = table.decision_points;
    doc["grounds"] = table.grounds;
    doc["strata_column"] = table.strata_column.empty() ? ordered_json(nullptr) : ordered_json(table.strata_column);
    ordered_json cells = ordered_json::array();
    for (const auto& c : table.cells) {
        ordered_json cell{{"step", c.step}, {"ground", c.ground}, {"group", c.group}};
        if (c.suppressed) {
            cell["suppressed"] = true;
            if (c.other) cell["other"] = true;
            cells.push_back(std::move(cell));
            continue;
        }
        cell["suppressed"] = false;
        cell["reference"] = c.reference;
        cell["n"] = c.n;
        cell["adverse"] = c.adverse;
        cell["rate"] = c.rate;
        cell["rate_interval"] = detail::interval_json(c.rate_interval);
        if (c.compared) {
            cell["comparison"] = {{"ratio", detail::finite_or_null(c.ratio)},
                                  {"ratio_interval", detail::interval_json(c.ratio_interval)},
                                  {"difference", c.difference},
                                  {"difference_interval", detail::interval_json(c.difference_interval)},
                                  {"p_value", c.p_value},
                                  {"q_value", c.q_value}};
            if (c.stratified) {
                cell["mantel_haenszel"] = {{"odds_ratio", detail::finite_or_null(c.mh_odds_ratio)},
                                           {"interval", detail::interval_json(c.mh_interval)},
                                           {"p_value", c.mh_p_value},
                                           {"strata", c.mh_strata}};
            } else if (!c.no_mantel_haenszel.empty()) {
                cell["mantel_haenszel"] = nullptr;
                cell["no_mantel_haenszel"] = c.no_mantel_haenszel;
            }
        } else {
            cell["comparison"] = nullptr;
            cell["no_comparison"] = c.no_comparison;
        }
        cell["flagged"] = c.flagged;
        cells.push_back(std::move(cell));
    }
    doc["cells"] = std::move(cells);
    doc["flagged"] = table.flagged_count();
    doc["suppressed"] = table.suppressed_count();
    doc["withheld_decision_points"] = table.withheld_decision_points;
    doc["issues"] = detail::issues_json(table.issues, table.grounds);
    return doc;
}

/// The table as CSV, one row per cell; the numbers of suppressed cells are left empty. Rates, ratios and
/// differences have six decimals, p- and q-values four significant digits (csv_fixed, csv_p).
inline std::string to_csv(const DisparityTable& table) {
    std::string out = "step,ground,group,suppressed,reference,n,adverse,rate,rate_lower,rate_upper,ratio,ratio_lower,"
                      "ratio_upper,difference,difference_lower,difference_upper,p_value,q_value,mh_odds_ratio,mh_lower,"
                      "mh_upper,mh_p_value,flagged\n";
    for (const auto& c : table.cells) {
        out += detail::csv_field(c.step) + "," + detail::csv_field(c.ground) + "," + detail::csv_field(c.group) + ",";
        if (c.suppressed) {
            out += "true,,,,,,,,,,,,,,,,,,,\n";
            continue;
        }
        out += std::string("false,") + (c.reference ? "true," : "false,") + std::to_string(c.n) + "," + std::to_string(c.adverse) + "," +
               detail::csv_fixed(c.rate) + "," + detail::csv_fixed(c.rate_interval.lower) + "," +
               detail::csv_fixed(c.rate_interval.upper) + ",";
        if (c.compared) {
            out += detail::csv_fixed(c.ratio) + "," + detail::csv_fixed(c.ratio_interval.lower) + "," +
                   detail::csv_fixed(c.ratio_interval.upper) + "," + detail::csv_fixed(c.difference) + "," +
                   detail::csv_fixed(c.difference_interval.lower) + "," + detail::csv_fixed(c.difference_interval.upper) + "," +
                   detail::csv_p(c.p_value) + "," + detail::csv_p(c.q_value) + ",";
        } else {
            out += ",,,,,,,,";
        }
        if (c.stratified) {
            out += detail::csv_fixed(c.mh_odds_ratio) + "," + detail::csv_fixed(c.mh_interval.lower) + "," +
                   detail::csv_fixed(c.mh_interval.upper) + "," + detail::csv_p(c.mh_p_value) + ",";
        } else {
            out += ",,,,";
        }
        out += c.flagged ? "true\n" : "false\n";
    }
    return out;
}

namespace detail {
/// A number with `decimals` decimals in the language of a text table (a decimal comma in Dutch), "n/a" ("n.v.t.")
/// when it is not finite.
inline std::string table_number(double value, int decimals, Language language) {
    if (!std::isfinite(value)) return language == Language::nl ? "n.v.t." : "n/a";
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << value;
    std::string text = s.str();
    if (language == Language::nl) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

/// A q- or p-value as the tables show it: four decimals, or "< 0.0001" ("< 0,0001").
inline std::string table_p(double value, Language language) {
    return value < 0.0001 ? "< " + table_number(0.0001, 4, language) : table_number(value, 4, language);
}

/// Why a cell is not compared, or why Mantel-Haenszel is not reported, in the language of the table (the reasons
/// compute_disparity writes; the JSON keeps them in English).
inline std::string table_reason(const std::string& reason, Language language) {
    if (language != Language::nl) return reason;
    if (reason == "reference") return "referentiegroep";
    if (reason == "no reference") return "geen referentiegroep";
    if (reason == "reference suppressed") return "referentiegroep onderdrukt";
    if (reason == "suppressed") return "onderdrukt";
    if (reason == "stratum below min_cell") return "een stratum onder de minimale celgrootte";
    return reason;
}

/// A ground of the table as a text table names it: the id in English, the knowledge base's label in Dutch (both
/// grounds of an intersection "race+sex": "ras+geslacht").
inline std::string table_ground(const std::string& ground, Language language, const KnowledgeBase& kb) {
    if (language != Language::nl) return ground;
    std::string out;
    std::size_t start = 0;
    for (;;) {
        std::size_t plus = ground.find('+', start);
        std::string id = ground.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        const Ground* g = kb.find_ground(id);
        out += g ? g->label.in(language) : id;
        if (plus == std::string::npos) return out;
        out += '+';
        start = plus + 1;
    }
}
} // namespace detail

/// A text summary: what was counted, the data problems, every published cell with its rate and interval, its ratio
/// to the reference group and, with strata, its Mantel-Haenszel odds ratio; then the flagged cells. In English or
/// Dutch (decimal commas, grounds by their label in `kb`); group labels and ids are written as they are in the log and
/// the model.
inline std::string to_text(const DisparityTable& table, Language language = Language::en,
                           const KnowledgeBase& kb = KnowledgeBase::builtin()) {
    const bool nl = language == Language::nl;
    auto say = [nl](std::string_view dutch, std::string_view english) { return std::string(nl ? dutch : english); };
    auto number = [language](double value, int decimals) { return detail::table_number(value, decimals, language); };
    auto interval = [&](const stats::Interval& i, double scale, int decimals) {
        return "[" + number(scale * i.lower, decimals) + (nl ? "; " : ", ") + number(scale * i.upper, decimals) + "]";
    };
    using detail::escape_controls;
    std::ostringstream out;
    const auto& i = table.issues;
    const std::string band = number(table.options.band_lower, 2) + "-" + number(table.options.band_upper, 2);
    out << say("Waargenomen verschillen: proces ", "Observed disparity: process ") << escape_controls(table.process_id) << "\n";
    out << say("  rijen ", "  rows ") << i.rows << say(", passages langs beslispunten ", ", passages at decision points ") << i.passages
        << say(", beslispunten ", ", decision points ") << table.decision_points.size() << say(", gronden ", ", grounds ")
        << table.grounds.size() << "\n";
    if (!table.withheld_decision_points.empty()) {
        out << say("  achtergehouden (minder dan ", "  withheld (fewer than ") << table.options.min_cell
            << say(" nadelige of andere beslissingen, kleine groepen):", " adverse or other decisions, small groups):");
        for (const auto& step : table.withheld_decision_points) out << " " << escape_controls(step);
        out << "\n";
    }
    out << say("  cellen ", "  cells ") << table.cells.size() << say(", onderdrukt (n < ", ", suppressed (n < ") << table.options.min_cell
        << say(", of ter bescherming daarvan) ", ", or protecting one) ") << table.suppressed_count() << say(", gemarkeerd ", ", flagged ")
        << table.flagged_count() << "\n";
    if (i.problem_rows() > 0 || i.missing_stratum > 0) {
        out << say("  problemen in de gegevens: onbekende stap ", "  data problems: unknown step ") << i.unknown_step
            << say(", onbekende volgende stap ", ", unknown next step ") << i.unknown_next_step
            << say(", overgang niet in het model ", ", flow not in model ") << i.flow_not_in_model
            << say(", onbekende uitkomst ", ", unknown outcome ") << i.unknown_outcome
            << say(", geëindigd bij een beslispunt ", ", ended at a decision point ") << i.ended_at_decision_point
            << say(", stratum ontbreekt ", ", missing stratum ") << i.missing_stratum << "\n";
        if (!i.unknown_step_labels.empty()) {
            out << say("  onbekende stapnamen:", "  unknown step labels:");
            for (const auto& label : i.unknown_step_labels) out << " " << detail::quote_token(label);
            out << "\n";
        }
    }
    for (std::size_t g = 0; g < table.grounds.size() && g < i.missing_group.size(); ++g) {
        if (i.missing_group[g] > 0)
            out << say("  passages zonder groep voor ", "  passages without a group for ") << escape_controls(table.grounds[g]) << ": "
                << i.missing_group[g] << "\n";
    }
    if (!table.cells.empty()) {
        out << say("Aandeel nadelig per beslispunt, grond en groep (", "Adverse rate per decision point, ground and group (")
            << number(100 * table.options.confidence, 0) << say("%-interval):\n", "% interval):\n");
        std::string current;
        for (const auto& c : table.cells) {
            std::string heading = c.step + " / " + c.ground;
            if (heading != current) {
                current = heading;
                out << "  " << escape_controls(c.step) << " / " << escape_controls(detail::table_ground(c.ground, language, kb)) << "\n";
            }
            out << "    " << escape_controls(c.other ? say("overige (onderdrukt)", std::string(suppressed_groups_label)) : c.group) << ": ";
            if (c.suppressed) {
                out << say("onderdrukt\n", "suppressed\n");
                continue;
            }
            out << "n " << c.n << say(", nadelig ", ", adverse ") << c.adverse << ", " << number(100 * c.rate, 1) << "% "
                << interval(c.rate_interval, 100, 1);
            if (c.compared) {
                out << say(", verhouding ", ", ratio ") << number(c.ratio, 2) << " " << interval(c.ratio_interval, 1, 2) << ", q "
                    << detail::table_p(c.q_value, language) << (c.flagged ? say(", gemarkeerd", ", flagged") : "");
            } else {
                out << ", " << detail::table_reason(c.no_comparison, language);
            }
            out << "\n";
            if (c.stratified) {
                out << "      Mantel-Haenszel" << say(" over ", " over ") << c.mh_strata << (c.mh_strata == 1 ? " stratum: " : " strata: ")
                    << say("gemeenschappelijke oddsratio ", "common odds ratio ") << number(c.mh_odds_ratio, 2) << " "
                    << interval(c.mh_interval, 1, 2) << ", p " << detail::table_p(c.mh_p_value, language) << "\n";
            } else if (c.compared && !c.no_mantel_haenszel.empty()) {
                out << "      Mantel-Haenszel" << say(" niet berekend: ", " not computed: ")
                    << detail::table_reason(c.no_mantel_haenszel, language) << "\n";
            }
        }
    }
    if (table.flagged_count() == 0) {
        out << say("Geen gemarkeerde verschillen (q < ", "No flagged disparity (q < ") << number(table.options.alpha, 2)
            << say(" en verhouding buiten ", " and ratio outside ") << band << ").\n";
        return out.str();
    }
    out << say("Gemarkeerd (q < ", "Flagged (q < ") << number(table.options.alpha, 2) << say(", verhouding buiten ", ", ratio outside ")
        << band << "):\n";
    for (const auto& c : table.cells) {
        if (!c.flagged) continue;
        const DisparityCell* ref = nullptr;
        for (const auto& r : table.cells) {
            if (r.reference && r.step == c.step && r.ground == c.ground) ref = &r;
        }
        out << "  " << escape_controls(c.step) << " / " << escape_controls(detail::table_ground(c.ground, language, kb)) << " / "
            << escape_controls(c.group) << say(": aandeel ", ": rate ") << number(100 * c.rate, 1) << "%" << say(" tegen ", " vs ") << number(ref ? 100 * ref->rate : 0, 1)
            << "% (" << (ref ? escape_controls(ref->group) : std::string("?")) << say("), verhouding ", "), ratio ") << number(c.ratio, 2)
            << " " << interval(c.ratio_interval, 1, 2) << ", q " << detail::table_p(c.q_value, language) << "\n";
    }
    return out.str();
}

// ---------------------------------------------------------------------------------------------------------------
// Linking observed disparity to the structural assessment

/// A flagged cell beside the structural risk of the same step and ground.
struct DisparityLink {
    std::string step;
    std::string ground;  ///< as in the table (an intersection reads `race+sex`)
    std::string group;
    double ratio = 0;
    double q_value = 1;
    /// The structural score and level per ground of the assessment (two for an intersection); a ground the
    /// assessment does not know, or a step it does not have, is left out.
    struct Structural {
        std::string ground;
        double score = 0;
        std::string level;
    };
    std::vector<Structural> structural;
};

/// For each flagged cell: the structural score and level of its (step, ground) in `assessment`.
inline std::vector<DisparityLink> link(const DisparityTable& table, const Assessment& assessment) {
    std::vector<DisparityLink> links;
    for (const auto& c : table.cells) {
        if (!c.flagged) continue;
        DisparityLink l{c.step, c.ground, c.group, c.ratio, c.q_value, {}};
        std::vector<std::string> grounds;
        if (auto plus = c.ground.find('+'); plus != std::string::npos &&
                                            std::find(assessment.grounds.begin(), assessment.grounds.end(), c.ground) == assessment.grounds.end()) {
            grounds = {c.ground.substr(0, plus), c.ground.substr(plus + 1)};
        } else {
            grounds = {c.ground};
        }
        for (const auto& ground : grounds) {
            auto g = std::find(assessment.grounds.begin(), assessment.grounds.end(), ground);
            auto s = std::find_if(assessment.steps.begin(), assessment.steps.end(), [&](const StepResult& r) { return r.id == c.step; });
            if (g == assessment.grounds.end() || s == assessment.steps.end()) continue;
            const auto& score = s->scores[static_cast<std::size_t>(g - assessment.grounds.begin())];
            l.structural.push_back({ground, score.score, assessment.level_id(score.level)});
        }
        links.push_back(std::move(l));
    }
    return links;
}

inline nlohmann::ordered_json to_json(const std::vector<DisparityLink>& links) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& l : links) {
        nlohmann::ordered_json structural = nlohmann::ordered_json::array();
        for (const auto& s : l.structural) structural.push_back({{"ground", s.ground}, {"score", s.score}, {"level", s.level}});
        list.push_back({{"step", l.step}, {"ground", l.ground}, {"group", l.group}, {"ratio", detail::finite_or_null(l.ratio)},
                        {"q_value", l.q_value}, {"structural", structural}});
    }
    return list;
}

} // namespace artikel1
