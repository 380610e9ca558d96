// SPDX-License-Identifier: EUPL-1.2
// Bad input to the readers underneath the CLI, Python and C: timestamps parsed as times, duplicate JSON keys, files
// that are directories, streams or UTF-16, a file that shrinks while it is read, and Graphviz bounded in input,
// output and time.
#include "test_support.hpp"

#include <artikel1/detail/timestamp.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/report/html.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using namespace artikel1;

namespace robustness_test {

std::filesystem::path scratch(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("artikel1_robustness_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

std::string write(const std::string& name, const std::string& bytes, bool executable = false) {
    auto path = scratch(name);
    std::ofstream(path, std::ios::binary) << bytes;
    if (executable) std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path.string();
}

/// Runs `f` with PATH set to `path`, restoring it after.
template <class F> auto with_path(const std::string& path, F f) {
    std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", path.c_str(), 1);
    auto result = f();
    ::setenv("PATH", saved.c_str(), 1);
    return result;
}

} // namespace robustness_test

using namespace robustness_test;

TEST_CASE("timestamps: ISO 8601 and Dutch dates parsed to microseconds since 1970 (UTC)", "[robustness]") {
    using detail::parse_timestamp;
    REQUIRE(parse_timestamp("1970-01-01") == 0);
    REQUIRE(parse_timestamp("2024-01-01T00:00:00Z") == 1704067200LL * 1000000);
    REQUIRE(parse_timestamp("2024-01-01") == 1704067200LL * 1000000);
    REQUIRE(parse_timestamp("01-01-2024") == 1704067200LL * 1000000);
    REQUIRE(parse_timestamp("2024-01-01T02:00:00+02:00") == 1704067200LL * 1000000);
    REQUIRE(parse_timestamp("2023-12-31T23:00-0100") == 1704067200LL * 1000000);
    REQUIRE(parse_timestamp("2024-01-01 01:00+01") == 1704067200LL * 1000000);
    // 2024-02-29 12:00:00 UTC is 1709208000 (a leap day)
    REQUIRE(parse_timestamp("2024-02-29 12:00:00.5") == 1709208000LL * 1000000 + 500000);
    REQUIRE(parse_timestamp("2024-02-29T12:00:00,000001") == 1709208000LL * 1000000 + 1);
    REQUIRE(parse_timestamp("2024-02-29T12:00:00.1234569") == 1709208000LL * 1000000 + 123456);
    REQUIRE(parse_timestamp("29-02-2024 12:00") == 1709208000LL * 1000000);
    REQUIRE(parse_timestamp("29-02-2024 12:00:59") == 1709208059LL * 1000000);
    REQUIRE(parse_timestamp("1969-12-31T23:59:59Z") == -1000000);
    for (const char* bad : {"", "yesterday", "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-01",
                            "2024-01-32", "2024-1-01", "24-01-01", "2024-01-01T", "2024-01-01T24:00", "2024-01-01T10:60",
                            "2024-01-01T10:00:60", "2024-01-01T10", "2024-01-01T10:00:00.", "2024-01-01T10:00+19:00",
                            "2024-01-01T10:00+01:60", "2024-01-01T10:00+1", "2024-01-01T10:00 Z", "2024-01-01T10:00:00CET",
                            "01-01-2024T10:00", "01-01-2024 10:00Z", "01-01-2024 10:00:00.5", "32-01-2024", "1704067200",
                            "2024/01/01", "2024-01-01x"}) {
        INFO(bad);
        REQUIRE_FALSE(parse_timestamp(bad));
    }
}

TEST_CASE("JSON: the second appearance of a key in one object is found, nested or not", "[robustness]") {
    using detail::duplicate_key_offset;
    constexpr auto none = std::string_view::npos;
    REQUIRE(duplicate_key_offset(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]})") == none);
    REQUIRE(duplicate_key_offset(R"({"a": 1, "a": 2})") == 9);
    REQUIRE(duplicate_key_offset(R"({"a": "x\"y", "b": {"c": 1, "c": 2}})") == 28);
    REQUIRE(duplicate_key_offset(R"({"k": {"a": 1}, "k": 2})") == 16);
    REQUIRE(duplicate_key_offset(R"(["a", "a", {"a": "a"}])") == none); // strings that are not keys
    REQUIRE(duplicate_key_offset(R"({"a\u0062": 1, "ab": 2})") == none); // compared as written
    std::string many = "{";
    for (int i = 0; i < 100; ++i) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    REQUIRE(duplicate_key_offset(many + "\"z\": 0}") == none);
    REQUIRE(duplicate_key_offset(many + "\"k57\": 0}") == many.size());
    REQUIRE(test::message_of([] { detail::parse_json("{\n  \"id\": 1,\n  \"id\": 2\n}", {}, "m.json"); }) ==
            "m.json:3:3: duplicate key \"id\" (a key may appear once in an object)");
}

TEST_CASE("files: directories, missing files, UTF-16 and streams", "[robustness]") {
    auto dir = scratch("a_directory").string();
    std::filesystem::create_directories(dir);
    REQUIRE(test::message_of([&] { detail::InputFile file(dir); }) == "cannot read " + dir + ": it is a directory");
    REQUIRE(test::message_of([&] { KnowledgeBase::read_file(dir + "/absent"); }) ==
            "cannot open " + dir + "/absent: No such file or directory");
    auto utf16 = write("utf16.json", std::string("\xFF\xFE{\0}\0", 6));
    REQUIRE(test::message_of([&] { KnowledgeBase::read_file(utf16); }) ==
            utf16 + ":1:1: the file is UTF-16 (little-endian) text; artikel1 reads UTF-8: save it as UTF-8");
    REQUIRE(detail::utf16_kind(std::string("\0{", 2)) == "UTF-16 (big-endian)");
    REQUIRE_FALSE(detail::utf16_kind("\xEF\xBB\xBF{"));  // UTF-8 with a byte order mark
    REQUIRE_FALSE(detail::utf16_kind("{}"));
    // a stream of unknown size is refused one byte past the limit
    REQUIRE(test::message_of([] {
                detail::InputFile zero("/dev/zero");
                REQUIRE_FALSE(zero.sized());
                detail::read_whole(zero, 100000);
            }) == "/dev/zero is more than 100000 bytes; the limit is 100000 bytes");
    auto small = write("small.json", "{}");
    REQUIRE(test::message_of([&] { KnowledgeBase::read_file(small, 1); }) == small + " is 2 bytes; the limit is 1 bytes");
}

TEST_CASE("files: a log that becomes shorter while it is read is an error, not a shorter count", "[robustness]") {
    std::string bytes(100, 'x');
    auto path = write("shrinks.csv", bytes);
    // The size taken when reading began was 150 bytes: 50 are missing at the end.
    detail::FileRangeSource source(path, 0, 150);
    char buffer[64];
    REQUIRE(source.read(buffer, sizeof buffer) == 64);
    REQUIRE(test::message_of([&] { source.read(buffer, sizeof buffer); }) ==
            path + " became shorter while it was read (50 bytes missing): read a copy that is no longer being written");
    // A stream's end is its end.
    detail::InputFile file(path);
    detail::FileRangeSource stream(file, 0, detail::InputFile::unknown_size);
    std::size_t total = 0;
    while (std::size_t got = stream.read(buffer, sizeof buffer)) total += got;
    REQUIRE(total == 100);
    REQUIRE(stream.consumed() == 100);
}

TEST_CASE("timestamps: an event log's timestamps are checked in every layout", "[robustness]") {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}};
    auto spec = std::make_shared<const DisparitySpec>(test::log_model(), options);
    DisparityAccumulator acc(spec);
    const std::string header = "case_id,step,next_step,timestamp,migration_background\n";
    REQUIRE(test::message_of([&] { read_event_log_text(header + "c1,intake,check,soon,none\n", acc, {}, nullptr, "log.csv"); }) ==
            "log.csv:2:17: timestamp \"soon\" is not a date and time (" + std::string(detail::timestamp_formats) +
                ") (column \"timestamp\")");
    REQUIRE(test::message_of([&] {
                read_event_log_text(R"({"case_id": "c1", "step": "intake", "next_step": "check", "timestamp": 1704067200, "migration_background": "none"})",
                                    acc, {}, nullptr, "log.jsonl");
            }) == "log.jsonl:1:59: timestamp \"1704067200\" is not a date and time (" + std::string(detail::timestamp_formats) +
                      ") (member \"timestamp\")");
    DisparityAccumulator ordered(spec);
    auto summary = read_event_log_text("case_id,step,timestamp,migration_background\nc1,intake,31-12-2023 23:00,none\n"
                                       "c1,check,01-01-2024,none\nc1,approve,2024-01-01T01:30:00+01:00,none\n",
                                       ordered, {}, nullptr, "log.csv");
    REQUIRE(summary.events == 3);
}

