// artikel1: the command line tool. Subcommands assess, report, validate, example, compare and disparity;
// docs/cli.md describes each, with the exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input or usage.
#include <artikel1/artikel1.hpp>
#include <artikel1/bpmn.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/report/csv.hpp>
#include <artikel1/report/dot.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/markdown.hpp>
#include <artikel1/report/text.hpp>

#include "arguments.hpp"
#include "progress.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using namespace artikel1;
using cli::Arguments;
using cli::Progress;
using cli::UsageError;

constexpr int exit_ok = 0;
constexpr int exit_findings = 1;
constexpr int exit_bad_input = 2;

const char* const main_help = R"(artikel1: discrimination risk of public service processes, per ground of article 1 of the Dutch Constitution

usage: artikel1 COMMAND [OPTIONS]

commands:
  assess [MODEL]       score the risk per step and ground (no MODEL: the built-in example)
  report [MODEL]       the same, as a single-file HTML report (-o FILE)
  validate MODEL       check a process model and list every problem
  example [NAME]       list the built-in example models, or print one
  compare OLD NEW      what changed between two models or two saved assessments
  disparity MODEL LOG  observed disparity between groups at the decision points, from an event log
  convert MODEL -o FILE.json  a model (BPMN 2.0 or JSON) as an artikel1/process/1 document

options for every command: --help, and --version on its own.
exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input or usage.
Run 'artikel1 COMMAND --help' for the options of a command. Documentation: docs/cli.md.
)";

const char* const assess_help = R"(usage: artikel1 assess [MODEL] [options]
       artikel1 report [MODEL] [options]        (the same, --format html by default)

Scores the structural risk of discrimination for every step and ground of MODEL (a JSON file in the format
artikel1/process/1, a BPMN 2.0 file (.bpmn), or - for standard input). Without MODEL the built-in example 'bijstand-aanvraag' is used.

options:
  --format FORMAT   text, json, csv, md, html or dot; default: from the extension of -o FILE (.html, .json,
                    .csv, .md, .dot, .txt), else text (html for report)
  --lang LANG       nl or en (default en): language of the report
  -o, --output FILE write the report to FILE instead of standard output
  --kb FILE         use this knowledge base instead of the built-in one
  --kb-extend FILE  extend the built-in knowledge base with this partial one
  --fail-on LEVEL   exit with code 1 when a risk is at or above LEVEL (low, medium, high, very_high)
  --date YYYY-MM-DD the date shown in the report (default: SOURCE_DATE_EPOCH if set, else today in UTC);
                    fix it for byte-identical output across runs
  --top N           number of top risks explained in text and md (default 10)
  --color, --no-color  colours in the text report (default: only when writing to a terminal; NO_COLOR is honoured)
)";

const char* const validate_help = R"(usage: artikel1 validate MODEL [--kb FILE] [--kb-extend FILE]

Checks MODEL (a JSON file, or - for standard input) and lists every problem with its JSON pointer, errors first
as they appear, then warnings. Exit code 0 when there are no errors (warnings allowed), 2 otherwise.
)";

const char* const example_help = R"(usage: artikel1 example [NAME] [-o FILE]

Without NAME: lists the built-in example models. With NAME: prints that model's JSON (artikel1/process/1).
)";

const char* const compare_help = R"(usage: artikel1 compare OLD NEW [--format text|json] [-o FILE] [--kb FILE] [--kb-extend FILE]

Compares two process models (assessed first) or two saved assessments (artikel1 assess --format json): which
risks went up, down, appeared or disappeared. Steps and grounds are matched by id.
)";

const char* const disparity_help = R"(usage: artikel1 disparity MODEL LOG [options]

Observed disparity from an event log: per decision point of MODEL x ground x group, the number of cases, the
adverse rate with its Wilson interval, ratio and difference to the reference group, Fisher's exact test and
Benjamini-Hochberg q-values; flagged cells are shown beside their structural risk score.

LOG: CSV with a header row (case id, step, next step or outcome, timestamp, group columns), the process-mining
convention (case:concept:name, concept:name, time:timestamp, case:* attributes), JSON lines (.jsonl), or XES
(.xes, .xes.gz: trace attributes are case:KEY, so --group case:origin=race works for CSV and XES).

