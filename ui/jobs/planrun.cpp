// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/planrun.h"

#include <algorithm>

#include "core/error.h"
#include "core/plan/plandecisions.h"
#include "core/workload/assumptions.h"

namespace fw::ui {

PlanInputs planInputs(const core::Fleet& fleet, const core::plan::Scenario& scenario)
{
    return {scenario, fleet.catalog, fleet.company};
}

std::string changesSince(const PlanRun& run, const core::Fleet& fleet, const core::plan::Scenario& scenario)
{
    using core::plan::documentFingerprints;
    return core::plan::changedInputsText(
        core::plan::changedInputs(documentFingerprints(run.inputs.catalog, run.inputs.company, run.inputs.scenario),
                                  documentFingerprints(fleet.catalog, fleet.company, scenario)));
}

std::shared_ptr<PlanRun> planScenario(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules,
                                      const core::plan::OptimizerOptions& options)
{
    using namespace core::plan;
    auto result = std::make_shared<PlanRun>();
    result->inputs = planInputs(fleet, scenario);
    try {
        result->fingerprints = inputFingerprints(fleet, scenario, rules);
        result->model = std::make_shared<PlanModel>(
            buildPlanModel(scenario, fleet, rules, core::workload::shippedModelAssumptions()));
        result->plan = optimize(*result->model, options);
        result->evaluation = evaluate(*result->model, result->plan);
        if (result->plan.status != PlanStatus::Infeasible) {
            result->shadowPrices = shadowPrices(*result->model, options.timeLimitSeconds);
        }
    } catch (const std::exception& e) {
        // core::Error, and whatever else a worker thread must not let escape (bad_alloc …).
        result->error = e.what();
    }
    return result;
}

std::optional<core::SavedPlan> planToKeep(const PlanRun& run)
{
    if (!run.error.empty() || !run.savedAt.empty() || !run.model) {
        return std::nullopt;
    }
    return core::plan::savePlan(run.model->scenario, run.plan, run.shadowPrices, run.fingerprints);
}

std::shared_ptr<PlanRun> savedPlanRun(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules)
{
    using namespace core::plan;
    const auto saved = std::find_if(fleet.plans.begin(), fleet.plans.end(),
                                    [&](const core::SavedPlan& p) { return p.scenario == scenario.name; });
    if (saved == fleet.plans.end()) {
        return nullptr;
    }
    try {
        if (!savedPlanChanges(*saved, fleet, scenario, rules).empty()) {
            return nullptr;
        }
    } catch (const core::Error&) {
        return nullptr; // the shipped data cannot be read: no saved plan can be shown as current
    }
    auto result = std::make_shared<PlanRun>();
    result->inputs = planInputs(fleet, scenario);
    result->savedAt = saved->savedAt;
    try {
        const auto record = readSavedPlan(*saved);
        const std::string where = "saved plan of '" + scenario.name + "'";
        result->model = std::make_shared<PlanModel>(
            buildPlanModel(scenario, fleet, rules, core::workload::shippedModelAssumptions()));
        result->plan = planFromDecisions(*result->model, record.decisions, where);
        result->shadowPrices = shadowPricesFromDecisions(*result->model, record.decisions, where);
        result->evaluation = evaluate(*result->model, result->plan);
    } catch (const std::exception& e) {
        // core::Error, and whatever else a worker thread must not let escape (bad_alloc …).
        result->error = e.what();
    }
    return result;
}

} // namespace fw::ui
