// SPDX-License-Identifier: EUPL-1.2
// artikel1: the writers of a compounding result (compounding.hpp): JSON (`artikel1/compounding/1`), CSV, and text
// and Markdown for people in English or Dutch. Bodies in src/core/compounding_writers.cpp.
#pragma once

#include <artikel1/knowledge_base.hpp>
#include <artikel1/language.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace artikel1 {

struct CompoundingResult;

/// The result as JSON (`artikel1/compounding/1`), deterministic. Hidden counts are null with "published": false;
/// groups below min_cell are not in it (only their number, per ground).
nlohmann::ordered_json to_json(const CompoundingResult& result);

/// The result for people: per ground and outcome, each group's end-to-end probability and ratio, and the share of
/// each decision point (Shapley, of the log ratio) beside what equalising that point alone leaves; then the outcome
/// tests. In English or Dutch (decimal commas, "n.v.t." for what cannot be computed, grounds by their label in `kb`);
/// group labels and step ids as they are in the log and the model.
std::string to_text(const CompoundingResult& result, Language language = Language::en,
                    const KnowledgeBase& kb = KnowledgeBase::builtin());

/// The result as one CSV table, a row per group x outcome (kind "group") and per share (kind "share"); numbers in
/// the C locale, for programs.
std::string to_csv(const CompoundingResult& result);

/// The result as a Markdown section: a table of end-to-end results and one of shares per ground and outcome, in
/// English or Dutch as to_text.
std::string to_markdown(const CompoundingResult& result, Language language = Language::en,
                        const KnowledgeBase& kb = KnowledgeBase::builtin());

} // namespace artikel1
