// SPDX-License-Identifier: EUPL-1.2
// The disparity counts: merging, serialising and reading them back, the label samples of the issues.

#include <artikel1/disparity_accumulator.hpp>
#include <artikel1/detail/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace artikel1 {

namespace detail {

void note_label(std::vector<std::string>& sample, std::string_view raw) {
    std::string repaired;
    std::string_view label = raw;
    if (!is_valid_utf8(label)) {
        repaired = valid_utf8(label);
        label = repaired;
    }
    // Kept at most as long as a token quoted in a message, cut on a character boundary.
    if (label.size() > DisparityIssues::label_sample_max_bytes + 3) {
        repaired = cut_at_character(label, DisparityIssues::label_sample_max_bytes);
        label = repaired;
    }
    auto it = std::lower_bound(sample.begin(), sample.end(), label);
    if (it != sample.end() && *it == label) return;
    if (sample.size() >= DisparityIssues::label_sample_size && it == sample.end()) return;
    sample.insert(it, std::string(label));
    if (sample.size() > DisparityIssues::label_sample_size) sample.pop_back();
}

} // namespace detail

void DisparityAccumulator::merge(const DisparityAccumulator& other) {
    if (&other == this) throw InvalidArgument("merge: cannot merge an accumulator into itself");
    if (spec_ != other.spec_ && spec_->fingerprint() != other.spec_->fingerprint())
        throw InvalidArgument("merge: the accumulators count different things (their specs differ)");
    std::vector<std::vector<std::int32_t>> remap(spec_->ground_count());
    for (std::size_t g = 0; g < spec_->base_ground_count(); ++g) {
        for (const auto& label : other.dictionaries_[g].labels()) remap[g].push_back(dictionaries_[g].intern(label));
    }
    for (std::size_t g = spec_->base_ground_count(); g < spec_->ground_count(); ++g) {
        auto [a, b] = spec_->components(g);
        const auto& theirs = other.pairs_[g - spec_->base_ground_count()];
        for (std::size_t code = 0; code < theirs.size(); ++code) {
            auto pair = theirs.pair(static_cast<std::int32_t>(code));
            remap[g].push_back(pairs_[g - spec_->base_ground_count()].intern(
                remap[a][static_cast<std::size_t>(pair.first)], remap[b][static_cast<std::size_t>(pair.second)]));
        }
    }
    std::vector<std::size_t> slot_map{0};
    for (const auto& label : other.strata_.labels()) slot_map.push_back(static_cast<std::size_t>(strata_.intern(label)) + 1);
    std::size_t decisions = spec_->decision_count();
    for (std::size_t g = 0; g < spec_->ground_count(); ++g) {
        for (std::size_t code = 0; code < other.counts_[g].size(); ++code) {
            const auto& cells = other.counts_[g][code];
            for (std::size_t cell = 0; cell < cells.size(); ++cell) {
                if (cells[cell].n == 0) continue;
                std::size_t slot = slot_map[cell / decisions], d = cell % decisions;
                add_counts(g, static_cast<std::size_t>(remap[g][code]), slot * decisions + d, cells[cell]);
            }
        }
    }
    const std::size_t width = spec_->transition_width();
    for (std::size_t g = 0; g < other.transitions_.size(); ++g) {
        for (std::size_t code = 0; code < other.transitions_[g].size(); ++code) {
            const auto& moves = other.transitions_[g][code];
            for (std::size_t k = 0; k < moves.size(); ++k) {
                if (moves[k] != 0)
                    add_transitions(g, static_cast<std::size_t>(remap[g][code]), slot_map[k / width] * width + k % width, moves[k]);
            }
        }
    }
    for (std::size_t k = 0; k < other.transitions_total_.size(); ++k) {
        if (other.transitions_total_[k] != 0) add_total_transitions(slot_map[k / width] * width + k % width, other.transitions_total_[k]);
    }
    auto& mine = issues_;
    const auto& theirs = other.issues_;
    mine.rows = detail::checked_add(mine.rows, theirs.rows);
    mine.passages = detail::checked_add(mine.passages, theirs.passages);
    mine.not_decision_point = detail::checked_add(mine.not_decision_point, theirs.not_decision_point);
    mine.unknown_step = detail::checked_add(mine.unknown_step, theirs.unknown_step);
    mine.unknown_next_step = detail::checked_add(mine.unknown_next_step, theirs.unknown_next_step);
    mine.flow_not_in_model = detail::checked_add(mine.flow_not_in_model, theirs.flow_not_in_model);
    mine.unknown_outcome = detail::checked_add(mine.unknown_outcome, theirs.unknown_outcome);
    mine.ended_at_decision_point = detail::checked_add(mine.ended_at_decision_point, theirs.ended_at_decision_point);
    mine.missing_stratum = detail::checked_add(mine.missing_stratum, theirs.missing_stratum);
    for (std::size_t g = 0; g < mine.missing_group.size(); ++g)
        mine.missing_group[g] = detail::checked_add(mine.missing_group[g], theirs.missing_group[g]);
    for (const auto& label : theirs.unknown_step_labels) detail::note_label(mine.unknown_step_labels, label);
    for (const auto& label : theirs.unknown_outcome_labels) detail::note_label(mine.unknown_outcome_labels, label);
}

