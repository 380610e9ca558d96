// SPDX-License-Identifier: EUPL-1.2
// artikel1: the risk method (docs/method.md). Structural discrimination risk per (step, ground), explained.
// Risk = 100 x likelihood x impact; likelihood is the noisy-OR of independent risk sources, each dampened by the
// measures in place; impact comes from the severity of what the step can lead to. Every weight is in the knowledge base.
#pragma once

#include <artikel1/knowledge_base.hpp>
#include <artikel1/process.hpp>
#include <artikel1/process_io.hpp>
#include <artikel1/settings.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace artikel1 {

inline constexpr std::string_view assessment_schema_id = "artikel1/assessment/1";

/// The texts an assessment's explanations and action plan name (weights, measures, grounds, step ids, the details
/// of sources), each written once: the `std::string_view` members of a score and a recommendation point into it,
/// and the score or recommendation holds the store (`texts`), so that a copy taken out of the assessment keeps its
/// texts. A store keeps its parent (the texts shared by all steps), and its blocks never move or change.
class TextStore {
public:
    explicit TextStore(std::shared_ptr<const TextStore> parent = {}) : parent_(std::move(parent)) {}
    /// A copy of `text` kept in the store.
    std::string_view add(std::string_view text);

private:
    static constexpr std::size_t block_size = 64 * 1024;
    std::shared_ptr<const TextStore> parent_;
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
};

/// A list of at most N values held in place, without an allocation: the few factors of a source, the weights that
/// move a score most, the sources a measure is aimed at.
template <class T, std::size_t N>
class InlineList {
public:
    InlineList() = default;
    InlineList(std::initializer_list<T> values) {
        for (const T& v : values) push_back(v);
    }
    void push_back(const T& value) {
        if (size_ == N) throw std::length_error("InlineList holds at most " + std::to_string(N) + " values");
        items_[size_++] = value;
    }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T* begin() const { return items_.data(); }
    const T* end() const { return items_.data() + size_; }
    const T& operator[](std::size_t i) const { return items_[i]; }
    const T& front() const { return items_[0]; }
    const T& back() const { return items_[size_ - 1]; }
    friend bool operator==(const InlineList& x, const InlineList& y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); }

private:
    std::array<T, N> items_{};
    std::size_t size_ = 0;
};

/// A measure that lowered a source: the source was multiplied by `factor`.
struct Dampened {
    std::string_view measure; ///< held by the assessment's TextStore
    double factor = 1;
    friend bool operator==(const Dampened&, const Dampened&) = default;
};

/// One factor of a number, named by the knowledge-base weight it comes from ("role", "legal_basis_factor"...).
struct Factor {
    std::string_view name; ///< held by the assessment's TextStore
    double value = 1;
    friend bool operator==(const Factor&, const Factor&) = default;
};

/// One risk source of a (step, ground): its value before and after the measures in place.
struct Contribution {
    RiskSource source = RiskSource::proxy;
    double raw = 0;     ///< value from the model and the weights, before measures
    double value = 0;   ///< after measures
    std::vector<Dampened> dampened_by;
    // The texts are held by the assessment's TextStore.
    std::string_view attribute;   ///< direct and proxy sources: the attribute used
    std::string_view detail;      ///< what the source comes from: role, channel, assumption text, complaint count...
    std::string_view legal_basis; ///< direct sources: the documented legal basis, shown and applied as a visible factor
    /// The factors whose product is `raw` (for a complaint: the weight and the count, raw = 1 - (1 - w)^count).
    InlineList<Factor, 4> factors;
};

