// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: what the HTML and Markdown sections of the observed differences share: their words in Dutch and
// English, numbers in the format of the language, and the names of steps and grounds taken from the assessment.
//
// The sections show the disparity table as `to_json(table)` publishes it, after disclosure control (disclosure.hpp):
// a suppressed cell is a row without a number, a withheld decision point a name without a row. Pass them a table
// read back from its published JSON (disparity_json.hpp) and they show the same. The compounding results are read
// from their published JSON (`to_json(CompoundingResult)`) for the same reason.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/i18n.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1::report {

namespace observed_words {
inline constexpr Phrase title{"Waargenomen verschillen", "Observed differences"};
inline constexpr Phrase intro{
    "Uit het gebeurtenissenlog: per beslispunt en groep hoe vaak een zaak de nadelige kant op ging, met het "
    "betrouwbaarheidsinterval, en de verhouding tot de referentiegroep.",
    "From the event log: per decision point and group, how often a case went the adverse way, with its confidence "
    "interval, and the ratio to the reference group."};
inline constexpr Phrase caution{
    "Een verschil is een signaal om te onderzoeken, geen bewijs van discriminatie: het kan ook komen door andere "
    "verschillen tussen de groepen.",
    "A difference is a signal to examine, not proof of discrimination: it can also come from other differences "
    "between the groups."};
inline constexpr Phrase rows_read{"Regels gelezen", "Rows read"};
inline constexpr Phrase passages{"Passages langs beslispunten", "Passages at decision points"};
inline constexpr Phrase smallest_group{"Kleinste getoonde groep", "Smallest group shown"};
inline constexpr Phrase interval{"Interval", "Interval"};
inline constexpr Phrase flag_rule{"Gemarkeerd: q onder", "Flagged: q below"};
inline constexpr Phrase and_ratio_outside{"en een verhouding buiten", "and a ratio outside"};
inline constexpr Phrase flagged{"Gemarkeerd", "Flagged"};
inline constexpr Phrase suppressed{"Onderdrukt", "Suppressed"};
inline constexpr Phrase group{"Groep", "Group"};
inline constexpr Phrase decisions{"Beslissingen", "Decisions"};
inline constexpr Phrase cases{"Zaken", "Cases"};
inline constexpr Phrase adverse{"Nadelig", "Adverse"};
inline constexpr Phrase adverse_rate{"Aandeel nadelig", "Adverse rate"};
inline constexpr Phrase ratio{"Verhouding", "Ratio"};
inline constexpr Phrase reference{"referentie", "reference"};
inline constexpr Phrase yes{"ja", "yes"};
inline constexpr Phrase other_suppressed{"overig (onderdrukt)", "other (suppressed)"};
inline constexpr Phrase not_published{"niet gepubliceerd: kleine groepen", "not published: small groups"};
inline constexpr Phrase withheld{
    "Niet getoond (te weinig beslissingen om kleine groepen te beschermen)",
    "Withheld (too few decisions to protect small groups)"};
inline constexpr Phrase not_available{"n.v.t.", "n/a"};
inline constexpr Phrase forest{"Verhouding tot de referentiegroep, logaritmische schaal", "Ratio to the reference group, log scale"};
inline constexpr Phrase mantel_haenszel{"Odds ratio over de strata (Mantel-Haenszel)", "Odds ratio over the strata (Mantel-Haenszel)"};
inline constexpr Phrase strata{"strata", "strata"};
inline constexpr Phrase stratified_by{"Gestratificeerd naar", "Stratified by"};
inline constexpr Phrase beside_structural{"Gemarkeerde verschillen naast het structurele risico",
                                          "Flagged differences beside the structural risk"};
inline constexpr Phrase structural{"Structureel risico", "Structural risk"};
inline constexpr Phrase none_flagged{"Geen gemarkeerde verschillen.", "No flagged differences."};
inline constexpr Phrase compounding{"Opeenstapeling over de beslispunten", "Compounding over the decision points"};
inline constexpr Phrase compounding_intro{
    "De kans van begin tot eind op een nadelige uitkomst per groep, en welk deel van de verhouding elk beslispunt "
    "bijdraagt (Shapley-waarden van de log-verhouding).",
    "The end-to-end probability of an adverse outcome per group, and the part of the ratio each decision point "
    "contributes (Shapley values of the log ratio)."};
inline constexpr Phrase outcome{"Uitkomst", "Outcome"};
inline constexpr Phrase end_to_end{"Kans van begin tot eind", "End-to-end probability"};
inline constexpr Phrase difference{"Verschil", "Difference"};
inline constexpr Phrase funnel{"Trechter: verwachte passages per zaak", "Funnel: expected passes per case"};
inline constexpr Phrase shares{"Aandeel per beslispunt", "Share per decision point"};
inline constexpr Phrase share_of_log_ratio{"Aandeel in de log-verhouding", "Share of the log ratio"};
inline constexpr Phrase equalised_alone{"Verhouding als alleen dit punt gelijk wordt", "Ratio with only this point equalised"};
inline constexpr Phrase hidden_groups{"groep(en) met minder dan", "group(s) with fewer than"};
inline constexpr Phrase cases_not_shown{"zaken niet getoond", "cases not shown"};
inline constexpr Phrase sampled{"Shapley-waarden geschat over", "Shapley values sampled over"};
inline constexpr Phrase permutations{"permutaties", "permutations"};
inline constexpr Phrase total{"totaal", "total"};
inline constexpr Phrase passes_per_case{"passages per zaak", "passes per case"};
inline constexpr Phrase on_the_way_to{"op weg naar", "on the way to"};
inline constexpr Phrase versus{"tegen", "vs"};
inline constexpr Phrase no_decision_points{"Het log heeft geen passages langs een beslispunt.", "The log has no passages at a decision point."};
} // namespace observed_words

