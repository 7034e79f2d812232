// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace fw::ui {

/// A column title as a table header shows it: on two lines when it carries a unit in parentheses
/// ("Electricity\n(USD/kWh)") or is longer than a number in the column ("Liquid\ncooling"), so that
/// a table of many columns fits the width of the page. Messages keep the one-line title.
QString wrappedHeader(const QString& title);

} // namespace fw::ui
