// SPDX-License-Identifier: EUPL-1.2
// The team's work in the model (schema artikel1/process/2): a /1 model reads, saves and assesses as before; a /2
// model reads every part, with every problem at its pointer; measures of the action plan count only when in place;
// the report shows what is present; two rounds compare with names and the changes of the team's work.
#include "test_support.hpp"

#include <artikel1/assessment.hpp>
#include <artikel1/assessment_json.hpp>
#include <artikel1/examples.hpp>
#include <artikel1/report/comparison.hpp>
#include <artikel1/report/dossier.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/markdown.hpp>
#include <artikel1/report/text.hpp>

#include <catch2/catch.hpp>

using json = nlohmann::ordered_json;
using Lines = std::vector<std::string>;

namespace {

const artikel1::KnowledgeBase& builtin() { return artikel1::KnowledgeBase::builtin(); }

/// The small model as /2, with one action, one input, one register entry and a team.
json small_model_2() {
    json m = test::small_model();
    m["schema"] = "artikel1/process/2";
    m["team"] = {{"members", {{{"role", "beleidsadviseur"}, {"name", "A. Jansen"}}, {{"role", "klantmanager"}}}},
                 {"period", {{"start", "2026-09-01"}, {"end", "2026-11-30"}}},
                 {"sessions", {{{"date", "2026-09-08"}, {"subject", "Start"}}}}};
    m["steps"][1]["assumptions"] = {{{"text", "Wie in wijk 12 woont, fraudeert vaker."},
                                     {"grounds", {"race"}},
                                     {"id", "mb-wijk"},
                                     {"status", "open"}}};
    m["steps"][1]["input"] = {{{"by", "client_council"}, {"text", "Selectie op wijk voelt als wantrouwen."}}};
    m["steps"][1]["actions"] = {{{"measure", "random_sampling"}, {"status", "planned"}, {"deadline", "2027-01-31"}}};
    return m;
}

double score_at(const artikel1::Assessment& a, const char* step, const char* ground) { return a.at(step, ground).score; }

} // namespace

TEST_CASE("a /1 model reads, saves and assesses exactly as before", "[dossier]") {
    const std::string text(artikel1::builtin_example_json("bijstand-aanvraag"));
    auto process = artikel1::load_process(text);
    CHECK(process.schema_version == 1);
    CHECK_FALSE(process.has_dossier());
    CHECK(artikel1::save_process(process) == text); // byte for byte, and still /1
    CHECK(text.find("\"schema\": \"artikel1/process/1\"") != std::string::npos);
    auto a = artikel1::assess(process);
    // the values of examples/README.md
    CHECK(score_at(a, "intake", "race") == 74.3);
    CHECK(score_at(a, "intake", "nationality") == 68.7);
    // the report of a /1 model has none of the team's parts
    artikel1::report::ReportOptions o;
    CHECK(artikel1::report::to_html(process, a, builtin(), o, "<svg></svg>").find("id=\"dossier\"") == std::string::npos);
    CHECK(artikel1::report::to_markdown(process, a, builtin(), o).find(std::string(artikel1::report::words::actions_title.en)) ==
          std::string::npos);
    CHECK(artikel1::report::dossier_text(process, a, builtin(), o).empty());
}

TEST_CASE("a /1 document may not use the members of /2", "[dossier]") {
    json m = small_model_2();
    m["schema"] = "artikel1/process/1";
    CHECK(test::problems_of(m, true) == Lines{
        "warning /team: unknown member \"team\" is ignored",
        "warning /steps/1/actions: unknown member \"actions\" is ignored",
        "warning /steps/1/input: unknown member \"input\" is ignored",
        "warning /steps/1/assumptions/0/id: unknown member \"id\" is ignored",
        "warning /steps/1/assumptions/0/status: unknown member \"status\" is ignored",
    });
    auto process = artikel1::read_process(m.dump(), test::kb()).process;
    CHECK_FALSE(process.has_dossier());
    CHECK(artikel1::save_process(process).find("artikel1/process/1") != std::string::npos);
    m["schema"] = "artikel1/process/9";
    CHECK(test::problems_of(m).front() ==
          "/schema: unsupported schema \"artikel1/process/9\" (expected \"artikel1/process/1\" or \"artikel1/process/2\")");
}

