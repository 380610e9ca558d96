// SPDX-License-Identifier: EUPL-1.2
// artikel1: the statistics of the observed-disparity analysis. Every formula with its source is in docs/statistics.md;
// the results are checked against scipy.stats and statsmodels in tests/stats/.
//
// Conventions: counts are unsigned 64-bit; a quantity that is undefined for the data (a rate of 0 cases, a ratio with
// a zero denominator) is NaN, never a made-up number; an interval that cannot be computed is {NaN, NaN}.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

namespace artikel1::stats {

inline constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

struct Interval {
    double lower = not_a_number;
    double upper = not_a_number;
};

/// Standard normal upper-tail probability P(Z > x).
inline double normal_sf(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }

/// The standard normal quantile: Acklam's rational approximation (relative error 1.15e-9) refined by one Halley
/// step on erfc, which brings it to double precision.
inline double normal_quantile(double p) {
    if (!(p > 0 && p < 1)) {
        if (p == 0) return -std::numeric_limits<double>::infinity();
        if (p == 1) return std::numeric_limits<double>::infinity();
        return not_a_number;
    }
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double p_low = 0.02425;
    double x;
    if (p < p_low) {
        double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - p_low) {
        double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        double q = std::sqrt(-2 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    double u = e * std::sqrt(2 * 3.14159265358979323846) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

/// The two-sided critical value for a confidence level, e.g. 1.959963984540054 for 0.95.
inline double critical_value(double confidence) {
    if (!(confidence > 0 && confidence < 1)) throw std::invalid_argument("confidence must be between 0 and 1");
    return normal_quantile(1 - (1 - confidence) / 2);
}

/// Wilson score interval for k events in n trials (as statsmodels' proportion_confint(method="wilson")).
inline Interval wilson_interval(std::uint64_t k, std::uint64_t n, double confidence = 0.95) {
    if (n == 0 || k > n) return {};
    double z = critical_value(confidence), z2 = z * z, nn = static_cast<double>(n);
    double p = static_cast<double>(k) / nn;
    double denominator = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / denominator;
    double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator;
    // At k = 0 and k = n the bounds are exactly 0 and 1; the formula only gets there up to rounding.
    return {k == 0 ? 0.0 : std::max(0.0, centre - half), k == n ? 1.0 : std::min(1.0, centre + half)};
}

/// Ratio of the rates k1/n1 and k0/n0; NaN when a rate is undefined or both are 0, infinity when only k0 is 0.
inline double rate_ratio(std::uint64_t k1, std::uint64_t n1, std::uint64_t k0, std::uint64_t n0) {
    if (n1 == 0 || n0 == 0) return not_a_number;
    if (k0 == 0) return k1 == 0 ? not_a_number : std::numeric_limits<double>::infinity();
    return (static_cast<double>(k1) / static_cast<double>(n1)) / (static_cast<double>(k0) / static_cast<double>(n0));
}

/// Confidence interval of the rate ratio by the log (Katz) method; {NaN, NaN} when either count of events is 0.
inline Interval rate_ratio_interval(std::uint64_t k1, std::uint64_t n1, std::uint64_t k0, std::uint64_t n0,
                                    double confidence = 0.95) {
    if (k1 == 0 || k0 == 0 || n1 == 0 || n0 == 0) return {};
    double ratio = rate_ratio(k1, n1, k0, n0);
    double se = std::sqrt(1.0 / static_cast<double>(k1) - 1.0 / static_cast<double>(n1) +
                          1.0 / static_cast<double>(k0) - 1.0 / static_cast<double>(n0));
    double z = critical_value(confidence);
    return {ratio * std::exp(-z * se), ratio * std::exp(z * se)};
}

/// Newcombe's hybrid score interval (his method 10) for the difference of two proportions k1/n1 - k0/n0, built
/// from the two Wilson intervals.
inline Interval newcombe_difference_interval(std::uint64_t k1, std::uint64_t n1, std::uint64_t k0, std::uint64_t n0,
                                             double confidence = 0.95) {
    if (n1 == 0 || n0 == 0) return {};
    double p1 = static_cast<double>(k1) / static_cast<double>(n1);
    double p0 = static_cast<double>(k0) / static_cast<double>(n0);
    Interval w1 = wilson_interval(k1, n1, confidence), w0 = wilson_interval(k0, n0, confidence);
    double d = p1 - p0;
    return {d - std::sqrt((p1 - w1.lower) * (p1 - w1.lower) + (w0.upper - p0) * (w0.upper - p0)),
            d + std::sqrt((w1.upper - p1) * (w1.upper - p1) + (p0 - w0.lower) * (p0 - w0.lower))};
}

/// Fisher's exact test, two-sided, of the 2x2 table [[a, b], [c, d]]: the probability, under the hypergeometric
/// distribution with the table's margins, of the tables at most as likely as the observed one (relative tolerance
/// 1e-7 for ties). A table with an empty row or column gives 1, as in scipy.stats.fisher_exact.
///
/// The probabilities are walked outward from the mode in log space by the ratio of successive terms, so no
/// factorial is ever formed and tiny p-values keep their relative precision.
inline double fisher_exact_two_sided(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
    const double row1 = static_cast<double>(a) + static_cast<double>(b);
    const double row2 = static_cast<double>(c) + static_cast<double>(d);
    const double col1 = static_cast<double>(a) + static_cast<double>(c);
    const double col2 = static_cast<double>(b) + static_cast<double>(d);
    if (row1 == 0 || row2 == 0 || col1 == 0 || col2 == 0) return 1;
    const double n = row1 + row2;
    const double lo = std::max(0.0, col1 - row2), hi = std::min(row1, col1);
    double mode = std::floor((col1 + 1) * (row1 + 1) / (n + 2));
    mode = std::clamp(mode, lo, hi);
    // log(P(x + 1) / P(x)) for the count x in the top-left cell
    auto log_step_up = [&](double x) {
        return std::log((row1 - x) * (col1 - x)) - std::log((x + 1) * (row2 - col1 + x + 1));
    };
    // log P(a) relative to log P(mode)
    const double observed = static_cast<double>(a);
    double log_observed = 0;
    if (observed > mode) {
        for (double x = mode; x < observed; ++x) log_observed += log_step_up(x);
    } else {
        for (double x = mode; x > observed; --x) log_observed -= log_step_up(x - 1);
    }
    const double tie = std::log1p(1e-7);
    const double negligible = 40; // e^-40: below double precision relative to what is summed
    double total = 0, included = 0;
    auto visit = [&](double log_p) {
        total += std::exp(log_p);
        if (log_p <= log_observed + tie) included += std::exp(log_p - log_observed);
    };
    visit(0);
    double log_p = 0;
    for (double x = mode; x < hi; ++x) {
        log_p += log_step_up(x);
        visit(log_p);
        if (log_p < -negligible && log_p < log_observed - negligible) break;
    }
    log_p = 0;
    for (double x = mode; x > lo; --x) {
        log_p -= log_step_up(x - 1);
        visit(log_p);
        if (log_p < -negligible && log_p < log_observed - negligible) break;
    }
    double p = std::exp(log_observed + std::log(included) - std::log(total));
    return std::min(1.0, p);
}

/// Benjamini-Hochberg adjusted p-values (q-values), in the order given (as statsmodels' multipletests
/// method="fdr_bh"). NaN p-values are left out of the count and get NaN.
inline std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < p_values.size(); ++i) {
        if (!std::isnan(p_values[i])) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
    std::vector<double> q(p_values.size(), not_a_number);
    const double m = static_cast<double>(order.size());
    double running = 1;
    for (std::size_t rank = order.size(); rank-- > 0;) {
        running = std::min(running, p_values[order[rank]] * m / static_cast<double>(rank + 1));
        q[order[rank]] = std::min(1.0, running);
    }
    return q;
}

/// One stratum's 2x2 table: a, b = events and non-events in the group; c, d = the same in the reference group.
struct Table2x2 {
    double a = 0, b = 0, c = 0, d = 0;
};

struct MantelHaenszelResult {
    double odds_ratio = not_a_number;  ///< the Mantel-Haenszel common odds ratio
    double log_se = not_a_number;      ///< standard error of its log (Robins-Breslow-Greenland)
    Interval interval;                 ///< confidence interval exp(log OR -/+ z x se)
    double statistic = not_a_number;   ///< Cochran-Mantel-Haenszel chi-square, without continuity correction
    double p_value = not_a_number;     ///< its p-value (1 degree of freedom)
};

/// The Mantel-Haenszel common odds ratio over strata with the Robins-Breslow-Greenland variance, and the
/// Cochran-Mantel-Haenszel test of a common odds ratio of 1 (as statsmodels' StratifiedTable: oddsratio_pooled,
/// logodds_pooled_se, oddsratio_pooled_confint, test_null_odds(correction=False)).
inline MantelHaenszelResult mantel_haenszel(std::span<const Table2x2> strata, double confidence = 0.95) {
    MantelHaenszelResult result;
    double r = 0, s = 0;                 // sum ad/n, sum bc/n
    double pr = 0, ps_qr = 0, qs = 0;    // the three sums of the RBG variance
    double observed = 0, expected = 0, variance = 0;
    for (const auto& t : strata) {
        double n = t.a + t.b + t.c + t.d;
        if (n <= 0) continue;
        double ad = t.a * t.d / n, bc = t.b * t.c / n;
        double p = (t.a + t.d) / n, q = (t.b + t.c) / n;
        r += ad;
        s += bc;
        pr += p * ad;
        ps_qr += p * bc + q * ad;
        qs += q * bc;
        observed += t.a;
        expected += (t.a + t.b) * (t.a + t.c) / n;
        if (n > 1) variance += (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d) / (n * n * (n - 1));
    }
    if (r > 0 && s > 0) {
        result.odds_ratio = r / s;
        result.log_se = std::sqrt(pr / (2 * r * r) + ps_qr / (2 * r * s) + qs / (2 * s * s));
        double z = critical_value(confidence), log_or = std::log(result.odds_ratio);
        result.interval = {std::exp(log_or - z * result.log_se), std::exp(log_or + z * result.log_se)};
    } else if (s > 0) {
        result.odds_ratio = 0;
    } else if (r > 0) {
        result.odds_ratio = std::numeric_limits<double>::infinity();
    }
    if (variance > 0) {
        double difference = observed - expected;
        result.statistic = difference * difference / variance;
        result.p_value = std::erfc(std::sqrt(result.statistic / 2)); // chi-square with 1 df
    }
    return result;
}

} // namespace artikel1::stats
