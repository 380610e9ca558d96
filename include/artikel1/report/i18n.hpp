// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the words of the reports (the user interface) in Dutch and English. The labels of grounds,
// levels and measures are not here: they come from the knowledge base, so a user who adds a ground names it there.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/knowledge_base.hpp>

#include <string_view>
#include <utility>

namespace artikel1::report {

/// A word or phrase of the reports in both languages.
struct Phrase {
    std::string_view nl;
    std::string_view en;
    std::string_view in(Language language) const { return language == Language::nl ? nl : en; }
};

namespace words {
inline constexpr Phrase title{"Risicoverkenning voor de Discriminatietoets", "Risk scan for the discrimination test"};
inline constexpr Phrase process{"Proces", "Process"};
inline constexpr Phrase organisation{"Organisatie", "Organisation"};
inline constexpr Phrase method{"Methode", "Method"};
inline constexpr Phrase knowledge_base{"Kennisbank", "Knowledge base"};
inline constexpr Phrase date{"Datum", "Date"};
inline constexpr Phrase cases_per_year{"Zaken per jaar", "Cases per year"};
inline constexpr Phrase summary{"Samenvatting per discriminatiegrond", "Summary per ground"};
inline constexpr Phrase ground{"Grond", "Ground"};
inline constexpr Phrase highest{"Hoogste risicoscore", "Highest score"};
inline constexpr Phrase level{"Niveau", "Level"};
inline constexpr Phrase at_step{"Bij stap", "At step"};
inline constexpr Phrase steps_per_level{"Stappen per niveau", "Steps per level"};
inline constexpr Phrase citizens_high{"Burgers per jaar in een stap met hoog risico", "Citizens per year through high risk"};
inline constexpr Phrase top_risks{"Hoogste risico's", "Top risks"};
inline constexpr Phrase step{"Stap", "Step"};
inline constexpr Phrase score{"Risicoscore", "Score"};
inline constexpr Phrase likelihood{"kans op onderscheid", "likelihood"};
inline constexpr Phrase impact{"impact", "impact"};
inline constexpr Phrase gatekeepers{"Poortwachters (beste plek voor een maatregel)", "Gatekeepers (the best place for a measure)"};
inline constexpr Phrase guards{"bewaakt", "guards"};
inline constexpr Phrase no_gatekeepers{"Geen beslispunt bewaakt alle paden naar een nadelige uitkomst.",
                                       "No decision point guards every path to an adverse outcome."};
inline constexpr Phrase plan{"Concept-actieplan: maatregelen die wij aanraden", "Draft action plan: recommended measures"};
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
    "Een risicoscore is een signaal: een reden om samen na te denken over het proces. Het is geen oordeel dat er "
    "gediscrimineerd wordt.",
    "A risk score is a signal for reflection, not a legal finding of discrimination."};
inline constexpr Phrase dampened_by{"verlaagd door", "dampened by"};
inline constexpr Phrase severity{"ernst", "severity"};
inline constexpr Phrase vulnerable_group{"kwetsbare doelgroep", "vulnerable target group"};
inline constexpr Phrase legend{"Niveaus", "Levels"};
inline constexpr Phrase graph_missing{
    "De procesgraaf vraagt Graphviz (het programma dot), dat niet gevonden werd of faalde: installeer graphviz.",
    "The process graph needs Graphviz (the dot program), which was not found or failed: install graphviz."};
inline constexpr Phrase probability{"bereikkans", "probability"};
inline constexpr Phrase burden{"last van", "burden of"};
inline constexpr Phrase base{"basis", "base"};
inline constexpr Phrase weight{"gewicht", "weight"};
inline constexpr Phrase on_adverse_branch{"op de nadelige tak, die genomen wordt door", "on the adverse branch, taken by"};
inline constexpr Phrase capped{"begrensd op 1", "capped at 1"};
inline constexpr Phrase aimed_at{"gericht op", "aimed at"};
inline constexpr Phrase holds{"houdt stand", "holds"};
inline constexpr Phrase could_be{"kan ook", "could be"};
inline constexpr Phrase to{"tot", "to"};
inline constexpr Phrase range{"bereik", "range"};
inline constexpr Phrase every_weight{"elk gewicht", "every weight"};
inline constexpr Phrase moved_most_by{"het meest bewogen door", "moved most by"};
inline constexpr Phrase robustness{"Robuustheid", "Robustness"};
inline constexpr Phrase kind{"soort", "kind"};
inline constexpr Phrase channel{"kanaal", "channel"};
inline constexpr Phrase signal{"signaal", "signal"};
inline constexpr Phrase signals{"signalen", "signals"};
inline constexpr Phrase algorithmic_decision{"algoritmisch besluit", "algorithmic decision"};
inline constexpr Phrase severity_legend{"Ernst van de uitkomst", "Severity of the outcome"};
inline constexpr Phrase outcome_note{
    "Uitkomsten (ovalen) zijn gekleurd naar de ernst van de uitkomst voor de burger, niet naar risico.",
    "Outcomes (ellipses) are coloured by the severity of the outcome for the citizen, not by risk."};
inline constexpr Phrase fill_in{"in te vullen", "to fill in"};
inline constexpr Phrase plan_intro{
    "Dit plan is een voorstel. Per stap staan de maatregelen die het risico het meest verlagen, met het effect dat "
    "ze naar verwachting hebben. Bespreek ze in het team, kies wat past en vul per maatregel in wie hem uitvoert "
    "en wanneer hij klaar is.",
    "This plan is a proposal. For each step it lists the measures that lower the risk most, with their expected "
    "effect. Discuss them in the team, choose what fits and fill in who carries out each measure and by when."};
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
    case RiskSource::proxy: return {"indirect kenmerk", "proxy attribute"};
    case RiskSource::discretion: return {"beleidsvrijheid x zichtbaarheid", "discretion x visibility"};
    case RiskSource::assumption: return {"mensbeeld (aanname)", "documented assumption"};
    case RiskSource::complaint: return {"klachten en signalen", "complaints and signals"};
    case RiskSource::rule_complexity: return {"complexe regels", "rule complexity"};
    case RiskSource::algorithmic_selection: return {"algoritmische selectie", "algorithmic selection"};
    case RiskSource::impact: return {"impact", "impact"};
    }
    return {"", ""};
}