std::string DisparityAccumulator::serialise() const {
    nlohmann::ordered_json doc;
    doc["schema"] = disparity_counts_schema_id;
    doc["spec"] = spec_->fingerprint();
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& dictionary : dictionaries_) groups.push_back(dictionary.labels());
    doc["groups"] = groups;
    nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
    for (const auto& dictionary : pairs_) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (std::size_t code = 0; code < dictionary.size(); ++code) {
            auto pair = dictionary.pair(static_cast<std::int32_t>(code));
            list.push_back({pair.first, pair.second});
        }
        pairs.push_back(list);
    }
    doc["intersection_groups"] = pairs;
    doc["strata"] = strata_.labels();
    // One array per non-zero cell: [ground, group, stratum (-1: none), decision point, n, adverse].
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    std::size_t decisions = spec_->decision_count();
    for (std::size_t g = 0; g < counts_.size(); ++g) {
        for (std::size_t code = 0; code < counts_[g].size(); ++code) {
            const auto& list = counts_[g][code];
            for (std::size_t cell = 0; cell < list.size(); ++cell) {
                if (list[cell].n == 0) continue;
                long long stratum = static_cast<long long>(cell / decisions) - 1;
                cells.push_back({g, code, stratum, cell % decisions, list[cell].n, list[cell].adverse});
            }
        }
    }
    doc["cells"] = cells;
    if (spec_->counts_transitions()) {
        // One array per non-zero count: [ground, group, stratum (-1: none), transition code, count].
        nlohmann::ordered_json moves = nlohmann::ordered_json::array();
        const std::size_t width = spec_->transition_width();
        for (std::size_t g = 0; g < transitions_.size(); ++g) {
            for (std::size_t code = 0; code < transitions_[g].size(); ++code) {
                const auto& list = transitions_[g][code];
                for (std::size_t k = 0; k < list.size(); ++k) {
                    if (list[k] != 0) moves.push_back({g, code, static_cast<long long>(k / width) - 1, k % width, list[k]});
                }
            }
        }
        doc["transitions"] = moves;
        // [stratum (-1: none), transition code, count] of every row, groups known or not.
        nlohmann::ordered_json totals = nlohmann::ordered_json::array();
        for (std::size_t k = 0; k < transitions_total_.size(); ++k) {
            if (transitions_total_[k] != 0) totals.push_back({static_cast<long long>(k / width) - 1, k % width, transitions_total_[k]});
        }
        doc["transitions_total"] = totals;
    }
    doc["issues"] = detail::issues_json(issues_);
    return doc.dump();
}

