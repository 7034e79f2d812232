// SPDX-License-Identifier: Apache-2.0
#include "ui/fleetdocument.h"

#include <QFileInfo>

#include "core/catalog/validation.h"
#include "ui/changefleetcommand.h"

namespace fw::ui {

FleetDocument::FleetDocument(QObject* parent) : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

QString FleetDocument::displayName() const
{
    return m_database ? QFileInfo(filePath()).fileName() : tr("Untitled");
}

void FleetDocument::reset(core::Fleet fleet)
{
    m_database.reset();
    m_fleet = std::move(fleet);
    m_undoStack.clear();
    emit filePathChanged(QString());
    emit fleetChanged();
    emit modifiedChanged(false);
}

void FleetDocument::open(const QString& path)
{
    auto database = core::store::FleetDatabase::open(path.toStdString());
    m_fleet = database.fleet();
    m_database.emplace(std::move(database));
    m_undoStack.clear();
    emit filePathChanged(filePath());
    emit fleetChanged();
    emit modifiedChanged(false);
}

void FleetDocument::save()
{
    m_database->save(m_fleet);
    m_undoStack.setClean();
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
        emit editRejected(QString::fromUtf8(e.what()));
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
    emit editAccepted();
    emit fleetChanged();
}

} // namespace fw::ui
