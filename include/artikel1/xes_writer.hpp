// SPDX-License-Identifier: EUPL-1.2
// artikel1: writing a generated event log as XES (IEEE 1849), for tests and benchmarks of the XES reader.
#pragma once

#include <artikel1/detail/xml.hpp>
#include <artikel1/log_generator.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace artikel1 {
namespace detail {

inline void append_xes_string(std::string& out, const char* indent, std::string_view element, std::string_view key,
                              std::string_view value) {
    out += indent;
    out += '<';
    out += element;
    out += " key=\"";
    append_xml_escaped(out, key);
    out += "\" value=\"";
    append_xml_escaped(out, value);
    out += "\"/>\n";
}

/// Writes out and empties `buffer`.
inline void write_buffer(std::FILE* file, std::string& buffer) {
    if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size()) throw Error("cannot write the generated log");
    buffer.clear();
}

} // namespace detail

/// Writes a generated log as XES to `file`: one trace per case with its group attributes (read as case:COLUMN),
/// one event per step with concept:name, lifecycle:transition complete and time:timestamp (the timestamps of
/// write_log_csv). Returns the number of events written. Throws Error when writing fails.
inline std::uint64_t write_log_xes(const Process& process, const LogGeneratorOptions& options, std::FILE* file) {
    LogGenerator generator(process, options);
    std::string buffer;
    buffer += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<log xes.version=\"1849-2016\" xmlns=\"http://www.xes-standard.org/\">\n"
              "  <extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
              "  <extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
              "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n";
    GeneratedCase c;
    std::uint64_t events = 0;
    const std::int64_t base = 1704096000; // 2024-01-01T08:00:00Z, as write_log_csv
    std::string time;
    while (generator.next(c)) {
        buffer += "  <trace>\n";
        detail::append_xes_string(buffer, "    ", "string", "concept:name", "c" + std::to_string(c.number));
        for (std::size_t g = 0; g < options.grounds.size(); ++g)
            detail::append_xes_string(buffer, "    ", "string", options.grounds[g].column, options.grounds[g].groups[c.groups[g]].label);
        if (!options.strata.column.empty())
            detail::append_xes_string(buffer, "    ", "string", options.strata.column, options.strata.groups[c.stratum].label);
        std::int64_t start = base + static_cast<std::int64_t>(c.number) * 17;
        for (std::size_t e = 0; e < c.steps.size(); ++e) {
            buffer += "    <event>\n";
            detail::append_xes_string(buffer, "      ", "string", "concept:name", process.steps[static_cast<std::size_t>(c.steps[e])].id);
            detail::append_xes_string(buffer, "      ", "string", "lifecycle:transition", "complete");
            time.clear();
            detail::append_timestamp(time, start + static_cast<std::int64_t>(e) * 3600);
            detail::append_xes_string(buffer, "      ", "date", "time:timestamp", time);
            buffer += "    </event>\n";
        }
        buffer += "  </trace>\n";
        events += c.steps.size();
        if (buffer.size() > (std::size_t{1} << 20)) detail::write_buffer(file, buffer);
    }
    buffer += "</log>\n";
    detail::write_buffer(file, buffer);
    return events;
}

} // namespace artikel1
