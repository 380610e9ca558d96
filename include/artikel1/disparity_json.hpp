// SPDX-License-Identifier: EUPL-1.2
// artikel1: a published disparity table (`artikel1/disparity/1`, what `to_json(table)` writes) read back, so that a
// table can travel between processes (Python's pickle, multiprocessing, Dask) and be written again in every format.
//
// Only what the JSON publishes comes back: suppressed cells have no numbers there, and get none here. Writing the
// table read back gives the same JSON, CSV and text as the table it was written from (a test holds this).
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/error.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <string_view>

namespace artikel1 {

namespace detail {

inline double table_number(const nlohmann::ordered_json& value) {
    // to_json writes null for a statistic that is not finite (a ratio against a rate of 0); every writer shows a
    // non-finite number the same way ("n/a", an empty CSV field, null), so NaN stands for all of them.
    return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

inline stats::Interval table_interval(const nlohmann::ordered_json& value) {
    return {table_number(value.at(0)), table_number(value.at(1))};
}

inline DisparityCell table_cell(const nlohmann::ordered_json& c) {
    DisparityCell cell;
    cell.step = c.at("step").get<std::string>();
    cell.ground = c.at("ground").get<std::string>();
    cell.group = c.at("group").get<std::string>();
    cell.suppressed = c.at("suppressed").get<bool>();
    if (cell.suppressed) {
        cell.other = c.value("other", false);
        return cell;
    }
    cell.reference = c.at("reference").get<bool>();
    cell.n = c.at("n").get<std::uint64_t>();
    cell.adverse = c.at("adverse").get<std::uint64_t>();
    cell.rate = c.at("rate").get<double>();
    cell.rate_interval = table_interval(c.at("rate_interval"));
    const auto& comparison = c.at("comparison");
    cell.compared = !comparison.is_null();
    if (cell.compared) {
        cell.ratio = table_number(comparison.at("ratio"));
        cell.ratio_interval = table_interval(comparison.at("ratio_interval"));
        cell.difference = comparison.at("difference").get<double>();
        cell.difference_interval = table_interval(comparison.at("difference_interval"));
        cell.p_value = comparison.at("p_value").get<double>();
        cell.q_value = comparison.at("q_value").get<double>();
        if (auto mh = c.find("mantel_haenszel"); mh != c.end() && !mh->is_null()) {
            cell.stratified = true;
            cell.mh_odds_ratio = table_number(mh->at("odds_ratio"));
            cell.mh_interval = table_interval(mh->at("interval"));
            cell.mh_p_value = mh->at("p_value").get<double>();
            cell.mh_strata = mh->at("strata").get<std::size_t>();
        }
        cell.no_mantel_haenszel = c.value("no_mantel_haenszel", std::string());
    } else {
        cell.no_comparison = c.at("no_comparison").get<std::string>();
    }
    cell.flagged = c.at("flagged").get<bool>();
    return cell;
}


} // namespace detail

/// A table written by `to_json(table)` (`artikel1/disparity/1`), read back. Throws ParseError for malformed JSON and
/// ValidationError for a document that is not such a table.
inline DisparityTable disparity_table_from_json(std::string_view text, const ParseLimits& limits = {}) {
    auto doc = detail::parse_json(text, limits, "disparity table");
    if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != disparity_schema_id)
        throw ValidationError({Problem{ProblemLevel::error, "/schema", "expected \"" + std::string(disparity_schema_id) + "\""}});
    try {
        DisparityTable table;
        table.process_id = doc.at("process").get<std::string>();
        table.options.min_cell = doc.at("min_cell").get<std::uint64_t>();
        table.options.confidence = doc.at("confidence").get<double>();
        table.options.alpha = doc.at("alpha").get<double>();
        table.options.band_lower = doc.at("band").at(0).get<double>();
        table.options.band_upper = doc.at("band").at(1).get<double>();
        for (const auto& [ground, label] : doc.at("reference_groups").items()) table.options.reference_groups[ground] = label.get<std::string>();
        table.decision_points = doc.at("decision_points").get<std::vector<std::string>>();
        table.grounds = doc.at("grounds").get<std::vector<std::string>>();
        const auto& strata = doc.at("strata_column");
        table.strata_column = strata.is_null() ? std::string() : strata.get<std::string>();
        for (const auto& c : doc.at("cells")) table.cells.push_back(detail::table_cell(c));
        table.withheld_decision_points = doc.at("withheld_decision_points").get<std::vector<std::string>>();
        table.issues = detail::issues_from_json(doc.at("issues"), table.grounds, [](const std::string&, const std::string&) {
            throw ValidationError({Problem{ProblemLevel::error, "", "not a disparity table as artikel1 writes it"}});
        });
        table.options.unknown_labels = !table.issues.unknown_step_labels.empty() || !table.issues.unknown_outcome_labels.empty();
        return table;
    } catch (const nlohmann::ordered_json::exception&) {
        throw ValidationError({Problem{ProblemLevel::error, "", "not a disparity table as artikel1 writes it"}});
    }
}

} // namespace artikel1
