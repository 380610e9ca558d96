// SPDX-License-Identifier: EUPL-1.2
// The assessment's writers (report/csv.hpp, text.hpp, markdown.hpp, dot.hpp) on docs/method.md's worked example,
// whose numbers are computed by hand there: select / race scores 32.7 (medium) from likelihood 0.595 and impact 0.55,
// its largest source the postcode proxy of 0.50.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/report/csv.hpp>
#include <artikel1/report/dot.hpp>
#include <artikel1/report/markdown.hpp>
#include <artikel1/report/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using json = nlohmann::ordered_json;

namespace report_writers_test {

const artikel1::Process& writers_process() {
    static const auto process =
        artikel1::load_process(artikel1::KnowledgeBase::read_file(test::source_path("tests/data/worked-example.json")), test::worked_kb());
    return process;
}

const artikel1::Assessment& writers_assessment() {
    static const auto a = artikel1::assess(writers_process(), test::worked_kb());
    return a;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

/// The line of `text` that starts with `prefix` ("" when there is none).
std::string line_with_prefix(const std::string& text, const std::string& prefix) {
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        if (text.compare(start, prefix.size(), prefix) == 0) return text.substr(start, end - start);
        start = end + 1;
    }
    return "";
}

} // namespace report_writers_test

TEST_CASE("the CSV of an assessment: one row per step and ground with the hand-computed numbers", "[report]") {
    using namespace report_writers_test;
    const auto& a = writers_assessment();
    const std::string csv = artikel1::report::to_csv(a, test::worked_kb());
    CHECK(csv.substr(0, csv.find('\n')) ==
          "step,step_name,ground,score,level,likelihood,impact,top_source,top_value,top_detail,robust_low,robust_high,level_holds");
    CHECK(count_of(csv, "\n") == 1 + a.steps.size() * a.grounds.size());
    // select / race is the row of the worked example: 32.7, medium, 0.595 x 0.55, the postcode proxy of 0.50 on top.
    std::string select_race;
    for (std::size_t at = csv.find("\nselect,"); at != std::string::npos; at = csv.find("\nselect,", at + 1)) {
        std::string line = csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
        if (line.find(",race,") != std::string::npos) select_race = line;
    }
    REQUIRE(!select_race.empty());
    CHECK(select_race.find(",race,32.7,medium,0.5950,0.5500,proxy,0.5000,") != std::string::npos);
    const auto& s = a.at("select", "race");
    CHECK_THAT(select_race, Catch::EndsWith("," + artikel1::report::fixed(s.robustness.low) + "," +
                                             artikel1::report::fixed(s.robustness.high) + "," +
                                             (s.level_holds() ? "true" : "false")));
}

TEST_CASE("the text report: the worked example's risk, colours only when asked, Dutch numbers with a comma", "[report]") {
    using namespace report_writers_test;
    const auto& a = writers_assessment();
    artikel1::report::ReportOptions plain;
    const std::string text = artikel1::report::to_text(writers_process(), a, test::worked_kb(), plain);
    CHECK(text.find("32.7") != std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);
    artikel1::report::ReportOptions coloured = plain;
    coloured.colour = true;
    CHECK(artikel1::report::to_text(writers_process(), a, test::worked_kb(), coloured).find("\x1b[") != std::string::npos);
    artikel1::report::ReportOptions dutch = plain;
    dutch.language = artikel1::Language::nl;
    const std::string nl = artikel1::report::to_text(writers_process(), a, test::worked_kb(), dutch);
    CHECK(nl.find("32,7") != std::string::npos);
    CHECK(nl.find("32.7") == std::string::npos);
}

TEST_CASE("the Markdown report: the worked example's risk in a table row, the date only when given", "[report]") {
    using namespace report_writers_test;
    const auto& a = writers_assessment();
    artikel1::report::ReportOptions options;
    const std::string md = artikel1::report::to_markdown(writers_process(), a, test::worked_kb(), options);
    CHECK(md.rfind("# ", 0) == 0);
    CHECK(md.find("32.7") != std::string::npos);
    CHECK(md.find("2026-12-02") == std::string::npos);
    options.date = "2026-12-02";
    CHECK(artikel1::report::to_markdown(writers_process(), a, test::worked_kb(), options).find("2026-12-02") != std::string::npos);
}

TEST_CASE("the Graphviz graph: every step a node in the colour of its level, every flow an edge", "[report]") {
    using namespace report_writers_test;
    const auto& a = writers_assessment();
    const std::string dot = artikel1::report::to_dot(writers_process(), a);
    CHECK(dot.rfind("digraph ", 0) == 0);
    CHECK(dot.back() == '\n');
    CHECK(count_of(dot, " -> ") == writers_process().flows.size());
    for (const auto& step : writers_process().steps) CHECK(dot.find("\"" + step.id + "\"") != std::string::npos);
    // select's highest score is at least the medium of race, so it is not drawn in the colour of "low".
    const std::string select = line_with_prefix(dot, "  \"select\"");
    REQUIRE(!select.empty());
    CHECK(select.find(artikel1::report::level_colour(0)) == std::string::npos);
}
