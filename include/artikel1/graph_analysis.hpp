// artikel1: graph analysis of a process on Boost.Graph. Everything here is linear in steps + flows (per pass);
// no path is ever enumerated, so a process with 2^60 paths costs what its steps and flows cost.
#pragma once

#include <artikel1/graph.hpp>
#include <artikel1/process.hpp>

#include <boost/graph/dominator_tree.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <vector>

namespace artikel1 {

/// Convergence of the iterative solves inside cycles (rework loops).
struct SolverSettings {
    double tolerance = 1e-13;         ///< stop when no value moves more than this in a sweep
    std::size_t max_sweeps = 100000;  ///< safety bound on sweeps through one strongly connected component
};

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
    std::vector<std::size_t> immediate_dominator; ///< npos for the start and unreachable steps
    /// For each adverse step (severity > none): the nearest decision step that every path to it passes, or npos.
    std::vector<std::size_t> gatekeeper_of;
    std::size_t cycle_count = 0;               ///< number of cycles (strongly connected components with a loop)
};

namespace detail {

/// Strongly connected components and a topological order of their condensation (Kahn's algorithm, lowest id first).
inline void components_in_order(const ProcessGraph& pg, GraphAnalysis& out) {
    const auto& g = pg.graph();
    std::size_t n = pg.step_count();
    out.component.assign(n, 0);
    std::size_t count = n ? boost::strong_components(
                                g, boost::make_iterator_property_map(out.component.begin(),
                                                                     boost::get(boost::vertex_index, g)))
                          : 0;
    std::vector<std::size_t> size(count, 0), indegree(count, 0);
    std::vector<bool> self_loop(count, false);
    std::vector<std::vector<std::size_t>> successors(count);
    for (std::size_t v = 0; v < n; ++v) ++size[out.component[v]];
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        std::size_t a = out.component[boost::source(e, g)], b = out.component[boost::target(e, g)];
        if (a == b) {
            if (boost::source(e, g) == boost::target(e, g)) self_loop[a] = true;
            continue;
        }
        successors[a].push_back(b);
        ++indegree[b];
    }
    out.component_order.clear();
    out.component_order.reserve(count);
    std::deque<std::size_t> ready;
    for (std::size_t c = 0; c < count; ++c) {
        if (indegree[c] == 0) ready.push_back(c);
    }
    while (!ready.empty()) {
        std::size_t c = ready.front();
        ready.pop_front();
        out.component_order.push_back(c);
        for (std::size_t d : successors[c]) {
            if (--indegree[d] == 0) ready.push_back(d);
        }
    }
    out.in_cycle.assign(n, false);
    out.cycle_count = 0;
    for (std::size_t c = 0; c < count; ++c) out.cycle_count += (size[c] > 1 || self_loop[c]) ? 1 : 0;
    for (std::size_t v = 0; v < n; ++v) {
        std::size_t c = out.component[v];
        out.in_cycle[v] = size[c] > 1 || self_loop[c];
    }
}

/// Members of each component, in ascending step order.
inline std::vector<std::vector<std::size_t>> component_members(const GraphAnalysis& a) {
    std::vector<std::vector<std::size_t>> members(a.component_order.size());
    for (std::size_t v = 0; v < a.component.size(); ++v) members[a.component[v]].push_back(v);
    return members;
}

} // namespace detail

/// Probability, for every step, that a case at that step reaches a step in `target` (1 for a target itself).
/// Solved component by component in reverse topological order; inside a cycle by Gauss-Seidel sweeps.
inline std::vector<double> hitting_probabilities(const ProcessGraph& pg, const GraphAnalysis& analysis,
                                                 const std::vector<std::vector<std::size_t>>& members,
                                                 const std::vector<bool>& target, const SolverSettings& solver = {}) {
    const auto& g = pg.graph();
    std::vector<double> h(pg.step_count(), 0.0);
    auto update = [&](std::size_t v) {
        if (target[v]) return 1.0;
        double sum = 0;
        for (auto e : boost::make_iterator_range(boost::out_edges(v, g)))
            sum += pg.probability(boost::get(boost::edge_index, g, e)) * h[boost::target(e, g)];
        return sum;
    };
    for (auto it = analysis.component_order.rbegin(); it != analysis.component_order.rend(); ++it) {
        const auto& nodes = members[*it];
        if (nodes.size() == 1 && !analysis.in_cycle[nodes.front()]) {
            h[nodes.front()] = update(nodes.front());
            continue;
        }
        for (std::size_t sweep = 0; sweep < solver.max_sweeps; ++sweep) {
            double moved = 0;
            for (std::size_t v : nodes) {
                double value = update(v);
                moved = std::max(moved, std::abs(value - h[v]));
                h[v] = value;
            }
            if (moved <= solver.tolerance) break;
        }
    }
    return h;
}

