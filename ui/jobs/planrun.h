// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/planinputs.h"
#include "core/plan/savedplan.h"

namespace fw::ui {

/// What a plan is made from: the scenario, and the catalog and company of its fleet. A plan is
/// current while these are unchanged.
struct PlanInputs {
    core::plan::Scenario scenario;
    core::catalog::Catalog catalog;
    core::Company company;
    bool operator==(const PlanInputs&) const = default;
};

/// The inputs a plan of `scenario` of `fleet` is made from.
PlanInputs planInputs(const core::Fleet& fleet, const core::plan::Scenario& scenario);

/// One optimisation of a scenario and everything shown of it, computed off the GUI thread.
struct PlanRun {
    PlanInputs inputs;
    core::plan::InputFingerprints
        fingerprints; ///< of every input, rules and model data included: kept with a saved plan
    std::shared_ptr<core::plan::PlanModel> model;
    core::plan::Plan plan;
    core::plan::Evaluation evaluation;
    std::vector<core::plan::ShadowPrice> shadowPrices;
    std::string error;   ///< a one-line reason when the scenario could not be planned
    std::string savedAt; ///< for a plan read from the file (`plan --save`): when it was saved, ISO 8601 UTC
};

/// What changed in `fleet`'s `scenario` since `run` was made, in the planner's words ("the
/// scenario's demand and the catalog's systems changed"); empty when nothing did.
std::string changesSince(const PlanRun& run, const core::Fleet& fleet, const core::plan::Scenario& scenario);

/// Builds the plan model of `scenario` (shipped assumptions), optimises it with `options`, checks
/// the plan with the evaluator and reads the shadow prices. Errors in the inputs end up in `error`.
/// Blocking and pure: for a worker thread with its own copies of the inputs.
std::shared_ptr<PlanRun> planScenario(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules,
                                      const core::plan::OptimizerOptions& options);

/// `run` as the fleet file keeps a plan (core::plan::savePlan, as `plan --save` writes it), saved now;
/// nullopt for a run with an error or one already read from the file.
std::optional<core::SavedPlan> planToKeep(const PlanRun& run);

/// The plan the fleet file keeps for `scenario` (`fleetwright-cli plan --save`), rebuilt and checked
/// by the evaluator, when it was made from exactly these inputs (core::plan::savedPlanChanges);
/// nullptr when there is none or an input has changed since. A saved plan that cannot be read comes back with `error`
/// set.
std::shared_ptr<PlanRun> savedPlanRun(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules);

} // namespace fw::ui
