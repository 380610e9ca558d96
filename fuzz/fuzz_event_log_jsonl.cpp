// libFuzzer target: the JSON-lines event-log reader. Every input is read with each spec of disparity_fixture.hpp from
// memory, and from a file with a read block of a few bytes (so lines span blocks) both with roomy limits and
// with tiny ones; the reads must agree, except where the tiny limits refuse the input. Counts that were read go
// through the table (JSON, CSV, text) and through serialise + deserialise.
#include "disparity_fixture.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace artikel1;
    static fuzz::ScratchFile scratch(".jsonl");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string& path = scratch.write(text);

    EventLogOptions options;
    options.strict = size % 2 == 1;
    options.limits = fuzz::roomy_limits();
    EventLogOptions small_blocks = options;
    small_blocks.limits.block_bytes = 7;
    EventLogOptions tiny = options;
    tiny.limits = fuzz::small_limits();

    for (const auto& spec : fuzz::specs()) {
        DisparityAccumulator acc(spec), blocks(spec), small(spec), small_text(spec);
        auto in_memory = fuzz::outcome_of(acc, [&] { return read_event_log_text(text, acc, options, nullptr, path); });
        auto file_in_blocks = fuzz::outcome_of(blocks, [&] { return read_event_log(path, blocks, small_blocks); });
        fuzz::require_same(in_memory, file_in_blocks, "memory and file read in 7-byte blocks");
        auto tiny_in_memory = fuzz::outcome_of(small_text, [&] { return read_event_log_text(text, small_text, tiny, nullptr, path); });
        auto tiny_from_file = fuzz::outcome_of(small, [&] { return read_event_log(path, small, tiny); });
        fuzz::require_same(tiny_in_memory, tiny_from_file, "memory and file with tiny limits");
        if (!fuzz::is_limit_error(tiny_in_memory) && !fuzz::is_limit_error(in_memory))
            fuzz::require_same(in_memory, tiny_in_memory, "roomy and tiny limits");
        if (fuzz::read_all(in_memory)) fuzz::exercise_counts(acc);
    }
    return 0;
}