options:
  --group COL=GROUND    map a group column to a ground (repeatable), e.g. --group migration_background=race
  --cases FILE          a case table (CSV: case id + group and strata columns) joined on the case id
  --strata COL          a column of strata for the Mantel-Haenszel odds ratio
  --intersection A+B    also analyse two grounds together (repeatable), e.g. race+sex
  --reference GROUND=GROUP  the reference group of a ground (default: the largest group at each decision point)
  --outcome LABEL=adverse|favourable  the log has an outcome column; map its labels (repeatable)
  --min-cell N          suppress cells with fewer than N cases (default 10)
  --strict              the first row with an unknown step, flow or outcome or a missing group is an error
  --threads N           reader threads for a CSV log (default 1)
  --case-column COL     the case id column (default case:concept:name, else case_id)
  --step-column COL     the step column (default concept:name, else step)
  --next-column COL     the next-step column (default next_step; absent: the case's following event)
  --outcome-column COL  the outcome column, with --outcome (default outcome)
  --timestamp-column COL  the timestamp column (default time:timestamp, else timestamp)
  --delimiter C         the CSV field separator: one character, or tab (default ,)
  --lifecycle NAME      XES: count the events with this lifecycle:transition (default complete; all: every event)
  --format FORMAT       text (default), json or csv
  -o, --output FILE     write to FILE instead of standard output
  --kb FILE, --kb-extend FILE   knowledge base for the structural scores shown beside flagged cells
  --fail-on-flag        exit with code 1 when any cell is flagged
)";

const char* const convert_help = R"(usage: artikel1 convert MODEL -o FILE.json [--kb FILE] [--kb-extend FILE]

Writes MODEL (a BPMN 2.0 file, .bpmn, or an artikel1/process/1 JSON file) as an artikel1/process/1 document, after
checking it as validate does: the BPMN elements, lanes and artikel1 annotations become steps, flows and their
members (docs/formats.md#bpmn-models). Writing BPMN is not supported yet.
)";

/// Problems of a document, already listed on stderr one a line; the message is the closing line.
struct ProblemsReported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string read_input(const std::string& path) {
    std::error_code ignored;
    if (path != "-" && std::filesystem::is_directory(path, ignored)) throw Error("cannot read " + path + ": it is a directory");
    if (path == "-") {
        std::ostringstream s;
        s << std::cin.rdbuf();
        return s.str();
    }
    return KnowledgeBase::read_file(path);
}

