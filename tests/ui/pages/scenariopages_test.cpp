// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

#include "core/compliance/rulelibrary.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/jobs/planrun.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/pages/demandpage.h"
#include "ui/pages/fleetpage.h"
#include "ui/pages/marketpage.h"
#include "ui/pages/policypage.h"
#include "ui/pages/sitespage.h"
#include "ui/widgets/problemlabel.h"
#include "ui/widgets/scenariobar.h"
#include "ui/widgets/scenariotableview.h"

using namespace fw::ui;

namespace {

/// The refusal shown on `page` (its ProblemLabel), or empty when none is shown.
QString refusal(QWidget& page)
{
    auto* label = page.findChild<ProblemLabel*>();
    return label ? label->problem() : QString();
}

} // namespace

class ScenarioPagesTest : public QObject {
    Q_OBJECT
private slots:
    void everyTableModelPassesTheModelTester()
    {
        FleetDocument document;
        SitesPage sites(&document);
        FleetPage fleet(&document);
        DemandPage demand(&document);
        MarketPage market(&document);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
                 sites.sites(), sites.power(), fleet.installed(), demand.demand(), demand.inferenceClasses(),
                 demand.runs(), market.offers(), market.prices(), market.supplies(), market.cloudOffers()}) {
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        QCOMPARE(sites.sites()->rowCount(), 0); // no scenario yet
        document.reset(fw::core::sampleFleet());
        QCOMPARE(sites.sites()->rowCount(), 4);
        QCOMPARE(sites.power()->rowCount(), 12); // 2027Q1–2029Q4 down, the sites across
        QCOMPARE(sites.power()->columnCount(), 4);
        QCOMPARE(sites.power()->headerData(0, Qt::Vertical).toString(), QStringLiteral("2027Q1"));
        QCOMPARE(sites.power()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Norway"));
        QCOMPARE(demand.demand()->rowCount(), 12);
        QCOMPARE(market.offers()->rowCount(), 5); // four new offers and a used one
        QCOMPARE(fleet.installed()->rowCount(), 2);
        // Another scenario reshapes every table; the testers check the resets.
        document.setCurrentScenario(1);
        QCOMPARE(sites.sites()->rowCount(), static_cast<int>(document.scenario().sites.size()));
        QVERIFY(sites.sites()->addRow(0));
        QVERIFY(market.offers()->removeRow(0));
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
    }

    void badValuesAreRefusedWithTheReasonAndNothingChanges()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        SitesPage page(&document);
        const auto before = document.fleet();
        auto* sites = page.sites();
        auto* power = page.power();
        QVERIFY(!sites->setData(sites->index(1, 2), QStringLiteral("abc"))); // text in the PUE column
        QCOMPARE(refusal(page), QStringLiteral("Not applied: site Norway, PUE: “abc” is not a number"));
        QVERIFY(!sites->setData(sites->index(1, 2), QStringLiteral("0.9")));
        // The reason names the row and field as the page does, not as the file's JSON path.
        QCOMPARE(refusal(page),
                 QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: site “Norway”, PUE: 0.9 is below 1"));
        QVERIFY(!power->setData(power->index(3, 0), QStringLiteral("-5")));
        QCOMPARE(refusal(page), QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: site “Texas”, power "
                                               "(MW) in 2027Q4: -5 is negative; must be ≥ 0"));
        QVERIFY(!sites->setData(sites->index(0, 1), QStringLiteral("USA")));
        QVERIFY(refusal(page).contains(QStringLiteral("\"USA\" is not an ISO 3166-1 alpha-2 code")));
        QVERIFY(!sites->setData(sites->index(0, 0), QStringLiteral("Norway")));
        QVERIFY(refusal(page).contains(QStringLiteral("site \"Norway\" appears twice")));
        QCOMPARE(document.fleet(), before);
        QVERIFY(!document.isModified());

        QVERIFY(sites->setData(sites->index(1, 2), QStringLiteral("1.2")));
        QVERIFY(refusal(page).isEmpty()); // an applied edit clears the refusal
        QCOMPARE(document.scenario().sites[1].pue, 1.2);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit site Norway PUE"));
    }

    void aSiteRenameCarriesItsInstalledFleetAndARampEditKeepsEarlierQuarters()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        SitesPage page(&document);
        QVERIFY(page.sites()->setData(page.sites()->index(0, 0), QStringLiteral("Abilene")));
        QCOMPARE(document.scenario().installed[0].site, std::string("Abilene"));
        // Norway's ramp is 4, 4, 6, 6, 7 and then repeats: editing 2029Q1 spells the rest out.
        QVERIFY(page.power()->setData(page.power()->index(8, 1), QStringLiteral("12")));
        const auto& norway = document.scenario().sites[1];
        QCOMPARE(norway.availableMw(4), 7.0);
        QCOMPARE(norway.availableMw(8), 12.0);
        QCOMPARE(norway.availableMw(11), 7.0);
        QVERIFY(page.sites()->setData(page.sites()->index(3, 4), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(document.scenario().sites[3].liquidCooling);
    }

    void aPastedBlockIsOneUndoStepAndOneBadCellRefusesIt()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        SitesPage page(&document);
        // Quarters down, sites across: a block of two quarters for the last two sites.
        auto* view = page.powerView();
        view->setCurrentIndex(page.power()->index(0, 2));
        QVERIFY(view->pasteText(QStringLiteral("1\t2\r\n3\t4\r\n5\t6\r\n")));
        QCOMPARE(document.scenario().sites[2].availableMw(0), 1.0);
        QCOMPARE(document.scenario().sites[3].availableMw(0), 2.0);
        QCOMPARE(document.scenario().sites[2].availableMw(2), 5.0);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Paste 6 cell(s)"));
        view->setCurrentIndex(page.power()->index(0, 0));
        const auto before = document.fleet();
        QVERIFY(!view->pasteText(QStringLiteral("7\nseven")));
        QCOMPARE(refusal(page), QStringLiteral("Not applied: quarter 2027Q2, Texas: “seven” is not a number"));
        view->setCurrentIndex(page.power()->index(10, 3));
        QVERIFY(!view->pasteText(QStringLiteral("1\n2\n3")));
        QVERIFY(refusal(page).contains(QStringLiteral("does not fit")));
        QCOMPARE(document.fleet(), before);
        // What Ctrl+C copies is what Ctrl+V takes back.
        view->selectionModel()->select(QItemSelection(page.power()->index(0, 2), page.power()->index(2, 3)),
                                       QItemSelectionModel::ClearAndSelect);
        QCOMPARE(view->selectionText(), QStringLiteral("1\t2\n3\t4\n5\t6"));
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
    }

    void typingIntoACellMergesIntoOneUndoStep()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        DemandPage page(&document);
        auto* demand = page.demand();
        QVERIFY(demand->setData(demand->index(0, 0), QStringLiteral("3")));
        QVERIFY(demand->setData(demand->index(0, 0), QStringLiteral("35")));
        QVERIFY(demand->setData(demand->index(0, 0), QStringLiteral("350")));
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.scenario().demand[0].trainingPflops, 350.0);
        QCOMPARE(document.scenario().demand[1].trainingPflops, 500.0); // the next quarter is untouched
        // The largest job, part of the training demand: refused above it, one undo step below it.
        QVERIFY(!demand->setData(demand->index(0, 2), QStringLiteral("400")));
        QCOMPARE(refusal(page),
                 QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: demand in 2027Q1, largest "
                                "training job (PFLOP/s): 400 is above the quarter's training demand "
                                "(contracted and forecast, 350): the job is part of it"));
        QVERIFY(demand->setData(demand->index(0, 2), QStringLiteral("200")));
        QCOMPARE(document.scenario().demand[0].largestTrainingJobPflops, 200.0);
        document.undoStack()->undo();
        QCOMPARE(document.scenario().demand[0].largestTrainingJobPflops, 0.0);
        QCOMPARE(document.scenario().demand[0].trainingPflops, 350.0);
        // With forecast training on top, the same job is part of the demand.
        QVERIFY(demand->setData(demand->index(0, 1), QStringLiteral("100")));
        QVERIFY(demand->setData(demand->index(0, 2), QStringLiteral("400")));
        QCOMPARE(document.scenario().demand[0].forecastTrainingPflops, 100.0);
        QCOMPARE(document.scenario().demand[0].largestTrainingJobPflops, 400.0);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QVERIFY(!page.inferenceClasses()->setData(page.inferenceClasses()->index(0, 1), QStringLiteral("-70e9")));
        QCOMPARE(page.trainingChart()->chart()->series().size(), 1);
        // Named runs: added (before the sample's two), then refused when a value does not stand.
        auto* runs = page.runs();
        QVERIFY(runs->addRow(0));
        QCOMPARE(document.scenario().trainingRuns.size(), std::size_t{3});
        QVERIFY(!runs->setData(runs->index(0, 1), QStringLiteral("2026Q1")));
        QCOMPARE(refusal(page), QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: training run “run 3”, "
                                               "start: 2026Q1 is outside the horizon 2027Q1–2029Q4"));
        QVERIFY(!runs->setData(runs->index(0, 2), QStringLiteral("0")));
        QVERIFY(!runs->setData(runs->index(0, 3), QStringLiteral("long")));
        QVERIFY(runs->setData(runs->index(0, 1), QStringLiteral("2028Q1")));
        QCOMPARE(document.scenario().trainingRuns[0].start.toString(), std::string("2028Q1"));
    }

    void aNamedRunStatedAsWorkShowsItsFlopsAndIsSizedPerFamily()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        DemandPage page(&document);
        auto* runs = page.runs();
        enum Column { Name, Start, Accelerators, Weeks, Flops, Parameters, Tokens, Precision };
        QCOMPARE(runs->columnCount(), Precision + 1);
        // The US sample's two runs are stated as work (data/sample/neocloud-us.json): 5e23 FLOPs in 6
        // weeks, and an 8B model on 15T tokens, 6 × 8e9 × 15e12 = 7.2e23 FLOPs (Kaplan et al. 2020).
        QCOMPARE(runs->data(runs->index(0, Flops)).toString(), QStringLiteral("5e+23"));
        QCOMPARE(runs->data(runs->index(1, Flops)).toString(), QStringLiteral("7.2e+23"));
        QCOMPARE(runs->data(runs->index(1, Flops), Qt::EditRole).toString(), QString()); // derived, not stated
        QVERIFY(runs->data(runs->index(1, Flops), Qt::ToolTipRole).toString().startsWith("6 × parameters × tokens"));
        QCOMPARE(runs->data(runs->index(1, Parameters)).toString(), QStringLiteral("8,000,000,000"));
        QCOMPARE(runs->data(runs->index(1, Tokens), Qt::EditRole).toString(), QStringLiteral("15000000000000"));
        QCOMPARE(runs->data(runs->index(0, Precision)).toString(), QStringLiteral("bf16"));
        for (int r : {0, 1}) { // sized per family by the plan: no "0" accelerators
            QCOMPARE(runs->data(runs->index(r, Accelerators)).toString(), QString());
            QVERIFY(runs->data(runs->index(r, Accelerators), Qt::ToolTipRole)
                        .toString()
                        .startsWith(QStringLiteral("Sized per system family: see the plan")));
            QVERIFY(runs->data(runs->index(r, Weeks), Qt::ToolTipRole).toString().startsWith("The deadline"));
        }

        // Stated as FLOPs instead: parameters and tokens go in the same undo step, and come back with it.
        QVERIFY(runs->setData(runs->index(1, Flops), QStringLiteral("1e24")));
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit run 8B pre-train Training FLOPs"));
        const auto& pretrain = document.scenario().trainingRuns[1];
        QCOMPARE(pretrain.trainingFlops, std::optional<double>(1e24));
        QVERIFY(!pretrain.parameters && !pretrain.tokens);
        QCOMPARE(runs->data(runs->index(1, Flops), Qt::EditRole).toString(), QStringLiteral("1e+24"));
        QCOMPARE(runs->data(runs->index(1, Parameters)).toString(), QString());
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
        document.undoStack()->redo();
        QCOMPARE(document.scenario().trainingRuns[1].flops(), 1e24);
        QVERIFY(!document.scenario().trainingRuns[1].parameters);
        document.undoStack()->undo();

        // A new run, stated in accelerators, entered as FLOPs: its 1,024 accelerators stay as the cluster
        // size given; cleared, the plan sizes it on each family.
        QVERIFY(runs->addRow(0));
        QVERIFY(runs->setData(runs->index(0, Flops), QStringLiteral("2e24")));
        QVERIFY(document.scenario().trainingRuns[0].statedAsWork());
        QCOMPARE(runs->data(runs->index(0, Accelerators), Qt::EditRole).toString(), QStringLiteral("1024"));
        QVERIFY(runs->data(runs->index(0, Accelerators), Qt::ToolTipRole).toString().startsWith("The cluster size"));
        QVERIFY(runs->setData(runs->index(0, Accelerators), QString()));
        QCOMPARE(document.scenario().trainingRuns[0].accelerators, 0);
        QCOMPARE(runs->data(runs->index(0, Accelerators)).toString(), QString());
        // Restated one cell at a time as parameters × tokens, keeping its work: 2e24 / (6 × 1e11) tokens.
        QVERIFY(runs->setData(runs->index(0, Parameters), QStringLiteral("1e11")));
        QVERIFY(!document.scenario().trainingRuns[0].trainingFlops);
        QCOMPARE(document.scenario().trainingRuns[0].tokens.value_or(0.0), 2e24 / 6e11);
        QCOMPARE(document.scenario().trainingRuns[0].flops(), 2e24);
        QVERIFY(runs->setData(runs->index(0, Precision), QStringLiteral(" FP8")));
        QCOMPARE(document.scenario().trainingRuns[0].precision, std::string("fp8"));
        while (document.undoStack()->canUndo()) {
            document.undoStack()->undo();
        }
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
    }

    void aBadRunIsRefusedWithTheCoresMessage()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        DemandPage page(&document);
        auto* runs = page.runs();
        enum Column { Name, Start, Accelerators, Weeks, Flops, Parameters, Tokens, Precision };
        QVERIFY(runs->addRow(0)); // "run 3": 1,024 accelerators for 8 weeks
        const auto before = document.fleet();
        // The messages are plan::checkScenario's (what the CLI says of the same scenario file), in the
        // page's words.
        QVERIFY(!runs->setData(runs->index(1, Flops), QStringLiteral("-5e23")));
        QCOMPARE(refusal(page),
                 QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: training run “post-train "
                                "2027”, training FLOPs: -5e+23 must be > 0"));
        QVERIFY(!runs->setData(runs->index(0, Tokens), QStringLiteral("15e12")));
        QCOMPARE(refusal(page), QStringLiteral("Not applied: scenario “US neocloud 2027-2029”: training run “run 3”, "
                                               "parameters: missing; parameters and tokens go together (6 × N × D "
                                               "FLOPs)"));
        QVERIFY(!runs->setData(runs->index(0, Accelerators), QString())); // stated in accelerators: needs some
        QVERIFY(refusal(page).contains(QStringLiteral("accelerators: 0 must be ≥ 1")));
        QVERIFY(!runs->setData(runs->index(2, Parameters), QStringLiteral("0")));
        QVERIFY(refusal(page).contains(QStringLiteral("training run “8B pre-train”, parameters: 0 must be > 0")));
        QVERIFY(!runs->setData(runs->index(1, Precision), QStringLiteral("fp3")));
        QVERIFY(refusal(page).contains(QStringLiteral("precision 'fp3' is not one of")));
        QVERIFY(!runs->setData(runs->index(1, Flops), QStringLiteral("lots")));
        QCOMPARE(refusal(page),
                 QStringLiteral("Not applied: run post-train 2027, Training FLOPs: “lots” is not a number"));
        QCOMPARE(document.fleet(), before);
    }

    void eachInferenceClassHasItsOwnDemandColumn()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        DemandPage page(&document);
        auto* classes = page.inferenceClasses();
        auto* demand = page.demand();
        const int before = demand->columnCount(); // training, its forecast, the largest job, one per class
        QCOMPARE(before, 3 + static_cast<int>(document.scenario().inferenceClasses.size()));
        QVERIFY(classes->addRow(classes->rowCount()));
        QCOMPARE(demand->columnCount(), before + 1);
        QVERIFY(classes->setData(classes->index(classes->rowCount() - 1, 0), QStringLiteral("code 405B")));
        QCOMPARE(demand->headerData(before, Qt::Horizontal).toString(), QStringLiteral("code 405B\n(tokens/s)"));
        QVERIFY(demand->setData(demand->index(2, before), QStringLiteral("250000")));
        QCOMPARE(document.scenario().demandIn(2).inference(before - 3), 250000.0);
        QCOMPARE(document.scenario().demandIn(1).inference(before - 3), 0.0); // only that quarter
        // A second class with the same name is refused.
        QVERIFY(!classes->setData(classes->index(0, 0), QStringLiteral("code 405B")));
        QVERIFY(refusal(page).contains(QStringLiteral("appears twice")));
        // Removing the first class takes its demand column with it; the new one moves left.
        QVERIFY(classes->removeRow(0));
        QCOMPARE(demand->columnCount(), before);
        QCOMPARE(document.scenario().demandIn(2).inference(before - 4), 250000.0);
        for (int i = 0; i < 4; ++i) {
            document.undoStack()->undo();
        }
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
        // The sample serves its DeepSeek class disaggregated, shown as a check box; unchecking it is
        // one undo step.
        const int disaggregated = classes->columnCount() - 1;
        QCOMPARE(classes->headerData(disaggregated, Qt::Horizontal).toString(), QStringLiteral("Disaggregated"));
        QCOMPARE(classes->data(classes->index(0, disaggregated), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(classes->data(classes->index(1, disaggregated), Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(classes->setData(classes->index(1, disaggregated), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!document.scenario().inferenceClasses[1].disaggregated);
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
    }

    void theMarketPageShowsWhatThePlanRentsAndTheBreakEvenOfOwning()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        MarketPage market(&document);
        QVERIFY(market.rentals()->toPlainText().contains(QStringLiteral("No plan of this scenario yet")));
        const auto rules = fw::core::compliance::RuleLibrary::loadShipped();
        document.plans()->add(planScenario(document.fleet(), document.scenario(), rules, {}));
        // The US sample rents a little training late in its horizon; the break-even of each system the
        // plan buys or could buy at each site, against the cheapest on-demand offer (Lambda's H100).
        const QString text = market.rentals()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Share of capacity rented")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Rent or own: break-even utilisation")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Lambda (US), H100 SXM")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Break-even: the share of a year")), qPrintable(text));
    }

    void cloudOffersAreEditedWithUndoAndABadValueIsRefused()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        MarketPage market(&document);
        auto* cloud = market.cloudOffers();
        QCOMPARE(cloud->rowCount(), 4); // the US sample's neocloud and hyperscaler offers
        QCOMPARE(cloud->data(cloud->index(0, 0)).toString(), QStringLiteral("Lambda"));
        QCOMPARE(cloud->data(cloud->index(0, 6)).toString(), QStringLiteral("on demand"));
        const auto before = document.fleet();
        QVERIFY(cloud->setData(cloud->index(0, 8), QStringLiteral("2.49")));
        QCOMPARE(document.scenario().cloudOffers[0].usdPerHourIn(0), 2.49);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit cloud offer Lambda DGX H100 USD per "
                                                                  "accelerator-hour"));
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), before);
        document.undoStack()->redo();
        QCOMPARE(document.scenario().cloudOffers[0].usdPerHourIn(0), 2.49);
        document.undoStack()->undo();
        // Reserved: a year's term; back to on demand: one quarter.
        QVERIFY(cloud->setData(cloud->index(0, 6), QStringLiteral("reserved, prepaid")));
        QCOMPARE(document.scenario().cloudOffers[0].termQuarters, 4);
        QVERIFY(document.scenario().cloudOffers[0].prepaid);
        QVERIFY(cloud->setData(cloud->index(0, 6), QStringLiteral("on demand")));
        QCOMPARE(document.scenario().cloudOffers[0].termQuarters, 1);
        QVERIFY(!document.scenario().cloudOffers[0].prepaid);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), before);
        // Refused: a region that is not a country code, a term for on demand, a negative price, an
        // unknown SKU, a contract form that is not one.
        QVERIFY(!cloud->setData(cloud->index(0, 4), QStringLiteral("Europe")));
        QVERIFY2(refusal(market).contains(QStringLiteral("cloud offer “Lambda DGX H100”")) &&
                     refusal(market).contains(QStringLiteral("is not an ISO 3166-1 alpha-2 code")),
                 qPrintable(refusal(market)));
        QVERIFY(!cloud->setData(cloud->index(0, 7), QStringLiteral("4")));
        QVERIFY2(refusal(market).contains(QStringLiteral("one quarter at a time")), qPrintable(refusal(market)));
        QVERIFY(!cloud->setData(cloud->index(0, 8), QStringLiteral("-1")));
        QVERIFY2(refusal(market).contains(QStringLiteral("negative")), qPrintable(refusal(market)));
        QVERIFY(!cloud->setData(cloud->index(0, 5), QStringLiteral("TPU v9")));
        QCOMPARE(refusal(market), QStringLiteral("Not applied: cloud offer Lambda DGX H100, SKU: no system or "
                                                 "accelerator “TPU v9” in the catalog"));
        QVERIFY(!cloud->setData(cloud->index(0, 6), QStringLiteral("forever")));
        QCOMPARE(document.fleet(), before);
        // Added and removed, each one step.
        QVERIFY(cloud->addRow(4));
        QCOMPARE(document.scenario().cloudOffers.size(), std::size_t{5});
        QVERIFY(cloud->removeRow(4));
        QCOMPARE(document.scenario().cloudOffers, before.scenarios.front().cloudOffers);
    }

    void aCloudProvidersOwnersAreEditedWithUndoAndABadCountryIsRefused()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        MarketPage market(&document);
        auto* cloud = market.cloudOffers();
        const auto column = [cloud](const QString& title) {
            for (int c = 0; c < cloud->columnCount(); ++c) {
                if (cloud->headerData(c, Qt::Horizontal).toString() == title) {
                    return c;
                }
            }
            return -1;
        };
        const int hq = column(QStringLiteral("HQ"));
        const int parent = column(QStringLiteral("Parent"));
        const int parentHq = column(QStringLiteral("Parent HQ"));
        QVERIFY(hq >= 0 && parent >= 0 && parentHq >= 0);
        const auto before = document.fleet();
        // Lambda (US) taken over by a parent abroad: headquarters, parent and its country, each one
        // undo step; codes typed in lower case are kept in capitals.
        QVERIFY(cloud->setData(cloud->index(0, hq), QStringLiteral("sg")));
        QVERIFY(cloud->setData(cloud->index(0, parent), QStringLiteral(" Example Holdings ")));
        QVERIFY(cloud->setData(cloud->index(0, parentHq), QStringLiteral("ae")));
        const auto& offer = document.scenario().cloudOffers[0];
        QCOMPARE(offer.providerHq, std::string("SG"));
        QCOMPARE(offer.providerParent, std::string("Example Holdings"));
        QCOMPARE(offer.providerParentHq, std::string("AE"));
        QCOMPARE(cloud->data(cloud->index(0, parentHq)).toString(), QStringLiteral("AE"));
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit cloud offer Lambda DGX H100 Parent HQ"));
        document.undoStack()->undo();
        QCOMPARE(document.scenario().cloudOffers[0].providerParentHq,
                 before.scenarios.front().cloudOffers[0].providerParentHq);
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.fleet(), before);
        document.undoStack()->redo();
        QCOMPARE(document.scenario().cloudOffers[0].providerHq, std::string("SG"));
        document.undoStack()->undo();
        // Refused, the file unchanged: a headquarters or a parent's that is not a two-letter code. An
        // empty parent country is the provider's own.
        const int steps = document.undoStack()->count();
        QVERIFY(!cloud->setData(cloud->index(0, hq), QStringLiteral("USA")));
        QVERIFY2(refusal(market).contains(QStringLiteral("cloud offer “Lambda DGX H100”")) &&
                     refusal(market).contains(QStringLiteral("\"USA\" is not an ISO 3166-1 alpha-2 code")),
                 qPrintable(refusal(market)));
        QVERIFY(!cloud->setData(cloud->index(0, hq), QString()));
        QVERIFY(!cloud->setData(cloud->index(0, parentHq), QStringLiteral("U5")));
        QVERIFY2(
            refusal(market).contains(QStringLiteral("provider parent hq: \"U5\" is not an ISO 3166-1 alpha-2 code")),
            qPrintable(refusal(market)));
        QCOMPARE(document.undoStack()->count(), steps);
        QCOMPARE(document.fleet(), before);
        QVERIFY(cloud->setData(cloud->index(0, parentHq), QStringLiteral("CN")));
        QVERIFY(cloud->setData(cloud->index(0, parentHq), QString()));
        QCOMPARE(document.scenario().cloudOffers[0].providerParentHq, std::string());
    }

    void marketAndFleetOnlyTakeCatalogSystems()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        MarketPage market(&document);
        FleetPage fleet(&document);
        QVERIFY(!market.offers()->setData(market.offers()->index(0, 0), QStringLiteral("DGX H900")));
        QCOMPARE(refusal(market),
                 QStringLiteral("Not applied: offer DGX H100, System: no system “DGX H900” in the catalog"));
        QVERIFY(market.offers()->setData(market.offers()->index(0, 1), QStringLiteral("250000")));
        QCOMPARE(document.scenario().market[0].priceUsd, std::vector<double>{250000.0});
        QVERIFY(market.offers()->setData(market.offers()->index(0, 1), QString())); // back to the catalog price
        QVERIFY(document.scenario().market[0].priceUsd.empty());
        // By quarter: the catalog price until a quarter is typed; typing the third writes the series
        // out to the horizon, and the first-quarter column of the offers table follows the series.
        const double catalog = 270000.0; // DGX H100, data/catalog/systems.json
        QCOMPARE(market.prices()->data(market.prices()->index(4, 0), Qt::EditRole).toDouble(), catalog);
        QVERIFY(market.prices()->setData(market.prices()->index(2, 0), QStringLiteral("240000")));
        const auto& prices = document.scenario().market[0].priceUsd;
        QCOMPARE(static_cast<int>(prices.size()), document.scenario().quarters);
        QCOMPARE(prices[0], catalog);
        QCOMPARE(prices[2], 240000.0);
        QCOMPARE(document.scenario().market[0].priceIn(2), std::optional<double>(240000.0));
        QVERIFY(market.offers()->setData(market.offers()->index(0, 1), QStringLiteral("260000")));
        QCOMPARE(document.scenario().market[0].priceUsd[0], 260000.0);
        QCOMPARE(document.scenario().market[0].priceUsd[2], 240000.0);
        QVERIFY(!market.prices()->setData(market.prices()->index(3, 0), QStringLiteral("-5")));
        QVERIFY2(refusal(market).contains(QStringLiteral("offer “DGX H100”, price (USD) in 2027Q4")),
                 qPrintable(refusal(market)));
        QVERIFY(market.supplies()->setData(market.supplies()->index(1, 0), QStringLiteral("0")));
        QCOMPARE(document.scenario().market[0].supplyIn(1), 0);
        QCOMPARE(document.scenario().market[0].supplyIn(0), 60);
        QVERIFY(!market.supplies()->setData(market.supplies()->index(1, 0), QStringLiteral("2.5")));
        // Blanking the first-quarter price would lose the series: refused.
        QVERIFY(!market.offers()->setData(market.offers()->index(0, 1), QString()));
        QVERIFY(refusal(market).contains(QStringLiteral("varies by quarter")));
        // A system without a catalog price: its quarters are blank, and the first price typed fills
        // the quarters before it (never a price of 0).
        QVERIFY(market.offers()->setData(market.offers()->index(1, 0), QStringLiteral("DGX H200")));
        QCOMPARE(market.prices()->data(market.prices()->index(0, 1)).toString(), QString());
        QVERIFY(market.prices()->setData(market.prices()->index(2, 1), QStringLiteral("300000")));
        QCOMPARE(document.scenario().market[1].priceIn(0), std::optional<double>(300000.0));
        QVERIFY(!fleet.installed()->setData(fleet.installed()->index(0, 0), QStringLiteral("Reno")));
        QVERIFY2(refusal(fleet).contains(QStringLiteral("installed “DGX A100” at “Reno”, site: no site \"Reno\"")),
                 qPrintable(refusal(fleet)));
        QVERIFY(!fleet.installed()->setData(fleet.installed()->index(0, 2), QStringLiteral("2.5")));
        QVERIFY(fleet.installed()->setData(fleet.installed()->index(0, 2), QStringLiteral("100")));
        QCOMPARE(fleet.installed()->data(fleet.installed()->index(0, 6)).toString(), QStringLiteral("800"));
        QVERIFY(fleet.installed()->setData(fleet.installed()->index(0, 3), QStringLiteral("4")));
        QVERIFY(fleet.installed()->setData(fleet.installed()->index(0, 4), QStringLiteral("20000")));
        QCOMPARE(document.scenario().installed[0].ageYears, 4.0);
        QCOMPARE(*document.scenario().installed[0].resaleUsd, 20000.0);
        QVERIFY(!fleet.installed()->setData(fleet.installed()->index(0, 4), QStringLiteral("-1")));
        // A price new beside a resale value: refused; in its place: kept.
        QVERIFY(!fleet.installed()->setData(fleet.installed()->index(0, 5), QStringLiteral("150000")));
        QVERIFY2(refusal(fleet).contains(QStringLiteral("give resale value (USD) or price (USD), not both")),
                 qPrintable(refusal(fleet)));
        QVERIFY(fleet.installed()->setData(fleet.installed()->index(0, 4), QString()));
        QVERIFY(fleet.installed()->setData(fleet.installed()->index(0, 5), QStringLiteral("150000")));
        QCOMPARE(*document.scenario().installed[0].priceUsd, 150000.0);
        QVERIFY(!document.scenario().installed[0].resaleUsd);
    }

    void theScenarioBarAddsCopiesRenamesAndDeletesAsUndoSteps()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        ScenarioBar bar(&document);
        const int scenarios = static_cast<int>(document.fleet().scenarios.size());
        QCOMPARE(bar.picker()->count(), scenarios);
        bar.picker()->setCurrentIndex(1);
        QCOMPARE(document.currentScenario(), 1);
        const std::string copied = document.scenario().name;
        // Copy asks for the name (the dialog offers "… copy"); taken names get " (2)".
        bar.copyAs(QString::fromStdString(copied));
        QCOMPARE(document.currentScenario(), scenarios);
        QCOMPARE(document.scenario().name, copied + " (2)");
        QVERIFY(bar.rename(QStringLiteral("Plan B")));
        QCOMPARE(bar.picker()->currentText(), QStringLiteral("Plan B"));
        QVERIFY(!bar.rename(QString::fromStdString(copied))); // taken
        QVERIFY(!bar.rename(QStringLiteral("  ")));           // empty
        document.removeScenario();
        QCOMPARE(static_cast<int>(document.fleet().scenarios.size()), scenarios);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Delete scenario Plan B"));
        while (document.undoStack()->canUndo()) {
            document.undoStack()->undo();
        }
        QCOMPARE(document.fleet(), fw::core::sampleFleet());
        QTest::mouseClick(bar.findChild<QToolButton*>(QStringLiteral("newScenario")), Qt::LeftButton);
        QCOMPARE(document.scenario().name, std::string("New scenario"));
        QCOMPARE(document.scenario().sites.size(), std::size_t{1});
    }

    void thePolicyFormCommitsEachFieldAndRefusesWhatDoesNotParse()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PolicyPage page(&document);
        QCOMPARE(page.budgetTotal()->text(), QStringLiteral("900,000,000"));
        page.budgetTotal()->setText(QStringLiteral("lots"));
        emit page.budgetTotal()->editingFinished();
        QCOMPARE(refusal(page), QStringLiteral("Not applied: “lots” is not a number"));
        QCOMPARE(page.budgetTotal()->text(), QStringLiteral("900,000,000")); // the value that stands
        page.budgetTotal()->setText(QString());
        emit page.budgetTotal()->editingFinished();
        QVERIFY(!document.scenario().policy.budgetUsdTotal); // empty: no limit
        page.firstQuarter()->setText(QStringLiteral("2027Q5"));
        emit page.firstQuarter()->editingFinished();
        QVERIFY(refusal(page).contains(QStringLiteral("is not a quarter like 2027Q1")));
        page.maxVendorShare()->setValue(70.0);
        QCOMPARE(document.scenario().policy.maxVendorShare, 0.7);
        page.quarters()->setValue(8);
        QCOMPARE(document.scenario().quarters, 8);
        page.minVendors()->setValue(2);
        QCOMPARE(document.scenario().policy.minVendors, 2);
        const auto nvidia = page.excludedVendors()->findItems(QStringLiteral("NVIDIA"), Qt::MatchExactly);
        QCOMPARE(nvidia.size(), 1);
        nvidia.front()->setCheckState(Qt::Checked);
        QCOMPARE(document.scenario().policy.excludedVendors, std::vector<std::string>{"NVIDIA"});
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Exclude NVIDIA"));
        document.undoStack()->undo();
        QVERIFY(document.scenario().policy.excludedVendors.empty());
        QCOMPARE(page.excludedVendors()->findItems(QStringLiteral("NVIDIA"), Qt::MatchExactly).front()->checkState(),
                 Qt::Unchecked);
    }

    void theBuyerIsTheCompanysUntilTheScenarioSetsIt()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        PolicyPage page(&document);
        const auto& company = document.fleet().company;
        QCOMPARE(document.scenario().buyer.hqCountry, std::string()); // the US sample: the company's
        QCOMPARE(page.buyerHq()->currentIndex(), 0);
        QCOMPARE(page.buyerHq()->currentText(),
                 QStringLiteral("the company's (%1)").arg(QString::fromStdString(company.hqCountry)));
        const int china = page.buyerHq()->findData(QStringLiteral("CN"));
        QVERIFY(china > 0);
        page.buyerHq()->setCurrentIndex(china);
        emit page.buyerHq()->activated(china);
        QCOMPARE(document.scenario().buyer.hqCountry, std::string("CN"));
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit buyer's headquarters"));
        page.buyerConsignee()->setText(QStringLiteral("  Example Cloud Ltd "));
        emit page.buyerConsignee()->editingFinished();
        QCOMPARE(document.scenario().buyer.consignee, std::string("Example Cloud Ltd"));
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.scenario().buyer, fw::core::plan::Buyer{});
        QCOMPARE(page.buyerHq()->currentIndex(), 0); // the page follows the undo
        QCOMPARE(page.buyerConsignee()->text(), QString());
    }
};

QTEST_MAIN(ScenarioPagesTest)
#include "scenariopages_test.moc"
