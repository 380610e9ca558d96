// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: assess, assessments as JSON, compare. The GIL is released while the method runs.
#include "common.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>

#include <nlohmann/json.hpp>

#include <memory>

namespace artikel1::python {

void register_assessment(py::module_& m) {
    py::class_<Assessment, std::shared_ptr<Assessment>>(m, "Assessment")
        .def("to_json", [](const Assessment& a) { return save_assessment(a); })
        .def_property_readonly("process_id", [](const Assessment& a) { return a.process_id; });

    m.def("assess",
          [](const Process& process, const KnowledgeBase& kb) {
              py::gil_scoped_release release;
              return std::make_shared<Assessment>(assess(process, kb));
          },
          py::arg("process"), py::arg("kb"));
    m.def("assessment_from_json",
          [](const std::string& text, const std::string& file) {
              py::gil_scoped_release release;
              return std::make_shared<Assessment>(assessment_from_json(text, {}, file));
          },
          py::arg("text"), py::arg("file") = "");
    m.def("compare",
          [](const Assessment& before, const Assessment& after) { return to_json(compare(before, after)).dump(); },
          py::arg("before"), py::arg("after"));
}

} // namespace artikel1::python
