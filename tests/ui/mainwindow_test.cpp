// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDialog>
#include <QFile>
#include <QImage>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPrintPreviewWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoCommand>
#include <QUrl>

#include <functional>
#include <random>

#include "ui/document/fleetdocument.h"
#include "ui/mainwindow.h"
#include "ui/models/catalogtablemodel.h"
#include "ui/pages/catalogpage.h"

using namespace fw::ui;

namespace {

/// Runs `handle` on the next modal dialog that opens (a message box), from the event loop.
void onNextModal(std::function<void(QMessageBox*)> handle)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, handle] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            handle(box);
        }
    });
    timer->start();
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void previewShowsTheReportPageByPage()
    {
        MainWindow window;
        window.newSampleFleet();
        int pages = -1;
        QTimer poll;
        poll.setInterval(100);
        connect(&poll, &QTimer::timeout, [&pages] {
            for (QWidget* top : QApplication::topLevelWidgets()) {
                if (top->objectName() == QStringLiteral("reportPreview") && top->isVisible()) {
                    if (auto* view = top->findChild<QPrintPreviewWidget*>()) {
                        pages = view->pageCount();
                    }
                    static_cast<QDialog*>(top)->reject();
                }
            }
        });
        poll.start();
        window.previewReport(); // plans in the background, then shows the preview
        QTRY_VERIFY_WITH_TIMEOUT(pages >= 0, 120000);
        QVERIFY2(pages >= 5, qPrintable(QString::number(pages))); // as many as the PDF of the sample
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensTheSampleFleet()
    {
        MainWindow window;
        window.newSampleFleet();
        QCOMPARE(window.catalogPage()->acceleratorView()->model()->rowCount(), 36);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Untitled")));
        QVERIFY(!window.isWindowModified());
        const QChart* chart = window.catalogPage()->chartView()->chart();
        QVERIFY(chart->series().size() >= 5); // one series per vendor
        // The View menu names every page as the list does: "Sites & power" keeps its '&' (doubled,
        // so the menu does not take it as a mnemonic and show "Sites _power").
        QStringList pages;
        for (const QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcut() == QKeySequence(QStringLiteral("Ctrl+3"))) {
                pages << action->text();
            }
        }
        QCOMPARE(pages, QStringList{QStringLiteral("Sites && power")});
    }

    void catalogModelsPassTheModelTester()
    {
        FleetDocument document;
        AcceleratorTableModel accelerators(&document);
        SystemTableModel systems(&document);
        NetworkPartTableModel network(&document);
        QAbstractItemModelTester t1(&accelerators, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&systems, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&network, QAbstractItemModelTester::FailureReportingMode::QtTest);
        document.reset(fw::core::sampleFleet());
        QCOMPARE(accelerators.rowCount(), 36);
        QCOMPARE(systems.rowCount(), 23);
        QCOMPARE(network.rowCount(), 15);
        // Numeric columns sort by number, not by text: "989" must come before "1,307".
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&accelerators);
        proxy.setSortRole(AcceleratorTableModel::SortRole);
        int bf16Column = -1;
        for (int c = 0; c < accelerators.columnCount(); ++c) {
            if (accelerators.columnKey(c) == QStringLiteral("bf16_tflops")) {
                bf16Column = c;
            }
        }
        QVERIFY(bf16Column >= 0);
        proxy.sort(bf16Column, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("WSE-3")); // 62,500 TFLOP/s
        document.reset(fw::core::sampleFleet());
    }

    void exportsAPdfReport()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.newSampleFleet();
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(window.exportReport(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 20'000);
    }

    void exportsThePlanReportInTheBackground()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.newSampleFleet(); // has scenarios: the plan report
        const QString path = dir.filePath(QStringLiteral("plan.pdf"));
        window.exportReportInBackground(path);
        QVERIFY(!QFile::exists(path)); // returned before planning finished
        // The plan and its sensitivity variants: seconds here, minutes under the sanitizers beside other tests.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 240000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        // Several pages (Qt writes each page object as "/Type /Page" on its own line): the plan
        // report, not the one-page catalog report.
        QVERIFY(pdf.count("/Type /Page\n") >= 3);
    }

    void openingRandomBytesShowsTheMessageAndKeepsTheFleet()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("random.fleet"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::mt19937 random(1);
        QByteArray bytes(10'000, '\0');
        for (auto& b : bytes) {
            b = static_cast<char>(random() & 0xFF);
        }
        file.write(bytes);
        file.close();

        MainWindow window;
        window.newSampleFleet();
        QString shown;
        onNextModal([&shown](QMessageBox* box) {
            shown = box->informativeText();
            box->accept();
        });
        QVERIFY(!window.openFile(path));
        QCOMPARE(shown, path + QStringLiteral(": not a fleet database (not an SQLite file)"));
        QCOMPARE(window.catalogPage()->acceleratorView()->model()->rowCount(), 36);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Untitled")));
    }

    void savesAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.fleet"));
        MainWindow window;
        window.newSampleFleet();
        window.document()->saveAs(path);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("mine.fleet")));
        MainWindow other;
        QVERIFY(other.openFile(path));
        QVERIFY(other.document()->fleet() == window.document()->fleet());
    }

    void restoresTheLastPageAndOpensADroppedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.fleet"));
        {
            MainWindow window;
            window.newSampleFleet();
            window.document()->saveAs(path);
            window.showPage(2);
            window.show();
            QVERIFY(window.close());
        }
        MainWindow window;
        QCOMPARE(window.findChild<QListWidget*>()->currentRow(), 2); // the page shown when it closed
        window.newSampleFleet();
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        QMimeData text;
        text.setText(QStringLiteral("not a file"));
        QVERIFY(!window.openDropped(text));
        QVERIFY(window.openDropped(data));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("dropped.fleet")));
    }

    void theDarkPaletteDarkensThePageList()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        auto* dark = window.findChild<QAction*>(QStringLiteral("darkPalette"));
        QVERIFY(dark != nullptr);
        auto* pages = window.findChild<QListWidget*>();
        // The list's empty space below its last page, as drawn.
        const auto background = [pages] {
            const QImage image = pages->viewport()->grab().toImage();
            return image.pixelColor(image.width() / 2, image.height() - 5).lightness();
        };
        QVERIFY(background() > 200);
        dark->trigger();
        QVERIFY2(background() < 80, qPrintable(QString::number(background())));
        dark->trigger();
        QVERIFY(background() > 200);
    }

    void asksBeforeClosingWithUnsavedChanges()
    {
        MainWindow window;
        window.newSampleFleet();
        window.show();
        window.document()->undoStack()->push(new QUndoCommand(QStringLiteral("an edit")));
        QVERIFY(window.isWindowModified());
        bool asked = false;
        onNextModal([&asked](QMessageBox* box) {
            asked = true;
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!window.close());
        QVERIFY(asked);
        QVERIFY(window.isVisible());
        window.document()->undoStack()->undo();
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.close());
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // pinned: "15,832"
    MainWindowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "mainwindow_test.moc"
