// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plan/evaluator.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The charts of a plan by quarter, shared by the PDF report and the GUI. Categories are short
/// quarter labels ("27Q1") that fit under a chart; demand and limits are dashed.
LineChart trainingChart(const plan::Evaluation& e);
/// A solid line of capacity and a dashed one of demand for each inference class.
LineChart inferenceChart(const plan::Scenario& scenario, const plan::Evaluation& e);
/// Facility power used per site, with each site's available power dashed; beyond eight sites the
/// seven with the highest peak and the sum of the others.
LineChart powerChart(const plan::Scenario& scenario, const plan::Evaluation& e);
/// Capex by quarter, million USD.
LineChart spendChart(const plan::Evaluation& e);

} // namespace fw::core::report
