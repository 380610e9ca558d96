// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the words of the reports (the user interface) in Dutch and English. The labels of grounds,
// levels and measures are not here: they come from the knowledge base, so a user who adds a ground names it there.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/knowledge_base.hpp>

#include <string_view>

namespace artikel1::report {

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
inline constexpr Phrase likelihood{"waarschijnlijkheid", "likelihood"};
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
inline constexpr Phrase severity{"ernst", "severity"};
inline constexpr Phrase vulnerable_group{"kwetsbare doelgroep", "vulnerable target group"};
inline constexpr Phrase legend{"Niveaus", "Levels"};
inline constexpr Phrase graph_missing{
    "De procesgraaf vraagt Graphviz (het programma dot), dat niet gevonden werd of faalde: installeer graphviz.",
    "The process graph needs Graphviz (the dot program), which was not found or failed: install graphviz."};
inline constexpr Phrase probability{"kans", "probability"};
inline constexpr Phrase burden{"last van", "burden of"};
inline constexpr Phrase base{"basis", "base"};
inline constexpr Phrase weight{"gewicht", "weight"};
inline constexpr Phrase on_adverse_branch{"op de nadelige tak, genomen door", "on the adverse branch, taken by"};
inline constexpr Phrase capped{"afgekapt op 1", "capped at 1"};
inline constexpr Phrase aimed_at{"gericht op", "aimed at"};
inline constexpr Phrase holds{"houdt stand", "holds"};
inline constexpr Phrase could_be{"kan ook zijn:", "could be"};
inline constexpr Phrase to{"tot", "to"};
inline constexpr Phrase range{"bereik", "range"};
inline constexpr Phrase every_weight{"elk gewicht", "every weight"};
inline constexpr Phrase moved_most_by{"het meest bewogen door", "moved most by"};
inline constexpr Phrase robustness{"Robuustheid", "Robustness"};
} // namespace words

inline Phrase severity_name(Severity severity) {
    switch (severity) {
    case Severity::none: return {"geen", "none"};
    case Severity::low: return {"laag", "low"};
    case Severity::moderate: return {"matig", "moderate"};
    case Severity::high: return {"hoog", "high"};
    case Severity::severe: return {"zeer ernstig", "severe"};
    }
    return {"", ""};
}

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

} // namespace artikel1::report
