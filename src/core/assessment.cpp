// SPDX-License-Identifier: EUPL-1.2
// artikel1: the risk method (assessment.hpp, docs/method.md).
#include <artikel1/assessment.hpp>

#include <artikel1/graph.hpp>
#include <artikel1/graph_analysis.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <optional>
#include <span>
#include <system_error>
#include <thread>

namespace artikel1 {

std::string_view TextStore::add(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > left_) {
        // A text longer than a block gets a block of its own; the current block stays open for the next ones.
        if (text.size() > block_size / 4) {
            blocks_.push_back(std::make_unique<char[]>(text.size()));
            std::memcpy(blocks_.back().get(), text.data(), text.size());
            return {blocks_.back().get(), text.size()};
        }
        blocks_.push_back(std::make_unique<char[]>(block_size));
        next_ = blocks_.back().get();
        left_ = block_size;
    }
    std::memcpy(next_, text.data(), text.size());
    std::string_view kept(next_, text.size());
    next_ += text.size();
    left_ -= text.size();
    return kept;
}

namespace {

/// Every weight of the knowledge base that a factor can name, numbered once per assessment in the order of their
/// names (measures after the factors of a source, severities last: the order the weights that move a score most
/// are listed in on ties). A factor carries its number, so that naming and comparing it allocates and walks no
/// text; the text is read only for what is shown.
class WeightNames {
public:
    using Id = std::uint32_t;

    WeightNames(const KnowledgeBase& kb, const std::vector<std::string>& grounds, TextStore& store) {
        std::vector<Entry> entries;
        auto name = [&](Id& slot, int group, std::string text) { entries.push_back({group, std::move(text), &slot}); };
        auto per_value = [&]<class Enum>(std::array<Id, enum_count<Enum>()>& slots, Enum, const char* prefix) {
            for (std::size_t i = 0; i < slots.size(); ++i) name(slots[i], 0, prefix + std::string(to_string(static_cast<Enum>(i))));
        };
        per_value(role_, AttributeRole{}, "role ");
        per_value(automation_, Automation{}, "automation ");
        per_value(discretion_, Discretion{}, "discretion ");
        per_value(visibility_, Channel{}, "visibility ");
        per_value(rule_complexity_, RuleComplexity{}, "rule_complexity ");
        name(direct_use_, 0, "direct_use");
        name(legal_basis_factor_, 0, "legal_basis_factor");
        name(assumption_, 0, "assumption");
        name(complaint_, 0, "complaint");
        name(signals_, 0, "signals");
        name(algorithmic_selection_, 0, "algorithmic_selection");
        name(impact_base_, 0, "impact.base");
        name(impact_probability_weight_, 0, "impact.probability_weight");
        name(vulnerability_, 0, "vulnerability");
        kinds_ = kb.attribute_kinds().data();
        strength_.resize(kb.attribute_kinds().size());
        for (std::size_t i = 0; i < strength_.size(); ++i) name(strength_[i], 0, "strength " + kb.attribute_kinds()[i].id);
        sensitivity_.resize(grounds.size());
        for (std::size_t i = 0; i < grounds.size(); ++i) name(sensitivity_[i], 0, "sensitivity " + grounds[i]);
        measures_ = kb.measures().data();
        measure_.resize(kb.measures().size());
        for (std::size_t i = 0; i < measure_.size(); ++i) name(measure_[i], 1, "measure " + kb.measures()[i].id);
        for (std::size_t i = 0; i < severity_.size(); ++i)
            name(severity_[i], 2, "severity " + std::string(to_string(static_cast<Severity>(i))));
        // Numbered in order; names of the same text are the same weight and share a number.
        std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
            return x.group != y.group ? x.group < y.group : x.text < y.text;
        });
        for (const auto& e : entries) {
            if (texts_.empty() || texts_.back() != e.text) texts_.push_back(store.add(e.text));
            *e.slot = static_cast<Id>(texts_.size() - 1);
        }
        for (const auto& measure : kb.measures()) measure_ids_.push_back(store.add(measure.id));
        for (const auto& ground : grounds) ground_ids_.push_back(store.add(ground));
    }
    Id role(AttributeRole r) const { return role_[static_cast<std::size_t>(r)]; }
    Id automation(Automation a) const { return automation_[static_cast<std::size_t>(a)]; }
    Id discretion(Discretion d) const { return discretion_[static_cast<std::size_t>(d)]; }
    Id visibility(Channel c) const { return visibility_[static_cast<std::size_t>(c)]; }
    Id rule_complexity(RuleComplexity c) const { return rule_complexity_[static_cast<std::size_t>(c)]; }
    Id strength(const AttributeKind* kind) const { return strength_[static_cast<std::size_t>(kind - kinds_)]; }
    Id sensitivity(std::size_t ground_index) const { return sensitivity_[ground_index]; }
    Id measure(const Measure* measure) const { return measure_[static_cast<std::size_t>(measure - measures_)]; }
    Id severity(std::size_t level) const { return severity_[level]; }
    Id direct_use() const { return direct_use_; }
    Id legal_basis_factor() const { return legal_basis_factor_; }
    Id assumption() const { return assumption_; }
    Id complaint() const { return complaint_; }
    Id signals() const { return signals_; }
    Id algorithmic_selection() const { return algorithmic_selection_; }
    Id impact_base() const { return impact_base_; }
    Id impact_probability_weight() const { return impact_probability_weight_; }
    Id vulnerability() const { return vulnerability_; }
    std::string_view text(Id id) const { return texts_[id]; }
    /// The measure's id, held by the assessment's store.
    std::string_view measure_id(const Measure* measure) const { return measure_ids_[static_cast<std::size_t>(measure - measures_)]; }
    /// The id of ground `gi`, held by the assessment's store.
    std::string_view ground_id(std::size_t gi) const { return ground_ids_[gi]; }

