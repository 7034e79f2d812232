// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

namespace fw::ui {

class FleetDocument;

/// The reason the last edit was refused, in red above the table or form that was edited, on one
/// line (elided; the whole text in the tooltip). Its line is kept while there is nothing to say, so
/// that a refusal never moves the table under the mouse. With a document, it shows the document's
/// refusals and clears once an edit is applied (or undone).
class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProblemLabel(QWidget* parent = nullptr);
    ProblemLabel(FleetDocument* document, QWidget* parent);

    /// Shows `problem` (plain text); an empty one clears the line.
    void showProblem(const QString& problem);
    QString problem() const { return m_problem; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_problem;
};

} // namespace fw::ui
