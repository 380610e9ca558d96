// SPDX-License-Identifier: EUPL-1.2
// The catalogue of messages: every code has an English and a Dutch text with its placeholders filled; known bad
// inputs give their exact Dutch messages; every problem of validation has a code.
#include "test_support.hpp"

#include <artikel1/assessment_json.hpp>
#include <artikel1/disparity_counts.hpp>
#include <artikel1/event_log.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

namespace messages_test {

using artikel1::Language;
using artikel1::ProblemLevel;
using Lines = std::vector<std::string>;

/// The problems of a model as "pointer: message" in `language` (warnings marked).
Lines problems_in(const nlohmann::ordered_json& model, Language language) {
    Lines out;
    for (const auto& p : artikel1::read_process(model.dump(), test::kb()).problems)
        out.push_back((p.is_error() ? "" : "warning ") + p.pointer + ": " + artikel1::problem_message(p, language));
    return out;
}

Lines text_problems_in(std::string_view text, Language language) {
    Lines out;
    for (const auto& p : artikel1::read_process(text, test::kb()).problems)
        out.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + " " + p.code + ": " +
                      artikel1::problem_message(p, language));
    return out;
}

/// The kind of each placeholder of a text: index -> kind ("" for plain text).
std::map<std::size_t, std::string> placeholders(std::string_view text) {
    static const std::regex placeholder(R"(\{(\d+)(?::(\w+))?\})");
    std::map<std::size_t, std::string> out;
    std::string s(text);
    for (auto it = std::sregex_iterator(s.begin(), s.end(), placeholder); it != std::sregex_iterator(); ++it)
        out[std::stoul((*it)[1].str())] = (*it)[2].str();
    return out;
}

/// An argument of the right shape for a placeholder of `kind`.
std::string sample(const std::string& kind, std::size_t index) {
    if (kind == "number") return "0.25";
    if (kind == "type") return "array";
    if (kind == "list") return "task, decision";
    if (kind == "token") return "end of input";
    if (kind == "lexer") return "invalid literal";
    if (kind == "expected") return "'}'";
    if (kind == "errno") return "2"; // ENOENT
    if (kind == "role") return "case id";
    if (kind == "columns") return "3";
    if (kind == "or") return "\"a\" or \"b\"";
    if (kind == "formats") return "ISO 8601";
    if (kind == "document") return "XES document";
    return "\"argument" + std::to_string(index) + "\"";
}

} // namespace messages_test

TEST_CASE("every message of the catalogue has its English and Dutch text, every placeholder filled", "[messages]") {
    using namespace messages_test;
    std::set<std::string_view> codes;
    REQUIRE(artikel1::message_catalogue().size() >= 60);
    for (const auto& entry : artikel1::message_catalogue()) {
        INFO(entry.code);
        CHECK(codes.insert(entry.code).second);
        CHECK(std::regex_match(std::string(entry.code), std::regex("[a-z][a-z0-9_]*")));
        CHECK(!entry.en.empty());
        CHECK(!entry.nl.empty());
        CHECK(entry.nl != entry.en);
        auto en = placeholders(entry.en), nl = placeholders(entry.nl);
        std::map<std::size_t, std::string> kinds = nl;
        kinds.insert(en.begin(), en.end());
        for (std::size_t i = 0; i < entry.arity; ++i) CHECK(kinds.count(i) == 1); // every argument shown somewhere
        if (!kinds.empty()) CHECK(kinds.rbegin()->first < entry.arity);           // and no placeholder without one
        std::vector<std::string> args;
        for (std::size_t i = 0; i < entry.arity; ++i) args.push_back(sample(kinds[i], i));
        if (entry.wraps) { // the wrapped message's code and argument, then this one's own
            args = {"unknown_ground", "\"argument0\""};
            for (std::size_t i = 1; i < entry.arity; ++i) args.push_back(sample(kinds[i], i));
        }
        auto problem = artikel1::make_problem(ProblemLevel::warning, "/x", entry.code, args);
        CHECK(problem.code == entry.code);
        CHECK(problem.args == args);
        CHECK(problem.pointer == "/x");
        CHECK(problem_message(problem, Language::en) == problem.message);
        const std::string dutch = problem_message(problem, Language::nl);
        CHECK(dutch != problem.message);
        CHECK_FALSE(std::regex_search(dutch, std::regex(R"(\{\d)")));
        CHECK_FALSE(std::regex_search(problem.message, std::regex(R"(\{\d)")));
        for (std::size_t i = 0; i < args.size() && !entry.wraps; ++i) {
            if (kinds[i].empty() && nl.count(i)) CHECK(dutch.find(args[i]) != std::string::npos);
            if (kinds[i] == "number") {
                CHECK(dutch.find("0,25") != std::string::npos);
                CHECK(dutch.find("0.25") == std::string::npos);
            }
        }
    }
}

