// SPDX-License-Identifier: EUPL-1.2
// Observed disparity: the table (suppression, references, flags, Mantel-Haenszel), merging and serialisation,
// planted disparities found, the false-positive rate without any, multi-threaded reading, linking.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/log_generator.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/markdown.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <unistd.h>

using namespace artikel1;

namespace {

const Process& model() {
    static const Process process = load_process_file(std::string(ARTIKEL1_TEST_DATA) + "/logs/model.json", test::kb());
    return process;
}

DisparitySpec make_spec(bool intersections = false, bool strata = false) {
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    if (intersections) options.intersections = {{"race", "sex"}};
    if (strata) options.strata_column = "municipality";
    return DisparitySpec(model(), options);
}

LogGeneratorOptions generated(std::uint64_t cases, std::uint64_t seed, std::vector<PlantedDisparity> planted = {}) {
    LogGeneratorOptions options;
    options.cases = cases;
    options.seed = seed;
    options.grounds = {{"migration_background", "race", {{"none", 0.7}, {"western", 0.1}, {"non_western", 0.2}}},
                       {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
    options.planted = std::move(planted);
    return options;
}

std::string generated_csv(const LogGeneratorOptions& options, LogStyle style) {
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* memory = open_memstream(&data, &size);
    write_log_csv(model(), options, memory, style);
    std::fclose(memory);
    std::string text(data, size);
    std::free(data);
    return text;
}

std::string temp_path(const std::string& name) { return "/tmp/artikel1_" + std::to_string(::getpid()) + "_" + name; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string table_json(const DisparityAccumulator& acc) { return to_json(compute_disparity(acc)).dump(); }

/// `n` passages at check with these group codes (one per base ground), the first `adverse` of them investigated.
void add_at_check(DisparityAccumulator& acc, std::vector<std::int32_t> groups, int n, int adverse,
                  std::int32_t stratum = missing_code) {
    const auto& spec = acc.spec();
    std::int32_t check = spec.step_code("check"), approve = spec.step_code("approve"), investigate = spec.step_code("investigate");
    for (int i = 0; i < n; ++i) acc.add(check, i < adverse ? investigate : approve, groups, stratum);
}

} // namespace

TEST_CASE("the table: references, ratios, tests and flags on hand-made counts", "[disparity]") {
    auto spec = make_spec();
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), other = acc.groups(0).intern("non_western"), tiny = acc.groups(0).intern("tiny");
    auto f = acc.groups(1).intern("f");
    std::int32_t check = spec.step_code("check"), approve = spec.step_code("approve"), investigate = spec.step_code("investigate");
    auto add = [&](std::int32_t race, int n, int adverse) {
        std::vector<std::int32_t> groups{race, f};
        for (int i = 0; i < n; ++i) acc.add(check, i < adverse ? investigate : approve, groups);
    };
    auto western = acc.groups(0).intern("western");
    add(none, 200, 40);   // 20%
    add(other, 100, 40);  // 40%
    add(tiny, 9, 9);      // below min_cell
    add(western, 60, 15); // the smallest group that protects tiny: 9 + 15 adverse, 0 + 45 not (both >= 10)
    auto table = compute_disparity(acc);
    REQUIRE(table.options.min_cell == 10);
    const auto* ref = table.find("check", "race", "none");
    const auto* cell = table.find("check", "race", "non_western");
    const auto* small = table.find("check", "race", std::string(suppressed_groups_label));
    REQUIRE(ref->reference);
    REQUIRE(ref->n == 200);
    REQUIRE(ref->rate == Approx(0.2));
    REQUIRE(cell->compared);
    REQUIRE(cell->ratio == Approx(2.0));
    REQUIRE(cell->difference == Approx(0.2));
    REQUIRE(cell->ratio_interval.lower < 2.0);
    REQUIRE(cell->ratio_interval.upper > 2.0);
    REQUIRE(cell->p_value == Approx(stats::fisher_exact_two_sided(40, 60, 40, 160)));
    REQUIRE(cell->q_value == Approx(cell->p_value)); // the only comparison in the table
    REQUIRE(cell->p_value < 0.001);
    REQUIRE(cell->flagged);
    REQUIRE(small->suppressed);
    REQUIRE(small->other);
    REQUIRE(small->n == 0);
    REQUIRE_FALSE(small->compared);
    REQUIRE(small->no_comparison == "suppressed");
    // Neither tiny nor the group suppressed to protect it is shown by label.
    REQUIRE(table.find("check", "race", "tiny") == nullptr);
    REQUIRE(table.find("check", "race", "western") == nullptr);
    REQUIRE(table.cells.size() == 4); // race: non_western, none, other (suppressed); sex: f
    // The sex ground has a single group: its reference, nothing to compare.
    REQUIRE(table.find("check", "sex", "f")->reference);
    REQUIRE(table.flagged_count() == 1);
    // The text shows every published cell with its rate and Wilson interval (checked with statsmodels'
    // proportion_confint(method="wilson")), the ratio to the reference with its log-normal (Katz) interval and its q-value
    // (Fisher's p 0.000308 by scipy, the only comparison); the suppressed row as such.
    auto text = to_text(table);
    REQUIRE(text.find("Adverse rate per decision point, ground and group (95% interval):\n"
                      "  check / race\n"
                      "    non_western: n 100, adverse 40, 40.0% [30.9, 49.8], ratio 2.00 [1.39, 2.89], q 0.0003, flagged\n"
                      "    none: n 200, adverse 40, 20.0% [15.0, 26.1], reference\n"
                      "    other (suppressed): suppressed\n"
                      "  check / sex\n"
                      "    f: n 369, adverse 104, 28.2% [23.8, 33.0], reference\n") != std::string::npos);
    REQUIRE(to_text(table, Language::nl).find("    non_western: n 100, nadelig 40, 40,0% [30,9; 49,8], verhouding 2,00 [1,39; 2,89], "
                                              "q 0,0003, gemarkeerd\n") != std::string::npos);
    // The CSV at a fixed precision: six decimals for rates and ratios, four significant digits for p and q.
    auto csv_lines = lines_of(to_csv(table));
    REQUIRE(csv_lines.at(1).rfind("check,race,non_western,false,false,100,40,0.400000,0.309401,0.497997,", 0) == 0);

    // A configured reference group; when it is suppressed, no comparison is made.
    DisparityOptions options;
    options.reference_groups = {{"race", "tiny"}};
    auto with_tiny = compute_disparity(acc, options);
    REQUIRE(with_tiny.find("check", "race", "tiny") == nullptr);
    REQUIRE(with_tiny.find("check", "race", "none")->no_comparison == "reference suppressed");
    REQUIRE(with_tiny.find("check", "race", "non_western")->no_comparison == "reference suppressed");
    REQUIRE(with_tiny.flagged_count() == 0);
    options.reference_groups = {{"religion", "x"}};
    REQUIRE_THROWS_WITH(compute_disparity(acc, options), "reference group given for ground \"religion\", which is not analysed");
    DisparityOptions bad;
    bad.min_cell = 0;
    REQUIRE_THROWS_WITH(compute_disparity(acc, bad), "min_cell must be at least 1");
}

TEST_CASE("suppressed cells show no numbers in any output", "[disparity]") {
    auto spec = make_spec();
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), rare = acc.groups(0).intern("rare");
    auto f = acc.groups(1).intern("f");
    std::int32_t check = spec.step_code("check"), approve = spec.step_code("approve"), investigate = spec.step_code("investigate");
    for (int i = 0; i < 30; ++i) acc.add(check, i < 3 ? investigate : approve, std::vector<std::int32_t>{none, f});
    for (int i = 0; i < 7; ++i) acc.add(check, investigate, std::vector<std::int32_t>{rare, f});
    auto table = compute_disparity(acc);
    auto json = to_json(table);
    REQUIRE(json["schema"] == "artikel1/disparity/1");
    REQUIRE(json["min_cell"] == 10);
    // rare (7 passages, 7 adverse) is the total 37 minus none (30, 3 adverse): none is suppressed with it, and the
    // race row is one cell without a label.
    nlohmann::ordered_json race = nlohmann::ordered_json::array();
    for (const auto& cell : json["cells"]) {
        if (cell["ground"] == "race") race.push_back(cell);
    }
    REQUIRE(race == nlohmann::ordered_json::array({{{"step", "check"}, {"ground", "race"}, {"group", "other (suppressed)"},
                                                     {"suppressed", true}, {"other", true}}}));
    REQUIRE(json.dump().find("\"n\":7") == std::string::npos);
    REQUIRE(json.dump().find("rare") == std::string::npos);
    auto csv = to_csv(table);
    REQUIRE(csv.find("check,race,other (suppressed),true,,,,,,,,,,,,,,,,,,,\n") != std::string::npos); // 19 empty columns
    REQUIRE(csv.find("rare") == std::string::npos);
    REQUIRE(to_text(table).find("suppressed (n < 10, or protecting one) 1") != std::string::npos);
    // The sex ground's single group f has 37 passages: shown.
    REQUIRE(table.find("check", "sex", "f")->n == 37);
}

TEST_CASE("a planted disparity is found at its decision point and group, and nothing else is flagged", "[disparity]") {
    auto spec = make_spec(true);
    DisparityAccumulator acc(spec);
    generate_into(model(), generated(20000, 7, {{"check", "race", "non_western", 1.6}}), acc);
    auto table = compute_disparity(acc);
    const auto* planted = table.find("check", "race", "non_western");
    REQUIRE(planted->flagged);
    REQUIRE(planted->q_value < 0.05);
    REQUIRE(planted->ratio == Approx(1.6).margin(0.1));
    for (const auto& cell : table.cells) {
        bool in_planted_group = cell.step == "check" && (cell.ground == "race" || cell.ground == "race+sex") &&
                                cell.group.rfind("non_western", 0) == 0;
        INFO(cell.step << " " << cell.ground << " " << cell.group << " q " << cell.q_value << " ratio " << cell.ratio);
        if (in_planted_group) REQUIRE(cell.flagged);
        else REQUIRE_FALSE(cell.flagged);
    }
    REQUIRE(table.find("check", "race+sex", "non_western & f") != nullptr);
}

TEST_CASE("without a planted disparity, few seeds flag anything", "[disparity]") {
    // Under the global null, Benjamini-Hochberg at 5% controls the chance of any false discovery at about 5%
    // (FDR equals the family-wise error rate when every null is true); the four-fifths band only lowers it.
    // Over 200 seeds the share with any flagged cell should stay well under 10% (binomial sd about 1.5%).
    auto spec = make_spec();
    int seeds_with_flags = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        DisparityAccumulator acc(spec);
        generate_into(model(), generated(1500, seed), acc);
        if (compute_disparity(acc).flagged_count() > 0) ++seeds_with_flags;
    }
    INFO("seeds with a flagged cell: " << seeds_with_flags);
    REQUIRE(seeds_with_flags < 20);
}

