// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: a fast RFC 4180 CSV record reader over large blocks, with positions for error messages.
#pragma once

#include <artikel1/detail/file_input.hpp>
#include <artikel1/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace artikel1::detail {

/// Where a field starts, for messages: 1-based line and column (column counts characters, not bytes).
struct TextPosition {
    std::size_t line = 0;
    std::size_t column = 0;
};

/// Count UTF-8 characters (not continuation bytes) in [begin, end).
inline std::size_t utf8_length(const char* begin, const char* end) {
    std::size_t n = 0;
    for (const char* p = begin; p < end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
    return n;
}

/// Limits that keep a malformed or hostile file from exhausting memory.
struct CsvLimits {
    std::size_t max_field_bytes = std::size_t{1} << 16; ///< longest field accepted (64 KiB)
    std::size_t max_line_bytes = std::size_t{1} << 20;  ///< longest record accepted (1 MiB)
    std::size_t block_bytes = std::size_t{4} << 20;     ///< read size (4 MiB)
};

/// The fields of the record a CsvReader read last: views into its block (or its scratch area), valid until the
/// next read.
class CsvRecord {
public:
    std::size_t size() const { return count_; }
    std::string_view operator[](std::size_t i) const {
        if (views_) return views_[i];
        return {starts_[i], static_cast<std::size_t>(starts_[i + 1] - 1 - starts_[i])};
    }

private:
    friend class CsvReader;
    const char* const* starts_ = nullptr;     // a plain record: field i spans [starts_[i], starts_[i + 1] - 1)
    const std::string_view* views_ = nullptr; // a record from the general code
    std::size_t count_ = 0;
};

/// Reads CSV records from a byte source in large blocks. Fields are string_views into the block (or into a scratch
/// area for quoted fields with doubled quotes), valid until the next call to `next`.
/// The source fills a buffer and returns the number of bytes written (0 at the end).
class CsvReader {
public:
    using Source = std::function<std::size_t(char* buffer, std::size_t capacity)>;

    CsvReader(Source source, std::string file, char delimiter, CsvLimits limits, bool newlines_in_quotes,
              std::size_t first_line = 1)
        : source_(std::move(source)), file_(std::move(file)), delimiter_(delimiter), limits_(limits),
          newlines_in_quotes_(newlines_in_quotes), line_(first_line) {
        std::size_t capacity = std::max(limits_.block_bytes, 2 * limits_.max_line_bytes + 2);
        buffer_.reset(new char[capacity]); // not zeroed: only bytes the source wrote are read
        capacity_ = capacity;
    }

    /// Reads the next record (record()); false at the end of input. Blank lines are skipped.
    /// Throws ParseError (malformed quoting) or LimitError (a field or line over its limit), with file:line:column.
    bool next() {
        for (;;) {
            if (pos_ == end_ && !refill()) return false;
            std::size_t consumed = 0;
            if (!parse(consumed)) {
                // The record runs past the buffered bytes: read more, unless the record is already too long.
                if (end_ - pos_ > limits_.max_line_bytes) throw_record_too_long();
                if (refill()) continue;
                eof_ = true; // parse the rest as the final record
                if (pos_ == end_) return false;
                parse(consumed);
            }
            check_record_length(consumed);
            record_line_ = line_;
            line_ += lines_in_record_;
            pos_ += consumed;
            bytes_done_ += consumed;
            if (record_.size() == 1 && record_[0].empty() && !last_quoted_) continue; // blank line
            return true;
        }
    }
    /// Reads the next record into `fields` (copies of the views of record()).
    bool next(std::vector<std::string_view>& fields) {
        if (!next()) return false;
        fields.resize(record_.size());
        for (std::size_t i = 0; i < fields.size(); ++i) fields[i] = record_[i];
        return true;
    }
    const CsvRecord& record() const { return record_; }

    /// Whether the record last returned had no quotes and no \r: its fields are views of one run of bytes.
    bool plain_record() const { return plain_record_; }
    /// Line of the record last returned, and the position of one of its fields (by index).
    std::size_t record_line() const { return record_line_; }
    TextPosition position(std::size_t field) const {
        // A plain record's fields start where their views do; the general code keeps the starts (quotes).
        const std::size_t count = plain_record_ ? record_.size() : starts_.size();
        if (field >= count) return {record_line_, 1};
        const char* start = plain_record_ ? record_[field].data() : starts_[field];
        const char* line_start = record_start_;
        std::size_t line = record_line_;
        for (const char* p = record_start_; p < start; ++p) {
            if (*p == '\n') {
                ++line;
                line_start = p + 1;
            }
        }
        return {line, utf8_length(line_start, start) + 1};
    }
    /// Position just after the last field (for "too few fields").
    TextPosition end_position() const { return {record_line_, utf8_length(record_start_, record_end_) + 1}; }
    /// Bytes consumed so far (records returned, including their line ends).
    std::uint64_t bytes_done() const { return bytes_done_; }
    const std::string& file() const { return file_; }
    std::string where(std::size_t line, std::size_t column) const {
        return (file_.empty() ? std::string() : file_ + ":") + std::to_string(line) + ":" + std::to_string(column) + ": ";
    }

private:
    bool refill() {
        if (eof_) return false;
        if (pos_ > 0) {
            std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
            end_ -= pos_;
            pos_ = 0;
        }
        if (end_ == capacity_) return false; // cannot happen: capacity exceeds the line limit twice over
        std::size_t got = source_(buffer_.get() + end_, capacity_ - end_);
        if (got == 0) {
            eof_ = true;
            return false;
        }
        end_ += got;
        return true;
    }

    // Parses one record at pos_ into record_. Returns true when complete (consumed = bytes including the line end),
    // false when the buffered bytes end inside the record and more input may follow.
    bool parse(std::size_t& consumed) {
        lines_in_record_ = 0;
        last_quoted_ = false;
        const char* begin = buffer_.get() + pos_;
        const char* end = buffer_.get() + end_;
        record_start_ = begin;
        plain_record_ = parse_plain(begin, end, consumed);
        return plain_record_ || parse_general(begin, end, consumed);
    }

    // Any record, RFC 4180: quoted fields (with doubled quotes and, when allowed, line breaks), \r\n and lone \r
    // line ends, the last record without a line end. Kept apart from parse() so that the common record's path
    // stays short.
#if defined(__GNUC__)
    __attribute__((noinline))
#endif
    bool parse_general(const char* begin, const char* end, std::size_t& consumed) {
        std::vector<std::string_view>& fields = fields_;
        fields.clear();
        starts_.clear();
        scratch_.clear();
        scratch_ranges_.clear();
        const char* p = begin;
        const char delimiter = delimiter_;
        for (;;) {
            const char* field_start = p;
            starts_.push_back(field_start);
            if (p < end && *p == '"') {
                last_quoted_ = true;
                ++p;
                const char* content = p;
                bool escaped = false;
                for (;;) {
                    const char* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                    if (!quote) {
                        if (!eof_) return false;
                        throw ParseError("csv_unterminated_quote", {}, position_of(field_start).line, position_of(field_start).column, file_);
                    }
                    for (const char* q = p; q < quote; ++q) {
                        if (*q == '\n') {
                            if (!newlines_in_quotes_) {
                                auto at = position_of(field_start);
                                throw ParseError("csv_line_break_in_quotes", {}, at.line, at.column, file_);
                            }
                            ++lines_in_record_;
                        }
                    }
                    if (quote + 1 >= end && !eof_) return false;
                    if (quote + 1 < end && quote[1] == '"') {
                        escaped = true;
                        p = quote + 2;
                        continue;
                    }
                    // closing quote
                    std::string_view raw(content, static_cast<std::size_t>(quote - content));
                    check_field_length(raw.size(), field_start);
                    if (escaped) {
                        std::size_t offset = scratch_.size();
                        for (std::size_t i = 0; i < raw.size(); ++i) {
                            scratch_.push_back(raw[i]);
                            if (raw[i] == '"') ++i; // a doubled quote stands for one
                        }
                        scratch_ranges_.push_back({fields.size(), offset, scratch_.size() - offset});
                        fields.emplace_back();
                    } else {
                        fields.push_back(raw);
                    }
                    p = quote + 1;
                    break;
                }
                if (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
                    auto at = position_of(p);
                    throw ParseError("csv_after_closing_quote", {}, at.line, at.column, file_);
                }
            } else {
                p = scan_unquoted(p, end, delimiter);
                while (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
                    if (*p == '"') {
                        auto at = position_of(p);
                        throw ParseError("csv_quote_in_unquoted", {}, at.line, at.column, file_);
                    }
                    ++p;
                }
                if (p == end && !eof_) return false;
                check_field_length(static_cast<std::size_t>(p - field_start), field_start);
                fields.emplace_back(field_start, static_cast<std::size_t>(p - field_start));
            }
            if (p < end && *p == delimiter) {
                ++p;
                continue;
            }
            // end of record: \n, \r\n, or end of input
            record_end_ = p;
            if (p < end && *p == '\r') {
                if (p + 1 >= end && !eof_) return false;
                ++p;
                ++lines_in_record_; // a line end: \r\n, or a lone \r
                if (p < end && *p == '\n') ++p;
            } else if (p < end && *p == '\n') {
                ++p;
                ++lines_in_record_;
            }
            consumed = static_cast<std::size_t>(p - begin);
            for (const auto& r : scratch_ranges_) fields[r.field] = std::string_view(scratch_.data() + r.offset, r.length);
            record_.starts_ = nullptr;
            record_.views_ = fields.data();
            record_.count_ = fields.size();
            return true;
        }
    }

    // The common record: no quotes, no \r, at most max_plain_fields fields, each within its limit, ended by \n
    // inside the buffer. Finds the delimiters and the line end 16 bytes at a time (SSE2, part of every x86-64) and
    // keeps where each field starts; anything else returns false and the record is parsed again by the general
    // code, which also gives the errors.
    bool parse_plain(const char* begin, const char* end, std::size_t& consumed) {
#if defined(__SSE2__)
        if (delimiter_ == '"' || delimiter_ == '\n' || delimiter_ == '\r') return false;
        const __m128i d = _mm_set1_epi8(delimiter_), q = _mm_set1_epi8('"'), n = _mm_set1_epi8('\n'), r = _mm_set1_epi8('\r');
        const char** starts = plain_starts_.data();
        std::size_t count = 1;
        starts[0] = begin;
        for (const char* p = begin; end - p >= 16; p += 16) {
            if (count > max_plain_fields) return false; // room for 16 more starts remains
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const auto delimiters = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, d)));
            const auto line_ends = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, n)));
            const auto others = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, q), _mm_cmpeq_epi8(chunk, r))));
            // This record's bytes in the chunk: those before its line end.
            const unsigned mine = line_ends ? (line_ends & (0u - line_ends)) - 1 : 0xFFFFu;
            if (others & mine) return false;
            for (unsigned mask = delimiters & mine; mask != 0; mask &= mask - 1) starts[count++] = p + __builtin_ctz(mask) + 1;
            if (line_ends) {
                const char* at = p + __builtin_ctz(line_ends);
                starts[count] = at + 1;
                if (static_cast<std::size_t>(at - begin) > limits_.max_field_bytes && !fields_within_limit(count)) return false;
                record_.starts_ = starts;
                record_.views_ = nullptr;
                record_.count_ = count;
                record_end_ = at;
                lines_in_record_ = 1;
                consumed = static_cast<std::size_t>(at + 1 - begin);
                return true;
            }
        }
