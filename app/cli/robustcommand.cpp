// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/futurejson.h"
#include "app/cli/output.h"
#include "core/numbertext.h"

namespace fw::cli {

using namespace fw::core::plan;

namespace {

/// Progressive hedging per iteration: its residual, Lagrangian bound and CBC solves.
nlohmann::json iterationsJson(const HedgingResult& h, bool meanCvar)
{
    nlohmann::json iterations = nlohmann::json::array();
    for (const auto& it : h.iterations) {
        iterations.push_back({{"iteration", it.iteration},
                              {"residual", it.residual},
                              {"lower_bound_usd", usdJson(it.lowerBoundUsd)},
                              {"expected_cost_usd", it.expectedCostUsd},
                              {"solves", it.solves},
                              {"kept_answers", it.keptAnswers},
                              {"bound_solves", it.boundSolves},
                              {"fixed_purchases", it.fixedKeys},
                              {"cycle", it.cycle},
                              {"rho_raised", it.rhoRaised},
                              {"settled_on_future", it.settledOnFuture},
                              {"released", it.released},
                              {"slammed", it.slammed}});
        if (meanCvar) { // η̄ and its dispersion: the value at risk is a first-stage decision too
            iterations.back()["value_at_risk_usd"] = it.valueAtRiskUsd;
            iterations.back()["value_at_risk_residual"] = it.valueAtRiskResidual;
        }
    }
    return iterations;
}

/// "0.4118", "2.5e-05": a residual to four significant figures.
std::string fourFigures(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

/// `--progress`: one hedging iteration as it ended, and the time since the command started.
std::string progressLine(const HedgingIteration& it, std::chrono::steady_clock::duration elapsed)
{
    using fw::core::groupedNumber;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    std::string line =
        "hedging iteration " + std::to_string(it.iteration) + ": residual " + fourFigures(it.residual) +
        ", lower bound " + (std::isfinite(it.lowerBoundUsd) ? groupedNumber(it.lowerBoundUsd) + " USD" : "none") +
        ", expected cost " + groupedNumber(it.expectedCostUsd) + " USD, " + std::to_string(it.fixedKeys) +
        " first-stage decisions fixed, " + std::to_string(it.solves + it.boundSolves) + " solves";
    if (it.cycle) {
        line += ", a cycle fixed";
    }
    if (it.slammed) {
        line += ", one slammed";
    }
    if (it.rhoRaised > 0) {
        line += ", rho raised on " + std::to_string(it.rhoRaised);
    }
    if (it.settledOnFuture > 0) {
        line += ", decisions fixed in dispute settled on future " + std::to_string(it.settledOnFuture) +
                "'s answers (a future had no plan at the mean)";
    }
    if (it.released > 0) {
        line += ", " + std::to_string(it.released) + " released (a future still had no plan with them fixed)";
    }
    return line + ", " + groupedNumber(seconds, 1) + " s";
}

/// One number of `--cvar ALPHA:WEIGHT`, within `limit`.
double cvarPart(const std::string& whole, const std::string& part, const fw::core::limits::Limit& limit)
{
    double value = 0.0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size() || !std::isfinite(value)) {
        throw fw::core::ValidationError("--cvar: '" + whole + "' is not like 0.95:0.3 (ALPHA:WEIGHT)");
    }
    return fw::core::limits::check(limit, value, "--cvar");
}

/// `--cvar ALPHA:WEIGHT`: the level and weight of CVaR in the objective.
MeanCvar meanCvar(const std::string& text)
{
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        throw fw::core::ValidationError("--cvar: '" + text + "' is not like 0.95:0.3 (ALPHA:WEIGHT)");
    }
    return {cvarPart(text, text.substr(0, colon), fw::core::limits::cvarLevel),
            cvarPart(text, text.substr(colon + 1), fw::core::limits::cvarWeight)};
}

/// RP, WS, EEV, VSS and EVPI.
nlohmann::json figuresJson(const RobustFigures& f)
{
    return {{"rp_usd", usdJson(f.rpUsd)},
            {"ws_usd", usdJson(f.wsUsd)},
            {"eev_usd", usdJson(f.eevUsd)},
            {"vss_usd", usdJson(f.vssUsd)},
            {"evpi_usd", usdJson(f.evpiUsd)}};
}

} // namespace

