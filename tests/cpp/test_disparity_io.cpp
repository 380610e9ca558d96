// SPDX-License-Identifier: EUPL-1.2
// Observed disparity: reading event logs (every format), errors with their positions, issues counted, strict mode.
#include "test_support.hpp"

#include <artikel1/event_log.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace artikel1;

namespace {

std::string log_path(const std::string& name) { return std::string(ARTIKEL1_TEST_DATA) + "/logs/" + name; }

DisparitySpec spec_with(DisparitySpecOptions options = {}) {
    if (options.grounds.empty()) options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    return DisparitySpec(test::log_model(), std::move(options));
}

std::int32_t group(const DisparityAccumulator& acc, std::size_t g, const std::string& label) {
    return acc.groups(g).find(label);
}

std::size_t decision(const DisparitySpec& spec, const std::string& step) {
    return static_cast<std::size_t>(spec.decision_index(spec.step_code(step)));
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The fixture logs hold three cases: c1 (none, f) passes check once and is approved; c2 (non_western, m) is
// investigated at check, sent back by decide, passes check again and is approved; c3 (non_western, f) is
// investigated at check and rejected at decide.
void require_fixture_counts(const DisparityAccumulator& acc) {
    const auto& spec = acc.spec();
    std::size_t check = decision(spec, "check"), decide = decision(spec, "decide");
    auto none = group(acc, 0, "none"), non_western = group(acc, 0, "non_western");
    REQUIRE(acc.total(check, 0, none) == CellCount{1, 0});
    REQUIRE(acc.total(check, 0, non_western) == CellCount{3, 2});
    REQUIRE(acc.total(decide, 0, non_western) == CellCount{2, 1});
    REQUIRE(acc.total(check, 1, group(acc, 1, "f")) == CellCount{2, 1});
    REQUIRE(acc.total(check, 1, group(acc, 1, "m")) == CellCount{2, 1});
    REQUIRE(acc.issues().passages == 6); // check: c1 once, c2 twice, c3 once; decide: c2, c3
    REQUIRE(acc.issues().problem_rows() == 0);
}

} // namespace

TEST_CASE("disparity spec: decision points, adverse flows and option errors", "[disparity]") {
    auto spec = spec_with();
    REQUIRE(spec.decision_count() == 2);
    REQUIRE(spec.step_id(spec.decision_step(0)) == "check");
    REQUIRE(spec.step_id(spec.decision_step(1)) == "decide");
    REQUIRE(spec.flow_kind(spec.step_code("check"), spec.step_code("investigate")) == 1);
    REQUIRE(spec.flow_kind(spec.step_code("check"), spec.step_code("approve")) == 0);
    REQUIRE(spec.flow_kind(spec.step_code("check"), spec.step_code("reject")) == -1);
    REQUIRE(spec.step_code("nope") == missing_code);

    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}};
    options.decision_points = {"nope"};
    REQUIRE_THROWS_WITH(DisparitySpec(test::log_model(), options), "decision point \"nope\" is not a step of the process");
    options.decision_points = {};
    options.intersections = {{"race", "sex"}};
    REQUIRE_THROWS_WITH(DisparitySpec(test::log_model(), options), "intersection names ground \"sex\", which is not analysed");
    options.intersections = {};
    options.grounds = {{"a", "race"}, {"b", "race"}};
    REQUIRE_THROWS_WITH(DisparitySpec(test::log_model(), options), "ground \"race\" is mapped from two columns");
    REQUIRE_THROWS_WITH(DisparitySpec(test::log_model(), DisparitySpecOptions{}), "no grounds to analyse: give at least one COLUMN=GROUND");
    REQUIRE(parse_ground_column("gender=sex") == GroundColumn{"gender", "sex"});
    REQUIRE_THROWS_WITH(parse_ground_column("gender"), "expected COLUMN=GROUND (e.g. migration_background=race), got \"gender\"");
}

