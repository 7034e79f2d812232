// SPDX-License-Identifier: Apache-2.0
#include "ui/fleetdocument.h"

#include <QFileInfo>

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

void FleetDocument::setFleet(core::Fleet fleet)
{
    m_fleet = std::move(fleet);
    emit fleetChanged();
}

} // namespace fw::ui
