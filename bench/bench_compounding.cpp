// SPDX-License-Identifier: EUPL-1.2
// Benchmark of compounding (docs/compounding.md has the results). One job per run:
//   bench_compounding chain STEPS        a process of STEPS steps with a rework loop every 10 steps and an adverse
//                                        exit at every decision: built, condensed and solved for two groups
//                                        (end-to-end probability, expected visits and the delta-method variance)
//   bench_compounding shapley STEPS D    a process of STEPS steps with D decision points where the groups differ:
//                                        the full compounding result with exact Shapley values (2^D coalitions)
//   bench_compounding read MODEL LOG THREADS RUNS
//                                        the log of bench/run_disparity_bench.sh read RUNS times each way, taking
//                                        turns: passages only (as the disparity table needs) and with transitions
//                                        counted, then the compounding result from the transition counts
#include <artikel1/compounding.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/process_io.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace artikel1;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// s0 -> s1 -> ... -> s{n-1} -> done; every 10th step a decision: on to the next step, a rework loop back 3 steps, or
/// (adverse) out to `sanction` when `adverse_exit`, else on only. The flows leave probabilities to the groups.
Process long_process(std::size_t steps, std::size_t decisions_wanted) {
    Process p;
    p.id = "long";
    auto add = [&](const std::string& id) {
        Step s;
        s.id = id;
        p.steps.push_back(s);
    };
    for (std::size_t i = 0; i < steps; ++i) add("s" + std::to_string(i));
    add("done");
    add("sanction");
    std::size_t every = std::max<std::size_t>(1, steps / std::max<std::size_t>(1, decisions_wanted));
    std::size_t decisions = 0;
    for (std::size_t i = 0; i < steps; ++i) {
        std::string here = "s" + std::to_string(i), next = i + 1 < steps ? "s" + std::to_string(i + 1) : "done";
        p.flows.push_back({here, next, false, std::nullopt, ""});
        if (i % every == every - 1 && decisions < decisions_wanted) {
            ++decisions;
            p.flows.push_back({here, "sanction", true, std::nullopt, ""});
            if (i >= 3) p.flows.push_back({here, "s" + std::to_string(i - 3), false, std::nullopt, ""});
        }
    }
    return p;
}

/// Flow probabilities: at each decision the adverse exit `adverse`, the loop back 0.1, the rest onward.
std::vector<double> probabilities(const AbsorbingChain& chain, double adverse, double loop) {
    std::vector<double> p(chain.flow_count(), 1.0);
    for (std::size_t v = 0; v < chain.step_count(); ++v) {
        const auto& out = chain.outgoing(v);
        if (out.size() < 2) continue;
        double rest = 1 - adverse - (out.size() > 2 ? loop : 0);
        p[out[0]] = rest;
        p[out[1]] = adverse;
        if (out.size() > 2) p[out[2]] = loop;
    }
    return p;
}

int chain_job(std::size_t steps) {
    auto start = std::chrono::steady_clock::now();
    Process p = long_process(steps, steps / 10);
    AbsorbingChain chain(p);
    AbsorbingChain::Solver solver(chain, chain.step_count() - 1);
    double build = seconds_since(start);
    std::vector<double> visits, reach;
    double h[2];
    const double adverse[2] = {0.001, 0.0013};
    for (int g = 0; g < 2; ++g) {
        GroupChain group{"g", probabilities(chain, adverse[g], 0.1), std::vector<std::uint64_t>(chain.step_count(), 1000), 1000};
        h[g] = solver.solve(group.probability, &visits, &reach);
        (void)detail::reach_variance(chain, group, visits, reach);
    }
    double total = seconds_since(start);
    std::printf("chain: %zu steps, %zu flows, %zu decision points with rework loops; condensed in %.3f s, both groups solved "
                "(probability, visits, variance) in %.3f s total; end-to-end %.6f and %.6f, ratio %.4f\n",
                chain.step_count(), chain.flow_count(), steps / 10, build, total, h[0], h[1], h[1] / h[0]);
    return 0;
}

