// SPDX-License-Identifier: EUPL-1.2
/* Bad input through the C ABI: every case checks the status and the exact message. Texts with bytes after a NUL,
 * names that are not UTF-8, adverse flags other than 0 and 1, files that are directories, FIFOs, UTF-16 or shrink,
 * timestamps that are not dates, duplicate JSON keys, empty ids. */
#define _POSIX_C_SOURCE 200809L
#include <artikel1/artikel1.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* The call fails with `status` and exactly `message`. */
#define CHECK_FAILS(call, status, message)                                                     \
    do {                                                                                       \
        a1_status got_ = (call);                                                               \
        CHECK(got_ == (status));                                                               \
        if (strcmp(a1_last_error_message(), (message)) != 0) {                                 \
            fprintf(stderr, "%s:%d: message\n  got  %s\n  want %s\n", __FILE__, __LINE__,      \
                    a1_last_error_message(), (message));                                       \
            ++failures;                                                                        \
        }                                                                                      \
        ++checks;                                                                              \
    } while (0)

static char scratch[512];

static const char* scratch_path(const char* name) {
    snprintf(scratch, sizeof scratch, "/tmp/artikel1_c_bad_input_%ld_%s", (long)getpid(), name);
    return scratch;
}

static void write_bytes(const char* path, const char* bytes, size_t length) {
    FILE* f = fopen(path, "wb");
    if (!f) return;
    fwrite(bytes, 1, length, f);
    fclose(f);
}

static a1_process* log_model(void) {
    size_t length = 0;
    a1_process* p = NULL;
    char* text = source_file("tests/data/logs/model.json", &length);
    if (!text || a1_process_from_json(NULL, text, length, &p) != A1_OK) {
        ++failures;
        fprintf(stderr, "cannot load tests/data/logs/model.json\n");
    }
    free(text);
    return p;
}

static void test_texts(void) {
    a1_process* p = NULL;
    a1_knowledge_base* kb = NULL;
    a1_assessment* a = NULL;
    static const char after_nul[] = "{\"schema\": \"artikel1/process/1\"}\0garbage";
    static const char duplicate[] = "{\"schema\": \"artikel1/process/1\", \"schema\": \"artikel1/process/1\"}";
    static const char utf16[] = "\xFF\xFE{\0}\0";
    CHECK_FAILS(a1_process_from_json(NULL, after_nul, sizeof after_nul - 1, &p), A1_INVALID_ARGUMENT,
                "json has a NUL byte at offset 32 of its 40 bytes (pass the length of the text without it)");
    CHECK_FAILS(a1_knowledge_base_from_json(after_nul, sizeof after_nul, &kb), A1_INVALID_ARGUMENT,
                "json has a NUL byte at offset 32 of its 41 bytes (pass the length of the text without it)");
    CHECK_FAILS(a1_assessment_from_json(after_nul, sizeof after_nul - 1, &a), A1_INVALID_ARGUMENT,
                "json has a NUL byte at offset 32 of its 40 bytes (pass the length of the text without it)");
    CHECK_FAILS(a1_process_from_json(NULL, duplicate, strlen(duplicate), &p), A1_PARSE_ERROR,
                "1:34: duplicate key \"schema\" (a key may appear once in an object)");
    CHECK(a1_last_error_line() == 1 && a1_last_error_column() == 34);
    CHECK_FAILS(a1_assessment_from_json(duplicate, strlen(duplicate), &a), A1_PARSE_ERROR,
                "1:34: duplicate key \"schema\" (a key may appear once in an object)");
    CHECK_FAILS(a1_knowledge_base_from_json(utf16, 6, &kb), A1_INVALID_ARGUMENT, "json is not valid UTF-8");
    CHECK(p == NULL && kb == NULL && a == NULL);
}

