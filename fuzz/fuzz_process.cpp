// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: the process-model reader, validator and, for valid models, the method and its JSON.
#include <artikel1/assessment_json.hpp>
#include <artikel1/process_io.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    artikel1::ParseLimits limits;
    limits.max_bytes = 1 << 20;
    try {
        auto report = artikel1::read_process(text, artikel1::KnowledgeBase::builtin(), limits);
        if (report.ok() && report.process.steps.size() < 2000) {
            auto assessment = artikel1::assess(report.process);
            (void)artikel1::save_assessment(assessment);
            (void)artikel1::save_process(report.process);
        }
    } catch (const artikel1::LimitError&) {
        // refused by a resource limit: the documented outcome for such input
    }
    return 0;
}
