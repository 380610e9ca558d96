// SPDX-License-Identifier: EUPL-1.2
// The report's section of observed differences (report/observed_html.hpp, observed_markdown.hpp): numbers in the
// format of the language, the ratio axis, and that the section shows only what the published table holds.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/disparity_json.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/log_generator.hpp>
#include <artikel1/report/observed_html.hpp>
#include <artikel1/report/observed_markdown.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace artikel1;

namespace observed_report_test {

/// The example's own synthetic log (examples/logs/generate_log.cpp), counted straight into an accumulator.
DisparityTable example_table(const Process& process) {
    DisparitySpecOptions spec;
    spec.grounds = {{"migratieachtergrond", "race"}, {"geslacht", "sex"}};
    spec.strata_column = "gemeente";
    DisparityAccumulator acc(std::make_shared<const DisparitySpec>(process, spec));
    LogGeneratorOptions options;
    options.cases = 2000;
    options.seed = 19;
    options.grounds = {{"migratieachtergrond", "race", {{"geen", 0.70}, {"westers", 0.10}, {"niet-westers", 0.20}}},
                       {"geslacht", "sex", {{"vrouw", 0.52}, {"man", 0.47}, {"x", 0.01}}}};
    options.strata = {"gemeente", "", {{"Enschede", 0.5}, {"Hengelo", 0.3}, {"Almelo", 0.2}}};
    options.planted = {{"risicoselectie", "race", "niet-westers", 2.0}};
    generate_into(process, options, acc);
    return compute_disparity(acc);
}

} // namespace observed_report_test

TEST_CASE("observed numbers follow the language") {
    using report::observed_number;
    CHECK(observed_number(2.3226, 2, Language::en) == "2.32");
    CHECK(observed_number(2.3226, 2, Language::nl) == "2,32");
    CHECK(observed_number(-0.0001, 2, Language::nl) == "0,00"); // never "-0,00"
    CHECK(observed_number(-0.25, 2, Language::nl) == "-0,25");
    CHECK(observed_number(std::nan(""), 2, Language::nl) == "n.v.t.");
    CHECK(observed_number(INFINITY, 2, Language::en) == "n/a");
    CHECK(report::observed_interval(1.953, 2.7622, 2, Language::nl) == "[1,95; 2,76]");
    CHECK(report::observed_interval(1.953, 2.7622, 2, Language::en) == "[1.95, 2.76]");
    CHECK(report::observed_q(0.00004, Language::nl) == "< 0,0001");
    CHECK(report::observed_q(0.0123, Language::en) == "0.0123");
    CHECK(report::observed_percent(0.4477, Language::nl) == "44,8%");
    // A number that cannot be computed reads "n/a" in every cell, a percentage too (not "n/a%", not an empty cell).
    CHECK(report::observed_percent(std::nan(""), Language::en) == "n/a");
    CHECK(report::observed_share_of(0.1, 0.4, Language::en) == "25.0%");
    CHECK(report::observed_share_of(0.1, 0.0, Language::nl) == "n.v.t."); // the end-to-end ratio is 1: no shares
    CHECK(report::observed_share_of(0.1, -INFINITY, Language::en) == "n/a");
}

TEST_CASE("the section of the example's log shows the published table, and only that") {
    const Process process = builtin_example("bijstand-aanvraag");
    const Assessment a = assess(process, KnowledgeBase::builtin());
    const DisparityTable table = observed_report_test::example_table(process);
    REQUIRE(table.cells.size() == 29);
    REQUIRE(table.flagged_count() == 1);
    REQUIRE(table.suppressed_count() == 1);
    const DisparityTable published = disparity_table_from_json(to_json(table).dump());
    for (Language lang : {Language::nl, Language::en}) {
        // Written from the table itself or from its published JSON read back: the same bytes, so the writers read
        // nothing the JSON does not publish.
        CHECK(report::observed_html(table, &a, nullptr, lang) == report::observed_html(published, &a, nullptr, lang));
        CHECK(report::observed_markdown(table, &a, nullptr, lang) == report::observed_markdown(published, &a, nullptr, lang));
    }
    const std::string html = report::observed_html(published, &a, nullptr, Language::nl);
    auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(count("<svg class=\"forest\"") == 10);
    CHECK(count("<g class=\"point flagged\">") == 1);
    CHECK(count("<g class=\"withheld\">") == 1);
    CHECK(count("<g class=\"reference\">") == 9);
    const DisparityCell* flagged = table.find("risicoselectie", "race", "niet-westers");
    REQUIRE(flagged);
    CHECK(flagged->flagged);
    CHECK(html.find(report::observed_number(flagged->ratio, 2, Language::nl) + " " +
                    report::observed_interval(flagged->ratio_interval.lower, flagged->ratio_interval.upper, 2, Language::nl)) !=
          std::string::npos);
    // the axis: every published interval inside it, out to the ticks around them
    const auto axis = report::detail::ratio_axis(published);
    CHECK(axis.low == 0.05);
    CHECK(axis.high == 5.0);
}

TEST_CASE("a table without an assessment is shown by ids") {
    const Process process = builtin_example("bijstand-aanvraag");
    const DisparityTable table = observed_report_test::example_table(process);
    const std::string page = report::observed_html_document(table, nullptr, nullptr, Language::en, "2026-01-15");
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(page.find("<h3><code>risicoselectie</code></h3>") != std::string::npos);
    CHECK(page.find("Structural risk") == std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
}
