// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

#include "core/error.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/topology/fabricbuilders.h"

namespace fw::core::topology::detail {
namespace {

[[noreturn]] void fail(const std::string& message)
{
    throw ValidationError("fabric: " + message);
}

int downPorts(int radix, double ratio)
{
    return static_cast<int>(std::floor(radix * ratio / (ratio + 1.0)));
}

/// Uplinks that keep `ratio` (down:up) for `endpoints` down ports, at most `up`.
int uplinksFor(int endpoints, double ratio, int up)
{
    return std::min(up, static_cast<int>(std::ceil(endpoints / ratio)));
}

/// The port arithmetic every plane shares.
struct PlaneShape {
    int radix = 0;        ///< after breakout
    int down = 0;         ///< leaf ports towards nodes
    int up = 0;           ///< leaf ports towards spines
    int spineDown = 0;    ///< spine ports towards leaves (all of them in 2 tiers)
    int spineUp = 0;      ///< spine ports towards cores
    int nodePorts = 0;    ///< ports of one node in one plane: rails × nicPorts ÷ planes
    int slotsPerUnit = 0; ///< node slots a unit of leaves is built for
    int slots = 0;        ///< nodes + management nodes
    int tiers = 0;
    double leafRatio = 1.0;
    double spineRatio = 1.0;
};

/// One leaf: the (slot, ports) pairs it serves and the endpoints its uplinks are built for.
struct LeafPlan {
    std::vector<std::pair<int, int>> members;
    int designedEndpoints = 0;
    int unit = 0;
};

/// The fabric's size against core/limits.h, in 64-bit checked arithmetic, before anything is built:
/// accelerators, node slots, switch ports and the node-to-leaf links of every plane.
void checkSize(const FabricSpec& s)
{
    limits::check(limits::nodeAccelerators, s.acceleratorsPerNode, "fabric: accelerators per node");
    limits::check(limits::switchRadix, s.switchRadix, "fabric: switch radix");
    limits::check(limits::nicPorts, s.nicPorts, "fabric: NIC ports");
    limits::check(limits::planes, s.planes, "fabric: planes");
    limits::check(limits::scaleUpDomain, s.scaleUpDomain, "fabric: scale-up domain");
    limits::check(limits::fabricNodes, s.nodesPerUnit, "fabric: nodes per scalable unit");
    limits::check(limits::fabricNodes, s.managementNodes, "fabric: management nodes");
    const std::int64_t slots = static_cast<std::int64_t>(s.nodes) + s.managementNodes;
    limits::checkProduct(limits::fabricAccelerators, slots, s.acceleratorsPerNode,
                         "fabric: accelerators ((nodes + management nodes) × accelerators per node)");
    const std::int64_t slotsBuilt = s.nodesPerUnit > 0 ? ceilDiv(slots, s.nodesPerUnit) * s.nodesPerUnit : slots;
    limits::checkProduct(limits::fabricEdges, slotsBuilt, static_cast<std::int64_t>(s.rails) * s.nicPorts,
                         "fabric: node links (node slots × rails × NIC ports)");
}

void validateFatTree(const FabricSpec& s)
{
    if (s.nodes < 1) {
        fail("nodes " + std::to_string(s.nodes) + " must be ≥ 1");
    }
    if (s.switchRadix < 2) {
        fail("switch radix " + std::to_string(s.switchRadix) + " must be ≥ 2");
    }
    if (s.rails < 1 || s.rails > s.acceleratorsPerNode) {
        fail(std::to_string(s.rails) + " rails need " + std::to_string(s.rails) + " NICs per node, but a node has " +
             std::to_string(s.acceleratorsPerNode) + " accelerators with one NIC each");
    }
    if (s.nicPorts < 1) {
        fail("NIC ports " + std::to_string(s.nicPorts) + " must be ≥ 1");
    }
    if (s.planes < 1 || s.nicPorts % s.planes != 0) {
        fail(std::to_string(s.planes) + " planes need the ports of every NIC shared evenly, but a NIC has " +
             std::to_string(s.nicPorts) + " (give --nic-ports " + std::to_string(std::max(1, s.planes)) + ")");
    }
    if (s.tiers && *s.tiers != 2 && *s.tiers != 3) {
        fail("tiers " + std::to_string(*s.tiers) + " must be 2, 3 or auto");
    }
    for (double o : s.oversubscription) {
        if (!(o >= 1.0) || o > 64.0) {
            fail("oversubscription " + formatNumber(o) + ":1 must be between 1:1 and 1:64");
        }
    }
    if (s.nodesPerUnit < 0 || s.managementNodes < 0 || s.managementPorts < 0) {
        fail("nodes per unit, management nodes and management ports must be ≥ 0");
    }
    const std::int64_t nodePorts = static_cast<std::int64_t>(s.rails) * (s.nicPorts / s.planes);
    if (s.managementNodes > 0 && (s.managementPorts < 1 || s.managementPorts > nodePorts)) {
        fail("a management node takes one node slot and 1 to " + std::to_string(nodePorts) +
             " of its ports per plane, not " + std::to_string(s.managementPorts));
    }
    if (s.portGbps < s.nicGbps) {
        fail("switch ports of " + formatNumber(s.portGbps) + " Gb/s are slower than the " + formatNumber(s.nicGbps) +
             " Gb/s NICs");
    }
    checkSize(s);
}

PlaneShape planeShape(Fabric& f)
{
    const FabricSpec& s = f.spec;
    PlaneShape p;
    const double breakout = std::floor(s.portGbps / s.nicGbps);
    p.radix = narrow(static_cast<std::int64_t>(s.switchRadix * breakout));
    p.leafRatio = s.oversubscription.empty() ? 1.0 : s.oversubscription[0];
    p.spineRatio = s.oversubscription.size() > 1 ? s.oversubscription[1] : 1.0;
    p.down = downPorts(p.radix, p.leafRatio);
    p.up = p.radix - p.down;
    if (p.down < 1 || p.up < 1) {
        fail("a radix-" + std::to_string(p.radix) + " leaf cannot keep " + formatNumber(p.leafRatio) +
             ":1 with at least one uplink");
    }
    p.nodePorts = narrow(static_cast<std::int64_t>(s.rails) * (s.nicPorts / s.planes));
    p.slots = narrow(static_cast<std::int64_t>(s.nodes) + s.managementNodes);
    // Endpoints one plane must hold: every slot a unit builds for, at a node's ports.
    const std::int64_t slotsBuilt =
        s.nodesPerUnit > 0 ? ceilDiv(p.slots, s.nodesPerUnit) * s.nodesPerUnit : static_cast<std::int64_t>(p.slots);
    const std::int64_t perPlane = slotsBuilt * p.nodePorts;
    // A leaf must reach every spine of its pod, and a spine (or core) every leaf (or pod) above it.
    const std::int64_t max2 = static_cast<std::int64_t>(p.radix) * p.down;
    const std::int64_t max3 = max2 * downPorts(p.radix, p.spineRatio);
    p.tiers = s.tiers.value_or(perPlane <= max2 ? 2 : 3);
    if ((p.tiers == 2 && perPlane > max2) || perPlane > max3) {
        fail(std::to_string(perPlane) + " endpoints per plane do not fit in " +
             (p.tiers == 2 && perPlane <= max3 ? "2 tiers (at most " + std::to_string(max2)
                                               : "3 tiers (at most " + std::to_string(max3)) +
             " with radix " + std::to_string(p.radix) + "); use a larger switch, more planes or fewer nodes");
    }
    p.spineDown = p.tiers == 3 ? downPorts(p.radix, p.spineRatio) : p.radix;
    p.spineUp = p.radix - p.spineDown;
    p.slotsPerUnit = s.nodesPerUnit > 0 ? s.nodesPerUnit : (s.railOptimised ? p.down : p.slots);
    f.tiers = p.tiers;
    f.effectiveRadix = p.radix;
    f.linkGbps = s.nicGbps;
    f.maxEndpoints =
        narrow(std::min<std::int64_t>(saturatingProduct(p.tiers == 2 ? max2 : max3, s.planes), 2'000'000'000));
    f.scalableUnits = s.nodesPerUnit > 0 ? narrow(ceilDiv(p.slots, s.nodesPerUnit)) : 0;
    return p;
}

/// The leaves of one plane, unit by unit. A node slot has `nodePorts` ports; a management slot
/// (after the nodes) `managementPorts`. Rail-optimised: rail port r of the slots of a block of
/// `down` slots goes to the block's rail-r leaf. Otherwise a slot's ports fill leaves in order.
/// With scalable units, every leaf's uplinks are built for all of its unit's slots.
std::vector<LeafPlan> planLeaves(const FabricSpec& s, const PlaneShape& p)
{
    const auto portsOf = [&](int slot) { return slot < s.nodes ? p.nodePorts : s.managementPorts; };
    const bool wholeUnits = s.nodesPerUnit > 0;
    std::vector<LeafPlan> leaves;
    for (int first = 0; first < p.slots; first += p.slotsPerUnit) {
        const int unit = first / p.slotsPerUnit;
        const int designedSlots = wholeUnits ? p.slotsPerUnit : std::min(p.slotsPerUnit, p.slots - first);
        const int present = std::min(p.slotsPerUnit, p.slots - first);
        if (s.railOptimised) {
            for (int block = 0; block < designedSlots; block += p.down) {
                const int blockSlots = std::min(p.down, designedSlots - block);
                std::vector<LeafPlan> rails(static_cast<std::size_t>(p.nodePorts));
                for (int i = block; i < std::min(block + blockSlots, present); ++i) {
                    const int slot = first + i;
                    for (int port = 0; port < portsOf(slot); ++port) {
                        rails[static_cast<std::size_t>(port % p.nodePorts)].members.emplace_back(slot, 1);
                    }
                }
                for (auto& leaf : rails) {
                    leaf.unit = unit;
                    leaf.designedEndpoints = wholeUnits ? blockSlots : static_cast<int>(leaf.members.size());
                    leaves.push_back(std::move(leaf));
                }
            }
            continue;
        }
        // Not rail-optimised: slot i of the unit owns ports [i·nodePorts, …) of the unit's leaves.
        const std::int64_t designedPorts = static_cast<std::int64_t>(designedSlots) * p.nodePorts;
        const int firstLeaf = static_cast<int>(leaves.size());
        for (std::int64_t port = 0; port < designedPorts; port += p.down) {
            LeafPlan leaf;
            leaf.unit = unit;
            leaf.designedEndpoints = narrow(std::min<std::int64_t>(p.down, designedPorts - port));
            leaves.push_back(std::move(leaf));
        }
        for (int i = 0; i < present; ++i) {
            const std::int64_t start = static_cast<std::int64_t>(i) * p.nodePorts;
            for (std::int64_t port = start; port < start + portsOf(first + i);) {
                const std::int64_t leaf = port / p.down;
                const std::int64_t here =
                    std::min<std::int64_t>(start + portsOf(first + i), (leaf + 1) * p.down) - port;
                leaves[static_cast<std::size_t>(firstLeaf + leaf)].members.emplace_back(first + i, narrow(here));
                port += here;
            }
        }
        if (!wholeUnits) {
            for (auto it = leaves.begin() + firstLeaf; it != leaves.end(); ++it) {
                it->designedEndpoints = 0;
                for (const auto& [slot, ports] : it->members) {
                    it->designedEndpoints += ports;
                }
            }
            // A management slot with fewer ports than a node's can leave the last leaf empty.
            while (static_cast<int>(leaves.size()) > firstLeaf && leaves.back().members.empty()) {
                leaves.pop_back();
            }
        }
    }
    return leaves;
}

/// How one tier's uplinks reach the tier above: `count` switches, and per lower switch its
/// uplinks (a multiple of `count` when every switch above gets the same share).
struct UpperTier {
    int count = 1;
    std::vector<int> uplinks;
    bool even = false;
};

/// The switches above `needed` uplinks (one entry per lower switch, each ≤ `full`) whose ports
/// towards them are `portsDown`. DivideUplinks: the smallest count ≥ the fewest that divides
/// `full` and holds every lower switch's uplinks rounded up to a multiple of it, so every lower
/// switch sends the same number of links to each switch above (NVIDIA DGX SuperPOD sizing,
/// https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/network-fabrics.html
/// Table 4: 24 leaves × 32 uplinks get 16 spines, not 12). Empty when no count up to `full` does.
std::optional<UpperTier> evenTier(const std::vector<int>& needed, int full, int portsDown)
{
    std::int64_t total = 0;
    for (int n : needed) {
        total += n;
    }
    for (std::int64_t count = std::max<std::int64_t>(1, ceilDiv(total, portsDown)); count <= full; ++count) {
        if (full % count != 0) {
            continue;
        }
        UpperTier tier;
        tier.count = static_cast<int>(count);
        tier.even = true;
        std::int64_t rounded = 0;
        for (int n : needed) {
            tier.uplinks.push_back(static_cast<int>(ceilDiv(n, count) * count));
            rounded += tier.uplinks.back();
        }
        if (rounded <= count * portsDown) {
            return tier;
        }
    }
    return std::nullopt;
}

UpperTier fewestTier(const std::vector<int>& needed, int portsDown)
{
    UpperTier tier;
    std::int64_t total = 0;
    for (int n : needed) {
        total += n;
    }
    tier.count = narrow(std::max<std::int64_t>(1, ceilDiv(total, portsDown)));
    tier.uplinks = needed;
    return tier;
}

/// Connects each lower switch's uplinks to `upper`: an even share to each (tier.even), or spread
/// round-robin from where the previous switch stopped.
void linkTier(FabricGraph& g, const std::vector<Vertex>& lower, const UpperTier& tier, const std::vector<Vertex>& upper,
              double gbps, LinkLayer layer)
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const int links = tier.uplinks[i];
        if (links == 0) {
            continue;
        }
        if (tier.even) {
            for (const Vertex target : upper) {
                connect(g, lower[i], target, links / tier.count, gbps, layer, Medium::Optical);
            }
            continue;
        }
        std::map<Vertex, int> perTarget;
        for (int j = 0; j < links; ++j) {
            ++perTarget[upper[(offset + static_cast<std::size_t>(j)) % upper.size()]];
        }
        for (const auto& [target, count] : perTarget) {
            connect(g, lower[i], target, count, gbps, layer, Medium::Optical);
        }
        offset += static_cast<std::size_t>(links);
    }
}

int linksOf(const FabricGraph& g, Vertex v)
{
    int used = 0;
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
        used += g[*e].links;
    }
    return used;
}

/// Leaves per pod in 3 tiers: as many whole units (or rail blocks) as a spine's down ports reach.
int leavesPerPod(const std::vector<LeafPlan>& leaves, const PlaneShape& p)
{
    if (p.tiers == 2) {
        return static_cast<int>(leaves.size());
    }
    const auto perUnit = std::count_if(leaves.begin(), leaves.end(), [](const LeafPlan& l) { return l.unit == 0; });
    const int group = static_cast<int>(std::max<std::ptrdiff_t>(1, perUnit));
    return group <= p.spineDown ? p.spineDown / group * group : p.spineDown;
}

/// One plane of a two- or three-tier folded Clos.
void buildClosPlane(Fabric& f, const PlaneShape& p, int plane, const std::vector<LeafPlan>& leaves)
{
    FabricGraph& g = f.graph;
    const FabricSpec& s = f.spec;
    const auto slotVertex = [&](int slot) {
        return slot < s.nodes ? f.nodes[static_cast<std::size_t>(slot)]
                              : f.managementNodes[static_cast<std::size_t>(slot - s.nodes)];
    };
    const int perPod = leavesPerPod(leaves, p);
    const int leafCount = static_cast<int>(leaves.size());
    const int pods = static_cast<int>(ceilDiv(leafCount, perPod));
    f.pods = pods;
    std::vector<Vertex> allSpines;
    std::vector<int> spineUplinks;
    for (int pod = 0; pod < pods; ++pod) {
        const int firstLeaf = pod * perPod;
        std::vector<Vertex> leafVertices;
        std::vector<int> needed;
        for (int l = firstLeaf; l < std::min(leafCount, firstLeaf + perPod); ++l) {
            const LeafPlan& plan = leaves[static_cast<std::size_t>(l)];
            const Vertex leaf = addVertex(g, VertexKind::Leaf, plane, pod, p.radix);
            for (const auto& [slot, ports] : plan.members) {
                const bool management = slot >= s.nodes;
                connect(g, slotVertex(slot), leaf, ports, f.linkGbps,
                        management ? LinkLayer::ManagementLeaf : LinkLayer::NodeLeaf,
                        s.railOptimised ? Medium::Optical : Medium::Copper);
            }
            leafVertices.push_back(leaf);
            needed.push_back(uplinksFor(plan.designedEndpoints, p.leafRatio, p.up));
        }
        std::optional<UpperTier> tier;
        if (s.spineRule == SpineRule::DivideUplinks) {
            tier = evenTier(needed, p.up, p.spineDown);
            if (!tier && plane == 0) {
                f.notes.push_back("pod " + std::to_string(pod) + ": no spine count up to " + std::to_string(p.up) +
                                  " divides every leaf's uplinks within the spines' ports; the fewest spines are used");
            }
        }
        const UpperTier spines = tier ? *tier : fewestTier(needed, p.spineDown);
        std::vector<Vertex> spineVertices;
        for (int k = 0; k < spines.count; ++k) {
            spineVertices.push_back(addVertex(g, VertexKind::Spine, plane, pod, p.radix));
        }
        linkTier(g, leafVertices, spines, spineVertices, f.linkGbps, LinkLayer::LeafSpine);
        if (p.tiers == 3) {
            for (const Vertex spine : spineVertices) {
                allSpines.push_back(spine);
                spineUplinks.push_back(uplinksFor(linksOf(g, spine), p.spineRatio, p.spineUp));
            }
        }
    }
    if (p.tiers == 3) {
        // Cores: the divide rule where every spine can reach every core; otherwise the fewest
        // cores, spines spread round-robin (the k-ary fat tree's core groups).
        std::optional<UpperTier> even;
        if (s.spineRule == SpineRule::DivideUplinks) {
            even = evenTier(spineUplinks, p.spineUp, p.radix);
        }
        const UpperTier cores = even ? *even : fewestTier(spineUplinks, p.radix);
        std::vector<Vertex> coreVertices;
        for (int c = 0; c < cores.count; ++c) {
            coreVertices.push_back(addVertex(g, VertexKind::Core, plane, 0, p.radix));
        }
        linkTier(g, allSpines, cores, coreVertices, f.linkGbps, LinkLayer::SpineCore);
    }
}

/// Scale-up domains that span several nodes (NVL72: 18 nodes of 4) add their own links.
void addScaleUpDomains(Fabric& f)
{
    const FabricSpec& s = f.spec;
    const int nodesPerDomain = s.scaleUpDomain / std::max(1, s.acceleratorsPerNode);
    if (nodesPerDomain <= 1 || !(s.scaleUpGbytesPerS > 0)) {
        return;
    }
    for (int first = 0; first < s.nodes; first += nodesPerDomain) {
        const Vertex domain = addVertex(f.graph, VertexKind::ScaleUp, 0, first / nodesPerDomain, nodesPerDomain);
        for (int n = first; n < std::min(s.nodes, first + nodesPerDomain); ++n) {
            connect(f.graph, f.nodes[static_cast<std::size_t>(n)], domain, 1,
                    s.acceleratorsPerNode * s.scaleUpGbytesPerS * 8.0, LinkLayer::ScaleUp, Medium::Copper);
        }
    }
}

} // namespace

void buildFatTree(Fabric& f)
{
    const FabricSpec& s = f.spec;
    validateFatTree(s);
    const PlaneShape p = planeShape(f);
    f.endpoints = narrow(static_cast<std::int64_t>(s.nodes) * s.rails * s.nicPorts);
    const int unitSlots = s.nodesPerUnit > 0 ? s.nodesPerUnit : p.slots;
    f.nodes.reserve(static_cast<std::size_t>(s.nodes));
    for (int n = 0; n < s.nodes; ++n) {
        f.nodes.push_back(addVertex(f.graph, VertexKind::Node, 0, n / unitSlots, s.rails * s.nicPorts));
    }
    for (int m = 0; m < s.managementNodes; ++m) {
        f.managementNodes.push_back(
            addVertex(f.graph, VertexKind::Management, 0, (s.nodes + m) / unitSlots, s.managementPorts * s.planes));
    }
    const std::vector<LeafPlan> leaves = planLeaves(s, p);
    for (int plane = 0; plane < s.planes; ++plane) {
        buildClosPlane(f, p, plane, leaves);
    }
    addScaleUpDomains(f);
}

} // namespace fw::core::topology::detail
