// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the observed-disparity table in Markdown (`artikel1 disparity --format md`), for wikis and
// issue trackers. Every cell of the table is shown, the suppressed ones as such (no number), labels escaped.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/disparity.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

namespace artikel1::report {

namespace detail {
/// A number with `decimals` decimals, or "n/a" when it is not finite (as in the text summary).
inline std::string md_number(double value, int decimals) {
    if (!std::isfinite(value)) return "n/a";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}
inline std::string md_interval(const stats::Interval& i, int decimals) {
    return "[" + md_number(i.lower, decimals) + ", " + md_number(i.upper, decimals) + "]";
}
} // namespace detail

/// The table as Markdown: what was counted, then one row per cell of every decision point and ground.
inline std::string to_markdown(const DisparityTable& table) {
    using artikel1::detail::md_cell;
    using artikel1::detail::md_code;
    using detail::md_interval;
    using detail::md_number;
    std::ostringstream out;
    const auto& i = table.issues;
    out << "# Observed disparity: " << md_code(table.process_id) << "\n\n";
    out << "Rows " << i.rows << ", passages at decision points " << i.passages << ", decision points "
        << table.decision_points.size() << ", grounds " << table.grounds.size() << "; cells " << table.cells.size()
        << ", suppressed (n < " << table.options.min_cell << ", or protecting one) " << table.suppressed_count()
        << ", flagged " << table.flagged_count() << " (q < " << md_number(table.options.alpha, 2) << " and ratio outside "
        << md_number(table.options.band_lower, 2) << "-" << md_number(table.options.band_upper, 2) << ").\n\n";
    if (!table.withheld_decision_points.empty()) {
        out << "Withheld (too few decisions to protect small groups):";
        for (const auto& d : table.withheld_decision_points) out << " " << md_code(d);
        out << "\n\n";
    }
    out << "| step | ground | group | n | adverse | rate | ratio to reference | q | flagged |\n";
    out << "|---|---|---|---:|---:|---:|---:|---:|---|\n";
    for (const auto& c : table.cells) {
        out << "| " << md_code(c.step) << " | " << md_cell(c.ground) << " | " << md_cell(c.group) << " | ";
        if (c.suppressed) {
            out << "suppressed | | | | | |\n";
            continue;
        }
        out << c.n << " | " << c.adverse << " | " << md_number(100 * c.rate, 1) << "% "
            << md_interval({100 * c.rate_interval.lower, 100 * c.rate_interval.upper}, 1) << " | ";
        if (c.reference) out << "reference | |";
        else if (c.compared) out << md_number(c.ratio, 2) << " " << md_interval(c.ratio_interval, 2) << " | " << (c.q_value < 0.0001 ? std::string("< 0.0001") : md_number(c.q_value, 4)) << " |";
        else out << md_cell(c.no_comparison) << " | |";
        out << " " << (c.flagged ? "yes" : "") << " |\n";
    }
    return out.str();
}

} // namespace artikel1::report
