// SPDX-License-Identifier: EUPL-1.2
// artikel1 reports: the process graph in Graphviz DOT, steps coloured by their highest risk.
#pragma once

#include <artikel1/detail/output_escape.hpp>
#include <artikel1/report/common.hpp>

namespace artikel1::report {

/// Fill colours of the levels low, medium, high, very high (the same in the HTML heatmap).
inline constexpr const char* level_colours[] = {"#d9f0d3", "#fee08b", "#fc8d59", "#d73027"};

inline std::string level_colour(std::size_t level) { return level_colours[std::min<std::size_t>(level, 3)]; }

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

inline std::string to_dot(const Process& process, const Assessment& a, const ReportOptions& o = {}) {
    const Language lang = o.language;
    std::string out = "digraph " + detail::dot_string(process.id) + " {\n";
    out += "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11];\n";
    out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const auto& step : a.steps) {
        std::size_t level = step_level(step);
        double top = 0;
        std::string top_ground;
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            if (step.scores[g].score > top) {
                top = step.scores[g].score;
                top_ground = a.ground_labels[g].in(lang);
            }
        }
        std::string label = step_label(step);
        if (top > 0) label += "\n" + fixed(top) + " " + top_ground;
        std::string shape = step.kind == StepKind::decision ? "diamond" : step.kind == StepKind::outcome ? "ellipse" : "box";
        out += "  " + detail::dot_string(step.id) + " [label=" + detail::dot_string(label) + ", shape=" + shape +
               ", fillcolor=\"" + level_colour(level) + "\"" + (level >= 3 ? ", fontcolor=\"white\"" : "") +
               ", tooltip=" + detail::dot_string(step.id) + "];\n";
    }
    for (const auto& f : process.flows) {
        std::string label = f.condition;
        if (f.probability) label += (label.empty() ? "" : "\n") + significant(*f.probability * 100, 2) + "%";
        out += "  " + detail::dot_string(f.from) + " -> " + detail::dot_string(f.to) + " [label=" + detail::dot_string(label) +
               (f.adverse ? ", color=\"#b2182b\", fontcolor=\"#b2182b\", style=bold" : "") + "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace artikel1::report
