// SPDX-License-Identifier: Apache-2.0
#include "core/plan/stochastic.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"
#include "core/plan/evaluator.h"
#include "core/plan/outcomewire.h"
#include "core/plan/plandecisions.h"
#include "core/plan/riskmeasure.h"

namespace fw::core::plan {
namespace {

/// Units installed but serving no demand, averaged over the quarters. A stream's allocation beyond
/// its demand (with headroom) is idle: each unit allocated to it counts min(1, needed ÷ allocated)
/// busy, so capacity the MILP parks on a demand row with room to spare is stranded too.
double strandedUnits(const PlanModel& m, const Plan& plan, const Evaluation& evaluation)
{
    const UnitGrid installed = m.installed(plan);
    const double need = 1.0 + m.scenario.policy.headroom;
    const auto busyShare = [](double allocated, double needed) {
        return allocated > 0.0 ? std::min(1.0, needed / allocated) : 0.0;
    };
    double idle = 0.0;
    for (int t = 0; t < m.quarters(); ++t) {
        const QuarterKpis& k = evaluation.quarters[static_cast<std::size_t>(t)];
        const double training = busyShare(k.trainingPflops, k.trainingDemandPflops * need);
        for (int s = 0; s < installed.systems(); ++s) {
            for (int j = 0; j < installed.sites(); ++j) {
                const int q = t;
                double busy =
                    plan.training(s, j, q) * training + (plan.reserved.empty() ? 0.0 : plan.reserved(s, j, q));
                for (std::size_t c = 0; c < plan.inference.size(); ++c) {
                    busy += plan.inference[c](s, j, q) *
                            busyShare(k.inferenceTokensPerSecond[c], k.inferenceDemandTokensPerSecond[c] * need);
                }
                idle += std::max(0.0, installed(s, j, q) - busy);
            }
        }
    }
    return idle / m.quarters();
}

/// Paid-for power left idle: per quarter and site, the build-out `plan` has delivered there that the site does
/// not draw (its available MW less what its units draw, at most the build-out), summed over the sites and
/// averaged over the quarters, MW. The site's own power is not counted: the plan did not pay to build it.
double strandedPowerMw(const PlanModel& m, const Plan& plan, const Evaluation& evaluation)
{
    double idle = 0.0;
    for (int t = 0; t < m.quarters(); ++t) {
        const QuarterKpis& k = evaluation.quarters[static_cast<std::size_t>(t)];
        for (int j = 0; j < m.sites(); ++j) {
            const auto site = static_cast<std::size_t>(j);
            idle += std::min(m.builtMw(plan, j, t), std::max(0.0, k.powerAvailableMw[site] - k.powerMw[site]));
        }
    }
    return idle / m.quarters();
}

/// The frozen first-stage units of `firstStage` that `m`'s rules stop: all of a purchase no longer allowed
/// where and when it was bought, and the units of a purchase under a country cap that `plan` (the future
/// re-planned) could not keep (the cap clamps the frozen count; none without a plan).
void licenceExposure(const PlanModel& m, const FirstStage& firstStage, int fixedQuarters, const Plan& plan,
                     FutureOutcome& o)
{
    for (const auto& p : firstStage.purchases) {
        if (p.quarter >= fixedQuarters) {
            continue;
        }
        int stopped = 0;
        std::string why;
        if (!m.allowed(p.offer, p.site, p.quarter)) {
            stopped = p.count;
            why = m.reason(p.offer, p.site, p.quarter);
        } else if (!m.capShares(p.offer, p.site, p.quarter).empty() && !plan.training.empty()) {
            int kept = 0;
            for (const auto& q : plan.purchases) {
                kept += q.offer == p.offer && q.site == p.site && q.quarter == p.quarter ? q.count : 0;
            }
            stopped = std::max(0, p.count - kept);
            why = "over " + m.capShares(p.offer, p.site, p.quarter).front().cap;
        }
        if (stopped > 0) {
            o.licenceExposedUnits += stopped;
            if (o.licenceExposure.empty()) {
                const Offer& offer = m.scenario.market[static_cast<std::size_t>(p.offer)];
                o.licenceExposure = std::to_string(stopped) + " × " + offer.system + (offer.used ? " (used)" : "") +
                                    " at " + m.scenario.sites[static_cast<std::size_t>(p.site)].name + " in " +
                                    m.scenario.firstQuarter.plus(p.quarter).toString() + ": " + why;
            }
        }
    }
}

/// Plans `m` with the purchases and power build-out of its first `fixedQuarters` quarters frozen to
/// `firstStage`; the plan itself goes to `planned` when given.
FutureOutcome replan(const PlanModel& m, const FirstStage& firstStage, int fixedQuarters, const OptimizerOptions& base,
                     Plan* planned = nullptr)
{
    OptimizerOptions options = base;
    options.fixedQuarters = fixedQuarters;
    options.fixed = firstStage;
    options.findCauses = false; // the diagnosis's first line says enough per future
    const Plan plan = optimize(m, options);
    if (planned != nullptr) {
        *planned = plan;
    }
    FutureOutcome o;
    licenceExposure(m, firstStage, fixedQuarters, plan, o);
    o.status = plan.status;
    o.solveSeconds = plan.solveSeconds;
    if (plan.training.empty()) { // no plan: the frozen purchases break a hard limit of this future
        o.status = PlanStatus::Infeasible;
        o.diagnosis = plan.diagnosis.empty() ? "no plan meets this future's hard limits" : plan.diagnosis.front();
        return o;
    }
    const Evaluation evaluation = evaluate(m, plan);
    o.costUsd = plan.objectiveUsd;
    o.unservedNpvUsd = evaluation.unservedNpvUsd;
    const UnservedShare unserved = evaluation.largestUnservedShare();
    o.unservedShare = unserved.share;
    if (unserved.share > 0.0) {
        o.unservedDemand = unserved.stream < 0
                               ? "training"
                               : m.scenario.inferenceClasses[static_cast<std::size_t>(unserved.stream)].name;
    }
    o.strandedUnits = strandedUnits(m, plan, evaluation);
    o.strandedPowerMw = strandedPowerMw(m, plan, evaluation);
    o.trajectories = trajectoriesOf(evaluation);
    for (const auto& p : plan.purchases) {
        o.laterUnits += p.quarter >= fixedQuarters ? p.count : 0;
    }
    return o;
}

const SolveGroup& groupOf(const FutureOptions& options)
{
    return options.group != nullptr ? *options.group : thisProcess();
}

/// Each future of `base` planned with `firstStage` frozen in the first `fixedQuarters` quarters. With
/// `plans`, each future's plan too (planDecisions: it travels between ranks with its outcome; null
/// for a future left cancelled), to be rebuilt against the future's model.
std::vector<FutureOutcome> replanAll(const PlanModel& base, const std::vector<Future>& futures,
                                     const FirstStage& firstStage, int fixedQuarters, const FutureOptions& options,
                                     std::vector<nlohmann::json>* plans = nullptr)
{
    std::atomic<int> done{0};
    const auto* cancel = options.optimizer.cancel;
    const SolveGroup& group = groupOf(options);
    const std::vector<nlohmann::json> results =
        shareFutures(group, futures.size(), options.threads, [&](std::size_t k) {
            FutureOutcome o;
            nlohmann::json decisions; // null: no plan
            if (cancel != nullptr && cancel->load()) {
                o.status = PlanStatus::Cancelled;
            } else {
                Plan plan;
                o = replan(futureModel(base, futures[k]), firstStage, fixedQuarters, options.optimizer, &plan);
                if (plans != nullptr) {
                    decisions = planDecisions(plan, {});
                }
            }
            if (options.futureDone) {
                options.futureDone(++done, static_cast<int>(futures.size()));
            }
            return nlohmann::json{{"outcome", outcomeWire(o)}, {"plan", std::move(decisions)}};
        });
    std::vector<FutureOutcome> outcomes;
    for (std::size_t k = 0; k < futures.size(); ++k) {
        if (plans != nullptr) {
            plans->push_back(results[k].at("plan"));
        }
        FutureOutcome& o = outcomes.emplace_back(outcomeFromWire(results[k].at("outcome")));
        o.name = futureName(base.scenario.uncertainty, futures[k]);
        o.probability = futures[k].probability;
        o.rank = static_cast<int>(k % static_cast<std::size_t>(group.ranks()));
    }
    return outcomes;
}

/// The robust objective over the futures' costs (the expected cost with weight 0); infinity when
/// one has no plan, or there are none.
double objectiveOver(const std::vector<FutureOutcome>& outcomes, const MeanCvar& objective)
{
    std::vector<WeightedValue> costs;
    for (const auto& o : outcomes) {
        if (o.status == PlanStatus::Infeasible) {
            return std::numeric_limits<double>::infinity();
        }
        costs.push_back({o.costUsd, o.probability});
    }
    return costs.empty() ? std::numeric_limits<double>::infinity() : meanCvarOf(costs, objective);
}

/// Each future's cheapest plan known when it is planned alone: its own wait-and-see re-plan, or the
/// cost in that future of another plan that is feasible there (`others`: outcomes in the same order;
/// `blockCosts`: the extensive form's per-future costs, when given). A time-limited search can stop
/// dearer than another plan of the same future; WS ≤ RP holds for the best known, as for the optimum.
std::vector<FutureOutcome> cheapestAlone(std::vector<FutureOutcome> waitAndSee,
                                         const std::vector<const std::vector<FutureOutcome>*>& others,
                                         const std::vector<double>& blockCosts = {})
{
    for (std::size_t k = 0; k < waitAndSee.size(); ++k) {
        auto& alone = waitAndSee[k];
        for (const auto* outcomes : others) {
            if (k < outcomes->size() && (*outcomes)[k].status != PlanStatus::Infeasible) {
                alone.costUsd = std::min(alone.costUsd, (*outcomes)[k].costUsd);
            }
        }
        if (k < blockCosts.size()) {
            alone.costUsd = std::min(alone.costUsd, blockCosts[k]);
        }
    }
    return waitAndSee;
}

/// RP as given; WS and EEV over their futures (EEV infinite without an expected-value plan: none given).
RobustFigures figuresOf(double rp, const std::vector<FutureOutcome>& waitAndSee,
                        const std::vector<FutureOutcome>& expectedValue, const MeanCvar& objective)
{
    RobustFigures f;
    f.rpUsd = rp;
    f.wsUsd = objectiveOver(waitAndSee, objective);
    f.eevUsd = objectiveOver(expectedValue, objective);
    f.vssUsd = f.eevUsd - f.rpUsd;
    f.evpiUsd = f.rpUsd - f.wsUsd;
    return f;
}

/// The re-plans replanAll kept (`decisions`), rebuilt against their futures' `models`; none when a
/// future has no plan (its outcome infeasible, or cancelled before it was planned).
std::vector<Plan> replannedPlans(const std::vector<PlanModel>& models, const std::vector<FutureOutcome>& outcomes,
                                 const std::vector<nlohmann::json>& decisions)
{
    std::vector<Plan> plans;
    for (std::size_t k = 0; k < models.size(); ++k) {
        if (outcomes[k].status == PlanStatus::Infeasible || decisions[k].is_null()) {
            return {};
        }
        plans.push_back(planFromDecisions(models[k], decisions[k], "future \"" + outcomes[k].name + "\""));
    }
    return plans;
}

std::vector<Future> futuresChecked(const PlanModel& base, const FutureOptions& options)
{
    expectedValueModel(base); // every event applies (a vendor price change names a vendor on offer)
    return futuresOf(base.scenario.uncertainty, options.futures, options.seed);
}

} // namespace

FirstStage firstStageOf(const Plan& plan, int quarters)
{
    FirstStage first;
    std::copy_if(plan.purchases.begin(), plan.purchases.end(), std::back_inserter(first.purchases),
                 [quarters](const Purchase& p) { return p.quarter < quarters; });
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        const auto& ordered = plan.buildOutMw[j];
        for (std::size_t t = 0; t < ordered.size() && static_cast<int>(t) < quarters; ++t) {
            if (ordered[t] > 0.0) {
                first.power.push_back({static_cast<int>(t), static_cast<int>(j), ordered[t]});
            }
        }
    }
    sortFirstStage(first);
    return first;
}

