// SPDX-License-Identifier: EUPL-1.2
// The fast paths of log reading: the string index, inline label comparison, and plain CSV records against the
// general parser.
#include <artikel1/detail/csv.hpp>
#include <artikel1/detail/string_index.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace artikel1;
using namespace artikel1::detail;

namespace {

// Every record of `text` read with the given block size, fields joined by '|', records by '\n'.
std::string records_of(const std::string& text, std::size_t block_bytes, std::size_t max_line_bytes = 1 << 20) {
    std::size_t offset = 0;
    CsvReader::Source source = [&](char* buffer, std::size_t capacity) {
        std::size_t n = std::min(capacity, std::min(block_bytes, text.size() - offset));
        std::copy_n(text.data() + offset, n, buffer);
        offset += n;
        return n;
    };
    CsvLimits limits;
    limits.block_bytes = block_bytes;
    limits.max_line_bytes = max_line_bytes;
    CsvReader reader(source, "t.csv", ',', limits, true);
    std::string out;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "|" : "") + std::string(fields[i]);
        out += "\n";
    }
    return out;
}

} // namespace

TEST_CASE("same_bytes compares every length and every position", "[reading]") {
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string a(n, 'x');
        for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
        std::string b = a;
        REQUIRE(same_bytes(a.data(), b.data(), n));
        for (std::size_t i = 0; i < n; ++i) {
            b = a;
            b[i] = '#';
            INFO("length " << n << ", differs at " << i);
            REQUIRE_FALSE(same_bytes(a.data(), b.data(), n));
        }
    }
    REQUIRE(same_text("", ""));
    REQUIRE_FALSE(same_text("ab", "abc"));
}

TEST_CASE("StringIndex: codes in order of insertion, found again after growing", "[reading]") {
    StringIndex index;
    REQUIRE(index.find("anything") == StringIndex::absent);
    // Keys of every length from 0 to 40 that differ in one byte only, so a hash that skipped a byte would collide
    // them (still found: only slower); and many of them, so the table grows many times.
    std::vector<std::string> keys;
    for (std::size_t n = 0; n <= 40; ++n) {
        for (char c : std::string("ab\xE9Z")) {
            for (std::size_t at = 0; at < std::max<std::size_t>(n, 1); at += 3) {
                std::string key(n, 'k');
                if (n > 0) key[at] = c;
                if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
            }
        }
    }
    for (int i = 0; i < 20000; ++i) keys.push_back("case-" + std::to_string(i));
    for (std::size_t i = 0; i < keys.size(); ++i) {
        bool added = false;
        REQUIRE(index.insert(keys[i], added) == static_cast<std::int32_t>(i));
        REQUIRE(added);
    }
    REQUIRE(index.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        REQUIRE(index.find(keys[i]) == static_cast<std::int32_t>(i));
        REQUIRE(index.key(static_cast<std::int32_t>(i)) == keys[i]);
        bool added = true;
        REQUIRE(index.insert(keys[i], added) == static_cast<std::int32_t>(i));
        REQUIRE_FALSE(added);
    }
    REQUIRE(index.find("case-20000") == StringIndex::absent);
    REQUIRE(index.find(std::string(41, 'k')) == StringIndex::absent);
    REQUIRE(index.keys() == keys);
}

TEST_CASE("ShortLabel keeps labels of up to 27 bytes; a longer one never matches", "[reading]") {
    ShortLabel label;
    REQUIRE_FALSE(label.equals(""));
    label.assign("");
    REQUIRE(label.equals(""));
    label.assign("non_western");
    REQUIRE(label.equals("non_western"));
    REQUIRE_FALSE(label.equals("non_westerN"));
    REQUIRE_FALSE(label.equals("non_western "));
    const std::string longest(ShortLabel::capacity, 'q');
    label.assign(longest);
    REQUIRE(label.equals(longest));
    label.assign(longest + "q");
    REQUIRE_FALSE(label.equals(longest + "q"));
    REQUIRE_FALSE(label.equals(longest));
}

TEST_CASE("plain and quoted CSV records give the same fields whatever the block size", "[reading]") {
    // Plain records (the fast path) between quoted ones, \r\n, an empty field, a field of 40 bytes and a record that
    // ends without a line end (the general code).
    const std::string text = "case_id,step,group\n"
                             "c1,register,none\n"
                             "\"c2\",\"say \"\"hi\"\"\",x\r\n"
                             "c3,,a_label_that_is_forty_bytes_long_xxxxxx\n"
                             "c4,\"a,b\",y\n"
                             "\n"
                             "c5,decide,z";
    const std::string expected = "case_id|step|group\n"
                                 "c1|register|none\n"
                                 "c2|say \"hi\"|x\n"
                                 "c3||a_label_that_is_forty_bytes_long_xxxxxx\n"
                                 "c4|a,b|y\n"
                                 "c5|decide|z\n";
    for (std::size_t block : {1, 2, 3, 7, 16, 17, 64, 4096}) {
        INFO("block " << block);
        REQUIRE(records_of(text, block) == expected);
    }
}

TEST_CASE("positions of fields in plain and quoted records", "[reading]") {
    const std::string text = "a,bb,ccc\n\"q\",r,ssss\nxyz,\xC3\xA9t\xC3\xA9,w\n";
    std::size_t offset = 0;
    CsvReader reader([&](char* buffer, std::size_t capacity) {
        std::size_t n = std::min(capacity, text.size() - offset);
        std::copy_n(text.data() + offset, n, buffer);
        offset += n;
        return n;
    }, "t.csv", ',', CsvLimits{}, true);
    std::vector<std::string_view> fields;
    REQUIRE(reader.next(fields));
    REQUIRE(reader.position(2).line == 1);
    REQUIRE(reader.position(2).column == 6);
    REQUIRE(reader.position(3).column == 1); // no such field: the record's start
    REQUIRE(reader.end_position().column == 9);
    REQUIRE(reader.next(fields));
    REQUIRE(reader.position(0).column == 1);
    REQUIRE(reader.position(1).column == 5);
    REQUIRE(reader.position(2).line == 2);
    REQUIRE(reader.position(2).column == 7);
    REQUIRE(reader.next(fields));
    REQUIRE(reader.position(2).column == 9); // columns count characters: "été" is three
    REQUIRE_FALSE(reader.next(fields));
}
