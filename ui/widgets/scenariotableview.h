// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTableView>

namespace fw::ui {

class ScenarioTableModel;

/// A table view over a ScenarioTableModel that copies the selection as tab-separated rows and pastes
/// them back (Ctrl+C, Ctrl+V), so a block of a spreadsheet goes in as one undo step.
class ScenarioTableView : public QTableView {
    Q_OBJECT
public:
    ScenarioTableView(ScenarioTableModel* model, QWidget* parent = nullptr);

    /// The selection's bounding block as tab-separated rows.
    QString selectionText() const;
    /// Pastes `text` at the selection's top-left cell (or the current cell).
    bool pasteText(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    ScenarioTableModel* m_model;
};

} // namespace fw::ui
