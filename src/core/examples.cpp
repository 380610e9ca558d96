// SPDX-License-Identifier: EUPL-1.2
// artikel1: the built-in examples (examples.hpp). The only unit that holds their JSON text.
#include <artikel1/detail/embedded_data.hpp>
#include <artikel1/error.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/process_io.hpp>

#include <algorithm>

namespace artikel1 {

std::vector<std::string> builtin_example_names() {
    std::vector<std::string> names;
    for (const auto& example : detail::embedded_examples) names.emplace_back(example.name);
    std::sort(names.begin(), names.end());
    return names;
}

std::string_view builtin_example_json(std::string_view name) {
    for (const auto& example : detail::embedded_examples) {
        if (example.name == name) return example.json;
    }
    std::string known;
    for (const auto& example : detail::embedded_examples) known += (known.empty() ? "" : ", ") + std::string(example.name);
    throw NotFound("no built-in example named \"" + std::string(name).substr(0, 60) + "\" (available: " + known + ")");
}

Process builtin_example(std::string_view name, const KnowledgeBase& kb) {
    return load_process(builtin_example_json(name), kb, {}, "example " + std::string(name));
}

} // namespace artikel1
