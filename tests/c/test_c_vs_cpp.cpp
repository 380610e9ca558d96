// SPDX-License-Identifier: EUPL-1.2
// The C ABI against the C++ API, in one process: for every built-in example and for a model scored with the test
// knowledge base, every typed accessor equals the C++ Assessment's value and every JSON equals what the C++ side
// writes; an event log read through both gives the same disparity table. Usage: test_c_vs_cpp SOURCE_DIR
#include <artikel1/artikel1.h>

#include <artikel1/artikel1.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

int checks = 0;
int failures = 0;

void check(bool ok, const std::string& what) {
    ++checks;
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    }
}

void check_ok(a1_status status, const std::string& what) {
    check(status == A1_OK, what + ": " + a1_status_name(status) + " " + a1_last_error_message());
}

std::string take(char* text, size_t length) {
    std::string copy(text, length);
    a1_string_free(text);
    return copy;
}

void compare_assessment(const artikel1::Assessment& cpp, const a1_assessment* c, const std::string& name) {
    size_t steps = 0, grounds = 0, levels = 0, recommendations = 0;
    check_ok(a1_assessment_step_count(c, &steps), name + " steps");
    check_ok(a1_assessment_ground_count(c, &grounds), name + " grounds");
    check_ok(a1_assessment_level_count(c, &levels), name + " levels");
    check_ok(a1_assessment_recommendation_count(c, &recommendations), name + " recommendations");
    check(steps == cpp.steps.size() && grounds == cpp.grounds.size() && levels == cpp.levels.size() &&
              recommendations == cpp.recommendations.size(),
          name + ": counts");
    const char* text = nullptr;
    check_ok(a1_assessment_method_id(c, &text), name + " method");
    check(text == cpp.method_id, name + ": method id");
    for (size_t l = 0; l < levels; ++l) {
        check_ok(a1_assessment_level_id(c, l, &text), name + " level");
        check(text == cpp.levels[l].id, name + ": level " + cpp.levels[l].id);
    }
    for (size_t g = 0; g < grounds; ++g) {
        const auto& ground = cpp.grounds[g];
        check_ok(a1_assessment_ground_id(c, g, &text), name + " ground id");
        check(text == ground, name + ": ground id " + ground);
        check_ok(a1_assessment_ground_label(c, g, A1_LANG_NL, &text), name + " label nl");
        check(text == cpp.ground_labels[g].nl, name + ": nl label of " + ground);
        check_ok(a1_assessment_ground_label(c, g, A1_LANG_EN, &text), name + " label en");
        check(text == cpp.ground_labels[g].en, name + ": en label of " + ground);
        size_t index = 99;
        check_ok(a1_assessment_find_ground(c, ground.c_str(), &index), name + " find ground");
        check(index == g, name + ": find ground " + ground);
        double max_score = -1, citizens = -1;
        size_t max_level = 99;
        check_ok(a1_assessment_ground_summary(c, g, &max_score, &max_level, &citizens), name + " summary");
        const auto& s = cpp.summary[g];
        check(max_score == s.max_score && max_level == s.max_level && citizens == s.citizens_per_year_high,
              name + ": summary of " + ground);
    }
    for (size_t i = 0; i < steps; ++i) {
        const auto& step = cpp.steps[i];
        check_ok(a1_assessment_step_id(c, i, &text), name + " step id");
        check(text == step.id, name + ": step id " + step.id);
        check_ok(a1_assessment_step_name(c, i, &text), name + " step name");
        check(text == step.name, name + ": step name of " + step.id);
        size_t index = 99;
        check_ok(a1_assessment_find_step(c, step.id.c_str(), &index), name + " find step");
        check(index == i, name + ": find step " + step.id);
        for (size_t g = 0; g < grounds; ++g) {
            double score = -1;
            size_t level = 99;
            check_ok(a1_assessment_score(c, i, g, &score, &level), name + " score");
            // exactly equal: the same computation, not a re-parsed number
            check(score == step.scores[g].score && level == step.scores[g].level,
                  name + ": score of " + step.id + " / " + cpp.grounds[g]);
        }
    }
    char* json = nullptr;
    size_t length = 0;
    check_ok(a1_assessment_to_json(c, &json, &length), name + " to json");
    check(take(json, length) == artikel1::save_assessment(cpp), name + ": assessment JSON");
}

void test_examples() {
    size_t count = 0;
    check_ok(a1_example_count(&count), "example count");
    auto names = artikel1::builtin_example_names();
    check(count == names.size(), "example count equals the C++ list");
    a1_assessment* previous = nullptr;
    artikel1::Assessment previous_cpp;
    for (size_t i = 0; i < count; ++i) {
        const char* name = nullptr;
        check_ok(a1_example_name(i, &name), "example name");
        check(name == names[i], "example name " + names[i]);
        artikel1::Process process = artikel1::builtin_example(names[i]);
        artikel1::Assessment cpp = artikel1::assess(process);
        a1_process* p = nullptr;
        a1_assessment* a = nullptr;
        check_ok(a1_process_example(nullptr, name, &p), names[i] + " load");
        char* json = nullptr;
        size_t length = 0;
        check_ok(a1_process_to_json(p, &json, &length), names[i] + " process json");
        check(take(json, length) == artikel1::save_process(process), names[i] + ": process JSON");
        size_t steps = 0;
        check_ok(a1_process_step_count(p, &steps), names[i] + " step count");
        check(steps == process.steps.size(), names[i] + ": process step count");
        check_ok(a1_assess(p, nullptr, &a), names[i] + " assess");
        compare_assessment(cpp, a, names[i]);
        if (previous) {
            check_ok(a1_compare(previous, a, &json, &length), names[i] + " compare");
            check(take(json, length) == artikel1::to_json(artikel1::compare(previous_cpp, cpp)).dump(2) + "\n",
                  names[i] + ": comparison JSON");
        }
        a1_assessment_free(previous);
        previous = a;
        previous_cpp = cpp;
        a1_process_free(p);
    }
    a1_assessment_free(previous);
}

