// SPDX-License-Identifier: EUPL-1.2
// Resource limits, each with its error message: the size and nesting depth of process models, knowledge bases and
// serialised counts; the field and line lengths of event logs and case tables; 64-bit counts that refuse to
// overflow. And what error messages may quote of the input (a position and at most one token of 60 characters).
#include "test_support.hpp"

#include <artikel1/event_log.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <string>

#include <unistd.h>

using namespace artikel1;

namespace {

std::shared_ptr<const DisparitySpec> race_and_sex() {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    return std::make_shared<const DisparitySpec>(test::log_model(), options);
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

/// The message of the artikel1::Error that `f` throws, or "no error".
template <class F> std::string error_of(F f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

std::string temp_file(const std::string& name, const std::string& bytes) {
    std::string path = "/tmp/artikel1_limits_" + std::to_string(::getpid()) + "_" + name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), file);
    std::fclose(file);
    return path;
}

const std::string csv_header = "case_id,step,next_step,migration_background,gender\n"; // 51 bytes with its line end
const std::string jsonl_row =
    R"({"case_id": "c1", "step": "intake", "next_step": "check", "migration_background": "none", "gender": "f"})";

} // namespace

TEST_CASE("limits: the defaults are documented values", "[limits]") {
    ParseLimits parse;
    REQUIRE(parse.max_bytes == 256u << 20);
    REQUIRE(parse.max_depth == 64);
    detail::CsvLimits csv;
    REQUIRE(csv.max_field_bytes == 64u << 10);
    REQUIRE(csv.max_line_bytes == 1u << 20);
    REQUIRE(csv.block_bytes == 4u << 20);
    REQUIRE(EventLogOptions{}.limits.max_line_bytes == csv.max_line_bytes);
}

TEST_CASE("limits: process models", "[limits]") {
    const std::string model = test::small_model().dump();
    ParseLimits limits;
    limits.max_bytes = 100;
    REQUIRE_THROWS_AS(read_process(model, test::kb(), limits), LimitError);
    REQUIRE(error_of([&] { read_process(model, test::kb(), limits); }) ==
            "input is " + std::to_string(model.size()) + " bytes; the limit is 100 bytes");
    REQUIRE(error_of([&] { load_process(model, test::kb(), limits, "model.json"); }) ==
            "model.json is " + std::to_string(model.size()) + " bytes; the limit is 100 bytes");
    limits.max_bytes = model.size();
    REQUIRE(read_process(model, test::kb(), limits).ok()); // exactly at the limit is accepted

    // Depth: the default of 64 levels, and a configured one. The model itself nests 5 deep (/steps/1/uses/0).
    std::string deep = R"({"schema": "artikel1/process/1", "x": )" + nested(64) + "}";
    REQUIRE(error_of([&] { read_process(deep, test::kb()); }) == "input nests deeper than 64 levels");
    REQUIRE(error_of([&] { read_process(nested(100000), test::kb()); }) == "input nests deeper than 64 levels");
    ParseLimits shallow;
    shallow.max_depth = 4;
    REQUIRE(error_of([&] { load_process(model, test::kb(), shallow, "model.json"); }) == "model.json nests deeper than 4 levels");
    shallow.max_depth = 5;
    REQUIRE_NOTHROW(load_process(model, test::kb(), shallow));
    // Brackets inside strings do not count.
    auto with_brackets = test::small_model();
    with_brackets["name"] = nested(100);
    REQUIRE(read_process(with_brackets.dump(), test::kb()).ok());

    // From a file: the path names the input.
    auto path = temp_file("model.json", model);
    limits.max_bytes = 10;
    REQUIRE(error_of([&] { load_process_file(path, test::kb(), limits); }) ==
            path + " is " + std::to_string(model.size()) + " bytes; the limit is 10 bytes");
    std::remove(path.c_str());
}

TEST_CASE("limits: knowledge bases", "[limits]") {
    const std::string text = test::kb().document().dump();
    ParseLimits limits;
    limits.max_bytes = 1000;
    REQUIRE(error_of([&] { KnowledgeBase::from_json_text(text, "kb.json", limits); }) ==
            "kb.json is " + std::to_string(text.size()) + " bytes; the limit is 1000 bytes");
    REQUIRE(error_of([&] { KnowledgeBase::from_json_text(R"({"schema": )" + nested(65) + "}", "kb.json"); }) ==
            "kb.json nests deeper than 64 levels");
    auto path = temp_file("extension.json", R"({"measures": )" + nested(10) + "}");
    ParseLimits shallow;
    shallow.max_depth = 8;
    REQUIRE(error_of([&] { (void)test::kb().extended_from_file(path, shallow); }) == path + " nests deeper than 8 levels");
    std::remove(path.c_str());
}

