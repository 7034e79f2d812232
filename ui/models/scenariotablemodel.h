// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>

#include <functional>
#include <optional>
#include <type_traits>
#include <vector>

#include "core/plan/scenario.h"

namespace fw::ui {

class FleetDocument;

/// One column of a scenario table: its title, its unit and meaning (the tooltip), how a cell reads
/// and how typed text is written back.
struct ScenarioColumn {
    QString title;
    QString tip;
    std::function<QVariant(const core::plan::Scenario&, int row)> value;
    /// Writes `text` into row `row`; returns why it cannot be written, or an empty string. Range
    /// checks are checkScenario's: only parsing belongs here.
    std::function<QString(core::plan::Scenario&, int row, const QString& text)> write;
    bool checkBox = false; ///< value() is a bool, shown and edited as a check box
    /// What the cell shows when it is not what is edited: a value derived from other fields (a
    /// run's FLOPs from its parameters and tokens). Empty: value() is shown.
    std::function<QVariant(const core::plan::Scenario&, int row)> shown = {};
    /// The tooltip of one cell when it says more than the column's `tip`; an empty string: `tip`.
    std::function<QString(const core::plan::Scenario&, int row)> cellTip = {};
};

/// What a scenario table shows: its rows, its columns (which may depend on the scenario, as the
/// quarters of the horizon do), a name for each row, and how rows are added and removed.
struct ScenarioTable {
    QString noun; ///< "site", used in undo texts and refusals
    std::function<int(const core::plan::Scenario&)> rows;
    std::function<std::vector<ScenarioColumn>(const core::plan::Scenario&)> columns;
    std::function<QString(const core::plan::Scenario&, int row)> rowName;
    std::function<void(core::plan::Scenario&, int row)> insertRow; ///< empty: rows are fixed
    std::function<void(core::plan::Scenario&, int row)> removeRow;
};

/// A table over a part of the document's current scenario. Every edit, paste, added or removed row
/// is one undo step through FleetDocument::changeScenario, so it is checked before it is applied and
/// refused with the reason otherwise; typing in one cell merges into one step. GUI thread only.
class ScenarioTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    ScenarioTableModel(FleetDocument* document, ScenarioTable table, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    bool canInsertRows() const { return static_cast<bool>(m_table.insertRow); }
    /// Adds a row before `row` (at the end when `row` is rowCount()); one undo step.
    bool addRow(int row);
    /// Removes `row`; one undo step.
    bool removeRow(int row);
    /// Writes tab-separated rows (as a spreadsheet copies them) from `topLeft` on, as one undo
    /// step; cells beyond the table are refused, and one bad cell refuses the whole paste.
    bool paste(const QModelIndex& topLeft, const QString& text);

private:
    bool hasScenario() const;
    void refresh();

    FleetDocument* m_document;
    ScenarioTable m_table;
    std::vector<ScenarioColumn> m_columns;
    int m_rows = 0;
    int m_key; ///< tells this table's cells apart from other tables' when merging undo steps
};

/// Row `row` of one of the scenario's lists (sites, offers …), for a table's column functions.
template <typename Row>
Row& rowOf(std::vector<Row>& rows, int row)
{
    return rows[static_cast<std::size_t>(row)];
}
template <typename Row>
const Row& rowOf(const std::vector<Row>& rows, int row)
{
    return rows[static_cast<std::size_t>(row)];
}

/// Reads a number as typed ("1,250.5" in the user's locale or "1250.5"); nullopt when it is not one.
std::optional<double> parseNumber(const QString& text);
/// parseNumber for a ScenarioColumn writer: stores into `target` or says why it cannot.
QString writeNumber(const QString& text, double& target);
QString writeCount(const QString& text, int& target);
QString writeYesNo(const QString& text, bool& target);
/// writeCount for a whole number, writeNumber for any other.
template <typename Value>
QString writeValue(const QString& text, Value& target)
{
    if constexpr (std::is_integral_v<Value>) {
        return writeCount(text, target);
    } else {
        return writeNumber(text, target);
    }
}
/// A cell showing a value that may be absent: empty when it is.
template <typename Value>
QVariant optionalCell(const std::optional<Value>& value)
{
    return value ? QVariant(*value) : QVariant(QString());
}
/// writeNumber and writeCount for a value that may be absent: empty text clears it.
QString writeOptionalNumber(const QString& text, std::optional<double>& target);
QString writeOptionalCount(const QString& text, std::optional<int>& target);

template <typename Value>
struct IsOptional : std::false_type {};
template <typename Value>
struct IsOptional<std::optional<Value>> : std::true_type {};

/// A column over one numeric field of the rows of a scenario list: a number or a whole number, or
/// either one absent (an empty cell clears it).
template <typename Row, typename Field>
ScenarioColumn fieldColumn(const QString& title, const QString& tip, std::vector<Row> core::plan::Scenario::*rows,
                           Field Row::*field)
{
    return {title, tip,
            [rows, field](const core::plan::Scenario& s, int r) {
                const Field& value = rowOf(s.*rows, r).*field;
                if constexpr (IsOptional<Field>::value) {
                    return optionalCell(value);
                } else {
                    return QVariant(value);
                }
            },
            [rows, field](core::plan::Scenario& s, int r, const QString& text) {
                Field& value = rowOf(s.*rows, r).*field;
                if constexpr (std::is_same_v<Field, std::optional<int>>) {
                    return writeOptionalCount(text, value);
                } else if constexpr (IsOptional<Field>::value) {
                    return writeOptionalNumber(text, value);
                } else {
                    return writeValue(text, value);
                }
            }};
}

} // namespace fw::ui
