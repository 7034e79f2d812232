// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;

/// Market: the systems the current scenario may buy — price (the catalog's unless given), units
/// available per quarter and lead time — with each offer's price per dense BF16 PFLOP/s as a table
/// column and a chart. GUI thread only.
class MarketPage : public QWidget {
    Q_OBJECT
public:
    explicit MarketPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* offers() const { return m_offers; }
    QChartView* chart() const { return m_chart; }

private:
    void refreshChart();

    FleetDocument* m_document;
    ScenarioTableModel* m_offers;
    QChartView* m_chart;
};

} // namespace fw::ui
