// SPDX-License-Identifier: Apache-2.0
#include "core/plan/fabricfigures.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/numbertext.h"
#include "core/topology/clusterfabric.h"

namespace fw::core::plan {
namespace {

/// The priced, powered switch with the lowest price per port at `nicGbps` (each port broken out to
/// the NIC speed), or null.
const catalog::NetworkPart* cheapestSwitch(const catalog::Catalog& catalog, double nicGbps)
{
    const catalog::NetworkPart* best = nullptr;
    double bestUsdPerPort = std::numeric_limits<double>::infinity();
    for (const auto& part : catalog.networkParts) {
        if (part.kind != catalog::NetworkPartKind::Switch || !part.ports || !part.portSpeed || !part.price ||
            !part.power) {
            continue;
        }
        const double breakout = std::floor(units::inGigabitsPerSecond(*part.portSpeed) / nicGbps + 1e-9);
        if (breakout < 1.0) {
            continue;
        }
        const double usdPerPort = units::inUsd(*part.price) / (*part.ports * breakout);
        if (usdPerPort < bestUsdPerPort) {
            bestUsdPerPort = usdPerPort;
            best = &part;
        }
    }
    return best;
}

FabricBand bandOf(const topology::ClusterFabric& fabric, std::int64_t accelerators)
{
    return {fabric.tiers, fabric.bom.costUsd / static_cast<double>(accelerators),
            fabric.bom.powerWatts / static_cast<double>(accelerators)};
}

} // namespace

FamilyFabric familyFabric(const catalog::System& system, const catalog::Catalog& catalog)
{
    FamilyFabric f;
    f.family = system.sku;
    const int perNode = system.acceleratorsPerSystem;
    const catalog::Accelerator* chip = catalog.findAccelerator(system.acceleratorSku);
    if (system.nicsPerSystem && system.nicSpeed && perNode > 0) {
        f.nicPortsPerAccelerator = std::max(1, *system.nicsPerSystem / perNode);
        f.nicGbps = units::inGigabitsPerSecond(*system.nicSpeed);
    } else if (chip != nullptr && chip->scaleOutNic && perNode > 0) {
        f.nicPortsPerAccelerator = 1;
        f.nicGbps = units::inGigabitsPerSecond(*chip->scaleOutNic);
    } else {
        f.why = "the catalog gives no scale-out NIC for " + system.sku;
        return f;
    }
    const catalog::NetworkPart* fabricSwitch = f.nicGbps > 0.0 ? cheapestSwitch(catalog, f.nicGbps) : nullptr;
    if (fabricSwitch == nullptr) {
        f.why = "no priced switch carries " + std::to_string(static_cast<int>(f.nicGbps)) + " Gb/s ports";
        return f;
    }
    f.switchSku = fabricSwitch->sku;
    const topology::NodeNetwork node{perNode, f.nicPortsPerAccelerator, f.nicGbps, 1};
    // Non-blocking two tiers connect radix² / 2 NIC ports, the radix counted at the NIC speed. The
    // cost and power per accelerator hardly change with size inside a band, so each band is designed
    // at one reference size (at most 4,096 accelerators, whole nodes), two tiers and three.
    const double radix =
        *fabricSwitch->ports * std::floor(units::inGigabitsPerSecond(*fabricSwitch->portSpeed) / f.nicGbps + 1e-9);
    f.largestTwoTier = static_cast<std::int64_t>(radix * radix / 2.0) / f.nicPortsPerAccelerator;
    f.largestTwoTier -= f.largestTwoTier % perNode;
    std::int64_t reference = std::min<std::int64_t>(f.largestTwoTier, 4096);
    reference -= reference % perNode;
    try {
        const auto two = topology::designClusterFabric(reference, node, *fabricSwitch, catalog, 2);
        const auto three = topology::designClusterFabric(reference, node, *fabricSwitch, catalog, 3);
        f.twoTier = bandOf(two, reference);
        f.threeTier = bandOf(three, reference);
        for (const auto& part : three.bom.unpriced) {
            f.unpriced += (f.unpriced.empty() ? "" : "; ") + part;
        }
    } catch (const ValidationError& e) {
        f.why = e.what();
        return f;
    }
    f.priced = true;
    return f;
}

SystemFabric systemFabric(const FamilyFabric& family, int acceleratorsPerSystem)
{
    if (!family.priced) {
        return {0.0, 0.0, "none: the fabric of " + family.family + " is not priced (" + family.why + ")"};
    }
    const auto rounded = [](double value) { return formatNumber(std::round(value * 100.0) / 100.0); };
    SystemFabric f;
    f.usd = family.twoTier.usdPerAccelerator * acceleratorsPerSystem;
    f.watts = family.twoTier.wattsPerAccelerator * acceleratorsPerSystem;
    f.basis = "two-tier fat tree on " + family.switchSku + ": " + rounded(family.twoTier.usdPerAccelerator) +
              " USD and " + rounded(family.twoTier.wattsPerAccelerator) + " W per accelerator × " +
              std::to_string(acceleratorsPerSystem);
    if (!family.unpriced.empty()) {
        f.basis += " (without the parts the catalog does not price: " + family.unpriced + ")";
    }
    return f;
}

} // namespace fw::core::plan