#else
        (void)begin, (void)end, (void)consumed;
#endif
        return false;
    }
    bool fields_within_limit(std::size_t count) const {
        for (std::size_t i = 0; i < count; ++i) {
            if (static_cast<std::size_t>(plain_starts_[i + 1] - 1 - plain_starts_[i]) > limits_.max_field_bytes) return false;
        }
        return true;
    }

    // Skips the bytes of an unquoted field that are none of delimiter, quote, \n, \r: 16 at a time with SSE2
    // (part of every x86-64), the rest one by one in the caller's loop.
    static const char* scan_unquoted(const char* p, const char* end, char delimiter) {
#if defined(__SSE2__)
        const __m128i d = _mm_set1_epi8(delimiter), q = _mm_set1_epi8('"'), n = _mm_set1_epi8('\n'), r = _mm_set1_epi8('\r');
        while (end - p >= 16) {
            __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, d), _mm_cmpeq_epi8(chunk, q)),
                                       _mm_or_si128(_mm_cmpeq_epi8(chunk, n), _mm_cmpeq_epi8(chunk, r)));
            int mask = _mm_movemask_epi8(hit);
            if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
            p += 16;
        }
#else
        (void)end;
        (void)delimiter;
#endif
        return p;
    }

    void check_record_length(std::size_t consumed) const {
        if (consumed > limits_.max_line_bytes + 2) throw_record_too_long();
    }
    // Out of line and cold: the message's string code would otherwise sit in the path of every record.
    [[noreturn]]
