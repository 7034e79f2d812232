// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include "ui/document/fleetdocument.h"
#include "ui/models/bomtablemodel.h"
#include "ui/pages/topologypage.h"

using namespace fw::ui;

class TopologyPageTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_document = new FleetDocument;
        m_document->reset(fw::core::sampleFleet());
        m_page = new TopologyPage(m_document);
        waitForDesign();
    }

    void cleanup()
    {
        delete m_page;
        delete m_document;
    }

    void designsTheDefault256GpuClusterOffTheGuiThread()
    {
        // 32 nodes × 8 rails at 400G on QM9700 (64 × 400G): 8 leaves, 4 spines, full bisection.
        QAbstractItemModelTester tester(m_page->bomModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->bomModel()->index(0, 0).data().toString(), QStringLiteral("leaf switches"));
        QCOMPARE(m_page->bomModel()->index(0, 1).data().toString(), QStringLiteral("8"));
        QCOMPARE(m_page->bomModel()->index(1, 1).data().toString(), QStringLiteral("4"));
        QCOMPARE(m_page->metric(QStringLiteral("ratio")), QStringLiteral("100.0 %"));
        QCOMPARE(m_page->metric(QStringLiteral("endpoints")), QStringLiteral("256"));
    }

    void aNewSpecificationReplacesTheDesignAndStaleResultsAreDropped()
    {
        QSignalSpy shown(m_page, &TopologyPage::designShown);
        auto spec = m_page->spec();
        spec.nodes = 64;
        m_page->setSpec(spec);
        spec.nodes = 96; // before the first finishes: only the newest is shown
        spec.oversubscription = {3.0, 1.0};
        spec.railOptimised = false;
        spec.rails = 1;
        spec.acceleratorsPerNode = 1;
        spec.tiers = 2;
        m_page->setSpec(spec);
        waitForDesign();
        QCOMPARE(m_page->metric(QStringLiteral("endpoints")), QStringLiteral("96"));
        QCOMPARE(m_page->metric(QStringLiteral("ratio")), QStringLiteral("33.3 %"));
        QCOMPARE(shown.size(), 1);
    }

    void aBadSpecificationShowsTheReason()
    {
        auto spec = m_page->spec();
        spec.acceleratorsPerNode = 4;
        spec.rails = 8;
        m_page->setSpec(spec);
        waitForDesign();
        QVERIFY(!m_page->problem()->isHidden());
        QVERIFY(m_page->problem()->text().contains(QStringLiteral("8 rails need 8 NICs")));
    }

private:
    void waitForDesign() { QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000); }

    FleetDocument* m_document = nullptr;
    TopologyPage* m_page = nullptr;
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TopologyPageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "topologypage_test.moc"