TEST_CASE("a message is made only from a code of the catalogue with its number of arguments", "[messages]") {
    using artikel1::make_problem;
    CHECK(test::message_of([] { make_problem(ProblemLevel::error, "", "no_such_code"); }) ==
          "no message \"no_such_code\" in the catalogue");
    CHECK(test::message_of([] { make_problem(ProblemLevel::error, "", "unknown_ground", {}); }) ==
          "message \"unknown_ground\" takes 1 argument(s), got 0");
    auto merged = make_problem(ProblemLevel::error, "/channels", "in_merged_knowledge_base", {"missing_channel", "fax"});
    CHECK(merged.message == "missing channel \"fax\" (in the merged knowledge base)");
    CHECK(problem_message(merged, Language::nl) == "het kanaal \"fax\" ontbreekt (in de samengevoegde kennisbank)");
    artikel1::Problem by_hand{ProblemLevel::error, "/a", "written by hand"};
    CHECK(by_hand.code.empty());
    CHECK(problem_message(by_hand, Language::nl) == "written by hand");
}

TEST_CASE("a list of problems is summed up by one function in both languages", "[messages]") {
    using artikel1::make_problem;
    using artikel1::summarise_problems;
    std::vector<artikel1::Problem> problems{
        make_problem(ProblemLevel::warning, "/steps/0", "unknown_member", {"\"x\""}),
        make_problem(ProblemLevel::error, "", "missing_member", {"name"})};
    // a warning is not counted: the first error, and nothing more
    CHECK(summarise_problems(problems, Language::en) == "/: missing required member \"name\"");
    CHECK(summarise_problems(problems, Language::nl) == "/: het verplichte onderdeel \"name\" ontbreekt");
    problems.push_back(make_problem(ProblemLevel::error, "/steps", "missing_member", {"id"}));
    CHECK(summarise_problems(problems, Language::en) == "/: missing required member \"name\" (and 1 more error)");
    CHECK(summarise_problems(problems, Language::nl) == "/: het verplichte onderdeel \"name\" ontbreekt (en nog 1 fout)");
    problems.push_back(make_problem(ProblemLevel::error, "/flows", "missing_member", {"to"}));
    const artikel1::ValidationError error(problems);
    CHECK(std::string(error.what()) == "/: missing required member \"name\" (and 2 more errors)");
    CHECK(artikel1::error_message(error, Language::nl) == "/: het verplichte onderdeel \"name\" ontbreekt (en nog 2 fouten)");
    const std::vector<artikel1::Problem> warnings_only{problems[0]};
    CHECK(summarise_problems(warnings_only, Language::en) == "invalid document");
    CHECK(summarise_problems(warnings_only, Language::nl) == "ongeldig document");
}

