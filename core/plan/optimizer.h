// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plan/planmodel.h"

namespace fw::core::plan {

struct OptimizerOptions {
    double timeLimitSeconds = 60.0;
    double relativeGap = 0.005; ///< stop within 0.5 % of the best bound
};

/// The fleet purchase MILP, built once and solved with COIN-OR CBC through its C API: integer
/// purchases of each offer per site and quarter (only where export controls and cooling allow),
/// continuous use of installed units for training and inference; demand met every quarter with
/// the headroom, site power (facility kW, with PUE) every quarter, supply, budgets per quarter and in
/// total, lead times, vendor shares of dense peak compute. Objective: NPV of capex plus energy and
/// maintenance minus straight-line residual value at the horizon end. Blocking; thread-safe (each
/// call owns its CBC model). Returns status infeasible with no purchases when CBC proves it.
Plan optimize(const PlanModel& model, const OptimizerOptions& options = {});

/// The spreadsheet plan, kept only as the baseline: quarter by quarter, buy the allowed offer with
/// the most capacity per dollar at the first site with power headroom until demand is met, the
/// supply or budget runs out, or no site has power left. Use is then allocated greedily too.
Plan greedyPlan(const PlanModel& model);

} // namespace fw::core::plan
