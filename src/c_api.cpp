// SPDX-License-Identifier: EUPL-1.2
// artikel1: the C ABI (include/artikel1/artikel1.h) over the C++ library. Every entry point runs its body through
// `guarded`, which turns each exception into a status code and this thread's last error; nothing escapes.
#include <artikel1/artikel1.h>

#include <artikel1/artikel1.hpp>
#include <artikel1/compounding.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <vector>

using namespace artikel1;

struct a1_knowledge_base {
    std::shared_ptr<const KnowledgeBase> kb;
};

struct a1_process {
    Process process;
    std::shared_ptr<const KnowledgeBase> kb; // the one it was validated against
};

struct a1_assessment {
    Assessment assessment;
};

struct a1_disparity {
    std::shared_ptr<const DisparitySpec> spec;
    DisparityAccumulator accumulator;
    // Created by the first a1_disparity_add_events; it refers to `accumulator`, so the handle never moves.
    std::unique_ptr<EventSequencer> sequencer;
};

struct a1_disparity_table {
    DisparityTable table;
};

namespace {

struct LastError {
    std::string message;
    std::string pointer;
    std::size_t line = 0;
    std::size_t column = 0;
};

thread_local LastError last_error;

/// `text` with every invalid UTF-8 byte replaced by U+FFFD: messages quote input (a parser's "last read" may cut a
/// character in two), and what the library hands out is always valid UTF-8 (the labels' repair, disparity_spec.hpp).
std::string valid_utf8_text(std::string text) {
    return is_valid_utf8(text) ? text : valid_utf8(text);
}

/// JSON text for the caller; a string that is not valid UTF-8 (a group label of a Latin-1 log) gets U+FFFD.
std::string json_text(const nlohmann::ordered_json& doc, int indent) {
    return doc.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

a1_status fail(a1_status status, std::string message, std::string pointer = {}, std::size_t line = 0,
               std::size_t column = 0) noexcept {
    try {
        last_error.message = valid_utf8_text(std::move(message));
        last_error.pointer = valid_utf8_text(std::move(pointer));
    } catch (...) {
        // No memory even for the message: keep the status, say what we can (string literals need no memory).
        last_error.message.clear();
        last_error.pointer.clear();
        status = A1_NO_MEMORY;
    }
    last_error.line = line;
    last_error.column = column;
    return status;
}

/// A caller's mistake, reported as A1_INVALID_ARGUMENT.
struct BadArgument : std::exception {
    explicit BadArgument(std::string m) : message(std::move(m)) {}
    const char* what() const noexcept override { return message.c_str(); }
    std::string message;
};

template <class Body>
a1_status guarded(Body&& body) noexcept {
    try {
        body();
        return A1_OK;
    } catch (const BadArgument& e) {
        return fail(A1_INVALID_ARGUMENT, e.what());
    } catch (const ParseError& e) {
        return fail(A1_PARSE_ERROR, e.what(), {}, e.line(), e.column());
    } catch (const ValidationError& e) {
        std::string pointer;
        std::size_t line = 0, column = 0;
        for (const auto& p : e.problems()) {
            if (p.is_error()) {
                pointer = p.pointer;
                line = p.line;
                column = p.column;
                break;
            }
        }
        return fail(A1_VALIDATION_ERROR, e.what(), pointer, line, column);
    } catch (const NotFound& e) {
        return fail(A1_NOT_FOUND, e.what());
    } catch (const LimitError& e) {
        return fail(A1_LIMIT, e.what());
    } catch (const InvalidArgument& e) {
        return fail(A1_INVALID_ARGUMENT, e.what());
    } catch (const Error& e) {
        // The library's remaining errors are about files that cannot be read or written.
        return fail(A1_NOT_FOUND, e.what());
    } catch (const std::bad_alloc&) {
        return fail(A1_NO_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(A1_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(A1_INTERNAL, "internal error: unknown exception");
    }
}

template <class T>
void require(const T* pointer, const char* name) {
    if (!pointer) throw BadArgument(std::string(name) + " is NULL");
}

/// A length-delimited UTF-8 argument as a string_view; NULL is allowed only with length 0.
std::string_view text_argument(const char* text, std::size_t length, const char* name) {
    if (!text) {
        if (length == 0) return {};
        throw BadArgument(std::string(name) + " is NULL");
    }
    if (!is_valid_utf8(std::string_view(text, length)))
        throw BadArgument(std::string(name) + " is not valid UTF-8");
    if (const void* nul = std::memchr(text, 0, length))
        throw BadArgument(std::string(name) + " has a NUL byte at offset " +
                          std::to_string(static_cast<const char*>(nul) - text) + " of its " + std::to_string(length) +
                          " bytes (pass the length of the text without it)");
    return {text, length};
}

/// An array of `count` NUL-terminated strings, none NULL (the array may be NULL when count is 0).
void strings_argument(std::size_t count, const char* const* strings, const char* name) {
    if (count == 0) return;
    require(strings, name);
    for (std::size_t i = 0; i < count; ++i) {
        if (!strings[i]) throw BadArgument(std::string(name) + "[" + std::to_string(i) + "] is NULL");
        if (!is_valid_utf8(strings[i]))
            throw BadArgument(std::string(name) + "[" + std::to_string(i) + "] is not valid UTF-8");
    }
}

std::string path_argument(const char* path) {
    require(path, "path");
    return path;
}

/// Hands a copy of `text` to the caller (NUL-terminated; freed with a1_string_free).
void give_string(const std::string& text, char** out, std::size_t* length) {
    require(out, "output string");
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    *out = copy;
    if (length) *length = text.size();
}

std::shared_ptr<const KnowledgeBase> kb_of(const a1_knowledge_base* kb) {
    if (kb) return kb->kb;
    return std::shared_ptr<const KnowledgeBase>(&KnowledgeBase::builtin(), [](const KnowledgeBase*) {});
}

template <class Handle>
void give(Handle* handle, Handle** out) {
    *out = handle;
}

/// The built-in examples in name order, computed once (C++ guarantees a thread-safe initialisation).
const std::vector<std::string>& example_names() {
    static const std::vector<std::string> names = builtin_example_names();
    return names;
}

/// An assessment read from JSON carries level indexes; a document whose scores name no level at all (an empty
/// `levels`) would leave them dangling, so it is refused here, where the accessors rely on them.
void check_levels(const Assessment& a) {
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        if (!a.steps[i].scores.empty() && a.levels.empty()) {
            throw ValidationError({make_problem(ProblemLevel::error, "/levels", "levels_missing_for_scores")});
        }
    }
}

/// A caller's struct of any released size, read as this library's struct: growth without breaking old callers. Every
/// size from the first release's (`size_v1`) up is accepted; the fields past the caller's size take their zero
/// defaults, and a newer caller's fields past this library's struct must be zero (a request the library cannot honour
/// is refused, not ignored).
template <class Struct>
Struct versioned_input(const Struct* given, std::size_t size_v1, const char* name) {
    if (given->struct_size < size_v1)
        throw BadArgument(std::string(name) + "->struct_size is " + std::to_string(given->struct_size) +
                          ", expected at least " + std::to_string(size_v1) + " (set it to sizeof(" + name + "))");
    Struct copy{};
    std::memcpy(&copy, given, std::min(given->struct_size, sizeof(Struct)));
    const auto* bytes = reinterpret_cast<const unsigned char*>(given);
    for (std::size_t i = sizeof(Struct); i < given->struct_size; ++i) {
        if (bytes[i] != 0)
            throw BadArgument(std::string(name) + " has fields this library (" ARTIKEL1_VERSION_STRING
                              ") does not know; set them to zero or use a newer library");
    }
    copy.struct_size = sizeof(Struct);
    return copy;
}

/// Fills a caller's struct of any released size with as much of `value` as it holds; its struct_size is kept.
template <class Struct>
void versioned_output(Struct* out, const Struct& value, std::size_t size_v1, const char* name) {
    std::size_t caller = out->struct_size;
    if (caller < size_v1)
        throw BadArgument(std::string(name) + "->struct_size is " + std::to_string(caller) + ", expected at least " +
                          std::to_string(size_v1) + " (set it to sizeof(" + name + "))");
    std::memcpy(out, &value, std::min(caller, sizeof(Struct)));
    out->struct_size = caller;
}

void check_index(std::size_t index, std::size_t size, const char* what) {
    if (index >= size)
        throw BadArgument(std::string(what) + " index " + std::to_string(index) + " out of range (" + std::to_string(size) + ")");
}

} // namespace

extern "C" {

const char* a1_version(void) { return ARTIKEL1_VERSION_STRING; }
int a1_version_number(void) { return ARTIKEL1_VERSION_NUMBER; }
int a1_abi_version(void) { return A1_ABI_VERSION; }

const char* a1_status_name(a1_status status) {
    int raw = 0; // any integer may come in; read it as one (see a1_assessment_ground_label)
    static_assert(sizeof raw == sizeof status);
    std::memcpy(&raw, &status, sizeof raw);
    switch (raw) {
    case A1_OK: return "A1_OK";
    case A1_INVALID_ARGUMENT: return "A1_INVALID_ARGUMENT";
    case A1_PARSE_ERROR: return "A1_PARSE_ERROR";
    case A1_VALIDATION_ERROR: return "A1_VALIDATION_ERROR";
    case A1_NOT_FOUND: return "A1_NOT_FOUND";
    case A1_LIMIT: return "A1_LIMIT";
    case A1_NO_MEMORY: return "A1_NO_MEMORY";
    case A1_INTERNAL: return "A1_INTERNAL";
    }
    return "unknown status";
}

const char* a1_last_error_message(void) { return last_error.message.c_str(); }
size_t a1_last_error_line(void) { return last_error.line; }
size_t a1_last_error_column(void) { return last_error.column; }
const char* a1_last_error_pointer(void) { return last_error.pointer.c_str(); }
void a1_string_free(char* text) { std::free(text); }

// ---- knowledge base

a1_status a1_knowledge_base_builtin(a1_knowledge_base** out) {
    return guarded([&] {
        require(out, "out");
        give(new a1_knowledge_base{kb_of(nullptr)}, out);
    });
}

a1_status a1_knowledge_base_from_json(const char* json, size_t length, a1_knowledge_base** out) {
    return guarded([&] {
        require(out, "out");
        auto text = text_argument(json, length, "json");
        give(new a1_knowledge_base{std::make_shared<const KnowledgeBase>(KnowledgeBase::from_json_text(text))}, out);
    });
}

a1_status a1_knowledge_base_from_file(const char* path, a1_knowledge_base** out) {
    return guarded([&] {
        require(out, "out");
        give(new a1_knowledge_base{std::make_shared<const KnowledgeBase>(KnowledgeBase::from_file(path_argument(path)))}, out);
    });
}

a1_status a1_knowledge_base_extend(const a1_knowledge_base* base, const char* json, size_t length, a1_knowledge_base** out) {
    return guarded([&] {
        require(base, "base");
        require(out, "out");
        auto text = text_argument(json, length, "json");
        give(new a1_knowledge_base{std::make_shared<const KnowledgeBase>(
                 base->kb->extended_from_json_text(text, "knowledge base extension"))},
             out);
    });
}

a1_status a1_knowledge_base_method_id(const a1_knowledge_base* kb, const char** method_id) {
    return guarded([&] {
        require(kb, "kb");
        require(method_id, "method_id");
        *method_id = kb->kb->method().id.c_str();
    });
}

void a1_knowledge_base_free(a1_knowledge_base* kb) { delete kb; }

// ---- process models

a1_status a1_example_count(size_t* count) {
    return guarded([&] {
        require(count, "count");
        *count = example_names().size();
    });
}

a1_status a1_example_name(size_t index, const char** name) {
    return guarded([&] {
        require(name, "name");
        const auto& names = example_names();
        check_index(index, names.size(), "example");
        *name = names[index].c_str();
    });
}

a1_status a1_process_from_json(const a1_knowledge_base* kb, const char* json, size_t length, a1_process** out) {
    return guarded([&] {
        require(out, "out");
        auto text = text_argument(json, length, "json");
        auto base = kb_of(kb);
        give(new a1_process{load_process(text, *base), base}, out);
    });
}

a1_status a1_process_from_file(const a1_knowledge_base* kb, const char* path, a1_process** out) {
    return guarded([&] {
        require(out, "out");
        auto base = kb_of(kb);
        give(new a1_process{load_process_file(path_argument(path), *base), base}, out);
    });
}

a1_status a1_process_example(const a1_knowledge_base* kb, const char* name, a1_process** out) {
    return guarded([&] {
        require(out, "out");
        require(name, "name");
        auto base = kb_of(kb);
        give(new a1_process{builtin_example(name, *base), base}, out);
    });
}

a1_status a1_validate_json(const a1_knowledge_base* kb, const char* json, size_t length, char** problems_json,
                           size_t* problems_length, size_t* error_count) {
    return guarded([&] {
        require(problems_json, "problems_json");
        auto text = text_argument(json, length, "json");
        auto report = read_process(text, *kb_of(kb));
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& p : report.problems) {
            list.push_back({{"level", p.is_error() ? "error" : "warning"},
                            {"pointer", p.pointer},
                            {"message", p.message},
                            {"line", p.line},
                            {"column", p.column},
                            {"code", p.code},
                            {"message_nl", problem_message(p, Language::nl)}});
        }
        give_string(json_text(list, -1), problems_json, problems_length);
        if (error_count) *error_count = report.error_count();
    });
}

a1_status a1_process_to_json(const a1_process* process, char** json, size_t* length) {
    return guarded([&] {
        require(process, "process");
        give_string(save_process(process->process), json, length);
    });
}

a1_status a1_process_id(const a1_process* process, const char** id) {
    return guarded([&] {
        require(process, "process");
        require(id, "id");
        *id = process->process.id.c_str();
    });
}

a1_status a1_process_step_count(const a1_process* process, size_t* count) {
    return guarded([&] {
        require(process, "process");
        require(count, "count");
        *count = process->process.steps.size();
    });
}

void a1_process_free(a1_process* process) { delete process; }

// ---- assessment

a1_status a1_assess(const a1_process* process, const a1_knowledge_base* kb, a1_assessment** out) {
    return guarded([&] {
        require(process, "process");
        require(out, "out");
        auto base = kb ? kb->kb : process->kb;
        give(new a1_assessment{assess(process->process, *base)}, out);
    });
}

a1_status a1_assessment_to_json(const a1_assessment* assessment, char** json, size_t* length) {
    return guarded([&] {
        require(assessment, "assessment");
        give_string(save_assessment(assessment->assessment), json, length);
    });
}

a1_status a1_assessment_from_json(const char* json, size_t length, a1_assessment** out) {
    return guarded([&] {
        require(out, "out");
        auto text = text_argument(json, length, "json");
        Assessment a = assessment_from_json(text);
        check_levels(a);
        give(new a1_assessment{std::move(a)}, out);
    });
}

a1_status a1_assessment_method_id(const a1_assessment* assessment, const char** method_id) {
    return guarded([&] {
        require(assessment, "assessment");
        require(method_id, "method_id");
        *method_id = assessment->assessment.method_id.c_str();
    });
}

a1_status a1_assessment_step_count(const a1_assessment* assessment, size_t* count) {
    return guarded([&] {
        require(assessment, "assessment");
        require(count, "count");
        *count = assessment->assessment.steps.size();
    });
}

a1_status a1_assessment_ground_count(const a1_assessment* assessment, size_t* count) {
    return guarded([&] {
        require(assessment, "assessment");
        require(count, "count");
        *count = assessment->assessment.grounds.size();
    });
}

a1_status a1_assessment_level_count(const a1_assessment* assessment, size_t* count) {
    return guarded([&] {
        require(assessment, "assessment");
        require(count, "count");
        *count = assessment->assessment.levels.size();
    });
}

a1_status a1_assessment_step_id(const a1_assessment* assessment, size_t step, const char** id) {
    return guarded([&] {
        require(assessment, "assessment");
        require(id, "id");
        check_index(step, assessment->assessment.steps.size(), "step");
        *id = assessment->assessment.steps[step].id.c_str();
    });
}

a1_status a1_assessment_step_name(const a1_assessment* assessment, size_t step, const char** name) {
    return guarded([&] {
        require(assessment, "assessment");
        require(name, "name");
        check_index(step, assessment->assessment.steps.size(), "step");
        *name = assessment->assessment.steps[step].name.c_str();
    });
}

a1_status a1_assessment_ground_id(const a1_assessment* assessment, size_t ground, const char** id) {
    return guarded([&] {
        require(assessment, "assessment");
        require(id, "id");
        check_index(ground, assessment->assessment.grounds.size(), "ground");
        *id = assessment->assessment.grounds[ground].c_str();
    });
}

a1_status a1_assessment_ground_label(const a1_assessment* assessment, size_t ground, a1_language language, const char** label) {
    return guarded([&] {
        require(assessment, "assessment");
        require(label, "label");
        check_index(ground, assessment->assessment.grounds.size(), "ground");
        // A caller may pass any integer: read it as one, since loading an out-of-range enum value is undefined in C++.
        int raw = 0;
        static_assert(sizeof raw == sizeof language);
        std::memcpy(&raw, &language, sizeof raw);
        if (raw != A1_LANG_NL && raw != A1_LANG_EN) throw BadArgument("unknown language " + std::to_string(raw));
        const auto& l = assessment->assessment.ground_labels[ground];
        *label = (raw == A1_LANG_NL ? l.nl : l.en).c_str();
    });
}

a1_status a1_assessment_level_id(const a1_assessment* assessment, size_t level, const char** id) {
    return guarded([&] {
        require(assessment, "assessment");
        require(id, "id");
        check_index(level, assessment->assessment.levels.size(), "level");
        *id = assessment->assessment.levels[level].id.c_str();
    });
}

a1_status a1_assessment_find_step(const a1_assessment* assessment, const char* id, size_t* step) {
    return guarded([&] {
        require(assessment, "assessment");
        require(id, "id");
        require(step, "step");
        *step = assessment->assessment.step_index(id);
    });
}

a1_status a1_assessment_find_ground(const a1_assessment* assessment, const char* id, size_t* ground) {
    return guarded([&] {
        require(assessment, "assessment");
        require(id, "id");
        require(ground, "ground");
        *ground = assessment->assessment.ground_index(id);
    });
}

a1_status a1_assessment_score(const a1_assessment* assessment, size_t step, size_t ground, double* score, size_t* level) {
    return guarded([&] {
        require(assessment, "assessment");
        const auto& a = assessment->assessment;
        check_index(step, a.steps.size(), "step");
        check_index(ground, a.grounds.size(), "ground");
        const auto& s = a.steps[step].scores[ground];
        if (score) *score = s.score;
        if (level) *level = s.level;
    });
}

a1_status a1_assessment_ground_summary(const a1_assessment* assessment, size_t ground, double* max_score, size_t* max_level,
                                       double* citizens_per_year_high) {
    return guarded([&] {
        require(assessment, "assessment");
        const auto& a = assessment->assessment;
        check_index(ground, a.grounds.size(), "ground");
        if (a.summary.size() != a.grounds.size())
            throw NotFound("this assessment was read from JSON and has no process-level summary (assess the process)");
        const auto& s = a.summary[ground];
        if (max_score) *max_score = s.max_score;
        if (max_level) *max_level = s.max_level;
        if (citizens_per_year_high) *citizens_per_year_high = s.citizens_per_year_high;
    });
}

a1_status a1_assessment_recommendation_count(const a1_assessment* assessment, size_t* count) {
    return guarded([&] {
        require(assessment, "assessment");
        require(count, "count");
        *count = assessment->assessment.recommendations.size();
    });
}

a1_status a1_compare(const a1_assessment* before, const a1_assessment* after, char** json, size_t* length) {
    return guarded([&] {
        require(before, "before");
        require(after, "after");
        give_string(json_text(to_json(compare(before->assessment, after->assessment)), 2) + "\n", json, length);
    });
}

void a1_assessment_free(a1_assessment* assessment) { delete assessment; }

// ---- observed disparity

a1_status a1_disparity_new(const a1_process* process, const char* const* columns, const char* const* grounds,
                           size_t ground_count, const char* strata_column, a1_disparity** out) {
    return guarded([&] {
        require(process, "process");
        require(out, "out");
        if (ground_count > 0) {
            require(columns, "columns");
            require(grounds, "grounds");
        }
        DisparitySpecOptions options;
        strings_argument(ground_count, columns, "columns");
        strings_argument(ground_count, grounds, "grounds");
        for (std::size_t i = 0; i < ground_count; ++i) options.grounds.push_back({columns[i], grounds[i]});
        if (strata_column) options.strata_column = std::string(text_argument(strata_column, std::strlen(strata_column), "strata_column"));
        auto spec = std::make_shared<const DisparitySpec>(process->process, options);
        give(new a1_disparity{spec, DisparityAccumulator(spec), nullptr}, out);
    });
}

namespace {
// The accumulator of a1_disparity_new_from_spec; with `transitions`, one that also counts transitions.
void new_from_spec(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out, bool transitions);
} // namespace

a1_status a1_disparity_new_from_spec(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out) {
    return guarded([&] { new_from_spec(process, spec, out, false); });
}

a1_status a1_disparity_new_with_transitions(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out) {
    return guarded([&] { new_from_spec(process, spec, out, true); });
}

a1_status a1_disparity_compound(const a1_disparity* disparity, const a1_process* process, uint64_t min_cell, const char* options_json,
                                size_t options_length, char** json, size_t* length) {
    return guarded([&] {
        require(disparity, "disparity");
        require(process, "process");
        require(json, "json");
        auto options = compounding_options_from_json(text_argument(options_json, options_length, "options_json"), min_cell);
        give_string(json_text(to_json(compound(process->process, disparity->accumulator, options)), 2) + "\n", json, length);
    });
}

a1_status a1_process_compound(const a1_process* process, const char* options_json, size_t options_length, char** json, size_t* length) {
    return guarded([&] {
        require(process, "process");
        require(json, "json");
        auto options = compounding_options_from_json(text_argument(options_json, options_length, "options_json"), 10);
        give_string(json_text(to_json(compound_model(process->process, options)), 2) + "\n", json, length);
    });
}

namespace {
void new_from_spec(const a1_process* process, const a1_disparity_spec* spec, a1_disparity** out, bool transitions) {
    {
        require(process, "process");
        require(spec, "spec");
        require(out, "out");
        const a1_disparity_spec given = versioned_input(spec, A1_DISPARITY_SPEC_SIZE_V1, "a1_disparity_spec");
        spec = &given;
        DisparitySpecOptions options;
        strings_argument(spec->ground_count, spec->columns, "spec->columns");
        strings_argument(spec->ground_count, spec->grounds, "spec->grounds");
        for (std::size_t i = 0; i < spec->ground_count; ++i) options.grounds.push_back({spec->columns[i], spec->grounds[i]});
        if (spec->strata_column)
            options.strata_column = std::string(text_argument(spec->strata_column, std::strlen(spec->strata_column), "spec->strata_column"));
        if (spec->adverse_flags) options.next_kind = NextKind::adverse_flag;
        strings_argument(spec->outcome_count, spec->outcome_labels, "spec->outcome_labels");
        if (spec->outcome_count > 0) require(spec->outcome_adverse, "spec->outcome_adverse");
        for (std::size_t i = 0; i < spec->outcome_count; ++i)
            options.outcomes.push_back({spec->outcome_labels[i], spec->outcome_adverse[i] != 0});
        strings_argument(2 * spec->intersection_count, spec->intersections, "spec->intersections");
        for (std::size_t i = 0; i < spec->intersection_count; ++i)
            options.intersections.emplace_back(spec->intersections[2 * i], spec->intersections[2 * i + 1]);
        strings_argument(spec->decision_point_count, spec->decision_points, "spec->decision_points");
        for (std::size_t i = 0; i < spec->decision_point_count; ++i) options.decision_points.emplace_back(spec->decision_points[i]);
        options.count_transitions = transitions;
        auto shared = std::make_shared<const DisparitySpec>(process->process, options);
        give(new a1_disparity{shared, DisparityAccumulator(shared), nullptr}, out);
    }
}
} // namespace

a1_status a1_disparity_step_code(const a1_disparity* disparity, const char* step_id, int32_t* code) {
    return guarded([&] {
        require(disparity, "disparity");
        require(step_id, "step_id");
        require(code, "code");
        auto c = disparity->spec->step_code(step_id);
        if (c == missing_code) throw NotFound("no step " + quote_for_message(step_id) + " in the process");
        *code = c;
    });
}

a1_status a1_disparity_group_code(a1_disparity* disparity, size_t ground, const char* label, size_t length, int32_t* code) {
    return guarded([&] {
        require(disparity, "disparity");
        require(code, "code");
        check_index(ground, disparity->spec->base_ground_count(), "ground");
        *code = disparity->accumulator.groups(ground).intern(text_argument(label, length, "label"));
    });
}

a1_status a1_disparity_stratum_code(a1_disparity* disparity, const char* label, size_t length, int32_t* code) {
    return guarded([&] {
        require(disparity, "disparity");
        require(code, "code");
        if (!disparity->spec->has_strata()) throw BadArgument("this accumulator has no strata column");
        *code = disparity->accumulator.strata().intern(text_argument(label, length, "label"));
    });
}

a1_status a1_disparity_add_batch(a1_disparity* disparity, size_t count, const int32_t* steps, const int32_t* next_steps,
                                 const int32_t* groups, const int32_t* strata) {
    return guarded([&] {
        require(disparity, "disparity");
        if (count == 0) return;
        require(steps, "steps");
        require(next_steps, "next_steps");
        std::size_t width = disparity->spec->base_ground_count();
        require(groups, "groups");
        std::vector<std::int32_t> row(width);
        if (disparity->spec->next_kind() == NextKind::adverse_flag) {
            for (std::size_t i = 0; i < count; ++i) {
                if (next_steps[i] != 0 && next_steps[i] != 1)
                    throw BadArgument("next_steps[" + std::to_string(i) + "] is " + std::to_string(next_steps[i]) +
                                      ": an adverse flag is 0 or 1");
            }
        }
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t g = 0; g < width; ++g) row[g] = groups[i * width + g];
            disparity->accumulator.add_row(steps[i], next_steps[i], row, strata ? strata[i] : missing_code);
        }
    });
}

