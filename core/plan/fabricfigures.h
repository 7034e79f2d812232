// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog/catalog.h"

namespace fw::core::plan {

/// What the scale-out fabric costs and draws per accelerator in one size band.
struct FabricBand {
    int tiers = 2;
    double usdPerAccelerator = 0.0;   ///< switches, optics and cables the catalog prices
    double wattsPerAccelerator = 0.0; ///< IT watts of those parts
};

/// The scale-out fabric of one system family (one catalog system: its new, used and installed units
/// share it): a rail-optimised, non-blocking fat tree for its node (NICs and accelerators per node)
/// on the catalog switch with the lowest price per NIC port, priced by the topology module's bill of
/// materials in two bands: up to the largest two-tier fabric, and three tiers above it.
struct FamilyFabric {
    std::string family;    ///< the system's SKU
    bool priced = false;   ///< false: no fabric in the plan for it (`why` says what is missing)
    std::string why;       ///< why not priced
    std::string switchSku; ///< the chosen switch
    int nicPortsPerAccelerator = 1;
    double nicGbps = 0.0;
    std::int64_t largestTwoTier = 0; ///< accelerators the largest two-tier fabric connects
    FabricBand twoTier;              ///< per accelerator, designed at largestTwoTier
    FabricBand threeTier;            ///< per accelerator, designed at twice largestTwoTier
    std::string unpriced;            ///< catalog parts the fabric uses that have no price or power ("" none)
};

/// Designs and prices `system`'s fabric from `catalog` (topology::designClusterFabric). NIC figures
/// come from the system (nics_per_system, nic_gbps), else from its accelerator (one scale_out_nic per
/// chip); without either, or without a priced switch fast enough, the family is not priced. Pure.
FamilyFabric familyFabric(const catalog::System& system, const catalog::Catalog& catalog);

/// The scale-out fabric one system of a family carries, as the owner's TCO counts it (the break-even
/// and `estimate tco`): the two-tier band per accelerator × accelerators per system — the band every
/// unit pays in the plan, which adds a three-tier fabric's extra per family and site only when the
/// family outgrows two tiers. Nothing, with the reason, when the family's fabric is not priced.
struct SystemFabric {
    double usd = 0.0;   ///< USD per system, once
    double watts = 0.0; ///< IT watts per system
    std::string basis;  ///< "two-tier fat tree on QM9700: 5143.75 USD and 71.07 W per accelerator × 8", "none: …"
};

SystemFabric systemFabric(const FamilyFabric& family, int acceleratorsPerSystem);

} // namespace fw::core::plan
