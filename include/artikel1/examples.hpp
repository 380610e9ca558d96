// SPDX-License-Identifier: EUPL-1.2
// artikel1: the example process models built into the library (the JSON files of examples/).
#pragma once

#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

/// The example used when no model is given: a municipal social-assistance application.
inline constexpr std::string_view default_example_name = "bijstand-aanvraag";

/// Names of the built-in examples (file names in examples/ without `.json`), sorted.
std::vector<std::string> builtin_example_names();

/// The JSON text of a built-in example; throws NotFound with the list of names.
std::string_view builtin_example_json(std::string_view name = default_example_name);

/// A built-in example, loaded and validated against `kb`.
Process builtin_example(std::string_view name = default_example_name, const KnowledgeBase& kb = KnowledgeBase::builtin());

} // namespace artikel1
