// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/plan/stochastic.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The fan chart of `fan` (one of a risk run's fans over `model`'s quarters): training PFLOP/s or an
/// inference class's million tokens/s against its demand, or a site's facility MW against its
/// available power; categories are short quarter labels ("27Q1"); a class or site keeps its
/// palette slot.
FanChart riskFanChart(const plan::PlanModel& model, const plan::Fan& fan);

/// The fans of `risk` for the report, in its order: training, each inference class, each site's
/// power — but not a site that draws no power in any future (idleSites names those). None without
/// futures with a plan.
std::vector<FanChart> riskFanCharts(const plan::PlanModel& model, const plan::RiskReport& risk);

/// The sites whose power fan is zero throughout (no future's plan draws power there), in order.
std::vector<std::string> idleSites(const plan::RiskReport& risk);

} // namespace fw::core::report
