// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: parsing JSON text with limits and positions, and reading members while collecting problems.
#pragma once

#include <artikel1/detail/file_input.hpp>
#include <artikel1/error.hpp>
#include <artikel1/settings.hpp>
#include <artikel1/text.hpp>
#include <artikel1/detail/output_escape.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace artikel1 {

namespace detail {

using json = nlohmann::ordered_json; // the one JSON type: members keep the order they are read or written in

/// Equality of two JSON values whatever the order of their objects' members (which the JSON type keeps): a document
/// edited by hand stays the same document.
inline bool same_json(const json& a, const json& b) {
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (const auto& [key, value] : a.items()) {
            auto other = b.find(key);
            if (other == b.end() || !same_json(value, *other)) return false;
        }
        return true;
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same_json(a[i], b[i])) return false;
        }
        return true;
    }
    return a == b;
}

/// The members of a JSON object in the order of their names. The JSON type keeps the order of the document; readers
/// that report problems per member, or keep members in a list, go by name, so that what they report and write does
/// not depend on how a file happens to order its members.
inline std::vector<std::pair<const std::string*, const json*>> members_by_name(const json& object) {
    std::vector<std::pair<const std::string*, const json*>> members;
    if (!object.is_object()) return members;
    members.reserve(object.size());
    for (const auto& [key, value] : object.items()) members.emplace_back(&key, &value);
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
    return members;
}

/// A copy of `value` with the members of every object in the order of their names (the knowledge base's document
/// is kept so, whatever the order of the file it was read from).
inline json sorted_by_name(const json& value) {
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) out.push_back(sorted_by_name(item));
        return out;
    }
    if (!value.is_object()) return value;
    json out = json::object();
    for (const auto& [key, member] : members_by_name(value)) out[*key] = sorted_by_name(*member);
    return out;
}

/// 1-based line and column of a byte offset (0-based) in `text`.
inline std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, column};
}

using artikel1::cut_at_character;
using artikel1::cut_token;

/// Quote a user-supplied token for a message, cut as cut_token does, control characters escaped (a NUL would end
/// the message early in C, an ESC drive the terminal).
inline std::string quote_token(std::string_view token) { return "\"" + escape_controls(cut_token(token)) + "\""; }

/// Cut the token a JSON library message quotes last ("...; last read: '<token>'", "number overflow parsing
/// '<token>'") as cut_token does.
inline std::string cut_quoted(std::string message) {
    auto close = message.rfind('\'');
    if (close == std::string::npos || close + 1 != message.size()) return message;
    auto last_read = message.find("last read: '");
    auto open = last_read != std::string::npos ? last_read + 11 : message.find('\'');
    if (open >= close) return message;
    return message.substr(0, open + 1) + cut_token(std::string_view(message).substr(open + 1, close - open - 1)) +
           message.substr(close);
}

/// Strip nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix, and cut the token
/// it quotes.
inline std::string plain_parse_message(const std::string& what) {
    std::string message = what;
    if (message.starts_with("[json.exception.")) {
        if (auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
    }
    if (message.starts_with("parse error")) {
        if (auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    }
    return cut_quoted(message);
}

/// Deepest nesting of arrays and objects in JSON text (strings skipped). A linear pre-scan: nlohmann's parser
/// recurses per level, and its callback interface is far slower than a plain parse.
inline std::size_t nesting_depth(std::string_view text, std::size_t stop_at) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > stop_at) return deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

/// The byte offset of the first key that appears twice in one object of valid JSON `text` (the opening quote of
/// its second appearance), or npos. Keys are compared as written: "a" and "\u0061" are not taken for the same.
inline std::size_t duplicate_key_offset(std::string_view text) {
    struct Frame {
        bool object = false;
        bool expect_key = false;
        std::vector<std::string_view> keys;       // the first keys, searched one by one
        std::unordered_set<std::string_view> set; // all keys once an object has many
    };
    constexpr std::size_t few = 32;
    std::vector<Frame> stack;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
            if (stack.empty() || !stack.back().object || !stack.back().expect_key) continue;
            Frame& frame = stack.back();
            frame.expect_key = false;
            std::string_view key = text.substr(start + 1, i - start - 1);
            if (frame.set.empty()) {
                if (std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end()) return start;
                frame.keys.push_back(key);
                if (frame.keys.size() > few) frame.set.insert(frame.keys.begin(), frame.keys.end());
            } else if (!frame.set.insert(key).second) {
                return start;
            }
        } else if (c == '{' || c == '[') {
            stack.emplace_back();
            stack.back().object = stack.back().expect_key = c == '{';
        } else if ((c == '}' || c == ']') && !stack.empty()) {
            stack.pop_back();
        } else if (c == ',' && !stack.empty() && stack.back().object) {
            stack.back().expect_key = true;
        }
    }
    return std::string_view::npos;
}

