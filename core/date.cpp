// SPDX-License-Identifier: Apache-2.0
#include "core/date.h"

#include <charconv>
#include <cstdio>

#include "core/error.h"

namespace fw::core {

Date Date::parse(std::string_view text)
{
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const auto bad = [&] { return ValidationError("\"" + std::string(text) + "\" is not a date (YYYY-MM-DD)"); };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        throw bad();
    }
    const auto number = [&](std::size_t from, std::size_t length, auto& out) {
        const auto [ptr, ec] = std::from_chars(text.data() + from, text.data() + from + length, out);
        if (ec != std::errc() || ptr != text.data() + from + length) {
            throw bad();
        }
    };
    number(0, 4, y);
    number(5, 2, m);
    number(8, 2, d);
    const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!day.ok()) {
        throw bad();
    }
    return Date(day);
}

Date Date::today()
{
    return Date(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())));
}

std::string Date::toString() const
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(m_day.year()),
                  static_cast<unsigned>(m_day.month()), static_cast<unsigned>(m_day.day()));
    return buffer;
}

} // namespace fw::core
