// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QList>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

#include "core/report/reportmodel.h"

class QChart;
class QChartView;
class QPalette;

namespace fw::ui {

// Chart builders over core::report chart data. The caller owns a returned chart. GUI thread only
// (Qt Charts is not thread-safe). Every chart is drawn in the application palette's colours (dark
// or light, stylePalette) with series in one fixed set of colours (seriesColour).

/// The colour of palette slot `slot` (Tableau 10, distinct on screen and paper): a site, an
/// inference class or a vendor keeps its slot, so it has one colour on every chart.
QColor seriesColour(int slot);

/// A Qt Charts scatter of `chart`: one series per group, value axes titled with units, the legend
/// on the right.
QChart* buildScatterChart(const core::report::ScatterChart& chart);

/// A line chart of `chart` over its categories (quarters); dashed series are limits or targets, in
/// the colour of their slot (or of the series before them) and left out of the legend. A solid
/// series that is zero throughout is not drawn over the others: its legend entry says "(none)".
/// Quarter labels are thinned out so that they never run together.
QChart* buildLineChart(const core::report::LineChart& chart);

/// A fan chart of `chart` over its categories (quarters): two QAreaSeries, the 5th–95th percentile
/// (light) and the 25th–75th (darker), in the colour of its slot; the median a solid line; the
/// reference (demand, available power) a dashed grey line at its median and, where the futures
/// differ, dotted at its 5th and 95th percentile (one legend entry). Series in that order; legend
/// entries short ("allocated P5–P95", "P25–P75", "median", "demand") so that they fit under a chart.
QChart* buildFanChart(const core::report::FanChart& chart);

/// Stacked columns of `chart` over its categories, one coloured part per set, with a legend.
QChart* buildStackedBarChart(const core::report::BarChart& chart);

/// A horizontal bar chart, one bar per category (bottom to top), valued on an axis titled
/// `valueTitle` (with its unit); no legend. `colours`, when given, colours each bar by its slot.
/// `fullScale`, when positive, is the axis's end (100 for shares); else it fits the longest bar.
QChart* buildBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                      const QList<double>& values, const QList<int>& colours = {}, double fullScale = 0.0);

/// Sets `chart`'s background, title, axes, grid and legend in `palette`'s colours (series keep
/// theirs). The builders use the application palette; call it again when that changes.
void stylePalette(QChart* chart, const QPalette& palette);
void stylePalette(QChart* chart);

/// Black on white, whatever the screen's palette: what a printed or PDF chart is drawn in.
QPalette paperPalette();

/// Shows `chart` in `view` (styled in the palette) and deletes the chart it showed before.
void showChart(QChartView* view, QChart* chart);

} // namespace fw::ui
