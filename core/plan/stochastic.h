// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/fan.h"
#include "core/plan/futures.h"
#include "core/plan/hedging.h"
#include "core/plan/optimizer.h"
#include "core/plan/riskmeasure.h"
#include "core/plan/solvegroup.h"

namespace fw::core::plan {

/// How the futures are made and solved, for risk and robust plans alike.
struct FutureOptions {
    int futures = 64;       ///< the whole scenario tree when it has at most this many futures, else this many draws
    std::uint32_t seed = 1; ///< for the draws
    int threads = 1;        ///< futures prepared and evaluated on this many threads (CBC solves one at a time)
    /// The processes the futures' solves are shared between; null: this process alone. Not owned.
    const SolveGroup* group = nullptr;
    /// Purchases and power build-out ordered in the first year are decided before the future is known.
    int firstStageQuarters = 4;
    OptimizerOptions optimizer; ///< per solve: gap, node and time limit (a time limit is not reproducible)
    /// Called after each future is re-planned, on the thread that planned it (so it must be
    /// thread-safe): futures done so far, of how many. Empty: not called.
    std::function<void(int done, int total)> futureDone;
};

/// One future, re-planned with the first-year purchases and power build-out frozen.
struct FutureOutcome {
    std::string name;
    double probability = 0.0;
    PlanStatus status = PlanStatus::Infeasible;
    double costUsd = 0.0;        ///< NPV cost of the re-planned future, as the evaluator computes it
    double unservedNpvUsd = 0.0; ///< of it, forecast demand left unserved (at its price)
    double unservedShare = 0.0;  ///< the largest share of one demand left unserved (largestUnservedShare)
    std::string unservedDemand;  ///< that demand: "training" or the inference class (empty: none unserved)
    double strandedUnits = 0.0;  ///< units installed but serving no demand, averaged over the quarters
    /// Paid-for power left idle: build-out delivered that the site does not draw, summed over the sites and
    /// averaged over the quarters, MW.
    double strandedPowerMw = 0.0;
    int laterUnits = 0; ///< units bought after the first stage
    /// Licence exposure: first-stage units frozen that a rule event of this future stops where and when they
    /// were bought (a licence now required there, or a country cap they no longer fit under): the future goes
    /// without them. 0 with no rule event, or none that touches them.
    int licenceExposedUnits = 0;
    std::string licenceExposure; ///< why, for the first of them (its rule and the event named); empty: none
    std::string diagnosis;       ///< for an infeasible future: the first limit that stops it
    double solveSeconds = 0.0;
    int rank = 0; ///< the rank of the solve group that planned it (0 in one process)
    /// Per quarter, from its evaluation (trajectoriesOf): training, each inference class, each site's
    /// power, each with its demand or limit. Empty without a plan. 2 × (1 + classes + sites) ×
    /// quarters doubles: 1,000 futures × 40 quarters × (1 + 2 + 4) measures is 4.5 MB.
    std::vector<Trajectory> trajectories;
};

/// The first stage of `plan`: the purchases and power build-out ordered in its first `quarters` quarters.
FirstStage firstStageOf(const Plan& plan, int quarters);

/// Re-plans every future of `base` (futuresOf) with `firstStage` frozen, on options.threads
/// threads of each rank of options.group; the outcomes come back in the futures' order whatever the
/// threads and ranks, so one seed gives one answer (with a node limit, not a time limit, per solve). Once
/// options.optimizer.cancel is set, the futures not yet planned are left Cancelled (the one being solved stops as
/// optimize() does). Throws ValidationError for an event the model cannot apply.
std::vector<FutureOutcome> replanFutures(const PlanModel& base, const FirstStage& firstStage,
                                         const FutureOptions& options);

/// The distribution of a plan's NPV cost over its futures.
struct RiskReport {
    FirstStage frozen;    ///< the plan's first-year purchases and power build-out
    bool sampled = false; ///< futures drawn, not the whole tree
    std::vector<FutureOutcome> futures;
    double expectedCostUsd = 0.0; ///< over the futures with a plan
    double p5Usd = 0.0, p50Usd = 0.0, p95Usd = 0.0;
    double alpha = 0.95;
    double cvarUsd = 0.0; ///< expected cost of the worst 1 − alpha of the probability
    double expectedUnservedNpvUsd = 0.0;
    double unservedProbability = 0.0;   ///< of a future leaving some forecast demand unserved
    double expectedUnservedShare = 0.0; ///< of the futures' unservedShare
    double largestUnservedShare = 0.0;  ///< the futures' largest unservedShare
    std::string largestUnservedDemand;  ///< its demand (FutureOutcome::unservedDemand)
    double expectedStrandedUnits = 0.0;
    double expectedStrandedPowerMw = 0.0; ///< of the futures' strandedPowerMw
    /// Licence exposure over every future (FutureOutcome::licenceExposedUnits): expected units, and the
    /// probability of a future in which some first-year units need a licence they may not get.
    double expectedLicenceExposedUnits = 0.0;
    double licenceExposureProbability = 0.0;
    double infeasibleProbability = 0.0; ///< of the futures the frozen purchases give no plan in
    /// Per quarter, over the futures with a plan (renormalised), by the percentile rule of the costs:
    /// training, each inference class, each site's power (fansOf).
    std::vector<Fan> fans;
    bool cancelled = false; ///< stopped by options.optimizer.cancel: no figures
};

/// Freezes `plan`'s first-year purchases and power build-out and re-plans every future; weighted percentiles (the least
/// cost whose cumulative probability reaches the level) and CVaR_alpha = VaR + E[(cost − VaR)+] ÷ (1 − alpha)
/// (Rockafellar and Uryasev), over the futures with a plan (their probabilities renormalised); the
/// fans of capacity vs demand and power per site by the same rule, quarter by quarter.
/// A cancelled run comes back with `cancelled` set and no figures.
RiskReport assessRisk(const PlanModel& base, const Plan& plan, const FutureOptions& options, double alpha);

/// How the two-stage stochastic plan is solved.
enum class RobustMethod {
    ExtensiveForm,     ///< every future's MILP in one CBC solve (solveExtensiveForm)
    ProgressiveHedging ///< one CBC solve per future per iteration (progressiveHedging), a heuristic on MILPs
};

/// How the two-stage stochastic plan is made.
struct RobustOptions {
    RobustMethod method = RobustMethod::ExtensiveForm;
    HedgingOptions hedging; ///< read with RobustMethod::ProgressiveHedging only
    /// What the plan minimises over the futures: expected NPV cost (weight 0), or its blend with
    /// CVaR_alpha, by either method. RP, WS, EEV and the bounds are values of this objective.
    MeanCvar objective;
    /// The figures again on this many futures drawn afresh with `outOfSampleSeed` (always drawn, even
    /// when the in-sample futures are the whole tree): the stochastic, expected-value and wait-and-see
    /// plans re-planned in each. 0: none.
    int outOfSampleFutures = 0;
    std::uint32_t outOfSampleSeed = 2;
    /// The plan's own first year (the Risk page's and the report's plan, risk's `frozen`), frozen in every
    /// future like the expected-value plan's: the method starts from the better of the two, and RP keeps
    /// whichever is better than the method's own answer, so it is never worse than the plan the caller has.
    /// None: the expected-value plan's alone.
    std::optional<FirstStage> planFirstStage;
};

/// RP, WS, EEV and the two differences on one set of futures, as values of the robust objective
/// (expected NPV cost, or its mean–CVaR blend).
struct RobustFigures {
    double rpUsd = 0.0;   ///< the stochastic plan's first stage frozen, each future re-planned
    double wsUsd = 0.0;   ///< each future planned alone (its cheapest plan known, when a search stopped early)
    double eevUsd = 0.0;  ///< the expected-value plan's first stage frozen (infinite: some future has no plan)
    double vssUsd = 0.0;  ///< EEV − RP
    double evpiUsd = 0.0; ///< RP − WS
};

/// The figures out of sample: on futures drawn afresh, not those the plan was optimised on.
struct OutOfSample {
    int draws = 0;
    std::uint32_t seed = 0;
    RobustFigures figures;
    std::vector<FutureOutcome> futures;       ///< RP's first stage frozen, per future
    std::vector<FutureOutcome> waitAndSee;    ///< per future, planned alone
    std::vector<FutureOutcome> expectedValue; ///< the EV plan's first stage frozen, per future
};

/// The two-stage stochastic plan and the classic figures (Birge and Louveaux, ch. 4).
struct RobustReport {
    RobustMethod method = RobustMethod::ExtensiveForm;
    MeanCvar objective;
    FirstStage firstStage; ///< the stochastic plan's first stage, by either method
    /// With the extensive form: the stochastic optimum and its first stage. CBC starts from the
    /// expected-value plan's re-plans (those of `expectedValue`), or the plan's own first year's when that is
    /// better (RobustOptions::planFirstStage), so its objective is at most EEV (and the plan's).
    ExtensiveForm extensive;
    HedgingResult hedging; ///< with progressive hedging: its iterations, x̄ rounded and its bound
    /// Where RP's first stage comes from: the method's answer, or a start it did not beat.
    enum class Kept {
        Method,            ///< the extensive form's first stage, or progressive hedging's
        ExpectedValuePlan, ///< progressive hedging's was worse than the expected-value plan's
        Plan,              ///< the method's was worse than the plan's own (RobustOptions::planFirstStage)
    };
    Kept kept = Kept::Method;
    /// When `kept` is not Method: the method's own first stage (progressive hedging's x̄ rounded), re-planned
    /// per future (infinite: it left a future without a plan). So RP ≤ EEV by either method, and RP ≤ the
    /// plan's own first year when one is given.
    std::optional<double> methodFirstStageUsd;
    /// RobustOptions::planFirstStage frozen, each future re-planned (infinite: some future has no plan).
    std::optional<double> planFirstStageUsd;
    bool sampled = false;
    /// In sample, values of `objective`. RP: the extensive form's objective, or its first stage
    /// re-planned per future when that is less (a MIP gap); with progressive hedging, its first stage
    /// re-planned per future.
    RobustFigures figures;
    double lowerBoundUsd = 0.0; ///< CBC's bound on the extensive form, or progressive hedging's Lagrangian bound
    double upperBoundUsd = 0.0; ///< RP's first stage frozen and each future re-planned (infinite: no plan)
    FirstStage expectedValueFirstStage;
    std::vector<FutureOutcome> futures;       ///< RP's first stage frozen, per future
    std::vector<FutureOutcome> waitAndSee;    ///< per future, planned alone
    std::vector<FutureOutcome> expectedValue; ///< the EV plan's first stage frozen, per future
    double rpExpectedCostUsd = 0.0;           ///< the stochastic plan's expected NPV cost, re-planned per future
    double rpCvarUsd = 0.0;                   ///< and its CVaR at objective.alpha
    std::optional<OutOfSample> outOfSample;
    double seconds = 0.0;
};

/// Throws ValidationError for the policy objective max_capacity (min_cost and max_margin, whose cost
/// counts the revenue forecast left unserved forgoes, are expected costs), or when a future has no plan
/// (the stochastic plan must meet every future's hard limits), or progressive hedging's first stage
/// leaves one with none and the expected-value plan's does too, or a CVaR weight with progressive hedging when the
/// expected-value plan leaves some future without a plan (its value bounds the value at risk), or a weight outside [0,
/// 1] or level outside [0, 1).
RobustReport robustPlan(const PlanModel& base, const FutureOptions& options, const RobustOptions& robust = {});

} // namespace fw::core::plan
