// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/catalogitemdelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include "ui/models/catalogtablemodel.h"

namespace fw::ui {
namespace {

constexpr int unitRole = AcceleratorTableModel::UnitRole;
constexpr int choicesRole = AcceleratorTableModel::ChoicesRole;

} // namespace

QWidget* CatalogItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex& index) const
{
    const QStringList choices = index.data(choicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(parent);
        for (const QString& choice : choices) {
            combo->addItem(choice.isEmpty() ? tr("(not published)") : choice, choice);
        }
        return combo;
    }
    auto* frame = new QWidget(parent);
    frame->setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(frame);
    layout->setContentsMargins(0, 0, 2, 0);
    layout->setSpacing(2);
    auto* edit = new QLineEdit(frame);
    edit->setObjectName(QStringLiteral("value"));
    edit->setFrame(false);
    edit->setPlaceholderText(tr("not published"));
    layout->addWidget(edit, 1);
    const QString unit = index.data(unitRole).toString();
    if (!unit.isEmpty()) {
        auto* label = new QLabel(unit, frame);
        label->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(label);
        edit->setToolTip(tr("Value in %1; leave empty when not published").arg(unit));
    }
    frame->setFocusProxy(edit);
    return frame;
}

void CatalogItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QString text = index.data(Qt::EditRole).toString();
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findData(text)));
        return;
    }
    if (auto* edit = editor->findChild<QLineEdit*>(QStringLiteral("value"))) {
        edit->setText(text);
        edit->selectAll();
    }
}

void CatalogItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentData(), Qt::EditRole);
        return;
    }
    if (auto* edit = editor->findChild<QLineEdit*>(QStringLiteral("value"))) {
        model->setData(index, edit->text(), Qt::EditRole);
    }
}

} // namespace fw::ui
