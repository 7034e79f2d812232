// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/fleet.h"
#include "core/plan/fan.h"

namespace fw::core::report {

/// A table as the report shows it: text cells, already formatted with their units in the header.
struct ReportTable {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct ScatterPoint {
    double x = 0.0;
    double y = 0.0;
    std::string label;
};

struct ScatterSeries {
    std::string name;
    std::vector<ScatterPoint> points;
};

/// An x–y scatter, one series per group (vendor). Axis titles carry the units.
struct ScatterChart {
    std::string title;
    std::string xAxisTitle;
    std::string yAxisTitle;
    std::vector<ScatterSeries> series;
    bool logX = false; ///< logarithmic axes, for figures that span orders of magnitude
    bool logY = false;
};

/// A line per series over categories (quarters); dashed series are limits or targets.
struct LineSeries {
    std::string name;
    std::vector<double> values;
    bool dashed = false;
    /// Palette slot: a site's or class's index, so that it has one colour on every chart; −1: the next
    /// slot in order (a dashed series takes the colour of the series before it).
    int colour = -1;
};

struct LineChart {
    std::string title;
    std::string yAxisTitle;
    std::vector<std::string> categories;
    std::vector<LineSeries> series;
};

/// One coloured part of every column of a stacked bar chart (a vendor's capex each quarter).
struct BarSet {
    std::string name;
    std::vector<double> values;
    int colour = -1; ///< palette slot, as LineSeries::colour
};

/// Stacked columns over categories (quarters), one part per set; the axis title carries the unit.
struct BarChart {
    std::string title;
    std::string yAxisTitle;
    std::vector<std::string> categories;
    std::vector<BarSet> sets;
};

/// A fan over categories (quarters): the 5th–95th and 25th–75th percentile of a figure shaded,
/// its median a line, and what it is measured against (demand, a limit) dashed at its median, with
/// its 5th and 95th percentile dotted where they differ. The axis title carries the unit.
struct FanChart {
    std::string title;
    std::string yAxisTitle;
    std::vector<std::string> categories;
    std::string valueName; ///< "allocated", "drawn": short, for the legend
    plan::Percentiles value;
    std::string referenceName; ///< "demand", "available"
    plan::Percentiles reference;
    int colour = 0; ///< palette slot, as LineSeries::colour
};

/// One section of a report: a heading, then paragraphs, tables, charts and notes in that order.
struct ReportSection {
    std::string heading; ///< empty: no heading
    std::vector<std::string> paragraphs;
    std::vector<ReportTable> tables;
    std::vector<ScatterChart> scatterCharts;
    std::vector<LineChart> lineCharts;
    std::vector<BarChart> barCharts;
    std::vector<FanChart> fanCharts;
    std::vector<std::string> notes; ///< footnotes: conventions and where the figures come from
};

/// Everything a report shows, as plain data; `ui` renders it to PDF.
struct ReportModel {
    std::string title;
    std::string fleetName;
    std::string fileName;
    std::string date;               ///< ISO 8601, the day the report was made
    std::string generator;          ///< "Fleetwright 0.1.0"
    std::vector<std::string> facts; ///< the title block's lines: company, scenario, status, checksum …
    std::vector<ReportSection> sections;
};

/// Dense BF16 TFLOP/s against TDP for every accelerator that has both, one series per vendor.
ScatterChart bf16VersusTdpChart(const catalog::Catalog& catalog);

/// Dense BF16 TFLOP/s against the new price (log–log), for accelerators with both.
ScatterChart bf16VersusPriceChart(const catalog::Catalog& catalog);

/// Memory bandwidth against memory capacity (log–log), for accelerators with both.
ScatterChart memoryBandwidthVersusCapacityChart(const catalog::Catalog& catalog);

/// The accelerator table of the catalog report: SKU, vendor, dense BF16 and FP8, memory, bandwidth,
/// TDP, TPP, PD and price new.
ReportTable acceleratorTable(const catalog::Catalog& catalog);

/// The system table: SKU, accelerator × count, maximum power, cooling, price.
ReportTable systemTable(const catalog::Catalog& catalog);

/// The network part table: SKU, kind, ports × speed, power, price, reach.
ReportTable networkTable(const catalog::Catalog& catalog);

/// The one-page catalog report of a fleet file.
ReportModel buildCatalogReport(const Fleet& fleet, const std::string& fileName, const std::string& date);

} // namespace fw::core::report
