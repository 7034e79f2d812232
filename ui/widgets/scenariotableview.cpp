// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/scenariotableview.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>

#include "ui/models/scenariotablemodel.h"
#include "ui/widgets/columnfitter.h"

namespace fw::ui {

ScenarioTableView::ScenarioTableView(ScenarioTableModel* model, QWidget* parent) : QTableView(parent), m_model(model)
{
    setModel(model);
    setAlternatingRowColors(true);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    ColumnFitter::install(this); // as wide as the contents, within the page's width
}

QString ScenarioTableView::selectionText() const
{
    const QModelIndexList selected = selectionModel()->selectedIndexes();
    if (selected.isEmpty()) {
        return {};
    }
    int top = selected.front().row(), bottom = top, left = selected.front().column(), right = left;
    for (const QModelIndex& i : selected) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    QStringList lines;
    for (int r = top; r <= bottom; ++r) {
        QStringList cells;
        for (int c = left; c <= right; ++c) {
            const QModelIndex i = m_model->index(r, c);
            const QVariant check = m_model->data(i, Qt::CheckStateRole);
            cells << (check.isValid() ? (check.toInt() == Qt::Checked ? QStringLiteral("yes") : QStringLiteral("no"))
                                      : m_model->data(i, Qt::EditRole).toString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

bool ScenarioTableView::pasteText(const QString& text)
{
    QModelIndex topLeft = currentIndex();
    for (const QModelIndex& i : selectionModel()->selectedIndexes()) {
        if (!topLeft.isValid() || i.row() < topLeft.row() ||
            (i.row() == topLeft.row() && i.column() < topLeft.column())) {
            topLeft = i;
        }
    }
    return m_model->paste(topLeft, text);
}

void ScenarioTableView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectionText());
    } else if (event->matches(QKeySequence::Paste) && state() != QAbstractItemView::EditingState) {
        pasteText(QApplication::clipboard()->text());
    } else {
        QTableView::keyPressEvent(event);
    }
}

} // namespace fw::ui
