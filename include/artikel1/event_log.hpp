// SPDX-License-Identifier: EUPL-1.2
// artikel1: reading event logs into a DisparityAccumulator (docs/disparity.md).
//
// Formats: CSV with a header row (plain column names, or the process-mining convention `case:concept:name`,
// `concept:name`, `time:timestamp` with case attributes as `case:*` columns), and JSON lines (one object per event,
// the same names). The next step is a column, an outcome column (for specs with an outcome mapping), or the following
// event of the same case (events of a case contiguous and in time order, the usual export). Group columns can also
// come from a separate case table joined on the case id.
#pragma once

#include <artikel1/detail/csv.hpp>
#include <artikel1/disparity_accumulator.hpp>
#include <artikel1/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

enum class LogFormat {
    automatic,  ///< JSON lines for names ending in .jsonl / .ndjson, CSV otherwise
    csv,
    json_lines,
    xes ///< XES (IEEE 1849), plain or gzip-compressed: names ending in .xes or .xes.gz (include/artikel1/xes.hpp)
};

/// How to read an event log. Empty column names take the defaults shown (the first present in the header).
struct EventLogOptions {
    LogFormat format = LogFormat::automatic;
    std::string case_column;      ///< "case:concept:name", "case_id"
    std::string step_column;      ///< "concept:name", "step"
    std::string next_column;      ///< "next_step"; when absent the next step is the case's following event
    std::string outcome_column;   ///< specs with an outcome mapping: "outcome"
    std::string timestamp_column; ///< "time:timestamp", "timestamp" (optional; checks the time order of derived steps)
    char delimiter = ',';
    /// Strict: the first row with a data problem (unknown step, flow or outcome, missing group or stratum, case not
    /// in the case table) is an error. Otherwise such rows are counted per kind in the accumulator's issues.
    bool strict = false;
    /// Reader threads for one CSV file (split at line boundaries; at case changes when the next step is derived).
    unsigned threads = 1;
    /// How a CSV file is shared among the reader threads: one thread for every `bytes_per_thread` bytes of data at
    /// most (a small file is read by one), and ranges of `range_bytes` or more, up to 16 per thread, taken in turn by
    /// whichever thread is free. The table is the same whatever they are; they only change how the work is cut (the
    /// tests cut small logs into many ranges with them). 0 counts as 1.
    std::uint64_t bytes_per_thread = std::uint64_t{1} << 20;
    std::uint64_t range_bytes = std::uint64_t{8} << 20;
    /// Detect cases whose events are not contiguous (a set of 64-bit hashes of case ids, 16 bytes per case).
    bool check_case_order = true;
    /// Derived next steps: the most cases kept open at once (interleaved cases, about 250 bytes each). When more are
    /// open, the rest of the log is sorted by case on disk (TMPDIR) and read case by case: the same table, in
    /// bounded memory (ReadSummary::sorted_by_case; docs/disparity.md#input). 0: no limit.
    std::uint64_t max_open_cases = 1'000'000;
    /// Sorting on disk: the bytes of events held in memory before they are written, sorted, as one run.
    std::size_t sort_run_bytes = std::size_t{64} << 20;
    detail::CsvLimits limits;
    /// XES: the lifecycle:transition of the events counted (compared ignoring case); events without one are always
    /// counted. Empty: every event.
    std::string lifecycle = "complete";
};

class CaseTable;
namespace detail {
CaseTable read_case_table_from(CsvReader::Source source, const DisparitySpec& spec, const EventLogOptions& options,
                               std::string case_column, const std::string& name);
}

