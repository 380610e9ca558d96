// SPDX-License-Identifier: EUPL-1.2
// artikel1: compounding (docs/compounding.md). Small differences at several decision points add up; this header
// follows each group through the whole process:
//   AbsorbingChain      the model's steps and flows as a Markov chain; for one outcome, the probability of reaching it
//                       from the start, solved exactly per strongly connected component of the condensation (rework
//                       loops included, no path ever enumerated), and the expected visits behind the delta method.
//   estimate_chain      a group's flow probabilities from transition counts (DisparityAccumulator with
//                       count_transitions), or given by hand for what-if analysis (CompoundingGroup).
//   compound            per ground and adverse outcome: each group's end-to-end probability, ratio and difference to
//                       the reference group with delta-method intervals, one-at-a-time equalisation of each decision
//                       point and a Shapley decomposition of the log ratio and of the difference; the outcome test
//                       (hit rates among the selected); transition counts under the small-cell rule.
//   The chain itself (AbsorbingChain, GroupChain, estimate_chain) is in artikel1/absorbing_chain.hpp; the bodies
//   are compiled once into the library (src/core/compounding.cpp).
#pragma once

#include <artikel1/absorbing_chain.hpp>
#include <artikel1/disparity_accumulator.hpp>
#include <artikel1/process.hpp>
#include <artikel1/statistics.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view compounding_schema_id = "artikel1/compounding/1";

/// The outcome test at a selection point: among the cases leaving `step` (those selected for a check), the moves
/// to one of the `hits` steps count as a hit (the check found something).
struct OutcomeTestSpec {
    std::string step;
    std::vector<std::string> hits;
};

/// Parses `STEP=HIT[,HIT...]` (as given on a command line); throws InvalidArgument.
OutcomeTestSpec parse_outcome_test(std::string_view text);

struct CompoundingOptions {
    /// Groups with fewer cases are not shown (not even their label); counts below it are not published.
    std::uint64_t min_cell = 10;
    double confidence = 0.95;
    /// Reference group per ground id; grounds not listed use the group with the most cases (ties: smallest label).
    std::map<std::string, std::string> reference_groups;
    /// The adverse outcomes (step ids); empty: every step without outgoing flows that an adverse flow enters.
    std::vector<std::string> outcomes;
    std::vector<OutcomeTestSpec> outcome_tests;
    /// Shapley values are exact up to this many decision points, sampled over permutations beyond.
    std::size_t shapley_exact_limit = 12;
    std::size_t shapley_permutations = 1000;
    std::uint64_t seed = 1;
};

// ---------------------------------------------------------------------------------------------------------------
// Results

/// One decision point's part in a group's end-to-end disparity.
struct CompoundingShare {
    std::string step;
    /// The end-to-end ratio and difference to the reference when only this point takes the reference group's
    /// transition probabilities (one at a time).
    double equalised_ratio = stats::not_a_number;
    double equalised_difference = stats::not_a_number;
    /// Shapley value of the point in the log of the end-to-end ratio, and in the difference; the shares of a
    /// group add up to its log ratio and to its difference.
    double log_ratio_share = stats::not_a_number;
    double difference_share = stats::not_a_number;
    /// Sampling error of a sampled Shapley value (0 when exact).
    double log_ratio_share_se = 0;
    double difference_share_se = 0;
};

/// One group's end-to-end result for one outcome.
struct CompoundingGroupResult {
    std::string group;
    bool reference = false;
    std::uint64_t cases = 0;
    double probability = stats::not_a_number;
    stats::Interval probability_interval;
    double ratio = stats::not_a_number;
    stats::Interval ratio_interval;
    double difference = stats::not_a_number;
    stats::Interval difference_interval;
    bool shapley_exact = true;
    std::size_t shapley_permutations = 0; ///< permutations sampled (0: exact)
    std::vector<CompoundingShare> shares; ///< the decision points where the group's probabilities differ
    /// The funnel: expected passes per case through each decision point (a step with two or more flows out) on the
    /// way to this outcome, in model order; points the group never reaches are left out.
    std::vector<std::pair<std::string, double>> funnel;
    std::string note;                     ///< why a number is missing, when one is
};

struct CompoundingOutcome {
    std::string step;
    std::vector<CompoundingGroupResult> groups;
};

/// A transition count under the small-cell rule: `count` is shown only when `published`.
struct TransitionCount {
    std::string group;
    std::string from;
    std::string to; ///< empty: the cases that ended at `from`
    bool published = false;
    std::uint64_t count = 0;
};

