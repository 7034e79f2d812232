// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <limits>
#include <vector>

#include "core/plan/optimizer.h"
#include "core/plan/riskmeasure.h"
#include "core/plan/solvegroup.h"

namespace fw::core::plan {

/// One hedging iteration, as it ended.
struct HedgingIteration {
    int iteration = 0;
    /// Σ_k p_k Σ_i |x_k,i − x̄_i| ÷ max(1, Σ_i x̄_i) over the purchases: the expected units in dispute per
    /// first-stage unit bought on average (0: every future buys the same); the same over the power orders
    /// in MW (with a floor of 1 kW, not 1) when it is larger.
    double residual = 0.0;
    /// The Lagrangian bound with this iteration's W (−infinity: a bound solve found none, or none was
    /// computed: HedgingOptions::boundEvery)
    double lowerBoundUsd = 0.0;
    double expectedCostUsd = 0.0; ///< Σ_k p_k f_k(x_k), each future's own NPV cost without W or the proximal term
    int solves = 0;               ///< CBC solves of the hedging subproblems: one per future (two after a release)
    /// Futures whose solve met its time limit before CBC found a plan: they repeat their last answer.
    int keptAnswers = 0;
    /// CBC solves for the Lagrangian bound: one per future (none at iteration 0, nor between bounds)
    int boundSolves = 0;
    int fixedKeys = 0;  ///< first-stage decisions (purchases and power orders) fixed so far
    bool cycle = false; ///< x̄, or the futures' answers for a purchase, came back to earlier values: fixed
    /// A purchase in dispute fixed at x̄ rounded because the residual stopped falling (HedgingOptions::slamAfter)
    bool slammed = false;
    int rhoRaised = 0; ///< purchases in dispute (and η) whose ρ was doubled: x̄ (η) stalled (HedgingOptions::stallAfter)
    /// With the decisions fixed in dispute (a cycle, slamming) some future had no plan, so they were all
    /// settled on this future's last answers (1-based) and the futures solved again (`solves` counts every
    /// round); 0: not needed.
    int settledOnFuture = 0;
    /// Decisions fixed in dispute released because some future still had no plan with them settled on one
    /// future's answers; the futures were then solved again.
    int released = 0;
    /// Under mean–CVaR: η̄, the futures' mean value at risk, and Σ_k p_k |η_k − η̄| ÷ max(1 USD, |η̄|)
    /// (0 under expected cost, which has no η).
    double valueAtRiskUsd = 0.0;
    double valueAtRiskResidual = 0.0;
};

/// How progressive hedging runs and when it stops.
struct HedgingOptions {
    int iterationLimit = 100; ///< hedging iterations after iteration 0 (each solves every future once)
    double tolerance = 1e-3;  ///< stop once the non-anticipativity residual is at most this
    int fixAfter = 3;         ///< a first-stage purchase all futures agree on this many iterations running is fixed
    /// When x̄ stays the same this many iterations running while the futures still disagree, or the
    /// residual has not fallen 10 % below its least in as many, ρ of each purchase in dispute doubles
    /// (0: never). W grows by ρ per iteration of dispute, so a
    /// future whose own optimum is far from x̄ (a cost gap of many ρ) takes as many iterations to
    /// move: on the US sample (8 futures, ρ × 0.3) x̄ sat still from iteration 9 to 32 at a residual of
    /// 0.0026 without this rule.
    int stallAfter = 5;
    /// Times the cost-proportional rho below. 0.3: on the US sample (8 futures) 1 cycles (x̄ returns
    /// at iteration 21) and its first stage ends 1.35 % above the extensive form's, 0.1 stalls at a
    /// residual of 0.015 after 40 iterations, 0.3 converges in 29 to within 0.01 % of it.
    double rhoMultiplier = 0.3;
    /// The Lagrangian bound is computed at iterations that are multiples of this, and at the last one
    /// (converged or at the limit), each time one more CBC solve per future: 1 every iteration. Any W
    /// with Σ p_k W_k = 0 gives a valid bound, so a sparser one is as sound; the best one computed is
    /// kept (iteration 0's, W = 0, is the wait-and-see bound, and on the US sample with 32 futures no
    /// later W beat it).
    int boundEvery = 1;
    /// From this iteration on, each iteration whose residual is not 10 % below its least so far fixes one
    /// purchase in dispute at x̄ rounded: the one the futures are least apart on (Σ_k p_k |x_k − x̄|,
    /// the first in order on a tie). Watson and Woodruff's "slamming" (2011, section 3), as PySP's WW
    /// extension does it: one variable per iteration, to x̄ ("CanSlamToAnywhere"), only while not
    /// converging ("SlamOnlyIfNotConverging"); PySP starts after as many iterations as there are futures
    /// (SlamAfterIter, "a simple heuristic - and probably a bad one"), which would slam a two-future run at
    /// its second. 20: the runs here that converge on their own do so by iteration 18 to 29, and PH on a
    /// MILP whose subproblems stop at a gap can leave a few purchases in dispute for good (on the US
    /// sample with 32 futures the residual fell from 0.41 to 0.11 in 50 iterations, 4 of 48 purchases apart).
    int slamAfter = 20;
    /// Called after each iteration (iteration 0 too) on the thread that runs the hedging, on every
    /// rank: its residual, bound and solves, for a progress display. Empty: not called.
    std::function<void(const HedgingIteration&)> iterationDone;
};

/// What progressive hedging minimises over the futures.
struct HedgedObjective {
    MeanCvar blend; ///< weight 0: expected NPV cost
    /// With a weight: the blend's value of some first stage that leaves every future a plan (robustPlan
    /// gives the expected-value plan's), which bounds η from above (valueAtRiskRange); infinite: none known.
    double feasibleUsd = std::numeric_limits<double>::infinity();
};

/// What progressive hedging found: a first stage (x̄ rounded to whole units, at most what every future
/// supplies; a power order the most any future ordered at the last iteration, in MW, at most what every
/// future's site can add: x̄ could leave some future's units without the power they draw) and a lower bound on the
/// stochastic optimum. The first stage's expected cost (an upper bound) is the caller's to compute by re-planning the
/// futures with it frozen (replanFutures).
struct HedgingResult {
    FirstStage firstStage;
    std::vector<HedgingIteration> iterations; ///< iteration 0 first
    /// Per future at the last iteration: f_k(x_k), its NPV cost, or under mean–CVaR its share of the blend
    /// (1 − w) c_k + w η_k + w s_k ÷ (1 − α)
    std::vector<double> futureCostUsd;
    double lowerBoundUsd = 0.0;       ///< the best Lagrangian bound of the iterations
    double residual = 0.0;            ///< at the last iteration
    double valueAtRiskResidual = 0.0; ///< at the last iteration (mean–CVaR)
    bool converged = false;           ///< both residuals reached the tolerance (else the iteration limit)
    int keys = 0;                     ///< first-stage purchase and power columns every future has
    int fixedKeys = 0;
    int solves = 0;                 ///< CBC solves in all (subproblems and bounds)
    std::vector<int> solvesPerRank; ///< of them, per rank of the solve group (rank k mod ranks solves future k)
    double seconds = 0.0;
};

/// Progressive hedging (Rockafellar and Wets 1991, "Scenarios and policy aggregation in optimization
/// under uncertainty", Math. Oper. Res. 16(1)) over the two-stage problem solveExtensiveForm() solves
/// at once: the first stage is the purchase columns of (offer, site, quarter < firstStageQuarters) and the
/// power build-out columns of (site, quarter < firstStageQuarters) that every future has (one some future
/// lacks is 0 in all, as in the extensive form).
/// - Power orders (MW, continuous) are hedged as η is below: ρ by the SEP rule for continuous variables,
///   rhoMultiplier × c_i ÷ max(1 kW, Σ p_k |x_k,i − x̄_i|) at iteration 0; the proximal term by the
///   quadratic's tangents at x̄, the future's last answer and x̄ ± δ·2^j out to the column's bound (δ a
///   quarter of the mean distance from x̄, at least tolerance × x̄); agreeing within 1e-6 MW; fixed in a
///   cycle or slammed at the most any future ordered (site power rows are hard, and more power only eases
///   them, so every future keeps a plan for the purchases it shares).
///
/// Iteration 0 solves each future's MILP alone (from `alone`'s plan when given); x̄ is the probability-weighted mean of
/// the first stages and W_k = ρ (x_k − x̄). Each later iteration solves, future by future in order, the future's MILP
/// plus W_k·x + ρ/2 (x − x̄)², then updates x̄ and W_k += ρ (x_k − x̄) (re-centred so Σ p_k W_k = 0).
/// - ρ per purchase column: Watson and Woodruff's SEP rule for integer variables (2011, "Progressive
///   hedging innovations for a class of stochastic mixed-integer resource allocation problems",
///   Comput. Manag. Sci. 8:355–370): ρ_i = c_i ÷ (max_k x_k,i − min_k x_k,i + 1) at iteration 0, c_i
///   the column's NPV cost per unit (probability-weighted over the futures), times rhoMultiplier (0.3).
/// - CBC has no quadratic objective, so the proximal term is linearised (as mpi-sppy's
///   linearize_proximal_terms): an auxiliary column q_i ≥ 0 with cost 1 above the chords of
///   ρ/2 (x − x̄)² between consecutive whole numbers from ⌊x̄⌋ − 2 to ⌈x̄⌉ + 2 and around the future's
///   last x_k (within the column's bounds). Purchases are whole, and a chord of a convex function lies
///   below it outside its interval, so q equals the quadratic at every whole x within those points and
///   lies under it elsewhere (growing linearly, at least 2.5 ρ per unit): ±2 keeps the term exact
///   where PH's moves are decided, with at most 8 rows per column.
/// - A stall (x̄ unchanged `stallAfter` iterations running, the futures still apart, or the residual not
///   10 % below its least in as many) doubles ρ of the purchases in dispute, as the adaptive-ρ rules of PH practice
///   raise it where it converges slowly (Watson and Woodruff 2011, section 3).
/// - Stops when the residual (HedgingIteration::residual) is at most `tolerance`, or after
///   `iterationLimit` iterations. A purchase on which every future agrees `fixAfter` iterations running
///   is fixed there (Watson and Woodruff's variable fixing); when x̄ returns to a value of an earlier
///   iteration after leaving it (a cycle), every purchase in dispute is fixed at x̄ rounded, and so is
///   one purchase whose futures' answers return to those of an earlier iteration after changing (futures
///   swapping units between sites or quarters, which leaves x̄ in place). When a future has no plan with
///   the decisions fixed in dispute (x̄ rounded key by key need not suit every future: units rounded up at two
///   sites together can be more than is on offer, or draw more power than a quarter has), they are all settled on the
///   last answers of the future whose purchases are nearest x̄ (which its own plan shows fit together) and the futures
///   solved again (`settledOnFuture`); if some future still has no plan, they are released and solved again once more
///   (`released`). A released decision is fixed again only when the futures agree on it, so fixing and
///   releasing cannot alternate.
/// - Slamming (HedgingOptions::slamAfter): from that iteration on, one purchase in dispute is fixed at x̄
///   rounded at each iteration whose residual is not 10 % below its least, so a run ends converged once
///   every purchase is agreed or fixed. A slammed first stage is a heuristic's: its re-planned cost is
///   an upper bound, and the Lagrangian bound (which ignores fixing) still holds.
/// - Mean–CVaR (`objective.blend` with a weight w): each future minimises its share of the blend,
///   (1 − w) c_k(x) + w η + w s ÷ (1 − α) with s ≥ c_k(x) − η, s ≥ 0 (Rockafellar and Uryasev 2000), and η
///   (the value at risk) is one more first-stage decision, continuous, as mpi-sppy's CVaR objectives
///   make it. Iteration 0 plans each future alone, where the share's least value is c_k's (at η = c_k):
///   η_k = c_k. η is then held to [least CBC bound, (feasibleUsd − (1 − w) least) ÷ w]
///   (valueAtRiskRange), which keeps the optimum; its ρ is the SEP rule for continuous variables,
///   rhoMultiplier × w ÷ max(1 USD, Σ p_k |η_k − η̄|), doubled when η's residual has not fallen 10 % below
///   its least in `stallAfter` iterations; its proximal term is the quadratic's tangents at η̄, at the
///   future's last η_k and at η̄ ± δ·2^j out to η's whole range (δ a quarter of η's mean distance from
///   η̄, at least tolerance × |η̄|): within a factor of the quadratic everywhere (tangents spaced evenly
///   let futures run to a kink of their share, and η̄ cycled). The residual and fixing count purchases
///   and power orders, not η; it converges when η's residual reaches the tolerance too.
/// - Lower bound, every `boundEvery` iterations and at the last: Σ_k p_k min_x {f_k(x) + W_k·x} with
///   Σ p_k W_k = 0, each term CBC's bound (not its incumbent) without the proximal term and without
///   fixing, so it stays valid.
/// Shared by `group`: the rank k mod ranks solves future k's subproblems and keeps its solutions (its
/// next MIP start); the hub work (x̄, W, ρ, fixing, bounds) is done by every rank on the same numbers
/// in the futures' order, so 1 rank and N ranks give the same answer.
/// Deterministic: futures solved in order, one at a time per rank, CBC single-threaded, stopping at
/// `options`' gap or node limit (and its time limit, which is wall clock: set it high where
/// determinism matters). Throws ValidationError under mean–CVaR without a finite feasibleUsd, and when a subproblem
/// ends without a plan (time limit, cancel), on every rank. `options.cancel` (in one process) ends it before its next
/// round of solves with ValidationError "progressive hedging cancelled at iteration N".
/// `alone`, when given: each future's plan found alone (robustPlan's wait-and-see re-plans), iteration 0's
/// MIP starts, so a time limit there ends with that plan rather than none (one that buys a first-stage
/// purchase some other future lacks, held at 0 in hedging, is not used).
HedgingResult progressiveHedging(const std::vector<PlanModel>& futures, const std::vector<double>& probabilities,
                                 int firstStageQuarters, const OptimizerOptions& options,
                                 const HedgingOptions& hedging = {}, const SolveGroup& group = thisProcess(),
                                 const HedgedObjective& objective = {}, const std::vector<Plan>& alone = {});

} // namespace fw::core::plan
