// SPDX-License-Identifier: EUPL-1.2
// artikel1: errors. One small hierarchy; each class maps to one C status code (see artikel1.h).
#pragma once

#include <artikel1/language.hpp>

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace artikel1 {

/// How serious a problem found in a document is. Errors make a document unusable; warnings are shown but do not block.
enum class ProblemLevel { error, warning };

/// One problem in a document: where (a JSON pointer such as `/steps/3/uses/0/attribute`) and what, in plain words.
/// `message` is the English text; `code` names its entry in the catalogue of messages (docs/messages.md) and `args`
/// fills it, so that problem_message() writes the same problem in Dutch. A problem built by hand has no code.
struct Problem {
    ProblemLevel level = ProblemLevel::error;
    std::string pointer;
    std::string message;
    std::size_t line = 0;   // 1-based; 0 when not known (only set for malformed JSON)
    std::size_t column = 0; // 1-based; 0 when not known
    std::string code = {};              ///< stable message code, e.g. "duplicate_step_id"; empty when not known
    std::vector<std::string> args = {}; ///< the arguments of the message: quoted tokens, pointers, numbers

    bool is_error() const { return level == ProblemLevel::error; }
    bool operator==(const Problem&) const = default;
};

/// One entry of the catalogue of messages: a code and its text in English and Dutch. `{0}`, `{1}`, ... stand for
/// the arguments; `{0:number}` is a number (a decimal comma in Dutch), `{0:type}` a JSON type (`string`, `number`,
/// `boolean`, `array`, `object`, `null`) written out in the language.
struct MessageText {
    std::string_view code;
    std::string_view en;
    std::string_view nl;
    std::size_t arity; ///< the number of arguments
    /// A message that wraps another: its arguments start with the code of the wrapped message and that message's
    /// own arguments, then come the `arity - 1` of this one; `{0}` stands for the wrapped message, `{1}`... for
    /// the rest ("{0} (column {1})").
    bool wraps = false;
};

/// Every message of the catalogue, in the order of docs/messages.md.
std::span<const MessageText> message_catalogue();

/// A problem with the message `code` of the catalogue, its English text rendered from `args`. Throws
/// InvalidArgument for a code the catalogue lacks or the wrong number of arguments.
Problem make_problem(ProblemLevel level, std::string pointer, std::string_view code, std::vector<std::string> args = {});

/// The problem's message in `language`: rendered from its code and arguments, or its `message` when it has no code.
std::string problem_message(const Problem& problem, Language language);

/// The English text of the message `code` of the catalogue, rendered from `args`. Throws InvalidArgument for a code
/// the catalogue lacks or the wrong number of arguments.
std::string catalogue_message(std::string_view code, const std::vector<std::string>& args);

/// Base of every exception artikel1 throws. An error built from the catalogue of messages keeps its code and
/// arguments, so that error_message() writes it in Dutch too; what() is always the English text.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    /// The message `code` of the catalogue with its arguments (quoted tokens, numbers, names of the format).
    Error(std::string_view code, std::vector<std::string> args)
        : std::runtime_error(catalogue_message(code, args)), code_(code), args_(std::move(args)) {}

    /// The code of the message in the catalogue; empty for an error without one.
    const std::string& code() const noexcept { return code_; }
    const std::vector<std::string>& args() const noexcept { return args_; }

protected:
    Error(const std::string& what, std::string code, const std::vector<std::string>& args)
        : std::runtime_error(what), code_(std::move(code)), args_(args) {}

private:
    std::string code_;
    std::vector<std::string> args_;
};

/// A caller passed an argument that cannot be used (an empty id, a ground that does not exist, ...).
class InvalidArgument : public Error {
public:
    using Error::Error;
};

/// Something asked for by id does not exist.
class NotFound : public Error {
public:
    using Error::Error;
};

/// Input that is not well-formed (malformed JSON, a CSV row with the wrong number of fields).
/// Carries the position: line and column (1-based), and the file name when known.
class ParseError : public Error {
public:
    ParseError(const std::string& message, std::size_t line, std::size_t column, std::string file = {})
        : Error(format(message, line, column, file)), line_(line), column_(column), file_(std::move(file)),
          detail_(message) {}
    /// The message `code` of the catalogue with its arguments, at a position.
    ParseError(std::string_view code, std::vector<std::string> args, std::size_t line, std::size_t column, std::string file = {})
        : ParseError(catalogue_message(code, args), std::string(code), args, line, column, std::move(file)) {}
    /// The same error at another position or in a named file (a reader that knows more than the one that threw).
    ParseError(const ParseError& error, std::size_t line, std::size_t column, std::string file)
        : ParseError(error.detail(), error.code(), error.args(), line, column, std::move(file)) {}

    std::size_t line() const { return line_; }
    std::size_t column() const { return column_; }
    const std::string& file() const { return file_; }
    /// The message without the position prefix.
    const std::string& detail() const { return detail_; }

private:
    // `args` by reference: the public constructors pass theirs here and render them in the same call.
    ParseError(const std::string& message, std::string code, const std::vector<std::string>& args, std::size_t line,
               std::size_t column, std::string file)
        : Error(format(message, line, column, file), std::move(code), args), line_(line), column_(column),
          file_(std::move(file)), detail_(message) {}
    static std::string format(const std::string& message, std::size_t line, std::size_t column,
                              const std::string& file) {
        std::string where = file.empty() ? std::string() : file + ":";
        where += std::to_string(line) + ":" + std::to_string(column);
        return where + ": " + message;
    }
    std::size_t line_;
    std::size_t column_;
    std::string file_;
    std::string detail_;
};

/// Malformed JSON as a problem: the position and message of `error`, with a code of the catalogue ("json_syntax",
/// "duplicate_key", ...), so that problem_message() writes it in Dutch too.
Problem parse_problem(const ParseError& error);

/// The one-line summary of a list of problems in `language`: the first error at its pointer, and how many more
/// there are ("/steps/0/id: ... (and 2 more errors)", "... (en nog 2 fouten)"). what() of a ValidationError is the
/// English one, error_message() the Dutch one.
std::string summarise_problems(const std::vector<Problem>& problems, Language language);

/// A well-formed document that breaks the rules of its format. Carries every problem found, not just the first.
class ValidationError : public Error {
public:
    explicit ValidationError(std::vector<Problem> problems)
        : Error(summarise_problems(problems, Language::en)), problems_(std::move(problems)) {}

    const std::vector<Problem>& problems() const { return problems_; }

private:
    std::vector<Problem> problems_;
};

/// An input exceeds a configured resource limit (size, nesting depth, count).
class LimitError : public Error {
public:
    using Error::Error;
};

/// The message of `error` in `language`: rendered from its code and arguments (a ParseError with its position in
/// front, "FILE:LINE:COLUMN: "), or what() when it has no code. A ValidationError gives its first error in the
/// language, as what() does in English.
std::string error_message(const Error& error, Language language);

/// A token as every message of artikel1 quotes it: cut to 60 characters (never a whole row of citizen data),
/// control characters escaped, in double quotes. For front-ends that write messages of their own.
std::string quote_for_message(std::string_view token);

} // namespace artikel1
