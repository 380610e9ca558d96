// SPDX-License-Identifier: EUPL-1.2
// artikel1: assessments as JSON and their comparison (assessment_json.hpp).
#include <artikel1/assessment_json.hpp>

#include <artikel1/detail/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>

namespace artikel1 {

namespace {

nlohmann::ordered_json label_json(const Label& label) { return {{"nl", label.nl}, {"en", label.en}}; }

nlohmann::ordered_json dampened_json(const std::vector<Dampened>& list) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& d : list) out.push_back({{"measure", d.measure}, {"factor", detail::round_decimals(d.factor, 6)}});
    return out;
}

} // namespace

/// The full assessment as JSON; numbers rounded (scores to 0.1, the rest to 6 decimals) so output is stable.
nlohmann::ordered_json to_json(const Assessment& a) {
    using oj = nlohmann::ordered_json;
    using detail::round_decimals;
    oj doc;
    doc["schema"] = assessment_schema_id;
    doc["method"] = a.method_id;
    doc["knowledge_base"] = {{"id", a.knowledge_base_id}, {"version", a.knowledge_base_version}};
    doc["process"] = {{"id", a.process_id}, {"name", a.process_name}, {"organisation", a.organisation},
                      {"cases_per_year", a.cases_per_year}};
    oj levels = oj::array();
    for (const auto& l : a.levels) levels.push_back({{"id", l.id}, {"min", l.min}, {"label", label_json(l.label)}});
    doc["levels"] = std::move(levels);
    doc["high_level"] = a.levels[a.high_level].id;
    oj grounds = oj::array();
    for (std::size_t g = 0; g < a.grounds.size(); ++g)
        grounds.push_back({{"id", a.grounds[g]}, {"label", label_json(a.ground_labels[g])}});
    doc["grounds"] = std::move(grounds);
    oj summary = oj::array();
    for (const auto& s : a.summary) {
        oj per_level = oj::object();
        for (std::size_t l = 0; l < a.levels.size(); ++l) per_level[a.levels[l].id] = s.steps_per_level[l];
        summary.push_back({{"ground", s.ground},
                           {"max_score", s.max_score},
                           {"max_level", a.levels[s.max_level].id},
                           {"max_step", s.max_step.empty() ? oj() : oj(s.max_step)},
                           {"steps_per_level", std::move(per_level)},
                           {"share_passing_high", round_decimals(s.share_passing_high, 6)},
                           {"citizens_per_year_high", round_decimals(s.citizens_per_year_high, 1)}});
    }
    doc["summary"] = std::move(summary);
    doc["cycles"] = a.cycle_count;
    oj steps = oj::array();
    for (const auto& step : a.steps) {
        oj item;
        item["id"] = step.id;
        item["name"] = step.name;
        item["kind"] = to_string(step.kind);
        item["reachable"] = step.reachable;
        item["expected_visits"] = round_decimals(step.expected_visits, 6);
        item["in_cycle"] = step.in_cycle;
        item["guards"] = step.guards;
        oj scores = oj::array();
        for (std::size_t g = 0; g < step.scores.size(); ++g) {
            const auto& s = step.scores[g];
            oj contributions = oj::array();
            for (const auto& c : s.contributions) {
                oj entry;
                entry["source"] = to_string(c.source);
                entry["raw"] = round_decimals(c.raw, 6);
                entry["value"] = round_decimals(c.value, 6);
                if (!c.attribute.empty()) entry["attribute"] = c.attribute;
                entry["detail"] = c.detail;
                if (!c.legal_basis.empty()) entry["legal_basis"] = c.legal_basis;
                oj factors = oj::array();
                for (const auto& f : c.factors) factors.push_back({{"name", f.name}, {"value", round_decimals(f.value, 6)}});
                entry["factors"] = std::move(factors);
                entry["dampened_by"] = dampened_json(c.dampened_by);
                contributions.push_back(std::move(entry));
            }
            const auto& it = step.impact_term; // the step's, before measures; the value and measures are the ground's
            oj movers = oj::array();
            for (const auto& f : s.robustness.movers) movers.push_back({{"weight", f.name}, {"change", f.value}});
            oj robustness = {{"band", round_decimals(s.robustness.band, 6)},
                             {"low", s.robustness.low},
                             {"high", s.robustness.high},
                             {"level_low", a.levels[s.robustness.level_low].id},
                             {"level_high", a.levels[s.robustness.level_high].id},
                             {"holds", s.level_holds()},
                             {"movers", std::move(movers)}};
            scores.push_back({{"ground", a.grounds[g]},
                              {"score", s.score},
                              {"level", a.levels[s.level].id},
                              {"likelihood", round_decimals(s.likelihood, 6)},
                              {"impact", round_decimals(s.impact, 6)},
                              {"contributions", std::move(contributions)},
                              {"impact_term",
                               {{"value", a.explained ? round_decimals(s.impact, 6) : 0.0},
                                {"severity", to_string(it.severity)},
                                {"severity_value", round_decimals(it.severity_value, 6)},
                                {"probability", round_decimals(it.probability, 9)},
                                {"conditional", it.conditional},
                                {"adverse_share", round_decimals(it.adverse_share, 9)},
                                {"base", round_decimals(it.base, 6)},
                                {"probability_weight", round_decimals(it.probability_weight, 6)},
                                {"vulnerability", round_decimals(it.vulnerability, 6)},
                                {"capped", it.capped},
                                {"outcomes", it.outcomes},
                                {"burdens", it.burdens},
                                {"dampened_by", dampened_json(s.impact_dampened_by)}}},
                              {"robustness", std::move(robustness)}});
        }
        item["scores"] = std::move(scores);
        steps.push_back(std::move(item));
    }
    doc["steps"] = std::move(steps);
    oj recommendations = oj::array();
    for (const auto& r : a.recommendations) {
        oj aimed = oj::array();
        for (RiskSource source : r.aimed_at) aimed.push_back(to_string(source));
        recommendations.push_back({{"step", r.step},
                                   {"ground", r.ground},
                                   {"measure", r.measure},
                                   {"score_before", r.score_before},
                                   {"level_before", a.levels[r.level_before].id},
                                   {"score_after", r.score_after},
                                   {"level_after", a.levels[r.level_after].id},
                                   {"rank", r.rank},
                                   {"aimed_at", aimed}});
    }
    doc["recommendations"] = std::move(recommendations);
    return doc;
}

