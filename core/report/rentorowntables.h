// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/plan/evaluator.h"
#include "core/plan/planmodel.h"
#include "core/report/reportmodel.h"
#include "core/workload/assumptions.h"

namespace fw::core::report {

/// Owning against renting per market offer and site (plan::planBreakEvens): system, site, the
/// on-demand cloud offer compared and its USD per accelerator-hour, the break-even utilisation
/// (share and hours a year), the plan's utilisation of what it owns there, and which is cheaper at
/// it. No rows without a cloud offer to compare with.
ReportTable breakEvenTable(const plan::PlanModel& model, const plan::Plan& plan, const catalog::Catalog& catalog,
                           const workload::ModelAssumptions& assumptions);

/// How the break-even table is made, to read beside it.
std::vector<std::string> breakEvenNotes();

/// Why there is no break-even table for a scenario with cloud offers: nothing on offer may be
/// bought where and when an on-demand offer of its accelerator (or family) may be rented.
std::string noBreakEvenNote();

/// Rented ÷ served per quarter: training PFLOP/s, each inference class's tokens/s and the dense
/// peak in service ("—" where nothing of it is served). No rows when the plan rents nothing.
ReportTable rentedShareTable(const plan::Scenario& scenario, const plan::Evaluation& evaluation);

} // namespace fw::core::report