private:
    struct Entry {
        int group = 0; ///< 0: a factor of a source or of the impact, 1: a measure, 2: a severity
        std::string text;
        Id* slot = nullptr;
    };
    std::array<Id, enum_count<AttributeRole>()> role_{};
    std::array<Id, enum_count<Automation>()> automation_{};
    std::array<Id, enum_count<Discretion>()> discretion_{};
    std::array<Id, enum_count<Channel>()> visibility_{};
    std::array<Id, enum_count<RuleComplexity>()> rule_complexity_{};
    std::array<Id, enum_count<Severity>()> severity_{};
    std::vector<Id> strength_, sensitivity_, measure_;
    Id direct_use_ = 0, legal_basis_factor_ = 0, assumption_ = 0, complaint_ = 0, signals_ = 0,
       algorithmic_selection_ = 0, impact_base_ = 0, impact_probability_weight_ = 0, vulnerability_ = 0;
    const AttributeKind* kinds_ = nullptr; ///< the knowledge base's first attribute kind
    const Measure* measures_ = nullptr;    ///< the knowledge base's first measure
    std::vector<std::string_view> texts_; ///< by number, held by the assessment's store
    std::vector<std::string_view> measure_ids_, ground_ids_;
};

/// One factor of a source: the weight it is and its value.
struct TermFactor {
    WeightNames::Id name = 0;
    double value = 1;
};

/// A measure that multiplied a source or the impact by `factor`.
struct Applied {
    const Measure* measure = nullptr;
    double factor = 1;
};

/// One risk source of a (step, ground) as numbers, with what it comes from (to write its explanation when asked).
/// The factors are the ones whose product is `raw`; a complaint's are its weight and its count.
struct Term {
    RiskSource source = RiskSource::proxy;
    double raw = 0;
    double value = 0;
    std::array<TermFactor, 4> factors{};
    std::size_t factor_count = 0;
    std::vector<Applied> dampened_by; ///< kept between uses of a Term: cleared, not freed
    const AttributeUse* use = nullptr;
    const AttributeKind* kind = nullptr;
    const Assumption* assumption = nullptr;
    const Signal* signal = nullptr;
};

/// The terms of one (step, ground): a list that keeps its storage from one (step, ground) to the next.
struct TermList {
    std::vector<Term> terms;
    std::size_t size = 0;
    Term& add() {
        if (size == terms.size()) terms.emplace_back();
        Term& t = terms[size++];
        t.dampened_by.clear();
        t.use = nullptr;
        t.kind = nullptr;
        t.assumption = nullptr;
        t.signal = nullptr;
        return t;
    }
    std::span<const Term> view() const { return {terms.data(), size}; }
    std::span<Term> view() { return {terms.data(), size}; }
};

/// The weights of the knowledge base that depend on the ground, looked up once per assessment for the grounds
/// assessed: the method reads them for every (step, ground), and by name each is a lookup in a map.
class GroundTables {
public:
    GroundTables(const KnowledgeBase& kb, const std::vector<std::string>& grounds)
        : kb_(kb), grounds_(grounds.size()) {
        for (const auto& kind : kb.attribute_kinds()) {
            for (const auto& ground : grounds) strength_.push_back(kind.strength(ground));
        }
        for (std::size_t c = 0; c < enum_count<Channel>(); ++c) {
            for (const auto& ground : grounds) visibility_.push_back(kb.channel(static_cast<Channel>(c)).of(ground));
        }
        for (const auto& ground : grounds) sensitivity_.push_back(kb.method().sensitivity_of(ground));
        // Per (measure, automation, source, ground): the product of the measure's dampenings that apply, in their
        // order (the same product the method took dampening by dampening).
        factor_.reserve(kb.measures().size() * automations * sources * grounds_);
        for (const auto& measure : kb.measures()) {
            for (std::size_t au = 0; au < automations; ++au) {
                for (std::size_t so = 0; so < sources; ++so) {
                    for (const auto& ground : grounds) {
                        double f = 1;
                        for (const auto& d : measure.dampens) {
                            if (d.applies_to(static_cast<RiskSource>(so), static_cast<Automation>(au)) && d.on_ground(ground)) f *= d.factor;
                        }
                        factor_.push_back(f);
                    }
                }
            }
            addressed_.push_back(measure.addressed_sources());
        }
    }
    /// AttributeKind::strength for ground `gi`.
    double strength(const AttributeKind* kind, std::size_t gi) const {
        return strength_[static_cast<std::size_t>(kind - kb_.attribute_kinds().data()) * grounds_ + gi];
    }
    /// ChannelInfo::of for ground `gi`.
    double visibility(Channel channel, std::size_t gi) const { return visibility_[static_cast<std::size_t>(channel) * grounds_ + gi]; }
    /// MethodWeights::sensitivity_of for ground `gi`.
    double sensitivity(std::size_t gi) const { return sensitivity_[gi]; }
    /// The factor by which the measure lowers `source` at a step of `automation` for ground `gi` (1: not at all).
    double factor(const Measure* measure, RiskSource source, Automation automation, std::size_t gi) const {
        return factor_[((index_of(measure) * automations + static_cast<std::size_t>(automation)) * sources + static_cast<std::size_t>(source)) * grounds_ + gi];
    }
    /// Measure::addressed_sources.
    const std::vector<RiskSource>& addressed(const Measure* measure) const { return addressed_[index_of(measure)]; }

private:
    std::size_t index_of(const Measure* measure) const { return static_cast<std::size_t>(measure - kb_.measures().data()); }

    const KnowledgeBase& kb_;
    std::size_t grounds_;
    std::vector<double> strength_;   ///< [kind x grounds + ground]
    std::vector<double> visibility_; ///< [channel x grounds + ground]
    std::vector<double> sensitivity_;
    static constexpr std::size_t automations = enum_count<Automation>(), sources = enum_count<RiskSource>();
    std::vector<double> factor_; ///< [((measure x automations + automation) x sources + source) x grounds + ground]
    std::vector<std::vector<RiskSource>> addressed_;
};

