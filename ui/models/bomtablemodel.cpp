// SPDX-License-Identifier: Apache-2.0
#include "ui/models/bomtablemodel.h"

#include <QLocale>

#include "core/report/plainwords.h"

namespace fw::ui {

void BomTableModel::setBom(const core::topology::BillOfMaterials& bom)
{
    beginResetModel();
    m_rows.clear();
    const QLocale locale;
    const auto number = [&](double v) { return locale.toString(v, 'f', 0); };
    for (const auto& tier : bom.tiers) {
        m_rows.push_back({tr("%1 switches").arg(QString::fromStdString(tier.name)), number(tier.switches),
                          number(tier.portsUsed), number(tier.portsFree)});
    }
    for (const auto& [layer, links] : bom.links) {
        if (links > 0) {
            m_rows.push_back({tr("%1 links").arg(QString::fromStdString(core::report::plainKey(layer))), number(links),
                              QString(), QString()});
        }
    }
    m_rows.push_back(
        {tr("optics (%1)").arg(QString::fromStdString(bom.opticPart)), number(bom.optics), QString(), QString()});
    m_rows.push_back({tr("copper cables (%1)").arg(QString::fromStdString(bom.cablePart)), number(bom.copper),
                      QString(), QString()});
    m_rows.push_back(
        {tr("power of priced parts (kW)"), locale.toString(bom.powerWatts / 1000.0, 'f', 1), QString(), QString()});
    m_rows.push_back({tr("cost of priced parts (USD)"), number(bom.costUsd), QString(), QString()});
    endResetModel();
}

int BomTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BomTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant BomTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= 4) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        return m_rows[static_cast<std::size_t>(index.row())][static_cast<std::size_t>(index.column())];
    }
    if (role == Qt::TextAlignmentRole) {
        return QVariant((index.column() == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    }
    return {};
}

QVariant BomTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= 4) {
        return {};
    }
    static const char* titles[] = {QT_TR_NOOP("Item"), QT_TR_NOOP("Count"), QT_TR_NOOP("Ports used"),
                                   QT_TR_NOOP("Ports free")};
    return tr(titles[section]);
}

} // namespace fw::ui