/// Group and stratum codes per case, read from a case table (CSV: case id + group columns + strata column).
/// Memory is bounded by the number of cases.
class CaseTable {
public:
    std::size_t size() const { return rows_.size(); }
    /// Codes of a case: one per base ground then the stratum (missing_code when empty), or nullptr.
    const std::int32_t* find(std::string_view case_id) const {
        std::int32_t row = rows_.find(case_id);
        return row == detail::StringIndex::absent ? nullptr : codes_.data() + static_cast<std::size_t>(row) * width_;
    }
    const std::vector<LabelDictionary>& groups() const { return groups_; }
    const LabelDictionary& strata() const { return strata_; }

private:
    friend CaseTable detail::read_case_table_from(detail::CsvReader::Source, const DisparitySpec&, const EventLogOptions&,
                                                  std::string, const std::string&);
    std::vector<LabelDictionary> groups_;
    LabelDictionary strata_;
    detail::StringIndex rows_; // case id -> row
    std::vector<std::int32_t> codes_;
    std::size_t width_ = 0;
};

/// The format named by `name` ("auto", "csv", "jsonl" or "json_lines", "xes"), as the CLI, the C ABI and Python accept it.
/// Throws InvalidArgument naming the formats for any other name.
LogFormat log_format_from_name(std::string_view name);

/// What a read did.
struct ReadSummary {
    std::string format;                      ///< "csv" or "json_lines"
    std::uint64_t events = 0;                ///< data rows read
    std::uint64_t bytes = 0;
    std::uint64_t cases_not_in_case_table = 0;
    unsigned threads = 1;                    ///< threads actually used
    std::string case_column, step_column, next_column, outcome_column, timestamp_column, strata_column;
    std::vector<std::string> ground_columns; ///< per base ground (empty when from the case table)
    bool next_derived = false;               ///< next step taken from the case's following event
    std::uint64_t most_open_cases = 0;       ///< derived next steps: the most cases waiting at once (interleaved cases)
    /// More cases were open at once than EventLogOptions::max_open_cases: the events from the next one of another
    /// case on were sorted by case, on disk when they did not fit in memory, and read case by case (the same counts).
    bool sorted_by_case = false;
    std::uint64_t sorted_events = 0; ///< the events sorted
    std::uint64_t sort_runs = 0;     ///< sorted runs written to temporary files (0: the events sorted fitted in memory)
    std::uint64_t sort_bytes = 0;    ///< bytes written to temporary files
};

// The reading itself is compiled in the library (src/core/event_log.cpp); the per-row path, which the XES reader
// and the on-disk sort share, is inline in detail/log_rows.hpp.

/// Reads a case table held in memory: a CSV with a case id column (`options.case_column`, default `case_id` or
/// `case:concept:name`, or `case_column`), one column per base ground of the spec and the spec's strata column.
/// Empty values are missing. Throws ParseError (with file:line:column) for malformed rows and duplicate case ids.
CaseTable read_case_table_text(std::string_view text, const DisparitySpec& spec, const EventLogOptions& options,
                                      std::string case_column = {}, const std::string& name = "case table");

/// Reads a case table file (as read_case_table_text), block by block: memory grows with the number of cases, not with the file's size.
CaseTable read_case_table(const std::string& path, const DisparitySpec& spec, const EventLogOptions& options = {},
                                 std::string case_column = {});

/// Reads an event log held in memory (CSV, JSON lines or XES) into `acc`. On an error the rows read before the failing
/// one stay counted in `acc`, and the exception (ParseError or LimitError) gives name:line:column.
ReadSummary read_event_log_text(std::string_view text, DisparityAccumulator& acc, const EventLogOptions& options = {},
                                       const CaseTable* cases = nullptr, const std::string& name = "input");

/// Reads an event log file into `acc`. CSV files can be read by several threads (options.threads): the file is
/// split into byte ranges at line boundaries (at case changes when the next step is derived from the following
/// event; up to 16 ranges per thread, taken by whichever thread is free), each range counted in its own accumulator,
/// and the results merged. On an error every range is still
/// merged (the rows read before the failing one stay counted) and the first error in file order is thrown.
ReadSummary read_event_log(const std::string& path, DisparityAccumulator& acc, const EventLogOptions& options = {},
                                  const CaseTable* cases = nullptr);

} // namespace artikel1
