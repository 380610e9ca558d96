// SPDX-License-Identifier: EUPL-1.2
// The writers of report/comparison.hpp and report/dossier.hpp on two rounds of the shipped /2 example, in both languages.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/report/comparison.hpp>
#include <artikel1/report/dossier.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace comparison_writers_test {

using Catch::Contains;
using Catch::EndsWith;
using Catch::StartsWith;
using artikel1::Language;

const artikel1::KnowledgeBase& builtin_kb() { return artikel1::KnowledgeBase::builtin(); }

/// The first round: the shipped example as its team documented it.
const artikel1::Process& first_round() {
    static const artikel1::Process process = artikel1::builtin_example("bijstand-aanvraag-toets");
    return process;
}

const artikel1::Assessment& first_assessment() {
    static const artikel1::Assessment a = artikel1::assess(first_round());
    return a;
}

artikel1::Step& step_in(artikel1::Process& p, const std::string& id) {
    for (auto& s : p.steps) {
        if (s.id == id) return s;
    }
    throw std::logic_error("no step " + id);
}

artikel1::Round model_round(const artikel1::Process& p) { return {artikel1::assess(p), p}; }

/// The second round of most tests: the protocol for the home visit (standard_criteria, planned) is in place.
artikel1::Process protocol_in_place() {
    artikel1::Process p = first_round();
    step_in(p, "huisbezoek").actions[0].status = artikel1::ActionStatus::in_place;
    return p;
}

/// Two rounds whose team's work changed in every way the comparison tells apart; the first has one more mensbeeld
/// (without id or status, so matched by its text) than the shipped example.
std::pair<artikel1::Process, artikel1::Process> dossier_rounds() {
    artikel1::Process before = first_round();
    artikel1::Assumption plain;
    plain.text = "Wie bezwaar maakt, is lastig.";
    plain.grounds = {"disability"};
    step_in(before, "besluit").assumptions.push_back(plain);
    artikel1::Process after = before;
    step_in(after, "besluit").assumptions[0].status = artikel1::AssumptionStatus::testing;
    auto& intake = step_in(after, "intake"); // language support leaves the plan for the step's measures: in place
    REQUIRE(intake.actions[1].measure == "language_support");
    intake.actions.erase(intake.actions.begin() + 1);
    intake.measures.push_back("language_support");
    step_in(after, "documentencheck").actions.clear(); // the reminder letter (a description only) is dropped
    step_in(after, "risicoselectie").actions[0].status = artikel1::ActionStatus::in_progress;
    step_in(after, "besluit").actions.push_back({"random_sampling", "", artikel1::ActionStatus::planned, "", "", ""});
    step_in(after, "huisbezoek").assumptions[0].status = artikel1::AssumptionStatus::confirmed; // was adjusted
    artikel1::Assumption wijk;
    wijk.text = "In Noord en Oost wordt vaker gefraudeerd.";
    wijk.grounds = {"race"};
    wijk.id = "mb-wijk";
    wijk.status = artikel1::AssumptionStatus::open;
    step_in(after, "risicoselectie").assumptions.push_back(wijk);
    return {before, after};
}

/// The first round with the objection step under a new id (and its flows with it): nothing else changes.
artikel1::Process appeal_renamed() {
    artikel1::Process p = first_round();
    step_in(p, "bezwaar").id = "bezwaar-2026";
    for (auto& f : p.flows) {
        if (f.from == "bezwaar") f.from = "bezwaar-2026";
        if (f.to == "bezwaar") f.to = "bezwaar-2026";
    }
    return p;
}

template <typename Status> std::string status_or_dash(const std::optional<Status>& s) {
    return s ? std::string(artikel1::to_string(*s)) : std::string("-");
}

/// "step key before->after", with "!" when now in place.
std::string summary(const artikel1::ActionChange& a) {
    return a.step + " " + (a.measure.empty() ? a.description.substr(0, 17) : a.measure) + " " + status_or_dash(a.before) + "->" +
           status_or_dash(a.after) + (a.now_in_place() ? " !" : "");
}

std::string summary(const artikel1::AssumptionChange& m) {
    return m.step + " " + (m.id.empty() ? m.text : m.id) + " " + (m.present_before ? status_or_dash(m.before) : "absent") + "->" +
           (m.present_after ? status_or_dash(m.after) : "absent");
}

/// The line of `text` holding `part` ("" when none does).
std::string line_with(const std::string& text, const std::string& part) {
    for (const auto& line : test::lines_of(text)) {
        if (line.find(part) != std::string::npos) return line;
    }
    return {};
}

artikel1::report::ReportOptions in_language(Language language) {
    artikel1::report::ReportOptions o;
    o.language = language;
    return o;
}

const std::string protocol =
    "Protocol huisbezoek: alleen op concrete aanwijzingen, vooraf aangekondigd, met vastgelegd wat wel en niet bekeken wordt";
const std::string reminder =
    "Herinneringsbrief in eenvoudige taal (B1) drie dagen voor het einde van de hersteltermijn";
const std::string criteria_test =
    "Elke selectieregel (woonwijk, huishouden, vermogen in het buitenland) getoetst op doel, noodzaak en proportionaliteit, met "
    "een toets op vertekening van de selecties van 2025";

} // namespace comparison_writers_test

