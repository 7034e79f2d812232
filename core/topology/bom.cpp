// SPDX-License-Identifier: Apache-2.0
#include "core/topology/bom.h"

#include "core/units/quantity.h"

namespace fw::core::topology {
namespace {

/// The cheapest priced part of `kind` whose ports carry `gbps`, else the first that does.
const catalog::NetworkPart* choosePart(const catalog::Catalog& c, catalog::NetworkPartKind kind, double gbps)
{
    const catalog::NetworkPart* best = nullptr;
    for (const auto& part : c.networkParts) {
        if (part.kind != kind || !part.portSpeed || units::inGigabitsPerSecond(*part.portSpeed) < gbps) {
            continue;
        }
        if (best == nullptr || (part.price && (!best->price || *part.price < *best->price))) {
            best = &part;
        }
    }
    return best;
}

void add(BillOfMaterials& bom, const catalog::NetworkPart* part, int count, const std::string& role,
         double powerShare = 1.0)
{
    if (count == 0) {
        return;
    }
    if (part == nullptr) {
        bom.unpriced.push_back(role + ": no catalog part (power and price)");
        return;
    }
    if (part->power) {
        bom.powerWatts += units::inWatts(*part->power) * powerShare * count;
    } else {
        bom.unpriced.push_back(role + " " + part->sku + ": power");
    }
    if (part->price) {
        bom.costUsd += units::inUsd(*part->price) * count;
    } else {
        bom.unpriced.push_back(role + " " + part->sku + ": price");
    }
}

} // namespace

BillOfMaterials billOfMaterials(const Fabric& fabric, const catalog::Catalog& catalog)
{
    const FabricGraph& g = fabric.graph;
    BillOfMaterials bom;
    std::map<VertexKind, TierSummary> tiers;
    for (auto [v, end] = boost::vertices(g); v != end; ++v) {
        const auto& vertex = g[*v];
        if (vertex.kind == VertexKind::Management) {
            ++bom.managementNodes;
            continue;
        }
        if (vertex.kind == VertexKind::Node || vertex.kind == VertexKind::ScaleUp) {
            continue;
        }
        auto& tier = tiers[vertex.kind];
        tier.name = std::string(toString(vertex.kind));
        ++tier.switches;
        int used = 0;
        for (auto [e, eEnd] = boost::out_edges(*v, g); e != eEnd; ++e) {
            used += g[*e].links;
        }
        tier.portsUsed += used;
        tier.portsFree += vertex.radix - used;
    }
    for (auto kind : {VertexKind::Leaf, VertexKind::Spine, VertexKind::Core, VertexKind::Router}) {
        if (tiers.contains(kind)) {
            bom.tiers.push_back(tiers[kind]);
            bom.switchesTotal += tiers[kind].switches;
        }
    }
    for (const char* layer : {"node_leaf", "leaf_spine", "spine_core"}) {
        bom.links[layer] = 0;
    }
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const auto& link = g[*e];
        if (link.layer == LinkLayer::ScaleUp) {
            continue; // inside the rack's NVLink fabric, not the scale-out BOM
        }
        bom.links[std::string(toString(link.layer))] += link.links;
        if (link.layer == LinkLayer::ManagementLeaf) {
            bom.managementPorts += link.links;
        }
        bom.linksTotal += link.links;
        if (link.medium == Medium::Optical) {
            bom.optics += 2 * link.links;
        } else {
            bom.copper += link.links;
        }
    }
    const catalog::NetworkPart* switchPart = catalog.findNetworkPart(fabric.spec.switchSku);
    const catalog::NetworkPart* optic = choosePart(catalog, catalog::NetworkPartKind::Optic, fabric.linkGbps);
    const catalog::NetworkPart* cable = choosePart(catalog, catalog::NetworkPartKind::Cable, fabric.linkGbps);
    bom.switchPart = switchPart ? switchPart->sku : "";
    bom.opticPart = optic ? optic->sku : "";
    bom.cablePart = cable ? cable->sku : "";
    add(bom, fabric.spec.switchSku.empty() ? nullptr : switchPart, bom.switchesTotal, "switch");
    add(bom, optic, bom.optics, "optic");
    add(bom, cable, bom.copper, "cable");
    if (bom.managementNodes > 0) {
        bom.unpriced.push_back(std::to_string(bom.managementNodes) +
                               " management node(s) (UFM): no catalog part (power and price)");
    }
    return bom;
}

} // namespace fw::core::topology
