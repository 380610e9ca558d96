// artikel1 reports: what every format shares. The words of the reports in Dutch and English, the ordering of risks,
// and the explanation of a score in one sentence per source. The writers (text, markdown, csv, dot, html) only lay
// these out.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>

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

/// A word or phrase of the reports in both languages.
struct Phrase {
    std::string_view nl;
    std::string_view en;
    std::string_view in(Language language) const { return language == Language::nl ? nl : en; }
};

namespace words {
inline constexpr Phrase title{"Discriminatietoets: risicobeoordeling", "Discrimination risk assessment"};
inline constexpr Phrase process{"Proces", "Process"};
inline constexpr Phrase organisation{"Organisatie", "Organisation"};
inline constexpr Phrase method{"Methode", "Method"};
inline constexpr Phrase knowledge_base{"Kennisbank", "Knowledge base"};
inline constexpr Phrase date{"Datum", "Date"};
inline constexpr Phrase cases_per_year{"Zaken per jaar", "Cases per year"};
inline constexpr Phrase summary{"Samenvatting per discriminatiegrond", "Summary per ground"};
inline constexpr Phrase ground{"Grond", "Ground"};
inline constexpr Phrase highest{"Hoogste score", "Highest score"};
inline constexpr Phrase level{"Niveau", "Level"};
inline constexpr Phrase at_step{"Bij stap", "At step"};
inline constexpr Phrase steps_per_level{"Stappen per niveau", "Steps per level"};
inline constexpr Phrase citizens_high{"Burgers per jaar langs hoog risico", "Citizens per year through high risk"};
inline constexpr Phrase top_risks{"Hoogste risico's", "Top risks"};
inline constexpr Phrase step{"Stap", "Step"};
inline constexpr Phrase score{"Score", "Score"};
inline constexpr Phrase likelihood{"kans", "likelihood"};
inline constexpr Phrase impact{"impact", "impact"};
inline constexpr Phrase gatekeepers{"Poortwachters (beste plek voor een maatregel)", "Gatekeepers (the best place for a measure)"};
inline constexpr Phrase guards{"bewaakt", "guards"};
inline constexpr Phrase no_gatekeepers{"Geen beslispunt bewaakt alle paden naar een nadelige uitkomst.",
                                       "No decision point guards every path to an adverse outcome."};
inline constexpr Phrase plan{"Concept-actieplan: aanbevolen maatregelen", "Draft action plan: recommended measures"};
inline constexpr Phrase measure{"Maatregel", "Measure"};
inline constexpr Phrase expected_effect{"Verwacht effect", "Expected effect"};
inline constexpr Phrase owner{"Eigenaar", "Owner"};
inline constexpr Phrase deadline{"Datum gereed", "Due date"};
inline constexpr Phrase no_recommendations{"Geen risico's op of boven het drempelniveau: geen aanbevelingen.",
                                           "No risks at or above the threshold level: no recommendations."};
inline constexpr Phrase heatmap{"Risico per stap en grond", "Risk per step and ground"};
inline constexpr Phrase graph{"Het proces, gekleurd naar hoogste risico", "The process, coloured by highest risk"};
inline constexpr Phrase explanations{"Toelichting per stap", "Explanation per step"};
inline constexpr Phrase no_risk{"Geen risicobronnen.", "No risk sources."};
inline constexpr Phrase disclaimer{
    "Een risicoscore is een signaal om over na te denken, geen juridisch oordeel over discriminatie.",
    "A risk score is a signal for reflection, not a legal finding of discrimination."};
inline constexpr Phrase dampened_by{"verlaagd door", "dampened by"};
inline constexpr Phrase outcomes{"uitkomsten", "outcomes"};
inline constexpr Phrase probability{"kans", "probability"};
} // namespace words

inline Phrase source_name(RiskSource source) {
    switch (source) {
    case RiskSource::direct: return {"direct onderscheid", "direct distinction"};
    case RiskSource::proxy: return {"indirect kenmerk (proxy)", "proxy attribute"};
    case RiskSource::discretion: return {"beleidsvrijheid x zichtbaarheid", "discretion x visibility"};
    case RiskSource::assumption: return {"mensbeeld (aanname)", "documented assumption"};
    case RiskSource::complaint: return {"klachten en signalen", "complaints and signals"};
    case RiskSource::rule_complexity: return {"complexe regels", "rule complexity"};
    case RiskSource::algorithmic_selection: return {"algoritmische selectie", "algorithmic selection"};
    case RiskSource::impact: return {"impact", "impact"};
    }
    return {"", ""};
}

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

/// "impact 0.55: severe outcomes (sanction) reached with probability 0.10"
inline std::string explain_impact(const ImpactTerm& t, Language language) {
    std::string out = std::string(words::impact.in(language)) + " " + fixed(t.value, 2);
    if (t.severity == Severity::none) return out;
    out += ": " + std::string(to_string(t.severity)) + " " + std::string(words::outcomes.in(language));
    if (!t.outcomes.empty()) {
        out += " (";
        for (std::size_t i = 0; i < t.outcomes.size(); ++i) out += (i ? ", " : "") + t.outcomes[i];
        out += ")";
    }
    out += ", " + std::string(words::probability.in(language)) + " " + fixed(t.probability, 2);
    if (t.vulnerability != 1) out += ", x" + fixed(t.vulnerability, 2);
    return out;
}

} // namespace artikel1::report