/// The assessment's canonical JSON text (two-space indentation and a final newline).
std::string save_assessment(const Assessment& a) { return to_json(a).dump(2) + "\n"; }

namespace {

/// The label of a saved level or ground (member "label": {"nl": ..., "en": ...}); empty texts when it has none.
Label saved_label(detail::Reader& r, const nlohmann::ordered_json& entry, const std::string& at) {
    Label label;
    if (const auto* l = r.member(entry, "label", at, false); l && l->is_object()) {
        label.nl = l->value("nl", "");
        label.en = l->value("en", "");
    }
    return label;
}

} // namespace

/// Reads a saved assessment back: ids, names, scores, levels and summary (enough to compare and report).
/// Throws ParseError for malformed JSON and ValidationError for a document that is not an assessment.
Assessment assessment_from_json(std::string_view text, const ParseLimits& limits, const std::string& file) {
    auto doc = detail::parse_json(text, limits, file);
    std::vector<Problem> problems;
    detail::Reader r(problems);
    Assessment a;
    auto fail = [&]() { throw ValidationError(problems); };
    if (!r.expect_object(doc, "")) fail();
    auto schema = r.string(doc, "schema", "", true);
    if (schema && *schema != assessment_schema_id)
        r.error("/schema", "unsupported_schema", {detail::quote_token(*schema), std::string(assessment_schema_id)});
    if (!problems.empty()) fail();
    a.method_id = r.string(doc, "method", "", true).value_or("");
    if (const auto* process = r.member(doc, "process", "", true); process && r.expect_object(*process, "/process")) {
        a.process_id = r.string(*process, "id", "/process", true).value_or("");
        a.process_name = r.string(*process, "name", "/process", false).value_or("");
        a.organisation = r.string(*process, "organisation", "/process", false).value_or("");
        a.cases_per_year = r.number(*process, "cases_per_year", "/process", false).value_or(0);
    }
    std::map<std::string, std::size_t> level_of;
    if (const auto* levels = r.array(doc, "levels", "", true)) {
        for (std::size_t i = 0; i < levels->size(); ++i) {
            std::string at = "/levels/" + std::to_string(i);
            if (!r.expect_object((*levels)[i], at)) continue;
            Level l;
            l.id = r.id((*levels)[i], "id", at, true).value_or("");
            l.min = r.number((*levels)[i], "min", at, true).value_or(0);
            l.label = saved_label(r, (*levels)[i], at);
            if (!level_of.emplace(l.id, a.levels.size()).second)
                r.error(at + "/id", "duplicate_level_id", {detail::quote_token(l.id), "/levels/" + std::to_string(level_of[l.id])});
            a.levels.push_back(std::move(l));
        }
    }
    if (const auto* grounds = r.array(doc, "grounds", "", true)) {
        for (std::size_t i = 0; i < grounds->size(); ++i) {
            std::string at = "/grounds/" + std::to_string(i);
            if (!r.expect_object((*grounds)[i], at)) continue;
            a.grounds.push_back(r.id((*grounds)[i], "id", at, true).value_or(""));
            for (std::size_t j = 0; j + 1 < a.grounds.size(); ++j) {
                if (!a.grounds.back().empty() && a.grounds[j] == a.grounds.back())
                    r.error(at + "/id", "duplicate_ground_id", {detail::quote_token(a.grounds.back()), "/grounds/" + std::to_string(j)});
            }
            a.ground_labels.push_back(saved_label(r, (*grounds)[i], at));
        }
    }
    auto level_index = [&](const std::string& id, const std::string& at) -> std::size_t {
        auto it = level_of.find(id);
        if (it != level_of.end()) return it->second;
        r.error(at, "unknown_level", {detail::quote_token(id)});
        return 0;
    };
    if (auto high = r.string(doc, "high_level", "", false)) a.high_level = level_index(*high, "/high_level");
    std::map<std::string, std::size_t> step_at;
    if (const auto* steps = r.array(doc, "steps", "", true)) {
        for (std::size_t i = 0; i < steps->size(); ++i) {
            std::string at = "/steps/" + std::to_string(i);
            const auto& item = (*steps)[i];
            if (!r.expect_object(item, at)) continue;
            StepResult step;
            step.id = r.id(item, "id", at, true).value_or("");
            if (!step.id.empty() && !step_at.emplace(step.id, i).second)
                r.error(at + "/id", "duplicate_step_id", {detail::quote_token(step.id), "/steps/" + std::to_string(step_at[step.id])});
            std::vector<bool> scored(a.grounds.size(), false);
            step.name = r.string(item, "name", at, false).value_or("");
            step.scores.resize(a.grounds.size());
            if (const auto* scores = r.array(item, "scores", at, true)) {
                for (std::size_t j = 0; j < scores->size(); ++j) {
                    std::string s_at = at + "/scores/" + std::to_string(j);
                    const auto& entry = (*scores)[j];
                    if (!r.expect_object(entry, s_at)) continue;
                    auto ground = r.string(entry, "ground", s_at, true).value_or("");
                    auto g = std::find(a.grounds.begin(), a.grounds.end(), ground);
                    if (g == a.grounds.end()) {
                        r.error(s_at + "/ground", "unknown_ground", {detail::quote_token(ground)});
                        continue;
                    }
                    const auto index = static_cast<std::size_t>(g - a.grounds.begin());
                    if (scored[index]) r.error(s_at + "/ground", "ground_scored_twice", {detail::quote_token(ground)});
                    scored[index] = true;
                    auto& score = step.scores[index];
                    score.score = r.number(entry, "score", s_at, true).value_or(0);
                    if (score.score < 0 || score.score > 100)
                        r.error(s_at + "/score", "score_out_of_range", {detail::format_number(score.score)});
                    score.level = level_index(r.string(entry, "level", s_at, true).value_or(""), s_at + "/level");
                    score.likelihood = r.number(entry, "likelihood", s_at, false).value_or(0);
                    score.impact = r.number(entry, "impact", s_at, false).value_or(0);
                }
            }
            a.steps.push_back(std::move(step));
        }
    }
    if (!problems.empty()) fail();
    return a;
}

