// SPDX-License-Identifier: EUPL-1.2
// Compounding: transition counts (counting, merging, serialisation), the absorbing-chain solution with loops,
// end-to-end ratios and their intervals, one-at-a-time and Shapley attribution checked by hand, planted disparities
// found, interval coverage over many seeds, the outcome test and the small-cell rule.
#include "test_support.hpp"

#include <artikel1/compounding.hpp>
#include <artikel1/log_generator.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace artikel1;

namespace {

Step step(const std::string& id, StepKind kind = StepKind::task) {
    Step s;
    s.id = id;
    s.kind = kind;
    return s;
}

Flow flow(const std::string& from, const std::string& to, bool adverse = false, std::optional<double> p = std::nullopt) {
    Flow f;
    f.from = from;
    f.to = to;
    f.adverse = adverse;
    f.probability = p;
    return f;
}

/// start -> s1 -> (s2 | ok1), s2 -> (s3 | ok2), s3 -> (sanction | ok3): three selections in a row.
Process three_steps() {
    Process p;
    p.id = "three";
    for (const char* id : {"start", "s1", "s2", "s3", "sanction", "ok1", "ok2", "ok3"}) p.steps.push_back(step(id));
    p.flows = {flow("start", "s1"),
               flow("s1", "s2", true, 0.2), flow("s1", "ok1", false, 0.8),
               flow("s2", "s3", true, 0.3), flow("s2", "ok2", false, 0.7),
               flow("s3", "sanction", true, 0.4), flow("s3", "ok3", false, 0.6)};
    return p;
}

/// The flow probabilities of three_steps() with the three adverse ones set to a, b, c.
std::vector<double> three(double a, double b, double c) { return {1, a, 1 - a, b, 1 - b, c, 1 - c}; }

/// start -> check -> (sanction | ok | rework), rework -> check: a rework loop.
Process loop_process() {
    Process p;
    p.id = "loop";
    for (const char* id : {"start", "check", "rework", "sanction", "ok"}) p.steps.push_back(step(id));
    p.flows = {flow("start", "check"), flow("check", "sanction", true), flow("check", "ok"), flow("check", "rework"),
               flow("rework", "check")};
    return p;
}

/// start -> check -> (sanction | ok): one decision.
Process one_decision() {
    Process p;
    p.id = "one";
    for (const char* id : {"start", "check", "sanction", "ok"}) p.steps.push_back(step(id));
    p.flows = {flow("start", "check"), flow("check", "sanction", true, 0.2), flow("check", "ok", false, 0.8)};
    return p;
}

DisparitySpec transition_spec(const Process& p, bool strata = false) {
    DisparitySpecOptions o;
    o.grounds = {{"background", "race"}};
    if (strata) o.strata_column = "city";
    o.count_transitions = true;
    return DisparitySpec(p, o);
}

/// Adds `times` moves from -> to (empty to: the case ended at from) for group `group`.
void feed(DisparityAccumulator& acc, const std::string& from, const std::string& to, const std::string& group, int times,
          std::int32_t stratum = missing_code) {
    const auto& s = acc.spec();
    std::int32_t code = acc.groups(0).intern(group);
    std::vector<std::int32_t> groups{code};
    for (int i = 0; i < times; ++i) {
        if (to.empty()) acc.add_end(s.step_code(from), groups, stratum);
        else acc.add(s.step_code(from), s.step_code(to), groups, stratum);
    }
}

/// One-decision counts: `cases` cases of `group`, `sanctions` of them sanctioned.
void feed_one(DisparityAccumulator& acc, const std::string& group, int cases, int sanctions) {
    feed(acc, "start", "check", group, cases);
    feed(acc, "check", "sanction", group, sanctions);
    feed(acc, "check", "ok", group, cases - sanctions);
    feed(acc, "sanction", "", group, sanctions);
    feed(acc, "ok", "", group, cases - sanctions);
}

const CompoundingGroupResult& group_of(const CompoundingOutcome& o, const std::string& label) {
    for (const auto& g : o.groups) {
        if (g.group == label) return g;
    }
    FAIL("no group " << label);
    return o.groups.front();
}

} // namespace

