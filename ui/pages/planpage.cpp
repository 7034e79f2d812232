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
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <map>

#include "core/error.h"
#include "core/report/plancharts.h"
#include "core/workload/assumptions.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/purchasetablemodel.h"
#include "ui/widgets/pageheading.h"
#include "ui/widgets/scenariobar.h"

namespace fw::ui {

using namespace fw::core::plan;

namespace {

/// Capex per quarter, million USD, stacked by the vendor of what is bought.
QChart* spendByVendor(const PlanModel& m, const Plan& plan)
{
    QStringList quarters;
    for (int t = 0; t < m.quarters(); ++t) {
        quarters << QString::fromStdString(m.scenario.firstQuarter.plus(t).toString().substr(2));
    }
    std::map<std::string, QList<double>> byVendor;
    for (const auto& p : plan.purchases) {
        const auto& system = m.systems[static_cast<std::size_t>(p.offer)];
        auto& spend = byVendor[system.vendor];
        spend.resize(quarters.size(), 0.0);
        spend[p.quarter] += p.count * m.price(p.offer, p.quarter) / 1e6;
    }
    std::vector<std::pair<QString, QList<double>>> sets;
    for (const auto& [vendor, spend] : byVendor) {
        sets.emplace_back(QString::fromStdString(vendor), spend);
    }
    return buildStackedBarChart(QObject::tr("Capex per quarter by vendor"), QObject::tr("million USD"), quarters, sets);
}

} // namespace

PlanPage::PlanPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_bar(new ScenarioBar(document, this)),
      m_timeLimit(new QDoubleSpinBox(this)), m_runButton(new QPushButton(tr("Plan"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_status(new QLabel(this)),
      m_purchases(new PurchaseTableModel(this)), m_purchaseView(new QTableView(this)),
      m_capacityChart(new QChartView(this)), m_powerChart(new QChartView(this)), m_spendChart(new QChartView(this)),
      m_findings(new QTextBrowser(this))
{
    m_timeLimit->setRange(1, 3600);
    m_timeLimit->setValue(60);
    m_timeLimit->setSuffix(tr(" s limit"));
    m_timeLimit->setToolTip(tr("CBC stops at this time and returns the best plan found so far"));
    m_runButton->setToolTip(tr("Optimise the scenario's purchase plan in the background (COIN-OR CBC)"));
    m_cancelButton->setToolTip(tr("Stop the solver now and show the best plan it has found so far"));
    m_cancelButton->setEnabled(false);
    m_status->setWordWrap(true);
    m_purchaseView->setModel(m_purchases);
    m_purchaseView->verticalHeader()->hide();
    m_purchaseView->setAlternatingRowColors(true);
    m_purchaseView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    for (QChartView* view : {m_capacityChart, m_powerChart, m_spendChart}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(280);
    }
    m_findings->setMinimumHeight(120);
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
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_capacityChart);
    charts->addWidget(m_powerChart);
    charts->addWidget(m_spendChart);
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_purchaseView);
    lower->addWidget(m_findings);
    auto* main = new QSplitter(Qt::Vertical, this);
    main->addWidget(charts);
    main->addWidget(lower);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    main->setSizes({500, 500}); // the charts as tall as the table, whatever the table would like
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>Purchase plan</b> — what to buy, where and when, at the lowest NPV cost that "
                                     "meets demand under site power, supply, budgets and export controls."),
                                  this));
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(main, 1);

    m_progressTick.setInterval(500);
    connect(&m_progressTick, &QTimer::timeout, this, &PlanPage::showProgress);
    connect(m_runButton, &QPushButton::clicked, this, &PlanPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &PlanPage::cancel);
    // Any change may make the shown plan of another scenario, or out of date; the file may keep a
    // plan of the scenario as it is now.
    const auto changed = [this] {
        ++m_fleetRevision;
        showIdleStatus();
        if (m_shownRevision >= 0) {
            showStatus();
        }
        showSavedPlan();
    };
    connect(document, &FleetDocument::fleetChanged, this, changed);
    connect(document, &FleetDocument::currentScenarioChanged, this, changed);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<PlanRun>>::finished, this, [this] {
        const auto result = m_watcher.result();
        const int finished = m_running;
        m_running = 0;
        m_progressTick.stop();
        m_cancelButton->setEnabled(false);
        if (finished == m_requested) {
            show(result);
        } else {
            run(); // a newer request came in while this one ran: its result is stale
        }
    });
    showIdleStatus();
}

PlanPage::~PlanPage()
{
    m_watcher.waitForFinished();
}