namespace detail {

namespace {
// The counts of the issues by their JSON names, in the order they are written: the one list of them, for writing
// (issues_json) and reading (issues_from_json).
struct IssueCount {
    const char* name;
    std::uint64_t DisparityIssues::*member;
};
constexpr IssueCount issue_counts[] = {
    {"rows", &DisparityIssues::rows},
    {"passages", &DisparityIssues::passages},
    {"not_decision_point", &DisparityIssues::not_decision_point},
    {"unknown_step", &DisparityIssues::unknown_step},
    {"unknown_next_step", &DisparityIssues::unknown_next_step},
    {"flow_not_in_model", &DisparityIssues::flow_not_in_model},
    {"unknown_outcome", &DisparityIssues::unknown_outcome},
    {"ended_at_decision_point", &DisparityIssues::ended_at_decision_point},
    {"missing_stratum", &DisparityIssues::missing_stratum},
};
} // namespace

nlohmann::ordered_json issues_json(const DisparityIssues& i, const std::vector<std::string>& grounds) {
    nlohmann::ordered_json missing = grounds.empty() ? nlohmann::ordered_json(i.missing_group) : nlohmann::ordered_json::object();
    for (std::size_t g = 0; g < grounds.size() && g < i.missing_group.size(); ++g) missing[grounds[g]] = i.missing_group[g];
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    for (const auto& count : issue_counts) doc[count.name] = i.*count.member;
    doc["missing_group"] = std::move(missing);
    doc["unknown_step_labels"] = i.unknown_step_labels;
    doc["unknown_outcome_labels"] = i.unknown_outcome_labels;
    return doc;
}

DisparityIssues issues_from_json(const nlohmann::ordered_json& i, const std::vector<std::string>& grounds,
                                 const std::function<void(const std::string&, const std::string&)>& fail) {
    DisparityIssues issues;
    for (const auto& count : issue_counts) {
        const auto& value = i.at(count.name);
        if (!value.is_number_unsigned()) fail(std::string("/issues/") + count.name, "expected a whole number >= 0");
        issues.*count.member = value.get<std::uint64_t>();
    }
    const auto& missing = i.at("missing_group");
    if (grounds.empty()) {
        for (const auto& n : missing) {
            if (!n.is_number_unsigned()) fail("/issues/missing_group", "expected whole numbers >= 0");
            issues.missing_group.push_back(n.get<std::uint64_t>());
        }
    } else {
        for (const auto& ground : grounds) {
            if (missing.contains(ground)) issues.missing_group.push_back(missing.at(ground).get<std::uint64_t>());
        }
    }
    issues.unknown_step_labels = i.at("unknown_step_labels").get<std::vector<std::string>>();
    issues.unknown_outcome_labels = i.at("unknown_outcome_labels").get<std::vector<std::string>>();
    return issues;
}
} // namespace detail

std::string issues_json_text(const DisparityIssues& issues, const std::vector<std::string>& grounds) {
    return detail::issues_json(issues, grounds).dump();
}

