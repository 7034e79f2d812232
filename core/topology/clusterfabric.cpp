// SPDX-License-Identifier: Apache-2.0
#include "core/topology/clusterfabric.h"

#include <limits>

#include "core/error.h"
#include "core/units/quantity.h"

namespace fw::core::topology {

ClusterFabric designClusterFabric(std::int64_t accelerators, const NodeNetwork& node,
                                  const catalog::NetworkPart& fabricSwitch, const catalog::Catalog& catalog,
                                  std::optional<int> tiers)
{
    if (accelerators < 1) {
        throw ValidationError("fabric: accelerators " + std::to_string(accelerators) + " must be ≥ 1");
    }
    if (node.acceleratorsPerNode < 1) {
        throw ValidationError("fabric: accelerators per node " + std::to_string(node.acceleratorsPerNode) +
                              " must be ≥ 1");
    }
    if (fabricSwitch.kind != catalog::NetworkPartKind::Switch || !fabricSwitch.ports || !fabricSwitch.portSpeed) {
        throw ValidationError("fabric: '" + fabricSwitch.sku + "' is not a switch with ports and port speed");
    }
    const std::int64_t nodes = (accelerators + node.acceleratorsPerNode - 1) / node.acceleratorsPerNode;
    if (nodes > std::numeric_limits<int>::max()) {
        throw ValidationError("fabric: " + std::to_string(accelerators) + " accelerators are too many");
    }
    ClusterFabric result;
    FabricSpec& s = result.spec;
    s.kind = FabricKind::FatTree;
    s.nodes = static_cast<int>(nodes);
    s.acceleratorsPerNode = node.acceleratorsPerNode;
    s.rails = node.acceleratorsPerNode;
    s.nicPorts = node.nicPortsPerAccelerator;
    s.nicGbps = node.nicPortGbps;
    s.planes = node.planes;
    s.switchSku = fabricSwitch.sku;
    s.switchRadix = *fabricSwitch.ports;
    s.portGbps = units::inGigabitsPerSecond(*fabricSwitch.portSpeed);
    s.railOptimised = true;
    s.oversubscription = {1.0, 1.0};
    s.spineRule = SpineRule::DivideUplinks;
    s.tiers = tiers;
    const Fabric fabric = buildFabric(s);
    result.nodes = s.nodes;
    result.tiers = fabric.tiers;
    result.endpoints = fabric.endpoints;
    result.bom = billOfMaterials(fabric, catalog);
    return result;
}

} // namespace fw::core::topology
