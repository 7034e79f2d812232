// SPDX-License-Identifier: Apache-2.0
#include "core/economics/residual.h"

#include <cmath>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::core::economics {

ResidualShare residualShare(const catalog::Accelerator& a, double ageYears,
                            const workload::ModelAssumptions& assumptions)
{
    if (!(ageYears >= 0.0) || !std::isfinite(ageYears)) {
        throw ValidationError("age " + formatNumber(ageYears) + " years must be ≥ 0");
    }
    ResidualShare r;
    double weighted = 0.0; // Σ age · −ln(used / new)
    double squares = 0.0;  // Σ age²
    int points = 0;
    if (a.priceNew && a.releaseYear && units::inUsd(*a.priceNew) > 0.0) {
        const double released = *a.releaseYear + 0.5;
        for (const auto& p : a.usedPriceCurve) {
            const auto day = std::chrono::year_month_day(p.date.days());
            const double when = p.date.year() + (static_cast<unsigned>(day.month()) - 0.5) / 12.0;
            const double age = when - released;
            if (age > 0.0) {
                weighted += age * -std::log(units::inUsd(p.price) / units::inUsd(*a.priceNew));
                squares += age * age;
                ++points;
            }
        }
    }
    if (points > 0 && weighted > 0.0) {
        r.lossPerYear = weighted / squares;
        r.basis = formatNumber(points) + (points == 1 ? " used price" : " used prices") + " of " + a.sku +
                  " against its new price: " + formatNumber(std::round(std::exp(-r.lossPerYear) * 1000.0) / 10.0) +
                  " % kept a year";
    } else {
        const auto& fallback = assumptions.value("used_value_share_per_year");
        r.lossPerYear = -std::log(fallback.value);
        r.basis = "no used prices of " + a.sku + ": " + formatNumber(fallback.value * 100.0) + " % kept a year (" +
                  fallback.source + ")";
    }
    r.share = std::exp(-r.lossPerYear * ageYears);
    return r;
}

} // namespace fw::core::economics