TEST_CASE("every log format gives the same counts", "[disparity]") {
    auto spec = spec_with();
    DisparityAccumulator pm(spec), plain(spec), jsonl(spec);
    auto s1 = read_event_log(log_path("pm.csv"), pm);
    REQUIRE(s1.format == "csv");
    REQUIRE(s1.events == 14);
    REQUIRE(s1.next_derived);
    REQUIRE(s1.case_column == "case:concept:name");
    REQUIRE(s1.ground_columns == std::vector<std::string>{"case:migration_background", "case:gender"});
    require_fixture_counts(pm);
    REQUIRE(pm.issues().rows == 14);
    REQUIRE(pm.issues().not_decision_point == 8); // 14 rows, 6 of them passages at check and decide

    auto s2 = read_event_log(log_path("plain.csv"), plain);
    REQUIRE_FALSE(s2.next_derived);
    REQUIRE(s2.next_column == "next_step");
    require_fixture_counts(plain);

    auto s3 = read_event_log(log_path("events.jsonl"), jsonl);
    REQUIRE(s3.format == "json_lines");
    REQUIRE(s3.events == 14);
    require_fixture_counts(jsonl);

    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    auto expected = to_json(compute_disparity(pm, keep_all));
    REQUIRE(to_json(compute_disparity(plain, keep_all)) == expected);
    REQUIRE(to_json(compute_disparity(jsonl, keep_all)) == expected);
    // The same text read from memory.
    DisparityAccumulator text(spec);
    read_event_log_text(slurp(log_path("pm.csv")), text);
    REQUIRE(to_json(compute_disparity(text, keep_all)) == expected);
}

TEST_CASE("a case table joined on the case id, with strata", "[disparity]") {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    options.strata_column = "municipality";
    auto spec = spec_with(options);
    auto cases = read_case_table(log_path("cases.csv"), spec);
    REQUIRE(cases.size() == 3);
    DisparityAccumulator acc(spec);
    auto summary = read_event_log(log_path("events_only.csv"), acc, {}, &cases);
    REQUIRE(summary.events == 14);
    REQUIRE(summary.cases_not_in_case_table == 0);
    require_fixture_counts(acc);
    std::size_t check = decision(spec, "check");
    auto utrecht = acc.strata().find("Utrecht"), zwolle = acc.strata().find("Zwolle");
    REQUIRE(acc.count(check, 0, group(acc, 0, "non_western"), utrecht) == CellCount{2, 1});
    REQUIRE(acc.count(check, 0, group(acc, 0, "non_western"), zwolle) == CellCount{1, 1});

    // A case missing from the table: its passages have no group (counted), or an error in strict mode.
    std::string events = "case_id,step,timestamp\nc9,check,2024-01-01\nc9,approve,2024-01-02\n";
    DisparityAccumulator lenient(spec);
    auto s = read_event_log_text(events, lenient, {}, &cases, "c9.csv");
    REQUIRE(s.cases_not_in_case_table == 2);
    REQUIRE(lenient.issues().missing_group == std::vector<std::uint64_t>{1, 1});
    DisparityAccumulator strict(spec);
    EventLogOptions strict_options;
    strict_options.strict = true;
    REQUIRE_THROWS_WITH(read_event_log_text(events, strict, strict_options, &cases, "c9.csv"),
                        "c9.csv:2:1: case \"c9\" is not in the case table (strict mode) (column \"case_id\")");

    REQUIRE_THROWS_WITH(read_case_table_text("case_id,migration_background,gender,municipality\na,x,f,U\na,y,m,U\n", spec, {}, {}, "t.csv"),
                        "t.csv:3:1: duplicate case id \"a\"");
    REQUIRE_THROWS_WITH(read_case_table_text("case_id,gender,municipality\na,f,U\n", spec, {}, {}, "t.csv"),
                        "t.csv:1:1: no column \"migration_background\" (groups) in the header (3 columns)");
}

