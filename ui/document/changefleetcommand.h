// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QUndoCommand>

#include "core/fleet.h"

namespace fw::ui {

class FleetDocument;

/// One undo step that replaces the fleet's content. The caller validates `after` before pushing:
/// QUndoStack cannot roll back a command that throws. Consecutive edits of the same cell (the same
/// `cellKey`, ≥ 0) merge into one step, so typing in a cell is undone at once.
class ChangeFleetCommand : public QUndoCommand {
public:
    ChangeFleetCommand(FleetDocument* document, core::Fleet before, core::Fleet after, const QString& text,
                       int cellKey = -1);

    void redo() override;
    void undo() override;
    int id() const override { return m_cellKey >= 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    FleetDocument* m_document;
    core::Fleet m_before;
    core::Fleet m_after;
    int m_cellKey;
};

} // namespace fw::ui
