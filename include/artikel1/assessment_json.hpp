// SPDX-License-Identifier: EUPL-1.2
// artikel1: an assessment as JSON (`artikel1/assessment/1`, schema/assessment.schema.json), read back for comparison,
// and the comparison of two assessments (before and after a change, or a year apart).
#pragma once

#include <artikel1/assessment.hpp>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

/// The full assessment as JSON; numbers rounded (scores to 0.1, the rest to 6 decimals) so output is stable
/// (include <nlohmann/json.hpp> to use it).
nlohmann::ordered_json to_json(const Assessment& a);

/// The assessment's canonical JSON text (two-space indentation and a final newline).
std::string save_assessment(const Assessment& a);

/// Reads a saved assessment back: ids, names, scores, levels and summary (enough to compare and report).
/// Throws ParseError for malformed JSON and ValidationError for a document that is not an assessment.
Assessment assessment_from_json(std::string_view text, const ParseLimits& limits = {}, const std::string& file = {});

struct ScoreChange {
    enum class Kind { up, down, appeared, disappeared };
    std::string step;
    std::string ground;
    Kind kind = Kind::up;
    std::optional<double> before;
    std::optional<double> after;
    std::optional<std::string> level_before;
    std::optional<std::string> level_after;
};

template <> struct EnumNames<ScoreChange::Kind> { // to_string() as for every enum (process.hpp)
    static constexpr std::array<std::string_view, 4> names{"up", "down", "appeared", "disappeared"};
};

struct Comparison {
    std::string process_before;
    std::string process_after;
    std::string method_before;
    std::string method_after;
    std::vector<ScoreChange> changes; ///< in the order of the steps of `after`, then the removed steps of `before`
    std::size_t unchanged = 0;
    std::size_t count(ScoreChange::Kind kind) const {
        return static_cast<std::size_t>(
            std::count_if(changes.begin(), changes.end(), [&](const ScoreChange& c) { return c.kind == kind; }));
    }
};

/// What went up, down, appeared (new step, or a risk that was 0) and disappeared (removed step, or a risk now 0).
/// Steps and grounds are matched by id.
Comparison compare(const Assessment& before, const Assessment& after);

/// A comparison as JSON (include <nlohmann/json.hpp> to use it).
nlohmann::ordered_json to_json(const Comparison& c);

} // namespace artikel1
