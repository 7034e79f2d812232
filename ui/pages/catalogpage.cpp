// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/catalogpage.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTransposeProxyModel>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "core/catalog/fields.h"
#include "core/report/reportmodel.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/catalogtablemodel.h"
#include "ui/widgets/catalogitemdelegate.h"
#include "ui/widgets/columnfitter.h"
#include "ui/widgets/problemlabel.h"
#include "ui/widgets/recorddetails.h"

namespace fw::ui {
namespace {

using namespace fw::core::catalog;

enum Tab { AcceleratorTab = 0, SystemTab = 1, NetworkTab = 2 };

/// Lets the user show and hide columns from the header's context menu.
void addColumnChooser(QTableView* view)
{
    QHeaderView* header = view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QHeaderView::customContextMenuRequested, view, [view, header](const QPoint& pos) {
        QMenu menu;
        auto* model = view->model();
        for (int c = 0; c < model->columnCount(); ++c) {
            QAction* action = menu.addAction(
                model->headerData(c, Qt::Horizontal).toString().replace(QLatin1Char('\n'), QLatin1Char(' ')));
            action->setCheckable(true);
            action->setChecked(!view->isColumnHidden(c));
            QObject::connect(action, &QAction::toggled, view,
                             [view, c](bool shown) { view->setColumnHidden(c, !shown); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
}

/// The field key (or derived column's title) of column `c` of one of the catalog models.
QString columnKeyOf(QAbstractTableModel* model, int c)
{
    if (auto* a = dynamic_cast<AcceleratorTableModel*>(model)) {
        return a->columnKey(c);
    }
    if (auto* s = dynamic_cast<SystemTableModel*>(model)) {
        return s->columnKey(c);
    }
    return static_cast<NetworkPartTableModel*>(model)->columnKey(c);
}

/// Accepts only the source rows it was given: the accelerators being compared.
class RowSubsetProxy : public QSortFilterProxyModel {
public:
    RowSubsetProxy(std::set<int> rows, QObject* parent) : QSortFilterProxyModel(parent), m_rows(std::move(rows)) {}

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex&) const override { return m_rows.contains(sourceRow); }

private:
    std::set<int> m_rows;
};

/// Marks the rows of a side-by-side comparison whose values differ (bold, on a tinted background),
/// so that what sets the compared records apart stands out.
class DifferencesProxy : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex& index, int role) const override
    {
        if ((role == Qt::BackgroundRole || role == Qt::FontRole) && differs(index.row())) {
            if (role == Qt::FontRole) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return QColor(237, 201, 72, 90); // a light amber wash, readable in dark and light palettes
        }
        return QIdentityProxyModel::data(index, role);
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Vertical && role == Qt::FontRole && differs(section)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return QIdentityProxyModel::headerData(section, orientation, role);
    }

    /// Whether the values of `row` are not all the same.
    bool differs(int row) const
    {
        const QVariant first = index(row, 0).data(Qt::DisplayRole);
        for (int c = 1; c < columnCount(); ++c) {
            if (index(row, c).data(Qt::DisplayRole) != first) {
                return true;
            }
        }
        return false;
    }
};

/// `base`, or `base 2`, `base 3` … : the first that no record in `records` uses as its SKU.
template <class Record>
std::string unusedSku(const std::vector<Record>& records, const std::string& base)
{
    for (int n = 1;; ++n) {
        const std::string candidate = n == 1 ? base : base + " " + std::to_string(n);
        const bool taken = std::any_of(records.begin(), records.end(), [&](const Record& r) {
            return QString::fromStdString(r.sku).compare(QString::fromStdString(candidate), Qt::CaseInsensitive) == 0;
        });
        if (!taken) {
            return candidate;
        }
    }
}

/// Calls `f.template operator()<Record>()` with the record type of tab `tab`.
template <class F>
void withRecordType(int tab, F&& f)
{
    switch (tab) {
    case AcceleratorTab: f.template operator()<Accelerator>(); break;
    case SystemTab: f.template operator()<System>(); break;
    default: f.template operator()<NetworkPart>(); break;
    }
}

} // namespace

CatalogPage::CatalogPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_filter(new QLineEdit(this)), m_tabs(new QTabWidget(this)),
      m_problem(new ProblemLabel(document, this)), m_add(new QPushButton(tr("Add"), this)),
      m_duplicate(new QPushButton(tr("Duplicate"), this)), m_remove(new QPushButton(tr("Remove"), this)),
      m_compare(new QPushButton(tr("Compare…"), this)), m_chartChooser(new QComboBox(this)),
      m_chartView(new QChartView(this)), m_details(new QTextBrowser(this))
{
    m_filter->setPlaceholderText(tr("Filter by SKU, vendor, family…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the rows that contain this text in any column"));
    m_add->setToolTip(tr("Add a record to the table shown; edit its cells afterwards"));
    m_duplicate->setToolTip(tr("Copy the selected records under new SKUs"));
    m_remove->setToolTip(tr("Remove the selected records (refused while a system uses an accelerator)"));
    m_compare->setToolTip(tr("Compare two to five selected accelerators side by side"));
    connect(m_add, &QPushButton::clicked, this, &CatalogPage::addRecord);
    connect(m_duplicate, &QPushButton::clicked, this, &CatalogPage::duplicateSelected);
    connect(m_remove, &QPushButton::clicked, this, &CatalogPage::removeSelected);
    connect(m_compare, &QPushButton::clicked, this, &CatalogPage::compareSelected);

    addTable(
        new AcceleratorTableModel(document, this), tr("Accelerators"),
        {"sku", "vendor", "bf16_tflops", "fp8_tflops", "memory_gb", "memory_bw_tbps", "tdp_w", "price_new_usd", "TPP"});
    addTable(new SystemTableModel(document, this), tr("Systems"),
             {"sku", "vendor", "accelerator_sku", "accelerators_per_system", "max_power_w", "rack_units", "cooling",
              "price_usd", "price_scope", "Power per accelerator (W)"});
    addTable(new NetworkPartTableModel(document, this), tr("Network parts"),
             {"sku", "kind", "ports", "port_gbps", "power_w", "price_usd", "reach_m"});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        refreshDetails();
        updateButtons();
    });

