// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/optimizer.h"
#include "core/plan/planinputs.h"
#include "core/plan/scenario.h"

namespace fw::core::plan {

/// What a fleet file keeps of a plan in SavedPlan::planJson — one layout, written by `plan --save`
/// and by the GUI's Save alike: {"decisions": planDecisions, "inputs": the input fingerprints}.
struct SavedPlanRecord {
    std::string status;        ///< toString(PlanStatus) when it was saved
    double objectiveUsd = 0.0; ///< the solver's objective, USD
    nlohmann::json decisions;  ///< planDecisions: what the plan is rebuilt from (planFromDecisions)
    InputFingerprints inputs;  ///< empty in a plan saved before fingerprints
};

/// `plan` of `scenario`, with the shadow prices and input fingerprints it was made with, as the fleet
/// file keeps it, saved now (ISO 8601, UTC).
SavedPlan savePlan(const Scenario& scenario, const Plan& plan, const std::vector<ShadowPrice>& prices,
                   const InputFingerprints& inputs);

/// Reads the record `saved` keeps. Throws FileFormatError naming the saved plan's scenario and the
/// field when its JSON cannot be read, it has no decisions (an older Fleetwright's) or a field is of
/// the wrong type; "inputs" may be missing (saved before fingerprints).
SavedPlanRecord readSavedPlan(const SavedPlan& saved);

/// What changed since `saved` (a plan of `scenario`) was made: changedInputs against the fingerprints
/// its record keeps. A plan saved before fingerprints, or whose record cannot be read, is compared by
/// its scenario alone ("the scenario"). Empty: the plan is current.
std::vector<std::string> savedPlanChanges(const SavedPlan& saved, const Fleet& fleet, const Scenario& scenario,
                                          const compliance::RuleLibrary& rules);

} // namespace fw::core::plan
