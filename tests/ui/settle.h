// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QApplication>
#include <QTest>

namespace fw::ui::test {

/// Lets layouts, deferred resizes and column fitting finish.
inline void settle()
{
    for (int i = 0; i < 5; ++i) {
        QApplication::processEvents();
    }
    QTest::qWait(50);
}

} // namespace fw::ui::test
