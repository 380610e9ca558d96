// SPDX-License-Identifier: EUPL-1.2
// artikel1: the JSON format `artikel1/process/1` (process_io.hpp, docs/formats.md): reading, writing and validation.
#include <artikel1/process_io.hpp>

#include <artikel1/detail/bpmn_layout.hpp>
#include <artikel1/detail/dossier_io.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/graph.hpp>
#include <artikel1/graph_analysis.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <unordered_map>

namespace artikel1 {

namespace detail {

class ProcessReader {
public:
    explicit ProcessReader(std::vector<Problem>& problems) : r_(problems) {}

    Process read(const json& doc) {
        Process p;
        if (!r_.expect_object(doc, "")) return p;
        if (const auto it = doc.find("schema"); it != doc.end() && *it == process_schema_id_2) version_ = p.schema_version = 2;
        r_.unknown_members(doc, "", {"schema", "id", "name", "organisation", "description", "sources",
                                     "cases_per_year", "vulnerability", "start", "attributes", "steps", "flows", "bpmn"},
                           members_of_version(version_, process_members_2));
        if (auto schema = r_.string(doc, "schema", "", true); schema && *schema != process_schema_id && version_ < 2) {
            r_.error("/schema", "unsupported_process_schema",
                     {quote_token(*schema), std::string(process_schema_id), std::string(process_schema_id_2)});
        }
        p.id = r_.id(doc, "id", "", true).value_or("");
        p.name = r_.string(doc, "name", "", true).value_or("");
        p.organisation = r_.string(doc, "organisation", "", false).value_or("");
        p.description = r_.string(doc, "description", "", false).value_or("");
        if (const json* sources = r_.array(doc, "sources", "", false)) {
            for (std::size_t i = 0; i < sources->size(); ++i) {
                if ((*sources)[i].is_string()) p.sources.push_back((*sources)[i].get<std::string>());
                else r_.wrong_type("/sources/" + std::to_string(i), "string", (*sources)[i]);
            }
        }
        if (auto cases = r_.number(doc, "cases_per_year", "", false)) {
            if (*cases < 0) r_.error("/cases_per_year", "negative", {});
            // A sanity bound, not a policy number: more cases than people on earth is a typing error, and products
            // with it overflow the scores' arithmetic.
            else if (*cases > 1e10) r_.error("/cases_per_year", "cases_too_many", {format_number(*cases)});
            else p.cases_per_year = *cases;
        }
        p.vulnerability = enum_member<Vulnerability>(doc, "vulnerability", "", Vulnerability::none);
        p.start = r_.string(doc, "start", "", false).value_or("");
        if (version_ >= 2) p.team = DossierReader(r_).team(doc);

        if (const json* attributes = r_.array(doc, "attributes", "", false)) {
            for (std::size_t i = 0; i < attributes->size(); ++i) {
                std::string at = "/attributes/" + std::to_string(i);
                const json& a = (*attributes)[i];
                if (!r_.expect_object(a, at)) continue;
                r_.unknown_members(a, at, {"id", "kind", "name"});
                p.attributes.push_back({r_.id(a, "id", at, true).value_or(""),
                                        r_.string(a, "kind", at, true).value_or(""),
                                        r_.string(a, "name", at, false).value_or("")});
            }
        }
        if (const json* steps = r_.array(doc, "steps", "", true)) {
            for (std::size_t i = 0; i < steps->size(); ++i) read_step((*steps)[i], "/steps/" + std::to_string(i), p);
        }
        if (const json* flows = r_.array(doc, "flows", "", false)) {
            for (std::size_t i = 0; i < flows->size(); ++i) {
                std::string at = "/flows/" + std::to_string(i);
                const json& f = (*flows)[i];
                Flow flow;
                if (r_.expect_object(f, at)) {
                    r_.unknown_members(f, at, {"from", "to", "adverse", "probability", "condition", "burden", "count", "of", "groups"});
                    flow.from = r_.string(f, "from", at, true).value_or("");
                    flow.to = r_.string(f, "to", at, true).value_or("");
                    flow.adverse = r_.boolean(f, "adverse", at, false).value_or(false);
                    flow.probability = r_.number(f, "probability", at, false);
                    flow.condition = r_.string(f, "condition", at, false).value_or("");
                    flow.count = r_.count(f, "count", at, false);
                    flow.of = r_.count(f, "of", at, false);
                    if (const json* groups = r_.array(f, "groups", at, false)) {
                        for (std::size_t k = 0; k < groups->size(); ++k) {
                            std::string g_at = at + "/groups/" + std::to_string(k);
                            const json& g = (*groups)[k];
                            if (!r_.expect_object(g, g_at)) continue;
                            r_.unknown_members(g, g_at, {"ground", "group", "probability", "count", "of"});
                            GroupProbability gp;
                            gp.ground = r_.string(g, "ground", g_at, true).value_or("");
                            gp.group = r_.string(g, "group", g_at, true).value_or("");
                            gp.probability = r_.number(g, "probability", g_at, true).value_or(0);
                            gp.count = r_.count(g, "count", g_at, false);
                            gp.of = r_.count(g, "of", g_at, false);
                            flow.groups.push_back(std::move(gp));
                        }
                    }
                    flow.burden = enum_member(f, "burden", at, Severity::none);
                }
                p.flows.push_back(std::move(flow)); // kept even when broken, so flow indices match pointers
            }
        }
        read_bpmn_layout(r_, doc, p);
        return p;
    }

private:
    template <class Enum> Enum enum_member(const json& object, const char* key, const std::string& at, Enum fallback) {
        auto index = r_.choice(object, key, at, EnumNames<Enum>::names, false);
        return index ? static_cast<Enum>(*index) : fallback;
    }

