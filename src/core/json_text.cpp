// SPDX-License-Identifier: EUPL-1.2
// artikel1: JSON text and documents as artikel1 reads them (json_text.hpp).
#include <artikel1/json_text.hpp>

#include <artikel1/detail/file_input.hpp>
#include <artikel1/detail/json_reader.hpp>

namespace artikel1 {

nlohmann::ordered_json parse_json_text(std::string_view text, const ParseLimits& limits, const std::string& file) {
    return detail::parse_json(text, limits, file);
}

std::string read_document(const std::string& path, std::size_t max_bytes) {
    detail::InputFile file = path == "-" ? detail::InputFile::standard_input() : detail::InputFile(path);
    return detail::read_whole(file, max_bytes);
}

} // namespace artikel1
