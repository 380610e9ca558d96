// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: two rounds of the toets compared (`artikel1 compare`, docs/cli.md): what went up or down, by
// score and level, with the names of steps and grounds; and, when both rounds are models, which measures of the
// action plan changed status (which promised ones are now in place) and which mensbeelden changed status. As JSON
// (the comparison of assessment_json.hpp with fields added), text, Markdown and HTML, in Dutch and English.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/process.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dossier.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/text.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace artikel1 {

/// One round: its assessment, and its model when the round was given as one (not as a saved assessment).
struct Round {
    Assessment assessment;
    std::optional<Process> process;
};

/// An action of the plan whose status differs between the rounds. A measure listed in a step's `measures` counts as
/// in place; `std::nullopt` means the action is not in that round.
struct ActionChange {
    std::string step;
    std::string step_name;
    std::string measure;     ///< knowledge-base measure id, or empty
    std::string description; ///< when the action has one
    std::optional<ActionStatus> before;
    std::optional<ActionStatus> after;
    /// It was promised (planned or in progress) and is now in place.
    bool now_in_place() const {
        return before && *before != ActionStatus::in_place && after && *after == ActionStatus::in_place;
    }
};

/// A mensbeeld whose status differs between the rounds (or that was added or dropped). Matched by step and by its
/// `id`, or by its text when it has none.
struct AssumptionChange {
    std::string step;
    std::string step_name;
    std::string id;
    std::string text;
    bool present_before = false;
    bool present_after = false;
    std::optional<AssumptionStatus> before;
    std::optional<AssumptionStatus> after;
};

/// Two rounds compared: the score changes (as `compare` gives them) with names, and the changes of the team's work.
struct RoundComparison {
    Comparison scores;
    std::string name_before;
    std::string name_after;
    std::vector<std::string> step_names; ///< per score change
    std::vector<Label> ground_labels;    ///< per score change
    std::vector<int> level_moves;        ///< per score change: +1 a higher level, -1 lower, 0 the same or not comparable
    bool dossiers_compared = false;      ///< both rounds are models
    std::vector<ActionChange> actions;
    std::vector<AssumptionChange> assumptions;
};

namespace detail {

inline std::optional<std::size_t> level_position(const std::vector<Level>& levels, const std::optional<std::string>& id) {
    if (!id) return std::nullopt;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].id == *id) return i;
    }
    return std::nullopt;
}

/// The status of a measure at a step: its action's, else in place when the step lists it.
inline std::optional<ActionStatus> status_at(const Step& step, const Action& like) {
    for (const auto& a : step.actions) {
        if (a.key() == like.key()) return a.status;
    }
    if (!like.measure.empty() && std::find(step.measures.begin(), step.measures.end(), like.measure) != step.measures.end())
        return ActionStatus::in_place;
    return std::nullopt;
}

inline const Assumption* matching_assumption(const Step& step, const Assumption& like) {
    for (const auto& a : step.assumptions) {
        if (like.id.empty() ? a.id.empty() && a.text == like.text : a.id == like.id) return &a;
    }
    return nullptr;
}

inline void compare_dossiers(const Process& before, const Process& after, RoundComparison& c) {
    auto changed = [&](const Step& step, const Step* other, const Action& action, bool after_side) {
        std::optional<ActionStatus> mine = action.status;
        std::optional<ActionStatus> theirs = other ? status_at(*other, action) : std::nullopt;
        auto old_status = after_side ? theirs : mine, new_status = after_side ? mine : theirs;
        if (old_status == new_status) return;
        c.actions.push_back({step.id, step.name, action.measure, action.description, old_status, new_status});
    };
    for (const auto& step : after.steps) {
        const Step* old = before.find_step(step.id);
        for (const auto& action : step.actions) changed(step, old, action, true);
    }
    for (const auto& step : before.steps) {
        const Step* now = after.find_step(step.id);
        for (const auto& action : step.actions) {
            bool kept = false;
            if (now) {
                for (const auto& a : now->actions) kept = kept || a.key() == action.key();
            }
            if (!kept) changed(step, now, action, false);
        }
    }
    for (const auto& step : after.steps) {
        const Step* old = before.find_step(step.id);
        for (const auto& m : step.assumptions) {
            const Assumption* was = old ? matching_assumption(*old, m) : nullptr;
            std::optional<AssumptionStatus> old_status = was ? was->status : std::nullopt;
            if (was && old_status == m.status) continue;
            c.assumptions.push_back({step.id, step.name, m.id, m.text, was != nullptr, true, old_status, m.status});
        }
    }
    for (const auto& step : before.steps) {
        const Step* now = after.find_step(step.id);
        for (const auto& m : step.assumptions) {
            if (now && matching_assumption(*now, m)) continue;
            c.assumptions.push_back({step.id, step.name, m.id, m.text, true, false, m.status, std::nullopt});
        }
    }
}

} // namespace detail

