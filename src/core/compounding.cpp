// SPDX-License-Identifier: EUPL-1.2
// Compounding (artikel1/compounding.hpp): the end-to-end analysis per ground and outcome, the small-cell rule of
// the transition counts, fitting a model to a log and the options read from JSON.
#include <artikel1/compounding.hpp>

#include <artikel1/disparity_spec.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/output_escape.hpp>
#include <artikel1/error.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace artikel1 {

OutcomeTestSpec parse_outcome_test(std::string_view text) {
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
double reach_variance(const AbsorbingChain& chain, const GroupChain& g, const std::vector<double>& visits,
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

bool rows_equal(const AbsorbingChain& chain, const GroupChain& a, const GroupChain& b, std::size_t step) {
    for (std::size_t f : chain.outgoing(step)) {
        if (a.probability[f] != b.probability[f]) return false;
    }
    return true;
}


/// One ground's end-to-end results for the groups given (all of them shown: apply the small-cell rule before).
/// `reference` indexes `groups`. Intervals need departures (chains estimated from counts).
std::vector<CompoundingOutcome> compound_groups(const Process& process, const AbsorbingChain& chain,
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


/// Complementary suppression of a group's counts. Every count below min_cell is hidden; then, while some equation
/// (a set of counts with a known linear relation: flow conservation at a step, a hit count and its flows) has
/// exactly one hidden count above 0, the smallest published count above 0 of that equation is hidden too, so that
/// no hidden count follows from one published equation by subtraction. A hidden 0 protects nothing (a reader
/// would guess it), so it is not counted. `fixed` counts (the group's cases) stay published.
std::vector<char> suppress_counts(const std::vector<std::uint64_t>& counts, const std::vector<char>& fixed,
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

std::vector<OutcomeTestPlan> plan_outcome_tests(const AbsorbingChain& chain, const Process& process,
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

PublishedCounts publish_counts(const AbsorbingChain& chain, const std::vector<std::uint64_t>& moves,
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

/// The chain of `process` for counts made with `spec`, after the checks that compound() and fit_process() share:
/// transitions counted, min_cell at least 1, the counts made for this process. `what` names the analysis.
AbsorbingChain chain_for_counts(const Process& process, const DisparitySpec& spec, std::uint64_t min_cell, const char* what) {
    if (!spec.counts_transitions())
        throw InvalidArgument(std::string(what) + " needs transition counts: count the log with count_transitions");
    if (min_cell < 1) throw InvalidArgument("min_cell must be at least 1");
    AbsorbingChain chain(process);
    if (chain.step_count() != spec.step_count() || chain.flow_count() != spec.flow_count())
        throw InvalidArgument("the counts were made for a different process");
    return chain;
}

} // namespace detail

CompoundingResult compound(const Process& process, const DisparityAccumulator& acc, const CompoundingOptions& options) {
    const DisparitySpec& spec = acc.spec();
    AbsorbingChain chain = detail::chain_for_counts(process, spec, options.min_cell, "compounding");
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
        ground.outcomes = detail::compound_groups(process, chain, groups, reference, options);
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

CompoundingResult compound_what_if(const Process& process, const std::string& ground, std::vector<GroupChain> groups,
                                          const std::string& reference, const CompoundingOptions& options) {
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
    g.outcomes = detail::compound_groups(process, chain, groups, ref, options);
    result.grounds.push_back(std::move(g));
    return result;
}

CompoundingResult compound_model(const Process& process, const CompoundingOptions& options) {
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

Process fit_process(const Process& process, const DisparityAccumulator& acc, const FitOptions& options) {
    const DisparitySpec& spec = acc.spec();
    AbsorbingChain chain = detail::chain_for_counts(process, spec, options.min_cell, "fitting");
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

CompoundingOptions compounding_options_from_json(std::string_view text, std::uint64_t min_cell) {
    CompoundingOptions options;
    options.min_cell = min_cell;
    if (text.empty()) return options;
    auto doc = detail::parse_json(text, ParseLimits{}, "compounding options");
    auto bad = [](const std::string& member, const std::string& what) {
        throw InvalidArgument("compounding options: " + member + " " + what);
    };
    if (!doc.is_object()) bad("", "must be an object");
    for (const auto& member : detail::members_by_name(doc)) { // errors in the order of the names, whatever the text's
        const std::string& key = *member.first;
        const auto& value = *member.second;
        if (key == "reference_groups") {
            if (!value.is_object()) bad(key, "must be an object of ground: group");
            for (const auto& [ground, group] : value.items()) {
                if (!group.is_string()) bad(key + "/" + cut_at_character(ground, 60), "must be a string");
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
