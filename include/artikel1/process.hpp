// SPDX-License-Identifier: EUPL-1.2
// artikel1: the process model. A service process (dienstverleningsproces) as steps joined by flows.
// The model is plain data; `ProcessGraph` (graph.hpp) holds it as a Boost.Graph graph for analysis.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace artikel1 {

enum class StepKind { task, decision, outcome };
enum class Discretion { none, bounded, broad };
enum class Automation { manual, rule_based, algorithmic };
enum class Channel { in_person, phone, paper, digital, none };
enum class Severity { none, low, moderate, high, severe };
enum class RuleComplexity { none, low, medium, high };
enum class AttributeRole { input, verification, decision_criterion, selection_criterion };
enum class Vulnerability { none, elevated, high };
/// The team's work (schema artikel1/process/2, docs/dossier.md).
enum class AssumptionStatus { open, testing, confirmed, refuted, adjusted };
enum class Verdict { undecided, justified, not_justified };
enum class InputBy { citizens, client_council, interest_group };
enum class ActionStatus { planned, in_progress, in_place };

/// The JSON spelling of each enum value, in declaration order.
template <class Enum> struct EnumNames;
template <> struct EnumNames<StepKind> {
    static constexpr std::array<std::string_view, 3> names{"task", "decision", "outcome"};
};
template <> struct EnumNames<Discretion> {
    static constexpr std::array<std::string_view, 3> names{"none", "bounded", "broad"};
};
template <> struct EnumNames<Automation> {
    static constexpr std::array<std::string_view, 3> names{"manual", "rule_based", "algorithmic"};
};
template <> struct EnumNames<Channel> {
    static constexpr std::array<std::string_view, 5> names{"in_person", "phone", "paper", "digital", "none"};
};
template <> struct EnumNames<Severity> {
    static constexpr std::array<std::string_view, 5> names{"none", "low", "moderate", "high", "severe"};
};
template <> struct EnumNames<RuleComplexity> {
    static constexpr std::array<std::string_view, 4> names{"none", "low", "medium", "high"};
};
template <> struct EnumNames<AttributeRole> {
    static constexpr std::array<std::string_view, 4> names{"input", "verification", "decision_criterion",
                                                           "selection_criterion"};
};
template <> struct EnumNames<Vulnerability> {
    static constexpr std::array<std::string_view, 3> names{"none", "elevated", "high"};
};

template <> struct EnumNames<AssumptionStatus> {
    static constexpr std::array<std::string_view, 5> names{"open", "testing", "confirmed", "refuted", "adjusted"};
};
template <> struct EnumNames<Verdict> {
    static constexpr std::array<std::string_view, 3> names{"undecided", "justified", "not_justified"};
};
template <> struct EnumNames<InputBy> {
    static constexpr std::array<std::string_view, 3> names{"citizens", "client_council", "interest_group"};
};
template <> struct EnumNames<ActionStatus> {
    static constexpr std::array<std::string_view, 3> names{"planned", "in_progress", "in_place"};
};

template <class Enum> constexpr std::string_view to_string(Enum value) {
    return EnumNames<Enum>::names[static_cast<std::size_t>(value)];
}