    void read_step(const json& s, const std::string& at, Process& p) {
        Step step;
        if (!r_.expect_object(s, at)) {
            p.steps.push_back(std::move(step)); // keep indices aligned with pointers
            return;
        }
        r_.unknown_members(s, at, {"id", "kind", "name", "description", "channel", "discretion", "automation",
                                   "rule_complexity", "severity", "uses", "measures", "assumptions", "signals"},
                           members_of_version(version_, step_members_2));
        step.id = r_.id(s, "id", at, true).value_or("");
        if (auto kind = r_.choice(s, "kind", at, EnumNames<StepKind>::names, true)) step.kind = static_cast<StepKind>(*kind);
        step.name = r_.string(s, "name", at, false).value_or("");
        step.description = r_.string(s, "description", at, false).value_or("");
        step.channel = enum_member<Channel>(s, "channel", at, Channel::none);
        step.discretion = enum_member<Discretion>(s, "discretion", at, Discretion::none);
        step.automation = enum_member<Automation>(s, "automation", at, Automation::manual);
        step.rule_complexity = enum_member<RuleComplexity>(s, "rule_complexity", at, RuleComplexity::none);
        step.severity = enum_member<Severity>(s, "severity", at, Severity::none);
        if (const json* uses = r_.array(s, "uses", at, false)) {
            for (std::size_t i = 0; i < uses->size(); ++i) {
                std::string u_at = at + "/uses/" + std::to_string(i);
                const json& u = (*uses)[i];
                AttributeUse use;
                if (r_.expect_object(u, u_at)) {
                    r_.unknown_members(u, u_at, {"attribute", "role", "legal_basis"}, members_of_version(version_, use_members_2));
                    use.attribute = r_.string(u, "attribute", u_at, true).value_or("");
                    use.role = enum_member<AttributeRole>(u, "role", u_at, AttributeRole::input);
                    use.legal_basis = r_.string(u, "legal_basis", u_at, false).value_or("");
                    if (version_ >= 2) use.justification = DossierReader(r_).justification(u, u_at);
                }
                step.uses.push_back(std::move(use));
            }
        }
        step.measures = r_.strings(s, "measures", at);
        if (const json* assumptions = r_.array(s, "assumptions", at, false)) {
            for (std::size_t i = 0; i < assumptions->size(); ++i) {
                std::string a_at = at + "/assumptions/" + std::to_string(i);
                const json& a = (*assumptions)[i];
                Assumption assumption;
                if (r_.expect_object(a, a_at)) {
                    r_.unknown_members(a, a_at, {"text", "grounds"}, members_of_version(version_, assumption_members_2));
                    assumption.text = r_.string(a, "text", a_at, true).value_or("");
                    assumption.grounds = r_.strings(a, "grounds", a_at);
                    if (!a.contains("grounds")) r_.error(a_at, "missing_member", {"grounds"});
                    if (version_ >= 2) DossierReader(r_).assumption(a, a_at, assumption);
                }
                step.assumptions.push_back(std::move(assumption));
            }
        }
        if (const json* signals = r_.array(s, "signals", at, false)) {
            for (std::size_t i = 0; i < signals->size(); ++i) {
                std::string g_at = at + "/signals/" + std::to_string(i);
                const json& g = (*signals)[i];
                Signal signal;
                if (r_.expect_object(g, g_at)) {
                    r_.unknown_members(g, g_at, {"ground", "count", "source"});
                    signal.ground = r_.string(g, "ground", g_at, true).value_or("");
                    signal.count = r_.count(g, "count", g_at, true).value_or(0);
                    signal.source = r_.string(g, "source", g_at, false).value_or("");
                }
                step.signals.push_back(std::move(signal));
            }
        }
        if (version_ >= 2) {
            step.input = DossierReader(r_).input(s, at);
            step.actions = DossierReader(r_).actions(s, at);
        }
        p.steps.push_back(std::move(step));
    }