a1_status a1_disparity_add_events(a1_disparity* disparity, size_t count, const int64_t* cases, const int32_t* steps,
                                  const int32_t* groups, const int32_t* strata) {
    return guarded([&] {
        require(disparity, "disparity");
        if (count == 0) return;
        require(cases, "cases");
        require(steps, "steps");
        require(groups, "groups");
        if (!disparity->sequencer) disparity->sequencer = std::make_unique<EventSequencer>(disparity->accumulator);
        std::size_t width = disparity->spec->base_ground_count();
        std::vector<std::span<const std::int32_t>> columns;
        std::vector<std::vector<std::int32_t>> by_column(width, std::vector<std::int32_t>(count));
        for (std::size_t g = 0; g < width; ++g) {
            for (std::size_t i = 0; i < count; ++i) by_column[g][i] = groups[i * width + g];
            columns.emplace_back(by_column[g]);
        }
        disparity->sequencer->add_batch({cases, count}, {steps, count}, columns,
                                        strata ? std::span<const std::int32_t>(strata, count) : std::span<const std::int32_t>());
    });
}

a1_status a1_disparity_end_events(a1_disparity* disparity) {
    return guarded([&] {
        require(disparity, "disparity");
        if (disparity->sequencer) disparity->sequencer->finish();
    });
}