// Long (about 120 lines) on purpose: it reads the members of the counts in the order serialise() writes them, each
// check beside the member it guards, so that the two can be compared line by line.
DisparityAccumulator DisparityAccumulator::deserialise(std::shared_ptr<const DisparitySpec> spec, std::string_view text,
                                                      const ParseLimits& limits) {
    auto doc = detail::parse_json(text, limits, "disparity counts");
    auto fail = [](const std::string& pointer, const std::string& message) -> void {
        throw ValidationError({Problem{ProblemLevel::error, pointer, message}});
    };
    if (!doc.is_object()) fail("", "expected an object");
    if (!doc.contains("schema") || doc["schema"] != disparity_counts_schema_id)
        fail("/schema", "expected \"" + std::string(disparity_counts_schema_id) + "\"");
    if (!doc.contains("spec") || !detail::same_json(spec->fingerprint(), doc["spec"]))
        throw ValidationError({make_problem(ProblemLevel::error, "/spec", "counts_other_spec")});
    DisparityAccumulator acc(std::move(spec));
    const auto& s = acc.spec();
    try {
        const auto& groups = doc.at("groups");
        if (!groups.is_array() || groups.size() != s.base_ground_count()) fail("/groups", "expected one label list per ground");
        for (std::size_t g = 0; g < groups.size(); ++g) {
            for (const auto& label : groups[g]) {
                std::size_t before = acc.dictionaries_[g].size();
                acc.dictionaries_[g].intern(label.get<std::string>());
                if (acc.dictionaries_[g].size() == before) fail("/groups/" + std::to_string(g), "duplicate label");
            }
        }
        const auto& pairs = doc.at("intersection_groups");
        if (!pairs.is_array() || pairs.size() != acc.pairs_.size()) fail("/intersection_groups", "expected one list per intersection");
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            auto [a, b] = s.components(s.base_ground_count() + i);
            for (std::size_t k = 0; k < pairs[i].size(); ++k) {
                auto first = pairs[i][k].at(0).get<std::int32_t>(), second = pairs[i][k].at(1).get<std::int32_t>();
                if (first < 0 || second < 0 || static_cast<std::size_t>(first) >= acc.dictionaries_[a].size() ||
                    static_cast<std::size_t>(second) >= acc.dictionaries_[b].size() ||
                    acc.pairs_[i].intern(first, second) != static_cast<std::int32_t>(k))
                    fail("/intersection_groups/" + std::to_string(i) + "/" + std::to_string(k), "invalid group pair");
            }
        }
        for (const auto& label : doc.at("strata")) acc.strata_.intern(label.get<std::string>());
        const auto& cells = doc.at("cells");
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const auto& c = cells[k];
            std::string at = "/cells/" + std::to_string(k);
            if (!c.is_array() || c.size() != 6) fail(at, "expected [ground, group, stratum, decision, n, adverse]");
            for (std::size_t m : {0, 1, 3, 4, 5}) {
                if (!c[m].is_number_unsigned()) fail(at + "/" + std::to_string(m), "expected a whole number >= 0");
            }
            if (!c[2].is_number_integer()) fail(at + "/2", "expected a whole number >= -1");
            auto g = c[0].get<std::size_t>();
            auto group = c[1].get<std::size_t>();
            auto stratum = c[2].get<long long>();
            auto d = c[3].get<std::size_t>();
            CellCount count{c[4].get<std::uint64_t>(), c[5].get<std::uint64_t>()};
            if (g >= s.ground_count() || group >= acc.group_count(g) || stratum < -1 ||
                stratum >= static_cast<long long>(acc.strata_.size()) || d >= s.decision_count() || count.adverse > count.n)
                fail(at, "cell out of range");
            acc.add_counts(g, group, static_cast<std::size_t>(stratum + 1) * s.decision_count() + d, count);
        }
        if (s.counts_transitions()) {
            const auto& moves = doc.at("transitions");
            if (!moves.is_array()) fail("/transitions", "expected an array");
            for (std::size_t k = 0; k < moves.size(); ++k) {
                const auto& c = moves[k];
                std::string at = "/transitions/" + std::to_string(k);
                if (!c.is_array() || c.size() != 5) fail(at, "expected [ground, group, stratum, transition, count]");
                for (std::size_t m : {0, 1, 3, 4}) {
                    if (!c[m].is_number_unsigned()) fail(at + "/" + std::to_string(m), "expected a whole number >= 0");
                }
                if (!c[2].is_number_integer()) fail(at + "/2", "expected a whole number >= -1");
                auto g = c[0].get<std::size_t>(), group = c[1].get<std::size_t>(), code = c[3].get<std::size_t>();
                auto stratum = c[2].get<long long>();
                if (g >= s.ground_count() || group >= acc.group_count(g) || stratum < -1 ||
                    stratum >= static_cast<long long>(acc.strata_.size()) || code >= s.transition_width())
                    fail(at, "transition out of range");
                acc.add_transitions(g, group, static_cast<std::size_t>(stratum + 1) * s.transition_width() + code,
                                    c[4].get<std::uint64_t>());
            }
            const auto& totals = doc.at("transitions_total");
            if (!totals.is_array()) fail("/transitions_total", "expected an array");
            for (std::size_t k = 0; k < totals.size(); ++k) {
                const auto& c = totals[k];
                std::string at = "/transitions_total/" + std::to_string(k);
                if (!c.is_array() || c.size() != 3 || !c[0].is_number_integer() || !c[1].is_number_unsigned() || !c[2].is_number_unsigned())
                    fail(at, "expected [stratum, transition, count]");
                auto stratum = c[0].get<long long>();
                auto code = c[1].get<std::size_t>();
                if (stratum < -1 || stratum >= static_cast<long long>(acc.strata_.size()) || code >= s.transition_width())
                    fail(at, "transition out of range");
                acc.add_total_transitions(static_cast<std::size_t>(stratum + 1) * s.transition_width() + code, c[2].get<std::uint64_t>());
            }
        }
        const DisparityIssues read = detail::issues_from_json(doc.at("issues"), {}, fail);
        auto& out = acc.issues_;
        out = read;
        out.unknown_step_labels.clear();
        out.unknown_outcome_labels.clear();
        if (out.missing_group.size() != s.ground_count()) fail("/issues/missing_group", "expected one count per ground");
        for (const auto& label : read.unknown_step_labels) detail::note_label(out.unknown_step_labels, label);
        for (const auto& label : read.unknown_outcome_labels) detail::note_label(out.unknown_outcome_labels, label);
    } catch (const nlohmann::ordered_json::exception& e) {
        fail("", std::string("malformed counts: ") + detail::plain_parse_message(e.what()));
    }
    return acc;
}