/// The whole analysis of a process: components, cycles, reachability, expected visits, severity reach, dominators.
inline GraphAnalysis analyse_graph(const Process& process, const ProcessGraph& pg, const SolverSettings& solver = {}) {
    GraphAnalysis a;
    const auto& g = pg.graph();
    const std::size_t n = pg.step_count();
    detail::components_in_order(pg, a);
    auto members = detail::component_members(a);
    std::size_t start = pg.start();
    a.reachable = start == ProcessGraph::npos ? std::vector<bool>(n, false) : pg.reachable_from(start);

    // Expected visits: x(t) = [t == start] + sum over flows s->t of p(s,t) x(s), in topological order.
    a.expected_visits.assign(n, 0.0);
    if (start != ProcessGraph::npos) {
        auto update = [&](std::size_t v) {
            double sum = v == start ? 1.0 : 0.0;
            for (auto e : boost::make_iterator_range(boost::in_edges(v, g)))
                sum += pg.probability(boost::get(boost::edge_index, g, e)) * a.expected_visits[boost::source(e, g)];
            return sum;
        };
        for (std::size_t c : a.component_order) {
            const auto& nodes = members[c];
            if (nodes.size() == 1 && !a.in_cycle[nodes.front()]) {
                a.expected_visits[nodes.front()] = update(nodes.front());
                continue;
            }
            for (std::size_t sweep = 0; sweep < solver.max_sweeps; ++sweep) {
                double moved = 0;
                for (std::size_t v : nodes) {
                    double value = update(v);
                    moved = std::max(moved, std::abs(value - a.expected_visits[v]) / std::max(1.0, std::abs(value)));
                    a.expected_visits[v] = value;
                }
                if (moved <= solver.tolerance) break;
            }
        }
    }

    // Severity reach: for each severity level v, hit the steps of that severity, then look one flow ahead.
    a.severity_reach.assign(n, std::array<double, 5>{});
    for (std::size_t level = 1; level < 5; ++level) {
        std::vector<bool> target(n, false);
        bool any = false;
        for (std::size_t v = 0; v < n; ++v) {
            target[v] = static_cast<std::size_t>(process.steps[v].severity) == level;
            any = any || target[v];
        }
        if (!any) continue;
        auto h = hitting_probabilities(pg, a, members, target, solver);
        for (std::size_t s = 0; s < n; ++s) {
            double later = 0;
            for (auto e : boost::make_iterator_range(boost::out_edges(s, g)))
                later += pg.probability(boost::get(boost::edge_index, g, e)) * h[boost::target(e, g)];
            a.severity_reach[s][level] = std::min(1.0, later);
        }
    }

    // Dominators from the start (Lengauer-Tarjan), then the nearest decision dominator of each adverse step.
    a.immediate_dominator.assign(n, GraphAnalysis::npos);
    a.gatekeeper_of.assign(n, GraphAnalysis::npos);
    if (start != ProcessGraph::npos) {
        using Vertex = ProcessGraph::Vertex;
        std::vector<Vertex> idom(n, boost::graph_traits<ProcessGraph::Graph>::null_vertex());
        boost::lengauer_tarjan_dominator_tree(
            g, static_cast<Vertex>(start),
            boost::make_iterator_property_map(idom.begin(), boost::get(boost::vertex_index, g)));
        std::vector<std::vector<std::size_t>> children(n);
        for (std::size_t v = 0; v < n; ++v) {
            if (idom[v] != boost::graph_traits<ProcessGraph::Graph>::null_vertex() && v != start) {
                a.immediate_dominator[v] = idom[v];
                children[idom[v]].push_back(v);
            }
        }
        // nearest_decision[v]: the closest strict dominator of v that is a decision step (top-down over the tree).
        std::vector<std::size_t> nearest_decision(n, GraphAnalysis::npos);
        std::deque<std::size_t> queue{start};
        while (!queue.empty()) {
            std::size_t v = queue.front();
            queue.pop_front();
            std::size_t below = process.steps[v].kind == StepKind::decision ? v : nearest_decision[v];
            for (std::size_t child : children[v]) {
                nearest_decision[child] = below;
                queue.push_back(child);
            }
        }
        for (std::size_t v = 0; v < n; ++v) {
            if (process.steps[v].severity != Severity::none && a.reachable[v]) a.gatekeeper_of[v] = nearest_decision[v];
        }
    }
    return a;
}

/// Probability that a case entering at the start passes at least one step in `target`.
inline double probability_of_passing(const ProcessGraph& pg, const GraphAnalysis& analysis,
                                     const std::vector<bool>& target, const SolverSettings& solver = {}) {
    if (pg.start() == ProcessGraph::npos) return 0;
    auto members = detail::component_members(analysis);
    return hitting_probabilities(pg, analysis, members, target, solver)[pg.start()];
}

} // namespace artikel1
