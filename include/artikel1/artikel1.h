// SPDX-License-Identifier: EUPL-1.2
/*
 * artikel1: the stable C ABI (C99). Link with -lartikel1 (libartikel1.so, SONAME libartikel1.so.1).
 *
 * Conventions (docs/c-api.md):
 * - Every function that can fail returns an a1_status; results come back through out-parameters, which are set only
 *   on A1_OK. A1_OK is 0. The block above each function names the statuses it returns and when; every one of them
 *   may also return A1_NO_MEMORY (out of memory) and A1_INTERNAL (a bug), which the blocks do not repeat. "A bad
 *   text" below is an (text, length) argument that is NULL with a nonzero length, not UTF-8, or holds a NUL byte.
 * - On failure, a1_last_error_message() describes what went wrong; for parse errors a1_last_error_line() and
 *   a1_last_error_column() give the position, for validation errors a1_last_error_pointer() gives the JSON pointer
 *   of the first error. The last error is thread-local: each thread sees its own, until its next failing call.
 * - Strings going in are UTF-8 with an explicit length (const char*, size_t); invalid UTF-8 is refused with
 *   A1_INVALID_ARGUMENT. Paths are NUL-terminated.
 * - Ownership: a handle or string returned through an out-parameter belongs to the caller, who frees it with the
 *   matching a1_*_free / a1_string_free. Freeing NULL is safe; freeing twice is undefined. A `const char*` returned
 *   by an accessor (ids, labels) is borrowed: it stays valid as long as the handle it came from. Each block says
 *   which: "free it with a1_..._free" (the caller's), "valid until a1_..._free" (borrowed from a handle), "static"
 *   (valid until the library is unloaded). Handles do not borrow from each other: a process may outlive the
 *   knowledge base handle it was loaded with, an assessment its process, a table its accumulator.
 * - Thread safety: knowledge bases, processes, assessments and disparity tables are immutable after creation and
 *   may be used from many threads at once. A disparity accumulator (a1_disparity) is not: use one per thread and
 *   merge them. No C++ exception ever crosses this interface.
 */
#ifndef ARTIKEL1_H
#define ARTIKEL1_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The mark of every exported declaration: `grep A1_API` lists the whole ABI. Define it before including this header
 * to override it (e.g. empty for a static build, or __declspec(dllimport)). */
#ifndef A1_API
#if defined(__GNUC__)
#define A1_API __attribute__((visibility("default")))
#else
#define A1_API
#endif
#endif

/* A1_VERSION_MAJOR, _MINOR, _PATCH, _NUMBER and _STRING, generated from the version in CMakeLists.txt. */
#include "artikel1/version.h"
/* Raised on every incompatible change of this header; part of the SONAME (libartikel1.so.1). */
#define A1_ABI_VERSION 1

typedef enum a1_status {
    A1_OK = 0,
    A1_INVALID_ARGUMENT = 1, /* NULL where a value is needed, invalid UTF-8, an index out of range, a bad option */
    A1_PARSE_ERROR = 2,      /* malformed JSON or CSV: see a1_last_error_line / _column */
    A1_VALIDATION_ERROR = 3, /* well-formed but breaks the format's rules: see a1_last_error_pointer */
    A1_NOT_FOUND = 4,        /* an example, step or ground that does not exist, a file that cannot be opened or read */
    A1_LIMIT = 5,            /* an input over a configured limit (size, nesting depth), a count past 2^64 - 1 */
    A1_NO_MEMORY = 6,
    A1_INTERNAL = 7          /* a bug: please report it with the message */
} a1_status;

typedef enum a1_language { A1_LANG_NL = 0, A1_LANG_EN = 1 } a1_language;

typedef struct a1_knowledge_base a1_knowledge_base;
typedef struct a1_process a1_process;
typedef struct a1_assessment a1_assessment;
typedef struct a1_disparity a1_disparity;
typedef struct a1_disparity_table a1_disparity_table;

/* ---- version and errors ---------------------------------------------------------------------------------- */

/* The version of the library actually loaded, as A1_VERSION_STRING ("0.2.0"). Cannot fail. The string is static:
 * valid until the library is unloaded; do not free it. Since 0.1. */
A1_API const char* a1_version(void);
/* The same as a number, as A1_VERSION_NUMBER (MAJOR * 10000 + MINOR * 100 + PATCH): compare it with the header's
 * A1_VERSION_NUMBER to detect a library older than the header a program was built with. Cannot fail. Since 0.2. */
A1_API int a1_version_number(void);
/* A1_ABI_VERSION of the library actually loaded; compare with the header's to detect a mismatch. Cannot fail. */
A1_API int a1_abi_version(void);
/* The name of a status: "A1_OK", "A1_PARSE_ERROR", ...; "unknown status" for any other value. Cannot fail. The string
 * is static: valid until the library is unloaded; do not free it. */
A1_API const char* a1_status_name(a1_status status);
/* The message of this thread's last failing call ("" if none), always valid UTF-8. Cannot fail; a call that succeeds
 * leaves it as it was. The string is thread-local and the library's: valid until this thread's next failing call (or
 * the thread's end); do not free it. */
A1_API const char* a1_last_error_message(void);
/* Line (1-based) of the position of this thread's last failing call when it was A1_PARSE_ERROR; 0 after any other
 * failure, and before the first. Cannot fail. */
