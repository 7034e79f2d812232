// SPDX-License-Identifier: Apache-2.0
#include "app/cli/commands.h"
#include "app/cli/futurejson.h"
#include "app/cli/output.h"
#include "core/error.h"
#include "core/plan/optimizer.h"

namespace fw::cli {

using namespace fw::core::plan;

int runRisk(Arguments args)
{
    const bool json = args.flag("json");
    const double alpha = *args.number("cvar");
    FutureRun run = futureRun(args);
    args.finish();
    const Plan plan = optimize(run.model, run.options.optimizer);
    if (plan.training.empty()) {
        throw core::ValidationError(run.file + ": scenario '" + run.model.scenario.name + "' has no plan to test: " +
                                    (plan.diagnosis.empty() ? std::string(statusText(plan)) : plan.diagnosis.front()));
    }
    const RiskReport r = assessRisk(run.model, plan, run.options, alpha);
    const nlohmann::json document = {
        {"scenario", run.model.scenario.name},
        {"plan_cost_usd", plan.objectiveUsd},
        {"frozen_purchases", purchasesJson(run.model, r.frozen.purchases)},
        {"frozen_build_out", buildOutJson(run.model, r.frozen.power)},
        {"sampled", r.sampled},
        {"seed", run.options.seed},
        {"expected_cost_usd", r.expectedCostUsd},
        {"percentiles", {{"p5_usd", r.p5Usd}, {"p50_usd", r.p50Usd}, {"p95_usd", r.p95Usd}}},
        {"cvar", {{"alpha", r.alpha}, {"cvar_usd", r.cvarUsd}}},
        {"unmet_demand",
         {{"expected_npv_usd", r.expectedUnservedNpvUsd},
          {"probability", r.unservedProbability},
          {"expected_share", r.expectedUnservedShare},
          {"largest_share", r.largestUnservedShare},
          {"largest_share_of", r.largestUnservedDemand}}},
        {"stranded_capacity",
         {{"expected_units", r.expectedStrandedUnits}, {"expected_paid_for_mw", r.expectedStrandedPowerMw}}},
        {"licence_exposure",
         {{"expected_units", r.expectedLicenceExposedUnits}, {"probability", r.licenceExposureProbability}}},
        {"infeasible_probability", r.infeasibleProbability},
        {"fan", fanJson(run.model, r.fans)},
        {"futures", outcomesJson(r.futures)},
        {"solves_per_rank", replansPerRank(r.futures)}};
    return printDocument(document, json);
}

} // namespace fw::cli
