// SPDX-License-Identifier: EUPL-1.2
// artikel1: reading event logs into a DisparityAccumulator (docs/disparity.md).
//
// Formats: CSV with a header row (plain column names, or the process-mining convention `case:concept:name`,
// `concept:name`, `time:timestamp` with case attributes as `case:*` columns), and JSON lines (one object per event,
// the same names). The next step is a column, an outcome column (for specs with an outcome mapping), or the following
// event of the same case (events of a case contiguous and in time order, the usual export). Group columns can also
// come from a separate case table joined on the case id.
#pragma once

#include <artikel1/detail/case_sort.hpp>
#include <artikel1/detail/csv.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/open_cases.hpp>
#include <artikel1/detail/timestamp.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
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
inline CaseTable read_case_table_from(CsvReader::Source source, const DisparitySpec& spec, const EventLogOptions& options,
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
inline LogFormat log_format_from_name(std::string_view name) {
    if (name == "auto") return LogFormat::automatic;
    if (name == "csv") return LogFormat::csv;
    if (name == "jsonl" || name == "json_lines") return LogFormat::json_lines;
    if (name == "xes") return LogFormat::xes;
    throw InvalidArgument("format must be \"auto\", \"csv\", \"jsonl\" or \"xes\", not " + detail::quote_token(name));
}

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

namespace detail {

inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

inline std::size_t find_column(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    return DisparitySpec::npos;
}

/// What an error about a missing column says of the header: how many columns it has and, when one differs from a
/// name looked for only in case, that one. Never the other names: a file without a header row has a citizen's
/// record there. Throws "log_no_column" (a name given, `names` quoted) or "log_no_default_column" (the defaults,
/// `names` as "A" or "B"), "_case" added when a column differs only in case.
[[noreturn]] inline void throw_missing_column(std::string code, std::string names, const char* what,
                                              const std::vector<std::string>& header,
                                              std::initializer_list<std::string_view> wanted, const std::string& file,
                                              std::size_t header_line) {
    auto lower = [](std::string_view text) {
        std::string out(text);
        for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return out;
    };
    std::vector<std::string> args{std::move(names), what, std::to_string(header.size())};
    for (const auto& field : header) {
        for (auto name : wanted) {
            if (field != name && lower(field) == lower(name) && args.size() == 3) args.push_back(quote_token(field));
        }
    }
    if (args.size() == 4) code += "_case";
    throw ParseError(code, std::move(args), header_line, 1, file);
}

/// The index of a column: the name given, else the first default present. Required columns throw ParseError at
/// line `header_line` when absent.
inline std::size_t resolve_column(const std::vector<std::string>& header, const std::string& given,
                                  std::initializer_list<std::string_view> defaults, bool required, const char* what,
                                  const std::string& file, std::size_t header_line) {
    if (!given.empty()) {
        std::size_t i = find_column(header, given);
        if (i == DisparitySpec::npos) throw_missing_column("log_no_column", quote_token(given), what, header, {given}, file, header_line);
        return i;
    }
    for (auto name : defaults) {
        std::size_t i = find_column(header, name);
        if (i != DisparitySpec::npos) return i;
    }
    if (required) {
        std::string names;
        for (auto name : defaults) names += (names.empty() ? "" : " or ") + quote_token(name);
        throw_missing_column("log_no_default_column", names, what, header, defaults, file, header_line);
    }
    return DisparitySpec::npos;
}

/// A group column `X` is found as `X` or, in the process-mining convention, as `case:X`.
inline std::size_t resolve_attribute(const std::vector<std::string>& header, const std::string& name, const char* what,
                                     const std::string& file, std::size_t header_line) {
    std::size_t i = find_column(header, name);
    if (i == DisparitySpec::npos) i = find_column(header, "case:" + name);
    if (i == DisparitySpec::npos)
        throw_missing_column("log_no_column", quote_token(name), what, header, {name, "case:" + name}, file, header_line);
    return i;
}

// Slots: the fields a row processor needs, in a fixed order.
enum Slot : std::size_t { slot_case, slot_step, slot_next, slot_time, slot_first_ground };

/// Which field of a record feeds each slot, and how the next step is found.
struct ColumnPlan {
    std::vector<std::size_t> index; ///< per slot: the field index, or npos when absent
    std::vector<std::string> names; ///< per slot: the column name
    enum class Next { column, outcome, derived } next = Next::derived;
    std::size_t slot_strata = 0;    ///< slot of the strata column (after the grounds)
    std::size_t field_count = 0;    ///< fields per record (CSV)
    /// The first and last field holding groups or strata (npos when they come from a case table): a plain CSV
    /// record whose bytes over this range equal the previous record's has the same groups.
    std::size_t first_group_field = DisparitySpec::npos, last_group_field = DisparitySpec::npos;
};

inline ColumnPlan plan_columns(const std::vector<std::string>& header, const DisparitySpec& spec,
                               const EventLogOptions& options, bool have_case_table, const std::string& file,
                               std::size_t header_line) {
    constexpr auto npos = DisparitySpec::npos;
    ColumnPlan plan;
    std::size_t grounds = spec.base_ground_count();
    plan.slot_strata = slot_first_ground + grounds;
    plan.index.assign(plan.slot_strata + 1, npos);
    plan.field_count = header.size();
    plan.index[slot_step] = resolve_column(header, options.step_column, {"concept:name", "step"}, true, "step", file, header_line);
    if (spec.next_kind() == NextKind::adverse_flag) {
        plan.next = ColumnPlan::Next::outcome;
        plan.index[slot_next] = resolve_column(header, options.outcome_column, {"outcome"}, true, "outcome", file, header_line);
    } else {
        plan.index[slot_next] = resolve_column(header, options.next_column, {"next_step"}, false, "next step", file, header_line);
        plan.next = plan.index[slot_next] == npos ? ColumnPlan::Next::derived : ColumnPlan::Next::column;
    }
    bool need_case = plan.next == ColumnPlan::Next::derived || have_case_table;
    plan.index[slot_case] =
        resolve_column(header, options.case_column, {"case:concept:name", "case_id"}, need_case, "case id", file, header_line);
    plan.index[slot_time] =
        resolve_column(header, options.timestamp_column, {"time:timestamp", "timestamp"}, false, "timestamp", file, header_line);
    if (!have_case_table) {
        for (std::size_t g = 0; g < grounds; ++g) {
            plan.index[slot_first_ground + g] = resolve_attribute(
                header, spec.ground_column(g), ("groups of ground " + spec.ground(g)).c_str(), file, header_line);
        }
        if (spec.has_strata()) plan.index[plan.slot_strata] = resolve_attribute(header, spec.strata_column(), "strata", file, header_line);
    }
    plan.names.resize(plan.index.size());
    for (std::size_t s = 0; s < plan.index.size(); ++s) {
        if (plan.index[s] != npos) plan.names[s] = header[plan.index[s]];
    }
    for (std::size_t s = slot_first_ground; s <= plan.slot_strata && !have_case_table; ++s) {
        if (plan.index[s] == npos) continue;
        plan.first_group_field = plan.first_group_field == npos ? plan.index[s] : std::min(plan.first_group_field, plan.index[s]);
        plan.last_group_field = plan.last_group_field == npos ? plan.index[s] : std::max(plan.last_group_field, plan.index[s]);
    }
    return plan;
}

/// An error found while processing a row, with the slot whose field it concerns: a message of the catalogue
/// (error.hpp) and its arguments.
struct RowError {
    std::size_t slot;
    std::string code;
    std::vector<std::string> args;
    /// The arguments of a message that wraps this one ("in_column", "in_member", "in_attribute") naming `where`.
    std::vector<std::string> wrapped_in(std::string_view where) const {
        std::vector<std::string> out{code};
        out.insert(out.end(), args.begin(), args.end());
        out.push_back(quote_token(where));
        return out;
    }
};

/// An argument of a row error's message: text as is, or a label to quote (quote_token).
struct MessagePiece {
    MessagePiece(const char* text) : text(text) {}
    MessagePiece(std::string_view text, bool quoted) : text(text), quoted(quoted) {}
    std::string_view text;
    bool quoted = false;
};
inline MessagePiece quoted_label(std::string_view text) { return {text, true}; }

/// Builds a row error. Out of line and marked cold: building the message where the error is found would put
/// string code (and its clean-up on exceptions) into the function that processes every row, and slow it down.
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
inline RowError row_error(std::size_t slot, std::string_view code, std::initializer_list<MessagePiece> pieces) {
    std::vector<std::string> args;
    for (const auto& piece : pieces) args.push_back(piece.quoted ? quote_token(piece.text) : std::string(piece.text));
    return {slot, std::string(code), std::move(args)};
}

/// Turns one event's fields into accumulator calls. One per reader thread.
class RowProcessor {
public:
    struct NoGroupBytes {
        std::string_view operator()() const { return {}; }
    };

    RowProcessor(DisparityAccumulator& acc, const ColumnPlan& plan, const EventLogOptions& options, const CaseTable* cases)
        : acc_(acc), spec_(acc.spec()), plan_(plan), options_(options), cases_(cases),
          groups_(spec_.base_ground_count(), missing_code), remembered_(spec_.base_ground_count() + 1),
          successor_guess_(spec_.step_count() + 1, missing_code) {
        if (plan_.next == ColumnPlan::Next::derived) sequencer_.emplace(acc_);
        step_labels_.resize(spec_.step_count());
        for (std::size_t i = 0; i < spec_.step_count(); ++i) step_labels_[i].assign(spec_.step_id(static_cast<std::int32_t>(i)));
        if (cases_) {
            for (std::size_t g = 0; g < cases_->groups().size(); ++g) {
                for (const auto& label : cases_->groups()[g].labels()) acc_.groups(g).intern(label);
            }
            for (const auto& label : cases_->strata().labels()) acc_.strata().intern(label);
        }
    }

    /// Processes one event; `field(slot)` gives the slot's text. `group_bytes()`, when it is not null, gives the
    /// record's bytes from the first to the last group field (ColumnPlan::first_group_field), delimiters included.
    /// Returns an error to report (strict mode, or a broken case order), or nullopt.
    template <class Field, class GroupBytes = NoGroupBytes>
    std::optional<RowError> row(const Field& field, const GroupBytes& group_bytes = {}) {
        ++events_;
        std::string_view time_text = plan_.index[slot_time] == DisparitySpec::npos ? std::string_view() : field(slot_time);
        std::optional<std::int64_t> time;
        if (!time_text.empty() && !(time = parse_timestamp(time_text)))
            return row_error(slot_time, "row_bad_timestamp", {quoted_label(time_text), MessagePiece(timestamp_formats, false)});
        std::string_view step_text = field(slot_step);
        const bool next_column = plan_.next == ColumnPlan::Next::column;
        std::int32_t step = step_code(step_text, next_column ? last_next_ : guess_after(last_step_));
        if (!next_column) guess_after(last_step_) = step;
        last_step_ = step;
        if (step == missing_code) {
            acc_.note_unknown_step_label(step_text);
            if (options_.strict) {
                count_row_before_error(step);
                return row_error(slot_step, "row_unknown_step", {quoted_label(step_text)});
            }
        }
        if (groups_needed(step)) {
            if (auto error = read_groups(field, group_bytes())) {
                count_row_before_error(step);
                return error;
            }
        }
        RowStatus status = RowStatus::counted;
        switch (plan_.next) {
        case ColumnPlan::Next::column: {
            std::string_view next_text = field(slot_next);
            if (next_text.empty()) {
                last_next_ = missing_code;
                status = acc_.add_end(step, groups_, stratum_);
            } else {
                std::int32_t next = step_code(next_text, guess_after(step));
                guess_after(step) = next;
                last_next_ = next;
                if (next == missing_code) acc_.note_unknown_step_label(next_text);
                status = acc_.add(step, next, groups_, stratum_);
                if (status == RowStatus::unknown_next_step && options_.strict)
                    return row_error(slot_next, "row_unknown_next_step", {quoted_label(next_text)});
                if (status == RowStatus::flow_not_in_model && options_.strict)
                    return row_error(slot_next, "row_flow_not_in_model", {quoted_label(step_text), quoted_label(next_text)});
            }
            break;
        }
        case ColumnPlan::Next::outcome: {
            std::string_view outcome_text = field(slot_next);
            int adverse = spec_.outcome_adverse(outcome_text);
            status = acc_.add(step, adverse, groups_, stratum_);
            if (status == RowStatus::unknown_outcome) {
                acc_.note_unknown_outcome_label(outcome_text);
                if (options_.strict)
                    return row_error(slot_next, "row_unknown_outcome", {quoted_label(outcome_text)});
            }
            break;
        }
        case ColumnPlan::Next::derived: {
            std::string_view case_text = field(slot_case);
            bool new_case = !has_case_ || case_text != case_id_;
            if (new_case) new_case = !go_on_with(case_text); // interleaved cases
            if (new_case) {
                if (options_.check_case_order && !seen_cases_.insert(std::hash<std::string_view>{}(case_text))) {
                    sequencer_->event(true, step, groups_, stratum_);
                    return row_error(slot_case, "row_case_goes_on", {quoted_label(case_text)});
                }
                case_id_.assign(case_text);
                has_case_ = true;
            } else if (time && time_key_ && *time < *time_key_) {
                sequencer_->event(false, step, groups_, stratum_);
                return row_error(slot_time, "row_time_order", {quoted_label(case_text), quoted_label(time_text), quoted_label(time_)});
            }
            time_.assign(time_text);
            time_key_ = time;
            std::int32_t previous = sequencer_->pending_step();
            auto result = sequencer_->event(new_case, step, groups_, stratum_);
            if (result && options_.strict && *result == RowStatus::flow_not_in_model)
                return row_error(slot_step, "row_flow_not_in_model", {quoted_label(spec_.step_id(previous)), quoted_label(step_text)});
            return std::nullopt;
        }
        }
        return std::nullopt;
    }

    /// The end of the input: the last event of every case still open becomes an end row.
    void finish() {
        if (!sequencer_) return;
        sequencer_->finish();
        open_cases_.finish(*sequencer_);
    }

    /// The most cases open at the same time (interleaved cases, next steps derived).
    std::uint64_t most_open_cases() const { return open_cases_.most_open(); }

    /// Whether the event `field` gives starts the rest of the log sorted on disk (detail/case_sort.hpp): the cases
    /// waiting and the current one are more than options.max_open_cases, and the event is of another case.
    template <class Field> bool open_cases_full(const Field& field) const {
        return options_.max_open_cases != 0 && open_cases_.size() >= options_.max_open_cases && field(slot_case) != case_id_;
    }
    /// Reading events sorted by case (SortedRest): the current case waits for an event that comes after other cases'
    /// events in the file (as when they come between), or it has no more events and ends.
    void interrupt_case() {
        if (has_case_) open_cases_.leave(case_id_, *sequencer_, time_);
        has_case_ = false;
    }
    void end_case() {
        if (sequencer_) sequencer_->finish();
        has_case_ = false;
    }
    DiskSortStats& disk_sort() { return disk_sort_; }
    const DiskSortStats& disk_sort() const { return disk_sort_; }
    const EventLogOptions& options() const { return options_; }

    std::uint64_t events() const { return events_; }
    std::uint64_t cases_not_in_case_table() const { return cases_missing_; }
    const HashSet64& seen_cases() const { return seen_cases_; }

private:
    // Another case's event: the current case waits (or ends, at an end step of the model); true when `case_text` is
    // a case that waited, now current again with its waiting event and its time.
    bool go_on_with(std::string_view case_text) {
        if (has_case_) open_cases_.leave(case_id_, *sequencer_, time_);
        if (!open_cases_.enter(case_text, *sequencer_, time_)) return false;
        case_id_.assign(case_text);
        has_case_ = true;
        // The waiting case's time comes back as it was written; its parsed value for the time-order check with it.
        time_key_ = time_.empty() ? std::nullopt : parse_timestamp(time_);
        return true;
    }

    // In strict mode a row is rejected before it is counted; count it as what it is, so nothing is lost.
    void count_row_before_error(std::int32_t step) {
        if (step == missing_code) {
            if (sequencer_) sequencer_->event(!has_case_, step, groups_, stratum_);
            else acc_.add_end(step);
        }
    }

    // Only a row at a decision point is counted per group, so only there are the group fields read (most rows of
    // a log are not at a decision point). Strict mode checks every row's groups; a case table counts every row
    // whose case it lacks.
    bool groups_needed(std::int32_t step) const {
        return options_.strict || cases_ || spec_.counts_transitions() ||
               (step != missing_code && spec_.decision_index(step) != missing_code);
    }

    // The code of a step label. Rows are predictable: a row's step is the previous row's next step, and from a
    // step a case usually goes where the last case went. The guess is compared with a copy of the step's id kept
    // inline (nothing is copied per row); a wrong guess costs one comparison before the index lookup.
    std::int32_t step_code(std::string_view text, std::int32_t guess) const {
        if (guess != missing_code && step_labels_[static_cast<std::size_t>(guess)].equals(text)) return guess;
        return spec_.step_code(text);
    }
    // The step that followed `step` last time (slot 0 is for an unknown step).
    std::int32_t& guess_after(std::int32_t step) { return successor_guess_[static_cast<std::size_t>(step + 1)]; }

    // Code of a label in dictionary `dictionary`. Group and stratum columns have few distinct labels: the first
    // few of each column are remembered inline with their codes and compared one by one, cheaper than hashing.
    std::int32_t intern(std::size_t column, LabelDictionary& dictionary, std::string_view text) {
        if (text.empty()) return missing_code;
        std::vector<RememberedLabel>& known = remembered_[column];
        for (const RememberedLabel& label : known) {
            if (label.label.equals(text)) return label.code;
        }
        const std::int32_t code = dictionary.intern(text);
        // The text as read: a repaired label (invalid UTF-8) is found again by it.
        if (known.size() < remembered_per_column) known.push_back({ShortLabel(text), code});
        return code;
    }

    template <class Field> std::optional<RowError> read_groups(const Field& field, std::string_view group_bytes) {
        std::size_t grounds = spec_.base_ground_count();
        // The events of a case mostly repeat its attributes: the same bytes as the previous record, the same groups.
        if (group_bytes.data() && last_group_bytes_.equals(group_bytes) && !options_.strict) return std::nullopt;
        if (cases_) {
            std::string_view case_text = field(slot_case);
            const std::int32_t* codes = cases_->find(case_text);
            if (!codes) {
                ++cases_missing_;
                std::fill(groups_.begin(), groups_.end(), missing_code);
                stratum_ = missing_code;
                if (options_.strict) return row_error(slot_case, "row_case_not_in_table", {quoted_label(case_text)});
                return std::nullopt;
            }
            std::copy(codes, codes + grounds, groups_.begin());
            stratum_ = spec_.has_strata() ? codes[grounds] : missing_code;
        } else {
            for (std::size_t g = 0; g < grounds; ++g) groups_[g] = intern(g, acc_.groups(g), field(slot_first_ground + g));
            stratum_ = spec_.has_strata() ? intern(grounds, acc_.strata(), field(plan_.slot_strata)) : missing_code;
            if (group_bytes.data()) last_group_bytes_.assign(group_bytes);
            else last_group_bytes_.clear();
        }
        if (options_.strict) {
            for (std::size_t g = 0; g < grounds; ++g) {
                if (groups_[g] == missing_code)
                    return row_error(cases_ ? std::size_t{slot_case} : slot_first_ground + g, "row_no_group", {quoted_label(spec_.ground(g))});
            }
            if (spec_.has_strata() && stratum_ == missing_code)
                return row_error(cases_ ? std::size_t{slot_case} : plan_.slot_strata, "row_no_stratum", {});
        }
        return std::nullopt;
    }

    DisparityAccumulator& acc_;
    const DisparitySpec& spec_;
    const ColumnPlan& plan_;
    const EventLogOptions& options_;
    const CaseTable* cases_;
    std::optional<EventSequencer> sequencer_;
    detail::OpenCases open_cases_{spec_};
    std::vector<std::int32_t> groups_;
    std::int32_t stratum_ = missing_code;
    struct RememberedLabel {
        ShortLabel label;
        std::int32_t code = missing_code;
    };
    static constexpr std::size_t remembered_per_column = 16;
    std::vector<std::vector<RememberedLabel>> remembered_; // per ground, then strata: labels seen first, with codes
    ShortLabel last_group_bytes_;             // the group fields of the previous plain CSV record
    std::vector<ShortLabel> step_labels_;     // per step code: its id
    std::vector<std::int32_t> successor_guess_;
    std::int32_t last_step_ = missing_code; // the previous row's step and next step
    std::int32_t last_next_ = missing_code;
    bool has_case_ = false;
    std::string case_id_;
    std::string time_;                      // the previous row's timestamp, as written and parsed
    std::optional<std::int64_t> time_key_;
    HashSet64 seen_cases_;
    std::uint64_t events_ = 0;
    std::uint64_t cases_missing_ = 0;
    DiskSortStats disk_sort_;
};

/// Reads the header record; skips a UTF-8 byte order mark.
inline std::vector<std::string> read_header(CsvReader& reader, const std::string& file) {
    std::vector<std::string_view> fields;
    if (!reader.next(fields)) throw ParseError("log_empty_file", {}, 1, 1, file);
    if (!fields.empty()) refuse_utf16(fields[0].substr(0, 2), file);
    std::vector<std::string> header(fields.begin(), fields.end());
    if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);
    for (std::size_t i = 0; i < header.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (header[i] == header[j]) {
                auto at = reader.position(i);
                throw ParseError("log_duplicate_column", {quote_token(header[i])}, at.line, at.column, file);
            }
        }
    }
    return header;
}