A1_API size_t a1_last_error_line(void);
/* Column (1-based) of that position; 0 after any other failure, and before the first. Cannot fail. */
A1_API size_t a1_last_error_column(void);
/* JSON pointer of the first error of this thread's last failing call when it was A1_VALIDATION_ERROR ("" after any
 * other failure, before the first, or for an error of the whole document). Cannot fail. The string is thread-local
 * and the library's: valid until this thread's next failing call (or the thread's end); do not free it. */
A1_API const char* a1_last_error_pointer(void);
/* Frees a string this library handed out through a `char**` out-parameter (the *_to_json functions,
 * a1_validate_json, a1_compare, a1_disparity_serialize, the compounding functions). NULL is safe; freeing twice, or
 * freeing a borrowed `const char*` (ids, labels, messages), is undefined. */
A1_API void a1_string_free(char* text);

/* ---- knowledge base -------------------------------------------------------------------------------------- */

/* The built-in knowledge base (a new handle each call, all sharing the one built-in knowledge base).
 * Statuses: A1_OK; A1_INVALID_ARGUMENT (`out` NULL). `*out` is the caller's: free it with a1_knowledge_base_free. */
A1_API a1_status a1_knowledge_base_builtin(a1_knowledge_base** out);
/* A knowledge base read from `length` bytes of JSON and checked. Statuses: A1_OK; A1_INVALID_ARGUMENT (`out` NULL, a
 * bad text); A1_PARSE_ERROR (malformed JSON: a1_last_error_line / _column); A1_LIMIT (over 256 MiB, nested deeper
 * than 64 levels); A1_VALIDATION_ERROR (not a valid knowledge base: a1_last_error_pointer). `*out` is the caller's:
 * free it with a1_knowledge_base_free. */
A1_API a1_status a1_knowledge_base_from_json(const char* json, size_t length, a1_knowledge_base** out);
/* A knowledge base read from a JSON file (`path` NUL-terminated). Statuses: as a1_knowledge_base_from_json, and
 * A1_INVALID_ARGUMENT for `path` NULL; A1_NOT_FOUND (the file cannot be opened or read, or is a directory);
 * A1_PARSE_ERROR also for UTF-16 text. `*out` is the caller's: free it with a1_knowledge_base_free. */
A1_API a1_status a1_knowledge_base_from_file(const char* path, a1_knowledge_base** out);
/* `base` extended with a partial knowledge base (entries with known ids replaced, new ones added); `base` is left as it
 * was and may be freed first. Statuses: A1_OK; A1_INVALID_ARGUMENT (`base` or `out` NULL, a bad text);
 * A1_PARSE_ERROR; A1_LIMIT; A1_VALIDATION_ERROR (the extension or the merged knowledge base is not valid:
 * a1_last_error_pointer points into the extension where it can). `*out` is the caller's: free it with
 * a1_knowledge_base_free. */
A1_API a1_status a1_knowledge_base_extend(const a1_knowledge_base* base, const char* json, size_t length,
                                          a1_knowledge_base** out);
/* The method id ("artikel1-method/1.1"). Statuses: A1_OK; A1_INVALID_ARGUMENT (`kb` or `method_id` NULL).
 * `*method_id` is borrowed from the handle: valid until a1_knowledge_base_free(kb); do not free it. */
A1_API a1_status a1_knowledge_base_method_id(const a1_knowledge_base* kb, const char** method_id);
/* Frees a knowledge base handle (NULL is safe). Strings borrowed from it become invalid; processes loaded with it
 * keep what they need, so they stay valid. */
A1_API void a1_knowledge_base_free(a1_knowledge_base* kb);

/* ---- process models -------------------------------------------------------------------------------------- */

/* Built-in examples: their number and names (static strings), in name order. */
/* The number of built-in examples. Statuses: A1_OK; A1_INVALID_ARGUMENT (`count` NULL). */
A1_API a1_status a1_example_count(size_t* count);
/* The name of example `index` (0 to a1_example_count - 1, in name order), for a1_process_example. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`name` NULL, `index` out of range). `*name` is static: valid until the library is unloaded. */
A1_API a1_status a1_example_name(size_t index, const char** name);

/* Loads and validates a model (artikel1/process/1) from `length` bytes of JSON. `kb` NULL: the built-in knowledge
 * base; the process keeps the knowledge base it was validated against (the handle may be freed first). Statuses:
 * A1_OK; A1_INVALID_ARGUMENT (`out` NULL, a bad text); A1_PARSE_ERROR (malformed JSON: a1_last_error_line / _column);
 * A1_LIMIT (over 256 MiB, nested deeper than 64 levels); A1_VALIDATION_ERROR (an invalid model: the first error in
 * a1_last_error_message and a1_last_error_pointer; a1_validate_json lists all). `*out` is the caller's: free it with
 * a1_process_free. */
A1_API a1_status a1_process_from_json(const a1_knowledge_base* kb, const char* json, size_t length, a1_process** out);
/* Loads and validates a model from a file (`path` NUL-terminated), as a1_process_from_json. Statuses: those of
 * a1_process_from_json, and A1_INVALID_ARGUMENT for `path` NULL; A1_NOT_FOUND (the file cannot be opened or read, or
 * is a directory); A1_PARSE_ERROR also for UTF-16 text. `*out` is the caller's: free it with a1_process_free. */