/// Compares two rounds: the scores by step and ground id (see `compare`), and the team's work when both are models.
inline RoundComparison compare_rounds(const Round& before, const Round& after) {
    RoundComparison c;
    c.scores = compare(before.assessment, after.assessment);
    c.name_before = before.assessment.process_name;
    c.name_after = after.assessment.process_name;
    for (const auto& change : c.scores.changes) {
        std::string name;
        for (const Assessment* a : {&after.assessment, &before.assessment}) {
            for (const auto& step : a->steps) {
                if (step.id == change.step && name.empty()) name = step.name;
            }
        }
        c.step_names.push_back(name);
        Label label{change.ground, change.ground};
        for (const Assessment* a : {&before.assessment, &after.assessment}) {
            auto g = std::find(a->grounds.begin(), a->grounds.end(), change.ground);
            if (g != a->grounds.end()) label = a->ground_labels[static_cast<std::size_t>(g - a->grounds.begin())];
        }
        c.ground_labels.push_back(label);
        auto from = detail::level_position(before.assessment.levels, change.level_before);
        auto to = detail::level_position(after.assessment.levels, change.level_after);
        c.level_moves.push_back(from && to ? (*to > *from) - (*to < *from) : 0);
    }
    if (before.process && after.process) {
        c.dossiers_compared = true;
        detail::compare_dossiers(*before.process, *after.process, c);
    }
    return c;
}

/// The comparison as JSON: the fields of `artikel1/comparison/1` as before, with names, level moves and the changes of
/// the team's work added.
inline nlohmann::ordered_json to_json(const RoundComparison& c) {
    using oj = nlohmann::ordered_json;
    oj doc = to_json(c.scores);
    doc["before"]["name"] = c.name_before;
    doc["after"]["name"] = c.name_after;
    auto& changes = doc["changes"];
    for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
        changes[i]["step_name"] = c.step_names[i];
        changes[i]["ground_label"] = {{"nl", c.ground_labels[i].nl}, {"en", c.ground_labels[i].en}};
        const auto& ch = c.scores.changes[i];
        changes[i]["level_change"] = ch.level_before && ch.level_after
                                         ? oj(c.level_moves[i] > 0 ? "up" : c.level_moves[i] < 0 ? "down" : "same")
                                         : oj();
    }
    auto status = [](const auto& value) { return value ? oj(to_string(*value)) : oj(); };
    doc["dossiers_compared"] = c.dossiers_compared;
    oj actions = oj::array();
    for (const auto& a : c.actions) {
        actions.push_back({{"step", a.step},
                           {"step_name", a.step_name},
                           {"measure", a.measure.empty() ? oj() : oj(a.measure)},
                           {"description", a.description.empty() ? oj() : oj(a.description)},
                           {"status_before", status(a.before)},
                           {"status_after", status(a.after)},
                           {"now_in_place", a.now_in_place()}});
    }
    doc["actions"] = std::move(actions);
    oj assumptions = oj::array();
    for (const auto& a : c.assumptions) {
        assumptions.push_back({{"step", a.step},
                               {"step_name", a.step_name},
                               {"id", a.id.empty() ? oj() : oj(a.id)},
                               {"text", a.text},
                               {"present_before", a.present_before},
                               {"present_after", a.present_after},
                               {"status_before", status(a.before)},
                               {"status_after", status(a.after)}});
    }
    doc["assumptions"] = std::move(assumptions);
    return doc;
}