/// The rest of a log with more cases open at once than options.max_open_cases, sorted by case (detail/case_sort.hpp).
using SortedLogRest = SortedRest<RowProcessor, RowError>;

/// The records of read_csv_records; from the event at which too many cases are open, into `rest`.
template <class Fail>
inline void read_csv_rows(CsvReader& reader, RowProcessor& processor, const ColumnPlan& plan, std::optional<SortedLogRest>& rest,
                          const Fail& fail) {
    const CsvRecord& fields = reader.record();
    while (reader.next()) {
        if (fields.size() != plan.field_count) {
            auto at = fields.size() < plan.field_count ? reader.end_position() : reader.position(plan.field_count);
            throw ParseError("log_field_count", {std::to_string(plan.field_count), std::to_string(fields.size())}, at.line, at.column,
                             reader.file());
        }
        auto field = [&](std::size_t slot) { return fields[plan.index[slot]]; };
        if (rest || processor.open_cases_full(field)) [[unlikely]] {
            if (!rest) rest.emplace(processor, plan.index.size(), slot_case, processor.options().sort_run_bytes);
            rest->add([&](std::size_t slot) { return plan.index[slot] == DisparitySpec::npos ? std::string_view() : field(slot); },
                      [&](std::size_t slot) { return reader.position(plan.index[slot]); });
            continue;
        }
        auto group_bytes = [&]() -> std::string_view {
            if (!reader.plain_record() || plan.first_group_field == DisparitySpec::npos) return {};
            const char* first = fields[plan.first_group_field].data();
            const std::string_view last = fields[plan.last_group_field];
            return {first, static_cast<std::size_t>(last.data() + last.size() - first)};
        };
        if (auto error = processor.row(field, group_bytes)) fail(*error, reader.position(plan.index[error->slot]));
    }
}

