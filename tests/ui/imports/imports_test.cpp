// SPDX-License-Identifier: Apache-2.0
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ui/document/fleetdocument.h"
#include "ui/imports/importmenu.h"
#include "ui/imports/netboximportdialog.h"

using namespace fw::ui;

namespace {

const QString fixture = QStringLiteral(FW_TEST_SOURCE_DIR "/core/io/netbox");

bool previewed(NetboxImportDialog& dialog)
{
    QSignalSpy finished(&dialog, &NetboxImportDialog::previewFinished);
    dialog.preview();
    return finished.wait(20000) && finished.first().first().toBool();
}

} // namespace

class ImportsTest : public QObject {
    Q_OBJECT
private slots:
    void netboxPreviewThenImportIsOneUndoStep()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        const auto scenariosBefore = document.fleet().scenarios.size();
        NetboxImportDialog dialog(&document);
        dialog.directory()->setText(fixture);
        dialog.map()->setText(fixture + QStringLiteral("/map.csv"));
        QVERIFY(previewed(dialog));
        const QString summary = dialog.summary()->toPlainText();
        QVERIFY2(summary.contains(QStringLiteral("3 sites, 23 accelerator systems installed")), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("Supermicro SYS-821GE-TNHR: 2 devices (role GPU server)")));
        QVERIFY(summary.contains(QStringLiteral("IT power 200 kW (UPS limit) × PUE 1.25 = 0.25 MW facility")));
        QCOMPARE(document.fleet().scenarios.size(), scenariosBefore); // nothing changes before Import
        QVERIFY(dialog.apply());
        QCOMPARE(document.fleet().scenarios.size(), scenariosBefore + 1);
        QCOMPARE(document.scenario().name, std::string("NetBox import"));
        QCOMPARE(document.scenario().sites.size(), std::size_t(3));
        document.undoStack()->undo();
        QCOMPARE(document.fleet().scenarios.size(), scenariosBefore);
    }

    void netboxImportUpdatesAScenarioOfTheSameName()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        const auto name = document.fleet().scenarios.front().name;
        const auto demand = document.fleet().scenarios.front().demand;
        NetboxImportDialog dialog(&document);
        dialog.directory()->setText(fixture);
        dialog.scenarioName()->setText(QString::fromStdString(name));
        QVERIFY(previewed(dialog));
        QVERIFY(dialog.apply());
        QCOMPARE(document.fleet().scenarios.front().sites.size(), std::size_t(3));
        QCOMPARE(document.fleet().scenarios.front().demand, demand); // kept
    }

    void netboxErrorIsShownAndNothingChanges()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        NetboxImportDialog dialog(&document);
        dialog.directory()->setText(QStringLiteral(FW_TEST_SOURCE_DIR "/core/io/netbox-truncated"));
        QSignalSpy finished(&dialog, &NetboxImportDialog::previewFinished);
        dialog.preview();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(dialog.summary()->toPlainText().startsWith(QStringLiteral("Cannot import: ")),
                 qPrintable(dialog.summary()->toPlainText()));
        QVERIFY(!dialog.apply());
        QVERIFY(!document.isModified());
    }

    void tableFromCsvIsOneUndoStepOrARefusal()
    {
        FleetDocument document;
        document.reset(fw::core::sampleFleet());
        const auto before = document.scenario();
        QTemporaryDir dir;
        const QString good = dir.filePath(QStringLiteral("fleet.csv"));
        QFile file(good);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(("site,system,count,age_years\n" + before.sites.front().name + ",DGX H100,12,1.5\n").c_str());
        file.close();
        QCOMPARE(importTableFromCsv(&document, fw::core::io::ScenarioTable::Fleet, good), QString());
        QCOMPARE(document.scenario().installed.size(), std::size_t(1));
        QCOMPARE(document.scenario().installed.front().count, 12);
        document.undoStack()->undo();
        QCOMPARE(document.scenario(), before);

        const QString bad = dir.filePath(QStringLiteral("demand.csv"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("quarter,training_pflops\n2027Q1,lots\n");
        badFile.close();
        const QString problem = importTableFromCsv(&document, fw::core::io::ScenarioTable::Demand, bad);
        QCOMPARE(problem, bad + QStringLiteral(": row 2, column 'training_pflops': \"lots\" is not a number"));
        QCOMPARE(document.scenario(), before);
    }
};

QTEST_MAIN(ImportsTest)
#include "imports_test.moc"
