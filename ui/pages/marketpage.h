// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;
class QTextBrowser;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;

/// Market: the systems the current scenario may buy — price (the catalog's unless given) and units
/// available, each a series by quarter, and lead time — with each offer's first-quarter price per
/// dense BF16 PFLOP/s as a table column and a chart; the cloud offers the plan may rent instead
/// (provider, region, SKU, contract, price per accelerator-hour and its source, capacity), and what
/// the scenario's plan rents, with the export-control treatment of each block. GUI thread only.
class MarketPage : public QWidget {
    Q_OBJECT
public:
    explicit MarketPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* offers() const { return m_offers; }
    ScenarioTableModel* prices() const { return m_prices; } ///< an offer per row, a quarter per column
    ScenarioTableModel* supplies() const { return m_supplies; }
    ScenarioTableModel* cloudOffers() const { return m_cloudOffers; }
    QChartView* chart() const { return m_chart; }
    QTextBrowser* rentals() const { return m_rentals; } ///< what the scenario's plan rents

private:
    void refreshChart();
    void refreshRentals();

    FleetDocument* m_document;
    ScenarioTableModel* m_offers;
    ScenarioTableModel* m_prices;
    ScenarioTableModel* m_supplies;
    ScenarioTableModel* m_cloudOffers;
    QChartView* m_chart;
    QTextBrowser* m_rentals;
};

} // namespace fw::ui
