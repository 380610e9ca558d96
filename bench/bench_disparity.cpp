// SPDX-License-Identifier: EUPL-1.2
// Benchmark of the observed-disparity analysis on a generated event log (docs/disparity.md has the results).
// One program, one job per run, so that each job's peak memory is its own (bench/run_disparity_bench.sh runs them):
//   bench_disparity generate MODEL LOG CASES   write a log (plain CSV: case_id, step, next_step, timestamp, 3 groups)
//   bench_disparity read LOG                   read the file and count lines: the floor any tool pays
//   bench_disparity artikel1 MODEL LOG THREADS read the log and compute the table (n, adverse, rates, intervals,
//                                              ratios, Fisher, q-values) per decision point x ground x group; a
//                                              LOG ending in .xes is read as XES (THREADS unused)
//   bench_disparity generate-xes MODEL LOG.xes CASES  the same log as XES (bench/run_xes_bench.sh)
//   bench_disparity scan-xes LOG.xes           parse the file with expat and no handlers: the floor of an XES reader
#include <artikel1/disparity.hpp>
#include <artikel1/event_log.hpp>
#include <artikel1/log_generator.hpp>
#include <artikel1/xes_writer.hpp>

#include <expat.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace {

using namespace artikel1;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

const std::vector<GroundColumn> grounds{{"migration_background", "race"}, {"gender", "sex"}, {"age_band", "age"}};

LogGeneratorOptions generator_options(std::uint64_t cases) {
    LogGeneratorOptions options;
    options.cases = cases;
    options.seed = 2026;
    options.grounds = {
        {"migration_background", "race", {{"none", 0.72}, {"western", 0.1}, {"non_western", 0.14}, {"unknown", 0.04}}},
        {"gender", "sex", {{"f", 0.5}, {"m", 0.49}, {"x", 0.01}}},
        {"age_band", "age", {{"18-26", 0.15}, {"27-40", 0.3}, {"41-55", 0.3}, {"56-66", 0.2}, {"67+", 0.05}}}};
    options.planted = {{"screen", "race", "non_western", 1.5}, {"decide", "age", "18-26", 1.3}};
    return options;
}

int generate(const std::string& model, const std::string& log, std::uint64_t cases, bool xes) {
    Process process = load_process_file(model);
    std::FILE* file = std::fopen(log.c_str(), "wb");
    if (!file) throw Error("cannot write " + log);
    auto start = std::chrono::steady_clock::now();
    std::uint64_t events = xes ? write_log_xes(process, generator_options(cases), file)
                               : write_log_csv(process, generator_options(cases), file, LogStyle::plain);
    std::fclose(file);
    std::printf("generated %llu cases, %llu events in %.2f s\n", static_cast<unsigned long long>(cases),
                static_cast<unsigned long long>(events), seconds_since(start));
    return 0;
}

int read_only(const std::string& log) {
    auto start = std::chrono::steady_clock::now();
    std::FILE* file = std::fopen(log.c_str(), "rb");
    if (!file) throw Error("cannot open " + log);
    std::vector<char> buffer(std::size_t{4} << 20);
    std::uint64_t lines = 0, bytes = 0;
    for (std::size_t got; (got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;) {
        bytes += got;
        for (const char* p = buffer.data(), *end = p + got; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))); ++p) ++lines;
    }
    std::fclose(file);
    std::printf("read %llu bytes, %llu lines in %.3f s, peak %ld MiB\n", static_cast<unsigned long long>(bytes),
                static_cast<unsigned long long>(lines), seconds_since(start), peak_mib());
    return 0;
}

int scan_xes(const std::string& log) {
    auto start = std::chrono::steady_clock::now();
    std::FILE* file = std::fopen(log.c_str(), "rb");
    if (!file) throw Error("cannot open " + log);
    XML_Parser parser = XML_ParserCreate("UTF-8");
    const int block = 4 << 20;
    std::uint64_t bytes = 0;
    for (;;) {
        void* buffer = XML_GetBuffer(parser, block);
        std::size_t got = std::fread(buffer, 1, block, file);
        bytes += got;
        if (XML_ParseBuffer(parser, static_cast<int>(got), got == 0) != XML_STATUS_OK) throw Error("not well-formed XML");
        if (got == 0) break;
    }
    XML_ParserFree(parser);
    std::fclose(file);
    std::printf("expat scan: %llu bytes in %.3f s, peak %ld MiB\n", static_cast<unsigned long long>(bytes), seconds_since(start),
                peak_mib());
    return 0;
}

int run_artikel1(const std::string& model, const std::string& log, unsigned threads) {
    Process process = load_process_file(model);
    DisparitySpecOptions spec_options;
    spec_options.grounds = grounds;
    DisparitySpec spec(process, spec_options);
    DisparityAccumulator acc(spec);
    EventLogOptions options;
    options.threads = threads;
    auto start = std::chrono::steady_clock::now();
    ReadSummary summary = read_event_log(log, acc, options);
    double read_time = seconds_since(start);
    DisparityTable table = compute_disparity(acc);
    double total = seconds_since(start);
    std::printf("artikel1 (%u thread%s): %llu events, %zu cells, %zu flagged; read %.3f s, total %.3f s, peak %ld MiB\n",
                summary.threads, summary.threads == 1 ? "" : "s", static_cast<unsigned long long>(summary.events),
                table.cells.size(), table.flagged_count(), read_time, total, peak_mib());
    for (const auto& c : table.cells) {
        if (c.flagged) std::printf("  flagged: %s / %s / %s ratio %.3f q %.3g\n", c.step.c_str(), c.ground.c_str(), c.group.c_str(), c.ratio, c.q_value);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string job = argc > 1 ? argv[1] : "";
        if ((job == "generate" || job == "generate-xes") && argc == 5) return generate(argv[2], argv[3], std::stoull(argv[4]), job == "generate-xes");
        if (job == "scan-xes" && argc == 3) return scan_xes(argv[2]);
        if (job == "read" && argc == 3) return read_only(argv[2]);
        if (job == "artikel1" && argc == 5) return run_artikel1(argv[2], argv[3], static_cast<unsigned>(std::stoul(argv[4])));
        std::cerr << "usage: bench_disparity generate MODEL LOG CASES | read LOG | artikel1 MODEL LOG THREADS | generate-xes MODEL LOG CASES | scan-xes LOG\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bench_disparity: " << e.what() << "\n";
        return 1;
    }
}
