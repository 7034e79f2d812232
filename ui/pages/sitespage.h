// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;
class ScenarioTableView;

/// Sites & power: the current scenario's sites (name, country, PUE, electricity price, liquid
/// cooling) and the facility power each has quarter by quarter, as a table and a chart. Every edit
/// is one undo step, checked before it is applied. GUI thread only.
class SitesPage : public QWidget {
    Q_OBJECT
public:
    explicit SitesPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* sites() const { return m_sites; }
    ScenarioTableModel* power() const { return m_power; }
    ScenarioTableView* powerView() const { return m_powerView; }
    QChartView* powerChart() const { return m_chart; }

private:
    void refreshChart();

    FleetDocument* m_document;
    ScenarioTableModel* m_sites;
    ScenarioTableModel* m_power;
    ScenarioTableView* m_powerView;
    QChartView* m_chart;
};

} // namespace fw::ui