#if defined(__GNUC__)
    __attribute__((noinline, cold))
#endif
    void throw_record_too_long() const {
        throw LimitError("record_too_long", {where(line_, 1), std::to_string(limits_.max_line_bytes)});
    }
    void check_field_length(std::size_t length, const char* field_start) const {
        if (length > limits_.max_field_bytes) {
            auto at = position_of(field_start);
            throw LimitError("field_too_long", {where(at.line, at.column), std::to_string(limits_.max_field_bytes)});
        }
    }
    TextPosition position_of(const char* at) const {
        const char* line_start = record_start_;
        std::size_t line = line_;
        for (const char* p = record_start_; p < at; ++p) {
            if (*p == '\n') {
                ++line;
                line_start = p + 1;
            }
        }
        return {line, utf8_length(line_start, at) + 1};
    }

    struct ScratchRange {
        std::size_t field;
        std::size_t offset;
        std::size_t length;
    };

    Source source_;
    std::string file_;
    char delimiter_;
    CsvLimits limits_;
    bool newlines_in_quotes_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    std::size_t line_;
    std::size_t record_line_ = 0;
    std::size_t lines_in_record_ = 0;
    bool last_quoted_ = false;
    const char* record_start_ = nullptr;
    const char* record_end_ = nullptr;
    std::vector<const char*> starts_;     // where each field of a record from the general code starts
    bool plain_record_ = false;           // the last record came from parse_plain
    static constexpr std::size_t max_plain_fields = 256;
    std::vector<const char*> plain_starts_ = std::vector<const char*>(max_plain_fields + 18); // 16 per chunk + the end
    std::vector<std::string_view> fields_; // the fields of a record from the general code
    CsvRecord record_;
    std::string scratch_;
    std::vector<ScratchRange> scratch_ranges_;
    std::uint64_t bytes_done_ = 0;
};