static void test_names(void) {
    a1_process* p = log_model();
    a1_disparity* d = NULL;
    a1_disparity_spec spec;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    const char* bad_column[] = {"migration\xC3\x28"};
    const char* bad_ground[] = {"ra\xFF"};
    CHECK_FAILS(a1_disparity_new(p, bad_column, grounds, 1, NULL, &d), A1_INVALID_ARGUMENT, "columns[0] is not valid UTF-8");
    CHECK_FAILS(a1_disparity_new(p, columns, bad_ground, 1, NULL, &d), A1_INVALID_ARGUMENT, "grounds[0] is not valid UTF-8");
    CHECK_FAILS(a1_disparity_new(p, columns, grounds, 1, "strata\xE2\x82", &d), A1_INVALID_ARGUMENT,
                "strata_column is not valid UTF-8");
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.ground_count = 1;
    spec.columns = columns;
    spec.grounds = grounds;
    spec.strata_column = "\xC0\x80";
    CHECK_FAILS(a1_disparity_new_from_spec(p, &spec, &d), A1_INVALID_ARGUMENT, "spec->strata_column is not valid UTF-8");
    CHECK(d == NULL);
    a1_process_free(p);
}

static void test_adverse_flags(void) {
    a1_process* p = log_model();
    a1_disparity* d = NULL;
    a1_disparity_issues issues;
    a1_disparity_spec spec;
    const char* columns[] = {"migration_background"};
    const char* grounds[] = {"race"};
    int32_t check = -1, none = -1;
    int32_t steps[3], flags[3], groups[3];
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.ground_count = 1;
    spec.columns = columns;
    spec.grounds = grounds;
    spec.adverse_flags = 1;
    CHECK(a1_disparity_new_from_spec(p, &spec, &d) == A1_OK);
    CHECK(a1_disparity_step_code(d, "check", &check) == A1_OK);
    CHECK(a1_disparity_group_code(d, 0, "none", 4, &none) == A1_OK);
    steps[0] = steps[1] = steps[2] = check;
    groups[0] = groups[1] = groups[2] = none;
    flags[0] = 0;
    flags[1] = 1;
    flags[2] = 2;
    CHECK_FAILS(a1_disparity_add_batch(d, 3, steps, flags, groups, NULL), A1_INVALID_ARGUMENT,
                "next_steps[2] is 2: an adverse flag is 0 or 1");
    flags[2] = -1;
    CHECK_FAILS(a1_disparity_add_batch(d, 3, steps, flags, groups, NULL), A1_INVALID_ARGUMENT,
                "next_steps[2] is -1: an adverse flag is 0 or 1");
    /* nothing of a refused batch is counted */
    memset(&issues, 0, sizeof issues);
    issues.struct_size = sizeof issues;
    CHECK(a1_disparity_get_issues(d, &issues) == A1_OK);
    CHECK(issues.rows == 0);
    flags[2] = 1;
    CHECK(a1_disparity_add_batch(d, 3, steps, flags, groups, NULL) == A1_OK);
    CHECK(a1_disparity_get_issues(d, &issues) == A1_OK);
    CHECK(issues.rows == 3);
    a1_disparity_free(d);
    a1_process_free(p);
}

static void* feed_fifo(void* path) {
    size_t length = 0;
    char* log = source_file("tests/data/logs/plain.csv", &length);
    FILE* f = fopen((const char*)path, "wb");
    if (f) {
        fwrite(log, 1, length, f);
        fclose(f);
    }
    free(log);
    return NULL;
}

