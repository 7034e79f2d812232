// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/planpage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "core/error.h"
#include "core/report/plainwords.h"
#include "core/report/plancharts.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/models/scheduletablemodel.h"
#include "ui/pages/planfindings.h"
#include "ui/widgets/pageheading.h"
#include "ui/widgets/scenariobar.h"

namespace fw::ui {

using namespace fw::core::plan;

namespace {

QChartView* chartView(QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    return view;
}

QString quoted(const std::string& name)
{
    return QStringLiteral("“%1”").arg(QString::fromStdString(name).toHtmlEscaped());
}

} // namespace

PlanPage::PlanPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_bar(new ScenarioBar(document, this)),
      m_timeLimit(new QDoubleSpinBox(this)), m_runButton(new QPushButton(tr("Plan"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_status(new QLabel(this)), m_body(new QStackedWidget(this)),
      m_placeholder(new QLabel(this)), m_planView(new QSplitter(Qt::Vertical, this)), m_chartTabs(new QTabWidget(this)),
      m_trainingChart(chartView(this)), m_inferenceChart(chartView(this)), m_powerChart(chartView(this)),
      m_capexChart(chartView(this)), m_findings(new QTextBrowser(this)),
      m_apply(new QPushButton(tr("Make the smallest change"), this)), m_schedule(new ScheduleTableModel(this)),
      m_scheduleView(new QTableView(this))
{
    m_timeLimit->setRange(1, 3600);
    m_timeLimit->setDecimals(0);
    m_timeLimit->setValue(60);
    m_timeLimit->setSuffix(tr(" s limit"));
    m_timeLimit->setToolTip(tr("CBC stops at this time and returns the best plan found so far"));
    m_runButton->setToolTip(tr("Optimise the scenario's purchase plan in the background (Ctrl+R)"));
    m_runButton->setObjectName(QStringLiteral("planButton"));
    m_cancelButton->setToolTip(tr("Stop the solver now and show the best plan it has found so far"));
    m_cancelButton->setEnabled(false);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_apply->setToolTip(tr("Change the scenario as the diagnosis proposes (Edit → Undo takes it back)"));
    m_apply->setVisible(false);
    auto* proxy = new TotalsLastProxy(this);
    proxy->setSourceModel(m_schedule);
    proxy->setSortRole(Qt::UserRole);
    m_scheduleView->setModel(proxy);
    m_scheduleView->setSortingEnabled(true);
    m_scheduleView->sortByColumn(-1, Qt::AscendingOrder); // the model's order until a header is clicked
    m_scheduleView->verticalHeader()->hide();
    m_scheduleView->setAlternatingRowColors(true);
    m_scheduleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_scheduleView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_scheduleView->setObjectName(QStringLiteral("schedule"));
    m_chartTabs->addTab(m_trainingChart, tr("Training"));
    m_chartTabs->addTab(m_inferenceChart, tr("Inference"));
    m_chartTabs->addTab(m_powerChart, tr("Power"));
    m_chartTabs->addTab(m_capexChart, tr("Capex by vendor"));
    m_findings->setMinimumWidth(280);
    try {
        m_rules = std::make_shared<const core::compliance::RuleLibrary>(core::compliance::RuleLibrary::loadShipped());
    } catch (const core::Error& e) {
        m_status->setText(tr("The rule sets could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        m_runButton->setEnabled(false);
    }

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_bar, 1);
    bar->addWidget(m_timeLimit);
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    auto* findings = new QWidget(this);
    auto* findingsLayout = new QVBoxLayout(findings);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->addWidget(m_findings, 1);
    findingsLayout->addWidget(m_apply, 0, Qt::AlignLeft);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_chartTabs);
    top->addWidget(findings);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    m_planView->addWidget(top);
    m_planView->addWidget(m_scheduleView);
    m_planView->setStretchFactor(0, 3);
    m_planView->setStretchFactor(1, 2);
    m_body->addWidget(m_placeholder);
    m_body->addWidget(m_planView);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>Purchase plan</b> — what to buy, where and when, at the lowest NPV cost that "
                                     "meets demand under site power, supply, budgets and export controls."),
                                  this));
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_body, 1);

    m_progressTick.setInterval(500);
    connect(&m_progressTick, &QTimer::timeout, this, &PlanPage::showProgress);
    connect(m_runButton, &QPushButton::clicked, this, &PlanPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &PlanPage::cancel);
    connect(m_apply, &QPushButton::clicked, this, &PlanPage::applySmallestChange);
    // The plan to show follows the scenario, its edits and undos, and every plan made for it.
    connect(document, &FleetDocument::fleetChanged, this, &PlanPage::refresh);
    connect(document, &FleetDocument::currentScenarioChanged, this, &PlanPage::refresh);
    connect(document->plans(), &PlanBook::added, this, &PlanPage::refresh);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<PlanRun>>::finished, this, [this] {
        const auto result = m_watcher.result();
        const int finished = m_running;
        m_running = 0;
        m_progressTick.stop();
        m_cancelButton->setEnabled(false);
        const auto before = m_shownRun;
        m_document->plans()->add(result); // a plan of its inputs, whichever scenario is current now
        if (finished != m_requested) {
            run(); // a newer request came in while this one ran: plan the current scenario now
        } else {
            refresh();
        }
        if (m_shownRun == result && before != result) {
            emit planShown();
        }
    });
    refresh();
}

