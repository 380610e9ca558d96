# SPDX-License-Identifier: EUPL-1.2
# The C ABI: a C test program of every function, a C++ program checking its values against the C++ API, the C example
# (also under valgrind), the exported symbols and the ABI baseline in abi/.
if(TARGET artikel1)
  enable_language(C)
  set(ARTIKEL1_STRICT_C -std=c99 -Wall -Wextra -Wpedantic -Werror)

  add_executable(test_c_api ${CMAKE_CURRENT_SOURCE_DIR}/c/test_c_api.c)
  target_compile_options(test_c_api PRIVATE ${ARTIKEL1_STRICT_C})
  find_package(Threads REQUIRED)
  target_link_libraries(test_c_api PRIVATE artikel1 artikel1_warnings m Threads::Threads)
  add_test(NAME c_api COMMAND test_c_api "${PROJECT_SOURCE_DIR}")

  add_executable(test_c_bad_input ${CMAKE_CURRENT_SOURCE_DIR}/c/test_c_bad_input.c)
  target_compile_options(test_c_bad_input PRIVATE ${ARTIKEL1_STRICT_C})
  target_link_libraries(test_c_bad_input PRIVATE artikel1 artikel1_warnings Threads::Threads)
  add_test(NAME c_bad_input COMMAND test_c_bad_input "${PROJECT_SOURCE_DIR}")

  if(ARTIKEL1_BUILD_UNIT_TESTS)
    add_executable(test_c_vs_cpp ${CMAKE_CURRENT_SOURCE_DIR}/c/test_c_vs_cpp.cpp)
    target_link_libraries(test_c_vs_cpp PRIVATE artikel1 artikel1::cpp artikel1_warnings)
    add_test(NAME c_api_vs_cpp COMMAND test_c_vs_cpp "${PROJECT_SOURCE_DIR}")
  endif()

  add_executable(top_risks ${PROJECT_SOURCE_DIR}/examples/c/top_risks.c)
  target_compile_options(top_risks PRIVATE ${ARTIKEL1_STRICT_C})
  target_link_libraries(top_risks PRIVATE artikel1 artikel1_warnings)
  add_test(NAME c_example COMMAND top_risks)
  set_tests_properties(c_example PROPERTIES PASS_REGULAR_EXPRESSION "1\\.  74\\.3 very_high intake / race")
  add_test(NAME c_example_bad_file COMMAND top_risks /nonexistent.json)
  set_tests_properties(c_example_bad_file PROPERTIES WILL_FAIL ON)

  find_program(VALGRIND valgrind)
  if(VALGRIND)
    set(valgrind_options --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
                         --show-leak-kinds=definite,indirect,possible)
    add_test(NAME valgrind_top_risks COMMAND ${VALGRIND} ${valgrind_options} $<TARGET_FILE:top_risks>)
    add_test(NAME valgrind_test_c_api COMMAND ${VALGRIND} ${valgrind_options} $<TARGET_FILE:test_c_api> "${PROJECT_SOURCE_DIR}")
    set_tests_properties(valgrind_top_risks valgrind_test_c_api PROPERTIES LABELS no_sanitizer TIMEOUT 600)
  endif()

  add_executable(abi_layout ${CMAKE_CURRENT_SOURCE_DIR}/c/abi_layout.c)
  target_compile_options(abi_layout PRIVATE ${ARTIKEL1_STRICT_C})
  target_include_directories(abi_layout PRIVATE ${PROJECT_SOURCE_DIR}/include ${ARTIKEL1_GENERATED_DIR})
  # `nm -D`: only a1_ functions, and the SONAME carries the ABI version.
  get_target_property(artikel1_soversion artikel1 SOVERSION)
  add_test(NAME c_exported_symbols COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/c/check_exports.sh $<TARGET_FILE:artikel1>
                                   ${artikel1_soversion})
  # The baseline in abi/: symbols, abidiff, type layout; and the types of the functions, by compiling
  # abi/signatures.c against the current header.
  add_test(NAME abi COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/c/check_abi.sh $<TARGET_FILE:artikel1> $<TARGET_FILE:abi_layout>
                            "${PROJECT_SOURCE_DIR}")
  add_test(NAME c_abi_signatures COMMAND ${CMAKE_C_COMPILER} -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only
                                         -I${PROJECT_SOURCE_DIR}/include -I${ARTIKEL1_GENERATED_DIR}
                                         ${PROJECT_SOURCE_DIR}/abi/signatures.c)
  set_tests_properties(c_exported_symbols abi c_abi_signatures PROPERTIES LABELS no_sanitizer)

  # Every function of artikel1.h has a doc block of its own naming its statuses and the lifetime of what it returns.
  if(NOT Python3_EXECUTABLE)
    find_package(Python3 COMPONENTS Interpreter)
  endif()
  if(Python3_EXECUTABLE)
    add_test(NAME c_doc_blocks COMMAND "${Python3_EXECUTABLE}" ${CMAKE_CURRENT_SOURCE_DIR}/c/check_doc_blocks.py
                                       ${PROJECT_SOURCE_DIR}/include/artikel1/artikel1.h
                                       ${PROJECT_SOURCE_DIR}/cmake/version.h.in)
    set_tests_properties(c_doc_blocks PROPERTIES LABELS no_sanitizer)
  endif()
endif()
