// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: Markdown, for wikis and issue trackers.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dossier.hpp>

#include <algorithm>
#include <string_view>
#include <sstream>

namespace artikel1::report {

namespace detail {
using artikel1::detail::md_cell;
using artikel1::detail::md_code;
} // namespace detail

/// The Markdown report; `observed_section` (observed_markdown.hpp) is appended after the action plan.
inline std::string to_markdown(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o = {},
                               const std::string& observed_section = {}) {
    (void)process;
    const Language lang = o.language;
    auto level_name = [&](std::size_t level) { return a.levels[level].label.in(lang); };
    std::ostringstream out;
    out << "# " << words::title.in(lang) << ": " << detail::md_cell(a.process_name) << "\n\n";
    out << "- " << words::process.in(lang) << ": " << detail::md_code(a.process_id) << "\n";
    if (!a.organisation.empty()) out << "- " << words::organisation.in(lang) << ": " << detail::md_cell(a.organisation) << "\n";
    out << "- " << words::method.in(lang) << ": " << detail::md_code(a.method_id) << "; " << words::knowledge_base.in(lang) << ": "
        << detail::md_code(a.knowledge_base_id) << " " << detail::md_cell(a.knowledge_base_version) << "\n";
    if (!o.date.empty()) out << "- " << words::date.in(lang) << ": " << o.date << "\n";
    out << "\n> " << words::disclaimer.in(lang) << "\n\n";

    out << "## " << words::summary.in(lang) << "\n\n| " << words::ground.in(lang) << " | " << words::highest.in(lang) << " | "
        << words::level.in(lang) << " | " << words::at_step.in(lang) << " | " << words::citizens_high.in(lang) << " |\n";
    out << "|---|---:|---|---|---:|\n";
    for (std::size_t g = 0; g < a.summary.size(); ++g) {
        const auto& s = a.summary[g];
        out << "| " << detail::md_cell(a.ground_labels[g].in(lang)) << " | " << fixed(s.max_score, 1, lang) << " | "
            << (s.max_level >= a.high_level ? "**" + level_name(s.max_level) + "**" : level_name(s.max_level)) << " | "
            << (s.max_score > 0 ? detail::md_code(s.max_step) : "-") << " | " << whole(s.citizens_per_year_high, lang) << " |\n";
    }

    out << "\n## " << words::top_risks.in(lang) << "\n\n";
    auto risks = ranked_risks(a);
    for (std::size_t i = 0; i < risks.size() && i < o.top; ++i) {
        const auto& r = risks[i];
        const auto& step = a.steps[r.step];
        out << i + 1 << ". **" << fixed(r.score->score, 1, lang) << " " << level_name(r.score->level) << "**: "
            << (step.name.empty() ? "" : detail::md_cell(step.name) + " ") << "(" << detail::md_code(step.id) << ") / " << detail::md_cell(a.ground_labels[r.ground].in(lang)) << "  \n";
        out << "   " << words::likelihood.in(lang) << " " << fixed(r.score->likelihood, 3, lang) << " x "
            << detail::md_cell(explain_impact(a.steps[r.step], *r.score, kb, lang)) << "\n";
        for (const auto& c : r.score->contributions) out << "   - " << detail::md_cell(explain(c, kb, lang)) << "\n";
        if (r.score->robustness.band > 0)
            out << "   - " << words::robustness.in(lang) << ": " << detail::md_cell(explain_robustness(*r.score, a, lang, kb)) << "\n";
    }

    out << "\n## " << words::gatekeepers.in(lang) << "\n\n";
    bool any = false;
    for (const auto& step : a.steps) {
        if (step.guards.empty()) continue;
        any = true;
        out << "- " << (step.name.empty() ? "" : detail::md_cell(step.name) + " ") << "(" << detail::md_code(step.id) << ") " << words::guards.in(lang) << ": ";
        for (std::size_t i = 0; i < step.guards.size(); ++i) out << (i ? ", " : "") << detail::md_code(step.guards[i]);
        out << "\n";
    }
    if (!any) out << words::no_gatekeepers.in(lang) << "\n";

    out << "\n## " << words::plan.in(lang) << "\n\n";
    if (a.recommendations.empty()) {
        out << words::no_recommendations.in(lang) << "\n";
    } else {
        out << words::plan_intro.in(lang) << "\n\n";
        out << "| " << words::step.in(lang) << " | " << words::measure.in(lang) << " | " << words::expected_effect.in(lang)
            << " | " << words::owner.in(lang) << " | " << words::deadline.in(lang) << " |\n";
        out << "|---|---|---|---|---|\n";
        for (const auto& e : plan_entries(a)) {
            std::string aim = plan_aim(e, lang);
            const auto& step = a.steps[a.step_index(e.step)];
            out << "| " << (step.name.empty() ? "" : detail::md_cell(step.name) + " ") << "(" << detail::md_code(e.step) << ") | " << e.rank << ". " << detail::md_cell(measure_label(kb, e.measure, lang))
                << (aim.empty() ? "" : " (" + detail::md_cell(aim) + ")") << " | "
                << detail::md_cell(plan_effect(a, e, lang, "→")) << " |  |  |\n";
        }
    }
    out << dossier_markdown(process, a, kb, o); // the team's work, when the model has it
    out << observed_section;
    return out.str();
}

} // namespace artikel1::report
