# SPDX-License-Identifier: EUPL-1.2
# The JSON Schemas in schema/ against the shipped examples and knowledge bases (python3-jsonschema).
add_test(NAME schemas COMMAND /usr/bin/python3 -m pytest -q "${CMAKE_CURRENT_SOURCE_DIR}/schema")
set_tests_properties(schemas PROPERTIES LABELS no_sanitizer)