/// The impact term of a step before the measures in place: which severity of outcome drives it and how likely that
/// outcome is. It is the same for every ground; the measures that lower it may depend on the ground, so the impact
/// after them and the measures applied are kept per (step, ground) (StepGroundScore::impact, impact_dampened_by).
/// Method 1.1: at a step with adverse flows, the probability is conditional on the adverse branch (what a citizen
/// sent down it bears), not diluted by how rarely the branch is taken.
struct ImpactTerm {
    double value = 0;          ///< impact 0..1 before the measures in place
    Severity severity = Severity::none;
    double probability = 0;    ///< probability of meeting an outcome of that severity (see `conditional`)
    bool conditional = false;  ///< probability is for a case on the adverse branch of the step
    double adverse_share = 0;  ///< share of the cases at the step that take an adverse flow (shown, not used)
    double vulnerability = 1;  ///< multiplier for the target group
    double severity_value = 0; ///< the weight of `severity`
    double base = 0;           ///< impact.base
    double probability_weight = 0; ///< impact.probability_weight
    bool capped = false;       ///< the product exceeded 1 and was capped
    std::vector<std::string> outcomes; ///< ids of reachable steps of that severity (left empty on very large models)
    std::vector<std::string> burdens;  ///< adverse flows "from -> to" whose own burden is that severity
    std::array<double, 5> level_probability{}; ///< the probability for every severity level (for the robustness)
};

/// How a score moves when every weight of the knowledge base moves within +-band (method 1.1). The score is
/// non-decreasing in every weight (products, noisy-OR, the maximum over severities), so the exact range is the score
/// with all weights at their low end and at their high end (weights of 0..1 capped at 1).
struct Robustness {
    double band = 0.25;
    double low = 0;            ///< score with every weight x (1 - band)
    double high = 0;           ///< score with every weight x (1 + band), capped
    std::size_t level_low = 0;
    std::size_t level_high = 0;
    /// The weights that move the score most when each alone moves up by the band (at most three): name and change
    /// in score.
    InlineList<Factor, 3> movers;
};

struct StepGroundScore {
    double likelihood = 0;
    double impact = 0;      ///< the step's impact term after the measures in place
    double score = 0;       ///< 0..100, rounded to one decimal
    std::size_t level = 0;  ///< index into the knowledge base's levels
    std::vector<Contribution> contributions;
    std::vector<Dampened> impact_dampened_by; ///< the measures that lowered the step's impact term for this ground
    Robustness robustness;
    std::shared_ptr<const TextStore> texts; ///< what the views of the explanation point into (null without one)
    /// The level holds across the band: "high, holds" rather than "high, could be medium".
    bool level_holds() const { return robustness.level_low == level && robustness.level_high == level; }
};

struct StepResult {
    std::string id;
    std::string name;
    StepKind kind = StepKind::task;
    double expected_visits = 0; ///< expected passes per case entering the process (can exceed 1 in loops)
    bool in_cycle = false;
    bool reachable = false;
    std::vector<std::string> guards; ///< adverse steps this decision step is the gatekeeper of
    ImpactTerm impact_term;          ///< before the measures in place (left empty without explanations)
    std::vector<StepGroundScore> scores; ///< one per ground, in the knowledge base's ground order
};

struct GroundSummary {
    std::string ground;
    double max_score = 0;
    std::string max_step;
    std::size_t max_level = 0;
    std::vector<std::size_t> steps_per_level;
    double share_passing_high = 0;      ///< probability that a case passes a step at or above the threshold level
    double citizens_per_year_high = 0;  ///< cases_per_year x share_passing_high
};

/// A measure not yet in place that would lower a risk, with the recomputed score. The action plan is grouped per
/// step: the rows of one (step, measure) follow each other, one per ground the measure lowers, measures in the order
/// of preference at that step (`rank` 1 first).
struct Recommendation {
    // The ids are held by the assessment's TextStore.
    std::string_view step;
    std::string_view ground;
    std::string_view measure;
    double score_before = 0;
    std::size_t level_before = 0;
    double score_after = 0;
    std::size_t level_after = 0;
    std::size_t rank = 0;               ///< order of preference of the measure at its step, from 1
    InlineList<RiskSource, 3> aimed_at; ///< the step's largest sources that the measure lowers (empty: others)
    std::shared_ptr<const TextStore> texts; ///< what the ids point into
};

