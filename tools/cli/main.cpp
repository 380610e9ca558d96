// SPDX-License-Identifier: EUPL-1.2
// artikel1: the command line tool. Subcommands assess, report, validate, example, compare and disparity;
// docs/cli.md describes each, with the exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input or usage.
#include <artikel1/artikel1.hpp>
#include <artikel1/compounding.hpp>
#include <artikel1/bpmn.hpp>
#include <artikel1/bpmn_export.hpp>
#include <artikel1/disparity.hpp>
#include <artikel1/disparity_counts.hpp>
#include <artikel1/json_text.hpp>
#include <artikel1/disparity_json.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/text.hpp>
#include <artikel1/report/comparison.hpp>
#include <artikel1/report/csv.hpp>
#include <artikel1/report/disparity_markdown.hpp>
#include <artikel1/report/dot.hpp>
#include <artikel1/report/html.hpp>
#include <artikel1/report/markdown.hpp>
#include <artikel1/report/observed_html.hpp>
#include <artikel1/report/observed_markdown.hpp>
#include <artikel1/report/text.hpp>

#include "arguments.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
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
  merge PART...        merge disparity counts saved by 'disparity --save-counts' into one (-o FILE)
  fit MODEL LOG        the model with each flow's probability estimated from an event log (-o MODEL2)
  convert MODEL -o FILE.json|FILE.bpmn  a model (BPMN 2.0 or JSON) as an artikel1/process/1 document or as BPMN 2.0

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
  --annotations FILE  a BPMN MODEL's annotations from this side file (artikel1/bpmn-annotations/1), keyed by
                    the ids of its elements (docs/formats.md#annotations-beside-the-bpmn-file)
  --fail-on LEVEL   exit with code 1 when a risk is at or above LEVEL (low, medium, high, very_high)
  --date YYYY-MM-DD the date shown in the report (default: SOURCE_DATE_EPOCH if set, else today in UTC);
                    fix it for byte-identical output across runs
  --top N           number of top risks explained in text and md (default 10)
  --color, --no-color  colours in the text report (default: only when writing to a terminal; NO_COLOR is honoured)

report only, the observed differences from an event log (html and md; docs/reports.md, "Observed differences"):
  --log LOG         add the section "Observed differences": per decision point the adverse rates per group with
                    their intervals, a forest plot of the ratios to the reference group, Mantel-Haenszel with
                    --strata, the flagged cells beside their structural score; suppressed cells stay suppressed
  --group COL=GROUND, --cases, --strata, --intersection, --reference, --outcome, --min-cell, --counts,
  --compound, --hit, --threads, --strict, --unknown-labels and the column options: as for disparity
)";

const char* const validate_help = R"(usage: artikel1 validate MODEL [--kb FILE] [--kb-extend FILE] [--lang nl|en] [--annotations FILE]

Checks MODEL (a JSON file, a BPMN 2.0 file, or - for standard input) and lists every problem with its JSON pointer,
errors first as they appear, then warnings. Exit code 0 when there are no errors (warnings allowed), 2 otherwise.
With --lang nl every line is in Dutch, the problems too (their codes and texts: docs/messages.md). With
--annotations FILE a BPMN MODEL's annotations come from that side file too; its problems are listed first, with
their pointers into it.
)";

const char* const example_help = R"(usage: artikel1 example [NAME] [-o FILE]

Without NAME: lists the built-in example models. With NAME: prints that model's JSON (artikel1/process/1).
)";

const char* const compare_help = R"(usage: artikel1 compare OLD NEW [--format text|json|md|html] [--lang nl|en] [-o FILE] [--kb FILE] [--kb-extend FILE]

Compares two rounds of the toets: two process models (assessed first) or two saved assessments (artikel1 assess
--format json): which risks went up, down, appeared or disappeared, by score and level, with the names of steps
and grounds. Steps and grounds are matched by id. When both are models, also which measures of the action plan
changed status (which promised ones are now in place) and which assumptions (mensbeelden) changed status.

options:
  --format FORMAT   text, json, md or html; default: from the extension of -o FILE, else text
  --lang LANG       nl or en (default en)
  -o, --output FILE write the comparison to FILE instead of standard output
)";

const char* const disparity_help = R"(usage: artikel1 disparity MODEL LOG [options]
       artikel1 disparity MODEL --counts FILE [options]     (counts saved earlier, no log)

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
  --min-cell N          suppress cells with fewer than N cases (default 10), and the cells that would reveal them
  --unknown-labels      list samples of unknown step and outcome labels in the issues (off: they may be names)
  --strict              the first row with an unknown step, flow or outcome or a missing group is an error
  --threads N           reader threads for a CSV log (default 1)
  --max-open-cases N    the most cases of an interleaved log kept open at once (default 1000000; 0: no limit);
                        past it the rest of the log is sorted by case on disk (in TMPDIR), with the same table
  --case-column COL     the case id column (default case:concept:name, else case_id)
  --step-column COL     the step column (default concept:name, else step)
  --next-column COL     the next-step column (default next_step; absent: the case's following event)
  --outcome-column COL  the outcome column, with --outcome (default outcome)
  --timestamp-column COL  the timestamp column (default time:timestamp, else timestamp)
  --delimiter C         the CSV field separator: one character, or tab (default ,)
  --lifecycle NAME      XES: count the events with this lifecycle:transition (default complete; all: every event)
  --format FORMAT       text (default), json, csv or md (Markdown)
  --lang LANG           nl or en (default en): language of the text and md output
  -o, --output FILE     write to FILE instead of standard output
  --kb FILE, --kb-extend FILE   knowledge base for the structural scores shown beside flagged cells
  --annotations FILE    a BPMN MODEL's annotations from this side file (artikel1/bpmn-annotations/1)
  --fail-on-flag        exit with code 1 when any cell is flagged
  --save-counts FILE    also write the counts (artikel1/disparity-counts/1, unsuppressed: keep it where the log
                        is kept) to FILE, to merge with the counts of other parts of the log (artikel1 merge)
  --counts FILE         add counts saved earlier (repeatable); with --counts the LOG may be left out. The counts
                        must have been made with the same model and --group, --strata, --intersection and
                        --outcome options
  --compound            also the compounding section: per group and adverse outcome the end-to-end probability,
                        ratio and difference to the reference, and each decision point's share (docs/compounding.md)
  --hit STEP=HIT[,HIT]  with --compound: the outcome test at STEP, moves to a HIT step count as hits (repeatable)
)";

