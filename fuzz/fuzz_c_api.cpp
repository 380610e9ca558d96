// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: the C ABI entry points that read a buffer (knowledge base, process model, saved assessment,
// serialised disparity counts, typed arrays of codes), then every accessor over what they return. Every call must
// return a status, never crash, and every handle and string is freed (LeakSanitizer checks).
//
// A first byte 0..4 chooses the entry point and the rest is the buffer; any other input goes to every text reader.
// The target links libartikel1.so, which the fuzz build compiles with coverage instrumentation, so libFuzzer sees the
// C ABI's code and the target exercises exactly what a C caller gets.
#include <artikel1/artikel1.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

/// Aborts (a finding) when a call breaks the contract: an undocumented status, or a failure without a message.
void expect_status(a1_status status) {
    if (status != A1_OK && a1_last_error_message()[0] == '\0') __builtin_trap();
    if (static_cast<int>(status) < A1_OK || static_cast<int>(status) > A1_INTERNAL) __builtin_trap();
    if (status == A1_INTERNAL) __builtin_trap(); // a bug by definition
}

void read_everything(const a1_assessment* a) {
    size_t steps = 0, grounds = 0, levels = 0, recommendations = 0;
    expect_status(a1_assessment_step_count(a, &steps));
    expect_status(a1_assessment_ground_count(a, &grounds));
    expect_status(a1_assessment_level_count(a, &levels));
    expect_status(a1_assessment_recommendation_count(a, &recommendations));
    const char* text = nullptr;
    expect_status(a1_assessment_method_id(a, &text));
    for (size_t g = 0; g <= grounds; ++g) {
        double max_score = 0, citizens = 0;
        size_t max_level = 0;
        expect_status(a1_assessment_ground_id(a, g, &text));
        expect_status(a1_assessment_ground_label(a, g, A1_LANG_EN, &text));
        expect_status(a1_assessment_ground_summary(a, g, &max_score, &max_level, &citizens));
    }
    for (size_t l = 0; l <= levels; ++l) expect_status(a1_assessment_level_id(a, l, &text));
    for (size_t s = 0; s <= steps && s < 200; ++s) {
        expect_status(a1_assessment_step_id(a, s, &text));
        if (a1_assessment_step_name(a, s, &text) == A1_OK) {
            size_t found = 0;
            const char* id = nullptr;
            if (a1_assessment_step_id(a, s, &id) == A1_OK) expect_status(a1_assessment_find_step(a, id, &found));
        }
        for (size_t g = 0; g <= grounds && g < 50; ++g) {
            double score = 0;
            size_t level = 0;
            if (a1_assessment_score(a, s, g, &score, &level) == A1_OK && level >= levels) __builtin_trap();
        }
    }
    char* json = nullptr;
    size_t length = 0;
    expect_status(a1_assessment_to_json(a, &json, &length));
    a1_string_free(json);
    expect_status(a1_compare(a, a, &json, &length));
    a1_string_free(json);
}

void fuzz_knowledge_base(const char* text, size_t size) {
    a1_knowledge_base* kb = nullptr;
    if (a1_knowledge_base_from_json(text, size, &kb) == A1_OK) {
        const char* method = nullptr;
        expect_status(a1_knowledge_base_method_id(kb, &method));
        a1_process* process = nullptr;
        if (a1_process_example(kb, "bijstand-aanvraag", &process) == A1_OK) {
            a1_assessment* a = nullptr;
            if (a1_assess(process, kb, &a) == A1_OK) read_everything(a);
            a1_assessment_free(a);
        }
        a1_process_free(process);
    }
    a1_knowledge_base_free(kb);
    a1_knowledge_base* builtin = nullptr;
    a1_knowledge_base* extended = nullptr;
    expect_status(a1_knowledge_base_builtin(&builtin));
    expect_status(a1_knowledge_base_extend(builtin, text, size, &extended));
    a1_knowledge_base_free(extended);
    a1_knowledge_base_free(builtin);
}