/// The undampened risk sources of (step, ground), as numbers (docs/method.md); `uses` holds the attribute kind of
/// each of the step's uses (null when it has none).
void raw_terms(const Step& step, const std::vector<const AttributeKind*>& uses, std::size_t gi, const std::string& ground,
               const GroundTables& tables, const WeightNames& names, const KnowledgeBase& kb, TermList& out) {
    const auto& m = kb.method();
    out.size = 0;
    // A source of `value` made of `factors`; nothing when its value is 0.
    auto add_valued = [&](RiskSource source, double value, std::initializer_list<TermFactor> factors) -> Term* {
        if (value <= 0) return nullptr;
        Term& t = out.add();
        t.source = source;
        t.raw = t.value = std::min(1.0, value);
        t.factor_count = 0;
        for (const auto& f : factors) t.factors[t.factor_count++] = f;
        return &t;
    };
    // A source that is the product of its factors.
    auto add = [&](RiskSource source, std::initializer_list<TermFactor> factors) -> Term* {
        double value = 1;
        for (const auto& f : factors) value *= f.value;
        return add_valued(source, value, factors);
    };
    for (std::size_t u = 0; u < step.uses.size(); ++u) {
        const AttributeKind* kind = uses[u];
        if (!kind) continue;
        const AttributeUse& use = step.uses[u];
        double strength = tables.strength(kind, gi);
        if (strength <= 0) continue;
        const TermFactor role{names.role(use.role), m.role_of(use.role)};
        const TermFactor automation{names.automation(step.automation), m.automation_of(step.automation)};
        Term* t = nullptr;
        if (strength >= 1.0) {
            if (use.legal_basis.empty()) t = add(RiskSource::direct, {{names.direct_use(), m.direct_use.value}, role, automation});
            else t = add(RiskSource::direct, {{names.direct_use(), m.direct_use.value}, role, automation,
                                              {names.legal_basis_factor(), m.legal_basis_factor.value}});
        } else {
            t = add(RiskSource::proxy, {{names.strength(kind), strength}, role, automation});
        }
        if (t) {
            t->use = &use;
            t->kind = kind;
        }
    }
    if (double d = m.discretion_of(step.discretion), v = tables.visibility(step.channel, gi); d * v > 0) {
        add(RiskSource::discretion, {{names.discretion(step.discretion), d}, {names.visibility(step.channel), v}});
    }
    for (const auto& assumption : step.assumptions) {
        if (std::find(assumption.grounds.begin(), assumption.grounds.end(), ground) != assumption.grounds.end()) {
            if (Term* t = add(RiskSource::assumption, {{names.assumption(), m.assumption.value}})) t->assumption = &assumption;
        }
    }
    for (const auto& signal : step.signals) {
        if (signal.ground == ground && signal.count > 0) {
            double count = static_cast<double>(signal.count);
            double value = 1 - std::pow(1 - m.complaint.value, count);
            // 1 - (1 - w)^count: the weight and the count are its factors, not a product
            if (Term* t = add_valued(RiskSource::complaint, value, {{names.complaint(), m.complaint.value}, {names.signals(), count}}))
                t->signal = &signal;
        }
    }
    if (double c = m.complexity_of(step.rule_complexity), v = tables.sensitivity(gi); c * v > 0) {
        add(RiskSource::rule_complexity, {{names.rule_complexity(step.rule_complexity), c}, {names.sensitivity(gi), v}});
    }
    if (step.kind == StepKind::decision && step.automation == Automation::algorithmic)
        add(RiskSource::algorithmic_selection, {{names.algorithmic_selection(), m.algorithmic_selection.value}});
}

/// Applies the dampening of the given measures to one value; records each factor applied.
double dampen(double value, RiskSource source, const Step& step, std::size_t gi, const GroundTables& tables,
              const std::vector<const Measure*>& measures, std::vector<Applied>& applied) {
    for (const Measure* measure : measures) {
        const double factor = tables.factor(measure, source, step.automation, gi);
        if (factor != 1) {
            value *= factor;
            applied.push_back({measure, factor});
        }
    }
    return value;
}

/// The numbers of one scored (step, ground): its terms after the measures, and the impact with its measures.
struct Scored {
    double likelihood = 0;
    double impact = 0;
    double score = 0;
    std::size_t level = 0;
    std::vector<Applied> impact_dampened_by;
};

/// Scores (step, ground) from its raw terms (dampened in place), the raw impact and the measures in place.
void score_terms(const Step& step, std::size_t gi, const GroundTables& tables, TermList& terms,
                 const ImpactTerm& raw_impact, const std::vector<const Measure*>& measures, const KnowledgeBase& kb,
                 Scored& out) {
    double none = 1;
    for (auto& t : terms.view()) {
        t.value = dampen(t.raw, t.source, step, gi, tables, measures, t.dampened_by);
        none *= 1 - t.value;
    }
    out.likelihood = 1 - none;
    out.impact_dampened_by.clear();
    out.impact = dampen(raw_impact.value, RiskSource::impact, step, gi, tables, measures, out.impact_dampened_by);
    out.score = detail::round_decimals(100 * out.likelihood * out.impact, 1);
    out.level = kb.method().level_index(out.score);
}

/// The parts of a scored (step, ground) with its weights scaled by `scale`: all of them (`only` = all_weights), or
/// only the one numbered `only` (no_weight: none). Weights of 0..1 are capped at 1; the vulnerability is not (it
/// may exceed 1). Same products as the method.
constexpr WeightNames::Id all_weights = ~WeightNames::Id{0};
constexpr WeightNames::Id no_weight = all_weights - 1; // no weight has this number
struct ScaledWeights {
    const WeightNames& names;
    double scale;
    WeightNames::Id only;
    double at(WeightNames::Id name, double value, bool unit = true) const {
        if (only != all_weights && only != name) return value;
        return unit ? std::min(1.0, value * scale) : value * scale;
    }
    /// The value of one source after its measures.
    double term(const Term& c) const {
        double v = 1;
        if (c.source == RiskSource::complaint && c.factor_count == 2) {
            v = 1 - std::pow(1 - at(c.factors[0].name, c.factors[0].value), c.factors[1].value);
        } else {
            for (std::size_t i = 0; i < c.factor_count; ++i) v *= at(c.factors[i].name, c.factors[i].value);
        }
        v = std::min(1.0, v);
        for (const auto& d : c.dampened_by) v *= at(names.measure(d.measure), d.factor);
        return v;
    }
    /// The impact before the measures: the same for every ground of a step.
    double impact_before_measures(const ImpactTerm& t, const MethodWeights& m) const {
        double best = 0;
        for (std::size_t level = 1; level < 5; ++level) {
            double p = t.level_probability[level];
            if (p <= 0) continue;
            best = std::max(best, at(names.severity(level), m.severity[level].value) *
                                      (at(names.impact_base(), t.base) + at(names.impact_probability_weight(), t.probability_weight) * p));
        }
        return std::min(1.0, best * at(names.vulnerability(), t.vulnerability, false));
    }
    /// The impact after the measures of a (step, ground), from the impact before them.
    double impact(const Scored& s, double before_measures) const {
        double impact = before_measures;
        for (const auto& d : s.impact_dampened_by) impact *= at(names.measure(d.measure), d.factor);
        return impact;
    }
};

