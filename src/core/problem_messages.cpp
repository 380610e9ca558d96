// SPDX-License-Identifier: EUPL-1.2
// artikel1: the catalogue of messages (error.hpp, docs/messages.md). Every problem the readers and checks of the
// library report has a code here, with its text in English and in Dutch; the English text is the problem's
// `message`, the Dutch one is written on demand by problem_message().
#include <artikel1/error.hpp>

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/report/common.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace artikel1 {

namespace {

// clang-format off
constexpr std::array catalogue{
    // Reading a JSON document: the JSON text itself. The English text of a syntax error is the JSON reader's own.
    MessageText{"json_unexpected", "{0}", "geen geldige JSON: onverwacht {1:token}{2:expected}", 3},
    MessageText{"json_invalid", "{0}", "geen geldige JSON: {1:lexer}, gelezen: {2}{3:expected}", 4},
    MessageText{"json_number_overflow", "{0}", "geen geldige JSON: het getal {1} is te groot", 2},
    MessageText{"json_syntax", "{0}", "geen geldige JSON", 1},
    MessageText{"duplicate_key", "duplicate key {0} (a key may appear once in an object)",
                "dubbele sleutel {0} (een sleutel mag maar één keer in een object staan)", 1},
    // Reading members: every document.
    MessageText{"missing_member", "missing required member \"{0}\"", "het verplichte onderdeel \"{0}\" ontbreekt", 1},
    MessageText{"unknown_member", "unknown member {0} is ignored", "onbekend onderdeel {0} wordt overgeslagen", 1},
    MessageText{"expected_type", "expected {0:type}, found {1:type}", "verwacht {0:type}, gevonden {1:type}", 2},
    MessageText{"expected_boolean", "expected true or false, found {0:type}", "verwacht true of false, gevonden {0:type}", 1},
    MessageText{"expected_count", "expected a whole number >= 0, found {0:number}",
                "verwacht een geheel getal van 0 of meer, gevonden {0:number}", 1},
    MessageText{"expected_count_type", "expected a whole number >= 0, found {0:type}",
                "verwacht een geheel getal van 0 of meer, gevonden {0:type}", 1},
    MessageText{"not_finite", "expected a finite number", "verwacht een eindig getal", 0},
    MessageText{"empty_id", "an id must not be empty", "een id mag niet leeg zijn", 0},
    MessageText{"unknown_value", "unknown value {0} (expected one of: {1})", "onbekende waarde {0} (kies uit: {1:list})", 2},
    MessageText{"expected_date", "expected a date YYYY-MM-DD, found {0}", "verwacht een datum als JJJJ-MM-DD, gevonden {0}", 1},
    // A process model.
    MessageText{"unsupported_process_schema", "unsupported schema {0} (expected \"{1}\" or \"{2}\")",
                "schema {0} wordt niet ondersteund (verwacht \"{1}\" of \"{2}\")", 3},
    MessageText{"negative", "must be 0 or more", "moet 0 of meer zijn", 0},
    MessageText{"cases_too_many", "must be at most 10000000000 (10^10), got {0:number}",
                "mag hoogstens 10.000.000.000 (10^10) zijn, gegeven is {0:number}", 1},
    MessageText{"duplicate_attribute_id", "duplicate attribute id {0} (first used at {1})",
                "dubbele kenmerk-id {0} (al gebruikt bij {1})", 2},
    MessageText{"unknown_attribute_kind", "unknown attribute kind {0}", "onbekende soort kenmerk {0}", 1},
    MessageText{"duplicate_step_id", "duplicate step id {0} (first used at {1})", "dubbele stap-id {0} (al gebruikt bij {1})", 2},
    MessageText{"unknown_attribute", "unknown attribute {0}", "onbekend kenmerk {0}", 1},
    MessageText{"unknown_measure", "unknown measure {0}", "onbekende maatregel {0}", 1},
    MessageText{"measure_listed_twice", "measure {0} is listed twice (first at {1})",
                "maatregel {0} staat twee keer in de lijst (eerst bij {1})", 2},
    MessageText{"unknown_ground", "unknown ground {0}", "onbekende discriminatiegrond {0}", 1},
    MessageText{"no_steps", "a process needs at least one step", "een proces heeft minstens één stap nodig", 0},
    MessageText{"flow_from_unknown_step", "flow from unknown step {0}", "overgang vanuit onbekende stap {0}", 1},
    MessageText{"flow_to_unknown_step", "flow to unknown step {0}", "overgang naar onbekende stap {0}", 1},
    MessageText{"probability_out_of_range", "probability {0:number} is outside 0..1",
                "kans {0:number} ligt niet tussen 0 en 1", 1},
    MessageText{"count_more_than_of", "count {0} is more than of {1}",
                "het aantal in \"count\" ({0}) is groter dan het totaal in \"of\" ({1})", 2},
    MessageText{"group_given_twice", "group {0} of ground {1} given twice",
                "groep {0} van discriminatiegrond {1} staat er twee keer in", 2},
    MessageText{"burden_without_adverse", "a burden is carried only by an adverse flow: add \"adverse\": true",
                "alleen een nadelige overgang kan een last (\"burden\") dragen: voeg \"adverse\": true toe", 0},
    MessageText{"adverse_to_step_without_severity",
                "adverse flow leads to step {0} whose severity is none; its burden is not counted in the impact",
                "nadelige overgang leidt naar stap {0}, die geen ernst heeft (\"none\"); de last telt dus niet mee in de impact", 1},
    MessageText{"probabilities_not_one", "probabilities of the flows leaving {0} sum to {1:number}, not 1",
                "de kansen van de overgangen vanuit {0} zijn samen {1:number} en niet 1", 2},
    MessageText{"probabilities_above_one", "probabilities of the flows leaving {0} sum to {1:number}, more than 1",
                "de kansen van de overgangen vanuit {0} zijn samen {1:number}, meer dan 1", 2},
    MessageText{"dead_end", "step {0} is a dead end: it has no outgoing flow and is not an outcome",
                "stap {0} loopt dood: er gaat geen overgang uit en het is geen uitkomst", 1},
    MessageText{"unknown_start_step", "unknown start step {0}", "onbekende beginstap {0}", 1},
    MessageText{"no_start", "no start: every step has an incoming flow; name the first step in \"start\"",
                "geen begin: elke stap heeft een inkomende overgang; geef de eerste stap op in \"start\"", 0},
    MessageText{"no_single_start",
                "no single start: {0} steps have no incoming flow ({1}); name the first step in \"start\"",
                "geen eenduidig begin: {0} stappen hebben geen inkomende overgang ({1}); geef de eerste stap op in \"start\"", 2},
    MessageText{"unreachable_step", "step {0} is unreachable from the start {1}",
                "stap {0} is niet te bereiken vanaf de beginstap {1}", 2},
    MessageText{"closed_loop", "cases that reach {0} can never leave its loop: add a flow out of the loop or an outcome",
                "zaken die bij {0} komen, kunnen hun lus nooit meer uit: voeg een overgang uit de lus toe, of een uitkomst", 1},
    // The team's work (artikel1/process/2).
    MessageText{"action_without_measure", "an action needs a \"measure\" (of the knowledge base) or a \"description\"",
                "een actie heeft een \"measure\" (uit de kennisbank) of een \"description\" nodig", 0},
    MessageText{"period_ends_before_start", "the period ends on {0}, before it starts on {1}",
                "de periode eindigt op {0}, vóór het begin op {1}", 2},
    MessageText{"session_outside_period", "the session on {0} is outside the period {1} to {2}",
                "de sessie van {0} valt buiten de periode van {1} tot {2}", 3},
    MessageText{"assumption_id_reused", "assumption {0} has another text or other grounds at {1}; one id is one mensbeeld",
                "aanname {0} heeft bij {1} een andere tekst of andere gronden; één id hoort bij één mensbeeld", 2},
    MessageText{"justification_not_direct",
                "a justification test is for a direct distinction; attribute {0} (kind {1}) is no ground itself",
                "een rechtvaardigingstoets hoort bij direct onderscheid; kenmerk {0} (soort {1}) is zelf geen discriminatiegrond", 2},
    MessageText{"measure_planned_twice", "measure {0} is in the action plan twice (first at {1})",
                "maatregel {0} staat twee keer in het actieplan (eerst bij {1})", 2},
    MessageText{"measure_in_place_twice", "measure {0} is also listed in \"measures\"; it counts once",
                "maatregel {0} staat ook in \"measures\"; hij telt maar één keer", 1},
    MessageText{"measure_already_in_place", "measure {0} is {1} but already in place (listed in \"measures\")",
                "maatregel {0} heeft de status \"{1}\", maar is al ingevoerd (hij staat in \"measures\")", 2},
    // A knowledge base or its extension.
    MessageText{"unexpected_schema", "expected \"{0}\", found {1}", "verwacht \"{0}\", gevonden {1}", 2},
    MessageText{"expected_entry_with_id", "expected an object with a string \"id\"",
                "verwacht een object met een tekst als \"id\"", 0},
    MessageText{"in_merged_knowledge_base", "{0} (in the merged knowledge base)", "{0} (in de samengevoegde kennisbank)", 1, true},
    MessageText{"expected_weight", "expected a number or {\"value\", \"rationale\"}, found {0:type}",
                "verwacht een getal of {\"value\", \"rationale\"}, gevonden {0:type}", 1},
    MessageText{"value_out_of_range", "value {0:number} is outside {1:number}..{2:number}",
                "waarde {0:number} ligt niet tussen {1:number} en {2:number}", 3},
    MessageText{"duplicate_id", "duplicate id {0} (first used at {1})", "dubbele id {0} (al gebruikt bij {1})", 2},
    MessageText{"unknown_channel", "unknown channel {0} (expected one of: {1})", "onbekend kanaal {0} (kies uit: {1:list})", 2},
    MessageText{"missing_channel", "missing channel \"{0}\"", "het kanaal \"{0}\" ontbreekt", 1},
    MessageText{"unknown_name", "unknown value {0}", "onbekende waarde {0}", 1},
    MessageText{"unknown_automation", "unknown automation {0}", "onbekende mate van automatisering {0}", 1},
    MessageText{"levels_not_ascending", "levels must be in ascending order of \"min\"",
                "de niveaus moeten oplopen in \"min\"", 0},
    MessageText{"duplicate_level_id", "duplicate level id {0} (first used at {1})", "dubbele niveau-id {0} (al gebruikt bij {1})", 2},
    MessageText{"no_levels", "at least one level is needed", "er is minstens één niveau nodig", 0},
    MessageText{"first_level_not_zero", "the first level must start at 0", "het eerste niveau moet bij 0 beginnen", 0},
    MessageText{"unknown_level", "unknown level {0}", "onbekend niveau {0}", 1},
    // A saved assessment.
    MessageText{"unsupported_schema", "unsupported schema {0} (expected \"{1}\")", "schema {0} wordt niet ondersteund (verwacht \"{1}\")", 2},
    MessageText{"duplicate_ground_id", "duplicate ground id {0} (first used at {1})",
                "dubbele id van een discriminatiegrond {0} (al gebruikt bij {1})", 2},
    MessageText{"ground_scored_twice", "ground {0} is scored twice in this step",
                "discriminatiegrond {0} heeft in deze stap twee scores", 1},
    MessageText{"score_out_of_range", "a score is from 0 to 100, got {0:number}",
                "een score ligt tussen 0 en 100, gegeven is {0:number}", 1},
    MessageText{"levels_missing_for_scores", "no levels, but the steps have scores",
                "er zijn geen niveaus, maar de stappen hebben wel scores", 0},

    // Reading a file: what stops reading before any problem of the content can be listed.
    MessageText{"utf16_file", "the file is {0} text; artikel1 reads UTF-8: save it as UTF-8",
                "het bestand is {0}-tekst; artikel1 leest UTF-8: sla het op als UTF-8", 1},
    MessageText{"cannot_open", "cannot open {0}: {1:errno}", "kan {0} niet openen: {1:errno}", 2},
    MessageText{"cannot_read", "cannot read {0}: {1:errno}", "kan {0} niet lezen: {1:errno}", 2},
    MessageText{"cannot_seek", "cannot seek in {0}: {1:errno}", "kan in {0} geen positie kiezen: {1:errno}", 2},
    MessageText{"is_directory", "cannot read {0}: it is a directory", "kan {0} niet lezen: het is een map", 1},
    MessageText{"file_too_large", "{0} is {1} bytes; the limit is {2} bytes", "{0} is {1} bytes groot; de grens is {2} bytes", 3},
    MessageText{"stream_too_large", "{0} is more than {1} bytes; the limit is {1} bytes",
                "{0} is groter dan {1} bytes; de grens is {1} bytes", 2},
    MessageText{"nested_too_deep", "{0} nests deeper than {1} levels", "{0} is dieper genest dan {1} niveaus", 2},
    MessageText{"file_shrank", "{0} became shorter while it was read ({1} bytes missing): read a copy that is no longer being written",
                "{0} werd korter terwijl het gelezen werd ({1} bytes ontbreken): lees een kopie waaraan niet meer geschreven wordt", 2},
    // CSV text ({0} of the limits: the position, "FILE:LINE:COLUMN: ").
    MessageText{"csv_unterminated_quote", "unterminated quoted field",
                "een veld tussen aanhalingstekens zonder afsluitend aanhalingsteken", 0},
    MessageText{"csv_line_break_in_quotes",
                "line break inside a quoted field; multi-threaded reading needs one record per line (read with threads = 1)",
                "regeleinde in een veld tussen aanhalingstekens; lezen met meer threads vraagt één record per regel (lees met threads = 1)", 0},
    MessageText{"csv_after_closing_quote", "unexpected character after a closing quote (a quote inside a field must be doubled)",
                "onverwacht teken na een afsluitend aanhalingsteken (een aanhalingsteken in een veld moet dubbel staan)", 0},
    MessageText{"csv_quote_in_unquoted", "quote inside an unquoted field (quote the whole field and double the quote)",
                "aanhalingsteken in een veld zonder aanhalingstekens (zet het hele veld tussen aanhalingstekens en schrijf het "
                "aanhalingsteken dubbel)", 0},
    MessageText{"record_too_long", "{0}record longer than the limit of {1} bytes (max_line_bytes)",
                "{0}record langer dan de grens van {1} bytes (max_line_bytes)", 2},
    MessageText{"field_too_long", "{0}field longer than the limit of {1} bytes (max_field_bytes)",
                "{0}veld langer dan de grens van {1} bytes (max_field_bytes)", 2},
    MessageText{"line_too_long", "{0}line longer than the limit of {1} bytes (max_line_bytes)",
                "{0}regel langer dan de grens van {1} bytes (max_line_bytes)", 2},
    MessageText{"member_too_long", "{0}member {1} longer than the limit of {2} bytes (max_field_bytes)",
                "{0}onderdeel {1} langer dan de grens van {2} bytes (max_field_bytes)", 3},
    // An event log or case table: its header and rows.
    MessageText{"log_empty_file", "empty file: expected a header row", "leeg bestand: verwacht een kopregel", 0},
    MessageText{"log_duplicate_column", "duplicate column {0}", "dubbele kolom {0}", 1},
    MessageText{"log_field_count", "expected {0} fields (as in the header), found {1}",
                "verwacht {0} velden (zoals in de kopregel), gevonden {1}", 2},
    MessageText{"log_no_column", "no column {0} ({1:role}) in the header ({2:columns})",
                "geen kolom {0} ({1:role}) in de kopregel ({2:columns})", 3},
    MessageText{"log_no_column_case", "no column {0} ({1:role}) in the header ({2:columns}); a column differs only in case: {3}",
                "geen kolom {0} ({1:role}) in de kopregel ({2:columns}); een kolom verschilt alleen in hoofdletters: {3}", 4},
    MessageText{"log_no_default_column", "no {1:role} column ({0:or}) in the header ({2:columns})",
                "geen kolom voor {1:role} ({0:or}) in de kopregel ({2:columns})", 3},
    MessageText{"log_no_default_column_case",
                "no {1:role} column ({0:or}) in the header ({2:columns}); a column differs only in case: {3}",
                "geen kolom voor {1:role} ({0:or}) in de kopregel ({2:columns}); een kolom verschilt alleen in hoofdletters: {3}", 4},
    MessageText{"log_not_object", "expected one JSON object per line, found {0:type}",
                "verwacht één JSON-object per regel, gevonden {0:type}", 1},
    MessageText{"log_member_type", "member {0} must be a string, number or boolean, found {1:type}",
                "onderdeel {0} moet een tekst, getal of true of false zijn, gevonden {1:type}", 2},
    MessageText{"log_cases_split_over_threads",
                "the events of a case are not contiguous (a case appears in two parts of the file read by different threads). "
                "Read the log with one thread, sort it by case and time, or give a next-step column",
                "de gebeurtenissen van een zaak staan niet bij elkaar (een zaak staat in twee delen van het bestand die door "
                "verschillende threads gelezen worden). Lees het log met één thread, sorteer het op zaak en tijd, of geef een "
                "kolom met de volgende stap", 0},
    MessageText{"case_table_empty_id", "empty case id", "lege zaak-id", 0},
    MessageText{"case_table_duplicate_id", "duplicate case id {0}", "dubbele zaak-id {0}", 1},
    MessageText{"row_bad_timestamp", "timestamp {0} is not a date and time ({1:formats})",
                "tijdstempel {0} is geen datum en tijd ({1:formats})", 2},
    MessageText{"row_unknown_step", "unknown step {0} (strict mode)", "onbekende stap {0} (strikte modus)", 1},
    MessageText{"row_unknown_next_step", "unknown next step {0} (strict mode)", "onbekende volgende stap {0} (strikte modus)", 1},
    MessageText{"row_flow_not_in_model", "the model has no flow from {0} to {1} (strict mode)",
                "het model heeft geen overgang van {0} naar {1} (strikte modus)", 2},
    MessageText{"row_unknown_outcome", "outcome {0} is not in the outcome mapping (strict mode)",
                "uitkomst {0} staat niet in de indeling van de uitkomsten (strikte modus)", 1},
    MessageText{"row_case_goes_on",
                "events of case {0} go on after the case reached an end step of the model earlier in the file. Sort the log by "
                "case and time, or give a next-step column",
                "gebeurtenissen van zaak {0} gaan verder nadat de zaak eerder in het bestand een eindstap van het model bereikte. "
                "Sorteer het log op zaak en tijd, of geef een kolom met de volgende stap", 1},
    MessageText{"row_time_order",
                "events of case {0} are not in time order ({1} after {2}). Sort the log by case and time, or give a next-step column",
                "gebeurtenissen van zaak {0} staan niet in volgorde van tijd ({1} na {2}). Sorteer het log op zaak en tijd, of geef "
                "een kolom met de volgende stap", 3},
    MessageText{"row_case_not_in_table", "case {0} is not in the case table (strict mode)",
                "zaak {0} staat niet in de zakentabel (strikte modus)", 1},
    MessageText{"row_no_group", "no group for ground {0} (strict mode)", "geen groep voor grond {0} (strikte modus)", 1},
    MessageText{"row_no_stratum", "no stratum (strict mode)", "geen stratum (strikte modus)", 0},
    // A BPMN 2.0 file: its structure and its a1: annotations.
    MessageText{"bpmn_too_large", "{0}: a BPMN file larger than 256 MiB is refused", "{0}: een BPMN-bestand groter dan 256 MiB wordt geweigerd", 1},
    MessageText{"bpmn_no_definitions", "no bpmn:definitions element: not a BPMN 2.0 file", "geen element bpmn:definitions: geen BPMN 2.0-bestand", 0},
    MessageText{"bpmn_no_process", "the BPMN file has no process with flow nodes", "het BPMN-bestand heeft geen proces met flow nodes", 0},
    MessageText{"bpmn_needs_attribute", "a {0} needs {1}", "een {0} heeft {1} nodig", 2},
    MessageText{"bpmn_coordinate", "{0} {1} must be a number, got {2}", "{0} {1} moet een getal zijn, gevonden {2}", 3},
    MessageText{"bpmn_flow_node_without_id", "a flow node without an id", "een flow node zonder id", 0},
    MessageText{"bpmn_flow_refs", "a sequenceFlow needs a sourceRef and a targetRef", "een sequenceFlow heeft een sourceRef en een targetRef nodig", 0},
    MessageText{"bpmn_unknown_annotation_on", "unknown artikel1 annotation {0} on {1}", "onbekende artikel1-annotatie {0} op {1}", 2},
    MessageText{"bpmn_unknown_annotation_process", "unknown artikel1 annotation {0} on the process",
                "onbekende artikel1-annotatie {0} op het proces", 1},
    MessageText{"bpmn_unknown_annotation_flow", "unknown artikel1 annotation {0} on a sequenceFlow",
                "onbekende artikel1-annotatie {0} op een sequenceFlow", 1},
    MessageText{"bpmn_annotation_outside", "an a1:{0} outside a flow node", "een a1:{0} buiten een flow node", 1},
    MessageText{"bpmn_assumption_grounds", "an a1:assumption needs its grounds", "een a1:assumption heeft zijn gronden nodig", 0},
    MessageText{"bpmn_signal_parts", "an a1:signal needs a ground and a count", "een a1:signal heeft een grond en een aantal nodig", 0},
    MessageText{"bpmn_attribute_parts", "an a1:attribute needs an id and a kind", "een a1:attribute heeft een id en een kind nodig", 0},
    MessageText{"bpmn_number", "a1:{0} must be a number, got {1}", "a1:{0} moet een getal zijn, gevonden {1}", 2},
    MessageText{"bpmn_whole_number", "a1:{0} must be a whole number, got {1}", "a1:{0} moet een geheel getal zijn, gevonden {1}", 2},
    MessageText{"bpmn_boolean", "a1:{0} must be true or false, got {1}", "a1:{0} moet true of false zijn, gevonden {1}", 2},
    // Saved disparity counts (disparity --save-counts, merge, --counts).
    MessageText{"counts_other_spec", "the counts were made for a different process or different options",
                "de tellingen zijn gemaakt voor een ander proces of met andere opties", 0},
    MessageText{"in_part", "{1}: {0}", "in {1}: {0}", 2, true},
    MessageText{"counts_fingerprint_version", "the fingerprint does not describe a spec of this version of artikel1",
                "de vingerafdruk beschrijft geen telling van deze versie van artikel1", 0},
    // Sorting an interleaved event log on disk (EventLogOptions::max_open_cases).
    MessageText{"sort_file_create", "cannot create a temporary file in {0} to sort the log: {1:errno}",
                "kan in {0} geen tijdelijk bestand maken om het log te sorteren: {1:errno}", 2},
    MessageText{"sort_file_write", "cannot write a temporary file in {0} to sort the log: {1:errno}",
                "kan een tijdelijk bestand in {0} om het log te sorteren niet schrijven: {1:errno}", 2},
    MessageText{"sort_file_read", "cannot read a temporary file in {0} to sort the log: {1:errno}",
                "kan een tijdelijk bestand in {0} om het log te sorteren niet lezen: {1:errno}", 2},
    MessageText{"sort_file_truncated", "a temporary file in {0} to sort the log ends inside a record",
                "een tijdelijk bestand in {0} om het log te sorteren houdt midden in een record op", 1},
    // XML (XES and BPMN) and gzip.
    MessageText{"xml_not_well_formed", "not a well-formed {0:document}: {1}", "geen welgevormd {0:document}: {1}", 2},
    MessageText{"xml_doctype", "a document type declaration is not accepted in the {0:document}",
                "een documenttypedeclaratie is niet toegestaan in het {0:document}", 1},
    MessageText{"gzip_broken", "broken gzip data: {0}", "beschadigde gzip-gegevens: {0}", 1},
    MessageText{"gzip_truncated", "the gzip data ends early (a truncated file)", "de gzip-gegevens houden te vroeg op (een afgekapt bestand)", 0},
    MessageText{"gzip_start", "cannot start reading gzip data", "kan niet beginnen met het lezen van de gzip-gegevens", 0},
    MessageText{"xes_no_log", "no <log> element: not an XES document", "geen element <log>: geen XES-document", 0},
    MessageText{"xes_root", "expected the root element log of an XES document, found {0}",
                "verwacht het hoofdelement log van een XES-document, gevonden {0}", 1},
    MessageText{"attribute_too_long", "{0}attribute {1} longer than the limit of {2} bytes (max_field_bytes)",
                "{0}attribuut {1} langer dan de grens van {2} bytes (max_field_bytes)", 3},
    MessageText{"xes_trace_attribute_late",
                "trace attribute {0} after the trace's first event (XES puts a trace's attributes before its events)",
                "trace-attribuut {0} na de eerste gebeurtenis van de trace (in XES staan de attributen van een trace vóór de "
                "gebeurtenissen)", 1},
    MessageText{"xes_trace_without_case", "trace without a case id (attribute {0})", "trace zonder zaak-id (attribuut {0})", 1},
    MessageText{"in_column", "{0} (column {1})", "{0} (kolom {1})", 2, true},
    MessageText{"in_member", "{0} (member {1})", "{0} (onderdeel {1})", 2, true},
    MessageText{"in_attribute", "{0} (attribute {1})", "{0} (attribuut {1})", 2, true},
    // A side file of annotations of a BPMN file (artikel1/bpmn-annotations/1).
    MessageText{"bpmn_other_process", "the BPMN file's process is {0}, not {1}", "het proces van het BPMN-bestand is {0}, niet {1}", 2},
    MessageText{"bpmn_no_flow_node", "the BPMN file has no flow node {0}", "het BPMN-bestand heeft geen flow node {0}", 1},
    MessageText{"bpmn_no_sequence_flow", "the BPMN file has no sequence flow {0}", "het BPMN-bestand heeft geen sequence flow {0}", 1},
    MessageText{"bpmn_annotation_unknown_key", "unknown annotation {0} (expected one of: {1})",
                "onbekende annotatie {0} (kies uit: {1:list})", 2},
    MessageText{"bpmn_annotation_in_file", "the BPMN file gives {1} of {0} too, in the a1: namespace: give each annotation in one place",
                "het BPMN-bestand geeft {1} van {0} ook, in de namespace a1:; geef elke annotatie op één plaats", 2},
};
// clang-format on

const MessageText* find_message(std::string_view code) {
    auto it = std::find_if(catalogue.begin(), catalogue.end(), [&](const MessageText& m) { return m.code == code; });
    return it == catalogue.end() ? nullptr : &*it;
}

/// A JSON type (type_id) in words.
std::string type_words(std::string_view type, Language language) {
    const bool nl = language == Language::nl;
    if (type == "null") return "null";
    if (type == "object") return nl ? "een object" : "an object";
    if (type == "array") return nl ? "een lijst" : "an array";
    if (type == "string") return nl ? "een tekst" : "a string";
    if (type == "boolean") return nl ? "true of false" : "a boolean";
    if (type == "number") return nl ? "een getal" : "a number";
    return nl ? "een waarde van een ander type" : "a value of another type";
}

/// A token of the JSON reader's syntax errors ("string literal", "end of input", "'}'") in Dutch.
std::string token_words(std::string_view token) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> words{{
        {"string literal", "een tekst"},
        {"number literal", "een getal"},
        {"true literal", "true"},
        {"false literal", "false"},
        {"null literal", "null"},
        {"end of input", "het einde van de tekst"},
        {"'[', '{', or a literal", "'[', '{' of een waarde"},
        {"<parse error>", "een fout"},
        {"unknown token", "een onbekend teken"},
    }};
    for (const auto& [english, dutch] : words) {
        if (token == english) return std::string(dutch);
    }
    return std::string(token); // a bracket, brace, colon or comma: the same in every language
}

/// What the JSON reader's lexer found wrong ("invalid literal", "invalid string: missing closing quote") in Dutch.
std::string lexer_words(std::string_view what) {
    if (what == "invalid literal") return "ongeldige waarde";
    if (what == "invalid string: missing closing quote") return "tekst zonder aanhalingsteken aan het eind";
    if (what.starts_with("invalid string: control character")) return "stuurteken in een tekst (schrijf het als \\u-code)";
    if (what.starts_with("invalid string: ill-formed UTF-8")) return "tekst die geen geldige UTF-8 is";
    if (what.starts_with("invalid string")) return "ongeldige tekst";
    if (what.starts_with("invalid number")) return "ongeldig getal";
    if (what.starts_with("invalid BOM")) return "ongeldige byte-volgordemarkering (BOM)";
    if (what.starts_with("invalid comment")) return "ongeldig commentaar (JSON kent geen commentaar)";
    return "ongeldig teken";
}

/// Every item of a list "a, b, c" in double quotes: "\"a\", \"b\", \"c\"" (names of the format, not words).
std::string quoted_list(std::string_view list) {
    std::string out;
    std::size_t from = 0;
    while (from <= list.size()) {
        std::size_t comma = list.find(", ", from);
        std::string_view item = list.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from);
        out += (out.empty() ? "\"" : ", \"") + std::string(item) + "\"";
        if (comma == std::string_view::npos) break;
        from = comma + 2;
    }
    return out;
}

