// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the team's work (schema artikel1/process/2, docs/dossier.md) in the report: the team and its
// sessions, the register of mensbeelden, the justification tests of direct distinctions, the input of citizens and
// client councils, and the team's action plan with the score a planned measure would give. Every part is shown only
// when the model has it; a model without any of them gets nothing.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/detail/output_escape.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dot.hpp>
#include <artikel1/text.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace artikel1::report {

namespace detail {
inline std::string html_escape(std::string_view text); // defined in html.hpp, included at the end of this file
} // namespace detail

namespace words {
inline constexpr Phrase team{"Het onderzoeksteam", "The team"};
inline constexpr Phrase period{"Periode", "Period"};
inline constexpr Phrase members{"Teamleden", "Team members"};
inline constexpr Phrase role{"Functie", "Role"};
inline constexpr Phrase name{"Naam", "Name"};
inline constexpr Phrase sessions{"Bijeenkomsten", "Sessions"};
inline constexpr Phrase session_date{"Datum", "Date"};
inline constexpr Phrase subject{"Onderwerp", "Subject"};
inline constexpr Phrase outcome{"Uitkomst", "Outcome"};
inline constexpr Phrase register_title{"Register van mensbeelden", "Register of assumptions (mensbeelden)"};
inline constexpr Phrase assumption{"Mensbeeld", "Assumption"};
inline constexpr Phrase grounds{"Gronden", "Grounds"};
inline constexpr Phrase steps{"Stappen", "Steps"};
inline constexpr Phrase held_by{"Wie gaat hiervan uit", "Held by"};
inline constexpr Phrase evidence_for{"Aanwijzingen voor", "Evidence for"};
inline constexpr Phrase evidence_against{"Aanwijzingen tegen", "Evidence against"};
inline constexpr Phrase tested{"Hoe getoetst", "How it was tested"};
inline constexpr Phrase status{"Status", "Status"};
inline constexpr Phrase conclusion{"Conclusie", "Conclusion"};
inline constexpr Phrase not_recorded{"niet vastgelegd", "not recorded"};
inline constexpr Phrase justification_title{"Rechtvaardigingstoets van direct onderscheid",
                                            "Justification tests of direct distinctions"};
inline constexpr Phrase justification_intro{
    "Per direct onderscheid de toets van het College voor de Rechten van de Mens: een legitiem doel, geschiktheid, "
    "noodzaak en subsidiariteit, proportionaliteit.",
    "Per direct distinction, the test of the Netherlands Institute for Human Rights: a legitimate aim, suitability, "
    "necessity and subsidiarity, proportionality."};
inline constexpr Phrase attribute{"Gegeven", "Attribute"};
inline constexpr Phrase legal_basis{"Wettelijke grondslag", "Legal basis"};
inline constexpr Phrase aim{"Legitiem doel", "Legitimate aim"};
inline constexpr Phrase suitability{"Geschiktheid", "Suitability"};
inline constexpr Phrase necessity{"Noodzaak en subsidiariteit", "Necessity and subsidiarity"};
inline constexpr Phrase proportionality{"Proportionaliteit", "Proportionality"};
inline constexpr Phrase verdict{"Oordeel", "Verdict"};
inline constexpr Phrase no_test{"Nog geen toets vastgelegd.", "No test recorded yet."};
inline constexpr Phrase input_title{"Inbreng van burgers en cliëntenraden", "Input from citizens and client councils"};
inline constexpr Phrase input_by{"Van", "From"};
inline constexpr Phrase input_text{"Inbreng", "Input"};
inline constexpr Phrase response{"Wat het team ermee doet", "What the team does with it"};
inline constexpr Phrase actions_title{"Actieplan van het team", "The team's action plan"};
inline constexpr Phrase effect_check{"Hoe het effect wordt gecontroleerd", "How its effect is checked"};
inline constexpr Phrase score_effect{"Effect op de score", "Effect on the score"};
inline constexpr Phrase counted{"Ingevoerd: telt mee in de score.", "In place: counted in the score."};
inline constexpr Phrase would_give{"Zodra ingevoerd:", "Once in place:"};
inline constexpr Phrase no_effect{"Geen effect op de score.", "No effect on the score."};
inline constexpr Phrase not_computed{"Niet berekend: geen maatregel uit de kennisbank.",
                                     "Not computed: not a measure of the knowledge base."};
inline constexpr Phrase none{"geen", "none"};
} // namespace words

