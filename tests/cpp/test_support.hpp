// SPDX-License-Identifier: EUPL-1.2
// Shared helpers for the C++ tests.
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process_io.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

/// `value` with its objects' members in name order, as the BPMN reader gives its document: a literal written in any
/// order compares equal to it.
inline nlohmann::ordered_json by_name(const nlohmann::ordered_json& value) { return artikel1::detail::sorted_by_name(value); }

/// The small knowledge base of tests/data/test_kb.json, with the weights of docs/method.md's worked example.
inline const artikel1::KnowledgeBase& kb() {
    static const artikel1::KnowledgeBase kb =
        artikel1::KnowledgeBase::from_file(std::string(ARTIKEL1_TEST_DATA) + "/test_kb.json");
    return kb;
}

/// The test knowledge base without the algorithmic-selection source (tests/data/no-algorithmic-selection.json), so
/// that the numbers of docs/method.md's worked example hold exactly.
inline const artikel1::KnowledgeBase& worked_kb() {
    static const artikel1::KnowledgeBase extended = kb().extended(nlohmann::ordered_json::parse(
        artikel1::KnowledgeBase::read_file(std::string(ARTIKEL1_TEST_DATA) + "/no-algorithmic-selection.json")));
    return extended;
}

/// The process of the test event logs (tests/data/logs/model.json).
inline const artikel1::Process& log_model() {
    static const artikel1::Process process = artikel1::load_process_file(std::string(ARTIKEL1_TEST_DATA) + "/logs/model.json", kb());
    return process;
}

/// What `f` throws, as its message ("no error" when it throws nothing).
inline std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "no error";
}

inline std::string source_path(const std::string& relative) { return std::string(ARTIKEL1_SOURCE_DIR) + "/" + relative; }

/// Problems of a JSON model, as "pointer: message" lines (errors only unless `warnings`).
inline std::vector<std::string> problems_of(const nlohmann::ordered_json& model, bool warnings = false,
                                            const artikel1::KnowledgeBase& base = kb()) {
    std::vector<std::string> out;
    for (const auto& p : artikel1::read_process(model.dump(), base).problems) {
        if (p.is_error() || warnings) out.push_back((p.is_error() ? "" : "warning ") + p.pointer + ": " + p.message);
    }
    return out;
}

/// A minimal valid model to break in tests: start -> check (decision) -> ok | reject.
inline nlohmann::ordered_json small_model() {
    return nlohmann::ordered_json::parse(R"({
      "schema": "artikel1/process/1", "id": "small", "name": "Small process",
      "attributes": [{"id": "pc", "kind": "postcode"}],
      "steps": [
        {"id": "start", "kind": "task"},
        {"id": "check", "kind": "decision", "uses": [{"attribute": "pc", "role": "selection_criterion"}]},
        {"id": "ok", "kind": "outcome"},
        {"id": "reject", "kind": "outcome", "severity": "high"}
      ],
      "flows": [
        {"from": "start", "to": "check"},
        {"from": "check", "to": "ok", "probability": 0.8},
        {"from": "check", "to": "reject", "adverse": true, "probability": 0.2}
      ]
    })");
}

/// The bytes of a file.
inline std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The lines of a text (without their line ends), and back.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}
inline std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

/// Field `index` of a CSV line without quotes.
inline std::string csv_field(const std::string& line, std::size_t index) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < index; ++i) start = line.find(',', start) + 1;
    return line.substr(start, line.find(',', start) - start);
}

} // namespace test
