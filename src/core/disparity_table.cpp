// SPDX-License-Identifier: EUPL-1.2
// The disparity table computed from counts.

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/disparity_table.hpp>
#include <artikel1/disclosure.hpp>
#include <artikel1/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace artikel1 {

// One function of about 190 lines, on purpose: the cells, their comparisons, the multiple-testing correction and
// the disclosure control must see the same cells in the same order, and each step needs what the one before made
// (q-values need every p-value, suppression every count). Split into parts, each part would pass the whole table on.
DisparityTable compute_disparity(const DisparityAccumulator& acc, const DisparityOptions& options) {
    if (!(options.confidence > 0 && options.confidence < 1)) throw InvalidArgument("confidence must be between 0 and 1");
    if (!(options.alpha > 0 && options.alpha < 1)) throw InvalidArgument("alpha must be between 0 and 1");
    if (!(options.band_lower > 0 && options.band_lower <= 1 && options.band_upper >= 1))
        throw InvalidArgument("the band must contain 1 (e.g. 0.8 to 1.25)");
    if (options.min_cell < 1) throw InvalidArgument("min_cell must be at least 1");
    const DisparitySpec& spec = acc.spec();
    for (const auto& [ground, label] : options.reference_groups) {
        if (spec.find_ground(ground) == DisparitySpec::npos)
            throw InvalidArgument("reference group given for ground " + detail::quote_token(ground) + ", which is not analysed");
        (void)label;
    }
    DisparityTable table;
    table.process_id = spec.process_id();
    table.options = options;
    table.strata_column = spec.strata_column();
    table.issues = acc.issues();
    for (std::size_t g = 0; g < spec.ground_count(); ++g) table.grounds.push_back(spec.ground(g));
    for (std::size_t d = 0; d < spec.decision_count(); ++d) table.decision_points.push_back(spec.step_id(spec.decision_step(d)));

    if (!options.unknown_labels) {
        table.issues.unknown_step_labels.clear();
        table.issues.unknown_outcome_labels.clear();
    }

    struct Pending {
        std::size_t cell;
        std::size_t reference;
        std::size_t ground;
        std::int32_t group;
        std::int32_t reference_group;
        std::size_t decision;
    };
    std::vector<Pending> comparisons;
    for (std::size_t d = 0; d < spec.decision_count(); ++d) {
        // Every group with passages at this decision point, per ground (ordered by label), with its counts.
        struct Entry {
            std::string label;
            std::int32_t code;
            CellCount count;
        };
        std::vector<std::vector<Entry>> by_ground(spec.ground_count());
        std::vector<std::size_t> first_index(spec.ground_count() + 1, 0);
        std::vector<disclosure::Count> counts;
        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            for (std::size_t code = 0; code < acc.group_count(g); ++code) {
                CellCount count = acc.total(d, g, static_cast<std::int32_t>(code));
                if (count.n > 0) by_ground[g].push_back({acc.group_label(g, static_cast<std::int32_t>(code)), static_cast<std::int32_t>(code), count});
            }
            std::sort(by_ground[g].begin(), by_ground[g].end(), [](const Entry& x, const Entry& y) { return x.label < y.label; });
            first_index[g] = counts.size();
            for (const auto& e : by_ground[g]) counts.push_back({e.count.n, e.count.adverse});
        }
        first_index[spec.ground_count()] = counts.size();
        // The additive relations a reader can use: each ground's groups sum to the passages here (less those without
        // a group); an intersection's cells sum to it too, and to each group of its two grounds (its margins).
        std::vector<disclosure::Relation> relations;
        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            disclosure::Relation all;
            for (std::size_t i = first_index[g]; i < first_index[g + 1]; ++i) all.parts.push_back(i);
            if (!all.parts.empty()) relations.push_back(std::move(all));
            if (!spec.is_intersection(g)) continue;
            auto [a, b] = spec.components(g);
            auto margins = [&](std::size_t base, bool first_component) {
                for (std::size_t m = 0; m < by_ground[base].size(); ++m) {
                    disclosure::Relation row;
                    row.total = first_index[base] + m;
                    for (std::size_t k = 0; k < by_ground[g].size(); ++k) {
                        auto pair = acc.group_components(g, by_ground[g][k].code);
                        if ((first_component ? pair.first : pair.second) == by_ground[base][m].code) row.parts.push_back(first_index[g] + k);
                    }
                    if (!row.parts.empty()) relations.push_back(std::move(row));
                }
            };
            margins(a, true);
            margins(b, false);
        }
        disclosure::Protection protection = disclosure::protect(counts, relations, options.min_cell);
        if (!protection.protectable) {
            // The passages and adverse decisions of a decision point can be known from elsewhere (an annual report):
            // with fewer than min_cell of either, no group of it can be shown, nor which groups there are.
            table.withheld_decision_points.push_back(table.decision_points[d]);
            continue;
        }

        for (std::size_t g = 0; g < spec.ground_count(); ++g) {
            const auto& groups = by_ground[g];
            auto status_of = [&](std::size_t k) { return protection.status[first_index[g] + k]; };
            // The reference: the configured label, else the group with the most passages (ties: the smallest label).
            std::size_t reference = DisparitySpec::npos;
            auto configured = options.reference_groups.find(spec.ground(g));
            for (std::size_t k = 0; k < groups.size(); ++k) {
                if (configured != options.reference_groups.end()) {
                    if (groups[k].label == configured->second) reference = k;
                } else if (reference == DisparitySpec::npos || groups[k].count.n > groups[reference].count.n) {
                    reference = k;
                }
            }
            const bool reference_shown = reference != DisparitySpec::npos && !disclosure::is_suppressed(status_of(reference));
            std::size_t reference_cell = DisparitySpec::npos;
            bool hidden = false;
            std::vector<std::pair<std::size_t, std::size_t>> shown; // (table cell, entry)
            for (std::size_t k = 0; k < groups.size(); ++k) {
                if (disclosure::is_suppressed(status_of(k))) {
                    hidden = true; // no label either: a label shown would tell a reader the group has min_cell or more
                    continue;
                }
                DisparityCell cell;
                cell.step = table.decision_points[d];
                cell.ground = spec.ground(g);
                cell.group = groups[k].label;
                cell.n = groups[k].count.n;
                cell.adverse = groups[k].count.adverse;
                cell.rate = static_cast<double>(cell.adverse) / static_cast<double>(cell.n);
                cell.rate_interval = stats::wilson_interval(cell.adverse, cell.n, options.confidence);
                if (k == reference && reference_shown) {
                    cell.reference = true;
                    reference_cell = table.cells.size();
                }
                shown.emplace_back(table.cells.size(), k);
                table.cells.push_back(std::move(cell));
            }
            if (hidden) {
                DisparityCell other;
                other.step = table.decision_points[d];
                other.ground = spec.ground(g);
                other.group = std::string(suppressed_groups_label);
                other.suppressed = true;
                other.other = true;
                other.no_comparison = "suppressed";
                table.cells.push_back(std::move(other));
            }
            for (const auto& [index, k] : shown) {
                auto& cell = table.cells[index];
                if (cell.reference) cell.no_comparison = "reference";
                else if (reference == DisparitySpec::npos) cell.no_comparison = "no reference";
                else if (!reference_shown) cell.no_comparison = "reference suppressed";
                else comparisons.push_back({index, reference_cell, g, groups[k].code, groups[reference].code, d});
            }
        }
    }
    std::vector<double> p_values;
    for (const auto& c : comparisons) {
        auto& cell = table.cells[c.cell];
        const auto& ref = table.cells[c.reference];
        cell.compared = true;
        cell.ratio = stats::rate_ratio(cell.adverse, cell.n, ref.adverse, ref.n);
        cell.ratio_interval = stats::rate_ratio_interval(cell.adverse, cell.n, ref.adverse, ref.n, options.confidence);
        cell.difference = cell.rate - ref.rate;
        cell.difference_interval = stats::newcombe_difference_interval(cell.adverse, cell.n, ref.adverse, ref.n, options.confidence);
        cell.p_value = stats::fisher_exact_two_sided(cell.adverse, cell.n - cell.adverse, ref.adverse, ref.n - ref.adverse);
        p_values.push_back(cell.p_value);
        if (spec.has_strata()) {
            std::vector<stats::Table2x2> strata;
            bool small_stratum = false;
            // Strata in label order, so the sums (and their last digits) do not depend on the order of the log.
            std::vector<std::int32_t> strata_in_order(acc.strata().size());
            std::iota(strata_in_order.begin(), strata_in_order.end(), 0);
            std::sort(strata_in_order.begin(), strata_in_order.end(),
                      [&](std::int32_t x, std::int32_t y) { return acc.strata().label(x) < acc.strata().label(y); });
            for (std::int32_t stratum : strata_in_order) {
                CellCount group = acc.count(c.decision, c.ground, c.group, stratum);
                CellCount base = acc.count(c.decision, c.ground, c.reference_group, stratum);
                if (group.n == 0 || base.n == 0) continue; // a stratum without both groups carries no information
                // A stratum table is not published: the summary is reported only when each of its cells could be.
                if (group.n < options.min_cell || base.n < options.min_cell) small_stratum = true;
                stats::Table2x2 t;
                t.a = group.adverse;
                t.b = group.n - group.adverse;
                t.c = base.adverse;
                t.d = base.n - base.adverse;
                strata.push_back(t);
            }
            if (small_stratum) {
                cell.no_mantel_haenszel = "stratum below min_cell";
            } else if (!strata.empty()) {
                auto mh = stats::mantel_haenszel(strata, options.confidence);
                cell.stratified = true;
                cell.mh_odds_ratio = mh.odds_ratio;
                cell.mh_interval = mh.interval;
                cell.mh_p_value = mh.p_value;
                cell.mh_strata = strata.size();
            }
        }
    }
    auto q_values = stats::benjamini_hochberg(p_values);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        auto& cell = table.cells[comparisons[i].cell];
        cell.q_value = q_values[i];
        bool outside = !(cell.ratio >= options.band_lower && cell.ratio <= options.band_upper); // NaN counts as outside
        cell.flagged = cell.q_value < options.alpha && outside && !std::isnan(cell.ratio);
    }
    return table;
}

} // namespace artikel1
