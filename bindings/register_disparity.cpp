// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: observed disparity. Columns arrive as dictionary-encoded buffers (int32 codes + their labels, e.g.
// a pandas Categorical or numpy.unique(..., return_inverse=True)); only the labels are translated here, the rows are
// counted in C++ with the GIL released, so no Python work is done per row.
#include "common.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/disparity_json.hpp>
#include <artikel1/event_log.hpp>

#include <pybind11/numpy.h>

#include <memory>
#include <optional>

namespace artikel1::python {

namespace {

using Codes = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

/// A dictionary-encoded column: codes index into labels; a negative code is a missing value.
struct EncodedColumn {
    Codes codes;
    std::vector<std::string> labels;
};

EncodedColumn encoded(const py::tuple& column, const char* what) {
    if (column.size() != 2) throw InvalidArgument(std::string(what) + ": expected (codes, labels)");
    return {column[0].cast<Codes>(), column[1].cast<std::vector<std::string>>()};
}

/// Translates codes through a table (label index -> code of the accumulator); negative codes (missing values)
/// become missing_code.
std::vector<std::int32_t> translate(const EncodedColumn& column, const std::vector<std::int32_t>& table) {
    auto view = column.codes.unchecked<1>();
    std::vector<std::int32_t> out(static_cast<std::size_t>(view.shape(0)));
    const auto size = static_cast<std::int32_t>(table.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::int32_t code = view(static_cast<py::ssize_t>(i));
        if (code >= size) throw InvalidArgument("code " + std::to_string(code) + " has no label (" + std::to_string(size) + " labels)");
        out[i] = code >= 0 ? table[static_cast<std::size_t>(code)] : missing_code;
    }
    return out;
}

std::shared_ptr<DisparityAccumulator> make_accumulator(const Process& process,
                                                       const std::vector<std::pair<std::string, std::string>>& grounds,
                                                       const std::string& strata_column,
                                                       const std::vector<std::pair<std::string, bool>>& outcomes,
                                                       const std::vector<std::pair<std::string, std::string>>& intersections,
                                                       const std::vector<std::string>& decision_points) {
    DisparitySpecOptions options;
    for (const auto& [column, ground] : grounds) options.grounds.push_back({column, ground});
    options.strata_column = strata_column;
    for (const auto& [label, adverse] : outcomes) options.outcomes.push_back({label, adverse});
    if (!options.outcomes.empty()) options.next_kind = NextKind::adverse_flag;
    options.intersections = intersections;
    options.decision_points = decision_points;
    return std::make_shared<DisparityAccumulator>(std::make_shared<const DisparitySpec>(process, std::move(options)));
}

/// Adds rows given as encoded columns: steps, next steps or outcomes, one column per base ground, optional strata.
void add_columns(DisparityAccumulator& acc, const py::tuple& steps_column, const py::tuple& next_column,
                 const py::list& group_columns, const std::optional<py::tuple>& strata_column, bool strict) {
    const DisparitySpec& spec = acc.spec();
    EncodedColumn steps = encoded(steps_column, "steps");
    EncodedColumn next = encoded(next_column, spec.next_kind() == NextKind::next_step ? "next" : "outcome");
    if (group_columns.size() != spec.base_ground_count())
        throw InvalidArgument("expected " + std::to_string(spec.base_ground_count()) + " group columns, got " +
                              std::to_string(group_columns.size()));
    std::vector<EncodedColumn> groups;
    for (std::size_t g = 0; g < group_columns.size(); ++g) groups.push_back(encoded(group_columns[g].cast<py::tuple>(), "groups"));
    std::optional<EncodedColumn> strata;
    if (strata_column) strata = encoded(*strata_column, "strata");
    if (strata && !spec.has_strata()) throw InvalidArgument("strata given, but the counter has no strata column");

    // Label tables: a handful of entries per column, built with the GIL held (they touch only C++ strings).
    std::vector<std::int32_t> step_table, next_table;
    for (const auto& label : steps.labels) {
        step_table.push_back(spec.step_code(label));
        if (step_table.back() == missing_code) acc.note_unknown_step_label(label);
    }
    for (const auto& label : next.labels) {
        if (spec.next_kind() == NextKind::next_step) {
            next_table.push_back(spec.step_code(label));
            if (next_table.back() == missing_code) {
                acc.note_unknown_step_label(label);
                next_table.back() = static_cast<std::int32_t>(spec.step_count()); // no step: an unknown next step
            }
        } else {
            next_table.push_back(spec.outcome_adverse(label));
            if (next_table.back() < 0) acc.note_unknown_outcome_label(label);
        }
    }
    std::vector<std::vector<std::int32_t>> group_tables(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const auto& label : groups[g].labels) group_tables[g].push_back(acc.groups(g).intern(label));
    }
    std::vector<std::int32_t> strata_table;
    if (strata) {
        for (const auto& label : strata->labels) strata_table.push_back(acc.strata().intern(label));
    }

