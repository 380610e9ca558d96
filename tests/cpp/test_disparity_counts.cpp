// SPDX-License-Identifier: EUPL-1.2
// What is read back: saved counts without the model (the spec rebuilt from their fingerprint, parts merged into the
// whole), and a published table (written again the same in every format).
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/disparity_counts.hpp>
#include <artikel1/disparity_json.hpp>
#include <artikel1/event_log.hpp>

#include <catch2/catch.hpp>

using namespace artikel1;

namespace {

DisparitySpecOptions every_option() {
    DisparitySpecOptions o;
    o.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    o.strata_column = "municipality";
    o.intersections = {{"race", "sex"}};
    return o;
}

} // namespace

TEST_CASE("the spec rebuilt from saved counts has the fingerprint they were made with", "[disparity][counts]") {
    DisparitySpec spec(test::log_model(), every_option());
    DisparityAccumulator acc(spec);
    EventLogOptions log;
    auto cases = read_case_table(test::source_path("tests/data/logs/cases.csv"), spec, log);
    read_event_log(test::source_path("tests/data/logs/events_only.csv"), acc, log, &cases);
    auto rebuilt = spec_of_counts(acc.serialise());
    CHECK(rebuilt->fingerprint() == spec.fingerprint());
    CHECK(rebuilt->decision_count() == spec.decision_count());
    CHECK(rebuilt->ground(2) == "race+sex");
    // The counts read back for the rebuilt spec give the same table as the original.
    auto back = DisparityAccumulator::deserialise(rebuilt, acc.serialise());
    CHECK(to_json(compute_disparity(back)).dump() == to_json(compute_disparity(acc)).dump());

    // Counts whose spec was edited by hand into another order of members are the same counts (JSON objects have no
    // order), for the spec they name and for the spec given.
    auto reordered = nlohmann::ordered_json::parse(acc.serialise());
    nlohmann::ordered_json spec_reversed = nlohmann::ordered_json::object();
    const auto& saved_spec = reordered["spec"];
    std::vector<std::string> keys;
    for (const auto& item : saved_spec.items()) keys.push_back(item.key());
    for (auto key = keys.rbegin(); key != keys.rend(); ++key) spec_reversed[*key] = saved_spec[*key];
    REQUIRE(spec_reversed.begin().key() != saved_spec.begin().key());
    reordered["spec"] = spec_reversed;
    CHECK(spec_of_counts(reordered.dump())->fingerprint() == spec.fingerprint());
    CHECK(DisparityAccumulator::deserialise(spec, reordered.dump()).serialise() == acc.serialise());

    DisparitySpecOptions transitions = every_option();
    transitions.count_transitions = true;
    DisparitySpec with_transitions(test::log_model(), transitions);
    DisparityAccumulator moves(with_transitions);
    auto cases_for_moves = read_case_table(test::source_path("tests/data/logs/cases.csv"), with_transitions, log);
    read_event_log(test::source_path("tests/data/logs/events_only.csv"), moves, log, &cases_for_moves);
    auto rebuilt_moves = spec_of_counts(moves.serialise());
    CHECK(rebuilt_moves->counts_transitions());
    CHECK(merge_counts({moves.serialise(), moves.serialise()}) ==
          [&] { DisparityAccumulator twice = moves; twice.merge(moves); return twice.serialise(); }());

    DisparitySpecOptions outcomes;
    outcomes.grounds = {{"migration_background", "race"}};
    outcomes.outcomes = {{"granted", false}, {"refused", true}};
    DisparitySpec with_outcomes(test::log_model(), outcomes);
    CHECK(spec_of_counts(DisparityAccumulator(with_outcomes).serialise())->fingerprint() == with_outcomes.fingerprint());
}

