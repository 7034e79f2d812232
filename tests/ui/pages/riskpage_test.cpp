// SPDX-License-Identifier: Apache-2.0
#include <QAbstractBarSeries>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>
#include <QValueAxis>

#include "core/report/figuretext.h"
#include "core/report/risksection.h"

#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/jobs/reportjob.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/pages/riskpage.h"
#include "ui/widgets/problemlabel.h"

using namespace fw::ui;

namespace {

QString refusal(QWidget& page)
{
    auto* label = page.findChild<ProblemLabel*>();
    return label ? label->problem() : QString();
}

/// The US sample cut to its first year and its first site, with two events inside the year: four
/// futures (the whole tree), each a plan solved in under a second, so that even under a sanitizer on a
/// busy machine every run here ends well inside QtTest's five minutes.
fw::core::Fleet smallRiskFleet()
{
    auto fleet = fw::core::sampleFleet();
    auto& s = fleet.scenarios.front();
    s.quarters = 4;
    s.sites.resize(1); // Texas
    s.trainingRuns.clear();
    auto& events = s.uncertainty.events;
    events.resize(2); // the efficiency shock and the NVIDIA price cut
    for (auto& e : events) {
        e.from = s.firstQuarter.plus(2);
    }
    return fleet;
}

/// smallRiskFleet with its first event only (two futures) and two quarters of recourse after the first year.
fw::core::Fleet oneEventFleet()
{
    auto fleet = smallRiskFleet();
    fleet.scenarios.front().quarters = 6;
    fleet.scenarios.front().uncertainty.events.resize(1);
    return fleet;
}

/// The page set to plan robustly over both futures by progressive hedging, 30 s a solve.
void hedgeTwoFutures(RiskPage& page)
{
    page.futures()->setValue(2);
    page.timeLimit()->setValue(30);
    page.method()->setCurrentIndex(page.method()->findText(QStringLiteral("Progressive hedging")));
}

} // namespace

class RiskPageTest : public QObject {
    Q_OBJECT
private slots:
    void theEventsTablePassesTheModelTesterAndFollowsTheScenario()
    {
        FleetDocument document;
        RiskPage page(&document);
        QAbstractItemModelTester tester(page.events(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(page.events()->rowCount(), 0); // no scenario yet
        document.reset(fw::core::sampleFleet());
        QCOMPARE(page.events()->rowCount(), 3); // the US sample's three events
        QCOMPARE(page.events()->data(page.events()->index(1, 0)).toString(), QStringLiteral("NVIDIA price cut"));
        QCOMPARE(page.events()->data(page.events()->index(1, 2)).toString(), QStringLiteral("vendor price"));
        QCOMPARE(page.events()->data(page.events()->index(1, 3)).toString(), QStringLiteral("NVIDIA"));
        QCOMPARE(page.events()->data(page.events()->index(1, 4)).toString(), QStringLiteral("2027Q3"));
        // A licence requirement has no multiplier: the cell is empty, not 1.
        QCOMPARE(page.events()->data(page.events()->index(2, 5)).toString(), QString());
        document.setCurrentScenario(1); // the China-HQ sample has one: a rule tightening on renting
        QCOMPARE(page.events()->rowCount(), 1);
        QCOMPARE(page.events()->data(page.events()->index(0, 2)).toString(), QStringLiteral("remote access licence"));
        QCOMPARE(page.events()->data(page.events()->index(0, 3)).toString(), QStringLiteral("CN"));
        QVERIFY(page.events()->addRow(0));
        QCOMPARE(page.events()->rowCount(), 2);
        document.undoStack()->undo();
        QCOMPARE(page.events()->rowCount(), 1);
    }

    void anEditIsOneUndoStepAndABadValueIsRefused()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        RiskPage page(&document);
        auto* events = page.events();
        const auto before = document.fleet();
        QVERIFY(events->setData(events->index(1, 1), QStringLiteral("0.55")));
        QCOMPARE(document.scenario().uncertainty.events[1].probability, 0.55);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit event NVIDIA price cut Probability"));
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), before);
        document.undoStack()->redo();
        QCOMPARE(document.scenario().uncertainty.events[1].probability, 0.55);
        document.undoStack()->undo();