TEST_CASE("transition counts per flow, group and stratum; merged and serialised exactly", "[compounding]") {
    Process p = one_decision();
    DisparitySpec spec = transition_spec(p, true);
    REQUIRE(spec.flow_count() == 3);
    REQUIRE(spec.transition_width() == 7);
    REQUIRE(spec.flow_code(spec.step_code("check"), spec.step_code("ok")) == 2);
    REQUIRE(spec.flow_code(spec.step_code("ok"), spec.step_code("check")) == missing_code);
    DisparityAccumulator whole(spec), first(spec), second(spec);
    std::int32_t north = whole.strata().intern("north");
    feed(whole, "start", "check", "a", 5, north);
    feed(whole, "check", "ok", "a", 3, north);
    feed(whole, "check", "sanction", "b", 2);
    feed(whole, "ok", "", "a", 3, north);
    // The same rows split in two, the groups met in the other order.
    feed(second, "check", "sanction", "b", 2);
    std::int32_t north1 = first.strata().intern("north");
    feed(first, "start", "check", "a", 5, north1);
    feed(first, "check", "ok", "a", 3, north1);
    feed(second, "ok", "", "a", 3, second.strata().intern("north"));
    REQUIRE(whole.transition_count(0, whole.groups(0).find("a"), 0, north) == 5);
    REQUIRE(whole.transition_count(0, whole.groups(0).find("a"), 0) == 0); // rows without a stratum
    REQUIRE(whole.transition_count(0, whole.groups(0).find("b"), 1) == 2);
    REQUIRE(whole.transitions(0, whole.groups(0).find("a")) == std::vector<std::uint64_t>{5, 0, 3, 0, 0, 0, 3});
    first.merge(second);
    REQUIRE(first.transitions(0, first.groups(0).find("a")) == whole.transitions(0, whole.groups(0).find("a")));
    REQUIRE(first.transitions(0, first.groups(0).find("b")) == std::vector<std::uint64_t>{0, 2, 0, 0, 0, 0, 0});
    // Passages at the decision point are still counted as before.
    REQUIRE(first.total(0, 0, first.groups(0).find("a")).n == 3);

    std::string text = whole.serialise();
    REQUIRE(text.find("\"transitions\":[[0,0,0,0,5],[0,0,0,2,3],[0,0,0,6,3],[0,1,-1,1,2]]") != std::string::npos);
    REQUIRE(text.find("\"transitions_total\":[[-1,1,2],[0,0,5],[0,2,3],[0,6,3]]") != std::string::npos);
    REQUIRE(first.transitions() == std::vector<std::uint64_t>{5, 2, 3, 0, 0, 0, 3});
    DisparityAccumulator back = DisparityAccumulator::deserialise(spec, text);
    REQUIRE(back.serialise() == text);
    REQUIRE(back.transitions(0, 0) == whole.transitions(0, 0));

    auto broken = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        t.replace(t.find(from), from.size(), to);
        try {
            DisparityAccumulator::deserialise(spec, t);
        } catch (const ValidationError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(broken("[0,0,0,0,5]", "[0,0,0,7,5]"), Catch::Contains("/transitions/0: transition out of range"));
    CHECK_THAT(broken("[0,0,0,0,5]", "[0,0,0,0]"), Catch::Contains("/transitions/0: expected [ground, group, stratum, transition, count]"));
    CHECK_THAT(broken("[0,0,0,0,5]", "[0,0,0,0,-5]"), Catch::Contains("/transitions/0/4: expected a whole number >= 0"));
    CHECK_THAT(broken("\"transitions\":[[", "\"moves\":[["), Catch::Contains("malformed counts"));
    CHECK_THAT(broken("[0,6,3]]", "[0,9,3]]"), Catch::Contains("/transitions_total/3: transition out of range"));
    CHECK_THAT(broken("[0,6,3]]", "[0,6]]"), Catch::Contains("/transitions_total/3: expected [stratum, transition, count]"));
    // The issues are read by the same list of members that wrote them (detail::issues_from_json).
    CHECK_THAT(broken("\"passages\":", "\"passages\":-"), Catch::Contains("/issues/passages: expected a whole number >= 0"));
    CHECK_THAT(broken("\"missing_group\":[", "\"missing_group\":[-1,"), Catch::Contains("/issues/missing_group: expected whole numbers >= 0"));
    CHECK_THAT(broken("\"missing_group\":[", "\"missing_group\":[1,"), Catch::Contains("/issues/missing_group: expected one count per ground"));
    CHECK_THAT(broken("\"unknown_outcome\":", "\"unknown_result\":"), Catch::Contains("malformed counts"));

    // Counts made without transitions do not merge into counts with them, and keep their old fingerprint.
    DisparitySpecOptions plain;
    plain.grounds = {{"background", "race"}};
    plain.strata_column = "city";
    DisparitySpec without(p, plain);
    REQUIRE_FALSE(without.fingerprint().contains("transitions"));
    REQUIRE(spec.fingerprint()["transitions"] == true);
    DisparityAccumulator other(without);
    REQUIRE_THROWS_WITH(whole.merge(other), "merge: the accumulators count different things (their specs differ)");
    REQUIRE(DisparityAccumulator(without).serialise().find("transitions") == std::string::npos);

    DisparitySpecOptions outcome_column = plain;
    outcome_column.count_transitions = true;
    outcome_column.outcomes = {{"rejected", true}};
    REQUIRE_THROWS_WITH(DisparitySpec(p, outcome_column), "transition counts need the next step of each row, not an outcome column or adverse flags");
    std::vector<std::int32_t> bad{7};
    REQUIRE_THROWS_WITH(whole.add(0, 1, bad), "add: group code 7 is not in the dictionary of ground \"race\" (2 groups)");
    REQUIRE_THROWS_WITH(whole.add_end(0, std::vector<std::int32_t>{0, 0}), "add: expected 1 group codes, got 2");
}

TEST_CASE("the event sequencer and the reader count transitions and ends", "[compounding]") {
    Process p = loop_process();
    DisparitySpec spec = transition_spec(p);
    DisparityAccumulator acc(spec);
    EventSequencer sequencer(acc);
    std::vector<std::int32_t> a{acc.groups(0).intern("a")};
    auto code = [&](const char* id) { return spec.step_code(id); };
    for (const char* id : {"start", "check", "rework", "check", "ok"}) sequencer.event(std::string(id) == "start", code(id), a);
    for (const char* id : {"start", "check", "sanction"}) sequencer.event(std::string(id) == "start", code(id), a);
    sequencer.finish();
    //                                                 start>check check>sanction check>ok check>rework rework>check ends...
    REQUIRE(acc.transitions(0, 0) == std::vector<std::uint64_t>{2, 1, 1, 1, 1, 0, 0, 0, 1, 1});
}

TEST_CASE("1.3 x 1.3 x 1.3: end-to-end ratio 2.197, each point a third of the log ratio", "[compounding]") {
    Process p = three_steps();
    std::vector<GroupChain> groups{{"reference", three(0.2, 0.3, 0.4), {}, 0}, {"other", three(0.26, 0.39, 0.52), {}, 0}};
    CompoundingResult r = compound_what_if(p, "race", groups, "reference");
    REQUIRE(r.source == "model");
    REQUIRE(r.grounds.size() == 1);
    REQUIRE(r.grounds[0].outcomes.size() == 1); // the one end step an adverse flow enters
    const auto& outcome = r.grounds[0].outcomes[0];
    REQUIRE(outcome.step == "sanction");
    const auto& ref = group_of(outcome, "reference");
    const auto& other = group_of(outcome, "other");
    REQUIRE(ref.reference);
    REQUIRE(ref.probability == Approx(0.2 * 0.3 * 0.4).epsilon(1e-14));
    REQUIRE(other.probability == Approx(0.26 * 0.39 * 0.52).epsilon(1e-14));
    REQUIRE(other.ratio == Approx(2.197).epsilon(1e-13));
    REQUIRE(other.difference == Approx(0.052728 - 0.024).epsilon(1e-12));
    REQUIRE(std::isnan(other.ratio_interval.lower)); // given by hand: no counts, no interval
    REQUIRE(other.shapley_exact);
    REQUIRE(other.shares.size() == 3);
    double log_sum = 0, difference_sum = 0;
    for (const auto& s : other.shares) {
        REQUIRE(s.log_ratio_share == Approx(std::log(1.3)).epsilon(1e-12));
        REQUIRE(s.log_ratio_share / std::log(other.ratio) == Approx(1.0 / 3).epsilon(1e-12));
        REQUIRE(s.equalised_ratio == Approx(1.69).epsilon(1e-13)); // the other two points still at 1.3 each
        REQUIRE(s.log_ratio_share_se == 0);
        log_sum += s.log_ratio_share;
        difference_sum += s.difference_share;
    }
    REQUIRE(std::abs(log_sum - std::log(other.ratio)) < 1e-12);
    REQUIRE(std::abs(difference_sum - other.difference) < 1e-12);
    REQUIRE(other.shares[0].step == "s1");
    REQUIRE(other.shares[2].step == "s3");
}

TEST_CASE("a rework loop is solved exactly", "[compounding]") {
    Process p = loop_process();
    AbsorbingChain chain(p);
    AbsorbingChain::Solver solver(chain, 3); // sanction
    // check -> sanction 0.2, ok 0.5, rework 0.3; the loop returns to check: P = 0.2 / 0.7.
    std::vector<double> probability{1, 0.2, 0.5, 0.3, 1};
    std::vector<double> visits, reach;
    REQUIRE(solver.solve(probability, &visits, &reach) == Approx(2.0 / 7).epsilon(1e-14));
    REQUIRE(visits[1] == Approx(1 / 0.7).epsilon(1e-14)); // passes through check
    REQUIRE(visits[2] == Approx(0.3 / 0.7).epsilon(1e-14));
    REQUIRE(reach[2] == Approx(2.0 / 7).epsilon(1e-14)); // from rework: back to check
    REQUIRE(reach[4] == 0);
    // A loop with no way out for one group: it never reaches the outcome (and the solve does not divide by zero).
    REQUIRE(solver.solve({1, 0, 0, 1, 1}) == 0);
    // The same loop through a two-step rework (a component of three steps): check -> fix -> recheck -> check.
    Process q = p;
    q.steps.push_back(step("recheck"));
    q.flows[4] = flow("rework", "recheck");
    q.flows.push_back(flow("recheck", "check", false));
    q.flows.push_back(flow("recheck", "sanction", true));
    AbsorbingChain chain2(q);
    AbsorbingChain::Solver solver2(chain2, 3);
    // h_check = 0.2 + 0.3 h_recheck, h_recheck = 0.5 h_check + 0.5: h_check = 0.35 / 0.85.
    REQUIRE(solver2.solve({1, 0.2, 0.5, 0.3, 1, 0.5, 0.5}) == Approx(0.35 / 0.85).epsilon(1e-14));
    std::vector<GroupChain> groups{{"x", {1, 0.2, 0.5, 0.3, 1}, {}, 0}, {"y", {1, 0.3, 0.4, 0.3, 1}, {}, 0}};
    auto r = compound_what_if(p, "race", groups, "x");
    const auto& y = group_of(r.grounds[0].outcomes[0], "y");
    REQUIRE(y.ratio == Approx((0.3 / 0.7) / (0.2 / 0.7)).epsilon(1e-13));
    REQUIRE(y.funnel.size() == 1);
    REQUIRE(y.funnel[0].second == Approx(1 / 0.7).epsilon(1e-14)); // the loop brings cases back to check
}

TEST_CASE("Shapley differs from one-at-a-time where the points interact, by hand", "[compounding]") {
    // Difference of a product: 0.6 x 0.6 against 0.5 x 0.5. Equalising either point leaves 0.30 - 0.25 = 0.05, so
    // one at a time each point accounts for 0.11 - 0.05 = 0.06 (together 0.12, more than the 0.11 there is);
    // Shapley gives each 0.055.
    Process p = three_steps();
    std::vector<GroupChain> groups{{"ref", three(0.5, 0.5, 1), {}, 0}, {"g", three(0.6, 0.6, 1), {}, 0}};
    auto r = compound_what_if(p, "race", groups, "ref");
    const auto& g = group_of(r.grounds[0].outcomes[0], "g");
    REQUIRE(g.difference == Approx(0.11).epsilon(1e-13));
    REQUIRE(g.shares.size() == 2);
    for (const auto& s : g.shares) {
        REQUIRE(s.equalised_difference == Approx(0.05).epsilon(1e-13));
        REQUIRE(s.difference_share == Approx(0.055).epsilon(1e-13));
    }
    // Log ratio over two routes: start -> a -> (x | y), x -> sanction (q) | ok, y -> sanction (0.1) | ok.
    // Reference a->x 0.5, q 0.4: P = 0.2 + 0.05 = 0.25; group a->x 0.8, q 0.6: P = 0.48 + 0.02 = 0.5 (ratio 2).
    // Coalitions: only a the group's: 0.32 + 0.02 = 0.34; only x the group's: 0.30 + 0.05 = 0.35.
    Process routes;
    routes.id = "routes";
    for (const char* id : {"start", "a", "x", "y", "sanction", "ok"}) routes.steps.push_back(step(id));
    routes.flows = {flow("start", "a"), flow("a", "x", true), flow("a", "y"), flow("x", "sanction", true), flow("x", "ok"),
                    flow("y", "sanction", true), flow("y", "ok")};
    std::vector<GroupChain> two{{"ref", {1, 0.5, 0.5, 0.4, 0.6, 0.1, 0.9}, {}, 0}, {"g", {1, 0.8, 0.2, 0.6, 0.4, 0.1, 0.9}, {}, 0}};
    auto r2 = compound_what_if(routes, "race", two, "ref");
    const auto& h = group_of(r2.grounds[0].outcomes[0], "g");
    REQUIRE(h.ratio == Approx(2).epsilon(1e-13));
    REQUIRE(h.shares.size() == 2); // y is the same for both groups: no share
    const auto& a = h.shares[0];
    const auto& x = h.shares[1];
    REQUIRE(a.step == "a");
    REQUIRE(a.equalised_ratio == Approx(0.35 / 0.25).epsilon(1e-13));
    REQUIRE(x.equalised_ratio == Approx(0.34 / 0.25).epsilon(1e-13));
    double phi_a = 0.5 * ((std::log(0.34) - std::log(0.25)) + (std::log(0.5) - std::log(0.35)));
    double phi_x = 0.5 * ((std::log(0.35) - std::log(0.25)) + (std::log(0.5) - std::log(0.34)));
    REQUIRE(a.log_ratio_share == Approx(phi_a).epsilon(1e-12));
    REQUIRE(x.log_ratio_share == Approx(phi_x).epsilon(1e-12));
    // One at a time: log 2 - log(equalised ratio) for each, which is not the Shapley value here.
    REQUIRE(std::abs((std::log(2) - std::log(a.equalised_ratio)) - a.log_ratio_share) > 0.01);
    REQUIRE(std::abs(a.log_ratio_share + x.log_ratio_share - std::log(2)) < 1e-12);
}

TEST_CASE("sampled Shapley values: within their stated error, and adding up to the total", "[compounding]") {
    Process p = three_steps();
    std::vector<GroupChain> groups{{"ref", three(0.2, 0.3, 0.4), {}, 0}, {"g", three(0.3, 0.35, 0.7), {}, 0}};
    CompoundingOptions exact_options, sampled_options;
    sampled_options.shapley_exact_limit = 2;
    sampled_options.shapley_permutations = 400;
    auto exact_result = compound_what_if(p, "race", groups, "ref", exact_options);
    const auto& exact = group_of(exact_result.grounds[0].outcomes[0], "g");
    auto sampled_result = compound_what_if(p, "race", groups, "ref", sampled_options);
    const auto& sampled = group_of(sampled_result.grounds[0].outcomes[0], "g");
    REQUIRE_FALSE(sampled.shapley_exact);
    REQUIRE(sampled.shapley_permutations == 400);
    double difference_sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& s = sampled.shares[i];
        REQUIRE(s.difference_share_se > 0);
        REQUIRE(std::abs(s.difference_share - exact.shares[i].difference_share) < 4 * s.difference_share_se);
        // The log ratio of a product is additive: every order gives the same contribution, the error is 0.
        REQUIRE(s.log_ratio_share == Approx(exact.shares[i].log_ratio_share).epsilon(1e-12));
        difference_sum += s.difference_share;
    }
    REQUIRE(std::abs(difference_sum - sampled.difference) < 1e-12);
    sampled_options.shapley_permutations = 1;
    REQUIRE_THROWS_WITH(compound_what_if(p, "race", groups, "ref", sampled_options), "sampled Shapley values need at least 2 permutations");
}

