// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <memory>

#include "core/compliance/rulelibrary.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QTableView;
class QTextBrowser;

namespace fw::ui {

class ComplianceMatrixModel;
class FleetDocument;

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
    void onDateChanged(int dayOffset);
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
    QLabel* m_problem;
};

} // namespace fw::ui
