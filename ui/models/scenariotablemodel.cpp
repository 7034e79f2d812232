// SPDX-License-Identifier: Apache-2.0
#include "ui/models/scenariotablemodel.h"

#include <QLocale>

#include <cmath>

#include "ui/document/fleetdocument.h"
#include "ui/models/headertext.h"

namespace fw::ui {

std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    const QString trimmed = text.trimmed();
    double value = QLocale().toDouble(trimmed, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(trimmed, &ok);
    }
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

QString writeNumber(const QString& text, double& target)
{
    const auto value = parseNumber(text);
    if (!value) {
        return QObject::tr("“%1” is not a number").arg(text);
    }
    target = *value;
    return {};
}

QString writeYesNo(const QString& text, bool& target)
{
    const QString t = text.trimmed().toLower();
    if (t == QStringLiteral("yes") || t == QStringLiteral("true") || t == QStringLiteral("1")) {
        target = true;
    } else if (t == QStringLiteral("no") || t == QStringLiteral("false") || t == QStringLiteral("0")) {
        target = false;
    } else {
        return QObject::tr("“%1” is not yes or no").arg(text);
    }
    return {};
}

QString writeCount(const QString& text, int& target)
{
    const auto value = parseNumber(text);
    if (!value || *value != std::floor(*value) || std::abs(*value) > 1e9) {
        return QObject::tr("“%1” is not a whole number").arg(text);
    }
    target = static_cast<int>(*value);
    return {};
}

namespace {

template <typename Value, typename Write>
QString writeOptional(const QString& text, std::optional<Value>& target, Write write)
{
    if (text.trimmed().isEmpty()) {
        target.reset();
        return {};
    }
    Value value{};
    const QString problem = write(text, value);
    if (problem.isEmpty()) {
        target = value;
    }
    return problem;
}

} // namespace

QString writeOptionalNumber(const QString& text, std::optional<double>& target)
{
    return writeOptional(text, target, writeNumber);
}

QString writeOptionalCount(const QString& text, std::optional<int>& target)
{
    return writeOptional(text, target, writeCount);
}

namespace {

int nextKey()
{
    static int key = 0;
    return ++key;
}

} // namespace

ScenarioTableModel::ScenarioTableModel(FleetDocument* document, ScenarioTable table, QObject* parent)
    : QAbstractTableModel(parent), m_document(document), m_table(std::move(table)), m_key(nextKey())
{
    connect(document, &FleetDocument::fleetChanged, this, &ScenarioTableModel::refresh);
    connect(document, &FleetDocument::currentScenarioChanged, this, &ScenarioTableModel::refresh);
    refresh();
}

bool ScenarioTableModel::hasScenario() const
{
    return m_document->currentScenario() >= 0;
}

void ScenarioTableModel::refresh()
{
    auto columns = hasScenario() ? m_table.columns(m_document->scenario()) : std::vector<ScenarioColumn>();
    const int rows = hasScenario() ? m_table.rows(m_document->scenario()) : 0;
    const bool sameShape = rows == m_rows && columns.size() == m_columns.size() &&
                           std::equal(columns.begin(), columns.end(), m_columns.begin(),
                                      [](const auto& a, const auto& b) { return a.title == b.title; });
    if (sameShape) {
        m_columns = std::move(columns);
        if (m_rows > 0 && !m_columns.empty()) {
            emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
            emit headerDataChanged(Qt::Vertical, 0, m_rows - 1);
        }
        return;
    }
    beginResetModel();
    m_columns = std::move(columns);
    m_rows = rows;
    endResetModel();
}

int ScenarioTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ScenarioTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant ScenarioTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index) || !hasScenario()) {
        return {};
    }
    const ScenarioColumn& column = m_columns[static_cast<std::size_t>(index.column())];
    const core::plan::Scenario& scenario = m_document->scenario();
    if (role == Qt::ToolTipRole) {
        const QString own = column.cellTip ? column.cellTip(scenario, index.row()) : QString();
        return own.isEmpty() ? column.tip : own;
    }
    const QVariant value = column.shown && role != Qt::EditRole ? column.shown(scenario, index.row())
                                                                : column.value(scenario, index.row());
    if (column.checkBox) {
        return role == Qt::CheckStateRole ? QVariant(value.toBool() ? Qt::Checked : Qt::Unchecked) : QVariant();
    }
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        if (value.typeId() == QMetaType::Int) {
            return role == Qt::DisplayRole ? QLocale().toString(value.toInt()) : value.toString();
        }
        if (value.typeId() != QMetaType::Double) {
            return value;
        }
        // Text, not a double: the editor is then a line edit that takes any typing (and the
        // refusal says why), not a spin box that silently clamps.
        QLocale locale;
        if (role == Qt::EditRole) {
            locale.setNumberOptions(QLocale::OmitGroupSeparator);
        }
        // Beyond 1e15 (a run's FLOPs) digits stop being readable: an exponent instead (5E+23).
        const double number = value.toDouble();
        return locale.toString(number, std::abs(number) >= 1e15 ? 'g' : 'f', QLocale::FloatingPointShortest);
    }
    if (role == Qt::TextAlignmentRole && value.typeId() != QMetaType::QString) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ScenarioTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < columnCount()) {
        const ScenarioColumn& column = m_columns[static_cast<std::size_t>(section)];
        if (role == Qt::DisplayRole) {
            return wrappedHeader(column.title);
        }
        if (role == Qt::ToolTipRole) {
            return column.tip;
        }
    }
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 && section < m_rows) {
        return m_table.rowName ? m_table.rowName(m_document->scenario(), section) : QVariant(section + 1);
    }
    return {};
}