/// Every `from` in `text` replaced by `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

/// The reason of a failed system call (an errno value, as text) in words: the C library's own text in English, and
/// in Dutch for the reasons people meet (no such file, no permission, ...).
std::string errno_words(const std::string& value, Language language) {
    int code = 0;
    for (char c : value) code = c >= '0' && c <= '9' && code < 100000 ? code * 10 + (c - '0') : code;
    if (language == Language::nl) {
        switch (code) {
        case ENOENT: return "het bestand of de map bestaat niet";
        case EACCES: return "geen toestemming";
        case EPERM: return "niet toegestaan";
        case EISDIR: return "het is een map";
        case ENOTDIR: return "een deel van het pad is geen map";
        case ENAMETOOLONG: return "de naam is te lang";
        case ELOOP: return "te veel symbolische koppelingen";
        case EMFILE: case ENFILE: return "te veel open bestanden";
        case EIO: return "invoer-/uitvoerfout";
        default: break;
        }
    }
    return std::strerror(code);
}

/// What a column of an event log holds (the roles the readers name in English) in Dutch.
std::string role_words(std::string_view role) {
    if (role == "step") return "stap";
    if (role == "next step") return "volgende stap";
    if (role == "outcome") return "uitkomst";
    if (role == "case id") return "zaak-id";
    if (role == "timestamp") return "tijdstempel";
    if (role == "groups") return "groepen";
    if (role == "strata") return "strata";
    return std::string(role);
}