/// The message for a duplicate key at `offset` of `text`: the key, quoted and cut.
inline std::string duplicate_key_message(std::string_view text, std::size_t offset) {
    std::size_t end = offset + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    return "duplicate key " + quote_token(text.substr(offset + 1, std::min(end, text.size()) - offset - 1)) +
           " (a key may appear once in an object)";
}

/// A JSON syntax error (or duplicate key) as a ParseError with its code of the catalogue (parse_problem), so that it
/// can be written in Dutch too; what() stays the JSON reader's English text.
inline ParseError json_syntax_error(const std::string& message, std::size_t line, std::size_t column, const std::string& file) {
    Problem problem = parse_problem(ParseError(message, line, column, file));
    return ParseError(problem.code, std::move(problem.args), line, column, file);
}

/// Parse JSON text; throws ParseError (with line and column) or LimitError.
inline json parse_json(std::string_view text, const ParseLimits& limits = {}, const std::string& file = {}) {
    const std::string name = file.empty() ? std::string("input") : file;
    if (text.size() > limits.max_bytes) {
        throw LimitError("file_too_large", {name, std::to_string(text.size()), std::to_string(limits.max_bytes)});
    }
    if (nesting_depth(text, limits.max_depth) > limits.max_depth) {
        throw LimitError("nested_too_deep", {name, std::to_string(limits.max_depth)});
    }
    refuse_utf16(text.substr(0, 2), file);
    try {
        json doc = json::parse(text.begin(), text.end());
        if (auto at = duplicate_key_offset(text); at != std::string_view::npos) {
            auto [line, column] = line_and_column(text, at);
            throw json_syntax_error(duplicate_key_message(text, at), line, column, file);
        }
        return doc;
    } catch (const json::parse_error& e) {
        auto [line, column] = line_and_column(text, e.byte == 0 ? 0 : e.byte - 1);
        throw json_syntax_error(plain_parse_message(e.what()), line, column, file);
    } catch (const json::exception& e) {
        // e.g. "number overflow parsing '5e308'": nlohmann gives no position, so find the quoted token.
        std::string message = e.what();
        if (auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
        std::size_t line = 0, column = 0;
        auto open = message.find('\''), close = message.rfind('\'');
        if (open != std::string::npos && close > open) {
            auto at = text.find(message.substr(open + 1, close - open - 1));
            if (at != std::string_view::npos) std::tie(line, column) = line_and_column(text, at);
        }
        throw json_syntax_error(cut_quoted(message), line, column, file);
    }
}

/// A number as people write it: shortest round-trip form, no ".0" on whole numbers.
inline std::string format_number(double value) {
    std::string text = json(value).dump();
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text;
}

/// The JSON type of a value as the catalogue of messages names it (`{0:type}`): null, object, array, string,
/// boolean, number or other.
inline std::string type_id(const json& value) {
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number";
    default: return "other";
    }
}

/// The JSON type of a value in English words: "a string", "an array", "null".
inline std::string type_name(const json& value) {
    const std::string id = type_id(value);
    if (id == "null") return id;
    if (id == "other") return "a value of another type";
    return (id == "array" || id == "object" ? "an " : "a ") + id;
}


/// Reads members of a JSON tree, recording a problem (with its JSON pointer) for each thing that is wrong,
/// so that a document's problems are all reported at once.
class Reader {
public:
    explicit Reader(std::vector<Problem>& problems) : problems_(problems) {}

    void error(const std::string& pointer, const std::string& message) {
        problems_.push_back({ProblemLevel::error, pointer, message, 0, 0});
    }
    void warning(const std::string& pointer, const std::string& message) {
        problems_.push_back({ProblemLevel::warning, pointer, message, 0, 0});
    }
    /// A problem with a message of the catalogue (error.hpp, docs/messages.md).
    void error(const std::string& pointer, std::string_view code, std::vector<std::string> args) {
        problems_.push_back(make_problem(ProblemLevel::error, pointer, code, std::move(args)));
    }
    void warning(const std::string& pointer, std::string_view code, std::vector<std::string> args) {
        problems_.push_back(make_problem(ProblemLevel::warning, pointer, code, std::move(args)));
    }
    /// "expected an object, found an array": `expected` and the found value's type as type_id() names them.
    void wrong_type(const std::string& pointer, const char* expected, const json& found) {
        error(pointer, "expected_type", {expected, type_id(found)});
    }

    /// The member `key` of `object`, or nullptr when absent (an error when required).
    const json* member(const json& object, const char* key, const std::string& pointer, bool required) {
        auto it = object.find(key);
        if (it == object.end() || (!required && it->is_null())) {
            if (required) error(pointer, "missing_member", {key});
            return nullptr;
        }
        return &*it;
    }

