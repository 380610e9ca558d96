// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the section "Observed differences" of the HTML report (and the same section as a document of its
// own): per decision point and ground a table of the adverse rates per group with their intervals and a forest plot
// of the ratios to the reference group (inline SVG, log scale), Mantel-Haenszel with strata, the flagged cells beside
// their structural score, and the compounding results (a funnel per group and each decision point's share).
// Only what the published table holds is shown (observed.hpp).
#pragma once

#include <artikel1/report/dot.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/observed.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace artikel1::report {

/// The colour of a flagged point and of a flagged row: the report's colour of the highest level, and a light tint.
inline constexpr const char* flagged_colour = "#d73027";
inline constexpr const char* flagged_tint = "#fde0dc";

namespace detail {

/// The range of the ratio axis, the same for every forest plot of the table so that they can be compared: every
/// published interval, 1/2 to 2 at least, within 1/100 to 100.
struct RatioAxis {
    double low = 0.5;
    double high = 2;
    double x0 = 0, x1 = 0;
    double x(double value) const {
        double v = std::clamp(value, low, high);
        return x0 + (std::log(v) - std::log(low)) / (std::log(high) - std::log(low)) * (x1 - x0);
    }
};

inline constexpr double ratio_ticks[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0};

inline RatioAxis ratio_axis(const DisparityTable& table) {
    RatioAxis axis;
    for (const auto& c : table.cells) {
        if (!c.compared) continue;
        for (double v : {c.ratio_interval.lower, c.ratio_interval.upper, c.ratio}) {
            if (std::isfinite(v) && v > 0) {
                axis.low = std::min(axis.low, v);
                axis.high = std::max(axis.high, v);
            }
        }
    }
    // Out to the ticks around the values, within 1/100 to 100.
    double low = 0.01, high = 100;
    for (double tick : ratio_ticks) {
        if (tick <= axis.low) low = tick;
    }
    for (auto t = std::rbegin(ratio_ticks); t != std::rend(ratio_ticks); ++t) {
        if (*t >= axis.high) high = *t;
    }
    axis.low = low;
    axis.high = high;
    return axis;
}

inline std::string svg_number(double value) { return fixed(value, 1); }

/// The forest plot of one decision point and ground: a row per cell. The reference group is an open diamond at 1,
/// a compared group a square at its ratio with its interval as whiskers (an arrow where the interval leaves the
/// axis), a flagged one in the colour of the highest level; the suppressed row says it is not published.
inline std::string forest_plot_svg(const ObservedBlock& block, const DisparityTable& table, RatioAxis axis, const ObservedNames& names) {
    using detail::html_escape;
    const Language lang = names.language;
    const int label_width = 230, row = 26, top = 10, bottom = 40, width = 720;
    axis.x0 = label_width + 10;
    axis.x1 = width - 90;
    const int height = top + row * static_cast<int>(block.cells.size()) + bottom;
    std::ostringstream svg;
    svg << "<svg class=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\""
        << html_escape(std::string(observed_words::forest.in(lang))) << ": " << html_escape(names.step(block.step)) << ", "
        << html_escape(names.ground(block.ground)) << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n";
    const double plot_bottom = top + row * static_cast<double>(block.cells.size());
    // The band of the flag rule, the line at 1, and the axis with its ticks.
    double band_low = axis.x(table.options.band_lower), band_high = axis.x(table.options.band_upper);
    svg << "<rect class=\"band\" x=\"" << svg_number(band_low) << "\" y=\"" << top << "\" width=\"" << svg_number(band_high - band_low)
        << "\" height=\"" << svg_number(plot_bottom - top) << "\" fill=\"#eeeeee\"/>\n";
    svg << "<line class=\"one\" x1=\"" << svg_number(axis.x(1)) << "\" y1=\"" << top - 4 << "\" x2=\"" << svg_number(axis.x(1))
        << "\" y2=\"" << svg_number(plot_bottom + 4) << "\" stroke=\"#555\" stroke-width=\"1.5\"/>\n";
    svg << "<line x1=\"" << svg_number(axis.x0) << "\" y1=\"" << svg_number(plot_bottom + 4) << "\" x2=\"" << svg_number(axis.x1)
        << "\" y2=\"" << svg_number(plot_bottom + 4) << "\" stroke=\"#555\"/>\n";
    for (double tick : ratio_ticks) {
        if (tick < axis.low * 0.999 || tick > axis.high * 1.001) continue;
        double x = axis.x(tick);
        svg << "<line x1=\"" << svg_number(x) << "\" y1=\"" << svg_number(plot_bottom + 4) << "\" x2=\"" << svg_number(x) << "\" y2=\""
            << svg_number(plot_bottom + 9) << "\" stroke=\"#555\"/><text class=\"tick\" x=\"" << svg_number(x) << "\" y=\""
            << svg_number(plot_bottom + 22) << "\" text-anchor=\"middle\"" << (tick == 1.0 ? " font-weight=\"bold\"" : "") << ">"
            << observed_number(tick, tick < 0.1 ? 2 : tick < 1 ? 1 : 0, lang) << "</text>\n";
    }
    svg << "<text x=\"" << svg_number((axis.x0 + axis.x1) / 2) << "\" y=\"" << svg_number(plot_bottom + 36)
        << "\" text-anchor=\"middle\" fill=\"#555\">" << html_escape(std::string(observed_words::forest.in(lang))) << "</text>\n";
    for (std::size_t i = 0; i < block.cells.size(); ++i) {
        const DisparityCell& c = *block.cells[i];
        const double y = top + row * static_cast<double>(i) + row / 2.0;
        const bool flagged = c.flagged;
        svg << "<text x=\"" << label_width << "\" y=\"" << svg_number(y + 4) << "\" text-anchor=\"end\""
            << (flagged ? " font-weight=\"bold\"" : "") << (c.suppressed ? " font-style=\"italic\" fill=\"#666\"" : "") << ">"
            << html_escape(names.group(c)) << "</text>\n";
        if (c.suppressed) {
            svg << "<g class=\"withheld\"><text x=\"" << svg_number(axis.x0) << "\" y=\"" << svg_number(y + 4)
                << "\" font-style=\"italic\" fill=\"#666\">" << html_escape(std::string(observed_words::not_published.in(lang)))
                << "</text></g>\n";
            continue;
        }
        if (c.reference) {
            double x = axis.x(1);
            svg << "<g class=\"reference\"><path d=\"M" << svg_number(x) << " " << svg_number(y - 7) << " l7 7 l-7 7 l-7 -7 z\" fill=\"white\" stroke=\"#333\" stroke-width=\"1.5\"/>"
                << "<text x=\"" << svg_number(axis.x1 + 8) << "\" y=\"" << svg_number(y + 4) << "\" fill=\"#555\">"
                << html_escape(std::string(observed_words::reference.in(lang))) << "</text></g>\n";
            continue;
        }
        if (!c.compared || !std::isfinite(c.ratio)) {
            svg << "<text x=\"" << svg_number(axis.x0) << "\" y=\"" << svg_number(y + 4) << "\" font-style=\"italic\" fill=\"#666\">"
                << html_escape(!c.compared ? std::string(observed_reason(c.no_comparison).in(lang)) : std::string(observed_words::not_available.in(lang)))
                << "</text>\n";
            continue;
        }
        const char* colour = flagged ? flagged_colour : "#333333";
        double lower = std::isfinite(c.ratio_interval.lower) && c.ratio_interval.lower > 0 ? c.ratio_interval.lower : axis.low;
        double upper = std::isfinite(c.ratio_interval.upper) ? c.ratio_interval.upper : axis.high;
        double xl = axis.x(lower), xu = axis.x(upper), xp = axis.x(c.ratio);
        svg << "<g class=\"point" << (flagged ? " flagged" : "") << "\"><title>" << html_escape(names.group(c)) << ": "
            << observed_number(c.ratio, 2, lang) << " " << observed_interval(c.ratio_interval.lower, c.ratio_interval.upper, 2, lang)
            << "</title><line x1=\"" << svg_number(xl) << "\" y1=\"" << svg_number(y) << "\" x2=\"" << svg_number(xu) << "\" y2=\""
            << svg_number(y) << "\" stroke=\"" << colour << "\" stroke-width=\"2\"/>";
        for (double xe : {xl, xu}) {
            bool clipped = (xe == xl && lower < axis.low) || (xe == xu && upper > axis.high);
            if (clipped) {
                double direction = xe == xl ? -1 : 1;
                svg << "<path d=\"M" << svg_number(xe + direction * 6) << " " << svg_number(y) << " l" << svg_number(-direction * 6)
                    << " -5 l0 10 z\" fill=\"" << colour << "\"/>";
            } else {
                svg << "<line x1=\"" << svg_number(xe) << "\" y1=\"" << svg_number(y - 5) << "\" x2=\"" << svg_number(xe) << "\" y2=\""
                    << svg_number(y + 5) << "\" stroke=\"" << colour << "\" stroke-width=\"2\"/>";
            }
        }
        svg << "<rect x=\"" << svg_number(xp - 5) << "\" y=\"" << svg_number(y - 5) << "\" width=\"10\" height=\"10\" fill=\"" << colour
            << "\"/><text x=\"" << svg_number(axis.x1 + 8) << "\" y=\"" << svg_number(y + 4) << "\" fill=\"" << colour << "\""
            << (flagged ? " font-weight=\"bold\"" : "") << ">" << observed_number(c.ratio, 2, lang) << "</text></g>\n";
    }
    svg << "</svg>";
    return svg.str();
}

/// "Name (<code>id</code>)", or the id alone for a step without a name.
inline std::string step_html(const ObservedNames& names, const std::string& id) {
    std::string name = names.step(id);
    return (name == id ? "" : html_escape(name) + " (") + "<code>" + html_escape(id) + "</code>" + (name == id ? "" : ")");
}

inline std::string observed_badge(double score, std::size_t level, const Assessment& a, Language lang) {
    return "<span class=\"badge\" style=\"background:" + level_colour(level) + (level >= 3 ? ";color:white" : "") + "\">" +
           observed_number(score, 1, lang) + " " + html_escape(a.levels[level].label.in(lang)) + "</span>";
}

/// A funnel: per decision point on the way to the outcome, one bar per group of its expected passes per case.
inline std::string funnel_svg(const nlohmann::ordered_json& groups, const ObservedNames& names) {
    using detail::html_escape;
    static constexpr const char* palette[] = {"#4d4d4d", "#2166ac", "#b2182b", "#1b7837", "#762a83", "#e08214", "#01665e", "#8c510a"};
    std::vector<std::string> steps;
    double most = 0;
    for (const auto& g : groups) {
        for (const auto& f : g.at("funnel")) {
            auto step = f.at("step").get<std::string>();
            if (std::find(steps.begin(), steps.end(), step) == steps.end()) steps.push_back(step);
            if (f.at("passes").is_number()) most = std::max(most, f.at("passes").get<double>());
        }
    }
    if (steps.empty() || !(most > 0)) return {};
    // Each decision point's name on a line of its own (the full name), its bars below it.
    const int bar = 12, gap = 10, label = 18, width = 720, legend = 24;
    const int group_count = static_cast<int>(groups.size());
    const int block = label + bar * group_count + gap;
    const int height = legend + block * static_cast<int>(steps.size()) + 4;
    const double x0 = 10, x1 = width - 70;
    std::ostringstream svg;
    svg << "<svg class=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 "
        << width << " " << height << "\" role=\"img\" aria-label=\"" << html_escape(std::string(observed_words::funnel.in(names.language)))
        << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
    double lx = x0;
    for (int k = 0; k < group_count; ++k) {
        const auto& g = groups[static_cast<std::size_t>(k)];
        std::string label = g.at("group").get<std::string>();
        svg << "<rect x=\"" << svg_number(lx) << "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" << palette[k % 8] << "\"/><text x=\""
            << svg_number(lx + 16) << "\" y=\"14\">" << html_escape(label) << "</text>\n";
        lx += 40 + 7.0 * static_cast<double>(label.size());
    }
    for (std::size_t s = 0; s < steps.size(); ++s) {
        const double y0 = legend + block * static_cast<double>(s);
        svg << "<text x=\"" << svg_number(x0) << "\" y=\"" << svg_number(y0 + 13) << "\" font-weight=\"bold\">"
            << html_escape(names.step(steps[s])) << "</text>\n";
        for (int k = 0; k < group_count; ++k) {
            double passes = 0;
            for (const auto& f : groups[static_cast<std::size_t>(k)].at("funnel")) {
                if (f.at("step") == steps[s] && f.at("passes").is_number()) passes = f.at("passes").get<double>();
            }
            double y = y0 + label + bar * k;
            svg << "<rect class=\"bar\" x=\"" << svg_number(x0) << "\" y=\"" << svg_number(y) << "\" width=\""
                << svg_number((x1 - x0) * passes / most) << "\" height=\"" << bar - 1 << "\" fill=\"" << palette[k % 8] << "\"/><text x=\""
                << svg_number(x0 + (x1 - x0) * passes / most + 4) << "\" y=\"" << svg_number(y + bar - 2) << "\" font-size=\"11\">"
                << observed_number(passes, 2, names.language) << "</text>\n";
        }
    }
    svg << "</svg>";
    return svg.str();
}

/// The compounding part, from the published compounding JSON (`to_json(CompoundingResult)`).
inline std::string compounding_html(const nlohmann::ordered_json& doc, const ObservedNames& names) {
    const Language lang = names.language;
    std::ostringstream out;
    out << "<h3>" << observed_words::compounding.in(lang) << "</h3>\n<p>" << observed_words::compounding_intro.in(lang) << "</p>\n";
    for (const auto& g : doc.at("grounds")) {
        const std::string ground = g.at("ground").get<std::string>();
        for (const auto& o : g.at("outcomes")) {
            const std::string outcome = o.at("outcome").get<std::string>();
            out << "<h4>" << html_escape(names.ground(ground)) << ": " << html_escape(names.step(outcome)) << "</h4>\n";
            out << "<table class=\"compounding\">\n<tr><th>" << observed_words::group.in(lang) << "</th><th>" << observed_words::cases.in(lang)
                << "</th><th>" << observed_words::end_to_end.in(lang) << "</th><th>" << observed_words::ratio.in(lang) << "</th><th>"
                << observed_words::difference.in(lang) << "</th></tr>\n";
            for (const auto& r : o.at("groups")) {
                const bool reference = r.at("reference").get<bool>();
                out << "<tr><td>" << html_escape(r.at("group").get<std::string>()) << (reference ? " (" + std::string(observed_words::reference.in(lang)) + ")" : "")
                    << "</td><td class=\"num\" style=\"white-space:nowrap\">" << (r.contains("cases") ? whole(observed_json_number(r.at("cases")), lang) : "") << "</td><td class=\"num\" style=\"white-space:nowrap\">"
                    << observed_percent(observed_json_number(r.at("probability")), lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">";
                if (!reference)
                    out << observed_number(observed_json_number(r.at("ratio")), 2, lang) << observed_json_interval(r, "ratio_interval", 2, lang);
                out << "</td><td class=\"num\" style=\"white-space:nowrap\">";
                if (!reference)
                    out << observed_number(observed_json_number(r.at("difference")), 4, lang) << observed_json_interval(r, "difference_interval", 4, lang);
                out << "</td></tr>\n";
            }
            out << "</table>\n<p><strong>" << observed_words::funnel.in(lang) << "</strong></p>\n<div class=\"figure\">\n"
                << funnel_svg(o.at("groups"), names) << "\n</div>\n";
            bool any = false;
            std::ostringstream shares;
            for (const auto& r : o.at("groups")) {
                if (r.at("reference").get<bool>() || !r.contains("shares")) continue;
                double total = std::log(observed_json_number(r.at("ratio")));
                for (const auto& s : r.at("shares")) {
                    any = true;
                    double share = observed_json_number(s.at("log_ratio_share"));
                    shares << "<tr><td>" << html_escape(r.at("group").get<std::string>()) << "</td><td>" << html_escape(names.step(s.at("step").get<std::string>()))
                           << "</td><td class=\"num\" style=\"white-space:nowrap\">" << observed_number(share, 4, lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">"
                           << observed_share_of(share, total, lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">"
                           << observed_number(observed_json_number(s.at("equalised_ratio")), 2, lang) << "</td></tr>\n";
                }
                if (r.contains("shapley") && !r.at("shapley").at("exact").get<bool>())
                    shares << "<tr><td colspan=\"5\"><em>" << observed_words::sampled.in(lang) << " "
                           << r.at("shapley").at("permutations").get<std::size_t>() << " " << observed_words::permutations.in(lang) << "</em></td></tr>\n";
            }
            if (any)
                out << "<p><strong>" << observed_words::shares.in(lang) << "</strong></p>\n<table class=\"shares\">\n<tr><th>"
                    << observed_words::group.in(lang) << "</th><th>" << words::step.in(lang) << "</th><th>"
                    << observed_words::share_of_log_ratio.in(lang) << "</th><th>%</th><th>" << observed_words::equalised_alone.in(lang)
                    << "</th></tr>\n" << shares.str() << "</table>\n";
        }
        if (g.contains("hidden_groups") && g.at("hidden_groups").get<std::size_t>() > 0)
            out << "<p>" << g.at("hidden_groups").get<std::size_t>() << " " << observed_words::hidden_groups.in(lang) << " "
                << doc.at("min_cell").get<std::uint64_t>() << " " << observed_words::cases_not_shown.in(lang) << ".</p>\n";
    }
    return out.str();
}

} // namespace detail

/// The section "Observed differences" for the HTML report: `table` as published (after disclosure control),
/// `assessment` for the names of steps and grounds and the structural scores (may be null), `compounding` the
/// published compounding JSON (may be null).
inline std::string observed_html(const DisparityTable& table, const Assessment* assessment, const nlohmann::ordered_json* compounding,
                                 Language lang) {
    using detail::html_escape;
    const ObservedNames names{assessment, lang};
    std::ostringstream out;
    out << "<section id=\"observed\">\n<h2>" << observed_words::title.in(lang) << "</h2>\n<p>" << observed_words::intro.in(lang) << "</p>\n"
        << "<p class=\"note\">" << observed_words::caution.in(lang) << "</p>\n";
    out << "<p class=\"meta\">" << observed_words::rows_read.in(lang) << ": " << whole(static_cast<double>(table.issues.rows), lang) << " &middot; "
        << observed_words::passages.in(lang) << ": " << whole(static_cast<double>(table.issues.passages), lang) << " &middot; "
        << observed_words::smallest_group.in(lang) << ": " << table.options.min_cell << " &middot; " << observed_words::interval.in(lang)
        << ": " << observed_number(100 * table.options.confidence, 0, lang) << "% &middot; " << observed_words::flagged.in(lang) << ": "
        << table.flagged_count() << " &middot; " << observed_words::suppressed.in(lang) << ": " << table.suppressed_count() << "<br>"
        << observed_words::flag_rule.in(lang) << " " << observed_number(table.options.alpha, 2, lang) << " "
        << observed_words::and_ratio_outside.in(lang) << " " << observed_number(table.options.band_lower, 2, lang) << "&#8211;"
        << observed_number(table.options.band_upper, 2, lang);
    if (observed_has_strata(table))
        out << " &middot; " << observed_words::stratified_by.in(lang) << ": <code>" << html_escape(table.strata_column) << "</code>";
    out << "</p>\n";
    if (!table.withheld_decision_points.empty()) {
        out << "<p class=\"withheld\">" << observed_words::withheld.in(lang) << ": ";
        for (std::size_t i = 0; i < table.withheld_decision_points.size(); ++i)
            out << (i ? ", " : "") << detail::step_html(names, table.withheld_decision_points[i]);
        out << "</p>\n";
    }
    out << "<h3>" << observed_words::beside_structural.in(lang) << "</h3>\n";
    if (table.flagged_count() == 0) {
        out << "<p>" << observed_words::none_flagged.in(lang) << "</p>\n";
    } else {
        out << "<table id=\"observed-structural\">\n<tr><th>" << words::step.in(lang) << "</th><th>" << words::ground.in(lang) << "</th><th>"
            << observed_words::group.in(lang) << "</th><th>" << observed_words::ratio.in(lang) << "</th><th>q</th>"
            << (assessment ? "<th>" + std::string(observed_words::structural.in(lang)) + "</th>" : std::string()) << "</tr>\n";
        std::vector<DisparityLink> links;
        if (assessment) links = link(table, *assessment);
        std::size_t l = 0;
        for (const auto& c : table.cells) {
            if (!c.flagged) continue;
            out << "<tr><td>" << detail::step_html(names, c.step) << "</td><td>"
                << html_escape(names.ground(c.ground)) << "</td><td>" << html_escape(c.group) << "</td><td class=\"num\" style=\"white-space:nowrap\">"
                << observed_number(c.ratio, 2, lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">" << html_escape(observed_q(c.q_value, lang)) << "</td>";
            if (assessment) {
                out << "<td>";
                const auto& s = links[l++].structural;
                for (std::size_t k = 0; k < s.size(); ++k) {
                    out << (k ? "<br>" : "") << html_escape(names.ground(s[k].ground)) << " "
                        << detail::observed_badge(s[k].score, observed_level(*assessment, s[k].level), *assessment, lang);
                }
                out << "</td>";
            }
            out << "</tr>\n";
        }
        out << "</table>\n";
    }
    auto blocks = observed_blocks(table);
    if (blocks.empty() && table.withheld_decision_points.empty()) out << "<p>" << observed_words::no_decision_points.in(lang) << "</p>\n";
    const detail::RatioAxis axis = detail::ratio_axis(table);
    const bool strata = observed_has_strata(table);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const auto& block = blocks[b];
        if (b == 0 || blocks[b - 1].step != block.step)
            out << "<h3>" << detail::step_html(names, block.step) << "</h3>\n";
        out << "<h4>" << html_escape(names.ground(block.ground)) << "</h4>\n<table class=\"observed\">\n<tr><th>"
            << observed_words::group.in(lang) << "</th><th>" << observed_words::decisions.in(lang) << "</th><th>" << observed_words::adverse.in(lang)
            << "</th><th>" << observed_words::adverse_rate.in(lang) << "</th><th>" << observed_words::ratio.in(lang) << "</th><th>q</th>";
        if (strata) out << "<th>" << observed_words::mantel_haenszel.in(lang) << "</th>";
        out << "<th>" << observed_words::flagged.in(lang) << "</th></tr>\n";
        for (const DisparityCell* c : block.cells) {
            if (c->suppressed) {
                out << "<tr class=\"suppressed\"><td><em>" << html_escape(names.group(*c)) << "</em></td><td colspan=\"" << (strata ? 7 : 6)
                    << "\"><em>" << observed_words::not_published.in(lang) << "</em></td></tr>\n";
                continue;
            }
            out << "<tr" << (c->flagged ? std::string(" class=\"flagged\" style=\"background:") + flagged_tint + "\"" : std::string())
                << "><td>" << html_escape(c->group) << "</td><td class=\"num\" style=\"white-space:nowrap\">" << whole(static_cast<double>(c->n), lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">"
                << whole(static_cast<double>(c->adverse), lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">" << observed_percent(c->rate, lang) << " "
                << observed_interval(100 * c->rate_interval.lower, 100 * c->rate_interval.upper, 1, lang) << "</td><td class=\"num\" style=\"white-space:nowrap\">";
            if (c->reference) out << observed_words::reference.in(lang) << "</td><td></td>";
            else if (c->compared)
                out << observed_number(c->ratio, 2, lang) << " " << observed_interval(c->ratio_interval.lower, c->ratio_interval.upper, 2, lang)
                    << "</td><td class=\"num\" style=\"white-space:nowrap\">" << html_escape(observed_q(c->q_value, lang)) << "</td>";
            else out << "<em>" << observed_reason(c->no_comparison).in(lang) << "</em></td><td></td>";
            if (strata) {
                out << "<td class=\"num\" style=\"white-space:nowrap\">";
                if (c->stratified)
                    out << observed_number(c->mh_odds_ratio, 2, lang) << " "
                        << observed_interval(c->mh_interval.lower, c->mh_interval.upper, 2, lang) << "; p " << html_escape(observed_q(c->mh_p_value, lang))
                        << "; " << c->mh_strata << " " << observed_words::strata.in(lang);
                else if (!c->no_mantel_haenszel.empty()) out << "<em>" << observed_reason(c->no_mantel_haenszel).in(lang) << "</em>";
                out << "</td>";
            }
            out << "<td>" << (c->flagged ? "<strong>" + std::string(observed_words::yes.in(lang)) + "</strong>" : "") << "</td></tr>\n";
        }
        out << "</table>\n<div class=\"figure\">\n" << detail::forest_plot_svg(block, table, axis, names) << "\n</div>\n";
    }

    if (compounding) out << detail::compounding_html(*compounding, names);
    out << "</section>\n";
    return out.str();
}

/// The section as an HTML document of its own (single file, inline CSS and SVG, no scripts), for a table without
/// the rest of the report (Python's DisparityTable.to_html()).
inline std::string observed_html_document(const DisparityTable& table, const Assessment* assessment,
                                          const nlohmann::ordered_json* compounding, Language lang, const std::string& date = {}) {
    using detail::html_escape;
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Language::nl ? "nl" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << observed_words::title.in(lang) << ": "
        << html_escape(assessment ? assessment->process_name : table.process_id) << "</title>\n<style>\n"
        << "body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}\n"
           "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}\n"
           "th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}.meta{color:#555}.figure{overflow-x:auto}\n"
           ".note{background:#fff8e1;border-left:4px solid #f0c36d;padding:.5em 1em}.badge{padding:.1em .4em;border-radius:3px}\n"
        << "</style>\n</head>\n<body>\n<p class=\"meta\"><strong>" << html_escape(assessment ? assessment->process_name : table.process_id)
        << "</strong> (<code>" << html_escape(table.process_id) << "</code>)";
    if (!date.empty()) out << " &middot; " << words::date.in(lang) << ": " << html_escape(date);
    out << "</p>\n" << observed_html(table, assessment, compounding, lang) << "</body>\n</html>\n";
    return out.str();
}

} // namespace artikel1::report
