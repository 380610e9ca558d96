// SPDX-License-Identifier: EUPL-1.2
// artikel1: writing a process model as a BPMN 2.0 file (docs/formats.md#bpmn-export), for Camunda Modeler, bpmn.io and
// the other tools organisations draw their processes in. Every step becomes a flow node of the type the reader
// (bpmn.hpp) maps back to the same step, every flow a sequence flow, every annotation of the method an attribute or
// element in the namespace urn:artikel1:bpmn:1, so that reading the file gives the same model. The diagram is the
// file's own when the model was read from BPMN (Process::bpmn), else a layout by Graphviz (a layered layout of its
// own when Graphviz is missing). With an assessment, every shape carries the colour of its highest risk level.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/detail/graphviz.hpp>
#include <artikel1/process.hpp>

#include <string>
#include <vector>

namespace artikel1 {

struct BpmnExportOptions {
    /// Colours each shape by its highest risk level (the report's level colours) and writes the score on it.
    const Assessment* assessment = nullptr;
    /// Lay out a model without a diagram with Graphviz's dot; false (or dot missing): a layered layout of its own.
    bool graphviz = true;
    report::GraphvizLimits graphviz_limits = {};
    /// Writes the method's annotations into BpmnExport::annotations, a side file (artikel1/bpmn-annotations/1)
    /// keyed by the ids of the BPMN elements, and a BPMN file without the namespace urn:artikel1:bpmn:1: the file as a
    /// modelling tool draws it (with the risk colours when `assessment` is given, but without a1:score).
    bool annotations_in_side_file = false;
};

/// The BPMN file and what it says about the writing: the layout used when Graphviz failed, and what of the model a
/// BPMN file cannot carry (the team's work of schema /2; probabilities per group, unless in the side file).
struct BpmnExport {
    std::string xml;
    std::vector<std::string> notes;
    /// With BpmnExportOptions::annotations_in_side_file: the side file (JSON, two-space indentation, final newline).
    std::string annotations;
};

/// The process as a BPMN 2.0 file (UTF-8, byte-identical for the same model, assessment and layout).
BpmnExport to_bpmn(const Process& process, const BpmnExportOptions& options = {});

} // namespace artikel1
