// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/catalog/records.h"
#include "core/workload/assumptions.h"

namespace fw::core::economics {

/// What one unit of a system costs ready to install, and how that figure was made.
struct FullSystemPrice {
    double usd = 0.0;
    double uplift = 0.0; ///< USD added to a partial price for host and integration; 0 for a full-system price
    std::string basis;   ///< "full-system price" or "baseboard price 205,870 USD + host and integration uplift …"
};

/// The system's catalog price as a full-system price. A full_system price is taken as it is. A
/// baseboard price gets the sourced host-and-integration cost `host_integration_usd_per_8_accelerators`
/// scaled by accelerators per system / 8 (one figure for every vendor; a cost, not a sale price).
/// Throws ValidationError naming the system when it has no price, or its price covers the
/// accelerators alone (no sourced figure gives the baseboard, host and integration around them).
FullSystemPrice fullSystemPrice(const catalog::System& system, const workload::ModelAssumptions& assumptions);

} // namespace fw::core::economics
