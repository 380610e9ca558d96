// SPDX-License-Identifier: EUPL-1.2
// artikel1: the disparity table computed from counts (docs/disparity.md): rates, ratios, differences, Fisher tests,
// Benjamini-Hochberg q-values, Mantel-Haenszel across strata, small-cell and secondary suppression.
// Its writers (JSON, CSV, text) are in report/disparity_writers.hpp; the link to the structural score in
// disparity_link.hpp.
#pragma once

#include <artikel1/disparity_accumulator.hpp>
#include <artikel1/statistics.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

// ---------------------------------------------------------------------------------------------------------------
// The table

/// Options of `compute_disparity`. Defaults follow docs/disparity.md.
struct DisparityOptions {
    /// Cells with fewer passages are suppressed in every output, and so is every comparison that needs one.
    std::uint64_t min_cell = 10;
    double confidence = 0.95;
    /// A comparison is flagged when its q-value is below `alpha` and its ratio is outside [band_lower, band_upper]
    /// (the four-fifths rule, read in both directions).
    double alpha = 0.05;
    double band_lower = 0.8;
    double band_upper = 1.25;
    /// Reference group per ground id (a label); grounds not listed use the group with the most passages at each
    /// decision point (ties: the smallest label).
    std::map<std::string, std::string> reference_groups;
    /// Publish the samples of unknown step and outcome labels in `issues` (off by default: a label typed into the
    /// wrong column can be a name).
    bool unknown_labels = false;
};

/// The group label of the row that stands for every group below min_cell at a decision point and ground.
inline constexpr std::string_view suppressed_groups_label = "other (suppressed)";

/// One decision point x ground x group.
struct DisparityCell {
    std::string step;
    std::string ground;
    std::string group;
    /// The row "other (suppressed)": the groups with fewer than min_cell passages and those suppressed to protect
    /// them (disclosure.hpp). No number, no label, not even how many groups; every other cell is published.
    bool suppressed = false;
    bool other = false; ///< the same as `suppressed`, kept apart for readers of the JSON
    bool reference = false;    ///< the reference group of this decision point and ground
    std::uint64_t n = 0;       ///< passages
    std::uint64_t adverse = 0; ///< passages that took an adverse flow
    double rate = 0;
    stats::Interval rate_interval;
    /// Comparison with the reference group (false for the reference itself and whenever a cell it needs is
    /// suppressed; `no_comparison` says why).
    bool compared = false;
    std::string no_comparison;
    double ratio = 0;
    stats::Interval ratio_interval;
    double difference = 0;
    stats::Interval difference_interval;
    double p_value = 1;  ///< Fisher's exact test, two-sided
    double q_value = 1;  ///< Benjamini-Hochberg over every comparison in the table
    bool flagged = false;
    /// With strata: the Mantel-Haenszel common odds ratio of this group against the reference across strata.
    bool stratified = false;
    double mh_odds_ratio = 0;
    stats::Interval mh_interval;
    double mh_p_value = 1;
    std::size_t mh_strata = 0; ///< strata that contributed (both groups present)
    /// Why Mantel-Haenszel is not reported although there are strata ("stratum below min_cell"), or empty.
    std::string no_mantel_haenszel;
};

/// The result of `compute_disparity`: cells ordered by decision point (model order), ground (spec order, then
/// intersections) and group label (byte order), so the table does not depend on the order of the log.
struct DisparityTable {
    std::string process_id;
    DisparityOptions options;
    std::vector<std::string> decision_points;
    std::vector<std::string> grounds;
    std::string strata_column;
    std::vector<DisparityCell> cells;
    DisparityIssues issues;
    /// Decision points whose groups below min_cell cannot be protected by secondary suppression (fewer than
    /// min_cell adverse or other decisions there): the table has no cell of them at all, not even a label.
    std::vector<std::string> withheld_decision_points;

    std::size_t flagged_count() const {
        return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const DisparityCell& c) { return c.flagged; }));
    }
    std::size_t suppressed_count() const {
        return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const DisparityCell& c) { return c.suppressed; }));
    }
    /// The cell of (step, ground, group), or nullptr.
    const DisparityCell* find(std::string_view step, std::string_view ground, std::string_view group) const {
        for (const auto& c : cells) {
            if (c.step == step && c.ground == ground && c.group == group) return &c;
        }
        return nullptr;
    }
};

/// Computes the disparity table from counts. Throws InvalidArgument for options out of range.
DisparityTable compute_disparity(const DisparityAccumulator& acc, const DisparityOptions& options = {});

} // namespace artikel1
