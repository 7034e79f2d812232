// SPDX-License-Identifier: Apache-2.0
#include "ui/models/scheduletablemodel.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <limits>
#include <tuple>

namespace fw::ui {

void ScheduleTableModel::setPlan(const core::plan::PlanModel& model, const core::plan::Plan& plan)
{
    beginResetModel();
    m_rows.clear();
    const auto& sc = model.scenario;
    const auto siteName = [&](int j) { return QString::fromStdString(sc.sites[static_cast<std::size_t>(j)].name); };
    Row total{std::numeric_limits<int>::max(), tr("Total"), {}, {}, {}, 0, 0.0, 0.0, true};
    int retired = 0;
    for (const auto& p : plan.purchases) {
        const auto& system = model.systems[static_cast<std::size_t>(p.offer)];
        const double capex = p.count * model.price(p.offer, p.quarter);
        m_rows.push_back({p.quarter, QString::fromStdString(sc.firstQuarter.plus(p.quarter).toString()),
                          siteName(p.site), QString::fromStdString(core::plan::offerLabel(system)),
                          system.used ? tr("buy used") : tr("buy new"), p.count, capex, 0.0, false});
        total.units += p.count;
        total.capexUsd += capex;
    }
    for (const auto& r : plan.retirements) {
        const double proceeds = r.count * model.saleProceedsUsd(r.system, r.site, r.quarter);
        m_rows.push_back({r.quarter, QString::fromStdString(sc.firstQuarter.plus(r.quarter).toString()),
                          siteName(r.site),
                          QString::fromStdString(model.systems[static_cast<std::size_t>(r.system)].sku),
                          tr("retire and sell"), r.count, 0.0, proceeds, false});
        retired += r.count;
        total.proceedsUsd += proceeds;
    }
    // Quarter by quarter, then site and system: a plan CBC stopped early comes in another order.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.quarterIndex, a.site, a.system) < std::tie(b.quarterIndex, b.site, b.system);
    });
    if (!m_rows.empty()) {
        total.change = retired > 0 ? tr("%1 retired").arg(QLocale().toString(retired)) : QString();
        m_rows.push_back(total);
    }
    endResetModel();
}

void ScheduleTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ScheduleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ScheduleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScheduleTableModel::display(const Row& r, int column) const
{
    const QLocale locale;
    const auto usd = [&locale](double value) { return value > 0.0 ? locale.toString(value, 'f', 0) : QString(); };
    switch (column) {
    case Quarter: return r.quarter;
    case Site: return r.site;
    case System: return r.system;
    case Change: return r.change;
    case Units: return locale.toString(r.units);
    case Capex: return usd(r.capexUsd);
    default: return usd(r.proceedsUsd);
    }
}

QVariant ScheduleTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case Qt::TextAlignmentRole:
        return QVariant((index.column() >= Units ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::FontRole:
        if (r.total) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::UserRole: // sorting: numbers as numbers
        switch (index.column()) {
        case Quarter: return r.quarterIndex;
        case Units: return r.units;
        case Capex: return r.capexUsd;
        case Proceeds: return r.proceedsUsd;
        default: return display(r, index.column());
        }
    case TotalRole: return r.total;
    default: return {};
    }
}

QVariant ScheduleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        static const char* titles[] = {QT_TR_NOOP("Quarter"),
                                       QT_TR_NOOP("Site"),
                                       QT_TR_NOOP("System"),
                                       QT_TR_NOOP("Change"),
                                       QT_TR_NOOP("Units"),
                                       QT_TR_NOOP("Capex (USD)"),
                                       QT_TR_NOOP("Sale proceeds (USD)")};
        return tr(titles[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* tips[] = {
            QT_TR_NOOP("The quarter the order is placed (it arrives after the offer's lead time) or the systems are "
                       "retired"),
            QT_TR_NOOP("Where the systems go or come out of service"),
            QT_TR_NOOP("What is bought or sold"),
            QT_TR_NOOP("Bought new, bought used, or retired and sold"),
            QT_TR_NOOP("Systems"),
            QT_TR_NOOP("What the purchase costs, undiscounted"),
            QT_TR_NOOP("What retired systems sell for, less the cost of reselling, undiscounted")};
        return tr(tips[section]);
    }
    return {};
}

bool TotalsLastProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (left.data(ScheduleTableModel::TotalRole).toBool()) {
        return sortOrder() == Qt::DescendingOrder;
    }
    if (right.data(ScheduleTableModel::TotalRole).toBool()) {
        return sortOrder() == Qt::AscendingOrder;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace fw::ui