std::vector<FutureOutcome> replanFutures(const PlanModel& base, const FirstStage& firstStage,
                                         const FutureOptions& options)
{
    return replanAll(base, futuresChecked(base, options), firstStage, options.firstStageQuarters, options);
}

RiskReport assessRisk(const PlanModel& base, const Plan& plan, const FutureOptions& options, double alpha)
{
    RiskReport r;
    r.alpha = alpha;
    r.frozen = firstStageOf(plan, options.firstStageQuarters);
    r.sampled = sampled(base.scenario.uncertainty, options.futures);
    r.futures = replanFutures(base, r.frozen, options);
    r.cancelled = std::any_of(r.futures.begin(), r.futures.end(),
                              [](const FutureOutcome& o) { return o.status == PlanStatus::Cancelled; });
    if (r.cancelled) {
        return r;
    }
    std::vector<WeightedValue> costs;
    std::vector<const std::vector<Trajectory>*> trajectories;
    std::vector<double> probabilities;
    double mass = 0.0;
    for (const auto& o : r.futures) {
        // Licence exposure over every future, with a plan or not: the rules stop those units either way.
        r.expectedLicenceExposedUnits += o.probability * o.licenceExposedUnits;
        r.licenceExposureProbability += o.licenceExposedUnits > 0 ? o.probability : 0.0;
        if (o.status == PlanStatus::Infeasible) {
            r.infeasibleProbability += o.probability;
        } else {
            costs.push_back({o.costUsd, o.probability});
            trajectories.push_back(&o.trajectories);
            probabilities.push_back(o.probability);
            mass += o.probability;
        }
    }
    if (costs.empty()) {
        return r;
    }
    r.fans = fansOf(base, trajectories, probabilities);
    r.p5Usd = weightedQuantile(costs, 0.05);
    r.p50Usd = weightedQuantile(costs, 0.5);
    r.p95Usd = weightedQuantile(costs, 0.95);
    r.cvarUsd = conditionalValueAtRisk(costs, alpha);
    for (const auto& o : r.futures) {
        if (o.status == PlanStatus::Infeasible) {
            continue;
        }
        const double p = o.probability / mass;
        r.expectedCostUsd += p * o.costUsd;
        r.expectedUnservedNpvUsd += p * o.unservedNpvUsd;
        r.expectedStrandedUnits += p * o.strandedUnits;
        r.expectedStrandedPowerMw += p * o.strandedPowerMw;
        r.unservedProbability += o.unservedNpvUsd > 0.0 ? p : 0.0;
        r.expectedUnservedShare += p * o.unservedShare;
        if (o.unservedShare > r.largestUnservedShare) {
            r.largestUnservedShare = o.unservedShare;
            r.largestUnservedDemand = o.unservedDemand;
        }
    }
    return r;
}

