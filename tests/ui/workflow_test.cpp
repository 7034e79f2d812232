// SPDX-License-Identifier: Apache-2.0
// The planner's workflow end to end, as a user drives it: open the sample, cut a site's power,
// re-plan in the background, see the plan move, undo, redo, save, reopen, plan again: same plan.
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <map>

#include "core/store/fleetdatabase.h"
#include "ui/document/fleetdocument.h"
#include "ui/mainwindow.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/pages/comparepage.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/planpage.h"
#include "ui/pages/sitespage.h"
#include "ui/widgets/scenariotableview.h"

using namespace fw::ui;

namespace {

/// Units bought per site over the horizon in the plan `page` shows.
std::map<std::string, int> unitsPerSite(const PlanPage& page)
{
    std::map<std::string, int> units;
    const auto run = page.shownRun();
    for (const auto& p : run->plan.purchases) {
        units[run->model->scenario.sites[static_cast<std::size_t>(p.site)].name] += p.count;
    }
    return units;
}

/// Plans in the background and waits for the result; the GUI thread keeps running meanwhile.
bool replan(PlanPage& page)
{
    QSignalSpy shown(&page, &PlanPage::planShown);
    page.run();
    if (!page.isRunning()) {
        return false;
    }
    return shown.wait(60000) && page.shownRun() && page.shownRun()->error.empty();
}

} // namespace

class WorkflowTest : public QObject {
    Q_OBJECT
private slots:
    void cutPowerReplanUndoRedoSaveReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("neocloud.fleet"));
        fw::core::store::FleetDatabase::create(path.toStdString(), fw::core::sampleFleet());

        MainWindow window;
        QVERIFY(window.openFile(path));
        PlanPage& plan = *window.planPage();
        QVERIFY(replan(plan));
        const auto before = unitsPerSite(plan);
        QVERIFY2(before.at("Norway") > 0, "the sample buys at Norway, where power is cheapest");
        const double costBefore = plan.shownRun()->evaluation.costUsd;
        QVERIFY2(window.overviewPage()->figures()->text().contains(QStringLiteral("NPV cost")),
                 qPrintable(window.overviewPage()->figures()->text()));
        // "optimal" for a closed gap, else how close to the bound CBC stopped (at its 0.5 % gap).
        const QRegularExpression honest(QStringLiteral("optimal|within [0-9.]+ % of the bound"));
        QVERIFY2(window.overviewPage()->headline()->text().contains(honest),
                 qPrintable(window.overviewPage()->headline()->text()));
        QCOMPARE(window.overviewPage()->headroomChart()->chart()->series().size(), 1);
        QVERIFY(window.statusBar()->findChild<QLabel*>()); // the plan's status and age
        const auto statusOf = [&window] {
            for (auto* label : window.statusBar()->findChildren<QLabel*>()) {
                if (label->text().startsWith(QStringLiteral("Plan"))) {
                    return label->text();
                }
            }
            return QString();
        };
        QVERIFY2(QRegularExpression(QStringLiteral("^Plan: (optimal|within [0-9.]+ % of the bound), made just now$"))
                     .match(statusOf())
                     .hasMatch(),
                 qPrintable(statusOf()));

        // Norway loses its power: paste a row of zeros over its ramp, one undo step.
        SitesPage& sites = *window.sitesPage();
        sites.powerView()->setCurrentIndex(sites.power()->index(1, 0));
        QVERIFY(sites.powerView()->pasteText(QStringList(12, QStringLiteral("0")).join(QLatin1Char('\t'))));
        QVERIFY(window.isWindowModified());
        QVERIFY(plan.isStale());
        QCOMPARE(statusOf(), QStringLiteral("Plan is stale: inputs changed since it was computed"));
        QVERIFY(window.overviewPage()->headline()->text().contains(QStringLiteral("Out of date")));
        QVERIFY(replan(plan));
        const auto cut = unitsPerSite(plan);
        QCOMPARE(cut.count("Norway"), std::size_t{0}); // buying moved elsewhere
        QVERIFY(plan.shownRun()->evaluation.violations.empty());
        QVERIFY(plan.shownRun()->evaluation.costUsd > costBefore); // the cheap site is gone
        const auto cutPurchases = plan.shownRun()->plan.purchases;

        window.document()->undoStack()->undo();
        QCOMPARE(window.document()->fleet(), fw::core::sampleFleet());
        QVERIFY(!window.isWindowModified());
        QVERIFY(replan(plan));
        QCOMPARE(unitsPerSite(plan), before);

        window.document()->undoStack()->redo();
        QCOMPARE(window.document()->scenario().sites[1].availableMw(5), 0.0);
        QVERIFY(window.document()->isModified());
        window.document()->save();
        QVERIFY(!window.isWindowModified());

        MainWindow reopened;
        QVERIFY(reopened.openFile(path));
        QCOMPARE(reopened.document()->fleet(), window.document()->fleet());
        QVERIFY(replan(*reopened.planPage()));
        const auto& again = reopened.planPage()->shownRun()->plan.purchases;
        QCOMPARE(again.size(), cutPurchases.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].quarter, cutPurchases[i].quarter);
            QCOMPARE(again[i].site, cutPurchases[i].site);
            QCOMPARE(again[i].offer, cutPurchases[i].offer);
            QCOMPARE(again[i].count, cutPurchases[i].count);
        }
    }

    void comparesACopyWithOneChange()
    {
        MainWindow window;
        window.newSampleFleet();
        auto* document = window.document();
        auto copy = document->scenario();
        copy.name = "Norway dark";
        copy.sites[1].powerMw = {0.0};
        document->addScenario(copy, QStringLiteral("Copy scenario"));
        ComparePage& page = *window.comparePage();
        QVERIFY(!page.compare()); // nothing checked
        QListWidget* list = page.scenarios();
        QCOMPARE(list->count(), static_cast<int>(document->fleet().scenarios.size()));
        list->item(0)->setCheckState(Qt::Checked);
        list->item(list->count() - 1)->setCheckState(Qt::Checked);
        QSignalSpy compared(&page, &ComparePage::compared);
        QVERIFY(page.compare());
        QVERIFY(compared.wait(120000));
        QCOMPARE(page.kpis()->columnCount(), 2);
        QCOMPARE(page.kpis()->horizontalHeaderItem(1)->text(), QStringLiteral("Norway dark"));
        QVERIFY2(page.kpis()->item(0, 0)->text().contains(
                     QRegularExpression(QStringLiteral("^(optimal|within [0-9.]+ % of the bound)$"))),
                 qPrintable(page.kpis()->item(0, 0)->text()));
        const auto cost = [&](int column) { return page.kpis()->item(1, column)->text().remove(',').toDouble(); };
        QVERIFY(cost(1) > cost(0)); // losing the cheapest site costs more
        QVERIFY(page.differences()->rowCount() > 0);
        QCOMPARE(page.chart()->chart()->series().size(), 2);
        QCOMPARE(page.kpis()->verticalHeaderItem(11)->text(), QStringLiteral("Violations on re-check"));
        QCOMPARE(page.kpis()->item(11, 1)->text(), QStringLiteral("0"));
    }
};

QTEST_MAIN(WorkflowTest)
#include "workflow_test.moc"
