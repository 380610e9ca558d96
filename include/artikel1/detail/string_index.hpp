// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: a compact string -> code index for the hot path of reading event logs (step ids, group labels,
// case ids). Codes are 0, 1, 2... in order of insertion; the keys are kept in that order.
#pragma once

#include <artikel1/error.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1::detail {

inline std::uint64_t load64(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}
inline std::uint16_t load16(const char* p) {
    std::uint16_t word;
    std::memcpy(&word, p, 2);
    return word;
}
inline std::uint32_t load32(const char* p) {
    std::uint32_t word;
    std::memcpy(&word, p, 4);
    return word;
}

/// Whether two byte ranges of the same length `n` are equal. Labels are short: two overlapping word loads compare
/// them without a call to memcmp.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n >= 8) {
        if (n > 16) [[unlikely]] return std::memcmp(a, b, n) == 0;
        return ((load64(a) ^ load64(b)) | (load64(a + n - 8) ^ load64(b + n - 8))) == 0;
    }
    if (n >= 4) return ((load32(a) ^ load32(b)) | (load32(a + n - 4) ^ load32(b + n - 4))) == 0;
    if (n >= 2) return ((load16(a) ^ load16(b)) | (load16(a + n - 2) ^ load16(b + n - 2))) == 0;
    return n == 0 || *a == *b;
}

inline bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// A copy of a short label kept inline, so that comparing a field with it reads one cache line and follows no
/// pointer. Labels longer than `capacity` are not kept (never equal).
class ShortLabel {
public:
    static constexpr std::size_t capacity = 27;
    ShortLabel() = default;
    explicit ShortLabel(std::string_view text) { assign(text); }
    void assign(std::string_view text) {
        if (text.size() > capacity) {
            size_ = none;
            return;
        }
        std::memcpy(bytes_, text.data(), text.size());
        size_ = static_cast<std::uint8_t>(text.size());
    }
    void clear() { size_ = none; }
    bool equals(std::string_view text) const { return text.size() == size_ && same_bytes(bytes_, text.data(), size_); }

private:
    static constexpr std::uint8_t none = 0xFF;
    char bytes_[capacity] = {};
    std::uint8_t size_ = none;
};

/// A 64-bit hash of a byte string: eight bytes at a time, each step a multiply and a shift, then a full avalanche
/// (the finaliser of splitmix64), so that the low bits that pick a slot depend on every byte.
inline std::uint64_t hash_text(std::string_view text) {
    const char* p = text.data();
    const std::size_t size = text.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ size;
    auto mix = [&h](std::uint64_t word) {
        h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    };
    if (size >= 8) {
        std::size_t n = size;
        for (; n > 8; p += 8, n -= 8) mix(load64(p));
        mix(load64(text.data() + size - 8)); // the last eight bytes, overlapping those mixed already
    } else if (size >= 4) {
        mix(load32(p) | (std::uint64_t{load32(p + size - 4)} << 32));
    } else if (size > 0) {
        // Whole loads, not a byte-wise copy into a word: that would stall on store forwarding.
        const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
        mix(byte(0) | (byte(size / 2) << 8) | (byte(size - 1) << 16));
    }
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return h;
}

/// Maps strings to 32-bit codes given in order of insertion. Open addressing with linear probing; each slot holds
/// the code and 32 bits of the hash, so a probe compares text only when those bits match.
class StringIndex {
public:
    static constexpr std::int32_t absent = -1;

    /// The code of `key`, or `absent`.
    std::int32_t find(std::string_view key) const {
        if (keys_.empty()) return absent;
        const std::uint64_t hash = hash_text(key);
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.code == absent) return absent;
            if (slot.tag == tag && same_text(keys_[static_cast<std::size_t>(slot.code)], key)) return slot.code;
        }
    }

    /// The code of `key`, adding it when new; `added` tells which.
    std::int32_t insert(std::string_view key, bool& added) {
        if ((keys_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint64_t hash = hash_text(key);
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        std::size_t i = hash & mask_;
        for (;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.code == absent) break;
            if (slot.tag == tag && same_text(keys_[static_cast<std::size_t>(slot.code)], key)) {
                added = false;
                return slot.code;
            }
        }
        if (keys_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw LimitError("too many distinct labels for 32-bit codes");
        const auto code = static_cast<std::int32_t>(keys_.size());
        keys_.emplace_back(key);
        slots_[i] = Slot{code, tag};
        added = true;
        return code;
    }

    const std::string& key(std::int32_t code) const { return keys_.at(static_cast<std::size_t>(code)); }
    const std::vector<std::string>& keys() const { return keys_; }
    std::size_t size() const { return keys_.size(); }

private:
    struct Slot {
        std::int32_t code = absent;
        std::uint32_t tag = 0;
    };

    // At most half full, so probes stay short.
    void grow() {
        slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        for (std::size_t code = 0; code < keys_.size(); ++code) {
            const std::uint64_t hash = hash_text(keys_[code]);
            std::size_t i = hash & mask_;
            while (slots_[i].code != absent) i = (i + 1) & mask_;
            slots_[i] = Slot{static_cast<std::int32_t>(code), static_cast<std::uint32_t>(hash >> 32)};
        }
    }

    std::vector<std::string> keys_;
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

} // namespace artikel1::detail
