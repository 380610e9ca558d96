# SPDX-License-Identifier: EUPL-1.2
# The BPMN export read by bpmn-moddle (npm), without a warning (run.sh installs bpmn-moddle into the build tree).
if(TARGET artikel1_cli)
  add_test(NAME bpmn_moddle COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/bpmn/run.sh" "$<TARGET_FILE:artikel1_cli>"
           "${PROJECT_BINARY_DIR}/bpmn-moddle" "${PROJECT_SOURCE_DIR}")
  set_tests_properties(bpmn_moddle PROPERTIES TIMEOUT 300)
endif()
