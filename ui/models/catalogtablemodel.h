// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>

#include <functional>
#include <optional>
#include <vector>

#include "core/catalog/catalog.h"

namespace fw::ui {

class FleetDocument;

/// A column computed from a record rather than stored in it (TPP, PD, power per accelerator).
template <class Record>
struct DerivedColumn {
    QString title;
    QString toolTip;
    std::function<std::optional<double>(const Record&, const core::catalog::Catalog&)> value;
    int decimals = 0;
};

/// A table of one kind of catalog record (accelerators, systems or network parts) of the document's
/// fleet: one column per field of core/catalog/fields.h, then the derived columns. Display text
/// carries thousands separators, the header the unit; SortRole gives numbers for numeric columns,
/// so sorting is numeric. Stored fields are editable: setData() parses the text in the field's file
/// unit and hands the changed catalog to FleetDocument::changeCatalog(), which validates it and
/// pushes one undo step; the model never writes the document itself. GUI thread only.
template <class Record>
class CatalogTableModel : public QAbstractTableModel {
public:
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int UnitRole = Qt::UserRole + 1;    ///< the field's unit ("W"), for editors
    static constexpr int ChoicesRole = Qt::UserRole + 2; ///< QStringList of allowed values, or empty

    explicit CatalogTableModel(FleetDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    /// The field key (`tdp_w`) of a stored column, or the derived column's title.
    QString columnKey(int column) const;
    const Record& record(int row) const;

private:
    const std::vector<Record>& records() const;

    void onFleetChanged();

    FleetDocument* m_document;
    std::vector<DerivedColumn<Record>> m_derived;
    int m_fieldCount = 0;
    int m_rowCount = 0; ///< rows as last reported to views
};

using AcceleratorTableModel = CatalogTableModel<core::catalog::Accelerator>;
using SystemTableModel = CatalogTableModel<core::catalog::System>;
using NetworkPartTableModel = CatalogTableModel<core::catalog::NetworkPart>;

extern template class CatalogTableModel<core::catalog::Accelerator>;
extern template class CatalogTableModel<core::catalog::System>;
extern template class CatalogTableModel<core::catalog::NetworkPart>;

} // namespace fw::ui