TEST_CASE("a score change names its step and ground with both rounds' scores, in Dutch and English", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round before{first_assessment(), first_round()};
    const artikel1::Round after = model_round(protocol_in_place());
    auto c = artikel1::compare_rounds(before, after);
    const auto& a = before.assessment;
    const auto& b = after.assessment;
    // the protocol moves the home visit only, every ground down; each change carries the two assessments' scores
    REQUIRE(c.scores.changes.size() == a.grounds.size());
    CHECK(c.scores.unchanged == a.steps.size() * a.grounds.size() - a.grounds.size());
    CHECK(c.scores.unchanged == 99);
    for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
        const auto& ch = c.scores.changes[i];
        INFO(ch.ground);
        CHECK(ch.step == "huisbezoek");
        CHECK(ch.ground == a.grounds[i]);
        CHECK(ch.kind == artikel1::ScoreChange::Kind::down);
        REQUIRE(ch.before);
        REQUIRE(ch.after);
        CHECK(*ch.before == a.at("huisbezoek", ch.ground).score);
        CHECK(*ch.after == b.at("huisbezoek", ch.ground).score);
        CHECK(*ch.after < *ch.before);
        CHECK(ch.level_before == a.levels[a.at("huisbezoek", ch.ground).level].id);
        CHECK(c.step_names[i] == "Huisbezoek (op indicatie)");
        CHECK(c.ground_labels[i].en == a.ground_labels[i].en);
        CHECK(c.level_moves[i] == (ch.ground == "race" ? -1 : 0)); // only race leaves its level (medium to low)
    }
    // the report said what the protocol would give: exactly these changes
    const std::size_t huisbezoek = a.step_index("huisbezoek");
    auto moves = artikel1::report::would_give(first_round(), huisbezoek, first_round().steps[huisbezoek].actions[0], a, builtin_kb());
    REQUIRE(moves.size() == c.scores.changes.size());
    for (std::size_t i = 0; i < moves.size(); ++i) {
        CHECK(moves[i].ground == i);
        CHECK(moves[i].before == *c.scores.changes[i].before);
        CHECK(moves[i].after == *c.scores.changes[i].after);
    }

    const auto& kb = builtin_kb();
    std::string nl = artikel1::report::comparison_text(c, a, b, kb, Language::nl);
    CHECK_THAT(nl, StartsWith("Vergelijking van twee rondes: Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde "
                              "(bijstand-aanvraag-toets) -> Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde "
                              "(bijstand-aanvraag-toets)\nMethode: artikel1-method/1.1 -> artikel1-method/1.1\n"
                              "omhoog 0, omlaag 11, nieuw 0, verdwenen 0, gelijk 99\n\nScores die veranderden\n"
                              "  omlaag      Huisbezoek (op indicatie) (huisbezoek) / godsdienst: 16,1 laag -> 11,3 laag\n"));
    CHECK_THAT(nl, Contains("  omlaag      Huisbezoek (op indicatie) (huisbezoek) / geslacht: 30,2 midden -> 25,0 midden\n"));
    CHECK_THAT(nl, Contains("  omlaag      Huisbezoek (op indicatie) (huisbezoek) / burgerlijke staat: 28,2 midden -> 26,3 midden\n"
                            "\nMaatregelen van het actieplan\n"));
    CHECK_THAT(nl, EndsWith("\nMensbeelden die van status veranderden\n  Geen mensbeeld veranderde van status.\n"));
    std::string en = artikel1::report::comparison_text(c, a, b, kb, Language::en);
    CHECK_THAT(en, Contains("\nMethod: artikel1-method/1.1 -> artikel1-method/1.1\nup 0, down 11, appeared 0, disappeared 0, unchanged 99\n"
                            "\nScores that changed\n  down        Huisbezoek (op indicatie) (huisbezoek) / religion: 16.1 low -> 11.3 low\n"));
    CHECK_THAT(en, Contains("  down        Huisbezoek (op indicatie) (huisbezoek) / race: 22.1 medium -> 14.9 low (lower level)\n"));
    CHECK_THAT(en, Contains("  down        Huisbezoek (op indicatie) (huisbezoek) / sexual orientation: 10.1 low -> 7.7 low\n"));
    CHECK_THAT(en, Contains("\nMeasures of the action plan\n  now in place: Huisbezoek (op indicatie) (huisbezoek): standard criteria / "
                            "protocol: " + protocol + " (planned -> in place)\n\nAssumptions that changed status\n"
                            "  No assumption changed status.\n"));

    std::string md = artikel1::report::comparison_markdown(c, a, b, kb, Language::nl);
    CHECK_THAT(md, StartsWith("# Vergelijking van twee rondes\n\n- Vorige ronde: Aanvraag bijstandsuitkering: Discriminatietoets 2026, "
                              "eerste ronde `bijstand-aanvraag-toets`, `artikel1-method/1.1`\n"));
    CHECK_THAT(md, Contains("\n- omhoog 0, omlaag 11, nieuw 0, verdwenen 0, gelijk 99\n\n## Scores die veranderden\n\n"
                            "| Stap | Grond | Verandering | Was | Nu |\n|---|---|---|---:|---:|\n"
                            "| Huisbezoek (op indicatie) `huisbezoek` | godsdienst | omlaag | 16,1 laag | 11,3 laag |\n"));
    CHECK_THAT(md, Contains("| Huisbezoek (op indicatie) `huisbezoek` | ras | omlaag, lager niveau | 22,1 midden | 14,9 laag |\n"));
    CHECK_THAT(md, Contains("| Huisbezoek (op indicatie) `huisbezoek` | geslacht | omlaag | 30,2 midden | 25,0 midden |\n"));
    CHECK_THAT(md, Contains("\n## Maatregelen van het actieplan\n\n| Stap | Maatregel | Was | Nu |\n|---|---|---|---|\n"
                            "| Huisbezoek (op indicatie) | vaste beoordelingscriteria / protocol: " + protocol + " | gepland | **ingevoerd** |\n"));
    CHECK_THAT(md, EndsWith("\n## Mensbeelden die van status veranderden\n\nGeen mensbeeld veranderde van status.\n"));

    std::string html = artikel1::report::comparison_html(c, a, b, kb, Language::en);
    CHECK_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    CHECK_THAT(html, Contains("<title>Comparison of two rounds: Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde</title>"));
    CHECK_THAT(html, Contains("<p>up 0, down 11, appeared 0, disappeared 0, unchanged 99</p>\n<h2>Scores that changed</h2>\n"));
    CHECK_THAT(html, Contains("<tr><td>Huisbezoek (op indicatie) <code>huisbezoek</code></td><td>race</td><td>down, lower level</td>"
                              "<td><span class=\"badge\" style=\"background:#fee08b\">22.1 medium</span></td>"
                              "<td><span class=\"badge\" style=\"background:#d9f0d3\">14.9 low</span></td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><td>Huisbezoek (op indicatie)</td><td>standard criteria / protocol: " + protocol +
                              "</td><td>planned</td><td><strong>in place</strong></td></tr>\n"));
    CHECK_THAT(html, Contains("<h2>Assumptions that changed status</h2>\n<p>No assumption changed status.</p>\n</body>\n</html>\n"));
    CHECK_THAT(html, !Contains("class=\"note\""));
}

TEST_CASE("the comparison's JSON: counts, names, labels, level changes and the team's work", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round before{first_assessment(), first_round()};
    const artikel1::Round after = model_round(protocol_in_place());
    auto doc = artikel1::to_json(artikel1::compare_rounds(before, after));
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"schema", "before", "after", "counts", "changes", "dossiers_compared", "actions", "assumptions"});
    CHECK(doc["schema"] == "artikel1/comparison/1");
    CHECK(doc["after"].dump() ==
          R"j({"process":"bijstand-aanvraag-toets","method":"artikel1-method/1.1","name":"Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde"})j");
    CHECK(doc["counts"].dump() == R"j({"up":0,"down":11,"appeared":0,"disappeared":0,"unchanged":99})j");
    REQUIRE(doc["changes"].size() == 11);
    CHECK(doc["changes"][4].dump() ==
          R"j({"step":"huisbezoek","ground":"sex","change":"down","before":30.2,"after":25.0,"level_before":"medium",)j"
          R"j("level_after":"medium","step_name":"Huisbezoek (op indicatie)","ground_label":{"nl":"geslacht","en":"sex"},)j"
          R"j("level_change":"same"})j");
    CHECK(doc["changes"][3]["ground"] == "race");
    CHECK(doc["changes"][3]["level_change"] == "down");
    CHECK(doc["dossiers_compared"] == true);
    CHECK(doc["actions"].dump() ==
          R"j([{"step":"huisbezoek","step_name":"Huisbezoek (op indicatie)","measure":"standard_criteria","description":")j" +
              protocol + R"j(","status_before":"planned","status_after":"in_place","now_in_place":true}])j");
    CHECK(doc["assumptions"].dump() == "[]");

    // the members that are null: an action without a measure or a description, a side where it is absent, a
    // mensbeeld without id or status
    auto [first, second] = dossier_rounds();
    auto rich = artikel1::to_json(artikel1::compare_rounds(model_round(first), model_round(second)));
    REQUIRE(rich["actions"].size() == 4);
    CHECK(rich["actions"][1].dump() == R"j({"step":"besluit","step_name":"Besluit op de aanvraag","measure":"random_sampling",)j"
                                       R"j("description":null,"status_before":null,"status_after":"planned","now_in_place":false})j");
    CHECK(rich["actions"][3].dump() == R"j({"step":"documentencheck","step_name":"Controle bewijsstukken (binnen de hersteltermijn)",)j"
                                       R"j("measure":null,"description":")j" + reminder +
                                           R"j(","status_before":"planned","status_after":null,"now_in_place":false})j");
    REQUIRE(rich["assumptions"].size() == 3);
    CHECK(rich["assumptions"][0].dump() ==
          R"j({"step":"risicoselectie","step_name":"Selectie voor extra controle (risicoregels)","id":"mb-wijk",)j"
          R"j("text":"In Noord en Oost wordt vaker gefraudeerd.","present_before":false,"present_after":true,)j"
          R"j("status_before":null,"status_after":"open"})j");
    CHECK(rich["assumptions"][2].dump() ==
          R"j({"step":"besluit","step_name":"Besluit op de aanvraag","id":null,"text":"Wie bezwaar maakt, is lastig.",)j"
          R"j("present_before":true,"present_after":true,"status_before":null,"status_after":"testing"})j");

    // a renamed step: its scores appeared under the new id and disappeared under the old; no level change then
    auto moved = artikel1::to_json(artikel1::compare_rounds(before, model_round(appeal_renamed())));
    CHECK(moved["counts"].dump() == R"j({"up":0,"down":0,"appeared":11,"disappeared":11,"unchanged":99})j");
    CHECK(moved["changes"][3].dump() ==
          R"j({"step":"bezwaar-2026","ground":"race","change":"appeared","before":null,"after":21.0,"level_before":null,)j"
          R"j("level_after":"medium","step_name":"Bezwaarprocedure met hoorzitting","ground_label":{"nl":"ras","en":"race"},)j"
          R"j("level_change":null})j");
    CHECK(moved["changes"][14].dump() ==
          R"j({"step":"bezwaar","ground":"race","change":"disappeared","before":21.0,"after":null,"level_before":"medium",)j"
          R"j("level_after":null,"step_name":"Bezwaarprocedure met hoorzitting","ground_label":{"nl":"ras","en":"race"},)j"
          R"j("level_change":null})j");
    CHECK(moved["actions"].dump() == "[]");
}