inline Phrase status_name(AssumptionStatus status) {
    switch (status) {
    case AssumptionStatus::open: return {"open", "open"};
    case AssumptionStatus::testing: return {"wordt getoetst", "being tested"};
    case AssumptionStatus::confirmed: return {"bevestigd", "confirmed"};
    case AssumptionStatus::refuted: return {"weerlegd", "refuted"};
    case AssumptionStatus::adjusted: return {"bijgesteld", "adjusted"};
    }
    return {"", ""};
}

inline Phrase status_name(ActionStatus status) {
    switch (status) {
    case ActionStatus::planned: return {"gepland", "planned"};
    case ActionStatus::in_progress: return {"in uitvoering", "in progress"};
    case ActionStatus::in_place: return {"ingevoerd", "in place"};
    }
    return {"", ""};
}

inline Phrase verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::undecided: return {"nog geen oordeel", "undecided"};
    case Verdict::justified: return {"gerechtvaardigd", "justified"};
    case Verdict::not_justified: return {"niet gerechtvaardigd", "not justified"};
    }
    return {"", ""};
}

inline Phrase input_by_name(InputBy by) {
    switch (by) {
    case InputBy::citizens: return {"burgers", "citizens"};
    case InputBy::client_council: return {"cliëntenraad", "client council"};
    case InputBy::interest_group: return {"belangenorganisatie", "interest group"};
    }
    return {"", ""};
}

/// A score with one decimal, a decimal comma in Dutch.
inline std::string decimal(double value, Language language) {
    std::string text = fixed(value);
    if (language == Language::nl) {
        for (char& c : text) c = c == '.' ? ',' : c;
    }
    return text;
}

/// A date YYYY-MM-DD as Dutch or English readers write it: "8 september 2026", "8 September 2026".
inline std::string long_date(const std::string& date, Language language) {
    if (date.size() != 10) return date;
    static constexpr std::array<std::string_view, 12> nl{"januari", "februari", "maart",     "april",   "mei",      "juni",
                                                         "juli",    "augustus", "september", "oktober", "november", "december"};
    static constexpr std::array<std::string_view, 12> en{"January", "February", "March",     "April",   "May",      "June",
                                                         "July",    "August",   "September", "October", "November", "December"};
    // Anything but a date of the calendar in that form is shown as it is (a model built in code is not validated).
    for (std::size_t i = 0; i < date.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? date[i] != '-' : (date[i] < '0' || date[i] > '9')) return date;
    }
    const auto digits = [&](std::size_t at, std::size_t count) {
        unsigned value = 0;
        for (std::size_t i = at; i < at + count; ++i) value = value * 10 + static_cast<unsigned>(date[i] - '0');
        return value;
    };
    const unsigned month = digits(5, 2), day = digits(8, 2);
    if (!valid_date(digits(0, 4), month, day)) return date;
    auto m = static_cast<std::size_t>(month - 1);
    return std::to_string(day) + " " + std::string(language == Language::nl ? nl[m] : en[m]) + " " + date.substr(0, 4);
}

/// How one ground's score at a step would move.
struct ScoreMove {
    std::size_t ground = 0;
    double before = 0;
    std::size_t level_before = 0;
    double after = 0;
    std::size_t level_after = 0;
};

/// The scores at `step` that would change if `action`'s measure were in place there: the model is assessed again
/// with the action in place. Empty when nothing changes or the action names no known measure.
inline std::vector<ScoreMove> would_give(const Process& process, std::size_t step, const Action& action, const Assessment& a,
                                         const KnowledgeBase& kb) {
    std::vector<ScoreMove> out;
    if (action.measure.empty() || !kb.find_measure(action.measure) || step >= process.steps.size()) return out;
    Process changed = process;
    for (auto& planned : changed.steps[step].actions) {
        if (planned.key() == action.key()) planned.status = ActionStatus::in_place;
    }
    AssessOptions options;
    options.robustness_band = 0; // only the scores are read
    Assessment after = assess(changed, kb, options);
    for (std::size_t g = 0; g < a.grounds.size() && g < after.grounds.size(); ++g) {
        const auto& now = a.steps[step].scores[g];
        const auto& then = after.steps[step].scores[g];
        if (now.score != then.score) out.push_back({g, now.score, now.level, then.score, then.level});
    }
    return out;
}

