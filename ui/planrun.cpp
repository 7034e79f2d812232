// SPDX-License-Identifier: Apache-2.0
#include "ui/planrun.h"

#include "core/error.h"
#include "core/workload/assumptions.h"

namespace fw::ui {

std::shared_ptr<PlanRun> planScenario(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules,
                                      const core::plan::OptimizerOptions& options)
{
    using namespace core::plan;
    auto result = std::make_shared<PlanRun>();
    try {
        result->model = std::make_shared<PlanModel>(
            buildPlanModel(scenario, fleet, rules, core::workload::shippedModelAssumptions()));
        result->plan = optimize(*result->model, options);
        result->evaluation = evaluate(*result->model, result->plan);
        if (result->plan.status != PlanStatus::Infeasible) {
            result->shadowPrices = shadowPrices(*result->model, options.timeLimitSeconds);
        }
    } catch (const core::Error& e) {
        result->error = e.what();
    }
    return result;
}

} // namespace fw::ui
