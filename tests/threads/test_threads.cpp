// Thread-safety: one shared process and knowledge base assessed from many threads at once must give identical
// results. Built and run under ThreadSanitizer by scripts/test.sh (target artikel1_thread_tests).
#include <artikel1/artikel1.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

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
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && !processes.empty() ? 0 : 1;
}
