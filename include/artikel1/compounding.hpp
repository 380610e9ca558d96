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
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/error.hpp>
#include <artikel1/graph.hpp>
#include <artikel1/process.hpp>
#include <artikel1/statistics.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
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
inline OutcomeTestSpec parse_outcome_test(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
        throw InvalidArgument("expected STEP=HIT[,HIT...] (e.g. check=fraud_found), got " + detail::quote_token(text));
    OutcomeTestSpec spec{std::string(text.substr(0, eq)), {}};
    std::string_view rest = text.substr(eq + 1);
    for (std::size_t start = 0; start <= rest.size();) {
        std::size_t comma = std::min(rest.find(',', start), rest.size());
        if (comma == start) throw InvalidArgument("empty hit step in " + detail::quote_token(text));
        spec.hits.emplace_back(rest.substr(start, comma - start));
        start = comma + 1;
    }
    return spec;
}

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
// The chain

/// The process as a Markov chain: steps are states, flows are transitions, a step without outgoing flows absorbs,
/// and at any step the probability not taken by its flows is "the case ends here" (it reaches no outcome).
/// Steps and flows are numbered as in the model (the codes of DisparitySpec).
class AbsorbingChain {
public:
    /// Throws InvalidArgument when the process has no unique start or a flow names an unknown step.
    explicit AbsorbingChain(const Process& process) : graph_(process) {
        start_ = graph_.start();
        if (start_ == ProcessGraph::npos) throw InvalidArgument("the process has no unique start step");
        out_.resize(graph_.step_count());
        in_.resize(graph_.step_count());
        may_end_.resize(graph_.step_count());
        for (std::size_t v = 0; v < may_end_.size(); ++v) may_end_[v] = process.steps[v].kind == StepKind::outcome;
        for (std::size_t f = 0; f < graph_.flow_count(); ++f) {
            std::size_t from = graph_.flow_source(f), to = graph_.flow_target(f);
            if (from == ProcessGraph::npos)
                throw InvalidArgument("flow " + std::to_string(f) + " names an unknown step (validate the process first)");
            out_[from].push_back(f);
            in_[to].push_back(f);
        }
    }

    std::size_t step_count() const { return out_.size(); }
    std::size_t flow_count() const { return graph_.flow_count(); }
    std::size_t start() const { return start_; }
    std::size_t from(std::size_t f) const { return graph_.flow_source(f); }
    std::size_t to(std::size_t f) const { return graph_.flow_target(f); }
    const std::vector<std::size_t>& outgoing(std::size_t step) const { return out_[step]; }
    const std::vector<std::size_t>& incoming(std::size_t step) const { return in_[step]; }
    /// Whether cases may end at a step that has flows out (an outcome: the rest of its cases end there). Elsewhere
    /// a case that ended in the log is still open, and is left out of the estimate at that step (censored).
    bool may_end(std::size_t step) const { return may_end_[step]; }
    const ProcessGraph& graph() const { return graph_; }

    /// The probability of each flow as the model gives it (flows left out share what the given ones leave).
    std::vector<double> model_probabilities() const {
        std::vector<double> p(flow_count());
        for (std::size_t f = 0; f < p.size(); ++f) p[f] = std::isfinite(graph_.probability(f)) ? graph_.probability(f) : 0.0;
        return p;
    }

    /// One outcome's solver: the condensation of the chain with the outcome made absorbing, computed once and used
    /// for every group and every mixture of groups.
    class Solver {
    public:
        Solver(const AbsorbingChain& chain, std::size_t target) : chain_(&chain), target_(target) {
            if (target >= chain.step_count()) throw InvalidArgument("outcome step " + std::to_string(target) + " is not a step of the chain");
            position_.assign(chain.step_count(), 0);
            condense();
        }

        std::size_t target() const { return target_; }

        /// The probability of reaching the target from the start under flow probabilities `p`. With `visits`,
        /// also the expected visits to each step before the target (zero where the target cannot be reached), and
        /// with `reach` the probability of reaching the target from each step.
        double solve(const std::vector<double>& p, std::vector<double>* visits = nullptr, std::vector<double>* reach = nullptr) {
            const auto& c = *chain_;
            const std::size_t n = c.step_count();
            // The steps from which the target can be reached through flows of positive probability.
            live_.assign(n, 0);
            live_[target_] = 1;
            stack_.assign(1, target_);
            while (!stack_.empty()) {
                std::size_t v = stack_.back();
                stack_.pop_back();
                for (std::size_t f : c.incoming(v)) {
                    std::size_t u = c.from(f);
                    if (u != target_ && !live_[u] && p[f] > 0) {
                        live_[u] = 1;
                        stack_.push_back(u);
                    }
                }
            }
            h_.assign(n, 0.0);
            h_[target_] = 1;
            // Components come out of Tarjan's algorithm sinks first: every exit of a component is known before it.
            for (std::size_t k = 0; k < components_.size(); ++k) solve_block(p, components_[k], false, h_);
            if (reach) *reach = h_;
            if (visits) {
                visits->assign(n, 0.0);
                // Sources first: every entry into a component is known before it.
                if (live_[c.start()] && c.start() != target_) {
                    for (std::size_t k = components_.size(); k-- > 0;) solve_block(p, components_[k], true, *visits);
                }
            }
            return h_[c.start()];
        }

