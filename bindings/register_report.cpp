// SPDX-License-Identifier: EUPL-1.2
// artikel1._core: the HTML report (the same as `artikel1 report`, with the observed differences when a disparity
// table is given), the observed section as a document of its own, and the words and colours the Python plots share
// with the report.
#include "common.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/disparity_json.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/observed_html.hpp>

#include <memory>
#include <optional>

namespace artikel1::python {

namespace {

Language language_of(const std::string& language) {
    if (language == "nl") return Language::nl;
    if (language == "en") return Language::en;
    throw InvalidArgument("language must be \"en\" or \"nl\", not \"" + language.substr(0, 60) + "\"");
}

/// The table as published: read back from its JSON, as the command line does, so it holds nothing more.
std::optional<DisparityTable> published(const std::shared_ptr<DisparityTable>& table) {
    if (!table) return std::nullopt;
    return disparity_table_from_json(to_json(*table).dump());
}

std::optional<nlohmann::ordered_json> compounding_document(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return nlohmann::ordered_json::parse(text);
}

} // namespace

void register_report(py::module_& m) {
    m.def(
        "problem_message",
        [](const std::string& code, const std::vector<std::string>& args, const std::string& message, const std::string& language) {
            Problem problem{ProblemLevel::error, "", message, 0, 0, code, args};
            return problem_message(problem, language_of(language));
        },
        py::arg("code"), py::arg("args"), py::arg("message"), py::arg("language"),
        "The message of a problem in the language, from its code and arguments (its message when it has no code).");
    m.def(
        "report_html",
        [](const Process& process, const Assessment& a, const KnowledgeBase& kb, const std::string& language, const std::string& date,
           const std::shared_ptr<DisparityTable>& table, const std::string& compounding) {
            report::ReportOptions options;
            options.language = language_of(language);
            options.date = date;
            auto shown = published(table);
            auto document = compounding_document(compounding);
            py::gil_scoped_release release;
            std::string observed = shown ? report::observed_html(*shown, &a, document ? &*document : nullptr, options.language) : std::string();
            report::GraphLayout layout = report::layout_with_graphviz(report::to_dot(process, a, options));
            return report::to_html(process, a, kb, options, layout.svg, layout.error, observed);
        },
        py::arg("process"), py::arg("assessment"), py::arg("kb"), py::arg("language"), py::arg("date"), py::arg("table"),
        py::arg("compounding"));
    m.def(
        "disparity_html",
        [](const std::shared_ptr<DisparityTable>& table, const std::shared_ptr<Assessment>& a, const std::string& language,
           const std::string& date, const std::string& compounding) {
            auto shown = published(table);
            if (!shown) throw InvalidArgument("a disparity table is needed");
            auto document = compounding_document(compounding);
            return report::observed_html_document(*shown, a.get(), document ? &*document : nullptr, language_of(language), date);
        },
        py::arg("table"), py::arg("assessment"), py::arg("language"), py::arg("date"), py::arg("compounding"));
    m.def(
        "observed_words",
        [](const std::string& language) {
            Language lang = language_of(language);
            namespace w = report::observed_words;
            return std::map<std::string, std::string>{{"forest", std::string(w::forest.in(lang))},
                                                      {"reference", std::string(w::reference.in(lang))},
                                                      {"other_suppressed", std::string(w::other_suppressed.in(lang))},
                                                      {"not_published", std::string(w::not_published.in(lang))},
                                                      {"title", std::string(w::title.in(lang))},
                                                      {"total", std::string(w::total.in(lang))},
                                                      {"share_of_log_ratio", std::string(w::share_of_log_ratio.in(lang))},
                                                      {"passes_per_case", std::string(w::passes_per_case.in(lang))},
                                                      {"on_the_way_to", std::string(w::on_the_way_to.in(lang))},
                                                      {"versus", std::string(w::versus.in(lang))}};
        },
        py::arg("language"));
    m.attr("level_colours") = std::vector<std::string>(std::begin(report::level_colours), std::end(report::level_colours));
    m.attr("flagged_colour") = std::string(report::flagged_colour);
}

} // namespace artikel1::python
