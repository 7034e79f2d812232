// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <charconv>
#include <string>

namespace fw::core {

/// Shortest decimal text of `value` that reads back as the same double, in plain notation
/// ("989.4", "12000000"); scientific only for magnitudes below 1e-4.
inline std::string formatNumber(double value)
{
    char buffer[400];
    const bool tiny = value != 0.0 && value > -1e-4 && value < 1e-4;
    const auto format = tiny ? std::chars_format::general : std::chars_format::fixed;
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    return std::string(buffer, result.ptr);
}

} // namespace fw::core
