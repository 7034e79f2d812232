// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "core/report/reportmodel.h"
#include "ui/jobs/planrun.h"

namespace fw::ui {

/// What the Plan page says about a plan beside its charts, as HTML: for a scenario without a plan,
/// the cause first with the smallest change that gives one; else where the cost goes, the named
/// runs and power build-out, what one more unit of each binding limit is worth, the offers not
/// allowed and why, and any violation the re-check found. Built from one function per part, in the
/// planner's words (core/report/plainwords.h); a new part of the plan is one more function.
QString planFindingsHtml(const PlanRun& run);

/// A report table (core::report) as an HTML table, numbers right-aligned, its last row bold when
/// `totalLast`.
QString tableHtml(const core::report::ReportTable& table, bool totalLast = false);

} // namespace fw::ui