TEST_CASE("limits: event logs in CSV, and case tables", "[limits]") {
    auto spec = race_and_sex();
    EventLogOptions options;
    options.limits.max_field_bytes = 20;
    auto read = [&](const std::string& text) {
        DisparityAccumulator acc(spec);
        read_event_log_text(text, acc, options, nullptr, "log.csv");
    };
    REQUIRE(error_of([&] { read(csv_header + "c1,intake,check,none,f\nc1,check,approve," + std::string(21, 'x') + ",f\n"); }) ==
            "log.csv:3:18: field longer than the limit of 20 bytes (max_field_bytes)");
    REQUIRE_THROWS_AS(read(csv_header + "c1,intake,check," + std::string(21, 'x') + ",f\n"), LimitError);
    REQUIRE_NOTHROW(read(csv_header + "c1,intake,check," + std::string(20, 'x') + ",f\n"));
    // A quoted field counts its content.
    REQUIRE(error_of([&] { read(csv_header + "c1,intake,check,\"" + std::string(21, 'x') + "\",f\n"); }) ==
            "log.csv:2:17: field longer than the limit of 20 bytes (max_field_bytes)");

    options.limits.max_field_bytes = 1000;
    options.limits.max_line_bytes = 60;
    REQUIRE(error_of([&] { read(csv_header + "c1,intake,check," + std::string(50, 'x') + ",f\n"); }) ==
            "log.csv:2:1: record longer than the limit of 60 bytes (max_line_bytes)");
    // A record that never ends (an unterminated quote) stops at the limit, not at the end of memory.
    REQUIRE(error_of([&] { read(csv_header + "c1,intake,check,\"" + std::string(100000, 'x')); }) ==
            "log.csv:2:1: record longer than the limit of 60 bytes (max_line_bytes)");

    // The same limits apply to a file (and positions name the file's line).
    auto path = temp_file("limit.csv", csv_header + "c1,check,approve," + std::string(21, 'x') + ",f\n");
    options.limits.max_line_bytes = 1 << 20;
    options.limits.max_field_bytes = 20;
    DisparityAccumulator acc(spec);
    REQUIRE_THROWS_AS(read_event_log(path, acc, options), LimitError);
    std::remove(path.c_str());

    // Case tables.
    REQUIRE(error_of([&] {
                read_case_table_text("case_id,migration_background,gender\nc1," + std::string(21, 'x') + ",f\n", *spec, options, {},
                                     "cases.csv");
            }) == "cases.csv:2:4: field longer than the limit of 20 bytes (max_field_bytes)");
}

TEST_CASE("limits: event logs in JSON lines", "[limits]") {
    auto spec = race_and_sex();
    EventLogOptions options;
    options.limits.max_line_bytes = 200;
    auto read = [&](const std::string& text) {
        DisparityAccumulator acc(spec);
        read_event_log_text(text, acc, options, nullptr, "log.jsonl");
    };
    REQUIRE_NOTHROW(read(jsonl_row + "\n"));
    std::string long_row = R"({"case_id": "c1", "step": "intake", "note": ")" + std::string(200, 'x') + R"("})";
    REQUIRE(error_of([&] { read(jsonl_row + "\n" + long_row + "\n"); }) ==
            "log.jsonl:2:1: line longer than the limit of 200 bytes (max_line_bytes)");
    options.limits.max_line_bytes = 1 << 20;
    options.limits.max_field_bytes = 3;
    REQUIRE(error_of([&] { read(jsonl_row + "\n"); }) ==
            "log.jsonl:1:1: member \"step\" longer than the limit of 3 bytes (max_field_bytes)");

    // From a file, a line longer than the limit is refused before it is read whole.
    options.limits.max_field_bytes = 1 << 16;
    options.limits.max_line_bytes = 1000;
    options.limits.block_bytes = 64;
    auto path = temp_file("log.jsonl", jsonl_row + "\n{\"case_id\": \"" + std::string(1 << 20, 'x') + "\"}\n");
    DisparityAccumulator acc(spec);
    REQUIRE(error_of([&] { read_event_log(path, acc, options); }) ==
            path + ":2:1: line longer than the limit of 1000 bytes (max_line_bytes)");
    std::remove(path.c_str());

    // Nesting in a line is bounded by the line length: a deep line is an error, not a crash.
    options.limits.max_line_bytes = 1 << 20;
    REQUIRE(error_of([&] { read(nested(400000) + "\n"); }) == "log.jsonl:1:1: expected one JSON object per line, found an array");
}

