// SPDX-License-Identifier: EUPL-1.2
/* The C ABI, from C: every function, every error path, values checked against what the C++ library gives (the
 * scores pinned in tests/cpp/test_examples.cpp, and the canonical JSON of examples/). */
#include <artikel1/artikel1.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void test_version_and_errors(void) {
    CHECK_STR(a1_version(), A1_VERSION_STRING);
    CHECK(a1_version_number() == A1_VERSION_NUMBER);
    CHECK(A1_VERSION_NUMBER == A1_VERSION_MAJOR * 10000 + A1_VERSION_MINOR * 100 + A1_VERSION_PATCH);
    CHECK(a1_abi_version() == A1_ABI_VERSION);
    CHECK_STR(a1_status_name(A1_OK), "A1_OK");
    CHECK_STR(a1_status_name(A1_VALIDATION_ERROR), "A1_VALIDATION_ERROR");
    CHECK_STR(a1_status_name((a1_status)99), "unknown status");
    a1_string_free(NULL);
    a1_knowledge_base_free(NULL);
    a1_process_free(NULL);
    a1_assessment_free(NULL);
    a1_disparity_free(NULL);
    a1_disparity_table_free(NULL);
}

static void test_knowledge_base(void) {
    a1_knowledge_base* kb = NULL;
    a1_knowledge_base* extended = NULL;
    const char* method = NULL;
    const char* extension = "{\"schema\": \"artikel1/knowledge-base/1\", \"method\": {\"complaint\": 0.2}}";
    size_t length;
    char* text;

    CHECK_STATUS(a1_knowledge_base_builtin(&kb), A1_OK);
    CHECK_STATUS(a1_knowledge_base_method_id(kb, &method), A1_OK);
    CHECK_STR(method, "artikel1-method/1.1");
    CHECK_STATUS(a1_knowledge_base_extend(kb, extension, strlen(extension), &extended), A1_OK);
    a1_knowledge_base_free(extended);
    CHECK_STATUS(a1_knowledge_base_extend(kb, "{", 1, &extended), A1_PARSE_ERROR);
    CHECK(a1_last_error_line() == 1 && a1_last_error_column() == 2);
    CHECK_STATUS(a1_knowledge_base_extend(NULL, extension, strlen(extension), &extended), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "base is NULL");
    a1_knowledge_base_free(kb);

    text = source_file("tests/data/test_kb.json", &length);
    CHECK(text != NULL);
    CHECK_STATUS(a1_knowledge_base_from_json(text, length, &kb), A1_OK);
    CHECK_STATUS(a1_knowledge_base_method_id(kb, &method), A1_OK);
    CHECK_STR(method, "artikel1-method/test");
    a1_knowledge_base_free(kb);
    free(text);

    CHECK_STATUS(a1_knowledge_base_from_json("{\"schema\": 1}", 13, &kb), A1_VALIDATION_ERROR);
    CHECK_STR(a1_last_error_pointer(), "/schema");
    CHECK_STATUS(a1_knowledge_base_from_file("/nonexistent/kb.json", &kb), A1_NOT_FOUND);
    CHECK_STR(a1_last_error_message(), "cannot open /nonexistent/kb.json: No such file or directory");
    CHECK_STATUS(a1_knowledge_base_from_file(NULL, &kb), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_knowledge_base_builtin(NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "out is NULL");
}

static void test_process(void) {
    a1_process* p = NULL;
    size_t count = 0, length = 0, errors = 99, i;
    const char* name = NULL;
    const char* id = NULL;
    char* json = NULL;
    char* problems = NULL;
    char* expected;
    size_t expected_length;
    const char* bad = "{\"schema\": \"artikel1/process/1\",\n \"id\": }";
    const char* invalid = "{\"schema\": \"artikel1/process/1\", \"id\": \"x\", \"name\": \"x\", \"steps\": "
                          "[{\"id\": \"a\", \"kind\": \"outcome\", \"discretion\": \"wide\"}]}";
    const char not_utf8[] = {'{', '"', (char)0xC3, (char)0x28, '"', '}'};
    const char* cut = "{\"schema\": \"artikel1/process/1\", \"x\": [{\xC3\xA9}]}";

    CHECK_STATUS(a1_example_count(&count), A1_OK);
    CHECK(count == 18);
    CHECK_STATUS(a1_example_name(0, &name), A1_OK);
    CHECK_STR(name, "almelo-themacontrole"); /* sorted by name */
    for (i = 0; i < count; ++i) {
        char path[256];
        CHECK_STATUS(a1_example_name(i, &name), A1_OK);
        CHECK_STATUS(a1_process_example(NULL, name, &p), A1_OK);
        /* the canonical JSON of the C++ library, byte for byte */
        CHECK_STATUS(a1_process_to_json(p, &json, &length), A1_OK);
        snprintf(path, sizeof path, "examples/%s.json", name);
        expected = source_file(path, &expected_length);
        CHECK(expected != NULL && length == expected_length && memcmp(json, expected, length) == 0);
        free(expected);
        a1_string_free(json);
        a1_process_free(p);
    }
    CHECK_STATUS(a1_example_name(count, &name), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "example index 18 out of range (18)");
    CHECK_STATUS(a1_process_example(NULL, "nope", &p), A1_NOT_FOUND);
    CHECK(strncmp(a1_last_error_message(), "no built-in example named \"nope\"", 32) == 0);

    expected = source_file("examples/duo-uitwonendenbeurs.json", &expected_length);
    CHECK_STATUS(a1_process_from_json(NULL, expected, expected_length, &p), A1_OK);
    CHECK_STATUS(a1_process_id(p, &id), A1_OK);
    CHECK_STR(id, "duo-uitwonendenbeurs");
    CHECK_STATUS(a1_process_step_count(p, &count), A1_OK);
    CHECK(count == 10);
    a1_process_free(p);
    CHECK_STATUS(a1_validate_json(NULL, expected, expected_length, &problems, &length, &errors), A1_OK);
    CHECK_STR(problems, "[]");
    CHECK(errors == 0);
    a1_string_free(problems);
    free(expected);

    CHECK_STATUS(a1_process_from_json(NULL, bad, strlen(bad), &p), A1_PARSE_ERROR);
    CHECK(a1_last_error_line() == 2 && a1_last_error_column() == 8);
    CHECK_STATUS(a1_process_from_json(NULL, invalid, strlen(invalid), &p), A1_VALIDATION_ERROR);
    CHECK_STR(a1_last_error_pointer(), "/steps/0/discretion");
    CHECK_STR(a1_last_error_message(), "/steps/0/discretion: unknown value \"wide\" (expected one of: none, bounded, broad)");
    CHECK_STATUS(a1_validate_json(NULL, invalid, strlen(invalid), &problems, &length, &errors), A1_OK);
    CHECK(errors == 1);
    CHECK(strstr(problems, "\"pointer\":\"/steps/0/discretion\"") != NULL);
    CHECK(strstr(problems, "\"code\":\"unknown_value\",\"message_nl\":\"onbekende waarde \\\"wide\\\" (kies uit: "
                           "\\\"none\\\", \\\"bounded\\\", \\\"broad\\\")\"") != NULL);
    a1_string_free(problems);
    /* the parser stops inside a two-byte character: the message quotes it, replaced by U+FFFD, so that what the
     * library hands out (messages, problems as JSON) is always valid UTF-8 */
    CHECK_STATUS(a1_process_from_json(NULL, cut, strlen(cut), &p), A1_PARSE_ERROR);
    CHECK(a1_last_error_line() == 1 && a1_last_error_column() == 41);
    CHECK_STR(a1_last_error_message(), "1:41: syntax error while parsing object key - invalid literal; last read: "
                                       "'\"x\": [{\xEF\xBF\xBD'; expected string literal");
    CHECK_STATUS(a1_validate_json(NULL, cut, strlen(cut), &problems, &length, &errors), A1_OK);
    CHECK(errors == 1 && strstr(problems, "\"line\":1,\"column\":41") != NULL);
    CHECK(strstr(problems, "[{\xEF\xBF\xBD'") != NULL);
    a1_string_free(problems);
    CHECK_STATUS(a1_validate_json(NULL, cut, strlen(cut), NULL, &length, &errors), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "problems_json is NULL");
    CHECK_STATUS(a1_process_from_json(NULL, not_utf8, sizeof not_utf8, &p), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "json is not valid UTF-8");
    CHECK_STATUS(a1_process_from_json(NULL, NULL, 5, &p), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "json is NULL");
    CHECK_STATUS(a1_process_from_json(NULL, "", 0, &p), A1_PARSE_ERROR);
    CHECK_STATUS(a1_process_from_file(NULL, "/nonexistent/model.json", &p), A1_NOT_FOUND);
    CHECK_STATUS(a1_process_to_json(NULL, &json, &length), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "process is NULL");
    CHECK_STATUS(a1_process_step_count(NULL, &count), A1_INVALID_ARGUMENT);
}

static void test_assessment(void) {
    a1_process* p = NULL;
    a1_process* redesign = NULL;
    a1_assessment* a = NULL;
    a1_assessment* b = NULL;
    a1_assessment* back = NULL;
    size_t steps = 0, grounds = 0, levels = 0, step = 0, ground = 0, level = 9, recommendations = 0;
    double score = -1, citizens = -1;
    const char* text = NULL;
    char* json = NULL;
    char* changes = NULL;
    size_t length = 0;
    const char* no_levels = "{\"schema\": \"artikel1/assessment/1\", \"method\": \"m\", \"process\": {\"id\": \"p\"}, "
                            "\"levels\": [], \"grounds\": [{\"id\": \"race\"}], \"steps\": [{\"id\": \"s\", \"scores\": []}]}";

    CHECK_STATUS(a1_process_example(NULL, "bijstand-aanvraag", &p), A1_OK);
    CHECK_STATUS(a1_assess(p, NULL, &a), A1_OK);
    CHECK_STATUS(a1_assessment_method_id(a, &text), A1_OK);
    CHECK_STR(text, "artikel1-method/1.1");
    CHECK_STATUS(a1_assessment_step_count(a, &steps), A1_OK);
    CHECK_STATUS(a1_assessment_ground_count(a, &grounds), A1_OK);
    CHECK_STATUS(a1_assessment_level_count(a, &levels), A1_OK);
    CHECK(steps == 10 && grounds == 11 && levels == 4);
    CHECK_STATUS(a1_assessment_step_id(a, 1, &text), A1_OK);
    CHECK_STR(text, "intake");
    CHECK_STATUS(a1_assessment_step_name(a, 1, &text), A1_OK);
    CHECK_STR(text, "Intakegesprek met de klantmanager");
    CHECK_STATUS(a1_assessment_ground_id(a, 3, &text), A1_OK);
    CHECK_STR(text, "race");
    CHECK_STATUS(a1_assessment_ground_label(a, 3, A1_LANG_NL, &text), A1_OK);
    CHECK_STR(text, "ras");
    CHECK_STATUS(a1_assessment_ground_label(a, 7, A1_LANG_EN, &text), A1_OK);
    CHECK_STR(text, "nationality");
    CHECK_STATUS(a1_assessment_ground_label(a, 7, (a1_language)5, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_level_id(a, 2, &text), A1_OK);
    CHECK_STR(text, "high");
    CHECK_STATUS(a1_assessment_find_step(a, "intake", &step), A1_OK);
    CHECK_STATUS(a1_assessment_find_ground(a, "race", &ground), A1_OK);
    CHECK(step == 1 && ground == 3);
    CHECK_STATUS(a1_assessment_find_step(a, "nope", &step), A1_NOT_FOUND);
    CHECK_STR(a1_last_error_message(), "no step \"nope\" in this assessment");
    CHECK_STATUS(a1_assessment_find_ground(a, "nope", &ground), A1_NOT_FOUND);
    /* the C++ side pins intake / race at 74.3, very high (method 1.1); 12000 citizens a year pass it */
    CHECK_STATUS(a1_assessment_score(a, 1, 3, &score, &level), A1_OK);
    CHECK(fabs(score - 74.3) < 1e-9 && level == 3);
    CHECK_STATUS(a1_assessment_score(a, 1, 3, NULL, NULL), A1_OK);
    CHECK_STATUS(a1_assessment_score(a, steps, 0, &score, &level), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "step index 10 out of range (10)");
    CHECK_STATUS(a1_assessment_score(a, 0, grounds, &score, &level), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_ground_summary(a, 3, &score, &level, &citizens), A1_OK);
    CHECK(fabs(score - 74.3) < 1e-9 && level == 3 && fabs(citizens - 12000) < 1e-9);
    CHECK_STATUS(a1_assessment_recommendation_count(a, &recommendations), A1_OK);
    CHECK(recommendations > 0);

    CHECK_STATUS(a1_assessment_to_json(a, &json, &length), A1_OK);
    CHECK(strncmp(json, "{\n  \"schema\": \"artikel1/assessment/1\"", 37) == 0);
    CHECK(strlen(json) == length);
    CHECK_STATUS(a1_assessment_from_json(json, length, &back), A1_OK);
    CHECK_STATUS(a1_assessment_score(back, 1, 3, &score, &level), A1_OK);
    CHECK(fabs(score - 74.3) < 1e-9 && level == 3);
    a1_string_free(json);
    /* read back from JSON there is no process-level summary to give */
    CHECK_STATUS(a1_assessment_ground_summary(back, 3, &score, &level, &citizens), A1_NOT_FOUND);
    CHECK_STR(a1_last_error_message(),
              "this assessment was read from JSON and has no process-level summary (assess the process)");
    CHECK_STATUS(a1_assessment_ground_summary(a, grounds, &score, &level, &citizens), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "ground index 11 out of range (11)");
    CHECK_STATUS(a1_assessment_from_json("[]", 2, &b), A1_VALIDATION_ERROR);
    CHECK_STR(a1_last_error_pointer(), "");
    CHECK_STR(a1_last_error_message(), "/: expected an object, found an array");
    CHECK_STATUS(a1_assessment_from_json(no_levels, strlen(no_levels), &b), A1_VALIDATION_ERROR);
    CHECK_STR(a1_last_error_pointer(), "/levels");
    CHECK_STR(a1_last_error_message(), "/levels: no levels, but the steps have scores");
    CHECK_STATUS(a1_assessment_from_json("{\"schema\": ", 11, &b), A1_PARSE_ERROR);
    CHECK(a1_last_error_line() == 1 && a1_last_error_column() == 12);
    CHECK_STATUS(a1_assessment_from_json(NULL, 0, &b), A1_PARSE_ERROR);
    CHECK_STATUS(a1_assessment_level_id(a, levels, &text), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "level index 4 out of range (4)");
    CHECK_STATUS(a1_assessment_step_id(a, steps, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_step_name(a, steps, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_ground_id(a, grounds, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_ground_label(a, grounds, A1_LANG_NL, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_step_id(a, 0, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "id is NULL");
    CHECK_STATUS(a1_assessment_method_id(NULL, &text), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_recommendation_count(a, NULL), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_find_step(a, NULL, &step), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "id is NULL");

    CHECK_STATUS(a1_process_example(NULL, "bijstand-heronderzoek-herontwerp", &redesign), A1_OK);
    CHECK_STATUS(a1_assess(redesign, NULL, &b), A1_OK);
    CHECK_STATUS(a1_compare(a, back, &changes, &length), A1_OK);
    CHECK(strstr(changes, "\"changes\": []") != NULL);
    a1_string_free(changes);
    CHECK_STATUS(a1_compare(a, b, &changes, &length), A1_OK);
    CHECK(strstr(changes, "\"change\": \"disappeared\"") != NULL);
    a1_string_free(changes);
    CHECK_STATUS(a1_compare(a, NULL, &changes, &length), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "after is NULL");

    CHECK_STATUS(a1_assess(NULL, NULL, &a), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assess(p, NULL, NULL), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_step_count(NULL, &steps), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_assessment_to_json(a, NULL, &length), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "output string is NULL");

    a1_assessment_free(a);
    a1_assessment_free(b);
    a1_assessment_free(back);
    a1_process_free(p);
    a1_process_free(redesign);
}

static void test_disparity(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity* part = NULL;
    a1_disparity* copy = NULL;
    a1_disparity_table* table = NULL;
    a1_disparity_table* table2 = NULL;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    int32_t check = -1, approve = -1, investigate = -1, none = -1, other = -1, stratum = -1;
    int32_t steps[200], next[200], groups[200];
    size_t length = 0, cells = 0, i, found = 0;
    char* model;
    char* counts = NULL;
    char* json = NULL;
    char* json2 = NULL;
    size_t model_length;
    a1_disparity_cell cell;
    char path[4096];

    model = source_file("tests/data/logs/model.json", &model_length);
    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &d), A1_OK);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 0, NULL, &part), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "no grounds to analyse: give at least one COLUMN=GROUND");
    CHECK_STATUS(a1_disparity_step_code(d, "check", &check), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "approve", &approve), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "investigate", &investigate), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "nope", &check), A1_NOT_FOUND);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "none", 4, &none), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "other", 5, &other), A1_OK);
    CHECK(none == 0 && other == 1);
    CHECK_STATUS(a1_disparity_group_code(d, 1, "x", 1, &other), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_disparity_stratum_code(d, "x", 1, &stratum), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "this accumulator has no strata column");
    /* 100 cases per group: 'none' investigated 10 times, 'other' 40 times */
    for (i = 0; i < 200; ++i) {
        steps[i] = check;
        groups[i] = i < 100 ? 0 : 1;
        next[i] = ((i < 100 && i < 10) || (i >= 100 && i < 140)) ? investigate : approve;
    }
    CHECK_STATUS(a1_disparity_add_batch(d, 150, steps, next, groups, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &part), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(part, 0, "none", 4, &none), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(part, 0, "other", 5, &other), A1_OK);
    CHECK_STATUS(a1_disparity_add_batch(part, 50, steps + 150, next + 150, groups + 150, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_merge(d, part), A1_OK);
    CHECK_STATUS(a1_disparity_add_batch(d, 1, NULL, next, groups, NULL), A1_INVALID_ARGUMENT);

    CHECK_STATUS(a1_disparity_serialize(d, &counts, &length), A1_OK);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &copy), A1_OK);
    CHECK_STATUS(a1_disparity_deserialize(copy, counts, length), A1_OK);
    CHECK_STATUS(a1_disparity_deserialize(copy, "{", 1), A1_PARSE_ERROR);
    a1_string_free(counts);

    CHECK_STATUS(a1_disparity_compute(d, 10, &table), A1_OK);
    CHECK_STATUS(a1_disparity_compute(copy, 10, &table2), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(table, &json, &length), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(table2, &json2, &length), A1_OK);
    CHECK_STR(json, json2); /* merge and serialisation are exact */
    a1_string_free(json);
    a1_string_free(json2);
    CHECK_STATUS(a1_disparity_table_cell_count(table, &cells), A1_OK);
    CHECK(cells == 2);
    for (i = 0; i < cells; ++i) {
        cell.struct_size = sizeof cell;
        CHECK_STATUS(a1_disparity_table_cell(table, i, &cell), A1_OK);
        if (strcmp(cell.group, "other") == 0) {
            ++found;
            CHECK_STR(cell.step, "check");
            CHECK_STR(cell.ground, "race");
            CHECK(cell.n == 100 && cell.adverse == 40 && cell.compared && !cell.suppressed);
            CHECK(fabs(cell.rate - 0.4) < 1e-12 && fabs(cell.ratio - 4.0) < 1e-12);
            CHECK(cell.p_value < 1e-5 && cell.flagged);
        }
    }
    CHECK(found == 1);
    cell.struct_size = 8;
    CHECK_STATUS(a1_disparity_table_cell(table, 0, &cell), A1_INVALID_ARGUMENT);
    cell.struct_size = sizeof cell;
    CHECK_STATUS(a1_disparity_table_cell(table, cells, &cell), A1_INVALID_ARGUMENT);

    /* a file, read into a fresh accumulator */
    a1_disparity_free(copy);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &copy), A1_OK);
    snprintf(path, sizeof path, "%s/tests/data/logs/plain.csv", source_dir);
    CHECK_STATUS(a1_disparity_read_log(copy, path, 2, 0), A1_OK);
    CHECK_STATUS(a1_disparity_read_log(copy, "/nonexistent/log.csv", 1, 0), A1_NOT_FOUND);

    a1_disparity_table_free(table);
    a1_disparity_table_free(table2);
    a1_disparity_free(d);
    a1_disparity_free(part);
    a1_disparity_free(copy);
    a1_process_free(p);
}

