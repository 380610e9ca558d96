// SPDX-License-Identifier: EUPL-1.2
// artikel1: graph analysis of a process on Boost.Graph (graph_analysis.hpp). Everything here is linear in steps +
// flows (per pass); no path is ever enumerated, so a process with 2^60 paths costs what its steps and flows cost.
#include <artikel1/graph_analysis.hpp>

#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <cmath>
#include <deque>

namespace artikel1 {

namespace detail {

/// Strongly connected components and a topological order of their condensation (Kahn's algorithm, lowest id first).
void components_in_order(const ProcessGraph& pg, GraphAnalysis& out) {
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
std::vector<std::vector<std::size_t>> component_members(const GraphAnalysis& a) {
    std::vector<std::vector<std::size_t>> members(a.component_order.size());
    for (std::size_t v = 0; v < a.component.size(); ++v) members[a.component[v]].push_back(v);
    return members;
}

std::vector<std::size_t> immediate_dominators(const ProcessGraph& pg, std::size_t start) {
    constexpr std::size_t npos = GraphAnalysis::npos;
    const auto& g = pg.graph();
    const std::size_t n = pg.step_count();
    std::vector<std::size_t> idom(n, npos);
    if (start >= n) return idom;
    // Depth-first numbering from the start, with an explicit stack (a chain of 100,000 steps is no recursion).
    // Below, steps are named by their number: vertex[d] is step number d, parent[d] its parent in the search tree.
    std::vector<std::size_t> number(n, npos), vertex, parent;
    vertex.reserve(n);
    parent.reserve(n);
    using OutEdge = boost::graph_traits<ProcessGraph::Graph>::out_edge_iterator;
    std::vector<std::pair<OutEdge, OutEdge>> stack;
    auto visit = [&](std::size_t v, std::size_t from) {
        number[v] = vertex.size();
        vertex.push_back(v);
        parent.push_back(from);
        auto [first, last] = boost::out_edges(v, g);
        stack.emplace_back(first, last);
    };
    visit(start, npos);
    while (!stack.empty()) {
        auto& [next, last] = stack.back();
        if (next == last) {
            stack.pop_back();
            continue;
        }
        std::size_t w = boost::target(*next, g);
        std::size_t from = boost::source(*next, g);
        ++next;
        if (number[w] == npos) visit(w, number[from]); // may move the stack: `next` is not used after this
    }
    const std::size_t reached = vertex.size();
    // semi: the semidominator's number; ancestor and label: the forest of linked steps, compressed along the way;
    // bucket: the steps whose semidominator is a step, as linked lists.
    std::vector<std::size_t> semi(reached), ancestor(reached, npos), label(reached), dom(reached, npos);
    std::vector<std::size_t> bucket_head(reached, npos), bucket_next(reached, npos), path;
    for (std::size_t d = 0; d < reached; ++d) semi[d] = label[d] = d;
    // The step of least semidominator on the forest path to `d` (path compression, iteratively).
    auto eval = [&](std::size_t d) {
        if (ancestor[d] == npos) return d;
        path.clear();
        for (std::size_t x = d; ancestor[ancestor[x]] != npos; x = ancestor[x]) path.push_back(x);
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
            std::size_t x = *it, a = ancestor[x];
            if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
            ancestor[x] = ancestor[a];
        }
        return label[d];
    };
    for (std::size_t w = reached; w-- > 1;) {
        for (auto e : boost::make_iterator_range(boost::in_edges(vertex[w], g))) {
            std::size_t v = number[boost::source(e, g)];
            if (v == npos) continue; // a step the start does not reach
            std::size_t u = eval(v);
            if (semi[u] < semi[w]) semi[w] = semi[u];
        }
        bucket_next[w] = bucket_head[semi[w]];
        bucket_head[semi[w]] = w;
        const std::size_t p = parent[w];
        ancestor[w] = p;
        for (std::size_t v = bucket_head[p]; v != npos; v = bucket_next[v]) {
            std::size_t u = eval(v);
            dom[v] = semi[u] < semi[v] ? u : p;
        }
        bucket_head[p] = npos;
    }
    for (std::size_t w = 1; w < reached; ++w) {
        if (dom[w] != semi[w]) dom[w] = dom[dom[w]];
        idom[vertex[w]] = vertex[dom[w]];
    }
    return idom;
}

} // namespace detail

namespace {

/// The linear system of one strongly connected component, x = b + M x, with M held row by row (local indices).
struct ComponentSystem {
    std::vector<std::size_t> row_start{0};
    std::vector<std::size_t> column;
    std::vector<double> coefficient;
    std::vector<double> b;