    private:
        // Tarjan's algorithm, iteratively (a long process must not overflow the stack); the target's flows are cut.
        void condense() {
            const auto& c = *chain_;
            const std::size_t n = c.step_count(), none = static_cast<std::size_t>(-1);
            std::vector<std::size_t> index(n, none), low(n, 0), next_edge(n, 0), path;
            std::vector<char> on_path(n, 0);
            std::vector<std::size_t> call;
            std::size_t counter = 0;
            component_of_.assign(n, none);
            for (std::size_t root = 0; root < n; ++root) {
                if (index[root] != none) continue;
                call.push_back(root);
                while (!call.empty()) {
                    std::size_t v = call.back();
                    if (index[v] == none) {
                        index[v] = low[v] = counter++;
                        path.push_back(v);
                        on_path[v] = 1;
                    }
                    const auto& out = v == target_ ? empty_ : c.outgoing(v);
                    bool descended = false;
                    while (next_edge[v] < out.size()) {
                        std::size_t w = c.to(out[next_edge[v]++]);
                        if (index[w] == none) {
                            call.push_back(w);
                            descended = true;
                            break;
                        }
                        if (on_path[w]) low[v] = std::min(low[v], index[w]);
                    }
                    if (descended) continue;
                    call.pop_back();
                    if (!call.empty()) low[call.back()] = std::min(low[call.back()], low[v]);
                    if (low[v] == index[v]) {
                        components_.emplace_back();
                        std::size_t w;
                        do {
                            w = path.back();
                            path.pop_back();
                            on_path[w] = 0;
                            component_of_[w] = components_.size() - 1;
                            components_.back().push_back(w);
                        } while (w != v);
                        std::sort(components_.back().begin(), components_.back().end());
                    }
                }
            }
        }

        // Solves one component's live steps (the others keep 0). Reach (transposed = false): x_v - sum over flows
        // v -> w inside of p x_w = sum over exits of p x_w. Visits (transposed = true): x_w - sum over flows v -> w
        // inside of p x_v = [w is the start] + sum over entries of p x_v.
        void solve_block(const std::vector<double>& p, const std::vector<std::size_t>& members, bool transposed,
                         std::vector<double>& x) {
            const auto& c = *chain_;
            block_.clear();
            for (std::size_t v : members) {
                if (v != target_ && live_[v]) block_.push_back(v);
            }
            const auto& block = block_;
            const std::size_t k = block.size();
            if (k == 0) return;
            auto inside = [&](std::size_t v, std::size_t w) {
                return component_of_[w] == component_of_[v] && w != target_ && live_[w];
            };
            if (k == 1) {
                std::size_t v = block[0];
                double self = 0, rhs = transposed && v == c.start() ? 1.0 : 0.0;
                const auto& edges = transposed ? c.incoming(v) : c.outgoing(v);
                for (std::size_t f : edges) {
                    std::size_t w = transposed ? c.from(f) : c.to(f);
                    if (w == v) self += p[f];
                    else if (!transposed || (w != target_ && live_[w])) rhs += p[f] * x[w];
                }
                x[v] = rhs / (1 - self);
                return;
            }
            for (std::size_t i = 0; i < k; ++i) position_[block[i]] = i;
            a_.assign(k * (k + 1), 0.0); // rows of [A | b]
            for (std::size_t i = 0; i < k; ++i) {
                std::size_t v = block[i];
                double* row = &a_[i * (k + 1)];
                row[i] += 1;
                if (transposed && v == c.start()) row[k] += 1;
                const auto& edges = transposed ? c.incoming(v) : c.outgoing(v);
                for (std::size_t f : edges) {
                    std::size_t w = transposed ? c.from(f) : c.to(f);
                    if (transposed && (w == target_ || !live_[w])) continue;
                    if (inside(v, w)) row[position_[w]] -= p[f];
                    else row[k] += p[f] * x[w];
                }
            }
            // Gaussian elimination with partial pivoting; the block is a principal part of I - Q with Q
            // substochastic and every state able to leave it, so it is nonsingular.
            for (std::size_t col = 0; col < k; ++col) {
                std::size_t pivot = col;
                for (std::size_t r = col + 1; r < k; ++r) {
                    if (std::abs(a_[r * (k + 1) + col]) > std::abs(a_[pivot * (k + 1) + col])) pivot = r;
                }
                if (pivot != col) {
                    for (std::size_t j = 0; j <= k; ++j) std::swap(a_[col * (k + 1) + j], a_[pivot * (k + 1) + j]);
                }
                double d = a_[col * (k + 1) + col];
                for (std::size_t r = col + 1; r < k; ++r) {
                    double factor = a_[r * (k + 1) + col] / d;
                    if (factor == 0) continue;
                    for (std::size_t j = col; j <= k; ++j) a_[r * (k + 1) + j] -= factor * a_[col * (k + 1) + j];
                }
            }
            for (std::size_t i = k; i-- > 0;) {
                double sum = a_[i * (k + 1) + k];
                for (std::size_t j = i + 1; j < k; ++j) sum -= a_[i * (k + 1) + j] * x[block[j]];
                x[block[i]] = sum / a_[i * (k + 1) + i];
            }
        }

        const AbsorbingChain* chain_;
        std::size_t target_;
        std::vector<std::vector<std::size_t>> components_; // sinks first
        std::vector<std::size_t> component_of_;
        std::vector<std::size_t> empty_;
        // Work space, kept between solves.
        std::vector<char> live_;
        std::vector<std::size_t> stack_, block_, position_;
        std::vector<double> h_, a_;
    };

private:
    ProcessGraph graph_;
    std::size_t start_ = 0;
    std::vector<std::vector<std::size_t>> out_, in_;
    std::vector<bool> may_end_;
};

