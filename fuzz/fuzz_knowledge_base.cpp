// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: the knowledge-base loader, as a whole document and as an extension of the default.
#include <artikel1/knowledge_base.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    artikel1::ParseLimits limits;
    limits.max_bytes = 1 << 20;
    try {
        auto kb = artikel1::KnowledgeBase::from_json_text(text, "fuzz", limits);
        (void)kb.document().dump();
    } catch (const artikel1::Error&) {
        // every bad document must end here, as one of artikel1's own exceptions
    }
    try {
        auto kb = artikel1::KnowledgeBase::builtin().extended_from_json_text(text, "fuzz", limits);
        (void)kb.measures().size();
    } catch (const artikel1::Error&) {
    }
    return 0;
}