TEST_CASE("a log with an outcome column instead of the next step", "[disparity]") {
    DisparitySpecOptions options;
    options.outcomes = {{"granted", false}, {"investigate", true}, {"rework", false}, {"refused", true}};
    auto spec = spec_with(options);
    REQUIRE(spec.next_kind() == NextKind::adverse_flag);
    DisparityAccumulator acc(spec);
    auto summary = read_event_log(log_path("outcome.csv"), acc);
    REQUIRE(summary.outcome_column == "outcome");
    require_fixture_counts(acc);

    DisparityAccumulator unknown(spec);
    read_event_log_text("case_id,step,outcome,migration_background,gender\nc1,check,maybe,none,f\n", unknown);
    REQUIRE(unknown.issues().unknown_outcome == 1);
    REQUIRE(unknown.issues().unknown_outcome_labels == std::vector<std::string>{"maybe"});
    EventLogOptions strict;
    strict.strict = true;
    DisparityAccumulator strict_acc(spec);
    REQUIRE_THROWS_WITH(read_event_log_text("case_id,step,outcome,migration_background,gender\nc1,check,maybe,none,f\n", strict_acc,
                                            strict, nullptr, "o.csv"),
                        "o.csv:2:10: outcome \"maybe\" is not in the outcome mapping (strict mode) (column \"outcome\")");
}

