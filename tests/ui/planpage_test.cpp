// SPDX-License-Identifier: Apache-2.0
#include <QAbstractBarSeries>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

#include "ui/fleetdocument.h"
#include "ui/planpage.h"
#include "ui/purchasetablemodel.h"

using namespace fw::ui;

class PlanPageTest : public QObject {
    Q_OBJECT
private slots:
    void plansTheSampleInTheBackground()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PlanPage page(&document);
        QAbstractItemModelTester tester(page.purchases(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&page, &PlanPage::planShown);
        page.run();
        QVERIFY(page.isRunning()); // the GUI thread does not wait for CBC
        QVERIFY2(page.status()->text().contains(QStringLiteral("s so far; CBC stops at 60 s")),
                 qPrintable(page.status()->text()));
        QVERIFY(shown.wait(60000));
        QVERIFY2(page.status()->text().contains(QStringLiteral("optimal")), qPrintable(page.status()->text()));
        QVERIFY(page.status()->text().contains(QStringLiteral("0 violated")));
        QVERIFY(page.purchases()->rowCount() > 0);
        QCOMPARE(page.capacityChart()->chart()->series().size(), 2);
        const auto* spend = static_cast<QAbstractBarSeries*>(page.spendChart()->chart()->series().front());
        QCOMPARE(spend->count(), 2); // capex stacked by vendor: AMD and NVIDIA
        QVERIFY(page.findings()->toHtml().contains(QStringLiteral("one more MW at Norway")));
        QVERIFY(page.findings()->toHtml().contains(QStringLiteral("Where the NPV cost goes")));
        QVERIFY(!page.isStale());
    }

    void cancelKeepsTheBestPlanSoFar()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PlanPage page(&document);
        QSignalSpy shown(&page, &PlanPage::planShown);
        page.run();
        page.cancel(); // long before CBC can finish: it stops with the greedy start it was given
        QVERIFY(shown.wait(60000));
        QVERIFY2(page.status()->text().contains(QStringLiteral("cancelled")), qPrintable(page.status()->text()));
        QVERIFY(page.status()->text().contains(QStringLiteral("0 violated")));
        QVERIFY(page.purchases()->rowCount() > 0);
    }

    void aFleetWithScenariosOpenedLaterIsReadyToPlan()
    {
        FleetDocument document; // empty at first, as when the window opens before the file
        PlanPage page(&document);
        QVERIFY(page.status()->text().contains(QStringLiteral("no scenarios")));
        document.reset(fw::core::sampleFleet());
        QVERIFY2(page.status()->text().startsWith(QStringLiteral("Press Plan")), qPrintable(page.status()->text()));
    }

    void anEditMarksTheShownPlanOutOfDate()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PlanPage page(&document);
        QSignalSpy shown(&page, &PlanPage::planShown);
        page.run();
        auto company = document.fleet().company;
        company.hqCountry = "CN"; // while the plan runs: its result is out of date when it arrives
        document.changeCompany(company);
        QVERIFY(shown.wait(60000));
        QVERIFY(page.isStale());
        QVERIFY2(page.status()->text().startsWith(QStringLiteral("<b>Out of date")), qPrintable(page.status()->text()));
        page.run();
        QVERIFY(shown.wait(60000));
        QVERIFY(!page.isStale());
        QVERIFY(page.status()->text().startsWith(QStringLiteral("Status")));
        document.undoStack()->undo();
        QVERIFY(page.isStale());
        QVERIFY(page.status()->text().startsWith(QStringLiteral("<b>Out of date")));
    }

    void aNewerRunReplacesTheOlderOne()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PlanPage page(&document);
        QSignalSpy shown(&page, &PlanPage::planShown);
        page.run();
        page.scenarioPicker()->setCurrentIndex(1);
        page.run(); // while the first is running: only this one is shown
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning() && shown.size() == 1, 60000);
        QTest::qWait(200);
        QCOMPARE(shown.size(), 1);
        QVERIFY(page.status()->text().contains(QStringLiteral("Status")));
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PlanPageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "planpage_test.moc"
