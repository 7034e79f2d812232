// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>

#include "core/fleet.h"
#include "core/store/fleetdatabase.h"

namespace fw::ui {

/// The fleet being edited and the file it lives in. Views read fleet(); changes go through undo
/// commands on undoStack() that call setFleet(). "Modified" means the undo stack is not clean.
/// GUI thread only.
class FleetDocument : public QObject {
    Q_OBJECT
public:
    explicit FleetDocument(QObject* parent = nullptr);

    const core::Fleet& fleet() const { return m_fleet; }
    /// Empty for a fleet not saved yet.
    QString filePath() const { return m_database ? QString::fromStdString(m_database->path().string()) : QString(); }
    /// The file name, or "Untitled".
    QString displayName() const;
    bool isModified() const { return !m_undoStack.isClean(); }
    QUndoStack* undoStack() { return &m_undoStack; }

    /// Replaces the document with an unsaved fleet.
    void reset(core::Fleet fleet);
    /// Opens `path`. Throws fw::core::Error with the one-line message; the document is then unchanged.
    void open(const QString& path);
    /// Saves to the current file. Throws fw::core::Error; precondition: filePath() is not empty.
    void save();
    /// Saves to `path` and makes it the current file. Throws fw::core::Error.
    void saveAs(const QString& path);

    /// Replaces the fleet's content; for undo commands.
    void setFleet(core::Fleet fleet);

signals:
    /// The whole document was replaced (new, open) or its content changed (an edit, undo, redo).
    void fleetChanged();
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    core::Fleet m_fleet;
    std::optional<core::store::FleetDatabase> m_database;
    QUndoStack m_undoStack;
};

} // namespace fw::ui