/// How one (step, ground) changed between two assessments.
Comparison compare(const Assessment& before, const Assessment& after) {
    Comparison c{before.process_id, after.process_id, before.method_id, after.method_id, {}, 0};
    std::map<std::string, std::size_t> old_steps;
    for (std::size_t i = 0; i < before.steps.size(); ++i) old_steps.emplace(before.steps[i].id, i);
    auto old_score = [&](const std::string& step, const std::string& ground) -> const StepGroundScore* {
        auto s = old_steps.find(step);
        auto g = std::find(before.grounds.begin(), before.grounds.end(), ground);
        if (s == old_steps.end() || g == before.grounds.end()) return nullptr;
        return &before.steps[s->second].scores[static_cast<std::size_t>(g - before.grounds.begin())];
    };
    std::map<std::string, bool> seen;
    for (const auto& step : after.steps) {
        seen[step.id] = true;
        for (std::size_t g = 0; g < after.grounds.size(); ++g) {
            const auto& now = step.scores[g];
            const StepGroundScore* was = old_score(step.id, after.grounds[g]);
            ScoreChange change{step.id, after.grounds[g], ScoreChange::Kind::up, std::nullopt, now.score, std::nullopt,
                               after.levels[now.level].id};
            if (was) {
                change.before = was->score;
                change.level_before = before.levels[was->level].id;
            }
            double old_value = was ? was->score : 0;
            if (old_value == now.score) {
                ++c.unchanged;
                continue;
            }
            if (!was || old_value == 0) change.kind = ScoreChange::Kind::appeared;
            else if (now.score == 0) change.kind = ScoreChange::Kind::disappeared;
            else change.kind = now.score > old_value ? ScoreChange::Kind::up : ScoreChange::Kind::down;
            c.changes.push_back(std::move(change));
        }
    }
    for (const auto& step : before.steps) {
        if (seen.count(step.id)) continue;
        for (std::size_t g = 0; g < before.grounds.size(); ++g) {
            const auto& was = step.scores[g];
            if (was.score == 0) continue;
            c.changes.push_back({step.id, before.grounds[g], ScoreChange::Kind::disappeared, was.score, std::nullopt,
                                 before.levels[was.level].id, std::nullopt});
        }
    }
    return c;
}

nlohmann::ordered_json to_json(const Comparison& c) {
    using oj = nlohmann::ordered_json;
    oj changes = oj::array();
    for (const auto& ch : c.changes) {
        changes.push_back({{"step", ch.step},
                           {"ground", ch.ground},
                           {"change", to_string(ch.kind)},
                           {"before", ch.before ? oj(*ch.before) : oj()},
                           {"after", ch.after ? oj(*ch.after) : oj()},
                           {"level_before", ch.level_before ? oj(*ch.level_before) : oj()},
                           {"level_after", ch.level_after ? oj(*ch.level_after) : oj()}});
    }
    return {{"schema", "artikel1/comparison/1"},
            {"before", {{"process", c.process_before}, {"method", c.method_before}}},
            {"after", {{"process", c.process_after}, {"method", c.method_after}}},
            {"counts",
             {{"up", c.count(ScoreChange::Kind::up)},
              {"down", c.count(ScoreChange::Kind::down)},
              {"appeared", c.count(ScoreChange::Kind::appeared)},
              {"disappeared", c.count(ScoreChange::Kind::disappeared)},
              {"unchanged", c.unchanged}}},
            {"changes", std::move(changes)}};
}

} // namespace artikel1
