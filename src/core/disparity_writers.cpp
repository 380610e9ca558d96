// SPDX-License-Identifier: EUPL-1.2
// The disparity table as JSON, CSV and text.

#include <artikel1/report/disparity_writers.hpp>
#include <artikel1/detail/json_reader.hpp>
#include <artikel1/detail/output_escape.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

namespace artikel1 {

namespace detail {

nlohmann::ordered_json finite_or_null(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}
nlohmann::ordered_json interval_json(const stats::Interval& interval) {
    return {finite_or_null(interval.lower), finite_or_null(interval.upper)};
}

std::string csv_field(std::string_view text) { return csv_text(text); }

std::string csv_number(double value) { return std::isfinite(value) ? format_number(value) : std::string(); }

std::string csv_fixed(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
    return buffer;
}

std::string csv_p(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

} // namespace detail

nlohmann::ordered_json to_json(const DisparityTable& table) {
    using nlohmann::ordered_json;
    ordered_json doc;
    doc["schema"] = disparity_schema_id;
    doc["process"] = table.process_id;
    doc["min_cell"] = table.options.min_cell;
    doc["confidence"] = table.options.confidence;
    doc["alpha"] = table.options.alpha;
    doc["band"] = {table.options.band_lower, table.options.band_upper};
    doc["reference_groups"] = ordered_json::object();
    for (const auto& [ground, label] : table.options.reference_groups) doc["reference_groups"][ground] = label;
    doc["decision_points"] = table.decision_points;
    doc["grounds"] = table.grounds;
    doc["strata_column"] = table.strata_column.empty() ? ordered_json(nullptr) : ordered_json(table.strata_column);
    ordered_json cells = ordered_json::array();
    for (const auto& c : table.cells) {
        ordered_json cell{{"step", c.step}, {"ground", c.ground}, {"group", c.group}};
        if (c.suppressed) {
            cell["suppressed"] = true;
            if (c.other) cell["other"] = true;
            cells.push_back(std::move(cell));
            continue;
        }
        cell["suppressed"] = false;
        cell["reference"] = c.reference;
        cell["n"] = c.n;
        cell["adverse"] = c.adverse;
        cell["rate"] = c.rate;
        cell["rate_interval"] = detail::interval_json(c.rate_interval);
        if (c.compared) {
            cell["comparison"] = {{"ratio", detail::finite_or_null(c.ratio)},
                                  {"ratio_interval", detail::interval_json(c.ratio_interval)},
                                  {"difference", c.difference},
                                  {"difference_interval", detail::interval_json(c.difference_interval)},
                                  {"p_value", c.p_value},
                                  {"q_value", c.q_value}};
            if (c.stratified) {
                cell["mantel_haenszel"] = {{"odds_ratio", detail::finite_or_null(c.mh_odds_ratio)},
                                           {"interval", detail::interval_json(c.mh_interval)},
                                           {"p_value", c.mh_p_value},
                                           {"strata", c.mh_strata}};
            } else if (!c.no_mantel_haenszel.empty()) {
                cell["mantel_haenszel"] = nullptr;
                cell["no_mantel_haenszel"] = c.no_mantel_haenszel;
            }
        } else {
            cell["comparison"] = nullptr;
            cell["no_comparison"] = c.no_comparison;
        }
        cell["flagged"] = c.flagged;
        cells.push_back(std::move(cell));
    }
    doc["cells"] = std::move(cells);
    doc["flagged"] = table.flagged_count();
    doc["suppressed"] = table.suppressed_count();
    doc["withheld_decision_points"] = table.withheld_decision_points;
    doc["issues"] = detail::issues_json(table.issues, table.grounds);
    return doc;
}

std::string to_csv(const DisparityTable& table) {
    std::string out = "step,ground,group,suppressed,reference,n,adverse,rate,rate_lower,rate_upper,ratio,ratio_lower,"
                      "ratio_upper,difference,difference_lower,difference_upper,p_value,q_value,mh_odds_ratio,mh_lower,"
                      "mh_upper,mh_p_value,flagged\n";
    for (const auto& c : table.cells) {
        out += detail::csv_field(c.step) + "," + detail::csv_field(c.ground) + "," + detail::csv_field(c.group) + ",";
        if (c.suppressed) {
            out += "true,,,,,,,,,,,,,,,,,,,\n";
            continue;
        }
        out += std::string("false,") + (c.reference ? "true," : "false,") + std::to_string(c.n) + "," + std::to_string(c.adverse) + "," +
               detail::csv_fixed(c.rate) + "," + detail::csv_fixed(c.rate_interval.lower) + "," +
               detail::csv_fixed(c.rate_interval.upper) + ",";
        if (c.compared) {
            out += detail::csv_fixed(c.ratio) + "," + detail::csv_fixed(c.ratio_interval.lower) + "," +
                   detail::csv_fixed(c.ratio_interval.upper) + "," + detail::csv_fixed(c.difference) + "," +
                   detail::csv_fixed(c.difference_interval.lower) + "," + detail::csv_fixed(c.difference_interval.upper) + "," +
                   detail::csv_p(c.p_value) + "," + detail::csv_p(c.q_value) + ",";
        } else {
            out += ",,,,,,,,";
        }
        if (c.stratified) {
            out += detail::csv_fixed(c.mh_odds_ratio) + "," + detail::csv_fixed(c.mh_interval.lower) + "," +
                   detail::csv_fixed(c.mh_interval.upper) + "," + detail::csv_p(c.mh_p_value) + ",";
        } else {
            out += ",,,,";
        }
        out += c.flagged ? "true\n" : "false\n";
    }
    return out;
}

std::string table_number(double value, int decimals, Language language) {
    if (!std::isfinite(value)) return language == Language::nl ? "n.v.t." : "n/a";
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << value;
    std::string text = s.str();
    if (language == Language::nl) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string table_p(double value, Language language) {
    return value < 0.0001 ? "< " + table_number(0.0001, 4, language) : table_number(value, 4, language);
}

std::string table_reason(const std::string& reason, Language language) {
    if (language != Language::nl) return reason;
    if (reason == "reference") return "referentiegroep";
    if (reason == "no reference") return "geen referentiegroep";
    if (reason == "reference suppressed") return "referentiegroep onderdrukt";
    if (reason == "suppressed") return "onderdrukt";
    if (reason == "stratum below min_cell") return "een stratum onder de minimale celgrootte";
    return reason;
}

std::string table_ground(const std::string& ground, Language language, const KnowledgeBase& kb) {
    if (language != Language::nl) return ground;
    std::string out;
    std::size_t start = 0;
    for (;;) {
        std::size_t plus = ground.find('+', start);
        std::string id = ground.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        const Ground* g = kb.find_ground(id);
        out += g ? g->label.in(language) : id;
        if (plus == std::string::npos) return out;
        out += '+';
        start = plus + 1;
    }
}

// Long (about 100 lines) on purpose: it writes the text from top to bottom as a reader sees it, each English phrase
// beside its Dutch one, so that a change of wording is made in both languages at once.
std::string to_text(const DisparityTable& table, Language language, const KnowledgeBase& kb) {
    const bool nl = language == Language::nl;
    auto say = [nl](std::string_view dutch, std::string_view english) { return std::string(nl ? dutch : english); };
    auto number = [language](double value, int decimals) { return table_number(value, decimals, language); };
    auto interval = [&](const stats::Interval& i, double scale, int decimals) {
        return "[" + number(scale * i.lower, decimals) + (nl ? "; " : ", ") + number(scale * i.upper, decimals) + "]";
    };
    using detail::escape_controls;
    std::ostringstream out;
    const auto& i = table.issues;
    const std::string band = number(table.options.band_lower, 2) + "-" + number(table.options.band_upper, 2);
    out << say("Waargenomen verschillen: proces ", "Observed disparity: process ") << escape_controls(table.process_id) << "\n";
    out << say("  rijen ", "  rows ") << i.rows << say(", passages langs beslispunten ", ", passages at decision points ") << i.passages
        << say(", beslispunten ", ", decision points ") << table.decision_points.size() << say(", gronden ", ", grounds ")
        << table.grounds.size() << "\n";
    if (!table.withheld_decision_points.empty()) {
        out << say("  achtergehouden (minder dan ", "  withheld (fewer than ") << table.options.min_cell
            << say(" nadelige of andere beslissingen, kleine groepen):", " adverse or other decisions, small groups):");
        for (const auto& step : table.withheld_decision_points) out << " " << escape_controls(step);
        out << "\n";
    }
    out << say("  cellen ", "  cells ") << table.cells.size() << say(", onderdrukt (n < ", ", suppressed (n < ") << table.options.min_cell
        << say(", of ter bescherming daarvan) ", ", or protecting one) ") << table.suppressed_count() << say(", gemarkeerd ", ", flagged ")
        << table.flagged_count() << "\n";
    if (i.problem_rows() > 0 || i.missing_stratum > 0) {
        out << say("  problemen in de gegevens: onbekende stap ", "  data problems: unknown step ") << i.unknown_step
            << say(", onbekende volgende stap ", ", unknown next step ") << i.unknown_next_step
            << say(", overgang niet in het model ", ", flow not in model ") << i.flow_not_in_model
            << say(", onbekende uitkomst ", ", unknown outcome ") << i.unknown_outcome
            << say(", geëindigd bij een beslispunt ", ", ended at a decision point ") << i.ended_at_decision_point
            << say(", stratum ontbreekt ", ", missing stratum ") << i.missing_stratum << "\n";
        if (!i.unknown_step_labels.empty()) {
            out << say("  onbekende stapnamen:", "  unknown step labels:");
            for (const auto& label : i.unknown_step_labels) out << " " << detail::quote_token(label);
            out << "\n";
        }
    }
    for (std::size_t g = 0; g < table.grounds.size() && g < i.missing_group.size(); ++g) {
        if (i.missing_group[g] > 0)
            out << say("  passages zonder groep voor ", "  passages without a group for ") << escape_controls(table.grounds[g]) << ": "
                << i.missing_group[g] << "\n";
    }
    if (!table.cells.empty()) {
        out << say("Aandeel nadelig per beslispunt, grond en groep (", "Adverse rate per decision point, ground and group (")
            << number(100 * table.options.confidence, 0) << say("%-interval):\n", "% interval):\n");
        std::string current;
        for (const auto& c : table.cells) {
            std::string heading = c.step + " / " + c.ground;
            if (heading != current) {
                current = heading;
                out << "  " << escape_controls(c.step) << " / " << escape_controls(table_ground(c.ground, language, kb)) << "\n";
            }
            out << "    " << escape_controls(c.other ? say("overige (onderdrukt)", std::string(suppressed_groups_label)) : c.group) << ": ";
            if (c.suppressed) {
                out << say("onderdrukt\n", "suppressed\n");
                continue;
            }
            out << "n " << c.n << say(", nadelig ", ", adverse ") << c.adverse << ", " << number(100 * c.rate, 1) << "% "
                << interval(c.rate_interval, 100, 1);
            if (c.compared) {
                out << say(", verhouding ", ", ratio ") << number(c.ratio, 2) << " " << interval(c.ratio_interval, 1, 2) << ", q "
                    << table_p(c.q_value, language) << (c.flagged ? say(", gemarkeerd", ", flagged") : "");
            } else {
                out << ", " << table_reason(c.no_comparison, language);
            }
            out << "\n";
            if (c.stratified) {
                out << "      Mantel-Haenszel" << say(" over ", " over ") << c.mh_strata << (c.mh_strata == 1 ? " stratum: " : " strata: ")
                    << say("gemeenschappelijke oddsratio ", "common odds ratio ") << number(c.mh_odds_ratio, 2) << " "
                    << interval(c.mh_interval, 1, 2) << ", p " << table_p(c.mh_p_value, language) << "\n";
            } else if (c.compared && !c.no_mantel_haenszel.empty()) {
                out << "      Mantel-Haenszel" << say(" niet berekend: ", " not computed: ")
                    << table_reason(c.no_mantel_haenszel, language) << "\n";
            }
        }
    }
    if (table.flagged_count() == 0) {
        out << say("Geen gemarkeerde verschillen (q < ", "No flagged disparity (q < ") << number(table.options.alpha, 2)
            << say(" en verhouding buiten ", " and ratio outside ") << band << ").\n";
        return out.str();
    }
    out << say("Gemarkeerd (q < ", "Flagged (q < ") << number(table.options.alpha, 2) << say(", verhouding buiten ", ", ratio outside ")
        << band << "):\n";
    for (const auto& c : table.cells) {
        if (!c.flagged) continue;
        const DisparityCell* ref = nullptr;
        for (const auto& r : table.cells) {
            if (r.reference && r.step == c.step && r.ground == c.ground) ref = &r;
        }
        out << "  " << escape_controls(c.step) << " / " << escape_controls(table_ground(c.ground, language, kb)) << " / "
            << escape_controls(c.group) << say(": aandeel ", ": rate ") << number(100 * c.rate, 1) << "%" << say(" tegen ", " vs ") << number(ref ? 100 * ref->rate : 0, 1)
            << "% (" << (ref ? escape_controls(ref->group) : std::string("?")) << say("), verhouding ", "), ratio ") << number(c.ratio, 2)
            << " " << interval(c.ratio_interval, 1, 2) << ", q " << table_p(c.q_value, language) << "\n";
    }
    return out.str();
}

} // namespace artikel1
