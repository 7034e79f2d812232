// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>

#include "ui/models/scenariotablemodel.h"

namespace fw::ui {

/// How one per-quarter series of a scenario list is shown and written: which list, which series in
/// a row, what a quarter holds when the series is empty, and the tooltip of every quarter column.
template <typename Row, typename Value>
struct QuarterSeries {
    QString noun; ///< "site", "offer": what a column is
    std::vector<Row> core::plan::Scenario::*rows;
    std::vector<Value> Row::*series;
    std::function<QString(const Row&)> rowName;
    /// What an empty series holds: a site's power 0, an offer's price the catalog's; none when the
    /// catalog has none either (the cell is blank, and the first value typed fills the quarters before).
    std::function<std::optional<Value>(const Row&)> whenEmpty;
    QString tip;
};

/// A table with a row per horizon quarter and a column per site or offer (quarters down, as a
/// spreadsheet's time series: any horizon fits the width), over a series whose last value repeats:
/// typing into a quarter writes the series out to the horizon, then that quarter.
template <typename Row, typename Value>
ScenarioTable quarterSeriesTable(QuarterSeries<Row, Value> q)
{
    ScenarioTable t;
    t.noun = QObject::tr("quarter");
    t.rows = [](const core::plan::Scenario& s) { return s.quarters; };
    t.rowName = [](const core::plan::Scenario& s, int k) {
        return QString::fromStdString(s.firstQuarter.plus(k).toString());
    };
    t.columns = [q](const core::plan::Scenario& s) {
        // The value in quarter k: the series' own, the last repeating, or whenEmpty.
        const auto valueIn = [q](const Row& row, int k) -> std::optional<Value> {
            const auto& series = row.*q.series;
            if (series.empty()) {
                return q.whenEmpty(row);
            }
            return series[static_cast<std::size_t>(std::min<int>(k, static_cast<int>(series.size()) - 1))];
        };
        std::vector<ScenarioColumn> c;
        for (int r = 0; r < static_cast<int>((s.*q.rows).size()); ++r) {
            c.push_back({q.rowName(rowOf(s.*q.rows, r)), q.tip,
                         [q, r, valueIn](const core::plan::Scenario& x, int k) {
                             return optionalCell(valueIn(rowOf(x.*q.rows, r), k));
                         },
                         [q, r, valueIn](core::plan::Scenario& x, int k, const QString& text) {
                             Row& row = rowOf(x.*q.rows, r);
                             Value typed{};
                             if (const QString problem = writeValue(text, typed); !problem.isEmpty()) {
                                 return problem;
                             }
                             std::vector<Value> series;
                             const int length = std::max<int>(x.quarters, static_cast<int>((row.*q.series).size()));
                             for (int i = 0; i < length; ++i) {
                                 series.push_back(valueIn(row, i).value_or(typed));
                             }
                             series[static_cast<std::size_t>(k)] = typed;
                             row.*q.series = series;
                             return QString();
                         }});
        }
        return c;
    };
    return t;
}

} // namespace fw::ui
