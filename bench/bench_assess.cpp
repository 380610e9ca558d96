// SPDX-License-Identifier: EUPL-1.2
// Benchmark: loading, validating and assessing generated processes of growing size.
// Shows that the method is linear in steps + flows, and puts each phase beside the cost of merely parsing the JSON
// (the floor any tool that reads the model pays). Usage: bench_assess [--rounds N] [STEPS | dense:STEPS ...]
// (default 10000 100000 dense:560). Each column is the median of N rounds (default 5): the rounds take turns, so
// a moment when the machine is slower falls on every column alike.
#include <artikel1/artikel1.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A long process of repeated blocks: intake task -> algorithmic selection on postcode -> (adverse) investigation
/// with a rework loop back to the block's intake and a severe sanction, or on to the next block. About 1.1 flows
/// per step, cycles in every block, and 2^(blocks) distinct paths.
artikel1::Process generate(std::size_t steps) {
    artikel1::Process p;
    p.id = "generated";
    p.name = "Generated process";
    p.cases_per_year = 100000;
    p.attributes = {{"postcode", "postcode", ""}, {"nat", "nationality", ""}};
    std::size_t blocks = std::max<std::size_t>(1, steps / 5);
    auto id = [](const char* kind, std::size_t b) { return std::string(kind) + std::to_string(b); };
    auto step = [](std::string step_id, artikel1::StepKind kind) {
        artikel1::Step s;
        s.id = std::move(step_id);
        s.kind = kind;
        return s;
    };
    for (std::size_t b = 0; b < blocks; ++b) {
        artikel1::Step intake = step(id("intake", b), artikel1::StepKind::task);
        intake.channel = artikel1::Channel::in_person;
        intake.discretion = b % 3 == 0 ? artikel1::Discretion::broad : artikel1::Discretion::bounded;
        artikel1::Step select = step(id("select", b), artikel1::StepKind::decision);
        select.automation = artikel1::Automation::algorithmic;
        select.uses = {{"postcode", artikel1::AttributeRole::selection_criterion, ""},
                       {"nat", artikel1::AttributeRole::input, ""}};
        if (b % 4 == 0) select.measures = {"bias_testing"};
        artikel1::Step investigate = step(id("investigate", b), artikel1::StepKind::task);
        investigate.severity = artikel1::Severity::moderate;
        investigate.discretion = artikel1::Discretion::broad;
        investigate.channel = artikel1::Channel::in_person;
        artikel1::Step sanction = step(id("sanction", b), artikel1::StepKind::outcome);
        sanction.severity = artikel1::Severity::severe;
        artikel1::Step pass = step(id("pass", b), artikel1::StepKind::task);
        for (auto* s : {&intake, &select, &investigate, &sanction, &pass}) p.steps.push_back(*s);
        p.flows.push_back({id("intake", b), id("select", b), false, std::nullopt, ""});
        p.flows.push_back({id("select", b), id("investigate", b), true, 0.1, "selected"});
        p.flows.push_back({id("select", b), id("pass", b), false, 0.9, ""});
        p.flows.push_back({id("investigate", b), id("sanction", b), true, 0.2, ""});
        p.flows.push_back({id("investigate", b), id("intake", b), false, 0.8, "rework"});
        if (b + 1 < blocks) p.flows.push_back({id("pass", b), id("intake", b + 1), false, std::nullopt, ""});
    }
    artikel1::Step done = step("done", artikel1::StepKind::outcome);
    p.steps.push_back(done);
    p.flows.push_back({id("pass", blocks - 1), "done", false, std::nullopt, ""});
    p.start = "intake0"; // every intake has a rework flow coming back, so the start is named
    return p;
}

