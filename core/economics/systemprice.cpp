// SPDX-License-Identifier: Apache-2.0
#include "core/economics/systemprice.h"

#include <cmath>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::core::economics {

FullSystemPrice fullSystemPrice(const catalog::System& system, const workload::ModelAssumptions& assumptions)
{
    if (!system.price) {
        throw ValidationError("system '" + system.sku + "' has no catalog price");
    }
    const double price = units::inUsd(*system.price);
    const auto scope = system.priceScope.value_or(catalog::PriceScope::FullSystem);
    if (scope == catalog::PriceScope::FullSystem) {
        return {price, 0.0, "full-system price"};
    }
    if (scope == catalog::PriceScope::AcceleratorOnly) {
        throw ValidationError("system '" + system.sku +
                              "' has an accelerator_only price (the accelerators alone), which no sourced figure "
                              "makes a full-system price");
    }
    const auto& host = assumptions.value("host_integration_usd_per_8_accelerators");
    const double uplift = std::round(host.value * system.acceleratorsPerSystem / 8.0);
    return {price + uplift, uplift,
            "baseboard price " + groupedNumber(price) + " USD + host and integration uplift " + groupedNumber(uplift) +
                " USD (" + host.source + ")"};
}

} // namespace fw::core::economics