TEST_CASE("a /2 model reads every part and saves it back", "[dossier]") {
    json m = small_model_2();
    CHECK(test::problems_of(m, true).empty());
    auto p = artikel1::load_process(m.dump(), test::kb());
    CHECK(p.schema_version == 2);
    REQUIRE(p.team);
    CHECK(p.team->members == std::vector<artikel1::TeamMember>{{"beleidsadviseur", "A. Jansen"}, {"klantmanager", ""}});
    CHECK(p.team->start == "2026-09-01");
    CHECK(p.team->end == "2026-11-30");
    CHECK(p.team->sessions == std::vector<artikel1::Session>{{"2026-09-08", "Start", ""}});
    const auto& check = p.steps[1];
    REQUIRE(check.assumptions.size() == 1);
    CHECK(check.assumptions[0].id == "mb-wijk");
    CHECK(check.assumptions[0].status == artikel1::AssumptionStatus::open);
    CHECK(check.input == std::vector<artikel1::CitizenInput>{{artikel1::InputBy::client_council, "", "", "Selectie op wijk voelt als wantrouwen.", ""}});
    REQUIRE(check.actions.size() == 1);
    CHECK(check.actions[0].measure == "random_sampling");
    CHECK(check.actions[0].status == artikel1::ActionStatus::planned);
    CHECK(check.actions[0].deadline == "2027-01-31");
    std::string saved = artikel1::save_process(p);
    CHECK(saved.starts_with("{\n  \"schema\": \"artikel1/process/2\",\n"));
    auto back = artikel1::load_process(saved, test::kb());
    CHECK(back == p);
    CHECK(artikel1::save_process(back) == saved);
    // the team comes after "start" and before "attributes"; a step's input and actions after its signals
    CHECK(saved.find("\"team\"") < saved.find("\"attributes\""));
    CHECK(saved.find("\"input\"") < saved.find("\"actions\""));
    // a model built in code with the team's work is saved as /2
    artikel1::Process built = artikel1::load_process(test::small_model().dump(), test::kb());
    built.steps[1].actions.push_back({"random_sampling", "", artikel1::ActionStatus::in_place, "teamleider", "", ""});
    CHECK(artikel1::save_process(built).find("artikel1/process/2") != std::string::npos);
}

TEST_CASE("the shipped /2 example uses every part of the team's work", "[dossier]") {
    auto p = artikel1::builtin_example("bijstand-aanvraag-toets");
    CHECK(p.schema_version == 2);
    REQUIRE(p.team);
    CHECK(p.team->members.size() == 5);
    CHECK(p.team->sessions.size() == 4);
    CHECK(p.team->start == "2026-09-01");
    std::size_t register_entries = 0, justifications = 0, inputs = 0, actions = 0, in_place = 0;
    for (const auto& s : p.steps) {
        for (const auto& a : s.assumptions) register_entries += a.in_register() ? 1 : 0;
        for (const auto& u : s.uses) justifications += u.justification ? 1 : 0;
        inputs += s.input.size();
        actions += s.actions.size();
        for (const auto& a : s.actions) in_place += a.status == artikel1::ActionStatus::in_place ? 1 : 0;
    }
    CHECK(register_entries == 3);
    CHECK(justifications == 2);
    CHECK(inputs == 3);
    CHECK(actions == 6);
    CHECK(in_place == 1);
}

