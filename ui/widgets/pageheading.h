// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

namespace fw::ui {

/// The line at the top of a page saying what it is for (rich text, bold title first); wraps
/// rather than widening the window.
inline QLabel* pageHeading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace fw::ui