/// The formats of timestamps an event log may use (detail/timestamp.hpp), in Dutch.
constexpr std::string_view dutch_timestamp_formats =
    "ISO 8601 zoals 2026-03-01, 2026-03-01T09:30:00 of 2026-03-01 09:30:00.250+01:00, of dd-mm-jjjj [uu:mm[:ss]]";

std::string argument(std::string_view kind, const std::string& value, Language language) {
    const bool nl = language == Language::nl;
    if (kind.empty()) return value;
    if (kind == "number") return report::localised(value, language);
    if (kind == "type") return type_words(value, language);
    if (kind == "list") return nl ? quoted_list(value) : value;
    if (kind == "token") return nl ? token_words(value) : value;
    if (kind == "lexer") return nl ? lexer_words(value) : value;
    if (kind == "expected") return value.empty() ? "" : (nl ? "; verwacht: " : "; expected ") + (nl ? token_words(value) : value);
    if (kind == "errno") return errno_words(value, language);
    if (kind == "role") return nl ? role_words(value) : value;
    if (kind == "columns") return value + (value == "1" ? (nl ? " kolom" : " column") : (nl ? " kolommen" : " columns"));
    if (kind == "or") return nl ? replace_all(value, "\" or \"", "\" of \"") : value;
    if (kind == "formats") return nl ? std::string(dutch_timestamp_formats) : value;
    if (kind == "document") return nl && value == "XES document" ? "XES-document" : nl && value == "BPMN file" ? "BPMN-bestand" : value;
    throw InvalidArgument("unknown kind of argument " + detail::quote_token(kind) + " in the catalogue of messages");
}