TEST_CASE("the problems of a bad model in Dutch, word for word", "[messages]") {
    using namespace messages_test;
    auto m = test::small_model();
    m["cases_per_year"] = -2;
    m["steps"][0]["kind"] = "taak";
    m["steps"][1]["uses"][0]["attribute"] = true;
    m["steps"][3]["id"] = "ok";
    m["steps"][3]["signals"] = nlohmann::ordered_json::array({{{"ground", "kleur"}, {"count", 1.5}}});
    m["flows"][1]["probability"] = 1.25;
    m["flows"][2]["adverse"] = "ja";
    m["flows"][0]["to"] = "nergens";
    m["attributes"].push_back({{"id", "pc"}, {"kind", "schoenmaat"}});
    m["extra"] = 1;
    CHECK(problems_in(m, Language::nl) == Lines{
        "warning /extra: onbekend onderdeel \"extra\" wordt overgeslagen",
        "/cases_per_year: moet 0 of meer zijn",
        "/steps/0/kind: onbekende waarde \"taak\" (kies uit: \"task\", \"decision\", \"outcome\")",
        "/steps/1/uses/0/attribute: verwacht een tekst, gevonden true of false",
        "/steps/3/signals/0/count: verwacht een geheel getal van 0 of meer, gevonden 1,5",
        "/flows/2/adverse: verwacht true of false, gevonden een tekst",
        "/attributes/1/id: dubbele kenmerk-id \"pc\" (al gebruikt bij /attributes/0)",
        "/attributes/1/kind: onbekende soort kenmerk \"schoenmaat\"",
        "/steps/3/id: dubbele stap-id \"ok\" (al gebruikt bij /steps/2)",
        "/steps/3/signals/0/ground: onbekende discriminatiegrond \"kleur\"",
        "/flows/0/to: overgang naar onbekende stap \"nergens\"",
        "/flows/1/probability: kans 1,25 ligt niet tussen 0 en 1",
        "/flows/2/to: overgang naar onbekende stap \"reject\"",
        "/steps/0: stap \"start\" loopt dood: er gaat geen overgang uit en het is geen uitkomst",
        "/steps/1: de kansen van de overgangen vanuit \"check\" zijn samen 1,25 en niet 1",
        ": geen eenduidig begin: 3 stappen hebben geen inkomende overgang (\"start\", \"check\", \"ok\"); geef de "
        "eerste stap op in \"start\"",
    });
    // The English text is the message, unchanged.
    auto english = problems_in(m, Language::en);
    REQUIRE(english.size() == 16);
    CHECK(english[3] == "/steps/1/uses/0/attribute: expected a string, found a boolean");
    CHECK(english[14] == "/steps/1: probabilities of the flows leaving \"check\" sum to 1.25, not 1");
    for (const auto& p : artikel1::read_process(m.dump(), test::kb()).problems) CHECK_FALSE(p.code.empty());
}

TEST_CASE("malformed JSON in Dutch, with its position", "[messages]") {
    using namespace messages_test;
    CHECK(text_problems_in("{\n  \"id\": \"x\" \"name\": 1\n}", Language::nl) ==
          Lines{"2:18 json_unexpected: geen geldige JSON: onverwacht een tekst; verwacht: '}'"});
    CHECK(text_problems_in("{\n  \"id\": \"x\" \"name\": 1\n}", Language::en) ==
          Lines{"2:18 json_unexpected: syntax error while parsing object - unexpected string literal; expected '}'"});
    CHECK(text_problems_in("{\"a\": tru}", Language::nl) ==
          Lines{"1:10 json_invalid: geen geldige JSON: ongeldige waarde, gelezen: \"\"a\": tru}\""});
    CHECK(text_problems_in("[1, 2", Language::nl) ==
          Lines{"1:6 json_unexpected: geen geldige JSON: onverwacht het einde van de tekst; verwacht: ']'"});
    CHECK(text_problems_in("{\"id\": 1, \"id\": 2}", Language::nl) ==
          Lines{"1:11 duplicate_key: dubbele sleutel \"id\" (een sleutel mag maar één keer in een object staan)"});
    CHECK(text_problems_in("[5e999]", Language::nl) ==
          Lines{"1:2 json_number_overflow: geen geldige JSON: het getal 5e999 is te groot"});
}

TEST_CASE("the problems of a knowledge base and a saved assessment in Dutch", "[messages]") {
    try {
        artikel1::KnowledgeBase::builtin().extended(nlohmann::ordered_json::parse(
            R"({"schema": "artikel1/knowledge-base/1", "grounds": [{"id": "race", "label": 3, "legal_source": "x"}],
                "method": {"impact": {"base": 2, "probability_weight": 0.5}}})"));
        FAIL("no error");
    } catch (const artikel1::ValidationError& e) {
        Lines dutch;
        for (const auto& p : e.problems()) dutch.push_back(p.pointer + ": " + problem_message(p, artikel1::Language::nl));
        CHECK(dutch == Lines{"/grounds/0/label: verwacht een object, gevonden een getal",
                             "/method/impact/base: waarde 2 ligt niet tussen 0 en 1"});
    }
    try {
        artikel1::assessment_from_json(R"({"schema": "artikel1/assessment/7"})");
        FAIL("no error");
    } catch (const artikel1::ValidationError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].code == "unsupported_schema");
        CHECK(problem_message(e.problems()[0], artikel1::Language::nl) ==
              "schema \"artikel1/assessment/7\" wordt niet ondersteund (verwacht \"artikel1/assessment/1\")");
    }
}

