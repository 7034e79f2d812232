// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/catalog/records.h"
#include "core/workload/assumptions.h"

namespace fw::core::economics {

/// What a unit keeps of its new price as it ages: share = e^(−λ·age). λ is fitted to the
/// accelerator's dated used prices against its new price (age counted from the middle of its release
/// year; least squares on −ln(used / new) through the origin); without such prices, or without a
/// new price or release year, the sourced fallback `used_value_share_per_year` (share = f^age).
struct ResidualShare {
    double share = 1.0;
    double lossPerYear = 0.0; ///< λ
    std::string basis;        ///< where λ came from, for outputs
};

/// Throws ValidationError for a negative age.
ResidualShare residualShare(const catalog::Accelerator& accelerator, double ageYears,
                            const workload::ModelAssumptions& assumptions);

} // namespace fw::core::economics