void fuzz_process(const char* text, size_t size) {
    char* problems = nullptr;
    size_t length = 0, errors = 0;
    expect_status(a1_validate_json(nullptr, text, size, &problems, &length, &errors));
    a1_string_free(problems);
    a1_process* process = nullptr;
    a1_status status = a1_process_from_json(nullptr, text, size, &process);
    expect_status(status);
    if (status != A1_OK) return;
    if ((status == A1_OK) != (errors == 0)) __builtin_trap(); // loading and validating agree
    size_t steps = 0;
    expect_status(a1_process_step_count(process, &steps));
    char* json = nullptr;
    expect_status(a1_process_to_json(process, &json, &length));
    a1_string_free(json);
    if (steps < 2000) {
        a1_assessment* a = nullptr;
        expect_status(a1_assess(process, nullptr, &a));
        if (a) {
            read_everything(a);
            char* saved = nullptr;
            a1_assessment* back = nullptr;
            if (a1_assessment_to_json(a, &saved, &length) == A1_OK) {
                expect_status(a1_assessment_from_json(saved, length, &back)); // what we save, we read
                if (!back) __builtin_trap();
                read_everything(back);
            }
            a1_assessment_free(back);
            a1_string_free(saved);
        }
        a1_assessment_free(a);
    }
    a1_process_free(process);
}

void fuzz_assessment(const char* text, size_t size) {
    a1_assessment* a = nullptr;
    expect_status(a1_assessment_from_json(text, size, &a));
    if (a) read_everything(a);
    a1_assessment_free(a);
}

/// The small model of tests/data/logs/model.json: two decision points, adverse flows, a loop.
constexpr const char* log_model = R"({"schema": "artikel1/process/1", "id": "log-test", "name": "fuzz",
  "steps": [{"id": "intake", "kind": "task"}, {"id": "check", "kind": "decision"}, {"id": "approve", "kind": "outcome"},
            {"id": "investigate", "kind": "task"}, {"id": "decide", "kind": "decision"}, {"id": "reject", "kind": "outcome"}],
  "flows": [{"from": "intake", "to": "check"}, {"from": "check", "to": "approve"},
            {"from": "check", "to": "investigate", "adverse": true}, {"from": "investigate", "to": "decide"},
            {"from": "decide", "to": "approve"}, {"from": "decide", "to": "reject", "adverse": true},
            {"from": "decide", "to": "check"}]})";

a1_disparity* new_accumulator(const a1_process* process, bool strata) {
    const char* columns[] = {"migration_background", "gender"};
    const char* grounds[] = {"race", "sex"};
    const char* pair[] = {"race", "sex"};
    a1_disparity_spec spec{};
    spec.struct_size = sizeof spec;
    spec.ground_count = 2;
    spec.columns = columns;
    spec.grounds = grounds;
    spec.intersection_count = 1;
    spec.intersections = pair;
    spec.strata_column = strata ? "municipality" : nullptr;
    a1_disparity* d = nullptr;
    expect_status(a1_disparity_new_from_spec(process, &spec, &d));
    return d;
}

void compute_everything(const a1_disparity* d) {
    a1_disparity_issues issues{};
    issues.struct_size = sizeof issues;
    expect_status(a1_disparity_get_issues(d, &issues));
    a1_disparity_table* table = nullptr;
    expect_status(a1_disparity_compute(d, 1 + issues.rows % 5, &table));
    if (!table) return;
    size_t cells = 0, flagged = 0;
    expect_status(a1_disparity_table_cell_count(table, &cells));
    expect_status(a1_disparity_table_flagged_count(table, &flagged));
    for (size_t i = 0; i <= cells && i < 500; ++i) {
        a1_disparity_cell cell{};
        cell.struct_size = sizeof cell;
        expect_status(a1_disparity_table_cell(table, i, &cell));
    }
    char* json = nullptr;
    expect_status(a1_disparity_table_to_json(table, &json, nullptr));
    a1_string_free(json);
    a1_disparity_table_free(table);
}

