// SPDX-License-Identifier: EUPL-1.2
// artikel1: the process as an absorbing Markov chain (docs/compounding.md), the base of compounding. For one
// outcome, the probability of reaching it from the start is solved exactly per strongly connected component of the
// condensation (rework loops included, no path ever enumerated), with the expected visits behind the delta method.
// A group's chain comes from its transition counts (estimate_chain) or is given by hand (what-if analysis).
// Bodies in src/core/absorbing_chain.cpp.
#pragma once

#include <artikel1/graph.hpp>
#include <artikel1/process.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace artikel1 {

/// The process as a Markov chain: steps are states, flows are transitions, a step without outgoing flows absorbs,
/// and at any step the probability not taken by its flows is "the case ends here" (it reaches no outcome).
/// Steps and flows are numbered as in the model (the codes of DisparitySpec).
class AbsorbingChain {
public:
    /// Throws InvalidArgument when the process has no unique start or a flow names an unknown step.
    explicit AbsorbingChain(const Process& process);

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
    std::vector<double> model_probabilities() const;

    /// One outcome's solver: the condensation of the chain with the outcome made absorbing, computed once and used
    /// for every group and every mixture of groups.
    class Solver {
    public:
        Solver(const AbsorbingChain& chain, std::size_t target);

        std::size_t target() const { return target_; }

        /// The probability of reaching the target from the start under flow probabilities `p`. With `visits`,
        /// also the expected visits to each step before the target (zero where the target cannot be reached), and
        /// with `reach` the probability of reaching the target from each step.
        double solve(const std::vector<double>& p, std::vector<double>* visits = nullptr, std::vector<double>* reach = nullptr);

    private:
        // Tarjan's algorithm, iteratively (a long process must not overflow the stack); the target's flows are cut.
        void condense();
        // Solves one component's live steps (the others keep 0). Reach (transposed = false): x_v - sum over flows
        // v -> w inside of p x_w = sum over exits of p x_w. Visits (transposed = true): x_w - sum over flows v -> w
        // inside of p x_v = [w is the start] + sum over entries of p x_v.
        void solve_block(const std::vector<double>& p, const std::vector<std::size_t>& members, bool transposed,
                         std::vector<double>& x);

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
GroupChain estimate_chain(const AbsorbingChain& chain, std::string label, const std::vector<std::uint64_t>& moves,
                          const std::vector<double>& fallback);

} // namespace artikel1