TEST_CASE("docs/messages.md lists every code with both its texts", "[messages]") {
    const std::string doc = artikel1::KnowledgeBase::read_file(test::source_path("docs/messages.md"));
    for (const auto& entry : artikel1::message_catalogue()) {
        INFO(entry.code);
        auto escape = [](std::string_view text) {
            std::string out;
            for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
            return out;
        };
        CHECK(doc.find("| `" + std::string(entry.code) + "` | " + escape(entry.en) + " | " + escape(entry.nl) + " |\n") !=
              std::string::npos);
    }
}

namespace messages_test {

/// The error of reading `log` (named `name`) against the test model with one ground, in English and in Dutch.
std::pair<std::string, std::string> log_error(const std::string& log, const std::string& name, bool strict = false) {
    artikel1::DisparitySpecOptions spec_options;
    spec_options.grounds = {{"migration_background", "race"}};
    artikel1::DisparitySpec spec(test::log_model(), spec_options);
    artikel1::DisparityAccumulator acc(spec);
    artikel1::EventLogOptions options;
    options.strict = strict;
    try {
        artikel1::read_event_log_text(log, acc, options, nullptr, name);
    } catch (const artikel1::Error& e) {
        CHECK(!e.code().empty());
        CHECK(artikel1::error_message(e, Language::en) == e.what());
        return {e.what(), artikel1::error_message(e, Language::nl)};
    }
    FAIL("no error reading " << name);
    return {};
}

} // namespace messages_test

TEST_CASE("the errors of reading an event log are written in Dutch too", "[messages][disparity]") {
    using messages_test::log_error;
    using Pair = std::pair<std::string, std::string>;
    // A file without a header row: the header's size, never its fields (a citizen's record).
    CHECK(log_error("c1,check,approve\n", "log.csv") ==
          Pair{"log.csv:1:1: no step column (\"concept:name\" or \"step\") in the header (3 columns)",
               "log.csv:1:1: geen kolom voor stap (\"concept:name\" of \"step\") in de kopregel (3 kolommen)"});
    CHECK(log_error("case_id,Step,next_step,migration_background\n", "log.csv") ==
          Pair{"log.csv:1:1: no step column (\"concept:name\" or \"step\") in the header (4 columns); a column differs only in "
               "case: \"Step\"",
               "log.csv:1:1: geen kolom voor stap (\"concept:name\" of \"step\") in de kopregel (4 kolommen); een kolom verschilt "
               "alleen in hoofdletters: \"Step\""});
    CHECK(log_error("", "log.csv") == Pair{"log.csv:1:1: empty file: expected a header row", "log.csv:1:1: leeg bestand: verwacht een kopregel"});
    CHECK(log_error("case_id,step,step\n", "log.csv") ==
          Pair{"log.csv:1:14: duplicate column \"step\"", "log.csv:1:14: dubbele kolom \"step\""});
    const std::string header = "case_id,step,next_step,migration_background\n";
    CHECK(log_error(header + "c1,check\n", "log.csv") ==
          Pair{"log.csv:2:9: expected 4 fields (as in the header), found 2", "log.csv:2:9: verwacht 4 velden (zoals in de kopregel), gevonden 2"});
    CHECK(log_error(header + "c1,check,a\"b,x\n", "log.csv") ==
          Pair{"log.csv:2:11: quote inside an unquoted field (quote the whole field and double the quote)",
               "log.csv:2:11: aanhalingsteken in een veld zonder aanhalingstekens (zet het hele veld tussen aanhalingstekens en "
               "schrijf het aanhalingsteken dubbel)"});
    CHECK(log_error(header + "c1,check,nope,x\n", "log.csv", true) ==
          Pair{"log.csv:2:10: unknown next step \"nope\" (strict mode) (column \"next_step\")",
               "log.csv:2:10: onbekende volgende stap \"nope\" (strikte modus) (kolom \"next_step\")"});
    CHECK(log_error("{\"case_id\": \"c1\", \"step\": \"nope\", \"migration_background\": \"x\"}\n", "log.jsonl", true) ==
          Pair{"log.jsonl:1:19: unknown step \"nope\" (strict mode) (member \"step\")",
               "log.jsonl:1:19: onbekende stap \"nope\" (strikte modus) (onderdeel \"step\")"});
    CHECK(log_error("[1]\n", "log.jsonl") ==
          Pair{"log.jsonl:1:1: expected one JSON object per line, found an array",
               "log.jsonl:1:1: verwacht één JSON-object per regel, gevonden een lijst"});
    CHECK(log_error("{\"case_id\": }\n", "log.jsonl").second == "log.jsonl:1:13: geen geldige JSON: onverwacht '}'; verwacht: '[', '{' of een waarde");
    CHECK(log_error("<x/>", "log.xes") ==
          Pair{"log.xes:1:1: expected the root element log of an XES document, found \"x\"",
               "log.xes:1:1: verwacht het hoofdelement log van een XES-document, gevonden \"x\""});
    CHECK(log_error("<log><trace>", "log.xes").second.starts_with("log.xes:1:13: geen welgevormd XES-document: "));
}