TEST_CASE("intervals from counts: the delta method, by hand for one decision", "[compounding]") {
    Process p = one_decision();
    DisparityAccumulator acc(transition_spec(p));
    feed_one(acc, "a", 100, 30);
    feed_one(acc, "b", 200, 40);
    CompoundingResult r = compound(p, acc);
    REQUIRE(r.source == "log");
    REQUIRE(r.grounds[0].reference == "b"); // the most cases
    const auto& a = group_of(r.grounds[0].outcomes[0], "a");
    REQUIRE(a.cases == 100);
    REQUIRE(a.ratio == Approx(1.5).epsilon(1e-14));
    // One decision: the variance is p (1 - p) / n, the log-ratio interval is Katz's.
    stats::Interval katz = stats::rate_ratio_interval(30, 100, 40, 200);
    REQUIRE(a.ratio_interval.lower == Approx(katz.lower).epsilon(1e-12));
    REQUIRE(a.ratio_interval.upper == Approx(katz.upper).epsilon(1e-12));
    double se = std::sqrt(0.3 * 0.7 / 100 + 0.2 * 0.8 / 200), z = stats::critical_value(0.95);
    REQUIRE(a.difference_interval.lower == Approx(0.1 - z * se).epsilon(1e-12));
    REQUIRE(a.difference_interval.upper == Approx(0.1 + z * se).epsilon(1e-12));
    double logit = std::log(0.3 / 0.7), logit_se = std::sqrt(0.3 * 0.7 / 100) / (0.3 * 0.7);
    REQUIRE(a.probability_interval.lower == Approx(1 / (1 + std::exp(-(logit - z * logit_se)))).epsilon(1e-12));
    REQUIRE(a.shares.size() == 1);
    REQUIRE(a.shares[0].log_ratio_share == Approx(std::log(1.5)).epsilon(1e-13));
    REQUIRE(a.funnel.size() == 1); // check: every case passes once
    REQUIRE(a.funnel[0].first == "check");
    REQUIRE(a.funnel[0].second == 1.0);
    REQUIRE(r.grounds[0].hidden_groups == 0);
}