A1_API a1_status a1_process_from_file(const a1_knowledge_base* kb, const char* path, a1_process** out);
/* The built-in example `name` (NUL-terminated; see a1_example_name), validated against `kb` (NULL: the built-in
 * knowledge base). Statuses: A1_OK; A1_INVALID_ARGUMENT (`name` or `out` NULL); A1_NOT_FOUND (no example of that
 * name: the message lists them); A1_VALIDATION_ERROR (`kb` lacks something the example uses). `*out` is the caller's:
 * free it with a1_process_free. */
A1_API a1_status a1_process_example(const a1_knowledge_base* kb, const char* name, a1_process** out);
/* Every problem of a model as a JSON array of {level, pointer, message, line, column, code, message_nl} (message in
 * English, message_nl in Dutch, code as docs/messages.md lists it); `error_count` (may be NULL) receives the number of
 * errors. `kb` NULL: the built-in knowledge base. Returns A1_OK for an invalid model too: the problems are the result
 * (malformed JSON is one error with its line and column). Statuses: A1_OK; A1_INVALID_ARGUMENT (`problems_json` NULL,
 * a bad text); A1_LIMIT (over 256 MiB, nested deeper than 64 levels). `*problems_json` is NUL-terminated,
 * `*problems_length` bytes (`problems_length` may be NULL), and the caller's: free it with a1_string_free. */
A1_API a1_status a1_validate_json(const a1_knowledge_base* kb, const char* json, size_t length, char** problems_json,
                                  size_t* problems_length, size_t* error_count);
/* The model in canonical JSON (what artikel1 saves). Statuses: A1_OK; A1_INVALID_ARGUMENT (`process` or `json` NULL).
 * `*json` is NUL-terminated, `*length` bytes (`length` may be NULL), and the caller's: free it with a1_string_free. */
A1_API a1_status a1_process_to_json(const a1_process* process, char** json, size_t* length);
/* The id of the process. Statuses: A1_OK; A1_INVALID_ARGUMENT (`process` or `id` NULL). `*id` is borrowed from the
 * process: valid until a1_process_free(process); do not free it. */
A1_API a1_status a1_process_id(const a1_process* process, const char** id);
/* The number of steps of the process. Statuses: A1_OK; A1_INVALID_ARGUMENT (`process` or `count` NULL). */
A1_API a1_status a1_process_step_count(const a1_process* process, size_t* count);
/* Frees a process (NULL is safe). Strings borrowed from it become invalid; assessments and accumulators made from it
 * keep what they need, so they stay valid. */
A1_API void a1_process_free(a1_process* process);

/* ---- assessment ------------------------------------------------------------------------------------------ */

/* Scores every step and ground. `kb` NULL: the knowledge base the process was loaded against (the built-in one when
 * it was loaded with `kb` NULL); a `kb` given must know the process's attribute kinds, measures and grounds. The
 * assessment holds copies of what it reports: the process and knowledge base may be freed first. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`process` or `out` NULL); A1_VALIDATION_ERROR (the process is not valid against the `kb`
 * given: a1_last_error_pointer). `*out` is the caller's: free it with a1_assessment_free. */
A1_API a1_status a1_assess(const a1_process* process, const a1_knowledge_base* kb, a1_assessment** out);
/* The full assessment as JSON (artikel1/assessment/1; schema/assessment.schema.json). Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`assessment` or `json` NULL). `*json` is NUL-terminated, `*length` bytes (`length` may be
 * NULL), and the caller's: free it with a1_string_free. */
A1_API a1_status a1_assessment_to_json(const a1_assessment* assessment, char** json, size_t* length);
/* Reads an assessment saved as JSON (to compare with a later one): its ids, names, labels, levels and scores, but not
 * the process-level summary (a1_assessment_ground_summary: A1_NOT_FOUND) nor the recommendations (count 0).
 * Statuses: A1_OK; A1_INVALID_ARGUMENT (`out` NULL, a bad text); A1_PARSE_ERROR (malformed JSON); A1_LIMIT (over
 * 256 MiB, nested deeper than 64 levels); A1_VALIDATION_ERROR (not an assessment as artikel1 writes it:
 * a1_last_error_pointer). `*out` is the caller's: free it with a1_assessment_free. */
A1_API a1_status a1_assessment_from_json(const char* json, size_t length, a1_assessment** out);

/* The accessors below read an assessment. Each returns A1_INVALID_ARGUMENT for a NULL `assessment` or out-parameter
 * (the message names it) and for an index out of range ("step index 10 out of range (10)"): steps, grounds and levels
 * are numbered from 0 to their count - 1, in the order of the assessment's JSON. A string is borrowed from the
 * assessment: valid until a1_assessment_free(assessment); do not free it. */
/* The id of the method that scored it ("artikel1-method/1.1"). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL
 * argument). `*method_id` is valid until a1_assessment_free. */
A1_API a1_status a1_assessment_method_id(const a1_assessment* assessment, const char** method_id);
/* The number of steps. Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument). */
A1_API a1_status a1_assessment_step_count(const a1_assessment* assessment, size_t* count);
/* The number of grounds. Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument). */
A1_API a1_status a1_assessment_ground_count(const a1_assessment* assessment, size_t* count);
/* The number of risk levels. Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument). */
A1_API a1_status a1_assessment_level_count(const a1_assessment* assessment, size_t* count);
/* The id of step `step`. Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument, `step` out of range). `*id` is valid
 * until a1_assessment_free. */
A1_API a1_status a1_assessment_step_id(const a1_assessment* assessment, size_t step, const char** id);
/* The name of step `step` ("" when the model gives none). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument,
 * `step` out of range). `*name` is valid until a1_assessment_free. */
