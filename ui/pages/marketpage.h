// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;

/// Market: the systems the current scenario may buy — price (the catalog's unless given) and units
/// available, each a series by quarter, and lead time — with each offer's first-quarter price per
/// dense BF16 PFLOP/s as a table column and a chart. GUI thread only.
class MarketPage : public QWidget {
    Q_OBJECT
public:
    explicit MarketPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* offers() const { return m_offers; }
    ScenarioTableModel* prices() const { return m_prices; } ///< an offer per row, a quarter per column
    ScenarioTableModel* supplies() const { return m_supplies; }
    QChartView* chart() const { return m_chart; }

private:
    void refreshChart();

    FleetDocument* m_document;
    ScenarioTableModel* m_offers;
    ScenarioTableModel* m_prices;
    ScenarioTableModel* m_supplies;
    QChartView* m_chart;
};

} // namespace fw::ui