/// Why a cell has no comparison or no Mantel-Haenszel result, in words (the reasons of compute_disparity).
inline Phrase observed_reason(std::string_view reason) {
    if (reason == "reference") return observed_words::reference;
    if (reason == "suppressed") return observed_words::not_published;
    if (reason == "reference suppressed") return {"referentiegroep onderdrukt", "reference group suppressed"};
    if (reason == "no reference") return {"geen referentiegroep", "no reference group"};
    if (reason == "stratum below min_cell") return {"een stratum onder de kleinste celgrootte", "a stratum below the smallest cell size"};
    return {reason, reason};
}

/// A number with `decimals` decimals in the format of the language (a decimal comma in Dutch), "n/a" when not finite.
inline std::string observed_number(double value, int decimals, Language language) {
    if (!std::isfinite(value)) return std::string(observed_words::not_available.in(language));
    std::string text = fixed(value, decimals);
    if (text == "-" + fixed(0, decimals)) text.erase(0, 1); // no "-0.00"
    if (language == Language::nl) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

/// "[0.91, 1.35]" ("[0,91; 1,35]" in Dutch, where the comma is the decimal sign).
inline std::string observed_interval(double lower, double upper, int decimals, Language language) {
    return "[" + observed_number(lower, decimals, language) + (language == Language::nl ? "; " : ", ") +
           observed_number(upper, decimals, language) + "]";
}

/// A q-value: "< 0.0001" below it, else four decimals.
inline std::string observed_q(double q, Language language) {
    return q < 0.0001 ? "< " + observed_number(0.0001, 4, language) : observed_number(q, 4, language);
}

/// A percentage with one decimal: "12.5%" ("12,5%"); "n/a" like every number that cannot be computed.
inline std::string observed_percent(double share, Language language) {
    if (!std::isfinite(share)) return observed_number(share, 1, language);
    return observed_number(100 * share, 1, language) + "%";
}

/// A decision point's share of the end-to-end log ratio `total` as a percentage ("n/a" when the total is 0 or not
/// finite: a share of nothing is not a number).
inline std::string observed_share_of(double share, double total, Language language) {
    return observed_percent(std::isfinite(total) && total != 0 ? share / total : std::nan(""), language);
}

/// Names of steps and grounds, and the structural scores, from the assessment when there is one (else the ids).
struct ObservedNames {
    const Assessment* assessment = nullptr;
    Language language = Language::en;

    std::string step(const std::string& id) const {
        if (assessment) {
            for (const auto& s : assessment->steps) {
                if (s.id == id) return step_label(s);
            }
        }
        return id;
    }
    /// A ground's label; an intersection `race+sex` reads "label x label".
    std::string ground(const std::string& id) const {
        if (!assessment) return id;
        auto one = [&](const std::string& g) {
            auto it = std::find(assessment->grounds.begin(), assessment->grounds.end(), g);
            return it == assessment->grounds.end() ? g : assessment->ground_labels[static_cast<std::size_t>(it - assessment->grounds.begin())].in(language);
        };
        auto plus = id.find('+');
        if (plus == std::string::npos || std::find(assessment->grounds.begin(), assessment->grounds.end(), id) != assessment->grounds.end())
            return one(id);
        return one(id.substr(0, plus)) + " \xC3\x97 " + one(id.substr(plus + 1));
    }
    /// The group label as shown: the row of the suppressed groups in the language of the report.
    std::string group(const DisparityCell& c) const {
        return c.other ? std::string(observed_words::other_suppressed.in(language)) : c.group;
    }
};

/// The cells of one decision point and ground, in table order.
struct ObservedBlock {
    std::string step;
    std::string ground;
    std::vector<const DisparityCell*> cells;
};

inline std::vector<ObservedBlock> observed_blocks(const DisparityTable& table) {
    std::vector<ObservedBlock> out;
    for (const auto& c : table.cells) {
        if (out.empty() || out.back().step != c.step || out.back().ground != c.ground) out.push_back({c.step, c.ground, {}});
        out.back().cells.push_back(&c);
    }
    return out;
}

/// The index of a level id of the assessment (0 when unknown).
inline std::size_t observed_level(const Assessment& a, const std::string& id) {
    std::size_t level = 0;
    while (level + 1 < a.levels.size() && a.levels[level].id != id) ++level;
    return level;
}

/// A number of published JSON; null (a statistic that is not finite) reads NaN, shown as "n/a".
inline double observed_json_number(const nlohmann::ordered_json& value) { return value.is_number() ? value.get<double>() : std::nan(""); }

/// " [lower, upper]" of the interval `key` of a published JSON item, or empty when it has none.
inline std::string observed_json_interval(const nlohmann::ordered_json& item, const char* key, int decimals, Language lang) {
    if (!item.contains(key) || !item.at(key).is_array()) return {};
    return " " + observed_interval(observed_json_number(item.at(key).at(0)), observed_json_number(item.at(key).at(1)), decimals, lang);
}

inline bool observed_has_strata(const DisparityTable& table) { return !table.strata_column.empty(); }

} // namespace artikel1::report
