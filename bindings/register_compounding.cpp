// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: compounding. The accumulator is the disparity one with transition counts; results cross as JSON
// (artikel1/compounding/1), which python/artikel1/compounding.py turns into objects and DataFrames.
#include "common.hpp"

#include <artikel1/compounding.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/process_io.hpp>

#include <memory>

namespace artikel1::python {

void register_compounding(py::module_& m) {
    m.def(
        "transition_accumulator",
        [](const Process& process, const std::vector<std::pair<std::string, std::string>>& grounds, const std::string& strata_column,
           const std::vector<std::pair<std::string, std::string>>& intersections, const std::vector<std::string>& decision_points) {
            DisparitySpecOptions options;
            for (const auto& [column, ground] : grounds) options.grounds.push_back({column, ground});
            options.strata_column = strata_column;
            options.intersections = intersections;
            options.decision_points = decision_points;
            options.count_transitions = true;
            return std::make_shared<DisparityAccumulator>(std::make_shared<const DisparitySpec>(process, std::move(options)));
        },
        py::arg("process"), py::arg("grounds"), py::arg("strata_column") = "",
        py::arg("intersections") = std::vector<std::pair<std::string, std::string>>{},
        py::arg("decision_points") = std::vector<std::string>{});
    m.def(
        "compound",
        [](const DisparityAccumulator& acc, const Process& process, std::uint64_t min_cell, const std::string& options) {
            CompoundingOptions o = compounding_options_from_json(options, min_cell);
            py::gil_scoped_release release;
            return to_json(compound(process, acc, o)).dump();
        },
        py::arg("accumulator"), py::arg("process"), py::arg("min_cell"), py::arg("options"));
    m.def(
        "compound_model",
        [](const Process& process, const std::string& options) {
            return to_json(compound_model(process, compounding_options_from_json(options, 10))).dump();
        },
        py::arg("process"), py::arg("options"));
    m.def(
        "fit",
        [](const Process& process, const DisparityAccumulator& acc, const std::vector<std::string>& per_group, std::uint64_t min_cell) {
            FitOptions o;
            o.per_group = per_group;
            o.min_cell = min_cell;
            return save_process(fit_process(process, acc, o));
        },
        py::arg("process"), py::arg("accumulator"), py::arg("per_group"), py::arg("min_cell"));
}

} // namespace artikel1::python
