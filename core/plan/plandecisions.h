// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/plan/optimizer.h"

namespace fw::core::plan {

/// The decisions of `plan` as JSON, enough to rebuild it against the same scenario: its status and
/// solver figures, purchases, retirements, build-out, run sites, the use of every unit (training,
/// inference per class, reserved for runs) and its shadow prices; indices into the plan model, zeros
/// left out.
nlohmann::json planDecisions(const Plan& plan, const std::vector<ShadowPrice>& prices);

/// Rebuilds a plan from planDecisions against `model` (made from the same scenario). Throws
/// FileFormatError naming `where` and the bad entry when an index is out of range or a value is not
/// a number.
Plan planFromDecisions(const PlanModel& model, const nlohmann::json& decisions, const std::string& where);
/// The shadow prices planDecisions kept, checked the same way.
std::vector<ShadowPrice> shadowPricesFromDecisions(const PlanModel& model, const nlohmann::json& decisions,
                                                   const std::string& where);

} // namespace fw::core::plan
