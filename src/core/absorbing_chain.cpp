// SPDX-License-Identifier: EUPL-1.2
// The absorbing chain of a process (artikel1/absorbing_chain.hpp): its structure, the solver per outcome and the
// estimate of a group's chain from its transition counts.
#include <artikel1/absorbing_chain.hpp>

#include <artikel1/disparity_spec.hpp>
#include <artikel1/error.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace artikel1 {

AbsorbingChain::AbsorbingChain(const Process& process) : graph_(process) {
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

std::vector<double> AbsorbingChain::model_probabilities() const {
    std::vector<double> p(flow_count());
    for (std::size_t f = 0; f < p.size(); ++f) p[f] = std::isfinite(graph_.probability(f)) ? graph_.probability(f) : 0.0;
    return p;
}

AbsorbingChain::Solver::Solver(const AbsorbingChain& chain, std::size_t target) : chain_(&chain), target_(target) {
    if (target >= chain.step_count()) throw InvalidArgument("outcome step " + std::to_string(target) + " is not a step of the chain");
    position_.assign(chain.step_count(), 0);
    condense();
}

double AbsorbingChain::Solver::solve(const std::vector<double>& p, std::vector<double>* visits, std::vector<double>* reach) {
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

// Tarjan's algorithm, iteratively (a long process must not overflow the stack); the target's flows are cut.
void AbsorbingChain::Solver::condense() {
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
void AbsorbingChain::Solver::solve_block(const std::vector<double>& p, const std::vector<std::size_t>& members,
                                         bool transposed, std::vector<double>& x) {
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

GroupChain estimate_chain(const AbsorbingChain& chain, std::string label, const std::vector<std::uint64_t>& moves,
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

} // namespace artikel1
