# SPDX-License-Identifier: EUPL-1.2
# The Python package against the build tree (PYTHONPATH=<build>/python), with pytest (python3-pytest).
# `python` runs the quick tests; `python_install` the ones marked slow (pip install into a temporary target).
if(TARGET artikel1_python)
  foreach(kind python python_install)
    if(kind STREQUAL "python")
      set(selection "not slow")
    else()
      set(selection "slow")
    endif()
    add_test(NAME ${kind}
             COMMAND "${Python3_EXECUTABLE}" -m pytest -q -p no:cacheprovider -m "${selection}"
                     "${CMAKE_CURRENT_SOURCE_DIR}/python")
    set_tests_properties(${kind} PROPERTIES LABELS no_sanitizer TIMEOUT 900
      ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;ARTIKEL1_SOURCE_DIR=${PROJECT_SOURCE_DIR};MPLBACKEND=Agg")
  endforeach()
endif()