TEST_CASE("planted disparities are found where they were planted", "[compounding]") {
    Process p = three_steps();
    LogGeneratorOptions gen;
    gen.cases = 40000;
    gen.seed = 7;
    gen.grounds = {{"background", "race", {{"a", 1}, {"b", 1}}}};
    gen.planted = {{"s2", "race", "b", 2.0}};
    DisparityAccumulator acc(transition_spec(p));
    generate_into(p, gen, acc);
    CompoundingOptions options;
    options.reference_groups["race"] = "a";
    auto r = compound(p, acc, options);
    const auto& b = group_of(r.grounds[0].outcomes[0], "b");
    REQUIRE(b.ratio_interval.lower > 1.5);
    REQUIRE(b.ratio_interval.upper > 2.0);
    REQUIRE(b.ratio_interval.lower < 2.0);
    std::size_t largest = 0;
    for (std::size_t i = 1; i < b.shares.size(); ++i) {
        if (std::abs(b.shares[i].log_ratio_share) > std::abs(b.shares[largest].log_ratio_share)) largest = i;
    }
    REQUIRE(b.shares[largest].step == "s2");
    REQUIRE(b.shares[largest].log_ratio_share == Approx(std::log(2.0)).margin(0.1));
    double sum = 0;
    for (const auto& s : b.shares) sum += s.log_ratio_share;
    REQUIRE(std::abs(sum - std::log(b.ratio)) < 1e-12);
}

