// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: the rest of an interleaved event log sorted by case, in bounded memory, for when more cases
// are open at once than EventLogOptions::max_open_cases allows (docs/disparity.md#input).
//
// From the event at which the limit is passed, the reader hands each event (the fields the row processor needs, with
// their positions for error messages) to a CaseSorter instead of processing it. The sorter keeps events in memory up
// to a byte budget, then writes them sorted by case (stable: by case id, then by their order in the file) as a run
// to a temporary file; at the end the runs are merged (k-way, at most 64 at a time) and the events come back case
// by case. The row processor then reads them as contiguous cases, told where an event followed other cases' events
// in the file, so that it counts exactly what it would have counted keeping every case open.
#pragma once

#include <artikel1/detail/csv.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1::detail {

/// What sorting on disk did (ReadSummary::sorted_by_case and the fields after it).
struct DiskSortStats {
    bool sorted = false;
    std::uint64_t events = 0; ///< events sorted
    std::uint64_t runs = 0;   ///< sorted runs written to temporary files (0: the events fitted in memory)
    std::uint64_t bytes = 0;  ///< bytes written to temporary files, merges included
};

/// One event given back by CaseSorter::for_each; the views are valid during the call.
struct SortedEvent {
    std::string_view case_id;
    std::uint64_t seq = 0; ///< the event's number in the file
    std::vector<std::string_view> fields;
    std::vector<TextPosition> positions;
};

/// Events sorted by case id, then by their number in the file (`seq`, increasing as they are added), in runs of at
/// most `run_bytes` held in memory. Runs go to temporary files in the directory TMPDIR names (else /tmp), each
/// unlinked as soon as it is created, so none is left behind, whatever happens to the process. Errors creating or
/// writing one are an Error naming the directory ("cannot create a temporary file in DIR to sort the log: ...").
class CaseSorter {
public:
    explicit CaseSorter(std::size_t run_bytes);
    ~CaseSorter();
    CaseSorter(const CaseSorter&) = delete;
    CaseSorter& operator=(const CaseSorter&) = delete;

    void add(std::string_view case_id, std::uint64_t seq, std::span<const std::string_view> fields,
             std::span<const TextPosition> positions);
    /// Every event added, in order (once; the sorter is spent afterwards).
    void for_each(const std::function<void(const SortedEvent&)>& visit);
    DiskSortStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The directory temporary files go to: TMPDIR when set and not empty, else /tmp.
std::string temporary_directory();

/// The rest of a log handed to a CaseSorter and read back into a row processor (RowProcessor of detail/log_rows.hpp,
/// whose row errors are `Error`s).
template <class Processor, class Error> class SortedRest {
public:
    SortedRest(Processor& processor, std::size_t slots, std::size_t case_slot, std::size_t run_bytes)
        : processor_(processor), sorter_(run_bytes), case_slot_(case_slot), next_seq_(processor.events()),
          fields_(slots), positions_(slots) {}

    /// One event: `field(slot)` its text, `position(slot)` where that field is in the file.
    template <class Field, class Position> void add(const Field& field, const Position& position) {
        for (std::size_t s = 0; s < fields_.size(); ++s) {
            fields_[s] = field(s);
            positions_[s] = position(s);
        }
        sorter_.add(fields_[case_slot_], next_seq_++, fields_, positions_);
    }

    /// Reads the sorted events into the processor (once; later calls do nothing). A row error goes to
    /// `fail(error, position)` (which throws): the one of the event first in the file, as reading the log in its own
    /// order would have stopped there.
    template <class Fail> void read(const Fail& fail) {
        if (read_) return;
        read_ = true;
        // The event the limit stopped at is of another case than the current one: the current case waits.
        processor_.interrupt_case();
        struct FirstError {
            std::uint64_t seq;
            Error error;
            TextPosition position;
        };
        std::optional<FirstError> first;
        std::string previous_case;
        std::uint64_t previous_seq = 0;
        bool any = false;
        sorter_.for_each([&](const SortedEvent& event) {
            if (any && event.case_id != previous_case) processor_.end_case(); // its events are all read
            else if (any && event.seq != previous_seq + 1) processor_.interrupt_case(); // other cases came between
            previous_case.assign(event.case_id);
            previous_seq = event.seq;
            any = true;
            auto field = [&](std::size_t slot) { return event.fields[slot]; };
            if (auto error = processor_.row(field); error && (!first || event.seq < first->seq))
                first = FirstError{event.seq, std::move(*error), event.positions[error->slot]};
        });
        DiskSortStats stats = sorter_.stats();
        stats.sorted = true;
        processor_.disk_sort() = stats;
        if (first) fail(first->error, first->position);
    }

private:
    Processor& processor_;
    CaseSorter sorter_;
    std::size_t case_slot_;
    std::uint64_t next_seq_;
    std::vector<std::string_view> fields_;
    std::vector<TextPosition> positions_;
    bool read_ = false;
};

} // namespace artikel1::detail