/// `text` with its placeholders `{N}` and `{N:kind}` filled from `args`; a brace not followed by a digit is text.
std::string render(std::string_view text, const std::vector<std::string>& args, Language language) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool placeholder = text[i] == '{' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9';
        std::size_t close = placeholder ? text.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += text[i];
            continue;
        }
        std::string_view inside = text.substr(i + 1, close - i - 1);
        std::size_t colon = inside.find(':');
        std::size_t index = 0;
        for (char c : inside.substr(0, colon)) index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index >= args.size()) throw InvalidArgument("a message of the catalogue has no argument " + std::to_string(index));
        out += argument(colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1), args[index], language);
        i = close;
    }
    return out;
}

/// The number of arguments `args` must have for `entry`: its arity, or for a message that wraps another, the code
/// and arguments of the wrapped one and its own; npos when `args` cannot be right (no code of a message first).
std::size_t expected_arguments(const MessageText& entry, const std::vector<std::string>& args) {
    if (!entry.wraps) return entry.arity;
    const MessageText* inner = args.empty() ? nullptr : find_message(args[0]);
    if (!inner || inner->wraps) return std::string::npos;
    return 1 + inner->arity + entry.arity - 1;
}

std::string render(const MessageText& entry, const std::vector<std::string>& args, Language language) {
    const std::string_view text = language == Language::nl ? entry.nl : entry.en;
    if (!entry.wraps) return render(text, args, language);
    // The wrapped message's own code and arguments, its text in place of {0}; then this one's arguments.
    if (expected_arguments(entry, args) != args.size())
        throw InvalidArgument(std::string(entry.code) + " needs the code of a message, its arguments and its own");
    const MessageText& inner = *find_message(args[0]);
    const auto own = args.begin() + 1 + static_cast<std::ptrdiff_t>(inner.arity);
    std::vector<std::string> filled{render(inner, std::vector<std::string>(args.begin() + 1, own), language)};
    filled.insert(filled.end(), own, args.end());
    return render(text, filled, language);
}

