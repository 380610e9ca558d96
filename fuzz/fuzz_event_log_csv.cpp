// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: the CSV event-log reader and the case-table reader. Every input is read with each spec of
// disparity_fixture.hpp from memory, from memory with tiny limits (the buffer refilled every few bytes), from a
// file, and from the file with the rest sorted by case from the second open case on; they must agree, except where
// a limit refuses the input. Counts that were read go through the
// table (JSON, CSV, text) and through serialise + deserialise.
#include "disparity_fixture.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace artikel1;
    static fuzz::ScratchFile scratch(".csv");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string& path = scratch.write(text);

    EventLogOptions options;
    // A semicolon header (as Dutch spreadsheet exports write) selects ';'; strict mode from the input's size.
    std::string_view first_line = text.substr(0, text.find('\n'));
    if (first_line.find(';') != std::string_view::npos && first_line.find(',') == std::string_view::npos) options.delimiter = ';';
    options.strict = size % 2 == 1;
    options.limits = fuzz::roomy_limits();
    EventLogOptions tiny = options;
    tiny.limits = fuzz::small_limits();

    for (const auto& spec : fuzz::specs()) {
        DisparityAccumulator acc(spec), small(spec), from_file(spec);
        auto in_memory = fuzz::outcome_of(acc, [&] { return read_event_log_text(text, acc, options, nullptr, path); });
        auto with_tiny_limits = fuzz::outcome_of(small, [&] { return read_event_log_text(text, small, tiny, nullptr, path); });
        auto read_from_file = fuzz::outcome_of(from_file, [&] { return read_event_log(path, from_file, options); });
        fuzz::require_same(in_memory, read_from_file, "memory and file");
        fuzz::require_same_sorted(in_memory, acc, [&](DisparityAccumulator& into) {
            return read_event_log(path, into, fuzz::sorting(options));
        });
        if (!fuzz::is_limit_error(with_tiny_limits) && !fuzz::is_limit_error(in_memory))
            fuzz::require_same(in_memory, with_tiny_limits, "roomy and tiny limits");
        if (fuzz::read_all(in_memory)) fuzz::exercise_counts(acc);
    }

    // The same bytes as a case table, and a small log joined to it.
    const auto& strata_spec = *fuzz::specs()[1];
    try {
        CaseTable cases = read_case_table_text(text, strata_spec, options, {}, "cases.csv");
        DisparityAccumulator acc(fuzz::specs()[1]);
        read_event_log_text("case_id,step,timestamp\nc1,intake,1\nc1,check,2\nc1,approve,3\nc2,check,4\nc2,investigate,5\n",
                            acc, options, &cases, "events.csv");
        fuzz::exercise_counts(acc);
    } catch (const Error&) {
    }
    return 0;
}