    m_chartChooser->addItems({tr("Dense BF16 against TDP"), tr("Dense BF16 against price (log–log)"),
                              tr("Memory bandwidth against capacity (log–log)")});
    connect(m_chartChooser, &QComboBox::currentIndexChanged, this, &CatalogPage::refreshChart);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(240);

    m_details->setOpenExternalLinks(true);
    m_details->setMinimumWidth(240);

    auto* chartBox = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(new QLabel(tr("Chart:"), chartBox));
    chartBar->addWidget(m_chartChooser);
    chartBar->addStretch(1);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chartView, 1);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_tabs);
    left->addWidget(chartBox);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(left);
    main->addWidget(m_details);
    main->setStretchFactor(0, 4);
    main->setStretchFactor(1, 1);

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filter, 1);
    for (QPushButton* button : {m_add, m_duplicate, m_remove, m_compare}) {
        toolbar->addWidget(button);
    }
    auto* title = new QLabel(tr("<b>Hardware catalog</b> — dense peak figures; double-click a cell to edit it; "
                                "right-click a column header to choose columns; hover a chart point to name it"),
                             this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(toolbar);
    layout->addWidget(m_problem);
    layout->addWidget(main, 1);

    connect(document, &FleetDocument::fleetChanged, this, [this] {
        refreshChart();
        refreshDetails();
    });
    refreshChart();
    updateButtons();
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
    view->setItemDelegate(new CatalogItemDelegate(view));
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    for (int c = 0; c < model->columnCount(); ++c) {
        view->setColumnHidden(c, !shownKeys.contains(columnKeyOf(model, c)));
    }
    view->horizontalHeader()->setMaximumSectionSize(320);
    ColumnFitter::install(view); // as wide as the contents, within the page's width
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        refreshDetails();
        updateButtons();
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPage::refreshDetails);
    addColumnChooser(view);
    m_tabs->addTab(view, title);
    m_views.push_back(view);
    return view;
}

QTableView* CatalogPage::currentView() const
{
    return m_views.at(static_cast<std::size_t>(m_tabs->currentIndex()));
}

std::vector<int> CatalogPage::selectedRows(QTableView* view) const
{
    const auto* proxy = static_cast<const QSortFilterProxyModel*>(view->model());
    std::set<int> rows;
    for (const QModelIndex& index : view->selectionModel()->selectedRows()) {
        rows.insert(proxy->mapToSource(index).row());
    }
    return {rows.begin(), rows.end()};
}

void CatalogPage::updateButtons()
{
    const std::size_t selected = selectedRows(currentView()).size();
    m_duplicate->setEnabled(selected > 0);
    m_remove->setEnabled(selected > 0);
    const std::size_t accelerators = selectedRows(acceleratorView()).size();
    m_compare->setEnabled(m_tabs->currentIndex() == AcceleratorTab && accelerators >= 2 && accelerators <= 5);
}

