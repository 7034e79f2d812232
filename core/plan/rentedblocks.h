// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One rented block of a plan as people read it: a contract (its whole term, also past the
/// horizon) or a named run rented on demand.
struct RentedBlock {
    int cloudOffer = 0;
    int firstQuarter = 0; ///< index from the scenario's first quarter
    int lastQuarter = 0;  ///< inclusive
    double accelerators = 0.0;
    double usd = 0.0;                  ///< what is paid, undiscounted
    std::string namedRun;              ///< empty: a contract
    std::string treatment;             ///< in its first quarter, with the rule basis ("allowed: …")
    std::vector<std::string> warnings; ///< red flags and rules to watch over its quarters, each once
};

/// Every rented block of `plan`: contracts in the plan's order, then named runs rented on demand.
/// What plan --json lists as `rentals`, the GUI's Market page and the report's rentals table show.
std::vector<RentedBlock> rentedBlocks(const PlanModel& model, const Plan& plan);

} // namespace fw::core::plan
