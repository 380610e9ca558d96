// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the text report for the terminal (colours when asked, for a terminal).
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dossier.hpp>

#include <sstream>

namespace artikel1::report {

namespace detail {
inline std::string paint(const std::string& text, std::size_t level, bool colour) {
    if (!colour) return text;
    static constexpr const char* codes[] = {"\033[32m", "\033[33m", "\033[1;31m", "\033[1;37;41m"};
    return std::string(codes[std::min<std::size_t>(level, 3)]) + text + "\033[0m";
}
inline std::string pad(std::string text, std::size_t width) {
    std::size_t length = 0; // in code points, for Dutch diacritics
    for (unsigned char c : text) length += (c & 0xC0) != 0x80;
    if (length < width) text.append(width - length, ' ');
    return text;
}
} // namespace detail

inline std::string to_text(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o = {}) {
    (void)process;
    const Language lang = o.language;
    std::ostringstream out;
    auto level_name = [&](std::size_t level) { return a.levels[level].label.in(lang); };
    using artikel1::detail::escape_controls; // names and ids may hold control characters: never sent to the terminal raw
    out << words::title.in(lang) << ": " << escape_controls(a.process_name) << " (" << escape_controls(a.process_id) << ")\n";
    if (!a.organisation.empty()) out << words::organisation.in(lang) << ": " << escape_controls(a.organisation) << "\n";
    out << words::method.in(lang) << ": " << a.method_id << ", " << words::knowledge_base.in(lang) << ": "
        << a.knowledge_base_id << " " << a.knowledge_base_version;
    if (!o.date.empty()) out << ", " << words::date.in(lang) << ": " << o.date;
    out << "\n" << words::disclaimer.in(lang) << "\n\n";

    out << words::summary.in(lang) << "\n";
    const std::size_t score_width = lang == Language::nl ? 13 : 8; // "Risicoscore"
    out << "  " << detail::pad(std::string(words::ground.in(lang)), 22) << detail::pad(std::string(words::score.in(lang)), score_width)
        << detail::pad(std::string(words::level.in(lang)), 12) << detail::pad(std::string(words::at_step.in(lang)), 24)
        << words::citizens_high.in(lang) << "\n";
    for (std::size_t g = 0; g < a.summary.size(); ++g) {
        const auto& s = a.summary[g];
        out << "  " << detail::pad(a.ground_labels[g].in(lang), 22) << detail::pad(fixed(s.max_score, 1, lang), score_width)
            << detail::paint(detail::pad(level_name(s.max_level), 12), s.max_level, o.colour)
            << detail::pad(s.max_score > 0 ? escape_controls(s.max_step) : "-", 24) << whole(s.citizens_per_year_high, lang) << "\n";
    }

    out << "\n" << words::top_risks.in(lang) << "\n";
    auto risks = ranked_risks(a);
    for (std::size_t i = 0; i < risks.size() && i < o.top; ++i) {
        const auto& r = risks[i];
        const auto& step = a.steps[r.step];
        out << "  " << i + 1 << ". " << detail::paint(fixed(r.score->score, 1, lang) + " " + level_name(r.score->level), r.score->level, o.colour)
            << "  " << escape_controls(step_title(step)) << " / " << a.ground_labels[r.ground].in(lang) << "\n";
        out << "     " << words::likelihood.in(lang) << " " << fixed(r.score->likelihood, 3, lang) << " x "
            << explain_impact(a.steps[r.step], *r.score, kb, lang) << "\n";
        for (const auto& c : r.score->contributions) out << "     - " << explain(c, kb, lang) << "\n";
        if (r.score->robustness.band > 0)
            out << "     " << words::robustness.in(lang) << ": " << explain_robustness(*r.score, a, lang, kb) << "\n";
    }

    out << "\n" << words::gatekeepers.in(lang) << "\n";
    bool any = false;
    for (const auto& step : a.steps) {
        if (step.guards.empty()) continue;
        any = true;
        out << "  " << escape_controls(step_title(step)) << " " << words::guards.in(lang) << ": ";
        for (std::size_t i = 0; i < step.guards.size(); ++i) out << (i ? ", " : "") << escape_controls(step.guards[i]);
        out << "\n";
    }
    if (!any) out << "  " << words::no_gatekeepers.in(lang) << "\n";

    out << "\n" << words::plan.in(lang) << "\n";
    if (!a.recommendations.empty()) out << "  " << words::plan_intro.in(lang) << "\n";
    if (a.recommendations.empty()) out << "  " << words::no_recommendations.in(lang) << "\n";
    std::string current;
    for (const auto& e : plan_entries(a)) {
        if (e.step != current) {
            current = e.step;
            out << "  " << escape_controls(step_title(a.steps[a.step_index(e.step)])) << "\n";
        }
        out << "    " << e.rank << ". " << measure_label(kb, e.measure, lang);
        if (!e.aimed_at.empty()) out << " (" << plan_aim(e, lang) << ")";
        out << ": " << plan_effect(a, e, lang) << "\n";
    }
    out << dossier_text(process, a, kb, o); // the team's work, when the model has it
    return out.str();
}

} // namespace artikel1::report
