// SPDX-License-Identifier: EUPL-1.2
// artikel1: reading XES event logs (IEEE 1849), plain or gzip-compressed, as a stream (docs/formats.md).
//
// The document is parsed with expat, event by event: memory does not grow with the log. A trace is a case; its
// attributes are named `case:KEY` as PM4Py names them (`case:concept:name` is the case id), so the columns that work
// for a process-mining CSV work for XES. Of an event, `concept:name` is the step, `time:timestamp` the timestamp and
// `lifecycle:transition` selects the events counted (EventLogOptions::lifecycle, `complete` by default). A column
// name `case:KEY` is the trace attribute KEY; any other name is the event attribute of that key, else the trace
// attribute of that key (as a CSV group column `X` is found as `X` or `case:X`). Nested attributes (lists,
// containers, meta-attributes) and the log's globals are not read. The next step is the case's following event, or
// an event attribute given as next-step or outcome column. A document type declaration is refused (no entities).
#pragma once

#include <artikel1/detail/xml.hpp>
#include <artikel1/detail/log_rows.hpp>

#include <expat.h>
#include <zlib.h>

#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {
namespace detail {

/// Bytes of a source that may be gzip-compressed (told by its first two bytes, 1f 8b): inflated as they are read.
class MaybeGzipSource {
public:
    MaybeGzipSource(CsvReader::Source source, std::size_t block, std::string name)
        : source_(std::move(source)), input_(std::max<std::size_t>(block, 16)), name_(std::move(name)) {}
    MaybeGzipSource(const MaybeGzipSource&) = delete;
    MaybeGzipSource& operator=(const MaybeGzipSource&) = delete;
    ~MaybeGzipSource() {
        if (inflating_) inflateEnd(&stream_);
    }

    /// Up to `capacity` bytes of the (inflated) document; 0 at its end.
    std::size_t read(char* buffer, std::size_t capacity) {
        if (!started_) start();
        if (!broken_.empty()) throw ParseError("gzip_broken", {broken_}, 1, 1, name_);
        if (!gzip_) {
            if (pending_ < filled_) { // the bytes read to look for the gzip magic
                std::size_t n = std::min(capacity, filled_ - pending_);
                std::memcpy(buffer, input_.data() + pending_, n);
                pending_ += n;
                return n;
            }
            return source_(buffer, capacity);
        }
        const std::size_t room = std::min<std::size_t>(capacity, std::size_t{1} << 30);
        stream_.next_out = reinterpret_cast<Bytef*>(buffer);
        stream_.avail_out = static_cast<uInt>(room);
        for (;;) {
            if (stream_.avail_in == 0) {
                filled_ = source_(input_.data(), input_.size());
                if (filled_ == 0) {
                    if (ended_) return 0;
                    throw ParseError("gzip_truncated", {}, 1, 1, name_);
                }
                stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
                stream_.avail_in = static_cast<uInt>(filled_);
            }
            if (ended_) { // more bytes after a member: the next member of a concatenated .gz file
                inflateReset(&stream_);
                ended_ = false;
            }
            int status = inflate(&stream_, Z_NO_FLUSH);
            std::size_t produced = room - stream_.avail_out;
            if (status == Z_STREAM_END) {
                ended_ = true;
            } else if (status != Z_OK && !(status == Z_BUF_ERROR && stream_.avail_in == 0)) {
                // The bytes inflated before the damage are read first, however the input was cut into blocks.
                broken_ = stream_.msg ? stream_.msg : "inflate failed";
                if (produced > 0) return produced;
                throw ParseError("gzip_broken", {broken_}, 1, 1, name_);
            }
            if (produced > 0) return produced;
        }
    }

    bool gzip() const { return gzip_; }

private:
    void start() {
        started_ = true;
        while (filled_ < 2) {
            std::size_t got = source_(input_.data() + filled_, input_.size() - filled_);
            if (got == 0) break;
            filled_ += got;
        }
        gzip_ = filled_ >= 2 && static_cast<unsigned char>(input_[0]) == 0x1f && static_cast<unsigned char>(input_[1]) == 0x8b;
        if (!gzip_) return;
        stream_ = {};
        if (inflateInit2(&stream_, 15 + 16) != Z_OK) throw Error("gzip_start", {});
        inflating_ = true;
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
        stream_.avail_in = static_cast<uInt>(filled_);
    }

