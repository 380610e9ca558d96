// SPDX-License-Identifier: EUPL-1.2
// The disparity spec: checking options against the process, and its fingerprint.

#include <artikel1/disparity_spec.hpp>
#include <artikel1/detail/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace artikel1 {

GroundColumn parse_ground_column(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
        throw InvalidArgument("expected COLUMN=GROUND (e.g. migration_background=race), got " +
                              detail::quote_token(text));
    }
    return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

DisparitySpec::DisparitySpec(const Process& process, DisparitySpecOptions options) : options_(std::move(options)) {
    process_id_ = process.id;
    if (options_.grounds.empty()) throw InvalidArgument("no grounds to analyse: give at least one COLUMN=GROUND");
    if (process.steps.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw LimitError("too many steps for 32-bit step codes");
    for (std::size_t i = 0; i < process.steps.size(); ++i) {
        bool added = false;
        step_index_.insert(process.steps[i].id, added);
        if (!added) throw InvalidArgument("duplicate step id " + detail::quote_token(process.steps[i].id));
    }
    outgoing_.resize(step_count());
    for (const auto& flow : process.flows) {
        std::int32_t from = step_code(flow.from), to = step_code(flow.to);
        if (from == missing_code || to == missing_code)
            throw InvalidArgument("flow " + detail::quote_token(flow.from) + " -> " + detail::quote_token(flow.to) +
                                  " names an unknown step (validate the process first)");
        outgoing_[static_cast<std::size_t>(from)].push_back({to, flow.adverse, static_cast<std::int32_t>(flow_ends_.size())});
        flow_ends_.emplace_back(from, to);
    }
    if (options_.count_transitions && (!options_.outcomes.empty() || options_.next_kind == NextKind::adverse_flag))
        throw InvalidArgument("transition counts need the next step of each row, not an outcome column or adverse flags");
    decision_of_step_.assign(step_count(), missing_code);
    if (options_.decision_points.empty()) {
        for (std::size_t i = 0; i < process.steps.size(); ++i) {
            if (process.steps[i].kind == StepKind::decision || outgoing_[i].size() > 1) add_decision(i);
        }
    } else {
        for (const auto& id : options_.decision_points) {
            std::int32_t code = step_code(id);
            if (code == missing_code) throw InvalidArgument("decision point " + detail::quote_token(id) + " is not a step of the process");
            if (decision_of_step_[static_cast<std::size_t>(code)] != missing_code)
                throw InvalidArgument("decision point " + detail::quote_token(id) + " given twice");
            add_decision(static_cast<std::size_t>(code));
        }
    }
    if (!options_.outcomes.empty()) options_.next_kind = NextKind::adverse_flag;
    for (const auto& outcome : options_.outcomes) {
        if (!outcome_adverse_.emplace(outcome.label, outcome.adverse).second)
            throw InvalidArgument("outcome label " + detail::quote_token(outcome.label) + " given twice");
    }
    for (const auto& g : options_.grounds) {
        if (g.column.empty() || g.ground.empty()) throw InvalidArgument("a ground column needs a column name and a ground id");
        for (const auto& other : grounds_) {
            if (other.id == g.ground) throw InvalidArgument("ground " + detail::quote_token(g.ground) + " is mapped from two columns");
        }
        grounds_.push_back({g.ground, g.column, 0, 0});
    }
    base_ground_count_ = grounds_.size();
    for (const auto& [first, second] : options_.intersections) {
        std::size_t a = base_ground_index(first), b = base_ground_index(second);
        if (a == b) throw InvalidArgument("an intersection needs two different grounds, got " + detail::quote_token(first) + " twice");
        std::string id = first + "+" + second;
        for (const auto& other : grounds_) {
            if (other.id == id) throw InvalidArgument("intersection " + detail::quote_token(id) + " given twice");
        }
        grounds_.push_back({id, {}, a, b});
    }
}

nlohmann::ordered_json DisparitySpec::fingerprint() const {
    nlohmann::ordered_json decisions = nlohmann::ordered_json::array();
    const std::vector<std::string>& step_ids = step_index_.keys();
    for (auto step : decision_steps_) decisions.push_back(step_ids[static_cast<std::size_t>(step)]);
    nlohmann::ordered_json flows = nlohmann::ordered_json::array();
    for (std::size_t from = 0; from < outgoing_.size(); ++from) {
        for (const auto& out : outgoing_[from])
            flows.push_back({step_ids[from], step_ids[static_cast<std::size_t>(out.to)], out.adverse});
    }
    nlohmann::ordered_json grounds = nlohmann::ordered_json::array();
    for (const auto& g : grounds_) {
        if (g.column.empty()) grounds.push_back({{"ground", g.id}, {"intersection", {grounds_[g.first].id, grounds_[g.second].id}}});
        else grounds.push_back({{"ground", g.id}, {"column", g.column}});
    }
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
    for (const auto& o : options_.outcomes) outcomes.push_back({o.label, o.adverse});
    nlohmann::ordered_json doc = {{"process", process_id_},
            {"steps", step_ids},
            {"decision_points", decisions},
            {"flows", flows},
            {"next", options_.next_kind == NextKind::next_step ? "next_step" : "adverse_flag"},
            {"outcomes", outcomes},
            {"grounds", grounds},
            {"strata_column", options_.strata_column}};
    if (options_.count_transitions) doc["transitions"] = true; // absent otherwise: earlier counts stay readable
    return doc;
}

std::size_t DisparitySpec::base_ground_index(const std::string& id) const {
    for (std::size_t g = 0; g < base_ground_count_; ++g) {
        if (grounds_[g].id == id) return g;
    }
    throw InvalidArgument("intersection names ground " + detail::quote_token(id) + ", which is not analysed");
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = detail::utf8_sequence(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

} // namespace artikel1