a1_status a1_disparity_get_issues(const a1_disparity* disparity, a1_disparity_issues* issues) {
    return guarded([&] {
        require(disparity, "disparity");
        require(issues, "issues");
        const auto& i = disparity->accumulator.issues();
        a1_disparity_issues out{};
        out.struct_size = sizeof(a1_disparity_issues);
        out.rows = i.rows;
        out.passages = i.passages;
        out.not_decision_point = i.not_decision_point;
        out.unknown_step = i.unknown_step;
        out.unknown_next_step = i.unknown_next_step;
        out.flow_not_in_model = i.flow_not_in_model;
        out.unknown_outcome = i.unknown_outcome;
        out.ended_at_decision_point = i.ended_at_decision_point;
        out.missing_stratum = i.missing_stratum;
        versioned_output(issues, out, A1_DISPARITY_ISSUES_SIZE_V1, "a1_disparity_issues");
    });
}

a1_status a1_disparity_read_log(a1_disparity* disparity, const char* path, unsigned threads, int strict) {
    return guarded([&] {
        require(disparity, "disparity");
        EventLogOptions options;
        options.threads = threads == 0 ? 1 : threads;
        options.strict = strict != 0;
        read_event_log(path_argument(path), disparity->accumulator, options);
    });
}

a1_status a1_disparity_read_log_v2(a1_disparity* disparity, const char* path, const a1_log_options* options) {
    return guarded([&] {
        require(disparity, "disparity");
        a1_log_options given = A1_LOG_OPTIONS_INIT;
        if (options) given = versioned_input(options, A1_LOG_OPTIONS_SIZE_V1, "a1_log_options");
        EventLogOptions o;
        o.threads = given.threads == 0 ? 1 : given.threads;
        o.strict = given.strict != 0;
        if (given.format) o.format = log_format_from_name(given.format);
        auto column = [](const char* name, std::string& into) {
            if (name) into = std::string(text_argument(name, std::strlen(name), "a column name"));
        };
        column(given.case_column, o.case_column);
        column(given.step_column, o.step_column);
        column(given.next_column, o.next_column);
        column(given.outcome_column, o.outcome_column);
        column(given.timestamp_column, o.timestamp_column);
        if (given.delimiter != 0) o.delimiter = given.delimiter;
        if (given.max_open_cases != 0) o.max_open_cases = given.max_open_cases == UINT64_MAX ? 0 : given.max_open_cases;
        std::optional<CaseTable> cases;
        if (given.case_table) {
            std::string case_column;
            column(given.case_table_column, case_column);
            cases = read_case_table(path_argument(given.case_table), *disparity->spec, o, case_column);
        }
        read_event_log(path_argument(path), disparity->accumulator, o, cases ? &*cases : nullptr);
    });
}