void write_output(const std::optional<std::string>& path, const std::string& text) {
    if (!path || *path == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    std::ofstream out(*path, std::ios::binary);
    if (!out) throw Error("cannot write " + *path);
    out << text;
    if (!out.flush()) throw Error("cannot write " + *path);
}

void print_problems(const std::vector<Problem>& problems, const std::string& file) {
    for (const auto& p : problems) {
        std::cerr << "artikel1: " << (file.empty() ? "" : file + ": ") << (p.is_error() ? "error" : "warning");
        if (p.line > 0) std::cerr << " at line " << p.line << ", column " << p.column;
        std::cerr << " " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message << "\n";
    }
}

/// Lists the problems of `file` on stderr and throws the closing line: "FILE: invalid WHAT, N error(s), M warning(s)".
[[noreturn]] void reject(const std::vector<Problem>& problems, const std::string& file, const std::string& what) {
    print_problems(problems, file);
    std::size_t errors = 0;
    for (const auto& p : problems) errors += p.is_error();
    throw ProblemsReported(file + ": invalid " + what + ", " + std::to_string(errors) + " error(s), " +
                           std::to_string(problems.size() - errors) + " warning(s)");
}

KnowledgeBase knowledge_base(const Arguments& args) {
    auto replace = args.value("--kb"), extend = args.value("--kb-extend");
    KnowledgeBase kb = KnowledgeBase::builtin();
    try {
        if (replace) kb = KnowledgeBase::from_file(*replace);
    } catch (const ValidationError& e) {
        reject(e.problems(), *replace, "knowledge base");
    }
    try {
        if (extend) kb = kb.extended_from_file(*extend);
    } catch (const ValidationError& e) {
        reject(e.problems(), *extend, "knowledge base extension");
    }
    return kb;
}

Language language(const Arguments& args) {
    auto lang = args.value("--lang").value_or("en");
    if (lang == "nl") return Language::nl;
    if (lang == "en") return Language::en;
    throw UsageError("unknown language " + detail::quote_token(lang) + " (nl or en)");
}

/// The report date: --date, else SOURCE_DATE_EPOCH (the reproducible-builds convention), else today (UTC).
std::string report_date(const Arguments& args) {
    if (auto date = args.value("--date")) {
        const std::string& d = *date;
        auto digits = [&](std::size_t from, std::size_t count) {
            for (std::size_t i = from; i < from + count; ++i) {
                if (d[i] < '0' || d[i] > '9') return false;
            }
            return true;
        };
        bool shape = d.size() == 10 && digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
        int month = shape ? std::stoi(d.substr(5, 2)) : 0, day = shape ? std::stoi(d.substr(8, 2)) : 0;
        if (!shape || month < 1 || month > 12 || day < 1 || day > 31)
            throw UsageError("--date needs a date as YYYY-MM-DD, got " + detail::quote_token(d));
        return d;
    }
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long seconds = std::strtoll(epoch, &end, 10);
        if (*end != '\0' || seconds < 0) throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds, got " + detail::quote_token(epoch));
        now = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

/// Reads a model file: BPMN 2.0 (.bpmn) or artikel1/process/1 JSON.
ProcessReport read_model(const std::string& path, const KnowledgeBase& kb) {
    if (is_bpmn_file(path)) return read_bpmn(read_input(path), kb, path);
    return read_process(read_input(path), kb);
}

/// Loads a process (a file, - for stdin, or nothing for the built-in example); prints warnings on stderr.
Process load_model(const std::optional<std::string>& path, const KnowledgeBase& kb) {
    // The built-in example is checked like a file: with --kb it may use attribute kinds the other base lacks.
    std::string name = path ? *path : "built-in example " + std::string(default_example_name);
    auto report = path ? read_model(*path, kb) : read_process(builtin_example_json(default_example_name), kb);
    if (!report.ok()) reject(report.problems, name, "process model");
    print_problems(report.problems, name); // warnings only
    return std::move(report.process);
}

std::size_t level_index(const Assessment& a, const std::string& id) {
    for (std::size_t i = 0; i < a.levels.size(); ++i) {
        if (a.levels[i].id == id) return i;
    }
    std::string known;
    for (const auto& l : a.levels) known += (known.empty() ? "" : ", ") + l.id;
    throw UsageError("unknown level " + detail::quote_token(id) + " (" + known + ")");
}

bool colour_wanted(const Arguments& args, const std::optional<std::string>& output) {
    if (args.flag("--no-color")) return false;
    if (args.flag("--color")) return true;
    if (output && *output != "-") return false;
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
}

/// The format a file name asks for by its extension (rapport.html, scores.csv, ...), when --format is not given.
std::optional<std::string> format_of_file(const std::optional<std::string>& path) {
    if (!path) return std::nullopt;
    auto dot = path->rfind('.');
    if (dot == std::string::npos || path->find('/', dot) != std::string::npos) return std::nullopt;
    std::string extension = path->substr(dot + 1);
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::map<std::string, std::string> formats{{"html", "html"}, {"htm", "html"}, {"json", "json"}, {"csv", "csv"},
                                                            {"md", "md"}, {"markdown", "md"}, {"dot", "dot"}, {"gv", "dot"},
                                                            {"txt", "text"}};
    auto found = formats.find(extension);
    return found == formats.end() ? std::nullopt : std::optional<std::string>(found->second);
}

int run_assess(int argc, char** argv, bool html_default) {
    Arguments args(argc, argv, 2, {"--format", "--lang", "-o", "--output", "--kb", "--kb-extend", "--fail-on", "--date", "--top"},
                   {"--help", "-h", "--color", "--no-color"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << assess_help;
        return exit_ok;
    }
    if (args.positional().size() > 1) throw UsageError("assess takes at most one MODEL");
    auto output = args.value("-o", "--output");
    std::string format = args.value("--format").value_or(format_of_file(output).value_or(html_default ? "html" : "text"));
    if (format == "markdown") format = "md";
    static const std::vector<std::string> formats{"text", "json", "csv", "md", "html", "dot"};
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
        throw UsageError("unknown format " + detail::quote_token(format) + " (text, json, csv, md, html, dot)");
    report::ReportOptions options;
    options.language = language(args);
    options.date = report_date(args);
    if (auto top = args.value("--top")) {
        char* end = nullptr;
        long n = std::strtol(top->c_str(), &end, 10);
        if (top->empty() || *end != '\0' || n < 0) throw UsageError("--top needs a whole number, got " + detail::quote_token(*top));
        options.top = static_cast<std::size_t>(n);
    }
    options.colour = format == "text" && colour_wanted(args, output);

    KnowledgeBase kb = knowledge_base(args);
    std::optional<std::string> model_path;
    if (!args.positional().empty()) model_path = args.positional()[0];
    Process process = load_model(model_path, kb);
    Assessment a = assess(process, kb);
    std::optional<std::size_t> fail_on;
    if (auto level = args.value("--fail-on")) fail_on = level_index(a, *level);

    std::string text;
    if (format == "text") text = report::to_text(process, a, kb, options);
    else if (format == "json") text = save_assessment(a);
    else if (format == "csv") text = report::to_csv(a);
    else if (format == "md") text = report::to_markdown(process, a, kb, options);
    else if (format == "dot") text = report::to_dot(process, a, options);
    else {
        report::GraphLayout layout = report::layout_with_graphviz(report::to_dot(process, a, options));
        if (layout.svg.empty())
            std::cerr << "artikel1: warning: the report has no process graph: " << layout.error << " (install graphviz)\n";
        text = report::to_html(process, a, kb, options, layout.svg, layout.error);
    }
    write_output(output, text);

    if (fail_on) {
        for (const auto& step : a.steps) {
            for (const auto& s : step.scores) {
                if (s.level >= *fail_on) return exit_findings;
            }
        }
    }
    return exit_ok;
}

int run_validate(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"--kb", "--kb-extend"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << validate_help;
        return exit_ok;
    }
    if (args.positional().size() != 1) throw UsageError("validate needs one MODEL");
    const std::string& path = args.positional()[0];
    KnowledgeBase kb = knowledge_base(args);
    auto report = read_model(path, kb);
    for (const auto& p : report.problems) {
        std::cout << (p.is_error() ? "error" : "warning");
        if (p.line > 0) std::cout << " at line " << p.line << ", column " << p.column;
        std::cout << " " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message << "\n";
    }
    if (!report.ok()) {
        std::cout << path << ": invalid, " << report.error_count() << " error(s), " << report.warning_count() << " warning(s)\n";
        return exit_bad_input;
    }
    const Process& p = report.process;
    std::cout << path << ": valid process " << detail::quote_token(p.id) << " (" << p.name << "): " << p.steps.size()
              << " steps, " << p.flows.size() << " flows, " << p.attributes.size() << " attributes, "
              << report.warning_count() << " warning(s)\n";
    return exit_ok;
}

int run_example(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"-o", "--output"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << example_help;
        return exit_ok;
    }
    if (args.positional().size() > 1) throw UsageError("example takes at most one NAME");
    if (args.positional().empty()) {
        std::string text;
        for (const auto& name : builtin_example_names()) {
            Process p = builtin_example(name);
            std::string line = name;
            if (line.size() < 42) line.append(42 - line.size(), ' ');
            text += line + " " + p.name + (name == default_example_name ? " (default)" : "") + "\n";
        }
        write_output(args.value("-o", "--output"), text);
        return exit_ok;
    }
    write_output(args.value("-o", "--output"), std::string(builtin_example_json(args.positional()[0])));
    return exit_ok;
}

/// A model or a saved assessment, told apart by its "schema".
Assessment assessment_of(const std::string& path, const KnowledgeBase& kb) {
    std::string text = read_input(path);
    auto doc = detail::parse_json(text, {}, path);
    if (doc.is_object() && doc.contains("schema") && doc["schema"] == "artikel1/assessment/1") {
        try {
            return assessment_from_json(text);
        } catch (const ValidationError& e) {
            reject(e.problems(), path, "assessment");
        }
    }
    auto report = read_process_json(doc, kb);
    if (!report.ok()) reject(report.problems, path, "process model");
    print_problems(report.problems, path); // warnings only
    return assess(report.process, kb);
}

int run_compare(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"--format", "-o", "--output", "--kb", "--kb-extend"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << compare_help;
        return exit_ok;
    }
    if (args.positional().size() != 2) throw UsageError("compare needs OLD and NEW");
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") throw UsageError("unknown format " + detail::quote_token(format) + " (text, json)");
    KnowledgeBase kb = knowledge_base(args);
    Assessment before = assessment_of(args.positional()[0], kb);
    Assessment after = assessment_of(args.positional()[1], kb);
    Comparison c = compare(before, after);
    std::string text;
    if (format == "json") {
        text = to_json(c).dump(2) + "\n";
    } else {
        std::ostringstream out;
        out << "compare " << c.process_before << " (" << c.method_before << ") -> " << c.process_after << " (" << c.method_after << ")\n";
        out << "up " << c.count(ScoreChange::Kind::up) << ", down " << c.count(ScoreChange::Kind::down) << ", appeared "
            << c.count(ScoreChange::Kind::appeared) << ", disappeared " << c.count(ScoreChange::Kind::disappeared)
            << ", unchanged " << c.unchanged << "\n";
        for (const auto& change : c.changes) {
            out << "  " << to_string(change.kind) << "  " << change.step << " / " << change.ground << ": "
                << (change.before ? report::fixed(*change.before) + " " + change.level_before.value_or("") : std::string("-"))
                << " -> " << (change.after ? report::fixed(*change.after) + " " + change.level_after.value_or("") : std::string("-"))
                << "\n";
        }
        text = out.str();
    }
    write_output(args.value("-o", "--output"), text);
    return exit_ok;
}