int runRobust(Arguments args)
{
    const bool json = args.flag("json");
    const std::string method = args.text("method");
    const bool hedgingGiven = args.given("ph-iterations") || args.given("ph-rho") || args.given("ph-bound-every") ||
                              args.given("ph-slam-after") || args.given("progress");
    RobustOptions robust;
    robust.hedging.iterationLimit = static_cast<int>(*args.integer("ph-iterations"));
    robust.hedging.rhoMultiplier = *args.number("ph-rho");
    robust.hedging.boundEvery = static_cast<int>(*args.integer("ph-bound-every"));
    robust.hedging.slamAfter = static_cast<int>(*args.integer("ph-slam-after"));
    if (args.flag("progress")) {
        robust.hedging.iterationDone = [started = std::chrono::steady_clock::now()](const HedgingIteration& it) {
            std::cerr << progressLine(it, std::chrono::steady_clock::now() - started) << std::endl;
        };
    }
    const auto cvar = args.option("cvar");
    if (cvar) {
        robust.objective = meanCvar(*cvar);
    }
    const auto outOfSample = args.integer("out-of-sample");
    const bool outOfSampleSeedGiven = args.given("out-of-sample-seed");
    const auto outOfSampleSeed = args.integer("out-of-sample-seed");
    FutureRun run = futureRun(args);
    args.finish();
    robust.method = robustMethod("--method", method);
    const bool ph = robust.method == RobustMethod::ProgressiveHedging;
    if (hedgingGiven && !ph) {
        throw UsageError(
            "--ph-iterations, --ph-rho, --ph-bound-every, --ph-slam-after and --progress apply to --method ph only");
    }
    if (outOfSampleSeedGiven && !outOfSample) {
        throw UsageError("--out-of-sample-seed needs --out-of-sample N");
    }
    robust.outOfSampleFutures = static_cast<int>(outOfSample.value_or(0));
    robust.outOfSampleSeed = outOfSampleSeed ? static_cast<std::uint32_t>(*outOfSampleSeed) : run.options.seed + 1;
    const RobustReport r = robustPlan(run.model, run.options, robust);
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
        {"objective",
         {{"kind", r.objective.weight > 0.0 ? "mean_cvar" : "expected_cost"},
          {"cvar_alpha", r.objective.alpha},
          {"cvar_weight", r.objective.weight}}},
        {"expected_cost_usd", r.rpExpectedCostUsd},
        {"cvar_usd", usdJson(r.rpCvarUsd)},
        {"lower_bound_usd", usdJson(r.lowerBoundUsd)},
        {"upper_bound_usd", usdJson(r.upperBoundUsd)},
        {"first_stage_purchases", purchasesJson(run.model, r.firstStage.purchases)},
        {"first_stage_build_out", buildOutJson(run.model, r.firstStage.power)},
        {"expected_value_first_stage_purchases", purchasesJson(run.model, r.expectedValueFirstStage.purchases)},
        {"expected_value_first_stage_build_out", buildOutJson(run.model, r.expectedValueFirstStage.power)},
        {"seconds", r.seconds},
        {"futures", recourse}};
    document.update(figuresJson(r.figures));
    if (r.outOfSample) {
        document["out_of_sample"] = figuresJson(r.outOfSample->figures);
        document["out_of_sample"]["draws"] = r.outOfSample->draws;
        document["out_of_sample"]["futures"] = r.outOfSample->futures.size();
        document["out_of_sample"]["seed"] = r.outOfSample->seed;
    }
    if (ph) {
        const HedgingResult& h = r.hedging;
        document["progressive_hedging"] = {{"converged", h.converged},
                                           {"residual", h.residual},
                                           {"first_stage_columns", h.keys},
                                           {"fixed_purchases", h.fixedKeys},
                                           {"seconds", h.seconds}};
        if (r.objective.weight > 0.0) {
            document["progressive_hedging"]["value_at_risk_residual"] = h.valueAtRiskResidual;
        }
        // Its x̄ rounded, or the expected-value plan's first stage when that was better (a heuristic's miss).
        document["progressive_hedging"]["first_stage"] =
            r.kept == RobustReport::Kept::ExpectedValuePlan ? "expected-value plan" : "hedging";
        if (r.methodFirstStageUsd) {
            document["progressive_hedging"]["hedging_first_stage_usd"] = usdJson(*r.methodFirstStageUsd);
        }
        document["iterations"] = iterationsJson(h, r.objective.weight > 0.0);
    }
    // Per rank: the futures it re-planned (wait and see, the stochastic and the expected-value first
    // stages frozen, in sample and out) and, with progressive hedging, its subproblem and bound solves.
    // Out of sample: three more re-plans per future drawn.
    std::vector<FutureOutcome> replanned = r.futures;
    if (r.outOfSample) {
        replanned.insert(replanned.end(), r.outOfSample->futures.begin(), r.outOfSample->futures.end());
    }
    nlohmann::json perRank = replansPerRank(replanned);
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
        // CBC's first incumbent: the expected-value plan's first stage, each future re-planned (EEV's plans).
        document["extensive_form_start"] = r.extensive.started
                                               ? nlohmann::json{{"from", "expected-value plan"},
                                                                {"objective_usd", r.extensive.startObjectiveUsd},
                                                                {"kept", r.extensive.startKept}}
                                               : nlohmann::json(nullptr);
    }
    return printDocument(document, json);
}

} // namespace fw::cli
