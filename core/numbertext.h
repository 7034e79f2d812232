// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace fw::core {

/// Shortest decimal text of `value` that reads back as the same double, in plain notation
/// ("989.4", "12000000"); scientific for magnitudes below 1e-4 and from 1e15 on ("5e+23", not all
/// 24 digits of the double nearest 5e23).
inline std::string formatNumber(double value)
{
    char buffer[400];
    const bool tiny = value != 0.0 && value > -1e-4 && value < 1e-4;
    const bool huge = value <= -1e15 || value >= 1e15;
    const auto format = tiny || huge ? std::chars_format::general : std::chars_format::fixed;
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    return std::string(buffer, result.ptr);
}

/// `value` with `decimals` digits after the point and a comma between thousands: "1,854,669.4",
/// "-12".
inline std::string groupedNumber(double value, int decimals = 0)
{
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
    const std::string digits(buffer);
    const std::size_t point = digits.find('.');
    std::string whole = digits.substr(0, point);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
        whole.insert(static_cast<std::size_t>(i), ",");
    }
    const bool negative = value < 0 && whole.find_first_not_of("0,") != std::string::npos;
    return (negative ? "-" : "") + whole + (point == std::string::npos ? "" : digits.substr(point));
}

} // namespace fw::core
