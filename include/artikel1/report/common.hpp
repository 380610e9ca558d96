// artikel1 reports: what every format shares: the options, number formatting, the ordering of risks and the
// explanation of a score in one sentence per source (the words themselves are in i18n.hpp). The writers (text,
// markdown, csv, dot, html) only lay these out.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>
#include <artikel1/report/i18n.hpp>

#include <algorithm>
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

/// One line per source: "proxy attribute: postcode as selection_criterion, 0.50 -> 0.35 (dampened by bias testing x0.70)".
inline std::string explain(const Contribution& c, const KnowledgeBase& kb, Language language) {
    std::string out = std::string(source_name(c.source).in(language)) + ": ";
    out += c.attribute.empty() ? c.detail : c.attribute + " (" + c.detail + ")";
    if (!c.legal_basis.empty()) out += " [" + c.legal_basis + "]";
    out += ", " + fixed(c.raw, 2);
    if (!c.dampened_by.empty()) {
        out += " -> " + fixed(c.value, 2) + " (" + std::string(words::dampened_by.in(language)) + " ";
        for (std::size_t i = 0; i < c.dampened_by.size(); ++i) {
            if (i) out += ", ";
            out += measure_label(kb, c.dampened_by[i].measure, language) + " x" + fixed(c.dampened_by[i].factor, 2);
        }
        out += ")";
    }
    return out;
}

/// "impact 0.55: severity severe (sanction), probability 0.10, vulnerable target group x1.15"
inline std::string explain_impact(const ImpactTerm& t, const KnowledgeBase& kb, Language language) {
    std::string out = std::string(words::impact.in(language)) + " " + fixed(t.value, 2);
    if (t.severity == Severity::none) return out;
    out += ": " + std::string(words::severity.in(language)) + " " + std::string(severity_name(t.severity).in(language));
    if (!t.outcomes.empty()) {
        out += " (";
        for (std::size_t i = 0; i < t.outcomes.size(); ++i) out += (i ? ", " : "") + t.outcomes[i];
        out += ")";
    }
    out += ", " + std::string(words::probability.in(language)) + " " + fixed(t.probability, 2);
    if (t.vulnerability != 1) out += ", " + std::string(words::vulnerable_group.in(language)) + " x" + fixed(t.vulnerability, 2);
    for (const auto& d : t.dampened_by) {
        out += ", " + std::string(words::dampened_by.in(language)) + " " + measure_label(kb, d.measure, language) + " x" +
               fixed(d.factor, 2);
    }
    return out;
}

} // namespace artikel1::report