A1_API a1_status a1_assessment_step_name(const a1_assessment* assessment, size_t step, const char** name);
/* The id of ground `ground` ("race", ...). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument, `ground` out of
 * range). `*id` is valid until a1_assessment_free. */
A1_API a1_status a1_assessment_ground_id(const a1_assessment* assessment, size_t ground, const char** id);
/* The label of ground `ground` in Dutch (A1_LANG_NL) or English (A1_LANG_EN); "" when an assessment read from JSON
 * has none. Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument, `ground` out of range, another `language`).
 * `*label` is valid until a1_assessment_free. */
A1_API a1_status a1_assessment_ground_label(const a1_assessment* assessment, size_t ground, a1_language language,
                                            const char** label);
/* Level ids in ascending order: 0 "low", 1 "medium", 2 "high", 3 "very_high" with the default knowledge base.
 * Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument, `level` out of range). `*id` is valid until
 * a1_assessment_free. */
A1_API a1_status a1_assessment_level_id(const a1_assessment* assessment, size_t level, const char** id);
/* Index of a step by id (NUL-terminated). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument); A1_NOT_FOUND (no
 * step of that id). */
A1_API a1_status a1_assessment_find_step(const a1_assessment* assessment, const char* id, size_t* step);
/* Index of a ground by id (NUL-terminated). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument); A1_NOT_FOUND (no
 * ground of that id). */
A1_API a1_status a1_assessment_find_ground(const a1_assessment* assessment, const char* id, size_t* ground);
/* Score (0..100) and level index of (step, ground). Either out-parameter may be NULL. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`assessment` NULL, `step` or `ground` out of range). */
A1_API a1_status a1_assessment_score(const a1_assessment* assessment, size_t step, size_t ground, double* score,
                                     size_t* level);
/* Process level per ground: highest score and its level, and expected citizens per year through high-risk steps.
 * Each out-parameter may be NULL. Statuses: A1_OK; A1_INVALID_ARGUMENT (`assessment` NULL, `ground` out of range);
 * A1_NOT_FOUND (an assessment read with a1_assessment_from_json, which has no summary). */
A1_API a1_status a1_assessment_ground_summary(const a1_assessment* assessment, size_t ground, double* max_score,
                                              size_t* max_level, double* citizens_per_year_high);
/* The number of recommendations (0 for an assessment read with a1_assessment_from_json; the recommendations
 * themselves are in a1_assessment_to_json). Statuses: A1_OK; A1_INVALID_ARGUMENT (a NULL argument). */
A1_API a1_status a1_assessment_recommendation_count(const a1_assessment* assessment, size_t* count);
/* Changes from `before` to `after` as JSON ({changes: [{step, ground, kind, before, after, ...}], ...}). Statuses:
 * A1_OK; A1_INVALID_ARGUMENT (`before`, `after` or `json` NULL). `*json` is NUL-terminated, `*length` bytes (`length`
 * may be NULL), and the caller's: free it with a1_string_free. */
A1_API a1_status a1_compare(const a1_assessment* before, const a1_assessment* after, char** json, size_t* length);
/* Frees an assessment (NULL is safe). Strings borrowed from it become invalid. */
A1_API void a1_assessment_free(a1_assessment* assessment);

/* ---- observed disparity ---------------------------------------------------------------------------------- */

/* An accumulator of counts per decision point x ground x group for `process`. `columns[i]` is the name of the
 * column holding the groups of ground `grounds[i]` (for logs read from files); `strata_column` may be NULL. The
 * accumulator keeps what it needs of `process` (the process may be freed first); the arrays are read during the call
 * only. For adverse flags, intersections or chosen decision points: a1_disparity_new_from_spec. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`process` or `out` NULL; `columns`, `grounds` or one of their strings NULL or not UTF-8;
 * `ground_count` 0; an empty column name or ground id; a ground mapped from two columns; `strata_column` not UTF-8);
 * A1_LIMIT (more than 2^31 - 1 steps). `*out` is the caller's: free it with a1_disparity_free. */
A1_API a1_status a1_disparity_new(const a1_process* process, const char* const* columns, const char* const* grounds,
                                  size_t ground_count, const char* strata_column, a1_disparity** out);
/* The full description of what an accumulator counts (a1_disparity_new_from_spec). Set `struct_size =
 * sizeof(a1_disparity_spec)` and zero what is not used (`a1_disparity_spec spec = {0}`): fields may be added at the
 * end in later versions, and the library reads only what the caller's size holds. Every pointer is borrowed for the
 * duration of the call only. Since 0.1; A1_DISPARITY_SPEC_SIZE_V1 is the smallest size accepted. */
typedef struct a1_disparity_spec {
    size_t struct_size;
    /* The grounds analysed (at least one): columns[i] holds the groups of ground grounds[i] in a log file; with
     * typed arrays the column names only identify the mapping (two accumulators merge when they match). */
    size_t ground_count;
    const char* const* columns;
    const char* const* grounds;
    /* Column whose values are strata (e.g. a municipality) for the Mantel-Haenszel odds ratio; NULL: none. */
    const char* strata_column;
    /* Nonzero: the second array of a batch holds adverse flags (1 the decision went against the citizen, 0 not)
     * instead of next-step codes. Implied when outcome_count > 0. */
    int adverse_flags;
    /* For log files with an outcome column: each outcome label and whether it is adverse (nonzero). */
    size_t outcome_count;
    const char* const* outcome_labels;
    const int* outcome_adverse;
    /* Pairs of ground ids analysed together: 2 * intersection_count ids, pair i at [2i] and [2i + 1]; each pair is
     * a ground "first+second" in the table. */
    size_t intersection_count;
    const char* const* intersections;
    /* Step ids to treat as decision points; none: every decision step and every step with two or more flows out. */
    size_t decision_point_count;
    const char* const* decision_points;
} a1_disparity_spec;
/* The size of a1_disparity_spec as first released (0.1). Fields are only ever added at the end, so every size from
 * this one up to the library's own is accepted; a caller's larger struct is accepted when the fields the library does
 * not know are zero. */
