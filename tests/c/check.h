// SPDX-License-Identifier: EUPL-1.2
/* The C test programs' checks (counted, reported with file and line) and their access to files of the source tree. */
#ifndef ARTIKEL1_TEST_C_CHECK_H
#define ARTIKEL1_TEST_C_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        ++checks;                                                                   \
        if (!(cond)) {                                                              \
            ++failures;                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                           \
    } while (0)

#define CHECK_STATUS(call, expected) CHECK((call) == (expected))
#define CHECK_STR(a, b) CHECK(strcmp((a), (b)) == 0)

static char* read_file(const char* path, size_t* length) {
    FILE* f = fopen(path, "rb");
    char* data;
    long size;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = (char*)malloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, f) != (size_t)size) size = 0;
    data[size] = '\0';
    fclose(f);
    *length = (size_t)size;
    return data;
}

static const char* source_dir;

static char* source_file(const char* relative, size_t* length) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", source_dir, relative);
    return read_file(path, length);
}

#endif
