// SPDX-License-Identifier: EUPL-1.2
// Reading event logs (artikel1/event_log.hpp): case tables, JSON lines, CSV files cut among threads, and the
// choice of format. The rows themselves go through detail/log_rows.hpp.
#include <artikel1/detail/log_rows.hpp>

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/xes.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/stat.h>

namespace artikel1 {

LogFormat log_format_from_name(std::string_view name) {
    if (name == "auto") return LogFormat::automatic;
    if (name == "csv") return LogFormat::csv;
    if (name == "jsonl" || name == "json_lines") return LogFormat::json_lines;
    if (name == "xes") return LogFormat::xes;
    throw InvalidArgument("format must be \"auto\", \"csv\", \"jsonl\" or \"xes\", not " + detail::quote_token(name));
}

namespace detail {

/// Counts the lines before byte `bytes` of a file as the CSV reader counts them (to turn a thread's relative line
/// into a file line): a line ends at \n, \r\n or a lone \r; inside quotes only \n starts a new line.
std::size_t count_lines(const std::string& path, std::uint64_t bytes) {
    FileRangeSource source(path, 0, bytes);
    std::vector<char> buffer(1 << 20);
    std::size_t lines = 0;
    bool quoted = false, after_cr = false;
    while (std::size_t got = source.read(buffer.data(), buffer.size())) {
        for (std::size_t i = 0; i < got; ++i) {
            const char c = buffer[i];
            if (c == '\n') {
                if (!after_cr) ++lines; // the \n of \r\n was counted with the \r
            } else if (c == '"') {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (c == '\r' && !quoted) {
                ++lines;
            }
            after_cr = c == '\r' && !quoted;
        }
    }
    return lines;
}

/// The byte offset of the first record at or after `offset` that starts a new line (and, when `case_field` is not
/// npos, a new case). Returns `limit` when there is none before it.
std::uint64_t next_boundary(const std::string& path, std::uint64_t offset, std::uint64_t limit, char delimiter,
                                   const CsvLimits& limits, std::size_t case_field) {
    if (offset >= limit) return limit;
    // Back up one byte: if offset - 1 is a line end, offset itself starts a line.
    FileRangeSource source(path, offset - 1, limit);
    std::uint64_t position = offset - 1;
    char c = 0;
    while (source.read(&c, 1) == 1) {
        ++position;
        if (c == '\n') break;
    }
    if (c != '\n') return limit;
    if (case_field == DisparitySpec::npos) return position;
    FileRangeSource rest(path, position, limit);
    CsvReader reader([&rest](char* b, std::size_t n) { return rest.read(b, n); }, path, delimiter, limits, false);
    std::vector<std::string_view> fields;
    std::string first_case;
    bool first = true;
    std::uint64_t record_start = position;
    while (reader.next(fields)) {
        std::string_view case_text = case_field < fields.size() ? fields[case_field] : std::string_view();
        if (first) {
            first_case.assign(case_text);
            first = false;
        } else if (case_text != first_case) {
            return record_start;
        }
        record_start = position + reader.bytes_done();
    }
    return limit;
}

std::string position_prefix(const std::string& file, std::size_t line, std::size_t column) {
    return (file.empty() ? std::string() : file + ":") + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

} // namespace detail

CaseTable read_case_table_text(std::string_view text, const DisparitySpec& spec, const EventLogOptions& options,
                                      std::string case_column, const std::string& name) {
    std::size_t offset = 0;
    return detail::read_case_table_from(
        [&](char* buffer, std::size_t capacity) {
            std::size_t n = std::min(capacity, text.size() - offset);
            std::memcpy(buffer, text.data() + offset, n);
            offset += n;
            return n;
        },
        spec, options, std::move(case_column), name);
}

CaseTable read_case_table(const std::string& path, const DisparitySpec& spec, const EventLogOptions& options,
                                 std::string case_column) {
    detail::InputFile file(path);
    detail::FileRangeSource source(file, 0, file.size());
    return detail::read_case_table_from([&](char* buffer, std::size_t capacity) { return source.read(buffer, capacity); },
                                        spec, options, std::move(case_column), path);
}

namespace detail {
CaseTable read_case_table_from(CsvReader::Source source, const DisparitySpec& spec, const EventLogOptions& options,
                                      std::string case_column, const std::string& name) {
    detail::CsvReader reader(std::move(source), name, options.delimiter, options.limits, true);
    auto header = detail::read_header(reader, name);
    std::size_t header_line = reader.record_line();
    std::size_t case_index = detail::resolve_column(header, case_column.empty() ? options.case_column : case_column,
                                                    {"case_id", "case:concept:name"}, true, "case id", name, header_line);
    std::vector<std::size_t> columns;
    for (std::size_t g = 0; g < spec.base_ground_count(); ++g)
        columns.push_back(detail::resolve_attribute(header, spec.ground_column(g), "groups", name, header_line));
    if (spec.has_strata()) columns.push_back(detail::resolve_attribute(header, spec.strata_column(), "strata", name, header_line));
    CaseTable table;
    table.groups_.resize(spec.base_ground_count());
    table.width_ = spec.base_ground_count() + 1;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        if (fields.size() != header.size()) {
            auto at = fields.size() < header.size() ? reader.end_position() : reader.position(header.size());
            throw ParseError("log_field_count", {std::to_string(header.size()), std::to_string(fields.size())}, at.line, at.column, name);
        }
        std::string_view case_id = fields[case_index];
        if (case_id.empty()) {
            auto at = reader.position(case_index);
            throw ParseError("case_table_empty_id", {}, at.line, at.column, name);
        }
        bool added = false;
        table.rows_.insert(case_id, added);
        if (!added) {
            auto at = reader.position(case_index);
            throw ParseError("case_table_duplicate_id", {detail::quote_token(case_id)}, at.line, at.column, name);
        }
        for (std::size_t g = 0; g < spec.base_ground_count(); ++g) {
            std::string_view value = fields[columns[g]];
            table.codes_.push_back(value.empty() ? missing_code : table.groups_[g].intern(value));
        }
        if (spec.has_strata()) {
            std::string_view value = fields[columns.back()];
            table.codes_.push_back(value.empty() ? missing_code : table.strata_.intern(value));
        } else {
            table.codes_.push_back(missing_code);
        }
    }
    return table;
}

void fill_summary(ReadSummary& summary, const ColumnPlan& plan, const DisparitySpec& spec) {
    summary.case_column = plan.names[slot_case];
    summary.step_column = plan.names[slot_step];
    (plan.next == ColumnPlan::Next::outcome ? summary.outcome_column : summary.next_column) = plan.names[slot_next];
    summary.timestamp_column = plan.names[slot_time];
    summary.next_derived = plan.next == ColumnPlan::Next::derived;
    for (std::size_t g = 0; g < spec.base_ground_count(); ++g) summary.ground_columns.push_back(plan.names[slot_first_ground + g]);
    summary.strata_column = plan.names[plan.slot_strata];
}

void add_disk_sort(ReadSummary& summary, const DiskSortStats& sort) {
    summary.sorted_by_case = summary.sorted_by_case || sort.sorted;
    summary.sorted_events += sort.events;
    summary.sort_runs += sort.runs;
    summary.sort_bytes += sort.bytes;
}

/// JSON lines: each line one object; values that are strings are used as they are, numbers and booleans as their
/// JSON text, null as empty (missing).
template <class NextLine>
ReadSummary read_json_lines(NextLine next_line, DisparityAccumulator& acc, const EventLogOptions& options,
                                   const CaseTable* cases, const std::string& file) {
    ReadSummary summary;
    summary.format = "json_lines";
    DisparityAccumulator local(acc.shared_spec());
    std::optional<ColumnPlan> plan;
    std::optional<RowProcessor> processor;
    std::vector<std::string> values;
    std::vector<std::string> keys; // the "header": member names of the first object
    std::string_view line;
    std::size_t line_number = 0;
    auto fail = [&](const RowError& error, TextPosition at) {
        throw ParseError("in_member", error.wrapped_in(plan->names[error.slot]), at.line, at.column, file);
    };
    std::optional<SortedLogRest> rest;
    try {
        while (next_line(line)) {
            ++line_number;
            summary.bytes += line.size() + 1;
            // Length first: the file reader returns an over-long line only as far as it read it.
            if (line.size() > options.limits.max_line_bytes)
                throw LimitError("line_too_long", {position_prefix(file, line_number, 1), std::to_string(options.limits.max_line_bytes)});
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            if (line_number == 1) refuse_utf16(line.substr(0, 2), file);
            nlohmann::ordered_json object;
            try {
                object = nlohmann::ordered_json::parse(line.begin(), line.end());
            } catch (const nlohmann::ordered_json::parse_error& e) {
                auto [l, column] = line_and_column(line, e.byte == 0 ? 0 : e.byte - 1);
                (void)l;
                throw json_syntax_error(plain_parse_message(e.what()), line_number, column, file);
            } catch (const nlohmann::ordered_json::exception& e) {
                // e.g. a number too large for a double: no byte position, so the line is named
                throw json_syntax_error(plain_parse_message(e.what()), line_number, 1, file);
            }
            if (!object.is_object()) throw ParseError("log_not_object", {type_id(object)}, line_number, 1, file);
            if (auto at = duplicate_key_offset(line); at != std::string_view::npos)
                throw json_syntax_error(duplicate_key_message(line, at), line_number, line_and_column(line, at).second, file);
            if (!plan) {
                for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
                plan = plan_columns(keys, local.spec(), options, cases != nullptr, file, line_number);
                processor.emplace(local, *plan, options, cases);
                values.resize(plan->index.size());
            }
            for (std::size_t s = 0; s < plan->index.size(); ++s) {
                values[s].clear();
                if (plan->index[s] == DisparitySpec::npos) continue;
                auto it = object.find(plan->names[s]);
                if (it == object.end() || it->is_null()) continue;
                if (it->is_string()) values[s] = it->get_ref<const std::string&>();
                else if (it->is_number() || it->is_boolean()) values[s] = it->dump();
                else {
                    auto column = line.find("\"" + plan->names[s] + "\"");
                    throw ParseError("log_member_type", {quote_token(plan->names[s]), type_id(*it)}, line_number,
                                     column == std::string_view::npos ? 1 : column + 1, file);
                }
                if (values[s].size() > options.limits.max_field_bytes)
                    throw LimitError("member_too_long", {position_prefix(file, line_number, 1), quote_token(plan->names[s]),
                                                         std::to_string(options.limits.max_field_bytes)});
            }
            auto field = [&](std::size_t slot) { return std::string_view(values[slot]); };
            auto member_position = [&](std::size_t slot) {
                auto column = line.find("\"" + plan->names[slot] + "\"");
                return TextPosition{line_number, column == std::string_view::npos ? 1 : column + 1};
            };
            if (rest || processor->open_cases_full(field)) [[unlikely]] { // the rest sorted on disk
                if (!rest) rest.emplace(*processor, plan->index.size(), slot_case, options.sort_run_bytes);
                rest->add(field, member_position);
                continue;
            }
            if (auto error = processor->row(field)) fail(*error, member_position(error->slot));
        }
        if (rest) rest->read(fail);
        if (processor) processor->finish();
    } catch (...) {
        acc.merge(local); // keep everything read before the failing line
        if (rest) rest->read(fail); // a row error of an event before the failing line is the one to report
        throw;
    }
    acc.merge(local);
    if (processor) {
        summary.events = processor->events();
        summary.cases_not_in_case_table = processor->cases_not_in_case_table();
        summary.most_open_cases = processor->most_open_cases();
        add_disk_sort(summary, processor->disk_sort());
    }
    if (plan) fill_summary(summary, *plan, acc.spec());
    return summary;
}

/// Reads a CSV event log from one source, front to back, by one thread (text in memory, or a stream).
ReadSummary read_csv_log(CsvReader::Source source, DisparityAccumulator& acc, const EventLogOptions& options,
                                const CaseTable* cases, const std::string& name) {
    CsvReader reader(std::move(source), name, options.delimiter, options.limits, true);
    auto header = read_header(reader, name);
    auto plan = plan_columns(header, acc.spec(), options, cases != nullptr, name, reader.record_line());
    DisparityAccumulator local(acc.shared_spec());
    RowProcessor processor(local, plan, options, cases);
    try {
        read_csv_records(reader, processor, plan);
    } catch (...) {
        acc.merge(local);
        throw;
    }
    acc.merge(local);
    ReadSummary summary;
    summary.format = "csv";
    summary.events = processor.events();
    summary.cases_not_in_case_table = processor.cases_not_in_case_table();
    summary.most_open_cases = processor.most_open_cases();
    add_disk_sort(summary, processor.disk_sort());
    fill_summary(summary, plan, acc.spec());
    return summary;
}

LogFormat choose_format(const std::string& name, LogFormat format) {
    if (format != LogFormat::automatic) return format;
    if (ends_with(name, ".xes") || ends_with(name, ".xes.gz") || ends_with(name, ".XES") || ends_with(name, ".XES.GZ"))
        return LogFormat::xes;
    return ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ? LogFormat::json_lines : LogFormat::csv;
}

} // namespace detail

ReadSummary read_event_log_text(std::string_view text, DisparityAccumulator& acc, const EventLogOptions& options,
                                       const CaseTable* cases, const std::string& name) {
    if (detail::choose_format(name, options.format) == LogFormat::xes) return detail::read_xes_text(text, acc, options, cases, name);
    if (detail::choose_format(name, options.format) == LogFormat::json_lines) {
        std::size_t offset = 0;
        auto next_line = [&](std::string_view& line) {
            if (offset >= text.size()) return false;
            std::size_t end = text.find('\n', offset);
            if (end == std::string_view::npos) end = text.size();
            line = text.substr(offset, end - offset);
            offset = end + 1;
            return true;
        };
        return detail::read_json_lines(next_line, acc, options, cases, name);
    }
    std::size_t offset = 0;
    auto summary = detail::read_csv_log(
        [&](char* buffer, std::size_t capacity) {
            std::size_t n = std::min(capacity, text.size() - offset);
            std::memcpy(buffer, text.data() + offset, n);
            offset += n;
            return n;
        },
        acc, options, cases, name);
    summary.bytes = text.size();
    return summary;
}

ReadSummary read_event_log(const std::string& path, DisparityAccumulator& acc, const EventLogOptions& options,
                                  const CaseTable* cases) {
    using namespace detail;
    InputFile file(path);
    const std::uint64_t size = file.size();
    if (choose_format(path, options.format) == LogFormat::xes) {
        FileRangeSource source(file, 0, size);
        auto summary = read_xes([&](char* b, std::size_t n) { return source.read(b, n); }, acc, options, cases, path);
        summary.bytes = source.consumed();
        return summary;
    }
    if (choose_format(path, options.format) == LogFormat::json_lines) {
        FileRangeSource source(file, 0, size);
        std::vector<char> buffer(options.limits.block_bytes);
        std::string carry;   // a line that spans blocks, being collected
        std::string current; // the line returned, when it spanned blocks
        std::size_t pos = 0, end = 0;
        bool eof = false;
        auto next_line = [&](std::string_view& line) {
            for (;;) {
                if (pos < end) {
                    const char* start = buffer.data() + pos;
                    const char* nl = static_cast<const char*>(std::memchr(start, '\n', end - pos));
                    if (nl) {
                        std::size_t length = static_cast<std::size_t>(nl - start);
                        pos += length + 1;
                        if (carry.empty()) {
                            line = std::string_view(start, length);
                        } else {
                            carry.append(start, length);
                            current.swap(carry);
                            carry.clear();
                            line = current;
                        }
                        return true;
                    }
                    carry.append(start, end - pos);
                    pos = end;
                    if (carry.size() > options.limits.max_line_bytes) { // reported by the line-length check
                        current.swap(carry);
                        carry.clear();
                        line = current;
                        eof = true;
                        return true;
                    }
                }
                if (eof) {
                    if (carry.empty()) return false;
                    current.swap(carry);
                    carry.clear();
                    line = current;
                    return true;
                }
                end = source.read(buffer.data(), buffer.size());
                pos = 0;
                if (end == 0) eof = true;
            }
        };
        auto summary = read_json_lines(next_line, acc, options, cases, path);
        summary.bytes = source.consumed();
        return summary;
    }
    if (!file.sized()) { // a pipe, FIFO or device: one pass, one thread
        FileRangeSource source(file, 0, size);
        auto summary = read_csv_log([&](char* b, std::size_t n) { return source.read(b, n); }, acc, options, cases, path);
        summary.bytes = source.consumed();
        return summary;
    }

    // The header, read once.
    FileRangeSource header_source(file, 0, size);
    CsvReader header_reader([&](char* b, std::size_t n) { return header_source.read(b, n); }, path, options.delimiter,
                            options.limits, true);
    auto header = read_header(header_reader, path);
    auto plan = plan_columns(header, acc.spec(), options, cases != nullptr, path, header_reader.record_line());
    std::uint64_t data_start = header_reader.bytes_done();

    // Threads: one per bytes_per_thread (1 MiB) at most, so small files are read by one thread. With several threads
    // the file is cut into up to 16 ranges per thread (range_bytes, 8 MiB, or more each), taken in turn by whichever
    // thread is free: when one core is slowed down (by other work on the machine), the other reads more of the file.
    unsigned threads = std::max(1u, options.threads);
    std::uint64_t data_bytes = size - data_start;
    threads = static_cast<unsigned>(std::min<std::uint64_t>(
        threads, std::max<std::uint64_t>(1, data_bytes / std::max<std::uint64_t>(1, options.bytes_per_thread))));
    const std::uint64_t ranges =
        threads == 1 ? 1
                     : std::clamp<std::uint64_t>(data_bytes / std::max<std::uint64_t>(1, options.range_bytes), threads,
                                                 std::uint64_t{threads} * 16);
    std::vector<std::uint64_t> bounds{data_start};
    std::size_t case_field = plan.next == ColumnPlan::Next::derived ? plan.index[slot_case] : DisparitySpec::npos;
    for (std::uint64_t r = 1; r < ranges; ++r) {
        std::uint64_t nominal = data_start + data_bytes * r / ranges;
        bounds.push_back(std::max(bounds.back(), next_boundary(path, nominal, size, options.delimiter, options.limits, case_field)));
    }
    bounds.push_back(size);

    struct Part {
        std::unique_ptr<DisparityAccumulator> acc;
        std::unique_ptr<RowProcessor> processor;
        std::exception_ptr error; // a ParseError's or LimitError's line is relative to the part's start
    };
    std::vector<Part> parts(bounds.size() - 1);
    auto run = [&](std::size_t i) {
        Part& part = parts[i];
        part.acc = std::make_unique<DisparityAccumulator>(acc.shared_spec());
        part.processor = std::make_unique<RowProcessor>(*part.acc, plan, options, cases);
        try {
            FileRangeSource source(path, bounds[i], bounds[i + 1]);
            CsvReader reader([&](char* b, std::size_t n) { return source.read(b, n); }, path, options.delimiter, options.limits,
                             parts.size() == 1, 1);
            read_csv_records(reader, *part.processor, plan);
        } catch (...) {
            part.error = std::current_exception();
        }
    };
    if (threads == 1) {
        for (std::size_t i = 0; i < parts.size(); ++i) run(i);
    } else {
        std::atomic<std::size_t> next_part{0};
        auto work = [&] {
            for (std::size_t i; (i = next_part.fetch_add(1)) < parts.size();) run(i);
        };
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
        for (auto& worker : workers) worker.join();
    }
    ReadSummary summary;
    summary.format = "csv";
    summary.threads = threads;
    summary.bytes = size;
    fill_summary(summary, plan, acc.spec());
    for (auto& part : parts) {
        acc.merge(*part.acc);
        summary.events += part.processor->events();
        summary.cases_not_in_case_table += part.processor->cases_not_in_case_table();
        summary.most_open_cases = std::max(summary.most_open_cases, part.processor->most_open_cases());
        add_disk_sort(summary, part.processor->disk_sort());
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (!parts[i].error) continue;
        try {
            std::rethrow_exception(parts[i].error);
        } catch (const ParseError& e) {
            throw ParseError(e, count_lines(path, bounds[i]) + e.line(), e.column(), path); // lines before this part added
        } catch (const LimitError& e) {
            // The position "PATH:LINE:COLUMN: " is the first argument of the limits of records and fields.
            const std::string prefix = path + ":";
            if (e.args().empty() || e.args()[0].compare(0, prefix.size(), prefix) != 0) throw;
            std::vector<std::string> args = e.args();
            const std::size_t end = args[0].find(':', prefix.size());
            const std::size_t line = std::stoull(args[0].substr(prefix.size(), end - prefix.size()));
            args[0] = prefix + std::to_string(count_lines(path, bounds[i]) + line) + args[0].substr(end);
            throw LimitError(e.code(), std::move(args));
        }
    }
    // Cases split over parts would mean the file is not in case order: each part checked its own cases.
    if (options.check_case_order && case_field != DisparitySpec::npos && parts.size() > 1) {
        HashSet64 all;
        for (const auto& part : parts) {
            bool clash = false;
            part.processor->seen_cases().for_each([&](std::uint64_t h) { clash = clash || !all.insert(h); });
            if (clash)
                throw ParseError("log_cases_split_over_threads", {}, 1, 1, path);
        }
    }
    return summary;
}

} // namespace artikel1