/// Reads CSV records until the end of the source; a position error is thrown as ParseError. When more cases are
/// open at once than options.max_open_cases, the rest of the log is sorted by case on disk and read from there.
inline void read_csv_records(CsvReader& reader, RowProcessor& processor, const ColumnPlan& plan) {
    auto fail = [&](const RowError& error, TextPosition at) {
        throw ParseError("in_column", error.wrapped_in(plan.names[error.slot]), at.line, at.column, reader.file());
    };
    std::optional<SortedLogRest> rest;
    try {
        read_csv_rows(reader, processor, plan, rest, fail);
    } catch (...) {
        if (rest) rest->read(fail); // a row error of an event before the failing record is the one to report
        throw;
    }
    if (rest) rest->read(fail);
    processor.finish();
}

/// Counts the lines before byte `bytes` of a file as the CSV reader counts them (to turn a thread's relative line
/// into a file line): a line ends at \n, \r\n or a lone \r; inside quotes only \n starts a new line.
inline std::size_t count_lines(const std::string& path, std::uint64_t bytes) {
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
inline std::uint64_t next_boundary(const std::string& path, std::uint64_t offset, std::uint64_t limit, char delimiter,
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

inline std::string position_prefix(const std::string& file, std::size_t line, std::size_t column) {
    return (file.empty() ? std::string() : file + ":") + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

} // namespace detail

/// Reads a case table held in memory: a CSV with a case id column (`options.case_column`, default `case_id` or
/// `case:concept:name`, or `case_column`), one column per base ground of the spec and the spec's strata column.
/// Empty values are missing. Throws ParseError (with file:line:column) for malformed rows and duplicate case ids.
inline CaseTable read_case_table_text(std::string_view text, const DisparitySpec& spec, const EventLogOptions& options,
                                      std::string case_column = {}, const std::string& name = "case table") {
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

/// Reads a case table file (as read_case_table_text), block by block: memory grows with the number of cases, not with the file's size.
inline CaseTable read_case_table(const std::string& path, const DisparitySpec& spec, const EventLogOptions& options = {},
                                 std::string case_column = {}) {
    detail::InputFile file(path);
    detail::FileRangeSource source(file, 0, file.size());
    return detail::read_case_table_from([&](char* buffer, std::size_t capacity) { return source.read(buffer, capacity); },
                                        spec, options, std::move(case_column), path);
}

namespace detail {
inline CaseTable read_case_table_from(CsvReader::Source source, const DisparitySpec& spec, const EventLogOptions& options,
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

inline void fill_summary(ReadSummary& summary, const ColumnPlan& plan, const DisparitySpec& spec) {
    summary.case_column = plan.names[slot_case];
    summary.step_column = plan.names[slot_step];
    (plan.next == ColumnPlan::Next::outcome ? summary.outcome_column : summary.next_column) = plan.names[slot_next];
    summary.timestamp_column = plan.names[slot_time];
    summary.next_derived = plan.next == ColumnPlan::Next::derived;
    for (std::size_t g = 0; g < spec.base_ground_count(); ++g) summary.ground_columns.push_back(plan.names[slot_first_ground + g]);
    summary.strata_column = plan.names[plan.slot_strata];
}

inline void add_disk_sort(ReadSummary& summary, const DiskSortStats& sort) {
    summary.sorted_by_case = summary.sorted_by_case || sort.sorted;
    summary.sorted_events += sort.events;
    summary.sort_runs += sort.runs;
    summary.sort_bytes += sort.bytes;
}

/// JSON lines: each line one object; values that are strings are used as they are, numbers and booleans as their
/// JSON text, null as empty (missing).
template <class NextLine>
inline ReadSummary read_json_lines(NextLine next_line, DisparityAccumulator& acc, const EventLogOptions& options,
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
            nlohmann::json object;
            try {
                object = nlohmann::json::parse(line.begin(), line.end());
            } catch (const nlohmann::json::parse_error& e) {
                auto [l, column] = line_and_column(line, e.byte == 0 ? 0 : e.byte - 1);
                (void)l;
                throw json_syntax_error(plain_parse_message(e.what()), line_number, column, file);
            } catch (const nlohmann::json::exception& e) {
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
inline ReadSummary read_csv_log(CsvReader::Source source, DisparityAccumulator& acc, const EventLogOptions& options,
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

inline LogFormat choose_format(const std::string& name, LogFormat format) {
    if (format != LogFormat::automatic) return format;
    if (ends_with(name, ".xes") || ends_with(name, ".xes.gz") || ends_with(name, ".XES") || ends_with(name, ".XES.GZ"))
        return LogFormat::xes;
    return ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ? LogFormat::json_lines : LogFormat::csv;
}

/// XES logs (include/artikel1/xes.hpp, included at the end of this file).
inline ReadSummary read_xes(const CsvReader::Source& source, DisparityAccumulator& acc, const EventLogOptions& options,
                            const CaseTable* cases, const std::string& name);
inline ReadSummary read_xes_text(std::string_view text, DisparityAccumulator& acc, const EventLogOptions& options,
                                 const CaseTable* cases, const std::string& name);

} // namespace detail

/// Reads an event log held in memory (CSV, JSON lines or XES) into `acc`. On an error the rows read before the failing
/// one stay counted in `acc`, and the exception (ParseError or LimitError) gives name:line:column.
inline ReadSummary read_event_log_text(std::string_view text, DisparityAccumulator& acc, const EventLogOptions& options = {},
                                       const CaseTable* cases = nullptr, const std::string& name = "input") {
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

/// Reads an event log file into `acc`. CSV files can be read by several threads (options.threads): the file is
/// split into byte ranges at line boundaries (at case changes when the next step is derived from the following
/// event; up to 16 ranges per thread, taken by whichever thread is free), each range counted in its own accumulator,
/// and the results merged. On an error every range is still
/// merged (the rows read before the failing one stay counted) and the first error in file order is thrown.
inline ReadSummary read_event_log(const std::string& path, DisparityAccumulator& acc, const EventLogOptions& options = {},
                                  const CaseTable* cases = nullptr) {
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

#include <artikel1/xes.hpp>
