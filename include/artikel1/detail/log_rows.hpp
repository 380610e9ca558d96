// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: planning the columns of an event log and the row state machine that turns its rows into
// counts, shared by the CSV and JSON-lines readers (src/core/event_log.cpp), the XES reader and the on-disk sort.
// Inline: it is the per-row path.
#pragma once

#include <artikel1/detail/case_sort.hpp>
#include <artikel1/detail/csv.hpp>
#include <artikel1/detail/open_cases.hpp>
#include <artikel1/detail/timestamp.hpp>
#include <artikel1/event_log.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

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

/// "file:line:column: ", as a position error starts.
std::string position_prefix(const std::string& file, std::size_t line, std::size_t column);

/// The columns a read used, into its summary.
void fill_summary(ReadSummary& summary, const ColumnPlan& plan, const DisparitySpec& spec);

} // namespace detail
} // namespace artikel1
