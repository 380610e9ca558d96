// artikel1: small helpers for writing XML (XES logs, BPMN models).
#pragma once

#include <string>
#include <string_view>

namespace artikel1::detail {

/// Appends `text` to `out` as XML character data or an attribute value: &, <, >, " and ' as entities.
inline void append_xml_escaped(std::string& out, std::string_view text) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char* entity = nullptr;
        if (text[i] == '&') entity = "&amp;";
        else if (text[i] == '<') entity = "&lt;";
        else if (text[i] == '>') entity = "&gt;";
        else if (text[i] == '"') entity = "&quot;";
        else if (text[i] == '\'') entity = "&apos;";
        if (!entity) continue;
        out.append(text, start, i - start);
        out += entity;
        start = i + 1;
    }
    out.append(text, start, std::string_view::npos);
}

inline std::string xml_escaped(std::string_view text) {
    std::string out;
    append_xml_escaped(out, text);
    return out;
}

} // namespace artikel1::detail
