// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>

#include "core/fleet.h"
#include "core/store/fleetdatabase.h"
#include "ui/document/planbook.h"

namespace fw::ui {

/// The fleet being edited and the file it lives in. Views read fleet(); changes go through undo
/// commands on undoStack() (see changeCatalog()). "Modified" means the undo stack is not clean.
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
    /// The plans made for this fleet's scenarios; emptied when another fleet replaces it.
    PlanBook* plans() { return &m_plans; }

    /// Replaces the document with an unsaved fleet.
    void reset(core::Fleet fleet);
    /// Opens `path`. Throws fw::core::Error with the one-line message; the document is then unchanged.
    void open(const QString& path);
    /// Saves to the current file. Throws fw::core::Error; precondition: filePath() is not empty.
    void save();
    /// Saves to `path` and makes it the current file. Throws fw::core::Error.
    void saveAs(const QString& path);

    /// Validates `after` (fw::core::catalog::validate) and, when it passes, pushes one undo step
    /// named `text` that makes it the fleet's catalog. When it fails, nothing changes, editRejected()
    /// carries the reason and the result is false. `cellKey` ≥ 0 merges edits of one table cell.
    bool changeCatalog(core::catalog::Catalog after, const QString& text, int cellKey = -1);

    /// Reports an edit that was refused before it reached the document (a value that does not parse).
    void rejectEdit(const QString& reason) { emit editRejected(reason); }
    /// Rejected edits' reasons in the planner's words: `message` from core with its JSON paths and
    /// field keys named as the pages name them (core/report/plainwords.h).
    QString plainMessage(const std::string& message) const;

    /// Pushes one undo step that sets the buyer's profile. Country codes are checked by the caller.
    void changeCompany(core::Company company);

    /// The scenario the scenario pages edit and the plan page plans: an index into
    /// fleet().scenarios, or -1 when the fleet has none. Not part of the document (no undo step).
    int currentScenario() const { return m_currentScenario; }
    void setCurrentScenario(int index);
    /// The current scenario; precondition: currentScenario() ≥ 0.
    const core::plan::Scenario& scenario() const;

    /// Checks `after` (fw::core::plan::checkScenario, and a name no other scenario has) and, when it
    /// passes, pushes one undo step named `text` that makes it the current scenario. When it fails,
    /// nothing changes, editRejected() carries the reason and the result is false. `cellKey` ≥ 0
    /// merges edits of one table cell.
    bool changeScenario(core::plan::Scenario after, const QString& text, int cellKey = -1);
    /// Keeps a plan of the current scenario with the fleet, written by the next save. Not an edit:
    /// no undo step, no fleetChanged.
    void keepPlan(core::SavedPlan plan);
    /// Adds `scenario` (its name made unique with " (2)", " (3)" …) as one undo step and makes it
    /// current.
    void addScenario(core::plan::Scenario scenario, const QString& text);
    /// Removes the current scenario as one undo step.
    void removeScenario();

    /// Replaces the whole content as one undo step named `text` (restoring an autosave): the document
    /// is then modified, so closing asks to save it.
    void replaceContent(core::Fleet fleet, const QString& text);

    /// Replaces the fleet; for undo commands only (no validation, no undo step).
    void setFleet(core::Fleet fleet);

signals:
    /// The whole document was replaced (new, open) or its content changed (an edit, undo, redo).
    void fleetChanged();
    /// Another scenario became current (picked, added, removed, or the fleet was replaced).
    void currentScenarioChanged(int index);
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);
    /// An edit was refused; `reason` names the record, the field and the rule.
    void editRejected(const QString& reason);
    /// An edit was applied (or undone), so an earlier refusal no longer stands.
    void editAccepted();

private:
    /// Keeps the current scenario valid after the scenario list changed.
    void clampCurrentScenario();

    core::Fleet m_fleet;
    int m_currentScenario = -1;
    std::optional<core::store::FleetDatabase> m_database;
    QUndoStack m_undoStack;
    PlanBook m_plans;
};

} // namespace fw::ui