const char* const merge_help = R"(usage: artikel1 merge PART... [-o FILE]

Merges disparity counts saved by 'artikel1 disparity ... --save-counts PART' (for parts of a log read by
different machines, jobs or loops) into one counts file: the same counts as reading the whole log at once. The
parts must have been made with the same model and options; the model itself is not needed. Then:
  artikel1 disparity MODEL --counts all.json --group ... (the same options)

options:
  -o, --output FILE     write to FILE instead of standard output
  --lang LANG           nl or en (default en): language of the messages about the input
)";

const char* const fit_help = R"(usage: artikel1 fit MODEL LOG [options] [-o MODEL2]

Writes MODEL with the probability of each flow estimated from LOG (the moves along the flow out of all moves out of
its step; open cases left out), with the counts behind each estimate ("count" of "of"); per group too with --per-group. A step whose
counts would show a count below --min-cell (or one that follows from the others) keeps the model's probabilities.

options:
  --group COL=GROUND    map a group column to a ground (repeatable; at least one)
  --cases FILE          a case table (CSV: case id + group columns) joined on the case id
  --per-group GROUND    also estimate the probabilities per group of GROUND (repeatable)
  --min-cell N          the small-cell threshold (default 10)
  --threads N           reader threads for a CSV log (default 1)
  -o, --output FILE     write the model to FILE instead of standard output
  --kb FILE, --kb-extend FILE   knowledge base used to validate the model
  --lang LANG           nl or en (default en): language of the messages about the model and the log
  --annotations FILE    a BPMN MODEL's annotations from this side file (artikel1/bpmn-annotations/1)
)";

const char* const convert_help = R"(usage: artikel1 convert MODEL -o FILE.json|FILE.bpmn [--kb FILE] [--kb-extend FILE] [--layout graphviz|layers]
                       [--annotations FILE] [--annotations-out FILE]