TEST_CASE("without a planted disparity the intervals cover 1 at the nominal rate over many seeds", "[compounding]") {
    // 300 generated logs of 3,000 cases through three decision points and a rework loop; 95% intervals.
    Process p = three_steps();
    p.steps.push_back(step("rework"));
    p.flows[2] = flow("s1", "ok1", false, 0.6);
    p.flows.push_back(flow("s1", "rework", false, 0.2));
    p.flows.push_back(flow("rework", "s1", false, 1.0));
    int ratio_covered = 0, difference_covered = 0;
    const int seeds = 300;
    for (int seed = 1; seed <= seeds; ++seed) {
        LogGeneratorOptions gen;
        gen.cases = 3000;
        gen.seed = static_cast<std::uint64_t>(seed);
        gen.grounds = {{"background", "race", {{"a", 2}, {"b", 1}}}};
        DisparityAccumulator acc(transition_spec(p));
        generate_into(p, gen, acc);
        auto r = compound(p, acc);
        const auto& b = group_of(r.grounds[0].outcomes[0], "b");
        if (b.ratio_interval.lower <= 1 && 1 <= b.ratio_interval.upper) ++ratio_covered;
        if (b.difference_interval.lower <= 0 && 0 <= b.difference_interval.upper) ++difference_covered;
    }
    // Nominal 285 of 300; the binomial standard deviation is 3.8.
    CHECK(ratio_covered >= 274);
    CHECK(ratio_covered <= 296);
    CHECK(difference_covered >= 274);
    CHECK(difference_covered <= 296);
}

