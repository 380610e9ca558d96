// SPDX-License-Identifier: EUPL-1.2
// artikel1: a synthetic event-log generator (docs/disparity.md). Walks a process model case by case with a seeded
// std::mt19937_64 (deterministic), assigning each case groups by given shares and multiplying the probability of the
// adverse flows at chosen decision points for chosen groups (planted disparities). Feeds an accumulator directly or
// writes CSV (process-mining convention or plain), for tests and benchmarks.
#pragma once

#include <artikel1/disparity.hpp>
#include <artikel1/error.hpp>
#include <artikel1/graph.hpp>
#include <artikel1/process.hpp>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace artikel1 {

struct GroupShare {
    std::string label;
    double share = 0; ///< relative weight; shares need not sum to 1
};

/// A ground of the generated cases: the column written and the groups with their shares.
struct GeneratedGround {
    std::string column;
    std::string ground;
    std::vector<GroupShare> groups;
};

/// At decision point `step`, cases of `group` (on `ground`) take the adverse flows `multiplier` times as often
/// (capped so the adverse flows together stay at most as likely as all flows leaving the step).
struct PlantedDisparity {
    std::string step;
    std::string ground;
    std::string group;
    double multiplier = 1;
};

struct LogGeneratorOptions {
    std::uint64_t cases = 1000;
    std::uint64_t seed = 1;
    std::vector<GeneratedGround> grounds;
    std::vector<PlantedDisparity> planted;
    /// Optional strata column (its groups are strata; column empty: none).
    GeneratedGround strata;
    /// A case that loops longer than this is cut off (its last event then ends the case).
    std::size_t max_events_per_case = 1000;
};

/// One generated case: its group index per ground (then the stratum index, when strata are generated) and the
/// steps it visits, in order (step indices of the process).
struct GeneratedCase {
    std::uint64_t number = 0;
    std::vector<std::size_t> groups;
    std::size_t stratum = 0;
    std::vector<std::int32_t> steps;
};

/// Generates cases one at a time; memory bounded by the model, not by the number of cases.
class LogGenerator {
public:
    /// Throws InvalidArgument when the model has no unique start, a ground has no groups or non-positive shares, or a
    /// planted disparity names an unknown step, ground or group.
    LogGenerator(const Process& process, LogGeneratorOptions options)
        : process_(process), options_(std::move(options)), rng_(options_.seed) {
        ProcessGraph graph(process_);
        start_ = graph.start();
        if (start_ == ProcessGraph::npos) throw InvalidArgument("the process has no unique start step");
        moves_.resize(process_.steps.size());
        end_probability_.assign(process_.steps.size(), 1.0);
        for (std::size_t f = 0; f < process_.flows.size(); ++f) {
            std::size_t from = graph.flow_source(f), to = graph.flow_target(f);
            if (from == ProcessGraph::npos) continue;
            double p = graph.probability(f);
            if (!(p >= 0)) p = 0;
            moves_[from].push_back({static_cast<std::int32_t>(to), p, process_.flows[f].adverse});
        }
        for (std::size_t v = 0; v < moves_.size(); ++v) {
            double total = 0;
            for (const auto& m : moves_[v]) total += m.probability;
            end_probability_[v] = std::max(0.0, 1.0 - total);
        }
        for (const auto& ground : options_.grounds) group_pickers_.push_back(picker(ground));
        if (!options_.strata.column.empty()) strata_picker_ = picker(options_.strata);
        planted_.resize(process_.steps.size());
        for (const auto& p : options_.planted) {
            std::size_t step = graph.index_of(p.step);
            if (step == ProcessGraph::npos) throw InvalidArgument("planted disparity at unknown step " + detail::quote_token(p.step));
            std::size_t g = 0;
            while (g < options_.grounds.size() && options_.grounds[g].ground != p.ground) ++g;
            if (g == options_.grounds.size()) throw InvalidArgument("planted disparity on ground " + detail::quote_token(p.ground) + ", which is not generated");
            std::size_t k = 0;
            const auto& groups = options_.grounds[g].groups;
            while (k < groups.size() && groups[k].label != p.group) ++k;
            if (k == groups.size()) throw InvalidArgument("planted disparity for unknown group " + detail::quote_token(p.group));
            if (!(p.multiplier >= 0)) throw InvalidArgument("a planted multiplier must be 0 or more");
            planted_[step].push_back({g, k, p.multiplier});
        }
    }

