// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/columnfitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QTableView>

#include <algorithm>

namespace fw::ui {

ColumnFitter* ColumnFitter::install(QTableView* view)
{
    return new ColumnFitter(view);
}

ColumnFitter::ColumnFitter(QTableView* view) : QObject(view), m_view(view), m_viewport(view->viewport())
{
    view->viewport()->installEventFilter(this);
    view->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    const auto refit = [this] { fit(); };
    connect(view->model(), &QAbstractItemModel::modelReset, this, refit);
    connect(view->model(), &QAbstractItemModel::layoutChanged, this, refit);
    connect(view->model(), &QAbstractItemModel::columnsInserted, this, refit);
    connect(view->model(), &QAbstractItemModel::rowsInserted, this, refit);
    fit();
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize && watched == m_viewport) {
        fit();
    }
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::fit()
{
    if (m_fitting || m_view->model() == nullptr) {
        return;
    }
    const QScopedValueRollback guard(m_fitting, true);
    QHeaderView* header = m_view->horizontalHeader();
    m_view->resizeColumnsToContents();
    std::vector<int> columns;
    int total = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (!m_view->isColumnHidden(c)) {
            columns.push_back(c);
            total += header->sectionSize(c);
        }
    }
    const int available = m_view->viewport()->width();
    if (total <= available || columns.empty() || available <= 0) {
        return;
    }
    // The widest give up room first: find the width `level` no column may pass so that they fit.
    std::vector<int> widths;
    for (int c : columns) {
        widths.push_back(header->sectionSize(c));
    }
    std::sort(widths.begin(), widths.end());
    int level = available / static_cast<int>(widths.size());
    int below = 0; // the width of the columns narrower than the level
    for (std::size_t i = 0; i < widths.size(); ++i) {
        const int left = static_cast<int>(widths.size() - i);
        const int candidate = (available - below) / left;
        if (widths[i] > candidate) {
            level = candidate;
            break;
        }
        below += widths[i];
        level = widths[i];
    }
    level = std::max(level, minimumWidth);
    for (int c : columns) {
        if (header->sectionSize(c) > level) {
            header->resizeSection(c, level);
        }
    }
}

} // namespace fw::ui
