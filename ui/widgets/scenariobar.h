// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include "core/plan/scenario.h"

class QComboBox;
class QToolButton;

namespace fw::ui {

class FleetDocument;

/// The scenario picker at the top of every scenario page: picks the document's current scenario
/// and creates (New, Copy), renames and deletes scenarios, each one undo step. GUI thread only.
class ScenarioBar : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioBar(FleetDocument* document, QWidget* parent = nullptr);

    QComboBox* picker() const { return m_picker; }
    /// Renames the current scenario; false (and the reason on the document) when the name is taken
    /// or empty. What the Rename button does after asking for the name.
    bool rename(const QString& name);
    /// Adds a copy of the current scenario named `name` (made unique with " (2)" … if taken) and
    /// makes it current; one undo step. What the Copy button does after asking for the name.
    void copyAs(const QString& name);

private:
    void refresh();

    FleetDocument* m_document;
    QComboBox* m_picker;
    QToolButton* m_copy;
    QToolButton* m_rename;
    QToolButton* m_remove;
};

/// A new scenario to start from: one site, eight quarters from `first`, no demand and no offers.
core::plan::Scenario blankScenario(const core::plan::Quarter& first);

} // namespace fw::ui
