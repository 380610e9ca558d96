// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: what every format shares: the options, number formatting, the ordering of risks and the
// explanation of a score in one sentence per source (the words themselves are in i18n.hpp). The writers (text,
// markdown, csv, dot, html) only lay these out.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>
#include <artikel1/report/i18n.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1::report {

struct ReportOptions {
    Language language = Language::en;
    std::string date;          ///< shown in the report; empty: not shown (fix it for reproducible output)
    bool colour = false;       ///< ANSI colours in the text report
    std::size_t top = 10;      ///< number of top risks explained in text and Markdown
};

/// A number written as the language writes it: Dutch with a decimal comma ("0,5"), English with a point.
inline std::string localised(std::string number, Language language = Language::en) {
    if (language == Language::nl) std::replace(number.begin(), number.end(), '.', ',');
    return number;
}

/// A number with a fixed number of decimals, independent of the locale of the host (a decimal comma in Dutch).
inline std::string fixed(double value, int decimals = 1, Language language = Language::en) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return localised(buffer, language);
}

/// A whole number with its thousands grouped, for citizens per year: "12 000" in English, "12.000" in Dutch.
inline std::string whole(double value, Language language = Language::en) {
    std::string digits = fixed(value, 0), out;
    std::size_t start = digits[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > start && (digits.size() - i) % 3 == 0) out += language == Language::nl ? '.' : ' ';
        out += digits[i];
    }
    return out;
}

/// A risk of one step and ground, for lists.
struct RiskRef {
    std::size_t step;
    std::size_t ground;
    const StepGroundScore* score;
};

/// All (step, ground) risks with a score above 0, highest first (ties: step order, then ground order).
inline std::vector<RiskRef> ranked_risks(const Assessment& a) {
    std::vector<RiskRef> out;
    for (std::size_t s = 0; s < a.steps.size(); ++s) {
        for (std::size_t g = 0; g < a.steps[s].scores.size(); ++g) {
            if (a.steps[s].scores[g].score > 0) out.push_back({s, g, &a.steps[s].scores[g]});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const RiskRef& x, const RiskRef& y) { return x.score->score > y.score->score; });
    return out;
}

/// The highest level of a step over all grounds.
inline std::size_t step_level(const StepResult& step) {
    std::size_t level = 0;
    for (const auto& s : step.scores) level = std::max(level, s.level);
    return level;
}

inline std::string step_label(const StepResult& step) { return step.name.empty() ? step.id : step.name; }

/// "Name (id)", or the id alone for a step without a name.
inline std::string step_title(const StepResult& step) { return step.name.empty() ? step.id : step.name + " (" + step.id + ")"; }

inline std::string measure_label(const KnowledgeBase& kb, std::string_view id, Language language) {
    const Measure* m = kb.find_measure(id);
    return m ? m->label.in(language) : std::string(id);
}