    std::size_t size() const { return b.size(); }
    void clear() {
        row_start.assign(1, 0);
        column.clear();
        coefficient.clear();
        b.clear();
    }
    /// y = x - M x: the residual operator (I - M) applied to x.
    void apply(const std::vector<double>& x, std::vector<double>& y) const {
        for (std::size_t i = 0; i < size(); ++i) {
            double sum = 0;
            for (std::size_t k = row_start[i]; k < row_start[i + 1]; ++k) sum += coefficient[k] * x[column[k]];
            y[i] = x[i] - sum;
        }
    }
};

double max_norm(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m = std::max(m, std::abs(x));
    return m;
}

/// One Gauss-Seidel sweep in row order; returns the largest change relative to max(1, |value|).
double gauss_seidel_sweep(const ComponentSystem& sys, std::vector<double>& x) {
    double moved = 0;
    for (std::size_t i = 0; i < sys.size(); ++i) {
        double value = sys.b[i];
        for (std::size_t k = sys.row_start[i]; k < sys.row_start[i + 1]; ++k) value += sys.coefficient[k] * x[sys.column[k]];
        moved = std::max(moved, std::abs(value - x[i]) / std::max(1.0, std::abs(value)));
        x[i] = value;
    }
    return moved;
}

/// Restarted GMRES on (I - M) x = b from the current x (modified Gram-Schmidt, Givens rotations). Each iteration is
/// one pass over the component's flows. Returns true when the residual fell to `tolerance` x max(1, |b|).
bool gmres(const ComponentSystem& sys, std::vector<double>& x, double tolerance, std::size_t max_iterations) {
    const std::size_t n = sys.size(), restart = std::min<std::size_t>(30, n);
    const double goal = tolerance * std::max(1.0, max_norm(sys.b));
    std::vector<double> r(n), w(n);
    std::vector<std::vector<double>> basis(restart + 1, std::vector<double>(n));
    std::vector<std::vector<double>> h(restart + 1, std::vector<double>(restart, 0.0));
    std::vector<double> cs(restart), sn(restart), g(restart + 1);
    auto norm2 = [](const std::vector<double>& v) {
        double sum = 0;
        for (double e : v) sum += e * e;
        return std::sqrt(sum);
    };
    std::size_t used = 0;
    while (used < max_iterations) {
        sys.apply(x, r);
        for (std::size_t i = 0; i < n; ++i) r[i] = sys.b[i] - r[i];
        if (max_norm(r) <= goal) return true;
        double beta = norm2(r);
        for (std::size_t i = 0; i < n; ++i) basis[0][i] = r[i] / beta;
        std::fill(g.begin(), g.end(), 0.0);
        g[0] = beta;
        std::size_t k = 0;
        for (; k < restart && used < max_iterations; ++k, ++used) {
            sys.apply(basis[k], w);
            for (std::size_t j = 0; j <= k; ++j) {
                double dot = 0;
                for (std::size_t i = 0; i < n; ++i) dot += w[i] * basis[j][i];
                h[j][k] = dot;
                for (std::size_t i = 0; i < n; ++i) w[i] -= dot * basis[j][i];
            }
            double next = norm2(w);
            h[k + 1][k] = next;
            for (std::size_t j = 0; j < k; ++j) { // earlier rotations on the new column
                double a = h[j][k], c = h[j + 1][k];
                h[j][k] = cs[j] * a + sn[j] * c;
                h[j + 1][k] = -sn[j] * a + cs[j] * c;
            }
            double d = std::hypot(h[k][k], h[k + 1][k]);
            cs[k] = d == 0 ? 1 : h[k][k] / d;
            sn[k] = d == 0 ? 0 : h[k + 1][k] / d;
            h[k][k] = d;
            h[k + 1][k] = 0;
            g[k + 1] = -sn[k] * g[k];
            g[k] = cs[k] * g[k];
            if (next > 0)
                for (std::size_t i = 0; i < n; ++i) basis[k + 1][i] = w[i] / next;
            if (std::abs(g[k + 1]) <= goal || next == 0) {
                ++k;
                ++used;
                break;
            }
        }
        // Back substitution for the k coefficients, then x += V y.
        std::vector<double> y(k, 0.0);
        for (std::size_t j = k; j-- > 0;) {
            double sum = g[j];
            for (std::size_t l = j + 1; l < k; ++l) sum -= h[j][l] * y[l];
            y[j] = h[j][j] == 0 ? 0 : sum / h[j][j];
        }
        for (std::size_t j = 0; j < k; ++j)
            for (std::size_t i = 0; i < n; ++i) x[i] += y[j] * basis[j][i];
    }
    sys.apply(x, r);
    for (std::size_t i = 0; i < n; ++i) r[i] = sys.b[i] - r[i];
    return max_norm(r) <= goal;
}

/// Solves x = b + M x for one component: Gauss-Seidel sweeps, which settle small and quickly mixing loops exactly
/// as before; a component that has not settled after a few sweeps (a dense or slowly draining loop, where sweeps
/// would grow with its size) is finished by GMRES, whose iterations each cost one pass over its flows; should that
/// not converge, the sweeps continue up to the safety bound.
void solve_component(const ComponentSystem& sys, std::vector<double>& x, const SolverSettings& solver) {
    constexpr std::size_t sweeps_before_gmres = 32;
    for (std::size_t sweep = 0; sweep < solver.max_sweeps; ++sweep) {
        if (gauss_seidel_sweep(sys, x) <= solver.tolerance) return;
        if (sweep + 1 == sweeps_before_gmres && sys.size() > 1) {
            if (gmres(sys, x, solver.tolerance, 600)) {
                gauss_seidel_sweep(sys, x); // one sweep polishes the last digits
                return;
            }
        }
    }
}

} // namespace

/// Probability, for every step, that a case at that step reaches a step in `target` (1 for a target itself).
/// Solved component by component in reverse topological order; inside a cycle as one linear system per component.
std::vector<double> hitting_probabilities(const ProcessGraph& pg, const GraphAnalysis& analysis,
                                                 const std::vector<std::vector<std::size_t>>& members,
                                                 const std::vector<bool>& target, const SolverSettings& solver) {
    const auto& g = pg.graph();
    std::vector<double> h(pg.step_count(), 0.0);
    std::vector<std::size_t> local(pg.step_count(), GraphAnalysis::npos);
    ComponentSystem sys; // buffers reused from component to component
    std::vector<std::size_t> unknowns;
    std::vector<double> x;
    for (auto it = analysis.component_order.rbegin(); it != analysis.component_order.rend(); ++it) {
        const auto& nodes = members[*it];
        sys.clear();
        unknowns.clear();
        for (std::size_t v : nodes) {
            if (target[v]) h[v] = 1.0;
            else {
                local[v] = unknowns.size();
                unknowns.push_back(v);
            }
        }
        for (std::size_t v : unknowns) {
            double known = 0;
            for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
                std::size_t t = boost::target(e, g);
                double p = pg.probability(boost::get(boost::edge_index, g, e));
                if (analysis.component[t] == *it && !target[t]) {
                    sys.column.push_back(local[t]);
                    sys.coefficient.push_back(p);
                } else {
                    known += p * h[t];
                }
            }
            sys.b.push_back(known);
            sys.row_start.push_back(sys.column.size());
        }
        if (unknowns.size() == 1 && !analysis.in_cycle[unknowns.front()]) {
            h[unknowns.front()] = sys.b.front();
            continue;
        }
        x.assign(unknowns.size(), 0.0);
        solve_component(sys, x, solver);
        for (std::size_t i = 0; i < unknowns.size(); ++i) h[unknowns[i]] = x[i];
    }
    return h;
}

