// SPDX-License-Identifier: EUPL-1.2
// Interleaved logs with more cases open at once than EventLogOptions::max_open_cases: the rest of the log sorted by
// case on disk (detail/case_sort.hpp) gives the table of the in-memory route byte for byte, the same errors, and
// leaves no temporary file behind.
#include "test_support.hpp"

#include <artikel1/event_log.hpp>
#include <artikel1/log_generator.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace artikel1;

namespace case_sort_test {

using test::csv_field;
using test::joined;
using test::lines_of;

/// tests/data/logs/pm.csv with its rows ordered by the hour: c1, c2 and c3 interleave, three open at once.
std::string interleaved_pm() {
    auto lines = lines_of(test::file_text(std::string(ARTIKEL1_TEST_DATA) + "/logs/pm.csv"));
    std::vector<std::string> rows(lines.begin() + 1, lines.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const std::string& a, const std::string& b) { return csv_field(a, 2).substr(11) < csv_field(b, 2).substr(11); });
    rows.insert(rows.begin(), lines[0]);
    return joined(rows);
}

/// A generated log of `cases` cases sorted by time (hundreds open at once), written to `path`.
void write_interleaved(const std::string& path, std::size_t cases) {
    LogGeneratorOptions options;
    options.cases = cases;
    options.seed = 5;
    options.grounds = {{"migration_background", "race", {{"none", 0.7}, {"western", 0.1}, {"non_western", 0.2}}},
                       {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
    options.strata = {"municipality", "municipality", {{"Utrecht", 2}, {"Zwolle", 1}}};
    options.planted = {{"check", "race", "non_western", 1.4}};
    std::string sorted_by_case = path + ".by-case";
    std::FILE* file = std::fopen(sorted_by_case.c_str(), "wb");
    write_log_csv(test::log_model(), options, file, LogStyle::process_mining);
    std::fclose(file);
    auto lines = lines_of(test::file_text(sorted_by_case));
    std::remove(sorted_by_case.c_str());
    std::vector<std::string> rows(lines.begin() + 1, lines.end());
    std::stable_sort(rows.begin(), rows.end(), [](const std::string& a, const std::string& b) { return csv_field(a, 2) < csv_field(b, 2); });
    rows.insert(rows.begin(), lines[0]);
    std::ofstream(path, std::ios::binary) << joined(rows);
}

DisparitySpec pm_spec(bool strata = false) {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    if (strata) {
        options.intersections = {{"race", "sex"}};
        options.strata_column = "municipality";
        options.count_transitions = true;
    }
    return DisparitySpec(test::log_model(), options);
}

/// Everything a read gives: the table (every cell kept), the issues and the counts as saved.
std::string outcome(const DisparityAccumulator& acc) {
    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    keep_all.unknown_labels = true;
    return to_json(compute_disparity(acc, keep_all)).dump(2);
}

/// A directory of its own for temporary files, named by TMPDIR while the object lives.
class TemporaryDirectory {
public:
    TemporaryDirectory() : path_(std::filesystem::temp_directory_path() / ("artikel1_case_sort_" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
        if (const char* old = std::getenv("TMPDIR")) old_ = old;
        ::setenv("TMPDIR", path_.c_str(), 1);
    }
    ~TemporaryDirectory() {
        if (old_) ::setenv("TMPDIR", old_->c_str(), 1);
        else ::unsetenv("TMPDIR");
        std::filesystem::remove_all(path_);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path_), std::filesystem::directory_iterator()));
    }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
    std::optional<std::string> old_;
};

/// A file removed when the object goes, also when a REQUIRE fails before the end of the test.
struct RemovedAtEnd {
    std::string path;
    ~RemovedAtEnd() { std::remove(path.c_str()); }
};

/// A generated log of interleaved cases beside a temporary directory of its own, and the spec that reads it.
struct InterleavedLogFile {
    TemporaryDirectory dir;
    RemovedAtEnd log;
    DisparitySpec spec;
    InterleavedLogFile(const std::string& suffix, std::size_t cases) : log{dir.path() + suffix}, spec(pm_spec(true)) {
        write_interleaved(log.path, cases);
    }
};