TEST_CASE("a renamed step: new and disappeared scores with a dash for the side that is not there", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round before{first_assessment(), first_round()};
    const artikel1::Round after = model_round(appeal_renamed());
    auto c = artikel1::compare_rounds(before, after);
    // a new id only: the step scores what it scored before
    for (const auto& ground : before.assessment.grounds)
        CHECK(after.assessment.at("bezwaar-2026", ground).score == before.assessment.at("bezwaar", ground).score);
    CHECK(before.assessment.at("bezwaar", "race").score == 21.0);
    const auto& kb = builtin_kb();
    std::string nl = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(nl, Contains("\nomhoog 0, omlaag 0, nieuw 11, verdwenen 11, gelijk 99\n"));
    CHECK_THAT(nl, Contains("\n  nieuw       Bezwaarprocedure met hoorzitting (bezwaar-2026) / ras: - -> 21,0 midden\n"));
    CHECK_THAT(nl, Contains("\n  verdwenen   Bezwaarprocedure met hoorzitting (bezwaar) / ras: 21,0 midden -> -\n"));
    CHECK_THAT(nl, Contains("\nMaatregelen van het actieplan\n  Geen maatregel veranderde van status.\n"));
    std::string en = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(en, Contains("\n  appeared    Bezwaarprocedure met hoorzitting (bezwaar-2026) / age: - -> 18.6 low\n"));
    CHECK_THAT(en, Contains("\n  disappeared Bezwaarprocedure met hoorzitting (bezwaar) / civil status: 9.3 low -> -\n"));
    std::string md = artikel1::report::comparison_markdown(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(md, Contains("\n| Bezwaarprocedure met hoorzitting `bezwaar-2026` | race | appeared | - | 21.0 medium |\n"));
    CHECK_THAT(md, Contains("\n| Bezwaarprocedure met hoorzitting `bezwaar` | race | disappeared | 21.0 medium | - |\n"));
    std::string html = artikel1::report::comparison_html(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(html, Contains("<tr><td>Bezwaarprocedure met hoorzitting <code>bezwaar-2026</code></td><td>ras</td><td>nieuw</td><td>-</td>"
                              "<td><span class=\"badge\" style=\"background:#fee08b\">21,0 midden</span></td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><td>Bezwaarprocedure met hoorzitting <code>bezwaar</code></td><td>ras</td><td>verdwenen</td>"
                              "<td><span class=\"badge\" style=\"background:#fee08b\">21,0 midden</span></td><td>-</td></tr>\n"));
}

TEST_CASE("a round that goes back: a score up to a higher level, a measure no longer in place", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round before = model_round(protocol_in_place());
    const artikel1::Round after{first_assessment(), first_round()};
    auto c = artikel1::compare_rounds(before, after);
    CHECK(c.scores.count(artikel1::ScoreChange::Kind::up) == 11);
    REQUIRE(c.actions.size() == 1);
    CHECK(summary(c.actions[0]) == "huisbezoek standard_criteria in_place->planned");
    const auto& kb = builtin_kb();
    std::string nl = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(nl, Contains("\n  omhoog      Huisbezoek (op indicatie) (huisbezoek) / ras: 14,9 laag -> 22,1 midden (hoger niveau)\n"));
    CHECK_THAT(nl, Contains("\nMaatregelen van het actieplan\n  Huisbezoek (op indicatie) (huisbezoek): vaste beoordelingscriteria / "
                            "protocol: " + protocol + " (ingevoerd -> gepland)\n"));
    CHECK_THAT(nl, !Contains("nu ingevoerd"));
    std::string md = artikel1::report::comparison_markdown(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(md, Contains("\n| Huisbezoek (op indicatie) `huisbezoek` | race | up, higher level | 14.9 low | 22.1 medium |\n"));
    CHECK_THAT(md, Contains("\n| Huisbezoek (op indicatie) | standard criteria / protocol: " + protocol + " | in place | planned |\n"));
    std::string html = artikel1::report::comparison_html(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(html, Contains("<td>race</td><td>up, higher level</td><td><span class=\"badge\" style=\"background:#d9f0d3\">14.9 low</span>"
                              "</td><td><span class=\"badge\" style=\"background:#fee08b\">22.1 medium</span></td></tr>\n"));
    CHECK_THAT(html, Contains("</td><td>in place</td><td>planned</td></tr>\n"));
    auto doc = artikel1::to_json(c);
    CHECK(doc["changes"][3]["level_change"] == "up");
    CHECK(doc["actions"][0]["now_in_place"] == false);
}

TEST_CASE("actions and mensbeelden that changed status: added, dropped, moved to the measures, matched by text", "[comparison_writers]") {
    using namespace comparison_writers_test;
    auto [first, second] = dossier_rounds();
    const artikel1::Round before = model_round(first), after = model_round(second);
    auto c = artikel1::compare_rounds(before, after);
    REQUIRE(c.dossiers_compared);
    // the actions of the new round in step order, then those it no longer has; the kept, unchanged ones not at all
    std::vector<std::string> actions;
    for (const auto& a : c.actions) actions.push_back(summary(a));
    CHECK(actions == std::vector<std::string>{"risicoselectie criteria_justification_test planned->in_progress",
                                              "besluit random_sampling -->planned",
                                              "intake language_support planned->in_place !",
                                              "documentencheck Herinneringsbrief planned->-"});
    std::vector<std::string> assumptions;
    for (const auto& m : c.assumptions) assumptions.push_back(summary(m));
    CHECK(assumptions == std::vector<std::string>{"risicoselectie mb-wijk absent->open", "huisbezoek mb-samenwonen adjusted->confirmed",
                                                  "besluit Wie bezwaar maakt, is lastig. -->testing"});
    // the scores: language support now lowers the intake, as the report of the first round said it would; the new
    // mensbeeld raises the selection on race; a status alone changes no score
    CHECK(c.scores.count(artikel1::ScoreChange::Kind::down) == 6);
    CHECK(c.scores.count(artikel1::ScoreChange::Kind::up) == 1);
    const std::size_t intake = before.assessment.step_index("intake");
    auto moves = artikel1::report::would_give(first, intake, first.steps[intake].actions[1], before.assessment, builtin_kb());
    REQUIRE(moves.size() == 6);
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const auto& ch = c.scores.changes[i];
        CHECK(ch.step == "intake");
        CHECK(ch.ground == before.assessment.grounds[moves[i].ground]);
        CHECK(*ch.before == moves[i].before);
        CHECK(*ch.after == moves[i].after);
    }
    const auto& up = c.scores.changes[6];
    CHECK(up.step == "risicoselectie");
    CHECK(up.ground == "race");
    CHECK(*up.before == before.assessment.at("risicoselectie", "race").score);
    CHECK(*up.after == after.assessment.at("risicoselectie", "race").score);

    const auto& kb = builtin_kb();
    std::string nl = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(nl, Contains("\nomhoog 1, omlaag 6, nieuw 0, verdwenen 0, gelijk 103\n"));
    CHECK_THAT(nl, Contains("\n  omlaag      Intakegesprek met de klantmanager (intake) / ras: 75,6 zeer hoog -> 75,4 zeer hoog\n"));
    CHECK_THAT(nl, Contains("\n  omhoog      Selectie voor extra controle (risicoregels) (risicoselectie) / ras: 43,2 hoog -> 47,5 hoog\n"));
    CHECK_THAT(nl, Contains("\nMaatregelen van het actieplan\n"
                            "  Selectie voor extra controle (risicoregels) (risicoselectie): toets selectiecriteria (noodzaak en "
                            "proportionaliteit): " + criteria_test + " (gepland -> in uitvoering)\n"
                            "  Besluit op de aanvraag (besluit): aselecte steekproef (niet in deze ronde -> gepland)\n"
                            "  nu ingevoerd: Intakegesprek met de klantmanager (intake): taalondersteuning (gepland -> ingevoerd)\n"
                            "  Controle bewijsstukken (binnen de hersteltermijn) (documentencheck): " + reminder +
                            " (gepland -> niet in deze ronde)\n\nMensbeelden die van status veranderden\n"
                            "  Selectie voor extra controle (risicoregels) (risicoselectie): \"In Noord en Oost wordt vaker gefraudeerd.\" "
                            "(toegevoegd -> open)\n"
                            "  Huisbezoek (op indicatie) (huisbezoek): \"Een alleenstaande moeder met een vriend die vaak langskomt, woont "
                            "waarschijnlijk samen.\" (bijgesteld -> bevestigd)\n"
                            "  Besluit op de aanvraag (besluit): \"Wie bezwaar maakt, is lastig.\" (geen status -> wordt getoetst)\n"));
    std::string en = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(en, Contains("\n  Besluit op de aanvraag (besluit): random sampling (not in this round -> planned)\n"
                            "  now in place: Intakegesprek met de klantmanager (intake): language support (planned -> in place)\n"
                            "  Controle bewijsstukken (binnen de hersteltermijn) (documentencheck): " + reminder +
                            " (planned -> not in this round)\n"));
    CHECK_THAT(en, Contains(" (added -> open)\n"));
    CHECK_THAT(en, Contains(" (adjusted -> confirmed)\n"));
    CHECK_THAT(en, EndsWith("  Besluit op de aanvraag (besluit): \"Wie bezwaar maakt, is lastig.\" (no status -> being tested)\n"));

    std::string md = artikel1::report::comparison_markdown(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(md, Contains("\n| Besluit op de aanvraag | aselecte steekproef | niet in deze ronde | gepland |\n"
                            "| Intakegesprek met de klantmanager | taalondersteuning | gepland | **ingevoerd** |\n"
                            "| Controle bewijsstukken (binnen de hersteltermijn) | " + reminder + " | gepland | niet in deze ronde |\n"));
    CHECK_THAT(md, Contains(" | gepland | in uitvoering |\n")); // in progress is no "now in place": not bold
    CHECK_THAT(md, EndsWith("\n## Mensbeelden die van status veranderden\n\n| Stap | Mensbeeld | Was | Nu |\n|---|---|---|---|\n"
                            "| Selectie voor extra controle (risicoregels) | In Noord en Oost wordt vaker gefraudeerd. | toegevoegd | open |\n"
                            "| Huisbezoek (op indicatie) | Een alleenstaande moeder met een vriend die vaak langskomt, woont waarschijnlijk "
                            "samen. | bijgesteld | bevestigd |\n"
                            "| Besluit op de aanvraag | Wie bezwaar maakt, is lastig. | geen status | wordt getoetst |\n"));

    std::string html = artikel1::report::comparison_html(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(html, Contains("<tr><td>Selectie voor extra controle (risicoregels)</td><td>selection-criteria justification test: " +
                              criteria_test + "</td><td>planned</td><td>in progress</td></tr>\n"
                              "<tr><td>Besluit op de aanvraag</td><td>random sampling</td><td>not in this round</td><td>planned</td></tr>\n"
                              "<tr><td>Intakegesprek met de klantmanager</td><td>language support</td><td>planned</td>"
                              "<td><strong>in place</strong></td></tr>\n"));
    CHECK_THAT(html, Contains("<table id=\"assumptions\">\n<tr><th>Step</th><th>Assumption</th><th>Was</th><th>Now</th></tr>\n"
                              "<tr><td>Selectie voor extra controle (risicoregels)</td><td>In Noord en Oost wordt vaker gefraudeerd.</td>"
                              "<td>added</td><td>open</td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><td>Besluit op de aanvraag</td><td>Wie bezwaar maakt, is lastig.</td><td>no status</td>"
                              "<td>being tested</td></tr>\n</table>\n</body>\n</html>\n"));
}

TEST_CASE("two identical rounds compare empty in every format", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round round{first_assessment(), first_round()};
    auto c = artikel1::compare_rounds(round, round);
    CHECK(c.scores.changes.empty());
    CHECK(c.scores.unchanged == 110); // 10 steps, 11 grounds
    CHECK(c.dossiers_compared);
    CHECK(c.actions.empty());
    CHECK(c.assumptions.empty());
    const auto& a = round.assessment;
    const auto& kb = builtin_kb();
    const std::string name = "Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde";
    CHECK(artikel1::report::comparison_text(c, a, a, kb, Language::en) ==
          "Comparison of two rounds: " + name + " (bijstand-aanvraag-toets) -> " + name + " (bijstand-aanvraag-toets)\n"
          "Method: artikel1-method/1.1 -> artikel1-method/1.1\nup 0, down 0, appeared 0, disappeared 0, unchanged 110\n\n"
          "Scores that changed\n  No score changed.\n\nMeasures of the action plan\n  No measure changed status.\n\n"
          "Assumptions that changed status\n  No assumption changed status.\n");
    CHECK(artikel1::report::comparison_markdown(c, a, a, kb, Language::nl) ==
          "# Vergelijking van twee rondes\n\n- Vorige ronde: " + name + " `bijstand-aanvraag-toets`, `artikel1-method/1.1`\n"
          "- Deze ronde: " + name + " `bijstand-aanvraag-toets`, `artikel1-method/1.1`\n"
          "- omhoog 0, omlaag 0, nieuw 0, verdwenen 0, gelijk 110\n\n## Scores die veranderden\n\nGeen score veranderde.\n\n"
          "## Maatregelen van het actieplan\n\nGeen maatregel veranderde van status.\n\n"
          "## Mensbeelden die van status veranderden\n\nGeen mensbeeld veranderde van status.\n");
    std::string html = artikel1::report::comparison_html(c, a, a, kb, Language::nl);
    CHECK_THAT(html, EndsWith("<p>omhoog 0, omlaag 0, nieuw 0, verdwenen 0, gelijk 110</p>\n<h2>Scores die veranderden</h2>\n"
                              "<p>Geen score veranderde.</p>\n<h2>Maatregelen van het actieplan</h2>\n"
                              "<p>Geen maatregel veranderde van status.</p>\n<h2>Mensbeelden die van status veranderden</h2>\n"
                              "<p>Geen mensbeeld veranderde van status.</p>\n</body>\n</html>\n"));
    CHECK_THAT(html, !Contains("<table"));
    auto doc = artikel1::to_json(c);
    CHECK(doc["counts"].dump() == R"j({"up":0,"down":0,"appeared":0,"disappeared":0,"unchanged":110})j");
    CHECK(doc["changes"].dump() == "[]");
    CHECK(doc["dossiers_compared"] == true);
    CHECK(doc["actions"].dump() == "[]");
    CHECK(doc["assumptions"].dump() == "[]");
}

TEST_CASE("saved assessments compare their scores only: no section of the team's work", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const artikel1::Round models[2] = {{first_assessment(), first_round()}, model_round(protocol_in_place())};
    const artikel1::Round saved[2] = {{artikel1::assessment_from_json(artikel1::save_assessment(models[0].assessment)), std::nullopt},
                                      {artikel1::assessment_from_json(artikel1::save_assessment(models[1].assessment)), std::nullopt}};
    auto c = artikel1::compare_rounds(saved[0], saved[1]);
    CHECK_FALSE(c.dossiers_compared);
    CHECK(c.actions.empty());
    // the same score changes as the models give, with the names and labels the saved files carry
    auto of_models = artikel1::compare_rounds(models[0], models[1]);
    REQUIRE(c.scores.changes.size() == of_models.scores.changes.size());
    CHECK(c.scores.unchanged == of_models.scores.unchanged);
    for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
        const auto &x = c.scores.changes[i], &y = of_models.scores.changes[i];
        CHECK((x.step == y.step && x.ground == y.ground && x.kind == y.kind));
        CHECK((x.before == y.before && x.after == y.after && x.level_before == y.level_before && x.level_after == y.level_after));
        CHECK(c.step_names[i] == of_models.step_names[i]);
        CHECK(c.ground_labels[i].nl == of_models.ground_labels[i].nl);
        CHECK(c.level_moves[i] == of_models.level_moves[i]);
    }
    const auto& kb = builtin_kb();
    const auto &a = saved[0].assessment, &b = saved[1].assessment;
    std::string nl = artikel1::report::comparison_text(c, a, b, kb, Language::nl);
    CHECK_THAT(nl, Contains("\nomhoog 0, omlaag 11, nieuw 0, verdwenen 0, gelijk 99\n"));
    std::string race = line_with(nl, "/ ras: ");
    // the saved files carry the levels' labels, so the line reads as for the models
    CHECK(race == "  omlaag      Huisbezoek (op indicatie) (huisbezoek) / ras: 22,1 midden -> 14,9 laag (lager niveau)");
    CHECK(a.levels[1].label.nl == first_assessment().levels[1].label.nl);
    CHECK(a.levels[1].label.en == first_assessment().levels[1].label.en);
    CHECK_THAT(nl, EndsWith("\n\nHet werk van het team (actieplan, mensbeelden) wordt alleen vergeleken als beide rondes een "
                            "procesmodel zijn.\n"));
    CHECK_THAT(nl, !Contains("Maatregelen van het actieplan"));
    CHECK_THAT(nl, !Contains("Mensbeelden die van status veranderden"));
    std::string md = artikel1::report::comparison_markdown(c, a, b, kb, Language::en);
    CHECK_THAT(md, EndsWith(" |\n\n> The team's work (action plan, assumptions) is compared only when both rounds are process models.\n"));
    CHECK_THAT(md, !Contains("## Measures of the action plan"));
    std::string html = artikel1::report::comparison_html(c, a, b, kb, Language::nl);
    CHECK_THAT(html, EndsWith("</table>\n<p class=\"note\">Het werk van het team (actieplan, mensbeelden) wordt alleen vergeleken als "
                              "beide rondes een procesmodel zijn.</p>\n</body>\n</html>\n"));
    CHECK_THAT(html, !Contains("id=\"actions\""));
    auto doc = artikel1::to_json(c);
    CHECK(doc["dossiers_compared"] == false);
    CHECK(doc["actions"].dump() == "[]");
    CHECK(doc["assumptions"].dump() == "[]");
    CHECK(doc["counts"] == artikel1::to_json(of_models)["counts"]);
    // one model and one saved assessment: still no team's work to compare
    CHECK_FALSE(artikel1::compare_rounds(saved[0], models[1]).dossiers_compared);
    CHECK_FALSE(artikel1::compare_rounds(models[0], saved[1]).dossiers_compared);
}

TEST_CASE("the text of a saved assessment's method, ground and level labels reaches no terminal raw", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const auto saved = [](const artikel1::Assessment& assessment) {
        auto doc = nlohmann::ordered_json::parse(artikel1::save_assessment(assessment));
        doc["method"] = "m\x1b[2J";
        for (auto& g : doc["grounds"]) {
            if (g["id"] == "race") g["label"]["nl"] = "ras\x1b]0;x\x07";
        }
        for (auto& l : doc["levels"]) l["label"]["nl"] = l["id"].get<std::string>() + "\x1b[31m";
        return artikel1::Round{artikel1::assessment_from_json(doc.dump()), std::nullopt};
    };
    const artikel1::Round before = saved(first_assessment()), after = saved(artikel1::assess(protocol_in_place()));
    auto c = artikel1::compare_rounds(before, after);
    std::string text = artikel1::report::comparison_text(c, before.assessment, after.assessment, builtin_kb(), Language::nl);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK_THAT(text, Contains("Methode: m\\x1B[2J -> m\\x1B[2J\n"));
    CHECK_THAT(text, Contains(" / ras\\x1B]0;x\\x07: 22,1 medium\\x1B[31m -> 14,9 low\\x1B[31m (lager niveau)\n"));
}

TEST_CASE("names with < and & are escaped in HTML and Markdown and kept as they are in text and JSON", "[comparison_writers]") {
    using namespace comparison_writers_test;
    artikel1::Process second = protocol_in_place();
    second.name = "Ronde 2 <concept> & herzien";
    step_in(second, "huisbezoek").name = "Huisbezoek <op indicatie> & controle";
    const artikel1::Round before{first_assessment(), first_round()};
    const artikel1::Round after = model_round(second);
    auto c = artikel1::compare_rounds(before, after);
    const auto& kb = builtin_kb();
    std::string html = artikel1::report::comparison_html(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(html, Contains("<title>Comparison of two rounds: Ronde 2 &lt;concept&gt; &amp; herzien</title>"));
    CHECK_THAT(html, Contains("<br>This round: <strong>Ronde 2 &lt;concept&gt; &amp; herzien</strong> (<code>bijstand-aanvraag-toets</code>"));
    CHECK_THAT(html, Contains("<tr><td>Huisbezoek &lt;op indicatie&gt; &amp; controle <code>huisbezoek</code></td><td>race</td>"
                              "<td>down, lower level</td>"));
    CHECK_THAT(html, Contains("<tr><td>Huisbezoek &lt;op indicatie&gt; &amp; controle</td><td>standard criteria / protocol: "));
    CHECK_THAT(html, !Contains("<op indicatie>"));
    CHECK_THAT(html, !Contains("<concept>"));
    CHECK_THAT(html, !Contains("& controle"));
    std::string md = artikel1::report::comparison_markdown(c, before.assessment, after.assessment, kb, Language::en);
    CHECK_THAT(md, Contains("\n- This round: Ronde 2 &lt;concept&gt; &amp; herzien `bijstand-aanvraag-toets`, `artikel1-method/1.1`\n"));
    CHECK_THAT(md, Contains("\n| Huisbezoek &lt;op indicatie&gt; &amp; controle `huisbezoek` | race | down, lower level | 22.1 medium | 14.9 low |\n"));
    CHECK_THAT(md, Contains("\n| Huisbezoek &lt;op indicatie&gt; &amp; controle | standard criteria / protocol: "));
    CHECK_THAT(md, !Contains("<op indicatie>"));
    std::string text = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, Language::nl);
    CHECK_THAT(text, Contains(" -> Ronde 2 <concept> & herzien (bijstand-aanvraag-toets)\n"));
    CHECK_THAT(text, Contains("\n  omlaag      Huisbezoek <op indicatie> & controle (huisbezoek) / ras: 22,1 midden -> 14,9 laag (lager niveau)\n"));
    CHECK_THAT(text, Contains("\n  nu ingevoerd: Huisbezoek <op indicatie> & controle (huisbezoek): vaste beoordelingscriteria"));
    auto doc = artikel1::to_json(c);
    CHECK(doc["after"]["name"] == "Ronde 2 <concept> & herzien");
    CHECK(doc["changes"][0]["step_name"] == "Huisbezoek <op indicatie> & controle");
    CHECK(doc["actions"][0]["step_name"] == "Huisbezoek <op indicatie> & controle");
}

TEST_CASE("the dossier view of the shipped example: team, register, justifications, input and the action plan", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const auto& p = first_round();
    const auto& a = first_assessment();
    auto view = artikel1::report::dossier_view(p, a, builtin_kb());
    CHECK_FALSE(view.empty());
    CHECK(view.team == &*p.team);
    REQUIRE(view.register_rows.size() == 3);
    CHECK(view.register_rows[0].assumption->id == "mb-taal");
    CHECK(view.register_rows[0].steps == std::vector<std::string>{"Intakegesprek met de klantmanager"});
    CHECK(view.register_rows[2].assumption->id == "mb-samenwonen");
    // date of birth and nationality are direct distinctions; the residence permit is not one, so it has no row
    REQUIRE(view.justifications.size() == 2);
    CHECK(view.justifications[0].step == "Melding via het digitale loket");
    CHECK(view.justifications[0].attribute == "Geboortedatum");
    CHECK(view.justifications[0].legal_basis.empty());
    CHECK(view.justifications[1].attribute == "Nationaliteit");
    CHECK(view.justifications[1].legal_basis == "Participatiewet art. 11 (rechthebbenden)");
    REQUIRE(view.justifications[1].justification);
    CHECK(view.justifications[1].justification->verdict == artikel1::Verdict::justified);
    REQUIRE(view.inputs.size() == 3);
    CHECK(view.inputs[2].step == "Huisbezoek (op indicatie)");
    CHECK(view.inputs[2].input->by == artikel1::InputBy::citizens);
    REQUIRE(view.actions.size() == 6);
    std::vector<bool> known;
    std::vector<std::size_t> moves;
    for (const auto& row : view.actions) {
        known.push_back(row.known_measure);
        moves.push_back(row.moves.size());
    }
    CHECK(known == std::vector<bool>{true, true, false, true, true, true});
    // the reminder letter names no measure and the four-eyes principle is in place: nothing to compute for them
    CHECK(moves == std::vector<std::size_t>{11, 6, 0, 6, 11, 0});

    // one mensbeeld at two steps is one row of the register, naming both steps
    artikel1::Process shared = p;
    step_in(shared, "huisbezoek").assumptions.push_back(step_in(shared, "documentencheck").assumptions[0]);
    auto shared_view = artikel1::report::dossier_view(shared, artikel1::assess(shared), builtin_kb());
    REQUIRE(shared_view.register_rows.size() == 3);
    CHECK(shared_view.register_rows[1].steps ==
          std::vector<std::string>{"Controle bewijsstukken (binnen de hersteltermijn)", "Huisbezoek (op indicatie)"});
    CHECK_THAT(artikel1::report::dossier_text(shared, artikel1::assess(shared), builtin_kb(), in_language(Language::nl)),
               Contains("\n    Gronden: handicap, chronische ziekte; Stappen: Controle bewijsstukken (binnen de hersteltermijn), "
                        "Huisbezoek (op indicatie)\n"));

    // a /1 model has no team's work: an empty view and no section in any format
    auto plain = artikel1::builtin_example("bijstand-aanvraag");
    auto plain_a = artikel1::assess(plain);
    CHECK(artikel1::report::dossier_view(plain, plain_a, builtin_kb()).empty());
    CHECK(artikel1::report::dossier_markdown(plain, plain_a, builtin_kb(), in_language(Language::en)).empty());
    CHECK(artikel1::report::dossier_html(plain, plain_a, builtin_kb(), in_language(Language::en)).empty());
}

TEST_CASE("would_give: the moves of a planned measure, nothing for what cannot or does not move", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const auto& p = first_round();
    const auto& a = first_assessment();
    const auto& kb = builtin_kb();
    const std::size_t intake = a.step_index("intake"), documentencheck = a.step_index("documentencheck"),
                      huisbezoek = a.step_index("huisbezoek");
    // language support at the intake, checked against the model assessed with it in place
    auto moves = artikel1::report::would_give(p, intake, p.steps[intake].actions[1], a, kb);
    artikel1::Process with = p;
    with.steps[intake].actions[1].status = artikel1::ActionStatus::in_place;
    auto expected = artikel1::assess(with);
    std::vector<std::string> grounds;
    for (const auto& m : moves) {
        grounds.push_back(a.grounds[m.ground]);
        const auto& now = a.steps[intake].scores[m.ground];
        const auto& then = expected.steps[intake].scores[m.ground];
        CHECK(m.before == now.score);
        CHECK(m.level_before == now.level);
        CHECK(m.after == then.score);
        CHECK(m.level_after == then.level);
        CHECK(m.after < m.before);
    }
    CHECK(grounds == std::vector<std::string>{"race", "disability", "nationality", "age", "chronic_illness", "civil_status"});
    // no measure of the knowledge base, an unknown one, a step out of range, a measure already in place
    CHECK(artikel1::report::would_give(p, documentencheck, p.steps[documentencheck].actions[0], a, kb).empty());
    artikel1::Action magic{"magic", "", artikel1::ActionStatus::planned, "", "", ""};
    CHECK(artikel1::report::would_give(p, intake, magic, a, kb).empty());
    CHECK(artikel1::report::would_give(p, p.steps.size(), p.steps[intake].actions[1], a, kb).empty());
    CHECK(artikel1::report::would_give(p, huisbezoek, p.steps[huisbezoek].actions[1], a, kb).empty());
    // a planned measure that the step also lists in its measures counts once: no effect, and the report says so
    artikel1::Process listed = p;
    listed.steps[huisbezoek].measures.push_back("standard_criteria");
    auto listed_a = artikel1::assess(listed);
    CHECK(artikel1::report::would_give(listed, huisbezoek, listed.steps[huisbezoek].actions[0], listed_a, kb).empty());
    CHECK_THAT(artikel1::report::dossier_text(listed, listed_a, kb, in_language(Language::en)),
               Contains(" [planned, teamleider Handhaving, 15 January 2027]\n    No effect on the score.\n"));
    CHECK_THAT(artikel1::report::dossier_markdown(listed, listed_a, kb, in_language(Language::nl)),
               Contains(" | 15 januari 2027 | Elk kwartaal beoordeelt de kwaliteitsmedewerker tien verslagen van huisbezoeken aan het "
                        "protocol. | Geen effect op de score. |\n"));
}

TEST_CASE("the dossier as text, in Dutch and English", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const auto& p = first_round();
    const auto& a = first_assessment();
    std::string nl = artikel1::report::dossier_text(p, a, builtin_kb(), in_language(Language::nl));
    CHECK_THAT(nl, StartsWith("\nHet onderzoeksteam\n  Periode: 1 september 2026 tot en met 30 november 2026\n"
                              "  - beleidsadviseur Werk en Inkomen (voorzitter): J. Jansen\n  - klantmanager Inkomen: R. Visser\n"
                              "  - handhavingsspecialist\n  - functionaris gegevensbescherming\n"
                              "  - ervaringsdeskundige namens de cliëntenraad\n"
                              "  8 september 2026: Het proces in kaart: waar beslissen medewerkers zelf?\n"));
    CHECK_THAT(nl, Contains("\n  17 november 2026: Conclusies en actieplan\n\nRegister van mensbeelden\n"));
    // a mensbeeld without a conclusion has no conclusion line
    CHECK_THAT(nl, Contains("\n  - Wie de bewijsstukken niet op tijd inlevert, heeft iets te verbergen. [wordt getoetst]\n"
                            "    Gronden: handicap, chronische ziekte; Stappen: Controle bewijsstukken (binnen de hersteltermijn)\n"
                            "  - Een alleenstaande moeder"));
    CHECK_THAT(nl, Contains("\nRechtvaardigingstoets van direct onderscheid\n"
                            "  - Geboortedatum (Melding via het digitale loket): gerechtvaardigd\n"
                            "  - Nationaliteit (Intakegesprek met de klantmanager): gerechtvaardigd\n"));
    CHECK_THAT(nl, Contains("\n  - Huisbezoek (op indicatie), burgers (Bewonersavond wijkteam Noord): Een onaangekondigd huisbezoek door "
                            "twee controleurs voelt als intimidatie; de buren zien wie er aan de deur staat.\n"));
    CHECK_THAT(nl, Contains("\n  - Intakegesprek met de klantmanager: taalondersteuning [gepland, teamleider Klantmanagement, 31 januari 2027]\n"
                            "    Zodra ingevoerd: ras 75,6 zeer hoog -> 75,4 zeer hoog; handicap 45,5 hoog -> 44,6 hoog; nationaliteit "
                            "70,3 zeer hoog -> 69,8 zeer hoog; leeftijd 45,1 hoog -> 44,6 hoog; chronische ziekte 25,9 midden -> 24,9 "
                            "midden; burgerlijke staat 40,5 hoog -> 40,2 hoog\n"));
    CHECK_THAT(nl, Contains("\n  - Controle bewijsstukken (binnen de hersteltermijn): " + reminder +
                            " [gepland, communicatieadviseur Werk en Inkomen, 1 februari 2027]\n"
                            "    Niet berekend: geen maatregel uit de kennisbank.\n"));
    CHECK_THAT(nl, EndsWith("\n  - Huisbezoek (op indicatie): vier-ogenprincipe [ingevoerd, teamleider Handhaving, 1 november 2026]\n"
                            "    Ingevoerd: telt mee in de score.\n"));
    // the sections in their order
    CHECK(nl.find("Register van mensbeelden") < nl.find("Rechtvaardigingstoets"));
    CHECK(nl.find("Rechtvaardigingstoets") < nl.find("Inbreng van burgers en cliëntenraden"));
    CHECK(nl.find("Inbreng van burgers en cliëntenraden") < nl.find("Actieplan van het team"));

    std::string en = artikel1::report::dossier_text(p, a, builtin_kb(), in_language(Language::en));
    CHECK_THAT(en, StartsWith("\nThe team\n  Period: 1 September 2026 to 30 November 2026\n"));
    CHECK_THAT(en, Contains("\n  29 September 2026: Mensbeelden bij de intake, de documentencheck en het huisbezoek\n"));
    CHECK_THAT(en, Contains("\nRegister of assumptions (mensbeelden)\n  - Aanvragers die slecht Nederlands spreken, verzwijgen vaker "
                            "inkomsten of vermogen. [refuted]\n    Grounds: race, nationality; Steps: Intakegesprek met de klantmanager\n"
                            "    Conclusion: De cijfers steunen de aanname niet."));
    CHECK_THAT(en, Contains("\n  - Selectie voor extra controle (risicoregels), interest group (Stichting Voorbeeldstad Divers): De selectie"));
    CHECK_THAT(en, Contains("\n  - Selectie voor extra controle (risicoregels): selection-criteria justification test: " + criteria_test +
                            " [planned, informatiemanager Werk en Inkomen, 28 February 2027]\n"
                            "    Once in place: religion 18.8 low -> 13.6 low; race 43.2 high -> 33.9 medium; sex 15.5 low -> 10.9 low; "
                            "sexual orientation 10.4 low -> 7.2 low; nationality 35.8 medium -> 26.2 medium; civil status 36.2 medium -> "
                            "25.4 medium\n"));
    CHECK_THAT(en, Contains("    Not computed: not a measure of the knowledge base.\n"));
    CHECK_THAT(en, EndsWith("\n  - Huisbezoek (op indicatie): four-eyes principle [in place, teamleider Handhaving, 1 November 2026]\n"
                            "    In place: counted in the score.\n"));

    // a direct distinction without a recorded test
    artikel1::Process untested = p;
    step_in(untested, "intake").uses[0].justification.reset();
    CHECK_THAT(artikel1::report::dossier_text(untested, a, builtin_kb(), in_language(Language::nl)),
               Contains("\n  - Nationaliteit (Intakegesprek met de klantmanager): Nog geen toets vastgelegd.\n"));
}

TEST_CASE("the dossier as Markdown and HTML, with its cells escaped", "[comparison_writers]") {
    using namespace comparison_writers_test;
    const auto& p = first_round();
    const auto& a = first_assessment();
    const auto& kb = builtin_kb();
    std::string md = artikel1::report::dossier_markdown(p, a, kb, in_language(Language::nl));
    CHECK_THAT(md, StartsWith("\n## Het onderzoeksteam\n\nPeriode: 1 september 2026 tot en met 30 november 2026\n\n| Functie | Naam |\n"
                              "|---|---|\n| beleidsadviseur Werk en Inkomen (voorzitter) | J. Jansen |\n"));
    CHECK_THAT(md, Contains("\n| handhavingsspecialist | - |\n"));
    CHECK_THAT(md, Contains("\n| Datum | Onderwerp | Uitkomst |\n|---|---|---|\n| 8 september 2026 | Het proces in kaart: waar beslissen "
                            "medewerkers zelf? | De intake en het huisbezoek zijn de stappen met de meeste beleidsvrijheid; daar ligt de "
                            "nadruk. |\n"));
    CHECK_THAT(md, Contains("\n| **Wie de bewijsstukken niet op tijd inlevert, heeft iets te verbergen.**<br>Gronden: handicap, chronische "
                            "ziekte; Stappen: Controle bewijsstukken (binnen de hersteltermijn) | Genoemd in de tweede sessie; het staat "
                            "niet in de werkinstructies. | - | "));
    CHECK_THAT(md, Contains(" | wordt getoetst | - |\n"));
    CHECK_THAT(md, Contains("\n### Nationaliteit · Intakegesprek met de klantmanager\n\n- Wettelijke grondslag: Participatiewet art. 11 "
                            "(rechthebbenden)\n- Legitiem doel: Vaststellen of de aanvrager recht heeft op bijstand"));
    CHECK_THAT(md, Contains("\n| Huisbezoek (op indicatie) | burgers: Bewonersavond wijkteam Noord (13 oktober 2026) | Een onaangekondigd "));
    CHECK_THAT(md, Contains("\n| Intakegesprek met de klantmanager | taalondersteuning | gepland | teamleider Klantmanagement | 31 januari 2027 "
                            "| Elk kwartaal: het aantal intakes met een tolk, en de uitval in de hersteltermijn per taalgroep. | Zodra "
                            "ingevoerd: ras 75,6 zeer hoog → 75,4 zeer hoog; handicap 45,5 hoog → 44,6 hoog; nationaliteit 70,3 zeer "
                            "hoog → 69,8 zeer hoog; leeftijd 45,1 hoog → 44,6 hoog; chronische ziekte 25,9 midden → 24,9 midden; "
                            "burgerlijke staat 40,5 hoog → 40,2 hoog |\n"));
    std::string md_en = artikel1::report::dossier_markdown(p, a, kb, in_language(Language::en));
    CHECK_THAT(md_en, Contains("\n| Controle bewijsstukken (binnen de hersteltermijn) | " + reminder + " | planned | communicatieadviseur "
                               "Werk en Inkomen | 1 February 2027 | De uitval in de hersteltermijn vóór en na de invoering van de "
                               "herinneringsbrief. | Not computed: not a measure of the knowledge base. |\n"));
    CHECK_THAT(md_en, Contains("\n| Huisbezoek (op indicatie) | four-eyes principle | in place | teamleider Handhaving | 1 November 2026 | "));
    CHECK_THAT(md_en, EndsWith(" | In place: counted in the score. |\n"));

    std::string html = artikel1::report::dossier_html(p, a, kb, in_language(Language::en));
    CHECK_THAT(html, StartsWith("<section id=\"dossier\">\n<h2>The team</h2>\n<p>Period: 1 September 2026 to 30 November 2026</p>\n"
                                "<table id=\"team\">\n<tr><th>Role</th><th>Name</th></tr>\n"));
    CHECK_THAT(html, Contains("<tr><td>handhavingsspecialist</td><td>-</td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><td style=\"white-space:nowrap\">17 November 2026</td><td>Conclusies en actieplan</td>"));
    CHECK_THAT(html, Contains("<tr><th>Status</th><td><strong>being tested</strong></td></tr>\n<tr><th>Grounds</th><td>disability, "
                              "chronic illness</td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><th>Evidence for</th><td>-</td></tr>\n"));
    CHECK_THAT(html, Contains("<tr><th>Evidence against</th><td><ul class=\"sources\"><li>In 412 heronderzoeken (2024-2025) werd niet "
                              "vaker teruggevorderd bij aanvragers die slecht Nederlands spreken.</li><li>De sociale recherche heeft geen "
                              "cijfers die de aanname steunen.</li></ul></td></tr>\n"));
    CHECK_THAT(html, Contains("<h3>Geboortedatum &middot; Melding via het digitale loket</h3>\n<table class=\"justification\">\n"
                              "<tr><th>Legitimate aim</th>"));
    CHECK_THAT(html, Contains("<tr><th>Verdict</th><td><strong>justified</strong></td></tr>\n"));
    CHECK_THAT(html, Contains("<td>citizens: Bewonersavond wijkteam Noord<br><small>13 October 2026</small></td>"));
    CHECK_THAT(html, Contains("<td colspan=\"6\"><em>Effect on the score:</em> Not computed: not a measure of the knowledge base.</td>"));
    CHECK_THAT(html, Contains("<td colspan=\"6\"><em>Effect on the score:</em> Once in place: <span style=\"white-space:nowrap\">race "
                              "<span class=\"badge\" style=\"background:#d73027;color:white\">75.6 very high</span> &rarr; "
                              "<span class=\"badge\" style=\"background:#d73027;color:white\">75.4 very high</span></span> &middot; "
                              "<span style=\"white-space:nowrap\">disability <span class=\"badge\" style=\"background:#fc8d59\">45.5 "
                              "high</span> &rarr; <span class=\"badge\" style=\"background:#fc8d59\">44.6 high</span></span>"));
    CHECK_THAT(html, EndsWith("<td colspan=\"6\"><em>Effect on the score:</em> In place: counted in the score.</td></tr>\n</table>\n</section>\n"));

    // the team's own words are escaped: HTML entities, Markdown's table and link characters
    artikel1::Process odd = p;
    odd.team->members[2].name = "A & B <x>";
    odd.team->members[3].role = "jurist | privacy [AVG]";
    std::string odd_html = artikel1::report::dossier_html(odd, a, kb, in_language(Language::nl));
    CHECK_THAT(odd_html, Contains("<tr><td>handhavingsspecialist</td><td>A &amp; B &lt;x&gt;</td></tr>\n"));
    CHECK_THAT(odd_html, !Contains("<x>"));
    std::string odd_md = artikel1::report::dossier_markdown(odd, a, kb, in_language(Language::nl));
    CHECK_THAT(odd_md, Contains("\n| handhavingsspecialist | A &amp; B &lt;x&gt; |\n| jurist \\| privacy \\[AVG\\] | - |\n"));

    // a direct distinction without a recorded test says so
    artikel1::Process untested = p;
    step_in(untested, "intake").uses[0].justification.reset();
    CHECK_THAT(artikel1::report::dossier_markdown(untested, a, kb, in_language(Language::en)),
               Contains("\n### Nationaliteit · Intakegesprek met de klantmanager\n\n- Legal basis: Participatiewet art. 11 "
                        "(rechthebbenden)\n- Verdict: No test recorded yet.\n"));
    CHECK_THAT(artikel1::report::dossier_html(untested, a, kb, in_language(Language::en)),
               Contains("<h3>Nationaliteit &middot; Intakegesprek met de klantmanager</h3>\n<table class=\"justification\">\n"
                        "<tr><th>Legal basis</th><td>Participatiewet art. 11 (rechthebbenden)</td></tr>\n"
                        "<tr><th>Verdict</th><td>No test recorded yet.</td></tr>\n</table>\n"));
}

TEST_CASE("rounds of a process without a name are named by their id", "[comparison_writers]") {
    using namespace comparison_writers_test;
    artikel1::Process before = first_round(), after = protocol_in_place();
    before.name.clear();
    after.name.clear();
    auto c = artikel1::compare_rounds(model_round(before), model_round(after));
    const auto a = artikel1::assess(before), b = artikel1::assess(after);
    std::string md = artikel1::report::comparison_markdown(c, a, b, builtin_kb(), Language::nl);
    CHECK_THAT(md, Contains("\n- Vorige ronde: `" + before.id + "`, `" + a.method_id + "`\n"));
    CHECK_THAT(md, Contains("\n- Deze ronde: `" + after.id + "`, `" + b.method_id + "`\n"));
    std::string html = artikel1::report::comparison_html(c, a, b, builtin_kb(), Language::en);
    CHECK_THAT(html, Contains("<title>Comparison of two rounds: " + after.id + "</title>"));
}

TEST_CASE("a team's period with one date says whether it is the start or the end", "[comparison_writers]") {
    using artikel1::report::detail::period_text;
    artikel1::Team team;
    CHECK(period_text(team, Language::nl).empty());
    team.start = "2026-09-01";
    CHECK(period_text(team, Language::nl) == "vanaf 1 september 2026");
    CHECK(period_text(team, Language::en) == "from 1 September 2026");
    team.end = "2026-11-30";
    CHECK(period_text(team, Language::nl) == "1 september 2026 tot en met 30 november 2026");
    CHECK(period_text(team, Language::en) == "1 September 2026 to 30 November 2026");
    team.start.clear();
    CHECK(period_text(team, Language::nl) == "tot en met 30 november 2026");
    CHECK(period_text(team, Language::en) == "until 30 November 2026");
}

TEST_CASE("decimal() and long_date() in both languages; a malformed date is returned as it is", "[comparison_writers]") {
    using artikel1::Language;
    using artikel1::report::decimal;
    using artikel1::report::long_date;
    CHECK(decimal(0, Language::nl) == "0,0");
    CHECK(decimal(0, Language::en) == "0.0");
    CHECK(decimal(100, Language::nl) == "100,0");
    CHECK(decimal(5.06, Language::nl) == "5,1");
    CHECK(decimal(5.06, Language::en) == "5.1");
    CHECK(decimal(74.3, Language::nl) == "74,3");
    CHECK(long_date("2026-09-08", Language::nl) == "8 september 2026"); // the day without its leading zero
    CHECK(long_date("2026-09-08", Language::en) == "8 September 2026");
    CHECK(long_date("2027-01-15", Language::en) == "15 January 2027");
    CHECK(long_date("2026-05-01", Language::nl) == "1 mei 2026");
    CHECK(long_date("2026-12-31", Language::nl) == "31 december 2026");
    CHECK(long_date("2026-12-31", Language::en) == "31 December 2026");
    CHECK(long_date("2026-10-20", Language::en) == "20 October 2026");
    CHECK(long_date("2028-02-29", Language::nl) == "29 februari 2028"); // a leap day
    for (const char* bad : {"2026-13-01", "2026-00-10", "1-9-2026", "2026-09-8", "20260908", "", "2026/09/08", "2026-1-015",
                            "2026-09-00", "abcd-05-xy", "2026-02-29", "2026-04-31"}) {
        INFO(bad);
        CHECK(long_date(bad, Language::nl) == bad);
        CHECK(long_date(bad, Language::en) == bad);
    }
}
