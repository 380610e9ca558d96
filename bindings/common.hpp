// SPDX-License-Identifier: EUPL-1.2
// artikel1 Python bindings: what every register_* file shares.
#pragma once

#include <artikel1/error.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace artikel1::python {

namespace py = pybind11;

/// A problem as the tuple (level, pointer, message, line, column, code, args); artikel1.Problem is built from it in
/// Python.
inline py::tuple problem_tuple(const Problem& p) {
    return py::make_tuple(p.level == ProblemLevel::error ? "error" : "warning", p.pointer, p.message, p.line, p.column,
                          p.code, py::tuple(py::cast(p.args)));
}

inline py::list problem_list(const std::vector<Problem>& problems) {
    py::list list;
    for (const auto& p : problems) list.append(problem_tuple(p));
    return list;
}

/// Sets the Python error: the artikel1.errors class `name` built by `errors._from_core(name, message, payload)`
/// (module.cpp). Needs the GIL; throw py::error_already_set() after it.
void raise_python(const char* name, const std::string& message, py::object payload);

void register_errors(py::module_& m);
void register_model(py::module_& m);
void register_assessment(py::module_& m);
void register_disparity(py::module_& m);
void register_compounding(py::module_& m);
void register_report(py::module_& m);

} // namespace artikel1::python
