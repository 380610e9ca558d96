// SPDX-License-Identifier: EUPL-1.2
// artikel1: the risk method (assessment.hpp, docs/method.md).
#include <artikel1/assessment.hpp>

#include <artikel1/graph.hpp>
#include <artikel1/graph_analysis.hpp>

namespace artikel1 {

namespace {

double noisy_or(const std::vector<Contribution>& contributions) {
    double none = 1;
    for (const auto& c : contributions) none *= 1 - c.value;
    return 1 - none;
}

/// Applies the dampening of the given measures to one source value; records each factor applied.
double dampen(double value, RiskSource source, const Step& step, const std::string& ground,
                     const std::vector<const Measure*>& measures, std::vector<Dampened>& applied) {
    for (const Measure* measure : measures) {
        double factor = 1;
        for (const auto& d : measure->dampens) {
            if (d.applies(source, step.automation, ground)) factor *= d.factor;
        }
        if (factor != 1) {
            value *= factor;
            applied.push_back({measure->id, factor});
        }
    }
    return value;
}

/// The undampened risk sources of (step, ground), each with the factors it is the product of.
std::vector<Contribution> raw_sources(const Process& process, const Step& step, const std::string& ground,
                                             const KnowledgeBase& kb) {
    const auto& m = kb.method();
    std::vector<Contribution> out;
    auto add = [&](RiskSource source, double value, std::string detail, std::vector<Factor> factors,
                   std::string attribute = {}, std::string legal_basis = {}) {
        if (value <= 0) return;
        Contribution c;
        c.source = source;
        c.raw = c.value = std::min(1.0, value);
        c.detail = std::move(detail);
        c.attribute = std::move(attribute);
        c.legal_basis = std::move(legal_basis);
        c.factors = std::move(factors);
        out.push_back(std::move(c));
    };
    auto product = [](const std::vector<Factor>& factors) {
        double value = 1;
        for (const auto& f : factors) value *= f.value;
        return value;
    };
    // Each value is computed first; the texts of a source are built only when it is there (most are 0 on most grounds).
    for (const auto& use : step.uses) {
        const Attribute* attribute = process.find_attribute(use.attribute);
        const AttributeKind* kind = attribute ? kb.find_attribute_kind(attribute->kind) : nullptr;
        if (!kind) continue;
        double strength = kind->strength(ground);
        if (strength <= 0) continue;
        Factor role{"role " + std::string(to_string(use.role)), m.role_of(use.role)};
        Factor automation{"automation " + std::string(to_string(step.automation)), m.automation_of(step.automation)};
        std::string detail = std::string(to_string(use.role)) + ", " + std::string(to_string(step.automation)) +
                             ", kind " + kind->id;
        if (strength >= 1.0) {
            std::vector<Factor> factors{{"direct_use", m.direct_use.value}, role, automation};
            if (!use.legal_basis.empty()) factors.push_back({"legal_basis_factor", m.legal_basis_factor.value});
            double value = product(factors); // before the factors are moved into the contribution
            add(RiskSource::direct, value, detail, std::move(factors), use.attribute, use.legal_basis);
        } else {
            std::vector<Factor> factors{{"strength " + kind->id, strength}, role, automation};
            double value = product(factors);
            add(RiskSource::proxy, value, detail, std::move(factors), use.attribute);
        }
    }
    if (double d = m.discretion_of(step.discretion), v = kb.channel(step.channel).of(ground); d * v > 0) {
        add(RiskSource::discretion, d * v,
            std::string(to_string(step.discretion)) + " discretion, channel " + std::string(to_string(step.channel)),
            {{"discretion " + std::string(to_string(step.discretion)), d}, {"visibility " + std::string(to_string(step.channel)), v}});
    }
    for (const auto& assumption : step.assumptions) {
        if (std::find(assumption.grounds.begin(), assumption.grounds.end(), ground) != assumption.grounds.end())
            add(RiskSource::assumption, m.assumption.value, assumption.text, {{"assumption", m.assumption.value}});
    }
    for (const auto& signal : step.signals) {
        if (signal.ground == ground && signal.count > 0) {
            double value = 1 - std::pow(1 - m.complaint.value, static_cast<double>(signal.count));
            add(RiskSource::complaint, value,
                std::to_string(signal.count) + (signal.count == 1 ? " signal" : " signals") +
                    (signal.source.empty() ? "" : " (" + signal.source + ")"),
                {{"complaint", m.complaint.value}, {"signals", static_cast<double>(signal.count)}});
        }
    }
    if (double c = m.complexity_of(step.rule_complexity), v = m.sensitivity_of(ground); c * v > 0) {
        add(RiskSource::rule_complexity, c * v, std::string(to_string(step.rule_complexity)) + " rule complexity",
            {{"rule_complexity " + std::string(to_string(step.rule_complexity)), c}, {"sensitivity " + ground, v}});
    }
    if (step.kind == StepKind::decision && step.automation == Automation::algorithmic)
        add(RiskSource::algorithmic_selection, m.algorithmic_selection.value, "algorithmic decision",
            {{"algorithmic_selection", m.algorithmic_selection.value}});
    return out;
}

/// Score of (step, ground) given its raw sources, the raw impact and the measures in place.
StepGroundScore score_with(const Step& step, const std::string& ground, std::vector<Contribution> raw,
                                  const ImpactTerm& raw_impact, const std::vector<const Measure*>& measures,
                                  const KnowledgeBase& kb) {
    StepGroundScore result;
    result.contributions = std::move(raw);
    for (auto& c : result.contributions) {
        c.dampened_by.clear();
        c.value = dampen(c.raw, c.source, step, ground, measures, c.dampened_by);
    }
    result.likelihood = noisy_or(result.contributions);
    result.impact_term = raw_impact;
    result.impact_term.dampened_by.clear();
    result.impact_term.value =
        dampen(raw_impact.value, RiskSource::impact, step, ground, measures, result.impact_term.dampened_by);
    result.impact = result.impact_term.value;
    result.score = detail::round_decimals(100 * result.likelihood * result.impact, 1);
    result.level = kb.method().level_index(result.score);
    return result;
}

/// The score of a scored (step, ground) with its weights scaled by `scale`: all of them, or only the one named
/// `only`. Weights of 0..1 are capped at 1; the vulnerability is not (it may exceed 1). Same products as the method.
/// A weight named by a prefix and an id ("measure " + "bias_testing"), without building the name.
struct WeightName {
    std::string_view prefix;
    std::string_view id;
    bool operator==(const WeightName&) const = default;
    bool operator<(const WeightName& o) const { return prefix != o.prefix ? prefix < o.prefix : id < o.id; }
    std::string text() const { return std::string(prefix) + std::string(id); }
};

double scaled_score(const StepGroundScore& s, const MethodWeights& m, double scale, const WeightName* only) {
    // Whether the weight named `prefix` + `id` is the one that moves.
    auto named = [&](std::string_view prefix, std::string_view id) {
        return !only || (only->prefix == prefix && only->id == id);
    };
    auto at = [&](bool moves, double value, bool unit = true) {
        if (!moves) return value;
        return unit ? std::min(1.0, value * scale) : value * scale;
    };
    double none = 1;
    for (const auto& c : s.contributions) {
        double v = 1;
        if (c.source == RiskSource::complaint && c.factors.size() == 2) {
            v = 1 - std::pow(1 - at(named("", c.factors[0].name), c.factors[0].value), c.factors[1].value);
        } else {
            for (const auto& f : c.factors) v *= at(named("", f.name), f.value);
        }
        v = std::min(1.0, v);
        for (const auto& d : c.dampened_by) v *= at(named("measure ", d.measure), d.factor);
        none *= 1 - v;
    }
    const auto& t = s.impact_term;
    double best = 0;
    for (std::size_t level = 1; level < 5; ++level) {
        double p = t.level_probability[level];
        if (p <= 0) continue;
        best = std::max(best, at(named("severity ", to_string(static_cast<Severity>(level))), m.severity[level].value) *
                                  (at(named("", "impact.base"), t.base) +
                                   at(named("", "impact.probability_weight"), t.probability_weight) * p));
    }
    double impact = std::min(1.0, best * at(named("", "vulnerability"), t.vulnerability, false));
    for (const auto& d : t.dampened_by) impact *= at(named("measure ", d.measure), d.factor);
    return detail::round_decimals(100 * (1 - none) * impact, 1);
}

/// The robustness of a scored (step, ground) within +-band, with the three weights that move it most.
Robustness robustness_of(const StepGroundScore& s, const MethodWeights& m, double band) {
    Robustness r;
    r.band = band;
    r.low = scaled_score(s, m, 1 - band, nullptr);
    r.high = scaled_score(s, m, 1 + band, nullptr);
    r.level_low = m.level_index(r.low);
    r.level_high = m.level_index(r.high);
    if (s.score <= 0) return r;
    std::vector<WeightName> names; // views into `s` and static texts: nothing is allocated per name
    for (const auto& c : s.contributions) {
        for (std::size_t i = 0; i < c.factors.size(); ++i) {
            if (!(c.source == RiskSource::complaint && i == 1)) names.push_back({"", c.factors[i].name}); // a count is no weight
        }
        for (const auto& d : c.dampened_by) names.push_back({"measure ", d.measure});
    }
    if (s.impact_term.severity != Severity::none) {
        for (std::size_t level = 1; level < 5; ++level) { // another severity can take over when its weight moves
            if (s.impact_term.level_probability[level] > 0)
                names.push_back({"severity ", to_string(static_cast<Severity>(level))});
        }
        names.push_back({"", "impact.base"});
        names.push_back({"", "impact.probability_weight"});
        names.push_back({"", "vulnerability"}); // the weight of the process's vulnerability level
        for (const auto& d : s.impact_term.dampened_by) names.push_back({"measure ", d.measure});
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<std::pair<double, std::size_t>> moved; // change, index into names
    for (std::size_t i = 0; i < names.size(); ++i) {
        double change = detail::round_decimals(scaled_score(s, m, 1 + band, &names[i]) - s.score, 1);
        if (change != 0) moved.push_back({change, i});
    }
    std::stable_sort(moved.begin(), moved.end(),
                     [](const auto& x, const auto& y) { return std::abs(x.first) > std::abs(y.first); });
    for (std::size_t i = 0; i < moved.size() && i < 3; ++i) r.movers.push_back({names[moved[i].second].text(), moved[i].first});
    return r;
}

/// The score and level of a scored (step, ground) with one more measure in place, from its kept values: the same
/// products in the same order as `score_with` with the measure appended, without copying the explanation.
std::pair<double, std::size_t> rescore_with(const StepGroundScore& scored, const Step& step,
                                                   const std::string& ground, const Measure& extra,
                                                   const KnowledgeBase& kb) {
    auto factor = [&](RiskSource source) {
        double f = 1;
        for (const auto& d : extra.dampens) {
            if (d.applies(source, step.automation, ground)) f *= d.factor;
        }
        return f;
    };
    double none = 1;
    for (const auto& c : scored.contributions) {
        double f = factor(c.source);
        none *= 1 - (f != 1 ? c.value * f : c.value);
    }
    double f = factor(RiskSource::impact);
    double impact = f != 1 ? scored.impact * f : scored.impact;
    double score = detail::round_decimals(100 * (1 - none) * impact, 1);
    return {score, kb.method().level_index(score)};
}

std::vector<const Measure*> measures_of(const Step& step, const KnowledgeBase& kb) {
    std::vector<const Measure*> result;
    for (const auto& id : step.measures_in_place()) {
        if (const Measure* m = kb.find_measure(id)) result.push_back(m);
    }
    return result;
}

/// The impact of step `s` before measures (method 1.1). For each severity level v the probability of meeting it is
/// the larger of: reaching it from the step, and, where adverse flows leave the step, meeting it on the adverse
/// branch (conditional on being sent down it; a flow's own burden is met with certainty by everyone on that flow).
/// I = min(1, vulnerability x max over v of severity(v) x (base + probability_weight x P_v)).
ImpactTerm raw_impact_of(const Process& process, const ProcessGraph& pg, const GraphAnalysis& ga, std::size_t s,
                                const KnowledgeBase& kb) {
    const auto& m = kb.method();
    const auto& g = pg.graph();
    ImpactTerm t;
    t.vulnerability = m.vulnerability_of(process.vulnerability);
    t.base = m.impact_base.value;
    t.probability_weight = m.impact_probability_weight.value;
    std::array<double, 5> adverse{};
    std::size_t adverse_flows = 0;
    for (auto e : boost::make_iterator_range(boost::out_edges(s, g))) {
        std::size_t f = boost::get(boost::edge_index, g, e);
        if (!process.flows[f].adverse) continue;
        ++adverse_flows;
        t.adverse_share += pg.probability(f);
    }
    if (adverse_flows > 0) {
        for (auto e : boost::make_iterator_range(boost::out_edges(s, g))) {
            std::size_t f = boost::get(boost::edge_index, g, e);
            if (!process.flows[f].adverse) continue;
            // A branch that is never taken still says what it would cost: equal weights then.
            double w = t.adverse_share > 0 ? pg.probability(f) / t.adverse_share : 1.0 / static_cast<double>(adverse_flows);
            for (std::size_t level = 1; level < 5; ++level) {
                double q = static_cast<std::size_t>(process.flows[f].burden) == level ? 1.0
                                                                                       : ga.severity_hit[boost::target(e, g)][level];
                adverse[level] += w * q;
            }
        }
    }
    double best = 0;
    for (std::size_t level = 1; level < 5; ++level) {
        double reach = ga.severity_reach[s][level], on_branch = std::min(1.0, adverse[level]);
        double p = std::max(reach, on_branch);
        t.level_probability[level] = p;
        if (p <= 0) continue;
        double value = m.severity_of(static_cast<Severity>(level)) * (t.base + t.probability_weight * p);
        if (value >= best) { // ties go to the more severe level
            best = value;
            t.severity = static_cast<Severity>(level);
            t.probability = p;
            t.conditional = adverse_flows > 0 && on_branch >= reach;
        }
    }
    t.severity_value = m.severity_of(t.severity);
    t.capped = best * t.vulnerability > 1;
    t.value = std::min(1.0, best * t.vulnerability);
    if (t.severity != Severity::none) {
        for (auto e : boost::make_iterator_range(boost::out_edges(s, g))) {
            const auto& flow = process.flows[boost::get(boost::edge_index, g, e)];
            if (flow.adverse && flow.burden == t.severity) t.burdens.push_back(flow.from + " -> " + flow.to);
        }
        std::sort(t.burdens.begin(), t.burdens.end());
    }
    return t;
}

/// The action plan of one step (method 1.1): the measures not in place that can be taken there (their
/// `applies` fits the step, and a source they address is present), each scored again on every ground at or above
/// the threshold. First, for each of the step's three largest sources, the measure that lowers it most; then the
/// others by how much they lower the scores in total, then by id. One row per (measure, ground) lowered.
std::vector<Recommendation> plan_for_step(const Step& step, const StepResult& sr,
                                                 const std::vector<std::string>& grounds,
                                                 const std::vector<std::size_t>& high_grounds,
                                                 const ImpactTerm& raw_impact, const KnowledgeBase& kb) {
    const auto& m = kb.method();
    constexpr std::size_t source_count = enum_count<RiskSource>();
    std::array<double, source_count> weight{};
    for (std::size_t gi : high_grounds) {
        for (const auto& c : sr.scores[gi].contributions) weight[static_cast<std::size_t>(c.source)] += c.value;
    }
    std::vector<RiskSource> largest; // of the likelihood, largest first; the impact is not a source
    for (std::size_t i = 0; i < source_count; ++i) {
        if (weight[i] > 0) largest.push_back(static_cast<RiskSource>(i));
    }
    std::stable_sort(largest.begin(), largest.end(), [&](RiskSource x, RiskSource y) {
        return weight[static_cast<std::size_t>(x)] > weight[static_cast<std::size_t>(y)];
    });
    if (largest.size() > 3) largest.resize(3);

    struct Option {
        std::vector<Recommendation> rows;
        double reduction = 0;
        const Measure* measure = nullptr;
        /// The factor the measure applies to a source at this step (1: it does not lower it here).
        double factor_on(RiskSource source, Automation automation) const {
            double f = 1;
            for (const auto& d : measure->dampens) {
                if (d.source == source && Applicability::allows(d.automation, automation)) f = std::min(f, d.factor);
            }
            return f;
        }
    };
    std::vector<Option> options;
    for (const auto& measure : kb.measures()) {
        if (step.has_measure_in_place(measure.id)) continue;
        if (!measure.applies.fits(step, raw_impact.severity)) continue;
        auto addressed = measure.addressed_sources();
        bool present = std::any_of(addressed.begin(), addressed.end(), [&](RiskSource r) {
            return r == RiskSource::impact ? raw_impact.value > 0 : weight[static_cast<std::size_t>(r)] > 0;
        });
        if (!present) continue;
        Option option;
        option.measure = &measure;
        for (std::size_t gi : high_grounds) {
            const auto& before = sr.scores[gi];
            auto [after, after_level] = rescore_with(before, step, grounds[gi], measure, kb);
            if (after >= before.score) continue;
            option.reduction += before.score - after;
            option.rows.push_back({step.id, grounds[gi], measure.id, before.score, before.level, after, after_level, 0, {}});
        }
        if (!option.rows.empty()) options.push_back(std::move(option));
    }
    auto by_reduction = [](const Option& x, const Option& y) {
        if (x.reduction != y.reduction) return x.reduction > y.reduction;
        return x.measure->id < y.measure->id;
    };
    std::stable_sort(options.begin(), options.end(), by_reduction);
    // First, for each of the step's largest sources in turn, the measure that lowers that source most (ties: the
    // larger total effect); then the other measures by their total effect.
    std::size_t keep = m.recommendations_per_step ? m.recommendations_per_step : m.recommendations_per_risk;
    std::vector<std::pair<std::size_t, std::vector<RiskSource>>> chosen; // option index, aimed at
    std::vector<bool> taken(options.size(), false);
    for (RiskSource source : largest) {
        if (chosen.size() >= keep) break;
        std::size_t best = options.size();
        double best_factor = 1;
        for (std::size_t i = 0; i < options.size(); ++i) {
            if (taken[i]) continue;
            double f = options[i].factor_on(source, step.automation);
            if (f < best_factor) {
                best_factor = f;
                best = i;
            }
        }
        if (best == options.size()) continue;
        taken[best] = true;
        chosen.push_back({best, {source}});
    }
    for (std::size_t i = 0; i < options.size() && chosen.size() < keep; ++i) {
        if (taken[i]) continue;
        std::vector<RiskSource> aimed;
        for (RiskSource source : largest) {
            if (options[i].factor_on(source, step.automation) < 1) aimed.push_back(source);
        }
        chosen.push_back({i, aimed});
    }
    std::vector<Recommendation> out;
    for (std::size_t rank = 0; rank < chosen.size(); ++rank) {
        auto& [index, aimed] = chosen[rank];
        for (auto& row : options[index].rows) {
            row.rank = rank + 1;
            row.aimed_at = aimed;
            out.push_back(std::move(row));
        }
    }
    return out;
}

} // namespace

Assessment assess(const Process& process, const KnowledgeBase& kb, const AssessOptions& options) {
    {
        auto problems = validate(process, kb);
        bool has_error = std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return p.is_error(); });
        if (has_error) throw ValidationError(std::move(problems));
    }
    const auto& m = kb.method();
    ProcessGraph pg(process);
    GraphAnalysis ga = analyse_graph(process, pg, options.solver);
    const std::size_t n = process.steps.size();