void DisparityAccumulator::check_batch_shape(std::size_t rows, std::size_t next_rows, std::span<const std::span<const std::int32_t>> group_columns,
                                             std::size_t strata_rows) const {
    if (next_rows != rows) throw InvalidArgument("add_batch: the next column has " + std::to_string(next_rows) + " rows, the step column " + std::to_string(rows));
    if (group_columns.size() != spec_->base_ground_count())
        throw InvalidArgument("add_batch: expected " + std::to_string(spec_->base_ground_count()) + " group columns, got " +
                              std::to_string(group_columns.size()));
    for (std::size_t g = 0; g < group_columns.size(); ++g) {
        if (group_columns[g].size() != rows)
            throw InvalidArgument("add_batch: group column " + std::to_string(g) + " has " + std::to_string(group_columns[g].size()) +
                                  " rows, the step column " + std::to_string(rows));
    }
    if (strata_rows != 0 && strata_rows != rows)
        throw InvalidArgument("add_batch: the strata column has " + std::to_string(strata_rows) + " rows, the step column " + std::to_string(rows));
}

void DisparityAccumulator::check_strict(RowStatus status, std::span<const std::int32_t> groups, std::int32_t stratum, std::size_t row) const {
    std::string where = "row " + std::to_string(row) + ": ";
    if (status != RowStatus::counted && status != RowStatus::not_decision_point &&
        status != RowStatus::ended_at_decision_point)
        throw InvalidArgument(where + std::string(to_string(status)) + " (strict mode)");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g] == missing_code) throw InvalidArgument(where + "missing group for ground " + detail::quote_token(spec_->ground(g)) + " (strict mode)");
    }
    if (spec_->has_strata() && stratum == missing_code) throw InvalidArgument(where + "missing stratum (strict mode)");
}

void DisparityAccumulator::throw_group_code(std::int32_t code, std::size_t g) const {
    throw InvalidArgument("add: group code " + std::to_string(code) + " is not in the dictionary of ground " +
                          detail::quote_token(spec_->ground(g)) + " (" + std::to_string(dictionaries_[g].size()) + " groups)");
}

} // namespace artikel1