    const LogGeneratorOptions& options() const { return options_; }
    const Process& process() const { return process_; }

    /// The next case; false after `options.cases` cases.
    bool next(GeneratedCase& out) {
        if (number_ >= options_.cases) return false;
        out.number = number_++;
        out.groups.resize(group_pickers_.size());
        for (std::size_t g = 0; g < group_pickers_.size(); ++g) out.groups[g] = group_pickers_[g](rng_);
        out.stratum = options_.strata.column.empty() ? 0 : strata_picker_(rng_);
        out.steps.clear();
        std::size_t step = start_;
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (;;) {
            out.steps.push_back(static_cast<std::int32_t>(step));
            if (out.steps.size() >= options_.max_events_per_case || moves_[step].empty()) break;
            double adverse_factor = 1;
            for (const auto& p : planted_[step]) {
                if (out.groups[p.ground] == p.group) adverse_factor *= p.multiplier;
            }
            double adverse = 0, other = 0;
            for (const auto& m : moves_[step]) (m.adverse ? adverse : other) += m.probability;
            double total = adverse + other;
            double new_adverse = std::min(total, adverse * adverse_factor);
            double other_factor = other > 0 ? (total - new_adverse) / other : 1;
            double adverse_scale = adverse > 0 ? new_adverse / adverse : 1;
            double u = uniform(rng_);
            double cumulative = 0;
            std::int32_t chosen = missing_code;
            for (const auto& m : moves_[step]) {
                cumulative += m.probability * (m.adverse ? adverse_scale : other_factor);
                if (u < cumulative) {
                    chosen = m.to;
                    break;
                }
            }
            if (chosen == missing_code) break; // the case ends here (an outcome whose flows sum to less than 1)
            step = static_cast<std::size_t>(chosen);
        }
        return true;
    }

private:
    struct Move {
        std::int32_t to;
        double probability;
        bool adverse;
    };
    struct Planted {
        std::size_t ground;
        std::size_t group;
        double multiplier;
    };
    static std::discrete_distribution<std::size_t> picker(const GeneratedGround& ground) {
        if (ground.groups.empty()) throw InvalidArgument("generated ground " + detail::quote_token(ground.ground) + " has no groups");
        std::vector<double> weights;
        for (const auto& g : ground.groups) {
            if (!(g.share > 0)) throw InvalidArgument("group " + detail::quote_token(g.label) + " needs a share above 0");
            weights.push_back(g.share);
        }
        return std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    const Process& process_;
    LogGeneratorOptions options_;
    std::mt19937_64 rng_;
    std::size_t start_ = 0;
    std::vector<std::vector<Move>> moves_;
    std::vector<double> end_probability_;
    std::vector<std::discrete_distribution<std::size_t>> group_pickers_;
    std::discrete_distribution<std::size_t> strata_picker_;
    std::vector<std::vector<Planted>> planted_;
    std::uint64_t number_ = 0;
};

/// Generates a log straight into an accumulator (no file): each generated ground feeds the spec's ground of the
/// same id. Returns the number of events.
inline std::uint64_t generate_into(const Process& process, const LogGeneratorOptions& options, DisparityAccumulator& acc) {
    LogGenerator generator(process, options);
    const auto& spec = acc.spec();
    // spec ground -> generated ground, and the accumulator's code of each generated group.
    std::vector<std::vector<std::int32_t>> codes(spec.base_ground_count());
    std::vector<std::size_t> source(spec.base_ground_count(), DisparitySpec::npos);
    for (std::size_t g = 0; g < spec.base_ground_count(); ++g) {
        for (std::size_t k = 0; k < options.grounds.size(); ++k) {
            if (options.grounds[k].ground != spec.ground(g)) continue;
            source[g] = k;
            for (const auto& group : options.grounds[k].groups) codes[g].push_back(acc.groups(g).intern(group.label));
        }
    }
    std::vector<std::int32_t> strata_codes;
    for (const auto& group : options.strata.groups) strata_codes.push_back(acc.strata().intern(group.label));
    // Steps are coded by id, so a spec built from another copy of the model works too.
    std::vector<std::int32_t> step_code(process.steps.size());
    for (std::size_t i = 0; i < process.steps.size(); ++i) step_code[i] = spec.step_code(process.steps[i].id);

    EventSequencer sequencer(acc);
    GeneratedCase c;
    std::vector<std::int32_t> groups(spec.base_ground_count());
    std::uint64_t events = 0;
    while (generator.next(c)) {
        for (std::size_t g = 0; g < groups.size(); ++g)
            groups[g] = source[g] == DisparitySpec::npos ? missing_code : codes[g][c.groups[source[g]]];
        std::int32_t stratum = strata_codes.empty() ? missing_code : strata_codes[c.stratum];
        for (std::size_t e = 0; e < c.steps.size(); ++e) {
            sequencer.event(e == 0, step_code[static_cast<std::size_t>(c.steps[e])], groups, stratum);
        }
        events += c.steps.size();
    }
    sequencer.finish();
    return events;
}

enum class LogStyle {
    process_mining, ///< case:concept:name, concept:name, time:timestamp, case:<column>...; next step = following event
    plain           ///< case_id, step, next_step, timestamp, <column>...; one row per event, next_step empty at the end
};

namespace detail {

/// Appends `YYYY-MM-DDTHH:MM:SS` for seconds since 1970-01-01 (UTC), without locale or time-zone lookups.
inline void append_timestamp(std::string& out, std::int64_t seconds) {
    std::int64_t days = seconds / 86400, rest = seconds % 86400;
    // civil_from_days (H. Hinnant)
    std::int64_t z = days + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d),
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    out.append(text, 19);
}

} // namespace detail

