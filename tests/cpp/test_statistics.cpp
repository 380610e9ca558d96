// SPDX-License-Identifier: EUPL-1.2
// The statistics of the observed-disparity analysis on values worked out by hand (or with exact integer arithmetic:
// binomial coefficients as fractions), and their behaviour on zero counts. The comparison with scipy and statsmodels
// on many tables is in tests/stats/.
#include <artikel1/statistics.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace artikel1::stats;

namespace {

constexpr double relative = 1e-12;

bool close(double actual, double expected, double tolerance = relative) {
    return std::abs(actual - expected) <= tolerance * std::abs(expected);
}

} // namespace

TEST_CASE("normal quantile to double precision, in both tails") {
    CHECK(normal_quantile(0.5) == 0.0);
    CHECK(close(normal_quantile(0.975), 1.959963984540054));
    CHECK(close(normal_quantile(0.995), 2.5758293035489004));
    CHECK(close(normal_quantile(1e-10), -6.361340902404056));
    CHECK(close(normal_quantile(0.025), -normal_quantile(0.975)));
    CHECK(normal_quantile(0) == -std::numeric_limits<double>::infinity());
    CHECK(normal_quantile(1) == std::numeric_limits<double>::infinity());
    CHECK(std::isnan(normal_quantile(1.5)));
    CHECK(std::isnan(normal_quantile(std::numeric_limits<double>::quiet_NaN())));
    CHECK(close(critical_value(0.95), 1.959963984540054));
    CHECK(close(critical_value(0.99), 2.5758293035489004));
}

TEST_CASE("a confidence level outside (0, 1) is refused with its reason") {
    CHECK_THROWS_WITH(critical_value(1.0), "confidence must be between 0 and 1");
    CHECK_THROWS_WITH(critical_value(0.0), "confidence must be between 0 and 1");
    CHECK_THROWS_WITH(wilson_interval(1, 10, 95), "confidence must be between 0 and 1");
}

TEST_CASE("Wilson interval") {
    SECTION("0 of 10: lower bound 0, upper bound z^2/n / (1 + z^2/n)") {
        Interval interval = wilson_interval(0, 10);
        const double z2 = 1.959963984540054 * 1.959963984540054;
        CHECK(interval.lower == 0.0);
        CHECK(close(interval.upper, (z2 / 10) / (1 + z2 / 10)));
        CHECK(close(interval.upper, 0.27753279986288926));
    }
    SECTION("7 of 20") {
        Interval interval = wilson_interval(7, 20);
        CHECK(close(interval.lower, 0.18119182410108203));
        CHECK(close(interval.upper, 0.5671457233147638));
    }
    SECTION("all events: symmetric to none") {
        Interval all = wilson_interval(10, 10), none = wilson_interval(0, 10);
        CHECK(all.upper == 1.0);
        CHECK(close(all.lower, 1 - none.upper));
    }
    SECTION("no cases, or more events than cases: undefined") {
        CHECK(std::isnan(wilson_interval(0, 0).lower));
        CHECK(std::isnan(wilson_interval(0, 0).upper));
        CHECK(std::isnan(wilson_interval(11, 10).lower));
    }
}

TEST_CASE("rate ratio and its log (Katz) interval") {
    CHECK(rate_ratio(10, 100, 5, 100) == 2.0);
    Interval interval = rate_ratio_interval(10, 100, 5, 100);
    const double se = std::sqrt(1.0 / 10 - 1.0 / 100 + 1.0 / 5 - 1.0 / 100); // sqrt(0.28)
    CHECK(close(interval.lower, 2 * std::exp(-1.959963984540054 * se)));
    CHECK(close(interval.upper, 2 * std::exp(1.959963984540054 * se)));
    CHECK(close(interval.lower * interval.upper, 4.0)); // symmetric on the log scale

    SECTION("zero counts: 0, infinity or NaN, never a made-up number") {
        CHECK(rate_ratio(0, 10, 5, 10) == 0.0);
        CHECK(rate_ratio(5, 10, 0, 10) == std::numeric_limits<double>::infinity());
        CHECK(std::isnan(rate_ratio(0, 10, 0, 10)));
        CHECK(std::isnan(rate_ratio(1, 0, 1, 10)));
        CHECK(std::isnan(rate_ratio(1, 10, 1, 0)));
        for (Interval undefined : {rate_ratio_interval(0, 10, 5, 10), rate_ratio_interval(5, 10, 0, 10),
                                   rate_ratio_interval(1, 0, 1, 10)}) {
            CHECK(std::isnan(undefined.lower));
            CHECK(std::isnan(undefined.upper));
        }
    }
}

