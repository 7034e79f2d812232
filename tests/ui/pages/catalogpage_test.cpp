// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include "ui/document/fleetdocument.h"
#include "ui/models/catalogtablemodel.h"
#include "ui/pages/catalogpage.h"
#include "ui/widgets/problemlabel.h"

using namespace fw::ui;
using fw::core::catalog::Catalog;

namespace {

/// The source model behind one of the page's views.
QAbstractItemModel* sourceOf(QTableView* view)
{
    return static_cast<QSortFilterProxyModel*>(view->model())->sourceModel();
}

int columnOf(QAbstractItemModel* model, const QString& key)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        QString found;
        if (auto* a = dynamic_cast<AcceleratorTableModel*>(model)) {
            found = a->columnKey(c);
        } else if (auto* s = dynamic_cast<SystemTableModel*>(model)) {
            found = s->columnKey(c);
        } else if (auto* n = dynamic_cast<NetworkPartTableModel*>(model)) {
            found = n->columnKey(c);
        }
        if (found == key) {
            return c;
        }
    }
    return -1;
}

/// Selects the rows of `view` whose SKU (column 0) is in `skus`.
void selectSkus(QTableView* view, const QStringList& skus)
{
    view->clearSelection();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (skus.contains(view->model()->index(r, 0).data().toString())) {
            view->selectionModel()->select(view->model()->index(r, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
}

} // namespace

class CatalogPageTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_document = new FleetDocument;
        m_document->reset(fw::core::sampleFleet());
        m_page = new CatalogPage(m_document);
        m_page->resize(1200, 800);
    }

    void cleanup()
    {
        delete m_page;
        delete m_document;
    }

    void editingACellIsOneUndoStep()
    {
        auto* model = sourceOf(m_page->acceleratorView());
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int tdp = columnOf(model, QStringLiteral("tdp_w"));
        const QModelIndex h100 = model->index(2, tdp);
        QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("H100 SXM"));
        QCOMPARE(h100.data(Qt::EditRole).toString(), QStringLiteral("700"));
        QCOMPARE(h100.data(AcceleratorTableModel::UnitRole).toString(), QStringLiteral("W"));

        QVERIFY(model->setData(h100, QStringLiteral("69")));
        QVERIFY(model->setData(h100, QStringLiteral("690"))); // typing in the same cell merges
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Edit TDP of H100 SXM"));
        QCOMPARE(fw::core::units::inWatts(*m_document->fleet().catalog.accelerators[2].tdp), 690.0);
        QVERIFY(m_document->isModified());

        m_document->undoStack()->undo();
        QCOMPARE(fw::core::units::inWatts(*m_document->fleet().catalog.accelerators[2].tdp), 700.0);
        QVERIFY(!m_document->isModified());
        m_document->undoStack()->redo();
        QCOMPARE(model->index(2, tdp).data().toString(), QStringLiteral("690"));
    }

    void badValuesAreRefusedWithTheReasonAndChangeNothing()
    {
        auto* model = sourceOf(m_page->acceleratorView());
        const Catalog before = m_document->fleet().catalog;
        QSignalSpy rejected(m_document, &FleetDocument::editRejected);
        const int tdp = columnOf(model, QStringLiteral("tdp_w"));
        const int memory = columnOf(model, QStringLiteral("memory_gb"));

        QVERIFY(!model->setData(model->index(2, tdp), QStringLiteral("seven hundred")));
        QCOMPARE(rejected.last().at(0).toString(),
                 QStringLiteral("accelerator 'H100 SXM' field 'TDP': \"seven hundred\" is not a number"));
        QVERIFY(!model->setData(model->index(2, tdp), QStringLiteral("-700")));
        QCOMPARE(rejected.last().at(0).toString(),
                 QStringLiteral("accelerator 'H100 SXM' field 'TDP': -700 W is negative; must be ≥ 0"));
        // DGX H100 holds 8 H100 in 10.2 kW: a 1,400 W TDP breaks the system's power.
        QVERIFY(!model->setData(model->index(2, tdp), QStringLiteral("1400")));
        QCOMPARE(rejected.last().at(0).toString(),
                 QStringLiteral("system 'DGX H100' field 'Max power': 10200 W is below 8 × TDP 1400 W of H100 SXM"));
        QVERIFY(!model->setData(model->index(2, 0), QStringLiteral("A100 SXM")));
        QCOMPARE(rejected.last().at(0).toString(), QStringLiteral("accelerator 'A100 SXM' field 'SKU': duplicate SKU"));
        QVERIFY(!model->setData(model->index(2, memory), QStringLiteral("80 GB")));

        QVERIFY(m_document->fleet().catalog == before);
        QCOMPARE(m_document->undoStack()->count(), 0);
        QVERIFY(m_page->editProblem()->isVisibleTo(m_page));
        QVERIFY(m_page->editProblem()->problem().contains(QStringLiteral("not a number")));
    }

    void enumerationsOfferTheirValues()
    {
        auto* model = sourceOf(m_page->systemView());
        const int cooling = columnOf(model, QStringLiteral("cooling"));
        QCOMPARE(model->index(0, cooling).data(AcceleratorTableModel::ChoicesRole).toStringList(),
                 QStringList({QString(), QStringLiteral("air"), QStringLiteral("liquid")}));
        QVERIFY(model->setData(model->index(0, cooling), QStringLiteral("liquid")));
        QCOMPARE(*m_document->fleet().catalog.systems[0].cooling, fw::core::catalog::Cooling::Liquid);
        QVERIFY(!model->setData(model->index(0, cooling), QStringLiteral("immersion")));
    }

    void addDuplicateAndRemoveAreUndoSteps()
    {
        m_page->tabs()->setCurrentIndex(2); // network parts
        m_page->addRecord();
        QCOMPARE(m_document->fleet().catalog.networkParts.size(), 16U);
        QCOMPARE(m_document->fleet().catalog.networkParts.back().sku, std::string("New network part"));
        selectSkus(m_page->networkView(), {QStringLiteral("QM9700"), QStringLiteral("SN5600")});
        m_page->duplicateSelected();
        QCOMPARE(m_document->fleet().catalog.networkParts.size(), 18U);
        QCOMPARE(m_document->fleet().catalog.networkParts[16].sku, std::string("QM9700 copy"));
        selectSkus(m_page->networkView(), {QStringLiteral("QM9700 copy"), QStringLiteral("SN5600 copy")});
        m_page->removeSelected();
        QCOMPARE(m_document->fleet().catalog.networkParts.size(), 16U);
        QCOMPARE(m_document->undoStack()->count(), 3);
        m_document->undoStack()->undo();
        m_document->undoStack()->undo();
        m_document->undoStack()->undo();
        QVERIFY(m_document->fleet().catalog == fw::core::sampleFleet().catalog);
    }

    void removingAnAcceleratorASystemUsesIsRefused()
    {
        QSignalSpy rejected(m_document, &FleetDocument::editRejected);
        selectSkus(m_page->acceleratorView(), {QStringLiteral("H100 SXM")});
        m_page->removeSelected();
        QCOMPARE(m_document->fleet().catalog.accelerators.size(), 36U);
        QCOMPARE(rejected.size(), 1);
        QVERIFY(rejected.last().at(0).toString().contains(QStringLiteral("'H100 SXM' is not an accelerator")));
    }

    void detailsShowEveryFieldWithSourceLinks()
    {
        QTableView* view = m_page->acceleratorView();
        view->setCurrentIndex(view->model()->index(2, 0));
        const QString html = m_page->details()->toHtml();
        QVERIFY(html.contains(QStringLiteral("H100 SXM")));
        QVERIFY(html.contains(QStringLiteral("href=\"https://epoch.ai/data/ml_hardware.csv\"")));
        QVERIFY(html.contains(QStringLiteral("15,832")));        // TPP
        QVERIFY(html.contains(QStringLiteral("not published"))); // FP4 of a Hopper part
    }

    void comparesTwoToFiveAccelerators()
    {
        selectSkus(m_page->acceleratorView(), {QStringLiteral("H100 SXM")});
        QVERIFY(m_page->compareSelected() == nullptr);
        selectSkus(m_page->acceleratorView(),
                   {QStringLiteral("H100 SXM"), QStringLiteral("MI300X"), QStringLiteral("Gaudi 3")});
        QWidget* window = m_page->compareSelected();
        QVERIFY(window != nullptr);
        auto* view = window->findChild<QTableView*>(QStringLiteral("comparison"));
        QVERIFY(view != nullptr);
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view->model()->columnCount(), 3);
        QStringList headers;
        for (int c = 0; c < 3; ++c) {
            headers << view->model()->headerData(c, Qt::Horizontal).toString();
        }
        headers.sort();
        QCOMPARE(headers,
                 QStringList({QStringLiteral("Gaudi 3"), QStringLiteral("H100 SXM"), QStringLiteral("MI300X")}));
        QCOMPARE(view->model()->headerData(2, Qt::Vertical).toString(), QStringLiteral("Vendor"));
        window->close();
    }

    void offersThreeCharts()
    {
        QCOMPARE(m_page->chartChooser()->count(), 3);
        m_page->chartChooser()->setCurrentIndex(1);
        m_page->chartChooser()->setCurrentIndex(2);
        QVERIFY(m_page->chartView()->chart()->title().contains(QStringLiteral("Memory bandwidth")));
    }

private:
    FleetDocument* m_document = nullptr;
    CatalogPage* m_page = nullptr;
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // pinned: "15,832"
    CatalogPageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "catalogpage_test.moc"