    py::gil_scoped_release release;
    auto step_codes = translate(steps, step_table);
    // A missing next step ends the case (missing_code: an end row, as in the log readers and the C ABI); a missing
    // outcome is an unknown outcome.
    auto next_codes = translate(next, next_table);
    std::vector<std::vector<std::int32_t>> group_codes;
    for (std::size_t g = 0; g < groups.size(); ++g) group_codes.push_back(translate(groups[g], group_tables[g]));
    std::vector<std::int32_t> strata_codes;
    if (strata) strata_codes = translate(*strata, strata_table);
    const std::size_t rows = step_codes.size();
    if (next_codes.size() != rows || strata_codes.size() != (strata ? rows : 0))
        throw InvalidArgument("columns differ in length: " + std::to_string(rows) + " steps, " +
                              std::to_string(next_codes.size()) + " next" + (strata ? ", " + std::to_string(strata_codes.size()) + " strata" : ""));
    for (std::size_t g = 0; g < group_codes.size(); ++g) {
        if (group_codes[g].size() != rows)
            throw InvalidArgument("columns differ in length: " + std::to_string(rows) + " steps, " +
                                  std::to_string(group_codes[g].size()) + " in group column " + std::to_string(g));
    }
    std::vector<std::span<const std::int32_t>> columns(group_codes.begin(), group_codes.end());
    acc.add_batch(step_codes, next_codes, columns, strata_codes, strict);
}

/// A str option, or InvalidArgument naming it (rather than pybind11's cast error).
std::string text_option(const py::handle& value, const std::string& name) {
    if (!py::isinstance<py::str>(value))
        throw InvalidArgument(name + " must be a str, not " + std::string(py::str(py::type::of(value).attr("__name__"))));
    return value.cast<std::string>();
}

EventLogOptions log_options(const py::dict& given) {
    EventLogOptions options;
    for (auto [key, value] : given) {
        auto name = text_option(key, "a log option's name");
        if (value.is_none()) continue;
        if (name == "format") options.format = log_format_from_name(text_option(value, name));
        else if (name == "case_column") options.case_column = text_option(value, name);
        else if (name == "step_column") options.step_column = text_option(value, name);
        else if (name == "next_column") options.next_column = text_option(value, name);
        else if (name == "outcome_column") options.outcome_column = text_option(value, name);
        else if (name == "timestamp_column") options.timestamp_column = text_option(value, name);
        else if (name == "delimiter") {
            auto text = text_option(value, name);
            if (text.size() != 1) throw InvalidArgument("delimiter must be one character");
            options.delimiter = text[0];
        } else if (name == "strict") options.strict = value.cast<bool>();
        else if (name == "threads") {
            if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
                throw InvalidArgument("threads must be a whole number, not " + std::string(py::str(py::type::of(value).attr("__name__"))));
            auto n = value.cast<long long>();
            if (n < 1 || n > 256) throw InvalidArgument("threads must be a whole number from 1 to 256, got " + std::to_string(n));
            options.threads = static_cast<unsigned>(n);
        }
        else if (name == "lifecycle") options.lifecycle = text_option(value, name);
        else if (name == "max_open_cases") {
            if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
                throw InvalidArgument("max_open_cases must be a whole number, not " + std::string(py::str(py::type::of(value).attr("__name__"))));
            long long n = -1;
            try {
                n = value.cast<long long>();
            } catch (const py::cast_error&) { // beyond 64 bits
            }
            if (n < 0)
                throw InvalidArgument("max_open_cases must be a whole number from 0 to 2**63 - 1, got " + std::string(py::str(value)));
            options.max_open_cases = static_cast<std::uint64_t>(n);
        }
        else throw InvalidArgument("unknown log option \"" + name + "\"");
    }
    return options;
}

py::dict summary_dict(const ReadSummary& s) {
    py::dict d;
    d["format"] = s.format;
    d["events"] = s.events;
    d["bytes"] = s.bytes;
    d["cases_not_in_case_table"] = s.cases_not_in_case_table;
    d["threads"] = s.threads;
    d["case_column"] = s.case_column;
    d["step_column"] = s.step_column;
    d["next_column"] = s.next_column;
    d["outcome_column"] = s.outcome_column;
    d["timestamp_column"] = s.timestamp_column;
    d["strata_column"] = s.strata_column;
    d["ground_columns"] = s.ground_columns;
    d["next_derived"] = s.next_derived;
    d["most_open_cases"] = s.most_open_cases;
    d["sorted_by_case"] = s.sorted_by_case;
    d["sorted_events"] = s.sorted_events;
    d["sort_runs"] = s.sort_runs;
    d["sort_bytes"] = s.sort_bytes;
    return d;
}

} // namespace

