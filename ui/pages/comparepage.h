// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

#include "ui/jobs/planrun.h"

class QChartView;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace fw::ui {

class FleetDocument;

/// Compare: two to four scenarios planned side by side — their KPIs in one table, their training
/// capacity in one chart, and the purchases that differ (units of each system per scenario).
/// Plans run one after another on a worker thread; an edit while they run makes the result stale
/// and it is dropped. GUI thread only.
class ComparePage : public QWidget {
    Q_OBJECT
public:
    explicit ComparePage(FleetDocument* document, QWidget* parent = nullptr);
    ~ComparePage() override;

    QListWidget* scenarios() const { return m_scenarios; }
    /// Plans the checked scenarios (2–4) in the background; false when fewer than two are checked.
    bool compare();
    bool isRunning() const { return m_watcher.isRunning(); }
    QTableWidget* kpis() const { return m_kpis; }
    QTableWidget* differences() const { return m_differences; }
    QChartView* chart() const { return m_chart; }

signals:
    void compared();

private:
    void fillScenarios();
    void show(const std::vector<std::shared_ptr<PlanRun>>& runs);

    FleetDocument* m_document;
    QListWidget* m_scenarios;
    QPushButton* m_compare;
    QLabel* m_status;
    QTableWidget* m_kpis;
    QTableWidget* m_differences;
    QChartView* m_chart;
    QFutureWatcher<std::vector<std::shared_ptr<PlanRun>>> m_watcher;
    int m_fleetRevision = 0;
    int m_runRevision = 0;
};

} // namespace fw::ui