Writes MODEL (a BPMN 2.0 file, .bpmn, or an artikel1/process/1 JSON file), after checking it as validate does:
  -o FILE.json   as an artikel1/process/1 document: the BPMN elements, lanes and artikel1 annotations become steps,
                 flows and their members; what the file holds beyond the model (element types, flow ids, lanes,
                 diagram) is kept in its member "bpmn" (docs/formats.md#bpmn-models)
  -o FILE.bpmn   as a BPMN 2.0 file with every artikel1 annotation, the model's own diagram when it came from BPMN
                 (else laid out by Graphviz, or in layers with --layout layers or without Graphviz), and every shape
                 coloured by its highest risk level, assessed with the knowledge base (docs/formats.md#bpmn-export)
  --annotations FILE      a BPMN MODEL's annotations from this side file (artikel1/bpmn-annotations/1), keyed
                          by the ids of its elements (docs/formats.md#annotations-beside-the-bpmn-file)
  --annotations-out FILE  with -o FILE.bpmn: the annotations into this side file instead, and FILE.bpmn without
                          the namespace urn:artikel1:bpmn:1 (as a modelling tool draws it; the risk colours stay)
  --lang LANG    nl or en (default en): language of the messages about the model
)";

/// Problems of a document, already listed on stderr one a line; the message is the closing line.
struct ProblemsReported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A document named on the command line (- for standard input), refused at the size limit of documents.
std::string read_input(const std::string& path) {
    return read_document(path, ParseLimits{}.max_bytes);
}

void write_output(const std::optional<std::string>& path, const std::string& text) {
    if (!path || *path == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    cli::write_file_safely(*path, text);
}

/// A whole number as typed: digits only (no sign, no spaces), at most `max`.
unsigned long long whole_number(const std::string& name, const std::string& text,
                                unsigned long long max = std::numeric_limits<unsigned long long>::max()) {
    bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    errno = 0;
    unsigned long long n = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
    if (!digits) throw UsageError(name + " needs a whole number, got " + quote_for_message(text));
    if (errno == ERANGE || n > max) throw UsageError(name + " is too large: " + quote_for_message(text) + " (at most " + std::to_string(max) + ")");
    return n;
}

void print_problems(const std::vector<Problem>& problems, const std::string& file, Language language = Language::en) {
    const bool nl = language == Language::nl;
    for (const auto& p : problems) {
        std::cerr << "artikel1: " << (file.empty() ? "" : file + ": ")
                  << (p.is_error() ? (nl ? "fout" : "error") : (nl ? "waarschuwing" : "warning"));
        if (p.line > 0) std::cerr << (nl ? " op regel " : " at line ") << p.line << (nl ? ", kolom " : ", column ") << p.column;
        std::cerr << " " << (p.pointer.empty() ? "/" : p.pointer) << ": " << problem_message(p, language) << "\n";
    }
}

/// Lists the problems of `file` on stderr and throws the closing line: "FILE: invalid WHAT, N error(s), M warning(s)".
[[noreturn]] void reject(const std::vector<Problem>& problems, const std::string& file, const std::string& what,
                         Language language = Language::en) {
    print_problems(problems, file, language);
    std::size_t errors = 0;
    for (const auto& p : problems) errors += p.is_error();
    const std::string warnings = std::to_string(problems.size() - errors);
    if (language != Language::nl)
        throw ProblemsReported(file + ": invalid " + what + ", " + std::to_string(errors) + " error(s), " + warnings + " warning(s)");
    const std::string dutch = what == "process model"              ? "ongeldig procesmodel"
                              : what == "knowledge base"           ? "ongeldige kennisbank"
                              : what == "knowledge base extension" ? "ongeldige uitbreiding van de kennisbank"
                              : what == "BPMN annotations"         ? "ongeldige BPMN-annotaties"
                                                                   : "ongeldige opgeslagen beoordeling";
    throw ProblemsReported(file + ": " + dutch + ", " + std::to_string(errors) + " fout(en), " + warnings + " waarschuwing(en)");
}

Language language(const Arguments& args);

KnowledgeBase knowledge_base(const Arguments& args) {
    auto replace = args.value("--kb"), extend = args.value("--kb-extend");
    KnowledgeBase kb = KnowledgeBase::builtin();
    try {
        if (replace) kb = KnowledgeBase::from_file(*replace);
    } catch (const ValidationError& e) {
        reject(e.problems(), *replace, "knowledge base", language(args));
    }
    try {
        if (extend) kb = kb.extended_from_file(*extend);
    } catch (const ValidationError& e) {
        reject(e.problems(), *extend, "knowledge base extension", language(args));
    }
    return kb;
}

Language language(const Arguments& args) {
    auto lang = args.value("--lang").value_or("en");
    if (lang == "nl") return Language::nl;
    if (lang == "en") return Language::en;
    throw UsageError("unknown language " + quote_for_message(lang) + " (nl or en)");
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
        if (!shape) throw UsageError("--date needs a date as YYYY-MM-DD, got " + quote_for_message(d));
        if (!valid_date(std::stoi(d.substr(0, 4)), static_cast<unsigned>(std::stoi(d.substr(5, 2))),
                                static_cast<unsigned>(std::stoi(d.substr(8, 2)))))
            throw UsageError("--date " + quote_for_message(d) + " is not a date of the calendar");
        return d;
    }
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        // Up to 9999-12-31T23:59:59Z, the last date a report can show as YYYY-MM-DD.
        constexpr unsigned long long last = 253402300799ULL;
        std::string text = epoch;
        bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds, got " + quote_for_message(text));
        errno = 0;
        unsigned long long seconds = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE || seconds > last)
            throw UsageError("SOURCE_DATE_EPOCH " + quote_for_message(text) + " is after the year 9999");
        now = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

/// The side file of annotations of a BPMN MODEL (--annotations FILE), refused for a model that is not BPMN.
std::optional<std::string> annotations_option(const Arguments& args, const std::optional<std::string>& model) {
    auto side = args.value("--annotations");
    if (side && !(model && is_bpmn_file(*model)))
        throw UsageError("--annotations needs a BPMN MODEL (.bpmn or .bpmn20.xml), the file it annotates");
    return side;
}

/// Reads a model file: BPMN 2.0 (.bpmn, with its side file of annotations when given: a ValidationError for the side
/// file's problems) or artikel1/process/1 JSON.
ProcessReport read_model(const std::string& path, const KnowledgeBase& kb, const std::optional<std::string>& annotations) {
    if (!is_bpmn_file(path)) return read_process(read_input(path), kb);
    if (!annotations) {
        // A side file is never read unless named; one named after the model lies beside it: say so, or a model
        // without its annotations would be scored as if it had none.
        const std::string stem = path.substr(0, path.size() - (path.ends_with(".bpmn20.xml") ? 11 : 5));
        std::error_code ignored;
        if (std::filesystem::is_regular_file(stem + ".annotations.json", ignored))
            std::cerr << "artikel1: warning: " << path << " is read without " << stem << ".annotations.json beside it; give --annotations "
                      << stem << ".annotations.json to use it\n";
        return read_bpmn(read_input(path), kb, path);
    }
    const std::string side = read_input(*annotations);
    return read_bpmn(read_input(path), BpmnAnnotationsFile{side, *annotations}, kb, path);
}

/// Loads a process (a file, - for stdin, or nothing for the built-in example), with the side file of annotations of
/// a BPMN model (--annotations); prints warnings on stderr.
Process load_model(const std::optional<std::string>& path, const KnowledgeBase& kb, Language language = Language::en,
                   const std::optional<std::string>& annotations = std::nullopt) {
    // The built-in example is checked like a file: with --kb it may use attribute kinds the other base lacks.
    std::string name = path ? *path : "built-in example " + std::string(default_example_name);
    ProcessReport report;
    try {
        report = path ? read_model(*path, kb, annotations) : read_process(builtin_example_json(default_example_name), kb);
    } catch (const ValidationError& e) { // only the side file's problems are thrown
        reject(e.problems(), *annotations, "BPMN annotations", language);
    }
    if (!report.ok()) reject(report.problems, name, "process model", language);
    print_problems(report.problems, name, language); // warnings only
    return std::move(report.process);
}

std::size_t level_index(const Assessment& a, const std::string& id) {
    for (std::size_t i = 0; i < a.levels.size(); ++i) {
        if (a.levels[i].id == id) return i;
    }
    std::string known;
    for (const auto& l : a.levels) known += (known.empty() ? "" : ", ") + l.id;
    throw UsageError("unknown level " + quote_for_message(id) + " (" + known + ")");
}

bool colour_wanted(const Arguments& args, const std::optional<std::string>& output) {
    if (args.flag("--no-color")) return false;
    if (args.flag("--color")) return true;
    if (output && *output != "-") return false;
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
}

/// The options of the observed disparity that `disparity` and `report` share: with a value, and flags.
const std::vector<std::string> observed_value_options = {
    "--group", "--cases", "--strata", "--intersection", "--reference", "--outcome", "--min-cell", "--threads", "--counts", "--hit",
    "--case-column", "--step-column", "--next-column", "--outcome-column", "--timestamp-column", "--delimiter", "--lifecycle",
    "--max-open-cases"};
const std::vector<std::string> observed_flags = {"--strict", "--compound", "--unknown-labels"};

std::vector<std::string> with(std::vector<std::string> list, const std::vector<std::string>& more) {
    list.insert(list.end(), more.begin(), more.end());
    return list;
}

/// The report's section of observed differences (`report --log`), in the report's format (html or md).
std::string observed_section(const Arguments& args, const Process& process, const KnowledgeBase& kb, const Assessment& a,
                             Language language, const std::string& format);

int run_assess(int argc, char** argv, bool html_default) {
    const std::vector<std::string> assess_options = {"--format", "--lang", "-o", "--output", "--kb", "--kb-extend", "--fail-on", "--date", "--top",
                                                     "--annotations"};
    const std::vector<std::string> assess_flags = {"--help", "-h", "--color", "--no-color"};
    Arguments args(argc, argv, 2, html_default ? with(with(assess_options, {"--log"}), observed_value_options) : assess_options,
                   html_default ? with(assess_flags, observed_flags) : assess_flags);
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << assess_help;
        return exit_ok;
    }
    if (args.positional().size() > 1) throw UsageError("assess takes at most one MODEL");
    auto output = args.value("-o", "--output");
    std::string format = cli::output_format(args.value("--format"), output, {"text", "json", "csv", "md", "html", "dot"},
                                            html_default ? "html" : "text", html_default ? "report" : "assess");
    std::vector<std::string> inputs = args.positional();
    for (const char* option : {"--kb", "--kb-extend", "--log", "--cases", "--counts", "--annotations"}) {
        for (const auto& v : args.values(option)) inputs.push_back(v);
    }
    cli::refuse_output_over_input(output, inputs);
    const bool observing = args.value("--log") || !args.values("--counts").empty();
    if (observing && format != "html" && format != "md")
        throw UsageError("--log adds a section to the html and md report, not to " + format);
    for (const auto& option : with(observed_value_options, observed_flags)) {
        if (!observing && (args.flag(option) || !args.values(option).empty()))
            throw UsageError(option + " needs --log LOG (or --counts FILE)");
    }
    report::ReportOptions options;
    options.language = language(args);
    options.date = report_date(args);
    if (auto top = args.value("--top")) options.top = static_cast<std::size_t>(whole_number("--top", *top, 1000000));
    options.colour = format == "text" && colour_wanted(args, output);

    KnowledgeBase kb = knowledge_base(args);
    std::optional<std::string> model_path;
    if (!args.positional().empty()) model_path = args.positional()[0];
    Process process = load_model(model_path, kb, options.language, annotations_option(args, model_path));
    Assessment a = assess(process, kb);
    std::optional<std::size_t> fail_on;
    if (auto level = args.value("--fail-on")) fail_on = level_index(a, *level);

    std::string text;
    std::string observed;
    if (observing) observed = observed_section(args, process, kb, a, options.language, format);
    if (format == "text") text = report::to_text(process, a, kb, options);
    else if (format == "json") text = save_assessment(a);
    else if (format == "csv") text = report::to_csv(a, kb, options.language);
    else if (format == "md") text = report::to_markdown(process, a, kb, options, observed);
    else if (format == "dot") text = report::to_dot(process, a, options);
    else {
        report::GraphLayout layout = report::layout_with_graphviz(report::to_dot(process, a, options));
        if (layout.svg.empty())
            std::cerr << "artikel1: warning: the report has no process graph: " << layout.error
                      << (layout.error.ends_with("not found") ? " (install graphviz)" : "") << "\n";
        text = report::to_html(process, a, kb, options, layout.svg, layout.error, observed);
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
    Arguments args(argc, argv, 2, {"--kb", "--kb-extend", "--lang", "--annotations"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << validate_help;
        return exit_ok;
    }
    if (args.positional().size() != 1) throw UsageError("validate needs one MODEL");
    const std::string& path = args.positional()[0];
    const bool nl = language(args) == Language::nl;
    auto say = [nl](const char* dutch, const char* english) { return nl ? dutch : english; };
    KnowledgeBase kb = knowledge_base(args);
    const auto annotations = annotations_option(args, path);
    auto list = [&](const std::vector<Problem>& problems) {
        for (const auto& p : problems) {
            std::cout << (p.is_error() ? say("fout", "error") : say("waarschuwing", "warning"));
            if (p.line > 0) std::cout << say(" op regel ", " at line ") << p.line << say(", kolom ", ", column ") << p.column;
            std::cout << " " << (p.pointer.empty() ? "/" : p.pointer) << ": " << problem_message(p, nl ? Language::nl : Language::en) << "\n";
        }
    };
    ProcessReport report;
    try {
        report = read_model(path, kb, annotations);
    } catch (const ValidationError& e) { // the side file's problems, listed as the model's are
        list(e.problems());
        const auto errors = static_cast<std::size_t>(std::count_if(e.problems().begin(), e.problems().end(), [](const Problem& p) { return p.is_error(); }));
        std::cout << *annotations << say(": ongeldig, ", ": invalid, ") << errors << say(" fout(en), ", " error(s), ")
                  << e.problems().size() - errors << say(" waarschuwing(en)\n", " warning(s)\n");
        return exit_bad_input;
    }
    list(report.problems);
    if (!report.ok()) {
        std::cout << path << say(": ongeldig, ", ": invalid, ") << report.error_count() << say(" fout(en), ", " error(s), ")
                  << report.warning_count() << say(" waarschuwing(en)\n", " warning(s)\n");
        return exit_bad_input;
    }
    const Process& p = report.process;
    std::cout << path << say(": geldig proces ", ": valid process ") << quote_for_message(p.id) << " (" << p.name << "): "
              << p.steps.size() << say(" stappen, ", " steps, ") << p.flows.size() << say(" overgangen, ", " flows, ")
              << p.attributes.size() << say(" kenmerken, ", " attributes, ") << report.warning_count()
              << say(" waarschuwing(en)\n", " warning(s)\n");
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

/// A model (assessed, and kept) or a saved assessment, told apart by its "schema".
Round round_of(const std::string& path, const KnowledgeBase& kb, Language language) {
    std::string text = read_input(path);
    auto doc = parse_json_text(text, {}, path);
    if (doc.is_object() && doc.contains("schema") && doc["schema"].is_string()) {
        const std::string& schema = doc["schema"].get_ref<const std::string&>();
        if (schema.starts_with("artikel1/assessment/") && schema != "artikel1/assessment/1")
            throw Error(path + ": unsupported schema " + quote_for_message(schema) +
                        " (this version reads saved assessments of artikel1/assessment/1)");
    }
    if (doc.is_object() && doc.contains("schema") && doc["schema"] == "artikel1/assessment/1") {
        try {
            return {assessment_from_json(text), std::nullopt};
        } catch (const ValidationError& e) {
            reject(e.problems(), path, "assessment", language);
        }
    }
    auto report = read_process_json(doc, kb);
    if (!report.ok()) reject(report.problems, path, "process model", language);
    print_problems(report.problems, path, language); // warnings only
    Assessment assessment = assess(report.process, kb);
    return {std::move(assessment), std::move(report.process)};
}

int run_compare(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"--format", "--lang", "-o", "--output", "--kb", "--kb-extend"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << compare_help;
        return exit_ok;
    }
    if (args.positional().size() != 2) throw UsageError("compare needs OLD and NEW");
    auto output = args.value("-o", "--output");
    std::string format = cli::output_format(args.value("--format"), output, {"text", "json", "md", "html"}, "text", "compare");
    const Language lang = language(args);
    std::vector<std::string> inputs = args.positional();
    for (const char* option : {"--kb", "--kb-extend"}) {
        if (auto v = args.value(option)) inputs.push_back(*v);
    }
    cli::refuse_output_over_input(output, inputs);
    KnowledgeBase kb = knowledge_base(args);
    Round before = round_of(args.positional()[0], kb, lang);
    Round after = round_of(args.positional()[1], kb, lang);
    RoundComparison c = compare_rounds(before, after);
    std::string text;
    if (format == "json") text = to_json(c).dump(2) + "\n";
    else if (format == "md") text = report::comparison_markdown(c, before.assessment, after.assessment, kb, lang);
    else if (format == "html") text = report::comparison_html(c, before.assessment, after.assessment, kb, lang);
    else text = report::comparison_text(c, before.assessment, after.assessment, kb, lang);
    write_output(output, text);
    return exit_ok;
}

std::pair<std::string, std::string> split_pair(const std::string& text, char separator, const std::string& what) {
    auto at = text.find(separator);
    if (at == std::string::npos || at == 0 || at + 1 == text.size())
        throw UsageError("expected " + what + ", got " + quote_for_message(text));
    return {text.substr(0, at), text.substr(at + 1)};
}

/// Refuses a ground id the knowledge base does not know, suggesting the id of a ground whose label (nl or en) or
/// id it matches when case and spaces are ignored.
void require_ground(const KnowledgeBase& kb, const std::string& ground, const std::string& where) {
    if (kb.ground_index(ground) < kb.grounds().size()) return;
    auto fold = [](std::string_view text) {
        std::string out;
        for (char c : text) {
            if (c == ' ' || c == '_' || c == '-') continue;
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
    };
    std::string wanted = fold(ground), suggestion;
    for (const auto& g : kb.grounds()) {
        if (fold(g.id) == wanted || fold(g.label.nl) == wanted || fold(g.label.en) == wanted) suggestion = g.id;
    }
    // One letter off (a typo such as "rase"): the same length, one character different.
    for (const auto& g : kb.grounds()) {
        if (!suggestion.empty() || g.id.size() != ground.size()) continue;
        std::size_t differ = 0;
        for (std::size_t i = 0; i < ground.size(); ++i) differ += g.id[i] != ground[i];
        if (differ == 1) suggestion = g.id;
    }
    std::string known;
    for (const auto& g : kb.grounds()) known += (known.empty() ? "" : ", ") + g.id;
    throw UsageError(where + ": unknown ground " + quote_for_message(ground) +
                     (suggestion.empty() ? " (" + known + ")" : "; did you mean " + suggestion + "?"));
}

/// Rows skipped because their step is named as in the model but for case ("Intake" for "intake") are a mistake
/// in the log or the model, not data: said loudly, and an error with --fail-on-flag.
void warn_about_step_case(const DisparityAccumulator& acc, const Process& process, const std::string& log, bool fail) {
    auto lower = [](std::string_view text) {
        std::string out(text);
        for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    for (const auto& label : acc.issues().unknown_step_labels) {
        for (const auto& step : process.steps) {
            if (lower(step.id) != lower(label)) continue;
            std::string message = log + ": " + std::to_string(acc.issues().unknown_step) +
                                  " row(s) skipped for an unknown step; the log's step " + quote_for_message(label) +
                                  " matches the model's step " + quote_for_message(step.id) +
                                  " only when case is ignored (step names are case-sensitive)";
            if (fail) throw Error(message + "; with --fail-on-flag this is an error");
            std::cerr << "artikel1: WARNING: " << message << "\n";
            return;
        }
    }
}

/// The --group options, each a COLUMN=GROUND whose ground the knowledge base knows.
std::vector<GroundColumn> ground_columns(const Arguments& args, const KnowledgeBase& kb) {
    std::vector<GroundColumn> grounds;
    for (const auto& g : args.values("--group")) {
        try {
            grounds.push_back(parse_ground_column(g));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        require_ground(kb, grounds.back().ground, "--group " + cut_token(g));
    }
    return grounds;
}

/// What the disparity options give: the table and, with --compound, the compounding result.
struct Observed {
    DisparityTable table;
    std::optional<CompoundingResult> compounding;
    std::optional<ReadSummary> read;  ///< what reading the log did (none with --counts only)
    std::uint64_t max_open_cases = 0; ///< the limit it was read with
};

/// Why and how the log was sorted by case (ReadSummary::sorted_by_case), as one sentence.
std::string sorted_by_case_note(const ReadSummary& s, std::uint64_t limit, Language lang) {
    const bool nl = lang == Language::nl;
    const std::string limit_text = std::to_string(limit);
    const std::string open = nl ? (limit == 1 ? " zaak was" : " zaken waren") : (limit == 1 ? " case was" : " cases were");
    std::string text = nl ? "het log is op zaak gesorteerd: meer dan " + limit_text + open + " tegelijk open (--max-open-cases " +
                                limit_text + "); de laatste " + report::whole(static_cast<double>(s.sorted_events), lang) +
                                " gebeurtenissen zijn "
                          : "the log was sorted by case: more than " + limit_text + open + " open at once (--max-open-cases " +
                                limit_text + "); its last " + report::whole(static_cast<double>(s.sorted_events), lang) +
                                " events were sorted ";
    if (s.sort_runs == 0) return text + (nl ? "in het geheugen gesorteerd" : "in memory");
    const std::string mb = report::fixed(static_cast<double>(s.sort_bytes) / 1e6, 1, lang);
    return text + (nl ? "in " + std::to_string(s.sort_runs) + " delen op schijf gesorteerd (" + mb + " MB geschreven)"
                      : "in " + std::to_string(s.sort_runs) + " runs on disk (" + mb + " MB written)");
}

/// Reads `log` (none: only the --counts files) with the disparity options of `args` and computes the table (and the
/// compounding result with --compound); --save-counts also writes the counts. `fail` makes a step named as in the
/// model but for case an error (--fail-on-flag).
Observed observe(const Arguments& args, const Process& process, const KnowledgeBase& kb, const std::optional<std::string>& log_path,
                 bool fail) {
    DisparitySpecOptions spec_options;
    spec_options.grounds = ground_columns(args, kb);
    if (auto strata = args.value("--strata")) spec_options.strata_column = *strata;
    for (const auto& pair : args.values("--intersection")) spec_options.intersections.push_back(split_pair(pair, '+', "GROUND+GROUND"));
    for (const auto& o : args.values("--outcome")) {
        auto [label, kind] = split_pair(o, '=', "LABEL=adverse or LABEL=favourable");
        if (kind != "adverse" && kind != "favourable") throw UsageError("outcome " + quote_for_message(label) + ": adverse or favourable");
        spec_options.outcomes.push_back({label, kind == "adverse"});
    }
    DisparityOptions table_options;
    if (auto m = args.value("--min-cell")) table_options.min_cell = whole_number("--min-cell", *m);
    table_options.unknown_labels = args.flag("--unknown-labels");
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
        else throw UsageError("--delimiter needs one character (not a quote or line end) or tab, got " + quote_for_message(*d));
    }
    if (auto l = args.value("--lifecycle")) log_options.lifecycle = *l == "all" ? std::string() : *l;
    if (auto m = args.value("--max-open-cases")) log_options.max_open_cases = whole_number("--max-open-cases", *m);

    const bool compounding = args.flag("--compound");
    if (!compounding && !args.values("--hit").empty()) throw UsageError("--hit needs --compound");
    spec_options.count_transitions = compounding;
    CompoundingOptions compound_options;
    compound_options.min_cell = table_options.min_cell;
    compound_options.reference_groups = table_options.reference_groups;
    for (const auto& h : args.values("--hit")) {
        try {
            compound_options.outcome_tests.push_back(parse_outcome_test(h));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    if (compounding && !spec_options.outcomes.empty()) throw UsageError("--compound needs the next step of each row, not --outcome");
    DisparitySpec spec(process, spec_options);
    DisparityAccumulator acc(spec);
    std::optional<CaseTable> cases;
    if (auto path = args.value("--cases")) cases = read_case_table(*path, spec, log_options);
    const std::string log = !log_path ? std::string("--counts") : *log_path == "-" ? std::string("/dev/stdin") : *log_path;
    std::optional<ReadSummary> read;
    if (log_path) {
        Progress progress("reading " + log);
        read = read_event_log(log, acc, log_options, cases ? &*cases : nullptr);
        progress.done(std::to_string(read->events) + " events (" + report::fixed(static_cast<double>(read->bytes) / 1e6) +
                      " MB) read with " + std::to_string(read->threads) + " thread(s)" +
                      (read->sorted_by_case ? "; " + sorted_by_case_note(*read, log_options.max_open_cases, Language::en) : ""));
    }
    for (const auto& path : args.values("--counts")) {
        acc.merge(read_counts(std::make_shared<const DisparitySpec>(spec), read_input(path), path));
    }
    if (auto path = args.value("--save-counts")) write_output(*path, acc.serialise() + "\n");
    Observed observed{compute_disparity(acc, table_options), std::nullopt, read, log_options.max_open_cases};
    const DisparityTable& table = observed.table;
    // A reference group that never occurs (a typo, another spelling in the log) would leave its ground without
    // comparisons, and --fail-on-flag would pass: an error.
    for (const auto& reference : table_options.reference_groups) {
        const auto& [ground, group] = reference; // clang 14 lets no lambda capture a structured binding
        bool seen = std::any_of(table.cells.begin(), table.cells.end(), [&](const DisparityCell& c) {
            return c.ground == reference.first && c.group == reference.second;
        });
        if (!seen)
            throw Error("--reference: the group " + quote_for_message(group) + " of ground " + ground +
                        " does not occur in the log (group labels are case-sensitive)");
    }
    warn_about_step_case(acc, process, log, fail);
    if (compounding) observed.compounding = compound(process, acc, compound_options);
    return observed;
}

std::string observed_section(const Arguments& args, const Process& process, const KnowledgeBase& kb, const Assessment& a,
                             Language language, const std::string& format) {
    Observed observed = observe(args, process, kb, args.value("--log"), false);
    // The section shows the table as published: read back from its JSON it holds nothing the JSON does not (the
    // counts of suppressed cells are not there to show).
    DisparityTable published = disparity_table_from_json(to_json(observed.table).dump());
    std::optional<nlohmann::ordered_json> compounding;
    if (observed.compounding) compounding = to_json(*observed.compounding);
    const nlohmann::ordered_json* c = compounding ? &*compounding : nullptr;
    return format == "md" ? report::observed_markdown(published, &a, c, language) : report::observed_html(published, &a, c, language);
}

int run_disparity(int argc, char** argv) {
    Arguments args(argc, argv, 2,
                   with({"--format", "-o", "--output", "--kb", "--kb-extend", "--save-counts", "--lang", "--annotations"}, observed_value_options),
                   with({"--help", "-h", "--fail-on-flag"}, observed_flags));
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << disparity_help;
        return exit_ok;
    }
    bool counts_only = args.positional().size() == 1 && !args.values("--counts").empty();
    if (args.positional().size() != 2 && !counts_only) throw UsageError("disparity needs MODEL and LOG (or MODEL and --counts FILE)");
    auto output = args.value("-o", "--output");
    std::string format = cli::output_format(args.value("--format"), output, {"text", "json", "csv", "md"}, "text", "disparity");
    const Language lang = language(args);
    std::vector<std::string> inputs = args.positional();
    for (const char* option : {"--kb", "--kb-extend", "--cases", "--counts", "--annotations"}) {
        for (const auto& v : args.values(option)) inputs.push_back(v);
    }
    cli::refuse_output_over_input(output, inputs);
    if (auto saved = args.value("--save-counts")) cli::refuse_output_over_input(saved, inputs);
    KnowledgeBase kb = knowledge_base(args);
    Process process = load_model(args.positional()[0], kb, language(args), annotations_option(args, args.positional()[0]));
    std::optional<std::string> log;
    if (!counts_only) log = args.positional()[1];
    Observed observed = observe(args, process, kb, log, args.flag("--fail-on-flag"));
    const DisparityTable& table = observed.table;
    const auto& compound_result = observed.compounding;
    Assessment a = assess(process, kb);
    auto links = link(table, a);

    std::string text;
    if (format == "json") {
        auto doc = to_json(table);
        doc["structural_links"] = to_json(links);
        if (observed.read && observed.read->sorted_by_case) {
            const ReadSummary& r = *observed.read;
            doc["sorted_by_case"] = {{"reason", "more than " + std::to_string(observed.max_open_cases) + " cases open at once"},
                                     {"max_open_cases", observed.max_open_cases},
                                     {"events", r.sorted_events},
                                     {"runs", r.sort_runs},
                                     {"bytes_written", r.sort_bytes}};
        }
        if (compound_result) doc["compounding"] = to_json(*compound_result);
        text = doc.dump(2) + "\n";
    } else if (format == "csv") {
        text = to_csv(table);
        if (compound_result) text += "\n" + to_csv(*compound_result); // a second table after a blank line
    } else if (format == "md") {
        text = report::to_markdown(table, lang, kb);
        if (compound_result) text += "\n" + to_markdown(*compound_result, lang, kb);
    } else {
        const bool nl = lang == Language::nl;
        text = to_text(table, lang, kb);
        if (observed.read && observed.read->sorted_by_case)
            text += "\n" + sorted_by_case_note(*observed.read, observed.max_open_cases, lang) + "\n";
        text += nl ? "\ngemarkeerde cellen naast hun structurele risico:\n" : "\nflagged cells beside their structural risk:\n";
        if (links.empty()) text += nl ? "  geen\n" : "  none\n";
        for (const auto& l : links) {
            text += "  " + l.step + " / " + table_ground(l.ground, lang, kb) + " / " + l.group + (nl ? ": verhouding " : ": ratio ") +
                    report::fixed(l.ratio, 2, lang) + ", q " + table_p(l.q_value, lang);
            for (const auto& s : l.structural) {
                auto level = static_cast<std::size_t>(std::find_if(a.levels.begin(), a.levels.end(), [&](const auto& l) { return l.id == s.level; }) - a.levels.begin());
                text += (nl ? "; structureel " : "; structural ") +
                        (nl ? a.ground_labels[a.ground_index(s.ground)].in(lang) : s.ground) + " " + report::fixed(s.score, 1, lang) +
                        " " + (nl && level < a.levels.size() ? a.levels[level].label.in(lang) : s.level);
            }
            text += "\n";
        }
        if (compound_result) text += "\n" + to_text(*compound_result, lang, kb);
    }
    write_output(output, text);
    return args.flag("--fail-on-flag") && table.flagged_count() > 0 ? exit_findings : exit_ok;
}

int run_merge(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"-o", "--output", "--lang"}, {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << merge_help;
        return exit_ok;
    }
    if (args.positional().empty()) throw UsageError("merge needs at least one PART (counts saved by disparity --save-counts)");
    auto output = args.value("-o", "--output");
    cli::refuse_output_over_input(output, args.positional());
    std::vector<std::string> parts;
    for (const auto& path : args.positional()) parts.push_back(read_input(path));
    write_output(output, merge_counts(parts, args.positional()) + "\n");
    return exit_ok;
}

int run_fit(int argc, char** argv) {
    Arguments args(argc, argv, 2,
                   {"--group", "--cases", "--per-group", "--min-cell", "--threads", "-o", "--output", "--kb", "--kb-extend", "--annotations",
                    "--lang"},
                   {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << fit_help;
        return exit_ok;
    }
    if (args.positional().size() != 2) throw UsageError("fit needs MODEL and LOG");
    std::vector<std::string> inputs = args.positional();
    for (const char* option : {"--kb", "--kb-extend", "--cases", "--annotations"}) {
        for (const auto& v : args.values(option)) inputs.push_back(v);
    }
    cli::refuse_output_over_input(args.value("-o", "--output"), inputs);
    KnowledgeBase kb = knowledge_base(args);
    Process process = load_model(args.positional()[0], kb, language(args), annotations_option(args, args.positional()[0]));
    DisparitySpecOptions spec_options;
    spec_options.grounds = ground_columns(args, kb);
    spec_options.count_transitions = true;
    FitOptions fit_options;
    fit_options.per_group = args.values("--per-group");
    if (auto m = args.value("--min-cell")) fit_options.min_cell = whole_number("--min-cell", *m);
    EventLogOptions log_options;
    if (auto t = args.value("--threads")) {
        auto n = whole_number("--threads", *t);
        if (n < 1 || n > 256) throw UsageError("--threads must be between 1 and 256");
        log_options.threads = static_cast<unsigned>(n);
    }
    DisparitySpec spec(process, spec_options);
    DisparityAccumulator acc(spec);
    std::optional<CaseTable> cases;
    if (auto path = args.value("--cases")) cases = read_case_table(*path, spec, log_options);
    read_event_log(args.positional()[1], acc, log_options, cases ? &*cases : nullptr);
    write_output(args.value("-o", "--output"), save_process(fit_process(process, acc, fit_options)));
    return exit_ok;
}

int run_convert(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"-o", "--output", "--kb", "--kb-extend", "--layout", "--annotations", "--annotations-out",
                    "--lang"},
                   {"--help", "-h"});
    if (args.flag("--help") || args.flag("-h")) {
        std::cout << convert_help;
        return exit_ok;
    }
    if (args.positional().size() != 1) throw UsageError("convert needs one MODEL");
    auto output = args.value("-o", "--output");
    if (!output) throw UsageError("convert needs -o FILE.json or -o FILE.bpmn");
    const bool to_bpmn_file = is_bpmn_file(*output);
    if (!to_bpmn_file && *output != "-" && std::filesystem::path(*output).extension() != ".json")
        throw UsageError("convert writes JSON or BPMN: give -o FILE.json or -o FILE.bpmn, got " + quote_for_message(*output));
    auto layout = args.value("--layout").value_or("graphviz");
    if (layout != "graphviz" && layout != "layers")
        throw UsageError("unknown layout " + quote_for_message(layout) + " (graphviz or layers)");
    if (args.value("--layout") && !to_bpmn_file) throw UsageError("--layout needs -o FILE.bpmn");
    const auto side_out = args.value("--annotations-out");
    if (side_out && !to_bpmn_file) throw UsageError("--annotations-out needs -o FILE.bpmn");
    if (side_out && *side_out == *output)
        throw UsageError("--annotations-out needs a file of its own, not the one of -o");
    const std::string& path = args.positional()[0];
    const auto annotations = annotations_option(args, path);
    std::vector<std::string> inputs = {path};
    if (annotations) inputs.push_back(*annotations);
    for (const char* option : {"--kb", "--kb-extend"}) {
        if (auto v = args.value(option)) inputs.push_back(*v);
    }
    cli::refuse_output_over_input(output, inputs);
    if (side_out) cli::refuse_output_over_input(side_out, inputs, "--annotations-out");
    KnowledgeBase kb = knowledge_base(args);
    ProcessReport report;
    try {
        report = is_bpmn_file(path) ? read_model(path, kb, annotations) : read_process_json(parse_json_text(read_input(path), {}, path), kb);
    } catch (const ValidationError& e) { // only the side file's problems are thrown
        reject(e.problems(), *annotations, "BPMN annotations", language(args));
    }
    if (!report.ok()) reject(report.problems, path, "process model", language(args));
    print_problems(report.problems, path, language(args)); // warnings only
    if (!to_bpmn_file) {
        write_output(output, save_process(report.process));
        return exit_ok;
    }
    Assessment assessment = assess(report.process, kb);
    BpmnExportOptions options;
    options.assessment = &assessment;
    options.graphviz = layout == "graphviz";
    options.annotations_in_side_file = side_out.has_value();
    BpmnExport bpmn = to_bpmn(report.process, options);
    for (const auto& note : bpmn.notes) std::cerr << "artikel1: warning: " << note << "\n";
    if (side_out) write_output(*side_out, bpmn.annotations);
    write_output(output, bpmn.xml);
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
    if (command == "merge") return run_merge(argc, argv);
    if (command == "fit") return run_fit(argc, argv);
    if (command == "convert") return run_convert(argc, argv);
    throw UsageError("unknown command " + quote_for_message(command));
}

/// The language of the messages about the input: Dutch with --lang nl (or --lang=nl) anywhere after the command,
/// read before the command's own arguments so that an error in them is reported in it too. Usage errors, which
/// name the command line's (English) options, stay English.
Language message_language(int argc, char** argv) {
    for (int i = 2; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang=nl" || (arg == "--lang" && i + 1 < argc && std::string_view(argv[i + 1]) == "nl")) return Language::nl;
    }
    return Language::en;
}

} // namespace

int main(int argc, char** argv) {
    // A file size limit (ulimit -f) makes a write fail with EFBIG, reported, instead of killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    const Language language = message_language(argc, argv);
    const bool nl = language == Language::nl;
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "artikel1: " << e.what() << " (see artikel1 --help)\n";
    } catch (const ProblemsReported& e) {
        std::cerr << "artikel1: " << e.what() << "\n";
    } catch (const ValidationError& e) {
        std::cerr << "artikel1: " << (nl ? "ongeldige invoer: " : "invalid input: ") << error_message(e, language) << "\n";
    } catch (const Error& e) {
        std::cerr << "artikel1: " << error_message(e, language) << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << (nl ? "artikel1: onvoldoende geheugen\n" : "artikel1: out of memory\n");
    } catch (const std::exception& e) {
        std::cerr << "artikel1: " << e.what() << "\n";
    }
    return exit_bad_input;
}
