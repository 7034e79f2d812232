// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

namespace fw::ui {

class FleetDocument;

/// The reason the last edit was refused, in red beside the table or form that was edited; hidden
/// again once an edit is applied (or undone).
class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProblemLabel(FleetDocument* document, QWidget* parent = nullptr);
};

} // namespace fw::ui
