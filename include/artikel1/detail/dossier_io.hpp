// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: the team's work in a process model (schema artikel1/process/2, docs/dossier.md): reading,
// checking and writing the register of mensbeelden, the justification tests, citizens' input, the action plan and
// the team. The reader and writer of the process format call these for a /2 document; a /1 document never gets here.
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/timestamp.hpp>
#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view process_schema_id_2 = "artikel1/process/2";

namespace detail {

/// The members a /2 document may add, per object.
inline constexpr std::array<const char*, 1> process_members_2{"team"};
inline constexpr std::array<const char*, 2> step_members_2{"input", "actions"};
inline constexpr std::array<const char*, 1> use_members_2{"justification"};
inline constexpr std::array<const char*, 7> assumption_members_2{"id",     "held_by", "evidence_for", "evidence_against",
                                                                 "tested", "status",  "conclusion"};

/// The extra members allowed in a document of `version`: none in /1.
inline std::span<const char* const> members_of_version(int version, std::span<const char* const> extra) {
    return version >= 2 ? extra : std::span<const char* const>{};
}

/// A calendar date YYYY-MM-DD (Gregorian, years 1000..9999).
inline bool is_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    auto number = [&](std::size_t from, std::size_t length) {
        unsigned value = 0;
        for (std::size_t i = from; i < from + length; ++i) value = value * 10 + static_cast<unsigned>(text[i] - '0');
        return value;
    };
    return number(0, 4) >= 1000 && valid_date(number(0, 4), number(5, 2), number(8, 2));
}

/// Reads the parts of a /2 document, recording every problem with its pointer in the process reader's list.
class DossierReader {
public:
    explicit DossierReader(Reader& r) : r_(r) {}

    /// The team of the document, when given.
    std::optional<Team> team(const json& doc) {
        const json* t = r_.member(doc, "team", "", false);
        if (!t || !r_.expect_object(*t, "/team")) return std::nullopt;
        const std::string at = "/team";
        r_.unknown_members(*t, at, {"members", "period", "sessions"});
        Team team;
        if (const json* members = r_.array(*t, "members", at, false)) {
            for (std::size_t i = 0; i < members->size(); ++i) {
                std::string m_at = at + "/members/" + std::to_string(i);
                const json& m = (*members)[i];
                if (!r_.expect_object(m, m_at)) continue;
                r_.unknown_members(m, m_at, {"role", "name"});
                team.members.push_back({r_.string(m, "role", m_at, true).value_or(""), r_.string(m, "name", m_at, false).value_or("")});
            }
        }
        if (const json* period = r_.member(*t, "period", at, false); period && r_.expect_object(*period, at + "/period")) {
            r_.unknown_members(*period, at + "/period", {"start", "end"});
            team.start = date(*period, "start", at + "/period", false);
            team.end = date(*period, "end", at + "/period", false);
        }
        if (const json* sessions = r_.array(*t, "sessions", at, false)) {
            for (std::size_t i = 0; i < sessions->size(); ++i) {
                std::string s_at = at + "/sessions/" + std::to_string(i);
                const json& s = (*sessions)[i];
                if (!r_.expect_object(s, s_at)) continue;
                r_.unknown_members(s, s_at, {"date", "subject", "summary"});
                Session session;
                session.date = date(s, "date", s_at, true);
                session.subject = r_.string(s, "subject", s_at, true).value_or("");
                session.summary = r_.string(s, "summary", s_at, false).value_or("");
                team.sessions.push_back(std::move(session));
            }
        }
        return team;
    }

    /// The register members of an assumption (its text and grounds are read by the process reader).
    void assumption(const json& a, const std::string& at, Assumption& assumption) {
        assumption.id = r_.string(a, "id", at, false).value_or("");
        if (a.contains("id") && a["id"].is_string() && assumption.id.empty()) r_.error(at + "/id", "empty_id", {});
        assumption.held_by = r_.string(a, "held_by", at, false).value_or("");
        assumption.evidence_for = r_.strings(a, "evidence_for", at);
        assumption.evidence_against = r_.strings(a, "evidence_against", at);
        assumption.tested = r_.string(a, "tested", at, false).value_or("");
        assumption.status = choice<AssumptionStatus>(a, "status", at, false);
        assumption.conclusion = r_.string(a, "conclusion", at, false).value_or("");
    }

    /// The justification test of an attribute use, when given.
    std::optional<Justification> justification(const json& u, const std::string& use_at) {
        const json* j = r_.member(u, "justification", use_at, false);
        const std::string at = use_at + "/justification";
        if (!j || !r_.expect_object(*j, at)) return std::nullopt;
        r_.unknown_members(*j, at, {"aim", "suitability", "necessity", "proportionality", "conclusion", "verdict"});
        Justification result;
        result.aim = r_.string(*j, "aim", at, false).value_or("");
        result.suitability = r_.string(*j, "suitability", at, false).value_or("");
        result.necessity = r_.string(*j, "necessity", at, false).value_or("");
        result.proportionality = r_.string(*j, "proportionality", at, false).value_or("");
        result.conclusion = r_.string(*j, "conclusion", at, false).value_or("");
        result.verdict = choice<Verdict>(*j, "verdict", at, true).value_or(Verdict::undecided);
        return result;
    }

