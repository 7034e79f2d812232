// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QStringList>

#include <utility>
#include <vector>

#include "core/report/reportmodel.h"

class QChart;
class QChartView;

namespace fw::ui {

/// A Qt Charts scatter of `chart`: one series per group, value axes titled with units, the legend
/// on the right. The caller owns the returned chart. GUI thread only (Qt Charts is not thread-safe).
QChart* buildScatterChart(const core::report::ScatterChart& chart);

/// A Qt Charts line chart of `chart` over its categories (quarters); dashed series are limits or
/// targets, drawn in the colour of the series before them and left out of the legend.
QChart* buildLineChart(const core::report::LineChart& chart);

/// A horizontal bar chart, one bar per category (bottom to top), valued on an axis titled
/// `valueTitle` (with its unit); no legend.
QChart* buildBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                      const QList<double>& values);

/// A stacked column chart: one column per category, one coloured part per named set (the legend),
/// valued on an axis titled `valueTitle` (with its unit).
QChart* buildStackedBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                             const std::vector<std::pair<QString, QList<double>>>& sets);

/// Shows `chart` in `view` and deletes the chart it showed before.
void showChart(QChartView* view, QChart* chart);

} // namespace fw::ui
