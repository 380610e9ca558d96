// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: the JSON-lines event-log reader. Every input is read with each spec of disparity_fixture.hpp from
// memory, and from a file with a read block of a few bytes (so lines span blocks) both with roomy limits and
// with tiny ones; the reads must agree, except where the tiny limits refuse the input. Counts that were read go
// through the table (JSON, CSV, text) and through serialise + deserialise.
#include "disparity_fixture.hpp"

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
    fuzz::read_every_way(text, path, options);
    return 0;
}