std::size_t open_descriptors() {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"), std::filesystem::directory_iterator()));
}

} // namespace case_sort_test

TEST_CASE("sorted on disk from the third open case, the interleaved fixture gives the table of memory", "[disparity][case_sort]") {
    using namespace case_sort_test;
    DisparitySpec spec = pm_spec();
    const std::string text = interleaved_pm();
    REQUIRE(test::file_text(std::string(ARTIKEL1_TEST_DATA) + "/logs/pm_interleaved.csv") == text); // the fixture of the other tests
    DisparityAccumulator in_memory(spec), sorted(spec), in_runs(spec);
    EventLogOptions unlimited;
    unlimited.max_open_cases = 0;
    auto m = read_event_log_text(text, in_memory, unlimited, nullptr, "mixed.csv");
    REQUIRE(m.most_open_cases == 3);
    REQUIRE_FALSE(m.sorted_by_case);

    EventLogOptions two;
    two.max_open_cases = 2;
    auto s = read_event_log_text(text, sorted, two, nullptr, "mixed.csv");
    REQUIRE(s.sorted_by_case);
    // Rows by the hour: 08:00 c1 c2 c3, 09:00 c1 c2 c3, ...: after c3's event at 08:00, c1 and c2 wait and c3 is
    // current, three cases open: from c1's event at 09:00 on, the 11 events left are sorted.
    REQUIRE(s.sorted_events == 11);
    REQUIRE(s.events == m.events);
    REQUIRE(s.sort_runs == 0); // 11 events fit in memory
    REQUIRE(s.sort_bytes == 0);
    REQUIRE(outcome(sorted) == outcome(in_memory));

    // One event per run: every event written to its own temporary file, then merged.
    TemporaryDirectory dir;
    two.sort_run_bytes = 1;
    auto r = read_event_log_text(text, in_runs, two, nullptr, "mixed.csv");
    REQUIRE(r.sort_runs == 11);
    REQUIRE(r.sort_bytes > 11 * 16);
    REQUIRE(outcome(in_runs) == outcome(in_memory));
    REQUIRE(dir.entries() == 0);
}

TEST_CASE("a generated log of thousands of interleaved cases, sorted on disk in many runs, gives the table of memory",
          "[disparity][case_sort]") {
    using namespace case_sort_test;
    const InterleavedLogFile file("_log.csv", 3000);
    const std::string& path = file.log.path;
    const DisparitySpec& spec = file.spec;
    const TemporaryDirectory& dir = file.dir;
    DisparityAccumulator in_memory(spec);
    EventLogOptions unlimited;
    unlimited.max_open_cases = 0;
    auto m = read_event_log(path, in_memory, unlimited);
    REQUIRE(m.most_open_cases > 100);
    const std::size_t descriptors = open_descriptors();
    for (std::uint64_t limit : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{50}, m.most_open_cases - 1}) {
        for (std::size_t run_bytes : {std::size_t{2000}, std::size_t{64} << 20}) {
            DYNAMIC_SECTION("limit " << limit << ", runs of " << run_bytes << " bytes") {
                EventLogOptions options;
                options.max_open_cases = limit;
                options.sort_run_bytes = run_bytes;
                DisparityAccumulator sorted(spec);
                auto s = read_event_log(path, sorted, options);
                REQUIRE(s.sorted_by_case);
                REQUIRE(s.events == m.events);
                REQUIRE(s.sorted_events > 0);
                REQUIRE(s.sorted_events < s.events);
                if (run_bytes == 2000) REQUIRE(s.sort_runs > 64); // merged in two rounds
                else REQUIRE(s.sort_runs == 0);
                REQUIRE(outcome(sorted) == outcome(in_memory));
                REQUIRE(dir.entries() == 0);
                REQUIRE(open_descriptors() == descriptors);
            }
        }
    }
}

