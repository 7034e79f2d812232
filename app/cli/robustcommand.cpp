// SPDX-License-Identifier: Apache-2.0
#include <limits>

#include "app/cli/commands.h"
#include "app/cli/futurejson.h"
#include "app/cli/output.h"

namespace fw::cli {

using namespace fw::core::plan;

int runRobust(Arguments args)
{
    const bool json = args.flag("json");
    const std::string method = args.text("method");
    FutureRun run = futureRun(args);
    args.finish();
    if (method != "extensive") {
        throw UsageError("--method must be extensive (progressive hedging is not built yet)");
    }
    const RobustReport r = robustPlan(run.model, run.options);
    nlohmann::json recourse = outcomesJson(r.futures);
    for (std::size_t k = 0; k < r.futures.size(); ++k) {
        recourse[k]["extensive_form_cost_usd"] = r.extensive.futureCostUsd[k];
        recourse[k]["wait_and_see_cost_usd"] = r.waitAndSee[k].costUsd;
        recourse[k]["expected_value_plan_cost_usd"] =
            usdJson(r.expectedValue[k].status == PlanStatus::Infeasible ? std::numeric_limits<double>::infinity()
                                                                        : r.expectedValue[k].costUsd);
    }
    const nlohmann::json document = {
        {"scenario", run.model.scenario.name},
        {"method", method},
        {"sampled", r.sampled},
        {"seed", run.options.seed},
        {"status", std::string(toString(r.extensive.status))},
        {"expected_cost_usd", r.rpUsd},
        {"rp_usd", r.rpUsd},
        {"ws_usd", r.wsUsd},
        {"eev_usd", usdJson(r.eevUsd)},
        {"vss_usd", usdJson(r.vssUsd)},
        {"evpi_usd", r.evpiUsd},
        {"lower_bound_usd", r.lowerBoundUsd},
        {"upper_bound_usd", usdJson(r.upperBoundUsd)},
        {"first_stage_purchases", purchasesJson(run.model, r.extensive.firstStage)},
        {"expected_value_first_stage_purchases", purchasesJson(run.model, r.expectedValueFirstStage)},
        {"model", {{"columns", r.extensive.columns}, {"rows", r.extensive.rows}}},
        {"extensive_form_solve_s", r.extensive.solveSeconds},
        {"seconds", r.seconds},
        {"futures", recourse}};
    return printDocument(document, json);
}

} // namespace fw::cli