a1_status a1_disparity_merge(a1_disparity* into, const a1_disparity* from) {
    return guarded([&] {
        require(into, "into");
        require(from, "from");
        into->accumulator.merge(from->accumulator);
    });
}

a1_status a1_disparity_serialize(const a1_disparity* disparity, char** json, size_t* length) {
    return guarded([&] {
        require(disparity, "disparity");
        give_string(disparity->accumulator.serialise(), json, length);
    });
}

a1_status a1_disparity_deserialize(a1_disparity* into, const char* json, size_t length) {
    return guarded([&] {
        require(into, "into");
        auto text = text_argument(json, length, "json");
        into->accumulator.merge(DisparityAccumulator::deserialise(into->spec, text));
    });
}

void a1_disparity_free(a1_disparity* disparity) { delete disparity; }

a1_status a1_disparity_compute(const a1_disparity* disparity, uint64_t min_cell, a1_disparity_table** out) {
    return guarded([&] {
        require(disparity, "disparity");
        require(out, "out");
        DisparityOptions options;
        options.min_cell = min_cell;
        give(new a1_disparity_table{compute_disparity(disparity->accumulator, options)}, out);
    });
}

a1_status a1_disparity_compute_v2(const a1_disparity* disparity, const a1_table_options* options, a1_disparity_table** out) {
    return guarded([&] {
        require(disparity, "disparity");
        require(out, "out");
        a1_table_options given = A1_TABLE_OPTIONS_INIT;
        if (options) given = versioned_input(options, A1_TABLE_OPTIONS_SIZE_V1, "a1_table_options");
        DisparityOptions o;
        if (given.min_cell != 0) o.min_cell = given.min_cell;
        if (given.confidence != 0) o.confidence = given.confidence;
        if (given.alpha != 0) o.alpha = given.alpha;
        if (given.band_lower != 0) o.band_lower = given.band_lower;
        if (given.band_upper != 0) o.band_upper = given.band_upper;
        o.unknown_labels = given.unknown_labels != 0;
        strings_argument(given.reference_count, given.reference_grounds, "options->reference_grounds");
        strings_argument(given.reference_count, given.reference_groups, "options->reference_groups");
        for (std::size_t i = 0; i < given.reference_count; ++i) {
            auto ground = text_argument(given.reference_grounds[i], std::strlen(given.reference_grounds[i]), "a reference ground");
            auto group = text_argument(given.reference_groups[i], std::strlen(given.reference_groups[i]), "a reference group");
            o.reference_groups[std::string(ground)] = std::string(group);
        }
        give(new a1_disparity_table{compute_disparity(disparity->accumulator, o)}, out);
    });
}

