// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/overviewpage.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <set>

#include "core/report/plainwords.h"
#include "core/report/plancharts.h"
#include "ui/charts/chartbuilder.h"
#include "ui/pages/planpage.h"
#include "ui/widgets/pageheading.h"

namespace fw::ui {
namespace {

using core::plan::PlanStatus;

QString millions(double usd)
{
    return QLocale().toString(usd / 1e6, 'f', 1);
}

} // namespace

OverviewPage::OverviewPage(PlanPage* plan, QWidget* parent)
    : QWidget(parent), m_plan(plan), m_headline(new QLabel(this)), m_figures(new QLabel(this)),
      m_planNow(new QPushButton(tr("Plan now"), this)), m_capacity(new QChartView(this)),
      m_headroom(new QChartView(this)), m_vendors(new QChartView(this))
{
    m_headline->setWordWrap(true);
    m_figures->setWordWrap(true);
    m_figures->setTextFormat(Qt::RichText);
    m_planNow->setToolTip(tr("Optimise the current scenario in the background (Plan page)"));
    for (QChartView* view : {m_capacity, m_headroom, m_vendors}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(300, 240);
    }
    auto* top = new QHBoxLayout;
    top->addWidget(m_headline, 1);
    top->addWidget(m_planNow);
    m_charts = new QWidget(this);
    auto* charts = new QGridLayout(m_charts);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_capacity, 0, 0, 1, 2);
    charts->addWidget(m_headroom, 1, 0);
    charts->addWidget(m_vendors, 1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>Overview</b> — the current plan at a glance: what it costs, what it buys, "
                                     "and where it is tight."),
                                  this));
    layout->addLayout(top);
    layout->addWidget(m_figures);
    layout->addWidget(m_charts, 1);
    layout->addStretch(0); // takes the charts' room while they are hidden

    connect(m_planNow, &QPushButton::clicked, plan, &PlanPage::run);
    connect(plan, &PlanPage::shownChanged, this, &OverviewPage::refresh); // the plan page follows the document
    refresh();
}

