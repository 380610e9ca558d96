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
/// the last three are the score's range with every weight within the band and whether its level holds. The column
/// names, ids and numbers are the same in every language (a point before the decimals, for any program that reads
/// them); the one text written for people, top_detail, is in the language asked for (detail_text).
inline std::string to_csv(const Assessment& a, const KnowledgeBase& kb, Language language = Language::en) {
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
                out += std::string(to_string(top->source)) + "," + fixed(top->value, 4) + "," + detail::csv_quote(detail_text(*top, kb, language));
            } else {
                out += ",,";
            }
            out += "," + fixed(s.robustness.low) + "," + fixed(s.robustness.high) + "," + (s.level_holds() ? "true" : "false");
            out += "\n";
        }
    }
    return out;
}

/// The CSV with the English texts of the assessment.
inline std::string to_csv(const Assessment& a) { return to_csv(a, KnowledgeBase::builtin()); }

} // namespace artikel1::report
