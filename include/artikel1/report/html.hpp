// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: one self-contained HTML file (inline CSS and SVG, no external assets; one line of script opens
// every section before printing) that a civil servant can open, mail and print: the summary, a heatmap of steps x
// grounds, the process graph coloured by risk, the explanation of every score and the draft action plan, whose owner
// and due date can be filled in on the page.
#pragma once

#include <artikel1/detail/graphviz.hpp>
#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>
#include <artikel1/report/dossier.hpp>
#include <artikel1/report/dot.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>


namespace artikel1::report {

namespace detail {
inline std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\n': case '\t': out += c; break;
        default: // other control characters are not allowed in HTML or SVG: written as text (\xNN)
            out += artikel1::detail::is_control(static_cast<unsigned char>(c)) ? artikel1::detail::escape_controls(std::string_view(&c, 1))
                                                                              : std::string(1, c);
        }
    }
    return out;
}
} // namespace detail

/// The process graph laid out by Graphviz: `svg` is the <svg> element, or empty with the reason in `error`.
struct GraphLayout {
    std::string svg;
    std::string error;
};

/// Runs Graphviz's `dot -Tsvg` (found on PATH) on `dot_text` (detail::run_graphviz), killed after
/// `limits.timeout_ms`. A missing Graphviz costs only the figure, not the report.
inline GraphLayout layout_with_graphviz(const std::string& dot_text, const GraphvizLimits& limits = {}) {
    GraphLayout layout;
    if (dot_text.size() > limits.max_input_bytes) {
        layout.error = "the graph is " + std::to_string(dot_text.size()) + " bytes of Graphviz input, more than the " +
                       std::to_string(limits.max_input_bytes) + " laid out; the heatmap lists every step";
        return layout;
    }
    artikel1::detail::GraphvizRun run = artikel1::detail::run_graphviz("-Tsvg", dot_text, limits);
    auto start = run.output.find("<svg");
    if (!run.error.empty() || start == std::string::npos) {
        layout.error = run.error.empty() ? "Graphviz's dot program wrote no SVG" : run.error;
        return layout;
    }
    layout.svg = run.output.substr(start);
    // Graphviz writes comments with its version and the graph's name; drop them so the page holds only what is drawn
    // and stays byte-identical across Graphviz versions that lay out alike.
    for (auto c = layout.svg.find("<!--"); c != std::string::npos; c = layout.svg.find("<!--", c)) {
        auto end = layout.svg.find("-->", c);
        if (end == std::string::npos) break;
        layout.svg.erase(c, end + 3 - c);
    }
    return layout;
}

/// The number of code points of a UTF-8 text (for Dutch diacritics), to size the text of the SVG figures.
inline std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

