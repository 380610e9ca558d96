// SPDX-License-Identifier: EUPL-1.2
// artikel1: observed disparity beside the structural assessment: each flagged cell of a disparity table with the
// structural score and level of its step and ground. The only disparity header that needs the risk method.
#pragma once

#include <artikel1/assessment.hpp>
#include <artikel1/disparity_table.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace artikel1 {

// ---------------------------------------------------------------------------------------------------------------
// Linking observed disparity to the structural assessment

/// A flagged cell beside the structural risk of the same step and ground.
struct DisparityLink {
    std::string step;
    std::string ground;  ///< as in the table (an intersection reads `race+sex`)
    std::string group;
    double ratio = 0;
    double q_value = 1;
    /// The structural score and level per ground of the assessment (two for an intersection); a ground the
    /// assessment does not know, or a step it does not have, is left out.
    struct Structural {
        std::string ground;
        double score = 0;
        std::string level;
    };
    std::vector<Structural> structural;
};

/// For each flagged cell: the structural score and level of its (step, ground) in `assessment`.
std::vector<DisparityLink> link(const DisparityTable& table, const Assessment& assessment);

/// The links as JSON, as `artikel1 disparity --assessment` publishes them.
nlohmann::ordered_json to_json(const std::vector<DisparityLink>& links);

} // namespace artikel1