namespace report {

namespace words {
inline constexpr Phrase comparison_title{"Vergelijking van twee rondes", "Comparison of two rounds"};
inline constexpr Phrase before_round{"Vorige ronde", "Previous round"};
inline constexpr Phrase after_round{"Deze ronde", "This round"};
inline constexpr Phrase counts_up{"omhoog", "up"};
inline constexpr Phrase counts_down{"omlaag", "down"};
inline constexpr Phrase counts_appeared{"nieuw", "appeared"};
inline constexpr Phrase counts_disappeared{"verdwenen", "disappeared"};
inline constexpr Phrase counts_unchanged{"gelijk", "unchanged"};
inline constexpr Phrase score_changes{"Scores die veranderden", "Scores that changed"};
inline constexpr Phrase no_score_changes{"Geen score veranderde.", "No score changed."};
inline constexpr Phrase change{"Verandering", "Change"};
inline constexpr Phrase was{"Was", "Was"};
inline constexpr Phrase now{"Nu", "Now"};
inline constexpr Phrase level_higher{"hoger niveau", "higher level"};
inline constexpr Phrase level_lower{"lager niveau", "lower level"};
inline constexpr Phrase action_changes{"Maatregelen van het actieplan", "Measures of the action plan"};
inline constexpr Phrase no_action_changes{"Geen maatregel veranderde van status.", "No measure changed status."};
inline constexpr Phrase now_in_place{"nu ingevoerd", "now in place"};
inline constexpr Phrase not_in_round{"niet in deze ronde", "not in this round"};
inline constexpr Phrase assumption_changes{"Mensbeelden die van status veranderden", "Assumptions that changed status"};
inline constexpr Phrase no_assumption_changes{"Geen mensbeeld veranderde van status.", "No assumption changed status."};
inline constexpr Phrase added{"toegevoegd", "added"};
inline constexpr Phrase dropped{"geschrapt", "dropped"};
inline constexpr Phrase no_status{"geen status", "no status"};
inline constexpr Phrase dossier_not_compared{
    "Het werk van het team (actieplan, mensbeelden) wordt alleen vergeleken als beide rondes een procesmodel zijn.",
    "The team's work (action plan, assumptions) is compared only when both rounds are process models."};
} // namespace words

inline Phrase change_name(ScoreChange::Kind kind) {
    switch (kind) {
    case ScoreChange::Kind::up: return words::counts_up;
    case ScoreChange::Kind::down: return words::counts_down;
    case ScoreChange::Kind::appeared: return words::counts_appeared;
    case ScoreChange::Kind::disappeared: return words::counts_disappeared;
    }
    return {"", ""};
}

namespace detail {

/// "Intakegesprek (intake)"
inline std::string named(const std::string& name, const std::string& id) { return name.empty() ? id : name + " (" + id + ")"; }

/// "74.3 very high", or "-" for a side that is not there.
inline std::string side(const std::optional<double>& score, const std::optional<std::string>& level, const std::vector<Level>& levels,
                        Language language) {
    if (!score) return "-";
    std::string label = level.value_or("");
    for (const auto& l : levels) {
        if (level && l.id == *level) label = l.label.in(language);
    }
    return decimal(*score, language) + " " + label;
}

inline std::string action_status_text(const std::optional<ActionStatus>& status, Language language) {
    return status ? std::string(status_name(*status).in(language)) : std::string(words::not_in_round.in(language));
}

inline std::string assumption_side(bool present, const std::optional<AssumptionStatus>& status, bool is_before, Language language) {
    if (!present) return std::string((is_before ? words::added : words::dropped).in(language));
    return status ? std::string(status_name(*status).in(language)) : std::string(words::no_status.in(language));
}

inline std::string counts_line(const Comparison& c, Language language) {
    using K = ScoreChange::Kind;
    return std::string(words::counts_up.in(language)) + " " + std::to_string(c.count(K::up)) + ", " +
           std::string(words::counts_down.in(language)) + " " + std::to_string(c.count(K::down)) + ", " +
           std::string(words::counts_appeared.in(language)) + " " + std::to_string(c.count(K::appeared)) + ", " +
           std::string(words::counts_disappeared.in(language)) + " " + std::to_string(c.count(K::disappeared)) + ", " +
           std::string(words::counts_unchanged.in(language)) + " " + std::to_string(c.unchanged);
}

inline std::string action_name(const ActionChange& a, const KnowledgeBase& kb, Language language) {
    Action like;
    like.measure = a.measure;
    like.description = a.description;
    return action_label(like, kb, language);
}

} // namespace detail

/// The comparison as text for the terminal.
inline std::string comparison_text(const RoundComparison& c, const Assessment& before, const Assessment& after,
                                   const KnowledgeBase& kb, Language language) {
    using artikel1::detail::escape_controls;
    std::ostringstream out;
    out << words::comparison_title.in(language) << ": " << escape_controls(detail::named(c.name_before, c.scores.process_before))
        << " -> " << escape_controls(detail::named(c.name_after, c.scores.process_after)) << "\n";
    // Ids and labels of a saved assessment are the file's own text: escaped like the names, for the terminal.
    out << words::method.in(language) << ": " << escape_controls(c.scores.method_before) << " -> "
        << escape_controls(c.scores.method_after) << "\n";
    out << detail::counts_line(c.scores, language) << "\n\n" << words::score_changes.in(language) << "\n";
    if (c.scores.changes.empty()) out << "  " << words::no_score_changes.in(language) << "\n";
    for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
        const auto& ch = c.scores.changes[i];
        out << "  " << detail::pad(std::string(change_name(ch.kind).in(language)), 12) << escape_controls(detail::named(c.step_names[i], ch.step)) << " / "
            << escape_controls(c.ground_labels[i].in(language)) << ": "
            << escape_controls(detail::side(ch.before, ch.level_before, before.levels, language)) << " -> "
            << escape_controls(detail::side(ch.after, ch.level_after, after.levels, language));
        if (c.level_moves[i] != 0) out << " (" << (c.level_moves[i] > 0 ? words::level_higher : words::level_lower).in(language) << ")";
        out << "\n";
    }
    if (!c.dossiers_compared) {
        out << "\n" << words::dossier_not_compared.in(language) << "\n";
        return out.str();
    }
    out << "\n" << words::action_changes.in(language) << "\n";
    if (c.actions.empty()) out << "  " << words::no_action_changes.in(language) << "\n";
    for (const auto& a : c.actions) {
        out << "  " << (a.now_in_place() ? std::string(words::now_in_place.in(language)) + ": " : std::string())
            << escape_controls(detail::named(a.step_name, a.step)) << ": " << escape_controls(detail::action_name(a, kb, language)) << " ("
            << detail::action_status_text(a.before, language) << " -> " << detail::action_status_text(a.after, language) << ")\n";
    }
    out << "\n" << words::assumption_changes.in(language) << "\n";
    if (c.assumptions.empty()) out << "  " << words::no_assumption_changes.in(language) << "\n";
    for (const auto& m : c.assumptions) {
        out << "  " << escape_controls(detail::named(m.step_name, m.step)) << ": \"" << escape_controls(m.text) << "\" ("
            << detail::assumption_side(m.present_before, m.before, true, language) << " -> "
            << detail::assumption_side(m.present_after, m.after, false, language) << ")\n";
    }
    return out.str();
}

