// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: the compiled part of the Python package. Private: use `import artikel1`.
// C++ exceptions become the exception classes of artikel1.errors, with their problems and positions attached.
#include "common.hpp"

#include <artikel1/version.hpp>

namespace artikel1::python {

void raise_python(const char* name, const std::string& message, py::object payload) {
    py::object errors = py::module_::import("artikel1.errors");
    py::object exception = errors.attr("_from_core")(name, message, payload);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
}

void register_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr pointer) {
        if (!pointer) return;
        try {
            std::rethrow_exception(pointer);
        } catch (const ValidationError& e) {
            raise_python("ValidationError", e.what(), problem_list(e.problems()));
        } catch (const ParseError& e) {
            raise_python("ParseError", e.what(), py::make_tuple(e.detail(), e.line(), e.column(), e.file()));
        } catch (const InvalidArgument& e) {
            raise_python("InvalidArgumentError", e.what(), py::none());
        } catch (const NotFound& e) {
            raise_python("NotFoundError", e.what(), py::none());
        } catch (const LimitError& e) {
            raise_python("LimitError", e.what(), py::none());
        } catch (const Error& e) {
            raise_python("Error", e.what(), py::none());
        }
    });
}

} // namespace artikel1::python

PYBIND11_MODULE(_core, m) {
    namespace ap = artikel1::python;
    m.doc() = "The compiled core of artikel1 (private; use the artikel1 package).";
    m.attr("version") = artikel1::version_string;
    ap::register_errors(m);
    ap::register_model(m);
    ap::register_assessment(m);
    ap::register_disparity(m);
    ap::register_compounding(m);
    ap::register_report(m);
}
