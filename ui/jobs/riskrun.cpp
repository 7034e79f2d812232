// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/riskrun.h"

#include "core/error.h"

namespace fw::ui {

bool planFitsScenario(const PlanRun& plan, const core::Fleet& fleet, const core::plan::Scenario& scenario)
{
    PlanInputs inputs = planInputs(fleet, scenario);
    inputs.scenario.uncertainty = plan.inputs.scenario.uncertainty;
    return plan.error.empty() && plan.model && plan.inputs == inputs;
}

std::shared_ptr<RiskRun>
assessPlanRisk(const core::Fleet& fleet, const core::plan::Scenario& scenario,
               const core::compliance::RuleLibrary& rules, std::shared_ptr<const PlanRun> plan,
               const RiskRequest& request, const std::atomic<bool>* cancel,
               const std::function<void(int done, int total)>& progress,
               const std::function<void(const core::plan::HedgingIteration&)>& hedgingIteration)
{
    using namespace core::plan;
    auto result = std::make_shared<RiskRun>();
    result->inputs = planInputs(fleet, scenario);
    try {
        FutureOptions options;
        options.futures = request.futures;
        options.seed = request.seed;
        options.optimizer.timeLimitSeconds = request.timeLimitSeconds;
        options.optimizer.nodeLimit = request.nodeLimit;
        options.optimizer.cancel = cancel;
        options.futureDone = progress;
        if (!plan) {
            result->plannedHere = true;
            OptimizerOptions planning = options.optimizer;
            plan = planScenario(fleet, scenario, rules, planning);
        }
        result->plan = plan;
        if (!plan->error.empty()) {
            throw core::ValidationError(plan->error);
        }
        if (plan->plan.training.empty()) {
            throw core::ValidationError(
                "the scenario has no plan to test: " +
                (plan->plan.diagnosis.empty() ? std::string(statusText(plan->plan)) : plan->plan.diagnosis.front()));
        }
        // The plan's model with this scenario's uncertainty: the futures are made from it.
        PlanModel model = *plan->model;
        model.scenario.uncertainty = scenario.uncertainty;
        result->risk = assessRisk(model, plan->plan, options, request.alpha);
        if (request.robust && !result->risk.cancelled) {
            RobustOptions robust;
            robust.method = request.method;
            robust.hedging = request.hedging;
            robust.hedging.iterationDone = hedgingIteration;
            robust.objective = {request.alpha, request.cvarWeight};
            robust.outOfSampleFutures = request.outOfSampleFutures;
            robust.outOfSampleSeed = request.seed + 1;
            robust.planFirstStage = result->risk.frozen; // RP is never worse than the plan's own first year
            result->robust = robustPlan(model, options, robust);
        }
        if (cancel != nullptr && cancel->load()) {
            result->error = "cancelled";
        }
    } catch (const std::exception& e) {
        // core::Error, and whatever else a worker thread must not let escape (bad_alloc …).
        result->error = e.what();
    }
    return result;
}

} // namespace fw::ui
