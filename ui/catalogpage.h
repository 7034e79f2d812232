// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QAbstractTableModel;
class QChartView;
class QLineEdit;
class QTabWidget;
class QTableView;

namespace fw::ui {

class FleetDocument;

/// The catalog page: filterable, sortable tables of accelerators, systems and network parts (a
/// column chooser on the header's context menu) and a scatter of dense BF16 TFLOP/s against TDP,
/// one series per vendor. GUI thread only.
class CatalogPage : public QWidget {
    Q_OBJECT
public:
    explicit CatalogPage(FleetDocument* document, QWidget* parent = nullptr);

    QTableView* acceleratorView() const { return m_acceleratorView; }
    QChartView* chartView() const { return m_chartView; }

private:
    QTableView* addTable(QAbstractTableModel* model, const QString& title, const QStringList& shownKeys);
    void refreshChart();

    FleetDocument* m_document;
    QLineEdit* m_filter;
    QTabWidget* m_tabs;
    QTableView* m_acceleratorView = nullptr;
    QChartView* m_chartView;
};

} // namespace fw::ui