template <class Enum> constexpr std::optional<Enum> enum_from_string(std::string_view text) {
    const auto& names = EnumNames<Enum>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

template <class Enum> constexpr std::size_t enum_count() { return EnumNames<Enum>::names.size(); }

/// A data attribute the process uses; its `kind` names an attribute kind of the knowledge base.
struct Attribute {
    std::string id;
    std::string kind;
    std::string name;
    bool operator==(const Attribute&) const = default;
};

/// The justification test of a direct distinction, in the steps of the framework of the College voor de Rechten van
/// de Mens: a legitimate aim, suitability, necessity and subsidiarity, proportionality, and the conclusion.
struct Justification {
    std::string aim;
    std::string suitability;
    std::string necessity;
    std::string proportionality;
    std::string conclusion;
    Verdict verdict = Verdict::undecided;
    bool operator==(const Justification&) const = default;
};

/// An attribute used by a step, in a role. A documented legal basis for a direct distinction is kept and shown.
struct AttributeUse {
    std::string attribute;
    AttributeRole role = AttributeRole::input;
    std::string legal_basis;
    /// The team's justification test of this use (schema /2); for a direct distinction.
    std::optional<Justification> justification = std::nullopt;
    bool operator==(const AttributeUse&) const = default;
};

/// A documented assumption about groups of citizens (mensbeeld) that the officials at a step work with. The members
/// after `grounds` are the team's register (schema /2): who holds it, the evidence, how it was tested, its status.
/// A mensbeeld that is at work at several steps is listed at each, with the same `id`.
struct Assumption {
    std::string text;
    std::vector<std::string> grounds;
    std::string id = {};
    std::string held_by = {};
    std::vector<std::string> evidence_for = {};
    std::vector<std::string> evidence_against = {};
    std::string tested = {};
    std::optional<AssumptionStatus> status = std::nullopt;
    std::string conclusion = {};
    /// Any member of the register is given.
    bool in_register() const {
        return !id.empty() || !held_by.empty() || !evidence_for.empty() || !evidence_against.empty() || !tested.empty() ||
               status.has_value() || !conclusion.empty();
    }
    bool operator==(const Assumption&) const = default;
};

/// What citizens, a client council or an interest group said about a step, and what the team did with it.
struct CitizenInput {
    InputBy by = InputBy::citizens;
    std::string name;     ///< who: "Cliëntenraad Werk en Inkomen", "bewonersavond Kanaleneiland"
    std::string date;     ///< YYYY-MM-DD, may be empty
    std::string text;     ///< what was said
    std::string response; ///< what the team does with it
    bool operator==(const CitizenInput&) const = default;
};

/// A measure of the team's action plan at a step. Only an action `in_place` lowers the score (as if listed in
/// `measures`); a planned one is shown with the score it would give. `measure` names a knowledge-base measure (then
/// its effect is computed), else `description` says what will be done.
struct Action {
    std::string measure;
    std::string description;
    ActionStatus status = ActionStatus::planned;
    std::string owner;
    std::string deadline; ///< YYYY-MM-DD
    std::string check;    ///< how its effect will be checked
    /// The name of the action: the measure id, else its description.
    const std::string& key() const { return measure.empty() ? description : measure; }
    bool operator==(const Action&) const = default;
};

/// Complaints or other signals received about a step, on one ground.
struct Signal {
    std::string ground;
    std::uint64_t count = 0;
    std::string source;
    bool operator==(const Signal&) const = default;
};

struct Step {
    std::string id;
    StepKind kind = StepKind::task;
    std::string name;
    std::string description;
    Channel channel = Channel::none;
    Discretion discretion = Discretion::none;
    Automation automation = Automation::manual;
    RuleComplexity rule_complexity = RuleComplexity::none;
    Severity severity = Severity::none;
    std::vector<AttributeUse> uses;
    std::vector<std::string> measures;
    std::vector<Assumption> assumptions;
    std::vector<Signal> signals;
    std::vector<CitizenInput> input = {}; ///< schema /2
    std::vector<Action> actions = {};     ///< schema /2: the action plan at this step

    /// The measures in place: those listed in `measures`, then those of the action plan `in_place`, each once.
    std::vector<std::string> measures_in_place() const {
        std::vector<std::string> out;
        for_each_measure_in_place([&](const std::string& id) { out.push_back(id); });
        return out;
    }
    /// Calls `f` with the id of each measure of `measures_in_place`, in its order, without copying them.
    template <class F> void for_each_measure_in_place(F&& f) const {
        for (const auto& m : measures) f(m);
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const auto& a = actions[i];
            if (a.status != ActionStatus::in_place || a.measure.empty()) continue;
            bool listed = std::find(measures.begin(), measures.end(), a.measure) != measures.end();
            for (std::size_t j = 0; j < i && !listed; ++j)
                listed = actions[j].status == ActionStatus::in_place && actions[j].measure == a.measure;
            if (!listed) f(a.measure);
        }
    }
    bool has_measure_in_place(std::string_view measure) const {
        for (const auto& m : measures) {
            if (m == measure) return true;
        }
        for (const auto& a : actions) {
            if (a.status == ActionStatus::in_place && a.measure == measure) return true;
        }
        return false;
    }

    /// The name when given, else the id: what reports show.
    const std::string& label() const { return name.empty() ? id : name; }
    bool operator==(const Step&) const = default;
};

/// The probability of a flow for one group of a ground: given for what-if compounding, or estimated from a log by
/// `artikel1 fit` with the counts behind it (`count` of the `of` moves out of the flow's step).
struct GroupProbability {
    std::string ground;
    std::string group;
    double probability = 0;
    std::optional<std::uint64_t> count;
    std::optional<std::uint64_t> of;
    bool operator==(const GroupProbability&) const = default;
};

/// A possible move from one step to the next. `adverse`: taking it is a disadvantage for the citizen.
/// `burden`: what being sent down an adverse flow costs the citizen in itself, before any later outcome (being
/// pulled from a queue in public, being registered on a fraud list).
struct Flow {
    std::string from;
    std::string to;
    bool adverse = false;
    std::optional<double> probability;
    std::string condition;
    Severity burden = Severity::none;
    /// Behind an estimated probability: `count` of the `of` moves out of the step took this flow.
    // Default member initializers: brace-initialised flows that name only the fields above stay warning-free.
    std::optional<std::uint64_t> count = std::nullopt;
    std::optional<std::uint64_t> of = std::nullopt;
    /// Probabilities per group (compounding, docs/compounding.md).
    std::vector<GroupProbability> groups = {};
    bool operator==(const Flow&) const = default;
};