/// The heatmap of steps (rows) x grounds (columns) as an SVG element; each cell shows the score in its level colour.
/// Text is 12 px; the column of step names is as wide as the longest name (about 7 px a character), so no name is
/// cut. An outcome's name carries a mark in the colour of its severity (severity_colours), as in the graph, and its
/// cells without any risk source are grey with a dash, not the colour of the lowest level.
inline std::string heatmap_svg(const Assessment& a, Language lang, const Process* process = nullptr) {
    using detail::html_escape;
    // Ground names are written at -45 degrees above their column: they reach up and to the right by about
    // 0.7 x their length (some 7 px a character at 12 px), so the header and the right margin grow with the longest.
    std::size_t longest = 0, longest_step = 0;
    for (const auto& label : a.ground_labels) longest = std::max(longest, characters(label.in(lang)));
    for (const auto& step : a.steps) longest_step = std::max(longest_step, characters(step_label(step)));
    const int slant = static_cast<int>(static_cast<double>(longest) * 7 * 0.71) + 14;
    const int label_width = std::max(220, static_cast<int>(longest_step) * 7 + 34), cell_width = 64, cell_height = 24;
    const int legend_height = 30 + 22 * static_cast<int>(a.levels.size());
    const int header_height = std::max(legend_height, slant + 10);
    const int width = label_width + cell_width * static_cast<int>(a.grounds.size()) + std::max(10, slant - cell_width / 2);
    const int height = header_height + cell_height * static_cast<int>(a.steps.size()) + 10;
    std::ostringstream svg;
    svg << "<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\""
        << html_escape(std::string(words::heatmap.in(lang))) << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
    // The legend of the levels sits in the empty corner above the step names.
    svg << "<g class=\"legend\"><text x=\"10\" y=\"15\" font-weight=\"bold\">" << html_escape(std::string(words::legend.in(lang)))
        << "</text>";
    for (std::size_t l = 0; l < a.levels.size(); ++l) {
        int y = 24 + static_cast<int>(l) * 22;
        svg << "<rect x=\"10\" y=\"" << y << "\" width=\"16\" height=\"15\" fill=\"" << level_colour(l) << "\"/><text x=\"32\" y=\""
            << y + 12 << "\">" << html_escape(a.levels[l].label.in(lang));
        svg << " (" << fixed(a.levels[l].min, 0);
        if (l + 1 < a.levels.size()) svg << "&#8211;" << fixed(a.levels[l + 1].min, 0) << ")";
        else svg << "&#8211;100)";
        svg << "</text>";
    }
    svg << "</g>\n";
    for (std::size_t g = 0; g < a.grounds.size(); ++g) {
        int x = label_width + static_cast<int>(g) * cell_width + cell_width / 2;
        svg << "<text x=\"" << x << "\" y=\"" << header_height - 6 << "\" transform=\"rotate(-45 " << x << " "
            << header_height - 6 << ")\">" << html_escape(a.ground_labels[g].in(lang)) << "</text>\n";
    }
    for (std::size_t s = 0; s < a.steps.size(); ++s) {
        const auto& step = a.steps[s];
        int y = header_height + static_cast<int>(s) * cell_height;
        svg << "<text x=\"" << label_width - 8 << "\" y=\"" << y + 16 << "\" text-anchor=\"end\">" << html_escape(step_label(step))
            << "</text>\n";
        if (step.kind == StepKind::outcome) {
            const Step* model_step = process ? process->find_step(step.id) : nullptr;
            Severity severity = model_step ? model_step->severity : Severity::none;
            svg << "<circle cx=\"" << 14 << "\" cy=\"" << y + 11 << "\" r=\"6\" fill=\"" << severity_colour(severity)
                << "\" stroke=\"#666\"><title>" << html_escape(std::string(words::severity.in(lang))) << " "
                << html_escape(std::string(severity_name(severity).in(lang))) << "</title></circle>\n";
        }
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            const auto& score = step.scores[g];
            int x = label_width + static_cast<int>(g) * cell_width;
            // An outcome without any risk source is no "low risk" place: a neutral cell with a dash.
            const bool blank = step.kind == StepKind::outcome && score.score <= 0;
            svg << "<rect class=\"cell\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << cell_width - 2 << "\" height=\""
                << cell_height - 2 << "\" fill=\"" << (blank ? std::string(severity_colours[0]) : level_colour(score.level)) << "\"><title>"
                << html_escape(step_label(step)) << " / " << html_escape(a.ground_labels[g].in(lang)) << ": "
                << (blank ? html_escape(std::string(words::no_risk.in(lang)))
                          : fixed(score.score, 1, lang) + " " + html_escape(a.levels[score.level].label.in(lang)))
                << "</title></rect>";
            svg << "<text x=\"" << x + cell_width / 2 - 1 << "\" y=\"" << y + 16 << "\" text-anchor=\"middle\""
                << (score.level >= 3 ? " fill=\"white\"" : "") << ">" << (blank ? std::string("&#8211;") : fixed(score.score, 1, lang)) << "</text>\n";
        }
    }
    svg << "</svg>";
    return svg.str();
}