    Assessment a;
    a.method_id = m.id;
    a.knowledge_base_id = kb.id();
    a.knowledge_base_version = kb.version();
    a.process_id = process.id;
    a.process_name = process.name;
    a.organisation = process.organisation;
    a.cases_per_year = process.cases_per_year;
    for (const auto& g : kb.grounds()) {
        a.grounds.push_back(g.id);
        a.ground_labels.push_back(g.label);
    }
    a.levels = m.levels;
    a.high_level = std::min(m.level_index_of(m.recommendation_min_level), m.levels.size() - 1);
    a.cycle_count = ga.cycle_count;

    // Names of the reachable steps per severity level, by reverse search from each adverse step, when affordable.
    std::vector<std::array<std::vector<std::size_t>, 5>> reachable_outcomes;
    {
        std::size_t adverse = 0;
        for (const auto& s : process.steps) adverse += s.severity != Severity::none ? 1 : 0;
        if (adverse * (n + process.flows.size()) <= options.outcome_naming_budget) {
            reachable_outcomes.resize(n);
            const auto& g = pg.graph();
            std::vector<std::size_t> mark(n, ProcessGraph::npos);
            for (std::size_t o = 0; o < n; ++o) {
                if (process.steps[o].severity == Severity::none) continue;
                auto level = static_cast<std::size_t>(process.steps[o].severity);
                // Steps with a path of length >= 1 to o: predecessors of o, and everything that reaches them.
                std::vector<std::size_t> stack;
                for (auto e : boost::make_iterator_range(boost::in_edges(o, g))) stack.push_back(boost::source(e, g));
                while (!stack.empty()) {
                    std::size_t v = stack.back();
                    stack.pop_back();
                    if (mark[v] == o) continue;
                    mark[v] = o;
                    reachable_outcomes[v][level].push_back(o);
                    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) stack.push_back(boost::source(e, g));
                }
            }
        }
    }

    std::vector<std::vector<bool>> at_high(a.grounds.size(), std::vector<bool>(n, false));
    a.steps.resize(n);
    for (std::size_t s = 0; s < n; ++s) {
        const Step& step = process.steps[s];
        StepResult& sr = a.steps[s];
        sr.id = step.id;
        sr.name = step.name;
        sr.kind = step.kind;
        sr.expected_visits = ga.expected_visits[s];
        sr.in_cycle = ga.in_cycle[s];
        sr.reachable = ga.reachable[s];
        auto measures = measures_of(step, kb);

        ImpactTerm raw_impact = raw_impact_of(process, pg, ga, s, kb);
        if (!reachable_outcomes.empty() && raw_impact.severity != Severity::none) {
            for (std::size_t o : reachable_outcomes[s][static_cast<std::size_t>(raw_impact.severity)])
                raw_impact.outcomes.push_back(process.steps[o].id);
            std::sort(raw_impact.outcomes.begin(), raw_impact.outcomes.end());
        }

        sr.scores.reserve(a.grounds.size());
        std::vector<std::size_t> high_grounds;
        for (std::size_t gi = 0; gi < a.grounds.size(); ++gi) {
            const std::string& ground = a.grounds[gi];
            StepGroundScore score =
                score_with(step, ground, raw_sources(process, step, ground, kb), raw_impact, measures, kb);
            if (options.robustness_band > 0) score.robustness = robustness_of(score, m, options.robustness_band);
            else score.robustness = {0, score.score, score.score, score.level, score.level, {}};
            if (score.level >= a.high_level && score.score > 0) {
                at_high[gi][s] = true;
                high_grounds.push_back(gi);
            }
            sr.scores.push_back(std::move(score));
        }
        if (!high_grounds.empty()) {
            auto plan = plan_for_step(step, sr, a.grounds, high_grounds, raw_impact, kb);
            a.recommendations.insert(a.recommendations.end(), plan.begin(), plan.end());
        }
    }
    for (std::size_t o = 0; o < n; ++o) {
        if (ga.gatekeeper_of[o] != GraphAnalysis::npos) a.steps[ga.gatekeeper_of[o]].guards.push_back(process.steps[o].id);
    }

    // Per ground: the highest score, steps per level, and the cases that pass a high-risk step.
    a.summary.resize(a.grounds.size());
    for (std::size_t gi = 0; gi < a.grounds.size(); ++gi) {
        GroundSummary& sum = a.summary[gi];
        sum.ground = a.grounds[gi];
        sum.steps_per_level.assign(a.levels.size(), 0);
        for (std::size_t s = 0; s < n; ++s) {
            const auto& score = a.steps[s].scores[gi];
            ++sum.steps_per_level[score.level];
            if (score.score > sum.max_score) {
                sum.max_score = score.score;
                sum.max_step = a.steps[s].id;
                sum.max_level = score.level;
            }
        }
        bool any = std::find(at_high[gi].begin(), at_high[gi].end(), true) != at_high[gi].end();
        sum.share_passing_high = any ? std::min(1.0, probability_of_passing(pg, ga, at_high[gi], options.solver)) : 0.0;
        sum.citizens_per_year_high = process.cases_per_year * sum.share_passing_high;
    }
    return a;
}

} // namespace artikel1
