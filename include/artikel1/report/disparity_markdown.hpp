// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the observed-disparity table in Markdown (`artikel1 disparity --format md`), for wikis and
// issue trackers. Every cell of the table is shown, the suppressed ones as such (no number), labels escaped.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/disparity.hpp>

#include <algorithm>
#include <sstream>
#include <string>

namespace artikel1::report {

/// The table as Markdown: what was counted, then one row per cell of every decision point and ground, with the
/// Mantel-Haenszel odds ratio when there are strata. In English or Dutch (decimal commas, Dutch words, grounds by
/// their label in `kb`); group labels
/// and ids are written as they are in the log and the model.
inline std::string to_markdown(const DisparityTable& table, Language language = Language::en,
                               const KnowledgeBase& kb = KnowledgeBase::builtin()) {
    using artikel1::detail::md_cell;
    using artikel1::detail::md_code;
    const bool nl = language == Language::nl;
    auto say = [nl](std::string_view dutch, std::string_view english) { return std::string(nl ? dutch : english); };
    auto number = [language](double value, int decimals) { return artikel1::table_number(value, decimals, language); };
    auto interval = [&](const stats::Interval& i, double scale, int decimals) {
        return "[" + number(scale * i.lower, decimals) + (nl ? "; " : ", ") + number(scale * i.upper, decimals) + "]";
    };
    const bool strata = std::any_of(table.cells.begin(), table.cells.end(), [](const DisparityCell& c) { return c.stratified; });
    std::ostringstream out;
    const auto& i = table.issues;
    out << say("# Waargenomen verschillen: ", "# Observed disparity: ") << md_code(table.process_id) << "\n\n";
    out << say("Rijen ", "Rows ") << i.rows << say(", passages langs beslispunten ", ", passages at decision points ") << i.passages
        << say(", beslispunten ", ", decision points ") << table.decision_points.size() << say(", gronden ", ", grounds ")
        << table.grounds.size() << say("; cellen ", "; cells ") << table.cells.size() << say(", onderdrukt (n < ", ", suppressed (n < ")
        << table.options.min_cell << say(", of ter bescherming daarvan) ", ", or protecting one) ") << table.suppressed_count()
        << say(", gemarkeerd ", ", flagged ") << table.flagged_count() << " (q < " << number(table.options.alpha, 2)
        << say(" en verhouding buiten ", " and ratio outside ") << number(table.options.band_lower, 2) << "-"
        << number(table.options.band_upper, 2) << ").\n\n";
    if (!table.withheld_decision_points.empty()) {
        out << say("Achtergehouden (te weinig beslissingen om kleine groepen te beschermen):",
                   "Withheld (too few decisions to protect small groups):");
        for (const auto& d : table.withheld_decision_points) out << " " << md_code(d);
        out << "\n\n";
    }
    out << say("| stap | grond | groep | n | nadelig | aandeel | verhouding tot referentie | q | gemarkeerd |",
               "| step | ground | group | n | adverse | rate | ratio to reference | q | flagged |")
        << (strata ? say(" Mantel-Haenszel-oddsratio |", " Mantel-Haenszel odds ratio |") : "") << "\n";
    out << "|---|---|---|---:|---:|---:|---:|---:|---|" << (strata ? "---:|" : "") << "\n";
    const std::string empty_mh = strata ? " |" : "";
    for (const auto& c : table.cells) {
        out << "| " << md_code(c.step) << " | " << md_cell(artikel1::table_ground(c.ground, language, kb)) << " | "
            << md_cell(c.other ? say("overige (onderdrukt)", std::string(suppressed_groups_label)) : c.group) << " | ";
        if (c.suppressed) {
            out << say("onderdrukt", "suppressed") << " | | | | | |" << empty_mh << "\n";
            continue;
        }
        out << c.n << " | " << c.adverse << " | " << number(100 * c.rate, 1) << "% " << interval(c.rate_interval, 100, 1) << " | ";
        if (c.reference) out << say("referentie", "reference") << " | |";
        else if (c.compared) out << number(c.ratio, 2) << " " << interval(c.ratio_interval, 1, 2) << " | " << artikel1::table_p(c.q_value, language) << " |";
        else out << md_cell(artikel1::table_reason(c.no_comparison, language)) << " | |";
        out << " " << (c.flagged ? say("ja", "yes") : "") << " |";
        if (strata) {
            if (c.stratified) out << " " << number(c.mh_odds_ratio, 2) << " " << interval(c.mh_interval, 1, 2) << ", p " << artikel1::table_p(c.mh_p_value, language) << " |";
            else out << " " << md_cell(artikel1::table_reason(c.no_mantel_haenszel, language)) << " |";
        }
        out << "\n";
    }
    return out.str();
}

} // namespace artikel1::report
