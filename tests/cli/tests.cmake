# SPDX-License-Identifier: EUPL-1.2
# The command line tool, run as a user runs it (pytest drives the binary; python3-jsonschema checks the JSON).
if(TARGET artikel1_cli)
  add_test(NAME cli COMMAND /usr/bin/python3 -m pytest -q -p no:cacheprovider "${CMAKE_CURRENT_SOURCE_DIR}/cli")
  set_tests_properties(cli PROPERTIES ENVIRONMENT "ARTIKEL1_CLI=$<TARGET_FILE:artikel1_cli>;ARTIKEL1_EXAMPLE_LOG=$<TARGET_FILE:artikel1_example_log>" TIMEOUT 600)
endif()
