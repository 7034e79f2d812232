// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/rowbuttons.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QTableView>

#include "ui/models/scenariotablemodel.h"

namespace fw::ui {

RowButtons::RowButtons(ScenarioTableModel* model, QTableView* view, const QString& noun, QWidget* parent)
    : QWidget(parent)
{
    auto* add = new QPushButton(tr("Add %1").arg(noun), this);
    auto* remove = new QPushButton(tr("Remove %1").arg(noun), this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(add);
    layout->addWidget(remove);
    layout->addStretch(1);
    connect(add, &QPushButton::clicked, this, [model, view] {
        const int current = view->currentIndex().isValid() ? view->currentIndex().row() + 1 : model->rowCount();
        model->addRow(current);
    });
    connect(remove, &QPushButton::clicked, this, [model, view] {
        if (view->currentIndex().isValid()) {
            model->removeRow(view->currentIndex().row());
        }
    });
}

} // namespace fw::ui
