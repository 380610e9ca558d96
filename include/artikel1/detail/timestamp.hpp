// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: timestamps of event logs, parsed (not compared as text) so that their order can be checked.
#pragma once

#include <artikel1/text.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace artikel1::detail {

/// Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

using artikel1::days_in_month;
using artikel1::valid_date;

/// What timestamps look like, for messages.
inline constexpr std::string_view timestamp_formats =
    "ISO 8601 such as 2026-03-01, 2026-03-01T09:30:00 or 2026-03-01 09:30:00.250+01:00, or dd-mm-yyyy [hh:mm[:ss]]";

/// A timestamp as microseconds since 1970-01-01 UTC, or nullopt when `text` is not one. Accepted: ISO 8601
/// YYYY-MM-DD, optionally followed by T or a space, hh:mm[:ss[.fraction]] and Z, +hh:mm, +hhmm or +hh (no offset:
/// taken as UTC, so mixing local times with offsets in one log compares them as written); the Dutch dd-mm-yyyy,
/// dd-mm-yyyy hh:mm and dd-mm-yyyy hh:mm:ss.
inline std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    std::size_t i = 0;
    auto number = [&](std::size_t digits, unsigned& out) {
        if (i + digits > text.size()) return false;
        unsigned value = 0;
        for (std::size_t k = 0; k < digits; ++k) {
            const char c = text[i + k];
            if (c < '0' || c > '9') return false;
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        out = value;
        i += digits;
        return true;
    };
    auto literal = [&](char c) {
        if (i < text.size() && text[i] == c) {
            ++i;
            return true;
        }
        return false;
    };
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const bool dutch = text.size() >= 10 && text[2] == '-' && text[5] == '-';
    if (dutch) {
        if (!number(2, day) || !literal('-') || !number(2, month) || !literal('-') || !number(4, year)) return std::nullopt;
    } else if (!number(4, year) || !literal('-') || !number(2, month) || !literal('-') || !number(2, day)) {
        return std::nullopt;
    }
    if (!valid_date(year, month, day)) return std::nullopt;
    std::int64_t micros = 0, offset_minutes = 0;
    if (i < text.size()) {
        if (!(dutch ? literal(' ') : literal('T') || literal(' '))) return std::nullopt;
        if (!number(2, hour) || !literal(':') || !number(2, minute)) return std::nullopt;
        if (literal(':')) {
            if (!number(2, second)) return std::nullopt;
            if (!dutch && (literal('.') || literal(','))) {
                std::size_t digits = 0;
                std::int64_t scale = 100000;
                while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
                    if (scale > 0) micros += (text[i] - '0') * scale;
                    scale /= 10;
                    ++i;
                    ++digits;
                }
                if (digits == 0) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
        if (!dutch && i < text.size()) {
            if (literal('Z')) {
            } else if (text[i] == '+' || text[i] == '-') {
                const int sign = text[i] == '-' ? -1 : 1;
                ++i;
                unsigned oh = 0, om = 0;
                if (!number(2, oh)) return std::nullopt;
                if (literal(':')) {
                    if (!number(2, om)) return std::nullopt;
                } else if (i < text.size() && !number(2, om)) {
                    return std::nullopt;
                }
                if (oh > 18 || om > 59) return std::nullopt;
                offset_minutes = sign * static_cast<std::int64_t>(oh * 60 + om);
            } else {
                return std::nullopt;
            }
        }
        if (i != text.size()) return std::nullopt;
    }
    const std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                                 offset_minutes * 60;
    return seconds * 1000000 + micros;
}

} // namespace artikel1::detail
