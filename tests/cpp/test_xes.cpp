// SPDX-License-Identifier: EUPL-1.2
// XES event logs: the same counts as the process-mining CSV (fixture and generated logs), gzip, lifecycle
// transitions, attributes of events and traces, and every error with its position.
#include "test_support.hpp"

#include <artikel1/event_log.hpp>
#include <artikel1/xes_writer.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>
#include <zlib.h>

using namespace artikel1;

namespace xes_test {

std::string log_file(const std::string& name) { return std::string(ARTIKEL1_TEST_DATA) + "/logs/" + name; }
std::string xes_scratch(const std::string& name) { return "/tmp/artikel1_xes_" + std::to_string(::getpid()) + "_" + name; }

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

DisparitySpec fixture_spec() {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    return DisparitySpec(test::log_model(), options);
}

std::string xes_table(const DisparityAccumulator& acc) {
    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    return to_json(compute_disparity(acc, keep_all)).dump(2);
}

// A small XES document: `traces` inside <log>, with the XML declaration.
std::string xes(const std::string& traces) {
    return "<?xml version=\"1.0\"?>\n<log xes.version=\"1849-2016\">\n" + traces + "</log>\n";
}

std::string xes_error(const std::string& text, const DisparitySpec& spec, EventLogOptions options = {}) {
    DisparityAccumulator acc(spec);
    try {
        read_event_log_text(text, acc, options, nullptr, "log.xes");
    } catch (const std::exception& e) {
        return e.what();
    }
    return "no error";
}

} // namespace xes_test

TEST_CASE("an XES log gives the table of the same log as process-mining CSV, byte for byte", "[xes]") {
    using namespace xes_test;
    auto spec = fixture_spec();
    DisparityAccumulator csv(spec), plain(spec), gzip(spec), memory(spec);
    read_event_log(log_file("pm.csv"), csv);
    auto s = read_event_log(log_file("pm.xes"), plain);
    REQUIRE(s.format == "xes");
    REQUIRE(s.events == 14); // 28 events, the 14 with lifecycle:transition start are not counted
    REQUIRE(s.bytes == contents(log_file("pm.xes")).size());
    REQUIRE(s.next_derived);
    REQUIRE(s.case_column == "case:concept:name");
    REQUIRE(s.step_column == "concept:name");
    REQUIRE(s.timestamp_column == "time:timestamp");
    REQUIRE(s.ground_columns == std::vector<std::string>{"migration_background", "gender"});
    auto z = read_event_log(log_file("pm.xes.gz"), gzip);
    REQUIRE(z.format == "xes.gz");
    REQUIRE(z.events == 14);
    read_event_log_text(contents(log_file("pm.xes")), memory, {}, nullptr, "pm.xes");
    const std::string expected = xes_table(csv);
    REQUIRE(xes_table(plain) == expected);
    REQUIRE(xes_table(gzip) == expected);
    REQUIRE(xes_table(memory) == expected);
    REQUIRE(plain.issues().rows == 14);
    REQUIRE(plain.issues().passages == 6);

    // The PM4Py name of a trace attribute selects it as well.
    DisparitySpecOptions named;
    named.grounds = {{"case:migration_background", "race"}, {"case:gender", "sex"}};
    DisparitySpec case_spec(test::log_model(), named);
    DisparityAccumulator by_case_name(case_spec), csv_by_case_name(case_spec);
    read_event_log(log_file("pm.xes"), by_case_name);
    read_event_log(log_file("pm.csv"), csv_by_case_name);
    REQUIRE(xes_table(by_case_name) == xes_table(csv_by_case_name));
}