void fuzz_disparity_counts(const a1_process* process, const char* text, size_t size) {
    a1_disparity* d = new_accumulator(process, size % 2 == 1);
    if (a1_disparity_deserialize(d, text, size) == A1_OK) {
        compute_everything(d);
        char* json = nullptr;
        size_t length = 0;
        a1_disparity* copy = new_accumulator(process, size % 2 == 1);
        expect_status(a1_disparity_serialize(d, &json, &length));
        expect_status(a1_disparity_deserialize(copy, json, length)); // what we write, we read
        expect_status(a1_disparity_merge(copy, d));
        a1_string_free(json);
        a1_disparity_free(copy);
    }
    a1_disparity_free(d);
}

/// The bytes as small codes (-2..7): steps, next steps or flags, groups, strata and case ids, as rows and as events.
void fuzz_disparity_codes(const a1_process* process, const std::uint8_t* data, size_t size) {
    a1_disparity* rows = new_accumulator(process, true);
    a1_disparity* events = new_accumulator(process, true);
    int32_t code = 0;
    for (const char* label : {"none", "other", "western"}) {
        expect_status(a1_disparity_group_code(rows, 0, label, std::strlen(label), &code));
        expect_status(a1_disparity_group_code(events, 0, label, std::strlen(label), &code));
    }
    for (const char* label : {"f", "m"}) {
        expect_status(a1_disparity_group_code(rows, 1, label, std::strlen(label), &code));
        expect_status(a1_disparity_group_code(events, 1, label, std::strlen(label), &code));
    }
    expect_status(a1_disparity_stratum_code(rows, "A", 1, &code));
    expect_status(a1_disparity_stratum_code(events, "A", 1, &code));
    size_t count = size / 5;
    std::vector<int32_t> steps(count), next(count), groups(2 * count), strata(count);
    std::vector<int64_t> cases(count);
    for (size_t i = 0; i < count; ++i) {
        const std::uint8_t* row = data + 5 * i;
        steps[i] = (row[0] & 7) - 1;
        next[i] = (row[1] & 7) - 1;
        groups[2 * i] = (row[2] & 3) - 1;
        groups[2 * i + 1] = (row[2] >> 2 & 3) - 1;
        strata[i] = (row[3] & 1) - 1;
        cases[i] = row[4] >> 6;
    }
    expect_status(a1_disparity_add_batch(rows, count, steps.data(), next.data(), groups.data(), strata.data()));
    expect_status(a1_disparity_add_events(events, count, cases.data(), steps.data(), groups.data(), strata.data()));
    expect_status(a1_disparity_end_events(events));
    compute_everything(rows);
    compute_everything(events);
    expect_status(a1_disparity_merge(rows, events));
    compute_everything(rows);
    a1_disparity_free(rows);
    a1_disparity_free(events);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static a1_process* disparity_process = [] {
        a1_process* p = nullptr;
        if (a1_process_from_json(nullptr, log_model, std::strlen(log_model), &p) != A1_OK) __builtin_trap();
        return p;
    }();
    if (size > 0 && data[0] < 5) {
        // A first byte 0..4 chooses one entry point for the rest.
        const char* text = reinterpret_cast<const char*>(data + 1);
        size_t length = size - 1;
        switch (data[0]) {
        case 0: fuzz_knowledge_base(text, length); break;
        case 1: fuzz_process(text, length); break;
        case 2: fuzz_assessment(text, length); break;
        case 3: fuzz_disparity_counts(disparity_process, text, length); break;
        default: fuzz_disparity_codes(disparity_process, data + 1, length); break;
        }
        return 0;
    }
    // Anything else (a JSON seed such as an example model) goes to every reader of text.
    const char* text = reinterpret_cast<const char*>(data);
    fuzz_knowledge_base(text, size);
    fuzz_process(text, size);
    fuzz_assessment(text, size);
    fuzz_disparity_counts(disparity_process, text, size);
    return 0;
}
