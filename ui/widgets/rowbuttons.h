// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QTableView;

namespace fw::ui {

class ScenarioTableModel;

/// "Add <noun>" and "Remove <noun>" under a scenario table: adds after the current row, removes the
/// current row; each one undo step.
class RowButtons : public QWidget {
    Q_OBJECT
public:
    RowButtons(ScenarioTableModel* model, QTableView* view, const QString& noun, QWidget* parent = nullptr);
};

} // namespace fw::ui