/// The comparison as Markdown.
inline std::string comparison_markdown(const RoundComparison& c, const Assessment& before, const Assessment& after,
                                       const KnowledgeBase& kb, Language language) {
    using artikel1::detail::md_cell;
    using artikel1::detail::md_code;
    std::ostringstream out;
    out << "# " << words::comparison_title.in(language) << "\n\n";
    auto round_line = [&](Phrase round, const std::string& name, const std::string& process, const std::string& method) {
        out << "- " << round.in(language) << ": " << (name.empty() ? std::string() : md_cell(name) + " ") << md_code(process)
            << ", " << md_code(method) << "\n";
    };
    round_line(words::before_round, c.name_before, c.scores.process_before, c.scores.method_before);
    round_line(words::after_round, c.name_after, c.scores.process_after, c.scores.method_after);
    out << "- " << detail::counts_line(c.scores, language) << "\n\n## " << words::score_changes.in(language) << "\n\n";
    if (c.scores.changes.empty()) {
        out << words::no_score_changes.in(language) << "\n";
    } else {
        out << "| " << words::step.in(language) << " | " << words::ground.in(language) << " | " << words::change.in(language) << " | "
            << words::was.in(language) << " | " << words::now.in(language) << " |\n|---|---|---|---:|---:|\n";
        for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
            const auto& ch = c.scores.changes[i];
            out << "| " << md_cell(c.step_names[i].empty() ? ch.step : c.step_names[i]) << " " << md_code(ch.step) << " | "
                << md_cell(c.ground_labels[i].in(language)) << " | " << change_name(ch.kind).in(language);
            if (c.level_moves[i] != 0) out << ", " << (c.level_moves[i] > 0 ? words::level_higher : words::level_lower).in(language);
            out << " | " << detail::side(ch.before, ch.level_before, before.levels, language) << " | "
                << detail::side(ch.after, ch.level_after, after.levels, language) << " |\n";
        }
    }
    if (!c.dossiers_compared) {
        out << "\n> " << words::dossier_not_compared.in(language) << "\n";
        return out.str();
    }
    out << "\n## " << words::action_changes.in(language) << "\n\n";
    if (c.actions.empty()) {
        out << words::no_action_changes.in(language) << "\n";
    } else {
        out << "| " << words::step.in(language) << " | " << words::measure.in(language) << " | " << words::was.in(language) << " | "
            << words::now.in(language) << " |\n|---|---|---|---|\n";
        for (const auto& a : c.actions) {
            out << "| " << md_cell(a.step_name.empty() ? a.step : a.step_name) << " | " << md_cell(detail::action_name(a, kb, language))
                << " | " << detail::action_status_text(a.before, language) << " | "
                << (a.now_in_place() ? "**" + detail::action_status_text(a.after, language) + "**" : detail::action_status_text(a.after, language))
                << " |\n";
        }
    }
    out << "\n## " << words::assumption_changes.in(language) << "\n\n";
    if (c.assumptions.empty()) {
        out << words::no_assumption_changes.in(language) << "\n";
    } else {
        out << "| " << words::step.in(language) << " | " << words::assumption.in(language) << " | " << words::was.in(language) << " | "
            << words::now.in(language) << " |\n|---|---|---|---|\n";
        for (const auto& m : c.assumptions) {
            out << "| " << md_cell(m.step_name.empty() ? m.step : m.step_name) << " | " << md_cell(m.text) << " | "
                << detail::assumption_side(m.present_before, m.before, true, language) << " | "
                << detail::assumption_side(m.present_after, m.after, false, language) << " |\n";
        }
    }
    return out.str();
}

