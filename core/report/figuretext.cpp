// SPDX-License-Identifier: Apache-2.0
#include "core/report/figuretext.h"

#include <cmath>
#include <cstdio>

namespace fw::core::report {

std::string usd(double value)
{
    const long long whole = std::llround(std::abs(value));
    std::string digits = std::to_string(whole);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            text += ',';
        }
        text += digits[i];
    }
    return (value < 0 ? "-" : "") + text;
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