/// The parts of the team's work laid out once, for every format.
struct DossierView {
    struct RegisterRow {
        const Assumption* assumption = nullptr;
        std::vector<std::string> steps; ///< labels of the steps where it is at work
    };
    struct JustificationRow {
        std::string step;
        std::string attribute;
        std::string legal_basis;
        const Justification* justification = nullptr; ///< null: a direct distinction without a recorded test
    };
    struct InputRow {
        std::string step;
        const CitizenInput* input = nullptr;
    };
    struct ActionRow {
        std::string step;
        const Action* action = nullptr;
        bool known_measure = false;
        std::vector<ScoreMove> moves; ///< planned and in progress: what it would give
    };
    const Team* team = nullptr;
    std::vector<RegisterRow> register_rows;
    std::vector<JustificationRow> justifications;
    std::vector<InputRow> inputs;
    std::vector<ActionRow> actions;
    bool empty() const { return !team && register_rows.empty() && justifications.empty() && inputs.empty() && actions.empty(); }
};

/// The view of the team's work; empty for a model without any (a /1 model).
inline DossierView dossier_view(const Process& process, const Assessment& a, const KnowledgeBase& kb) {
    DossierView view;
    if (!process.has_dossier()) return view;
    if (process.team) view.team = &*process.team;
    bool any_register = false;
    std::map<std::string, std::size_t> row_of_id;
    for (std::size_t s = 0; s < process.steps.size(); ++s) {
        const Step& step = process.steps[s];
        for (const auto& assumption : step.assumptions) {
            any_register = any_register || assumption.in_register();
            if (!assumption.id.empty()) {
                auto [it, fresh] = row_of_id.emplace(assumption.id, view.register_rows.size());
                if (!fresh) {
                    view.register_rows[it->second].steps.push_back(step.label());
                    continue;
                }
            }
            view.register_rows.push_back({&assumption, {step.label()}});
        }
        for (const auto& use : step.uses) {
            const Attribute* attribute = process.find_attribute(use.attribute);
            const AttributeKind* kind = attribute ? kb.find_attribute_kind(attribute->kind) : nullptr;
            bool direct = false;
            for (const auto& ground : kb.grounds()) direct = direct || (kind && kind->strength(ground.id) >= 1.0);
            if (!direct && !use.justification) continue;
            std::string label = attribute && !attribute->name.empty() ? attribute->name : use.attribute;
            view.justifications.push_back({step.label(), label, use.legal_basis, use.justification ? &*use.justification : nullptr});
        }
        for (const auto& input : step.input) view.inputs.push_back({step.label(), &input});
        for (const auto& action : step.actions) {
            DossierView::ActionRow row{step.label(), &action, kb.find_measure(action.measure) != nullptr, {}};
            if (action.status != ActionStatus::in_place) row.moves = would_give(process, s, action, a, kb);
            view.actions.push_back(std::move(row));
        }
    }
    if (!any_register) view.register_rows.clear(); // plain /1 assumptions are in the explanations already
    return view;
}

namespace detail {

inline std::string ground_labels(const std::vector<std::string>& grounds, const KnowledgeBase& kb, Language language) {
    std::string out;
    for (std::size_t i = 0; i < grounds.size(); ++i) {
        const Ground* g = kb.find_ground(grounds[i]);
        out += (i ? ", " : "") + (g ? g->label.in(language) : grounds[i]);
    }
    return out;
}

inline std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : std::string()) + items[i];
    return out;
}

/// "race 74.3 very high -> 60.2 very high; ..." with the words of the language.
inline std::string moves_text(const std::vector<ScoreMove>& moves, const Assessment& a, Language language, std::string_view arrow) {
    std::string out;
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const auto& m = moves[i];
        out += (i ? "; " : "") + a.ground_labels[m.ground].in(language) + " " + decimal(m.before, language) + " " +
               a.levels[m.level_before].label.in(language) + " " + std::string(arrow) + " " + decimal(m.after, language) + " " +
               a.levels[m.level_after].label.in(language);
    }
    return out;
}

/// The effect column of an action, as plain text.
inline std::string effect_text(const DossierView::ActionRow& row, const Assessment& a, Language language, std::string_view arrow) {
    if (row.action->status == ActionStatus::in_place) return std::string(words::counted.in(language));
    if (!row.known_measure) return std::string(words::not_computed.in(language));
    if (row.moves.empty()) return std::string(words::no_effect.in(language));
    return std::string(words::would_give.in(language)) + " " + moves_text(row.moves, a, language, arrow);
}

