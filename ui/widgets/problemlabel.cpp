// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/problemlabel.h"

#include <QFontMetrics>

#include "ui/document/fleetdocument.h"

namespace fw::ui {

ProblemLabel::ProblemLabel(QWidget* parent) : QLabel(parent)
{
    setStyleSheet(QStringLiteral("color: #e74c3c; font-weight: bold"));
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setFixedHeight(fontMetrics().height() + 4);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // never widens the page
}

ProblemLabel::ProblemLabel(FleetDocument* document, QWidget* parent) : ProblemLabel(parent)
{
    connect(document, &FleetDocument::editRejected, this,
            [this](const QString& reason) { showProblem(tr("Not applied: %1").arg(reason)); });
    connect(document, &FleetDocument::editAccepted, this, [this] { showProblem({}); });
}

void ProblemLabel::showProblem(const QString& problem)
{
    m_problem = problem;
    setToolTip(problem);
    elide();
}

void ProblemLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ProblemLabel::elide()
{
    QFont bold = font();
    bold.setBold(true);
    setText(QFontMetrics(bold).elidedText(m_problem, Qt::ElideRight, std::max(0, width() - 4)));
}

} // namespace fw::ui