/// A dense process: the complete directed graph on `steps` steps (every step has a flow to every other step), one
/// strongly connected component. The last step is the one outcome (severe), where half the cases end; every seventh
/// step is a moderate investigation; flows into these from decisions are adverse. A case needs about `steps` moves
/// to leave, so sweeps over the loop would grow with its size (cubic in all): this case shows whether the cost
/// stays linear in steps + flows.
artikel1::Process generate_dense(std::size_t steps) {
    artikel1::Process p;
    p.id = "dense";
    p.name = "Dense process";
    p.cases_per_year = 100000;
    p.attributes = {{"postcode", "postcode", ""}};
    for (std::size_t i = 0; i < steps; ++i) {
        artikel1::Step s;
        s.id = "s" + std::to_string(i);
        if (i + 1 == steps) {
            s.kind = artikel1::StepKind::outcome;
            s.severity = artikel1::Severity::severe;
        } else if (i % 7 == 6) {
            s.severity = artikel1::Severity::moderate;
            s.discretion = artikel1::Discretion::broad;
            s.channel = artikel1::Channel::in_person;
        } else if (i % 2 == 1) {
            s.kind = artikel1::StepKind::decision;
            s.automation = artikel1::Automation::algorithmic;
            s.uses = {{"postcode", artikel1::AttributeRole::selection_criterion, ""}};
        }
        p.steps.push_back(std::move(s));
    }
    const double outcome_share = 0.5 / static_cast<double>(steps - 1); // half the cases end at the outcome
    for (std::size_t i = 0; i < steps; ++i) {
        for (std::size_t j = 0; j < steps; ++j) {
            if (i == j) continue;
            artikel1::Flow f{p.steps[i].id, p.steps[j].id, false, std::nullopt, ""};
            f.adverse = p.steps[i].kind == artikel1::StepKind::decision && p.steps[j].severity != artikel1::Severity::none;
            if (p.steps[i].kind == artikel1::StepKind::outcome) f.probability = outcome_share;
            p.flows.push_back(std::move(f));
        }
    }
    p.start = "s0";
    return p;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    // Arguments: sizes of the block process; "dense:N" for the complete graph on N steps.
    std::vector<std::pair<bool, std::size_t>> sizes;
    std::size_t rounds = 5;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::max<std::size_t>(1, std::strtoull(argv[++i], nullptr, 10));
            continue;
        }
        bool dense = arg.rfind("dense:", 0) == 0;
        sizes.emplace_back(dense, std::strtoull(arg.c_str() + (dense ? 6 : 0), nullptr, 10));
    }
    if (sizes.empty()) sizes = {{false, 10000}, {false, 100000}, {true, 560}};
    const auto& kb = artikel1::KnowledgeBase::builtin();
    std::printf("| process | steps | flows | JSON size | parse JSON only | load + validate | assess | assess / (steps+flows) | assess, 2 threads | assess, numbers only |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (auto [dense, size] : sizes) {
        auto process = dense ? generate_dense(size) : generate(size);
        std::string text = artikel1::save_process(process);
        std::vector<double> parse_only, load, assess, assess_two, assess_numbers;
        std::size_t steps = 0, flows = 0;
        for (std::size_t round = 0; round < rounds; ++round) {
            auto t0 = Clock::now();
            auto raw = nlohmann::ordered_json::parse(text);
            parse_only.push_back(seconds_since(t0));
            if (raw.size() == 0) return 1; // keep the work observable

            t0 = Clock::now();
            auto loaded = artikel1::load_process(text, kb);
            load.push_back(seconds_since(t0));
            steps = loaded.steps.size();
            flows = loaded.flows.size();

            // Each assessment is freed before the next, so that none runs in another's memory. The numbers alone
            // (AssessOptions::explanations off): every score, level, range and the action plan.
            {
                artikel1::AssessOptions numbers_only;
                numbers_only.explanations = false;
                t0 = Clock::now();
                auto numbers = artikel1::assess(loaded, kb, numbers_only);
                assess_numbers.push_back(seconds_since(t0));
                if (numbers.steps.size() != steps) return 1;
            }
            // The full assessment scored by two threads (AssessOptions::threads).
            {
                artikel1::AssessOptions two_threads;
                two_threads.threads = 2;
                t0 = Clock::now();
                auto two = artikel1::assess(loaded, kb, two_threads);
                assess_two.push_back(seconds_since(t0));
                if (two.steps.size() != steps) return 1;
            }
            {
                t0 = Clock::now();
                auto assessment = artikel1::assess(loaded, kb);
                assess.push_back(seconds_since(t0));
                if (assessment.steps.size() != steps) return 1;
            }
        }
        const double full = median(assess);
        const double per_element = full / static_cast<double>(steps + flows) * 1e9;
        std::printf("| %s | %zu | %zu | %.1f MB | %.3f s | %.3f s | %.3f s | %.0f ns | %.3f s | %.3f s |\n",
                    dense ? "dense" : "blocks", steps, flows, static_cast<double>(text.size()) / 1e6, median(parse_only),
                    median(load), full, per_element, median(assess_two), median(assess_numbers));
        std::fflush(stdout);
    }
    return 0;
}
