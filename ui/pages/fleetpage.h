// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;

/// Fleet: the systems the company already runs at each site in the current scenario (site, system,
/// count, with the accelerators and IT power they add up to) and a chart of accelerators per site.
/// GUI thread only.
class FleetPage : public QWidget {
    Q_OBJECT
public:
    explicit FleetPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* installed() const { return m_installed; }
    QChartView* chart() const { return m_chart; }

private:
    void refreshChart();

    FleetDocument* m_document;
    ScenarioTableModel* m_installed;
    QChartView* m_chart;
};

} // namespace fw::ui
