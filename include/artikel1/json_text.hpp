// SPDX-License-Identifier: EUPL-1.2
// artikel1: JSON text and documents as artikel1 reads them, for front-ends and programs that read a document before
// handing it on (a model whose schema decides what it is, a document from standard input): the same limits and the
// same errors, with line and column, as the library's own readers.
#pragma once

#include <artikel1/settings.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace artikel1 {

/// Parses JSON text within `limits`; throws ParseError (naming `file` when given, with line and column) or LimitError.
nlohmann::ordered_json parse_json_text(std::string_view text, const ParseLimits& limits = {}, const std::string& file = {});

/// The bytes of a document: a file, or standard input for "-"; refused (LimitError) beyond `max_bytes`.
std::string read_document(const std::string& path, std::size_t max_bytes = ParseLimits{}.max_bytes);

} // namespace artikel1
