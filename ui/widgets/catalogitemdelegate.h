// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace fw::ui {

/// In-cell editors for catalog tables: a drop-down for enumerations and booleans (the model's
/// ChoicesRole), else a line edit with the field's unit shown beside it (UnitRole) and a
/// placeholder saying that an empty cell means "not published". GUI thread only.
class CatalogItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace fw::ui