TEST_CASE("the outcome test: hit rates among the selected, Wilson intervals, Fisher's test", "[compounding]") {
    Process p;
    p.id = "test";
    for (const char* id : {"start", "check", "found", "nothing"}) p.steps.push_back(step(id));
    p.flows = {flow("start", "check"), flow("check", "found", true), flow("check", "nothing")};
    DisparityAccumulator acc(transition_spec(p));
    auto cases = [&](const std::string& group, int n, int hits) {
        feed(acc, "start", "check", group, n);
        feed(acc, "check", "found", group, hits);
        feed(acc, "check", "nothing", group, n - hits);
    };
    cases("a", 200, 60);
    cases("b", 100, 15);
    cases("c", 50, 45); // 5 without a hit: not published
    cases("d", 6, 3);   // fewer than 10 cases: not shown at all
    CompoundingOptions options;
    options.reference_groups["race"] = "a";
    options.outcome_tests = {parse_outcome_test("check=found")};
    auto r = compound(p, acc, options);
    const auto& ground = r.grounds[0];
    REQUIRE(ground.hidden_groups == 1);
    REQUIRE(ground.outcome_tests.size() == 3);
    const auto& a = ground.outcome_tests[0];
    const auto& b = ground.outcome_tests[1];
    const auto& c = ground.outcome_tests[2];
    REQUIRE(a.group == "a");
    REQUIRE(a.reference);
    REQUIRE(a.hit_rate == Approx(0.3));
    REQUIRE(b.published);
    REQUIRE(b.selected == 100);
    REQUIRE(b.hits == 15);
    REQUIRE(b.hit_rate == Approx(0.15));
    stats::Interval w = stats::wilson_interval(15, 100);
    REQUIRE(b.hit_rate_interval.lower == w.lower);
    REQUIRE(b.p_value == stats::fisher_exact_two_sided(15, 85, 60, 140));
    REQUIRE(b.p_value < 0.01);
    REQUIRE_FALSE(c.published);
    REQUIRE(c.selected == 0);
    REQUIRE(std::isnan(c.hit_rate));
    for (const auto& t : ground.transitions) REQUIRE(t.group != "d");
    for (const auto& o : ground.outcomes[0].groups) REQUIRE(o.group != "d");

    REQUIRE_THROWS_WITH(parse_outcome_test("check"), "expected STEP=HIT[,HIT...] (e.g. check=fraud_found), got \"check\"");
    REQUIRE_THROWS_WITH(parse_outcome_test("check=found,"), "empty hit step in \"check=found,\"");
    REQUIRE(parse_outcome_test("check=found,nothing").hits == std::vector<std::string>{"found", "nothing"});
    options.outcome_tests = {{"check", {"start"}}};
    REQUIRE_THROWS_WITH(compound(p, acc, options), "outcome test at \"check\": no flow to \"start\"");
    options.outcome_tests = {{"nowhere", {"found"}}};
    REQUIRE_THROWS_WITH(compound(p, acc, options), "outcome test at \"nowhere\": not a step of the process");
}

TEST_CASE("the small-cell rule: no count below min_cell, none that follows from the published ones", "[compounding]") {
    Process p = one_decision();
    DisparityAccumulator acc(transition_spec(p));
    feed_one(acc, "a", 100, 4);  // 4 sanctions: hidden, and then 96 too (else 100 - 96 gives the 4)
    feed_one(acc, "b", 100, 50);
    auto r = compound(p, acc);
    auto count = [&](const std::string& group, const std::string& from, const std::string& to) -> const TransitionCount& {
        for (const auto& t : r.grounds[0].transitions) {
            if (t.group == group && t.from == from && t.to == to) return t;
        }
        FAIL("no count " << group << " " << from << " -> " << to);
        return r.grounds[0].transitions.front();
    };
    REQUIRE(count("a", "start", "check").published);
    REQUIRE(count("a", "start", "check").count == 100);
    REQUIRE_FALSE(count("a", "check", "sanction").published);
    REQUIRE(count("a", "check", "sanction").count == 0);
    REQUIRE_FALSE(count("a", "check", "ok").published);
    // The ends at the outcomes repeat the flows into them: hidden as well.
    REQUIRE_FALSE(count("a", "sanction", "").published);
    REQUIRE_FALSE(count("a", "ok", "").published);
    REQUIRE(count("b", "check", "sanction").count == 50);
    REQUIRE(count("b", "ok", "").count == 50);
    // The end-to-end result of a is shown: it has 100 cases.
    REQUIRE(group_of(r.grounds[0].outcomes[0], "a").probability == Approx(0.04));

    std::vector<std::uint64_t> counts{3, 20, 30, 50};
    std::vector<char> fixed{0, 0, 0, 1};
    auto hidden = detail::suppress_counts(counts, fixed, {{0, 1, 3}, {1, 2}}, 10);
    REQUIRE(hidden == std::vector<char>{1, 1, 1, 0}); // 3 hides 20 (equation 1), which hides 30 (equation 2)

    CompoundingOptions options;
    options.reference_groups["race"] = "z";
    REQUIRE_THROWS_WITH(compound(p, acc, options), "reference group \"z\" of ground \"race\" is not in the log with at least 10 cases");
    DisparitySpecOptions plain;
    plain.grounds = {{"background", "race"}};
    REQUIRE_THROWS_WITH(compound(p, DisparityAccumulator(DisparitySpec(p, plain))),
                        "compounding needs transition counts: count the log with count_transitions");
    options = {};
    options.outcomes = {"nowhere"};
    REQUIRE_THROWS_WITH(compound(p, acc, options), "outcome \"nowhere\" is not a step of the process");
}

