// SPDX-License-Identifier: EUPL-1.2
// Writes examples/logs/bijstand-aanvraag.csv: a synthetic event log of the built-in example bijstand-aanvraag made
// with the library's log generator (log_generator.hpp), seeded, so the same program writes the same bytes. Nothing in
// it is data of real people. Cases of the group "niet-westers" are selected for a home visit at `risicoselectie`
// twice as often as the model's 20% (a planted disparity); every other step follows the model's probabilities.
//
//   build/tools/artikel1_example_log > examples/logs/bijstand-aanvraag.csv
#include <artikel1/examples.hpp>
#include <artikel1/log_generator.hpp>

#include <cstdio>
#include <exception>

int main() {
    using namespace artikel1;
    try {
        Process process = builtin_example("bijstand-aanvraag");
        LogGeneratorOptions options;
        options.cases = 2000;
        options.seed = 19;
        options.grounds = {{"migratieachtergrond", "race", {{"geen", 0.70}, {"westers", 0.10}, {"niet-westers", 0.20}}},
                           {"geslacht", "sex", {{"vrouw", 0.52}, {"man", 0.47}, {"x", 0.01}}}};
        options.strata = {"gemeente", "", {{"Enschede", 0.5}, {"Hengelo", 0.3}, {"Almelo", 0.2}}};
        options.planted = {{"risicoselectie", "race", "niet-westers", 2.0}};
        write_log_csv(process, options, stdout, LogStyle::plain);
        return std::fflush(stdout) == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "artikel1_example_log: %s\n", e.what());
        return 1;
    }
}
