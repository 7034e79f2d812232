// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/economics/tco.h"

namespace fw::core::economics {

/// Rent or own one accelerator for a year, at a rental price P (USD per accelerator-hour), from the
/// pieces of the TCO model (tco.h). Per accelerator, with N accelerators in the estimate, life n
/// years, discount rate r, and u the share of the year's 8,760 h the accelerator is used:
///
///   fixed cost a year   F = [(capex − residual / (1+r)^n) / A(r, n) + maintenance + colocation] / N
///                           A(r, n) = Σ_{t=1..n} (1+r)^−t (A = n when r = 0)
///   energy per used hour V = energy a year / (N × 8,760 h × the TCO's utilization)
///
/// F is the equal yearly payment with the same NPV as the TCO's capex, residual value and fixed
/// opex (capex, with installation, scale-out fabric and facility build-out, paid at the start; the
/// residual comes back after n years; opex and rent are paid at each year's end, as the TCO's NPV
/// has them), so at r = 0 it is the TCO's straight-line depreciation plus fixed opex. Energy is the
/// only cost that scales with use: the TCO's power model draws power (the fabric's with the
/// servers') in proportion to utilization and nothing when idle. A fabric of f USD and w IT watts
/// per system of a accelerators thus raises F by f / (a A(r, n)) (capex with no residual value:
/// f / (a n) at r = 0; plus the colocation of its kW where colocation is priced) and V by
/// w / (1,000 a) kW × PUE × the USD per kWh for each hour used.
///
///   owning costs  F + V × 8,760 u a year;  renting costs  P × 8,760 u a year
///   owner's cost per used accelerator-hour  c(u) = F / (8,760 u) + V
///   break-even utilisation  u* = F / (8,760 × (P − V))
///
/// Owning is cheaper above u*, renting below. When P ≤ V each rented hour costs no more than the
/// owner's energy alone: renting is cheaper at any use and there is no break-even. When u* > 1 the
/// break-even lies beyond a full year: renting is cheaper at any use a year has. When F = 0 (a system
/// bought for nothing) owning is cheaper at any use. The reported figure is clamped into [0, 1] and
/// the outcome says which case holds.
enum class RentOrOwnOutcome { BreakEven, RentingAlwaysCheaper, OwningAlwaysCheaper };

struct RentOrOwn {
    double rentUsdPerHour = 0.0;                    ///< P
    double fixedUsdPerAcceleratorYear = 0.0;        ///< F
    double energyUsdPerAcceleratorHour = 0.0;       ///< V
    double ownerUsdPerAcceleratorHourFullUse = 0.0; ///< c(1) = F / 8,760 + V
    std::optional<double> breakEvenUnclamped;       ///< F / (8,760 (P − V)); none when P ≤ V
    double breakEvenUtilisation = 0.0;              ///< u* clamped into [0, 1]
    double breakEvenHoursPerYear = 0.0;             ///< the clamped u* × 8,760 h
    RentOrOwnOutcome outcome = RentOrOwnOutcome::BreakEven;
};

inline constexpr double hoursPerYear = 8760.0;

/// The break-even of owning what `inputs` describe (estimated as `estimate`) against renting at
/// `rentUsdPerHour`. Throws ValidationError for a negative or non-finite price.
RentOrOwn rentOrOwn(const TcoInputs& inputs, const TcoEstimate& estimate, double rentUsdPerHour);

/// c(u): what owning costs per accelerator-hour used when a share `utilisation` (0–1] of the year is
/// used. Throws ValidationError outside (0, 1].
double ownerUsdPerAcceleratorHour(const RentOrOwn& rentOrOwn, double utilisation);

/// "break_even", "renting_always_cheaper", "owning_always_cheaper".
const char* outcomeKey(RentOrOwnOutcome outcome);

/// One sentence for a planner: "owning is cheaper above 44.4 % utilisation (3,890 h a year) …".
std::string rentOrOwnText(const RentOrOwn& rentOrOwn);

} // namespace fw::core::economics
