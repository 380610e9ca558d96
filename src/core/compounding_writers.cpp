// SPDX-License-Identifier: EUPL-1.2
// artikel1: the writers of a compounding result (report/compounding_writers.hpp).
#include <artikel1/compounding.hpp>
#include <artikel1/report/compounding_writers.hpp>
#include <artikel1/report/disparity_writers.hpp>
#include <artikel1/report/observed.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <string_view>

namespace artikel1 {

nlohmann::ordered_json to_json(const CompoundingResult& result) {
    using nlohmann::ordered_json;
    using detail::finite_or_null;
    using detail::interval_json;
    const bool log = result.source == "log";
    ordered_json doc;
    doc["schema"] = compounding_schema_id;
    doc["process"] = result.process;
    doc["source"] = result.source;
    if (log) doc["min_cell"] = result.min_cell;
    doc["confidence"] = result.confidence;
    ordered_json grounds = ordered_json::array();
    for (const auto& g : result.grounds) {
        ordered_json ground;
        ground["ground"] = g.ground;
        ground["reference"] = g.reference.empty() ? ordered_json(nullptr) : ordered_json(g.reference);
        if (log) ground["hidden_groups"] = g.hidden_groups;
        ordered_json outcomes = ordered_json::array();
        for (const auto& o : g.outcomes) {
            ordered_json groups = ordered_json::array();
            for (const auto& r : o.groups) {
                ordered_json item;
                item["group"] = r.group;
                item["reference"] = r.reference;
                if (log) item["cases"] = r.cases;
                item["probability"] = finite_or_null(r.probability);
                if (log) item["probability_interval"] = interval_json(r.probability_interval);
                ordered_json funnel = ordered_json::array();
                for (const auto& [step, passes] : r.funnel) funnel.push_back({{"step", step}, {"passes", passes}});
                item["funnel"] = std::move(funnel);
                if (!r.reference) {
                    item["ratio"] = finite_or_null(r.ratio);
                    if (log) item["ratio_interval"] = interval_json(r.ratio_interval);
                    item["difference"] = finite_or_null(r.difference);
                    if (log) item["difference_interval"] = interval_json(r.difference_interval);
                    item["shapley"] = {{"exact", r.shapley_exact}, {"permutations", r.shapley_permutations}};
                    ordered_json shares = ordered_json::array();
                    for (const auto& s : r.shares) {
                        ordered_json share;
                        share["step"] = s.step;
                        share["equalised_ratio"] = finite_or_null(s.equalised_ratio);
                        share["equalised_difference"] = finite_or_null(s.equalised_difference);
                        share["log_ratio_share"] = finite_or_null(s.log_ratio_share);
                        share["difference_share"] = finite_or_null(s.difference_share);
                        if (!r.shapley_exact) {
                            share["log_ratio_share_se"] = finite_or_null(s.log_ratio_share_se);
                            share["difference_share_se"] = finite_or_null(s.difference_share_se);
                        }
                        shares.push_back(std::move(share));
                    }
                    item["shares"] = std::move(shares);
                    if (!r.note.empty()) item["note"] = r.note;
                }
                groups.push_back(std::move(item));
            }
            outcomes.push_back({{"outcome", o.step}, {"groups", std::move(groups)}});
        }
        ground["outcomes"] = std::move(outcomes);
        if (log) {
            ordered_json moves = ordered_json::array();
            for (const auto& t : g.transitions) {
                moves.push_back({{"group", t.group},
                                 {"from", t.from},
                                 {"to", t.to.empty() ? ordered_json(nullptr) : ordered_json(t.to)},
                                 {"published", t.published},
                                 {"count", t.published ? ordered_json(t.count) : ordered_json(nullptr)}});
            }
            ground["transitions"] = std::move(moves);
            ordered_json tests = ordered_json::array();
            for (const auto& t : g.outcome_tests) {
                ordered_json item{{"step", t.step}, {"group", t.group}, {"reference", t.reference}, {"published", t.published}};
                if (t.published) {
                    item["selected"] = t.selected;
                    item["hits"] = t.hits;
                    item["hit_rate"] = finite_or_null(t.hit_rate);
                    item["hit_rate_interval"] = interval_json(t.hit_rate_interval);
                    if (!t.reference) item["p_value"] = finite_or_null(t.p_value);
                }
                tests.push_back(std::move(item));
            }
            ground["outcome_tests"] = std::move(tests);
        }
        grounds.push_back(std::move(ground));
    }
    doc["grounds"] = std::move(grounds);
    return doc;
}

namespace {

/// The words and numbers of the text and Markdown writers in one language.
struct Words {
    Language language;
    bool nl() const { return language == Language::nl; }
    std::string say(std::string_view dutch, std::string_view english) const { return std::string(nl() ? dutch : english); }
    /// `digits` decimals as the report's observed section writes them (report/observed.hpp): a decimal comma in
    /// Dutch, "n/a" ("n.v.t.") when it cannot be computed, no "-0.0000" for a share that rounds to nothing.
    std::string number(double value, int digits = 3) const { return report::observed_number(value, digits, language); }
    std::string interval(const stats::Interval& i, int digits = 3) const {
        return " " + report::observed_interval(i.lower, i.upper, digits, language);
    }
    std::string p_value(double p) const { return table_p(p, language); }
    /// The notes compound() writes, in the language.
    std::string note(const std::string& text) const {
        if (nl() && text == "the log ratio has no shares: the outcome cannot be reached under some mixture of the groups' probabilities")
            return "de log-verhouding heeft geen aandelen: bij een menging van de kansen van de groepen is de uitkomst niet bereikbaar";
        return text;
    }
};

/// A decision point's share of the log ratio as a percentage; "n/a" where the end-to-end ratio is 1 (a share of
/// nothing), as in the reports.
std::string percent_of(double share, double ratio, const Words& w) {
    const double total = std::log(ratio);
    return std::isfinite(total) && total != 0 ? w.number(100 * share / total, 1) + "%" : w.number(NAN);
}

} // namespace

std::string to_text(const CompoundingResult& result, Language language, const KnowledgeBase& kb) {
    const Words w{language};
    using detail::escape_controls;
    std::ostringstream out;
    out << w.say("opeenstapeling: ", "compounding: ") << escape_controls(result.process) << " ("
        << (result.source == "log" ? w.say("geschat uit het log", "estimated from the log") : w.say("kansen uit het model", "probabilities from the model"))
        << ")\n";
    for (const auto& g : result.grounds) {
        out << w.say("\ngrond ", "\nground ") << escape_controls(table_ground(g.ground, language, kb)) << w.say(", referentie ", ", reference ")
            << (g.reference.empty() ? "-" : escape_controls(g.reference));
        if (g.hidden_groups)
            out << "; " << g.hidden_groups << w.say(" groep(en) met minder dan ", " group(s) with fewer than ") << result.min_cell
                << w.say(" zaken niet getoond", " cases not shown");
        out << "\n";
        for (const auto& o : g.outcomes) {
            out << w.say("  uitkomst ", "  outcome ") << escape_controls(o.step) << "\n";
            for (const auto& r : o.groups) {
                out << "    " << escape_controls(r.group) << ": " << w.number(r.probability, 4) << w.interval(r.probability_interval, 4);
                if (r.reference) {
                    out << w.say(" (referentie)\n", " (reference)\n");
                    continue;
                }
                out << w.say(", verhouding ", ", ratio ") << w.number(r.ratio) << w.interval(r.ratio_interval) << w.say(", verschil ", ", difference ")
                    << w.number(r.difference, 4) << w.interval(r.difference_interval, 4) << "\n";
                for (const auto& s : r.shares) {
                    out << "      " << escape_controls(s.step) << w.say(": aandeel in de log-verhouding ", ": share of the log ratio ")
                        << w.number(s.log_ratio_share, 4);
                    if (!r.shapley_exact) out << w.say(" (standaardfout ", " (se ") << w.number(s.log_ratio_share_se, 4) << ")";
                    out << " (" << percent_of(s.log_ratio_share, r.ratio, w) << ")";
                    out << w.say(", in het verschil ", ", of the difference ") << w.number(s.difference_share, 4)
                        << w.say("; alleen dit punt gelijk: verhouding ", "; equalised alone: ratio ") << w.number(s.equalised_ratio) << "\n";
                }
                if (!r.shapley_exact)
                    out << w.say("      (Shapley-waarden geschat over ", "      (Shapley values sampled over ") << r.shapley_permutations
                        << w.say(" permutaties)\n", " permutations)\n");
                if (!r.note.empty()) out << w.say("      let op: ", "      note: ") << w.note(r.note) << "\n";
            }
        }
        if (!g.outcome_tests.empty()) {
            out << w.say("  uitkomsttoets (trefkans onder de geselecteerden)\n", "  outcome test (hit rate among the selected)\n");
            for (const auto& t : g.outcome_tests) {
                out << "    " << escape_controls(t.step) << " / " << escape_controls(t.group) << ": ";
                if (!t.published) {
                    out << w.say("niet getoond (minder dan ", "not shown (fewer than ") << result.min_cell << ")\n";
                    continue;
                }
                out << t.hits << w.say(" van ", " of ") << t.selected << ", " << w.number(t.hit_rate) << w.interval(t.hit_rate_interval);
                if (t.reference) out << w.say(" (referentie)", " (reference)");
                else out << ", Fisher p " << w.p_value(t.p_value);
                out << "\n";
            }
        }
    }
    return out.str();
}

std::string to_csv(const CompoundingResult& result) {
    using detail::csv_field;
    using detail::csv_number;
    std::string out = "kind,ground,outcome,group,step,cases,probability,probability_lower,probability_upper,ratio,ratio_lower,"
                      "ratio_upper,difference,difference_lower,difference_upper,equalised_ratio,equalised_difference,"
                      "log_ratio_share,log_ratio_share_se,difference_share,difference_share_se\n";
    for (const auto& g : result.grounds) {
        for (const auto& o : g.outcomes) {
            for (const auto& r : o.groups) {
                std::string head = csv_field(g.ground) + "," + csv_field(o.step) + "," + csv_field(r.group) + ",";
                out += "group," + head + "," + (result.source == "log" ? std::to_string(r.cases) : std::string()) + "," +
                       csv_number(r.probability) + "," + csv_number(r.probability_interval.lower) + "," +
                       csv_number(r.probability_interval.upper) + "," + csv_number(r.ratio) + "," + csv_number(r.ratio_interval.lower) +
                       "," + csv_number(r.ratio_interval.upper) + "," + csv_number(r.difference) + "," +
                       csv_number(r.difference_interval.lower) + "," + csv_number(r.difference_interval.upper) + ",,,,,,\n";
                for (const auto& s : r.shares) {
                    out += "share," + head + csv_field(s.step) + ",,,,,,,,,,," + csv_number(s.equalised_ratio) + "," +
                           csv_number(s.equalised_difference) + "," + csv_number(s.log_ratio_share) + "," +
                           (r.shapley_exact ? std::string() : csv_number(s.log_ratio_share_se)) + "," + csv_number(s.difference_share) +
                           "," + (r.shapley_exact ? std::string() : csv_number(s.difference_share_se)) + "\n";
                }
            }
        }
    }
    return out;
}

std::string to_markdown(const CompoundingResult& result, Language language, const KnowledgeBase& kb) {
    const Words w{language};
    auto cell = [](const std::string& text) { return detail::md_cell(text); }; // no raw HTML, no links
    std::ostringstream out;
    out << w.say("## Opeenstapeling\n\n", "## Compounding\n\n");
    for (const auto& g : result.grounds) {
        const std::string ground = cell(table_ground(g.ground, language, kb));
        for (const auto& o : g.outcomes) {
            out << "### " << ground << ": " << cell(o.step) << "\n\n";
            out << w.say("| groep | begin tot eind | verhouding | verschil |\n", "| group | end-to-end | ratio | difference |\n")
                << "|---|---:|---:|---:|\n";
            for (const auto& r : o.groups) {
                out << "| " << cell(r.group) << (r.reference ? w.say(" (referentie)", " (reference)") : "") << " | " << w.number(r.probability, 4)
                    << w.interval(r.probability_interval, 4) << " | " << (r.reference ? "" : w.number(r.ratio) + w.interval(r.ratio_interval))
                    << " | " << (r.reference ? "" : w.number(r.difference, 4) + w.interval(r.difference_interval, 4)) << " |\n";
            }
            out << w.say("\n| groep | beslispunt | aandeel in de log-verhouding | aandeel in het verschil | verhouding, alleen dit punt gelijk |\n",
                         "\n| group | decision point | share of log ratio | share of difference | ratio, equalised alone |\n")
                << "|---|---|---:|---:|---:|\n";
            for (const auto& r : o.groups) {
                for (const auto& s : r.shares) {
                    out << "| " << cell(r.group) << " | " << cell(s.step) << " | " << w.number(s.log_ratio_share, 4) << " | "
                        << w.number(s.difference_share, 4) << " | " << w.number(s.equalised_ratio) << " |\n";
                }
            }
            out << "\n";
        }
        if (g.hidden_groups)
            out << g.hidden_groups << w.say(" groep(en) van ", " group(s) of ") << ground << w.say(" met minder dan ", " with fewer than ")
                << result.min_cell << w.say(" zaken worden niet getoond.\n\n", " cases are not shown.\n\n");
    }
    return out.str();
}

} // namespace artikel1
