// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>

#include "core/topology/bom.h"

namespace fw::ui {

/// The bill of materials as a table: one row per switch tier, then links, optics, copper, and the
/// power and cost totals. Read-only; setBom() replaces it. GUI thread only.
class BomTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setBom(const core::topology::BillOfMaterials& bom);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<std::array<QString, 4>> m_rows; ///< item, count, ports used, ports free
};

} // namespace fw::ui
