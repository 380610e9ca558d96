// SPDX-License-Identifier: EUPL-1.2
// Reads one request per line on stdin and prints the C++ result as a JSON line, for tests/stats/ to compare with
// scipy and statsmodels:
//   quantile P | wilson K N CONF | ratio K1 N1 K0 N0 CONF | newcombe K1 N1 K0 N0 CONF | fisher A B C D
//   bh P1 P2 ... | mh CONF A B C D [A B C D ...]
#include <artikel1/statistics.hpp>

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

void print(double x) {
    if (std::isnan(x)) std::printf("null");
    else if (std::isinf(x)) std::printf(x > 0 ? "\"inf\"" : "\"-inf\"");
    else std::printf("%.17g", x);
}

void print_interval(const artikel1::stats::Interval& i) {
    std::printf("[");
    print(i.lower);
    std::printf(",");
    print(i.upper);
    std::printf("]");
}

} // namespace

int main() {
    using namespace artikel1::stats;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string what;
        in >> what;
        if (what == "quantile") {
            double p;
            in >> p;
            print(normal_quantile(p));
        } else if (what == "wilson") {
            std::uint64_t k, n;
            double confidence;
            in >> k >> n >> confidence;
            print_interval(wilson_interval(k, n, confidence));
        } else if (what == "ratio" || what == "newcombe") {
            std::uint64_t k1, n1, k0, n0;
            double confidence;
            in >> k1 >> n1 >> k0 >> n0 >> confidence;
            std::printf("[");
            print(what == "ratio" ? rate_ratio(k1, n1, k0, n0) : double(k1) / double(n1) - double(k0) / double(n0));
            std::printf(",");
            print_interval(what == "ratio" ? rate_ratio_interval(k1, n1, k0, n0, confidence)
                                           : newcombe_difference_interval(k1, n1, k0, n0, confidence));
            std::printf("]");
        } else if (what == "fisher") {
            std::uint64_t a, b, c, d;
            in >> a >> b >> c >> d;
            print(fisher_exact_two_sided(a, b, c, d));
        } else if (what == "bh") {
            std::vector<double> p;
            for (double x; in >> x;) p.push_back(x);
            auto q = benjamini_hochberg(p);
            std::printf("[");
            for (std::size_t i = 0; i < q.size(); ++i) {
                if (i) std::printf(",");
                print(q[i]);
            }
            std::printf("]");
        } else if (what == "mh") {
            double confidence;
            in >> confidence;
            std::vector<Table2x2> strata;
            for (Table2x2 t; in >> t.a >> t.b >> t.c >> t.d;) strata.push_back(t);
            auto r = mantel_haenszel(strata, confidence);
            std::printf("{\"odds_ratio\":");
            print(r.odds_ratio);
            std::printf(",\"log_se\":");
            print(r.log_se);
            std::printf(",\"interval\":");
            print_interval(r.interval);
            std::printf(",\"statistic\":");
            print(r.statistic);
            std::printf(",\"p_value\":");
            print(r.p_value);
            std::printf("}");
        } else {
            std::printf("{\"error\":\"unknown request\"}");
        }
        std::printf("\n");
    }
    return 0;
}
