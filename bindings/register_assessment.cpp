// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: assess, assessments as JSON, compare. The GIL is released while the method runs.
#include "common.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/bpmn_export.hpp>
#include <artikel1/report/comparison.hpp>

#include <nlohmann/json.hpp>

#include <memory>

namespace artikel1::python {

void register_assessment(py::module_& m) {
    py::class_<Assessment, std::shared_ptr<Assessment>>(m, "Assessment")
        .def("to_json", [](const Assessment& a) { return save_assessment(a); })
        .def_property_readonly("process_id", [](const Assessment& a) { return a.process_id; });

    m.def("assess",
          [](const Process& process, const KnowledgeBase& kb, bool explanations) {
              AssessOptions options;
              options.explanations = explanations;
              py::gil_scoped_release release;
              return std::make_shared<Assessment>(assess(process, kb, options));
          },
          py::arg("process"), py::arg("kb"), py::arg("explanations") = true);
    m.def("to_bpmn",
          [](const Process& process, const Assessment* assessment, bool graphviz, bool side_file) {
              BpmnExportOptions options;
              options.assessment = assessment;
              options.graphviz = graphviz;
              options.annotations_in_side_file = side_file;
              BpmnExport out;
              {
                  py::gil_scoped_release release;
                  out = to_bpmn(process, options);
              }
              return py::make_tuple(out.xml, out.notes, out.annotations);
          },
          py::arg("process"), py::arg("assessment") = nullptr, py::arg("graphviz") = true, py::arg("side_file") = false,
          "The process as a BPMN 2.0 file: (xml, notes, the side file of annotations or \"\").");
    m.def("assessment_from_json",
          [](const std::string& text, const std::string& file) {
              py::gil_scoped_release release;
              return std::make_shared<Assessment>(assessment_from_json(text, {}, file));
          },
          py::arg("text"), py::arg("file") = "");
    // Two rounds: the processes (or None for saved assessments) add the changes of the team's work.
    auto rounds = [](const Assessment& before, const Assessment& after, const Process* before_process,
                     const Process* after_process) {
        Round old_round{before, before_process ? std::optional<Process>(*before_process) : std::nullopt};
        Round new_round{after, after_process ? std::optional<Process>(*after_process) : std::nullopt};
        return compare_rounds(old_round, new_round);
    };
    m.def("compare",
          [rounds](const Assessment& before, const Assessment& after, const Process* before_process, const Process* after_process) {
              return to_json(rounds(before, after, before_process, after_process)).dump();
          },
          py::arg("before"), py::arg("after"), py::arg("before_process") = nullptr, py::arg("after_process") = nullptr);
    m.def("compare_report",
          [rounds](const Assessment& before, const Assessment& after, const Process* before_process, const Process* after_process,
                   const KnowledgeBase& kb, const std::string& format, const std::string& language) {
              auto c = rounds(before, after, before_process, after_process);
              Language lang = language == "nl" ? Language::nl : Language::en;
              if (format == "md") return report::comparison_markdown(c, before, after, kb, lang);
              if (format == "html") return report::comparison_html(c, before, after, kb, lang);
              return report::comparison_text(c, before, after, kb, lang);
          },
          py::arg("before"), py::arg("after"), py::arg("before_process"), py::arg("after_process"), py::arg("kb"),
          py::arg("format"), py::arg("language"));
}

} // namespace artikel1::python
