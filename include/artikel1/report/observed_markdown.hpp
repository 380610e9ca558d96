// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the section "Observed differences" of the Markdown report: per decision point and ground a table
// of the adverse rates per group with their intervals and the ratios to the reference group, Mantel-Haenszel with
// strata, the flagged cells beside their structural score and the compounding results. Only what the published
// table holds is shown (observed.hpp); labels are written as text.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/observed.hpp>

#include <sstream>
#include <string>

namespace artikel1::report {

namespace detail {

/// "Name (`id`)", or the id alone for a step without a name.
inline std::string step_markdown(const ObservedNames& names, const std::string& id) {
    std::string name = names.step(id);
    return name == id ? artikel1::detail::md_code(id) : artikel1::detail::md_cell(name) + " (" + artikel1::detail::md_code(id) + ")";
}

inline std::string compounding_markdown(const nlohmann::ordered_json& doc, const ObservedNames& names) {
    using artikel1::detail::md_cell;
    const Language lang = names.language;
    const auto& number = observed_json_number;
    std::ostringstream out;
    out << "### " << observed_words::compounding.in(lang) << "\n\n" << observed_words::compounding_intro.in(lang) << "\n\n";
    for (const auto& g : doc.at("grounds")) {
        const std::string ground = g.at("ground").get<std::string>();
        for (const auto& o : g.at("outcomes")) {
            out << "#### " << md_cell(names.ground(ground)) << ": " << md_cell(names.step(o.at("outcome").get<std::string>())) << "\n\n";
            out << "| " << observed_words::group.in(lang) << " | " << observed_words::cases.in(lang) << " | "
                << observed_words::end_to_end.in(lang) << " | " << observed_words::ratio.in(lang) << " | "
                << observed_words::difference.in(lang) << " |\n|---|---:|---:|---:|---:|\n";
            for (const auto& r : o.at("groups")) {
                const bool reference = r.at("reference").get<bool>();
                out << "| " << md_cell(r.at("group").get<std::string>())
                    << (reference ? " (" + std::string(observed_words::reference.in(lang)) + ")" : "") << " | "
                    << (r.contains("cases") ? whole(number(r.at("cases")), lang) : "") << " | " << observed_percent(number(r.at("probability")), lang)
                    << " | "
                    << (reference ? "" : observed_number(number(r.at("ratio")), 2, lang) + observed_json_interval(r, "ratio_interval", 2, lang))
                    << " | "
                    << (reference ? "" : observed_number(number(r.at("difference")), 4, lang) + observed_json_interval(r, "difference_interval", 4, lang))
                    << " |\n";
            }
            out << "\n**" << observed_words::funnel.in(lang) << "**\n\n";
            for (const auto& r : o.at("groups")) {
                out << "- " << md_cell(r.at("group").get<std::string>()) << ":";
                for (std::size_t i = 0; i < r.at("funnel").size(); ++i) {
                    const auto& f = r.at("funnel")[i];
                    out << (i ? "; " : " ") << md_cell(names.step(f.at("step").get<std::string>())) << " "
                        << observed_number(number(f.at("passes")), 2, lang);
                }
                out << "\n";
            }
            std::ostringstream shares;
            for (const auto& r : o.at("groups")) {
                if (r.at("reference").get<bool>() || !r.contains("shares")) continue;
                double total = std::log(number(r.at("ratio")));
                for (const auto& s : r.at("shares")) {
                    double share = number(s.at("log_ratio_share"));
                    shares << "| " << md_cell(r.at("group").get<std::string>()) << " | " << md_cell(names.step(s.at("step").get<std::string>()))
                           << " | " << observed_number(share, 4, lang) << " | "
                           << observed_share_of(share, total, lang) << " | "
                           << observed_number(number(s.at("equalised_ratio")), 2, lang) << " |\n";
                }
            }
            if (!shares.str().empty())
                out << "\n**" << observed_words::shares.in(lang) << "**\n\n| " << observed_words::group.in(lang) << " | " << words::step.in(lang)
                    << " | " << observed_words::share_of_log_ratio.in(lang) << " | % | " << observed_words::equalised_alone.in(lang)
                    << " |\n|---|---|---:|---:|---:|\n" << shares.str();
            out << "\n";
        }
        if (g.contains("hidden_groups") && g.at("hidden_groups").get<std::size_t>() > 0)
            out << g.at("hidden_groups").get<std::size_t>() << " " << observed_words::hidden_groups.in(lang) << " "
                << doc.at("min_cell").get<std::uint64_t>() << " " << observed_words::cases_not_shown.in(lang) << ".\n\n";
    }
    return out.str();
}

} // namespace detail

/// The section "Observed differences" in Markdown: `table` as published, `assessment` for names and structural
/// scores (may be null), `compounding` the published compounding JSON (may be null).
inline std::string observed_markdown(const DisparityTable& table, const Assessment* assessment, const nlohmann::ordered_json* compounding,
                                     Language lang) {
    using artikel1::detail::md_cell;
    using artikel1::detail::md_code;
    const ObservedNames names{assessment, lang};
    const bool strata = observed_has_strata(table);
    std::ostringstream out;
    out << "\n## " << observed_words::title.in(lang) << "\n\n" << observed_words::intro.in(lang) << "\n\n> " << observed_words::caution.in(lang)
        << "\n\n";
    out << "- " << observed_words::rows_read.in(lang) << ": " << whole(static_cast<double>(table.issues.rows), lang) << "; "
        << observed_words::passages.in(lang) << ": " << whole(static_cast<double>(table.issues.passages), lang) << "\n- "
        << observed_words::smallest_group.in(lang) << ": " << table.options.min_cell << "; " << observed_words::interval.in(lang) << ": "
        << observed_number(100 * table.options.confidence, 0, lang) << "%; " << observed_words::flagged.in(lang) << ": "
        << table.flagged_count() << "; " << observed_words::suppressed.in(lang) << ": " << table.suppressed_count() << "\n- "
        << observed_words::flag_rule.in(lang) << " " << observed_number(table.options.alpha, 2, lang) << " "
        << observed_words::and_ratio_outside.in(lang) << " " << observed_number(table.options.band_lower, 2, lang) << "–"
        << observed_number(table.options.band_upper, 2, lang) << "\n";
    if (strata) out << "- " << observed_words::stratified_by.in(lang) << ": " << md_code(table.strata_column) << "\n";
    if (!table.withheld_decision_points.empty()) {
        out << "- " << observed_words::withheld.in(lang) << ":";
        for (const auto& d : table.withheld_decision_points) out << " " << detail::step_markdown(names, d);
        out << "\n";
    }
    out << "\n";
    out << "### " << observed_words::beside_structural.in(lang) << "\n\n";
    if (table.flagged_count() == 0) {
        out << observed_words::none_flagged.in(lang) << "\n\n";
    } else {
        out << "| " << words::step.in(lang) << " | " << words::ground.in(lang) << " | " << observed_words::group.in(lang) << " | "
            << observed_words::ratio.in(lang) << " | q |" << (assessment ? " " + std::string(observed_words::structural.in(lang)) + " |" : "")
            << "\n|---|---|---|---:|---:|" << (assessment ? "---|" : "") << "\n";
        std::vector<DisparityLink> links;
        if (assessment) links = link(table, *assessment);
        std::size_t l = 0;
        for (const auto& c : table.cells) {
            if (!c.flagged) continue;
            out << "| " << detail::step_markdown(names, c.step) << " | " << md_cell(names.ground(c.ground)) << " | "
                << md_cell(c.group) << " | " << observed_number(c.ratio, 2, lang) << " | " << observed_q(c.q_value, lang) << " |";
            if (assessment) {
                const auto& s = links[l++].structural;
                for (std::size_t k = 0; k < s.size(); ++k) {
                    out << (k ? "; " : " ") << md_cell(names.ground(s[k].ground)) << " " << observed_number(s[k].score, 1, lang) << " "
                        << md_cell(assessment->levels[observed_level(*assessment, s[k].level)].label.in(lang));
                }
                out << " |";
            }
            out << "\n";
        }
        out << "\n";
    }
    auto blocks = observed_blocks(table);
    if (blocks.empty() && table.withheld_decision_points.empty()) out << observed_words::no_decision_points.in(lang) << "\n\n";
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const auto& block = blocks[b];
        if (b == 0 || blocks[b - 1].step != block.step) out << "### " << detail::step_markdown(names, block.step) << "\n\n";
        out << "#### " << md_cell(names.ground(block.ground)) << "\n\n| " << observed_words::group.in(lang) << " | "
            << observed_words::decisions.in(lang) << " | " << observed_words::adverse.in(lang) << " | " << observed_words::adverse_rate.in(lang)
            << " | " << observed_words::ratio.in(lang) << " | q |" << (strata ? " " + std::string(observed_words::mantel_haenszel.in(lang)) + " |" : "")
            << " " << observed_words::flagged.in(lang) << " |\n|---|---:|---:|---:|---:|---:|" << (strata ? "---:|" : "") << "---|\n";
        for (const DisparityCell* c : block.cells) {
            if (c->suppressed) {
                out << "| *" << md_cell(names.group(*c)) << "* | *" << observed_words::not_published.in(lang) << "* | | | | |"
                    << (strata ? " |" : "") << " |\n";
                continue;
            }
            out << "| " << md_cell(c->group) << " | " << whole(static_cast<double>(c->n), lang) << " | " << whole(static_cast<double>(c->adverse), lang) << " | "
                << observed_percent(c->rate, lang) << " " << observed_interval(100 * c->rate_interval.lower, 100 * c->rate_interval.upper, 1, lang)
                << " | ";
            if (c->reference) out << observed_words::reference.in(lang) << " | |";
            else if (c->compared)
                out << observed_number(c->ratio, 2, lang) << " " << observed_interval(c->ratio_interval.lower, c->ratio_interval.upper, 2, lang)
                    << " | " << observed_q(c->q_value, lang) << " |";
            else out << "*" << observed_reason(c->no_comparison).in(lang) << "* | |";
            if (strata) {
                out << " ";
                if (c->stratified)
                    out << observed_number(c->mh_odds_ratio, 2, lang) << " "
                        << observed_interval(c->mh_interval.lower, c->mh_interval.upper, 2, lang) << "; p " << observed_q(c->mh_p_value, lang)
                        << "; " << c->mh_strata << " " << observed_words::strata.in(lang);
                else if (!c->no_mantel_haenszel.empty()) out << "*" << observed_reason(c->no_mantel_haenszel).in(lang) << "*";
                out << " |";
            }
            out << (c->flagged ? " **" + std::string(observed_words::yes.in(lang)) + "** |\n" : " |\n");
        }
        out << "\n";
    }
    if (compounding) out << detail::compounding_markdown(*compounding, names);
    return out.str();
}

} // namespace artikel1::report
