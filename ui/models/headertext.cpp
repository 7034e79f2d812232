// SPDX-License-Identifier: Apache-2.0
#include "ui/models/headertext.h"

namespace fw::ui {

QString wrappedHeader(const QString& title)
{
    constexpr qsizetype longest = 11; // about as wide as "1,234,567.8"
    if (title.contains(QLatin1Char('\n')) || title.size() <= longest) {
        return title;
    }
    if (const qsizetype unit = title.lastIndexOf(QStringLiteral(" (")); unit > 0) {
        return title.left(unit) + QLatin1Char('\n') + title.mid(unit + 1);
    }
    // The space nearest the middle.
    qsizetype best = -1;
    for (qsizetype i = 0; i < title.size(); ++i) {
        if (title[i] == QLatin1Char(' ') &&
            (best < 0 || std::abs(i - title.size() / 2) < std::abs(best - title.size() / 2))) {
            best = i;
        }
    }
    return best < 0 ? title : title.left(best) + QLatin1Char('\n') + title.mid(best + 1);
}

} // namespace fw::ui