TEST_CASE("limits: serialised disparity counts", "[limits]") {
    auto spec = race_and_sex();
    DisparityAccumulator acc(spec);
    read_event_log_text(csv_header + "c1,check,approve,none,f\n", acc);
    auto text = acc.serialise();
    ParseLimits limits;
    limits.max_bytes = 100;
    REQUIRE(error_of([&] { DisparityAccumulator::deserialise(spec, text, limits); }) ==
            "disparity counts is " + std::to_string(text.size()) + " bytes; the limit is 100 bytes");
    limits.max_bytes = 1 << 20;
    limits.max_depth = 2;
    REQUIRE(error_of([&] { DisparityAccumulator::deserialise(spec, text, limits); }) == "disparity counts nests deeper than 2 levels");
}

// The serialised counts of a log with one passage, to edit into extreme values.
static nlohmann::ordered_json one_passage_counts(const std::shared_ptr<const DisparitySpec>& spec) {
    DisparityAccumulator acc(spec);
    read_event_log_text(csv_header + "c1,check,approve,none,f\n", acc);
    return nlohmann::ordered_json::parse(acc.serialise());
}

TEST_CASE("limits: 64-bit counts refuse to overflow", "[limits]") {
    auto spec = race_and_sex();
    auto doc = one_passage_counts(spec);
    const auto acc = DisparityAccumulator::deserialise(spec, doc.dump());
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();

    // A cell at the largest count: merging one more passage overflows.
    auto huge = doc;
    for (auto& cell : huge["cells"]) cell[4] = max;
    auto full = DisparityAccumulator::deserialise(spec, huge.dump());
    REQUIRE(full.total(0, 0, 0).n == max);
    DisparityAccumulator merged(spec);
    merged.merge(full);
    REQUIRE(error_of([&] { merged.merge(acc); }) == "disparity count overflows 64 bits");
    REQUIRE_THROWS_AS(merged.merge(acc), LimitError);

    // The issue counters too.
    auto rows = doc;
    rows["issues"]["rows"] = max;
    auto many = DisparityAccumulator::deserialise(spec, rows.dump());
    DisparityAccumulator sum(spec);
    sum.merge(many);
    REQUIRE(error_of([&] { sum.merge(acc); }) == "disparity count overflows 64 bits");

    // An adverse count above its passages is refused when read.
    auto adverse = doc;
    adverse["cells"][0][5] = 2;
    REQUIRE(error_of([&] { DisparityAccumulator::deserialise(spec, adverse.dump()); }) == "/cells/0: cell out of range");
}