RobustReport robustPlan(const PlanModel& base, const FutureOptions& options, const RobustOptions& robust)
{
    const auto started = std::chrono::steady_clock::now();
    if (base.scenario.policy.objective == "max_capacity") {
        throw ValidationError("policy.objective: \"" + base.scenario.policy.objective +
                              "\": a robust plan minimises expected cost (min_cost), or expected cost with the "
                              "revenue forecast left unserved forgoes (max_margin)");
    }
    const MeanCvar& objective = robust.objective;
    if (!(objective.weight >= 0.0 && objective.weight <= 1.0) || !(objective.alpha >= 0.0 && objective.alpha < 1.0)) {
        throw ValidationError("CVaR weight " + std::to_string(objective.weight) + " or level " +
                              std::to_string(objective.alpha) + " is outside [0, 1] and [0, 1)");
    }
    const bool ph = robust.method == RobustMethod::ProgressiveHedging;
    RobustReport r;
    r.method = robust.method;
    r.objective = objective;
    const auto futures = futuresChecked(base, options);
    r.sampled = sampled(base.scenario.uncertainty, options.futures);
    const int F = options.firstStageQuarters;
    // WS: each future planned alone. A future with no plan has no stochastic plan either: say which.
    std::vector<nlohmann::json> waitAndSeePlans; // progressive hedging's iteration 0 starts from them
    r.waitAndSee = replanAll(base, futures, {}, 0, options, ph ? &waitAndSeePlans : nullptr);
    for (const auto& o : r.waitAndSee) {
        if (o.status == PlanStatus::Infeasible) {
            throw ValidationError("future \"" + o.name + "\" has no plan: " + o.diagnosis);
        }
    }
    // RP: the extensive form, or progressive hedging.
    std::vector<PlanModel> models(futures.size());
    forEachFuture(futures.size(), options.threads, [&](std::size_t k) { models[k] = futureModel(base, futures[k]); });
    std::vector<double> probabilities;
    for (const auto& f : futures) {
        probabilities.push_back(f.probability);
    }
    // EEV: the expected-value plan's first stage, frozen in every future; the extensive form starts
    // from those re-plans, so it never ends worse than EEV.
    OptimizerOptions single = options.optimizer;
    single.findCauses = false;
    const Plan ev = optimize(expectedValueModel(base), single);
    r.expectedValueFirstStage = firstStageOf(ev, F);
    std::vector<nlohmann::json> expectedValuePlans;
    r.expectedValue =
        replanAll(base, futures, r.expectedValueFirstStage, F, options, ph ? nullptr : &expectedValuePlans);
    const double eev =
        ev.training.empty() ? std::numeric_limits<double>::infinity() : objectiveOver(r.expectedValue, objective);
    // The plan's own first year, when the caller has one, frozen the same way: the better start.
    std::vector<FutureOutcome> planned;
    std::vector<nlohmann::json> plannedPlans;
    if (robust.planFirstStage) {
        planned = replanAll(base, futures, *robust.planFirstStage, F, options, ph ? nullptr : &plannedPlans);
        r.planFirstStageUsd = objectiveOver(planned, objective);
    }
    const bool planBetter = r.planFirstStageUsd && *r.planFirstStageUsd < eev;
    if (ph) {
        // Under mean–CVaR the expected-value plan's value, or the plan's when less, bounds the value at risk
        // (valueAtRiskRange).
        const HedgedObjective hedged{objective, std::min(eev, r.planFirstStageUsd.value_or(eev))};
        r.hedging = progressiveHedging(models, probabilities, F, options.optimizer, robust.hedging, groupOf(options),
                                       hedged, replannedPlans(models, r.waitAndSee, waitAndSeePlans));
        r.firstStage = r.hedging.firstStage;
        r.lowerBoundUsd = r.hedging.lowerBoundUsd;
    } else {
        const std::vector<Plan> start = planBetter ? replannedPlans(models, planned, plannedPlans)
                                        : ev.training.empty()
                                            ? std::vector<Plan>{}
                                            : replannedPlans(models, r.expectedValue, expectedValuePlans);
        r.extensive = solveExtensiveForm(models, probabilities, F, options.optimizer, objective,
                                         start.empty() ? nullptr : &start);
        if (r.extensive.futureCostUsd.empty()) {
            throw ValidationError("the extensive form has no plan (" + std::string(toString(r.extensive.status)) +
                                  "): allow more time");
        }
        r.firstStage = r.extensive.firstStage;
        r.lowerBoundUsd = r.extensive.boundUsd;
    }
    r.futures = replanAll(base, futures, r.firstStage, F, options);
    r.upperBoundUsd = objectiveOver(r.futures, objective);
    // Progressive hedging is a heuristic on MILPs: its first stage can end worse than the expected-value
    // plan's (seen under pure CVaR), which the extensive form starts from; and either method, stopped by a
    // node or time limit, can end worse than the plan's own first year. Keep the best: RP is never worse
    // than a first stage the run knows. Hedging's rounded first stage can also leave a future with no plan
    // (infinite: no tolerance to subtract). The extensive form (its start kept) is never worse than EEV.
    const double start = planBetter ? *r.planFirstStageUsd : eev;
    const double own = ph ? r.upperBoundUsd : std::min(r.extensive.objectiveUsd, r.upperBoundUsd);
    const bool worse = std::isinf(own) ? std::isfinite(start) : start < own - 1e-9 * std::fabs(own);
    if ((ph || planBetter) && worse) {
        r.methodFirstStageUsd = own;
        r.kept = planBetter ? RobustReport::Kept::Plan : RobustReport::Kept::ExpectedValuePlan;
        r.firstStage = planBetter ? *robust.planFirstStage : r.expectedValueFirstStage;
        r.futures = planBetter ? planned : r.expectedValue;
        r.upperBoundUsd = start;
    }
    for (const auto& o : r.futures) {
        if (ph && o.status == PlanStatus::Infeasible) { // x̄ rounded, and no expected-value plan to keep
            throw ValidationError("progressive hedging's first stage leaves future \"" + o.name +
                                  "\" with no plan: " + o.diagnosis);
        }
    }
    // With the extensive form both are values of one feasible stochastic plan (the same first stage):
    // RP is the better one. Progressive hedging's own figures are not a plan's cost: RP is the re-plan's.
    const double rp = ph || r.kept != RobustReport::Kept::Method ? r.upperBoundUsd
                                                                 : std::min(r.extensive.objectiveUsd, r.upperBoundUsd);
    r.figures = figuresOf(rp,
                          cheapestAlone(r.waitAndSee, {&r.futures, &r.expectedValue, &planned},
                                        ph ? std::vector<double>{} : r.extensive.futureCostUsd),
                          ev.training.empty() ? std::vector<FutureOutcome>{} : r.expectedValue, objective);
    // Its expected cost is RP itself when that is the objective; else the mean of its futures' re-plans.
    r.rpExpectedCostUsd = objective.weight == 0.0 ? rp : objectiveOver(r.futures, {});
    r.rpCvarUsd = objectiveOver(r.futures, {objective.alpha, 1.0});
    if (robust.outOfSampleFutures > 0) {
        OutOfSample& out = r.outOfSample.emplace();
        out.draws = robust.outOfSampleFutures;
        out.seed = robust.outOfSampleSeed;
        const auto fresh = drawFutures(base.scenario.uncertainty, out.draws, out.seed);
        out.futures = replanAll(base, fresh, r.firstStage, F, options);
        out.waitAndSee = replanAll(base, fresh, {}, 0, options);
        out.expectedValue = replanAll(base, fresh, r.expectedValueFirstStage, F, options);
        out.figures = figuresOf(objectiveOver(out.futures, objective),
                                cheapestAlone(out.waitAndSee, {&out.futures, &out.expectedValue}),
                                ev.training.empty() ? std::vector<FutureOutcome>{} : out.expectedValue, objective);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

} // namespace fw::core::plan