/// A step's impact before its measures with the weights scaled, computed once per step for the robustness of all
/// its grounds: all weights x (1 - band) and x (1 + band), none moved, and each weight of the impact alone.
struct ScaledImpacts {
    double low = 0, high = 0, unmoved = 0;
    InlineList<std::pair<WeightNames::Id, double>, 8> alone;

    ScaledImpacts(const ImpactTerm& t, const MethodWeights& m, const WeightNames& names, double band) {
        low = ScaledWeights{names, 1 - band, all_weights}.impact_before_measures(t, m);
        high = ScaledWeights{names, 1 + band, all_weights}.impact_before_measures(t, m);
        unmoved = ScaledWeights{names, 1, no_weight}.impact_before_measures(t, m);
        if (t.severity == Severity::none) return;
        auto add = [&](WeightNames::Id w) { alone.push_back({w, ScaledWeights{names, 1 + band, w}.impact_before_measures(t, m)}); };
        for (std::size_t level = 1; level < 5; ++level) {
            if (t.level_probability[level] > 0) add(names.severity(level));
        }
        add(names.impact_base());
        add(names.impact_probability_weight());
        add(names.vulnerability());
    }
    /// The impact before the measures with weight `w` alone scaled.
    double with_alone(WeightNames::Id w) const {
        for (const auto& [weight, value] : alone) {
            if (weight == w) return value;
        }
        return unmoved;
    }
};

/// 100 x likelihood x impact of a scored (step, ground) with its weights scaled (ScaledWeights), before rounding.
/// `impact_before_measures`: the step's impact before its measures with the same weights scaled (ScaledImpacts).
double scaled_product(std::span<const Term> terms, const Scored& s, double impact_before_measures, const ScaledWeights& scaled) {
    double none = 1;
    for (const auto& c : terms) none *= 1 - scaled.term(c);
    return 100 * (1 - none) * scaled.impact(s, impact_before_measures);
}

/// A score in tenths, as an integer: round_decimals(value, 1) x 10, exactly (scores are at most 100).
long long tenths_of(double value) { return static_cast<long long>(detail::round_decimals(value * 10, 0)); }

/// The robustness of a scored (step, ground) within +-band; with `movers`, the three weights that move it most.
/// `moved` is storage kept between calls.
Robustness robustness_of(std::span<const Term> terms, const Scored& s, const ImpactTerm& t, const ScaledImpacts& impacts,
                         const MethodWeights& m, const WeightNames& names, double band, bool movers,
                         std::vector<WeightNames::Id>& moved) {
    Robustness r;
    r.band = band;
    // No source, or no outcome to bear: the score is 0 whatever the weights (the products are exactly 0).
    const bool always_zero = terms.empty() || t.severity == Severity::none;
    r.low = always_zero ? 0.0 : detail::round_decimals(scaled_product(terms, s, impacts.low, {names, 1 - band, all_weights}), 1);
    r.high = always_zero ? 0.0 : detail::round_decimals(scaled_product(terms, s, impacts.high, {names, 1 + band, all_weights}), 1);
    r.level_low = m.level_index(r.low);
    r.level_high = m.level_index(r.high);
    if (s.score <= 0 || !movers) return r;
    moved.clear();
    // A weight of 0..1 at 0 or 1 stays there when scaled (min(1, 1 x scale) = 1): it cannot move the score, and is
    // left out as rescoring would find its change 0. The vulnerability is not capped and always moves.
    auto add = [&](WeightNames::Id name, double value) {
        if (value != 0 && value != 1) moved.push_back(name);
    };
    for (const auto& c : terms) {
        for (std::size_t i = 0; i < c.factor_count; ++i) {
            if (!(c.source == RiskSource::complaint && i == 1)) add(c.factors[i].name, c.factors[i].value); // a count is no weight
        }
        for (const auto& d : c.dampened_by) add(names.measure(d.measure), d.factor);
    }
    if (t.severity != Severity::none) {
        for (std::size_t level = 1; level < 5; ++level) { // another severity can take over when its weight moves
            if (t.level_probability[level] > 0) add(names.severity(level), m.severity[level].value);
        }
        add(names.impact_base(), t.base);
        add(names.impact_probability_weight(), t.probability_weight);
        moved.push_back(names.vulnerability()); // the weight of the process's vulnerability level
        for (const auto& d : s.impact_dampened_by) add(names.measure(d.measure), d.factor);
    }
    std::sort(moved.begin(), moved.end()); // the numbers follow the names' order
    moved.erase(std::unique(moved.begin(), moved.end()), moved.end());
    // Changes are counted in tenths: the difference of two scores rounded to one decimal is that many tenths
    // exactly, so one rounding per weight gives the number rounding both scores and their difference gave.
    const long long score_tenths = tenths_of(s.score);
    std::array<std::pair<long long, std::size_t>, 3> top{}; // the three largest changes, in the order of the names on ties
    std::size_t kept = 0;
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const long long change = tenths_of(scaled_product(terms, s, impacts.with_alone(moved[i]), {names, 1 + band, moved[i]})) - score_tenths;
        if (change == 0) continue;
        std::size_t at = kept;
        while (at > 0 && std::abs(change) > std::abs(top[at - 1].first)) --at;
        if (at >= top.size()) continue;
        for (std::size_t k = std::min(kept, top.size() - 1); k > at; --k) top[k] = top[k - 1];
        top[at] = {change, i};
        kept = std::min(kept + 1, top.size());
    }
    for (std::size_t i = 0; i < kept; ++i) r.movers.push_back({names.text(moved[top[i].second]), static_cast<double>(top[i].first) / 10});
    return r;
}

