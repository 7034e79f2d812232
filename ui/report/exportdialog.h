// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

#include <functional>

#include "ui/report/reportwriter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace fw::ui {

class FleetDocument;

/// File → Export Report…: where to write the PDF, which scenario's plan (or the catalog alone), the
/// paper, and whether to add the sensitivity section (six more plans). Says whether the plan on
/// screen is used or the scenario is planned first. GUI thread only.
class ExportReportDialog : public QDialog {
    Q_OBJECT
public:
    /// `hasPlan(i)`: scenario i has a current plan on screen.
    ExportReportDialog(const FleetDocument& document, const std::function<bool(int)>& hasPlan,
                       QWidget* parent = nullptr);

    QString path() const;
    /// −1: the catalog report.
    int scenario() const;
    Paper paper() const;
    bool sensitivity() const;

private:
    void updateNote();

    QLineEdit* m_path;
    QComboBox* m_scenario;
    QComboBox* m_paper;
    QCheckBox* m_sensitivity;
    QLabel* m_note;
    std::function<bool(int)> m_hasPlan;
};

} // namespace fw::ui
