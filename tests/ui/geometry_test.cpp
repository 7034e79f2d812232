// SPDX-License-Identifier: Apache-2.0
// The window at 1280×800: every page fits with no table scrolling sideways, and a window geometry
// saved on another (larger, or gone) screen is brought back onto this one.
#include <QAbstractItemView>
#include <QApplication>
#include <QHeaderView>
#include <QListWidget>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "tests/ui/settle.h"
#include "ui/mainwindow.h"
#include "ui/pages/comparepage.h"
#include "ui/pages/compliancepage.h"
#include "ui/pages/planpage.h"
#include "ui/pages/riskpage.h"

using namespace fw::ui;

namespace {

using test::settle;

/// The tables on `page` that are shown now and scroll sideways, with how far.
QStringList tablesScrollingSideways(QWidget* page, const QString& where)
{
    QStringList wide;
    for (auto* view : page->findChildren<QTableView*>()) {
        if (view->isVisibleTo(page) && view->horizontalScrollBar()->maximum() > 0) {
            QStringList columns; // for a failure: what takes the room
            for (int c = 0; c < view->horizontalHeader()->count(); ++c) {
                if (!view->isColumnHidden(c)) {
                    columns << QString::number(view->horizontalHeader()->sectionSize(c));
                }
            }
            wide << QStringLiteral("%1: %2 (%3 px too wide, %4 px shown; columns %5)")
                        .arg(where, view->objectName().isEmpty() ? QString::fromUtf8(view->metaObject()->className())
                                                                 : view->objectName())
                        .arg(view->horizontalScrollBar()->maximum())
                        .arg(view->viewport()->width())
                        .arg(columns.join(QLatin1Char('+')));
        }
    }
    return wide;
}

/// The compliance matrix's cells whose text is wider than their column (Qt would elide it).
QStringList elidedMatrixCells(MainWindow& window)
{
    QStringList elided;
    QTableView* view = window.compliancePage()->matrixView();
    const QFontMetrics metrics(view->font());
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        for (int c = 0; c < view->model()->columnCount(); ++c) {
            const QString text = view->model()->index(r, c).data().toString();
            constexpr int padding = 6; // the item's margins in the Fusion style
            if (metrics.horizontalAdvance(text) + padding > view->columnWidth(c)) {
                elided << QStringLiteral("%1 × %2: “%3” in %4 px")
                              .arg(view->model()->headerData(r, Qt::Vertical).toString(),
                                   view->model()->headerData(c, Qt::Horizontal).toString(), text)
                              .arg(view->columnWidth(c));
            }
        }
    }
    return elided;
}

} // namespace

class GeometryTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyPageFitsTheSmallScreenWithoutSidewaysScrolling()
    {
        MainWindow window;
        window.newSampleFleet();
        window.resize(1280, 800);
        window.show();
        // With a plan and a comparison, so that the Plan and Compare pages have their tables.
        QSignalSpy shown(window.planPage(), &PlanPage::planShown);
        window.planPage()->run();
        QVERIFY(shown.wait(60000));
        ComparePage& compare = *window.comparePage();
        for (int i = 0; i < compare.scenarios()->count(); ++i) {
            compare.scenarios()->item(i)->setCheckState(Qt::Checked);
        }
        QSignalSpy compared(&compare, &ComparePage::compared);
        QVERIFY(compare.compare());
        QVERIFY(compared.wait(120000));
        QSignalSpy assessed(window.riskPage(), &RiskPage::finished); // the Risk page with its figures
        window.riskPage()->run();
        QVERIFY(assessed.wait(120000));
        QVERIFY2(window.minimumSizeHint().width() <= 1280 && window.minimumSizeHint().height() <= 800,
                 qPrintable(QStringLiteral("%1 × %2")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));

        auto* pages = window.findChild<QStackedWidget*>();
        auto* names = window.findChild<QListWidget*>();
        QStringList wide;
        for (int p = 0; p < pages->count(); ++p) {
            window.showPage(p);
            settle();
            QWidget* page = pages->widget(p);
            const QString name = names->item(p)->text();
            QCOMPARE(window.size(), QSize(1280, 800)); // no page makes the window grow
            wide << tablesScrollingSideways(page, name);
            // Every tab of the page too (the catalog's systems, the market's supply …).
            for (auto* tabs : page->findChildren<QTabWidget*>()) {
                for (int t = 0; t < tabs->count() && tabs->isVisibleTo(page); ++t) {
                    tabs->setCurrentIndex(t);
                    settle();
                    wide << tablesScrollingSideways(page, name + QStringLiteral(" / ") + tabs->tabText(t));
                }
                tabs->setCurrentIndex(0);
            }
        }
        QVERIFY2(wide.isEmpty(), qPrintable(wide.join(QLatin1Char('\n'))));
        // The compliance matrix: every cell's code is read whole, none is elided.
        window.showPage(window.compliancePage());
        settle();
        const QStringList elided = elidedMatrixCells(window);
        QVERIFY2(elided.isEmpty(), qPrintable(elided.join(QLatin1Char('\n'))));
    }

    void aSavedGeometryOffTheScreenComesBackOntoIt()
    {
        {
            MainWindow far;
            far.setGeometry(QRect(9000, 7000, 3000, 2000)); // a screen that is gone, larger than this one
            QSettings().setValue(QStringLiteral("window/geometry"), far.saveGeometry());
        }
        MainWindow window;
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY2(available.contains(window.geometry()),
                 qPrintable(QStringLiteral("window %1,%2 %3×%4 on a screen %5×%6")
                                .arg(window.geometry().x())
                                .arg(window.geometry().y())
                                .arg(window.width())
                                .arg(window.height())
                                .arg(available.width())
                                .arg(available.height())));
        // A geometry that fits is kept as it was.
        window.setGeometry(QRect(available.topLeft() + QPoint(10, 10), available.size() / 2));
        const QRect kept = window.geometry();
        window.fitToScreen();
        QCOMPARE(window.geometry(), kept);
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    GeometryTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "geometry_test.moc"
