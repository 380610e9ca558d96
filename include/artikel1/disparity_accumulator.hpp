// SPDX-License-Identifier: EUPL-1.2
// artikel1: the counts of observed disparity (docs/disparity.md): DisparityAccumulator (passages n and adverse
// count per decision point x ground x group x stratum; mergeable and serialisable as `artikel1/disparity-counts/1`)
// and EventSequencer (the next step derived from events in case order). The per-row path is inline here; the
// merge and the serialisation are compiled in the core (src/core/disparity_accumulator.cpp).
#pragma once

#include <artikel1/disparity_spec.hpp>
#include <artikel1/error.hpp>
#include <artikel1/settings.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace artikel1 {

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

/// to_string(RowStatus) as for every enum (process.hpp): the names of DisparityIssues' members.
template <> struct EnumNames<RowStatus> {
    static constexpr std::array<std::string_view, 7> names{"counted",           "not_decision_point", "unknown_step",
                                                           "unknown_next_step", "flow_not_in_model",  "unknown_outcome",
                                                           "ended_at_decision_point"};
};

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
/// The issues as JSON, the one list of their members (the serialised counts, the table's JSON, Python's `issues`):
/// `missing_group` keyed by ground id, or as an array in ground order when `grounds` is empty (the serialised
/// counts, whose spec names the grounds).
nlohmann::ordered_json issues_json(const DisparityIssues& issues, const std::vector<std::string>& grounds = {});
/// The issues read back from what issues_json wrote (the same `grounds`). A count that is not a whole number >= 0
/// goes to `fail(pointer, problem)`, which throws; a missing member throws nlohmann::ordered_json::exception.
DisparityIssues issues_from_json(const nlohmann::ordered_json& issues, const std::vector<std::string>& grounds,
                                 const std::function<void(const std::string& pointer, const std::string& problem)>& fail);
} // namespace detail

/// The issues as JSON text, `missing_group` keyed by the ids in `grounds` (one per ground of the spec, in order).
std::string issues_json_text(const DisparityIssues& issues, const std::vector<std::string>& grounds);

namespace detail {
void note_label(std::vector<std::string>& sample, std::string_view raw);
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

    /// One row of a table of moves as the front-ends give them (the C ABI's and Python's columns, add_batch): as
    /// add(), except that with next steps a `next` of missing_code means the case ended at `step`, an end row
    /// (add_end), as an empty next step does in a log. A next step that is not a step of the model (a label the
    /// model lacks) is a code outside 0 .. step_count() - 1 other than missing_code: an unknown next step.
    RowStatus add_row(std::int32_t step, std::int32_t next, std::span<const std::int32_t> groups,
                      std::int32_t stratum = missing_code) {
        if (next == missing_code && spec_->next_kind() == NextKind::next_step) return add_end(step, groups, stratum);
        return add(step, next, groups, stratum);
    }

    /// Count rows given as columns of equal length (add_row): steps, next (steps or adverse flags), one column per
    /// base ground, and strata (empty span: no strata). With `strict`, the first row with a data problem (or a
    /// missing group or stratum) throws InvalidArgument naming the row index; the rows before it stay counted. A
    /// case that ended at a decision point is no data problem (its last event is where it stands).
    void add_batch(std::span<const std::int32_t> steps, std::span<const std::int32_t> next,
                   std::span<const std::span<const std::int32_t>> group_columns, std::span<const std::int32_t> strata = {},
                   bool strict = false) {
        check_batch_shape(steps.size(), next.size(), group_columns, strata.size());
        std::vector<std::int32_t> row(spec_->base_ground_count());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            for (std::size_t g = 0; g < row.size(); ++g) row[g] = group_columns[g][i];
            std::int32_t stratum = strata.empty() ? missing_code : strata[i];
            RowStatus status = add_row(steps[i], next[i], row, stratum);
            if (strict) check_strict(status, row, stratum, i);
        }
    }

    /// Add another accumulator's counts (same spec fingerprint). Groups and strata are matched by label, so the
    /// result is the same table whatever way a log was split.
    void merge(const DisparityAccumulator& other);

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
    std::string serialise() const;

    /// Reads what `serialise` wrote, for a spec with the same fingerprint. Throws ParseError for malformed JSON and
    /// ValidationError (with the JSON pointer) for a document that does not fit.
    static DisparityAccumulator deserialise(const DisparitySpec& spec, std::string_view text,
                                            const ParseLimits& limits = {}) {
        return deserialise(std::make_shared<const DisparitySpec>(spec), text, limits);
    }
    static DisparityAccumulator deserialise(std::shared_ptr<const DisparitySpec> spec, std::string_view text,
                                            const ParseLimits& limits = {});

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
                           std::size_t strata_rows) const;

public:
    /// Strict mode: throws InvalidArgument when a row had a data problem or lacks a group or stratum (a case that
    /// ended at a decision point is not a problem: logs of running cases have them). `row` is the index reported.
    void check_strict(RowStatus status, std::span<const std::int32_t> groups, std::int32_t stratum, std::size_t row) const;

private:
    friend class EventSequencer;

    [[noreturn, gnu::cold, gnu::noinline]] void throw_group_code(std::int32_t code, std::size_t g) const;
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
                throw_group_code(code, g);
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

} // namespace artikel1
