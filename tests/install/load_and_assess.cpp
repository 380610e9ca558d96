// SPDX-License-Identifier: EUPL-1.2
// The 10-line program of the README: load a model and assess it, through the installed package.
#include <artikel1/artikel1.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    auto assessment = artikel1::assess(artikel1::load_process_file(argv[1]));
    const auto& risk = assessment.at("intake", "race");
    std::cout << risk.score << " " << assessment.level_id(risk.level) << "\n";
    return 0;
}