void register_disparity(py::module_& m) {
    py::class_<DisparityTable, std::shared_ptr<DisparityTable>>(m, "DisparityTable")
        .def("to_json", [](const DisparityTable& t) { return to_json(t).dump(); })
        .def("to_csv", [](const DisparityTable& t) { return to_csv(t); })
        .def("to_text", [](const DisparityTable& t) { return to_text(t); })
        .def("link", [](const DisparityTable& t, const Assessment& a) { return to_json(link(t, a)).dump(); });
    m.def("disparity_table_from_json",
          [](const std::string& text) { return std::make_shared<DisparityTable>(disparity_table_from_json(text)); },
          py::arg("text"));

    py::class_<DisparityAccumulator, std::shared_ptr<DisparityAccumulator>>(m, "DisparityAccumulator")
        .def(py::init(&make_accumulator), py::arg("process"), py::arg("grounds"), py::arg("strata_column") = "",
             py::arg("outcomes") = std::vector<std::pair<std::string, bool>>{},
             py::arg("intersections") = std::vector<std::pair<std::string, std::string>>{},
             py::arg("decision_points") = std::vector<std::string>{})
        .def("add_columns", &add_columns, py::arg("steps"), py::arg("next"), py::arg("groups"),
             py::arg("strata") = std::nullopt, py::arg("strict") = false)
        .def("read_log",
             [](DisparityAccumulator& acc, const std::string& path, const py::dict& options,
                const std::string& case_table, const std::string& case_column) {
                 EventLogOptions o = log_options(options);
                 py::gil_scoped_release release;
                 std::optional<CaseTable> cases;
                 if (!case_table.empty()) cases = read_case_table(case_table, acc.spec(), o, case_column);
                 ReadSummary s = read_event_log(path, acc, o, cases ? &*cases : nullptr);
                 py::gil_scoped_acquire acquire;
                 return summary_dict(s);
             },
             py::arg("path"), py::arg("options"), py::arg("case_table") = "", py::arg("case_column") = "")
        .def("read_log_text",
             [](DisparityAccumulator& acc, const std::string& text, const std::string& name, const py::dict& options) {
                 EventLogOptions o = log_options(options);
                 ReadSummary s;
                 {
                     py::gil_scoped_release release;
                     s = read_event_log_text(text, acc, o, nullptr, name);
                 }
                 return summary_dict(s);
             },
             py::arg("text"), py::arg("name"), py::arg("options"))
        .def("merge", [](DisparityAccumulator& acc, const DisparityAccumulator& other) {
                 py::gil_scoped_release release;
                 acc.merge(other);
             })
        .def("serialise", [](const DisparityAccumulator& acc) { return acc.serialise(); })
        .def("deserialise",
             [](const DisparityAccumulator& acc, const std::string& text) {
                 return std::make_shared<DisparityAccumulator>(DisparityAccumulator::deserialise(acc.shared_spec(), text));
             })
        .def("empty_copy", [](const DisparityAccumulator& acc) { return std::make_shared<DisparityAccumulator>(acc.shared_spec()); })
        .def("issues", [](const DisparityAccumulator& acc) {
            std::vector<std::string> grounds;
            for (std::size_t g = 0; g < acc.spec().ground_count(); ++g) grounds.push_back(acc.spec().ground(g));
            return issues_json_text(acc.issues(), grounds);
        })
        .def("grounds", [](const DisparityAccumulator& acc) {
            std::vector<std::string> grounds;
            for (std::size_t g = 0; g < acc.spec().ground_count(); ++g) grounds.push_back(acc.spec().ground(g));
            return grounds;
        })
        .def("ground_columns", [](const DisparityAccumulator& acc) {
            std::vector<std::string> columns;
            for (std::size_t g = 0; g < acc.spec().base_ground_count(); ++g) columns.push_back(acc.spec().ground_column(g));
            return columns;
        })
        .def("has_outcomes", [](const DisparityAccumulator& acc) { return acc.spec().next_kind() == NextKind::adverse_flag; })
        .def("strata_column", [](const DisparityAccumulator& acc) { return acc.spec().strata_column(); })
        .def("compute",
             [](const DisparityAccumulator& acc, std::uint64_t min_cell, double confidence, double alpha, double band_lower,
                double band_upper, const std::map<std::string, std::string>& reference_groups, bool unknown_labels) {
                 DisparityOptions options;
                 options.unknown_labels = unknown_labels;
                 options.min_cell = min_cell;
                 options.confidence = confidence;
                 options.alpha = alpha;
                 options.band_lower = band_lower;
                 options.band_upper = band_upper;
                 options.reference_groups = reference_groups;
                 py::gil_scoped_release release;
                 return std::make_shared<DisparityTable>(compute_disparity(acc, options));
             },
             py::arg("min_cell"), py::arg("confidence"), py::arg("alpha"), py::arg("band_lower"), py::arg("band_upper"),
             py::arg("reference_groups"), py::arg("unknown_labels") = false);
}

} // namespace artikel1::python