TEST_CASE("Graphviz: bounded input, output and time; a failure costs only the figure", "[robustness]") {
    auto bin = scratch("bin");
    std::filesystem::create_directories(bin);
    const std::string dot = (bin / "dot").string();
    report::GraphvizLimits limits;
    limits.max_input_bytes = 100;
    auto layout = report::layout_with_graphviz(std::string(101, ' '), limits);
    REQUIRE(layout.svg.empty());
    REQUIRE(layout.error == "the graph is 101 bytes of Graphviz input, more than the 100 laid out; the heatmap lists every step");

    layout = with_path(bin.string(), [] { return report::layout_with_graphviz("digraph{}"); });
    REQUIRE(layout.error == "Graphviz's dot program was not found");

    write("bin/dot", "#!/bin/sh\nexec /bin/sleep 20\n", true);
    limits = {};
    limits.timeout_ms = 300;
    layout = with_path(bin.string(), [&] { return report::layout_with_graphviz("digraph{}", limits); });
    REQUIRE(layout.error == "Graphviz's dot program took longer than 300 ms and was stopped");

    write("bin/dot", "#!/bin/sh\nexec /bin/cat /dev/zero\n", true);
    limits = {};
    limits.max_output_bytes = 1 << 20;
    layout = with_path(bin.string(), [&] { return report::layout_with_graphviz("digraph{}", limits); });
    REQUIRE(layout.error == "Graphviz's dot program wrote more than 1048576 bytes and was stopped");

    // exits at once, without reading its input: no SIGPIPE for the caller
    write("bin/dot", "#!/bin/sh\nexit 3\n", true);
    layout = with_path(bin.string(), [] { return report::layout_with_graphviz(std::string(900000, ' ')); });
    REQUIRE(layout.error == "Graphviz's dot program failed (exit status 3)");

    write("bin/dot", "#!/bin/sh\n/bin/cat >/dev/null\necho '<?xml?><!-- x --><svg><g/></svg>'\n", true);
    layout = with_path(bin.string(), [] { return report::layout_with_graphviz(std::string(900000, ' ')); });
    REQUIRE(layout.error.empty());
    REQUIRE(layout.svg == "<svg><g/></svg>\n");
}
