// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/problemlabel.h"

#include "ui/document/fleetdocument.h"

namespace fw::ui {

ProblemLabel::ProblemLabel(FleetDocument* document, QWidget* parent) : QLabel(parent)
{
    setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    setWordWrap(true);
    setVisible(false);
    connect(document, &FleetDocument::editRejected, this, [this](const QString& reason) {
        setText(tr("Not applied: %1").arg(reason));
        setVisible(true);
    });
    connect(document, &FleetDocument::editAccepted, this, &QLabel::hide);
}

} // namespace fw::ui