/// Writes a generated log as CSV to `file`. Events of a case are contiguous and in time order. Returns the number of
/// events written. Throws Error when writing fails.
inline std::uint64_t write_log_csv(const Process& process, const LogGeneratorOptions& options, std::FILE* file,
                                   LogStyle style = LogStyle::process_mining) {
    LogGenerator generator(process, options);
    std::string buffer;
    buffer.reserve(std::size_t{1} << 21);
    auto flush = [&] {
        if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size())
            throw Error("cannot write the generated log");
        buffer.clear();
    };
    bool pm = style == LogStyle::process_mining;
    buffer += pm ? "case:concept:name,concept:name,time:timestamp" : "case_id,step,next_step,timestamp";
    for (const auto& g : options.grounds) buffer += (pm ? ",case:" : ",") + detail::csv_field(g.column);
    if (!options.strata.column.empty()) buffer += (pm ? ",case:" : ",") + detail::csv_field(options.strata.column);
    buffer += '\n';
    std::vector<std::string> step_text; // step ids as CSV fields
    for (const auto& step : process.steps) step_text.push_back(detail::csv_field(step.id));
    std::string attributes; // the case's group columns, the same on each of its events
    GeneratedCase c;
    std::uint64_t events = 0;
    const std::int64_t base = 1704096000; // 2024-01-01T08:00:00Z
    while (generator.next(c)) {
        attributes.clear();
        for (std::size_t g = 0; g < options.grounds.size(); ++g) {
            attributes += ',';
            attributes += detail::csv_field(options.grounds[g].groups[c.groups[g]].label);
        }
        if (!options.strata.column.empty()) {
            attributes += ',';
            attributes += detail::csv_field(options.strata.groups[c.stratum].label);
        }
        std::int64_t start = base + static_cast<std::int64_t>(c.number) * 17;
        for (std::size_t e = 0; e < c.steps.size(); ++e) {
            buffer += 'c';
            buffer += std::to_string(c.number);
            buffer += ',';
            buffer += step_text[static_cast<std::size_t>(c.steps[e])];
            buffer += ',';
            if (!pm) {
                if (e + 1 < c.steps.size()) buffer += step_text[static_cast<std::size_t>(c.steps[e + 1])];
                buffer += ',';
            }
            detail::append_timestamp(buffer, start + static_cast<std::int64_t>(e) * 3600);
            buffer += attributes;
            buffer += '\n';
        }
        events += c.steps.size();
        if (buffer.size() > (std::size_t{1} << 20)) flush();
    }
    flush();
    return events;
}

} // namespace artikel1
