// SPDX-License-Identifier: EUPL-1.2
// Shared by the event-log and disparity-count fuzz targets: a small process (the one of tests/data/logs/model.json),
// the specs the fuzzed input is read with, and the outcome of a read as one comparable string.
#pragma once

#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/process_io.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace fuzz {

inline const artikel1::Process& model() {
    static const artikel1::Process process = artikel1::load_process(R"({
      "schema": "artikel1/process/1", "id": "log-test", "name": "Application with a check, an investigation and rework",
      "steps": [
        {"id": "intake", "kind": "task"}, {"id": "check", "kind": "decision"}, {"id": "approve", "kind": "outcome"},
        {"id": "investigate", "kind": "task", "severity": "moderate"}, {"id": "decide", "kind": "decision"},
        {"id": "reject", "kind": "outcome", "severity": "severe"}
      ],
      "flows": [
        {"from": "intake", "to": "check"},
        {"from": "check", "to": "approve", "probability": 0.7},
        {"from": "check", "to": "investigate", "adverse": true, "probability": 0.3},
        {"from": "investigate", "to": "decide"},
        {"from": "decide", "to": "approve", "probability": 0.6},
        {"from": "decide", "to": "reject", "adverse": true, "probability": 0.3},
        {"from": "decide", "to": "check", "probability": 0.1}
      ]
    })");
    return process;
}

/// The specs every input is read with: next step (column or derived) with an intersection; strata; an outcome column.
inline const std::vector<std::shared_ptr<const artikel1::DisparitySpec>>& specs() {
    static const auto all = [] {
        using namespace artikel1;
        std::vector<std::shared_ptr<const DisparitySpec>> list;
        DisparitySpecOptions next;
        next.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
        next.intersections = {{"race", "sex"}};
        list.push_back(std::make_shared<const DisparitySpec>(model(), next));
        DisparitySpecOptions strata;
        strata.grounds = {{"migration_background", "race"}};
        strata.strata_column = "municipality";
        list.push_back(std::make_shared<const DisparitySpec>(model(), strata));
        DisparitySpecOptions outcome;
        outcome.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
        outcome.outcomes = {{"granted", false}, {"investigate", true}, {"rework", false}, {"refused", true}};
        list.push_back(std::make_shared<const DisparitySpec>(model(), outcome));
        return list;
    }();
    return all;
}

/// Limits small enough that fuzzed inputs reach them (and the reader's buffer refills) often.
inline artikel1::detail::CsvLimits small_limits() {
    artikel1::detail::CsvLimits limits;
    limits.max_field_bytes = 48;
    limits.max_line_bytes = 160;
    limits.block_bytes = 64;
    return limits;
}

/// Limits that no input of libFuzzer's -max_len=65536 reaches in practice, with buffers far smaller than the
/// defaults' 4 MiB (zeroing those for every read would cost most of the fuzzing time).
inline artikel1::detail::CsvLimits roomy_limits() {
    artikel1::detail::CsvLimits limits;
    limits.max_field_bytes = std::size_t{1} << 16;
    limits.max_line_bytes = std::size_t{1} << 16;
    limits.block_bytes = std::size_t{1} << 16;
    return limits;
}

/// The counts as text. An exception that is not one of artikel1's own escapes, and libFuzzer reports it as a crash.
inline std::string counts_of(const artikel1::DisparityAccumulator& acc) { return acc.serialise(); }

/// What a read gave: the events read or the error message, and the counts (on an error: those kept from before it).
template <class Read> std::string outcome_of(artikel1::DisparityAccumulator& acc, Read read) {
    std::string outcome;
    try {
        artikel1::ReadSummary summary = read();
        outcome = "events " + std::to_string(summary.events);
    } catch (const artikel1::Error& e) {
        outcome = std::string("error: ") + e.what();
    }
    return outcome + "\ncounts: " + counts_of(acc);
}

inline bool read_all(const std::string& outcome) {
    return outcome.rfind("events ", 0) == 0;
}

/// After a successful read: the table in every format, and the counts through serialise + deserialise unchanged.
inline void exercise_counts(const artikel1::DisparityAccumulator& acc) {
    using namespace artikel1;
    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    auto table = compute_disparity(acc, keep_all);
    (void)to_json(table).dump();
    (void)to_csv(table);
    (void)to_text(table);
    auto text = acc.serialise();
    if (DisparityAccumulator::deserialise(acc.shared_spec(), text).serialise() != text) {
        std::fprintf(stderr, "serialise + deserialise changed the counts\n");
        std::abort();
    }
}