/// A byte source over [begin, end) of a file: its own (each reader thread opens its own) or one already open (a
/// stream, read once to its end with `end` = InputFile::unknown_size). A sized range that ends early means the file
/// became shorter while it was read: an Error, not a silently shorter count.
class FileRangeSource {
public:
    FileRangeSource(const std::string& path, std::uint64_t begin, std::uint64_t end)
        : owned_(std::in_place, path), file_(&*owned_), remaining_(end - begin), exact_(end != InputFile::unknown_size) {
        if (begin > 0) file_->seek(begin);
    }
    FileRangeSource(InputFile& file, std::uint64_t begin, std::uint64_t end)
        : file_(&file), remaining_(end - begin), exact_(end != InputFile::unknown_size) {
        if (file.sized()) file.seek(begin);
    }
    FileRangeSource(const FileRangeSource&) = delete;
    FileRangeSource& operator=(const FileRangeSource&) = delete;
    std::size_t read(char* buffer, std::size_t capacity) {
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, remaining_));
        if (want == 0) return 0;
        std::size_t got = file_->read(buffer, want);
        remaining_ -= got;
        consumed_ += got;
        if (got < want && exact_)
            throw Error("file_shrank", {file_->path(), std::to_string(remaining_)});
        return got;
    }
    /// The bytes read so far.
    std::uint64_t consumed() const { return consumed_; }

private:
    std::optional<InputFile> owned_;
    InputFile* file_;
    std::uint64_t remaining_;
    std::uint64_t consumed_ = 0;
    bool exact_;
};

/// A set of 64-bit hashes (open addressing), for "have we seen this case before" with memory bounded by cases.
class HashSet64 {
public:
    /// Inserts; false when already present.
    bool insert(std::uint64_t hash) {
        if (hash == 0) hash = 1; // 0 marks an empty slot
        if ((size_ + 1) * 2 > slots_.size()) grow();
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = mix(hash) & mask;; i = (i + 1) & mask) {
            if (slots_[i] == 0) {
                slots_[i] = hash;
                ++size_;
                return true;
            }
            if (slots_[i] == hash) return false;
        }
    }
    std::size_t size() const { return size_; }
    template <class F> void for_each(F f) const {
        for (auto h : slots_) {
            if (h) f(h);
        }
    }

private:
    static std::size_t mix(std::uint64_t h) {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return static_cast<std::size_t>(h);
    }
    void grow() {
        std::vector<std::uint64_t> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
        size_ = 0;
        for (auto h : old) {
            if (h) insert(h);
        }
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

} // namespace artikel1::detail