/// The outcome test of one group at one selection point.
struct OutcomeTestResult {
    std::string step;
    std::string group;
    bool reference = false;
    bool published = false; ///< false: the selected, hits or misses are below min_cell (nothing shown)
    std::uint64_t selected = 0;
    std::uint64_t hits = 0;
    double hit_rate = stats::not_a_number;
    stats::Interval hit_rate_interval;
    double p_value = stats::not_a_number; ///< Fisher's exact test against the reference group (two-sided)
};

struct CompoundingGround {
    std::string ground;
    std::string reference;
    std::size_t hidden_groups = 0; ///< groups with fewer than min_cell cases: left out, labels included
    std::vector<CompoundingOutcome> outcomes;
    std::vector<TransitionCount> transitions;
    std::vector<OutcomeTestResult> outcome_tests;
};

struct CompoundingResult {
    std::string process;
    std::string source; ///< "log" (estimated from counts) or "model" (probabilities given per group)
    std::uint64_t min_cell = 0;
    double confidence = 0;
    std::vector<CompoundingGround> grounds;
};

// ---------------------------------------------------------------------------------------------------------------
// The analysis

/// Compounding from a log's counts (an accumulator whose spec counts transitions), for every ground analysed.
/// Groups with fewer than `min_cell` cases are left out (labels included); every published count is at least
/// min_cell, and no hidden count follows from a published one by one conservation equation (docs/compounding.md).
CompoundingResult compound(const Process& process, const DisparityAccumulator& acc, const CompoundingOptions& options = {});

/// What-if compounding: the groups' flow probabilities given by hand (no counts, so no intervals and no
/// suppression). `reference` is the label of the reference group.
CompoundingResult compound_what_if(const Process& process, const std::string& ground, std::vector<GroupChain> groups,
                                          const std::string& reference, const CompoundingOptions& options = {});

/// What-if compounding from the model itself: every ground that flows give per-group probabilities for
/// (GroupProbability), each of its groups following its own probabilities where given and the flow's probability
/// elsewhere. The reference of a ground is options.reference_groups, else its first group in label order.
CompoundingResult compound_model(const Process& process, const CompoundingOptions& options = {});

struct FitOptions {
    /// Also per group: the base grounds whose groups get probabilities of their own (ground ids).
    std::vector<std::string> per_group;
    /// No count below it is written, nor one that follows from the written ones (as in compound()).
    std::uint64_t min_cell = 10;
};

/// The model with each flow's probability estimated from a log's transition counts (moves along the flow out of
/// all moves out of its step; at an outcome, the cases that ended there included), with the counts behind it. A step whose counts fall under the
/// small-cell rule keeps the probabilities the model gave (and gets no counts). Per group: only groups with at
/// least min_cell cases, under the same rule.
Process fit_process(const Process& process, const DisparityAccumulator& acc, const FitOptions& options = {});

/// Options from JSON (the C ABI and other callers without C++ types): an object with any of `reference_groups`
/// (ground -> group), `outcomes` (step ids), `outcome_tests` ([{"step": id, "hits": [ids]}]), `confidence`,
/// `shapley_exact_limit`, `shapley_permutations`, `seed`; `min_cell` comes separately. Throws ParseError for
/// malformed JSON and InvalidArgument naming the member for one that does not fit.
CompoundingOptions compounding_options_from_json(std::string_view text, std::uint64_t min_cell);

namespace detail {

/// The delta-method variance of the end-to-end probability: each step's departures are multinomial, so the
/// variance is sum over steps v of visits_v^2 * Var(reach of the next state) / departures_v.
double reach_variance(const AbsorbingChain& chain, const GroupChain& g, const std::vector<double>& visits,
                      const std::vector<double>& reach);

/// Complementary suppression of a group's counts. Every count below min_cell is hidden; then, while some equation
/// (a set of counts with a known linear relation: flow conservation at a step, a hit count and its flows) has
/// exactly one hidden count above 0, the smallest published count above 0 of that equation is hidden too, so that
/// no hidden count follows from one published equation by subtraction. A hidden 0 protects nothing (a reader
/// would guess it), so it is not counted. `fixed` counts (the group's cases) stay published.
std::vector<char> suppress_counts(const std::vector<std::uint64_t>& counts, const std::vector<char>& fixed,
                                  const std::vector<std::vector<std::size_t>>& equations, std::uint64_t min_cell);

} // namespace detail

} // namespace artikel1

// The writers (JSON, text, CSV, Markdown) of CompoundingResult.
#include <artikel1/report/compounding_writers.hpp>