/// The texts of one step's sources, written into the store the first time a ground of the step needs them and
/// shared by all its grounds.
class StepTexts {
public:
    void reset(const Step& step, TextStore& store) {
        step_ = &step;
        store_ = &store;
        uses_.assign(step.uses.size(), {});
        signals_.assign(step.signals.size(), {});
        assumptions_.assign(step.assumptions.size(), {});
        discretion_ = rule_complexity_ = {};
    }
    struct Use {
        std::string_view attribute, detail, legal_basis;
    };
    const Use& use(const Term& t) {
        Use& u = uses_[static_cast<std::size_t>(t.use - step_->uses.data())];
        if (u.detail.empty()) {
            u.attribute = store_->add(t.use->attribute);
            u.detail = write({to_string(t.use->role), ", ", to_string(step_->automation), ", kind ", t.kind->id});
            u.legal_basis = store_->add(t.use->legal_basis);
        }
        return u;
    }
    std::string_view detail(const Term& t) {
        switch (t.source) {
        case RiskSource::direct:
        case RiskSource::proxy: return use(t).detail;
        case RiskSource::discretion:
            if (discretion_.empty())
                discretion_ = write({to_string(step_->discretion), " discretion, channel ", to_string(step_->channel)});
            return discretion_;
        case RiskSource::assumption: {
            auto& text = assumptions_[static_cast<std::size_t>(t.assumption - step_->assumptions.data())];
            if (text.empty()) text = store_->add(t.assumption->text);
            return text;
        }
        case RiskSource::complaint: {
            auto& text = signals_[static_cast<std::size_t>(t.signal - step_->signals.data())];
            if (text.empty()) {
                const std::string count = std::to_string(t.signal->count);
                const bool has_source = !t.signal->source.empty();
                text = write({count, t.signal->count == 1 ? " signal" : " signals", has_source ? " (" : "", t.signal->source,
                              has_source ? ")" : ""});
            }
            return text;
        }
        case RiskSource::rule_complexity:
            if (rule_complexity_.empty()) rule_complexity_ = write({to_string(step_->rule_complexity), " rule complexity"});
            return rule_complexity_;
        case RiskSource::algorithmic_selection: return "algorithmic decision";
        case RiskSource::impact: break;
        }
        return {};
    }

private:
    /// The parts, joined, kept in the store.
    std::string_view write(std::initializer_list<std::string_view> parts) {
        buffer_.clear();
        for (auto part : parts) buffer_.append(part);
        return store_->add(buffer_);
    }
    const Step* step_ = nullptr;
    TextStore* store_ = nullptr;
    std::vector<Use> uses_;
    std::vector<std::string_view> signals_, assumptions_;
    std::string_view discretion_, rule_complexity_;
    std::string buffer_;
};

/// The explanation of a scored (step, ground): its sources with their factors and texts, and the measures applied.
std::vector<Contribution> contributions_of(std::span<const Term> terms, const WeightNames& names, StepTexts& texts) {
    std::vector<Contribution> out;
    out.reserve(terms.size());
    for (const auto& t : terms) {
        Contribution& c = out.emplace_back();
        c.source = t.source;
        c.raw = t.raw;
        c.value = t.value;
        if (!t.dampened_by.empty()) {
            c.dampened_by.reserve(t.dampened_by.size());
            for (const auto& d : t.dampened_by) c.dampened_by.push_back({names.measure_id(d.measure), d.factor});
        }
        for (std::size_t i = 0; i < t.factor_count; ++i) c.factors.push_back({names.text(t.factors[i].name), t.factors[i].value});
        c.detail = texts.detail(t);
        if (t.source == RiskSource::direct || t.source == RiskSource::proxy) {
            const auto& use = texts.use(t);
            c.attribute = use.attribute;
            if (t.source == RiskSource::direct) c.legal_basis = use.legal_basis;
        }
    }
    return out;
}

/// The score and level of a scored (step, ground) with one more measure in place, from its terms: the same
/// products in the same order as `score_terms` with the measure appended.
std::pair<double, std::size_t> rescore_with(std::span<const Term> terms, double impact, const Step& step,
                                            std::size_t gi, const GroundTables& tables, const Measure& extra,
                                            const KnowledgeBase& kb) {
    auto factor = [&](RiskSource source) { return tables.factor(&extra, source, step.automation, gi); };
    double none = 1;
    for (const auto& c : terms) {
        double f = factor(c.source);
        none *= 1 - (f != 1 ? c.value * f : c.value);
    }
    double f = factor(RiskSource::impact);
    double after_impact = f != 1 ? impact * f : impact;
    double score = detail::round_decimals(100 * (1 - none) * after_impact, 1);
    return {score, kb.method().level_index(score)};
}

