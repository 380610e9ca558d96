// artikel1._core: observed disparity (filled in below).
#include "common.hpp"

namespace artikel1::python {

void register_disparity(py::module_&) {}

} // namespace artikel1::python
