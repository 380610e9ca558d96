// SPDX-License-Identifier: EUPL-1.2
// artikel1: running Graphviz's dot program (found on PATH) as a filter, for the report's figure and the BPMN layout.
#pragma once

#include <cstddef>
#include <string>

namespace artikel1::report {

/// Bounds on running Graphviz, so that a huge model cannot hang or exhaust the report.
struct GraphvizLimits {
    std::size_t max_input_bytes = std::size_t{1} << 20; ///< larger graphs are not laid out (the heatmap lists every step)
    std::size_t max_output_bytes = std::size_t{64} << 20;
    int timeout_ms = 30000; ///< dot is killed after this long
};

} // namespace artikel1::report

namespace artikel1::detail {

/// What dot wrote on standard output, or empty with the reason in `error`.
struct GraphvizRun {
    std::string output;
    std::string error;
};

/// Runs `dot FORMAT_OPTION` (e.g. "-Tsvg") on `dot_text`, through pipes (no temporary file), killed after
/// `limits.timeout_ms` or when it writes more than `limits.max_output_bytes`. The program rather than the library:
/// no link dependency, and a missing Graphviz costs only the figure.
GraphvizRun run_graphviz(const std::string& format_option, const std::string& dot_text, const report::GraphvizLimits& limits);

} // namespace artikel1::detail