TEST_CASE("what-if probabilities per group in the model: read, written, compounded", "[compounding]") {
    nlohmann::ordered_json model = test::small_model();
    model["flows"][1]["groups"] = {{{"ground", "race"}, {"group", "b"}, {"probability", 0.7}}};
    model["flows"][2]["groups"] = {{{"ground", "race"}, {"group", "b"}, {"probability", 0.3}, {"count", 30}, {"of", 100}},
                                   {{"ground", "race"}, {"group", "a"}, {"probability", 0.2}}};
    auto report = read_process(model.dump(), test::kb());
    REQUIRE(test::problems_of(model).empty());
    const Process& p = report.process;
    REQUIRE(p.flows[2].groups.size() == 2);
    REQUIRE(p.flows[2].groups[0].count == 30u);
    REQUIRE(read_process(save_process(p), test::kb()).process == p); // written and read back the same
    auto r = compound_model(p);
    REQUIRE(r.source == "model");
    REQUIRE(r.grounds.size() == 1);
    REQUIRE(r.grounds[0].reference == "a"); // the first in label order
    const auto& b = group_of(r.grounds[0].outcomes[0], "b");
    REQUIRE(b.probability == Approx(0.3));
    REQUIRE(b.ratio == Approx(1.5));
    REQUIRE(b.shares.size() == 1);
    REQUIRE(b.shares[0].step == "check");

    auto broken = model;
    broken["flows"][2]["groups"][0]["probability"] = 1.5;
    broken["flows"][2]["groups"][1]["ground"] = "colour";
    broken["flows"][1]["groups"][0]["count"] = 5;
    broken["flows"][1]["groups"][0]["of"] = 4;
    broken["flows"][1]["groups"].push_back(broken["flows"][1]["groups"][0]);
    REQUIRE(test::problems_of(broken) == std::vector<std::string>{
                                             "/flows/1/groups/0/count: count 5 is more than of 4",
                                             "/flows/1/groups/1/count: count 5 is more than of 4",
                                             "/flows/1/groups/1: group \"b\" of ground \"race\" given twice",
                                             "/flows/2/groups/0/probability: probability 1.5 is outside 0..1",
                                             "/flows/2/groups/1/ground: unknown ground \"colour\""});
    REQUIRE_THROWS_WITH(compound_model(test::log_model()), "the model gives no probabilities per group (flows[].groups)");
}

TEST_CASE("fit: flow probabilities estimated from the counts, with the counts behind them", "[compounding]") {
    Process p = one_decision();
    DisparityAccumulator acc(transition_spec(p));
    feed_one(acc, "a", 100, 30);
    feed_one(acc, "b", 200, 40);
    feed_one(acc, "c", 5, 1); // too few cases for an estimate of its own
    feed(acc, "start", "check", "", 0);
    FitOptions options;
    options.per_group = {"race"};
    Process fitted = fit_process(p, acc, options);
    REQUIRE(fitted.flows[1].probability == Approx(71.0 / 305));
    REQUIRE(fitted.flows[1].count == 71u);
    REQUIRE(fitted.flows[1].of == 305u);
    REQUIRE(fitted.flows[0].probability == 1.0);
    REQUIRE(fitted.flows[0].count == 305u);
    REQUIRE(fitted.flows[1].groups.size() == 2);
    REQUIRE(fitted.flows[1].groups[0].group == "a");
    REQUIRE(fitted.flows[1].groups[0].probability == Approx(0.3));
    REQUIRE(fitted.flows[1].groups[0].of == 100u);
    REQUIRE(fitted.flows[1].groups[1].group == "b");
    auto errors = [](const Process& process) {
        std::vector<std::string> out;
        for (const auto& problem : validate(process, test::kb())) {
            if (problem.is_error()) out.push_back(problem.pointer + ": " + problem.message);
        }
        return out;
    };
    REQUIRE(errors(fitted) == errors(p)); // the estimates and counts add no problem
    // Compounding the fitted model gives what compounding the counts gives.
    auto from_model = compound_model(fitted);
    auto from_log = compound(p, acc);
    REQUIRE(group_of(from_model.grounds[0].outcomes[0], "a").probability ==
            Approx(group_of(from_log.grounds[0].outcomes[0], "a").probability).epsilon(1e-14));
    // A step with a count below min_cell keeps the model's probabilities and gets no counts.
    options.min_cell = 80; // the 71 sanctions of all groups, a's 30 and b's 40 are all below it
    Process strict = fit_process(p, acc, options);
    REQUIRE(strict.flows[1].probability == 0.2);
    REQUIRE_FALSE(strict.flows[1].count);
    REQUIRE(strict.flows[0].count == 305u);
    REQUIRE(strict.flows[1].groups.empty());
    REQUIRE(strict.flows[0].groups.size() == 2); // start -> check: 100 and 200
    options.per_group = {"sex"};
    REQUIRE_THROWS_WITH(fit_process(p, acc, options), "fit per group: ground \"sex\" is not a ground of the log (COLUMN=GROUND)");
}

