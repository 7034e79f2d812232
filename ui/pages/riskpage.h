// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

#include "core/compliance/rulelibrary.h"
#include "ui/jobs/riskrun.h"

class QChartView;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QComboBox;
class QTextBrowser;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;

/// The counts a running assessment reports from its worker threads, read by the progress ticker.
struct RiskProgress {
    std::atomic<int> done{0};
    std::atomic<int> total{0};
    std::atomic<int> hedgingIteration{-1};         ///< progressive hedging's last iteration (−1: none yet)
    std::atomic<double> residual{0.0};             ///< its non-anticipativity residual
    std::atomic<double> valueAtRiskResidual{-1.0}; ///< its value at risk's (mean–CVaR); −1: expected cost
    std::atomic<int> keptAnswers{0};               ///< futures that kept their last answer (time limit)
};

/// Risk: the current scenario's uncertain events (a table edited like the other scenario pages,
/// each edit one undo step), and how the scenario's plan fares across the futures they make. Assess
/// risk freezes the plan's first year (the Plan page's plan, or one made first) and re-plans every
/// future in the background (assessRisk), with progress and Cancel; the figures, a histogram of the
/// NPV cost, fans of capacity vs demand and of power per site, and every future show beside. Solve robust plan adds the
/// two-stage stochastic plan (RP, WS, EEV, VSS, EVPI) and what it buys differently, by the extensive form or
/// progressive hedging (the method box; its iterations show as progress). GUI thread only.
class RiskPage : public QWidget {
    Q_OBJECT
public:
    explicit RiskPage(FleetDocument* document, QWidget* parent = nullptr);
    ~RiskPage() override;

    /// Starts assessing the current scenario's plan; with `robust`, the stochastic plan too.
    void run(bool robust = false);
    void cancel();
    bool isRunning() const { return m_running; } ///< until its result is shown

    ScenarioTableModel* events() const { return m_events; }
    QSpinBox* futures() const { return m_futures; }
    QSpinBox* timeLimit() const { return m_timeLimit; } ///< seconds for each solve
    QSpinBox* nodeLimit() const { return m_nodeLimit; } ///< branch-and-bound nodes of each solve; 0 none
    QPushButton* assessButton() const { return m_assess; }
    QPushButton* robustButton() const { return m_robust; }
    QComboBox* method() const { return m_method; }    ///< the robust plan's: extensive form, progressive hedging
    QDoubleSpinBox* alpha() const { return m_alpha; } ///< the CVaR level
    QDoubleSpinBox* cvarWeight() const { return m_cvarWeight; } ///< of CVaR in the robust plan's objective
    QSpinBox* outOfSample() const { return m_outOfSample; }     ///< fresh draws for the robust figures; 0 none
    /// Progressive hedging's iteration limit, rho multiplier, iterations before slamming and iterations
    /// between Lagrangian bounds (enabled with it).
    QSpinBox* hedgingIterations() const { return m_hedgingIterations; }
    QDoubleSpinBox* rhoMultiplier() const { return m_rhoMultiplier; }
    QSpinBox* slamAfter() const { return m_slamAfter; }
    QSpinBox* boundEvery() const { return m_boundEvery; }
    QLabel* status() const { return m_status; }
    QTextBrowser* figures() const { return m_figures; }
    QTextBrowser* futuresTable() const { return m_futuresTable; } ///< every future, most costly first
    QChartView* histogram() const { return m_histogram; }
    /// The fan chart of the measure fanSelector() picks: training, each inference class (capacity
    /// vs demand), each site's power (drawn vs available); items in the order of the run's fans.
    QChartView* fanChart() const { return m_fanChart; }
    QComboBox* fanSelector() const { return m_fanSelector; }
    /// The last finished run of the current scenario, when its inputs are still the current ones;
    /// null otherwise. The report's Risk section is made from it.
    std::shared_ptr<const RiskRun> currentRun() const;

signals:
    /// A run finished (with figures, or with the reason it has none).
    void finished();

private:
    void showRun();
    void showProgress();
    void showFan();

    FleetDocument* m_document;
    std::shared_ptr<const core::compliance::RuleLibrary> m_rules;
    ScenarioTableModel* m_events;
    QSpinBox* m_futures;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_alpha;
    QSpinBox* m_timeLimit;
    QSpinBox* m_nodeLimit;
    QPushButton* m_assess;
    QComboBox* m_method;
    QDoubleSpinBox* m_cvarWeight;
    QSpinBox* m_outOfSample;
    QSpinBox* m_hedgingIterations;
    QDoubleSpinBox* m_rhoMultiplier;
    QSpinBox* m_slamAfter;
    QSpinBox* m_boundEvery;
    QPushButton* m_robust;
    QPushButton* m_cancel;
    QLabel* m_status;
    QTextBrowser* m_figures;
    QTextBrowser* m_futuresTable;
    QChartView* m_histogram;
    QComboBox* m_fanSelector;
    QChartView* m_fanChart;
    QFutureWatcher<std::shared_ptr<RiskRun>> m_watcher;
    QTimer m_progressTick;
    QElapsedTimer m_elapsed;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag; ///< of the running assessment
    std::shared_ptr<RiskProgress> m_progress;        ///< of the running assessment
    std::shared_ptr<const RiskRun> m_shown;
    bool m_running = false;
};

} // namespace fw::ui
