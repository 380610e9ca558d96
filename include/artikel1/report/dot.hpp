// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the process graph in Graphviz DOT, steps coloured by their highest risk.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>

namespace artikel1::report {

/// Fill colours of the levels low, medium, high, very high (the same in the HTML heatmap).
inline constexpr const char* level_colours[] = {"#d9f0d3", "#fee08b", "#fc8d59", "#d73027"};

inline std::string level_colour(std::size_t level) { return level_colours[std::min<std::size_t>(level, 3)]; }

/// Fill colours of the severities none, low, moderate, high, severe of an outcome: neutral grey to purple, apart
/// from the level colours, so that an outcome reads as what it means for the citizen and not as a "low risk" step.
inline constexpr const char* severity_colours[] = {"#f0f0f0", "#dadaeb", "#bcbddc", "#9e9ac8", "#6a51a3"};

inline std::string severity_colour(Severity severity) {
    return severity_colours[std::min<std::size_t>(static_cast<std::size_t>(severity), 4)];
}

namespace detail {
inline std::string dot_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (artikel1::detail::is_control(static_cast<unsigned char>(c))) {
            out += "\\" + artikel1::detail::escape_controls(std::string_view(&c, 1)); // a literal \xNN in the label
            continue;
        }
        out += c;
    }
    return out + "\"";
}
} // namespace detail

/// The process graph: tasks as boxes, decisions as diamonds, both filled in the colour of their highest risk level
/// and labelled with that score; outcomes as ellipses filled in the colour of their severity (severity_colours).
/// Labels and edge labels are 12 points (16 px in the SVG Graphviz writes), legible also when a wide process is
/// scaled down to the width of the page.
inline std::string to_dot(const Process& process, const Assessment& a, const ReportOptions& o = {}) {
    const Language lang = o.language;
    std::string out = "digraph " + detail::dot_string(process.id) + " {\n";
    out += "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12];\n";
    out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=12];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=12];\n";
    for (std::size_t s = 0; s < a.steps.size(); ++s) {
        const auto& step = a.steps[s];
        std::size_t level = step_level(step);
        double top = 0;
        std::string top_ground;
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            if (step.scores[g].score > top) {
                top = step.scores[g].score;
                top_ground = a.ground_labels[g].in(lang);
            }
        }
        const Step* model_step = s < process.steps.size() && process.steps[s].id == step.id ? &process.steps[s] : process.find_step(step.id);
        const bool outcome = step.kind == StepKind::outcome;
        const Severity severity = model_step ? model_step->severity : Severity::none;
        std::string label = step_label(step);
        if (outcome) label += "\n" + std::string(words::severity.in(lang)) + ": " + std::string(severity_name(severity).in(lang));
        else if (top > 0) label += "\n" + fixed(top, 1, lang) + " " + top_ground;
        std::string shape = step.kind == StepKind::decision ? "diamond" : outcome ? "ellipse" : "box";
        std::string fill = outcome ? severity_colour(severity) : level_colour(level);
        bool dark = outcome ? severity == Severity::severe : level >= 3;
        out += "  " + detail::dot_string(step.id) + " [label=" + detail::dot_string(label) + ", shape=" + shape + ", fillcolor=\"" +
               fill + "\"" + (dark ? ", fontcolor=\"white\"" : "") + ", tooltip=" + detail::dot_string(step.id) + "];\n";
    }
    for (const auto& f : process.flows) {
        std::string label = f.condition;
        if (f.probability) label += (label.empty() ? "" : "\n") + significant(*f.probability * 100, 2, 0, lang) + "%";
        out += "  " + detail::dot_string(f.from) + " -> " + detail::dot_string(f.to) + " [label=" + detail::dot_string(label) +
               (f.adverse ? ", color=\"#b2182b\", fontcolor=\"#b2182b\", style=bold" : "") + "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace artikel1::report
