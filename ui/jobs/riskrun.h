// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/plan/stochastic.h"
#include "ui/jobs/planrun.h"

namespace fw::ui {

/// What the Risk page asks for: how many futures, the seed of their draws, the CVaR level, and
/// whether to solve the two-stage stochastic plan as well (how, for what objective, and with figures
/// out of sample or not).
struct RiskRequest {
    int futures = 16;
    std::uint32_t seed = 1;
    double alpha = 0.95;
    bool robust = false;
    core::plan::RobustMethod method = core::plan::RobustMethod::ExtensiveForm; ///< of the robust plan
    double cvarWeight = 0.0;    ///< of CVaR at `alpha` in the robust plan's objective (either method)
    int outOfSampleFutures = 0; ///< the robust figures again on this many fresh draws (seed + 1); 0: none
    /// Progressive hedging's iteration limit, rho multiplier, slamming and bound interval (the run sets its
    /// iterationDone).
    core::plan::HedgingOptions hedging;
    double timeLimitSeconds = 60.0; ///< for each solve
    int nodeLimit = 0;              ///< branch-and-bound nodes of each solve; 0: none
};

/// The risk of one plan across the futures of its scenario's uncertainty and, when asked, the
/// robust plan: computed off the GUI thread.
struct RiskRun {
    PlanInputs inputs;                   ///< the scenario assessed, with its uncertainty
    std::shared_ptr<const PlanRun> plan; ///< whose first-year purchases and power build-out are frozen
    bool plannedHere = false;            ///< the scenario had no current plan: this run made it
    core::plan::RiskReport risk;
    std::optional<core::plan::RobustReport> robust;
    std::string error; ///< a one-line reason when there are no figures (no plan, a bad event, cancelled)
};

/// Whether `plan` may be assessed for `scenario`: made from the same inputs, whatever the
/// uncertainty (the plan does not depend on it).
bool planFitsScenario(const PlanRun& plan, const core::Fleet& fleet, const core::plan::Scenario& scenario);

/// Freezes the first year of `plan` (planned here first when null) and re-plans every future of
/// `scenario`'s uncertainty (assessRisk), then, when `request.robust`, solves the stochastic plan
/// (robustPlan). `cancel` stops it (error "cancelled"); `progress` is called from worker threads
/// with the futures done of how many, per stage, and `hedgingIteration` after each progressive
/// hedging iteration. Blocking and pure: for a worker thread with its own copies of the inputs.
std::shared_ptr<RiskRun>
assessPlanRisk(const core::Fleet& fleet, const core::plan::Scenario& scenario,
               const core::compliance::RuleLibrary& rules, std::shared_ptr<const PlanRun> plan,
               const RiskRequest& request, const std::atomic<bool>* cancel,
               const std::function<void(int done, int total)>& progress,
               const std::function<void(const core::plan::HedgingIteration&)>& hedgingIteration = {});

} // namespace fw::ui