TEST_CASE("merging parts gives the same table whatever the split", "[disparity]") {
    auto spec = make_spec(true);
    auto options = generated(3000, 11, {{"decide", "sex", "m", 1.4}});
    DisparityAccumulator whole(spec);
    generate_into(model(), options, whole);
    const std::string expected = table_json(whole);

    // Plain rows (each carries its next step): random splits into k parts.
    auto plain = lines_of(generated_csv(options, LogStyle::plain));
    std::string header = plain.front();
    std::mt19937_64 rng(5);
    for (int k : {2, 3, 7}) {
        std::vector<std::string> parts(static_cast<std::size_t>(k), header + "\n");
        for (std::size_t i = 1; i < plain.size(); ++i) parts[rng() % static_cast<std::size_t>(k)] += plain[i] + "\n";
        DisparityAccumulator merged(spec);
        for (const auto& part : parts) {
            DisparityAccumulator partial(spec);
            read_event_log_text(part, partial);
            merged.merge(partial);
        }
        REQUIRE(table_json(merged) == expected);
        REQUIRE(merged.issues() == whole.issues());
    }
    // Interleaved rows: part i takes rows i, i + k, ...
    {
        std::vector<std::string> parts(4, header + "\n");
        for (std::size_t i = 1; i < plain.size(); ++i) parts[i % 4] += plain[i] + "\n";
        DisparityAccumulator merged(spec);
        for (const auto& part : parts) {
            DisparityAccumulator partial(spec);
            read_event_log_text(part, partial);
            merged.merge(partial);
        }
        REQUIRE(table_json(merged) == expected);
    }
    // Process-mining rows (next step derived): split by case, parts merged in reverse order, through serialisation.
    auto pm = lines_of(generated_csv(options, LogStyle::process_mining));
    std::vector<std::string> by_case(3, pm.front() + "\n");
    for (std::size_t i = 1; i < pm.size(); ++i) {
        auto case_id = pm[i].substr(0, pm[i].find(','));
        by_case[std::hash<std::string>{}(case_id) % 3] += pm[i] + "\n";
    }
    DisparityAccumulator merged(spec);
    for (auto it = by_case.rbegin(); it != by_case.rend(); ++it) {
        DisparityAccumulator partial(spec);
        read_event_log_text(*it, partial);
        merged.merge(DisparityAccumulator::deserialise(spec, partial.serialise()));
    }
    REQUIRE(table_json(merged) == expected);
    REQUIRE(merged.issues() == whole.issues());
}