    /// Citizens' and client councils' input at a step.
    std::vector<CitizenInput> input(const json& step, const std::string& step_at) {
        std::vector<CitizenInput> out;
        const json* list = r_.array(step, "input", step_at, false);
        if (!list) return out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string at = step_at + "/input/" + std::to_string(i);
            const json& item = (*list)[i];
            CitizenInput in;
            if (r_.expect_object(item, at)) {
                r_.unknown_members(item, at, {"by", "name", "date", "text", "response"});
                in.by = choice<InputBy>(item, "by", at, true).value_or(InputBy::citizens);
                in.name = r_.string(item, "name", at, false).value_or("");
                in.date = date(item, "date", at, false);
                in.text = r_.string(item, "text", at, true).value_or("");
                in.response = r_.string(item, "response", at, false).value_or("");
            }
            out.push_back(std::move(in)); // kept even when broken, so indices match pointers
        }
        return out;
    }

    /// The action plan at a step.
    std::vector<Action> actions(const json& step, const std::string& step_at) {
        std::vector<Action> out;
        const json* list = r_.array(step, "actions", step_at, false);
        if (!list) return out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string at = step_at + "/actions/" + std::to_string(i);
            const json& item = (*list)[i];
            Action action;
            if (r_.expect_object(item, at)) {
                r_.unknown_members(item, at, {"measure", "description", "status", "owner", "deadline", "check"});
                action.measure = r_.string(item, "measure", at, false).value_or("");
                action.description = r_.string(item, "description", at, false).value_or("");
                if (action.measure.empty() && action.description.empty() && !item.contains("measure") && !item.contains("description"))
                    r_.error(at, "action_without_measure", {});
                action.status = choice<ActionStatus>(item, "status", at, true).value_or(ActionStatus::planned);
                action.owner = r_.string(item, "owner", at, false).value_or("");
                action.deadline = date(item, "deadline", at, false);
                action.check = r_.string(item, "check", at, false).value_or("");
            }
            out.push_back(std::move(action));
        }
        return out;
    }

private:
    template <class Enum> std::optional<Enum> choice(const json& object, const char* key, const std::string& at, bool required) {
        auto index = r_.choice(object, key, at, EnumNames<Enum>::names, required);
        if (!index) return std::nullopt;
        return static_cast<Enum>(*index);
    }

    std::string date(const json& object, const char* key, const std::string& at, bool required) {
        auto text = r_.string(object, key, at, required);
        if (!text) return {};
        if (!is_date(*text)) {
            r_.error(at + "/" + key, "expected_date", {quote_token(*text)});
            return {};
        }
        return *text;
    }

    Reader& r_;
};

/// Checks of the team's work that need the whole model and the knowledge base.
inline void check_dossier(Reader& r, const KnowledgeBase& kb, const Process& p) {
    if (p.team) {
        const Team& t = *p.team;
        if (!t.start.empty() && !t.end.empty() && t.end < t.start)
            r.error("/team/period/end", "period_ends_before_start", {t.end, t.start});
        for (std::size_t i = 0; i < t.sessions.size(); ++i) {
            const auto& d = t.sessions[i].date;
            if (d.empty()) continue;
            if ((!t.start.empty() && d < t.start) || (!t.end.empty() && d > t.end))
                r.warning("/team/sessions/" + std::to_string(i) + "/date", "session_outside_period",
                          {d, t.start.empty() ? "..." : t.start, t.end.empty() ? "..." : t.end});
        }
    }
    std::map<std::string, std::pair<std::size_t, std::size_t>> first_use; // assumption id -> (step, assumption)
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const Step& s = p.steps[i];
        const std::string at = "/steps/" + std::to_string(i);
        for (std::size_t a = 0; a < s.assumptions.size(); ++a) {
            const Assumption& assumption = s.assumptions[a];
            if (assumption.id.empty()) continue;
            auto [first, fresh] = first_use.emplace(assumption.id, std::pair{i, a});
            if (fresh) continue;
            const auto [step_index, assumption_index] = first->second;
            const Assumption& earlier = p.steps[step_index].assumptions[assumption_index];
            if (earlier.text != assumption.text || earlier.grounds != assumption.grounds)
                r.error(at + "/assumptions/" + std::to_string(a) + "/id", "assumption_id_reused",
                        {quote_token(assumption.id),
                         "/steps/" + std::to_string(step_index) + "/assumptions/" + std::to_string(assumption_index)});
        }
        for (std::size_t u = 0; u < s.uses.size(); ++u) {
            const AttributeUse& use = s.uses[u];
            if (!use.justification) continue;
            const Attribute* attribute = p.find_attribute(use.attribute);
            const AttributeKind* kind = attribute ? kb.find_attribute_kind(attribute->kind) : nullptr;
            if (!kind) continue;
            bool direct = false;
            for (const auto& ground : kb.grounds()) direct = direct || kind->strength(ground.id) >= 1.0;
            if (!direct)
                r.warning(at + "/uses/" + std::to_string(u) + "/justification", "justification_not_direct",
                          {quote_token(use.attribute), quote_token(kind->id)});
        }
        std::map<std::string, std::size_t> action_at;
        for (std::size_t k = 0; k < s.actions.size(); ++k) {
            const Action& action = s.actions[k];
            std::string k_at = at + "/actions/" + std::to_string(k);
            if (action.measure.empty()) continue;
            if (!kb.find_measure(action.measure)) {
                r.error(k_at + "/measure", "unknown_measure", {quote_token(action.measure)});
                continue;
            }
            if (auto [it, fresh] = action_at.emplace(action.measure, k); !fresh)
                r.error(k_at + "/measure", "measure_planned_twice",
                        {quote_token(action.measure), at + "/actions/" + std::to_string(it->second)});
            bool listed = std::find(s.measures.begin(), s.measures.end(), action.measure) != s.measures.end();
            if (listed && action.status == ActionStatus::in_place)
                r.warning(k_at + "/status", "measure_in_place_twice", {quote_token(action.measure)});
            else if (listed)
                r.warning(k_at + "/status", "measure_already_in_place",
                          {quote_token(action.measure), std::string(to_string(action.status))});
        }
    }
}

