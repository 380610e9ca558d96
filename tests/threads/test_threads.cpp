// SPDX-License-Identifier: EUPL-1.2
// Thread-safety: one shared process and knowledge base assessed from many threads at once must give identical
// results; disparity accumulators built in parallel threads (and the multi-threaded log reader) must merge into the
// table of a single thread. Built and run under ThreadSanitizer by scripts/test.sh (target artikel1_thread_tests).
#include <artikel1/artikel1.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/log_generator.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <stdlib.h>

namespace {

// Four threads each count their own part of a generated log into their own accumulator (one shared spec), then
// the parts are merged; a four-thread read of the same log as a file; both must equal one thread's table.
int disparity_mismatches() {
    using namespace artikel1;
    Process process = builtin_example("bijstand-aanvraag");
    DisparitySpecOptions spec_options;
    spec_options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    auto spec = std::make_shared<const DisparitySpec>(process, spec_options);
    auto options = [](std::uint64_t seed) {
        LogGeneratorOptions o;
        o.cases = 3000;
        o.seed = seed;
        o.grounds = {{"migration_background", "race", {{"none", 0.7}, {"non_western", 0.3}}},
                     {"gender", "sex", {{"f", 0.5}, {"m", 0.5}}}};
        return o;
    };
    DisparityAccumulator single(spec);
    for (std::uint64_t seed = 1; seed <= 4; ++seed) generate_into(process, options(seed), single);
    std::string expected = to_json(compute_disparity(single)).dump();

    std::vector<DisparityAccumulator> parts(4, DisparityAccumulator(spec));
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < parts.size(); ++t) {
        threads.emplace_back([&, t] { generate_into(process, options(t + 1), parts[t]); });
    }
    for (auto& thread : threads) thread.join();
    DisparityAccumulator merged(spec);
    for (const auto& part : parts) merged.merge(part);
    int mismatches = to_json(compute_disparity(merged)).dump() == expected ? 0 : 1;

    char path[] = "/tmp/artikel1-thread-log-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return mismatches + 1;
    std::FILE* file = fdopen(fd, "wb");
    write_log_csv(process, options(1), file, LogStyle::plain);
    std::fclose(file);
    DisparityAccumulator one(spec), four(spec);
    EventLogOptions read_options;
    read_event_log(path, one, read_options);
    read_options.threads = 4;
    read_event_log(path, four, read_options);
    std::remove(path);
    if (to_json(compute_disparity(one)).dump() != to_json(compute_disparity(four)).dump()) ++mismatches;
    return mismatches;
}

} // namespace

int main() {
    const auto& kb = artikel1::KnowledgeBase::builtin();
    std::vector<artikel1::Process> processes;
    for (const auto& name : artikel1::builtin_example_names()) processes.push_back(artikel1::builtin_example(name, kb));
    std::vector<std::string> expected;
    for (const auto& p : processes) expected.push_back(artikel1::save_assessment(artikel1::assess(p, kb)));

    constexpr int thread_count = 8;
    std::vector<int> mismatches(thread_count, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 3; ++round) {
                for (std::size_t i = 0; i < processes.size(); ++i) {
                    std::size_t k = (i + static_cast<std::size_t>(t)) % processes.size(); // different orders
                    if (artikel1::save_assessment(artikel1::assess(processes[k], kb)) != expected[k]) ++mismatches[t];
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    int failed = 0;
    for (int m : mismatches) failed += m;
    int passed = thread_count * 3 * static_cast<int>(processes.size()) - failed;
    int disparity_failed = disparity_mismatches();
    std::printf("assessments: %d passed, %d failed; disparity merges: %d failed\n", passed, failed, disparity_failed);
    failed += disparity_failed;
    return failed == 0 && !processes.empty() ? 0 : 1;
}
