// SPDX-License-Identifier: EUPL-1.2
// artikel1: observed disparity from event logs (docs/disparity.md).
//
// Everything here works on integer codes, so that typed arrays (the C ABI) and numpy columns (Python) feed it without
// copying or per-row work in the caller's language:
//   DisparitySpec         what to count, fixed from a Process and options: step codes, decision points, adverse flows,
//                         grounds analysed (and intersections), the strata column.
//   DisparityAccumulator  the counts: passages n and adverse count per decision point x ground x group x stratum, with
//                         growable group and stratum dictionaries (label <-> code); mergeable and serialisable, so a log
//                         can be split over threads, processes or a cluster engine and combined exactly.
//   EventSequencer        derives "the next step" from events in case order (the process-mining convention).
//   compute_disparity     the table: rates, ratios, differences, tests, q-values, Mantel-Haenszel, suppression.
// Reading files is in event_log.hpp; a synthetic log generator is in log_generator.hpp.
//
// This header includes them all; each part has its own header, so that a unit includes only what it uses:
//   disparity_spec.hpp               GroundColumn, OutcomeMapping, DisparitySpecOptions, DisparitySpec, LabelDictionary
//   disparity_accumulator.hpp        RowStatus, DisparityIssues, CellCount, DisparityAccumulator, EventSequencer
//   disparity_table.hpp              DisparityOptions, DisparityCell, DisparityTable, compute_disparity
//   report/disparity_writers.hpp     to_json, to_csv, to_text of a table
//   disparity_link.hpp               DisparityLink, link (the only part that needs the structural assessment)
#pragma once

#include <artikel1/disparity_accumulator.hpp>
#include <artikel1/disparity_link.hpp>
#include <artikel1/disparity_spec.hpp>
#include <artikel1/disparity_table.hpp>
#include <artikel1/report/disparity_writers.hpp>
// Kept for the units that relied on this header for them:
#include <artikel1/assessment.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/output_escape.hpp>
#include <artikel1/detail/string_index.hpp>
#include <artikel1/disclosure.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process.hpp>
#include <artikel1/statistics.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