/// The catalogue's entry of `code`, checked to take `args` (a wrong code or count is a programming error).
const MessageText& catalogue_entry(std::string_view code, const std::vector<std::string>& args) {
    const MessageText* entry = find_message(code);
    if (!entry) throw InvalidArgument("no message " + detail::quote_token(code) + " in the catalogue");
    if (!entry->wraps && args.size() != entry->arity)
        throw InvalidArgument("message " + detail::quote_token(code) + " takes " + std::to_string(entry->arity) +
                              " argument(s), got " + std::to_string(args.size()));
    return *entry;
}

} // namespace

std::span<const MessageText> message_catalogue() { return catalogue; }

Problem make_problem(ProblemLevel level, std::string pointer, std::string_view code, std::vector<std::string> args) {
    const MessageText& entry = catalogue_entry(code, args);
    Problem problem{level, std::move(pointer), {}, 0, 0, std::string(code), std::move(args)};
    problem.message = render(entry, problem.args, Language::en);
    return problem;
}

std::string catalogue_message(std::string_view code, const std::vector<std::string>& args) {
    return render(catalogue_entry(code, args), args, Language::en);
}

std::string summarise_problems(const std::vector<Problem>& problems, Language language) {
    std::size_t errors = 0;
    const Problem* first = nullptr;
    for (const auto& p : problems) {
        if (!p.is_error()) continue;
        if (!first) first = &p;
        ++errors;
    }
    const bool nl = language == Language::nl;
    if (!first) return nl ? "ongeldig document" : "invalid document";
    // English keeps the problem's own message (a problem made without a code has only that).
    std::string text = (first->pointer.empty() ? std::string("/") : first->pointer) + ": " +
                       (nl ? problem_message(*first, language) : first->message);
    if (errors > 1) {
        const std::string more = std::to_string(errors - 1);
        if (nl) text += " (en nog " + more + (errors > 2 ? " fouten)" : " fout)");
        else text += " (and " + more + " more error" + (errors > 2 ? "s)" : ")");
    }
    return text;
}