/* The full spec: adverse flags instead of next steps, chosen decision points, an intersection of two grounds. */
static void test_disparity_spec(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity_table* table = NULL;
    a1_disparity_spec spec;
    a1_disparity_issues issues;
    a1_disparity_cell cell;
    const char* columns[] = {"migration_background", "gender"};
    const char* grounds[] = {"race", "sex"};
    const char* pair[] = {"race", "sex"};
    const char* decisions[] = {"check"};
    const char* bad_decisions[] = {"nope"};
    const char* outcome_labels[] = {"approved", "investigated"};
    const int outcome_adverse[] = {0, 1};
    const char* not_utf8[] = {"\xC3\x28"};
    int32_t check = -1, intake = -1, none = -1, other = -1, f = -1, m = -1;
    int32_t steps[400], flags[400], groups[800];
    size_t model_length, cells = 0, flagged = 0, i, found = 0;
    char* model = source_file("tests/data/logs/model.json", &model_length);

    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.ground_count = 2;
    spec.columns = columns;
    spec.grounds = grounds;
    spec.adverse_flags = 1;
    spec.intersection_count = 1;
    spec.intersections = pair;
    spec.decision_point_count = 1;
    spec.decision_points = decisions;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "check", &check), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "intake", &intake), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "none", 4, &none), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "other", 5, &other), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 1, "f", 1, &f), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 1, "m", 1, &m), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 2, "x", 1, &m), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "ground index 2 out of range (2)");
    /* 400 rows at check: 'none' 200 with 20 adverse, 'other' 200 with 80 adverse; half f, half m */
    for (i = 0; i < 400; ++i) {
        steps[i] = check;
        groups[2 * i] = i < 200 ? none : other;
        groups[2 * i + 1] = i % 2 == 0 ? f : m;
        flags[i] = (i < 200 ? i % 10 == 0 : i % 5 < 2) ? 1 : 0;
    }
    CHECK_STATUS(a1_disparity_add_batch(d, 400, steps, flags, groups, NULL), A1_OK);
    /* a row at a step that is not a decision point here; an outcome flag that is neither 0 nor 1 is refused */
    steps[0] = intake;
    CHECK_STATUS(a1_disparity_add_batch(d, 1, steps, flags, groups, NULL), A1_OK);
    steps[0] = check;
    flags[0] = 7;
    CHECK_STATUS(a1_disparity_add_batch(d, 1, steps, flags, groups, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "next_steps[0] is 7: an adverse flag is 0 or 1");
    /* a group code that no label has: the caller's mistake */
    flags[0] = 0;
    groups[0] = 5;
    CHECK_STATUS(a1_disparity_add_batch(d, 1, steps, flags, groups, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "add: group code 5 is not in the dictionary of ground \"race\" (2 groups)");
    memset(&issues, 0, sizeof issues);
    issues.struct_size = sizeof issues;
    CHECK_STATUS(a1_disparity_get_issues(d, &issues), A1_OK);
    /* the row refused for its group code was offered too */
    CHECK(issues.rows == 402 && issues.passages == 400 && issues.not_decision_point == 1 && issues.unknown_outcome == 0);
    CHECK(issues.unknown_step == 0 && issues.flow_not_in_model == 0 && issues.missing_stratum == 0);
    issues.struct_size = 4;
    CHECK_STATUS(a1_disparity_get_issues(d, &issues), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "issues->struct_size is 4, expected at least") != NULL);
    CHECK_STATUS(a1_disparity_get_issues(d, NULL), A1_INVALID_ARGUMENT);
    /* events need next steps, not flags */
    CHECK_STATUS(a1_disparity_add_events(d, 0, NULL, NULL, NULL, NULL), A1_OK);
    {
        int64_t cases[1] = {1};
        CHECK_STATUS(a1_disparity_add_events(d, 1, cases, steps, groups, NULL), A1_INVALID_ARGUMENT);
        CHECK_STR(a1_last_error_message(),
                  "the next step can only be derived from the events when the log has no outcome column");
    }

    CHECK_STATUS(a1_disparity_compute(d, 10, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_cell_count(table, &cells), A1_OK);
    CHECK(cells == 8); /* check x (race: 2 groups, sex: 2 groups, race+sex: 4 groups) */
    CHECK_STATUS(a1_disparity_table_flagged_count(table, &flagged), A1_OK);
    CHECK(flagged >= 1);
    for (i = 0; i < cells; ++i) {
        memset(&cell, 0, sizeof cell);
        cell.struct_size = sizeof cell;
        CHECK_STATUS(a1_disparity_table_cell(table, i, &cell), A1_OK);
        if (strcmp(cell.ground, "race+sex") == 0 && strcmp(cell.group, "other & f") == 0) {
            ++found;
            CHECK(cell.n == 100 && cell.adverse == 40);
        }
        if (strcmp(cell.ground, "race") == 0 && strcmp(cell.group, "other") == 0) {
            ++found;
            CHECK(cell.n == 200 && cell.adverse == 80 && fabs(cell.ratio - 4.0) < 1e-12 && cell.flagged);
        }
    }
    CHECK(found == 2);
    CHECK_STATUS(a1_disparity_table_flagged_count(NULL, &flagged), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "table is NULL");
    a1_disparity_table_free(table);
    a1_disparity_free(d);

    /* outcome labels for log files make the accumulator count adverse flags */
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.ground_count = 1;
    spec.columns = columns;
    spec.grounds = grounds;
    spec.outcome_count = 2;
    spec.outcome_labels = outcome_labels;
    spec.outcome_adverse = outcome_adverse;
    spec.strata_column = "municipality";
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_OK);
    CHECK_STATUS(a1_disparity_stratum_code(d, "Utrecht", 7, &m), A1_OK);
    CHECK(m == 0);
    a1_disparity_free(d);

    /* every wrong spec gets its own message */
    spec.outcome_adverse = NULL;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "spec->outcome_adverse is NULL");
    spec.outcome_count = 0;
    spec.decision_point_count = 1;
    spec.decision_points = bad_decisions;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "decision point \"nope\" is not a step of the process");
    spec.decision_point_count = 0;
    spec.intersection_count = 1;
    spec.intersections = pair;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "sex") != NULL);
    spec.intersection_count = 0;
    spec.grounds = not_utf8;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "spec->grounds[0] is not valid UTF-8");
    spec.grounds = NULL;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "spec->grounds is NULL");
    spec.ground_count = 0;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "no grounds to analyse: give at least one COLUMN=GROUND");
    spec.struct_size = sizeof spec - 1;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "(set it to sizeof(a1_disparity_spec))") != NULL);
    CHECK_STATUS(a1_disparity_new_from_spec(p, NULL, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "spec is NULL");
    CHECK_STATUS(a1_disparity_new_from_spec(NULL, &spec, &d), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "process is NULL");
    a1_process_free(p);
}

