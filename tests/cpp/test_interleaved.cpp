// SPDX-License-Identifier: EUPL-1.2
// Event logs sorted by time with the events of many cases interleaved (as systems export them): read without
// sorting, the same table byte for byte as the log sorted by case, with memory for the cases open at once.
#include "test_support.hpp"

#include <artikel1/event_log.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

using namespace artikel1;

namespace interleaved_test {

using test::csv_field;
using test::joined;

std::string interleaved_table(const DisparityAccumulator& acc) {
    DisparityOptions keep_all;
    keep_all.min_cell = 1;
    return to_json(compute_disparity(acc, keep_all)).dump(2);
}

} // namespace interleaved_test

TEST_CASE("a time-sorted log with interleaved cases gives the table of the log sorted by case", "[disparity][interleaved]") {
    using namespace interleaved_test;
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    DisparitySpec spec(test::log_model(), options);

    // The fixture: c1, c2 and c3 on three days; ordered by the hour first, their events interleave.
    std::ifstream in(std::string(ARTIKEL1_TEST_DATA) + "/logs/pm.csv");
    std::stringstream s;
    s << in.rdbuf();
    auto lines = test::lines_of(s.str());
    std::vector<std::string> rows(lines.begin() + 1, lines.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const std::string& a, const std::string& b) { return csv_field(a, 2).substr(11) < csv_field(b, 2).substr(11); });
    REQUIRE(csv_field(rows[0], 0) == "c1");
    REQUIRE(csv_field(rows[1], 0) == "c2");
    REQUIRE(csv_field(rows[2], 0) == "c3");
    rows.insert(rows.begin(), lines[0]);
    DisparityAccumulator contiguous(spec), mixed(spec);
    auto c = read_event_log_text(s.str(), contiguous, {}, nullptr, "pm.csv");
    auto m = read_event_log_text(joined(rows), mixed, {}, nullptr, "mixed.csv");
    REQUIRE(c.most_open_cases == 0); // each case ends at an end step, before the next starts
    REQUIRE(m.most_open_cases == 3); // after 08:00 the three cases wait for their next events
    REQUIRE(interleaved_table(mixed) == interleaved_table(contiguous));
    REQUIRE(mixed.issues().passages == 6);
    REQUIRE(mixed.issues().flow_not_in_model == 0);
}

TEST_CASE("a generated log sorted by time reads as the same log sorted by case", "[disparity][interleaved]") {
    using namespace interleaved_test;
    LogGeneratorOptions options;
    options.cases = 3000;
    options.seed = 11;
    options.grounds = {{"migration_background", "race", {{"none", 0.7}, {"western", 0.1}, {"non_western", 0.2}}},
                       {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
    options.strata = {"municipality", "municipality", {{"Utrecht", 2}, {"Zwolle", 1}}};
    options.planted = {{"check", "race", "non_western", 1.4}};
    // Cases start 17 seconds apart and their events are an hour apart: sorted by time, hundreds overlap.
    std::string path = "/tmp/artikel1_interleaved_" + std::to_string(::getpid()) + ".csv";
    std::FILE* file = std::fopen(path.c_str(), "wb");
    write_log_csv(test::log_model(), options, file, LogStyle::process_mining);
    std::fclose(file);
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    auto lines = test::lines_of(s.str());
    std::vector<std::string> rows(lines.begin() + 1, lines.end());
    std::stable_sort(rows.begin(), rows.end(), [](const std::string& a, const std::string& b) { return csv_field(a, 2) < csv_field(b, 2); });
    // The most cases that have begun and not yet had their last event, over the sorted rows: an upper bound of the
    // cases the reader keeps open.
    std::map<std::string, std::size_t> last_row;
    for (std::size_t i = 0; i < rows.size(); ++i) last_row[csv_field(rows[i], 0)] = i;
    std::size_t active = 0, most_active = 0;
    std::map<std::string, bool> begun;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string id = csv_field(rows[i], 0);
        if (!begun[id]) {
            begun[id] = true;
            ++active;
        }
        most_active = std::max(most_active, active);
        if (last_row[id] == i) --active;
    }
    REQUIRE(most_active > 100);
    REQUIRE(most_active < 1000);
    rows.insert(rows.begin(), lines[0]);
    DisparitySpecOptions spec_options;
    spec_options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    spec_options.intersections = {{"race", "sex"}};
    spec_options.strata_column = "municipality";
    DisparitySpec spec(test::log_model(), spec_options);
    DisparityAccumulator contiguous(spec), mixed(spec);
    read_event_log(path, contiguous);
    auto m = read_event_log_text(joined(rows), mixed, {}, nullptr, "mixed.csv");
    REQUIRE(m.most_open_cases > 100);
    REQUIRE(m.most_open_cases <= most_active);
    REQUIRE(mixed.issues().rows == contiguous.issues().rows);
    REQUIRE(interleaved_table(mixed) == interleaved_table(contiguous));

    std::remove(path.c_str());
}
