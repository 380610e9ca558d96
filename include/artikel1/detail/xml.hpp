// SPDX-License-Identifier: EUPL-1.2
// artikel1: small helpers for reading (with expat) and writing XML: XES logs, BPMN models.
#pragma once

#include <artikel1/error.hpp>

#include <expat.h>

#include <exception>
#include <memory>
#include <new>
#include <type_traits>
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

/// The expat callbacks of a reader `Derived` (with start(name, attributes) and end(name) members): an exception
/// thrown by a handler stops the parser and is rethrown by check(); a document type declaration is refused (no
/// entity expansion). Positions are expat's line and column (counted from 1).
template <class Derived> class ExpatReader {
protected:
    ExpatReader(std::string name, std::string what) : name_(std::move(name)), what_(std::move(what)) {}

    /// A parser for this reader (with namespace processing: element names "URI local"), freed with the reader.
    XML_Parser create_parser(bool namespaces) {
        owned_ = {namespaces ? XML_ParserCreateNS("UTF-8", ' ') : XML_ParserCreate("UTF-8"), &XML_ParserFree};
        if (!owned_) throw std::bad_alloc();
        attach(owned_.get());
        return owned_.get();
    }

    void attach(XML_Parser parser) {
        parser_ = parser;
        XML_SetUserData(parser, static_cast<Derived*>(this));
        XML_SetElementHandler(parser, &ExpatReader::on_start, &ExpatReader::on_end);
        XML_SetStartDoctypeDeclHandler(parser, &ExpatReader::on_doctype);
    }

    /// After XML_Parse or XML_ParseBuffer: the handler's exception, or expat's error with its position.
    void check(XML_Status status) const {
        if (error_) std::rethrow_exception(error_);
        if (status != XML_STATUS_OK)
            throw ParseError("xml_not_well_formed", {what_, XML_ErrorString(XML_GetErrorCode(parser_))},
                             XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1, name_);
    }

    [[noreturn]] void error(const std::string& message) const {
        throw ParseError(message, XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1, name_);
    }
    /// The message `code` of the catalogue at the parser's position.
    [[noreturn]] void error(std::string_view code, std::vector<std::string> args) const {
        throw ParseError(code, std::move(args), XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1, name_);
    }

    std::size_t line() const { return XML_GetCurrentLineNumber(parser_); }
    std::size_t column() const { return XML_GetCurrentColumnNumber(parser_) + 1; }

    std::string name_;
    XML_Parser parser_ = nullptr;

private:
    template <class Call> static void guarded(void* self, Call call) {
        auto* reader = static_cast<Derived*>(self);
        try {
            call(*reader);
        } catch (...) {
            ExpatReader& base = *reader;
            if (!base.error_) base.error_ = std::current_exception();
            XML_StopParser(base.parser_, XML_FALSE);
        }
    }
    static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
        guarded(self, [&](Derived& reader) { reader.start(name, attributes); });
    }
    static void XMLCALL on_end(void* self, const XML_Char* name) {
        guarded(self, [&](Derived& reader) { reader.end(name); });
    }
    static void XMLCALL on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        guarded(self, [&](Derived& reader) { reader.error("xml_doctype", {reader.what_}); });
    }

    std::string what_;
    std::exception_ptr error_;
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> owned_{nullptr, &XML_ParserFree};
};

} // namespace artikel1::detail
