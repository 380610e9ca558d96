// libFuzzer target: DisparityAccumulator::deserialise (the counts a cluster engine sends back), with each spec of
// disparity_fixture.hpp. Counts accepted must serialise to a fixed point, merge (or refuse with LimitError when a
// count would overflow 64 bits) and give a table in every format.
#include "disparity_fixture.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Reported, not yet fixed (docs/security.md, "Known problems"): deserialise converts counts that are not whole
// numbers, and one out of range (1e30) is undefined behaviour. Such documents are left out unless ARTIKEL1_FUZZ_STRICT.
bool has_fraction(const nlohmann::json& value) {
    if (value.is_number_float()) return true;
    if (value.is_structured()) {
        for (const auto& item : value) {
            if (has_fraction(item)) return true;
        }
    }
    return false;
}

bool skip_known_problem(std::string_view text) {
#ifdef ARTIKEL1_FUZZ_STRICT
    (void)text;
    return false;
#else
    if (artikel1::detail::nesting_depth(text, 64) > 64) return false; // refused by the depth limit anyway
    auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    return !doc.is_discarded() && has_fraction(doc);
#endif
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace artikel1;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (skip_known_problem(text)) return 0;
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
