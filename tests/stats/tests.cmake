# SPDX-License-Identifier: EUPL-1.2
# The statistics against scipy.stats and statsmodels (python3-scipy, python3-statsmodels), through stats_probe.
if(TARGET stats_probe)
  add_test(NAME statistics_vs_scipy COMMAND /usr/bin/python3 -m pytest -q -p no:cacheprovider "${CMAKE_CURRENT_SOURCE_DIR}/stats")
  set_tests_properties(statistics_vs_scipy PROPERTIES LABELS no_sanitizer
                       ENVIRONMENT "ARTIKEL1_STATS_PROBE=$<TARGET_FILE:stats_probe>")
endif()