    CsvReader::Source source_;
    std::vector<char> input_;
    std::string name_;
    std::string broken_; // zlib's message on damaged gzip data, thrown once the bytes before it are read
    z_stream stream_{};
    std::size_t filled_ = 0, pending_ = 0;
    bool started_ = false, gzip_ = false, inflating_ = false, ended_ = false;
};

/// Where a slot's value comes from in XES.
struct XesSlot {
    enum class From { none, event, trace, event_then_trace } from = From::none;
    std::string key; // the XES attribute key
};

/// The local name of an element (what follows a namespace prefix).
inline std::string_view xes_local_name(const XML_Char* name) {
    std::string_view n(name);
    auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

inline bool xes_attribute_element(std::string_view name) {
    return name == "string" || name == "date" || name == "int" || name == "float" || name == "boolean" || name == "id" ||
           name == "list" || name == "container";
}

inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

/// The streaming XES reader: expat callbacks feed a RowProcessor event by event.
class XesReader : ExpatReader<XesReader> {
public:
    XesReader(DisparityAccumulator& acc, const EventLogOptions& options, const CaseTable* cases, std::string name)
        : ExpatReader(std::move(name), "XES document"), options_(options), cases_(cases) {
        // The columns an XES log offers, named as PM4Py names them; the plan picks those the spec needs.
        std::vector<std::string> header;
        auto offer = [&](const std::string& column) {
            if (!column.empty() && std::find(header.begin(), header.end(), column) == header.end()) header.push_back(column);
        };
        offer(options.case_column.empty() ? "case:concept:name" : options.case_column);
        offer(options.step_column.empty() ? "concept:name" : options.step_column);
        offer(options.timestamp_column.empty() ? "time:timestamp" : options.timestamp_column);
        offer(options.next_column);
        if (acc.spec().next_kind() == NextKind::adverse_flag) offer(options.outcome_column.empty() ? "outcome" : options.outcome_column);
        for (std::size_t g = 0; g < acc.spec().base_ground_count(); ++g) offer(acc.spec().ground_column(g));
        if (acc.spec().has_strata()) offer(acc.spec().strata_column());
        plan_ = plan_columns(header, acc.spec(), options, cases != nullptr, name_, 1);
        slots_.resize(plan_.index.size());
        for (std::size_t s = 0; s < plan_.index.size(); ++s) {
            const std::string& column = plan_.names[s];
            if (plan_.index[s] == DisparitySpec::npos || column.empty()) continue;
            XesSlot& slot = slots_[s];
            if (column.rfind("case:", 0) == 0) {
                slot.from = XesSlot::From::trace;
                slot.key = column.substr(5);
            } else {
                slot.key = column;
                slot.from = s >= slot_first_ground || (s == slot_next && plan_.next == ColumnPlan::Next::outcome)
                                ? XesSlot::From::event_then_trace
                                : XesSlot::From::event;
            }
        }
        trace_values_.resize(slots_.size());
        event_values_.resize(slots_.size());
        event_has_.resize(slots_.size());
        processor_.emplace(acc, plan_, options_, cases_);
    }

    /// Parses the whole document from `source`.
    void parse(MaybeGzipSource& source) {
        XML_Parser parser = create_parser(false);
        const std::size_t block = std::max<std::size_t>(options_.limits.block_bytes, 16);
        for (;;) {
            void* buffer = XML_GetBuffer(parser, static_cast<int>(std::min<std::size_t>(block, 1u << 30)));
            if (!buffer) throw std::bad_alloc();
            std::size_t got = source.read(static_cast<char*>(buffer), std::min<std::size_t>(block, 1u << 30));
            bytes_ += got;
            check(XML_ParseBuffer(parser, static_cast<int>(got), got == 0));
            if (got == 0) break;
        }
        if (!seen_log_) throw ParseError("xes_no_log", {}, 1, 1, name_);
        processor_->finish();
    }

    const ColumnPlan& plan() const { return plan_; }
    const RowProcessor& processor() const { return *processor_; }
    std::uint64_t bytes() const { return bytes_; }
    std::uint64_t skipped() const { return skipped_; }

private:
    enum class Where { document, log, trace, event };

    friend class ExpatReader<XesReader>;

    void start(const XML_Char* name, const XML_Char** attributes) { start_element(xes_local_name(name), attributes); }
    void end(const XML_Char*) { end_element(); }

    void start_element(std::string_view element, const XML_Char** attributes) {
        ++depth_;
        if (skip_depth_) return;
        switch (where_) {
        case Where::document:
            if (element != "log") error("xes_root", {quote_token(element)});
            where_ = Where::log;
            seen_log_ = true;
            return;
        case Where::log:
            if (element == "trace") {
                where_ = Where::trace;
                for (auto& v : trace_values_) v.clear();
                trace_line_ = line();
                trace_column_ = column();
                trace_has_events_ = false;
                trace_has_case_ = false;
            } else {
                skip_depth_ = depth_; // log attributes, extensions, globals, classifiers
            }
            return;
        case Where::trace:
            if (element == "event") {
                where_ = Where::event;
                std::fill(event_has_.begin(), event_has_.end(), false);
                lifecycle_.clear();
                event_line_ = line();
                event_column_ = column();
            } else if (xes_attribute_element(element)) {
                attribute(attributes, true);
                skip_depth_ = depth_; // nested attributes
            } else {
                skip_depth_ = depth_;
            }
            return;
        case Where::event:
            if (xes_attribute_element(element)) attribute(attributes, false);
            skip_depth_ = depth_;
            return;
        }
    }

    void end_element() {
        if (skip_depth_) {
            if (depth_ == skip_depth_) skip_depth_ = 0;
            --depth_;
            return;
        }
        --depth_;
        switch (where_) {
        case Where::event:
            where_ = Where::trace;
            event();
            return;
        case Where::trace:
            where_ = Where::log;
            return;
        case Where::log:
            where_ = Where::document;
            return;
        case Where::document:
            return;
        }
    }

    void attribute(const XML_Char** attributes, bool of_trace) {
        const XML_Char* key = nullptr;
        const XML_Char* value = nullptr;
        for (const XML_Char** a = attributes; *a; a += 2) {
            if (std::strcmp(a[0], "key") == 0) key = a[1];
            else if (std::strcmp(a[0], "value") == 0) value = a[1];
        }
        if (!key || !value) return; // a list or container, or an attribute without a value: not read
        std::string_view k(key), v(value);
        if (!of_trace && k == "lifecycle:transition") {
            lifecycle_.assign(v.substr(0, 64));
            return;
        }
        for (std::size_t s = 0; s < slots_.size(); ++s) {
            const XesSlot& slot = slots_[s];
            if (slot.from == XesSlot::From::none || slot.key != k) continue;
            bool wanted = of_trace ? slot.from != XesSlot::From::event : slot.from != XesSlot::From::trace;
            if (!wanted) continue;
            if (v.size() > options_.limits.max_field_bytes)
                throw LimitError("attribute_too_long",
                                 {position_prefix(name_, line(), column()), quote_token(k), std::to_string(options_.limits.max_field_bytes)});
            if (of_trace) {
                if (trace_has_events_)
                    error("xes_trace_attribute_late", {quote_token(k)});
                trace_values_[s].assign(v);
                if (s == slot_case) trace_has_case_ = true;
            } else {
                event_values_[s].assign(v);
                event_has_[s] = true;
            }
        }
    }

    void event() {
        if (!trace_has_events_ && !trace_has_case_ && (plan_.next == ColumnPlan::Next::derived || cases_))
            throw ParseError("xes_trace_without_case", {quote_token(slots_[slot_case].key)}, trace_line_, trace_column_, name_);
        trace_has_events_ = true;
        if (!options_.lifecycle.empty() && !lifecycle_.empty() && !equal_ignoring_case(lifecycle_, options_.lifecycle)) {
            ++skipped_;
            return;
        }
        auto field = [this](std::size_t s) -> std::string_view {
            if (event_has_[s]) return event_values_[s];
            return slots_[s].from == XesSlot::From::trace || slots_[s].from == XesSlot::From::event_then_trace
                       ? std::string_view(trace_values_[s])
                       : std::string_view();
        };
        if (auto e = processor_->row(field))
            throw ParseError("in_attribute", e->wrapped_in(slots_[e->slot].key), event_line_, event_column_, name_);
    }

    const EventLogOptions& options_;
    const CaseTable* cases_;
    ColumnPlan plan_;
    std::vector<XesSlot> slots_;
    std::vector<std::string> trace_values_, event_values_;
    std::vector<bool> event_has_;
    std::string lifecycle_;
    std::optional<RowProcessor> processor_;
    Where where_ = Where::document;
    std::size_t depth_ = 0, skip_depth_ = 0;
    bool seen_log_ = false, trace_has_events_ = false, trace_has_case_ = false;
    std::size_t trace_line_ = 0, trace_column_ = 0, event_line_ = 0, event_column_ = 0;
    std::uint64_t bytes_ = 0, skipped_ = 0;
};

inline ReadSummary read_xes(const CsvReader::Source& source, DisparityAccumulator& acc, const EventLogOptions& options,
                            const CaseTable* cases, const std::string& name) {
    DisparityAccumulator local(acc.shared_spec());
    XesReader reader(local, options, cases, name);
    MaybeGzipSource bytes(source, options.limits.block_bytes, name);
    try {
        reader.parse(bytes);
    } catch (...) {
        acc.merge(local); // keep everything read before the failing event
        throw;
    }
    acc.merge(local);
    ReadSummary summary;
    summary.format = bytes.gzip() ? "xes.gz" : "xes";
    summary.events = reader.processor().events();
    summary.bytes = reader.bytes();
    summary.cases_not_in_case_table = reader.processor().cases_not_in_case_table();
    summary.most_open_cases = reader.processor().most_open_cases();
    fill_summary(summary, reader.plan(), acc.spec());
    return summary;
}

/// An XES document held in memory (plain or gzip-compressed).
inline ReadSummary read_xes_text(std::string_view text, DisparityAccumulator& acc, const EventLogOptions& options,
                                 const CaseTable* cases, const std::string& name) {
    std::string_view rest = text;
    auto summary = read_xes(
        [&rest](char* buffer, std::size_t capacity) {
            std::size_t n = rest.copy(buffer, capacity);
            rest.remove_prefix(n);
            return n;
        },
        acc, options, cases, name);
    summary.bytes = text.size();
    return summary;
}

} // namespace detail
} // namespace artikel1
