// SPDX-License-Identifier: EUPL-1.2
// artikel1: statistical disclosure control for published count tables (docs/security.md, "Disclosure control").
//
// A table of counts is protected in two steps, as statistics offices do it:
//   primary suppression    every cell with fewer than `min_cell` passages;
//   secondary suppression  further cells, chosen so that no suppressed count can be worked out, or bounded to an
//                          interval narrower than `min_cell`, from the published cells and totals.
// The tables are described as cells (passages n and adverse count) and additive relations between them: a set of
// parts that sums to a total, where the total is either another cell or a number the reader may know (the passages
// at a decision point). The rule, applied to every relation until nothing changes:
//   - a relation with a known or published total is safe when none of its cells is suppressed, or at least two are
//     and the suppressed ones together hold at least min_cell adverse decisions and min_cell other decisions
//     (so a suppressed cell can be anything from 0 to min_cell or more of each, as far as the relation tells);
//   - a relation whose total is itself suppressed is safe when at least one of its parts is suppressed too and the
//     suppressed parts hold min_cell adverse and min_cell other decisions (or all the relation has);
//   - otherwise the smallest published part that makes it safe is suppressed (the one that helps most when none
//     does alone); when every part is suppressed and it is still not safe, a published total cell is suppressed,
//     and a known total cannot be: the cells it covers cannot be protected (`Protection::protectable` false) and the
//     caller withholds them all.
// Adverse and other decisions are protected separately because a reader who knows n and adverse of published cells
// knows both, and every relation on passages is the sum of one on adverse and one on other decisions.
// Suppressed cells must not be shown by label: a label tells a reader that a cell is suppressed only to protect
// another (then it has min_cell passages or more), and such lower bounds are not part of the rule.
// This header depends on nothing else of artikel1, so that every table that publishes counts can use it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace artikel1::disclosure {

/// Passages and adverse decisions of one cell of a count table.
struct Count {
    std::uint64_t n = 0;
    std::uint64_t adverse = 0;
    std::uint64_t favourable() const { return n - adverse; }
};

enum class Status : std::uint8_t {
    published,  ///< shown with its numbers
    primary,    ///< below min_cell: neither its numbers nor its label may be shown
    secondary   ///< at least min_cell, suppressed to protect a primary cell
};

inline bool is_suppressed(Status status) { return status != Status::published; }

/// `Relation::total` of a relation whose total a reader may know without it being a cell (a grand total).
inline constexpr std::size_t known_total = static_cast<std::size_t>(-1);

/// The parts (cell indices) of an additive relation and the cell that is their total (or known_total). The parts
/// need not cover the total exactly: cells without a label (missing values) may make up the rest, and the rule
/// assumes the reader knows how many.
struct Relation {
    std::vector<std::size_t> parts;
    std::size_t total = known_total;
};

struct Protection {
    std::vector<Status> status;  ///< per cell
    /// False when a relation with a known total could not be made safe: its cells must all be withheld, together
    /// with every total that covers them.
    bool protectable = true;
};

namespace detail {

struct Held {
    std::size_t cells = 0;
    std::uint64_t adverse = 0;
    std::uint64_t favourable = 0;
};

/// What a relation still needs: how many more adverse and other decisions its suppressed parts must hold (both
/// zero and `fine` when it is safe).
struct Need {
    bool fine = true;
    std::uint64_t adverse = 0;
    std::uint64_t favourable = 0;
};

inline std::uint64_t shortfall(std::uint64_t have, std::uint64_t want) { return have >= want ? 0 : want - have; }

inline Need need(const std::vector<Count>& cells, const std::vector<Status>& status, const Relation& relation,
                 std::uint64_t min_cell) {
    Held held;
    std::uint64_t all_adverse = 0, all_favourable = 0;
    for (std::size_t part : relation.parts) {
        all_adverse += cells[part].adverse;
        all_favourable += cells[part].favourable();
        if (!is_suppressed(status[part])) continue;
        ++held.cells;
        held.adverse += cells[part].adverse;
        held.favourable += cells[part].favourable();
    }
    const bool total_suppressed = relation.total != known_total && is_suppressed(status[relation.total]);
    Need out;
    if (held.cells == 0 && !total_suppressed) return out;
    if (total_suppressed) {
        out.adverse = shortfall(held.adverse, std::min(min_cell, all_adverse));
        out.favourable = shortfall(held.favourable, std::min(min_cell, all_favourable));
        out.fine = held.cells >= 1 && out.adverse == 0 && out.favourable == 0;
        return out;
    }
    out.adverse = shortfall(held.adverse, min_cell);
    out.favourable = shortfall(held.favourable, min_cell);
    out.fine = held.cells >= 2 && out.adverse == 0 && out.favourable == 0;
    return out;
}

/// The published part to suppress next: the smallest that meets the need alone, else the one that covers most of
/// it (then the larger, then the first). npos when every part is suppressed.
inline std::size_t pick(const std::vector<Count>& cells, const std::vector<Status>& status, const Relation& relation,
                        const Need& need) {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t alone = none, best = none;
    std::uint64_t best_cover = 0;
    for (std::size_t part : relation.parts) {
        if (is_suppressed(status[part])) continue;
        const Count& c = cells[part];
        if (c.adverse >= need.adverse && c.favourable() >= need.favourable) {
            if (alone == none || c.n < cells[alone].n) alone = part;
            continue;
        }
        std::uint64_t cover = std::min(c.adverse, need.adverse) + std::min(c.favourable(), need.favourable);
        if (best == none || cover > best_cover || (cover == best_cover && c.n > cells[best].n)) {
            best = part;
            best_cover = cover;
        }
    }
    return alone != none ? alone : best;
}

} // namespace detail

/// Primary and secondary suppression of `cells` under `relations` (see the top of this file). Deterministic: the
/// same cells and relations in the same order give the same pattern.
inline Protection protect(const std::vector<Count>& cells, const std::vector<Relation>& relations, std::uint64_t min_cell) {
    Protection out;
    out.status.reserve(cells.size());
    for (const auto& c : cells) out.status.push_back(c.n < min_cell ? Status::primary : Status::published);
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& relation : relations) {
            for (;;) {
                detail::Need need = detail::need(cells, out.status, relation, min_cell);
                if (need.fine) break;
                std::size_t part = detail::pick(cells, out.status, relation, need);
                if (part == static_cast<std::size_t>(-1)) {
                    if (relation.total == known_total) {
                        out.protectable = false;
                        break;
                    }
                    if (is_suppressed(out.status[relation.total])) break; // every part is suppressed: nothing left
                    part = relation.total;
                }
                out.status[part] = Status::secondary;
                changed = true;
            }
        }
    }
    return out;
}

} // namespace artikel1::disclosure
