// SPDX-License-Identifier: EUPL-1.2
// artikel1: graph analysis of a process on Boost.Graph. Everything here is linear in steps + flows (per pass);
// no path is ever enumerated, so a process with 2^60 paths costs what its steps and flows cost.
#pragma once

#include <artikel1/graph.hpp>
#include <artikel1/process.hpp>
#include <artikel1/settings.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace artikel1 {

/// What the graph says about each step; indices are step indices in `process.steps`.
struct GraphAnalysis {
    static constexpr std::size_t npos = ProcessGraph::npos;

    std::vector<std::size_t> component;        ///< strongly connected component of each step
    std::vector<std::size_t> component_order;  ///< components in topological order of the condensation
    std::vector<bool> in_cycle;                ///< the step lies on a cycle (rework loop)
    std::vector<bool> reachable;               ///< reachable from the start
    std::vector<double> expected_visits;       ///< expected passes through the step per case entering the process
    /// severity_reach[s][v]: probability that a case at step s later reaches a step of severity v (v > none).
    std::vector<std::array<double, 5>> severity_reach;
    /// severity_hit[s][v]: the same, counting step s itself (1 when s has severity v): what a case sent to s meets.
    std::vector<std::array<double, 5>> severity_hit;
    /// For each adverse step (severity > none): the nearest decision step that every path to it passes, or npos.
    std::vector<std::size_t> gatekeeper_of;
    std::size_t cycle_count = 0;               ///< number of cycles (strongly connected components with a loop)
};

namespace detail {
/// Strongly connected components and a topological order of their condensation (Kahn's algorithm, lowest id first).
void components_in_order(const ProcessGraph& pg, GraphAnalysis& out);
/// Members of each component, in ascending step order.
std::vector<std::vector<std::size_t>> component_members(const GraphAnalysis& a);
/// `analyse_graph` from the components that `components_in_order(pg, a)` put in `a` (validation needs them too).
GraphAnalysis analyse_graph_from_components(const Process& process, const ProcessGraph& pg, const SolverSettings& solver,
                                            GraphAnalysis a);
/// The immediate dominator of every step reachable from `start` (Lengauer-Tarjan with path compression, O(flows x
/// log steps), without recursion); npos for the start and for steps it does not reach.
std::vector<std::size_t> immediate_dominators(const ProcessGraph& pg, std::size_t start);
} // namespace detail

/// Probability, for every step, that a case at that step reaches a step in `target` (1 for a target itself).
/// Solved component by component in reverse topological order; inside a cycle as one linear system per component.
/// `members`: the steps of each component (in ascending step order).
std::vector<double> hitting_probabilities(const ProcessGraph& pg, const GraphAnalysis& analysis,
                                          const std::vector<std::vector<std::size_t>>& members,
                                          const std::vector<bool>& target, const SolverSettings& solver = {});

/// The whole analysis of a process: components, cycles, reachability, expected visits, severity reach, dominators.
GraphAnalysis analyse_graph(const Process& process, const ProcessGraph& pg, const SolverSettings& solver = {});

/// Probability that a case entering at the start passes at least one step in `target`.
double probability_of_passing(const ProcessGraph& pg, const GraphAnalysis& analysis, const std::vector<bool>& target,
                              const SolverSettings& solver = {});
/// The same with the members of each component given (`detail::component_members`), for many targets in a row.
double probability_of_passing(const ProcessGraph& pg, const GraphAnalysis& analysis,
                              const std::vector<std::vector<std::size_t>>& members, const std::vector<bool>& target,
                              const SolverSettings& solver = {});

} // namespace artikel1
