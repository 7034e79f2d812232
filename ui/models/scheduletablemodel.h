// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include "core/plan/planmodel.h"

namespace fw::ui {

/// A plan's schedule: one row per purchase and per retirement, in quarter, site and system order —
/// quarter, site, system, what happens (bought new or used, retired and sold), units, capex and sale
/// proceeds — and a totals row last. Sorting (SortRole) is by number where a column holds numbers.
/// Read-only; setPlan() replaces it. GUI thread only.
class ScheduleTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Quarter, Site, System, Change, Units, Capex, Proceeds, ColumnCount };
    /// True on the totals row (Qt::UserRole + 1).
    static constexpr int TotalRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setPlan(const core::plan::PlanModel& model, const core::plan::Plan& plan);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int quarterIndex = 0;
        QString quarter;
        QString site;
        QString system;
        QString change;
        int units = 0;
        double capexUsd = 0.0;    ///< purchases
        double proceedsUsd = 0.0; ///< retirements
        bool total = false;
    };
    QVariant display(const Row& row, int column) const;
    std::vector<Row> m_rows;
};

/// Sorts a table by the clicked column while its totals row (ScheduleTableModel::TotalRole) stays last.
class TotalsLastProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

} // namespace fw::ui