/// A member of the team that ran the toets: a role ("beleidsadviseur Werk en Inkomen"), a name when given.
struct TeamMember {
    std::string role;
    std::string name;
    bool operator==(const TeamMember&) const = default;
};

/// A session of the team: its date (YYYY-MM-DD), its subject and what it concluded.
struct Session {
    std::string date;
    std::string subject;
    std::string summary;
    bool operator==(const Session&) const = default;
};

/// Who ran the toets, over which period (YYYY-MM-DD, either may be empty), in which sessions.
struct Team {
    std::vector<TeamMember> members;
    std::string start;
    std::string end;
    std::vector<Session> sessions;
    bool operator==(const Team&) const = default;
};

/// What a BPMN file holds beyond the model (docs/formats.md#what-a-bpmn-file-keeps), kept when a model is read from
/// BPMN so that writing it back as BPMN keeps the file's element types, ids, lanes and diagram. Empty for a model
/// written in JSON, which then gets a BPMN element per kind and a layout of its own.
struct BpmnBounds {
    double x = 0, y = 0, width = 0, height = 0;
    bool operator==(const BpmnBounds&) const = default;
};
struct BpmnPoint {
    double x = 0, y = 0;
    bool operator==(const BpmnPoint&) const = default;
};
struct BpmnLane {
    std::string id;
    std::string name;
    std::vector<std::string> steps; ///< the ids of its flow nodes
    bool operator==(const BpmnLane&) const = default;
};
/// The diagram of one element (a flow node, a lane, the pool): its bounds.
struct BpmnShape {
    std::string element;
    BpmnBounds bounds;
    bool operator==(const BpmnShape&) const = default;
};
/// The diagram of one sequence flow: its waypoints.
struct BpmnEdge {
    std::string element;
    std::vector<BpmnPoint> waypoints;
    bool operator==(const BpmnEdge&) const = default;
};
struct BpmnElementType {
    std::string step;
    std::string type; ///< the BPMN element: userTask, startEvent, exclusiveGateway...
    bool operator==(const BpmnElementType&) const = default;
};
struct BpmnLayout {
    std::string collaboration;             ///< the collaboration's id, when the process is drawn in a pool
    std::string participant;               ///< the pool's id
    std::string participant_name;
    std::string lane_set;                  ///< the laneSet's id
    std::vector<BpmnLane> lanes;
    std::vector<BpmnElementType> elements; ///< per step, in the order of the steps
    std::vector<std::string> flows;        ///< the id of each sequence flow, in the order of the flows
    std::vector<BpmnShape> shapes;         ///< in the file's order
    std::vector<BpmnEdge> edges;
    bool operator==(const BpmnLayout&) const = default;
};

/// A service process. Plain data: build it in code or load it with `load_process` (process_io.hpp).
struct Process {
    std::string id;
    std::string name;
    std::string organisation;
    std::string description;
    std::vector<std::string> sources;
    double cases_per_year = 0;
    Vulnerability vulnerability = Vulnerability::none;
    std::string start; ///< empty: the one step that no flow enters
    std::vector<Attribute> attributes;
    std::vector<Step> steps;
    std::vector<Flow> flows;
    std::optional<Team> team = std::nullopt; ///< schema /2
    /// Read from a BPMN file: its element types, ids, lanes and diagram (member "bpmn" of the document).
    std::optional<BpmnLayout> bpmn = std::nullopt;
    /// The format read (1 or 2). Saving writes /2 when this is 2 or any part of the team's work is present, else /1.
    int schema_version = 1;

    /// Any part of the team's work (schema /2) is present.
    bool has_dossier() const {
        if (team) return true;
        for (const auto& step : steps) {
            if (!step.input.empty() || !step.actions.empty()) return true;
            for (const auto& u : step.uses) {
                if (u.justification) return true;
            }
            for (const auto& a : step.assumptions) {
                if (a.in_register()) return true;
            }
        }
        return false;
    }

    const Step* find_step(std::string_view step_id) const {
        for (const auto& step : steps) {
            if (step.id == step_id) return &step;
        }
        return nullptr;
    }
    const Attribute* find_attribute(std::string_view attribute_id) const {
        for (const auto& attribute : attributes) {
            if (attribute.id == attribute_id) return &attribute;
        }
        return nullptr;
    }
    bool operator==(const Process&) const = default;
};

} // namespace artikel1
