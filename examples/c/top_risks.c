/* Loads a process model (a file, or the built-in example), assesses it through the C ABI and prints the top risks.
 *
 *     cc -std=c99 top_risks.c -lartikel1 -o top_risks && ./top_risks [MODEL.json]
 */
#include <artikel1/artikel1.h>

#include <stdio.h>
#include <stdlib.h>

#define TOP 5

static int report(a1_status status, const char* what) {
    if (status == A1_OK) return 0;
    fprintf(stderr, "top_risks: %s: %s (%s)\n", what, a1_last_error_message(), a1_status_name(status));
    return 1;
}

int main(int argc, char** argv) {
    a1_process* process = NULL;
    a1_assessment* assessment = NULL;
    size_t steps = 0, grounds = 0, s, g, i, best_step[TOP], best_ground[TOP], level = 0;
    double best_score[TOP];
    const char* text = NULL;
    a1_status status;
    int failed = 1;

    status = argc > 1 ? a1_process_from_file(NULL, argv[1], &process) : a1_process_example(NULL, "bijstand-aanvraag", &process);
    if (report(status, "loading the model")) return 2;
    if (report(a1_assess(process, NULL, &assessment), "assessing")) goto done;
    if (report(a1_assessment_step_count(assessment, &steps), "steps") ||
        report(a1_assessment_ground_count(assessment, &grounds), "grounds"))
        goto done;

    for (i = 0; i < TOP; ++i) best_score[i] = -1;
    for (s = 0; s < steps; ++s) {
        for (g = 0; g < grounds; ++g) {
            double score = 0;
            a1_assessment_score(assessment, s, g, &score, NULL);
            for (i = 0; i < TOP; ++i) {
                if (score > best_score[i]) {
                    size_t k;
                    for (k = TOP - 1; k > i; --k) {
                        best_score[k] = best_score[k - 1];
                        best_step[k] = best_step[k - 1];
                        best_ground[k] = best_ground[k - 1];
                    }
                    best_score[i] = score;
                    best_step[i] = s;
                    best_ground[i] = g;
                    break;
                }
            }
        }
    }
    a1_assessment_method_id(assessment, &text);
    printf("top %d risks (method %s)\n", TOP, text);
    for (i = 0; i < TOP && best_score[i] >= 0; ++i) {
        const char* step = NULL;
        const char* ground = NULL;
        const char* level_id = NULL;
        a1_assessment_step_id(assessment, best_step[i], &step);
        a1_assessment_ground_label(assessment, best_ground[i], A1_LANG_EN, &ground);
        a1_assessment_score(assessment, best_step[i], best_ground[i], NULL, &level);
        a1_assessment_level_id(assessment, level, &level_id);
        printf("%zu. %5.1f %-9s %s / %s\n", i + 1, best_score[i], level_id, step, ground);
    }
    failed = 0;
done:
    a1_assessment_free(assessment);
    a1_process_free(process);
    return failed;
}
