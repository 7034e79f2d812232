// SPDX-License-Identifier: Apache-2.0
#include "ui/document/fleetdocument.h"

#include <QFileInfo>

#include <algorithm>

#include "core/catalog/validation.h"
#include "core/plan/scenariocheck.h"
#include "core/report/plainwords.h"
#include "ui/document/changefleetcommand.h"

namespace fw::ui {

FleetDocument::FleetDocument(QObject* parent) : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

QString FleetDocument::displayName() const
{
    return m_database ? QFileInfo(filePath()).fileName() : tr("Untitled");
}

QString FleetDocument::plainMessage(const std::string& message) const
{
    const auto* current = m_currentScenario >= 0 ? &scenario() : nullptr;
    return QString::fromStdString(core::report::plainMessage(message, current));
}

void FleetDocument::reset(core::Fleet fleet)
{
    m_database.reset();
    m_plans.clear();
    m_fleet = std::move(fleet);
    m_undoStack.clear();
    m_currentScenario = -1;
    clampCurrentScenario();
    emit filePathChanged(QString());
    emit fleetChanged();
    emit modifiedChanged(false);
}

void FleetDocument::open(const QString& path)
{
    auto database = core::store::FleetDatabase::open(path.toStdString());
    m_fleet = database.fleet();
    m_database.emplace(std::move(database));
    m_plans.clear();
    m_undoStack.clear();
    m_currentScenario = -1;
    clampCurrentScenario();
    emit filePathChanged(filePath());
    emit fleetChanged();
    emit modifiedChanged(false);
}

void FleetDocument::save()
{
    m_database->save(m_fleet);
    m_undoStack.setClean();
}

void FleetDocument::keepPlan(core::SavedPlan plan)
{
    m_fleet.keepPlan(std::move(plan));
}

void FleetDocument::saveAs(const QString& path)
{
    m_database.emplace(core::store::FleetDatabase::create(path.toStdString(), m_fleet));
    m_undoStack.setClean();
    emit filePathChanged(filePath());
}

bool FleetDocument::changeCatalog(core::catalog::Catalog after, const QString& text, int cellKey)
{
    try {
        core::catalog::validate(after);
    } catch (const core::ValidationError& e) {
        emit editRejected(plainMessage(e.what()));
        return false;
    }
    core::Fleet changed = m_fleet;
    changed.catalog = std::move(after);
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(changed), text, cellKey));
    return true;
}

void FleetDocument::changeCompany(core::Company company)
{
    core::Fleet changed = m_fleet;
    changed.company = std::move(company);
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(changed), tr("Edit company profile")));
}

void FleetDocument::setFleet(core::Fleet fleet)
{
    m_fleet = std::move(fleet);
    clampCurrentScenario();
    emit editAccepted();
    emit fleetChanged();
}

void FleetDocument::replaceContent(core::Fleet fleet, const QString& text)
{
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(fleet), text));
}

void FleetDocument::setCurrentScenario(int index)
{
    if (index == m_currentScenario || index < 0 || index >= static_cast<int>(m_fleet.scenarios.size())) {
        return;
    }
    m_currentScenario = index;
    emit currentScenarioChanged(index);
}

const core::plan::Scenario& FleetDocument::scenario() const
{
    return m_fleet.scenarios.at(static_cast<std::size_t>(m_currentScenario));
}

void FleetDocument::clampCurrentScenario()
{
    const int count = static_cast<int>(m_fleet.scenarios.size());
    const int clamped = count == 0 ? -1 : std::clamp(m_currentScenario, 0, count - 1);
    if (clamped != m_currentScenario) {
        m_currentScenario = clamped;
        emit currentScenarioChanged(clamped);
    }
}

bool FleetDocument::changeScenario(core::plan::Scenario after, const QString& text, int cellKey)
{
    try {
        core::plan::checkScenario(after);
        for (int i = 0; i < static_cast<int>(m_fleet.scenarios.size()); ++i) {
            if (i != m_currentScenario && m_fleet.scenarios[static_cast<std::size_t>(i)].name == after.name) {
                throw core::ValidationError("name: another scenario is called \"" + after.name + "\"");
            }
        }
    } catch (const core::ValidationError& e) {
        emit editRejected(tr("scenario “%1”: %2")
                              .arg(QString::fromStdString(scenario().name),
                                   QString::fromStdString(core::report::plainMessage(e.what(), &after))));
        return false;
    }
    core::Fleet changed = m_fleet;
    changed.scenarios[static_cast<std::size_t>(m_currentScenario)] = std::move(after);
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(changed), text, cellKey));
    return true;
}

void FleetDocument::addScenario(core::plan::Scenario scenario, const QString& text)
{
    const std::string base = scenario.name;
    const auto taken = [this](const std::string& name) {
        return std::any_of(m_fleet.scenarios.begin(), m_fleet.scenarios.end(),
                           [&](const core::plan::Scenario& s) { return s.name == name; });
    };
    for (int n = 2; taken(scenario.name); ++n) {
        scenario.name = base + " (" + std::to_string(n) + ")";
    }
    core::Fleet changed = m_fleet;
    changed.scenarios.push_back(std::move(scenario));
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(changed), text));
    setCurrentScenario(static_cast<int>(m_fleet.scenarios.size()) - 1);
}

void FleetDocument::removeScenario()
{
    if (m_currentScenario < 0) {
        return;
    }
    core::Fleet changed = m_fleet;
    const QString name = QString::fromStdString(scenario().name);
    changed.scenarios.erase(changed.scenarios.begin() + m_currentScenario);
    m_undoStack.push(new ChangeFleetCommand(this, m_fleet, std::move(changed), tr("Delete scenario %1").arg(name)));
}

} // namespace fw::ui
