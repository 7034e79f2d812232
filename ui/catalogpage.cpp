// SPDX-License-Identifier: Apache-2.0
#include "ui/catalogpage.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "core/report/reportmodel.h"
#include "ui/catalogtablemodel.h"
#include "ui/chartbuilder.h"
#include "ui/fleetdocument.h"

namespace fw::ui {
namespace {

/// Lets the user show and hide columns from the header's context menu.
void addColumnChooser(QTableView* view)
{
    QHeaderView* header = view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QHeaderView::customContextMenuRequested, view, [view, header](const QPoint& pos) {
        QMenu menu;
        auto* model = view->model();
        for (int c = 0; c < model->columnCount(); ++c) {
            QAction* action = menu.addAction(model->headerData(c, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!view->isColumnHidden(c));
            QObject::connect(action, &QAction::toggled, view,
                             [view, c](bool shown) { view->setColumnHidden(c, !shown); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
}

} // namespace

CatalogPage::CatalogPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_filter(new QLineEdit(this)), m_tabs(new QTabWidget(this)),
      m_chartView(new QChartView(this))
{
    m_filter->setPlaceholderText(tr("Filter by SKU, vendor, family…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the rows that contain this text in any column"));

    m_acceleratorView = addTable(new AcceleratorTableModel(document, this), tr("Accelerators"),
                                 {"sku", "vendor", "bf16_tflops", "fp8_tflops", "memory_gb", "memory_bw_tbps", "tdp_w",
                                  "training_capable", "price_new_usd", "TPP", "PD"});
    addTable(new SystemTableModel(document, this), tr("Systems"),
             {"sku", "vendor", "accelerator_sku", "accelerators_per_system", "max_power_w", "rack_units", "cooling",
              "price_usd", "Power per accelerator (W)"});
    addTable(new NetworkPartTableModel(document, this), tr("Network parts"),
             {"sku", "kind", "ports", "port_gbps", "power_w", "price_usd", "reach_m"});

    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* title = new QLabel(tr("<b>Hardware catalog</b> — dense peak figures; right-click a column header to "
                                "choose columns; hover a chart point to name it"),
                             this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_filter);
    layout->addWidget(splitter, 1);

    connect(document, &FleetDocument::fleetChanged, this, &CatalogPage::refreshChart);
    refreshChart();
}

QTableView* CatalogPage::addTable(QAbstractTableModel* model, const QString& title, const QStringList& shownKeys)
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(AcceleratorTableModel::SortRole);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);
    connect(m_filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);

    auto* view = new QTableView(this);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(false);
    for (int c = 0; c < model->columnCount(); ++c) {
        const auto key = model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
        const auto titleText = model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        view->setColumnHidden(c, !shownKeys.contains(key) && !shownKeys.contains(titleText));
    }
    view->horizontalHeader()->setMaximumSectionSize(320);
    view->resizeColumnsToContents();
    connect(model, &QAbstractItemModel::modelReset, view, &QTableView::resizeColumnsToContents);
    addColumnChooser(view);
    m_tabs->addTab(view, title);
    return view;
}

void CatalogPage::refreshChart()
{
    QChart* old = m_chartView->chart();
    m_chartView->setChart(buildScatterChart(core::report::bf16VersusTdpChart(m_document->fleet().catalog)));
    delete old;
}

} // namespace fw::ui
