// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: CSV, one row per step x ground, for spreadsheets.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>

namespace artikel1::report {

namespace detail {
/// A text field, quoted when needed and safe to open in a spreadsheet.
inline std::string csv_quote(const std::string& text) { return artikel1::detail::csv_text(text); }
} // namespace detail

/// Columns: step, step_name, ground, score, level, likelihood, impact, top_source, top_value, top_detail,
/// robust_low, robust_high, level_holds. The top contribution is the source with the highest value after measures;
/// the last three are the score's range with every weight within the band and whether its level holds.
inline std::string to_csv(const Assessment& a) {
    std::string out =
        "step,step_name,ground,score,level,likelihood,impact,top_source,top_value,top_detail,robust_low,robust_high,level_holds\n";
    for (const auto& step : a.steps) {
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            const auto& s = step.scores[g];
            const Contribution* top = nullptr;
            for (const auto& c : s.contributions) {
                if (!top || c.value > top->value) top = &c;
            }
            out += detail::csv_quote(step.id) + "," + detail::csv_quote(step.name) + "," + detail::csv_quote(a.grounds[g]) + "," +
                   fixed(s.score) + "," + a.level_id(s.level) + "," + fixed(s.likelihood, 4) + "," + fixed(s.impact, 4) + ",";
            if (top) {
                out += std::string(to_string(top->source)) + "," + fixed(top->value, 4) + "," + detail::csv_quote(top->detail);
            } else {
                out += ",,";
            }
            out += "," + fixed(s.robustness.low) + "," + fixed(s.robustness.high) + "," + (s.level_holds() ? "true" : "false");
            out += "\n";
        }
    }
    return out;
}

} // namespace artikel1::report