std::pair<std::string, std::string> split_pair(const std::string& text, char separator, const std::string& what) {
    auto at = text.find(separator);
    if (at == std::string::npos || at == 0 || at + 1 == text.size())
        throw UsageError("expected " + what + ", got " + detail::quote_token(text));
    return {text.substr(0, at), text.substr(at + 1)};
}

int run_disparity(int argc, char** argv) {
    Arguments args(argc, argv, 2,
                   {"--group", "--cases", "--strata", "--intersection", "--reference", "--outcome", "--min-cell", "--threads",
                    "--format", "-o", "--output", "--kb", "--kb-extend", "--case-column", "--step-column", "--next-column",
                    "--outcome-column", "--timestamp-column", "--delimiter", "--lifecycle"},
                   {"--help", "-h", "--strict", "--fail-on-flag"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << disparity_help;
        return exit_ok;
    }
    if (args.positional().size() != 2) throw UsageError("disparity needs MODEL and LOG");
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json" && format != "csv")
        throw UsageError("unknown format " + detail::quote_token(format) + " (text, json, csv)");
    KnowledgeBase kb = knowledge_base(args);
    Process process = load_model(args.positional()[0], kb);

    DisparitySpecOptions spec_options;
    for (const auto& g : args.values("--group")) {
        try {
            spec_options.grounds.push_back(parse_ground_column(g));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    if (auto strata = args.value("--strata")) spec_options.strata_column = *strata;
    for (const auto& pair : args.values("--intersection")) spec_options.intersections.push_back(split_pair(pair, '+', "GROUND+GROUND"));
    for (const auto& o : args.values("--outcome")) {
        auto [label, kind] = split_pair(o, '=', "LABEL=adverse or LABEL=favourable");
        if (kind != "adverse" && kind != "favourable") throw UsageError("outcome " + detail::quote_token(label) + ": adverse or favourable");
        spec_options.outcomes.push_back({label, kind == "adverse"});
    }
    DisparityOptions table_options;
    auto whole_number = [](const std::string& name, const std::string& text) {
        char* end = nullptr;
        unsigned long long n = std::strtoull(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || text[0] == '-') throw UsageError(name + " needs a whole number, got " + detail::quote_token(text));
        return n;
    };
    if (auto m = args.value("--min-cell")) table_options.min_cell = whole_number("--min-cell", *m);
    for (const auto& r : args.values("--reference")) {
        auto [ground, group] = split_pair(r, '=', "GROUND=GROUP");
        table_options.reference_groups[ground] = group;
    }
    EventLogOptions log_options;
    log_options.strict = args.flag("--strict");
    if (auto t = args.value("--threads")) {
        auto n = whole_number("--threads", *t);
        if (n < 1 || n > 256) throw UsageError("--threads must be between 1 and 256");
        log_options.threads = static_cast<unsigned>(n);
    }
    log_options.case_column = args.value("--case-column").value_or("");
    log_options.step_column = args.value("--step-column").value_or("");
    log_options.next_column = args.value("--next-column").value_or("");
    log_options.outcome_column = args.value("--outcome-column").value_or("");
    log_options.timestamp_column = args.value("--timestamp-column").value_or("");
    if (auto d = args.value("--delimiter")) {
        if (*d == "tab" || *d == "\\t") log_options.delimiter = '\t';
        else if (d->size() == 1 && *d != "\"" && *d != "\n" && *d != "\r") log_options.delimiter = (*d)[0];
        else throw UsageError("--delimiter needs one character (not a quote or line end) or tab, got " + detail::quote_token(*d));
    }
    if (auto l = args.value("--lifecycle")) log_options.lifecycle = *l == "all" ? std::string() : *l;

    DisparitySpec spec(process, spec_options);
    DisparityAccumulator acc(spec);
    std::optional<CaseTable> cases;
    if (auto path = args.value("--cases")) cases = read_case_table(*path, spec, log_options);
    const std::string& log = args.positional()[1];
    ReadSummary summary;
    {
        Progress progress("reading " + log);
        summary = read_event_log(log, acc, log_options, cases ? &*cases : nullptr);
        progress.done(std::to_string(summary.events) + " events (" + report::fixed(static_cast<double>(summary.bytes) / 1e6) +
                      " MB) read with " + std::to_string(summary.threads) + " thread(s)");
    }
    DisparityTable table = compute_disparity(acc, table_options);
    // A reference group that never occurs (a typo, another spelling in the log) leaves its ground without comparisons.
    for (const auto& [ground, group] : table_options.reference_groups) {
        bool seen = std::any_of(table.cells.begin(), table.cells.end(),
                                [&](const DisparityCell& c) { return c.ground == ground && c.group == group; });
        if (!seen)
            std::cerr << "artikel1: warning: reference group " << detail::quote_token(group) << " of ground " << ground
                      << " does not occur in the log: no comparisons for " << ground << "\n";
    }
    Assessment a = assess(process, kb);
    auto links = link(table, a);

    std::string text;
    if (format == "json") {
        auto doc = to_json(table);
        doc["structural_links"] = to_json(links);
        text = doc.dump(2) + "\n";
    } else if (format == "csv") {
        text = to_csv(table);
    } else {
        text = to_text(table);
        text += "\nflagged cells beside their structural risk:\n";
        if (links.empty()) text += "  none\n";
        for (const auto& l : links) {
            text += "  " + l.step + " / " + l.ground + " / " + l.group + ": ratio " + report::fixed(l.ratio, 2) + ", q " +
                    (l.q_value < 0.0001 ? std::string("< 0.0001") : report::fixed(l.q_value, 4));
            for (const auto& s : l.structural) text += "; structural " + s.ground + " " + report::fixed(s.score) + " " + s.level;
            text += "\n";
        }
    }
    write_output(args.value("-o", "--output"), text);
    return args.flag("--fail-on-flag") && table.flagged_count() > 0 ? exit_findings : exit_ok;
}

int run_convert(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"-o", "--output", "--kb", "--kb-extend"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << convert_help;
        return exit_ok;
    }
    if (args.positional().size() != 1) throw UsageError("convert needs one MODEL");
    auto output = args.value("-o", "--output");
    if (!output) throw UsageError("convert needs -o FILE.json");
    if (is_bpmn_file(*output)) throw UsageError("writing BPMN is not supported yet: give -o FILE.json");
    if (format_of_file(output) != std::optional<std::string>("json") && *output != "-")
        throw UsageError("convert writes JSON: give -o FILE.json, got " + detail::quote_token(*output));
    KnowledgeBase kb = knowledge_base(args);
    const std::string& path = args.positional()[0];
    nlohmann::json document = is_bpmn_file(path) ? bpmn_to_process_json(read_input(path), path) : detail::parse_json(read_input(path), {}, path);
    auto report = read_process_json(document, kb);
    if (!report.ok()) reject(report.problems, path, "process model");
    print_problems(report.problems, path); // warnings only
    write_output(output, document.dump(2) + "\n");
    return exit_ok;
}

int run(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << main_help;
        return exit_bad_input;
    }
    std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << main_help;
        return exit_ok;
    }
    if (command == "--version") {
        std::cout << "artikel1 " << version_string << " (method " << KnowledgeBase::builtin().method().id << ", knowledge base "
                  << KnowledgeBase::builtin().id() << " " << KnowledgeBase::builtin().version() << ")\n";
        return exit_ok;
    }
    if (command == "assess") return run_assess(argc, argv, false);
    if (command == "report") return run_assess(argc, argv, true);
    if (command == "validate") return run_validate(argc, argv);
    if (command == "example") return run_example(argc, argv);
    if (command == "compare") return run_compare(argc, argv);
    if (command == "disparity") return run_disparity(argc, argv);
    if (command == "convert") return run_convert(argc, argv);
    throw UsageError("unknown command " + detail::quote_token(command));
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "artikel1: " << e.what() << " (see artikel1 --help)\n";
    } catch (const ProblemsReported& e) {
        std::cerr << "artikel1: " << e.what() << "\n";
    } catch (const ValidationError& e) {
        std::cerr << "artikel1: invalid input: " << e.what() << "\n";
    } catch (const Error& e) {
        std::cerr << "artikel1: " << e.what() << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "artikel1: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "artikel1: " << e.what() << "\n";
    }
    return exit_bad_input;
}
