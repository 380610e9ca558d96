// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: the knowledge base, the process model (load, validate, save) and the built-in examples.
// Models cross the language boundary as JSON text: the Python side keeps the document as a dict, the C++ side
// reads it with the same code as every other front-end, so every front-end reports the same problems.
#include "common.hpp"

#include <artikel1/bpmn.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process_io.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace artikel1::python {

namespace {

std::shared_ptr<KnowledgeBase> builtin_knowledge_base() {
    static const auto kb = std::make_shared<KnowledgeBase>(KnowledgeBase::builtin());
    return kb;
}

} // namespace

void register_model(py::module_& m) {
    py::class_<KnowledgeBase, std::shared_ptr<KnowledgeBase>>(m, "KnowledgeBase")
        .def_static("builtin", &builtin_knowledge_base)
        .def_static("from_json_text",
                    [](const std::string& text, const std::string& file) {
                        return std::make_shared<KnowledgeBase>(KnowledgeBase::from_json_text(text, file));
                    },
                    py::arg("text"), py::arg("file") = "")
        .def_static("from_file",
                    [](const std::string& path) { return std::make_shared<KnowledgeBase>(KnowledgeBase::from_file(path)); },
                    py::arg("path"))
        .def("extended",
             [](const KnowledgeBase& kb, const std::string& text, const std::string& file) {
                 return std::make_shared<KnowledgeBase>(kb.extended_from_json_text(text, file));
             },
             py::arg("text"), py::arg("file") = "")
        .def("document", [](const KnowledgeBase& kb) { return kb.document().dump(); })
        .def_property_readonly("id", &KnowledgeBase::id)
        .def_property_readonly("version", &KnowledgeBase::version)
        .def_property_readonly("method_id", [](const KnowledgeBase& kb) { return kb.method().id; });

    py::class_<Process, std::shared_ptr<Process>>(m, "Process")
        .def_property_readonly("id", [](const Process& p) { return p.id; })
        .def_property_readonly("step_count", [](const Process& p) { return p.steps.size(); })
        .def("to_json", [](const Process& p) { return save_process(p); });

    m.def("load_process",
          [](const std::string& text, const KnowledgeBase& kb, const std::string& file) {
              py::gil_scoped_release release;
              return std::make_shared<Process>(load_process(text, kb, {}, file));
          },
          py::arg("text"), py::arg("kb"), py::arg("file") = "");
    m.def("load_process_file",
          [](const std::string& path, const KnowledgeBase& kb) {
              py::gil_scoped_release release;
              return std::make_shared<Process>(load_process_file(path, kb));
          },
          py::arg("path"), py::arg("kb"));
    m.def("read_process",
          [](const std::string& text, const KnowledgeBase& kb) {
              ProcessReport report;
              {
                  py::gil_scoped_release release;
                  report = read_process(text, kb);
              }
              return py::make_tuple(std::make_shared<Process>(std::move(report.process)), problem_list(report.problems));
          },
          py::arg("text"), py::arg("kb"),
          "Reads a process, never raising for bad input: (process as far as read, problems).");
    m.def("load_bpmn",
          [](const std::string& text, const std::string& name, const KnowledgeBase& kb, const std::optional<std::string>& annotations,
             const std::string& annotations_name) {
              py::gil_scoped_release release;
              ProcessReport report;
              try {
                  report = annotations ? read_bpmn(text, BpmnAnnotationsFile{*annotations, annotations_name}, kb, name)
                                       : read_bpmn(text, kb, name);
              } catch (const ValidationError& e) { // the side file's problems: the message names it
                  py::gil_scoped_acquire gil;
                  raise_python("ValidationError", annotations_name + ": " + e.what(), problem_list(e.problems()));
                  throw py::error_already_set();
              }
              if (!report.ok()) throw ValidationError(std::move(report.problems));
              return std::make_shared<Process>(std::move(report.process));
          },
          py::arg("text"), py::arg("name"), py::arg("kb"), py::arg("annotations") = std::nullopt, py::arg("annotations_name") = "",
          "A valid process from a BPMN file, with the annotations of its side file when given (its problems: a "
          "ValidationError whose message starts with annotations_name).");
    m.def("read_file", [](const std::string& path) { return KnowledgeBase::read_file(path); }, py::arg("path"));
    m.def("example_names", &builtin_example_names);
    m.def("example_json", [](const std::string& name) { return std::string(builtin_example_json(name)); },
          py::arg("name"));
    m.attr("default_example_name") = std::string(default_example_name);
}

} // namespace artikel1::python
