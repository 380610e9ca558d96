// SPDX-License-Identifier: EUPL-1.2
// artikel1: the disparity table written as JSON (`artikel1/disparity/1`), CSV and text (English or Dutch), and the
// number and label helpers the other disparity renderers share (report/disparity_markdown.hpp, compounding.hpp).
#pragma once

#include <artikel1/disparity_table.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/statistics.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

namespace detail {

/// A number for JSON: non-finite values (a ratio against a reference rate of 0) become null.
nlohmann::ordered_json finite_or_null(double value);
nlohmann::ordered_json interval_json(const stats::Interval& interval);

/// A CSV field, quoted when it needs to be (RFC 4180), safe to open in a spreadsheet (output_escape.hpp).
std::string csv_field(std::string_view text);

std::string csv_number(double value);

/// A proportion, ratio or difference in the disparity CSV: six decimals (a rate to 0.0001 percentage point), empty
/// when not finite; trailing zeros are kept so that a column has one width.
std::string csv_fixed(double value);

/// A p- or q-value in the CSV: four significant digits, in exponent notation when small ("3.217e-09").
std::string csv_p(double value);

} // namespace detail

/// The table as JSON (`artikel1/disparity/1`), deterministic. Suppressed cells carry only their labels and
/// `"suppressed": true`: no count, rate or statistic.
nlohmann::ordered_json to_json(const DisparityTable& table);

/// The table as CSV, one row per cell; the numbers of suppressed cells are left empty. Rates, ratios and
/// differences have six decimals, p- and q-values four significant digits (csv_fixed, csv_p).
std::string to_csv(const DisparityTable& table);

/// A number with `decimals` decimals in the language of a text table (a decimal comma in Dutch), "n/a" ("n.v.t.")
/// when it is not finite.
std::string table_number(double value, int decimals, Language language);

/// A q- or p-value as the tables show it: four decimals, or "< 0.0001" ("< 0,0001").
std::string table_p(double value, Language language);

/// Why a cell is not compared, or why Mantel-Haenszel is not reported, in the language of the table (the reasons
/// compute_disparity writes; the JSON keeps them in English).
std::string table_reason(const std::string& reason, Language language);

/// A ground of the table as a text table names it: the id in English, the knowledge base's label in Dutch (both
/// grounds of an intersection "race+sex": "ras+geslacht").
std::string table_ground(const std::string& ground, Language language, const KnowledgeBase& kb);

/// A text summary: what was counted, the data problems, every published cell with its rate and interval, its ratio
/// to the reference group and, with strata, its Mantel-Haenszel odds ratio; then the flagged cells. In English or
/// Dutch (decimal commas, grounds by their label in `kb`); group labels and ids are written as they are in the log and
/// the model.
std::string to_text(const DisparityTable& table, Language language = Language::en, const KnowledgeBase& kb = KnowledgeBase::builtin());

} // namespace artikel1