    bool expect_object(const json& value, const std::string& pointer) {
        if (value.is_object()) return true;
        wrong_type(pointer, "object", value);
        return false;
    }

    /// Members not in `allowed` are reported as warnings and ignored.
    void unknown_members(const json& object, const std::string& pointer, std::initializer_list<const char*> allowed,
                         std::span<const char* const> also_allowed = {}) {
        auto known = [&](const std::string& key) {
            return std::any_of(allowed.begin(), allowed.end(), [&](const char* name) { return key == name; }) ||
                   std::any_of(also_allowed.begin(), also_allowed.end(), [&](const char* name) { return key == name; });
        };
        bool any_unknown = false; // the common case: nothing to report, nothing to sort
        for (const auto& item : object.items()) any_unknown = any_unknown || !known(item.key());
        if (!any_unknown) return;
        for (const auto& member : members_by_name(object)) {
            const std::string& key = *member.first;
            if (!known(key)) warning(pointer + "/" + escape(cut_token(key)), "unknown_member", {quote_token(key)});
        }
    }

    std::optional<std::string> string(const json& object, const char* key, const std::string& pointer, bool required) {
        const json* value = member(object, key, pointer, required);
        if (!value) return std::nullopt;
        if (!value->is_string()) {
            wrong_type(pointer + "/" + key, "string", *value);
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    /// An identifier: a string that is not empty.
    std::optional<std::string> id(const json& object, const char* key, const std::string& pointer, bool required) {
        auto text = string(object, key, pointer, required);
        if (text && text->empty()) error(pointer + "/" + key, "empty_id", {});
        return text;
    }

    std::optional<double> number(const json& object, const char* key, const std::string& pointer, bool required) {
        const json* value = member(object, key, pointer, required);
        if (!value) return std::nullopt;
        if (!value->is_number()) {
            wrong_type(pointer + "/" + key, "number", *value);
            return std::nullopt;
        }
        double number = value->get<double>();
        if (!std::isfinite(number)) {
            error(pointer + "/" + key, "not_finite", {});
            return std::nullopt;
        }
        return number;
    }

    std::optional<std::uint64_t> count(const json& object, const char* key, const std::string& pointer, bool required) {
        const json* value = member(object, key, pointer, required);
        if (!value) return std::nullopt;
        if (!value->is_number_integer() || (value->is_number_integer() && !value->is_number_unsigned() &&
                                            value->get<std::int64_t>() < 0)) {
            if (value->is_number()) error(pointer + "/" + key, "expected_count", {value->dump()});
            else error(pointer + "/" + key, "expected_count_type", {type_id(*value)});
            return std::nullopt;
        }
        return value->get<std::uint64_t>();
    }

    std::optional<bool> boolean(const json& object, const char* key, const std::string& pointer, bool required) {
        const json* value = member(object, key, pointer, required);
        if (!value) return std::nullopt;
        if (!value->is_boolean()) {
            error(pointer + "/" + key, "expected_boolean", {type_id(*value)});
            return std::nullopt;
        }
        return value->get<bool>();
    }

    /// An array member; nullptr when absent or of the wrong type (recorded).
    const json* array(const json& object, const char* key, const std::string& pointer, bool required) {
        const json* value = member(object, key, pointer, required);
        if (!value) return nullptr;
        if (!value->is_array()) {
            wrong_type(pointer + "/" + key, "array", *value);
            return nullptr;
        }
        return value;
    }

    /// An optional array of strings; each item that is not a string is recorded.
    std::vector<std::string> strings(const json& object, const char* key, const std::string& pointer) {
        std::vector<std::string> result;
        if (const json* list = array(object, key, pointer, false)) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                if ((*list)[i].is_string()) result.push_back((*list)[i].get<std::string>());
                else wrong_type(pointer + "/" + key + "/" + std::to_string(i), "string", (*list)[i]);
            }
        }
        return result;
    }

    /// A string member that must be one of `names`; returns the index into `names`.
    std::optional<std::size_t> choice(const json& object, const char* key, const std::string& pointer,
                                      std::span<const std::string_view> names, bool required) {
        auto text = string(object, key, pointer, required);
        if (!text) return std::nullopt;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == *text) return i;
        }
        std::string expected;
        for (std::size_t i = 0; i < names.size(); ++i) expected += (i ? ", " : "") + std::string(names[i]);
        error(pointer + "/" + key, "unknown_value", {quote_token(*text), expected});
        return std::nullopt;
    }

    /// JSON pointer escaping of one reference token (RFC 6901).
    static std::string escape(std::string_view token) {
        std::string out;
        for (char c : token) {
            if (c == '~') out += "~0";
            else if (c == '/') out += "~1";
            else out += c;
        }
        return out;
    }

private:
    std::vector<Problem>& problems_;
};

} // namespace detail
} // namespace artikel1