TEST_CASE("a generated log written as XES and as process-mining CSV gives the same table", "[xes]") {
    using namespace xes_test;
    LogGeneratorOptions options;
    options.cases = 4000;
    options.seed = 7;
    options.grounds = {{"migration_background", "race", {{"none", 0.7}, {"western", 0.1}, {"non_western", 0.2}}},
                       {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
    options.strata = {"municipality", "municipality", {{"Utrecht", 2}, {"Zwolle", 1}}};
    options.planted = {{"check", "race", "non_western", 1.5}};
    auto csv_path = xes_scratch("generated.csv"), xes_path = xes_scratch("generated.xes"), gz_path = xes_scratch("generated.xes.gz");
    std::FILE* file = std::fopen(csv_path.c_str(), "wb");
    auto csv_events = write_log_csv(test::log_model(), options, file, LogStyle::process_mining);
    std::fclose(file);
    file = std::fopen(xes_path.c_str(), "wb");
    auto xes_events = write_log_xes(test::log_model(), options, file);
    std::fclose(file);
    REQUIRE(xes_events == csv_events);
    { // the same document gzip-compressed
        std::string text = contents(xes_path);
        gzFile out = gzopen(gz_path.c_str(), "wb");
        REQUIRE(gzwrite(out, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
        gzclose(out);
    }
    DisparitySpecOptions spec_options;
    spec_options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    spec_options.intersections = {{"race", "sex"}};
    spec_options.strata_column = "municipality";
    DisparitySpec spec(test::log_model(), spec_options);
    DisparityAccumulator from_csv(spec), from_xes(spec), from_gz(spec);
    read_event_log(csv_path, from_csv);
    EventLogOptions small_blocks;
    small_blocks.limits.block_bytes = 1000; // elements span blocks
    REQUIRE(read_event_log(xes_path, from_xes, small_blocks).events == csv_events);
    REQUIRE(read_event_log(gz_path, from_gz, small_blocks).events == csv_events);
    REQUIRE(from_csv.issues().passages > 4000);
    REQUIRE(xes_table(from_xes) == xes_table(from_csv));
    REQUIRE(xes_table(from_gz) == xes_table(from_csv));
    for (const auto& path : {csv_path, xes_path, gz_path}) std::remove(path.c_str());
}

TEST_CASE("XES: lifecycle transitions, event attributes, outcome and next-step attributes", "[xes]") {
    using namespace xes_test;
    auto spec = fixture_spec();
    // Every event counted: a start and a complete event of the same step follow each other, and the model has no
    // flow from a step to itself.
    EventLogOptions all;
    all.lifecycle.clear();
    DisparityAccumulator every(spec);
    REQUIRE(read_event_log(log_file("pm.xes"), every, all).events == 28);
    REQUIRE(every.issues().flow_not_in_model == 14);
    // Only the start events: the counts of the complete ones, as both carry the same steps.
    EventLogOptions starts;
    starts.lifecycle = "START";
    DisparityAccumulator start(spec), complete(spec);
    REQUIRE(read_event_log(log_file("pm.xes"), start, starts).events == 14);
    read_event_log(log_file("pm.xes"), complete);
    REQUIRE(xes_table(start) == xes_table(complete));

    // A group as an event attribute (it wins over the trace attribute of the same key), an event without one
    // taking the trace's; the next step as an event attribute; no case id needed then.
    const std::string text = xes(
        "<trace><string key=\"gender\" value=\"f\"/>"
        "<event><string key=\"concept:name\" value=\"check\"/><string key=\"next\" value=\"approve\"/>"
        "<string key=\"migration_background\" value=\"none\"/></event>"
        "<event><string key=\"concept:name\" value=\"check\"/><string key=\"next\" value=\"investigate\"/>"
        "<string key=\"migration_background\" value=\"western\"/><string key=\"gender\" value=\"m\"/></event></trace>");
    EventLogOptions next;
    next.next_column = "next";
    DisparityAccumulator acc(spec);
    auto s = read_event_log_text(text, acc, next, nullptr, "next.xes");
    REQUIRE_FALSE(s.next_derived);
    REQUIRE(s.next_column == "next");
    const auto d = static_cast<std::size_t>(spec.decision_index(spec.step_code("check")));
    const auto none = acc.groups(0).find("none"), western = acc.groups(0).find("western");
    const auto f = acc.groups(1).find("f"), m = acc.groups(1).find("m");
    REQUIRE(acc.count(d, 0, none).n == 1);
    REQUIRE(acc.count(d, 0, none).adverse == 0);
    REQUIRE(acc.count(d, 0, western).adverse == 1);
    REQUIRE(acc.count(d, 1, f).n == 1);
    REQUIRE(acc.count(d, 1, m).adverse == 1);

    // An outcome attribute of the events, for a spec with an outcome mapping.
    DisparitySpecOptions with_outcome;
    with_outcome.grounds = {{"case:gender", "sex"}};
    with_outcome.outcomes = {{"granted", false}, {"refused", true}};
    DisparitySpec outcome_spec(test::log_model(), with_outcome);
    DisparityAccumulator outcomes(outcome_spec);
    read_event_log_text(xes("<trace><string key=\"concept:name\" value=\"a\"/><string key=\"gender\" value=\"m\"/>"
                            "<event><string key=\"concept:name\" value=\"check\"/><string key=\"outcome\" value=\"refused\"/></event>"
                            "</trace><trace><string key=\"concept:name\" value=\"b\"/><string key=\"gender\" value=\"m\"/>"
                            "<event><string key=\"concept:name\" value=\"check\"/><string key=\"outcome\" value=\"granted\"/></event>"
                            "</trace>"),
                        outcomes, {}, nullptr, "outcome.xes");
    const auto male = outcomes.groups(0).find("m");
    REQUIRE(outcomes.count(d, 0, male).n == 2);
    REQUIRE(outcomes.count(d, 0, male).adverse == 1);
}

TEST_CASE("XES errors name the line and column and quote at most one token", "[xes]") {
    using namespace xes_test;
    auto spec = fixture_spec();
    REQUIRE(xes_error("<log><trace></log>", spec) == "log.xes:1:15: not a well-formed XES document: mismatched tag");
    REQUIRE(xes_error("", spec) == "log.xes:1:1: not a well-formed XES document: no element found");
    REQUIRE(xes_error("<?xml version=\"1.0\"?>\n<events/>", spec) ==
            "log.xes:2:1: expected the root element log of an XES document, found \"events\"");
    REQUIRE(xes_error("<!DOCTYPE log [<!ENTITY a \"b\">]><log/>", spec) ==
            "log.xes:1:15: a document type declaration is not accepted in the XES document");
    REQUIRE(xes_error(xes("<trace><string key=\"concept:name\" value=\"c1\"/><event><string key=\"concept:name\" value=\"intake\"/></event>\n"
                         "<string key=\"gender\" value=\"f\"/></trace>"),
                     spec) == "log.xes:4:1: trace attribute \"gender\" after the trace's first event (XES puts a "
                              "trace's attributes before its events)");
    REQUIRE(xes_error(xes("  <trace><event><string key=\"concept:name\" value=\"intake\"/></event></trace>"), spec) ==
            "log.xes:3:3: trace without a case id (attribute \"concept:name\")");
    EventLogOptions strict;
    strict.strict = true;
    REQUIRE(xes_error(xes("<trace><string key=\"concept:name\" value=\"c1\"/>\n <event><string key=\"concept:name\" value=\"" +
                         std::string(70, 'x') + "\"/></event></trace>"),
                     spec, strict) ==
            "log.xes:4:2: unknown step \"" + std::string(60, 'x') + "...\" (strict mode) (attribute \"concept:name\")");
    EventLogOptions tiny;
    tiny.limits.max_field_bytes = 4;
    REQUIRE(xes_error(xes("<trace><string key=\"concept:name\" value=\"case-1\"/></trace>"), spec, tiny) ==
            "log.xes:3:8: attribute \"concept:name\" longer than the limit of 4 bytes (max_field_bytes)");
    // Events of a case out of time order, and a case that comes back.
    REQUIRE(xes_error(xes("<trace><string key=\"concept:name\" value=\"c1\"/>"
                         "<event><string key=\"concept:name\" value=\"intake\"/><date key=\"time:timestamp\" value=\"2024-02-01\"/></event>\n"
                         "<event><string key=\"concept:name\" value=\"check\"/><date key=\"time:timestamp\" value=\"2024-01-01\"/></event></trace>"),
                     spec) == "log.xes:4:1: events of case \"c1\" are not in time order (\"2024-01-01\" after \"2024-02-01\"). "
                              "Sort the log by case and time, or give a next-step column (attribute \"time:timestamp\")");
    // A truncated gzip file.
    std::string gz = contents(log_file("pm.xes.gz"));
    auto path = xes_scratch("truncated.xes.gz");
    std::ofstream(path, std::ios::binary) << gz.substr(0, gz.size() / 2);
    DisparityAccumulator acc(spec);
    REQUIRE_THROWS_WITH(read_event_log(path, acc), path + ":1:1: the gzip data ends early (a truncated file)");
    std::remove(path.c_str());
}