/// The result of `assess`. Immutable; safe to read from many threads.
struct Assessment {
    std::string method_id;
    std::string knowledge_base_id;
    std::string knowledge_base_version;
    std::string process_id;
    std::string process_name;
    std::string organisation;
    double cases_per_year = 0;
    std::vector<std::string> grounds; ///< ground ids, knowledge base order
    std::vector<Label> ground_labels;
    std::vector<Level> levels;
    std::size_t high_level = 0;       ///< the level from which risks get recommendations and count as high
    std::vector<StepResult> steps;
    std::vector<GroundSummary> summary;
    std::vector<Recommendation> recommendations;
    std::size_t cycle_count = 0;
    bool explained = true; ///< with explanations (AssessOptions::explanations)

    std::size_t ground_index(std::string_view ground) const {
        auto it = std::find(grounds.begin(), grounds.end(), ground);
        if (it == grounds.end()) throw NotFound("no ground \"" + std::string(ground).substr(0, 60) + "\" in this assessment");
        return static_cast<std::size_t>(it - grounds.begin());
    }
    std::size_t step_index(std::string_view step) const {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].id == step) return i;
        }
        throw NotFound("no step \"" + std::string(step).substr(0, 60) + "\" in this assessment");
    }
    const StepGroundScore& at(std::string_view step, std::string_view ground) const {
        return steps[step_index(step)].scores[ground_index(ground)];
    }
    const std::string& level_id(std::size_t level) const { return levels[level].id; }
    /// Whether a score is at or above the threshold: it counts as high and gets recommendations.
    bool at_or_above_threshold(const StepGroundScore& score) const { return score.level >= high_level && score.score > 0; }
};

namespace detail {

/// Rounds to a number of decimals; dividing by a power of ten gives the double nearest the decimal value.
/// Halves round away from zero (std::round). Below 2^52 a double's fraction is exact, so the integer part and a
/// comparison give the same value without a library call: the method rounds every score of every pair many times.
inline double round_decimals(double value, int decimals) {
    // Powers of ten up to 10^22 are exact doubles, the same as std::pow gives.
    static constexpr double powers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    double scale = decimals >= 0 && decimals < 9 ? powers[decimals] : std::pow(10.0, decimals);
    double scaled = value * scale;
    if (!(std::abs(scaled) < 4503599627370496.0)) return std::round(scaled) / scale; // 2^52, inf and nan
    double whole = static_cast<double>(static_cast<long long>(scaled));
    double fraction = scaled - whole;
    if (fraction >= 0.5) whole += 1;
    else if (fraction <= -0.5) whole -= 1;
    return std::copysign(whole, scaled) / scale; // -0.3 rounds to -0, as std::round does
}

} // namespace detail

/// Options of `assess`.
struct AssessOptions {
    SolverSettings solver;
    /// Name reachable outcomes in each impact term only while (adverse steps x (steps + flows)) stays below this.
    std::size_t outcome_naming_budget = 20'000'000;
    /// Robustness: every weight of the knowledge base moves within +-band (0: not computed).
    double robustness_band = 0.25;
    /// Every score's explanation: its contributions with their factors and texts, the impact term with the outcomes
    /// and burdens behind it, and the weights that move it most. Off, every number (scores, levels, the robustness
    /// range, the summary, the action plan) is the same and those members are left empty: for a program that needs
    /// the numbers of a large model, not their explanation.
    bool explanations = true;
    /// Threads that score the steps side by side (each at least 2,000 steps; the result is the same for any number).
    unsigned threads = 1;
};

/// Scores every (step, ground) of a valid process. Throws ValidationError when the process has errors.
/// Cost: linear in steps + flows per severity level and per ground (never enumerates paths).
Assessment assess(const Process& process, const KnowledgeBase& kb = KnowledgeBase::builtin(),
                  const AssessOptions& options = {});

} // namespace artikel1