TEST_CASE("Newcombe hybrid score interval of a difference") {
    SECTION("built from the two Wilson intervals") {
        Interval w1 = wilson_interval(7, 20), w0 = wilson_interval(3, 30);
        const double p1 = 0.35, p0 = 0.1, d = p1 - p0;
        Interval interval = newcombe_difference_interval(7, 20, 3, 30);
        CHECK(close(interval.lower, d - std::hypot(p1 - w1.lower, w0.upper - p0)));
        CHECK(close(interval.upper, d + std::hypot(w1.upper - p1, p0 - w0.lower)));
        CHECK(interval.lower < d);
        CHECK(interval.upper > d);
    }
    SECTION("0 of 10 against 0 of 10: plus and minus the Wilson upper bound") {
        Interval interval = newcombe_difference_interval(0, 10, 0, 10);
        CHECK(close(interval.lower, -0.27753279986288926));
        CHECK(close(interval.upper, 0.27753279986288926));
    }
    SECTION("a group without cases: undefined") {
        CHECK(std::isnan(newcombe_difference_interval(0, 0, 3, 10).lower));
        CHECK(std::isnan(newcombe_difference_interval(3, 10, 0, 0).upper));
    }
}

TEST_CASE("Fisher's exact test, two-sided") {
    SECTION("lady tasting tea: margins 4/4, 3 right; P(x) = C(4,x) C(4,4-x) / 70, tables with P <= 16/70") {
        CHECK(close(fisher_exact_two_sided(3, 1, 1, 3), 34.0 / 70.0));
        CHECK(close(fisher_exact_two_sided(4, 0, 0, 4), 2.0 / 70.0));
        CHECK(close(fisher_exact_two_sided(2, 2, 2, 2), 1.0));
    }
    SECTION("values from exact integer arithmetic") {
        CHECK(close(fisher_exact_two_sided(0, 5, 5, 0), 2.0 / 252.0));
        CHECK(close(fisher_exact_two_sided(1, 9, 11, 3), 0.0027594561852200836));
        CHECK(close(fisher_exact_two_sided(100, 900, 150, 850), 0.0008950875386906893, 1e-10));
        CHECK(close(fisher_exact_two_sided(3000, 7000, 3300, 6700), 5.310728689816576e-06, 1e-9));
    }
    SECTION("symmetric in rows and columns") {
        CHECK(close(fisher_exact_two_sided(1, 9, 11, 3), fisher_exact_two_sided(11, 3, 1, 9)));
        CHECK(close(fisher_exact_two_sided(1, 9, 11, 3), fisher_exact_two_sided(1, 11, 9, 3)));
    }
    SECTION("an empty row or column gives 1, as scipy does") {
        CHECK(fisher_exact_two_sided(0, 0, 3, 4) == 1.0);
        CHECK(fisher_exact_two_sided(3, 0, 4, 0) == 1.0);
        CHECK(fisher_exact_two_sided(0, 0, 0, 0) == 1.0);
    }
    SECTION("large and extreme tables: tiny p-values keep their relative precision") {
        CHECK(fisher_exact_two_sided(500000, 500000, 500000, 500000) == 1.0);
        CHECK(close(fisher_exact_two_sided(1000, 9000, 1500, 8500), 1.0141095629572775e-26, 1e-9));
        CHECK(close(fisher_exact_two_sided(0, 400, 400, 0), 1.0635896769518568e-239, 1e-9)); // 2 / C(800, 400)
        double underflow = fisher_exact_two_sided(100000, 900000, 200000, 800000);
        CHECK(underflow >= 0.0);
        CHECK(underflow < 1e-300);
    }
}

