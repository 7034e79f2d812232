// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;
class ScenarioTableView;

/// Demand: what the current scenario must serve each quarter (sustained training PFLOP/s and
/// inference tokens/s), as a table and charts, the model class inference is served with, and the
/// named training runs (each one cluster at one site for some weeks).
/// GUI thread only.
class DemandPage : public QWidget {
    Q_OBJECT
public:
    explicit DemandPage(FleetDocument* document, QWidget* parent = nullptr);

    ScenarioTableModel* demand() const { return m_demand; }
    ScenarioTableView* demandView() const { return m_demandView; }
    ScenarioTableModel* inferenceClasses() const { return m_class; }
    ScenarioTableModel* runs() const { return m_runs; }
    QChartView* trainingChart() const { return m_training; }

private:
    void refreshCharts();

    FleetDocument* m_document;
    ScenarioTableModel* m_demand;
    ScenarioTableView* m_demandView;
    ScenarioTableModel* m_class;
    ScenarioTableModel* m_runs;
    QChartView* m_training;
    QChartView* m_inference;
};

} // namespace fw::ui
