// SPDX-License-Identifier: EUPL-1.2
// artikel1: what observed disparity counts (docs/disparity.md): the spec fixed from a process and options (step
// codes, decision points, adverse flows, grounds and intersections, the strata column), and the label dictionary
// that gives group and stratum labels their codes (kept as valid UTF-8). No statistics, no risk method.
#pragma once

#include <artikel1/text.hpp>

#include <artikel1/detail/string_index.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
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
GroundColumn parse_ground_column(std::string_view text);

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
    explicit DisparitySpec(const Process& process, DisparitySpecOptions options = {});

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
    nlohmann::ordered_json fingerprint() const;

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
    std::size_t base_ground_index(const std::string& id) const;

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
        if (is_valid_utf8(raw)) return index_.insert(raw, added);
        return index_.insert(valid_utf8(raw), added);
    }
    /// The code of a label, or missing_code.
    std::int32_t find(std::string_view label) const { return index_.find(label); }
    const std::string& label(std::int32_t code) const { return index_.key(code); }
    const std::vector<std::string>& labels() const { return index_.keys(); }
    std::size_t size() const { return index_.size(); }

private:
    detail::StringIndex index_;
};

} // namespace artikel1