TEST_CASE("serialised counts round-trip and refuse another spec", "[disparity]") {
    auto spec = make_spec(true, true);
    auto options = generated(500, 3);
    options.strata = {"municipality", "municipality", {{"Utrecht", 1}, {"Zwolle", 1}}};
    DisparityAccumulator acc(spec);
    generate_into(model(), options, acc);
    acc.note_unknown_step_label("intak");
    auto text = acc.serialise();
    auto back = DisparityAccumulator::deserialise(spec, text);
    REQUIRE(back.serialise() == text);
    REQUIRE(table_json(back) == table_json(acc));
    REQUIRE(back.issues() == acc.issues());

    REQUIRE_THROWS_WITH(DisparityAccumulator::deserialise(make_spec(), text),
                        "/spec: the counts were made for a different process or different options");
    REQUIRE_THROWS_WITH(DisparityAccumulator::deserialise(spec, "{\"schema\": 1"),
                        "disparity counts:1:13: syntax error while parsing object - unexpected end of input; expected '}'");
    auto doc = nlohmann::ordered_json::parse(text);
    doc["cells"][0][1] = 99;
    REQUIRE_THROWS_WITH(DisparityAccumulator::deserialise(spec, doc.dump()), "/cells/0: cell out of range");
    DisparityAccumulator other(make_spec());
    REQUIRE_THROWS_WITH(acc.merge(other), "merge: the accumulators count different things (their specs differ)");
}

