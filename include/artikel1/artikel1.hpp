// SPDX-License-Identifier: EUPL-1.2
// artikel1: the whole C++ API in one include. Each header below can also be included on its own, so that a
// program that only loads models does not compile the method or the statistics.
#pragma once

#include <artikel1/error.hpp>            // exceptions and problems
#include <artikel1/process.hpp>          // the process model
#include <artikel1/knowledge_base.hpp>   // grounds, attribute kinds, channels, measures, weights
#include <artikel1/process_io.hpp>       // artikel1/process/1: load, save, validate
#include <artikel1/graph.hpp>            // the process as a Boost.Graph graph
#include <artikel1/graph_analysis.hpp>   // components, expected visits, severity reach, dominators
#include <artikel1/assessment.hpp>       // the risk method: assess()
#include <artikel1/assessment_json.hpp>  // assessments as JSON, compare()
#include <artikel1/examples.hpp>         // the built-in example processes
#include <artikel1/version.hpp>          // library version