/// The comparison as one self-contained HTML page.
inline std::string comparison_html(const RoundComparison& c, const Assessment& before, const Assessment& after,
                                   const KnowledgeBase& kb, Language language) {
    using detail::html_escape;
    auto badge = [&](const std::optional<double>& score, const std::optional<std::string>& level, const Assessment& a) {
        if (!score) return std::string("-");
        auto position = artikel1::detail::level_position(a.levels, level).value_or(0);
        return "<span class=\"badge\" style=\"background:" + level_colour(position) + (position >= 3 ? ";color:white" : "") + "\">" +
               html_escape(detail::side(score, level, a.levels, language)) + "</span>";
    };
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"" << (language == Language::nl ? "nl" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        << words::comparison_title.in(language) << ": "
        << html_escape(c.name_after.empty() ? c.scores.process_after : c.name_after) << "</title>\n<style>\n"
        << "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4;padding:0 1em}\n"
           "h2{margin-top:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}table{border-collapse:collapse;margin:.5em 0}\n"
           "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}\n"
           ".badge{padding:.1em .4em;border-radius:3px;white-space:nowrap}.meta{color:#555}\n"
           ".note{background:#fff8e1;border-left:4px solid #f0c36d;padding:.5em 1em}\n"
           "@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}\n"
        << "</style>\n</head>\n<body>\n<h1>" << words::comparison_title.in(language) << "</h1>\n<p class=\"meta\">"
        << words::before_round.in(language) << ": <strong>" << html_escape(c.name_before) << "</strong> (<code>"
        << html_escape(c.scores.process_before) << "</code>, <code>" << html_escape(c.scores.method_before) << "</code>)<br>"
        << words::after_round.in(language) << ": <strong>" << html_escape(c.name_after) << "</strong> (<code>"
        << html_escape(c.scores.process_after) << "</code>, <code>" << html_escape(c.scores.method_after) << "</code>)</p>\n<p>"
        << html_escape(detail::counts_line(c.scores, language)) << "</p>\n";
    out << "<h2>" << words::score_changes.in(language) << "</h2>\n";
    if (c.scores.changes.empty()) {
        out << "<p>" << words::no_score_changes.in(language) << "</p>\n";
    } else {
        out << "<table id=\"scores\">\n<tr><th>" << words::step.in(language) << "</th><th>" << words::ground.in(language) << "</th><th>"
            << words::change.in(language) << "</th><th>" << words::was.in(language) << "</th><th>" << words::now.in(language)
            << "</th></tr>\n";
        for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
            const auto& ch = c.scores.changes[i];
            out << "<tr><td>" << html_escape(c.step_names[i].empty() ? ch.step : c.step_names[i]) << " <code>" << html_escape(ch.step)
                << "</code></td><td>" << html_escape(c.ground_labels[i].in(language)) << "</td><td>" << change_name(ch.kind).in(language);
            if (c.level_moves[i] != 0) out << ", " << (c.level_moves[i] > 0 ? words::level_higher : words::level_lower).in(language);
            out << "</td><td>" << badge(ch.before, ch.level_before, before) << "</td><td>" << badge(ch.after, ch.level_after, after)
                << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    if (!c.dossiers_compared) {
        out << "<p class=\"note\">" << words::dossier_not_compared.in(language) << "</p>\n</body>\n</html>\n";
        return out.str();
    }
    out << "<h2>" << words::action_changes.in(language) << "</h2>\n";
    if (c.actions.empty()) {
        out << "<p>" << words::no_action_changes.in(language) << "</p>\n";
    } else {
        out << "<table id=\"actions\">\n<tr><th>" << words::step.in(language) << "</th><th>" << words::measure.in(language) << "</th><th>"
            << words::was.in(language) << "</th><th>" << words::now.in(language) << "</th></tr>\n";
        for (const auto& a : c.actions) {
            out << "<tr><td>" << html_escape(a.step_name.empty() ? a.step : a.step_name) << "</td><td>"
                << html_escape(detail::action_name(a, kb, language)) << "</td><td>" << detail::action_status_text(a.before, language)
                << "</td><td>" << (a.now_in_place() ? "<strong>" : "") << detail::action_status_text(a.after, language)
                << (a.now_in_place() ? "</strong>" : "") << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    out << "<h2>" << words::assumption_changes.in(language) << "</h2>\n";
    if (c.assumptions.empty()) {
        out << "<p>" << words::no_assumption_changes.in(language) << "</p>\n";
    } else {
        out << "<table id=\"assumptions\">\n<tr><th>" << words::step.in(language) << "</th><th>" << words::assumption.in(language)
            << "</th><th>" << words::was.in(language) << "</th><th>" << words::now.in(language) << "</th></tr>\n";
        for (const auto& m : c.assumptions) {
            out << "<tr><td>" << html_escape(m.step_name.empty() ? m.step : m.step_name) << "</td><td>" << html_escape(m.text)
                << "</td><td>" << detail::assumption_side(m.present_before, m.before, true, language) << "</td><td>"
                << detail::assumption_side(m.present_after, m.after, false, language) << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    out << "</body>\n</html>\n";
    return out.str();
}

} // namespace report
} // namespace artikel1
