// SPDX-License-Identifier: EUPL-1.2
/* Prints the layout of the public C types and the values of the public enums, one per line; the ABI test compares
 * the output with abi/layout.txt, so a change that would break compiled callers fails the tests. */
#include <artikel1/artikel1.h>

#include <stddef.h>
#include <stdio.h>

#define FIELD(type, field) printf(#type "." #field " offset %zu size %zu\n", offsetof(type, field), sizeof(((type*)0)->field))

int main(void) {
    printf("A1_ABI_VERSION %d\n", A1_ABI_VERSION);
    printf("A1_OK %d\nA1_INVALID_ARGUMENT %d\nA1_PARSE_ERROR %d\nA1_VALIDATION_ERROR %d\nA1_NOT_FOUND %d\n", A1_OK,
           A1_INVALID_ARGUMENT, A1_PARSE_ERROR, A1_VALIDATION_ERROR, A1_NOT_FOUND);
    printf("A1_LIMIT %d\nA1_NO_MEMORY %d\nA1_INTERNAL %d\n", A1_LIMIT, A1_NO_MEMORY, A1_INTERNAL);
    printf("A1_LANG_NL %d\nA1_LANG_EN %d\n", A1_LANG_NL, A1_LANG_EN);
    printf("sizeof(a1_status) %zu\n", sizeof(a1_status));
    printf("sizeof(a1_disparity_cell) %zu\n", sizeof(a1_disparity_cell));
    FIELD(a1_disparity_cell, struct_size);
    FIELD(a1_disparity_cell, step);
    FIELD(a1_disparity_cell, ground);
    FIELD(a1_disparity_cell, group);
    FIELD(a1_disparity_cell, suppressed);
    FIELD(a1_disparity_cell, reference);
    FIELD(a1_disparity_cell, compared);
    FIELD(a1_disparity_cell, flagged);
    FIELD(a1_disparity_cell, n);
    FIELD(a1_disparity_cell, adverse);
    FIELD(a1_disparity_cell, rate);
    FIELD(a1_disparity_cell, rate_lower);
    FIELD(a1_disparity_cell, rate_upper);
    FIELD(a1_disparity_cell, ratio);
    FIELD(a1_disparity_cell, ratio_lower);
    FIELD(a1_disparity_cell, ratio_upper);
    FIELD(a1_disparity_cell, p_value);
    FIELD(a1_disparity_cell, q_value);
    printf("sizeof(a1_disparity_spec) %zu\n", sizeof(a1_disparity_spec));
    FIELD(a1_disparity_spec, struct_size);
    FIELD(a1_disparity_spec, ground_count);
    FIELD(a1_disparity_spec, columns);
    FIELD(a1_disparity_spec, grounds);
    FIELD(a1_disparity_spec, strata_column);
    FIELD(a1_disparity_spec, adverse_flags);
    FIELD(a1_disparity_spec, outcome_count);
    FIELD(a1_disparity_spec, outcome_labels);
    FIELD(a1_disparity_spec, outcome_adverse);
    FIELD(a1_disparity_spec, intersection_count);
    FIELD(a1_disparity_spec, intersections);
    FIELD(a1_disparity_spec, decision_point_count);
    FIELD(a1_disparity_spec, decision_points);
    printf("sizeof(a1_disparity_issues) %zu\n", sizeof(a1_disparity_issues));
    FIELD(a1_disparity_issues, struct_size);
    FIELD(a1_disparity_issues, rows);
    FIELD(a1_disparity_issues, passages);
    FIELD(a1_disparity_issues, not_decision_point);
    FIELD(a1_disparity_issues, unknown_step);
    FIELD(a1_disparity_issues, unknown_next_step);
    FIELD(a1_disparity_issues, flow_not_in_model);
    FIELD(a1_disparity_issues, unknown_outcome);
    FIELD(a1_disparity_issues, ended_at_decision_point);
    FIELD(a1_disparity_issues, missing_stratum);
    return 0;
}
