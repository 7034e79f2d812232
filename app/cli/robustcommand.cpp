// SPDX-License-Identifier: Apache-2.0
#include <limits>

#include "app/cli/commands.h"
#include "app/cli/futurejson.h"
#include "app/cli/output.h"

namespace fw::cli {

using namespace fw::core::plan;

namespace {

/// Progressive hedging per iteration: its residual, Lagrangian bound and CBC solves.
nlohmann::json iterationsJson(const HedgingResult& h)
{
    nlohmann::json iterations = nlohmann::json::array();
    for (const auto& it : h.iterations) {
        iterations.push_back({{"iteration", it.iteration},
                              {"residual", it.residual},
                              {"lower_bound_usd", usdJson(it.lowerBoundUsd)},
                              {"expected_cost_usd", it.expectedCostUsd},
                              {"solves", it.solves},
                              {"bound_solves", it.boundSolves},
                              {"fixed_purchases", it.fixedKeys},
                              {"cycle", it.cycle}});
    }
    return iterations;
}

} // namespace

int runRobust(Arguments args)
{
    const bool json = args.flag("json");
    const std::string method = args.text("method");
    const bool hedgingGiven = args.given("ph-iterations") || args.given("ph-rho");
    HedgingOptions hedging;
    hedging.iterationLimit = static_cast<int>(*args.integer("ph-iterations"));
    hedging.rhoMultiplier = *args.number("ph-rho");
    FutureRun run = futureRun(args);
    args.finish();
    if (method != "extensive" && method != "ph") {
        throw UsageError("--method must be extensive or ph (progressive hedging), not '" + method + "'");
    }
    if (hedgingGiven && method != "ph") {
        throw UsageError("--ph-iterations and --ph-rho apply to --method ph only");
    }
    const bool ph = method == "ph";
    const RobustReport r = robustPlan(run.model, run.options,
                                      ph ? RobustMethod::ProgressiveHedging : RobustMethod::ExtensiveForm, hedging);
    nlohmann::json recourse = outcomesJson(r.futures);
    for (std::size_t k = 0; k < r.futures.size(); ++k) {
        if (ph) {
            recourse[k]["hedging_cost_usd"] = r.hedging.futureCostUsd[k];
        } else {
            recourse[k]["extensive_form_cost_usd"] = r.extensive.futureCostUsd[k];
        }
        recourse[k]["wait_and_see_cost_usd"] = r.waitAndSee[k].costUsd;
        recourse[k]["expected_value_plan_cost_usd"] =
            usdJson(r.expectedValue[k].status == PlanStatus::Infeasible ? std::numeric_limits<double>::infinity()
                                                                        : r.expectedValue[k].costUsd);
    }
    nlohmann::json document = {
        {"scenario", run.model.scenario.name},
        {"method", method},
        {"sampled", r.sampled},
        {"seed", run.options.seed},
        {"status", ph ? std::string(r.hedging.converged ? "converged" : "iteration limit")
                      : std::string(toString(r.extensive.status))},
        {"expected_cost_usd", r.rpUsd},
        {"rp_usd", r.rpUsd},
        {"ws_usd", r.wsUsd},
        {"eev_usd", usdJson(r.eevUsd)},
        {"vss_usd", usdJson(r.vssUsd)},
        {"evpi_usd", r.evpiUsd},
        {"lower_bound_usd", usdJson(r.lowerBoundUsd)},
        {"upper_bound_usd", usdJson(r.upperBoundUsd)},
        {"first_stage_purchases", purchasesJson(run.model, r.firstStage)},
        {"expected_value_first_stage_purchases", purchasesJson(run.model, r.expectedValueFirstStage)},
        {"seconds", r.seconds},
        {"futures", recourse}};
    if (ph) {
        const HedgingResult& h = r.hedging;
        document["progressive_hedging"] = {{"converged", h.converged},
                                           {"residual", h.residual},
                                           {"first_stage_columns", h.keys},
                                           {"fixed_purchases", h.fixedKeys},
                                           {"seconds", h.seconds}};
        document["iterations"] = iterationsJson(h);
    }
    // Per rank: the futures it re-planned (wait and see, the stochastic and the expected-value first
    // stages frozen) and, with progressive hedging, its subproblem and bound solves.
    nlohmann::json perRank = replansPerRank(r.futures);
    for (auto& rank : perRank) {
        const auto i = rank["rank"].get<std::size_t>();
        rank["replans"] = 3 * rank["replans"].get<int>();
        if (ph) {
            rank["hedging_solves"] = r.hedging.solvesPerRank.at(i);
        }
        rank["threads"] = run.options.threads;
    }
    document["solves_per_rank"] = perRank;
    if (!ph) { // solved whole by every rank: the same answer on each
        document["model"] = {{"columns", r.extensive.columns}, {"rows", r.extensive.rows}};
        document["extensive_form_solve_s"] = r.extensive.solveSeconds;
    }
    return printDocument(document, json);
}

} // namespace fw::cli