/// Writes the register members of an assumption after its text and grounds.
inline void write_assumption_register(nlohmann::ordered_json& item, const Assumption& a) {
    if (!a.id.empty()) item["id"] = a.id;
    if (!a.held_by.empty()) item["held_by"] = a.held_by;
    if (!a.evidence_for.empty()) item["evidence_for"] = a.evidence_for;
    if (!a.evidence_against.empty()) item["evidence_against"] = a.evidence_against;
    if (!a.tested.empty()) item["tested"] = a.tested;
    if (a.status) item["status"] = to_string(*a.status);
    if (!a.conclusion.empty()) item["conclusion"] = a.conclusion;
}

inline void write_justification(nlohmann::ordered_json& use, const AttributeUse& u) {
    if (!u.justification) return;
    const Justification& j = *u.justification;
    nlohmann::ordered_json item;
    if (!j.aim.empty()) item["aim"] = j.aim;
    if (!j.suitability.empty()) item["suitability"] = j.suitability;
    if (!j.necessity.empty()) item["necessity"] = j.necessity;
    if (!j.proportionality.empty()) item["proportionality"] = j.proportionality;
    if (!j.conclusion.empty()) item["conclusion"] = j.conclusion;
    item["verdict"] = to_string(j.verdict);
    use["justification"] = std::move(item);
}

/// Writes a step's input and actions after its signals.
inline void write_step_dossier(nlohmann::ordered_json& step, const Step& s) {
    using oj = nlohmann::ordered_json;
    if (!s.input.empty()) {
        oj list = oj::array();
        for (const auto& in : s.input) {
            oj item;
            item["by"] = to_string(in.by);
            if (!in.name.empty()) item["name"] = in.name;
            if (!in.date.empty()) item["date"] = in.date;
            item["text"] = in.text;
            if (!in.response.empty()) item["response"] = in.response;
            list.push_back(std::move(item));
        }
        step["input"] = std::move(list);
    }
    if (!s.actions.empty()) {
        oj list = oj::array();
        for (const auto& a : s.actions) {
            oj item;
            if (!a.measure.empty()) item["measure"] = a.measure;
            if (!a.description.empty()) item["description"] = a.description;
            item["status"] = to_string(a.status);
            if (!a.owner.empty()) item["owner"] = a.owner;
            if (!a.deadline.empty()) item["deadline"] = a.deadline;
            if (!a.check.empty()) item["check"] = a.check;
            list.push_back(std::move(item));
        }
        step["actions"] = std::move(list);
    }
}

inline void write_team(nlohmann::ordered_json& doc, const Process& p) {
    using oj = nlohmann::ordered_json;
    if (!p.team) return;
    const Team& t = *p.team;
    oj team = oj::object();
    if (!t.members.empty()) {
        oj members = oj::array();
        for (const auto& m : t.members) {
            oj item{{"role", m.role}};
            if (!m.name.empty()) item["name"] = m.name;
            members.push_back(std::move(item));
        }
        team["members"] = std::move(members);
    }
    if (!t.start.empty() || !t.end.empty()) {
        oj period = oj::object();
        if (!t.start.empty()) period["start"] = t.start;
        if (!t.end.empty()) period["end"] = t.end;
        team["period"] = std::move(period);
    }
    if (!t.sessions.empty()) {
        oj sessions = oj::array();
        for (const auto& s : t.sessions) {
            oj item{{"date", s.date}, {"subject", s.subject}};
            if (!s.summary.empty()) item["summary"] = s.summary;
            sessions.push_back(std::move(item));
        }
        team["sessions"] = std::move(sessions);
    }
    doc["team"] = std::move(team);
}

/// The schema a model is saved in: /2 when it was read as /2 or holds any of the team's work, else /1.
inline std::string_view schema_of(const Process& p, std::string_view schema_1) {
    return p.schema_version >= 2 || p.has_dossier() ? process_schema_id_2 : schema_1;
}

} // namespace detail
} // namespace artikel1
