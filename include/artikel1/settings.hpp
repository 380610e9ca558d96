// SPDX-License-Identifier: EUPL-1.2
// artikel1: settings shared by the readers and the method. Small on purpose: the headers a program needs to load and
// assess a model include this one, not the JSON or graph libraries behind them.
#pragma once

#include <cstddef>

namespace artikel1 {

/// Resource limits applied when reading documents, so that a huge or maliciously deep file cannot exhaust memory.
struct ParseLimits {
    std::size_t max_bytes = std::size_t{256} << 20; ///< largest document accepted (256 MiB)
    std::size_t max_depth = 64;                     ///< deepest nesting of arrays and objects
};

/// Convergence of the iterative solves inside cycles (rework loops).
struct SolverSettings {
    double tolerance = 1e-13;         ///< stop when no value moves more than this in a sweep
    std::size_t max_sweeps = 100000;  ///< safety bound on sweeps through one strongly connected component
};

} // namespace artikel1