/// A number with `digits` significant digits and no trailing zeros (at least `min_decimals` decimals): 0.003 reads
/// "0.003", never "0.00"; 0.1 reads "0.10" with two minimum decimals. Below 1e-12 it reads "0". Dutch: "0,003".
inline std::string significant(double value, int digits = 3, int min_decimals = 0, Language language = Language::en) {
    if (!(std::abs(value) >= 1e-12)) return min_decimals > 0 ? fixed(0, min_decimals, language) : "0";
    int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    int decimals = std::clamp(digits - 1 - magnitude, min_decimals, 12);
    std::string text = fixed(value, decimals);
    if (text.find('.') != std::string::npos) {
        std::size_t keep = text.find('.') + static_cast<std::size_t>(min_decimals);
        while (text.size() - 1 > keep && text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return localised(text, language);
}

/// The name of a weight, a factor or a robustness mover in the language of the report. English shows the name as
/// the knowledge base spells it ("role selection_criterion"); Dutch translates the weight and its value
/// ("rol selectiecriterium", "zichtbaarheid aan het loket / huisbezoek", "sterkte postcode").
inline std::string weight_label(std::string_view name, const KnowledgeBase& kb, Language language) {
    if (language != Language::nl) return std::string(name);
    auto space = name.find(' ');
    std::string weight(name.substr(0, space));
    std::string out(weight_name_nl(weight));
    if (space == std::string::npos) return out;
    std::string id(name.substr(space + 1)), value = id;
    if (weight == "role") {
        if (auto r = enum_from_string<AttributeRole>(id)) value = role_name_nl(*r);
    } else if (weight == "automation") {
        if (auto v = enum_from_string<Automation>(id)) value = automation_name_nl(*v);
    } else if (weight == "discretion") {
        if (auto v = enum_from_string<Discretion>(id)) value = discretion_name_nl(*v).en;
    } else if (weight == "visibility") {
        if (auto v = enum_from_string<Channel>(id)) value = kb.channel(*v).label.in(language);
    } else if (weight == "rule_complexity") {
        if (auto v = enum_from_string<RuleComplexity>(id)) value = complexity_name_nl(*v).en;
    } else if (weight == "severity") {
        if (auto v = enum_from_string<Severity>(id)) value = severity_name(*v).nl;
    } else if (weight == "strength") {
        if (const AttributeKind* k = kb.find_attribute_kind(id)) value = k->label.in(language);
    } else if (weight == "sensitivity") {
        if (const Ground* g = kb.find_ground(id)) value = g->label.in(language);
    } else if (weight == "measure") {
        if (const Measure* m = kb.find_measure(id)) value = m->label.in(language);
    }
    return out + " " + value;
}

/// The value of the factor named `weight` among the factors of `c` ("role selection_criterion" -> the text after
/// the space), or empty.
inline std::string factor_id(const Contribution& c, std::string_view weight) {
    for (const auto& f : c.factors) {
        if (f.name.size() > weight.size() && f.name.starts_with(weight) && f.name[weight.size()] == ' ')
            return std::string(f.name.substr(weight.size() + 1));
    }
    return {};
}

/// What a source comes from, in the language of the report. English: the assessment's own `detail` (as saved in
/// its JSON). Dutch: the same facts from the factors of the source, which name the enum values the detail is built
/// from: "selectiecriterium, algoritmisch, soort postcode", "ruime beleidsvrijheid, kanaal aan het loket",
/// "3 signalen (ombudsman)". The text of an assumption is the model's own and stays as written.
inline std::string detail_text(const Contribution& c, const KnowledgeBase& kb, Language language) {
    if (language != Language::nl) return std::string(c.detail);
    switch (c.source) {
    case RiskSource::direct:
    case RiskSource::proxy: {
        std::string out;
        if (auto r = enum_from_string<AttributeRole>(factor_id(c, "role"))) out += role_name_nl(*r);
        if (auto v = enum_from_string<Automation>(factor_id(c, "automation")))
            out += (out.empty() ? "" : ", ") + std::string(automation_name_nl(*v));
        // the detail ends in ", kind <attribute kind>" (raw_sources in assessment.hpp)
        static constexpr std::string_view kind_marker = ", kind ";
        if (auto k = c.detail.rfind(kind_marker); k != std::string::npos) {
            std::string kind(c.detail.substr(k + kind_marker.size()));
            const AttributeKind* ak = kb.find_attribute_kind(kind);
            out += (out.empty() ? "" : ", ") + std::string(words::kind.nl) + " " + (ak ? ak->label.in(language) : kind);
        }
        return out;
    }
    case RiskSource::discretion: {
        std::string out;
        if (auto d = enum_from_string<Discretion>(factor_id(c, "discretion")))
            out = std::string(discretion_name_nl(*d).nl) + " beleidsvrijheid";
        if (auto ch = enum_from_string<Channel>(factor_id(c, "visibility")))
            out += (out.empty() ? "" : ", ") + std::string(words::channel.nl) + " " + kb.channel(*ch).label.in(language);
        return out;
    }
    case RiskSource::complaint: {
        double count = c.factors.size() == 2 ? c.factors[1].value : 0;
        std::string out = significant(count, 12) + " " + std::string(count == 1 ? words::signal.nl : words::signals.nl);
        // the detail ends in " (<source>)" when the model names where the signals came from
        if (auto open = c.detail.find(" ("); open != std::string::npos) out += c.detail.substr(open);
        return out;
    }
    case RiskSource::rule_complexity:
        if (auto v = enum_from_string<RuleComplexity>(factor_id(c, "rule_complexity")))
            return std::string(complexity_name_nl(*v).nl) + " regelcomplexiteit";
        return std::string(c.detail);
    case RiskSource::algorithmic_selection: return std::string(words::algorithmic_decision.nl);
    case RiskSource::assumption: return "\u201c" + std::string(c.detail) + "\u201d"; // the model's own words, quoted
    case RiskSource::impact: return std::string(c.detail);
    }
    return std::string(c.detail);
}

/// "strength postcode 0.5 x role selection_criterion 1 x automation algorithmic 1"; a complaint reads
/// "1 - (1 - complaint 0.1)^2".
inline std::string factors_text(const Contribution& c, const KnowledgeBase& kb, Language language = Language::en) {
    if (c.source == RiskSource::complaint && c.factors.size() == 2)
        return "1 - (1 - " + weight_label(c.factors[0].name, kb, language) + " " +
               significant(c.factors[0].value, 6, 0, language) + ")^" + significant(c.factors[1].value, 12, 0, language);
    std::string out;
    for (std::size_t i = 0; i < c.factors.size(); ++i)
        out += (i ? " x " : "") + weight_label(c.factors[i].name, kb, language) + " " + significant(c.factors[i].value, 6, 0, language);
    return out;
}

/// One line per source, every factor shown: "proxy attribute: postcode (selection_criterion, algorithmic, kind
/// postcode), strength postcode 0.5 x role selection_criterion 1 x automation algorithmic 1 = 0.50 -> 0.35
/// (dampened by bias testing x0.70)". In Dutch the detail and the factors are translated (detail_text,
/// weight_label), the numbers have a decimal comma, and so lists are separated by semicolons.
inline std::string explain(const Contribution& c, const KnowledgeBase& kb, Language language) {
    const bool nl = language == Language::nl;
    std::string out = std::string(source_name(c.source).in(language)) + ": ";
    std::string detail = detail_text(c, kb, language);
    out += c.attribute.empty() ? detail : std::string(c.attribute) + " (" + detail + ")";
    if (!c.legal_basis.empty()) out += " [" + std::string(c.legal_basis) + "]";
    out += nl ? "; " : ", ";
    if (!c.factors.empty()) out += factors_text(c, kb, language) + " = ";
    out += significant(c.raw, 3, 2, language);
    if (!c.dampened_by.empty()) {
        out += " -> " + significant(c.value, 3, 2, language) + " (" + std::string(words::dampened_by.in(language)) + " ";
        for (std::size_t i = 0; i < c.dampened_by.size(); ++i) {
            if (i) out += nl ? "; " : ", ";
            out += measure_label(kb, c.dampened_by[i].measure, language) + " x" +
                   significant(c.dampened_by[i].factor, 3, 2, language);
        }
        out += ")";
    }
    return out;
}

/// "impact 0.75 = severity high 0.75 (burden d -> search) x (base 0.5 + weight 0.5 x probability 1, on the adverse
/// branch, taken by 3% of the cases)", then the vulnerability, the cap and the measures. Dutch: decimal commas, and
/// the parts after the product separated by semicolons. The term is the step's; its value after the measures and the
/// measures applied are the ground's (`s`).
inline std::string explain_impact(const StepResult& step, const StepGroundScore& s, const KnowledgeBase& kb, Language language) {
    const ImpactTerm& t = step.impact_term;
    const std::string sep = language == Language::nl ? "; " : ", ";
    auto number = [&](double value, int digits, int min_decimals = 0) { return significant(value, digits, min_decimals, language); };
    std::string out = std::string(words::impact.in(language)) + " " + number(s.impact, 3, 2);
    if (t.severity == Severity::none) return out;
    out += " = " + std::string(words::severity.in(language)) + " " + std::string(severity_name(t.severity).in(language)) +
           " " + number(t.severity_value, 6);
    std::vector<std::string> named = t.outcomes;
    for (const auto& b : t.burdens) named.push_back(std::string(words::burden.in(language)) + " " + b);
    if (!named.empty()) {
        out += " (";
        for (std::size_t i = 0; i < named.size(); ++i) out += (i ? ", " : "") + named[i];
        out += ")";
    }
    out += " x (" + std::string(words::base.in(language)) + " " + number(t.base, 6) + " + " +
           std::string(words::weight.in(language)) + " " + number(t.probability_weight, 6) + " x " +
           std::string(words::probability.in(language)) + " " + number(t.probability, 3);
    if (t.conditional) out += sep + std::string(words::on_adverse_branch.in(language)) + " " + number(100 * t.adverse_share, 3) + "%";
    out += ")";
    if (t.vulnerability != 1) out += " x " + std::string(words::vulnerable_group.in(language)) + " " + number(t.vulnerability, 6);
    if (t.capped) out += sep + std::string(words::capped.in(language));
    for (const auto& d : s.impact_dampened_by) {
        out += sep + std::string(words::dampened_by.in(language)) + " " + measure_label(kb, d.measure, language) + " x" +
               number(d.factor, 3, 2);
    }
    return out;
}

/// "high, holds (range 41.0 to 58.3 with every weight +-25%)" or "high, could be medium to very high (...)", and
/// the weights that move it most (named in the language of the report, weight_label).
inline std::string explain_robustness(const StepGroundScore& s, const Assessment& a, Language language,
                                      const KnowledgeBase& kb = KnowledgeBase::builtin()) {
    const auto& r = s.robustness;
    if (r.band <= 0) return {};
    const bool nl = language == Language::nl;
    std::string out = a.levels[s.level].label.in(language) + ", ";
    if (s.level_holds()) {
        out += std::string(words::holds.in(language));
    } else {
        out += std::string(words::could_be.in(language)) + " ";
        if (r.level_low != s.level) out += a.levels[r.level_low].label.in(language);
        if (r.level_low != s.level && r.level_high != s.level) out += " " + std::string(words::to.in(language)) + " ";
        if (r.level_high != s.level) out += a.levels[r.level_high].label.in(language);
        if (nl) out += " zijn";
    }
    out += " (" + std::string(words::range.in(language)) + " " + fixed(r.low, 1, language) + " - " + fixed(r.high, 1, language) +
           (nl ? "; " : ", ") + std::string(words::every_weight.in(language)) + " +-" + significant(100 * r.band, 3, 0, language) + "%)";
    if (!r.movers.empty()) {
        out += "; " + std::string(words::moved_most_by.in(language)) + " ";
        for (std::size_t i = 0; i < r.movers.size(); ++i)
            out += (i ? (nl ? "; " : ", ") : "") + weight_label(r.movers[i].name, kb, language) + " " +
                   (r.movers[i].value >= 0 ? "+" : "") + fixed(r.movers[i].value, 1, language);
    }
    return out;
}

/// The action plan grouped: one entry per (step, measure), in the order of the assessment, with its rows per ground.
struct PlanEntry {
    std::string_view step;    ///< held by the assessment
    std::string_view measure; ///< held by the assessment
    std::size_t rank = 0;
    InlineList<RiskSource, 3> aimed_at;
    std::vector<const Recommendation*> rows;
};

inline std::vector<PlanEntry> plan_entries(const Assessment& a) {
    std::vector<PlanEntry> out;
    for (const auto& r : a.recommendations) {
        if (out.empty() || out.back().step != r.step || out.back().measure != r.measure)
            out.push_back({r.step, r.measure, r.rank, r.aimed_at, {}});
        out.back().rows.push_back(&r);
    }
    return out;
}

/// "race 51.6 high -> 38.7 medium; sex 45.0 high -> 33.8 medium"
inline std::string plan_effect(const Assessment& a, const PlanEntry& e, Language language, std::string_view arrow = "->") {
    std::string out;
    for (std::size_t i = 0; i < e.rows.size(); ++i) {
        const auto& r = *e.rows[i];
        out += (i ? "; " : "") + a.ground_labels[a.ground_index(r.ground)].in(language) + " " + fixed(r.score_before, 1, language) +
               " " + a.levels[r.level_before].label.in(language) + " " + std::string(arrow) + " " + fixed(r.score_after, 1, language) + " " +
               a.levels[r.level_after].label.in(language);
    }
    return out;
}

/// "aimed at: discretion x visibility, documented assumption" (empty when the measure lowers other sources).
inline std::string plan_aim(const PlanEntry& e, Language language) {
    if (e.aimed_at.empty()) return {};
    std::string out = std::string(words::aimed_at.in(language)) + ": ";
    for (std::size_t i = 0; i < e.aimed_at.size(); ++i) out += (i ? ", " : "") + std::string(source_name(e.aimed_at[i]).in(language));
    return out;
}

} // namespace artikel1::report
