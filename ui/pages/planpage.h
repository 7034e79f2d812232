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
#include "ui/jobs/planrun.h"

class QChartView;
class QDoubleSpinBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace fw::ui {

class FleetDocument;
class ScheduleTableModel;
class ScenarioBar;

/// What the solving thread last reported, read by the GUI thread's progress ticker.
struct LiveProgress {
    std::atomic<bool> hasIncumbent{false};
    std::atomic<double> incumbent{0.0};
    std::atomic<double> bound{0.0};
    std::atomic<int> nodes{0};
};

/// The plan page: the plan of the current scenario — the one made on this page or on Compare, or
/// kept in the file (the document's PlanBook) — with its schedule, charts (training and inference
/// capacity against demand, power per site, capex by vendor) and findings; for a scenario without
/// a plan, the cause and the smallest change that gives one (with a button that makes the change).
/// Plan optimises the current scenario in the background (CBC, with a time limit); a run started
/// while another is under way replaces it. A plan whose inputs changed is shown marked out of date,
/// until an undo brings the inputs back. GUI thread only.
class PlanPage : public QWidget {
    Q_OBJECT
public:
    explicit PlanPage(FleetDocument* document, QWidget* parent = nullptr);
    ~PlanPage() override;

    /// Starts planning the current scenario.
    void run();
    /// Stops the running solve; the best plan found so far is shown.
    void cancel();
    bool isRunning() const { return m_running != 0; }
    /// A plan is shown and its inputs (scenario, catalog, company) are not the current ones.
    bool isStale() const { return m_shownRun && !m_current; }
    /// For a stale plan, what changed since it was made: "the scenario's demand changed".
    QString staleReason() const;
    QComboBox* scenarioPicker() const;
    /// The run whose plan is shown; null when the current scenario has none.
    std::shared_ptr<const PlanRun> shownRun() const { return m_shownRun; }
    /// When the shown plan was made (or saved in the file).
    QDateTime shownAt() const { return m_shownAt; }
    /// Makes the smallest change the shown diagnosis proposes (one undo step); false without one.
    bool applySmallestChange();

    ScheduleTableModel* schedule() const { return m_schedule; }
    QTableView* scheduleView() const { return m_scheduleView; }
    QLabel* status() const { return m_status; }
    QTextBrowser* findings() const { return m_findings; }
    QPushButton* applyButton() const { return m_apply; }
    QTabWidget* chartTabs() const { return m_chartTabs; }
    QChartView* trainingChart() const { return m_trainingChart; }
    QChartView* inferenceChart() const { return m_inferenceChart; }
    QChartView* powerChart() const { return m_powerChart; }
    QChartView* capexChart() const { return m_capexChart; }

signals:
    /// A plan arrived from a run of this page and is shown.
    void planShown();
    /// What the page shows changed: another plan, none, or the shown one went out of date or back.
    void shownChanged();

private:
    /// Shows the plan of the current scenario from the plan book (or the file), or says there is none.
    void refresh();
    void show(std::shared_ptr<const PlanRun> run, const QDateTime& madeAt, bool current);
    void showNothing();
    void showCharts(const PlanRun& run);
    void showStatus();
    void showProgress();

    FleetDocument* m_document;
    std::shared_ptr<const core::compliance::RuleLibrary> m_rules;
    ScenarioBar* m_bar;
    QDoubleSpinBox* m_timeLimit;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QLabel* m_status;
    QStackedWidget* m_body; ///< the placeholder, or the plan
    QLabel* m_placeholder;  ///< what to do while there is no plan
    QSplitter* m_planView;  ///< charts and findings over the schedule
    QTabWidget* m_chartTabs;
    QChartView* m_trainingChart;
    QChartView* m_inferenceChart;
    QChartView* m_powerChart;
    QChartView* m_capexChart;
    QTextBrowser* m_findings;
    QPushButton* m_apply;
    ScheduleTableModel* m_schedule;
    QTableView* m_scheduleView;
    QFutureWatcher<std::shared_ptr<PlanRun>> m_watcher;
    QTimer m_progressTick;                       ///< refreshes the elapsed time and CBC's progress while a plan runs
    std::shared_ptr<std::atomic<bool>> m_cancel; ///< of the running solve
    std::shared_ptr<LiveProgress> m_live;        ///< of the running solve
    QElapsedTimer m_elapsed;
    QString m_runningScenario;
    int m_requested = 0;
    int m_running = 0;
    bool m_refreshing = false;
    std::shared_ptr<const PlanRun> m_shownRun;
    QDateTime m_shownAt;
    bool m_current = false;
};

} // namespace fw::ui
