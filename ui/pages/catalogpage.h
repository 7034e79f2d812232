// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QAbstractTableModel;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace fw::ui {

class ProblemLabel;

class FleetDocument;

/// The catalog page: filterable, sortable tables of accelerators, systems and network parts with
/// in-cell editing (a column chooser on the header's context menu); Add, Duplicate and Remove, each
/// one undo step; the reason an edit was refused, shown above the table; a details panel with every
/// field and its sources as links; a side-by-side comparison of two to five accelerators; and three
/// charts (BF16 against TDP, against price, memory bandwidth against capacity). GUI thread only.
class CatalogPage : public QWidget {
    Q_OBJECT
public:
    explicit CatalogPage(FleetDocument* document, QWidget* parent = nullptr);

    QTableView* acceleratorView() const { return m_views[0]; }
    QTableView* systemView() const { return m_views[1]; }
    QTableView* networkView() const { return m_views[2]; }
    QChartView* chartView() const { return m_chartView; }
    QComboBox* chartChooser() const { return m_chartChooser; }
    QTextBrowser* details() const { return m_details; }
    ProblemLabel* editProblem() const { return m_problem; }
    QTabWidget* tabs() const { return m_tabs; }

    void addRecord();
    void duplicateSelected();
    void removeSelected();
    /// Opens the comparison of the selected accelerators (two to five) in a window; returns it.
    QWidget* compareSelected();

private:
    QTableView* addTable(QAbstractTableModel* model, const QString& title, const QStringList& shownKeys);
    QTableView* currentView() const;
    /// Source-model rows selected in `view`, ascending.
    std::vector<int> selectedRows(QTableView* view) const;
    void refreshChart();
    void refreshDetails();
    void updateButtons();

    FleetDocument* m_document;
    QLineEdit* m_filter;
    QTabWidget* m_tabs;
    std::vector<QTableView*> m_views;
    ProblemLabel* m_problem;
    QPushButton* m_add;
    QPushButton* m_duplicate;
    QPushButton* m_remove;
    QPushButton* m_compare;
    QComboBox* m_chartChooser;
    QChartView* m_chartView;
    QTextBrowser* m_details;
};

} // namespace fw::ui