inline std::string action_label(const Action& action, const KnowledgeBase& kb, Language language) {
    if (action.measure.empty()) return action.description;
    std::string label = measure_label(kb, action.measure, language);
    return action.description.empty() ? label : label + ": " + action.description;
}

/// The team's period: both dates, or the one given said to be a start or an end ("vanaf ...", "until ...").
inline std::string period_text(const Team& t, Language language) {
    const bool nl = language == Language::nl;
    if (t.start.empty() && t.end.empty()) return {};
    if (t.end.empty()) return std::string(nl ? "vanaf " : "from ") + long_date(t.start, language);
    if (t.start.empty()) return std::string(nl ? "tot en met " : "until ") + long_date(t.end, language);
    return long_date(t.start, language) + (nl ? " tot en met " : " to ") + long_date(t.end, language);
}

inline std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

} // namespace detail

/// The team's work as HTML sections (<h2> each), for the HTML report; empty without any.
inline std::string dossier_html(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o) {
    DossierView view = dossier_view(process, a, kb);
    if (view.empty()) return {};
    using detail::html_escape;
    const Language lang = o.language;
    auto cell = [&](const std::string& text) { return "<td>" + html_escape(detail::or_dash(text)) + "</td>"; };
    auto list = [&](const std::vector<std::string>& items) {
        if (items.empty()) return std::string("<td>-</td>");
        std::string out = "<td><ul class=\"sources\">";
        for (const auto& item : items) out += "<li>" + html_escape(item) + "</li>";
        return out + "</ul></td>";
    };
    auto badge = [&](double score, std::size_t level) {
        return "<span class=\"badge\" style=\"background:" + level_colour(level) + (level >= 3 ? ";color:white" : "") + "\">" +
               decimal(score, lang) + " " + html_escape(a.levels[level].label.in(lang)) + "</span>";
    };
    std::ostringstream out;
    out << "<section id=\"dossier\">\n";
    if (view.team) {
        const Team& t = *view.team;
        out << "<h2>" << words::team.in(lang) << "</h2>\n";
        if (auto period = detail::period_text(t, lang); !period.empty())
            out << "<p>" << words::period.in(lang) << ": " << html_escape(period) << "</p>\n";
        if (!t.members.empty()) {
            out << "<table id=\"team\">\n<tr><th>" << words::role.in(lang) << "</th><th>" << words::name.in(lang) << "</th></tr>\n";
            for (const auto& m : t.members) out << "<tr>" << cell(m.role) << cell(m.name) << "</tr>\n";
            out << "</table>\n";
        }
        if (!t.sessions.empty()) {
            out << "<table id=\"sessions\">\n<tr><th>" << words::session_date.in(lang) << "</th><th>" << words::subject.in(lang)
                << "</th><th>" << words::outcome.in(lang) << "</th></tr>\n";
            for (const auto& s : t.sessions)
                out << "<tr><td style=\"white-space:nowrap\">" << html_escape(long_date(s.date, lang)) << "</td>" << cell(s.subject)
                    << cell(s.summary) << "</tr>\n";
            out << "</table>\n";
        }
    }
    if (!view.register_rows.empty()) {
        out << "<h2>" << words::register_title.in(lang) << "</h2>\n<div id=\"register\">\n";
        for (const auto& row : view.register_rows) {
            const Assumption& m = *row.assumption;
            out << "<h3>" << html_escape(m.text) << "</h3>\n<table class=\"assumption\">\n"
                << "<tr><th>" << words::status.in(lang) << "</th><td><strong>"
                << (m.status ? status_name(*m.status).in(lang) : words::not_recorded.in(lang)) << "</strong></td></tr>\n"
                << "<tr><th>" << words::grounds.in(lang) << "</th>" << cell(detail::ground_labels(m.grounds, kb, lang)) << "</tr>\n"
                << "<tr><th>" << words::steps.in(lang) << "</th>" << cell(detail::joined(row.steps, ", ")) << "</tr>\n"
                << "<tr><th>" << words::held_by.in(lang) << "</th>" << cell(m.held_by) << "</tr>\n"
                << "<tr><th>" << words::evidence_for.in(lang) << "</th>" << list(m.evidence_for) << "</tr>\n"
                << "<tr><th>" << words::evidence_against.in(lang) << "</th>" << list(m.evidence_against) << "</tr>\n"
                << "<tr><th>" << words::tested.in(lang) << "</th>" << cell(m.tested) << "</tr>\n"
                << "<tr><th>" << words::conclusion.in(lang) << "</th>" << cell(m.conclusion) << "</tr>\n</table>\n";
        }
        out << "</div>\n";
    }
    if (!view.justifications.empty()) {
        out << "<h2>" << words::justification_title.in(lang) << "</h2>\n<p>" << words::justification_intro.in(lang) << "</p>\n";
        for (const auto& row : view.justifications) {
            out << "<h3>" << html_escape(row.attribute) << " &middot; " << html_escape(row.step) << "</h3>\n";
            out << "<table class=\"justification\">\n";
            if (!row.legal_basis.empty())
                out << "<tr><th>" << words::legal_basis.in(lang) << "</th>" << cell(row.legal_basis) << "</tr>\n";
            if (!row.justification) {
                out << "<tr><th>" << words::verdict.in(lang) << "</th><td>" << words::no_test.in(lang) << "</td></tr>\n</table>\n";
                continue;
            }
            const Justification& j = *row.justification;
            out << "<tr><th>" << words::aim.in(lang) << "</th>" << cell(j.aim) << "</tr>\n"
                << "<tr><th>" << words::suitability.in(lang) << "</th>" << cell(j.suitability) << "</tr>\n"
                << "<tr><th>" << words::necessity.in(lang) << "</th>" << cell(j.necessity) << "</tr>\n"
                << "<tr><th>" << words::proportionality.in(lang) << "</th>" << cell(j.proportionality) << "</tr>\n"
                << "<tr><th>" << words::conclusion.in(lang) << "</th>" << cell(j.conclusion) << "</tr>\n"
                << "<tr><th>" << words::verdict.in(lang) << "</th><td><strong>" << verdict_name(j.verdict).in(lang)
                << "</strong></td></tr>\n</table>\n";
        }
    }
    if (!view.inputs.empty()) {
        out << "<h2>" << words::input_title.in(lang) << "</h2>\n<table id=\"input\">\n<tr><th>" << words::step.in(lang) << "</th><th>"
            << words::input_by.in(lang) << "</th><th>" << words::input_text.in(lang) << "</th><th>" << words::response.in(lang)
            << "</th></tr>\n";
        for (const auto& row : view.inputs) {
            const CitizenInput& in = *row.input;
            out << "<tr>" << cell(row.step) << "<td>" << input_by_name(in.by).in(lang);
            if (!in.name.empty()) out << ": " << html_escape(in.name);
            if (!in.date.empty()) out << "<br><small>" << html_escape(long_date(in.date, lang)) << "</small>";
            out << "</td>" << cell(in.text) << cell(in.response) << "</tr>\n";
        }
        out << "</table>\n";
    }
    if (!view.actions.empty()) {
        // The effect on the score gets a row of its own under each action: it can name every ground.
        out << "<h2>" << words::actions_title.in(lang) << "</h2>\n<table id=\"actions\">\n<tr><th>" << words::step.in(lang)
            << "</th><th>" << words::measure.in(lang) << "</th><th>" << words::status.in(lang) << "</th><th>" << words::owner.in(lang)
            << "</th><th>" << words::deadline.in(lang) << "</th><th>" << words::effect_check.in(lang) << "</th></tr>\n";
        for (const auto& row : view.actions) {
            const Action& action = *row.action;
            out << "<tr>" << cell(row.step) << cell(detail::action_label(action, kb, lang)) << "<td><strong>"
                << status_name(action.status).in(lang) << "</strong></td>" << cell(action.owner) << "<td style=\"white-space:nowrap\">"
                << html_escape(detail::or_dash(long_date(action.deadline, lang))) << "</td>" << cell(action.check) << "</tr>\n"
                << "<tr><td colspan=\"6\"><em>" << words::score_effect.in(lang) << ":</em> ";
            if (action.status == ActionStatus::in_place || !row.known_measure || row.moves.empty()) {
                out << html_escape(detail::effect_text(row, a, lang, "->"));
            } else {
                out << words::would_give.in(lang);
                for (std::size_t i = 0; i < row.moves.size(); ++i) {
                    const auto& m = row.moves[i];
                    out << (i ? " &middot; " : " ") << "<span style=\"white-space:nowrap\">" << html_escape(a.ground_labels[m.ground].in(lang))
                        << " " << badge(m.before, m.level_before) << " &rarr; " << badge(m.after, m.level_after) << "</span>";
                }
            }
            out << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    out << "</section>\n";
    return out.str();
}

/// The team's work as Markdown sections (## each), for the Markdown report; empty without any.
inline std::string dossier_markdown(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o) {
    DossierView view = dossier_view(process, a, kb);
    if (view.empty()) return {};
    using artikel1::detail::md_cell;
    const Language lang = o.language;
    auto cell = [](const std::string& text) { return md_cell(detail::or_dash(text)); };
    auto items = [&](const std::vector<std::string>& list) {
        std::vector<std::string> cells;
        for (const auto& item : list) cells.push_back(md_cell(item));
        return list.empty() ? std::string("-") : detail::joined(cells, "<br>");
    };
    std::ostringstream out;
    if (view.team) {
        const Team& t = *view.team;
        out << "\n## " << words::team.in(lang) << "\n\n";
        if (auto period = detail::period_text(t, lang); !period.empty()) out << words::period.in(lang) << ": " << md_cell(period) << "\n\n";
        if (!t.members.empty()) {
            out << "| " << words::role.in(lang) << " | " << words::name.in(lang) << " |\n|---|---|\n";
            for (const auto& m : t.members) out << "| " << cell(m.role) << " | " << cell(m.name) << " |\n";
            out << "\n";
        }
        if (!t.sessions.empty()) {
            out << "| " << words::session_date.in(lang) << " | " << words::subject.in(lang) << " | " << words::outcome.in(lang)
                << " |\n|---|---|---|\n";
            for (const auto& s : t.sessions)
                out << "| " << long_date(s.date, lang) << " | " << cell(s.subject) << " | " << cell(s.summary) << " |\n";
        }
    }
    if (!view.register_rows.empty()) {
        out << "\n## " << words::register_title.in(lang) << "\n\n| " << words::assumption.in(lang) << " | " << words::held_by.in(lang)
            << " | " << words::evidence_for.in(lang) << " | " << words::evidence_against.in(lang) << " | " << words::tested.in(lang)
            << " | " << words::status.in(lang) << " | " << words::conclusion.in(lang) << " |\n|---|---|---|---|---|---|---|\n";
        for (const auto& row : view.register_rows) {
            const Assumption& m = *row.assumption;
            out << "| **" << md_cell(m.text) << "**<br>" << words::grounds.in(lang) << ": "
                << md_cell(detail::ground_labels(m.grounds, kb, lang)) << "; " << words::steps.in(lang) << ": "
                << md_cell(detail::joined(row.steps, ", ")) << " | " << cell(m.held_by) << " | " << items(m.evidence_for) << " | "
                << items(m.evidence_against) << " | " << cell(m.tested) << " | "
                << (m.status ? status_name(*m.status).in(lang) : words::not_recorded.in(lang)) << " | " << cell(m.conclusion) << " |\n";
        }
    }
    if (!view.justifications.empty()) {
        out << "\n## " << words::justification_title.in(lang) << "\n\n" << words::justification_intro.in(lang) << "\n";
        for (const auto& row : view.justifications) {
            out << "\n### " << md_cell(row.attribute) << " · " << md_cell(row.step) << "\n\n";
            if (!row.legal_basis.empty()) out << "- " << words::legal_basis.in(lang) << ": " << md_cell(row.legal_basis) << "\n";
            if (!row.justification) {
                out << "- " << words::verdict.in(lang) << ": " << words::no_test.in(lang) << "\n";
                continue;
            }
            const Justification& j = *row.justification;
            out << "- " << words::aim.in(lang) << ": " << cell(j.aim) << "\n- " << words::suitability.in(lang) << ": "
                << cell(j.suitability) << "\n- " << words::necessity.in(lang) << ": " << cell(j.necessity) << "\n- "
                << words::proportionality.in(lang) << ": " << cell(j.proportionality) << "\n- " << words::conclusion.in(lang) << ": "
                << cell(j.conclusion) << "\n- " << words::verdict.in(lang) << ": **" << verdict_name(j.verdict).in(lang) << "**\n";
        }
    }
    if (!view.inputs.empty()) {
        out << "\n## " << words::input_title.in(lang) << "\n\n| " << words::step.in(lang) << " | " << words::input_by.in(lang) << " | "
            << words::input_text.in(lang) << " | " << words::response.in(lang) << " |\n|---|---|---|---|\n";
        for (const auto& row : view.inputs) {
            const CitizenInput& in = *row.input;
            out << "| " << cell(row.step) << " | " << input_by_name(in.by).in(lang) << (in.name.empty() ? "" : ": " + md_cell(in.name))
                << (in.date.empty() ? "" : " (" + long_date(in.date, lang) + ")") << " | " << cell(in.text) << " | "
                << cell(in.response) << " |\n";
        }
    }
    if (!view.actions.empty()) {
        out << "\n## " << words::actions_title.in(lang) << "\n\n| " << words::step.in(lang) << " | " << words::measure.in(lang) << " | "
            << words::status.in(lang) << " | " << words::owner.in(lang) << " | " << words::deadline.in(lang) << " | "
            << words::effect_check.in(lang) << " | " << words::score_effect.in(lang) << " |\n|---|---|---|---|---|---|---|\n";
        for (const auto& row : view.actions) {
            const Action& action = *row.action;
            out << "| " << cell(row.step) << " | " << cell(detail::action_label(action, kb, lang)) << " | "
                << status_name(action.status).in(lang) << " | " << cell(action.owner) << " | "
                << detail::or_dash(long_date(action.deadline, lang)) << " | " << cell(action.check) << " | "
                << md_cell(detail::effect_text(row, a, lang, "→")) << " |\n";
        }
    }
    return out.str();
}

/// The team's work as plain text, for the text report; empty without any.
inline std::string dossier_text(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o) {
    DossierView view = dossier_view(process, a, kb);
    if (view.empty()) return {};
    using artikel1::detail::escape_controls;
    const Language lang = o.language;
    std::ostringstream out;
    if (view.team) {
        const Team& t = *view.team;
        out << "\n" << words::team.in(lang) << "\n";
        if (auto period = detail::period_text(t, lang); !period.empty()) out << "  " << words::period.in(lang) << ": " << period << "\n";
        for (const auto& m : t.members) out << "  - " << escape_controls(m.role) << (m.name.empty() ? "" : ": " + escape_controls(m.name)) << "\n";
        for (const auto& s : t.sessions) out << "  " << long_date(s.date, lang) << ": " << escape_controls(s.subject) << "\n";
    }
    if (!view.register_rows.empty()) {
        out << "\n" << words::register_title.in(lang) << "\n";
        for (const auto& row : view.register_rows) {
            const Assumption& m = *row.assumption;
            out << "  - " << escape_controls(m.text) << " ["
                << (m.status ? status_name(*m.status).in(lang) : words::not_recorded.in(lang)) << "]\n";
            out << "    " << words::grounds.in(lang) << ": " << detail::ground_labels(m.grounds, kb, lang) << "; "
                << words::steps.in(lang) << ": " << escape_controls(detail::joined(row.steps, ", ")) << "\n";
            if (!m.conclusion.empty()) out << "    " << words::conclusion.in(lang) << ": " << escape_controls(m.conclusion) << "\n";
        }
    }
    if (!view.justifications.empty()) {
        out << "\n" << words::justification_title.in(lang) << "\n";
        for (const auto& row : view.justifications) {
            out << "  - " << escape_controls(row.attribute) << " (" << escape_controls(row.step) << "): "
                << (row.justification ? std::string(verdict_name(row.justification->verdict).in(lang)) : std::string(words::no_test.in(lang)))
                << "\n";
        }
    }
    if (!view.inputs.empty()) {
        out << "\n" << words::input_title.in(lang) << "\n";
        for (const auto& row : view.inputs)
            out << "  - " << escape_controls(row.step) << ", " << input_by_name(row.input->by).in(lang)
                << (row.input->name.empty() ? "" : " (" + escape_controls(row.input->name) + ")") << ": " << escape_controls(row.input->text)
                << "\n";
    }
    if (!view.actions.empty()) {
        out << "\n" << words::actions_title.in(lang) << "\n";
        for (const auto& row : view.actions) {
            const Action& action = *row.action;
            out << "  - " << escape_controls(row.step) << ": " << escape_controls(detail::action_label(action, kb, lang)) << " ["
                << status_name(action.status).in(lang);
            if (!action.owner.empty()) out << ", " << escape_controls(action.owner);
            if (!action.deadline.empty()) out << ", " << long_date(action.deadline, lang);
            out << "]\n    " << detail::effect_text(row, a, lang, "->") << "\n";
        }
    }
    return out.str();
}

} // namespace artikel1::report

#include <artikel1/report/html.hpp>