/// The legend of the graph: the level colours of tasks and decisions, and the severity colours of outcomes.
inline std::string graph_legend(const Assessment& a, Language lang) {
    using detail::html_escape;
    std::string out = "<p class=\"legend\"><strong>" + html_escape(std::string(words::legend.in(lang))) + ":</strong>";
    for (std::size_t l = 0; l < a.levels.size(); ++l)
        out += " <span class=\"swatch\" style=\"background:" + level_colour(l) + "\"></span>" + html_escape(a.levels[l].label.in(lang));
    out += "<br><strong>" + html_escape(std::string(words::severity_legend.in(lang))) + ":</strong>";
    for (std::size_t v = 0; v < 5; ++v) {
        out += std::string(" <span class=\"swatch round\" style=\"background:") + severity_colours[v] + "\"></span>" +
               html_escape(std::string(severity_name(static_cast<Severity>(v)).in(lang)));
    }
    out += "<br>" + html_escape(std::string(words::outcome_note.in(lang))) + "</p>\n";
    return out;
}

/// The HTML report. `graph_svg` is the process graph laid out by Graphviz (`layout_with_graphviz(to_dot(...))`),
/// inlined as is; when it is empty the report says the graph is missing, and why (`graph_note`). `observed_section`
/// (observed_html.hpp) is placed after the explanations.
inline std::string to_html(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o,
                           const std::string& graph_svg, const std::string& graph_note = {},
                           const std::string& observed_section = {}) {
    using detail::html_escape;
    const Language lang = o.language;
    auto level_name = [&](std::size_t level) { return html_escape(a.levels[level].label.in(lang)); };
    auto badge = [&](double score, std::size_t level) {
        return "<span class=\"badge\" style=\"background:" + level_colour(level) + (level >= 3 ? ";color:white" : "") + "\">" +
               fixed(score, 1, lang) + " " + level_name(level) + "</span>";
    };
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Language::nl ? "nl" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"generator\" content=\"artikel1 " << html_escape(a.method_id) << "\">\n"
        << "<title>" << html_escape(std::string(words::title.in(lang))) << ": " << html_escape(a.process_name) << "</title>\n"
        << "<style>\n"
           "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.4;padding:0 1em}\n"
           "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}\n"
           "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}\n"
           "th{background:#f3f3f3}td.num{text-align:right}.meta{color:#555}.badge{padding:.1em .4em;border-radius:3px;white-space:nowrap}\n"
           ".note{background:#fff8e1;border-left:4px solid #f0c36d;padding:.5em 1em}.figure{overflow-x:auto}\n"
           "details{margin:.3em 0}summary{cursor:pointer;font-weight:bold}ul.sources{margin:.2em 0 .6em 1em}\n"
           "td.fill{min-width:9em;background:#fffdf2}td.fill:empty::before{content:attr(data-placeholder);color:#999}\n"
           "footer{margin-top:3em;color:#777;font-size:.9em}.nowrap,td.num{white-space:nowrap}\n"
           ".legend{font-size:.95em}.swatch{display:inline-block;width:1em;height:1em;margin:0 .3em 0 .8em;"
           "vertical-align:-.15em;border:1px solid #999}.swatch.round{border-radius:50%}\n"
           "@media print{@page{size:A4;margin:14mm 12mm}@page wide{size:A4 landscape;margin:12mm}.wide{page:wide}body{max-width:none;margin:0;padding:0;font-size:10pt}\n"
           "h2{break-before:page}h1+p+p+h2{break-before:auto}h2,summary{break-after:avoid}tr,li,.badge{break-inside:avoid}\n"
           "details::details-content{content-visibility:visible;display:block}details>summary{list-style:none}\n"
           ".figure{overflow:visible}.figure svg{max-width:100%;height:auto}td.fill:empty::before{content:none}}\n"
           "</style>\n"
           "<script>addEventListener(\"beforeprint\",function(){document.querySelectorAll(\"details\").forEach("
           "function(d){d.open=true})})</script>\n"
           "</head>\n<body>\n";
    out << "<h1>" << html_escape(std::string(words::title.in(lang))) << "</h1>\n";
    out << "<p class=\"meta\"><strong>" << html_escape(a.process_name) << "</strong> (<code>" << html_escape(a.process_id) << "</code>)";
    if (!a.organisation.empty()) out << " &middot; " << html_escape(a.organisation);
    if (a.cases_per_year > 0)
        out << " &middot; " << words::cases_per_year.in(lang) << ": <span class=\"nowrap\">" << whole(a.cases_per_year, lang) << "</span>";
    out << "<br>" << words::method.in(lang) << ": <code>" << html_escape(a.method_id) << "</code> &middot; "
        << words::knowledge_base.in(lang) << ": <code>" << html_escape(a.knowledge_base_id) << "</code> "
        << html_escape(a.knowledge_base_version);
    if (!o.date.empty()) out << " &middot; " << words::date.in(lang) << ": " << html_escape(o.date);
    out << "</p>\n<p class=\"note\">" << words::disclaimer.in(lang) << "</p>\n";

    out << "<h2>" << words::summary.in(lang) << "</h2>\n<table id=\"summary\">\n<tr><th>" << words::ground.in(lang) << "</th><th>"
        << words::highest.in(lang) << "</th><th>" << words::at_step.in(lang) << "</th><th>" << words::steps_per_level.in(lang)
        << "</th><th>" << words::citizens_high.in(lang) << "</th></tr>\n";
    for (std::size_t g = 0; g < a.summary.size(); ++g) {
        const auto& s = a.summary[g];
        out << "<tr><td>" << html_escape(a.ground_labels[g].in(lang)) << "</td><td>" << badge(s.max_score, s.max_level) << "</td><td>"
            << (s.max_score > 0 ? "<code>" + html_escape(s.max_step) + "</code>" : "-") << "</td><td>";
        for (std::size_t l = 0; l < s.steps_per_level.size(); ++l) {
            out << (l ? " &middot; " : "") << "<span class=\"nowrap\">" << level_name(l) << " " << s.steps_per_level[l] << "</span>";
        }
        out << "</td><td class=\"num\">" << whole(s.citizens_per_year_high, lang) << "</td></tr>\n";
    }
    out << "</table>\n";

    // The figures are printed on landscape pages (the named page "wide"), where they need not be scaled down as much.
    out << "<h2 class=\"wide\">" << words::heatmap.in(lang) << "</h2>\n<div class=\"figure wide\">\n" << heatmap_svg(a, lang, &process)
        << "\n</div>\n";
    out << "<h2 class=\"wide\">" << words::graph.in(lang) << "</h2>\n<div class=\"figure wide\" id=\"graph\">\n";
    if (!graph_svg.empty()) out << graph_svg << "\n";
    else out << "<p class=\"note\">" << words::graph_missing.in(lang) << (graph_note.empty() ? "" : " (" + html_escape(graph_note) + ")")
             << "</p>\n";
    out << "</div>\n<div class=\"wide\">" << graph_legend(a, lang) << "</div>\n";

    out << "<h2>" << words::gatekeepers.in(lang) << "</h2>\n<ul>\n";
    bool any = false;
    for (const auto& step : a.steps) {
        if (step.guards.empty()) continue;
        any = true;
        out << "<li>" << html_escape(step_label(step)) << " (<code>" << html_escape(step.id) << "</code>) " << words::guards.in(lang) << ": ";
        for (std::size_t i = 0; i < step.guards.size(); ++i) out << (i ? ", " : "") << "<code>" << html_escape(step.guards[i]) << "</code>";
        out << "</li>\n";
    }
    if (!any) out << "<li>" << words::no_gatekeepers.in(lang) << "</li>\n";
    out << "</ul>\n";

    out << "<h2>" << words::plan.in(lang) << "</h2>\n";
    if (a.recommendations.empty()) {
        out << "<p>" << words::no_recommendations.in(lang) << "</p>\n";
    } else {
        out << "<p>" << words::plan_intro.in(lang) << "</p>\n<table id=\"plan\">\n<tr><th>" << words::step.in(lang) << "</th><th>" << words::measure.in(lang) << "</th><th>"
            << words::expected_effect.in(lang) << "</th><th>" << words::owner.in(lang) << "</th><th>" << words::deadline.in(lang)
            << "</th></tr>\n";
        for (const auto& e : plan_entries(a)) {
            const Measure* m = kb.find_measure(e.measure);
            const auto& step = a.steps[a.step_index(e.step)];
            out << "<tr><td>" << html_escape(step_label(step)) << (step.name.empty() ? "" : " <small>(<code>" + html_escape(e.step) + "</code>)</small>")
                << "</td><td>" << e.rank << ". <strong>"
                << html_escape(measure_label(kb, e.measure, lang)) << "</strong>";
            if (!e.aimed_at.empty()) out << " <em>(" << html_escape(plan_aim(e, lang)) << ")</em>";
            if (m) out << "<br><small>" << html_escape(m->description.in(lang)) << "</small>";
            out << "</td><td>";
            for (std::size_t i = 0; i < e.rows.size(); ++i) {
                const auto& r = *e.rows[i];
                out << (i ? "<br>" : "") << html_escape(a.ground_labels[a.ground_index(r.ground)].in(lang)) << " "
                    << badge(r.score_before, r.level_before) << " &rarr; " << badge(r.score_after, r.level_after);
            }
            const std::string fill = "<td class=\"fill\" contenteditable=\"true\" data-placeholder=\"" +
                                     html_escape(std::string(words::fill_in.in(lang))) + "\"></td>";
            out << "</td>" << fill << fill << "</tr>\n";
        }
        out << "</table>\n";
    }

    out << dossier_html(process, a, kb, o); // the team's work, when the model has it
    out << "<h2>" << words::explanations.in(lang) << "</h2>\n";
    for (const auto& step : a.steps) {
        std::size_t level = step_level(step);
        out << "<details" << (level >= a.high_level ? " open" : "") << "><summary>" << html_escape(step_label(step)) << " (<code>"
            << html_escape(step.id) << "</code>)</summary>\n";
        bool listed = false;
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            const auto& s = step.scores[g];
            if (s.score <= 0) continue;
            listed = true;
            out << "<p>" << html_escape(a.ground_labels[g].in(lang)) << ": " << badge(s.score, s.level) << " = 100 x "
                << words::likelihood.in(lang) << " " << fixed(s.likelihood, 3, lang) << " x " << html_escape(explain_impact(step, s, kb, lang))
                << "</p>\n<ul class=\"sources\">\n";
            for (const auto& c : s.contributions) out << "<li>" << html_escape(explain(c, kb, lang)) << "</li>\n";
            if (s.robustness.band > 0)
                out << "<li>" << words::robustness.in(lang) << ": " << html_escape(explain_robustness(s, a, lang, kb)) << "</li>\n";
            out << "</ul>\n";
        }
        if (!listed) out << "<p>" << words::no_risk.in(lang) << "</p>\n";
        out << "</details>\n";
    }
    out << observed_section;
    out << "<footer>artikel1 &middot; " << html_escape(a.method_id) << " &middot; " << html_escape(a.knowledge_base_id) << " "
        << html_escape(a.knowledge_base_version);
    if (!o.date.empty()) out << " &middot; " << html_escape(o.date);
    out << "</footer>\n</body>\n</html>\n";
    return out.str();
}

} // namespace artikel1::report

namespace artikel1::report {

/// The HTML report with the process graph laid out by Graphviz when it is installed (see layout_with_graphviz).
inline std::string to_html(const Process& process, const Assessment& a, const KnowledgeBase& kb, const ReportOptions& o = {}) {
    GraphLayout layout = layout_with_graphviz(to_dot(process, a, o));
    return to_html(process, a, kb, o, layout.svg, layout.error);
}

} // namespace artikel1::report
