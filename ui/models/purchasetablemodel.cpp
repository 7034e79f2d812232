// SPDX-License-Identifier: Apache-2.0
#include "ui/models/purchasetablemodel.h"

#include <QLocale>

namespace fw::ui {

void PurchaseTableModel::setPlan(const core::plan::PlanModel& model, const core::plan::Plan& plan)
{
    beginResetModel();
    m_rows.clear();
    for (const auto& p : plan.purchases) {
        const auto& system = model.systems[static_cast<std::size_t>(p.offer)];
        m_rows.push_back({QString::fromStdString(model.scenario.firstQuarter.plus(p.quarter).toString()),
                          QString::fromStdString(model.scenario.sites[static_cast<std::size_t>(p.site)].name),
                          QString::fromStdString(core::plan::offerLabel(system)), p.count,
                          p.count * model.price(p.offer, p.quarter)});
    }
    for (const auto& r : plan.retirements) { // negative units: taken out of service and sold
        m_rows.push_back(
            {QString::fromStdString(model.scenario.firstQuarter.plus(r.quarter).toString()),
             QString::fromStdString(model.scenario.sites[static_cast<std::size_t>(r.site)].name),
             tr("%1 (retired)").arg(QString::fromStdString(model.systems[static_cast<std::size_t>(r.system)].sku)),
             -r.count, -r.count * model.saleProceedsUsd(r.system, r.site, r.quarter)});
    }
    endResetModel();
}

int PurchaseTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PurchaseTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 5;
}

QVariant PurchaseTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= 5) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole) {
        return QVariant((index.column() >= 3 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case 0: return r.quarter;
    case 1: return r.site;
    case 2: return r.system;
    case 3: return QLocale().toString(r.count);
    default: return QLocale().toString(r.capexUsd, 'f', 0);
    }
}

QVariant PurchaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= 5) {
        return {};
    }
    static const char* titles[] = {QT_TR_NOOP("Quarter"), QT_TR_NOOP("Site"), QT_TR_NOOP("System"), QT_TR_NOOP("Units"),
                                   QT_TR_NOOP("Capex (USD)")};
    return tr(titles[section]);
}

} // namespace fw::ui
