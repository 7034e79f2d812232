// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>

#include "core/plan/planmodel.h"

namespace fw::ui {

/// A plan's purchase schedule: quarter, site, system, units and capex, one row per purchase.
/// Read-only; setPlan() replaces it. GUI thread only.
class PurchaseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setPlan(const core::plan::PlanModel& model, const core::plan::Plan& plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString quarter;
        QString site;
        QString system;
        int count = 0;
        double capexUsd = 0.0;
    };
    std::vector<Row> m_rows;
};

} // namespace fw::ui