TEST_CASE("Benjamini-Hochberg q-values, in the order given") {
    // sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); p * 4 / rank = 0.02, 0.02, 0.04, 0.04
    std::vector<double> p{0.01, 0.04, 0.03, 0.005};
    std::vector<double> q = benjamini_hochberg(p);
    REQUIRE(q.size() == 4);
    CHECK(close(q[0], 0.02));
    CHECK(close(q[1], 0.04));
    CHECK(close(q[2], 0.04));
    CHECK(close(q[3], 0.02));

    SECTION("the running minimum from the top, capped at 1") {
        std::vector<double> q2 = benjamini_hochberg(std::vector<double>{0.9, 0.02, 0.8});
        CHECK(close(q2[0], 0.9));
        CHECK(close(q2[1], 0.06));
        CHECK(close(q2[2], 0.9)); // min(0.8 * 3/2, 0.9)
        CHECK(benjamini_hochberg(std::vector<double>{0.6, 0.7})[0] == Approx(0.7));
        CHECK(benjamini_hochberg(std::vector<double>{1.0})[0] == 1.0);
    }
    SECTION("NaN p-values are not counted and stay NaN") {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        std::vector<double> q3 = benjamini_hochberg(std::vector<double>{0.01, nan, 0.04});
        CHECK(close(q3[0], 0.02));
        CHECK(std::isnan(q3[1]));
        CHECK(close(q3[2], 0.04));
    }
    SECTION("empty") { CHECK(benjamini_hochberg(std::vector<double>{}).empty()); }
}

TEST_CASE("Mantel-Haenszel over strata") {
    SECTION("one stratum: the odds ratio ad/bc, Woolf's standard error, CMH = (n-1)/n x Pearson") {
        std::vector<Table2x2> one{{10, 20, 20, 10}};
        MantelHaenszelResult result = mantel_haenszel(one);
        CHECK(close(result.odds_ratio, 0.25));
        CHECK(close(result.log_se, std::sqrt(1.0 / 10 + 1.0 / 20 + 1.0 / 20 + 1.0 / 10)));
        CHECK(close(result.interval.lower, 0.25 * std::exp(-1.959963984540054 * result.log_se)));
        CHECK(close(result.interval.upper, 0.25 * std::exp(1.959963984540054 * result.log_se)));
        // observed 10, expected 30 x 30 / 60 = 15, variance 30^4 / (60^2 x 59): (25 x 212400) / 810000 = 59/9
        CHECK(close(result.statistic, 59.0 / 9.0));
        CHECK(close(result.p_value, 0.010455718933296426, 1e-9));
    }
    SECTION("strata with the same odds ratio pool to it") {
        std::vector<Table2x2> strata{{10, 20, 20, 10}, {5, 40, 20, 40}, {1, 8, 4, 8}};
        CHECK(close(mantel_haenszel(strata).odds_ratio, 0.25));
        CHECK(close(mantel_haenszel(strata, 0.99).odds_ratio, 0.25));
        CHECK(mantel_haenszel(strata, 0.99).interval.lower < mantel_haenszel(strata, 0.95).interval.lower);
    }
    SECTION("zero cells and empty strata") {
        CHECK(mantel_haenszel(std::vector<Table2x2>{{0, 5, 5, 5}}).odds_ratio == 0.0);
        CHECK(mantel_haenszel(std::vector<Table2x2>{{5, 0, 5, 5}}).odds_ratio ==
              std::numeric_limits<double>::infinity());
        CHECK(std::isnan(mantel_haenszel(std::vector<Table2x2>{{0, 5, 0, 5}}).odds_ratio));
        CHECK(std::isnan(mantel_haenszel(std::vector<Table2x2>{{5, 0, 5, 5}}).log_se));
        MantelHaenszelResult none = mantel_haenszel(std::vector<Table2x2>{});
        CHECK(std::isnan(none.odds_ratio));
        CHECK(std::isnan(none.statistic));
        CHECK(std::isnan(none.p_value));
        // an empty stratum adds nothing
        std::vector<Table2x2> with_empty{{10, 20, 20, 10}, {0, 0, 0, 0}};
        CHECK(close(mantel_haenszel(with_empty).odds_ratio, 0.25));
        CHECK(close(mantel_haenszel(with_empty).statistic, 59.0 / 9.0));
    }
}
