// SPDX-License-Identifier: Apache-2.0
#include "core/report/figuretext.h"

#include "core/numbertext.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace fw::core::report {

std::string usd(double value)
{
    return groupedNumber(value, 0);
}

std::string millions(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "$%.1fM", value / 1e6);
    return buffer;
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    const std::string text(buffer);
    // A small negative rounds to "-0.0": no sign on zero.
    const bool zero = text.find_first_not_of("-0.") == std::string::npos;
    return zero && text.front() == '-' ? text.substr(1) : text;
}

} // namespace fw::core::report
