// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/catalog.h"
#include "core/plan/optimizer.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The scale-out fabric each site needs for what is installed there in the last quarter: a
/// rail-optimised, non-blocking fat tree of 64-port 800G switches broken out to 400G, eight
/// accelerators and eight 400G NICs per node. Designed and measured (push-relabel bisection) with
/// the topology module; parts the catalog does not price are named, not counted as zero.
ReportSection fabricSection(const plan::PlanModel& m, const plan::Plan& plan, const catalog::Catalog& catalog);

} // namespace fw::core::report