/// The measures of the knowledge base in place at the step (Step::measures_in_place), into `out`.
void measures_of(const Step& step, const KnowledgeBase& kb, std::vector<const Measure*>& out) {
    out.clear();
    step.for_each_measure_in_place([&](const std::string& id) {
        if (const Measure* m = kb.find_measure(id)) out.push_back(m);
    });
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

/// A measure that can be taken at a step, with the grounds it lowers there (the action plan's working storage).
struct PlanOption {
    /// A ground the measure lowers: its score after. The recommendation's texts are written only for the measures
    /// chosen.
    struct Lowered {
        std::size_t ground = 0;
        double after = 0;
        std::size_t after_level = 0;
    };
    std::vector<Lowered> rows;
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

/// The storage of the action plan kept from one step to the next, so that planning a step allocates nothing
/// but its rows.
struct PlanScratch {
    std::vector<PlanOption> options; ///< the first `count` are this step's
    std::size_t count = 0;
    std::vector<std::size_t> order; ///< options by preference
    std::vector<bool> taken;
    std::vector<std::pair<std::size_t, InlineList<RiskSource, 3>>> chosen; ///< option, the sources it is aimed at
};

/// The action plan of one step (method 1.1), appended to `out`: the measures not in place that can be taken there
/// (their `applies` fits the step, and a source they address is present), each scored again on every ground at or
/// above the threshold. First, for each of the step's three largest sources, the measure that lowers it most; then
/// the others by how much they lower the scores in total, then by id. One row per (measure, ground) lowered.
void plan_for_step(const Step& step, const StepResult& sr, const std::vector<TermList>& terms,
                   const std::vector<std::size_t>& high_grounds, const ImpactTerm& raw_impact, const GroundTables& tables,
                   const WeightNames& names, const KnowledgeBase& kb, const std::shared_ptr<TextStore>& store, PlanScratch& scratch,
                   std::vector<Recommendation>& out) {
    const auto& m = kb.method();
    constexpr std::size_t source_count = enum_count<RiskSource>();
    std::array<double, source_count> weight{};
    for (std::size_t gi : high_grounds) {
        for (const auto& c : terms[gi].view()) weight[static_cast<std::size_t>(c.source)] += c.value;
    }
    // The step's largest sources of the likelihood, largest first (the impact is not a source), at most three.
    std::array<RiskSource, source_count> largest{};
    std::size_t largest_count = 0;
    for (std::size_t i = 0; i < source_count; ++i) {
        if (weight[i] > 0) largest[largest_count++] = static_cast<RiskSource>(i);
    }
    std::stable_sort(largest.begin(), largest.begin() + static_cast<std::ptrdiff_t>(largest_count), [&](RiskSource x, RiskSource y) {
        return weight[static_cast<std::size_t>(x)] > weight[static_cast<std::size_t>(y)];
    });
    largest_count = std::min<std::size_t>(largest_count, 3);
    const std::span<const RiskSource> largest_sources(largest.data(), largest_count);

    auto& options = scratch.options;
    scratch.count = 0;
    for (const auto& measure : kb.measures()) {
        if (step.has_measure_in_place(measure.id)) continue;
        if (!measure.applies.fits(step, raw_impact.severity)) continue;
        const auto& addressed = tables.addressed(&measure);
        bool present = std::any_of(addressed.begin(), addressed.end(), [&](RiskSource r) {
            return r == RiskSource::impact ? raw_impact.value > 0 : weight[static_cast<std::size_t>(r)] > 0;
        });
        if (!present) continue;
        if (scratch.count == options.size()) options.emplace_back();
        PlanOption& option = options[scratch.count];
        option.measure = &measure;
        option.reduction = 0;
        option.rows.clear();
        for (std::size_t gi : high_grounds) {
            const auto& before = sr.scores[gi];
            auto [after, after_level] = rescore_with(terms[gi].view(), before.impact, step, gi, tables, measure, kb);
            if (after >= before.score) continue;
            option.reduction += before.score - after;
            option.rows.push_back({gi, after, after_level});
        }
        if (!option.rows.empty()) ++scratch.count;
    }
    auto& order = scratch.order;
    order.resize(scratch.count);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        if (options[x].reduction != options[y].reduction) return options[x].reduction > options[y].reduction;
        return options[x].measure->id < options[y].measure->id;
    });
    // First, for each of the step's largest sources in turn, the measure that lowers that source most (ties: the
    // larger total effect); then the other measures by their total effect.
    std::size_t keep = m.recommendations_per_step ? m.recommendations_per_step : m.recommendations_per_risk;
    auto& chosen = scratch.chosen;
    chosen.clear();
    auto& taken = scratch.taken;
    taken.assign(order.size(), false);
    for (RiskSource source : largest_sources) {
        if (chosen.size() >= keep) break;
        std::size_t best = order.size();
        double best_factor = 1;
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (taken[i]) continue;
            double f = options[order[i]].factor_on(source, step.automation);
            if (f < best_factor) {
                best_factor = f;
                best = i;
            }
        }
        if (best == order.size()) continue;
        taken[best] = true;
        chosen.push_back({best, {source}});
    }
    for (std::size_t i = 0; i < order.size() && chosen.size() < keep; ++i) {
        if (taken[i]) continue;
        InlineList<RiskSource, 3> aimed;
        for (RiskSource source : largest_sources) {
            if (options[order[i]].factor_on(source, step.automation) < 1) aimed.push_back(source);
        }
        chosen.push_back({i, aimed});
    }
    const std::string_view step_id = chosen.empty() ? std::string_view{} : store->add(step.id);
    for (std::size_t rank = 0; rank < chosen.size(); ++rank) {
        const PlanOption& option = options[order[chosen[rank].first]];
        const std::string_view measure_id = names.measure_id(option.measure);
        for (const auto& row : option.rows) {
            const auto& before = sr.scores[row.ground];
            out.push_back({step_id, names.ground_id(row.ground), measure_id, before.score, before.level, row.after,
                           row.after_level, rank + 1, chosen[rank].second, store});
        }
    }
}

/// Per step, the ids of the steps of each severity level reachable from it (a path of length >= 1), by a reverse
/// search from each adverse step; empty when (adverse steps x (steps + flows)) exceeds `budget`.
using ReachableOutcomes = std::vector<std::array<std::vector<std::size_t>, 5>>;
ReachableOutcomes reachable_outcomes_of(const Process& process, const ProcessGraph& pg, std::size_t budget) {
    const std::size_t n = process.steps.size();
    ReachableOutcomes reachable_outcomes;
    std::size_t adverse = 0;
    for (const auto& s : process.steps) adverse += s.severity != Severity::none ? 1 : 0;
    if (adverse * (n + process.flows.size()) > budget) return reachable_outcomes;
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
    return reachable_outcomes;
}

/// What the summary needs of the scores of a range of steps, for one ground, gathered while they are scored (a
/// second pass over 1.1 million scores of 216 bytes read them all from memory again).
struct GroundTally {
    double max_score = 0;
    std::size_t max_step = GraphAnalysis::npos; ///< the first step with the highest score above 0
    std::size_t max_level = 0;
    std::vector<std::size_t> steps_per_level;
};

