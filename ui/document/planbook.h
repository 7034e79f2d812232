// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QObject>

#include <memory>
#include <vector>

#include "ui/jobs/planrun.h"

namespace fw::ui {

/// The plans made for the scenarios of the open fleet — on the Plan page, on the Compare page, or
/// read from the file — each with the inputs it was made from, so every scenario has its own plan
/// and a plan is current exactly while its inputs are (an undo back to them makes it current again).
/// Not part of the document: no undo step, nothing saved by itself. GUI thread only.
class PlanBook : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// A plan and when it was made (or saved in the file).
    struct Entry {
        std::shared_ptr<const PlanRun> run;
        QDateTime madeAt;
    };
    /// What to show for a scenario: its plan, and whether the plan is current.
    struct Lookup {
        std::shared_ptr<const PlanRun> run;
        QDateTime madeAt;
        bool current = false;
    };

    /// Keeps `run` (made from run->inputs) as the newest plan of its scenario; emits added().
    void add(std::shared_ptr<const PlanRun> run, QDateTime madeAt = QDateTime::currentDateTime());
    /// The plan of `scenario` of `fleet`: the newest made from exactly its inputs now (current), else
    /// the newest made for a scenario of its name (out of date); an empty lookup when there is none.
    Lookup find(const core::Fleet& fleet, const core::plan::Scenario& scenario) const;
    /// Forgets every plan (another fleet was opened).
    void clear();

    /// Plans kept per scenario name: the newest few, so undoing back finds the plan of those inputs.
    static constexpr std::size_t plansPerScenario = 8;

signals:
    /// A plan of the scenario named `scenario` was added.
    void added(const QString& scenario);

private:
    std::vector<Entry> m_entries; ///< oldest first
};

} // namespace fw::ui
