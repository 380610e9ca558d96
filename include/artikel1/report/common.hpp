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

/// A number with a fixed number of decimals, independent of the locale of the host.
inline std::string fixed(double value, int decimals = 1) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// A whole number with a thin grouping of thousands ("12 000"), for citizens per year.
inline std::string whole(double value) {
    std::string digits = fixed(value, 0), out;
    std::size_t start = digits[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > start && (digits.size() - i) % 3 == 0) out += ' ';
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

inline std::string measure_label(const KnowledgeBase& kb, const std::string& id, Language language) {
    const Measure* m = kb.find_measure(id);
    return m ? m->label.in(language) : id;
}

/// A number with `digits` significant digits and no trailing zeros (at least `min_decimals` decimals): 0.003 reads
/// "0.003", never "0.00"; 0.1 reads "0.10" with two minimum decimals. Below 1e-12 it reads "0".
inline std::string significant(double value, int digits = 3, int min_decimals = 0) {
    if (!(std::abs(value) >= 1e-12)) return min_decimals > 0 ? fixed(0, min_decimals) : "0";
    int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    int decimals = std::clamp(digits - 1 - magnitude, min_decimals, 12);
    std::string text = fixed(value, decimals);
    if (text.find('.') != std::string::npos) {
        std::size_t keep = text.find('.') + static_cast<std::size_t>(min_decimals);
        while (text.size() - 1 > keep && text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text;
}

/// "strength postcode 0.5 x role selection_criterion 1 x automation algorithmic 1"; a complaint reads
/// "1 - (1 - complaint 0.1)^2".
inline std::string factors_text(const Contribution& c) {
    if (c.source == RiskSource::complaint && c.factors.size() == 2)
        return "1 - (1 - " + c.factors[0].name + " " + significant(c.factors[0].value, 6) + ")^" +
               significant(c.factors[1].value, 12);
    std::string out;
    for (std::size_t i = 0; i < c.factors.size(); ++i)
        out += (i ? " x " : "") + c.factors[i].name + " " + significant(c.factors[i].value, 6);
    return out;
}

/// One line per source, every factor shown: "proxy attribute: postcode (selection_criterion, algorithmic, kind
/// postcode), strength postcode 0.5 x role selection_criterion 1 x automation algorithmic 1 = 0.50 -> 0.35
/// (dampened by bias testing x0.70)".
inline std::string explain(const Contribution& c, const KnowledgeBase& kb, Language language) {
    std::string out = std::string(source_name(c.source).in(language)) + ": ";
    out += c.attribute.empty() ? c.detail : c.attribute + " (" + c.detail + ")";
    if (!c.legal_basis.empty()) out += " [" + c.legal_basis + "]";
    out += ", ";
    if (!c.factors.empty()) out += factors_text(c) + " = ";
    out += significant(c.raw, 3, 2);
    if (!c.dampened_by.empty()) {
        out += " -> " + significant(c.value, 3, 2) + " (" + std::string(words::dampened_by.in(language)) + " ";
        for (std::size_t i = 0; i < c.dampened_by.size(); ++i) {
            if (i) out += ", ";
            out += measure_label(kb, c.dampened_by[i].measure, language) + " x" + significant(c.dampened_by[i].factor, 3, 2);
        }
        out += ")";
    }
    return out;
}

/// "impact 0.75 = severity high 0.75 (burden d -> search) x (base 0.5 + weight 0.5 x probability 1, on the adverse
/// branch, taken by 3% of the cases)", then the vulnerability, the cap and the measures.
inline std::string explain_impact(const ImpactTerm& t, const KnowledgeBase& kb, Language language) {
    std::string out = std::string(words::impact.in(language)) + " " + significant(t.value, 3, 2);
    if (t.severity == Severity::none) return out;
    out += " = " + std::string(words::severity.in(language)) + " " + std::string(severity_name(t.severity).in(language)) +
           " " + significant(t.severity_value, 6);
    std::vector<std::string> named = t.outcomes;
    for (const auto& b : t.burdens) named.push_back(std::string(words::burden.in(language)) + " " + b);
    if (!named.empty()) {
        out += " (";
        for (std::size_t i = 0; i < named.size(); ++i) out += (i ? ", " : "") + named[i];
        out += ")";
    }
    out += " x (" + std::string(words::base.in(language)) + " " + significant(t.base, 6) + " + " +
           std::string(words::weight.in(language)) + " " + significant(t.probability_weight, 6) + " x " +
           std::string(words::probability.in(language)) + " " + significant(t.probability, 3);
    if (t.conditional)
        out += ", " + std::string(words::on_adverse_branch.in(language)) + " " + significant(100 * t.adverse_share, 3) + "%";
    out += ")";
    if (t.vulnerability != 1) out += " x " + std::string(words::vulnerable_group.in(language)) + " " + significant(t.vulnerability, 6);
    if (t.capped) out += ", " + std::string(words::capped.in(language));
    for (const auto& d : t.dampened_by) {
        out += ", " + std::string(words::dampened_by.in(language)) + " " + measure_label(kb, d.measure, language) + " x" +
               significant(d.factor, 3, 2);
    }
    return out;
}

/// "high, holds (range 41.0 to 58.3 with every weight +-25%)" or "high, could be medium to very high (...)", and
/// the weights that move it most.
inline std::string explain_robustness(const StepGroundScore& s, const Assessment& a, Language language) {
    const auto& r = s.robustness;
    if (r.band <= 0) return {};
    std::string out = a.levels[s.level].label.in(language) + ", ";
    if (s.level_holds()) {
        out += std::string(words::holds.in(language));
    } else {
        out += std::string(words::could_be.in(language)) + " ";
        if (r.level_low != s.level) out += a.levels[r.level_low].label.in(language);
        if (r.level_low != s.level && r.level_high != s.level) out += " " + std::string(words::to.in(language)) + " ";
        if (r.level_high != s.level) out += a.levels[r.level_high].label.in(language);
    }
    out += " (" + std::string(words::range.in(language)) + " " + fixed(r.low) + " - " + fixed(r.high) + ", " +
           std::string(words::every_weight.in(language)) + " +-" + significant(100 * r.band, 3) + "%)";
    if (!r.movers.empty()) {
        out += "; " + std::string(words::moved_most_by.in(language)) + " ";
        for (std::size_t i = 0; i < r.movers.size(); ++i)
            out += (i ? ", " : "") + r.movers[i].name + " " + (r.movers[i].value >= 0 ? "+" : "") + fixed(r.movers[i].value);
    }
    return out;
}

/// The action plan grouped: one entry per (step, measure), in the order of the assessment, with its rows per ground.
struct PlanEntry {
    std::string step;
    std::string measure;
    std::size_t rank = 0;
    std::vector<RiskSource> aimed_at;
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
        out += (i ? "; " : "") + a.ground_labels[a.ground_index(r.ground)].in(language) + " " + fixed(r.score_before) + " " +
               a.levels[r.level_before].label.in(language) + " " + std::string(arrow) + " " + fixed(r.score_after) + " " +
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