TEST_CASE("parts of a log merged without the model equal the whole", "[disparity][counts]") {
    DisparitySpecOptions o;
    o.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    DisparitySpec spec(test::log_model(), o);
    std::string text = KnowledgeBase::read_file(test::source_path("tests/data/logs/plain.csv"));
    std::string header = text.substr(0, text.find('\n') + 1);
    // Two parts cut at a line boundary between cases: every case of the plain log has its rows together.
    std::size_t middle = text.find("\nc3,");
    REQUIRE(middle != std::string::npos);
    DisparityAccumulator whole(spec), first(spec), second(spec);
    read_event_log_text(text, whole);
    read_event_log_text(text.substr(0, middle + 1), first);
    read_event_log_text(header + text.substr(middle + 1), second);
    CHECK(merge_counts({first.serialise(), second.serialise()}) == whole.serialise());
    CHECK(merge_counts({whole.serialise()}) == whole.serialise());
}

TEST_CASE("merging counts: every error names its part", "[disparity][counts]") {
    DisparitySpecOptions race, sex;
    race.grounds = {{"migration_background", "race"}};
    sex.grounds = {{"gender", "sex"}};
    std::string a = DisparityAccumulator(DisparitySpec(test::log_model(), race)).serialise();
    std::string b = DisparityAccumulator(DisparitySpec(test::log_model(), sex)).serialise();
    CHECK(test::message_of([&] { merge_counts({}); }) == "no counts to merge");
    CHECK(test::message_of([&] { merge_counts({a, b}, {"a.json", "b.json"}); }) ==
          "/spec: b.json: the counts were made for a different process or different options");
    CHECK(test::message_of([&] { merge_counts({a, "{\"schema\": 1"}); }) == "part 2:1:13: syntax error while parsing object - unexpected end of input; expected '}'");
    CHECK(test::message_of([&] { merge_counts({"[]"}, {"x.json"}); }) == "/: x.json: expected an object");
    auto forged = nlohmann::ordered_json::parse(a);
    forged["spec"]["flows"][0] = {"check", "nowhere", false};
    CHECK(test::message_of([&] { merge_counts({forged.dump()}); }) ==
          "/spec: part 1: flow \"check\" -> \"nowhere\" names an unknown step (validate the process first)");
    forged = nlohmann::ordered_json::parse(a);
    forged["spec"]["flows"][0] = {"check", 7, false};
    CHECK(test::message_of([&] { merge_counts({forged.dump()}); }) == "/spec/flows/0/1: part 1: expected a string");
    forged = nlohmann::ordered_json::parse(a);
    forged["spec"].erase("strata_column");
    CHECK(test::message_of([&] { merge_counts({forged.dump()}); }) == "/spec: part 1: expected a member \"strata_column\"");
    forged = nlohmann::ordered_json::parse(a);
    forged["spec"]["extra"] = true;
    CHECK(test::message_of([&] { merge_counts({forged.dump()}); }) ==
          "/spec: part 1: the fingerprint does not describe a spec of this version of artikel1");
}

TEST_CASE("a published table read back writes the same JSON, CSV, text and links", "[disparity][json]") {
    DisparitySpec spec(test::log_model(), every_option());
    DisparityAccumulator acc(spec);
    EventLogOptions log;
    auto cases = read_case_table(test::source_path("tests/data/logs/cases.csv"), spec, log);
    read_event_log(test::source_path("tests/data/logs/events_only.csv"), acc, log, &cases);
    auto assessment = assess(test::log_model(), test::kb());
    for (std::uint64_t min_cell : {1, 2, 10}) {
        DisparityOptions options;
        options.min_cell = min_cell;
        options.unknown_labels = true;
        DisparityTable table = compute_disparity(acc, options);
        std::string json = to_json(table).dump(2);
        DisparityTable back = disparity_table_from_json(json);
        CHECK(to_json(back).dump(2) == json);
        CHECK(to_csv(back) == to_csv(table));
        CHECK(to_text(back) == to_text(table));
        CHECK(to_json(link(back, assessment)).dump() == to_json(link(table, assessment)).dump());
    }
    CHECK(test::message_of([] { disparity_table_from_json(R"({"schema": "artikel1/disparity-counts/1"})"); }) ==
          "/schema: expected \"artikel1/disparity/1\"");
    CHECK(test::message_of([] { disparity_table_from_json(R"({"schema": "artikel1/disparity/1", "process": 3})"); }) ==
          "/: not a disparity table as artikel1 writes it");
    // An issue count that is no whole number >= 0 is read by the counts' own reader of the issues, and refused.
    DisparityAccumulator empty(spec);
    std::string negative = to_json(compute_disparity(empty)).dump();
    const std::string rows = "\"issues\":{\"rows\":0";
    REQUIRE(negative.find(rows) != std::string::npos);
    negative.replace(negative.find(rows), rows.size(), "\"issues\":{\"rows\":-1");
    CHECK(test::message_of([&] { disparity_table_from_json(negative); }) == "/: not a disparity table as artikel1 writes it");
}