TEST_CASE("Mantel-Haenszel across strata", "[disparity]") {
    auto spec = make_spec(false, true);
    auto options = generated(6000, 21, {{"check", "race", "non_western", 1.5}});
    options.strata = {"municipality", "municipality", {{"Utrecht", 2}, {"Zwolle", 1}, {"Assen", 1}}};
    DisparityAccumulator acc(spec);
    generate_into(model(), options, acc);
    auto table = compute_disparity(acc);
    const auto* cell = table.find("check", "race", "non_western");
    REQUIRE(cell->stratified);
    REQUIRE(cell->mh_strata == 3);
    // The pooled odds ratio by hand: sum(a d / n) / sum(b c / n) over the strata.
    std::size_t check = static_cast<std::size_t>(spec.decision_index(spec.step_code("check")));
    auto group = acc.groups(0).find("non_western"), reference = acc.groups(0).find("none");
    double numerator = 0, denominator = 0;
    for (std::int32_t s = 0; s < 3; ++s) {
        auto g = acc.count(check, 0, group, s), r = acc.count(check, 0, reference, s);
        double a = static_cast<double>(g.adverse), b = static_cast<double>(g.n - g.adverse);
        double c = static_cast<double>(r.adverse), d = static_cast<double>(r.n - r.adverse), n = a + b + c + d;
        numerator += a * d / n;
        denominator += b * c / n;
    }
    REQUIRE(cell->mh_odds_ratio == Approx(numerator / denominator));
    REQUIRE(cell->mh_interval.lower < cell->mh_odds_ratio);
    REQUIRE(cell->mh_interval.upper > cell->mh_odds_ratio);
    auto json = to_json(table);
    bool found = false;
    for (const auto& c : json["cells"]) {
        if (c["group"] == "non_western" && c["ground"] == "race" && c["step"] == "check") {
            REQUIRE(c["mantel_haenszel"]["strata"] == 3);
            found = true;
        }
    }
    REQUIRE(found);
}