static void test_files(void) {
    a1_process* p = log_model();
    a1_process* loaded = NULL;
    a1_knowledge_base* kb = NULL;
    a1_disparity* d = NULL;
    a1_disparity_issues issues;
    const char* columns[] = {"migration_background", "gender"};
    const char* grounds[] = {"race", "sex"};
    char message[1024], path[512];
    pthread_t writer;
    const char* dir = scratch_path("dir");
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s", dir);

    CHECK(a1_disparity_new(p, columns, grounds, 2, NULL, &d) == A1_OK);
    snprintf(message, sizeof message, "cannot read %s: it is a directory", path);
    CHECK_FAILS(a1_disparity_read_log(d, path, 1, 0), A1_NOT_FOUND, message);
    CHECK_FAILS(a1_process_from_file(NULL, path, &loaded), A1_NOT_FOUND, message);
    CHECK_FAILS(a1_knowledge_base_from_file(path, &kb), A1_NOT_FOUND, message);
    snprintf(path, sizeof path, "%s/absent.csv", dir);
    snprintf(message, sizeof message, "cannot open %s: No such file or directory", path);
    CHECK_FAILS(a1_disparity_read_log(d, path, 1, 0), A1_NOT_FOUND, message);

    snprintf(path, sizeof path, "%s", scratch_path("utf16.csv"));
    write_bytes(path, "\xFF\xFE" "c\0a\0s\0e\0\n\0", 12);
    snprintf(message, sizeof message, "%s:1:1: the file is UTF-16 (little-endian) text; artikel1 reads UTF-8: save it as UTF-8", path);
    CHECK_FAILS(a1_disparity_read_log(d, path, 1, 0), A1_PARSE_ERROR, message);
    CHECK_FAILS(a1_process_from_file(NULL, path, &loaded), A1_PARSE_ERROR, message);
    remove(path);

    snprintf(path, sizeof path, "%s", scratch_path("bad_time.csv"));
    write_bytes(path, "case_id,step,timestamp,migration_background,gender\nc1,intake,gisteren,none,f\n", 78);
    snprintf(message, sizeof message,
             "%s:2:11: timestamp \"gisteren\" is not a date and time (ISO 8601 such as 2026-03-01, 2026-03-01T09:30:00 or "
             "2026-03-01 09:30:00.250+01:00, or dd-mm-yyyy [hh:mm[:ss]]) (column \"timestamp\")", path);
    CHECK_FAILS(a1_disparity_read_log(d, path, 1, 0), A1_PARSE_ERROR, message);
    remove(path);

    /* a FIFO is read as a stream: the 14 events of the log */
    snprintf(path, sizeof path, "%s", scratch_path("log.fifo"));
    CHECK(mkfifo(path, 0600) == 0);
    a1_disparity_free(d);
    d = NULL;
    CHECK(a1_disparity_new(p, columns, grounds, 2, NULL, &d) == A1_OK);
    pthread_create(&writer, NULL, feed_fifo, path);
    CHECK(a1_disparity_read_log(d, path, 2, 0) == A1_OK);
    pthread_join(writer, NULL);
    memset(&issues, 0, sizeof issues);
    issues.struct_size = sizeof issues;
    CHECK(a1_disparity_get_issues(d, &issues) == A1_OK);
    CHECK(issues.rows == 14);
    remove(path);
    rmdir(dir);
    a1_disparity_free(d);
    a1_process_free(p);
}

static void test_documents(void) {
    a1_process* p = NULL;
    static const char empty_id[] =
        "{\"schema\": \"artikel1/process/1\", \"id\": \"\", \"name\": \"x\", \"steps\": [{\"id\": \"a\", \"kind\": \"outcome\"}]}";
    static const char many_cases[] =
        "{\"schema\": \"artikel1/process/1\", \"id\": \"p\", \"name\": \"x\", \"cases_per_year\": 1e308, "
        "\"steps\": [{\"id\": \"a\", \"kind\": \"outcome\"}]}";
    CHECK_FAILS(a1_process_from_json(NULL, empty_id, strlen(empty_id), &p), A1_VALIDATION_ERROR,
                "/id: an id must not be empty");
    CHECK(strcmp(a1_last_error_pointer(), "/id") == 0);
    CHECK_FAILS(a1_process_from_json(NULL, many_cases, strlen(many_cases), &p), A1_VALIDATION_ERROR,
                "/cases_per_year: must be at most 10000000000 (10^10), got 1e+308");
    CHECK(p == NULL);
}

int main(int argc, char** argv) {
    source_dir = argc > 1 ? argv[1] : ".";
    test_texts();
    test_names();
    test_adverse_flags();
    test_files();
    test_documents();
    printf("C ABI, bad input: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
