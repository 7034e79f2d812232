// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/planfindings.h"

#include <QCoreApplication>
#include <QLocale>

#include <functional>
#include <vector>

#include "core/plan/diagnosis.h"
#include "core/plan/trainingclusters.h"
#include "core/report/plainwords.h"
#include "core/report/planreport.h"

namespace fw::ui {
namespace {

using core::plan::PlanStatus;

QString tr(const char* text)
{
    return QCoreApplication::translate("PlanFindings", text);
}

QString escaped(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

/// `message` from core in the planner's words, escaped for HTML.
QString plain(const PlanRun& run, const std::string& message)
{
    return escaped(core::report::plainMessage(message, &run.inputs.scenario));
}

/// A list of `lines`, the first `shown` of them and how many more.
QString listHtml(const QStringList& lines, qsizetype shown = 12)
{
    QString html = QStringLiteral("<ul>");
    for (qsizetype i = 0; i < lines.size() && i < shown; ++i) {
        html += QStringLiteral("<li>%1</li>").arg(lines[i]);
    }
    if (lines.size() > shown) {
        html += tr("<li>and %1 more</li>").arg(lines.size() - shown);
    }
    return html + QStringLiteral("</ul>");
}

/// No plan: the cause and the smallest change first; then what the relaxed plan falls short of.
QString diagnosisHtml(const PlanRun& run)
{
    const auto& plan = run.plan;
    if (plan.status != PlanStatus::Infeasible) {
        return {};
    }
    QString html;
    if (plan.causes.empty()) {
        html += tr("<p><b>Why there is no plan:</b> no single kind of limit is to blame; several must change "
                   "together.</p>");
    } else {
        const auto& lead = plan.causes.front();
        html += tr("<p><b>Why there is no plan:</b> %1</p>").arg(plain(run, lead.cause));
        html += tr("<p><b>Smallest change that gives a plan:</b> %1%2</p>")
                    .arg(plain(run, lead.change),
                         lead.checked ? tr(" <i>(planned again with this change: it has a plan)</i>") : QString());
        if (plan.causes.size() > 1) {
            QStringList others;
            for (std::size_t i = 1; i < plan.causes.size(); ++i) {
                others << QStringLiteral("%1: %2").arg(escaped(core::plan::limitName(plan.causes[i].limit)),
                                                       plain(run, plan.causes[i].change));
            }
            html += tr("<p>Other single changes that relax a limit enough (not planned again):</p>") + listHtml(others);
        }
    }
    if (!plan.diagnosis.empty()) {
        QStringList lines;
        for (const auto& line : plan.diagnosis) {
            lines << plain(run, line);
        }
        html += tr("<p>With every limit relaxed at a penalty, the plan falls short of:</p>") + listHtml(lines, 8);
    }
    return html;
}

QString costHtml(const PlanRun& run)
{
    if (run.plan.status == PlanStatus::Infeasible) {
        return {};
    }
    return tr("<p><b>Where the NPV cost goes</b> (credits: what the fleet is still worth at the horizon end, and "
              "what retired systems sell for):</p>") +
           tableHtml(core::report::costBreakdownTable(run.evaluation), true);
}

/// Forecast demand the plan leaves unserved, quarter by quarter, priced as the margin lost (under the
/// highest-margin objective: the revenue forgone and that price).
QString unservedHtml(const PlanRun& run)
{
    if (run.plan.status == PlanStatus::Infeasible) {
        return {};
    }
    const QLocale locale;
    const auto& classes = run.model->scenario.inferenceClasses;
    QString html;
    for (const auto& q : run.evaluation.quarters) {
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
                                 escaped(classes[c].name));
            }
        }
        if (!left.isEmpty()) {
            html += (run.model->scenario.policy.objective == "max_margin"
                         ? tr("<p>Forecast demand left unserved in %1, priced as the revenue forgone and the "
                              "margin lost: %2.</p>")
                         : tr("<p>Forecast demand left unserved in %1, priced as the margin lost: %2.</p>"))
                        .arg(QString::fromStdString(q.quarter), left.join(QStringLiteral("; ")));
        }
    }
    return html;
}

QString namedRunsHtml(const PlanRun& run)
{
    const auto& sc = run.model->scenario;
    QString html;
    for (std::size_t r = 0; r < sc.trainingRuns.size() && r < run.plan.runSites.size(); ++r) {
        const auto& named = sc.trainingRuns[r];
        if (run.plan.runSites[r] >= 0) {
            const int family = r < run.plan.runFamilies.size() ? run.plan.runFamilies[r] : -1;
            const core::plan::RunSize size = core::plan::placedRunSize(*run.model, run.plan, static_cast<int>(r));
            html += tr("<p><b>Named run %1:</b> %2 accelerators from %3 for %4 weeks, all at %5 on %6.</p>")
                        .arg(escaped(named.name))
                        .arg(QLocale().toString(size.accelerators))
                        .arg(QString::fromStdString(named.start.toString()))
                        .arg(size.weeks, 0, 'g', 3)
                        .arg(escaped(sc.sites[static_cast<std::size_t>(run.plan.runSites[r])].name))
                        .arg(family >= 0 ? escaped(run.model->fabrics[static_cast<std::size_t>(family)].family)
                                         : tr("no one family"));
        }
    }
    for (const auto& holder : core::plan::largestJobHolders(*run.model, run.plan)) {
        html += tr("<p><b>Largest training job:</b> up to %1 PFLOP/s sustained in %2, whole on %3.</p>")
                    .arg(QLocale().toString(holder.mostPflops, 'f', 0),
                         QString::fromStdString(core::plan::quarterList(*run.model, holder.quarters)),
                         escaped(holder.cluster));
    }
    return html;
}

