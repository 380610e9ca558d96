// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: DisparityAccumulator::deserialise (the counts a cluster engine sends back), with each spec of
// disparity_fixture.hpp. Counts accepted must serialise to a fixed point, merge (or refuse with LimitError when a
// count would overflow 64 bits) and give a table in every format.
#include "disparity_fixture.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace artikel1;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& spec : fuzz::specs()) {
        try {
            auto acc = DisparityAccumulator::deserialise(spec, text);
            auto once = acc.serialise();
            fuzz::require_same(once, DisparityAccumulator::deserialise(spec, once).serialise(), "serialised counts");
            fuzz::exercise_counts(acc);
            DisparityAccumulator merged(spec);
            merged.merge(acc);
            fuzz::require_same(once, merged.serialise(), "counts and their merge into an empty accumulator");
            merged.merge(acc); // doubles every count: LimitError when that overflows
        } catch (const Error&) {
        }
    }
    return 0;
}
