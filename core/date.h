// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

namespace fw::core {

/// A calendar day (proleptic Gregorian), as rule sets and ship dates use. Ordered, printable as
/// ISO 8601 `YYYY-MM-DD`.
class Date {
public:
    constexpr Date() = default;
    constexpr explicit Date(std::chrono::year_month_day day) : m_day(day) {}

    /// Parses `YYYY-MM-DD`; throws ValidationError naming the text when it is not a valid day.
    static Date parse(std::string_view text);
    /// Today in UTC.
    static Date today();

    std::string toString() const;
    int year() const { return static_cast<int>(m_day.year()); }
    std::chrono::sys_days days() const { return std::chrono::sys_days(m_day); }

    auto operator<=>(const Date& other) const { return days() <=> other.days(); }
    bool operator==(const Date& other) const { return days() == other.days(); }

private:
    std::chrono::year_month_day m_day{std::chrono::year(1970), std::chrono::January, std::chrono::day(1)};
};

} // namespace fw::core