/// Dutch names of the enum values of a model, as they are read in a sentence ("rol selectiecriterium"). English
/// reports show the JSON spelling itself.
inline std::string_view role_name_nl(AttributeRole role) {
    switch (role) {
    case AttributeRole::input: return "invoer";
    case AttributeRole::verification: return "controle";
    case AttributeRole::decision_criterion: return "besliscriterium";
    case AttributeRole::selection_criterion: return "selectiecriterium";
    }
    return "";
}

inline std::string_view automation_name_nl(Automation automation) {
    switch (automation) {
    case Automation::manual: return "handmatig";
    case Automation::rule_based: return "met vaste regels";
    case Automation::algorithmic: return "algoritmisch";
    }
    return "";
}

/// The degree of discretion as an adjective before "beleidsvrijheid" ("ruime beleidsvrijheid") and alone ("ruim").
inline Phrase discretion_name_nl(Discretion discretion) {
    switch (discretion) {
    case Discretion::none: return {"geen", "geen"};
    case Discretion::bounded: return {"beperkte", "beperkt"};
    case Discretion::broad: return {"ruime", "ruim"};
    }
    return {"", ""};
}

/// The rule complexity as an adjective before "regelcomplexiteit" ("hoge regelcomplexiteit") and alone ("hoog").
inline Phrase complexity_name_nl(RuleComplexity complexity) {
    switch (complexity) {
    case RuleComplexity::none: return {"geen", "geen"};
    case RuleComplexity::low: return {"lage", "laag"};
    case RuleComplexity::medium: return {"gemiddelde", "gemiddeld"};
    case RuleComplexity::high: return {"hoge", "hoog"};
    }
    return {"", ""};
}

/// The Dutch names of the weights a factor or a robustness mover is named by ("role", "impact.base"...), the part
/// before the space of "role selection_criterion".
inline std::string_view weight_name_nl(std::string_view weight) {
    static constexpr std::pair<std::string_view, std::string_view> names[] = {
        {"direct_use", "direct gebruik"},
        {"legal_basis_factor", "wettelijke grondslag"},
        {"role", "rol"},
        {"automation", "automatisering"},
        {"strength", "sterkte"},
        {"discretion", "beleidsvrijheid"},
        {"visibility", "zichtbaarheid"},
        {"assumption", "mensbeeld"},
        {"complaint", "gewicht per signaal"},
        {"signals", "signalen"},
        {"rule_complexity", "regelcomplexiteit"},
        {"sensitivity", "gevoeligheid"},
        {"algorithmic_selection", "algoritmische selectie"},
        {"measure", "maatregel"},
        {"severity", "ernst"},
        {"impact.base", "impactbasis"},
        {"impact.probability_weight", "gewicht bereikkans"},
        {"vulnerability", "kwetsbaarheid"},
    };
    for (const auto& [en, nl] : names) {
        if (en == weight) return nl;
    }
    return weight;
}

} // namespace artikel1::report