    Reader r_;
    int version_ = 1; ///< of the document being read: /2 allows the team's work
};

/// Checks that need the whole model: ids, references into the model and the knowledge base, probabilities, graph.
class Validator {
public:
    Validator(std::vector<Problem>& problems, const KnowledgeBase& kb) : r_(problems), kb_(kb) {}

    /// Checks `p`; its graph and the graph's components are computed here unless given (`assess` computes them
    /// once for the checks and the method).
    void check(const Process& p, const ProcessGraph* graph = nullptr, const GraphAnalysis* components = nullptr) {
        std::unordered_map<std::string_view, std::size_t> attribute_at; // views into p, which outlives the check
        for (std::size_t i = 0; i < p.attributes.size(); ++i) {
            const auto& a = p.attributes[i];
            auto at = [i] { return "/attributes/" + std::to_string(i); }; // written only for a problem
            if (a.id.empty()) continue; // already reported, or an empty id
            if (auto [it, fresh] = attribute_at.emplace(a.id, i); !fresh)
                r_.error(at() + "/id", "duplicate_attribute_id", {quote_token(a.id), "/attributes/" + std::to_string(it->second)});
            if (!a.kind.empty() && !kb_.find_attribute_kind(a.kind))
                r_.error(at() + "/kind", "unknown_attribute_kind", {quote_token(a.kind)});
        }
        // The graph's index of the step ids serves the checks too (built here unless given).
        std::optional<ProcessGraph> own;
        const ProcessGraph& g = graph ? *graph : own.emplace(p);
        constexpr std::size_t npos = ProcessGraph::npos;
        const auto& repeats = g.repeated_ids(); // found when the index was built, in step order
        std::size_t next_repeat = 0;
        for (std::size_t i = 0; i < p.steps.size(); ++i) {
            const auto& s = p.steps[i];
            auto at = [i] { return "/steps/" + std::to_string(i); };
            if (next_repeat < repeats.size() && repeats[next_repeat].first == i) {
                if (!s.id.empty())
                    r_.error(at() + "/id", "duplicate_step_id", {quote_token(s.id), "/steps/" + std::to_string(repeats[next_repeat].second)});
                ++next_repeat;
            }
            for (std::size_t u = 0; u < s.uses.size(); ++u) {
                const auto& use = s.uses[u];
                if (!use.attribute.empty() && !attribute_at.count(use.attribute))
                    r_.error(at() + "/uses/" + std::to_string(u) + "/attribute", "unknown_attribute", {quote_token(use.attribute)});
            }
            std::unordered_map<std::string_view, std::size_t> measure_at; // a measure counts once
            for (std::size_t m = 0; m < s.measures.size(); ++m) {
                if (!kb_.find_measure(s.measures[m]))
                    r_.error(at() + "/measures/" + std::to_string(m), "unknown_measure", {quote_token(s.measures[m])});
                if (auto [it, fresh] = measure_at.emplace(s.measures[m], m); !fresh)
                    r_.error(at() + "/measures/" + std::to_string(m), "measure_listed_twice",
                             {quote_token(s.measures[m]), at() + "/measures/" + std::to_string(it->second)});
            }
            for (std::size_t a = 0; a < s.assumptions.size(); ++a) {
                const auto& grounds = s.assumptions[a].grounds;
                for (std::size_t g = 0; g < grounds.size(); ++g) {
                    if (!kb_.find_ground(grounds[g]))
                        r_.error(at() + "/assumptions/" + std::to_string(a) + "/grounds/" + std::to_string(g),
                                 "unknown_ground", {quote_token(grounds[g])});
                }
            }
            for (std::size_t g = 0; g < s.signals.size(); ++g) {
                const auto& ground = s.signals[g].ground;
                if (!ground.empty() && !kb_.find_ground(ground))
                    r_.error(at() + "/signals/" + std::to_string(g) + "/ground", "unknown_ground", {quote_token(ground)});
            }
        }
        if (p.steps.empty()) r_.error("/steps", "no_steps", {});

        for (std::size_t f = 0; f < p.flows.size(); ++f) {
            const auto& flow = p.flows[f];
            auto at = [f] { return "/flows/" + std::to_string(f); };
            const bool both_known = g.flow_source(f) != npos; // the graph keeps a flow whose two steps it knows
            if (!both_known && !flow.from.empty() && g.index_of(flow.from) == npos)
                r_.error(at() + "/from", "flow_from_unknown_step", {quote_token(flow.from)});
            if (!both_known && !flow.to.empty() && g.index_of(flow.to) == npos)
                r_.error(at() + "/to", "flow_to_unknown_step", {quote_token(flow.to)});
            if (flow.probability && (*flow.probability < 0 || *flow.probability > 1))
                r_.error(at() + "/probability", "probability_out_of_range", {format_number(*flow.probability)});
            if (flow.count && flow.of && *flow.count > *flow.of)
                r_.error(at() + "/count", "count_more_than_of", {std::to_string(*flow.count), std::to_string(*flow.of)});
            for (std::size_t k = 0; k < flow.groups.size(); ++k) {
                const auto& gp = flow.groups[k];
                auto g_at = [&at, k] { return at() + "/groups/" + std::to_string(k); };
                if (!gp.ground.empty() && !kb_.find_ground(gp.ground)) r_.error(g_at() + "/ground", "unknown_ground", {quote_token(gp.ground)});
                if (gp.probability < 0 || gp.probability > 1)
                    r_.error(g_at() + "/probability", "probability_out_of_range", {format_number(gp.probability)});
                if (gp.count && gp.of && *gp.count > *gp.of)
                    r_.error(g_at() + "/count", "count_more_than_of", {std::to_string(*gp.count), std::to_string(*gp.of)});
                for (std::size_t j = 0; j < k; ++j) {
                    if (flow.groups[j].ground == gp.ground && flow.groups[j].group == gp.group)
                        r_.error(g_at(), "group_given_twice", {quote_token(gp.group), quote_token(gp.ground)});
                }
            }
            if (flow.burden != Severity::none && !flow.adverse)
                r_.error(at() + "/burden", "burden_without_adverse", {});
            if (flow.adverse && flow.burden == Severity::none) {
                std::size_t to = both_known ? g.flow_target(f) : g.index_of(flow.to);
                if (to != npos && p.steps[to].severity == Severity::none)
                    r_.warning(at() + "/adverse", "adverse_to_step_without_severity", {quote_token(flow.to)});
            }
        }
        check_dossier(r_, kb_, p);
        check_graph(p, g, components);
    }

private:
    void check_graph(const Process& p, const ProcessGraph& g, const GraphAnalysis* components) {
        if (p.steps.empty()) return;
        // Probabilities per step.
        for (std::size_t v = 0; v < g.step_count(); ++v) {
            const auto& step = p.steps[v];
            std::size_t out = boost::out_degree(v, g.graph());
            bool all_given = out > 0, any_given = false;
            for (auto e : boost::make_iterator_range(boost::out_edges(v, g.graph()))) {
                bool given = p.flows[boost::get(boost::edge_index, g.graph(), e)].probability.has_value();
                all_given = all_given && given;
                any_given = any_given || given;
            }
            double sum = g.given_probability_sum(v);
            auto at = [v] { return "/steps/" + std::to_string(v); };
            bool may_end = step.kind == StepKind::outcome;
            if (all_given && !may_end && std::abs(sum - 1.0) > 1e-6)
                r_.error(at(), "probabilities_not_one", {quote_token(step.id), format_number(sum)});
            else if (any_given && sum > 1.0 + 1e-6)
                r_.error(at(), "probabilities_above_one", {quote_token(step.id), format_number(sum)});
            if (out == 0 && step.kind != StepKind::outcome && !step.id.empty())
                r_.error(at(), "dead_end", {quote_token(step.id)});
        }
        // Start and reachability.
        std::size_t start = g.start();
        if (!p.start.empty() && g.index_of(p.start) == ProcessGraph::npos) {
            r_.error("/start", "unknown_start_step", {quote_token(p.start)});
            return;
        }
        if (start == ProcessGraph::npos) {
            auto candidates = g.start_candidates();
            if (candidates.empty()) {
                r_.error("", "no_start", {});
            } else {
                std::string names;
                for (std::size_t i = 0; i < candidates.size() && i < 5; ++i)
                    names += (i ? ", " : "") + quote_token(p.steps[candidates[i]].id);
                if (candidates.size() > 5) names += ", ...";
                r_.error("", "no_single_start", {std::to_string(candidates.size()), names});
            }
            return;
        }
        check_closed_loops(p, g, components);
        auto reachable = g.reachable_from(start);
        for (std::size_t v = 0; v < reachable.size(); ++v) {
            if (!reachable[v] && !p.steps[v].id.empty())
                r_.warning("/steps/" + std::to_string(v), "unreachable_step",
                           {quote_token(p.steps[v].id), quote_token(p.steps[start].id)});
        }
    }