TEST_CASE("errors of opening and of limits are written in Dutch too", "[messages]") {
    try {
        artikel1::KnowledgeBase::read_file("/no/such/file.json");
        FAIL("no error");
    } catch (const artikel1::Error& e) {
        CHECK(std::string(e.what()) == "cannot open /no/such/file.json: No such file or directory");
        CHECK(artikel1::error_message(e, Language::nl) == "kan /no/such/file.json niet openen: het bestand of de map bestaat niet");
    }
    artikel1::LimitError deep("nested_too_deep", {"model.json", "64"});
    CHECK(std::string(deep.what()) == "model.json nests deeper than 64 levels");
    CHECK(artikel1::error_message(deep, Language::nl) == "model.json is dieper genest dan 64 niveaus");
    artikel1::Error by_hand("written by hand");
    CHECK(by_hand.code().empty());
    CHECK(artikel1::error_message(by_hand, Language::nl) == "written by hand");
    CHECK(test::message_of([] { throw artikel1::Error("no_such_code", {}); }) == "no message \"no_such_code\" in the catalogue");
    CHECK(test::message_of([] { throw artikel1::ParseError("in_column", {"unknown_ground"}, 1, 1); }) ==
          "in_column needs the code of a message, its arguments and its own");
}

TEST_CASE("counts made for another model are refused in Dutch too, naming the part", "[messages][counts]") {
    artikel1::DisparitySpecOptions race, sex;
    race.grounds = {{"migration_background", "race"}};
    sex.grounds = {{"gender", "sex"}};
    const std::string a = artikel1::DisparityAccumulator(artikel1::DisparitySpec(test::log_model(), race)).serialise();
    const std::string b = artikel1::DisparityAccumulator(artikel1::DisparitySpec(test::log_model(), sex)).serialise();
    try {
        artikel1::merge_counts({a, b}, {"a.json", "b.json"});
        FAIL("no error");
    } catch (const artikel1::ValidationError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].code == "in_part");
        CHECK(std::string(e.what()) == "/spec: b.json: the counts were made for a different process or different options");
        CHECK(artikel1::error_message(e, Language::nl) == "/spec: in b.json: de tellingen zijn gemaakt voor een ander proces of met andere opties");
    }
    try {
        artikel1::merge_counts({a, "{\"schema\": 1"});
        FAIL("no error");
    } catch (const artikel1::ParseError& e) {
        CHECK(std::string(e.what()) == "part 2:1:13: syntax error while parsing object - unexpected end of input; expected '}'");
        CHECK(artikel1::error_message(e, Language::nl) == "part 2:1:13: geen geldige JSON: onverwacht het einde van de tekst; verwacht: '}'");
    }
}
