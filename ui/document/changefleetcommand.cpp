// SPDX-License-Identifier: Apache-2.0
#include "ui/document/changefleetcommand.h"

#include "ui/document/fleetdocument.h"

namespace fw::ui {

ChangeFleetCommand::ChangeFleetCommand(FleetDocument* document, core::Fleet before, core::Fleet after,
                                       const QString& text, int cellKey)
    : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
      m_cellKey(cellKey)
{}

void ChangeFleetCommand::redo()
{
    m_document->setFleet(m_after);
}

void ChangeFleetCommand::undo()
{
    m_document->setFleet(m_before);
}

bool ChangeFleetCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ChangeFleetCommand*>(other);
    if (next->m_cellKey != m_cellKey) {
        return false;
    }
    m_after = next->m_after;
    return true;
}

} // namespace fw::ui