    /// A loop that no flow leaves and that holds no outcome would keep cases forever. The graph's components are
    /// computed here unless given.
    void check_closed_loops(const Process& p, const ProcessGraph& g, const GraphAnalysis* components) {
        GraphAnalysis own;
        if (!components) detail::components_in_order(g, own);
        const GraphAnalysis& a = components ? *components : own;
        const auto& graph = g.graph();
        std::vector<bool> leaves(a.component_order.size(), false);
        for (std::size_t v = 0; v < g.step_count(); ++v) {
            if (p.steps[v].kind == StepKind::outcome) leaves[a.component[v]] = true;
            for (auto e : boost::make_iterator_range(boost::out_edges(v, graph))) {
                if (a.component[boost::target(e, graph)] != a.component[v]) leaves[a.component[v]] = true;
            }
        }
        std::vector<bool> reported(leaves.size(), false);
        for (std::size_t v = 0; v < g.step_count(); ++v) {
            std::size_t c = a.component[v];
            if (!a.in_cycle[v] || leaves[c] || reported[c]) continue;
            reported[c] = true;
            r_.error("/steps/" + std::to_string(v), "closed_loop", {quote_token(p.steps[v].id)});
        }
    }

    Reader r_;
    const KnowledgeBase& kb_;
};

} // namespace detail

std::vector<Problem> validate(const Process& process, const KnowledgeBase& kb) {
    std::vector<Problem> problems;
    detail::Validator(problems, kb).check(process);
    return problems;
}

namespace detail {
std::vector<Problem> validate_with_graph(const Process& process, const KnowledgeBase& kb, const ProcessGraph& graph,
                                         const GraphAnalysis* components) {
    std::vector<Problem> problems;
    Validator(problems, kb).check(process, &graph, components);
    return problems;
}
} // namespace detail

namespace detail {
/// Reads and validates a parsed document into `report` (validation runs when the steps could be read).
void read_into(const json& document, const KnowledgeBase& kb, ProcessReport& report) {
    report.process = ProcessReader(report.problems).read(document);
    if (report.ok() || !report.process.steps.empty()) Validator(report.problems, kb).check(report.process);
}
} // namespace detail

ProcessReport read_process(std::string_view text, const KnowledgeBase& kb, const ParseLimits& limits) {
    ProcessReport report;
    detail::json doc;
    try {
        doc = detail::parse_json(text, limits);
    } catch (const ParseError& e) {
        report.problems.push_back(parse_problem(e));
        return report;
    }
    detail::read_into(doc, kb, report);
    return report;
}

ProcessReport read_process_json(const nlohmann::ordered_json& document, const KnowledgeBase& kb) {
    ProcessReport report;
    detail::read_into(document, kb, report);
    return report;
}

Process load_process(std::string_view text, const KnowledgeBase& kb, const ParseLimits& limits,
                     const std::string& file) {
    ProcessReport report;
    detail::read_into(detail::parse_json(text, limits, file), kb, report);
    if (!report.ok()) throw ValidationError(std::move(report.problems));
    return std::move(report.process);
}

Process load_process_file(const std::string& path, const KnowledgeBase& kb, const ParseLimits& limits) {
    return load_process(KnowledgeBase::read_file(path, limits.max_bytes), kb, limits, path);
}

nlohmann::ordered_json to_json(const Process& p) {
    using oj = nlohmann::ordered_json;
    oj doc;
    doc["schema"] = detail::schema_of(p, process_schema_id);
    doc["id"] = p.id;
    doc["name"] = p.name;
    if (!p.organisation.empty()) doc["organisation"] = p.organisation;
    if (!p.description.empty()) doc["description"] = p.description;
    if (!p.sources.empty()) doc["sources"] = p.sources;
    if (p.cases_per_year != 0) {
        double whole = std::floor(p.cases_per_year);
        if (whole == p.cases_per_year && whole < 9e15) doc["cases_per_year"] = static_cast<std::int64_t>(whole);
        else doc["cases_per_year"] = p.cases_per_year;
    }
    if (p.vulnerability != Vulnerability::none) doc["vulnerability"] = to_string(p.vulnerability);
    if (!p.start.empty()) doc["start"] = p.start;
    detail::write_team(doc, p);
    if (!p.attributes.empty()) {
        oj list = oj::array();
        for (const auto& a : p.attributes) {
            oj item;
            item["id"] = a.id;
            item["kind"] = a.kind;
            if (!a.name.empty()) item["name"] = a.name;
            list.push_back(std::move(item));
        }
        doc["attributes"] = std::move(list);
    }
    oj steps = oj::array();
    for (const auto& s : p.steps) {
        oj step;
        step["id"] = s.id;
        step["kind"] = to_string(s.kind);
        if (!s.name.empty()) step["name"] = s.name;
        if (!s.description.empty()) step["description"] = s.description;
        if (s.channel != Channel::none) step["channel"] = to_string(s.channel);
        if (s.discretion != Discretion::none) step["discretion"] = to_string(s.discretion);
        if (s.automation != Automation::manual) step["automation"] = to_string(s.automation);
        if (s.rule_complexity != RuleComplexity::none) step["rule_complexity"] = to_string(s.rule_complexity);
        if (s.severity != Severity::none) step["severity"] = to_string(s.severity);
        if (!s.uses.empty()) {
            oj uses = oj::array();
            for (const auto& u : s.uses) {
                oj use;
                use["attribute"] = u.attribute;
                use["role"] = to_string(u.role);
                if (!u.legal_basis.empty()) use["legal_basis"] = u.legal_basis;
                detail::write_justification(use, u);
                uses.push_back(std::move(use));
            }
            step["uses"] = std::move(uses);
        }
        if (!s.measures.empty()) step["measures"] = s.measures;
        if (!s.assumptions.empty()) {
            oj list = oj::array();
            for (const auto& a : s.assumptions) {
                oj item{{"text", a.text}, {"grounds", a.grounds}};
                detail::write_assumption_register(item, a);
                list.push_back(std::move(item));
            }
            step["assumptions"] = std::move(list);
        }
        if (!s.signals.empty()) {
            oj list = oj::array();
            for (const auto& g : s.signals) {
                oj signal;
                signal["ground"] = g.ground;
                signal["count"] = g.count;
                if (!g.source.empty()) signal["source"] = g.source;
                list.push_back(std::move(signal));
            }
            step["signals"] = std::move(list);
        }
        detail::write_step_dossier(step, s);
        steps.push_back(std::move(step));
    }
    doc["steps"] = std::move(steps);
    if (!p.flows.empty()) {
        oj flows = oj::array();
        for (const auto& f : p.flows) {
            oj flow;
            flow["from"] = f.from;
            flow["to"] = f.to;
            if (f.adverse) flow["adverse"] = true;
            if (f.probability) flow["probability"] = *f.probability;
            if (!f.condition.empty()) flow["condition"] = f.condition;
            if (f.count) flow["count"] = *f.count;
            if (f.of) flow["of"] = *f.of;
            if (!f.groups.empty()) {
                oj groups = oj::array();
                for (const auto& g : f.groups) {
                    oj item{{"ground", g.ground}, {"group", g.group}, {"probability", g.probability}};
                    if (g.count) item["count"] = *g.count;
                    if (g.of) item["of"] = *g.of;
                    groups.push_back(std::move(item));
                }
                flow["groups"] = std::move(groups);
            }
            if (f.burden != Severity::none) flow["burden"] = to_string(f.burden);
            flows.push_back(std::move(flow));
        }
        doc["flows"] = std::move(flows);
    }
    if (p.bpmn) doc["bpmn"] = detail::bpmn_layout_json(*p.bpmn);
    return doc;
}

std::string save_process(const Process& p) { return to_json(p).dump(2) + "\n"; }

} // namespace artikel1
