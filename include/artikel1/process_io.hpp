// SPDX-License-Identifier: EUPL-1.2
// artikel1: the JSON format `artikel1/process/1` (docs/formats.md): reading, writing and validation.
#pragma once

#include <artikel1/error.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>
#include <artikel1/settings.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view process_schema_id = "artikel1/process/1";

/// The result of reading a process document: the model (as far as it could be read) and every problem found.
struct ProcessReport {
    Process process;
    std::vector<Problem> problems;

    bool ok() const { return error_count() == 0; }
    std::size_t error_count() const {
        std::size_t n = 0;
        for (const auto& p : problems) n += p.is_error() ? 1 : 0;
        return n;
    }
    std::size_t warning_count() const { return problems.size() - error_count(); }
};

/// Every problem of a process model against a knowledge base (errors and warnings), in document order per check.
std::vector<Problem> validate(const Process& process, const KnowledgeBase& kb = KnowledgeBase::builtin());

class ProcessGraph;
struct GraphAnalysis;
namespace detail {
/// `validate` with the process's graph already built (`graph` must be `ProcessGraph(process)`), and, when given,
/// its components (`components_in_order(graph, components)`).
std::vector<Problem> validate_with_graph(const Process& process, const KnowledgeBase& kb, const ProcessGraph& graph,
                                         const GraphAnalysis* components = nullptr);
} // namespace detail

/// Reads a process from JSON text, collecting every problem (malformed JSON gives one problem with line and column).
/// Never throws for bad input except LimitError.
ProcessReport read_process(std::string_view text, const KnowledgeBase& kb = KnowledgeBase::builtin(),
                           const ParseLimits& limits = {});

/// Reads a process from a parsed JSON value (e.g. built in Python), collecting every problem.
ProcessReport read_process_json(const nlohmann::ordered_json& document, const KnowledgeBase& kb = KnowledgeBase::builtin());

/// Loads a valid process; throws ParseError (malformed JSON) or ValidationError (every problem) otherwise.
Process load_process(std::string_view text, const KnowledgeBase& kb = KnowledgeBase::builtin(),
                     const ParseLimits& limits = {}, const std::string& file = {});

/// Loads a valid process from a file (names it in errors); throws like load_process.
Process load_process_file(const std::string& path, const KnowledgeBase& kb = KnowledgeBase::builtin(),
                          const ParseLimits& limits = {});

/// The model as JSON, members in the documented order, defaults left out (include <nlohmann/json.hpp> to use it).
nlohmann::ordered_json to_json(const Process& p);

/// The canonical text of a model: two-space indentation, a final newline. load(save(x)) == x.
std::string save_process(const Process& p);

} // namespace artikel1