QComboBox* PlanPage::scenarioPicker() const
{
    return m_bar->picker();
}

void PlanPage::showIdleStatus()
{
    if (m_document->currentScenario() < 0) {
        m_status->setText(tr("This fleet has no scenarios: press New above, or import one with fleetwright-cli "
                             "import FILE --scenario IN.json."));
    } else if (m_shownRevision < 0 && !isRunning()) {
        m_status->setText(tr("Press Plan to optimise the selected scenario."));
    }
}

void PlanPage::run()
{
    ++m_requested;
    if (m_running != 0 || !m_rules) {
        return; // the finished handler starts the newest request
    }
    if (m_document->currentScenario() < 0) {
        return;
    }
    m_running = m_requested;
    m_runRevision = m_fleetRevision;
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

void PlanPage::showSavedPlan()
{
    if (isRunning() || !m_rules || m_document->currentScenario() < 0 || (m_shownRevision >= 0 && !isStale())) {
        return;
    }
    if (auto saved = savedPlanRun(m_document->fleet(), m_document->scenario(), *m_rules)) {
        m_runRevision = m_fleetRevision;
        show(saved);
    }
}

void PlanPage::show(std::shared_ptr<const PlanRun> shown)
{
    m_shownRun = shown;
    m_shownAt = shown->savedAt.empty() ? QDateTime::currentDateTime()
                                       : QDateTime::fromString(QString::fromStdString(shown->savedAt), Qt::ISODate);
    const PlanRun& run = *shown;
    if (!run.error.empty()) {
        m_status->setText(tr("Cannot plan: %1").arg(QString::fromStdString(run.error)));
        emit planShown();
        return;
    }
    const auto& m = *run.model;
    const auto& plan = run.plan;
    const QLocale locale;
    m_summary = tr("Status: <b>%1</b> — NPV cost %2 USD, solved in %3 s; %4 purchases; %5 violated "
                   "constraints on re-check.")
                    .arg(QString::fromStdString(statusText(plan)))
                    .arg(locale.toString(run.evaluation.costUsd, 'f', 0))
                    .arg(locale.toString(plan.solveSeconds, 'f', 2))
                    .arg(plan.purchases.size())
                    .arg(run.evaluation.violations.size());
    if (!run.savedAt.empty()) {
        m_summary += tr(" Saved in the file on %1; press Plan to solve again.")
                         .arg(QLocale().toString(m_shownAt.toLocalTime(), QLocale::ShortFormat));
    }
    m_shownRevision = m_runRevision;
    showStatus();
    m_purchases->setPlan(m, plan);

    QChart* power = buildLineChart(core::report::powerChart(m.scenario, run.evaluation));
    power->setTitle(tr("Power used per site; available dashed"));
    showChart(m_capacityChart, buildLineChart(core::report::trainingChart(run.evaluation)));
    showChart(m_powerChart, power);
    showChart(m_spendChart, spendByVendor(m, plan));

    QString html;
    const auto& e = run.evaluation;
    if (plan.status != PlanStatus::Infeasible) {
        html += tr("<p><b>Where the NPV cost goes:</b> capex %1, scale-out fabric %2, energy %3, maintenance %4, "
                   "forecast demand left unserved %5, less residual value %6 (USD).</p>")
                    .arg(locale.toString(e.capexNpvUsd, 'f', 0), locale.toString(e.fabricNpvUsd, 'f', 0),
                         locale.toString(e.energyNpvUsd, 'f', 0), locale.toString(e.maintenanceNpvUsd, 'f', 0),
                         locale.toString(e.unservedNpvUsd, 'f', 0), locale.toString(e.residualNpvUsd, 'f', 0));
        for (const auto& q : e.quarters) {
            QStringList left;
            if (q.trainingUnservedPflops > 0.0) {
                left << tr("%1 of %2 PFLOP/s of training")
                            .arg(locale.toString(q.trainingUnservedPflops, 'f', 0),
                                 locale.toString(q.trainingForecastPflops, 'f', 0));
            }
            for (std::size_t c = 0; c < q.inferenceUnservedTokensPerSecond.size(); ++c) {
                if (q.inferenceUnservedTokensPerSecond[c] > 0.0) {
                    left << tr("%1 of %2 tokens/s of %3")
                                .arg(locale.toString(q.inferenceUnservedTokensPerSecond[c], 'f', 0),
                                     locale.toString(q.inferenceForecastTokensPerSecond[c], 'f', 0),
                                     QString::fromStdString(m.scenario.inferenceClasses[c].name).toHtmlEscaped());
                }
            }
            if (!left.isEmpty()) {
                html += tr("<p>Forecast demand left unserved in %1, priced as the margin lost: %2.</p>")
                            .arg(QString::fromStdString(q.quarter), left.join(QStringLiteral("; ")));
            }
        }
    }
    for (std::size_t r = 0; r < m.scenario.trainingRuns.size() && r < plan.runSites.size(); ++r) {
        const auto& run = m.scenario.trainingRuns[r];
        if (plan.runSites[r] < 0) {
            continue;
        }
        html += tr("<p><b>Named run %1:</b> %2 accelerators from %3 for %4 weeks, all at %5.</p>")
                    .arg(QString::fromStdString(run.name).toHtmlEscaped())
                    .arg(run.accelerators)
                    .arg(QString::fromStdString(run.start.toString()))
                    .arg(run.weeks)
                    .arg(QString::fromStdString(m.scenario.sites[static_cast<std::size_t>(plan.runSites[r])].name)
                             .toHtmlEscaped());
    }
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        for (std::size_t t = 0; t < plan.buildOutMw[j].size(); ++t) {
            if (const double mw = plan.buildOutMw[j][t]; mw > 0.0) {
                const auto& site = m.scenario.sites[j];
                html += tr("<p><b>Build power:</b> %1 MW at %2 ordered in %3, serving from %4, for %5 USD.</p>")
                            .arg(locale.toString(mw, 'f', 2), QString::fromStdString(site.name).toHtmlEscaped(),
                                 QString::fromStdString(m.scenario.firstQuarter.plus(static_cast<int>(t)).toString()),
                                 QString::fromStdString(
                                     m.scenario.firstQuarter.plus(static_cast<int>(t) + site.buildOutLeadQuarters)
                                         .toString()),
                                 locale.toString(mw * site.buildOutUsdPerMw, 'f', 0));
            }
        }
    }
    if (!plan.diagnosis.empty()) {
        html += tr("<p><b>Why no plan exists</b> (limits relaxed with penalised slack):</p><ul>");
        for (const auto& line : plan.diagnosis) {
            html += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(line).toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    if (!run.shadowPrices.empty()) {
        html += tr("<p><b>What one more unit of a limit is worth</b> (LP relaxation):</p><ul>");
        for (std::size_t i = 0; i < run.shadowPrices.size() && i < 12; ++i) {
            const auto& p = run.shadowPrices[i];
            const QString what = QString::fromStdString(shadowPriceSubject(m, p)).toHtmlEscaped();
            html += tr("<li>%1: %2 USD</li>").arg(what, locale.toString(p.value, 'f', 0));
        }
        html += QStringLiteral("</ul>");
    }
    if (!run.evaluation.violations.empty()) {
        html += tr("<p><b>Violations found on re-check:</b></p><ul>");
        for (const auto& v : run.evaluation.violations) {
            html += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(v).toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    if (const auto blocked = core::plan::blockedOffers(m); !blocked.empty()) {
        html += tr("<p><b>Not allowed</b> (offer at site: from which quarter, for how many, why):</p><ul>");
        for (const auto& b : blocked) {
            html +=
                tr("<li>%1 at %2: from %3, %4 quarters — %5</li>")
                    .arg(
                        QString::fromStdString(offerLabel(m.systems[static_cast<std::size_t>(b.offer)]))
                            .toHtmlEscaped(),
                        QString::fromStdString(m.scenario.sites[static_cast<std::size_t>(b.site)].name).toHtmlEscaped(),
                        QString::fromStdString(m.scenario.firstQuarter.plus(b.firstQuarter).toString()))
                    .arg(b.quarters)
                    .arg(QString::fromStdString(b.reason).toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    if (run.shadowPrices.empty() && plan.status != PlanStatus::Infeasible) {
        html += tr("<p>No binding limit has a positive marginal value.</p>");
    }
    m_findings->setHtml(html);
    emit planShown();
}

void PlanPage::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
        m_cancelButton->setEnabled(false);
    }
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
                          .arg(m_runningScenario)
                          .arg(m_elapsed.elapsed() / 1000)
                          .arg(m_timeLimit->value(), 0, 'f', 0)
                          .arg(found));
}

void PlanPage::showStatus()
{
    m_status->setText(isStale() ? tr("<b>Out of date:</b> the fleet changed after this plan was made; press Plan to "
                                     "plan again. ") +
                                      m_summary
                                : m_summary);
}

} // namespace fw::ui
