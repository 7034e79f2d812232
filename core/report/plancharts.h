// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plan/evaluator.h"
#include "core/plan/planmodel.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The charts of a plan by quarter, shared by the PDF report and the GUI. Categories are short
/// quarter labels ("27Q1") that fit under a chart; demand and limits are dashed; a site or an
/// inference class has the palette slot of its index, so it has one colour on every chart.
LineChart trainingChart(const plan::Evaluation& e);
/// A solid line of capacity and a dashed one of demand for each inference class.
LineChart inferenceChart(const plan::Scenario& scenario, const plan::Evaluation& e);
/// Facility power used per site, with each site's available power dashed; beyond eight sites the
/// seven with the highest peak and the sum of the others.
LineChart powerChart(const plan::Scenario& scenario, const plan::Evaluation& e);
/// The palette slot of `vendor`: its place among the vendors of the model's systems, in name order.
int vendorSlot(const plan::PlanModel& model, const std::string& vendor);

/// Capex by quarter, million USD, stacked by the vendor of what is bought, each in its vendorSlot.
BarChart capexByVendorChart(const plan::PlanModel& model, const plan::Plan& plan);

} // namespace fw::core::report
