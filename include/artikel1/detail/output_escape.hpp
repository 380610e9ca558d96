// SPDX-License-Identifier: EUPL-1.2
// artikel1: text written into outputs that other programs open (spreadsheets, Markdown renderers, terminals).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace artikel1::detail {

inline bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

/// `text` with every control character (C0 and DEL: ESC, BEL, NUL, newline...) written as `\xNN`, so that a label
/// can neither drive a terminal nor end a line, a field or a C string early.
inline std::string escape_controls(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (!is_control(c)) {
            out += ch;
            continue;
        }
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    return out;
}

/// A text field of a CSV file (RFC 4180), safe to open in a spreadsheet: control characters escaped, and a field
/// that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return before escaping)
/// neutralised as OWASP recommends: a leading apostrophe, and the field quoted.
inline std::string csv_text(std::string_view raw) {
    const bool formula = !raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos;
    std::string text = escape_controls(raw);
    if (!formula && text.find_first_of(",\"") == std::string::npos) return text;
    std::string out = formula ? "\"'" : "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// Text for a Markdown table cell or line: raw HTML (`<script>`, `<img onerror=...>`) and entities written as text,
/// the characters of links, code spans and tables escaped (no `[x](javascript:...)` link can form), newlines made
/// spaces and other control characters written as `\xNN`.
inline std::string md_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '|': case '[': case ']': case '`': case '\\':
            out += '\\';
            out += c;
            break;
        case '\n': case '\r': out += ' '; break;
        default: out += is_control(static_cast<unsigned char>(c)) ? escape_controls(std::string_view(&c, 1)) : std::string(1, c);
        }
    }
    return out;
}

/// An id as inline code: newlines made spaces, control characters escaped, and a fence longer than any run of
/// backticks inside, so that the id cannot end the code span (HTML is not read inside one).
inline std::string md_code(std::string_view id) {
    std::string text;
    for (char c : id) {
        if (c == '\n' || c == '\r') text += ' ';
        else text += escape_controls(std::string_view(&c, 1));
    }
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string fence(longest + 1, '`');
    const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
    return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

} // namespace artikel1::detail
