// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

#include "core/compliance/rulelibrary.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "ui/jobs/planrun.h"

class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace fw::ui {

class FleetDocument;
class PurchaseTableModel;
class ScenarioBar;

/// What the solving thread last reported, read by the GUI thread's progress ticker.
struct LiveProgress {
    std::atomic<bool> hasIncumbent{false};
    std::atomic<double> incumbent{0.0};
    std::atomic<double> bound{0.0};
    std::atomic<int> nodes{0};
};

/// The plan page: pick a scenario, optimise it in the background (CBC, with a time limit), and see
/// the purchase schedule, training capacity against demand, power used against available per site,
/// the shadow prices and, for an infeasible scenario, the diagnosis. A run started while another
/// is under way replaces it: the older result is dropped. GUI thread only.
class PlanPage : public QWidget {
    Q_OBJECT
public:
    explicit PlanPage(FleetDocument* document, QWidget* parent = nullptr);
    ~PlanPage() override;

    /// Starts planning the selected scenario.
    void run();
    /// Stops the running solve; the best plan found so far is shown.
    void cancel();
    bool isRunning() const { return m_running != 0; }
    /// A plan is shown but the fleet changed (an edit, undo, another file) after it was made.
    bool isStale() const { return m_shownRevision >= 0 && m_shownRevision != m_fleetRevision; }
    QComboBox* scenarioPicker() const;
    /// The run whose plan is shown; null before the first one.
    std::shared_ptr<const PlanRun> shownRun() const { return m_shownRun; }
    /// When the shown plan arrived.
    QDateTime shownAt() const { return m_shownAt; }
    PurchaseTableModel* purchases() const { return m_purchases; }
    QLabel* status() const { return m_status; }
    QTextBrowser* findings() const { return m_findings; }
    QChartView* capacityChart() const { return m_capacityChart; }
    QChartView* spendChart() const { return m_spendChart; }

signals:
    void planShown();

private:
    /// The status line when no plan is shown or running.
    void showIdleStatus();
    void show(std::shared_ptr<const PlanRun> run);
    /// Shows the plan the file keeps for the current scenario, when no current plan is shown.
    void showSavedPlan();
    void showStatus();
    void showProgress();

    FleetDocument* m_document;
    std::shared_ptr<const core::compliance::RuleLibrary> m_rules;
    ScenarioBar* m_bar;
    QDoubleSpinBox* m_timeLimit;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QLabel* m_status;
    PurchaseTableModel* m_purchases;
    QTableView* m_purchaseView;
    QChartView* m_capacityChart;
    QChartView* m_powerChart;
    QChartView* m_spendChart;
    QTextBrowser* m_findings;
    QFutureWatcher<std::shared_ptr<PlanRun>> m_watcher;
    QTimer m_progressTick;                       ///< refreshes the elapsed time and CBC's progress while a plan runs
    std::shared_ptr<std::atomic<bool>> m_cancel; ///< of the running solve
    std::shared_ptr<LiveProgress> m_live;        ///< of the running solve
    QElapsedTimer m_elapsed;
    QString m_runningScenario;
    int m_requested = 0;
    int m_running = 0;
    int m_fleetRevision = 0; ///< counts fleetChanged signals
    int m_runRevision = 0;   ///< the revision the running plan was started from
    int m_shownRevision = -1;
    QString m_summary; ///< the shown plan's status line
    std::shared_ptr<const PlanRun> m_shownRun;
    QDateTime m_shownAt;
};

} // namespace fw::ui
