// SPDX-License-Identifier: EUPL-1.2
// artikel1: writing the side file of annotations of a BPMN file (artikel1/bpmn-annotations/1), for the BPMN export;
// defined with its reading in src/core/bpmn_annotations.cpp.
#pragma once

#include <artikel1/process.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace artikel1::detail {

/// What the export writes of a step's kind, automation and description: empty where the BPMN file says it already
/// (the element type's kind and automation, the lane's "Lane: NAME").
struct StepOverride {
    std::string kind, automation, description;
};

/// The side file of `p`: from its document `model` (to_json) the annotations the a1: namespace would carry, per
/// step id and per flow id (`flow_ids`, in the order of the flows), with the step overrides of the export.
nlohmann::ordered_json bpmn_annotations_json(const Process& p, const nlohmann::ordered_json& model,
                                             const std::vector<std::string>& flow_ids, const std::vector<StepOverride>& overrides);

} // namespace artikel1::detail