#define A1_DISPARITY_SPEC_SIZE_V1 (offsetof(a1_disparity_spec, decision_points) + sizeof(const char* const*))

/* An accumulator for `process` counting what `spec` describes; it keeps what it needs of both (either may be freed
 * first). Statuses: A1_OK; A1_INVALID_ARGUMENT (`process`, `spec` or `out` NULL; `spec->struct_size` below
 * A1_DISPARITY_SPEC_SIZE_V1, or fields this library does not know not zero; an array NULL or a string in it NULL or
 * not UTF-8; no ground; an empty column name or ground id; a ground mapped twice; an unknown or repeated decision
 * point; a repeated outcome label; an intersection of a ground not analysed, of a ground with itself, or given
 * twice); A1_LIMIT (more than 2^31 - 1 steps). `*out` is the caller's: free it with a1_disparity_free. */
A1_API a1_status a1_disparity_new_from_spec(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out);

/* Code of a step id (NUL-terminated), to fill the `steps` and `next_steps` arrays of a1_disparity_add_batch. Statuses:
 * A1_OK; A1_INVALID_ARGUMENT (a NULL argument); A1_NOT_FOUND (no step of that id in the process). */
A1_API a1_status a1_disparity_step_code(const a1_disparity* disparity, const char* step_id, int32_t* code);
/* Code of a group label (`length` bytes of UTF-8) of ground index `ground` (0 to ground_count - 1, in the order of the
 * mapping; intersections have no codes of their own); the label is added when new. Changes the accumulator (one
 * thread at a time). Statuses: A1_OK; A1_INVALID_ARGUMENT (`disparity` or `code` NULL, `ground` out of range, a bad
 * text); A1_LIMIT (2^31 - 1 labels of that ground already). */
A1_API a1_status a1_disparity_group_code(a1_disparity* disparity, size_t ground, const char* label, size_t length,
                                         int32_t* code);
/* Code of a stratum label (`length` bytes of UTF-8; added when new). Statuses: A1_OK; A1_INVALID_ARGUMENT
 * (`disparity` or `code` NULL, an accumulator without a strata column, a bad text); A1_LIMIT (2^31 - 1 strata
 * already). */
A1_API a1_status a1_disparity_stratum_code(a1_disparity* disparity, const char* label, size_t length, int32_t* code);
/* Counts `count` rows: a case at steps[i] moved on to next_steps[i]; a next step of -1 means the case ended at
 * steps[i] (an end row, as an empty next step in a log), any other code that is no step an unknown next step; groups
 * is row-major, ground_count codes per row (-1 for a missing group); strata may be NULL (else one code per row, -1
 * missing). Rows with an unknown step or a flow the model lacks are counted as data problems, not errors. `count` 0 does nothing. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`disparity` NULL; `steps`, `next_steps` or `groups` NULL with `count` > 0; with adverse flags a
 * next_steps value other than 0 or 1, and then no row is counted; a group or stratum code that no label has, on a row
 * that is counted, and then the rows before it stay counted and it is one of the `rows` offered); A1_LIMIT (a count
 * past 2^64 - 1). */
A1_API a1_status a1_disparity_add_batch(a1_disparity* disparity, size_t count, const int32_t* steps,
                                        const int32_t* next_steps, const int32_t* groups, const int32_t* strata);
/* Counts `count` events of a log without a next-step column (the process-mining convention): cases[i] is any
 * integer id of the event's case, events of a case adjacent and in time order; each event's next step is the next
 * event of its case. steps, groups and strata as in a1_disparity_add_batch. Cases continue across calls: call
 * a1_disparity_end_events after the last batch (before computing, merging or serialising), which counts the last
 * event of the last case. Not for accumulators with adverse flags. `count` 0 does nothing. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`disparity` NULL; `cases`, `steps` or `groups` NULL with `count` > 0; an accumulator with
 * adverse flags or outcome labels; a group or stratum code that no label has, and then the rows before it stay
 * counted); A1_LIMIT (a count past 2^64 - 1). */
A1_API a1_status a1_disparity_add_events(a1_disparity* disparity, size_t count, const int64_t* cases, const int32_t* steps,
                                         const int32_t* groups, const int32_t* strata);
/* Ends the case of the last event given to a1_disparity_add_events: that event is counted as its case's end. Does
 * nothing when no event is waiting (it may be called more than once). Statuses: A1_OK; A1_INVALID_ARGUMENT
 * (`disparity` NULL; with transition counts, a group or stratum code of that event that no label has); A1_LIMIT (a
 * count past 2^64 - 1). */
A1_API a1_status a1_disparity_end_events(a1_disparity* disparity);

/* What happened to the rows offered so far (set `struct_size = sizeof(a1_disparity_issues)` first; the library fills
 * the fields that fit in the caller's size, from A1_DISPARITY_ISSUES_SIZE_V1 on). These are the accumulator's own
 * unsuppressed counts: like a1_disparity_serialize, keep them where the log is kept. Since 0.1. */
