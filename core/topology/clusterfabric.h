// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>

#include "core/catalog/catalog.h"
#include "core/topology/bom.h"
#include "core/topology/fabric.h"

namespace fw::core::topology {

/// One node of a system family as its scale-out fabric sees it.
struct NodeNetwork {
    int acceleratorsPerNode = 8;
    int nicPortsPerAccelerator = 1; ///< scale-out NIC ports of each accelerator (all planes together)
    double nicPortGbps = 400;       ///< speed of each port, per direction
    int planes = 1;                 ///< independent fabrics; each takes an equal share of every accelerator's ports
};

/// A family's scale-out fabric, sized and priced.
struct ClusterFabric {
    FabricSpec spec;     ///< what was designed
    int nodes = 0;       ///< accelerators ÷ accelerators per node, rounded up
    int tiers = 0;       ///< 2 or 3
    int endpoints = 0;   ///< NIC ports on the fabric: nodes × accelerators per node × ports
    BillOfMaterials bom; ///< switches per tier (bom.tiers: name, switches), links, optics, copper;
                         ///< bom.costUsd (USD) and bom.powerWatts (W) of the priced parts;
                         ///< bom.unpriced: the parts left out of those sums (never counted as zero)
};

/// Designs the fat tree that `accelerators` accelerators need (the plan's clusters call this): a
/// node's accelerators each have a rail (one NIC) with `node.nicPortsPerAccelerator` ports of
/// `node.nicPortGbps`, spread evenly over `node.planes` planes; the fabric is rail-optimised and
/// non-blocking, on `fabricSwitch` (its ports broken out to the NIC speed where faster), with the
/// fewest tiers that fit and NVIDIA's spine rule (SpineRule::DivideUplinks); the last node is
/// counted whole; `tiers` (2 or 3) asks for that many instead. Prices it from `catalog`
/// (billOfMaterials). Blocking, pure and thread-safe. Throws ValidationError (one line) for
/// accelerators < 1, a switch without ports or port speed, ports slower than the NIC, planes that do
/// not divide the ports, or more than 3 tiers' worth (or more than `tiers` hold).
ClusterFabric designClusterFabric(std::int64_t accelerators, const NodeNetwork& node,
                                  const catalog::NetworkPart& fabricSwitch, const catalog::Catalog& catalog,
                                  std::optional<int> tiers = std::nullopt);

} // namespace fw::core::topology