TEST_CASE("malformed logs: clear errors with file, line and column", "[disparity]") {
    auto spec = spec_with();
    auto error_of = [&](const std::string& text, EventLogOptions options = {}, const std::string& name = "bad.csv") {
        DisparityAccumulator acc(spec);
        try {
            read_event_log_text(text, acc, options, nullptr, name);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string header = "case_id,step,next_step,migration_background,gender\n";
    REQUIRE(error_of(header + "c1,intake,check,none,f\nc1,check,approve,none\n") ==
            "bad.csv:3:22: expected 5 fields (as in the header), found 4");
    REQUIRE(error_of(header + "c1,intake,check,none,f,extra\n") == "bad.csv:2:24: expected 5 fields (as in the header), found 6");
    REQUIRE(error_of(header + "c1,intake,check,\"none,f\n") == "bad.csv:2:17: unterminated quoted field");
    REQUIRE(error_of(header + "c1,intake,check,no\"ne,f\n") ==
            "bad.csv:2:19: quote inside an unquoted field (quote the whole field and double the quote)");
    REQUIRE(error_of(header + "c1,intake,check,\"none\"x,f\n") ==
            "bad.csv:2:23: unexpected character after a closing quote (a quote inside a field must be doubled)");
    REQUIRE(error_of("case_id,next_step,migration_background,gender\n") ==
            "bad.csv:1:1: no step column (\"concept:name\" or \"step\") in the header (4 columns)");
    REQUIRE(error_of("case_id,step,next_step,gender\n") ==
            "bad.csv:1:1: no column \"migration_background\" (groups of ground race) in the header (4 columns)");
    REQUIRE(error_of("case_id,Step,next_step,migration_background,gender\n") ==
            "bad.csv:1:1: no step column (\"concept:name\" or \"step\") in the header (5 columns); a column differs only "
            "in case: \"Step\"");
    // A file without a header row: its first record is read as the header, and no field of it is repeated.
    REQUIRE(error_of("c1,check,approve,Jan de Vries,1971-03-02,Kerkstraat 12 Zwolle,BSN 123456782\n") ==
            "bad.csv:1:1: no step column (\"concept:name\" or \"step\") in the header (7 columns)");
    REQUIRE(error_of("case_id,step,step,migration_background,gender\n") == "bad.csv:1:14: duplicate column \"step\"");
    REQUIRE(error_of("") == "bad.csv:1:1: empty file: expected a header row");

    // Derived next steps need the events of a case in time order; a case may be interleaved with others, but not go
    // on after it reached an end step of the model.
    const std::string pm = "case:concept:name,concept:name,time:timestamp,case:migration_background,case:gender\n";
    REQUIRE(error_of(pm + "c1,intake,2024-01-01T08:00,none,f\nc2,intake,2024-01-01T09:00,none,f\nc1,check,2024-01-01T10:00,none,f\n") ==
            "no error");
    REQUIRE(error_of(pm + "c1,check,2024-01-01T08:00,none,f\nc1,approve,2024-01-01T08:30,none,f\n"
                          "c2,intake,2024-01-01T09:00,none,f\nc1,check,2024-01-01T10:00,none,f\n") ==
            "bad.csv:5:1: events of case \"c1\" go on after the case reached an end step of the model earlier in the file. "
            "Sort the log by case and time, or give a next-step column (column \"case:concept:name\")");
    REQUIRE(error_of(pm + "c1,intake,2024-01-01T09:00,none,f\nc1,check,2024-01-01T08:00,none,f\n") ==
            "bad.csv:3:10: events of case \"c1\" are not in time order (\"2024-01-01T08:00\" after \"2024-01-01T09:00\"). "
            "Sort the log by case and time, or give a next-step column (column \"time:timestamp\")");

    // Limits.
    EventLogOptions small;
    small.limits.max_field_bytes = 20; // the header's longest name, migration_background, has 20 bytes
    REQUIRE(error_of(header + "c1,intake,check,none_of_these_groups_at_all,f\n", small) ==
            "bad.csv:2:17: field longer than the limit of 20 bytes (max_field_bytes)");
    small.limits.max_field_bytes = 1000;
    small.limits.max_line_bytes = 60; // the header has 50 bytes
    REQUIRE(error_of(header + "c1,intake,check,none,f\nc1,intake,check," + std::string(50, 'x') + ",f\n", small) ==
            "bad.csv:3:1: record longer than the limit of 60 bytes (max_line_bytes)");

    // JSON lines.
    REQUIRE(error_of("{\"case_id\": \"c1\", \"step\": \"intake\", \"next_step\": \"check\", \"migration_background\": \"none\", "
                     "\"gender\": \"f\"}\n{\"case_id\": \"c1\", \"step\": }\n",
                     {}, "bad.jsonl") == "bad.jsonl:2:27: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    REQUIRE(error_of("[1, 2]\n", {}, "bad.jsonl") == "bad.jsonl:1:1: expected one JSON object per line, found an array");
    REQUIRE(error_of("{\"case_id\": \"c1\", \"step\": [\"x\"], \"next_step\": \"check\", \"migration_background\": \"none\", \"gender\": \"f\"}\n",
                     {}, "bad.jsonl") == "bad.jsonl:1:19: member \"step\" must be a string, number or boolean, found an array");
}

TEST_CASE("unknown steps, flows and missing groups are counted, not dropped; strict mode makes them errors", "[disparity]") {
    auto spec = spec_with();
    const std::string log = "case_id,step,next_step,migration_background,gender\n"
                            "c1,intake,check,none,f\n"
                            "c1,check,approve,,f\n"       // missing race: counted for sex only
                            "c2,intak,check,none,m\n"     // unknown step
                            "c2,check,reject,none,m\n"    // flow not in the model
                            "c3,check,aprove,none,m\n"    // unknown next step
                            "c3,check,investigate,none,m\n";
    DisparityAccumulator acc(spec);
    read_event_log_text(log, acc);
    const auto& issues = acc.issues();
    REQUIRE(issues.rows == 6);
    REQUIRE(issues.passages == 2);
    REQUIRE(issues.not_decision_point == 1);
    REQUIRE(issues.unknown_step == 1);
    REQUIRE(issues.flow_not_in_model == 1);
    REQUIRE(issues.unknown_next_step == 1);
    REQUIRE(issues.missing_group == std::vector<std::uint64_t>{1, 0});
    REQUIRE(issues.unknown_step_labels == std::vector<std::string>{"aprove", "intak"});
    REQUIRE(acc.total(decision(spec, "check"), 0, group(acc, 0, "none")) == CellCount{1, 1});
    REQUIRE(acc.total(decision(spec, "check"), 1, group(acc, 1, "f")) == CellCount{1, 0});

    auto strict_error = [&](const std::string& text) {
        EventLogOptions options;
        options.strict = true;
        DisparityAccumulator strict(spec);
        try {
            read_event_log_text(text, strict, options, nullptr, "s.csv");
        } catch (const ParseError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string header = "case_id,step,next_step,migration_background,gender\n";
    REQUIRE(strict_error(header + "c2,intak,check,none,m\n") == "s.csv:2:4: unknown step \"intak\" (strict mode) (column \"step\")");
    REQUIRE(strict_error(header + "c2,check,reject,none,m\n") ==
            "s.csv:2:10: the model has no flow from \"check\" to \"reject\" (strict mode) (column \"next_step\")");
    REQUIRE(strict_error(header + "c2,check,aprove,none,m\n") ==
            "s.csv:2:10: unknown next step \"aprove\" (strict mode) (column \"next_step\")");
    REQUIRE(strict_error(header + "c2,check,approve,,m\n") ==
            "s.csv:2:18: no group for ground \"race\" (strict mode) (column \"migration_background\")");
    REQUIRE(strict_error("case:concept:name,concept:name,case:migration_background,case:gender\nc1,check,none,f\nc1,reject,none,f\n") ==
            "s.csv:3:4: the model has no flow from \"check\" to \"reject\" (strict mode) (column \"concept:name\")");
}

TEST_CASE("nothing read before a bad row is lost", "[disparity]") {
    auto spec = spec_with();
    std::string log = "case_id,step,next_step,migration_background,gender\n";
    for (int i = 0; i < 50; ++i) log += "c" + std::to_string(i) + ",check," + (i % 5 == 0 ? "investigate" : "approve") + ",none,f\n";
    log += "c50,check,approve,none\n"; // one field short
    log += "c51,check,approve,none,f\n";
    DisparityAccumulator acc(spec);
    REQUIRE_THROWS_WITH(read_event_log_text(log, acc, {}, nullptr, "partial.csv"),
                        "partial.csv:52:23: expected 5 fields (as in the header), found 4");
    REQUIRE(acc.issues().rows == 50);
    REQUIRE(acc.total(decision(spec, "check"), 0, group(acc, 0, "none")) == CellCount{50, 10});

    // The same with several threads on a file: every range is merged before the error is thrown.
    std::string big = "case_id,step,next_step,migration_background,gender\n";
    for (int i = 0; i < 60000; ++i) big += "c" + std::to_string(i) + ",check,approve,none,f\n";
    big += "bad,check,approve,none\n";
    std::string path = std::string(ARTIKEL1_TEST_DATA) + "/../../build-partial-test.csv";
    path = "/tmp/artikel1_partial_" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << big;
    }
    EventLogOptions two;
    two.threads = 2;
    DisparityAccumulator threaded(spec);
    REQUIRE_THROWS_WITH(read_event_log(path, threaded, two), path + ":60002:23: expected 5 fields (as in the header), found 4");
    REQUIRE(threaded.total(decision(spec, "check"), 0, group(threaded, 0, "none")).n == 60000);
    std::remove(path.c_str());
}

TEST_CASE("the accumulator's typed-array interface", "[disparity]") {
    auto spec = spec_with();
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), other = acc.groups(0).intern("non_western");
    auto f = acc.groups(1).intern("f");
    std::int32_t check = spec.step_code("check"), investigate = spec.step_code("investigate"), approve = spec.step_code("approve");
    std::vector<std::int32_t> steps{check, check, check, approve};
    std::vector<std::int32_t> next{investigate, approve, approve, check};
    std::vector<std::int32_t> race{none, other, missing_code, none};
    std::vector<std::int32_t> sex{f, f, f, f};
    std::vector<std::span<const std::int32_t>> groups{race, sex};
    acc.add_batch(steps, next, groups);
    REQUIRE(acc.issues().rows == 4);
    REQUIRE(acc.issues().flow_not_in_model == 1);
    REQUIRE(acc.issues().missing_group == std::vector<std::uint64_t>{1, 0});
    REQUIRE(acc.total(0, 1, f) == CellCount{3, 1});
    REQUIRE_THROWS_WITH(acc.add_batch(steps, next, groups, {}, true), "row 2: missing group for ground \"race\" (strict mode)");
    std::vector<std::int32_t> bad{7, 0, 0, 0};
    std::vector<std::span<const std::int32_t>> bad_groups{bad, sex};
    REQUIRE_THROWS_WITH(acc.add_batch(steps, next, bad_groups),
                        "add: group code 7 is not in the dictionary of ground \"race\" (2 groups)");
    std::vector<std::int32_t> short_column{0};
    std::vector<std::span<const std::int32_t>> short_groups{short_column, sex};
    REQUIRE_THROWS_WITH(acc.add_batch(steps, next, short_groups), "add_batch: group column 0 has 1 rows, the step column 4");

    // Events in case order: the next step is derived.
    DisparityAccumulator events(spec);
    auto n2 = events.groups(0).intern("none");
    auto f2 = events.groups(1).intern("f");
    std::vector<std::int64_t> cases{1, 1, 1, 2, 2};
    std::vector<std::int32_t> event_steps{spec.step_code("intake"), check, approve, spec.step_code("intake"), check};
    std::vector<std::int32_t> r2(5, n2), s2(5, f2);
    std::vector<std::span<const std::int32_t>> g2{r2, s2};
    EventSequencer sequencer(events);
    sequencer.add_batch(cases, event_steps, g2);
    sequencer.finish();
    REQUIRE(events.issues().rows == 5);
    REQUIRE(events.issues().passages == 1);
    REQUIRE(events.issues().ended_at_decision_point == 1); // case 2 is still at check
}

TEST_CASE("line numbers count \\n, \\r\\n and a lone \\r alike, from memory, from a file and with threads", "[disparity]") {
    auto spec = spec_with();
    // Blank lines ended by a lone \r, a header ended by \r\n, a quoted group with a \r inside (not a line end), then
    // enough rows (over 2 MiB) for two threads, and a bad row.
    std::string log = "\r\r\rcase_id,step,next_step,migration_background,gender\r\n";
    log += "c0,intake,check,\"non\rwestern\",f\n";
    for (int i = 1; i < 100000; ++i) log += "c" + std::to_string(i) + ",check,approve,none,f\n";
    log += "bad,check,approve,none\n";
    const std::string expected = ":100005:23: expected 5 fields (as in the header), found 4";
    DisparityAccumulator from_memory(spec);
    REQUIRE_THROWS_WITH(read_event_log_text(log, from_memory, {}, nullptr, "lines.csv"), "lines.csv" + expected);

    std::string path = "/tmp/artikel1_lines_" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << log;
    }
    for (unsigned threads : {1u, 2u}) {
        EventLogOptions options;
        options.threads = threads;
        DisparityAccumulator from_file(spec);
        REQUIRE_THROWS_WITH(read_event_log(path, from_file, options), path + expected);
        REQUIRE(from_file.issues().rows == 100000);
    }
    std::remove(path.c_str());
}

TEST_CASE("groups repeated from the previous record are the same groups, whatever came between", "[disparity]") {
    auto spec = spec_with();
    // Plain records with the same group bytes, a quoted record between them, and groups of equal length that differ.
    const std::string log = "case_id,step,next_step,migration_background,gender\n"
                            "c1,check,approve,none,f\n"
                            "c2,check,approve,none,f\n"
                            "c3,check,investigate,\"non_western\",m\n"
                            "c4,check,investigate,non_western,m\n"
                            "c5,check,approve,none,f\n"
                            "c6,check,approve,none,m\n"
                            "c7,check,investigate,enon,m\n";
    DisparityAccumulator acc(spec);
    read_event_log_text(log, acc);
    std::size_t check = decision(spec, "check");
    REQUIRE(acc.total(check, 0, group(acc, 0, "none")) == CellCount{4, 0});
    REQUIRE(acc.total(check, 0, group(acc, 0, "non_western")) == CellCount{2, 2});
    REQUIRE(acc.total(check, 0, group(acc, 0, "enon")) == CellCount{1, 1});
    REQUIRE(acc.total(check, 1, group(acc, 1, "f")) == CellCount{3, 0});
    REQUIRE(acc.total(check, 1, group(acc, 1, "m")) == CellCount{4, 3});
}