TEST_CASE("with several reader threads each part sorts its own rest, as each part keeps its own cases open",
          "[disparity][case_sort][threads]") {
    using namespace case_sort_test;
    const InterleavedLogFile file("_threads.csv", 3000);
    const std::string& path = file.log.path;
    const DisparitySpec& spec = file.spec;
    const TemporaryDirectory& dir = file.dir;
    EventLogOptions options;
    options.threads = 2;
    options.bytes_per_thread = 1 << 16; // the log of about 300 KB read in parts, as a large one is
    options.range_bytes = 1 << 16;
    options.max_open_cases = 0;
    options.check_case_order = false; // cases split over parts are counted per part, alike in both routes
    DisparityAccumulator in_memory(spec), sorted(spec);
    auto m = read_event_log(path, in_memory, options);
    REQUIRE(m.threads == 2);
    options.max_open_cases = 20;
    options.sort_run_bytes = 50000;
    auto s = read_event_log(path, sorted, options);
    REQUIRE(s.threads == 2);
    REQUIRE(s.sorted_by_case);
    REQUIRE(s.sort_runs > 2);
    REQUIRE(outcome(sorted) == outcome(in_memory));
    // With the check, a case split over parts is the same error in both routes.
    options.check_case_order = true;
    DisparityAccumulator a(spec), b(spec);
    auto sorted_error = test::message_of([&] { read_event_log(path, a, options); });
    options.max_open_cases = 0;
    REQUIRE(sorted_error == test::message_of([&] { read_event_log(path, b, options); }));
    REQUIRE(sorted_error.find("a case appears in two parts of the file read by different threads") != std::string::npos);
    REQUIRE(dir.entries() == 0);
}

TEST_CASE("JSON lines sorted on disk give the table of memory", "[disparity][case_sort]") {
    using namespace case_sort_test;
    auto lines = lines_of(test::file_text(std::string(ARTIKEL1_TEST_DATA) + "/logs/events.jsonl"));
    auto hour = [](const std::string& line) {
        auto at = line.find("\"time:timestamp\": \"") + 19;
        return line.substr(at + 11, 8);
    };
    std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) { return hour(a) < hour(b); });
    DisparitySpec spec = pm_spec();
    DisparityAccumulator in_memory(spec), sorted(spec);
    EventLogOptions options;
    options.max_open_cases = 0;
    auto m = read_event_log_text(joined(lines), in_memory, options, nullptr, "mixed.jsonl");
    REQUIRE(m.most_open_cases == 3);
    options.max_open_cases = 1;
    options.sort_run_bytes = 1;
    auto s = read_event_log_text(joined(lines), sorted, options, nullptr, "mixed.jsonl");
    REQUIRE(s.sorted_by_case);
    REQUIRE(s.sort_runs == s.sorted_events);
    REQUIRE(outcome(sorted) == outcome(in_memory));
}