        // A probability above 1, a quarter outside the horizon, an unknown kind, a site that is not one.
        QVERIFY(!events->setData(events->index(1, 1), QStringLiteral("1.5")));
        QVERIFY2(refusal(page).startsWith(QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: event “NVIDIA "
                                                         "price cut”, probability: 1.5")),
                 qPrintable(refusal(page)));
        QVERIFY(!events->setData(events->index(1, 4), QStringLiteral("2035Q1")));
        QVERIFY2(refusal(page).contains(QStringLiteral("outside the horizon 2027Q1–2029Q4")),
                 qPrintable(refusal(page)));
        QVERIFY(!events->setData(events->index(1, 4), QStringLiteral("soon")));
        QVERIFY2(refusal(page).contains(QStringLiteral("“soon” is not a quarter")), qPrintable(refusal(page)));
        QVERIFY(!events->setData(events->index(1, 2), QStringLiteral("meteor")));
        QVERIFY2(refusal(page).contains(QStringLiteral("“meteor” is not demand, vendor price")),
                 qPrintable(refusal(page)));
        QVERIFY(!events->setData(events->index(2, 5), QStringLiteral("2")));
        QVERIFY2(refusal(page).contains(QStringLiteral("a licence required event has no multiplier")),
                 qPrintable(refusal(page)));
        QCOMPARE(document.fleet(), before);

        // Another kind starts from what that kind applies to: a power delay of the first site, 1 quarter.
        QVERIFY(events->setData(events->index(0, 2), QStringLiteral("power delay")));
        const auto& delay = document.scenario().uncertainty.events[0];
        QCOMPARE(delay.kind, std::string("power_delay"));
        QCOMPARE(delay.target, document.scenario().sites.front().name);
        QCOMPARE(delay.quarters, 1);
        QVERIFY(!events->setData(events->index(0, 3), QStringLiteral("Atlantis")));
        QVERIFY2(refusal(page).contains(QStringLiteral("“Atlantis” is not a site of the scenario")) ||
                     refusal(page).contains(QStringLiteral("\"Atlantis\" is not a site of the scenario")),
                 qPrintable(refusal(page)));
        // A delay has no quarter to start from; a part's performance may step from one.
        QVERIFY(!events->setData(events->index(0, 4), QStringLiteral("2028Q2")));
        QVERIFY2(refusal(page).contains(QStringLiteral("quarter: it holds for the whole horizon")),
                 qPrintable(refusal(page)));
        QVERIFY(events->setData(events->index(0, 2), QStringLiteral("part performance")));
        QCOMPARE(events->data(events->index(0, 4)).toString(), QStringLiteral("2028Q1")); // the demand drop's
        QVERIFY(events->setData(events->index(0, 4), QStringLiteral("2028Q2")));
        QCOMPARE(document.scenario().uncertainty.events[0].from.toString(), std::string("2028Q2"));
    }

    void aPriceCutMayFollowASuccessorsLaunch()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        RiskPage page(&document);
        auto* events = page.events();
        // The sample's NVIDIA price cut (from 2027Q3) comes with the GB200 NVL72 instead: one undo step.
        QVERIFY(events->setData(events->index(1, 4), QStringLiteral("Launch of GB200 NVL72")));
        QCOMPARE(document.scenario().uncertainty.events[1].fromLaunchOf, std::string("GB200 NVL72"));
        QCOMPARE(events->data(events->index(1, 4)).toString(), QStringLiteral("launch of GB200 NVL72"));
        QVERIFY(!events->setData(events->index(1, 4), QStringLiteral("launch of Rubin NVL144")));
        QVERIFY2(refusal(page).contains(QStringLiteral("is not a new offer of the market")), qPrintable(refusal(page)));
        // A quarter again drops the launch; a demand change cannot follow one.
        QVERIFY(events->setData(events->index(1, 4), QStringLiteral("2028q1")));
        QCOMPARE(document.scenario().uncertainty.events[1].fromLaunchOf, std::string());
        QCOMPARE(events->data(events->index(1, 4)).toString(), QStringLiteral("2028Q1"));
        QVERIFY(!events->setData(events->index(0, 4), QStringLiteral("launch of GB200 NVL72")));
        QVERIFY2(refusal(page).contains(QStringLiteral("a demand event has no launch to follow")),
                 qPrintable(refusal(page)));
        // A part's software gain may follow one too, and keeps it when chosen as the kind.
        QVERIFY(events->setData(events->index(1, 4), QStringLiteral("launch of GB200 NVL72")));
        QVERIFY(events->setData(events->index(1, 2), QStringLiteral("part software efficiency")));
        QCOMPARE(document.scenario().uncertainty.events[1].kind, std::string("part_software_efficiency"));
        QCOMPARE(events->data(events->index(1, 4)).toString(), QStringLiteral("launch of GB200 NVL72"));
        QVERIFY(events->setData(events->index(1, 3), QStringLiteral("GB200 NVL72")));
        // Following a launch, then another kind: it starts in the horizon's first quarter.
        QVERIFY(events->setData(events->index(1, 4), QStringLiteral("launch of GB200 NVL72")));
        QVERIFY(events->setData(events->index(1, 2), QStringLiteral("demand")));
        QCOMPARE(events->data(events->index(1, 4)).toString(), QStringLiteral("2027Q1"));
        for (int edit = 0; edit < 7; ++edit) {
            document.undoStack()->undo();
        }
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
    }

    void assessRiskRunsInTheBackgroundAndShowsTheDistribution()
    {
        FleetDocument document;
        document.reset(smallRiskFleet());
        RiskPage page(&document);
        page.futures()->setValue(4);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run();
        QVERIFY(page.isRunning());
        QVERIFY(!page.assessButton()->isEnabled());
        QVERIFY(finished.wait(180000));
        const auto run = page.currentRun();
        QVERIFY2(run, qPrintable(page.status()->text()));
        QVERIFY(run->plannedHere); // no plan on the Plan page: the page planned the scenario first
        QCOMPARE(document.plans()->find(document.fleet(), document.scenario()).run, run->plan);
        const auto& risk = run->risk;
        QCOMPARE(risk.futures.size(), std::size_t{4}); // 2 events: the whole tree
        double probability = 0.0;
        for (const auto& f : risk.futures) {
            probability += f.probability;
        }
        QVERIFY(std::abs(probability - 1.0) < 1e-9);
        QVERIFY(risk.p5Usd <= risk.p50Usd && risk.p50Usd <= risk.p95Usd && risk.p95Usd <= risk.cvarUsd + 1e-6);
        QVERIFY(page.status()->text().contains(QStringLiteral("Expected NPV cost")));
        QVERIFY(page.figures()->toPlainText().contains(QStringLiteral("95th percentile")));
        // The histogram: one bar set whose probabilities add up to 100 %.
        auto* chart = page.histogram()->chart();
        QVERIFY(chart != nullptr && !chart->series().isEmpty());
        auto* bars = qobject_cast<QAbstractBarSeries*>(chart->series().front());
        QVERIFY(bars != nullptr);
        QCOMPARE(bars->barSets().size(), 1);
        double shown = 0.0;
        for (int i = 0; i < bars->barSets().front()->count(); ++i) {
            shown += bars->barSets().front()->at(i);
        }
        QVERIFY2(std::abs(shown - 100.0) < 1e-6, qPrintable(QString::number(shown)));
        // The report made from that run has the risk section, with the same figures.
        ReportRequest request;
        request.sensitivity = false;
        request.risk = run;
        const auto report = buildReport(document.fleet(), request, nullptr);
        const auto section = std::find_if(report.sections.begin(), report.sections.end(),
                                          [](const auto& s) { return s.heading.ends_with("Risk across the futures"); });
        QVERIFY(section != report.sections.end());
        QCOMPARE(section->tables.front().rows, fw::core::report::uncertainEventsTable(document.scenario()).rows);
        QCOMPARE(section->tables[1].rows, fw::core::report::riskFiguresTable(risk).rows);
        // An edit makes the figures out of date; its undo makes them current again.
        QVERIFY(page.events()->setData(page.events()->index(0, 1), QStringLiteral("0.9")));
        QVERIFY(!page.currentRun());
        QVERIFY(page.status()->text().startsWith(QStringLiteral("Out of date")));
        document.undoStack()->undo();
        QVERIFY(page.currentRun());

        // Cancel: no figures, and the reason says so.
        page.run();
        page.cancel();
        QVERIFY(finished.wait(180000));
        QVERIFY(!page.currentRun());
        QVERIFY2(page.status()->text().contains(QStringLiteral("cancelled")), qPrintable(page.status()->text()));
        QVERIFY(page.assessButton()->isEnabled());
    }

    void theFansShowThePercentilesOfCapacityAndPowerPerQuarter()
    {
        FleetDocument document;
        document.reset(smallRiskFleet());
        RiskPage page(&document);
        page.futures()->setValue(4);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run();
        QVERIFY(finished.wait(180000));
        const auto run = page.currentRun();
        QVERIFY2(run, qPrintable(page.status()->text()));
        const auto& risk = run->risk;
        const auto& sc = document.scenario();
        QCOMPARE(risk.fans.size(), 1 + sc.inferenceClasses.size() + sc.sites.size());
        QCOMPARE(page.fanSelector()->count(), static_cast<int>(risk.fans.size()));
        QCOMPARE(page.fanSelector()->itemText(0), QStringLiteral("Training: capacity vs demand"));
        for (int i = 0; i < page.fanSelector()->count(); ++i) {
            page.fanSelector()->setCurrentIndex(i);
            const auto& fan = risk.fans[static_cast<std::size_t>(i)];
            const double scale = fan.measure == fw::core::plan::FanMeasure::Inference ? 1e6 : 1.0; // million tokens/s
            auto* chart = page.fanChart()->chart();
            QVERIFY(chart != nullptr);
            QVERIFY2(chart->title().contains(QString::fromStdString(fan.name)) ||
                         fan.measure == fw::core::plan::FanMeasure::Training,
                     qPrintable(chart->title()));
            // Two bands, the median, the reference's median, and its 5th and 95th where they differ.
            const bool varies = fan.bound.p5 != fan.bound.p95;
            QCOMPARE(chart->series().size(), varies ? 6 : 4);
            auto* outer = qobject_cast<QAreaSeries*>(chart->series()[0]);
            auto* inner = qobject_cast<QAreaSeries*>(chart->series()[1]);
            auto* median = qobject_cast<QLineSeries*>(chart->series()[2]);
            auto* reference = qobject_cast<QLineSeries*>(chart->series()[3]);
            QVERIFY(outer && inner && median && reference);
            const auto p95 = outer->upperSeries()->points();
            const auto p5 = outer->lowerSeries()->points();
            const auto p75 = inner->upperSeries()->points();
            const auto p25 = inner->lowerSeries()->points();
            const auto p50 = median->points();
            QCOMPARE(p50.size(), sc.quarters);
            for (int t = 0; t < sc.quarters; ++t) {
                const auto q = static_cast<std::size_t>(t);
                QVERIFY(p5[t].y() <= p25[t].y() && p25[t].y() <= p50[t].y());
                QVERIFY(p50[t].y() <= p75[t].y() && p75[t].y() <= p95[t].y());
                QCOMPARE(p5[t].y(), fan.value.p5[q] / scale);
                QCOMPARE(p50[t].y(), fan.value.p50[q] / scale);
                QCOMPARE(p95[t].y(), fan.value.p95[q] / scale);
                QCOMPARE(reference->points()[t].y(), fan.bound.p50[q] / scale);
            }
            auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).front());
            QVERIFY(y != nullptr);
            QVERIFY2(!y->titleText().isEmpty(), qPrintable(chart->title()));
            QVERIFY(y->max() >= fan.value.p95.back() / scale);
        }
        // The efficiency shock cuts training demand from the third quarter in 30 % of the futures:
        // the demand is a fan too (dotted 5th and 95th).
        const auto& training = risk.fans.front();
        QVERIFY(training.bound.p5.back() < training.bound.p95.back());
        QCOMPARE(training.bound.p5.front(), training.bound.p95.front());
        page.fanSelector()->setCurrentIndex(0);
        QCOMPARE(page.fanChart()->chart()->series().size(), 6);
    }

    void solveRobustPlanShowsTheClassicFiguresAndWhatItBuysDifferently()
    {
        // One event (two futures) and 5 s a solve: the stochastic plan stops at its time limit, and the
        // figures below hold for whatever the search found.
        auto fleet = smallRiskFleet();
        fleet.scenarios.front().uncertainty.events.resize(1);
        FleetDocument document;
        document.reset(fleet);
        RiskPage page(&document);
        page.futures()->setValue(2);
        page.timeLimit()->setValue(5);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run(true);
        QVERIFY(!page.robustButton()->isEnabled());
        QVERIFY(finished.wait(180000));
        const auto run = page.currentRun();
        QVERIFY2(run && run->robust, qPrintable(page.status()->text()));
        const auto& r = *run->robust;
        // The classic figures as Birge and Louveaux define them, as the page and the report show them.
        QCOMPARE(r.figures.vssUsd, r.figures.eevUsd - r.figures.rpUsd);
        QCOMPARE(r.figures.evpiUsd, r.figures.rpUsd - r.figures.wsUsd);
        QVERIFY(r.figures.wsUsd <= r.figures.rpUsd + 1e-6 * r.figures.rpUsd);
        const QString text = page.figures()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("VSS = EEV − RP")));
        QVERIFY(text.contains(QString::fromStdString(fw::core::report::usd(r.figures.vssUsd))));
        const auto hedges = fw::core::report::hedgeTable(*run->plan->model, run->risk.frozen, r);
        QVERIFY(hedges.rows.empty() ? text.contains(QStringLiteral("decides the same first year"))
                                    : text.contains(QString::fromStdString(hedges.title)));
    }

    void progressiveHedgingShowsItsIterationsAsProgressAndCancels()
    {
        FleetDocument document;
        document.reset(oneEventFleet());
        RiskPage page(&document);
        hedgeTwoFutures(page);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run(true);
        // The page's ticker shows each hedging iteration as it ends; Cancel stops before the next.
        QTRY_VERIFY_WITH_TIMEOUT(page.status()->text().startsWith(QStringLiteral("Progressive hedging: iteration")),
                                 300000);
        QVERIFY2(page.status()->text().contains(QStringLiteral("residual")), qPrintable(page.status()->text()));
        QVERIFY2(!page.status()->text().contains(QStringLiteral("value at risk")), qPrintable(page.status()->text()));
        page.cancel();
        QVERIFY(finished.wait(300000));
        QVERIFY(!page.currentRun());
        QVERIFY2(page.status()->text().contains(QStringLiteral("progressive hedging cancelled at iteration")),
                 qPrintable(page.status()->text()));
        QVERIFY(page.robustButton()->isEnabled());
    }

    void progressiveHedgingStopsAtTheIterationLimitItIsGiven()
    {
        FleetDocument document;
        document.reset(oneEventFleet());
        RiskPage page(&document);
        // Its fields are progressive hedging's alone, from its defaults.
        QVERIFY(!page.hedgingIterations()->isEnabled());
        QCOMPARE(page.hedgingIterations()->value(), fw::core::plan::HedgingOptions{}.iterationLimit);
        QCOMPARE(page.rhoMultiplier()->value(), fw::core::plan::HedgingOptions{}.rhoMultiplier);
        QCOMPARE(page.slamAfter()->value(), fw::core::plan::HedgingOptions{}.slamAfter);
        QCOMPARE(page.boundEvery()->value(), fw::core::plan::HedgingOptions{}.boundEvery);
        QVERIFY(!page.boundEvery()->isEnabled());
        QCOMPARE(page.nodeLimit()->value(), 0); // none: the time limit alone, as the CLI's default
        hedgeTwoFutures(page);
        QVERIFY(page.hedgingIterations()->isEnabled() && page.rhoMultiplier()->isEnabled() &&
                page.slamAfter()->isEnabled() && page.boundEvery()->isEnabled());
        page.hedgingIterations()->setValue(2);
        page.boundEvery()->setValue(5);
        page.nodeLimit()->setValue(100000);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run(true);
        QVERIFY(finished.wait(600000));
        QVERIFY2(page.currentRun() && page.currentRun()->robust, qPrintable(page.status()->text()));
        // Iteration 0 (each future alone) and the two iterations allowed; the Lagrangian bound at the last
        // alone (every 5th and the last), so iteration 1 makes no bound solve.
        const auto& hedging = page.currentRun()->robust->hedging;
        QCOMPARE(hedging.iterations.size(), std::size_t{3});
        QCOMPARE(hedging.iterations.back().iteration, 2);
        QCOMPARE(hedging.iterations[1].boundSolves, 0);
        QCOMPARE(hedging.iterations[2].boundSolves, 2);
    }

    void progressiveHedgingUnderMeanCvarShowsTheValueAtRisksResidual()
    {
        // The CVaR weight applies to either method; under it the futures also agree on the value at risk.
        FleetDocument document;
        document.reset(oneEventFleet());
        RiskPage page(&document);
        hedgeTwoFutures(page);
        page.cvarWeight()->setValue(0.5);
        QVERIFY(page.cvarWeight()->isEnabled());
        QCOMPARE(page.cvarWeight()->value(), 0.5);
        QSignalSpy finished(&page, &RiskPage::finished);
        page.run(true);
        QTRY_VERIFY_WITH_TIMEOUT(page.status()->text().contains(QStringLiteral("value at risk's")), 300000);
        page.cancel();
        QVERIFY(finished.wait(300000));
        QVERIFY(!page.currentRun());
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    RiskPageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "riskpage_test.moc"
