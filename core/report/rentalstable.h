// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/plan/planmodel.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// Every rented block of `plan` (plan::rentedBlocks): provider and its headquarters, region, system,
/// contract, quarters, accelerators, USD paid, and the export-control treatment in a word or two
/// ("allowed", "allowed, red flag"; the rule basis is in rentalNotes). No rows when nothing is rented.
ReportTable rentalsTable(const plan::PlanModel& model, const plan::Plan& plan);

/// What to read beside the rentals table, each once: the treatment of each rented offer with its
/// rule basis and citations, each red flag or rule to watch, then the source of each rented offer's price.
std::vector<std::string> rentalNotes(const plan::PlanModel& model, const plan::Plan& plan);

} // namespace fw::core::report