TEST_CASE("every problem of the team's work at its pointer", "[dossier]") {
    json m = small_model_2();
    m["team"]["period"] = {{"start", "2026-09-01"}, {"end", "1-9-2026"}};
    m["team"]["members"][1].erase("role");
    m["team"]["sessions"][0]["date"] = "2026-02-30";
    m["steps"][1]["assumptions"][0]["status"] = "verified";
    m["steps"][1]["assumptions"][0]["evidence_for"] = {"ja", 3};
    m["steps"][1]["input"][0]["by"] = "council";
    m["steps"][1]["input"][0].erase("text");
    m["steps"][1]["actions"] = {{{"measure", "random_sampling"}, {"status", "done"}},
                                {{"owner", "teamleider"}, {"status", "planned"}},
                                {{"measure", "magic"}, {"status", "planned"}},
                                {{"measure", "random_sampling"}, {"status", "in_progress"}}};
    m["steps"][1]["uses"][0]["justification"] = {{"aim", "Fraude bestrijden"}, {"verdict", "fine"}};
    CHECK(test::problems_of(m, true) == Lines{
        "/team/members/1: missing required member \"role\"",
        "/team/period/end: expected a date YYYY-MM-DD, found \"1-9-2026\"",
        "/team/sessions/0/date: expected a date YYYY-MM-DD, found \"2026-02-30\"",
        "/steps/1/uses/0/justification/verdict: unknown value \"fine\" (expected one of: undecided, justified, not_justified)",
        "/steps/1/assumptions/0/evidence_for/1: expected a string, found a number",
        "/steps/1/assumptions/0/status: unknown value \"verified\" (expected one of: open, testing, confirmed, refuted, adjusted)",
        "/steps/1/input/0/by: unknown value \"council\" (expected one of: citizens, client_council, interest_group)",
        "/steps/1/input/0: missing required member \"text\"",
        "/steps/1/actions/0/status: unknown value \"done\" (expected one of: planned, in_progress, in_place)",
        "/steps/1/actions/1: an action needs a \"measure\" (of the knowledge base) or a \"description\"",
        "warning /steps/1/uses/0/justification: a justification test is for a direct distinction; attribute \"pc\" (kind "
        "\"postcode\") is no ground itself",
        "/steps/1/actions/2/measure: unknown measure \"magic\"",
        "/steps/1/actions/3/measure: measure \"random_sampling\" is in the action plan twice (first at /steps/1/actions/0)",
    });
}

TEST_CASE("checks across the team's work: the period, sessions, one id per mensbeeld, measures listed twice", "[dossier]") {
    json m = small_model_2();
    m["team"]["period"] = {{"start", "2026-09-01"}, {"end", "2026-08-01"}};
    m["team"]["sessions"][0]["date"] = "2026-12-01";
    m["steps"][0]["assumptions"] = {{{"text", "Een andere tekst."}, {"grounds", {"race"}}, {"id", "mb-wijk"}}};
    m["steps"][1]["measures"] = {"random_sampling"};
    m["steps"][1]["actions"][0]["status"] = "in_place";
    CHECK(test::problems_of(m, true) == Lines{
        "/team/period/end: the period ends on 2026-08-01, before it starts on 2026-09-01",
        "warning /team/sessions/0/date: the session on 2026-12-01 is outside the period 2026-09-01 to 2026-08-01",
        "/steps/1/assumptions/0/id: assumption \"mb-wijk\" has another text or other grounds at /steps/0/assumptions/0; one id "
        "is one mensbeeld",
        "warning /steps/1/actions/0/status: measure \"random_sampling\" is also listed in \"measures\"; it counts once",
    });
    m = small_model_2();
    m["steps"][1]["measures"] = {"random_sampling"};
    CHECK(test::problems_of(m, true) == Lines{
        "warning /steps/1/actions/0/status: measure \"random_sampling\" is planned but already in place (listed in \"measures\")",
    });
}