/// A group's chain: the probability of each flow and, when estimated from a log, the moves counted from each step
/// (flows and ends), for the intervals. `cases` is the number of cases (0 for a what-if chain).
struct GroupChain {
    std::string label;
    std::vector<double> probability;       ///< per flow
    std::vector<std::uint64_t> departures; ///< per step: moves counted out of it (empty: given by hand, no intervals)
    std::uint64_t cases = 0;
};

/// A group's chain from its transition counts (per transition code, DisparitySpec::transition_width): at each step
/// the moves along each flow out of all moves out, and the cases that ended there when it is an outcome (elsewhere
/// they are open cases, left out). A step the group never left takes the probabilities of `fallback` (the pooled
/// counts of all groups, then the model).
inline GroupChain estimate_chain(const AbsorbingChain& chain, std::string label, const std::vector<std::uint64_t>& moves,
                                 const std::vector<double>& fallback) {
    const std::size_t flows = chain.flow_count();
    if (moves.size() != flows + chain.step_count())
        throw InvalidArgument("transition counts: expected " + std::to_string(flows + chain.step_count()) + " codes, got " +
                              std::to_string(moves.size()));
    GroupChain g{std::move(label), std::vector<double>(flows, 0.0), std::vector<std::uint64_t>(chain.step_count(), 0), 0};
    for (std::size_t v = 0; v < chain.step_count(); ++v) {
        std::uint64_t total = chain.may_end(v) || chain.outgoing(v).empty() ? moves[flows + v] : 0;
        for (std::size_t f : chain.outgoing(v)) total = detail::checked_add(total, moves[f]);
        g.departures[v] = total;
        for (std::size_t f : chain.outgoing(v))
            g.probability[f] = total == 0 ? fallback[f] : static_cast<double>(moves[f]) / static_cast<double>(total);
    }
    // Cases: the moves out of the start and the cases that ended there, less the moves back into it.
    std::uint64_t out = moves[flows + chain.start()], back = 0;
    for (std::size_t f : chain.outgoing(chain.start())) out += moves[f];
    for (std::size_t f : chain.incoming(chain.start())) back += moves[f];
    g.cases = out >= back ? out - back : 0;
    return g;
}

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

namespace detail {

/// Shapley values of a game over `players` whose value of a coalition is `value(mask)` (bit i: player i takes the
/// group's probabilities); exact (all 2^n coalitions) when n <= exact_limit, else the mean over `permutations`
/// random orders with its standard error. Values are accumulated in long double, so exact shares add up to
/// value(all) - value(none) to rounding of the result.
struct ShapleyValues {
    std::vector<double> value, se;
    bool exact = true;
    std::size_t permutations = 0;
};

template <class Value>
ShapleyValues shapley(std::size_t n, Value&& value, std::size_t exact_limit, std::size_t permutations, std::uint64_t seed) {
    ShapleyValues out;
    out.value.assign(n, 0.0);
    out.se.assign(n, 0.0);
    if (n == 0) return out;
    if (n <= exact_limit && n < 63) {
        const std::uint64_t all = std::uint64_t{1} << n;
        std::vector<double> v(all);
        for (std::uint64_t mask = 0; mask < all; ++mask) v[mask] = value(mask);
        std::vector<long double> weight(n); // |S|! (n - |S| - 1)! / n!
        for (std::size_t s = 0; s < n; ++s) {
            long double w = 1.0L / n;
            for (std::size_t k = 1; k <= s; ++k) w *= static_cast<long double>(k) / static_cast<long double>(n - k);
            weight[s] = w;
        }
        for (std::size_t i = 0; i < n; ++i) {
            long double sum = 0;
            const std::uint64_t bit = std::uint64_t{1} << i;
            for (std::uint64_t mask = 0; mask < all; ++mask) {
                if (mask & bit) continue;
                sum += weight[static_cast<std::size_t>(std::popcount(mask))] *
                       (static_cast<long double>(v[mask | bit]) - static_cast<long double>(v[mask]));
            }
            out.value[i] = static_cast<double>(sum);
        }
        return out;
    }
    out.exact = false;
    out.permutations = permutations;
    if (permutations < 2) throw InvalidArgument("sampled Shapley values need at least 2 permutations");
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> order(n);
    std::vector<long double> sum(n, 0), square(n, 0);
    for (std::size_t m = 0; m < permutations; ++m) {
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)]);
        std::vector<std::size_t> members; // the coalition as a player list (n may exceed 64)
        double before = value(std::vector<std::size_t>{});
        for (std::size_t i : order) {
            members.push_back(i);
            double after = value(members);
            long double delta = static_cast<long double>(after) - before;
            sum[i] += delta;
            square[i] += delta * delta;
            before = after;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        long double mean = sum[i] / permutations;
        long double variance = (square[i] - permutations * mean * mean) / (permutations - 1);
        out.value[i] = static_cast<double>(mean);
        out.se[i] = static_cast<double>(std::sqrt(std::max(0.0L, variance) / permutations));
    }
    return out;
}

/// The delta-method variance of the end-to-end probability: each step's departures are multinomial, so the
/// variance is sum over steps v of visits_v^2 * Var(reach of the next state) / departures_v.
inline double reach_variance(const AbsorbingChain& chain, const GroupChain& g, const std::vector<double>& visits,
                             const std::vector<double>& reach) {
    double variance = 0;
    for (std::size_t v = 0; v < chain.step_count(); ++v) {
        if (visits[v] == 0 || g.departures[v] == 0) continue;
        double mean = 0, square = 0;
        for (std::size_t f : chain.outgoing(v)) {
            mean += g.probability[f] * reach[chain.to(f)];
            square += g.probability[f] * reach[chain.to(f)] * reach[chain.to(f)];
        }
        variance += visits[v] * visits[v] * std::max(0.0, square - mean * mean) / static_cast<double>(g.departures[v]);
    }
    return variance;
}