/* Events in case order: the next step of each event is the next event of its case. 100 cases per group pass
 * intake -> check; at check, 'none' goes on to investigate 10 times, 'other' 40 times; investigate -> decide ->
 * reject. The table must equal the one from the same transitions given as rows. */
static void test_disparity_events(void) {
    a1_process* p = NULL;
    a1_disparity* events = NULL;
    a1_disparity* rows = NULL;
    a1_disparity_table* from_events = NULL;
    a1_disparity_table* from_rows = NULL;
    a1_disparity_issues issues;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    int32_t code[6];
    const char* ids[] = {"intake", "check", "approve", "investigate", "decide", "reject"};
    int64_t cases[1000];
    int32_t steps[1000], groups[1000], next[1000], row_groups[1000];
    size_t n = 0, r = 0, i, k, model_length;
    char* model = source_file("tests/data/logs/model.json", &model_length);
    char* json_events = NULL;
    char* json_rows = NULL;

    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &events), A1_OK);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &rows), A1_OK);
    for (k = 0; k < 6; ++k) CHECK_STATUS(a1_disparity_step_code(events, ids[k], &code[k]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(events, 0, "none", 4, &groups[0]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(events, 0, "other", 5, &groups[0]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(rows, 0, "none", 4, &groups[0]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(rows, 0, "other", 5, &groups[0]), A1_OK);
    for (i = 0; i < 200; ++i) {
        int group = i < 100 ? 0 : 1;
        int investigated = (i < 100 && i < 10) || (i >= 100 && i < 140);
        int32_t path[5];
        size_t length = 0;
        path[length++] = code[0];
        path[length++] = code[1];
        if (investigated) {
            path[length++] = code[3];
            path[length++] = code[4];
            path[length++] = code[5];
        } else {
            path[length++] = code[2];
        }
        for (k = 0; k < length; ++k) {
            cases[n] = (int64_t)i * 7 + 1000000000000LL; /* any 64-bit id */
            steps[n] = path[k];
            groups[n] = group;
            ++n;
            if (k + 1 < length) {
                next[r] = path[k + 1];
                row_groups[r] = group;
                ++r;
            }
        }
    }
    /* the same transitions as rows (from = each event with a successor) */
    {
        int32_t from[1000];
        size_t j = 0;
        for (i = 0; i + 1 < n; ++i) {
            if (cases[i] == cases[i + 1]) from[j++] = steps[i];
        }
        CHECK(j == r);
        CHECK_STATUS(a1_disparity_add_batch(rows, r, from, next, row_groups, NULL), A1_OK);
    }
    /* in two batches, a case split across them */
    CHECK_STATUS(a1_disparity_add_events(events, 301, cases, steps, groups, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_add_events(events, n - 301, cases + 301, steps + 301, groups + 301, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_end_events(events), A1_OK);
    CHECK_STATUS(a1_disparity_end_events(events), A1_OK); /* nothing left: a no-op */
    memset(&issues, 0, sizeof issues);
    issues.struct_size = sizeof issues;
    CHECK_STATUS(a1_disparity_get_issues(events, &issues), A1_OK);
    CHECK(issues.rows == n && issues.passages == 250 && issues.ended_at_decision_point == 0);
    CHECK_STATUS(a1_disparity_add_events(events, 1, NULL, steps, groups, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "cases is NULL");
    CHECK_STATUS(a1_disparity_end_events(NULL), A1_INVALID_ARGUMENT);

    CHECK_STATUS(a1_disparity_compute(events, 10, &from_events), A1_OK);
    CHECK_STATUS(a1_disparity_compute(rows, 10, &from_rows), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(from_events, &json_events, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(from_rows, &json_rows, NULL), A1_OK);
    CHECK(strstr(json_events, "\"process\": \"log-test\"") != NULL && strstr(json_rows, "\"process\": \"log-test\"") != NULL);
    /* the cells are equal; only the row counts of the data report differ (events also end their cases) */
    {
        size_t cells_events = 0, cells_rows = 0;
        a1_disparity_cell a, b;
        CHECK_STATUS(a1_disparity_table_cell_count(from_events, &cells_events), A1_OK);
        CHECK_STATUS(a1_disparity_table_cell_count(from_rows, &cells_rows), A1_OK);
        CHECK(cells_events == 4 && cells_rows == 4);
        for (i = 0; i < cells_events && i < cells_rows; ++i) {
            a.struct_size = sizeof a;
            b.struct_size = sizeof b;
            CHECK_STATUS(a1_disparity_table_cell(from_events, i, &a), A1_OK);
            CHECK_STATUS(a1_disparity_table_cell(from_rows, i, &b), A1_OK);
            CHECK_STR(a.step, b.step);
            CHECK_STR(a.group, b.group);
            CHECK(a.n == b.n && a.adverse == b.adverse);
        }
    }
    a1_string_free(json_events);
    a1_string_free(json_rows);
    a1_disparity_table_free(from_events);
    a1_disparity_table_free(from_rows);
    a1_disparity_free(events);
    a1_disparity_free(rows);
    a1_process_free(p);
}

/* Compounding: an accumulator with transition counts, the result as JSON, what-if from the model, the errors. */
static void test_compounding(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity* plain = NULL;
    a1_disparity_spec spec;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    const char* ids[] = {"intake", "check", "approve", "investigate", "decide", "reject"};
    int32_t code[6], from[2000], to[2000], groups[2000];
    size_t n = 0, i, k, model_length;
    char* model = source_file("tests/data/logs/model.json", &model_length);
    char* json = NULL;
    size_t length = 0;
    const char* options = "{\"reference_groups\": {\"race\": \"none\"}, \"outcome_tests\": [{\"step\": \"check\", \"hits\": [\"investigate\"]}]}";

    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.ground_count = 1;
    spec.columns = columns;
    spec.grounds = grounds;
    CHECK_STATUS(a1_disparity_new_with_transitions(p, &spec, &d), A1_OK);
    CHECK_STATUS(a1_disparity_new_from_spec(p, &spec, &plain), A1_OK);
    for (k = 0; k < 6; ++k) CHECK_STATUS(a1_disparity_step_code(d, ids[k], &code[k]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "none", 4, &groups[0]), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "other", 5, &groups[0]), A1_OK);
    /* 100 cases per group; 10 of "none" and 40 of "other" investigated, and all of those rejected */
    for (i = 0; i < 200; ++i) {
        int group = i < 100 ? 0 : 1;
        int investigated = (i < 100 && i < 10) || (i >= 100 && i < 140);
        int32_t path[5];
        size_t steps = 0;
        path[steps++] = code[0];
        path[steps++] = code[1];
        if (investigated) {
            path[steps++] = code[3];
            path[steps++] = code[4];
            path[steps++] = code[5];
        } else {
            path[steps++] = code[2];
        }
        for (k = 0; k + 1 < steps; ++k) {
            from[n] = path[k];
            to[n] = path[k + 1];
            groups[n] = group;
            ++n;
        }
    }
    CHECK_STATUS(a1_disparity_add_batch(d, n, from, to, groups, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_compound(d, p, 10, options, strlen(options), &json, &length), A1_OK);
    CHECK(json != NULL && length == strlen(json));
    CHECK(strstr(json, "\"schema\": \"artikel1/compounding/1\"") != NULL);
    CHECK(strstr(json, "\"reference\": \"none\"") != NULL);
    CHECK(strstr(json, "\"outcome\": \"reject\"") != NULL);
    CHECK(strstr(json, "\"selected\": 100,\n") != NULL);
    CHECK(strstr(json, "\"hits\": 40,\n") != NULL);
    a1_string_free(json);
    json = NULL;
    /* the defaults: NULL options */
    CHECK_STATUS(a1_disparity_compound(d, p, 10, NULL, 0, &json, NULL), A1_OK);
    a1_string_free(json);
    json = NULL;
    /* min_cell 101: both groups are too small to be shown */
    CHECK_STATUS(a1_disparity_compound(d, p, 101, NULL, 0, &json, NULL), A1_OK);
    CHECK(json != NULL && strstr(json, "\"hidden_groups\": 2") != NULL && strstr(json, "other") == NULL);
    a1_string_free(json);
    json = NULL;

    CHECK_STATUS(a1_disparity_compound(plain, p, 10, NULL, 0, &json, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "compounding needs transition counts: count the log with count_transitions");
    CHECK_STATUS(a1_disparity_compound(d, p, 10, "{\"colour\": 1}", 13, &json, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "compounding options: \"colour\" is not an option");
    CHECK_STATUS(a1_disparity_compound(d, p, 10, "{", 1, &json, NULL), A1_PARSE_ERROR);
    CHECK_STATUS(a1_disparity_compound(d, p, 0, NULL, 0, &json, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "min_cell must be at least 1");
    CHECK_STATUS(a1_disparity_compound(d, NULL, 10, NULL, 0, &json, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "process is NULL");
    CHECK_STATUS(a1_disparity_compound(d, p, 10, NULL, 0, NULL, NULL), A1_INVALID_ARGUMENT);
    CHECK_STATUS(a1_process_compound(p, NULL, 0, &json, NULL), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "the model gives no probabilities per group (flows[].groups)");
    CHECK(json == NULL);
    spec.adverse_flags = 1;
    CHECK_STATUS(a1_disparity_new_with_transitions(p, &spec, &plain), A1_INVALID_ARGUMENT);
    a1_disparity_free(d);
    a1_disparity_free(plain);
    a1_process_free(p);
}

/* The last error is per thread; handles are shared read-only between threads. */
struct thread_work {
    const a1_assessment* shared;
    int index;
    int ok;
};

static void* thread_main(void* argument) {
    struct thread_work* work = (struct thread_work*)argument;
    char name[32], expected[64];
    int round;
    work->ok = 1;
    snprintf(name, sizeof name, "missing-%d", work->index);
    snprintf(expected, sizeof expected, "no built-in example named \"%s\"", name);
    for (round = 0; round < 50; ++round) {
        a1_process* p = NULL;
        double score = 0;
        size_t level = 0;
        if (a1_process_example(NULL, name, &p) != A1_NOT_FOUND) work->ok = 0;
        if (a1_assessment_score(work->shared, 1, 3, &score, &level) != A1_OK || fabs(score - 74.3) > 1e-9) work->ok = 0;
        if (strncmp(a1_last_error_message(), expected, strlen(expected)) != 0) work->ok = 0;
    }
    return NULL;
}

static void test_threads(void) {
    a1_process* p = NULL;
    a1_assessment* a = NULL;
    pthread_t threads[4];
    struct thread_work work[4];
    int i;
    CHECK_STATUS(a1_process_example(NULL, "bijstand-aanvraag", &p), A1_OK);
    CHECK_STATUS(a1_assess(p, NULL, &a), A1_OK);
    for (i = 0; i < 4; ++i) {
        work[i].shared = a;
        work[i].index = i;
        work[i].ok = 0;
        CHECK(pthread_create(&threads[i], NULL, thread_main, &work[i]) == 0);
    }
    for (i = 0; i < 4; ++i) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(work[i].ok);
    }
    a1_assessment_free(a);
    a1_process_free(p);
}

/* Growth of the ABI: a caller built against 0.1 passes the structs of 0.1 (their _SIZE_V1) and gets what 0.1 gave,
 * the bytes past them untouched; a newer caller's larger struct is taken when the fields this library does not know
 * are zero. The options structs of the _v2 entry points set what the positional arguments could not. */
/* The table (every cell kept) of the log at `path` read with `options`, as JSON to free with a1_string_free. */
static char* table_json_of_log(const a1_process* p, const char* path, const a1_log_options* options, size_t* length) {
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    a1_disparity* d = NULL;
    a1_disparity_table* table = NULL;
    char* json = NULL;
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &d), A1_OK);
    CHECK_STATUS(a1_disparity_read_log_v2(d, path, options), A1_OK);
    CHECK_STATUS(a1_disparity_compute(d, 1, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(table, &json, length), A1_OK);
    a1_disparity_table_free(table);
    a1_disparity_free(d);
    return json;
}

static void test_abi_growth(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity* from_cases = NULL;
    a1_disparity_table* table = NULL;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    const char* reference_grounds[] = {"race"};
    const char* reference_groups[] = {"non_western"};
    const char* unknown_grounds[] = {"rase"};
    char* model;
    char* json = NULL;
    char* json2 = NULL;
    size_t model_length, length = 0, length2 = 0, cells = 0, i;
    char path[4096], cases[4096];
    unsigned char buffer[sizeof(a1_disparity_cell) + 64];
    a1_disparity_cell cell;
    a1_disparity_issues issues;
    a1_table_options table_options = A1_TABLE_OPTIONS_INIT;
    a1_log_options log_options = A1_LOG_OPTIONS_INIT;
    struct {
        a1_disparity_spec spec;
        unsigned char later[16]; /* fields of a later version */
    } newer;

    CHECK(A1_DISPARITY_CELL_SIZE_V1 < sizeof(a1_disparity_cell)); /* 0.2 added fields at the end */
    CHECK(A1_DISPARITY_SPEC_SIZE_V1 == sizeof(a1_disparity_spec));
    CHECK(A1_DISPARITY_ISSUES_SIZE_V1 == sizeof(a1_disparity_issues));
    model = source_file("tests/data/logs/model.json", &model_length);
    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    snprintf(path, sizeof path, "%s/tests/data/logs/plain.csv", source_dir);

    /* A newer caller: a spec with more fields, all zero, is taken; a nonzero one is refused. */
    memset(&newer, 0, sizeof newer);
    newer.spec.struct_size = sizeof newer;
    newer.spec.ground_count = 1;
    newer.spec.columns = columns;
    newer.spec.grounds = grounds;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &newer.spec, &d), A1_OK);
    a1_disparity_free(d);
    d = NULL;
    newer.later[3] = 1;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &newer.spec, &d), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "a1_disparity_spec has fields this library (") != NULL);
    CHECK(d == NULL);
    newer.spec.struct_size = A1_DISPARITY_SPEC_SIZE_V1 - 1;
    CHECK_STATUS(a1_disparity_new_from_spec(p, &newer.spec, &d), A1_INVALID_ARGUMENT);

    /* The log with the defaults of the options struct (NULL options: the same). */
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &d), A1_OK);
    CHECK_STATUS(a1_disparity_read_log_v2(d, path, NULL), A1_OK);
    issues.struct_size = A1_DISPARITY_ISSUES_SIZE_V1;
    CHECK_STATUS(a1_disparity_get_issues(d, &issues), A1_OK);
    CHECK(issues.struct_size == A1_DISPARITY_ISSUES_SIZE_V1 && issues.rows > 0);

    /* The table of 0.1 (a1_disparity_compute) and of 0.2 with the same defaults are the same. */
    CHECK_STATUS(a1_disparity_compute(d, 1, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(table, &json, &length), A1_OK);
    a1_disparity_table_free(table);
    table_options.min_cell = 1;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_to_json(table, &json2, &length), A1_OK);
    CHECK_STR(json, json2);
    a1_string_free(json);
    a1_string_free(json2);

    /* A 0.1 caller's cell: filled up to q_value, nothing written past it. */
    CHECK_STATUS(a1_disparity_table_cell_count(table, &cells), A1_OK);
    CHECK(cells > 0);
    memset(buffer, 0xAB, sizeof buffer);
    ((a1_disparity_cell*)(void*)buffer)->struct_size = A1_DISPARITY_CELL_SIZE_V1;
    CHECK_STATUS(a1_disparity_table_cell(table, 0, (a1_disparity_cell*)(void*)buffer), A1_OK);
    CHECK(((a1_disparity_cell*)(void*)buffer)->struct_size == A1_DISPARITY_CELL_SIZE_V1);
    CHECK(((a1_disparity_cell*)(void*)buffer)->step != NULL);
    for (i = A1_DISPARITY_CELL_SIZE_V1; i < sizeof buffer; ++i) CHECK(buffer[i] == 0xAB);
    a1_disparity_table_free(table);

    /* What only the options struct can say: the reference group, the band, alpha, the confidence. */
    table_options.reference_count = 1;
    table_options.reference_grounds = reference_grounds;
    table_options.reference_groups = reference_groups;
    table_options.alpha = 0.5;
    table_options.band_lower = 0.99;
    table_options.band_upper = 1.01;
    table_options.confidence = 0.5;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_cell_count(table, &cells), A1_OK);
    for (i = 0; i < cells; ++i) {
        cell.struct_size = sizeof cell;
        CHECK_STATUS(a1_disparity_table_cell(table, i, &cell), A1_OK);
        if (strcmp(cell.step, "check") == 0 && strcmp(cell.ground, "race") == 0)
            CHECK(cell.reference == (strcmp(cell.group, "non_western") == 0));
        if (!cell.suppressed && cell.compared) {
            CHECK(cell.rate_lower <= cell.rate && cell.rate <= cell.rate_upper);
            CHECK(fabs(cell.difference - (cell.difference_lower + cell.difference_upper) / 2) < 1); /* filled */
            CHECK(!cell.stratified && cell.mh_strata == 0 && cell.mh_odds_ratio != cell.mh_odds_ratio); /* NaN */
        }
    }
    a1_disparity_table_free(table);
    table = NULL;
    table_options.confidence = 2;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "confidence must be between 0 and 1");
    table_options.confidence = 0;
    table_options.reference_grounds = unknown_grounds;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "reference group given for ground \"rase\", which is not analysed");
    table_options.reference_groups = NULL;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "options->reference_groups is NULL");
    table_options.struct_size = 8;
    CHECK_STATUS(a1_disparity_compute_v2(d, &table_options, &table), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "a1_table_options->struct_size is 8, expected at least ") != NULL);
    CHECK(table == NULL);

    /* Log options: a case table joined on the case id, and named columns that the file lacks. */
    snprintf(path, sizeof path, "%s/tests/data/logs/events_only.csv", source_dir);
    snprintf(cases, sizeof cases, "%s/tests/data/logs/cases.csv", source_dir);
    log_options.case_table = cases;
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &from_cases), A1_OK);
    CHECK_STATUS(a1_disparity_read_log_v2(from_cases, path, &log_options), A1_OK);
    issues.struct_size = sizeof issues;
    CHECK_STATUS(a1_disparity_get_issues(from_cases, &issues), A1_OK);
    CHECK(issues.passages > 0);
    log_options.case_table = NULL;
    log_options.step_column = "stap";
    CHECK_STATUS(a1_disparity_read_log_v2(from_cases, path, &log_options), A1_PARSE_ERROR);
    CHECK(strstr(a1_last_error_message(), "events_only.csv:1:1: no column \"stap\" (step) in the header") != NULL);
    CHECK(a1_last_error_line() == 1);
    log_options.step_column = NULL;
    log_options.format = "xlsx";
    CHECK_STATUS(a1_disparity_read_log_v2(from_cases, path, &log_options), A1_INVALID_ARGUMENT);
    CHECK_STR(a1_last_error_message(), "format must be \"auto\", \"csv\", \"jsonl\" or \"xes\", not \"xlsx\"");
    log_options.struct_size = 4;
    CHECK_STATUS(a1_disparity_read_log_v2(from_cases, path, &log_options), A1_INVALID_ARGUMENT);

    /* An interleaved log (three cases open at once) read with max_open_cases 1: the rest is sorted by case, and the
     * table is the one read keeping every case open. A caller of the first 0.2 size has the default limit. */
    snprintf(path, sizeof path, "%s/tests/data/logs/pm_interleaved.csv", source_dir);
    log_options.struct_size = sizeof log_options;
    log_options.format = NULL;
    log_options.max_open_cases = UINT64_MAX;
    json = table_json_of_log(p, path, &log_options, &length);
    log_options.max_open_cases = 1;
    json2 = table_json_of_log(p, path, &log_options, &length2);
    CHECK(json != NULL && json2 != NULL && length == length2 && memcmp(json, json2, length) == 0);
    a1_string_free(json2);
    log_options.struct_size = A1_LOG_OPTIONS_SIZE_V1;
    json2 = table_json_of_log(p, path, &log_options, &length2);
    CHECK(json2 != NULL && length == length2 && memcmp(json, json2, length) == 0);
    a1_string_free(json);
    a1_string_free(json2);

    a1_disparity_free(from_cases);
    a1_disparity_free(d);
    a1_process_free(p);
}

