// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/catalog.h"
#include "core/plan/optimizer.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The scale-out fabric the plan builds (plan::fabricsOf): per site and system family, its switch,
/// tiers, the most accelerators it connects, its switches and optics (topology::designClusterFabric
/// at that size) and its capex, nominal and discounted; the total NPV equals the plan's fabric cost
/// (Evaluation::fabricNpvUsd). Families the catalog cannot price are named, with why.
ReportSection fabricSection(const plan::PlanModel& m, const plan::Plan& plan, const catalog::Catalog& catalog);

} // namespace fw::core::report
