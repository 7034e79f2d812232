// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/plan/cause.h"
#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One limit the relaxed MILP had to break, and by how much, in the limit's unit: PFLOP/s, tokens/s,
/// kW, rack positions, USD, PFLOP/s of dense peak over a vendor's share, vendors, TPP, accelerators.
struct BrokenLimit {
    Limit limit = Limit::TrainingDemand;
    int site = -1;
    int quarter = -1;    ///< -1: the whole horizon
    int index = -1;      ///< the inference class of an inference demand
    std::string name;    ///< the vendor of a vendor share, the cap of an export cap
    double amount = 0.0; ///< > 0
};

/// The cause and smallest change of one family of limits: `broken` are the limits of that family
/// the relaxed MILP broke (with only that family relaxed), `relaxed` the purchases it made (vendor
/// shares are read from them). nullopt when `broken` is empty. Pure.
std::optional<Cause> explainLimit(const PlanModel& model, Limit limit, const std::vector<BrokenLimit>& broken,
                                  const Plan& relaxed);

/// A limit family in the planner's words: "training demand", "site power", "vendor share" …
std::string limitName(Limit limit);

/// "2027Q1", "2027Q1–2027Q3" or "2027Q1, 2027Q3 and 2028Q2" for `quarters` (indices of the horizon);
/// "the horizon" for none.
std::string quarterList(const PlanModel& model, std::set<int> quarters);

} // namespace fw::core::plan