/* Disclosure control through the C ABI: a group below min_cell and the group that would reveal it (the total minus
 * the rest) are one cell without a label or numbers; an error about a log without a header row repeats none of the
 * record it read as the header. */
static void test_disclosure(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity* unknown = NULL;
    a1_disparity_table* table = NULL;
    a1_disparity_cell cell;
    a1_table_options options = A1_TABLE_OPTIONS_INIT;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    const char* citizen[] = {"Jan de Vries", "1971-03-02", "Kerkstraat", "123456782"};
    const char* expected = ":1:1: no step column (\"concept:name\" or \"step\") in the header (7 columns)";
    const char* message;
    int32_t check = -1, approve = -1, investigate = -1, nl = -1, eritrea = -1;
    int32_t steps[203], next[203], groups[203];
    size_t model_length, cells = 0, length = 0, i;
    char* model = source_file("tests/data/logs/model.json", &model_length);
    char* json = NULL;
    char path[4096];

    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &d), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "check", &check), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "approve", &approve), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "investigate", &investigate), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "NL", 2, &nl), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "Eritrea", 7, &eritrea), A1_OK);
    /* 200 NL (40 investigated) and 3 Eritrea (1 investigated) */
    for (i = 0; i < 203; ++i) {
        steps[i] = check;
        groups[i] = i < 200 ? nl : eritrea;
        next[i] = (i < 40 || i == 200) ? investigate : approve;
    }
    CHECK_STATUS(a1_disparity_add_batch(d, 203, steps, next, groups, NULL), A1_OK);
    CHECK_STATUS(a1_disparity_compute(d, 10, &table), A1_OK);
    CHECK_STATUS(a1_disparity_table_cell_count(table, &cells), A1_OK);
    CHECK(cells == 1);
    cell.struct_size = sizeof cell;
    CHECK_STATUS(a1_disparity_table_cell(table, 0, &cell), A1_OK);
    CHECK_STR(cell.group, "other (suppressed)");
    CHECK(cell.suppressed && !cell.compared && !cell.reference && cell.n == 0 && cell.adverse == 0);
    CHECK_STATUS(a1_disparity_table_to_json(table, &json, &length), A1_OK);
    CHECK(strstr(json, "Eritrea") == NULL && strstr(json, "\"NL\"") == NULL);
    CHECK(strstr(json, "\"passages\": 203") != NULL);
    a1_string_free(json);
    a1_disparity_table_free(table);

    /* Unknown labels are in the table only when asked for. */
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &unknown), A1_OK);
    snprintf(path, sizeof path, "%s/tests/data/logs/unknown_step.csv", source_dir);
    CHECK_STATUS(a1_disparity_read_log(unknown, path, 1, 0), A1_OK);
    options.min_cell = 10;
    for (i = 0; i < 2; ++i) {
        options.unknown_labels = (int)i;
        CHECK_STATUS(a1_disparity_compute_v2(unknown, &options, &table), A1_OK);
        CHECK_STATUS(a1_disparity_table_to_json(table, &json, &length), A1_OK);
        CHECK(strstr(json, "\"unknown_step\": 1,") != NULL);
        CHECK((strstr(json, "Jan de Vries") != NULL) == (i == 1));
        a1_string_free(json);
        a1_disparity_table_free(table);
    }
    a1_disparity_free(unknown);
    options.struct_size = 8;
    CHECK_STATUS(a1_disparity_compute_v2(d, &options, &table), A1_INVALID_ARGUMENT);
    CHECK(strstr(a1_last_error_message(), "a1_table_options->struct_size is 8, expected at least ") != NULL);

    snprintf(path, sizeof path, "%s/tests/data/logs/no_header.csv", source_dir);
    CHECK_STATUS(a1_disparity_read_log(d, path, 1, 0), A1_PARSE_ERROR);
    message = a1_last_error_message();
    CHECK(strlen(message) > strlen(expected) && strcmp(message + strlen(message) - strlen(expected), expected) == 0);
    for (i = 0; i < sizeof citizen / sizeof citizen[0]; ++i) CHECK(strstr(message, citizen[i]) == NULL);
    a1_disparity_free(d);
    a1_process_free(p);
}

