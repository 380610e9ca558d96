// SPDX-License-Identifier: EUPL-1.2
// artikel1: saved disparity counts (`artikel1/disparity-counts/1`) without the model: what they were counted for,
// and merging the parts counted by any engine (shell loops, batch schedulers, Spark) into one.
//
// A serialised accumulator carries the fingerprint of its spec: the process id, its steps and flows, the decision
// points, the grounds with their columns, the outcome mapping and the strata column. That is all a spec holds, so
// the spec can be rebuilt from it, and parts can be merged without the model (`artikel1 merge`). The rebuilt spec's
// own fingerprint must equal the one read, so a document that does not describe a spec is refused.
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/error.hpp>
#include <artikel1/process.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

namespace detail {

[[noreturn]] inline void counts_problem(const std::string& pointer, const std::string& message) {
    throw ValidationError({Problem{ProblemLevel::error, pointer, message}});
}

inline const nlohmann::ordered_json& counts_member(const nlohmann::ordered_json& object, const char* key, const std::string& pointer,
                                           bool (nlohmann::ordered_json::*is_type)() const noexcept, const char* type) {
    auto it = object.find(key);
    if (it == object.end()) counts_problem(pointer, std::string("expected a member \"") + key + "\"");
    if (!((*it).*is_type)()) counts_problem(pointer + "/" + key, std::string("expected ") + type);
    return *it;
}

inline std::string counts_string(const nlohmann::ordered_json& value, const std::string& pointer) {
    if (!value.is_string()) counts_problem(pointer, "expected a string");
    return value.get<std::string>();
}

} // namespace detail

/// The spec that serialised counts were made for, rebuilt from their fingerprint (`/spec`), without the model.
/// Throws ParseError for malformed JSON and ValidationError (with the JSON pointer) for a document that is not
/// `artikel1/disparity-counts/1` or whose fingerprint does not describe a spec.
inline std::shared_ptr<const DisparitySpec> spec_of_counts(std::string_view serialised, const ParseLimits& limits = {}) {
    using detail::counts_member;
    using detail::counts_string;
    auto doc = detail::parse_json(serialised, limits, "disparity counts");
    if (!doc.is_object()) detail::counts_problem("", "expected an object");
    auto schema = doc.find("schema");
    if (schema == doc.end() || *schema != disparity_counts_schema_id)
        detail::counts_problem("/schema", "expected \"" + std::string(disparity_counts_schema_id) + "\"");
    const auto& spec = counts_member(doc, "spec", "", &nlohmann::ordered_json::is_object, "an object");

    Process process;
    process.id = counts_string(counts_member(spec, "process", "/spec", &nlohmann::ordered_json::is_string, "a string"), "/spec/process");
    const auto& steps = counts_member(spec, "steps", "/spec", &nlohmann::ordered_json::is_array, "an array");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        Step step;
        step.id = counts_string(steps[i], "/spec/steps/" + std::to_string(i));
        process.steps.push_back(std::move(step));
    }
    const auto& flows = counts_member(spec, "flows", "/spec", &nlohmann::ordered_json::is_array, "an array");
    for (std::size_t i = 0; i < flows.size(); ++i) {
        std::string pointer = "/spec/flows/" + std::to_string(i);
        const auto& f = flows[i];
        if (!f.is_array() || f.size() != 3 || !f[2].is_boolean()) detail::counts_problem(pointer, "expected [from, to, adverse]");
        process.flows.push_back({counts_string(f[0], pointer + "/0"), counts_string(f[1], pointer + "/1"), f[2].get<bool>(), {}, {}});
    }

    DisparitySpecOptions options;
    // The decision points are listed in the fingerprint, so they are given explicitly (the model's step kinds are
    // not needed): the rebuilt spec numbers them in the same order.
    const auto& decisions = counts_member(spec, "decision_points", "/spec", &nlohmann::ordered_json::is_array, "an array");
    for (std::size_t i = 0; i < decisions.size(); ++i)
        options.decision_points.push_back(counts_string(decisions[i], "/spec/decision_points/" + std::to_string(i)));
    std::string next = counts_string(counts_member(spec, "next", "/spec", &nlohmann::ordered_json::is_string, "a string"), "/spec/next");
    if (next == "adverse_flag") options.next_kind = NextKind::adverse_flag;
    else if (next != "next_step") detail::counts_problem("/spec/next", "expected \"next_step\" or \"adverse_flag\"");
    const auto& outcomes = counts_member(spec, "outcomes", "/spec", &nlohmann::ordered_json::is_array, "an array");
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        std::string pointer = "/spec/outcomes/" + std::to_string(i);
        const auto& o = outcomes[i];
        if (!o.is_array() || o.size() != 2 || !o[1].is_boolean()) detail::counts_problem(pointer, "expected [label, adverse]");
        options.outcomes.push_back({counts_string(o[0], pointer + "/0"), o[1].get<bool>()});
    }
    const auto& grounds = counts_member(spec, "grounds", "/spec", &nlohmann::ordered_json::is_array, "an array");
    for (std::size_t i = 0; i < grounds.size(); ++i) {
        std::string pointer = "/spec/grounds/" + std::to_string(i);
        const auto& g = grounds[i];
        if (!g.is_object()) detail::counts_problem(pointer, "expected an object");
        std::string ground = counts_string(counts_member(g, "ground", pointer, &nlohmann::ordered_json::is_string, "a string"), pointer + "/ground");
        if (auto column = g.find("column"); column != g.end()) {
            options.grounds.push_back({counts_string(*column, pointer + "/column"), ground});
        } else {
            const auto& pair = counts_member(g, "intersection", pointer, &nlohmann::ordered_json::is_array, "an array");
            if (pair.size() != 2) detail::counts_problem(pointer + "/intersection", "expected two ground ids");
            options.intersections.emplace_back(counts_string(pair[0], pointer + "/intersection/0"),
                                               counts_string(pair[1], pointer + "/intersection/1"));
        }
    }
    options.strata_column =
        counts_string(counts_member(spec, "strata_column", "/spec", &nlohmann::ordered_json::is_string, "a string"), "/spec/strata_column");
    if (auto transitions = spec.find("transitions"); transitions != spec.end()) {
        if (!transitions->is_boolean()) detail::counts_problem("/spec/transitions", "expected true or false");
        options.count_transitions = transitions->get<bool>();
    }

    std::shared_ptr<const DisparitySpec> rebuilt;
    try {
        rebuilt = std::make_shared<const DisparitySpec>(process, options);
    } catch (const InvalidArgument& e) {
        detail::counts_problem("/spec", e.what());
    }
    if (!detail::same_json(rebuilt->fingerprint(), spec))
        throw ValidationError({make_problem(ProblemLevel::error, "/spec", "counts_fingerprint_version")});
    return rebuilt;
}