TEST_CASE("Mantel-Haenszel is withheld when a stratum table has a cell below min_cell", "[disparity]") {
    auto spec = make_spec(false, true);
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), other = acc.groups(0).intern("non_western");
    auto f = acc.groups(1).intern("f");
    auto zwolle = acc.strata().intern("Zwolle"), urk = acc.strata().intern("Urk");
    add_at_check(acc, {none, f}, 100, 20, zwolle);
    add_at_check(acc, {other, f}, 50, 20, zwolle);
    add_at_check(acc, {none, f}, 40, 8, urk);
    add_at_check(acc, {other, f}, 4, 2, urk); // non_western in Urk: 4 passages, not published, nor what is computed from them
    auto table = compute_disparity(acc);
    const auto* cell = table.find("check", "race", "non_western");
    REQUIRE(cell->n == 54);
    REQUIRE(cell->compared);
    REQUIRE_FALSE(cell->stratified);
    REQUIRE(cell->no_mantel_haenszel == "stratum below min_cell");
    auto json = to_json(table);
    for (const auto& c : json["cells"]) {
        if (c["group"] == "non_western") {
            REQUIRE(c["mantel_haenszel"].is_null());
            REQUIRE(c["no_mantel_haenszel"] == "stratum below min_cell");
        }
    }
    DisparityOptions one;
    one.min_cell = 1;
    REQUIRE(compute_disparity(acc, one).find("check", "race", "non_western")->mh_strata == 2);
}

TEST_CASE("secondary suppression: the rule on one relation", "[disparity][disclosure]") {
    using disclosure::Status;
    // 3 (1 adverse) is the known total minus the rest: the smallest cell that gives the suppressed ones 10 adverse
    // and 10 other decisions is suppressed with it.
    auto p = disclosure::protect({{3, 1}, {200, 40}, {100, 20}, {40, 5}}, {{{0, 1, 2, 3}, disclosure::known_total}}, 10);
    REQUIRE(p.protectable);
    REQUIRE(p.status == std::vector<Status>{Status::primary, Status::published, Status::secondary, Status::published});
    // No cell is enough alone (1 + 5 and 1 + 6 adverse are below 10): the one that covers most of the 9 adverse
    // and 8 other decisions missing is taken (30: 6 + 8 against 5 + 8), then the one that covers the rest (40).
    p = disclosure::protect({{3, 1}, {40, 5}, {30, 6}}, {{{0, 1, 2}, disclosure::known_total}}, 10);
    REQUIRE(p.status == std::vector<Status>{Status::primary, Status::secondary, Status::secondary});
    // Fewer than 10 adverse decisions in the whole relation: it cannot be protected.
    p = disclosure::protect({{3, 0}, {200, 5}}, {{{0, 1}, disclosure::known_total}}, 10);
    REQUIRE_FALSE(p.protectable);
    // A margin: cell 0 (the total of cells 1 and 2) is published; its part 1 is small, so part 2 goes with it.
    p = disclosure::protect({{100, 20}, {5, 1}, {95, 19}}, {{{1, 2}, 0}}, 10);
    REQUIRE(p.status == std::vector<Status>{Status::published, Status::primary, Status::secondary});
    // A suppressed total needs a suppressed part, holding what the parts have up to 10 of each.
    p = disclosure::protect({{9, 3}, {5, 1}, {4, 2}}, {{{1, 2}, 0}}, 10);
    REQUIRE(p.status == std::vector<Status>{Status::primary, Status::primary, Status::primary});
    // Nothing below min_cell: nothing suppressed.
    p = disclosure::protect({{10, 0}, {10, 10}}, {{{0, 1}, disclosure::known_total}}, 10);
    REQUIRE(p.status == std::vector<Status>{Status::published, Status::published});
}

TEST_CASE("an intersection cell is not its margin minus the rest", "[disparity][disclosure]") {
    auto spec = make_spec(true);
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), western = acc.groups(0).intern("western");
    auto f = acc.groups(1).intern("f"), m = acc.groups(1).intern("m");
    add_at_check(acc, {none, f}, 95, 19);
    add_at_check(acc, {none, m}, 5, 1); // = none (100, 20) - none & f (95, 19) if both were shown
    add_at_check(acc, {western, f}, 60, 15);
    add_at_check(acc, {western, m}, 70, 20);
    auto table = compute_disparity(acc);
    std::vector<std::string> shown;
    for (const auto& c : table.cells) {
        shown.push_back(c.ground + "/" + c.group + (c.suppressed ? "" : " " + std::to_string(c.n) + "/" + std::to_string(c.adverse)));
    }
    REQUIRE(shown == std::vector<std::string>{"race/none 100/20", "race/western 130/35", "sex/f 155/34", "sex/m 75/21",
                                              "race+sex/other (suppressed)"});
    REQUIRE(table.withheld_decision_points.empty());
}