TEST_CASE("only a measure in place lowers the score; a planned one shows what it would give", "[dossier]") {
    json m = small_model_2();
    auto planned = artikel1::load_process(m.dump(), test::kb());
    json listed = m;
    listed["steps"][1].erase("actions");
    auto without = artikel1::assess(artikel1::load_process(listed.dump(), test::kb()), test::kb());
    listed["steps"][1]["measures"] = {"random_sampling"};
    auto with = artikel1::assess(artikel1::load_process(listed.dump(), test::kb()), test::kb());
    auto a_planned = artikel1::assess(planned, test::kb());
    CHECK(score_at(a_planned, "check", "race") == score_at(without, "check", "race"));
    CHECK(score_at(with, "check", "race") < score_at(without, "check", "race"));
    m["steps"][1]["actions"][0]["status"] = "in_place";
    auto a_in_place = artikel1::assess(artikel1::load_process(m.dump(), test::kb()), test::kb());
    CHECK(artikel1::save_assessment(a_in_place) == artikel1::save_assessment(with)); // as if listed in "measures"
    // the would-be score of the planned action is the score with it in place
    auto moves = artikel1::report::would_give(planned, 1, planned.steps[1].actions[0], a_planned, test::kb());
    REQUIRE_FALSE(moves.empty());
    std::size_t race = a_planned.ground_index("race");
    bool found = false;
    for (const auto& move : moves) {
        if (move.ground != race) continue;
        found = true;
        CHECK(move.before == score_at(without, "check", "race"));
        CHECK(move.after == score_at(with, "check", "race"));
    }
    CHECK(found);
    // an in-place measure is no longer recommended at its step
    for (const auto& r : a_in_place.recommendations) CHECK_FALSE((r.step == "check" && r.measure == "random_sampling"));
}

TEST_CASE("the report shows the team's work in both languages", "[dossier]") {
    auto p = artikel1::builtin_example("bijstand-aanvraag-toets");
    auto a = artikel1::assess(p);
    artikel1::report::ReportOptions nl;
    nl.language = artikel1::Language::nl;
    artikel1::report::ReportOptions en;
    std::string html = artikel1::report::to_html(p, a, builtin(), nl, "<svg></svg>");
    for (const char* part : {"<h2>Het onderzoeksteam</h2>", "Periode: 1 september 2026 tot en met 30 november 2026",
                             "<h2>Register van mensbeelden</h2>", "<td><strong>weerlegd</strong></td>", "<td><strong>bijgesteld</strong></td>",
                             "<h3>Wie de bewijsstukken niet op tijd inlevert, heeft iets te verbergen.</h3>\n<table class=\"assumption\">\n"
                             "<tr><th>Status</th><td><strong>wordt getoetst</strong></td></tr>\n"
                             "<tr><th>Gronden</th><td>handicap, chronische ziekte</td></tr>\n"
                             "<tr><th>Stappen</th><td>Controle bewijsstukken (binnen de hersteltermijn)</td></tr>",
                             "<h2>Rechtvaardigingstoets van direct onderscheid</h2>", "<h3>Nationaliteit &middot; Intakegesprek met de klantmanager</h3>",
                             "<strong>gerechtvaardigd</strong>", "<h2>Inbreng van burgers en cliëntenraden</h2>",
                             "<td>cliëntenraad: Cliëntenraad Werk en Inkomen<br><small>20 oktober 2026</small></td>",
                             "<h2>Actieplan van het team</h2>", "<td colspan=\"6\"><em>Effect op de score:</em> Ingevoerd: telt mee in de score.</td>",
                             "<span style=\"white-space:nowrap\">ras <span class=\"badge\" style=\"background:#fee08b\">22,1 midden</span> "
                             "&rarr; <span class=\"badge\" style=\"background:#d9f0d3\">14,9 laag</span></span>",
                             "Niet berekend: geen maatregel uit de kennisbank."}) {
        INFO(part);
        CHECK(html.find(part) != std::string::npos);
    }
    // the dossier sits before the explanations
    CHECK(html.find("id=\"dossier\"") < html.find(std::string(artikel1::report::words::explanations.nl)));
    std::string md = artikel1::report::to_markdown(p, a, builtin(), en);
    for (const char* part : {"## The team", "Period: 1 September 2026 to 30 November 2026", "## Register of assumptions (mensbeelden)",
                             "## Justification tests of direct distinctions", "- Verdict: **justified**",
                             "## Input from citizens and client councils", "## The team's action plan",
                             "| Huisbezoek (op indicatie) | four-eyes principle | in place | teamleider Handhaving | 1 November 2026 |"}) {
        INFO(part);
        CHECK(md.find(part) != std::string::npos);
    }
    std::string text = artikel1::report::to_text(p, a, builtin(), nl);
    CHECK(text.find("Actieplan van het team\n  - Intakegesprek met de klantmanager: training vooroordelen en mensbeelden") !=
          std::string::npos);
}

