// SPDX-License-Identifier: EUPL-1.2
// artikel1: the member "bpmn" of a process document (docs/formats.md#what-a-bpmn-file-keeps), read and written by
// process_io; defined with the BPMN export (src/core/bpmn_export.cpp).
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/process.hpp>

#include <nlohmann/json.hpp>

namespace artikel1::detail {

/// Reads the member "bpmn" of `doc` (when present) into `p.bpmn`, after the steps and flows; problems into `r`.
void read_bpmn_layout(Reader& r, const json& doc, Process& p);

/// The member "bpmn" of the document.
nlohmann::ordered_json bpmn_layout_json(const BpmnLayout& layout);

} // namespace artikel1::detail