std::string error_message(const Error& error, Language language) {
    if (language == Language::en) return error.what();
    if (const auto* invalid = dynamic_cast<const ValidationError*>(&error))
        return summarise_problems(invalid->problems(), language);
    const MessageText* entry = error.code().empty() ? nullptr : find_message(error.code());
    if (!entry) return error.what();
    std::string text = render(*entry, error.args(), language);
    if (const auto* parse = dynamic_cast<const ParseError*>(&error)) {
        std::string where = parse->file().empty() ? std::string() : parse->file() + ":";
        return where + std::to_string(parse->line()) + ":" + std::to_string(parse->column()) + ": " + text;
    }
    return text;
}

std::string problem_message(const Problem& problem, Language language) {
    if (problem.code.empty()) return problem.message;
    const MessageText* entry = find_message(problem.code);
    return entry ? render(*entry, problem.args, language) : problem.message;
}

Problem parse_problem(const ParseError& error) {
    const std::string& text = error.detail();
    auto at = [&](std::string_view code, std::vector<std::string> args) {
        Problem problem = make_problem(ProblemLevel::error, "", code, std::move(args));
        problem.line = error.line();
        problem.column = error.column();
        return problem;
    };
    constexpr std::string_view duplicate = "duplicate key ", duplicate_tail = " (a key may appear once in an object)";
    if (text.starts_with(duplicate) && text.ends_with(duplicate_tail))
        return at("duplicate_key", {text.substr(duplicate.size(), text.size() - duplicate.size() - duplicate_tail.size())});
    constexpr std::string_view overflow = "number overflow parsing '";
    if (text.starts_with(overflow) && text.ends_with("'"))
        return at("json_number_overflow", {text, text.substr(overflow.size(), text.size() - overflow.size() - 1)});
    // "syntax error while parsing CONTEXT - unexpected TOKEN[; expected TOKEN]" or
    // "syntax error while parsing CONTEXT - LEXER MESSAGE; last read: 'TEXT'[; expected TOKEN]"
    const std::size_t dash = text.starts_with("syntax error") ? text.find(" - ") : std::string::npos;
    if (dash == std::string::npos) return at("json_syntax", {text});
    const std::string rest = text.substr(dash + 3);
    constexpr std::string_view last_read = "; last read: '", expected = "; expected ";
    if (rest.starts_with("unexpected ")) {
        const std::size_t end = rest.find(expected);
        return at("json_unexpected", {text, rest.substr(11, end == std::string::npos ? std::string::npos : end - 11),
                                      end == std::string::npos ? std::string() : rest.substr(end + expected.size())});
    }
    const std::size_t read = rest.find(last_read);
    if (read == std::string::npos) return at("json_syntax", {text});
    const std::size_t from = read + last_read.size();
    std::size_t end = rest.rfind(std::string("'") + std::string(expected));
    std::string after;
    if (end != std::string::npos && end >= from) {
        after = rest.substr(end + 1 + expected.size());
    } else if (rest.ends_with("'") && rest.size() > from) {
        end = rest.size() - 1;
    } else {
        return at("json_syntax", {text});
    }
    return at("json_invalid", {text, rest.substr(0, read), detail::quote_token(rest.substr(from, end - from)), after});
}

} // namespace artikel1
