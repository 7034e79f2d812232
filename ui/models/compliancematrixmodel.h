// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/compliance/treatment.h"

namespace fw::ui {

class FleetDocument;

/// The fleet's accelerators (rows) × destination countries (columns): each cell the treatment of
/// shipping one unit to the fleet's company in that country on the chosen date, under the stack in
/// force then. Read-only. GUI thread only.
class ComplianceMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    ComplianceMatrixModel(FleetDocument* document, const core::compliance::RuleLibrary* library,
                          QObject* parent = nullptr);

    void setDate(core::Date date);
    void setCountries(const QStringList& countries);
    core::Date date() const { return m_date; }
    QString stackName() const { return m_stackName; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const core::compliance::Determination& determination(const QModelIndex& index) const;

    /// The colour a treatment and review policy is shown in, and its legend label.
    static QColor colour(core::compliance::Treatment t, core::compliance::ReviewPolicy p);
    /// The cell's colour: its treatment's, or grey for an item that needs review.
    static QColor cellColour(const core::compliance::Determination& d);
    /// The cell's text: a code of its treatment or review policy, as the legend names it
    /// ("✓", "AP", "CbC", "DP", "✗", or the licence exceptions), so every cell fits at 1280×800.
    static QString shortLabel(const core::compliance::Determination& d);
    /// (label, colour) pairs of the legend, strictest last.
    static std::vector<std::pair<QString, QColor>> legend();

private:
    void recompute();

    FleetDocument* m_document;
    const core::compliance::RuleLibrary* m_library;
    core::Date m_date;
    QStringList m_countries;
    QString m_stackName;
    std::vector<std::vector<core::compliance::Determination>> m_cells; ///< [row][column]
};

} // namespace fw::ui