inline bool rows_equal(const AbsorbingChain& chain, const GroupChain& a, const GroupChain& b, std::size_t step) {
    for (std::size_t f : chain.outgoing(step)) {
        if (a.probability[f] != b.probability[f]) return false;
    }
    return true;
}

} // namespace detail

/// One ground's end-to-end results for the groups given (all of them shown: apply the small-cell rule before).
/// `reference` indexes `groups`. Intervals need departures (chains estimated from counts).
inline std::vector<CompoundingOutcome> compound_groups(const Process& process, const AbsorbingChain& chain,
                                                       const std::vector<GroupChain>& groups, std::size_t reference,
                                                       const CompoundingOptions& options) {
    std::vector<std::size_t> targets;
    if (options.outcomes.empty()) {
        for (std::size_t v = 0; v < chain.step_count(); ++v) {
            if (!chain.outgoing(v).empty()) continue;
            for (std::size_t f : chain.incoming(v)) {
                if (process.flows[f].adverse) {
                    targets.push_back(v);
                    break;
                }
            }
        }
        if (targets.empty()) throw InvalidArgument("the process has no adverse outcome (an end step that an adverse flow enters): name the outcomes");
    } else {
        for (const auto& id : options.outcomes) {
            std::size_t v = chain.graph().index_of(id);
            if (v == ProcessGraph::npos) throw InvalidArgument("outcome " + detail::quote_token(id) + " is not a step of the process");
            targets.push_back(v);
        }
    }
    const double z = stats::critical_value(options.confidence);
    std::vector<CompoundingOutcome> outcomes;
    const GroupChain& ref = groups.at(reference);
    for (std::size_t t : targets) {
        AbsorbingChain::Solver solver(chain, t);
        CompoundingOutcome outcome{process.steps[t].id, {}};
        std::vector<double> visits, reach;
        std::vector<std::pair<std::string, double>> funnel;
        auto estimate = [&](const GroupChain& g, double& variance) {
            double h = solver.solve(g.probability, &visits, &reach);
            variance = g.departures.empty() ? stats::not_a_number : detail::reach_variance(chain, g, visits, reach);
            funnel.clear();
            for (std::size_t v = 0; v < chain.step_count(); ++v) {
                if (chain.outgoing(v).size() > 1 && visits[v] > 0) funnel.emplace_back(process.steps[v].id, visits[v]);
            }
            return h;
        };
        double ref_variance = 0;
        const double ref_h = estimate(ref, ref_variance);
        const auto ref_funnel = funnel;
        for (std::size_t k = 0; k < groups.size(); ++k) {
            const GroupChain& g = groups[k];
            CompoundingGroupResult r;
            r.group = g.label;
            r.cases = g.cases;
            r.reference = k == reference;
            double variance = 0;
            r.probability = k == reference ? ref_h : estimate(g, variance);
            if (k == reference) variance = ref_variance;
            r.funnel = k == reference ? ref_funnel : funnel;
            if (std::isfinite(variance) && r.probability > 0 && r.probability < 1) {
                double logit = std::log(r.probability / (1 - r.probability));
                double se = std::sqrt(variance) / (r.probability * (1 - r.probability));
                r.probability_interval = {1 / (1 + std::exp(-(logit - z * se))), 1 / (1 + std::exp(-(logit + z * se)))};
            }
            if (r.reference) {
                outcome.groups.push_back(std::move(r));
                continue;
            }
            r.difference = r.probability - ref_h;
            r.ratio = ref_h > 0 ? r.probability / ref_h : stats::not_a_number;
            if (std::isfinite(variance)) {
                double se_d = std::sqrt(variance + ref_variance);
                r.difference_interval = {r.difference - z * se_d, r.difference + z * se_d};
                if (r.probability > 0 && ref_h > 0) {
                    double se_l = std::sqrt(variance / (r.probability * r.probability) + ref_variance / (ref_h * ref_h));
                    r.ratio_interval = {r.ratio * std::exp(-z * se_l), r.ratio * std::exp(z * se_l)};
                }
            }
            // The players: decision points where the group's probabilities differ from the reference's (a point
            // where they agree changes no coalition's value, so its Shapley value is 0).
            std::vector<std::size_t> players;
            for (std::size_t v = 0; v < chain.step_count(); ++v) {
                if (!chain.outgoing(v).empty() && !detail::rows_equal(chain, g, ref, v)) players.push_back(v);
            }
            std::vector<double> mix = ref.probability;
            auto take = [&](std::size_t v, const GroupChain& from) {
                for (std::size_t f : chain.outgoing(v)) mix[f] = from.probability[f];
            };
            auto reach_of = [&](auto&& in_coalition) {
                for (std::size_t i = 0; i < players.size(); ++i) take(players[i], in_coalition(i) ? g : ref);
                return solver.solve(mix);
            };
            bool log_defined = ref_h > 0;
            // Coalition values, cached per mask for the exact case (both games share the solves).
            std::vector<double> cache;
            const bool exact = players.size() <= options.shapley_exact_limit && players.size() < 63;
            if (exact) {
                cache.resize(std::size_t{1} << players.size());
                for (std::uint64_t mask = 0; mask < cache.size(); ++mask) {
                    cache[mask] = reach_of([&](std::size_t i) { return (mask >> i) & 1; });
                    if (!(cache[mask] > 0)) log_defined = false;
                }
            }
            std::map<std::vector<std::size_t>, double> sampled; // sampled coalitions solved so far
            auto coalition_reach = [&](const auto& coalition) -> double {
                if constexpr (std::is_same_v<std::decay_t<decltype(coalition)>, std::uint64_t>) {
                    return cache[coalition];
                } else {
                    std::vector<std::size_t> key(coalition.begin(), coalition.end());
                    std::sort(key.begin(), key.end());
                    auto it = sampled.find(key);
                    if (it != sampled.end()) return it->second;
                    std::vector<bool> member(players.size(), false);
                    for (auto i : key) member[i] = true;
                    double h = reach_of([&](std::size_t i) { return member[i]; });
                    if (!(h > 0)) log_defined = false;
                    if (sampled.size() < 100000) sampled.emplace(std::move(key), h);
                    return h;
                }
            };
            auto difference_value = [&](const auto& coalition) { return coalition_reach(coalition) - ref_h; };
            auto log_value = [&](const auto& coalition) { return std::log(coalition_reach(coalition)) - std::log(ref_h); };
            auto d_shap = detail::shapley(players.size(), difference_value, options.shapley_exact_limit, options.shapley_permutations,
                                          options.seed);
            detail::ShapleyValues l_shap;
            if (log_defined)
                l_shap = detail::shapley(players.size(), log_value, options.shapley_exact_limit, options.shapley_permutations, options.seed);
            if (!log_defined) r.note = "the log ratio has no shares: the outcome cannot be reached under some mixture of the groups' probabilities";
            r.shapley_exact = d_shap.exact;
            r.shapley_permutations = d_shap.permutations;
            for (std::size_t i = 0; i < players.size(); ++i) {
                CompoundingShare s;
                s.step = process.steps[players[i]].id;
                double h = reach_of([&](std::size_t j) { return j != i; });
                s.equalised_difference = h - ref_h;
                s.equalised_ratio = ref_h > 0 ? h / ref_h : stats::not_a_number;
                s.difference_share = d_shap.value[i];
                s.difference_share_se = d_shap.se[i];
                if (log_defined) {
                    s.log_ratio_share = l_shap.value[i];
                    s.log_ratio_share_se = l_shap.se[i];
                }
                r.shares.push_back(std::move(s));
            }
            outcome.groups.push_back(std::move(r));
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

namespace detail {

/// Complementary suppression of a group's counts. Every count below min_cell is hidden; then, while some equation
/// (a set of counts with a known linear relation: flow conservation at a step, a hit count and its flows) has
/// exactly one hidden count above 0, the smallest published count above 0 of that equation is hidden too, so that
/// no hidden count follows from one published equation by subtraction. A hidden 0 protects nothing (a reader
/// would guess it), so it is not counted. `fixed` counts (the group's cases) stay published.
inline std::vector<char> suppress_counts(const std::vector<std::uint64_t>& counts, const std::vector<char>& fixed,
                                         const std::vector<std::vector<std::size_t>>& equations, std::uint64_t min_cell) {
    std::vector<char> hidden(counts.size(), 0);
    for (std::size_t i = 0; i < counts.size(); ++i) hidden[i] = !fixed[i] && counts[i] < min_cell;
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& eq : equations) {
            std::size_t protecting = 0, best = counts.size();
            for (std::size_t i : eq) {
                if (counts[i] == 0) continue;
                if (hidden[i]) ++protecting;
                else if (!fixed[i] && (best == counts.size() || counts[i] < counts[best])) best = i;
            }
            if (protecting != 1) continue;
            if (best == counts.size()) {
                // Only fixed counts beside the hidden one: hide everything that is not fixed.
                for (std::size_t i = 0; i < counts.size(); ++i) hidden[i] = !fixed[i];
                return hidden;
            }
            hidden[best] = 1;
            changed = true;
        }
    }
    return hidden;
}

struct OutcomeTestPlan {
    std::string step;
    std::size_t step_code = 0;
    std::vector<std::size_t> hit_flows, miss_flows;
};

inline std::vector<OutcomeTestPlan> plan_outcome_tests(const AbsorbingChain& chain, const Process& process,
                                                       const std::vector<OutcomeTestSpec>& tests) {
    std::vector<OutcomeTestPlan> plans;
    for (const auto& t : tests) {
        OutcomeTestPlan plan;
        plan.step = t.step;
        plan.step_code = chain.graph().index_of(t.step);
        if (plan.step_code == ProcessGraph::npos) throw InvalidArgument("outcome test at " + quote_token(t.step) + ": not a step of the process");
        if (t.hits.empty()) throw InvalidArgument("outcome test at " + quote_token(t.step) + ": no hit steps");
        for (const auto& hit : t.hits) {
            bool found = false;
            for (std::size_t f : chain.outgoing(plan.step_code)) found = found || process.steps[chain.to(f)].id == hit;
            if (!found) throw InvalidArgument("outcome test at " + quote_token(t.step) + ": no flow to " + quote_token(hit));
        }
        for (std::size_t f : chain.outgoing(plan.step_code)) {
            bool hit = std::find(t.hits.begin(), t.hits.end(), process.steps[chain.to(f)].id) != t.hits.end();
            (hit ? plan.hit_flows : plan.miss_flows).push_back(f);
        }
        plans.push_back(std::move(plan));
    }
    return plans;
}

/// A group's published counts: its transition counts then, per outcome test, selected / hits / misses.
struct PublishedCounts {
    std::vector<std::uint64_t> counts;
    std::vector<char> hidden;
};

inline PublishedCounts publish_counts(const AbsorbingChain& chain, const std::vector<std::uint64_t>& moves,
                                      const std::vector<OutcomeTestPlan>& tests, std::uint64_t cases, std::uint64_t min_cell) {
    const std::size_t flows = chain.flow_count(), width = flows + chain.step_count();
    PublishedCounts out;
    out.counts = moves;
    std::vector<std::vector<std::size_t>> equations;
    for (std::size_t v = 0; v < chain.step_count(); ++v) {
        std::vector<std::size_t> eq{flows + v};
        for (std::size_t f : chain.outgoing(v)) {
            if (chain.to(f) != v) eq.push_back(f); // a self-loop cancels out of its step's balance
        }
        for (std::size_t f : chain.incoming(v)) {
            if (chain.from(f) != v) eq.push_back(f);
        }
        if (v == chain.start()) eq.push_back(width + 3 * tests.size()); // the cases, published
        equations.push_back(std::move(eq));
    }
    for (std::size_t t = 0; t < tests.size(); ++t) {
        std::uint64_t hits = 0, misses = 0;
        for (std::size_t f : tests[t].hit_flows) hits += moves[f];
        for (std::size_t f : tests[t].miss_flows) misses += moves[f];
        std::size_t at = out.counts.size();
        out.counts.insert(out.counts.end(), {hits + misses, hits, misses});
        std::vector<std::size_t> selected{at}, hit{at + 1}, miss{at + 2};
        for (std::size_t f : tests[t].hit_flows) {
            selected.push_back(f);
            hit.push_back(f);
        }
        for (std::size_t f : tests[t].miss_flows) {
            selected.push_back(f);
            miss.push_back(f);
        }
        equations.insert(equations.end(), {selected, hit, miss, {at, at + 1, at + 2}});
    }
    out.counts.push_back(cases);
    std::vector<char> fixed(out.counts.size(), 0);
    fixed.back() = 1;
    out.hidden = suppress_counts(out.counts, fixed, equations, min_cell);
    return out;
}

} // namespace detail

/// Compounding from a log's counts (an accumulator whose spec counts transitions), for every ground analysed.
/// Groups with fewer than `min_cell` cases are left out (labels included); every published count is at least
/// min_cell, and no hidden count follows from a published one by one conservation equation (docs/compounding.md).
inline CompoundingResult compound(const Process& process, const DisparityAccumulator& acc, const CompoundingOptions& options = {}) {
    const DisparitySpec& spec = acc.spec();
    if (!spec.counts_transitions()) throw InvalidArgument("compounding needs transition counts: count the log with count_transitions");
    if (options.min_cell < 1) throw InvalidArgument("min_cell must be at least 1");
    AbsorbingChain chain(process);
    if (chain.step_count() != spec.step_count() || chain.flow_count() != spec.flow_count())
        throw InvalidArgument("the counts were made for a different process");
    const auto plans = detail::plan_outcome_tests(chain, process, options.outcome_tests);
    CompoundingResult result{spec.process_id(), "log", options.min_cell, options.confidence, {}};
    const std::vector<double> model = chain.model_probabilities();
    for (std::size_t g = 0; g < spec.ground_count(); ++g) {
        CompoundingGround ground;
        ground.ground = spec.ground(g);
        std::vector<std::vector<std::uint64_t>> moves;
        for (std::size_t code = 0; code < acc.group_count(g); ++code) moves.push_back(acc.transitions(g, static_cast<std::int32_t>(code)));
        const GroupChain all = estimate_chain(chain, "", acc.transitions(), model);
        std::vector<GroupChain> shown;
        std::vector<const std::vector<std::uint64_t>*> shown_moves;
        for (std::size_t code = 0; code < moves.size(); ++code) {
            GroupChain c = estimate_chain(chain, acc.group_label(g, static_cast<std::int32_t>(code)), moves[code], all.probability);
            if (c.cases < options.min_cell) {
                ++ground.hidden_groups;
                continue;
            }
            shown.push_back(std::move(c));
            shown_moves.push_back(&moves[code]);
        }
        // Groups in label order, so that the output does not depend on the order the log met them.
        std::vector<std::size_t> order(shown.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return shown[a].label < shown[b].label; });
        std::vector<GroupChain> groups;
        std::vector<const std::vector<std::uint64_t>*> group_moves;
        for (std::size_t i : order) {
            groups.push_back(std::move(shown[i]));
            group_moves.push_back(shown_moves[i]);
        }
        if (groups.empty()) {
            result.grounds.push_back(std::move(ground));
            continue;
        }
        std::size_t reference = 0;
        auto wanted = options.reference_groups.find(ground.ground);
        if (wanted != options.reference_groups.end()) {
            reference = groups.size();
            for (std::size_t i = 0; i < groups.size(); ++i) {
                if (groups[i].label == wanted->second) reference = i;
            }
            if (reference == groups.size())
                throw InvalidArgument("reference group " + detail::quote_token(wanted->second) + " of ground " + detail::quote_token(ground.ground) +
                                      " is not in the log with at least " + std::to_string(options.min_cell) + " cases");
        } else {
            for (std::size_t i = 1; i < groups.size(); ++i) {
                if (groups[i].cases > groups[reference].cases) reference = i; // label order breaks ties
            }
        }
        ground.reference = groups[reference].label;
        ground.outcomes = compound_groups(process, chain, groups, reference, options);
        // Counts and outcome tests under the small-cell rule.
        std::vector<detail::PublishedCounts> published;
        for (std::size_t i = 0; i < groups.size(); ++i)
            published.push_back(detail::publish_counts(chain, *group_moves[i], plans, groups[i].cases, options.min_cell));
        for (std::size_t i = 0; i < groups.size(); ++i) {
            for (std::size_t k = 0; k < spec.transition_width(); ++k) {
                const bool end = k >= spec.flow_count();
                std::size_t from = end ? k - spec.flow_count() : chain.from(k);
                // Every flow and every end step is listed; the cases that stopped at a step with flows out of it
                // only when published (listing a hidden one would say that there are some).
                if (end && !chain.outgoing(from).empty() && published[i].hidden[k]) continue;
                TransitionCount t{groups[i].label, process.steps[from].id, end ? std::string() : process.steps[chain.to(k)].id,
                                  !published[i].hidden[k], published[i].hidden[k] ? 0 : published[i].counts[k]};
                ground.transitions.push_back(std::move(t));
            }
        }
        const std::size_t width = spec.transition_width();
        for (std::size_t t = 0; t < plans.size(); ++t) {
            const std::size_t at = width + 3 * t;
            auto shown_row = [&](std::size_t i) { return !published[i].hidden[at + 1] && !published[i].hidden[at + 2]; };
            for (std::size_t i = 0; i < groups.size(); ++i) {
                OutcomeTestResult r;
                r.step = plans[t].step;
                r.group = groups[i].label;
                r.reference = i == reference;
                r.published = shown_row(i);
                if (r.published) {
                    r.selected = published[i].counts[at];
                    r.hits = published[i].counts[at + 1];
                    r.hit_rate = static_cast<double>(r.hits) / static_cast<double>(r.selected);
                    r.hit_rate_interval = stats::wilson_interval(r.hits, r.selected, options.confidence);
                    if (!r.reference && shown_row(reference)) {
                        const auto& ref = published[reference].counts;
                        r.p_value = stats::fisher_exact_two_sided(r.hits, r.selected - r.hits, ref[at + 1], ref[at] - ref[at + 1]);
                    }
                }
                ground.outcome_tests.push_back(std::move(r));
            }
        }
        result.grounds.push_back(std::move(ground));
    }
    return result;
}