TEST_CASE("sorted on disk, an error is the one reading in memory meets first in the file", "[disparity][case_sort]") {
    using namespace case_sort_test;
    DisparitySpec spec = pm_spec();
    auto rows = lines_of(interleaved_pm());
    // Sorted by case, c3 comes after c2; in the file c3's bad timestamp (line 12) comes before c2's event that goes
    // back in time (line 15).
    REQUIRE(rows[11].rfind("c3,decide,", 0) == 0);
    rows[11] = "c3,decide,gisteren,non_western,f";
    REQUIRE(rows[14].rfind("c2,approve,", 0) == 0);
    rows[14] = "c2,approve,2024-01-02T07:00:00,non_western,m";
    EventLogOptions memory, disk;
    memory.max_open_cases = 0;
    disk.max_open_cases = 1;
    disk.sort_run_bytes = 1;
    auto read = [&](const std::vector<std::string>& lines, const EventLogOptions& options) {
        DisparityAccumulator acc(spec);
        return test::message_of([&] { read_event_log_text(joined(lines), acc, options, nullptr, "mixed.csv"); });
    };
    const std::string expected =
        "mixed.csv:12:11: timestamp \"gisteren\" is not a date and time (ISO 8601 such as 2026-03-01, "
        "2026-03-01T09:30:00 or 2026-03-01 09:30:00.250+01:00, or dd-mm-yyyy [hh:mm[:ss]]) (column \"time:timestamp\")";
    REQUIRE(read(rows, memory) == expected);
    TemporaryDirectory dir;
    const std::size_t descriptors = open_descriptors();
    REQUIRE(read(rows, disk) == expected); // failed after writing a run per event: none left, none open
    REQUIRE(dir.entries() == 0);
    REQUIRE(open_descriptors() == descriptors);
    // A malformed record after the bad timestamp: the bad timestamp still comes first.
    rows.push_back("c9,intake");
    REQUIRE(read(rows, memory) == expected);
    REQUIRE(read(rows, disk) == expected);
    // Before it, the malformed record is the error.
    rows.insert(rows.begin() + 10, "c9,intake");
    const std::string malformed = "mixed.csv:11:10: expected 5 fields (as in the header), found 2";
    REQUIRE(read(rows, memory) == malformed);
    REQUIRE(read(rows, disk) == malformed);
    REQUIRE(dir.entries() == 0);
}

TEST_CASE("sorting on disk: a case that goes on after its end step, strict mode, and the temporary directory",
          "[disparity][case_sort]") {
    using namespace case_sort_test;
    DisparitySpec spec = pm_spec();
    auto rows = lines_of(interleaved_pm());
    // c1 reached approve (an end step) at 10:00; an event of c1 after other cases' events is an error.
    rows.push_back("c1,check,2024-01-01T11:00:00,none,f");
    EventLogOptions memory, disk;
    memory.max_open_cases = 0;
    disk.max_open_cases = 2;
    auto read = [&](const std::vector<std::string>& lines, const EventLogOptions& options) {
        DisparityAccumulator acc(spec);
        return test::message_of([&] { read_event_log_text(joined(lines), acc, options, nullptr, "mixed.csv"); });
    };
    const std::string expected = "mixed.csv:16:1: events of case \"c1\" go on after the case reached an end step of the "
                                 "model earlier in the file. Sort the log by case and time, or give a next-step column "
                                 "(column \"case:concept:name\")";
    REQUIRE(read(rows, memory) == expected);
    REQUIRE(read(rows, disk) == expected);
    // Without the check the late event starts a case of its own, in both routes.
    memory.check_case_order = disk.check_case_order = false;
    DisparityAccumulator a(spec), b(spec);
    read_event_log_text(joined(rows), a, memory, nullptr, "mixed.csv");
    auto s = read_event_log_text(joined(rows), b, disk, nullptr, "mixed.csv");
    REQUIRE(s.sorted_by_case);
    REQUIRE(outcome(a) == outcome(b));

    // Strict mode: an unknown step, reported at its own line in both routes.
    rows.pop_back();
    rows[14] = "c1,unknown,2024-01-01T11:00:00,none,f";
    memory.strict = disk.strict = true;
    memory.check_case_order = disk.check_case_order = true;
    const std::string unknown = "mixed.csv:15:4: unknown step \"unknown\" (strict mode) (column \"concept:name\")";
    REQUIRE(read(rows, memory) == unknown);
    REQUIRE(read(rows, disk) == unknown);

    // A temporary directory that does not exist: the read fails and says where it tried.
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    ::setenv("TMPDIR", "/nonexistent-artikel1-dir", 1);
    disk.strict = false;
    disk.sort_run_bytes = 1;
    std::string message = read(lines_of(interleaved_pm()), disk);
    if (old) ::setenv("TMPDIR", saved.c_str(), 1);
    else ::unsetenv("TMPDIR");
    REQUIRE(message == "cannot create a temporary file in /nonexistent-artikel1-dir to sort the log: No such file or directory");
}