PlanPage::~PlanPage()
{
    m_watcher.waitForFinished();
}

QComboBox* PlanPage::scenarioPicker() const
{
    return m_bar->picker();
}

void PlanPage::run()
{
    ++m_requested;
    if (m_running != 0 || !m_rules || m_document->currentScenario() < 0) {
        return; // the finished handler starts the newest request
    }
    m_running = m_requested;
    m_runningScenario = QString::fromStdString(m_document->scenario().name);
    m_elapsed.start();
    m_progressTick.start();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_live = std::make_shared<LiveProgress>();
    m_cancelButton->setEnabled(true);
    showProgress();
    // The worker gets copies of its inputs: the document may change while it runs.
    const core::Fleet fleet = m_document->fleet();
    const Scenario scenario = m_document->scenario();
    OptimizerOptions options;
    options.timeLimitSeconds = m_timeLimit->value();
    const auto cancel = m_cancel;
    const auto live = m_live;
    options.cancel = cancel.get();
    options.progress = [live](const SolveProgress& p) {
        live->incumbent = p.incumbent;
        live->bound = p.bound;
        live->nodes = p.nodes;
        live->hasIncumbent = p.hasIncumbent;
    };
    const auto rules = m_rules;
    m_watcher.setFuture(QtConcurrent::run([fleet, scenario, options, rules, cancel, live]() {
        return planScenario(fleet, scenario, *rules, options); // cancel and live stay alive until it ends
    }));
}

void PlanPage::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
        m_cancelButton->setEnabled(false);
    }
}

void PlanPage::refresh()
{
    if (m_refreshing) {
        return; // adding the file's plan to the book below comes back here
    }
    const QScopedValueRollback guard(m_refreshing, true);
    if (m_document->currentScenario() < 0) {
        showNothing();
        return;
    }
    PlanBook& book = *m_document->plans();
    auto found = book.find(m_document->fleet(), m_document->scenario());
    if (!found.current && m_rules) {
        // The file may keep a plan of the scenario as it is now (plan --save, File → Save).
        if (auto saved = savedPlanRun(m_document->fleet(), m_document->scenario(), *m_rules)) {
            book.add(saved, QDateTime::fromString(QString::fromStdString(saved->savedAt), Qt::ISODate).toLocalTime());
            found = book.find(m_document->fleet(), m_document->scenario());
        }
    }
    if (found.run) {
        show(found.run, found.madeAt, found.current);
    } else {
        showNothing();
    }
}

QString PlanPage::staleReason() const
{
    if (!isStale()) {
        return {};
    }
    const std::string changed = changesSince(*m_shownRun, m_document->fleet(), m_document->scenario());
    return changed.empty() ? tr("its inputs changed") : QString::fromStdString(changed);
}

void PlanPage::showNothing()
{
    m_shownRun.reset();
    m_current = false;
    m_schedule->clear();
    m_findings->clear();
    m_apply->setVisible(false);
    const bool any = m_document->currentScenario() >= 0;
    m_placeholder->setText(
        any ? tr("No plan of %1 yet.\n\nPress Plan (Ctrl+R) to optimise it in the background; the Compare page's "
                 "plans show here too.")
                  .arg(QString::fromStdString(m_document->scenario().name))
            : tr("This fleet has no scenarios.\n\nPress New above, or import one with fleetwright-cli import FILE "
                 "--scenario IN.json."));
    m_body->setCurrentWidget(m_placeholder);
    showStatus();
    emit shownChanged();
}

void PlanPage::show(std::shared_ptr<const PlanRun> shown, const QDateTime& madeAt, bool current)
{
    const bool same = shown == m_shownRun;
    m_shownRun = std::move(shown);
    m_shownAt = madeAt;
    m_current = current;
    const PlanRun& run = *m_shownRun;
    const bool hasPlan = run.error.empty() && run.model && run.plan.status != PlanStatus::Infeasible;
    if (!same) {
        m_findings->setHtml(planFindingsHtml(run));
        if (hasPlan) {
            m_schedule->setPlan(*run.model, run.plan);
            showCharts(run);
        } else {
            m_schedule->clear();
        }
    }
    // Nothing bought, nothing to chart: the findings take the whole width.
    m_chartTabs->setVisible(hasPlan);
    m_scheduleView->setVisible(hasPlan);
    const bool canApply = current && run.error.empty() && !run.plan.causes.empty() && run.plan.causes.front().changed;
    m_apply->setVisible(canApply);
    m_body->setCurrentWidget(m_planView);
    showStatus();
    emit shownChanged();
}