a1_status a1_disparity_table_to_json(const a1_disparity_table* table, char** json, size_t* length) {
    return guarded([&] {
        require(table, "table");
        give_string(json_text(to_json(table->table), 2) + "\n", json, length);
    });
}

a1_status a1_disparity_table_cell_count(const a1_disparity_table* table, size_t* count) {
    return guarded([&] {
        require(table, "table");
        require(count, "count");
        *count = table->table.cells.size();
    });
}

a1_status a1_disparity_table_flagged_count(const a1_disparity_table* table, size_t* count) {
    return guarded([&] {
        require(table, "table");
        require(count, "count");
        *count = table->table.flagged_count();
    });
}

a1_status a1_disparity_table_cell(const a1_disparity_table* table, size_t index, a1_disparity_cell* cell) {
    return guarded([&] {
        require(table, "table");
        require(cell, "cell");
        check_index(index, table->table.cells.size(), "cell");
        const auto& c = table->table.cells[index];
        a1_disparity_cell out{};
        out.struct_size = sizeof(a1_disparity_cell);
        out.step = c.step.c_str();
        out.ground = c.ground.c_str();
        out.group = c.group.c_str();
        out.suppressed = c.suppressed;
        out.reference = c.reference;
        out.compared = c.compared;
        out.flagged = c.flagged;
        if (!c.suppressed) {
            out.n = c.n;
            out.adverse = c.adverse;
            out.rate = c.rate;
            out.rate_lower = c.rate_interval.lower;
            out.rate_upper = c.rate_interval.upper;
            out.ratio = c.compared ? c.ratio : stats::not_a_number;
            out.ratio_lower = c.compared ? c.ratio_interval.lower : stats::not_a_number;
            out.ratio_upper = c.compared ? c.ratio_interval.upper : stats::not_a_number;
            out.p_value = c.compared ? c.p_value : stats::not_a_number;
            out.q_value = c.compared ? c.q_value : stats::not_a_number;
            out.difference = c.compared ? c.difference : stats::not_a_number;
            out.difference_lower = c.compared ? c.difference_interval.lower : stats::not_a_number;
            out.difference_upper = c.compared ? c.difference_interval.upper : stats::not_a_number;
            out.stratified = c.stratified;
            out.mh_strata = c.stratified ? c.mh_strata : 0;
            out.mh_odds_ratio = c.stratified ? c.mh_odds_ratio : stats::not_a_number;
            out.mh_lower = c.stratified ? c.mh_interval.lower : stats::not_a_number;
            out.mh_upper = c.stratified ? c.mh_interval.upper : stats::not_a_number;
            out.mh_p_value = c.stratified ? c.mh_p_value : stats::not_a_number;
        }
        versioned_output(cell, out, A1_DISPARITY_CELL_SIZE_V1, "a1_disparity_cell");
    });
}

void a1_disparity_table_free(a1_disparity_table* table) { delete table; }

} // extern "C"