/* A missing next step (-1) is an end row, as an empty next step in a log and None in Python: the same issues as the
 * C++ reader gives for the same rows (tests/cpp/test_disparity_counts.cpp). */
static void test_missing_next_step(void) {
    a1_process* p = NULL;
    a1_disparity* d = NULL;
    a1_disparity_issues issues;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    size_t model_length;
    char* model = source_file("tests/data/logs/model.json", &model_length);
    int32_t check, approve, a, steps[4], next[4], groups[4] = {0, 0, 0, 0};
    CHECK_STATUS(a1_process_from_json(NULL, model, model_length, &p), A1_OK);
    free(model);
    CHECK_STATUS(a1_disparity_new(p, columns, grounds, 1, NULL, &d), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "check", &check), A1_OK);
    CHECK_STATUS(a1_disparity_step_code(d, "approve", &approve), A1_OK);
    CHECK_STATUS(a1_disparity_group_code(d, 0, "a", 1, &a), A1_OK);
    groups[0] = groups[1] = groups[2] = groups[3] = a;
    steps[0] = check, next[0] = approve; /* counted */
    steps[1] = check, next[1] = -1;      /* ended at the decision point */
    steps[2] = approve, next[2] = -1;    /* ended at an outcome */
    steps[3] = check, next[3] = 999;     /* no step of the model */
    CHECK_STATUS(a1_disparity_add_batch(d, 4, steps, next, groups, NULL), A1_OK);
    memset(&issues, 0, sizeof issues);
    issues.struct_size = sizeof issues;
    CHECK_STATUS(a1_disparity_get_issues(d, &issues), A1_OK);
    CHECK(issues.rows == 4 && issues.passages == 1 && issues.ended_at_decision_point == 1);
    CHECK(issues.not_decision_point == 1 && issues.unknown_next_step == 1);
    a1_disparity_free(d);
    a1_process_free(p);
}

int main(int argc, char** argv) {
    source_dir = argc > 1 ? argv[1] : ".";
    test_version_and_errors();
    test_knowledge_base();
    test_process();
    test_assessment();
    test_disparity();
    test_disparity_spec();
    test_disparity_events();
    test_missing_next_step();
    test_abi_growth();
    test_compounding();
    test_threads();
    test_disclosure();
    printf("C ABI: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