QString buildOutHtml(const PlanRun& run)
{
    const auto& sc = run.model->scenario;
    const QLocale locale;
    QString html;
    for (std::size_t j = 0; j < run.plan.buildOutMw.size(); ++j) {
        for (std::size_t t = 0; t < run.plan.buildOutMw[j].size(); ++t) {
            if (const double mw = run.plan.buildOutMw[j][t]; mw > 0.0) {
                const auto& site = sc.sites[j];
                html += tr("<p><b>Build power:</b> %1 MW at %2 ordered in %3, serving from %4, for %5 USD.</p>")
                            .arg(locale.toString(mw, 'f', 2), escaped(site.name),
                                 QString::fromStdString(sc.firstQuarter.plus(static_cast<int>(t)).toString()),
                                 QString::fromStdString(
                                     sc.firstQuarter.plus(static_cast<int>(t) + site.buildOutLeadQuarters).toString()),
                                 locale.toString(mw * site.buildOutUsdPerMw, 'f', 0));
            }
        }
    }
    return html;
}

QString shadowPricesHtml(const PlanRun& run)
{
    if (run.plan.status == PlanStatus::Infeasible) {
        return {};
    }
    if (run.shadowPrices.empty()) {
        return tr("<p>No binding limit has a positive marginal value.</p>");
    }
    QStringList lines;
    for (const auto& p : run.shadowPrices) {
        lines << tr("%1: %2 USD")
                     .arg(escaped(core::plan::shadowPriceSubject(*run.model, p)), QLocale().toString(p.value, 'f', 0));
    }
    return tr("<p><b>What one more unit of a limit is worth</b> (LP relaxation):</p>") + listHtml(lines);
}

QString blockedHtml(const PlanRun& run)
{
    const auto& m = *run.model;
    QStringList lines;
    for (const auto& b : core::plan::blockedOffers(m)) {
        lines << tr("%1 at %2: from %3, %4 quarters — %5")
                     .arg(escaped(core::plan::offerLabel(m.systems[static_cast<std::size_t>(b.offer)])),
                          escaped(m.scenario.sites[static_cast<std::size_t>(b.site)].name),
                          QString::fromStdString(m.scenario.firstQuarter.plus(b.firstQuarter).toString()))
                     .arg(b.quarters)
                     .arg(plain(run, b.reason));
    }
    QStringList rented; // cloud offers, with the restricted-party list entry where screening blocked one
    for (const auto& b : core::plan::blockedCloudOffers(m)) {
        const auto& offer = m.scenario.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        rented << tr("%1 renting %2 in %3: from %4, %5 quarters — %6")
                      .arg(escaped(offer.provider), escaped(m.rented[static_cast<std::size_t>(b.cloudOffer)].sku),
                           escaped(offer.region),
                           QString::fromStdString(m.scenario.firstQuarter.plus(b.firstQuarter).toString()))
                      .arg(b.quarters)
                      .arg(plain(run, b.reason));
    }
    return (lines.isEmpty() ? QString()
                            : tr("<p><b>Not allowed</b> (offer at site: from which quarter, for how many, why):</p>") +
                                  listHtml(lines)) +
           (rented.isEmpty() ? QString()
                             : tr("<p><b>Cloud offers not allowed</b> (from which quarter, for how many, why):</p>") +
                                   listHtml(rented));
}

QString violationsHtml(const PlanRun& run)
{
    if (run.plan.status == PlanStatus::Infeasible || run.evaluation.violations.empty()) {
        return {};
    }
    QStringList lines;
    for (const auto& v : run.evaluation.violations) {
        lines << plain(run, v);
    }
    return tr("<p><b>Limits broken, found on re-check:</b></p>") + listHtml(lines);
}

} // namespace

QString tableHtml(const core::report::ReportTable& table, bool totalLast)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'><tr>");
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        html += QStringLiteral("<th align='%1'>%2</th>").arg(c == 0 ? "left" : "right", escaped(table.columns[c]));
    }
    html += QStringLiteral("</tr>");
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const bool bold = totalLast && r + 1 == table.rows.size();
        html += QStringLiteral("<tr>");
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const QString cell = escaped(table.rows[r][c]);
            html += QStringLiteral("<td align='%1'>%2</td>")
                        .arg(c == 0 ? "left" : "right", bold ? QStringLiteral("<b>%1</b>").arg(cell) : cell);
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString planFindingsHtml(const PlanRun& run)
{
    if (!run.error.empty()) {
        return tr("<p><b>Cannot plan:</b> %1</p>").arg(plain(run, run.error));
    }
    // The parts in order; each returns nothing when it has nothing to say.
    const std::vector<std::function<QString(const PlanRun&)>> parts{diagnosisHtml, costHtml,      unservedHtml,
                                                                    namedRunsHtml, buildOutHtml,  shadowPricesHtml,
                                                                    blockedHtml,   violationsHtml};
    QString html;
    for (const auto& part : parts) {
        html += part(run);
    }
    return html;
}

} // namespace fw::ui