void OverviewPage::refresh()
{
    const auto run = m_plan->shownRun();
    core::report::LineChart capacity{tr("Training capacity against demand").toStdString(), "PFLOP/s", {}, {}};
    QStringList sites;
    QList<double> headroom;
    QList<int> siteSlots;
    QStringList vendors;
    QList<double> shares;
    QList<int> vendorSlots;
    const bool planned = run && run->error.empty() && run->model && run->plan.status != PlanStatus::Infeasible;
    const QString stale =
        m_plan->isStale() ? tr(" <b>Out of date:</b> %1 after it was made.").arg(m_plan->staleReason()) : QString();
    if (!run) {
        m_headline->setText(tr("<b>No plan yet.</b> Press Plan now to optimise the current scenario."));
        m_figures->clear();
    } else if (!run->error.empty() || !run->model) {
        m_headline->setText(
            tr("<b>No plan:</b> %1")
                .arg(QString::fromStdString(core::report::plainMessage(run->error, &run->inputs.scenario))
                         .toHtmlEscaped()));
        m_figures->clear();
    } else if (!planned) {
        const auto& causes = run->plan.causes;
        const auto plain = [&run](const std::string& text) {
            return QString::fromStdString(core::report::plainMessage(text, &run->inputs.scenario)).toHtmlEscaped();
        };
        m_headline->setText(tr("<b>No plan meets %1.</b>%2")
                                .arg(QString::fromStdString(run->model->scenario.name).toHtmlEscaped(), stale));
        m_figures->setText(causes.empty() ? tr("No single kind of limit is to blame: see the Plan page.")
                                          : tr("<p><b>Cause:</b> %1</p><p><b>Smallest change:</b> %2 (the Plan page "
                                               "makes it for you)</p>")
                                                .arg(plain(causes.front().cause), plain(causes.front().change)));
    } else {
        const auto& m = *run->model;
        const auto& e = run->evaluation;
        const QLocale locale;
        m_headline->setText(tr("<b>%1</b> — plan %2.%3")
                                .arg(QString::fromStdString(m.scenario.name).toHtmlEscaped(),
                                     QString::fromStdString(core::plan::statusText(run->plan)), stale));
        int units = 0;
        int accelerators = 0;
        double capex = 0.0;
        for (const auto& p : run->plan.purchases) {
            units += p.count;
            accelerators += p.count * m.systems[static_cast<std::size_t>(p.offer)].accelerators;
        }
        for (const auto& q : e.quarters) {
            capex += q.capexUsd;
        }
        const auto blocked = core::plan::blockedOffers(m);
        m_figures->setText(
            tr("<table cellpadding='4'><tr><td>Net cost</td><td align='right'><b>%1 M USD</b></td>"
               "<td>the installed systems' value at the start %2, capex %3, scale-out fabric %4, energy %5, "
               "maintenance %6, rented capacity %7 and forecast demand left unserved %8 make %9 gross; less credits "
               "for what is left at the horizon end (%10) and what retired systems sell for (%11); M USD, "
               "discounted</td></tr>"
               "<tr><td>Bought</td><td align='right'><b>%12 systems</b></td><td>%13 accelerators, %14 M USD of "
               "capex before discounting</td></tr>"
               "<tr><td>Rules, cooling, racks</td><td align='right'><b>%15 blocked</b></td><td>offer–site pairs not "
               "allowed in at least one quarter (the Plan page says why)</td></tr>"
               "<tr><td>Re-check</td><td align='right'><b>%16 broken</b></td><td>the independent evaluator's "
               "count of broken limits</td></tr></table>")
                .arg(millions(e.costUsd), millions(e.installedValueUsd), millions(e.capexNpvUsd),
                     millions(e.fabricNpvUsd), millions(e.energyNpvUsd), millions(e.maintenanceNpvUsd),
                     millions(e.rentalNpvUsd), millions(e.unservedNpvUsd), millions(e.grossNpvUsd()))
                .arg(millions(e.residualNpvUsd), millions(e.resaleNpvUsd), locale.toString(units),
                     locale.toString(accelerators), millions(capex), locale.toString(static_cast<int>(blocked.size())))
                .arg(e.violations.size()));
        capacity = core::report::trainingChart(e);
        for (int j = 0; j < m.sites(); ++j) {
            double least = std::numeric_limits<double>::max();
            for (const auto& q : e.quarters) {
                least = std::min(least, q.powerAvailableMw[static_cast<std::size_t>(j)] -
                                            q.powerMw[static_cast<std::size_t>(j)]);
            }
            sites << QString::fromStdString(m.scenario.sites[static_cast<std::size_t>(j)].name);
            headroom << (e.quarters.empty() ? 0.0 : least);
            siteSlots << j;
        }
        if (!e.quarters.empty()) {
            for (const auto& [vendor, share] : e.quarters.back().vendorShares) {
                vendors << QString::fromStdString(vendor);
                shares << share * 100.0;
                vendorSlots << core::report::vendorSlot(m, vendor);
            }
        }
    }
    m_planNow->setEnabled(!m_plan->isRunning());
    m_charts->setVisible(planned); // no empty axes before there is a plan
    static_cast<QBoxLayout*>(layout())->setStretch(layout()->count() - 1, planned ? 0 : 1);
    if (!planned) {
        return;
    }
    showChart(m_capacity, buildLineChart(capacity));
    showChart(m_headroom, buildBarChart(tr("Tightest power headroom per site"), tr("MW spare in the tightest quarter"),
                                        sites, headroom, siteSlots));
    showChart(m_vendors, buildBarChart(tr("Vendor shares at the horizon's end"), tr("% of dense BF16 peak"), vendors,
                                       shares, vendorSlots, 100.0));
}

} // namespace fw::ui