TEST_CASE("a missing next step is an end row in the log reader, add_batch and add_row alike", "[disparity][drift]") {
    using namespace artikel1;
    DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}};
    auto spec = std::make_shared<const DisparitySpec>(test::log_model(), options);
    // c1 leaves the decision check for approve; c2 ends at check; c3 ends at approve (no decision); c4 goes on to a
    // step the model lacks.
    DisparityAccumulator read(spec);
    read_event_log_text("case_id,step,next_step,migration_background\nc1,check,approve,a\nc2,check,,a\nc3,approve,,a\nc4,check,chek,a\n",
                        read, {}, nullptr, "log.csv");
    DisparityAccumulator batch(spec);
    const std::int32_t check = spec->step_code("check"), approve = spec->step_code("approve");
    const std::int32_t not_a_step = static_cast<std::int32_t>(spec->step_count());
    const std::int32_t a = batch.groups(0).intern("a");
    const std::vector<std::int32_t> steps{check, check, approve, check}, next{approve, missing_code, missing_code, not_a_step};
    const std::vector<std::int32_t> group(4, a);
    const std::vector<std::span<const std::int32_t>> columns{group};
    batch.add_batch(steps, next, columns);
    for (const DisparityAccumulator* acc : {&read, &batch}) {
        const DisparityIssues& i = acc->issues();
        CHECK(i.rows == 4);
        CHECK(i.passages == 1);
        CHECK(i.ended_at_decision_point == 1);
        CHECK(i.not_decision_point == 1);
        CHECK(i.unknown_next_step == 1);
    }
    CHECK(to_json(compute_disparity(read)).dump() == to_json(compute_disparity(batch)).dump());
    // add() keeps missing_code as an unknown next step (the readers pass it for a label the model lacks).
    DisparityAccumulator single(spec);
    const std::vector<std::int32_t> row{single.groups(0).intern("a")};
    CHECK(single.add(check, missing_code, row) == RowStatus::unknown_next_step);
    CHECK(single.add_row(check, missing_code, row) == RowStatus::ended_at_decision_point);
    // Strict mode: a case that ended at a decision point is no error, a next step the model lacks is.
    DisparityAccumulator strict(spec);
    strict.groups(0).intern("a");
    const std::vector<std::int32_t> two_steps{check, check}, two_next{approve, missing_code};
    const std::vector<std::span<const std::int32_t>> two_groups{std::span<const std::int32_t>(group).first(2)};
    strict.add_batch(two_steps, two_next, two_groups, {}, true);
    CHECK(strict.issues().ended_at_decision_point == 1);
    const std::vector<std::int32_t> one_step{check}, one_next{not_a_step};
    const std::vector<std::span<const std::int32_t>> one_group{std::span<const std::int32_t>(group).first(1)};
    CHECK(test::message_of([&] { batch.add_batch(one_step, one_next, one_group, {}, true); }) ==
          "row 0: unknown_next_step (strict mode)");
}