TEST_CASE("a decision point with too few decisions to protect a small group is withheld", "[disparity][disclosure]") {
    auto spec = make_spec();
    DisparityAccumulator acc(spec);
    auto none = acc.groups(0).intern("none"), rare = acc.groups(0).intern("rare");
    auto f = acc.groups(1).intern("f");
    add_at_check(acc, {none, f}, 200, 6);
    add_at_check(acc, {rare, f}, 2, 2);
    auto table = compute_disparity(acc);
    REQUIRE(table.withheld_decision_points == std::vector<std::string>{"check"});
    REQUIRE(table.cells.empty()); // 8 adverse decisions in all: not even f (202 passages) is shown
    auto json = to_json(table);
    REQUIRE(json["withheld_decision_points"] == nlohmann::ordered_json::array({"check"}));
    REQUIRE(json["cells"].empty());
    REQUIRE(to_text(table).find("  withheld (fewer than 10 adverse or other decisions, small groups): check\n") != std::string::npos);
}

TEST_CASE("unknown labels are published only when asked for", "[disparity][disclosure]") {
    auto spec = make_spec();
    DisparityAccumulator acc(spec);
    acc.note_unknown_step_label("Jan de Vries");
    acc.add(-1, 0, std::vector<std::int32_t>{missing_code, missing_code});
    auto table = compute_disparity(acc);
    REQUIRE(table.issues.unknown_step == 1);
    REQUIRE(table.issues.unknown_step_labels.empty());
    REQUIRE(to_json(table).dump().find("Jan de Vries") == std::string::npos);
    DisparityOptions options;
    options.unknown_labels = true;
    REQUIRE(compute_disparity(acc, options).issues.unknown_step_labels == std::vector<std::string>{"Jan de Vries"});
}