/// docs/method.md's worked example (tests/data/worked-example.json): select / race scores 32.7 with
/// tests/data/test_kb.json once the algorithmic-selection source is switched off through an extension.
void test_own_knowledge_base(const std::string& source) {
    std::string kb_path = source + "/tests/data/test_kb.json";
    const std::string extension = artikel1::KnowledgeBase::read_file(source + "/tests/data/no-algorithmic-selection.json");
    const std::string worked_example = artikel1::KnowledgeBase::read_file(source + "/tests/data/worked-example.json");
    auto kb = artikel1::KnowledgeBase::from_file(kb_path).extended(nlohmann::ordered_json::parse(extension));
    a1_knowledge_base* file_kb = nullptr;
    a1_knowledge_base* c_kb = nullptr;
    check_ok(a1_knowledge_base_from_file(kb_path.c_str(), &file_kb), "test kb");
    check_ok(a1_knowledge_base_extend(file_kb, extension.data(), extension.size(), &c_kb), "extend");
    a1_process* p = nullptr;
    a1_assessment* a = nullptr;
    check_ok(a1_process_from_json(c_kb, worked_example.data(), worked_example.size(), &p), "worked example");
    check_ok(a1_assess(p, c_kb, &a), "assess with the test kb");
    auto cpp = artikel1::assess(artikel1::load_process(worked_example, kb), kb);
    compare_assessment(cpp, a, "worked example with test_kb.json");
    size_t step = 0, ground = 0, level = 0;
    double score = 0;
    check_ok(a1_assessment_find_step(a, "select", &step), "find select");
    check_ok(a1_assessment_find_ground(a, "race", &ground), "find race");
    check_ok(a1_assessment_score(a, step, ground, &score, &level), "score");
    check(std::abs(score - 32.7) < 1e-9, "worked example: select / race is 32.7, got " + std::to_string(score));
    a1_assessment_free(a);
    a1_process_free(p);
    a1_knowledge_base_free(c_kb);
    a1_knowledge_base_free(file_kb);
}

void test_disparity(const std::string& source) {
    std::string model_path = source + "/tests/data/logs/model.json";
    auto process = artikel1::load_process_file(model_path);
    artikel1::DisparitySpecOptions options;
    options.grounds = {{"migration_background", "race"}, {"gender", "sex"}};
    options.intersections = {{"race", "sex"}};
    auto spec = std::make_shared<const artikel1::DisparitySpec>(process, options);
    for (const char* log : {"plain.csv", "pm.csv", "events.jsonl", "pm.xes", "pm.xes.gz"}) {
        std::string path = source + "/tests/data/logs/" + log;
        artikel1::DisparityAccumulator accumulator(spec);
        artikel1::read_event_log(path, accumulator);
        std::string expected = artikel1::to_json(artikel1::compute_disparity(accumulator, {})).dump(2) + "\n";

        a1_process* p = nullptr;
        a1_disparity* d = nullptr;
        a1_disparity_table* table = nullptr;
        const char* columns[] = {"migration_background", "gender"};
        const char* grounds[] = {"race", "sex"};
        const char* pair[] = {"race", "sex"};
        a1_disparity_spec c_spec{};
        c_spec.struct_size = sizeof c_spec;
        c_spec.ground_count = 2;
        c_spec.columns = columns;
        c_spec.grounds = grounds;
        c_spec.intersection_count = 1;
        c_spec.intersections = pair;
        check_ok(a1_process_from_file(nullptr, model_path.c_str(), &p), "log model");
        check_ok(a1_disparity_new_from_spec(p, &c_spec, &d), "accumulator");
        check_ok(a1_disparity_read_log(d, path.c_str(), 2, 0), std::string("read ") + log);
        check_ok(a1_disparity_compute(d, 10, &table), "compute");
        char* json = nullptr;
        size_t length = 0;
        check_ok(a1_disparity_table_to_json(table, &json, &length), "table json");
        check(take(json, length) == expected, std::string(log) + ": disparity table JSON");
        a1_disparity_issues issues{};
        issues.struct_size = sizeof issues;
        check_ok(a1_disparity_get_issues(d, &issues), "issues");
        const auto& cpp = accumulator.issues();
        check(issues.rows == cpp.rows && issues.passages == cpp.passages && issues.unknown_step == cpp.unknown_step &&
                  issues.flow_not_in_model == cpp.flow_not_in_model &&
                  issues.ended_at_decision_point == cpp.ended_at_decision_point,
              std::string(log) + ": issues");
        a1_disparity_table_free(table);
        a1_disparity_free(d);
        a1_process_free(p);
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string source = argc > 1 ? argv[1] : ".";
    test_examples();
    test_own_knowledge_base(source);
    test_disparity(source);
    std::printf("C ABI against C++: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