void PlanPage::showCharts(const PlanRun& run)
{
    const auto& m = *run.model;
    showChart(m_trainingChart, buildLineChart(core::report::trainingChart(run.evaluation)));
    showChart(m_inferenceChart, buildLineChart(core::report::inferenceChart(m.scenario, run.evaluation)));
    showChart(m_powerChart, buildLineChart(core::report::powerChart(m.scenario, run.evaluation)));
    showChart(m_capexChart, buildStackedBarChart(core::report::capexByVendorChart(m, run.plan)));
    m_chartTabs->setTabEnabled(1, m.inferenceClasses() > 0);
}

bool PlanPage::applySmallestChange()
{
    if (!m_shownRun || !m_current || m_shownRun->plan.causes.empty() || !m_shownRun->plan.causes.front().changed) {
        return false;
    }
    const auto& lead = m_shownRun->plan.causes.front();
    return m_document->changeScenario(*lead.changed, tr("Change: %1").arg(QString::fromStdString(lead.change)));
}

void PlanPage::showProgress()
{
    QString found;
    if (m_live && m_live->hasIncumbent) {
        const QLocale locale;
        const double incumbent = m_live->incumbent;
        const double bound = m_live->bound;
        found = tr(" Best plan so far %1 USD, bound %2 USD (gap %3 %), %4 nodes.")
                    .arg(locale.toString(incumbent, 'f', 0), locale.toString(bound, 'f', 0),
                         locale.toString(incumbent > 0 ? (incumbent - bound) / incumbent * 100.0 : 0.0, 'f', 2))
                    .arg(m_live->nodes.load());
    }
    m_status->setText(tr("Optimising %1 … %2 s so far; CBC stops at %3 s with the best plan it has, or when you "
                         "press Cancel.%4")
                          .arg(m_runningScenario.toHtmlEscaped())
                          .arg(m_elapsed.elapsed() / 1000)
                          .arg(m_timeLimit->value(), 0, 'f', 0)
                          .arg(found));
}

void PlanPage::showStatus()
{
    if (isRunning()) {
        showProgress();
        return;
    }
    if (m_document->currentScenario() < 0) {
        m_status->setText(tr("This fleet has no scenarios."));
        return;
    }
    const std::string& name = m_document->scenario().name;
    if (!m_shownRun) {
        m_status->setText(tr("Press Plan to optimise %1.").arg(quoted(name)));
        return;
    }
    const PlanRun& run = *m_shownRun;
    const QString stale = isStale() ? tr("<b>Out of date:</b> %1 since this plan of %2 was made; press Plan to "
                                         "plan again, or undo the change. ")
                                          .arg(staleReason(), quoted(name))
                                    : QString();
    if (!run.error.empty()) {
        m_status->setText(stale + tr("<b>Cannot plan</b> %1: %2")
                                      .arg(quoted(name), QString::fromStdString(core::report::plainMessage(
                                                                                    run.error, &run.inputs.scenario))
                                                             .toHtmlEscaped()));
        return;
    }
    const auto& plan = run.plan;
    if (plan.status == PlanStatus::Infeasible) {
        m_status->setText(
            stale +
            tr("<b>No plan</b> meets %1: why, and the smallest change that gives one, below.").arg(quoted(name)));
        return;
    }
    const QLocale locale;
    const bool stopped = plan.status == PlanStatus::Cancelled || plan.status == PlanStatus::TimeLimit;
    QString text = tr("Plan of %1: <b>%2</b>; net cost %3 M USD (NPV); %4 after %5 s; %6 purchases; %7.")
                       .arg(quoted(name), QString::fromStdString(core::plan::statusText(plan)),
                            locale.toString(run.evaluation.costUsd / 1e6, 'f', 1),
                            stopped ? tr("stopped") : tr("solved"), locale.toString(plan.solveSeconds, 'f', 1))
                       .arg(plan.purchases.size())
                       .arg(run.evaluation.violations.empty() ? tr("the re-check found no broken limit")
                                                              : tr("the re-check found %n broken limit(s)", nullptr,
                                                                   static_cast<int>(run.evaluation.violations.size())));
    if (run.inputs.scenario.earnsRevenue()) {
        text += tr(" Revenue %1 M USD, margin %2 M USD (NPV).")
                    .arg(locale.toString(run.evaluation.revenueNpvUsd / 1e6, 'f', 1),
                         locale.toString(run.evaluation.marginNpvUsd() / 1e6, 'f', 1));
    }
    if (stopped) {
        text += tr(" The best plan found so far.");
    }
    if (!run.savedAt.empty()) {
        text += tr(" Saved in the file on %1; press Plan to solve again.")
                    .arg(locale.toString(m_shownAt, QLocale::ShortFormat));
    }
    m_status->setText(stale + text);
}

} // namespace fw::ui