/// What scoring a step reads (the model, its analysis) and where it writes (its StepResult in `a.steps`).
struct StepScorer {
    const Process& process;
    const KnowledgeBase& kb;
    const ProcessGraph& pg;
    const GraphAnalysis& ga;
    const ReachableOutcomes& reachable_outcomes;
    const AssessOptions& options;
    const GroundTables& tables;
    const WeightNames& names;
    const std::vector<const AttributeKind*>& attribute_kinds; ///< per attribute of the process: its kind, or null
    Assessment& a;
    std::vector<char>& at_high; ///< [ground x steps + step]: the score is at or above the threshold

    /// Scores the steps [begin, end) into a.steps and their action plan into `plan_out`. Each writes only its own
    /// steps, so ranges of steps are scored by threads side by side.
    void score(std::size_t begin, std::size_t end, std::vector<Recommendation>& plan_out,
               const std::shared_ptr<TextStore>& store, std::vector<GroundTally>& tally) const {
        const auto& m = kb.method();
        const std::size_t n = a.steps.size();
        tally.assign(a.grounds.size(), GroundTally{});
        for (auto& t : tally) t.steps_per_level.assign(a.levels.size(), 0);
        const bool explain = options.explanations;
        // Kept from one step to the next, so that scoring allocates nothing per (step, ground).
        std::vector<TermList> terms(a.grounds.size());
        std::vector<const AttributeKind*> uses;
        std::vector<WeightNames::Id> moved;
        std::vector<const Measure*> measures;
        std::vector<std::size_t> high_grounds;
        PlanScratch plan;
        StepTexts texts;
        Scored scored;
        // The rows of the plan are reserved once, from the rows of the first sixteenth of the steps: growing by
        // doubling wrote every row two or three times and left the old buffers as memory the kernel had to hand out.
        const std::size_t sample_end = end - begin >= 8192 ? begin + (end - begin) / 16 : end;
        for (std::size_t s = begin; s < end; ++s) {
            if (s == sample_end && !plan_out.empty()) {
                const double per_step = static_cast<double>(plan_out.size()) / static_cast<double>(s - begin);
                plan_out.reserve(static_cast<std::size_t>(per_step * 1.125 * static_cast<double>(end - begin)) + 1024);
            }
            const Step& step = process.steps[s];
            StepResult& sr = a.steps[s];
            sr.id = step.id;
            sr.name = step.name;
            sr.kind = step.kind;
            sr.expected_visits = ga.expected_visits[s];
            sr.in_cycle = ga.in_cycle[s];
            sr.reachable = ga.reachable[s];
            measures_of(step, kb, measures);
            uses.clear();
            for (const auto& use : step.uses) {
                const Attribute* attribute = process.find_attribute(use.attribute);
                uses.push_back(attribute ? attribute_kinds[static_cast<std::size_t>(attribute - process.attributes.data())] : nullptr);
            }

            ImpactTerm raw_impact = raw_impact_of(process, pg, ga, s, kb);
            if (explain && !reachable_outcomes.empty() && raw_impact.severity != Severity::none) {
                for (std::size_t o : reachable_outcomes[s][static_cast<std::size_t>(raw_impact.severity)])
                    raw_impact.outcomes.push_back(process.steps[o].id);
                std::sort(raw_impact.outcomes.begin(), raw_impact.outcomes.end());
            }
            if (explain) texts.reset(step, *store);
            std::optional<ScaledImpacts> impacts;
            if (options.robustness_band > 0) impacts.emplace(raw_impact, m, names, options.robustness_band);

            sr.scores.resize(a.grounds.size());
            high_grounds.clear();
            for (std::size_t gi = 0; gi < a.grounds.size(); ++gi) {
                const std::string& ground = a.grounds[gi];
                TermList& list = terms[gi];
                raw_terms(step, uses, gi, ground, tables, names, kb, list);
                score_terms(step, gi, tables, list, raw_impact, measures, kb, scored);
                StepGroundScore& score = sr.scores[gi];
                score.likelihood = scored.likelihood;
                score.impact = scored.impact;
                score.score = scored.score;
                score.level = scored.level;
                if (options.robustness_band > 0)
                    score.robustness = robustness_of(list.view(), scored, raw_impact, *impacts, m, names, options.robustness_band, explain, moved);
                else score.robustness = {0, score.score, score.score, score.level, score.level, {}};
                if (explain) {
                    score.contributions = contributions_of(list.view(), names, texts);
                    score.texts = store;
                    for (const auto& d : scored.impact_dampened_by) score.impact_dampened_by.push_back({names.measure_id(d.measure), d.factor});
                }
                GroundTally& t = tally[gi];
                ++t.steps_per_level[score.level];
                if (score.score > t.max_score) {
                    t.max_score = score.score;
                    t.max_step = s;
                    t.max_level = score.level;
                }
                if (a.at_or_above_threshold(score)) {
                    high_grounds.push_back(gi);
                    at_high[gi * n + s] = 1;
                }
            }
            if (!high_grounds.empty()) plan_for_step(step, sr, terms, high_grounds, raw_impact, tables, names, kb, store, plan, plan_out);
            if (explain) sr.impact_term = std::move(raw_impact);
        }
        // A process whose first steps plan more than the rest gives the memory it did not use back.
        if (plan_out.capacity() > 2 * plan_out.size() + 1024) plan_out.shrink_to_fit();
    }
};