TEST_CASE("error messages quote a position and at most one token of 60 characters", "[limits][privacy]") {
    auto spec = race_and_sex();
    const std::string bsn = "123456782";
    const std::string long_value(200, 'q');
    EventLogOptions strict;
    strict.strict = true;
    auto read = [&](const std::string& text, const std::string& name = "log.csv") {
        return error_of([&] {
            DisparityAccumulator acc(spec);
            read_event_log_text(text, acc, strict, nullptr, name);
        });
    };
    // A malformed row: the position, never the row.
    auto message = read(csv_header + bsn + ",intake,check,none\n");
    REQUIRE(message == "log.csv:2:28: expected 5 fields (as in the header), found 4");
    // The offending token, cut at 60 characters.
    message = read(csv_header + "c1," + long_value + ",check,none,f\n");
    REQUIRE(message == "log.csv:2:4: unknown step \"" + std::string(60, 'q') + "...\" (strict mode) (column \"step\")");
    message = read(csv_header + bsn + ",check,approve,," + long_value + "\n");
    REQUIRE(message == "log.csv:2:25: no group for ground \"race\" (strict mode) (column \"migration_background\")");
    REQUIRE(message.find(bsn) == std::string::npos);
    // JSON lines: a syntax error names the line and column, not the data around it.
    message = read(R"({"case_id": ")" + bsn + R"(", "step": })" + "\n", "log.jsonl");
    REQUIRE(message == "log.jsonl:1:34: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    // A process model: the id of a step in a message is cut at 60 characters.
    auto model = test::small_model();
    model["flows"][0]["to"] = long_value;
    REQUIRE(test::problems_of(model).at(0) == "/flows/0/to: flow to unknown step \"" + std::string(60, 'q') + "...\"");
}

// Found by fuzzing (docs/security.md, "Problems found and fixed"): each stays fixed.
TEST_CASE("a JSON-lines number out of range is a parse error with its line", "[limits]") {
    auto spec = race_and_sex();
    DisparityAccumulator acc(spec);
    REQUIRE_THROWS_AS(read_event_log_text(R"({"case_id": "c1", "step": 1e999})" "\n", acc, {}, nullptr, "log.jsonl"), ParseError);
}

TEST_CASE("serialised counts that are not whole numbers >= 0 are refused", "[limits]") {
    auto spec = race_and_sex();
    DisparityAccumulator acc(spec);
    read_event_log_text(csv_header + "c1,check,approve,none,f\n", acc);
    auto doc = nlohmann::ordered_json::parse(acc.serialise());
    // 2.5 is read as 2 and -1 as 2^64 - 1. (1e30 is worse, undefined behaviour: a double out of range cast to an
    // integer; not tried here, as the sanitizer build stops at it. fuzz/regressions/fuzz_disparity_counts/ has it.)
    for (const auto& bad : {nlohmann::ordered_json(2.5), nlohmann::ordered_json(-1)}) {
        INFO(bad.dump());
        auto changed = doc;
        changed["cells"][0][4] = bad;
        REQUIRE_THROWS_AS(DisparityAccumulator::deserialise(spec, changed.dump()), ValidationError);
    }
}

TEST_CASE("a limit reached in a CSV file gives the line in the file, with one thread or several", "[limits]") {
    auto spec = race_and_sex();
    EventLogOptions options;
    options.limits.max_field_bytes = 20;
    std::string bad_row = "c1,check,approve," + std::string(21, 'x') + ",f\n";
    auto path = temp_file("limit.csv", csv_header + bad_row);
    DisparityAccumulator one_row(spec);
    CHECK(error_of([&] { read_event_log(path, one_row, options); }) ==
          path + ":2:18: field longer than the limit of 20 bytes (max_field_bytes)");
    // Several threads: the row is in the last of four parts.
    std::string rows;
    for (int i = 0; i < 200000; ++i) rows += "c" + std::to_string(i) + ",intake,check,none,f\n";
    path = temp_file("limit.csv", csv_header + rows + bad_row);
    options.threads = 4;
    DisparityAccumulator many(spec);
    CHECK(error_of([&] { read_event_log(path, many, options); }) ==
          path + ":200002:18: field longer than the limit of 20 bytes (max_field_bytes)");
    std::remove(path.c_str());
}

TEST_CASE("labels that are not UTF-8 are repaired (U+FFFD), so serialise and to_json always work", "[limits]") {
    auto spec = race_and_sex();
    DisparityAccumulator acc(spec);
    std::string latin1 = csv_header + "c1,check,approve,Turks\xE9,f\n"; // a Windows-1252 export
    bool refused = false;
    try {
        read_event_log_text(latin1, acc, {}, nullptr, "log.csv");
    } catch (const ParseError&) {
        refused = true; // refusing the file with its position is one good answer
    }
    if (!refused) {
        REQUIRE_NOTHROW(acc.serialise());
        DisparityOptions keep_all;
        keep_all.min_cell = 1;
        REQUIRE_NOTHROW(to_json(compute_disparity(acc, keep_all)).dump());
    }
}

TEST_CASE("a JSON line over the limit is refused even when it is blank, from memory and from a file", "[limits]") {
    auto spec = race_and_sex();
    EventLogOptions options;
    options.limits.max_line_bytes = 200;
    options.limits.block_bytes = 64;
    const std::string limit_message = ":2:1: line longer than the limit of 200 bytes (max_line_bytes)";
    for (const std::string& long_line : {std::string(300, ' '), std::string(250, ' ') + jsonl_row}) {
        std::string text = jsonl_row + "\n" + long_line + "\n" + jsonl_row + "\n";
        auto path = temp_file("blank.jsonl", text);
        DisparityAccumulator from_text(spec), from_file(spec);
        CHECK(error_of([&] { read_event_log_text(text, from_text, options, nullptr, path); }) == path + limit_message);
        CHECK(error_of([&] { read_event_log(path, from_file, options); }) == path + limit_message);
        CHECK(from_text.issues().rows == 1); // the line before it stays counted
        CHECK(from_file.issues().rows == 1);
        std::remove(path.c_str());
    }
    // A blank line within the limit is skipped.
    DisparityAccumulator acc(spec);
    auto summary = read_event_log_text(jsonl_row + "\n" + std::string(150, ' ') + "\n" + jsonl_row + "\n", acc, options,
                                       nullptr, "log.jsonl");
    CHECK(summary.events == 2);
}

TEST_CASE("JSON parser messages quote at most 60 characters of the malformed token", "[limits][privacy]") {
    const std::string q60(60, 'q');
    auto report = read_process(R"({"id": ")" + std::string(200, 'q'), test::kb()); // a string never closed
    REQUIRE(report.problems.at(0).message ==
            "syntax error while parsing value - invalid string: missing closing quote; last read: '\"" + std::string(59, 'q') +
                "...'");
    // Short quotes are left as they are.
    report = read_process(R"({"id": })", test::kb());
    REQUIRE(report.problems.at(0).message == "syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    // A number too large for a double: its position is found, its text cut.
    auto overflow = read_process(R"({"id": 1)" + std::string(300, '0') + "e999}", test::kb());
    REQUIRE(overflow.problems.at(0).message == "number overflow parsing '1" + std::string(59, '0') + "...'");
    REQUIRE(overflow.problems.at(0).line == 1);
    REQUIRE(overflow.problems.at(0).column == 8);
    // The same cut in a JSON-lines log.
    auto spec = race_and_sex();
    DisparityAccumulator acc(spec);
    REQUIRE(error_of([&] { read_event_log_text(R"({"step": 1)" + std::string(300, '0') + "e999}\n", acc, {}, nullptr, "log.jsonl"); }) ==
            "log.jsonl:1:1: number overflow parsing '1" + std::string(59, '0') + "...'");
    // A cut never splits a UTF-8 character.
    REQUIRE(cut_token(std::string(59, 'a') + "\xC3\xA9" + "zz") == std::string(59, 'a') + "...");
}

TEST_CASE("a file over max_bytes is refused before it is read", "[limits]") {
    // A sparse file of 3 GiB takes no disk space; reading it whole would take 3 GiB of memory.
    std::string path = "/tmp/artikel1_limits_" + std::to_string(::getpid()) + "_huge.json";
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file);
    REQUIRE(fseeko(file, (off_t{3} << 30) - 1, SEEK_SET) == 0);
    std::fputc('}', file);
    std::fclose(file);
    const std::string message = path + " is 3221225472 bytes; the limit is 268435456 bytes";
    CHECK(error_of([&] { load_process_file(path, test::kb()); }) == message);
    CHECK(error_of([&] { KnowledgeBase::from_file(path); }) == message);
    CHECK(error_of([&] { (void)test::kb().extended_from_file(path); }) == message);
    CHECK_THROWS_AS(KnowledgeBase::read_file(path, 1000), LimitError);
    std::remove(path.c_str());
    // Within the limit the whole file is read.
    path = temp_file("small.json", std::string(70000, 'x')); // more than one read block
    CHECK(KnowledgeBase::read_file(path, 70000) == std::string(70000, 'x'));
    CHECK(error_of([&] { KnowledgeBase::read_file(path, 69999); }) == path + " is 70000 bytes; the limit is 69999 bytes");
    std::remove(path.c_str());
    CHECK(error_of([&] { KnowledgeBase::read_file("/nonexistent/model.json"); }) == "cannot open /nonexistent/model.json: No such file or directory");
}

TEST_CASE("a case table file is read block by block, with the same results and positions as from memory", "[limits]") {
    auto spec = race_and_sex();
    std::string text = "case_id,migration_background,gender\n";
    for (int i = 0; i < 50000; ++i) text += "c" + std::to_string(i) + (i % 3 ? ",none,f\n" : ",western,m\n");
    auto path = temp_file("cases.csv", text);
    EventLogOptions options;
    options.limits.block_bytes = 4096; // many blocks
    auto from_file = read_case_table(path, *spec, options);
    auto from_text = read_case_table_text(text, *spec, options);
    REQUIRE(from_file.size() == 50000);
    REQUIRE(from_text.size() == 50000);
    for (const char* id : {"c0", "c1", "c49999"}) {
        INFO(id);
        REQUIRE(from_file.find(id));
        CHECK(std::equal(from_file.find(id), from_file.find(id) + 3, from_text.find(id)));
    }
    CHECK(from_file.groups()[0].label(from_file.find("c0")[0]) == "western");
    std::remove(path.c_str());
    // An error far into the file names its line.
    path = temp_file("cases.csv", text + "c49999,none,f\n");
    CHECK(error_of([&] { read_case_table(path, *spec, options); }) == path + ":50002:1: duplicate case id \"c49999\"");
    std::remove(path.c_str());
}

TEST_CASE("issue counters refuse to overflow while counting rows", "[limits]") {
    auto spec = race_and_sex();
    auto doc = one_passage_counts(spec);
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    for (const char* counter : {"rows", "passages"}) {
        INFO(counter);
        auto full = doc;
        full["issues"][counter] = max;
        full["issues"]["rows"] = max; // rows >= passages
        auto at_max = DisparityAccumulator::deserialise(spec, full.dump());
        REQUIRE(error_of([&] { read_event_log_text(csv_header + "c2,check,approve,none,f\n", at_max); }) ==
                "disparity count overflows 64 bits");
    }
    // A cell at the largest count: one more passage overflows.
    auto cells = doc;
    for (auto& cell : cells["cells"]) cell[4] = max;
    auto full_cells = DisparityAccumulator::deserialise(spec, cells.dump());
    std::int32_t check = 1, approve = 2;
    REQUIRE(test::log_model().steps[static_cast<std::size_t>(check)].id == "check");
    REQUIRE(test::log_model().steps[static_cast<std::size_t>(approve)].id == "approve");
    std::vector<std::int32_t> groups{0, 0};
    REQUIRE(error_of([&] { full_cells.add(check, approve, groups); }) == "disparity count overflows 64 bits");
}

TEST_CASE("unknown labels are kept at most 60 bytes long, and merging stays exact", "[limits][privacy]") {
    auto spec = race_and_sex();
    DisparityAccumulator a(spec), b(spec), both(spec);
    const std::string long_step(200, 's');
    const std::string text_a = csv_header + "c1," + long_step + ",check,none,f\n";
    const std::string text_b = csv_header + "c2,\xC3\xA9" + std::string(100, 'x') + ",check,none,f\n";
    read_event_log_text(text_a, a);
    read_event_log_text(text_b, b);
    read_event_log_text(text_a + text_b.substr(csv_header.size()), both);
    REQUIRE(a.issues().unknown_step_labels == std::vector<std::string>{std::string(60, 's') + "..."});
    REQUIRE(b.issues().unknown_step_labels == std::vector<std::string>{"\xC3\xA9" + std::string(58, 'x') + "..."});
    a.merge(b);
    REQUIRE(a.issues() == both.issues());
    auto again = DisparityAccumulator::deserialise(spec, a.serialise());
    REQUIRE(again.issues() == a.issues());
    // A label of up to 63 bytes is kept whole.
    DisparityAccumulator c(spec);
    read_event_log_text(csv_header + "c1," + std::string(63, 'z') + ",check,none,f\n", c);
    REQUIRE(c.issues().unknown_step_labels == std::vector<std::string>{std::string(63, 'z')});
}

TEST_CASE("warning pointers cut long member names as messages do", "[limits][privacy]") {
    auto model = test::small_model();
    model[std::string(200, 'k')] = 1;
    auto report = read_process(model.dump(), test::kb());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].pointer == "/" + std::string(60, 'k') + "...");
    CHECK(report.problems[0].message == "unknown member \"" + std::string(60, 'k') + "...\" is ignored");
}
