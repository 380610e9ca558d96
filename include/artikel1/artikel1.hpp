// SPDX-License-Identifier: EUPL-1.2
// artikel1: the model, the knowledge base, the method and the examples in one include, compiled in the library
// (link artikel1::cpp): this include brings in neither Boost.Graph nor nlohmann/json. The graph analysis
// (graph_analysis.hpp), the observed disparity (disparity.hpp, event_log.hpp), compounding and the report writers
// are included on their own.
#pragma once

#include <artikel1/error.hpp>            // exceptions and problems
#include <artikel1/process.hpp>          // the process model
#include <artikel1/knowledge_base.hpp>   // grounds, attribute kinds, channels, measures, weights
#include <artikel1/process_io.hpp>       // artikel1/process/1: load, save, validate
#include <artikel1/assessment.hpp>       // the risk method: assess()
#include <artikel1/assessment_json.hpp>  // assessments as JSON, compare()
#include <artikel1/examples.hpp>         // the built-in example processes
#include <artikel1/version.hpp>          // library version
