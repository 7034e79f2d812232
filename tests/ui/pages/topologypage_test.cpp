// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "ui/document/fleetdocument.h"
#include "ui/models/bomtablemodel.h"
#include "ui/pages/topologypage.h"
#include "ui/widgets/fabricdrawing.h"

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

    void showsTheMinimumCutAndTheScalableUnits()
    {
        QCOMPARE(m_page->metric(QStringLiteral("units")), QStringLiteral("none"));
        auto spec = m_page->spec();
        spec.nodes = 31;
        spec.nodesPerUnit = 32;
        spec.managementNodes = 1;
        spec.managementPorts = 4;
        m_page->setSpec(spec);
        waitForDesign();
        QCOMPARE(m_page->metric(QStringLiteral("units")), QStringLiteral("1 × 32 node slots: 31 nodes, 1 management"));
        // One leaf block of 31 nodes: every split is alike, so the minimum is exact.
        QVERIFY(m_page->metric(QStringLiteral("cut")).startsWith(QStringLiteral("within the one leaf block")));
        QVERIFY(m_page->metric(QStringLiteral("cut")).endsWith(QStringLiteral("— exact")));
        QCOMPARE(m_page->metric(QStringLiteral("diversity")), QStringLiteral("32"));
        QCOMPARE(m_page->bomModel()->index(1, 1).data().toString(), QStringLiteral("4")); // spines
    }

    void planesMultiplyTheNicPorts()
    {
        auto spec = m_page->spec();
        spec.nodes = 64;
        spec.planes = 2;
        spec.nicPorts = 2;
        m_page->setSpec(spec);
        waitForDesign();
        QCOMPARE(m_page->metric(QStringLiteral("endpoints")), QStringLiteral("1,024"));
        QCOMPARE(m_page->bomModel()->index(0, 1).data().toString(), QStringLiteral("32"));
    }

    void theDrawingFitsTheViewAt1280By800()
    {
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page));
        ZoomableView* view = m_page->drawing();
        const QRect viewport = view->viewport()->rect();
        QVERIFY2(viewport.width() > 500 && viewport.height() > 150,
                 qPrintable(QStringLiteral("%1×%2").arg(viewport.width()).arg(viewport.height())));
        QVERIFY(fills(view));
        // Zoomed in by the wheel it stays zoomed; Fit brings the whole fabric back.
        QWheelEvent wheel(QPointF(50, 50), view->viewport()->mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, 240),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(!view->isFitting());
        QVERIFY(!fills(view));
        view->fitToView();
        QVERIFY(fills(view));
        m_page->resize(1024, 700);
        QTRY_VERIFY(fills(view));
    }

private:
    /// The whole scene is in view and fills it one way (fit keeps the aspect ratio).
    static bool fills(ZoomableView* view)
    {
        const QRectF shown = view->mapFromScene(view->sceneRect()).boundingRect();
        const QRect viewport = view->viewport()->rect();
        const bool inside = shown.width() <= viewport.width() + 2 && shown.height() <= viewport.height() + 2;
        return inside && (shown.width() >= 0.9 * viewport.width() || shown.height() >= 0.9 * viewport.height());
    }

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
