// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/comparepage.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/report/plainwords.h"
#include "core/report/plancharts.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/models/headertext.h"
#include "ui/widgets/pageheading.h"

namespace fw::ui {
namespace {

constexpr int maxCompared = 4;
constexpr double secondsPerPlan = 30.0;

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number) {
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    return item;
}

void setUpTable(QTableWidget* table)
{
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

} // namespace

ComparePage::ComparePage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_scenarios(new QListWidget(this)),
      m_compare(new QPushButton(tr("Compare"), this)), m_status(new QLabel(this)), m_kpis(new QTableWidget(this)),
      m_differences(new QTableWidget(this)), m_chart(new QChartView(this))
{
    m_scenarios->setToolTip(tr("Check two to four scenarios to plan and compare"));
    m_scenarios->setMaximumHeight(120);
    m_compare->setToolTip(
        tr("Plan each checked scenario (CBC, %1 s limit each) in the background and compare").arg(secondsPerPlan));
    m_status->setWordWrap(true);
    setUpTable(m_kpis);
    setUpTable(m_differences);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 260);

    auto* pick = new QHBoxLayout;
    pick->addWidget(m_scenarios, 1);
    pick->addWidget(m_compare, 0, Qt::AlignTop);
    auto* tables = new QSplitter(Qt::Vertical, this);
    tables->addWidget(m_kpis);
    tables->addWidget(m_differences);
    tables->setStretchFactor(0, 3); // fourteen figures above, a few differing systems below
    tables->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tables);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3); // the figures get the room: scenario names head their columns
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>Compare</b> — plan two to four scenarios and see what each costs, what it "
                                     "buys and how its capacity grows, side by side."),
                                  this));
    layout->addLayout(pick);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_compare, &QPushButton::clicked, this, &ComparePage::compare);
    connect(document, &FleetDocument::fleetChanged, this, [this] {
        ++m_fleetRevision;
        fillScenarios();
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_compare->setEnabled(true);
        if (m_runRevision != m_fleetRevision) {
            m_status->setText(tr("The fleet changed while the plans ran: press Compare again."));
            return;
        }
        const auto runs = m_watcher.result();
        for (const auto& run : runs) {
            m_document->plans()->add(run); // each scenario's plan shows on the Plan page too
        }
        show(runs);
    });
    fillScenarios();
    m_status->setText(tr("Check two to four scenarios and press Compare."));
}

ComparePage::~ComparePage()
{
    m_watcher.waitForFinished();
}

