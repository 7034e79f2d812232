// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>

#include "core/plan/planmodel.h"
#include "core/plan/riskmeasure.h"

namespace fw::core::plan {

/// How far a running solve has got, as CBC reports it.
struct SolveProgress {
    double seconds = 0.0; ///< since the solve started
    bool hasIncumbent = false;
    double incumbent = 0.0; ///< the best plan so far, NPV USD
    double bound = 0.0;     ///< no plan can cost less, NPV USD
    int nodes = 0;          ///< branch-and-bound nodes so far
};

struct OptimizerOptions {
    double timeLimitSeconds = 60.0;
    double relativeGap = 0.005; ///< stop within 0.5 % of the best bound
    /// Stop after this many branch-and-bound nodes with the best plan so far (0: no limit). Unlike
    /// the time limit, the same on every machine and under any load: runs that must be reproduced
    /// (a robust plan on 1 thread and on 2 MPI ranks) stop on it.
    int nodeLimit = 0;
    const std::atomic<bool>* cancel = nullptr;          ///< set from any thread: stop now with the best plan so far
    std::function<void(const SolveProgress&)> progress; ///< on the solving thread, at most 4 a second
    /// A plan to start the search from instead of the greedy one (a sensitivity variant starts from
    /// the base plan), when it breaks no limit of the model solved; not owned, read during optimize().
    const Plan* start = nullptr;
    /// Decisions already made: in the quarters before `fixedQuarters` the plan buys exactly `fixed`'s
    /// purchases and orders exactly its power build-out (nothing else); a purchase the model does not
    /// allow there is dropped (not ordered), units beyond an offer's supply that quarter are not
    /// delivered, and MW beyond what a site can add that quarter are not built.
    int fixedQuarters = 0;
    FirstStage fixed;
    /// Whether an infeasible scenario is planned again per family of limits to find its causes.
    bool findCauses = true;
};

/// The fleet purchase MILP, built once and solved with COIN-OR CBC through its C API: integer
/// purchases of each offer per site and quarter (only where export controls and cooling allow),
/// continuous use of installed units for training and inference; demand met every quarter with
/// the headroom, site power (facility kW, with PUE) every quarter, supply, budgets per quarter and in
/// total, lead times, vendor shares of dense peak compute. Objective: NPV of capex plus energy and
/// maintenance minus the residual value at the horizon end (the used-price curve). Blocking. Callable from any
/// thread, but CBC's driver keeps its options in globals, so solves run one at a time (a mutex). A
/// cancel ends the solve within milliseconds with status Cancelled and the best plan found so far
/// (the greedy start at least, when it is feasible), and no diagnosis. When CBC proves the scenario infeasible, the
/// plan has no purchases and a diagnosis: the MILP is solved again with every demand, power, budget and vendor limit
/// relaxed by a penalised slack, and each slack left open becomes a line ("2027Q3 training demand cannot be met: short
/// by 120 PFLOP/s").
Plan optimize(const PlanModel& model, const OptimizerOptions& options = {});

/// The two-stage stochastic plan's extensive form: one copy of the MILP per future, each future's
/// objective weighted by its probability (or the mean–CVaR blend of the futures' costs, `objective`), and the purchases
/// and power build-out ordered in the first `firstStageQuarters` tied across the futures (non-anticipativity rows
/// x_k = x_0; a purchase or build-out some future does not allow is 0 in all). Solved at once by CBC (single-threaded,
/// `options`' gap and time limit).
///
/// `start`, when given, holds one plan per future (in the futures' order, each valid in its future and
/// all buying the same first stage, as the expected-value plan's first stage re-planned per future
/// does): CBC starts from them, their integer columns set block by block and, under mean–CVaR, η at
/// the value-at-risk of their costs and each s_k at max(0, cost_k − η). The start's objective is
/// Σ p_k (1 − w) cost_k + w (η + Σ p_k s_k ÷ (1 − α)) with cost_k each plan's objectiveUsd. When CBC
/// ends with no plan or none cheaper (by more than a millionth), the start is the result (`startKept`):
/// the extensive form never does worse than the plans it started from. Plans of another shape, invalid
/// in their future or with first stages that differ are no start (`started` false).
struct ExtensiveForm {
    PlanStatus status = PlanStatus::Infeasible;
    double objectiveUsd = 0.0; ///< expected NPV cost, or its mean–CVaR blend (RP)
    double boundUsd = 0.0;     ///< CBC's lower bound on it
    FirstStage firstStage;
    std::vector<double> futureCostUsd; ///< per future: its block's NPV cost
    double solveSeconds = 0.0;
    int columns = 0;
    int rows = 0;
    bool started = false;           ///< CBC was given the start plans as its first incumbent
    double startObjectiveUsd = 0.0; ///< their objective, NPV USD (0 when not started)
    bool startKept = false;         ///< CBC found nothing better: the result is the start, unimproved
};
ExtensiveForm solveExtensiveForm(const std::vector<PlanModel>& futures, const std::vector<double>& probabilities,
                                 int firstStageQuarters, const OptimizerOptions& options,
                                 const MeanCvar& objective = {}, const std::vector<Plan>* start = nullptr);

/// A marginal value: what relaxing one limit by one unit saves in NPV cost.
struct ShadowPrice {
    std::string constraint; ///< site_power, site_racks, supply, budget, rented_capacity
    int site = -1;
    int quarter = -1;
    int offer = -1; ///< supply: the market offer
    double value = 0.0;
    /// "USD per MW", "USD per rack position", "USD per unit", "USD per USD", "USD per accelerator"
    std::string unit;
    int cloudOffer = -1; ///< rented_capacity: the cloud offer whose accelerators available in `quarter` bind
};

/// What the price is of, in the planner's words: "one more MW at Norway in 2028Q3", "one more
/// rented MI300X from TensorWave (US) in 2028Q4".
std::string shadowPriceSubject(const PlanModel& model, const ShadowPrice& price);

/// Shadow prices of site power, rack positions, supply, budgets and the accelerators each cloud offer
/// has available per quarter (rented_capacity: what one more rented accelerator saves) from the LP relaxation of the
/// MILP (solved with COIN-OR Clp), largest first; only the limits with a positive value. With the purchases fixed at an
/// integer optimum every power limit has a dual of zero in this formulation (power rows hold only purchase columns), so
/// the relaxation is the useful marginal-value model: read the figures as guides, not as exact integer values. The LP
/// stops after `timeLimitSeconds` (on the largest scenarios it takes as long as the MILP's root); then there are no
/// shadow prices. None for the max_capacity objective either: they would be the cost LP's, not the plan's.
std::vector<ShadowPrice> shadowPrices(const PlanModel& model, double timeLimitSeconds = 60.0);

/// The spreadsheet plan, kept only as the baseline: each named run at the first site that can hold
/// it, buying training systems there for it if need be; then quarter by quarter, buy the allowed
/// offer with the most capacity per dollar at the first site with power, racks and export caps to
/// spare (ordered to arrive that quarter, or earlier when nothing is left for it) until demand is met, the supply or
/// budget runs out, or nothing fits. Use is then allocated greedily too (runs first). It ignores oversubscription and
/// retires nothing.
Plan greedyPlan(const PlanModel& model);

} // namespace fw::core::plan