TEST_CASE("a planned measure shows the score it would give, with a decimal comma in Dutch", "[dossier]") {
    auto p = artikel1::builtin_example("bijstand-aanvraag-toets");
    auto a = artikel1::assess(p);
    const std::size_t huisbezoek = a.step_index("huisbezoek");
    const auto& protocol = p.steps[huisbezoek].actions[0];
    REQUIRE(protocol.measure == "standard_criteria");
    auto with = p;
    with.steps[huisbezoek].measures.push_back("standard_criteria");
    auto expected = artikel1::assess(with);
    auto moves = artikel1::report::would_give(p, huisbezoek, protocol, a, builtin());
    std::size_t race = a.ground_index("race");
    bool found = false;
    for (const auto& m : moves) {
        if (m.ground != race) continue;
        found = true;
        CHECK(m.before == a.at("huisbezoek", "race").score);
        CHECK(m.after == expected.at("huisbezoek", "race").score);
    }
    CHECK(found);
    CHECK(artikel1::report::decimal(22.1, artikel1::Language::nl) == "22,1");
    CHECK(artikel1::report::decimal(22.1, artikel1::Language::en) == "22.1");
    CHECK(artikel1::report::long_date("2027-01-15", artikel1::Language::nl) == "15 januari 2027");
}

TEST_CASE("two rounds compare with names, measures now in place and assumptions that changed status", "[dossier]") {
    auto first = artikel1::builtin_example("bijstand-aanvraag-toets");
    auto second = first;
    auto step = [&](const char* id) -> artikel1::Step& {
        for (auto& s : second.steps) {
            if (s.id == id) return s;
        }
        throw std::logic_error("no step");
    };
    step("intake").actions[0].status = artikel1::ActionStatus::in_place;     // bias_training, was in progress
    step("huisbezoek").actions[0].status = artikel1::ActionStatus::in_place; // standard_criteria, was planned
    step("documentencheck").assumptions[0].status = artikel1::AssumptionStatus::confirmed; // was testing
    step("intake").assumptions.clear();                                      // the refuted mensbeeld is gone
    const artikel1::Round before{artikel1::assess(first), first}, after{artikel1::assess(second), second};
    auto c = artikel1::compare_rounds(before, after);
    CHECK(c.dossiers_compared);
    REQUIRE(c.actions.size() == 2);
    CHECK(c.actions[0].step == "intake");
    CHECK(c.actions[0].measure == "bias_training");
    CHECK(c.actions[0].before == artikel1::ActionStatus::in_progress);
    CHECK(c.actions[0].after == artikel1::ActionStatus::in_place);
    CHECK(c.actions[0].now_in_place());
    CHECK(c.actions[1].step == "huisbezoek");
    CHECK(c.actions[1].measure == "standard_criteria");
    CHECK(c.actions[1].now_in_place());
    REQUIRE(c.assumptions.size() == 2);
    CHECK(c.assumptions[0].id == "mb-termijn");
    CHECK(c.assumptions[0].before == artikel1::AssumptionStatus::testing);
    CHECK(c.assumptions[0].after == artikel1::AssumptionStatus::confirmed);
    CHECK(c.assumptions[1].id == "mb-taal");
    CHECK(c.assumptions[1].present_before);
    CHECK_FALSE(c.assumptions[1].present_after);
    // names and level moves: the protocol takes the home visit from medium to low on race
    bool found = false;
    for (std::size_t i = 0; i < c.scores.changes.size(); ++i) {
        const auto& ch = c.scores.changes[i];
        if (ch.step != "huisbezoek" || ch.ground != "race") continue;
        found = true;
        CHECK(c.step_names[i] == "Huisbezoek (op indicatie)");
        CHECK(c.ground_labels[i].nl == "ras");
        CHECK(*ch.before == 22.1);
        CHECK(*ch.after == 14.9);
        CHECK(c.level_moves[i] == -1);
    }
    CHECK(found);
    CHECK(c.scores.count(artikel1::ScoreChange::Kind::up) == 0);
    // the JSON keeps every field of artikel1/comparison/1 and adds the rest
    auto plain = artikel1::to_json(c.scores);
    auto rich = artikel1::to_json(c);
    for (const auto& [key, value] : plain.items()) {
        INFO(key);
        if (key == "changes" || key == "before" || key == "after") continue;
        CHECK(rich[key] == value);
    }
    CHECK(rich["before"]["process"] == plain["before"]["process"]);
    CHECK(rich["before"]["name"] == "Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde");
    REQUIRE(rich["changes"].size() == plain["changes"].size());
    for (std::size_t i = 0; i < plain["changes"].size(); ++i) {
        for (const auto& [key, value] : plain["changes"][i].items()) CHECK(rich["changes"][i][key] == value);
    }
    CHECK(rich["actions"][0]["now_in_place"] == true);
    CHECK(rich["actions"][0]["status_before"] == "in_progress");
    CHECK(rich["assumptions"][1]["status_after"].is_null());
    const auto& kb = builtin();
    std::string text = artikel1::report::comparison_text(c, before.assessment, after.assessment, kb, artikel1::Language::nl);
    CHECK(text.find("  nu ingevoerd: Huisbezoek (op indicatie) (huisbezoek): vaste beoordelingscriteria / protocol: Protocol "
                    "huisbezoek: alleen op concrete aanwijzingen, vooraf aangekondigd, met vastgelegd wat wel en niet bekeken "
                    "wordt (gepland -> ingevoerd)\n") != std::string::npos);
    CHECK(text.find("  Controle bewijsstukken (binnen de hersteltermijn) (documentencheck): \"Wie de bewijsstukken niet op tijd "
                    "inlevert, heeft iets te verbergen.\" (wordt getoetst -> bevestigd)\n") != std::string::npos);
    CHECK(text.find("(bijgesteld -> geschrapt)") == std::string::npos);
    CHECK(text.find("(weerlegd -> geschrapt)\n") != std::string::npos);
    CHECK(text.find("  omlaag      Huisbezoek (op indicatie) (huisbezoek) / ras: 22,1 midden -> 14,9 laag (lager niveau)\n") !=
          std::string::npos);
    std::string md = artikel1::report::comparison_markdown(c, before.assessment, after.assessment, kb, artikel1::Language::en);
    CHECK(md.find("| Huisbezoek (op indicatie) `huisbezoek` | race | down, lower level | 22.1 medium | 14.9 low |\n") !=
          std::string::npos);
    CHECK(md.find("| Huisbezoek (op indicatie) | standard criteria / protocol: Protocol huisbezoek: alleen op concrete "
                  "aanwijzingen, vooraf aangekondigd, met vastgelegd wat wel en niet bekeken wordt | planned | **in place** |\n") !=
          std::string::npos);
    std::string html = artikel1::report::comparison_html(c, before.assessment, after.assessment, kb, artikel1::Language::nl);
    CHECK(html.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(html.find("<td>gepland</td><td><strong>ingevoerd</strong></td>") != std::string::npos);
    // saved assessments carry no dossier: only the scores are compared
    auto scores_only = artikel1::compare_rounds({before.assessment, std::nullopt}, {after.assessment, std::nullopt});
    CHECK_FALSE(scores_only.dossiers_compared);
    CHECK(scores_only.actions.empty());
    CHECK(artikel1::report::comparison_text(scores_only, before.assessment, after.assessment, kb, artikel1::Language::en)
              .ends_with("\nThe team's work (action plan, assumptions) is compared only when both rounds are process models.\n"));
}
