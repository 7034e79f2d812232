// SPDX-License-Identifier: Apache-2.0
#include "core/economics/rental.h"

#include <algorithm>
#include <cmath>

#include "core/facility/powermodel.h"
#include "core/limits.h"
#include "core/numbertext.h"

namespace fw::core::economics {
namespace {

/// A(r, n) = Σ_{t=1..n} (1+r)^−t.
double annuityFactor(double rate, int years)
{
    double factor = 0.0;
    for (int t = 1; t <= years; ++t) {
        factor += 1.0 / std::pow(1.0 + rate, t);
    }
    return factor;
}

std::string percent(double share)
{
    return formatNumber(std::round(share * 1000.0) / 10.0) + " %";
}

std::string usd(double value)
{
    return formatNumber(std::round(value * 100.0) / 100.0) + " USD";
}

} // namespace

RentOrOwn rentOrOwn(const TcoInputs& in, const TcoEstimate& e, double rentUsdPerHour)
{
    limits::check(limits::rentalUsdPerHour, rentUsdPerHour, "rental price");
    const double accelerators = static_cast<double>(in.system->acceleratorsPerSystem) * in.count;
    RentOrOwn r;
    r.rentUsdPerHour = rentUsdPerHour;
    const double capital = (e.capexUsd - e.residualUsd / std::pow(1.0 + in.discountRate, in.years)) /
                           annuityFactor(in.discountRate, in.years);
    r.fixedUsdPerAcceleratorYear = (capital + e.maintenanceUsdPerYear + e.colocationUsdPerYear) / accelerators;
    r.energyUsdPerAcceleratorHour = e.energyUsdPerYear / (accelerators * hoursPerYear * in.utilization);
    r.ownerUsdPerAcceleratorHourFullUse = r.fixedUsdPerAcceleratorYear / hoursPerYear + r.energyUsdPerAcceleratorHour;
    const double margin = rentUsdPerHour - r.energyUsdPerAcceleratorHour;
    if (margin > 0.0) {
        r.breakEvenUnclamped = r.fixedUsdPerAcceleratorYear / (hoursPerYear * margin);
    }
    if (!r.breakEvenUnclamped || *r.breakEvenUnclamped > 1.0) {
        r.outcome = RentOrOwnOutcome::RentingAlwaysCheaper;
    } else if (*r.breakEvenUnclamped <= 0.0) {
        r.outcome = RentOrOwnOutcome::OwningAlwaysCheaper;
    }
    r.breakEvenUtilisation = std::clamp(r.breakEvenUnclamped.value_or(1.0), 0.0, 1.0);
    r.breakEvenHoursPerYear = r.breakEvenUtilisation * hoursPerYear;
    return r;
}

double ownerUsdPerAcceleratorHour(const RentOrOwn& r, double utilisation)
{
    facility::requireRange("utilisation", utilisation, 0.0, 1.0, true);
    return r.fixedUsdPerAcceleratorYear / (hoursPerYear * utilisation) + r.energyUsdPerAcceleratorHour;
}

const char* outcomeKey(RentOrOwnOutcome outcome)
{
    switch (outcome) {
    case RentOrOwnOutcome::BreakEven: return "break_even";
    case RentOrOwnOutcome::RentingAlwaysCheaper: return "renting_always_cheaper";
    case RentOrOwnOutcome::OwningAlwaysCheaper: return "owning_always_cheaper";
    }
    return "";
}

std::string rentOrOwnText(const RentOrOwn& r)
{
    const std::string at = " at " + usd(r.rentUsdPerHour) + " per accelerator-hour";
    switch (r.outcome) {
    case RentOrOwnOutcome::BreakEven:
        return "owning is cheaper above " + percent(r.breakEvenUtilisation) + " utilisation (" +
               formatNumber(std::round(r.breakEvenHoursPerYear)) + " h a year), renting below," + at;
    case RentOrOwnOutcome::RentingAlwaysCheaper:
        return "renting is always cheaper" + at +
               (r.breakEvenUnclamped
                    ? " (the break-even, " + percent(*r.breakEvenUnclamped) + ", is beyond a full year)"
                    : " (it is no more than the owner's energy, " + usd(r.energyUsdPerAcceleratorHour) +
                          " per hour used)");
    case RentOrOwnOutcome::OwningAlwaysCheaper:
        return "owning is always cheaper" + at + " (the owner has no fixed cost; break-even clamped to 0 %)";
    }
    return {};
}

} // namespace fw::core::economics
