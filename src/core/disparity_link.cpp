// SPDX-License-Identifier: EUPL-1.2
// Observed disparity beside the structural assessment.

#include <artikel1/disparity_link.hpp>
#include <artikel1/report/disparity_writers.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace artikel1 {

std::vector<DisparityLink> link(const DisparityTable& table, const Assessment& assessment) {
    std::vector<DisparityLink> links;
    for (const auto& c : table.cells) {
        if (!c.flagged) continue;
        DisparityLink l{c.step, c.ground, c.group, c.ratio, c.q_value, {}};
        std::vector<std::string> grounds;
        if (auto plus = c.ground.find('+'); plus != std::string::npos &&
                                            std::find(assessment.grounds.begin(), assessment.grounds.end(), c.ground) == assessment.grounds.end()) {
            grounds = {c.ground.substr(0, plus), c.ground.substr(plus + 1)};
        } else {
            grounds = {c.ground};
        }
        for (const auto& ground : grounds) {
            auto g = std::find(assessment.grounds.begin(), assessment.grounds.end(), ground);
            auto s = std::find_if(assessment.steps.begin(), assessment.steps.end(), [&](const StepResult& r) { return r.id == c.step; });
            if (g == assessment.grounds.end() || s == assessment.steps.end()) continue;
            const auto& score = s->scores[static_cast<std::size_t>(g - assessment.grounds.begin())];
            l.structural.push_back({ground, score.score, assessment.level_id(score.level)});
        }
        links.push_back(std::move(l));
    }
    return links;
}

nlohmann::ordered_json to_json(const std::vector<DisparityLink>& links) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& l : links) {
        nlohmann::ordered_json structural = nlohmann::ordered_json::array();
        for (const auto& s : l.structural) structural.push_back({{"ground", s.ground}, {"score", s.score}, {"level", s.level}});
        list.push_back({{"step", l.step}, {"ground", l.ground}, {"group", l.group}, {"ratio", detail::finite_or_null(l.ratio)},
                        {"q_value", l.q_value}, {"structural", structural}});
    }
    return list;
}

} // namespace artikel1
