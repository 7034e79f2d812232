// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/plan/scenario.h"

namespace fw::core::plan {

/// A family of limits of the purchase MILP that can stop a scenario from having a plan.
enum class Limit {
    TrainingDemand,
    InferenceDemand,
    SitePower,
    RackPositions,
    QuarterBudget,
    TotalBudget,
    VendorShare,
    VendorCount,
    ExportCap,
    NamedRuns,
    LargestJob ///< each quarter's largest training job held whole by one cluster
};

/// Why a scenario has no plan, as one family of limits that, relaxed alone, gives one: what cannot
/// hold, and the smallest change of the scenario that relaxes it enough (computed by a MILP in
/// which only that family may break, at a penalty per unit, so it breaks as little as it can).
struct Cause {
    Limit limit = Limit::TrainingDemand;
    std::string cause;  ///< what cannot hold and why, in the planner's words
    std::string change; ///< the smallest change that lets it hold, in the planner's words
    /// The change as a share of what the scenario has (0.67: two thirds more, or a third less of a
    /// demand); the causes of a plan are ordered by it, smallest first.
    double relativeChange = 0.0;
    /// The scenario with the change made; none when no scenario field can make it (an export-control
    /// cap is the rules', not the scenario's).
    std::optional<Scenario> changed;
    bool checked = false; ///< the changed scenario was planned again and has a plan
};

} // namespace fw::core::plan
