// SPDX-License-Identifier: Apache-2.0
#include "ui/changecatalogcommand.h"

#include "ui/fleetdocument.h"

namespace fw::ui {

ChangeCatalogCommand::ChangeCatalogCommand(FleetDocument* document, core::catalog::Catalog before,
                                           core::catalog::Catalog after, const QString& text, int cellKey)
    : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
      m_cellKey(cellKey)
{}

void ChangeCatalogCommand::redo()
{
    m_document->setCatalog(m_after);
}

void ChangeCatalogCommand::undo()
{
    m_document->setCatalog(m_before);
}

bool ChangeCatalogCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ChangeCatalogCommand*>(other);
    if (next->m_cellKey != m_cellKey) {
        return false;
    }
    m_after = next->m_after;
    return true;
}

} // namespace fw::ui