/// The whole analysis of a process: components, cycles, reachability, expected visits, severity reach, dominators.
GraphAnalysis analyse_graph(const Process& process, const ProcessGraph& pg, const SolverSettings& solver) {
    GraphAnalysis a;
    detail::components_in_order(pg, a);
    return detail::analyse_graph_from_components(process, pg, solver, std::move(a));
}

GraphAnalysis detail::analyse_graph_from_components(const Process& process, const ProcessGraph& pg, const SolverSettings& solver,
                                                    GraphAnalysis a) {
    const auto& g = pg.graph();
    const std::size_t n = pg.step_count();
    auto members = detail::component_members(a);
    std::size_t start = pg.start();
    a.reachable = start == ProcessGraph::npos ? std::vector<bool>(n, false) : pg.reachable_from(start);

    // Expected visits: x(t) = [t == start] + sum over flows s->t of p(s,t) x(s), in topological order.
    a.expected_visits.assign(n, 0.0);
    if (start != ProcessGraph::npos) {
        std::vector<std::size_t> local(n, GraphAnalysis::npos);
        ComponentSystem sys; // buffers reused from component to component
        std::vector<double> x;
        for (std::size_t c : a.component_order) {
            const auto& nodes = members[c];
            for (std::size_t i = 0; i < nodes.size(); ++i) local[nodes[i]] = i;
            sys.clear();
            for (std::size_t v : nodes) {
                double known = v == start ? 1.0 : 0.0;
                for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
                    std::size_t u = boost::source(e, g);
                    double p = pg.probability(boost::get(boost::edge_index, g, e));
                    if (a.component[u] == c) {
                        sys.column.push_back(local[u]);
                        sys.coefficient.push_back(p);
                    } else {
                        known += p * a.expected_visits[u];
                    }
                }
                sys.b.push_back(known);
                sys.row_start.push_back(sys.column.size());
            }
            if (nodes.size() == 1 && !a.in_cycle[nodes.front()]) {
                a.expected_visits[nodes.front()] = sys.b.front();
                continue;
            }
            x.assign(nodes.size(), 0.0);
            solve_component(sys, x, solver);
            for (std::size_t i = 0; i < nodes.size(); ++i) a.expected_visits[nodes[i]] = x[i];
        }
    }

    // Severity reach: for each severity level v, hit the steps of that severity, then look one flow ahead.
    a.severity_reach.assign(n, std::array<double, 5>{});
    a.severity_hit.assign(n, std::array<double, 5>{});
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
            a.severity_hit[s][level] = std::min(1.0, h[s]);
            double later = 0;
            for (auto e : boost::make_iterator_range(boost::out_edges(s, g)))
                later += pg.probability(boost::get(boost::edge_index, g, e)) * h[boost::target(e, g)];
            a.severity_reach[s][level] = std::min(1.0, later);
        }
    }

    // Dominators from the start (Lengauer-Tarjan), then the nearest decision dominator of each adverse step.
    a.gatekeeper_of.assign(n, GraphAnalysis::npos);
    if (start != ProcessGraph::npos) {
        const auto idom = detail::immediate_dominators(pg, start);
        std::vector<std::vector<std::size_t>> children(n);
        for (std::size_t v = 0; v < n; ++v) {
            if (idom[v] != GraphAnalysis::npos) children[idom[v]].push_back(v);
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
double probability_of_passing(const ProcessGraph& pg, const GraphAnalysis& analysis,
                                     const std::vector<bool>& target, const SolverSettings& solver) {
    if (pg.start() == ProcessGraph::npos) return 0;
    return probability_of_passing(pg, analysis, detail::component_members(analysis), target, solver);
}

double probability_of_passing(const ProcessGraph& pg, const GraphAnalysis& analysis,
                              const std::vector<std::vector<std::size_t>>& members, const std::vector<bool>& target,
                              const SolverSettings& solver) {
    if (pg.start() == ProcessGraph::npos) return 0;
    return hitting_probabilities(pg, analysis, members, target, solver)[pg.start()];
}

} // namespace artikel1
