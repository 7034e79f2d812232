// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"

namespace fw::ui {

/// One optimisation of a scenario and everything shown of it, computed off the GUI thread.
struct PlanRun {
    std::shared_ptr<core::plan::PlanModel> model;
    core::plan::Plan plan;
    core::plan::Evaluation evaluation;
    std::vector<core::plan::ShadowPrice> shadowPrices;
    std::string error; ///< a one-line reason when the scenario could not be planned
};

/// Builds the plan model of `scenario` (shipped assumptions), optimises it with `options`, checks
/// the plan with the evaluator and reads the shadow prices. Errors in the inputs end up in `error`.
/// Blocking and pure: for a worker thread with its own copies of the inputs.
std::shared_ptr<PlanRun> planScenario(const core::Fleet& fleet, const core::plan::Scenario& scenario,
                                      const core::compliance::RuleLibrary& rules,
                                      const core::plan::OptimizerOptions& options);

} // namespace fw::ui