TEST_CASE("outputs that open in other programs: formulas, control characters", "[disparity]") {
    REQUIRE(detail::csv_text("=cmd|' /C calc'!A0") == "\"'=cmd|' /C calc'!A0\"");
    REQUIRE(detail::csv_text("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    REQUIRE(detail::csv_text("+31") == "\"'+31\"");
    REQUIRE(detail::csv_text("-1") == "\"'-1\"");
    REQUIRE(detail::csv_text("@SUM(A1)") == "\"'@SUM(A1)\"");
    REQUIRE(detail::csv_text("\tx") == "\"'\\x09x\"");
    REQUIRE(detail::csv_text("\rx") == "\"'\\x0Dx\"");
    REQUIRE(detail::csv_text("a=b") == "a=b");
    REQUIRE(detail::csv_text("a,b") == "\"a,b\"");
    REQUIRE(detail::csv_text("bell\x07 esc\x1B[31m nul") == "bell\\x07 esc\\x1B[31m nul");
    REQUIRE(detail::csv_text(std::string("a\0b", 3)) == "a\\x00b");
    REQUIRE(detail::csv_text("two\nlines") == "two\\x0Alines");
    REQUIRE(detail::quote_token(std::string("x\0y\x1B", 4)) == "\"x\\x00y\\x1B\"");
    REQUIRE(detail::escape_controls("caf\xC3\xA9\x7F") == "caf\xC3\xA9\\x7F");
    // Markdown: no raw HTML, no link, ids that cannot end their code span.
    REQUIRE(report::detail::md_cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    REQUIRE(report::detail::md_cell("[x](javascript:alert(1)) <img src=x onerror=alert(1)>") ==
            "\\[x\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;");
    REQUIRE(report::detail::md_cell("a|b\nc & d\x1B") == "a\\|b c &amp; d\\x1B");
    REQUIRE(report::detail::md_code("intake") == "`intake`");
    REQUIRE(report::detail::md_code("a`b\nc") == "``a`b c``");
    REQUIRE(report::detail::md_code("`x") == "`` `x ``");
    // HTML and Graphviz: control characters as text.
    REQUIRE(report::detail::html_escape("<b>\x07\"'\n") == "&lt;b&gt;\\x07&quot;&#39;\n");
    REQUIRE(report::detail::dot_string("a\x1B\"b\nc") == "\"a\\\\x1B\\\"b\\nc\"");
}

TEST_CASE("multi-threaded reading equals single-threaded", "[disparity]") {
    auto spec = make_spec(true);
    auto options = generated(6000, 5, {{"check", "race", "western", 1.3}}); // a file of about 1.1 MB
    for (auto style : {LogStyle::process_mining, LogStyle::plain}) {
        auto path = temp_path(style == LogStyle::plain ? "plain.csv" : "pm.csv");
        std::FILE* file = std::fopen(path.c_str(), "wb");
        REQUIRE(file);
        auto events = write_log_csv(model(), options, file, style);
        std::fclose(file);
        DisparityAccumulator one(spec);
        auto summary = read_event_log(path, one);
        REQUIRE(summary.events == events);
        for (unsigned threads : {2u, 3u, 8u}) {
            EventLogOptions read_options;
            read_options.threads = threads;
            read_options.bytes_per_thread = 1 << 16; // up to 16 threads for the 1.1 MB, as 11 MB by default
            read_options.range_bytes = 1 << 16;
            DisparityAccumulator many(spec);
            auto s = read_event_log(path, many, read_options);
            REQUIRE(s.threads == threads);
            REQUIRE(s.events == events);
            REQUIRE(table_json(many) == table_json(one));
            REQUIRE(many.issues() == one.issues());
        }
        std::remove(path.c_str());
    }
    // Generated straight into an accumulator: the same counts as the file.
    DisparityAccumulator direct(spec);
    generate_into(model(), options, direct);
    auto path = temp_path("again.csv");
    std::FILE* file = std::fopen(path.c_str(), "wb");
    write_log_csv(model(), options, file, LogStyle::process_mining);
    std::fclose(file);
    DisparityAccumulator read(spec);
    read_event_log(path, read);
    REQUIRE(table_json(read) == table_json(direct));
    std::remove(path.c_str());
}

TEST_CASE("linking flagged cells to the structural assessment", "[disparity]") {
    auto spec = make_spec(true);
    DisparityAccumulator acc(spec);
    generate_into(model(), generated(20000, 7, {{"check", "race", "non_western", 1.6}}), acc);
    auto table = compute_disparity(acc);
    auto assessment = assess(model(), test::kb());
    auto links = link(table, assessment);
    REQUIRE(links.size() == table.flagged_count());
    const auto& race = links.front();
    REQUIRE(race.step == "check");
    REQUIRE(race.ground == "race");
    REQUIRE(race.group == "non_western");
    REQUIRE(race.structural.size() == 1);
    REQUIRE(race.structural[0].score == assessment.at("check", "race").score);
    REQUIRE(race.structural[0].level == assessment.level_id(assessment.at("check", "race").level));
    // An intersection links to the grounds the assessment knows (race; sex is not in the test knowledge base).
    for (const auto& l : links) {
        if (l.ground == "race+sex") {
            REQUIRE(l.structural.size() == 1);
            REQUIRE(l.structural[0].ground == "race");
        }
    }
    auto json = to_json(links);
    REQUIRE(json[0]["structural"][0]["ground"] == "race");
}

TEST_CASE("the generator is deterministic and checks its options", "[disparity]") {
    auto options = generated(200, 99);
    REQUIRE(generated_csv(options, LogStyle::plain) == generated_csv(options, LogStyle::plain));
    auto text = generated_csv(options, LogStyle::process_mining);
    REQUIRE(text.rfind("case:concept:name,concept:name,time:timestamp,case:migration_background,case:gender\nc0,intake,2024-01-01T08:00:00,", 0) == 0);
    options.planted = {{"nope", "race", "none", 2}};
    REQUIRE_THROWS_WITH(LogGenerator(model(), options), "planted disparity at unknown step \"nope\"");
    options.planted = {{"check", "religion", "none", 2}};
    REQUIRE_THROWS_WITH(LogGenerator(model(), options), "planted disparity on ground \"religion\", which is not generated");
    options.planted = {};
    options.grounds[0].groups[0].share = 0;
    REQUIRE_THROWS_WITH(LogGenerator(model(), options), "group \"none\" needs a share above 0");
}