typedef struct a1_disparity_issues {
    size_t struct_size;
    uint64_t rows;                    /* rows (transitions) offered */
    uint64_t passages;                /* rows counted at a decision point */
    uint64_t not_decision_point;      /* rows at other steps: expected, not a problem */
    uint64_t unknown_step;            /* the problems: */
    uint64_t unknown_next_step;
    uint64_t flow_not_in_model;
    uint64_t unknown_outcome;
    uint64_t ended_at_decision_point;
    uint64_t missing_stratum;         /* passages without a stratum (counted, left out of Mantel-Haenszel) */
} a1_disparity_issues;
/* The size of a1_disparity_issues as first released (0.1): the smallest struct_size accepted. */
#define A1_DISPARITY_ISSUES_SIZE_V1 (offsetof(a1_disparity_issues, missing_stratum) + sizeof(uint64_t))

/* Copies the accumulator's issues into `*issues` (numbers only: nothing to free). Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`disparity` or `issues` NULL, `issues->struct_size` below A1_DISPARITY_ISSUES_SIZE_V1). */
A1_API a1_status a1_disparity_get_issues(const a1_disparity* disparity, a1_disparity_issues* issues);

/* Reads an event log file into the accumulator, with the default columns, its format chosen by the file name: JSON
 * lines (.jsonl, .ndjson), XES (.xes, .xes.gz: trace attributes are the case attributes case:KEY, only events whose
 * lifecycle:transition is "complete" or absent are counted), else CSV or process-mining CSV. `threads` 0 is 1,
 * `strict` nonzero makes the first row with a data problem an error. For column names, a delimiter, a format or a
 * case table: a1_disparity_read_log_v2.
 * Returns A1_OK, A1_INVALID_ARGUMENT (NULL handle or path), A1_NOT_FOUND (the file cannot be opened or read, or is a
 * directory), A1_PARSE_ERROR (a malformed row, JSON line or XES document, a column missing from the header, UTF-16
 * text, in strict mode the first row with a data problem, with several threads a case whose events are not
 * contiguous: a1_last_error_line / _column), A1_LIMIT (a field over 64 KiB or a record over 1 MiB, a count past
 * 2^64 - 1). What was read before an error stays counted. Since 0.1. */
A1_API a1_status a1_disparity_read_log(a1_disparity* disparity, const char* path, unsigned threads, int strict);

/* How to read an event log (a1_disparity_read_log_v2). Initialise with A1_LOG_OPTIONS_INIT (or `= {0}` and set
 * struct_size): every zero or NULL field takes its default. Strings are NUL-terminated UTF-8, borrowed for the call.
 * Since 0.2; A1_LOG_OPTIONS_SIZE_V1 is the smallest size accepted. */
typedef struct a1_log_options {
    size_t struct_size;
    unsigned threads;             /* reader threads for one CSV file; 0: 1 */
    int strict;                   /* nonzero: the first row with a data problem is an error */
    const char* format;           /* "auto" (NULL: by extension), "csv", "jsonl" or "xes" */
    const char* case_column;      /* NULL: "case:concept:name" or "case_id" */
    const char* step_column;      /* NULL: "concept:name" or "step" */
    const char* next_column;      /* NULL: "next_step"; absent: the next step is the case's following event */
    const char* outcome_column;   /* NULL: "outcome" (accumulators with an outcome mapping) */
    const char* timestamp_column; /* NULL: "time:timestamp" or "timestamp" (optional) */
    char delimiter;               /* 0: ',' */
    const char* case_table;       /* NULL: none; else a CSV of case id + group (and strata) columns joined on case id */
    const char* case_table_column;/* the case id column of the case table; NULL: the log's case column name */
    uint64_t max_open_cases;      /* interleaved cases (next steps derived): the most kept open at once; 0: 1000000,
                                     UINT64_MAX: no limit. Past it the rest of the log is sorted by case in temporary
                                     files (in TMPDIR, else /tmp), with the same counts. Not in A1_LOG_OPTIONS_SIZE_V1 */
} a1_log_options;
#define A1_LOG_OPTIONS_SIZE_V1 (offsetof(a1_log_options, case_table_column) + sizeof(const char*))
#define A1_LOG_OPTIONS_INIT {sizeof(a1_log_options), 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0}

/* Reads an event log file as a1_disparity_read_log does, with `options` (NULL: the defaults). Returns the statuses of
 * a1_disparity_read_log (a column the file does not have is A1_PARSE_ERROR, with the header's line), and
 * A1_INVALID_ARGUMENT for a struct_size below A1_LOG_OPTIONS_SIZE_V1, fields this library does not know not zero, an
 * unknown format or a column name that is not UTF-8. The case table is read first, with the statuses of a file
 * (A1_NOT_FOUND, A1_PARSE_ERROR also for an empty or repeated case id, A1_LIMIT); nothing is counted when it fails.
 * A temporary file to sort the log by case (max_open_cases) that cannot be created or written is A1_NOT_FOUND, its
 * message naming the directory. Since 0.2. */
