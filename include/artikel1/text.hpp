// SPDX-License-Identifier: EUPL-1.2
// artikel1: small helpers that every front-end needs for its messages and inputs: user tokens cut for messages
// (a message never carries a long data value), UTF-8 checked and repaired, dates of the calendar.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace artikel1 {

/// The first `limit` bytes of `text` (fewer, to end on a UTF-8 character boundary) and "...".
inline std::string cut_at_character(std::string_view text, std::size_t limit) {
    std::size_t cut = std::min(limit, text.size());
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

/// A user-supplied token cut to 60 bytes (on a character boundary) and "...", so that messages and pointers never
/// carry long data values.
inline std::string cut_token(std::string_view token) {
    constexpr std::size_t limit = 60;
    return token.size() <= limit ? std::string(token) : cut_at_character(token, limit);
}

namespace detail {
/// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return 0;
    std::uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}
} // namespace detail

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD (a Windows-1252 export, say), so that
/// labels can always be written as JSON.
std::string valid_utf8(std::string_view text);

/// Whether `text` is valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
inline bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = detail::utf8_sequence(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

/// The days of a month (1-12) of a year of the Gregorian calendar.
constexpr unsigned days_in_month(std::int64_t year, unsigned month) {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/// Whether year-month-day is a date of the calendar (2026-02-30 is not).
constexpr bool valid_date(std::int64_t year, unsigned month, unsigned day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

} // namespace artikel1
