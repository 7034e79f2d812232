// SPDX-License-Identifier: Apache-2.0
#include "core/report/figuretext.h"

#include "core/numbertext.h"

#include <cmath>
#include <cstdio>

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
    return buffer;
}

} // namespace fw::core::report