TEST_CASE("the compounding section as JSON, text, CSV and Markdown", "[compounding]") {
    Process p = one_decision();
    DisparityAccumulator acc(transition_spec(p));
    feed_one(acc, "a", 100, 30);
    feed_one(acc, "b", 200, 40);
    feed_one(acc, "c", 5, 1);
    CompoundingOptions options;
    options.outcome_tests = {{"check", {"sanction"}}};
    auto r = compound(p, acc, options);
    auto doc = to_json(r);
    REQUIRE(doc["schema"] == "artikel1/compounding/1");
    REQUIRE(doc["min_cell"] == 10);
    const auto& ground = doc["grounds"][0];
    REQUIRE(ground["reference"] == "b");
    REQUIRE(ground["hidden_groups"] == 1);
    const auto& a = ground["outcomes"][0]["groups"][0];
    REQUIRE(a["group"] == "a");
    REQUIRE(a["cases"] == 100);
    REQUIRE(a["ratio"].get<double>() == Approx(1.5));
    REQUIRE(a["shares"][0]["step"] == "check");
    REQUIRE(a["shares"][0]["log_ratio_share"].get<double>() == Approx(std::log(1.5)));
    REQUIRE_FALSE(a["shares"][0].contains("log_ratio_share_se")); // exact
    REQUIRE(ground["outcome_tests"][0]["hits"] == 30);
    REQUIRE(ground["outcome_tests"][1]["reference"] == true);
    REQUIRE_FALSE(ground["outcome_tests"][1].contains("p_value"));
    REQUIRE(doc.dump().find("\"c\"") == std::string::npos); // the small group's label is nowhere
    REQUIRE(to_json(r).dump() == doc.dump());                // deterministic

    std::string text = to_text(r);
    REQUIRE_THAT(text, Catch::Contains("ground race, reference b; 1 group(s) with fewer than 10 cases not shown"));
    REQUIRE_THAT(text, Catch::Contains("    a: 0.3000 [0.2184, 0.3966], ratio 1.500 [0.997, 2.256], difference 0.1000 [-0.0055, 0.2055]\n"));
    REQUIRE_THAT(text, Catch::Contains("      check: share of the log ratio 0.4055 (100.0%), of the difference 0.1000; equalised alone: ratio 1.000\n"));
    REQUIRE_THAT(text, Catch::Contains("    check / a: 30 of 100, 0.300 [0.219, 0.396], Fisher p 0.0605\n"));
    std::string csv = to_csv(r);
    REQUIRE(csv.substr(0, csv.find('\n')).find("kind,ground,outcome,group,step,cases,probability") == 0);
    REQUIRE_THAT(csv, Catch::Contains("\ngroup,race,sanction,a,,100,0.3,"));
    REQUIRE_THAT(csv, Catch::Contains("\nshare,race,sanction,a,check,,,,,,,,,,,1,0,"));
    for (std::size_t at = 0, next; (next = csv.find('\n', at)) != std::string::npos; at = next + 1)
        REQUIRE(std::count(csv.begin() + static_cast<std::ptrdiff_t>(at), csv.begin() + static_cast<std::ptrdiff_t>(next), ',') == 20);
    std::string md = to_markdown(r);
    REQUIRE_THAT(md, Catch::Contains("## Compounding\n\n### race: sanction\n\n| group | end-to-end | ratio | difference |"));
    REQUIRE_THAT(md, Catch::Contains("| b (reference) | 0.2000 [0.1502, 0.2612] |  |  |"));

    // A group as often sanctioned as the reference: its ratio is 1 and it has no shares of it to list.
    feed_one(acc, "d", 50, 10);
    std::string same = to_text(compound(p, acc, options));
    REQUIRE_THAT(same, Catch::Contains("    d: 0.2000 [0.1111, 0.3333], ratio 1.000 [0.538, 1.859], difference 0.0000 [-0.1240, 0.1240]\n"
                                       "  outcome test"));
}