A1_API a1_status a1_disparity_read_log_v2(a1_disparity* disparity, const char* path, const a1_log_options* options);
/* Adds the counts of `from` (same process and mapping) to `into`; groups and strata are matched by label. An event
 * still waiting for its successor in `from` (a1_disparity_add_events without a1_disparity_end_events) is not merged.
 * Statuses: A1_OK; A1_INVALID_ARGUMENT (`into` or `from` NULL, `from` the same accumulator as `into`, accumulators
 * of another process or mapping); A1_LIMIT (a count past 2^64 - 1, or 2^31 - 1 labels; `into` then holds part of
 * `from`). */
A1_API a1_status a1_disparity_merge(a1_disparity* into, const a1_disparity* from);
/* The counts as JSON (artikel1/disparity-counts/1; unsuppressed counts: keep it where the log is kept), and back:
 * a1_disparity_deserialize adds them to `into`, an accumulator created with the same process and mapping. An event
 * still waiting for its successor (a1_disparity_add_events) is not in it. Statuses: A1_OK; A1_INVALID_ARGUMENT
 * (`disparity` or `json` NULL). `*json` is NUL-terminated, `*length` bytes (`length` may be NULL), and the caller's:
 * free it with a1_string_free. */
A1_API a1_status a1_disparity_serialize(const a1_disparity* disparity, char** json, size_t* length);
/* Adds counts written by a1_disparity_serialize (`length` bytes) to `into`. Statuses: A1_OK; A1_INVALID_ARGUMENT
 * (`into` NULL, a bad text); A1_PARSE_ERROR (malformed JSON); A1_LIMIT (over 256 MiB, nested deeper than 64 levels, a
 * count past 2^64 - 1); A1_VALIDATION_ERROR (not counts as artikel1 writes them, or counts of another process or
 * mapping: a1_last_error_pointer, "/spec"); `into` is unchanged on every error but A1_LIMIT. */
A1_API a1_status a1_disparity_deserialize(a1_disparity* into, const char* json, size_t length);
/* Frees an accumulator (NULL is safe); an event still waiting for its successor is dropped. Tables computed from it
 * hold their own copies, so they stay valid. */
A1_API void a1_disparity_free(a1_disparity* disparity);

/* The statistics table with the default options and `min_cell` (10 is the default of artikel1): cells with fewer
 * cases are suppressed. The table holds its own copies: the accumulator may be freed first. `*out` is owned by the
 * caller (free it with a1_disparity_table_free). Returns A1_OK or A1_INVALID_ARGUMENT (NULL arguments, min_cell 0).
 * Since 0.1; a1_disparity_compute_v2 takes every option. */
A1_API a1_status a1_disparity_compute(const a1_disparity* disparity, uint64_t min_cell, a1_disparity_table** out);

/* Options of the table (a1_disparity_compute_v2). Initialise with A1_TABLE_OPTIONS_INIT (or `= {0}` and set
 * struct_size): every zero field takes its default. Groups with fewer than min_cell passages are suppressed, with the
 * groups that would reveal them (docs/security.md, disclosure control). Strings are borrowed for the call. Since 0.2;
 * A1_TABLE_OPTIONS_SIZE_V1 is the smallest size accepted. */
typedef struct a1_table_options {
    size_t struct_size;
    uint64_t min_cell;    /* cells with fewer cases are suppressed; 0: 10 */
    double confidence;    /* of every interval; 0: 0.95 */
    double alpha;         /* a comparison is flagged when its q-value is below alpha ... 0: 0.05 */
    double band_lower;    /* ... and its ratio is outside [band_lower, band_upper]; 0: 0.8 and 1.25 */
    double band_upper;
    /* The reference group of some grounds: reference_grounds[i] (a ground id) compares with the group
     * reference_groups[i] (a label); other grounds use their largest group at each decision point. */
    size_t reference_count;
    const char* const* reference_grounds;
    const char* const* reference_groups;
    /* Nonzero: the table's issues list samples of unknown step and outcome labels (off by default: a label in the
     * wrong column can be a name). */
    int unknown_labels;
} a1_table_options;
#define A1_TABLE_OPTIONS_SIZE_V1 (offsetof(a1_table_options, unknown_labels) + sizeof(int))
#define A1_TABLE_OPTIONS_INIT {sizeof(a1_table_options), 0, 0, 0, 0, 0, 0, NULL, NULL, 0}

/* The statistics table with `options` (NULL: the defaults). `*out` is owned by the caller (free it with
 * a1_disparity_table_free); as with a1_disparity_compute the accumulator may be freed first. Returns A1_OK, or
 * A1_INVALID_ARGUMENT for NULL arguments, a struct_size below A1_TABLE_OPTIONS_SIZE_V1, fields this library does not
 * know not zero, an option out of range (confidence and alpha in (0, 1), a band containing 1), a NULL or non-UTF-8
 * reference string, or a reference for a ground not analysed. Since 0.2. */
A1_API a1_status a1_disparity_compute_v2(const a1_disparity* disparity, const a1_table_options* options,
                                         a1_disparity_table** out);
/* The table as JSON (artikel1/disparity/1), suppressed cells as the table has them. Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`table` or `json` NULL). `*json` is NUL-terminated, `*length` bytes (`length` may be NULL),
 * and the caller's: free it with a1_string_free. */
A1_API a1_status a1_disparity_table_to_json(const a1_disparity_table* table, char** json, size_t* length);
/* The number of cells (the indexes of a1_disparity_table_cell are 0 to count - 1). Statuses: A1_OK;
 * A1_INVALID_ARGUMENT (`table` or `count` NULL). */