Qt::ItemFlags ScenarioTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index)) {
        return Qt::NoItemFlags;
    }
    const ScenarioColumn& column = m_columns[static_cast<std::size_t>(index.column())];
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (column.write) {
        flags |= column.checkBox ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable;
    }
    return flags;
}

bool ScenarioTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !checkIndex(index) || !hasScenario()) {
        return false;
    }
    const ScenarioColumn& column = m_columns[static_cast<std::size_t>(index.column())];
    if (!column.write || (role != (column.checkBox ? Qt::CheckStateRole : Qt::EditRole))) {
        return false;
    }
    const QString text = column.checkBox ? (value.toInt() == Qt::Checked ? QStringLiteral("yes") : QStringLiteral("no"))
                                         : value.toString();
    auto changed = m_document->scenario();
    const QString row = headerData(index.row(), Qt::Vertical).toString();
    if (const QString problem = column.write(changed, index.row(), text); !problem.isEmpty()) {
        m_document->rejectEdit(tr("%1 %2, %3: %4").arg(m_table.noun, row, column.title, problem));
        return false;
    }
    const int cell = (m_key * 4096 + index.row()) * 256 + index.column();
    return m_document->changeScenario(changed, tr("Edit %1 %2 %3").arg(m_table.noun, row, column.title), cell);
}

bool ScenarioTableModel::addRow(int row)
{
    if (!hasScenario() || !m_table.insertRow) {
        return false;
    }
    auto changed = m_document->scenario();
    m_table.insertRow(changed, std::clamp(row, 0, m_rows));
    return m_document->changeScenario(changed, tr("Add %1").arg(m_table.noun));
}

bool ScenarioTableModel::removeRow(int row)
{
    if (!hasScenario() || !m_table.removeRow || row < 0 || row >= m_rows) {
        return false;
    }
    auto changed = m_document->scenario();
    const QString name = headerData(row, Qt::Vertical).toString();
    m_table.removeRow(changed, row);
    return m_document->changeScenario(changed, tr("Remove %1 %2").arg(m_table.noun, name));
}

bool ScenarioTableModel::paste(const QModelIndex& topLeft, const QString& text)
{
    if (!topLeft.isValid() || !hasScenario()) {
        return false;
    }
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.back().trimmed().isEmpty()) {
        lines.removeLast();
    }
    auto changed = m_document->scenario();
    int cells = 0;
    for (int r = 0; r < lines.size(); ++r) {
        QString line = lines[r];
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        const QStringList values = line.split(QLatin1Char('\t'));
        for (int c = 0; c < values.size(); ++c) {
            const int row = topLeft.row() + r;
            const int column = topLeft.column() + c;
            if (row >= m_rows || column >= columnCount()) {
                m_document->rejectEdit(tr("the pasted block (%1 × %2) does not fit the table from row %3, column %4")
                                           .arg(lines.size())
                                           .arg(values.size())
                                           .arg(topLeft.row() + 1)
                                           .arg(topLeft.column() + 1));
                return false;
            }
            const ScenarioColumn& target = m_columns[static_cast<std::size_t>(column)];
            const QString name = headerData(row, Qt::Vertical).toString();
            if (!target.write) {
                m_document->rejectEdit(tr("%1 %2, %3 cannot be edited").arg(m_table.noun, name, target.title));
                return false;
            }
            if (const QString problem = target.write(changed, row, values[c]); !problem.isEmpty()) {
                m_document->rejectEdit(tr("%1 %2, %3: %4").arg(m_table.noun, name, target.title, problem));
                return false;
            }
            ++cells;
        }
    }
    return cells > 0 && m_document->changeScenario(changed, tr("Paste %n cell(s)", nullptr, cells));
}

} // namespace fw::ui
