// SPDX-License-Identifier: EUPL-1.2
// artikel1: the example process models built into the library (the JSON files of examples/).
#pragma once

#include <artikel1/detail/embedded_data.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process_io.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

/// The example used when no model is given: a municipal social-assistance application.
inline constexpr std::string_view default_example_name = "bijstand-aanvraag";

/// Names of the built-in examples (file names in examples/ without `.json`), sorted.
inline std::vector<std::string> builtin_example_names() {
    std::vector<std::string> names;
    for (const auto& example : detail::embedded_examples) names.emplace_back(example.name);
    std::sort(names.begin(), names.end());
    return names;
}

/// The JSON text of a built-in example; throws NotFound with the list of names.
inline std::string_view builtin_example_json(std::string_view name = default_example_name) {
    for (const auto& example : detail::embedded_examples) {
        if (example.name == name) return example.json;
    }
    std::string known;
    for (const auto& example : detail::embedded_examples) known += (known.empty() ? "" : ", ") + std::string(example.name);
    throw NotFound("no built-in example named \"" + std::string(name).substr(0, 60) + "\" (available: " + known + ")");
}

/// A built-in example, loaded and validated against `kb`.
inline Process builtin_example(std::string_view name = default_example_name,
                               const KnowledgeBase& kb = KnowledgeBase::builtin()) {
    return load_process(builtin_example_json(name), kb, {}, "example " + std::string(name));
}

} // namespace artikel1