/// Scores every step with `threads` threads (each given a range of steps) and appends the action plan in the order
/// of the steps: the result is the same for any number of threads.
std::vector<GroundTally> score_all_steps(const StepScorer& scorer, std::size_t n, std::size_t threads,
                                         const std::shared_ptr<const TextStore>& shared) {
    std::vector<std::vector<Recommendation>> plans(threads);
    std::vector<std::vector<GroundTally>> tallies(threads);
    // A store per thread (the texts of its steps), each keeping the one shared by all steps.
    std::vector<std::shared_ptr<TextStore>> stores;
    for (std::size_t t = 0; t < threads; ++t) stores.push_back(std::make_shared<TextStore>(shared));
    std::vector<std::exception_ptr> failures(threads);
    // The scores of the other threads' steps are allocated here: memory a thread allocates comes from an arena of its
    // own, which gives it back to the kernel when the assessment is freed, so that every assessment paid for fresh
    // pages again (twice the page faults of one thread over repeated assessments).
    if (threads > 1) {
        for (std::size_t s = n / threads; s < n; ++s) scorer.a.steps[s].scores.resize(scorer.a.grounds.size());
    }
    auto score_range = [&](std::size_t t) {
        try {
            scorer.score(n * t / threads, n * (t + 1) / threads, plans[t], stores[t], tallies[t]);
        } catch (...) {
            failures[t] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            workers.emplace_back(score_range, t);
        } catch (const std::system_error&) {
            score_range(t); // no thread to be had: the range is scored here, the result the same
        }
    }
    score_range(0);
    for (auto& w : workers) w.join();
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    auto& recommendations = scorer.a.recommendations;
    recommendations = std::move(plans.front()); // the first range's rows stay where they are
    for (std::size_t t = 1; t < threads; ++t)
        recommendations.insert(recommendations.end(), std::make_move_iterator(plans[t].begin()), std::make_move_iterator(plans[t].end()));
    // The ranges in the order of their steps: the first step with the highest score stays the first.
    std::vector<GroundTally> tally = std::move(tallies.front());
    for (std::size_t t = 1; t < threads; ++t) {
        for (std::size_t gi = 0; gi < tally.size(); ++gi) {
            const GroundTally& later = tallies[t][gi];
            for (std::size_t l = 0; l < later.steps_per_level.size(); ++l) tally[gi].steps_per_level[l] += later.steps_per_level[l];
            if (later.max_score > tally[gi].max_score) {
                tally[gi].max_score = later.max_score;
                tally[gi].max_step = later.max_step;
                tally[gi].max_level = later.max_level;
            }
        }
    }
    return tally;
}

/// Per ground: the highest score, steps per level (tallied while scoring), and the cases that pass a step at or
/// above the threshold level (`at_high`: [ground x steps + step]).
void summarise(Assessment& a, const Process& process, const ProcessGraph& pg, const GraphAnalysis& ga,
               const SolverSettings& solver, std::vector<GroundTally>&& tally, const std::vector<char>& at_high) {
    const std::size_t n = a.steps.size(), grounds = a.grounds.size();
    a.summary.resize(grounds);
    for (std::size_t gi = 0; gi < grounds; ++gi) {
        GroundSummary& sum = a.summary[gi];
        sum.ground = a.grounds[gi];
        sum.steps_per_level = std::move(tally[gi].steps_per_level);
        sum.max_score = tally[gi].max_score;
        if (tally[gi].max_step != GraphAnalysis::npos) sum.max_step = a.steps[tally[gi].max_step].id;
        sum.max_level = tally[gi].max_level;
    }
    auto marks_of = [&](std::size_t gi) { return std::span<const char>(at_high.data() + gi * n, n); };
    // Grounds often share their steps at or above the threshold: each distinct set is solved once.
    std::vector<std::pair<std::size_t, double>> solved; // the first ground of each distinct set, its share
    std::vector<std::vector<std::size_t>> members;      // of each component, once for all solves
    for (std::size_t gi = 0; gi < grounds; ++gi) {
        const auto marks = marks_of(gi);
        auto same = std::find_if(solved.begin(), solved.end(), [&](const auto& set) { return std::ranges::equal(marks_of(set.first), marks); });
        if (same == solved.end()) {
            double share = 0;
            if (std::ranges::find(marks, 1) != marks.end()) {
                if (members.empty()) members = detail::component_members(ga);
                const std::vector<bool> target(marks.begin(), marks.end());
                share = std::min(1.0, probability_of_passing(pg, ga, members, target, solver));
            }
            solved.emplace_back(gi, share);
            same = solved.end() - 1;
        }
        GroundSummary& sum = a.summary[gi];
        sum.share_passing_high = same->second;
        sum.citizens_per_year_high = process.cases_per_year * sum.share_passing_high;
    }
}

} // namespace

Assessment assess(const Process& process, const KnowledgeBase& kb, const AssessOptions& options) {
    const auto& m = kb.method();
    ProcessGraph pg(process); // built once, with its components, for the checks and the method
    GraphAnalysis components;
    detail::components_in_order(pg, components);
    {
        auto problems = detail::validate_with_graph(process, kb, pg, &components);
        bool has_error = std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return p.is_error(); });
        if (has_error) throw ValidationError(std::move(problems));
    }
    GraphAnalysis ga = detail::analyse_graph_from_components(process, pg, options.solver, std::move(components));
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

    const ReachableOutcomes reachable_outcomes = reachable_outcomes_of(process, pg, options.outcome_naming_budget);
    a.steps.resize(n);
    // Threads only where each gets enough steps to be worth starting.
    const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(options.threads, n / 2000));
    const GroundTables tables(kb, a.grounds);
    std::vector<const AttributeKind*> attribute_kinds;
    for (const auto& attribute : process.attributes) attribute_kinds.push_back(kb.find_attribute_kind(attribute.kind));
    auto shared_texts = std::make_shared<TextStore>(); // the weights', measures' and grounds' names
    const WeightNames names(kb, a.grounds, *shared_texts);
    a.explained = options.explanations;
    std::vector<char> at_high(a.grounds.size() * n, 0);
    auto tally = score_all_steps(StepScorer{process, kb, pg, ga, reachable_outcomes, options, tables, names, attribute_kinds, a, at_high},
                                 n, threads, shared_texts);
    for (std::size_t o = 0; o < n; ++o) {
        if (ga.gatekeeper_of[o] != GraphAnalysis::npos) a.steps[ga.gatekeeper_of[o]].guards.push_back(process.steps[o].id);
    }

    summarise(a, process, pg, ga, options.solver, std::move(tally), at_high);
    return a;
}

} // namespace artikel1