/// A file in /tmp private to this process, rewritten for every input.
class ScratchFile {
public:
    explicit ScratchFile(const std::string& suffix)
        : path_("/tmp/artikel1_fuzz_" + std::to_string(::getpid()) + suffix) {}
    ~ScratchFile() { std::remove(path_.c_str()); }
    const std::string& write(std::string_view bytes) {
        std::FILE* file = std::fopen(path_.c_str(), "wb");
        if (!file) std::abort();
        if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) std::abort();
        std::fclose(file);
        return path_;
    }

private:
    std::string path_;
};

/// Two reads of the same bytes that must agree (apart from a resource limit reached by only one of them).
inline void require_same(const std::string& first, const std::string& second, const char* what) {
    if (first == second) return;
    std::fprintf(stderr, "%s differ:\n--- first\n%s\n--- second\n%s\n", what, first.c_str(), second.c_str());
    std::abort();
}

inline bool is_limit_error(const std::string& outcome) {
    std::string first_line = outcome.substr(0, outcome.find('\n'));
    return first_line.rfind("error: ", 0) == 0 && (first_line.find("(max_line_bytes)") != std::string::npos ||
                                                   first_line.find("(max_field_bytes)") != std::string::npos);
}

/// Reads `text` as the read in memory whose outcome is `in_memory` (into `acc`) did, but with the rest of the log
/// sorted by case from the second open case on (EventLogOptions::max_open_cases 1, runs of 4 KiB): it must end the
/// same way, the same events read or the same error, and after a full read give the same table.
template <class Read>
inline void require_same_sorted(const std::string& in_memory, const artikel1::DisparityAccumulator& acc, Read read) {
    using namespace artikel1;
    DisparityAccumulator sorted(acc.shared_spec());
    const std::string outcome = outcome_of(sorted, [&] { return read(sorted); });
    auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
    require_same(first_line(in_memory), first_line(outcome), "in memory and sorted by case");
    if (!read_all(in_memory)) return;
    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    require_same(to_json(compute_disparity(acc, keep_all)).dump(), to_json(compute_disparity(sorted, keep_all)).dump(),
                 "the tables in memory and sorted by case");
}

/// Options that sort the rest of a log by case from the second open case on, in small runs.
inline artikel1::EventLogOptions sorting(artikel1::EventLogOptions options) {
    options.max_open_cases = 1;
    options.sort_run_bytes = 4096;
    return options;
}

/// Reads `text` (also written to `path`) with every spec: from memory, and from the file in 7-byte blocks, with
/// `options` (roomy limits) and with tiny limits, and with the rest sorted by case (require_same_sorted); the reads
/// must agree, except where the tiny limits refuse the input. Counts that were read go through exercise_counts.
inline void read_every_way(std::string_view text, const std::string& path, const artikel1::EventLogOptions& options) {
    using namespace artikel1;
    EventLogOptions small_blocks = options;
    small_blocks.limits.block_bytes = 7;
    EventLogOptions tiny = options;
    tiny.limits = small_limits();
    for (const auto& spec : specs()) {
        DisparityAccumulator acc(spec), blocks(spec), small(spec), small_text(spec);
        auto in_memory = outcome_of(acc, [&] { return read_event_log_text(text, acc, options, nullptr, path); });
        auto file_in_blocks = outcome_of(blocks, [&] { return read_event_log(path, blocks, small_blocks); });
        require_same(in_memory, file_in_blocks, "memory and file read in 7-byte blocks");
        auto tiny_in_memory = outcome_of(small_text, [&] { return read_event_log_text(text, small_text, tiny, nullptr, path); });
        auto tiny_from_file = outcome_of(small, [&] { return read_event_log(path, small, tiny); });
        require_same(tiny_in_memory, tiny_from_file, "memory and file with tiny limits");
        if (!is_limit_error(tiny_in_memory) && !is_limit_error(in_memory)) require_same(in_memory, tiny_in_memory, "roomy and tiny limits");
        require_same_sorted(in_memory, acc, [&](DisparityAccumulator& into) {
            return read_event_log_text(text, into, sorting(options), nullptr, path);
        });
        if (read_all(in_memory)) exercise_counts(acc);
    }
}

} // namespace fuzz