void ComparePage::fillScenarios()
{
    QStringList checked;
    for (int i = 0; i < m_scenarios->count(); ++i) {
        if (m_scenarios->item(i)->checkState() == Qt::Checked) {
            checked << m_scenarios->item(i)->text();
        }
    }
    m_scenarios->clear();
    for (const auto& s : m_document->fleet().scenarios) {
        auto* item = new QListWidgetItem(QString::fromStdString(s.name), m_scenarios);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
}

bool ComparePage::compare()
{
    std::vector<core::plan::Scenario> picked;
    for (int i = 0; i < m_scenarios->count(); ++i) {
        if (m_scenarios->item(i)->checkState() == Qt::Checked) {
            picked.push_back(m_document->fleet().scenarios.at(static_cast<std::size_t>(i)));
        }
    }
    if (picked.size() < 2 || picked.size() > maxCompared || isRunning()) {
        m_status->setText(tr("Check two to four scenarios (%1 checked).").arg(picked.size()));
        return false;
    }
    std::shared_ptr<const core::compliance::RuleLibrary> rules;
    try {
        rules = std::make_shared<const core::compliance::RuleLibrary>(core::compliance::RuleLibrary::loadShipped());
    } catch (const core::Error& e) {
        m_status->setText(tr("The rule sets could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    m_runRevision = m_fleetRevision;
    m_compare->setEnabled(false);
    m_status->setText(
        tr("Planning %n scenario(s), one after another (up to %1 s each) …", nullptr, static_cast<int>(picked.size()))
            .arg(secondsPerPlan));
    const core::Fleet fleet = m_document->fleet();
    m_watcher.setFuture(QtConcurrent::run([fleet, picked, rules] {
        core::plan::OptimizerOptions options;
        options.timeLimitSeconds = secondsPerPlan;
        std::vector<std::shared_ptr<PlanRun>> runs;
        for (const auto& scenario : picked) {
            runs.push_back(planScenario(fleet, scenario, *rules, options));
        }
        return runs;
    }));
    return true;
}

void ComparePage::show(const std::vector<std::shared_ptr<PlanRun>>& runs)
{
    const QLocale locale;
    const auto millions = [&locale](double usd) { return locale.toString(usd / 1e6, 'f', 1); };
    const QStringList kpiNames{tr("Status"),
                               tr("Net cost (M USD, NPV)"),
                               tr("Installed systems' value at the start (M USD)"),
                               tr("Capex, discounted (M USD)"),
                               tr("Scale-out fabric, discounted (M USD)"),
                               tr("Energy, discounted (M USD)"),
                               tr("Maintenance, discounted (M USD)"),
                               tr("Forecast demand left unserved (M USD)"),
                               tr("Credit: value left at the end (M USD)"),
                               tr("Credit: retired systems sold (M USD)"),
                               tr("Systems retired"),
                               tr("Systems bought"),
                               tr("Accelerators bought"),
                               tr("Within % of the best possible"),
                               tr("Broken limits on re-check")};
    m_kpis->clear();
    m_kpis->setRowCount(static_cast<int>(kpiNames.size()));
    m_kpis->setColumnCount(static_cast<int>(runs.size()));
    m_kpis->setVerticalHeaderLabels(kpiNames);
    std::map<std::string, std::vector<int>> units; // system → units bought per compared scenario
    core::report::LineChart capacity{tr("Training capacity by scenario").toStdString(), "PFLOP/s", {}, {}};
    QStringList names;
    QStringList unplanned;
    for (std::size_t c = 0; c < runs.size(); ++c) {
        const PlanRun& run = *runs[c];
        const int column = static_cast<int>(c);
        const QString name = QString::fromStdString(run.inputs.scenario.name);
        names << wrappedHeader(name); // long names over two lines: the columns fit at 1280×800
        const bool planned = run.error.empty() && run.model && run.plan.status != core::plan::PlanStatus::Infeasible;
        if (!planned) {
            // No plan: say why, and show no figures that would read as a plan's.
            const QString why =
                !run.error.empty()
                    ? QString::fromStdString(core::report::plainMessage(run.error, &run.inputs.scenario))
                    : (run.plan.causes.empty() ? tr("no plan: see the Plan page")
                                               : tr("no plan: %1")
                                                     .arg(QString::fromStdString(core::report::plainMessage(
                                                         run.plan.causes.front().cause, &run.inputs.scenario))));
            auto* status = cell(why, false);
            status->setToolTip(why);
            m_kpis->setItem(0, column, status);
            for (int r = 1; r < m_kpis->rowCount(); ++r) {
                m_kpis->setItem(r, column, cell(QStringLiteral("–")));
            }
            unplanned << name;
            continue;
        }
        const auto& e = run.evaluation;
        int bought = 0;
        int accelerators = 0;
        int retired = 0;
        for (const auto& r : run.plan.retirements) {
            retired += r.count;
        }
        for (const auto& p : run.plan.purchases) {
            const auto& system = run.model->systems[static_cast<std::size_t>(p.offer)];
            bought += p.count;
            accelerators += p.count * system.accelerators;
            auto& row = units[core::plan::offerLabel(system)];
            row.resize(runs.size(), 0);
            row[c] += p.count;
        }
        const QStringList values{QString::fromStdString(statusText(run.plan)),
                                 millions(e.costUsd),
                                 millions(e.installedValueUsd),
                                 millions(e.capexNpvUsd),
                                 millions(e.fabricNpvUsd),
                                 millions(e.energyNpvUsd),
                                 millions(e.maintenanceNpvUsd),
                                 millions(e.unservedNpvUsd),
                                 millions(e.residualNpvUsd),
                                 millions(e.resaleNpvUsd),
                                 locale.toString(retired),
                                 locale.toString(bought),
                                 locale.toString(accelerators),
                                 locale.toString(run.plan.gap * 100.0, 'f', 2),
                                 locale.toString(static_cast<int>(e.violations.size()))};
        for (int r = 0; r < values.size(); ++r) {
            m_kpis->setItem(r, column, cell(values[r], r > 0));
        }
        const auto training = core::report::trainingChart(e);
        if (training.categories.size() > capacity.categories.size()) {
            capacity.categories = training.categories;
        }
        capacity.series.push_back({name.toStdString(), training.series[0].values, false, column});
    }
    m_kpis->setHorizontalHeaderLabels(names);

    m_differences->clear();
    m_differences->setColumnCount(static_cast<int>(runs.size()));
    m_differences->setHorizontalHeaderLabels(names);
    QStringList systems;
    int row = 0;
    for (auto& [sku, counts] : units) {
        counts.resize(runs.size(), 0);
        if (std::all_of(counts.begin(), counts.end(), [&](int n) { return n == counts.front(); })) {
            continue; // the same in every plan: not a difference
        }
        m_differences->setRowCount(row + 1);
        systems << QString::fromStdString(sku);
        for (std::size_t c = 0; c < counts.size(); ++c) {
            m_differences->setItem(row, static_cast<int>(c), cell(locale.toString(counts[c])));
        }
        ++row;
    }
    m_differences->setRowCount(row);
    m_differences->setVerticalHeaderLabels(systems);
    QChart* chart = buildLineChart(capacity);
    chart->legend()->setAlignment(Qt::AlignBottom); // the quarters get the width
    showChart(m_chart, chart);
    const int planned = static_cast<int>(runs.size()) - static_cast<int>(unplanned.size());
    QString status = row == 0 ? tr("Compared %n plan(s); they buy the same systems.", nullptr, planned)
                              : tr("Compared %n plan(s). Below the figures: units of each system bought over the "
                                   "horizon, where the plans differ.",
                                   nullptr, planned);
    if (!unplanned.isEmpty()) {
        status += tr(" No plan meets %1: the Plan page says why and what would change it.")
                      .arg(unplanned.join(QStringLiteral(", ")));
    }
    m_status->setText(status);
    emit compared();
}

} // namespace fw::ui
