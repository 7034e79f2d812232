// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <memory>

#include "core/compliance/rulelibrary.h"
#include "core/date.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QTableView;
class QTextBrowser;

namespace fw::ui {

class ComplianceMatrixModel;
class FleetDocument;
class ProblemLabel;

/// The compliance page: a matrix of the catalog's accelerators × destination countries coloured by
/// export-control treatment, with a legend; a date slider from the first rule set to today and a
/// rule-set picker; the company profile (headquarters, ultimate parent) as undoable edits; and the
/// reasoning of the selected cell with its citations as links. States plainly that it is decision
/// support, not legal advice. GUI thread only.
class CompliancePage : public QWidget {
    Q_OBJECT
public:
    explicit CompliancePage(FleetDocument* document, QWidget* parent = nullptr);
    ~CompliancePage() override;

    QTableView* matrixView() const { return m_matrix; }
    ComplianceMatrixModel* matrixModel() const { return m_model; }
    QSlider* dateSlider() const { return m_slider; }
    QTextBrowser* reasoning() const { return m_reasoning; }
    QComboBox* ruleSetPicker() const { return m_ruleSets; }
    void setCountries(const QString& commaSeparated);
    /// Sets the buyer's headquarters and parent (ISO codes, empty for unknown) as one undo step.
    void setCompany(const QString& hq, const QString& parentHq);

private:
    void showReasoning(const QModelIndex& index);
    /// The reasoning of the cell last clicked, under the rules as they now are (after a new date,
    /// destinations or company); the prompt when no cell is chosen.
    void refreshReasoning();
    void onDateChanged(int dayOffset);
    /// Year labels under the slider, each where its 1 January falls.
    QWidget* yearScale(core::Date first, core::Date last);
    void refreshCompanyFields();

    FleetDocument* m_document;
    std::unique_ptr<core::compliance::RuleLibrary> m_library;
    ComplianceMatrixModel* m_model = nullptr;
    QTableView* m_matrix;
    QSlider* m_slider;
    QLabel* m_dateLabel;
    QComboBox* m_ruleSets;
    QLineEdit* m_countries;
    QComboBox* m_hq;
    QComboBox* m_parentHq;
    QTextBrowser* m_reasoning;
    ProblemLabel* m_problem;
    int m_chosenRow = -1; ///< the cell whose reasoning is shown
    int m_chosenColumn = -1;
};

} // namespace fw::ui