/// What-if compounding: the groups' flow probabilities given by hand (no counts, so no intervals and no
/// suppression). `reference` is the label of the reference group.
inline CompoundingResult compound_what_if(const Process& process, const std::string& ground, std::vector<GroupChain> groups,
                                          const std::string& reference, const CompoundingOptions& options = {}) {
    AbsorbingChain chain(process);
    std::size_t ref = groups.size();
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].probability.size() != chain.flow_count())
            throw InvalidArgument("group " + detail::quote_token(groups[i].label) + ": expected " + std::to_string(chain.flow_count()) +
                                  " flow probabilities, got " + std::to_string(groups[i].probability.size()));
        groups[i].departures.clear();
        if (groups[i].label == reference) ref = i;
    }
    if (ref == groups.size()) throw InvalidArgument("reference group " + detail::quote_token(reference) + " is not among the groups");
    CompoundingResult result{process.id, "model", 0, options.confidence, {}};
    CompoundingGround g;
    g.ground = ground;
    g.reference = reference;
    g.outcomes = compound_groups(process, chain, groups, ref, options);
    result.grounds.push_back(std::move(g));
    return result;
}

/// What-if compounding from the model itself: every ground that flows give per-group probabilities for
/// (GroupProbability), each of its groups following its own probabilities where given and the flow's probability
/// elsewhere. The reference of a ground is options.reference_groups, else its first group in label order.
inline CompoundingResult compound_model(const Process& process, const CompoundingOptions& options = {}) {
    AbsorbingChain chain(process);
    const std::vector<double> model = chain.model_probabilities();
    std::map<std::string, std::map<std::string, std::vector<double>>> grounds; // ordered: deterministic output
    for (std::size_t f = 0; f < process.flows.size(); ++f) {
        for (const auto& gp : process.flows[f].groups) grounds[gp.ground].try_emplace(gp.group, model);
    }
    if (grounds.empty()) throw InvalidArgument("the model gives no probabilities per group (flows[].groups)");
    for (std::size_t f = 0; f < process.flows.size(); ++f) {
        for (const auto& gp : process.flows[f].groups) grounds[gp.ground][gp.group][f] = gp.probability;
    }
    CompoundingResult result{process.id, "model", 0, options.confidence, {}};
    for (auto& [ground, groups] : grounds) {
        std::vector<GroupChain> chains;
        for (auto& [label, p] : groups) chains.push_back({label, std::move(p), {}, 0});
        auto wanted = options.reference_groups.find(ground);
        std::string reference = wanted != options.reference_groups.end() ? wanted->second : chains.front().label;
        auto part = compound_what_if(process, ground, std::move(chains), reference, options);
        result.grounds.push_back(std::move(part.grounds.front()));
    }
    return result;
}

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
inline Process fit_process(const Process& process, const DisparityAccumulator& acc, const FitOptions& options = {}) {
    const DisparitySpec& spec = acc.spec();
    if (!spec.counts_transitions()) throw InvalidArgument("fitting needs transition counts: count the log with count_transitions");
    if (options.min_cell < 1) throw InvalidArgument("min_cell must be at least 1");
    AbsorbingChain chain(process);
    if (chain.step_count() != spec.step_count() || chain.flow_count() != spec.flow_count())
        throw InvalidArgument("the counts were made for a different process");
    Process out = process;
    const std::size_t flows = chain.flow_count();
    // Writes estimates of one set of counts; `write(flow, count, of)` for each flow of each step shown.
    auto estimate = [&](const std::vector<std::uint64_t>& moves, std::uint64_t cases, auto&& write) {
        auto published = detail::publish_counts(chain, moves, {}, cases, options.min_cell);
        for (std::size_t v = 0; v < chain.step_count(); ++v) {
            const auto& outgoing = chain.outgoing(v);
            if (outgoing.empty()) continue;
            // Cases that ended at an outcome are part of its estimate (shown only when published); elsewhere they are
            // open cases, left out of the estimate.
            const bool ends = chain.may_end(v) && moves[flows + v] > 0;
            bool shown = !ends || !published.hidden[flows + v];
            std::uint64_t of = ends ? moves[flows + v] : 0;
            for (std::size_t f : outgoing) {
                shown = shown && !published.hidden[f];
                of += moves[f];
            }
            if (!shown || of == 0) continue;
            for (std::size_t f : outgoing) write(f, moves[f], of);
        }
    };
    const GroupChain pooled = estimate_chain(chain, "", acc.transitions(), chain.model_probabilities());
    for (auto& f : out.flows) f.groups.clear();
    estimate(acc.transitions(), pooled.cases, [&](std::size_t f, std::uint64_t count, std::uint64_t of) {
        out.flows[f].probability = static_cast<double>(count) / static_cast<double>(of);
        out.flows[f].count = count;
        out.flows[f].of = of;
    });
    for (const auto& ground : options.per_group) {
        std::size_t g = spec.find_ground(ground);
        if (g == DisparitySpec::npos || spec.is_intersection(g))
            throw InvalidArgument("fit per group: ground " + detail::quote_token(ground) + " is not a ground of the log (COLUMN=GROUND)");
        std::vector<std::pair<std::string, std::int32_t>> groups; // in label order
        for (std::size_t code = 0; code < acc.group_count(g); ++code)
            groups.emplace_back(acc.group_label(g, static_cast<std::int32_t>(code)), static_cast<std::int32_t>(code));
        std::sort(groups.begin(), groups.end());
        for (const auto& entry : groups) {
            const std::string& label = entry.first; // a plain reference: lambdas cannot capture a structured binding in clang 14
            auto moves = acc.transitions(g, entry.second);
            GroupChain c = estimate_chain(chain, label, moves, pooled.probability);
            if (c.cases < options.min_cell) continue;
            estimate(moves, c.cases, [&](std::size_t f, std::uint64_t count, std::uint64_t of) {
                out.flows[f].groups.push_back({ground, label, static_cast<double>(count) / static_cast<double>(of), count, of});
            });
        }
    }
    return out;
}