void CatalogPage::addRecord()
{
    Catalog after = m_document->fleet().catalog;
    QString text;
    withRecordType(m_tabs->currentIndex(), [&]<class Record>() {
        auto& records = recordsOf<Record>(after);
        Record record;
        record.sku = unusedSku(records, "New " + std::string(recordKind<Record>()));
        record.name = record.sku;
        record.source = "entered by the planner; replace with the datasheet URL";
        if constexpr (std::is_same_v<Record, System>) {
            if (after.accelerators.empty()) {
                m_document->rejectEdit(tr("a system needs an accelerator; add an accelerator first"));
                return;
            }
            record.acceleratorSku = after.accelerators.front().sku;
        }
        records.push_back(record);
        text = tr("Add %1").arg(QString::fromStdString(record.sku));
    });
    if (text.isEmpty() || !m_document->changeCatalog(std::move(after), text)) {
        return;
    }
    QTableView* view = currentView();
    const auto* proxy = static_cast<const QSortFilterProxyModel*>(view->model());
    const QModelIndex added =
        proxy->mapFromSource(proxy->sourceModel()->index(proxy->sourceModel()->rowCount() - 1, 0));
    view->setCurrentIndex(added);
    view->scrollTo(added);
}

void CatalogPage::duplicateSelected()
{
    const auto rows = selectedRows(currentView());
    if (rows.empty()) {
        return;
    }
    Catalog after = m_document->fleet().catalog;
    withRecordType(m_tabs->currentIndex(), [&]<class Record>() {
        auto& records = recordsOf<Record>(after);
        for (int row : rows) {
            Record copy = records[static_cast<std::size_t>(row)];
            copy.sku = unusedSku(records, copy.sku + " copy");
            records.push_back(copy);
        }
    });
    m_document->changeCatalog(std::move(after), tr("Duplicate %n record(s)", nullptr, static_cast<int>(rows.size())));
}

void CatalogPage::removeSelected()
{
    const auto rows = selectedRows(currentView());
    if (rows.empty()) {
        return;
    }
    Catalog after = m_document->fleet().catalog;
    withRecordType(m_tabs->currentIndex(), [&]<class Record>() {
        auto& records = recordsOf<Record>(after);
        for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
            records.erase(records.begin() + *it);
        }
    });
    m_document->changeCatalog(std::move(after), tr("Remove %n record(s)", nullptr, static_cast<int>(rows.size())));
}

QWidget* CatalogPage::compareSelected()
{
    const auto rows = selectedRows(acceleratorView());
    if (rows.size() < 2 || rows.size() > 5) {
        return nullptr;
    }
    auto* source = static_cast<QSortFilterProxyModel*>(acceleratorView()->model())->sourceModel();
    auto* window = new QDialog(this); // non-modal; Esc closes it
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(tr("Compare accelerators — the fields that differ are marked"));
    auto* subset = new RowSubsetProxy(std::set<int>(rows.begin(), rows.end()), window);
    subset->setSourceModel(source);
    auto* transposed = new QTransposeProxyModel(window);
    transposed->setSourceModel(subset);
    auto* marked = new DifferencesProxy(window);
    marked->setSourceModel(transposed);
    auto* view = new QTableView(window);
    view->setObjectName(QStringLiteral("comparison"));
    view->setModel(marked);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(window);
    layout->addWidget(view);
    window->resize(260 + 200 * static_cast<int>(rows.size()), 760);
    window->show();
    return window;
}

void CatalogPage::refreshChart()
{
    const auto& catalog = m_document->fleet().catalog;
    core::report::ScatterChart data;
    switch (m_chartChooser->currentIndex()) {
    case 1: data = core::report::bf16VersusPriceChart(catalog); break;
    case 2: data = core::report::memoryBandwidthVersusCapacityChart(catalog); break;
    default: data = core::report::bf16VersusTdpChart(catalog); break;
    }
    QChart* old = m_chartView->chart();
    m_chartView->setChart(buildScatterChart(data));
    delete old;
}

void CatalogPage::refreshDetails()
{
    QTableView* view = currentView();
    const QModelIndex current = view->currentIndex();
    if (!current.isValid()) {
        m_details->setHtml(tr("<p style='color:#808080'>Select a row to see every field and its sources.</p>"));
        return;
    }
    const int row = static_cast<const QSortFilterProxyModel*>(view->model())->mapToSource(current).row();
    const auto& catalog = m_document->fleet().catalog;
    withRecordType(m_tabs->currentIndex(), [&]<class Record>() {
        const auto& records = recordsOf<Record>(catalog);
        if (row >= 0 && static_cast<std::size_t>(row) < records.size()) {
            m_details->setHtml(recordDetailsHtml(records[static_cast<std::size_t>(row)], catalog));
        }
    });
}

} // namespace fw::ui