A1_API a1_status a1_disparity_table_cell_count(const a1_disparity_table* table, size_t* count);
/* Comparisons flagged: q-value below alpha and the ratio outside the band (0.05 and [0.8, 1.25] unless
 * a1_disparity_compute_v2 was given others). Statuses: A1_OK; A1_INVALID_ARGUMENT (`table` or `count` NULL). */
A1_API a1_status a1_disparity_table_flagged_count(const a1_disparity_table* table, size_t* count);

/* One cell of the table. Set `struct_size = sizeof(a1_disparity_cell)` before the call: fields may be added at the
 * end in later versions, and the library fills only what the caller's size holds (a program built against 0.1 passes
 * A1_DISPARITY_CELL_SIZE_V1 and gets the fields of 0.1). Strings are borrowed from the table. In a suppressed cell
 * every number is 0 and must not be shown. NaN marks a statistic that is undefined. */
typedef struct a1_disparity_cell {
    size_t struct_size;
    const char* step;
    const char* ground;
    const char* group;
    int suppressed;
    int reference;
    int compared;
    int flagged;
    uint64_t n;
    uint64_t adverse;
    double rate;
    double rate_lower;
    double rate_upper;
    double ratio;
    double ratio_lower;
    double ratio_upper;
    double p_value;
    double q_value;
    /* Since 0.2: the difference of rates to the reference group with its Newcombe interval, and, for a table with
     * strata (`stratified` nonzero), the Mantel-Haenszel common odds ratio with its interval, p-value and the
     * number of strata that contributed. */
    double difference;
    double difference_lower;
    double difference_upper;
    int stratified;
    uint64_t mh_strata;
    double mh_odds_ratio;
    double mh_lower;
    double mh_upper;
    double mh_p_value;
} a1_disparity_cell;
/* The size of a1_disparity_cell as first released (0.1): the smallest struct_size accepted. */
#define A1_DISPARITY_CELL_SIZE_V1 (offsetof(a1_disparity_cell, q_value) + sizeof(double))

/* Cell `index` (0 to a1_disparity_table_cell_count - 1) into `*cell`, whose struct_size the caller sets. Statuses:
 * A1_OK; A1_INVALID_ARGUMENT (`table` or `cell` NULL, `index` out of range, `cell->struct_size` below
 * A1_DISPARITY_CELL_SIZE_V1). cell->step, ->ground and ->group are borrowed from the table: valid until
 * a1_disparity_table_free(table); do not free them. */
A1_API a1_status a1_disparity_table_cell(const a1_disparity_table* table, size_t index, a1_disparity_cell* cell);
/* Frees a table (NULL is safe). The strings of the cells read from it become invalid. */
A1_API void a1_disparity_table_free(a1_disparity_table* table);

/* ---- compounding (docs/compounding.md) ------------------------------------------------------------------ */

/* An accumulator as a1_disparity_new_from_spec that also counts every move per flow x group x stratum (the
 * transition counts a1_disparity_compound needs). It merges and (de)serialises like the others, transition counts
 * included, but only with accumulators made the same way. Not with adverse flags or outcome labels (the transitions
 * need next steps): A1_INVALID_ARGUMENT. Statuses: those of a1_disparity_new_from_spec, and that one. `*out` is the
 * caller's: free it with a1_disparity_free. */
A1_API a1_status a1_disparity_new_with_transitions(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out);
/* The compounding result of an accumulator made by a1_disparity_new_with_transitions, as JSON
 * (artikel1/compounding/1): per ground and adverse outcome each group's end-to-end probability, ratio and difference
 * to the reference with their intervals (95% unless "confidence" says otherwise), each decision point's share
 * (Shapley) and the outcome tests. `process` is the process the accumulator was made for (it is read during the call
 * only). Groups with fewer than `min_cell` cases are left out, labels included; no count below min_cell is published.
 * `options_json` (`options_length` bytes; NULL and 0 for the defaults) is a JSON object with any of
 * "reference_groups" ({ground: group}), "outcomes" ([step ids]), "outcome_tests" ([{"step": id, "hits": [ids]}]),
 * "confidence", "shapley_exact_limit", "shapley_permutations" and "seed". On A1_OK *json is a NUL-terminated string
 * owned by the caller (free it with a1_string_free); `length` may be NULL. Statuses: A1_OK, A1_INVALID_ARGUMENT (a
 * NULL argument, min_cell 0, an accumulator without transition counts, another process, an option, reference group,
 * outcome or test step that does not fit, bad options text), A1_PARSE_ERROR (malformed options JSON), A1_LIMIT
 * (options nested deeper than 64 levels), A1_NO_MEMORY. */
A1_API a1_status a1_disparity_compound(const a1_disparity* disparity, const a1_process* process, uint64_t min_cell,
                                       const char* options_json, size_t options_length, char** json, size_t* length);
/* What-if compounding from the probabilities per group that the model's flows give (flows[].groups), as JSON
 * (artikel1/compounding/1, "source": "model", without intervals: there are no counts). Options and ownership as in
 * a1_disparity_compound: *json is the caller's, free it with a1_string_free. Statuses: A1_OK, A1_INVALID_ARGUMENT (a
 * NULL argument, a model without probabilities per group, an option that does not fit, bad options text),
 * A1_PARSE_ERROR (malformed options JSON), A1_LIMIT (options nested deeper than 64 levels), A1_NO_MEMORY. */
A1_API a1_status a1_process_compound(const a1_process* process, const char* options_json, size_t options_length, char** json,
                                     size_t* length);

#ifdef __cplusplus
}
#endif

#endif /* ARTIKEL1_H */
