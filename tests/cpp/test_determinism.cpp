// SPDX-License-Identifier: EUPL-1.2
// Determinism: the same inputs give byte-identical assessment JSON and disparity tables (JSON and CSV) across runs,
// across separate loads of the same model and knowledge base, across threads, and across the thread counts of the
// multi-threaded event-log reader. (HTML and CSV reports of the command line are checked in tests/cli.)
#include "test_support.hpp"

#include <artikel1/assessment_json.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/log_generator.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <unistd.h>

using namespace artikel1;

namespace {

std::shared_ptr<const DisparitySpec> full_spec() {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    options.intersections = {{"race", "sex"}};
    options.strata_column = "municipality";
    return std::make_shared<const DisparitySpec>(test::log_model(), options);
}

LogGeneratorOptions generated(std::uint64_t cases) {
    LogGeneratorOptions options;
    options.cases = cases;
    options.seed = 42;
    options.grounds = {{"migration_background", "race", {{"none", 0.7}, {"western", 0.1}, {"non_western", 0.2}}},
                       {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
    options.strata = {"municipality", "municipality", {{"Utrecht", 2}, {"Zwolle", 1}, {"Assen", 1}}};
    options.planted = {{"check", "race", "non_western", 1.4}};
    return options;
}

std::string write_generated(const std::string& name, const LogGeneratorOptions& options, LogStyle style) {
    std::string path = "/tmp/artikel1_determinism_" + std::to_string(::getpid()) + "_" + name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    write_log_csv(test::log_model(), options, file, style);
    std::fclose(file);
    return path;
}

/// Every output of a table that must not vary: JSON (as the CLI writes it), CSV, and the links to an assessment.
struct TableOutputs {
    std::string json, csv, links;
    bool operator==(const TableOutputs&) const = default;
};

TableOutputs outputs_of(const DisparityAccumulator& acc) {
    static const Assessment assessment = assess(test::log_model(), test::kb());
    auto table = compute_disparity(acc);
    return {to_json(table).dump(2), to_csv(table), to_json(link(table, assessment)).dump(2)};
}

} // namespace

TEST_CASE("determinism: assessment JSON across runs, separate loads and threads", "[determinism]") {
    // A second knowledge base object with the same content: nothing may depend on addresses or load order.
    const auto kb_again = KnowledgeBase::from_json_text(KnowledgeBase::builtin().document().dump(), "copy");
    for (const auto& name : builtin_example_names()) {
        INFO(name);
        const std::string text(builtin_example_json(name));
        const Process first = load_process(text);
        const std::string expected = save_assessment(assess(first));
        REQUIRE(expected.find("\"schema\": \"artikel1/assessment/1\"") != std::string::npos);
        REQUIRE(save_assessment(assess(first)) == expected);
        REQUIRE(save_assessment(assess(load_process(text))) == expected);
        REQUIRE(save_assessment(assess(load_process(text, kb_again), kb_again)) == expected);
        // The saved model read back assesses the same.
        REQUIRE(save_assessment(assess(load_process(save_process(first)))) == expected);

        // Four threads assessing the one shared process at once.
        std::vector<std::string> results(4);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < results.size(); ++t) {
            threads.emplace_back([&, t] { results[t] = save_assessment(assess(first)); });
        }
        for (auto& thread : threads) thread.join();
        for (const auto& result : results) REQUIRE(result == expected);
    }
}

TEST_CASE("determinism: disparity tables across runs and reader thread counts 1, 2 and 4", "[determinism]") {
    auto spec = full_spec();
    auto options = generated(3000); // about 600 KB: with bytes_per_thread 64 KiB, up to 9 threads
    for (auto style : {LogStyle::process_mining, LogStyle::plain}) {
        INFO((style == LogStyle::plain ? "plain" : "process mining"));
        auto path = write_generated(style == LogStyle::plain ? "plain.csv" : "pm.csv", options, style);
        DisparityAccumulator single(spec);
        auto summary = read_event_log(path, single);
        REQUIRE(summary.threads == 1);
        const TableOutputs expected = outputs_of(single);
        // The table is not empty, has a stratified cell and a flagged one: the comparison below compares something.
        REQUIRE(expected.json.find("\"suppressed\": false") != std::string::npos);
        REQUIRE(expected.json.find("\"mantel_haenszel\"") != std::string::npos);
        REQUIRE(expected.json.find("\"flagged\": true") != std::string::npos);
        REQUIRE(std::count(expected.csv.begin(), expected.csv.end(), '\n') > 10);

        for (unsigned threads : {1u, 2u, 4u}) {
            for (int run = 0; run < 2; ++run) {
                EventLogOptions read_options;
                read_options.threads = threads;
                read_options.bytes_per_thread = 1 << 16;
                DisparityAccumulator acc(spec);
                auto s = read_event_log(path, acc, read_options);
                REQUIRE(s.threads == threads);
                REQUIRE(s.events == summary.events);
                const TableOutputs got = outputs_of(acc);
                REQUIRE(got.json == expected.json);
                REQUIRE(got.csv == expected.csv);
                REQUIRE(got.links == expected.links);
            }
        }
        std::remove(path.c_str());
    }
}

// A log of more than three ranges is cut into more ranges than threads (range_bytes or more each, taken by whichever
// thread is free): the table is the same, and an error in the last range still names its line in the whole file.
// Small ranges (64 KiB) keep the log small; the reader cuts a file of 24 MiB or more the same way by default.
TEST_CASE("determinism: a log cut into more ranges than threads", "[determinism]") {
    auto spec = full_spec();
    for (auto style : {LogStyle::process_mining, LogStyle::plain}) {
        INFO((style == LogStyle::plain ? "plain" : "process mining"));
        auto path = write_generated(style == LogStyle::plain ? "big-plain.csv" : "big-pm.csv", generated(8000), style);
        REQUIRE(std::filesystem::file_size(path) > (std::uintmax_t{5} << 16)); // more than 5 ranges of 64 KiB
        DisparityAccumulator single(spec);
        auto summary = read_event_log(path, single);
        const TableOutputs expected = outputs_of(single);
        for (unsigned threads : {2u, 3u}) {
            EventLogOptions options;
            options.threads = threads;
            options.bytes_per_thread = 1 << 14;
            options.range_bytes = 1 << 16;
            DisparityAccumulator acc(spec);
            auto s = read_event_log(path, acc, options);
            REQUIRE(s.threads == threads);
            REQUIRE(s.events == summary.events);
            REQUIRE(outputs_of(acc) == expected);
        }

        // A row with too few fields at the very end of the file.
        std::size_t lines = 0;
        {
            std::ifstream in(path, std::ios::binary);
            for (std::string line; std::getline(in, line);) ++lines;
        }
        {
            std::ofstream out(path, std::ios::binary | std::ios::app);
            out << "x\n";
        }
        auto read_failing = [&](unsigned threads) {
            EventLogOptions options;
            options.threads = threads;
            options.bytes_per_thread = 1 << 14;
            options.range_bytes = 1 << 16;
            DisparityAccumulator acc(spec);
            std::string message;
            try {
                read_event_log(path, acc, options);
            } catch (const ParseError& e) {
                message = e.what();
            }
            return std::make_pair(message, acc.issues().rows);
        };
        const auto [message, rows] = read_failing(2);
        REQUIRE(message.rfind(path + ":" + std::to_string(lines + 1) + ":2: expected ", 0) == 0);
        REQUIRE(read_failing(1) == std::make_pair(message, rows)); // the same rows counted before the error
        REQUIRE(rows + 1 >= single.issues().rows);                 // (a derived last event waits for its successor)
        std::remove(path.c_str());
    }
}

// The Mantel-Haenszel sums run over the strata in label order, so not even the last digits depend on the row order.
TEST_CASE("determinism: the table does not depend on the order of the rows", "[determinism]") {
    auto spec = full_spec();
    auto path = write_generated("order.csv", generated(3000), LogStyle::plain);
    std::string text;
    {
        std::FILE* file = std::fopen(path.c_str(), "rb");
        char buffer[1 << 16];
        while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file)) text.append(buffer, got);
        std::fclose(file);
        std::remove(path.c_str());
    }
    std::vector<std::string> rows;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        rows.push_back(text.substr(start, end - start + 1));
        start = end + 1;
    }
    DisparityAccumulator in_order(spec);
    read_event_log_text(text, in_order);
    const TableOutputs expected = outputs_of(in_order);

    // Plain rows carry their next step, so any order is the same log. Shuffled with fixed seeds. Without strata the
    // table is the same to the byte already.
    DisparitySpecOptions plain_options;
    plain_options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    plain_options.intersections = {{"race", "sex"}};
    auto no_strata = std::make_shared<const DisparitySpec>(test::log_model(), plain_options);
    DisparityAccumulator in_order_no_strata(no_strata);
    read_event_log_text(text, in_order_no_strata);
    const TableOutputs expected_no_strata = outputs_of(in_order_no_strata);
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        std::mt19937_64 rng(seed);
        std::shuffle(rows.begin() + 1, rows.end(), rng);
        std::string shuffled;
        for (const auto& row : rows) shuffled += row;
        DisparityAccumulator without(no_strata);
        read_event_log_text(shuffled, without);
        REQUIRE(outputs_of(without) == expected_no_strata);
        DisparityAccumulator acc(spec);
        read_event_log_text(shuffled, acc);
        REQUIRE(outputs_of(acc) == expected);
    }
}
