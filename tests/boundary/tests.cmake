# SPDX-License-Identifier: EUPL-1.2
# The front-ends use only the public API (no detail::) and no public header exceeds 700 lines.
if(NOT Python3_EXECUTABLE)
  find_package(Python3 COMPONENTS Interpreter)
endif()
if(Python3_EXECUTABLE)
  add_test(NAME public_boundary COMMAND "${Python3_EXECUTABLE}" ${CMAKE_CURRENT_SOURCE_DIR}/boundary/check_public_boundary.py
                                        ${PROJECT_SOURCE_DIR})
  set_tests_properties(public_boundary PROPERTIES LABELS no_sanitizer)
endif()