namespace detail {
/// Runs `read` and names `name` (a file name) in its errors: a ParseError at its line and column in `name`, a
/// ValidationError with `name: ` before each message.
template <class Read>
auto naming_errors(const std::string& name, Read read) {
    try {
        return read();
    } catch (const ParseError& e) {
        throw ParseError(e, e.line(), e.column(), name);
    } catch (const ValidationError& e) {
        std::vector<Problem> problems = e.problems();
        for (auto& p : problems) {
            if (p.code.empty()) {
                p.message = name + ": " + p.message;
                continue;
            }
            std::vector<std::string> args{p.code};
            args.insert(args.end(), p.args.begin(), p.args.end());
            args.push_back(name);
            p = make_problem(p.level, p.pointer, "in_part", std::move(args)); // "name: message", in Dutch too
        }
        throw ValidationError(std::move(problems));
    }
}
} // namespace detail

/// Reads serialised counts for `spec` (as DisparityAccumulator::deserialise does), with errors naming `name`.
inline DisparityAccumulator read_counts(std::shared_ptr<const DisparitySpec> spec, std::string_view text,
                                        const std::string& name, const ParseLimits& limits = {}) {
    return detail::naming_errors(name, [&] { return DisparityAccumulator::deserialise(spec, text, limits); });
}

/// Merges serialised counts made for the same spec (`artikel1 merge`): the counts of all parts together, serialised.
/// The model is not needed: the spec is rebuilt from the first part. `names` (optional, one per part: file names)
/// name the part in errors; by default "part 1", "part 2"... Throws InvalidArgument for no parts, ParseError with
/// the part's name for malformed JSON, and ValidationError naming the part whose spec differs from the first's or
/// that is not valid counts.
inline std::string merge_counts(const std::vector<std::string>& parts, const std::vector<std::string>& names = {},
                                const ParseLimits& limits = {}) {
    if (parts.empty()) throw InvalidArgument("no counts to merge");
    auto name = [&](std::size_t i) { return i < names.size() ? names[i] : "part " + std::to_string(i + 1); };
    auto spec = detail::naming_errors(name(0), [&] { return spec_of_counts(parts.front(), limits); });
    DisparityAccumulator merged(spec);
    for (std::size_t i = 0; i < parts.size(); ++i) merged.merge(read_counts(spec, parts[i], name(i), limits));
    return merged.serialise();
}

} // namespace artikel1
