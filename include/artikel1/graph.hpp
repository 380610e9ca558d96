// SPDX-License-Identifier: EUPL-1.2
// artikel1: the process held as a Boost.Graph graph, with each flow's probability resolved.
#pragma once

#include <artikel1/process.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace artikel1 {

/// The steps of a process by id, for the flows' lookups of their endpoints. Open addressing: a table of at least
/// twice as many slots as steps, each holding a step's number and its id's hash, so that a lookup reads one or two
/// neighbouring slots and compares, nearly always, one id (a map of nodes costs a cache miss per step or flow).
/// Views the steps: they must outlive the index, unchanged.
class StepIndex {
public:
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    explicit StepIndex(const std::vector<Step>& steps) : steps_(&steps) {
        std::size_t capacity = 16;
        while (capacity < 2 * steps.size()) capacity <<= 1;
        slots_.assign(capacity, Slot{});
        for (std::size_t i = 0; i < steps.size(); ++i) {
            auto [at, hash] = probe(steps[i].id);
            if (slots_[at].step == npos) slots_[at] = {i, hash}; // ids that repeat: the first keeps the id
            else repeats_.emplace_back(i, slots_[at].step);
        }
    }
    /// The index of the step with this id (the first, when ids repeat), or npos.
    std::size_t find(std::string_view id) const { return slots_[probe(id).first].step; }
    /// The steps whose id an earlier step has, in step order, each with the first step of that id.
    const std::vector<std::pair<std::size_t, std::size_t>>& repeats() const { return repeats_; }

private:
    struct Slot {
        std::size_t step = npos; ///< npos: empty
        std::size_t hash = 0;
    };
    /// The slot that holds `id`, or the empty slot where it would go; and the id's hash.
    std::pair<std::size_t, std::size_t> probe(std::string_view id) const {
        const std::size_t hash = std::hash<std::string_view>{}(id), mask = slots_.size() - 1;
        std::size_t at = hash & mask;
        while (slots_[at].step != npos && !(slots_[at].hash == hash && (*steps_)[slots_[at].step].id == id)) at = (at + 1) & mask;
        return {at, hash};
    }
    const std::vector<Step>* steps_;
    std::vector<Slot> slots_;
    std::vector<std::pair<std::size_t, std::size_t>> repeats_;
};

/// The directed graph of a process: vertex i is `process.steps[i]`; each edge carries the index of its flow.
/// Flows whose endpoints are unknown are left out (validation reports them). The graph looks steps up by views of
/// the process's step ids: the process must outlive it, unchanged.
class ProcessGraph {
public:
    // The edge list a vector too (Boost's default is a list: an allocation per edge); flows are never removed.
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                        boost::property<boost::edge_index_t, std::size_t>, boost::no_property,
                                        boost::vecS>;
    using Vertex = Graph::vertex_descriptor;
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    explicit ProcessGraph(const Process& process)
        : graph_(process.steps.size()), index_(process.steps), probability_(process.flows.size(), std::numeric_limits<double>::quiet_NaN()),
          flow_from_(process.flows.size(), npos), flow_to_(process.flows.size(), npos) {
        for (std::size_t f = 0; f < process.flows.size(); ++f) {
            std::size_t from = index_of(process.flows[f].from), to = index_of(process.flows[f].to);
            if (from == npos || to == npos) continue;
            flow_from_[f] = from;
            flow_to_[f] = to;
            boost::add_edge(from, to, f, graph_);
        }
        resolve_probabilities(process);
        start_ = find_start(process);
    }

    const Graph& graph() const { return graph_; }
    std::size_t step_count() const { return boost::num_vertices(graph_); }
    std::size_t flow_count() const { return probability_.size(); }
    /// Index of the step with this id (the first, when ids repeat), or npos.
    std::size_t index_of(std::string_view id) const { return index_.find(id); }
    /// The steps whose id an earlier step has, in step order, each with the first step of that id.
    const std::vector<std::pair<std::size_t, std::size_t>>& repeated_ids() const { return index_.repeats(); }
    /// The start step, or npos when there is none (see `start_candidates`).
    std::size_t start() const { return start_; }
    /// Steps that no flow enters (the start is one of them unless named explicitly).
    std::vector<std::size_t> start_candidates() const {
        std::vector<std::size_t> result;
        for (std::size_t v = 0; v < step_count(); ++v) {
            if (boost::in_degree(v, graph_) == 0) result.push_back(v);
        }
        return result;
    }
    /// Probability of taking flow f when leaving its source step (NaN for a flow that is left out).
    double probability(std::size_t flow) const { return probability_[flow]; }
    std::size_t flow_source(std::size_t flow) const { return flow_from_[flow]; }
    std::size_t flow_target(std::size_t flow) const { return flow_to_[flow]; }
    /// Sum of the probabilities given on the flows leaving step v, and whether all were given.
    double given_probability_sum(std::size_t v) const { return given_sum_[v]; }

    /// Steps reachable from `from` (including itself), by breadth-first search.
    std::vector<bool> reachable_from(std::size_t from) const {
        std::vector<bool> seen(step_count(), false);
        if (from >= step_count()) return seen;
        struct Visitor : boost::default_bfs_visitor {
            std::vector<bool>* seen;
            void discover_vertex(Vertex v, const Graph&) const { (*seen)[v] = true; }
        } visitor;
        visitor.seen = &seen;
        std::vector<boost::default_color_type> colour(step_count());
        boost::breadth_first_search(
            graph_, static_cast<Vertex>(from),
            boost::visitor(visitor).color_map(boost::make_iterator_property_map(
                colour.begin(), boost::get(boost::vertex_index, graph_))));
        return seen;
    }

private:
    void resolve_probabilities(const Process& process) {
        given_sum_.assign(step_count(), 0.0);
        for (std::size_t v = 0; v < step_count(); ++v) {
            double given = 0;
            std::size_t missing = 0, total = 0;
            for (auto e : boost::make_iterator_range(boost::out_edges(v, graph_))) {
                const auto& flow = process.flows[boost::get(boost::edge_index, graph_, e)];
                ++total;
                if (flow.probability) given += *flow.probability;
                else ++missing;
            }
            given_sum_[v] = given;
            // Outcomes may end the case: flows given on them may sum to less than 1, the rest ends there.
            bool may_end = process.steps[v].kind == StepKind::outcome;
            double share = missing ? std::max(0.0, 1.0 - given) / static_cast<double>(missing) : 0.0;
            if (may_end && missing == total) share = 1.0 / static_cast<double>(total ? total : 1);
            for (auto e : boost::make_iterator_range(boost::out_edges(v, graph_))) {
                std::size_t f = boost::get(boost::edge_index, graph_, e);
                probability_[f] = process.flows[f].probability ? *process.flows[f].probability : share;
            }
        }
    }

    std::size_t find_start(const Process& process) const {
        if (!process.start.empty()) return index_of(process.start);
        auto candidates = start_candidates();
        return candidates.size() == 1 ? candidates.front() : npos;
    }

    Graph graph_;
    StepIndex index_;
    std::vector<double> probability_;
    std::vector<std::size_t> flow_from_;
    std::vector<std::size_t> flow_to_;
    std::vector<double> given_sum_;
    std::size_t start_ = npos;
};

} // namespace artikel1