/// Options from JSON (the C ABI and other callers without C++ types): an object with any of `reference_groups`
/// (ground -> group), `outcomes` (step ids), `outcome_tests` ([{"step": id, "hits": [ids]}]), `confidence`,
/// `shapley_exact_limit`, `shapley_permutations`, `seed`; `min_cell` comes separately. Throws ParseError for
/// malformed JSON and InvalidArgument naming the member for one that does not fit.
inline CompoundingOptions compounding_options_from_json(std::string_view text, std::uint64_t min_cell) {
    CompoundingOptions options;
    options.min_cell = min_cell;
    if (text.empty()) return options;
    auto doc = detail::parse_json(text, ParseLimits{}, "compounding options");
    auto bad = [](const std::string& member, const std::string& what) {
        throw InvalidArgument("compounding options: " + member + " " + what);
    };
    if (!doc.is_object()) bad("", "must be an object");
    for (const auto& [key, value] : doc.items()) {
        if (key == "reference_groups") {
            if (!value.is_object()) bad(key, "must be an object of ground: group");
            for (const auto& [ground, group] : value.items()) {
                if (!group.is_string()) bad(key + "/" + detail::cut_at_character(ground, 60), "must be a string");
                options.reference_groups[ground] = group.get<std::string>();
            }
        } else if (key == "outcomes") {
            if (!value.is_array()) bad(key, "must be an array of step ids");
            for (const auto& id : value) {
                if (!id.is_string()) bad(key, "must be an array of step ids");
                options.outcomes.push_back(id.get<std::string>());
            }
        } else if (key == "outcome_tests") {
            if (!value.is_array()) bad(key, "must be an array of {\"step\": ..., \"hits\": [...]}");
            for (const auto& t : value) {
                if (!t.is_object() || !t.contains("step") || !t["step"].is_string() || !t.contains("hits") || !t["hits"].is_array())
                    bad(key, "must be an array of {\"step\": ..., \"hits\": [...]}");
                OutcomeTestSpec spec{t["step"].get<std::string>(), {}};
                for (const auto& hit : t["hits"]) {
                    if (!hit.is_string()) bad(key, "must be an array of {\"step\": ..., \"hits\": [...]}");
                    spec.hits.push_back(hit.get<std::string>());
                }
                options.outcome_tests.push_back(std::move(spec));
            }
        } else if (key == "confidence") {
            if (!value.is_number() || !(value.get<double>() > 0 && value.get<double>() < 1)) bad(key, "must be a number between 0 and 1");
            options.confidence = value.get<double>();
        } else if (key == "shapley_exact_limit" || key == "shapley_permutations" || key == "seed") {
            if (!value.is_number_unsigned()) bad(key, "must be a whole number >= 0");
            auto n = value.get<std::uint64_t>();
            if (key == "seed") options.seed = n;
            else if (key == "shapley_exact_limit") options.shapley_exact_limit = static_cast<std::size_t>(std::min<std::uint64_t>(n, 62));
            else options.shapley_permutations = static_cast<std::size_t>(n);
        } else {
            bad(detail::quote_token(key), "is not an option");
        }
    }
    return options;
}


} // namespace artikel1

// The writers (JSON, text, CSV, Markdown) of CompoundingResult.
#include <artikel1/report/compounding_writers.hpp>