int shapley_job(std::size_t steps, std::size_t decisions) {
    Process p = long_process(steps, decisions);
    auto start = std::chrono::steady_clock::now();
    AbsorbingChain chain(p);
    std::vector<GroupChain> groups{{"reference", probabilities(chain, 0.02, 0.1), {}, 0}, {"other", probabilities(chain, 0.026, 0.1), {}, 0}};
    CompoundingOptions options;
    options.outcomes = {"sanction"};
    CompoundingResult r = compound_what_if(p, "race", groups, "reference", options);
    double total = seconds_since(start);
    const auto& other = r.grounds[0].outcomes[0].groups[1];
    double sum = 0;
    for (const auto& s : other.shares) sum += s.log_ratio_share;
    std::printf("shapley: %zu steps, %zu decision points, exact %s over %zu coalitions in %.3f s; ratio %.4f, shares sum to the "
                "log ratio within %.2g\n",
                chain.step_count(), other.shares.size(), other.shapley_exact ? "yes" : "no", std::size_t{1} << other.shares.size(),
                total, other.ratio, std::abs(sum - std::log(other.ratio)));
    return 0;
}

const std::vector<GroundColumn> grounds{{"migration_background", "race"}, {"gender", "sex"}, {"age_band", "age"}};

double read_once(const Process& process, const std::string& log, unsigned threads, bool transitions, CompoundingResult* result) {
    DisparitySpecOptions spec_options;
    spec_options.grounds = grounds;
    spec_options.count_transitions = transitions;
    DisparitySpec spec(process, spec_options);
    DisparityAccumulator acc(spec);
    EventLogOptions options;
    options.threads = threads;
    auto start = std::chrono::steady_clock::now();
    read_event_log(log, acc, options);
    double seconds = seconds_since(start);
    if (result) *result = compound(process, acc);
    return seconds;
}

int read_job(const std::string& model, const std::string& log, unsigned threads, int runs) {
    Process process = load_process_file(model);
    std::vector<double> plain, with;
    CompoundingResult result;
    double compound_seconds = 0;
    for (int run = 0; run < runs; ++run) {
        plain.push_back(read_once(process, log, threads, false, nullptr));
        auto start = std::chrono::steady_clock::now();
        with.push_back(read_once(process, log, threads, true, &result));
        compound_seconds = seconds_since(start) - with.back();
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    std::printf("read (%u thread%s, %d runs each): passages only median %.3f s (%.3f..%.3f), with transitions median %.3f s "
                "(%.3f..%.3f), %.2f times; compounding result from the counts %.3f s\n",
                threads, threads == 1 ? "" : "s", runs, median(plain), *std::min_element(plain.begin(), plain.end()),
                *std::max_element(plain.begin(), plain.end()), median(with), *std::min_element(with.begin(), with.end()),
                *std::max_element(with.begin(), with.end()), median(with) / median(plain), compound_seconds);
    for (const auto& g : result.grounds) {
        for (const auto& o : g.outcomes) {
            for (const auto& r : o.groups) {
                if (!r.reference && r.ratio_interval.lower > 1)
                    std::printf("  %s / %s / %s: end-to-end ratio %.3f [%.3f, %.3f]\n", g.ground.c_str(), o.step.c_str(), r.group.c_str(),
                                r.ratio, r.ratio_interval.lower, r.ratio_interval.upper);
            }
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string job = argc > 1 ? argv[1] : "";
        if (job == "chain" && argc == 3) return chain_job(std::stoul(argv[2]));
        if (job == "shapley" && argc == 4) return shapley_job(std::stoul(argv[2]), std::stoul(argv[3]));
        if (job == "read" && argc == 6)
            return read_job(argv[2], argv[3], static_cast<unsigned>(std::stoul(argv[4])), std::stoi(argv[5]));
        std::cerr << "usage: bench_compounding chain STEPS | shapley STEPS DECISIONS | read MODEL LOG THREADS RUNS\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bench_compounding: " << e.what() << "\n";
        return 1;
    }
}
