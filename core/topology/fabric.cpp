// SPDX-License-Identifier: Apache-2.0
#include "core/topology/fabric.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "core/error.h"
#include "core/limits.h"
#include "core/numbertext.h"

namespace fw::core::topology {
namespace {

/// Adds `links` parallel links between a and b, merging with an existing edge between them.
void connect(FabricGraph& g, Vertex a, Vertex b, int links, double gbps, LinkLayer layer, Medium medium)
{
    const auto [edge, exists] = boost::edge(a, b, g);
    if (exists) {
        g[edge].links += links;
        g[edge].capacityGbps += links * gbps;
        return;
    }
    boost::add_edge(a, b, FabricLink{links * gbps, links, layer, medium}, g);
}

Vertex addVertex(FabricGraph& g, VertexKind kind, int plane, int group, int radix)
{
    return boost::add_vertex(FabricVertex{kind, plane, group, radix}, g);
}

/// Spreads `count` uplinks of `from` round-robin over `targets`, starting at `offset`.
void spread(FabricGraph& g, Vertex from, int count, const std::vector<Vertex>& targets, std::size_t offset, double gbps,
            LinkLayer layer)
{
    std::map<Vertex, int> perTarget;
    for (int j = 0; j < count; ++j) {
        ++perTarget[targets[(offset + static_cast<std::size_t>(j)) % targets.size()]];
    }
    for (const auto& [target, links] : perTarget) {
        connect(g, from, target, links, gbps, layer, Medium::Optical);
    }
}

int downPorts(int radix, double ratio)
{
    return static_cast<int>(std::floor(radix * ratio / (ratio + 1.0)));
}

/// The fabric's size against core/limits.h, in 64-bit checked arithmetic, before anything is built:
/// accelerators (or torus nodes, or dragonfly terminals), graph edges, and every per-item count.
void checkSize(const FabricSpec& s)
{
    using limits::checkProduct;
    const auto count = [](const limits::Limit& limit, double value, const char* what) {
        limits::check(limit, value, std::string("fabric: ") + what);
    };
    count(limits::linkGbps, s.nicGbps, "NIC speed");
    count(limits::linkGbps, s.portGbps, "switch port speed");
    count(limits::scaleUpGbytesPerS, s.scaleUpGbytesPerS, "scale-up bandwidth");
    if (s.kind == FabricKind::Torus) {
        std::int64_t nodes = 1;
        for (int d : s.dims) {
            count(limits::torusDimension, d, "torus dimension");
            nodes = checkProduct(limits::fabricAccelerators, nodes, d, "fabric: torus nodes");
        }
    } else if (s.kind == FabricKind::Dragonfly) {
        count(limits::routersPerGroup, s.routersPerGroup, "dragonfly routers per group");
        count(limits::switchRadix,
              static_cast<double>(s.terminalsPerRouter) + s.routersPerGroup - 1 + s.globalLinksPerRouter,
              "dragonfly router ports (terminals + routers per group − 1 + global links)");
        const auto routers = checkProduct(limits::fabricAccelerators, s.groups, s.routersPerGroup,
                                          "fabric: dragonfly routers (groups × routers per group)");
        checkProduct(limits::fabricAccelerators, routers, s.terminalsPerRouter,
                     "fabric: dragonfly terminals (routers × terminals per router)");
        // Local all-to-all links, terminal links and global links, each at most routers × radix.
        checkProduct(limits::fabricEdges, routers,
                     static_cast<std::int64_t>(s.routersPerGroup) + s.terminalsPerRouter + s.globalLinksPerRouter,
                     "fabric: dragonfly graph edges (routers × ports)");
    } else {
        count(limits::nodeAccelerators, s.acceleratorsPerNode, "accelerators per node");
        count(limits::switchRadix, s.switchRadix, "switch radix");
        count(limits::planes, s.planes, "planes");
        count(limits::scaleUpDomain, s.scaleUpDomain, "scale-up domain");
        checkProduct(limits::fabricAccelerators, s.nodes, s.acceleratorsPerNode,
                     "fabric: accelerators (nodes × accelerators per node)");
    }
}

void validate(const FabricSpec& s)
{
    const auto fail = [](const std::string& message) { throw ValidationError("fabric: " + message); };
    if (s.kind == FabricKind::Torus) {
        if (s.dims.size() < 2 || s.dims.size() > 3) {
            fail("a torus needs 2 or 3 dimensions (--dims 16x16 or 4x4x4)");
        }
        for (int d : s.dims) {
            if (d < 2) {
                fail("torus dimension " + std::to_string(d) + " must be ≥ 2");
            }
        }
    } else if (s.kind == FabricKind::Dragonfly) {
        if (s.routersPerGroup < 1 || s.terminalsPerRouter < 1 || s.globalLinksPerRouter < 1 || s.groups < 2) {
            fail("a dragonfly needs ≥ 2 groups and ≥ 1 router per group, terminal per router and global link per "
                 "router");
        }
        if (s.groups - 1 > static_cast<std::int64_t>(s.routersPerGroup) * s.globalLinksPerRouter) {
            fail(std::to_string(s.groups) + " groups need " + std::to_string(s.groups - 1) +
                 " global links per group, but a group has only " +
                 std::to_string(static_cast<std::int64_t>(s.routersPerGroup) * s.globalLinksPerRouter));
        }
    } else {
        if (s.nodes < 1) {
            fail("nodes " + std::to_string(s.nodes) + " must be ≥ 1");
        }
        if (s.switchRadix < 2) {
            fail("switch radix " + std::to_string(s.switchRadix) + " must be ≥ 2");
        }
        if (s.rails < 1 || s.rails > s.acceleratorsPerNode) {
            fail(std::to_string(s.rails) + " rails need " + std::to_string(s.rails) +
                 " NICs per node, but a node has " + std::to_string(s.acceleratorsPerNode) +
                 " accelerators with one NIC each");
        }
        if (s.planes < 1 || s.rails % s.planes != 0) {
            fail(std::to_string(s.planes) + " planes must divide the " + std::to_string(s.rails) + " rails");
        }
        if (s.tiers && *s.tiers != 2 && *s.tiers != 3) {
            fail("tiers " + std::to_string(*s.tiers) + " must be 2, 3 or auto");
        }
        for (double o : s.oversubscription) {
            if (!(o >= 1.0) || o > 64.0) {
                fail("oversubscription " + formatNumber(o) + ":1 must be between 1:1 and 1:64");
            }
        }
    }
    if (!(s.nicGbps > 0.0) || !(s.portGbps > 0.0)) {
        fail("link speeds must be > 0 Gb/s");
    }
    checkSize(s);
}

/// One plane of a two- or three-tier folded Clos over `endpointsOf` (node, rails) pairs.
void buildClosPlane(Fabric& f, int plane, const std::vector<int>& rails, int tiers)
{
    FabricGraph& g = f.graph;
    const FabricSpec& s = f.spec;
    const int radix = f.effectiveRadix;
    const double leafRatio = s.oversubscription.empty() ? 1.0 : s.oversubscription[0];
    const double spineRatio = s.oversubscription.size() > 1 ? s.oversubscription[1] : 1.0;
    const int down = downPorts(radix, leafRatio);
    const int up = radix - down;

    // Leaves: rail-optimised puts rail r of every node of a block on the block's rail-r leaf; otherwise
    // a node's NICs fill leaves in order. Each entry: (node, rails to that leaf).
    std::vector<std::vector<std::pair<int, int>>> leafMembers;
    if (s.railOptimised) {
        for (int first = 0; first < s.nodes; first += down) {
            for (int r = 0; r < static_cast<int>(rails.size()); ++r) {
                std::vector<std::pair<int, int>> members;
                for (int n = first; n < std::min(s.nodes, first + down); ++n) {
                    members.emplace_back(n, 1);
                }
                leafMembers.push_back(std::move(members));
            }
        }
    } else {
        std::vector<std::pair<int, int>> current;
        int used = 0;
        for (int n = 0; n < s.nodes; ++n) {
            int left = static_cast<int>(rails.size());
            while (left > 0) {
                if (used == down) {
                    leafMembers.push_back(std::move(current));
                    current.clear();
                    used = 0;
                }
                const int here = std::min(left, down - used);
                current.emplace_back(n, here);
                used += here;
                left -= here;
            }
        }
        if (!current.empty()) {
            leafMembers.push_back(std::move(current));
        }
    }
    const int leafCount = static_cast<int>(leafMembers.size());
    const int spineDown = tiers == 3 ? downPorts(radix, spineRatio) : radix;
    const int leavesPerPod = tiers == 3 ? spineDown : leafCount;
    const int pods = (leafCount + leavesPerPod - 1) / leavesPerPod;

    std::vector<Vertex> cores;
    std::vector<std::pair<Vertex, int>> spineUplinks; // (spine, uplinks needed)
    for (int pod = 0; pod < pods; ++pod) {
        const int firstLeaf = pod * leavesPerPod;
        const int leaves = std::min(leavesPerPod, leafCount - firstLeaf);
        std::vector<Vertex> leafVertices;
        int uplinks = 0;
        for (int l = firstLeaf; l < firstLeaf + leaves; ++l) {
            const Vertex leaf = addVertex(g, VertexKind::Leaf, plane, pod, radix);
            int endpoints = 0;
            for (const auto& [node, count] : leafMembers[static_cast<std::size_t>(l)]) {
                connect(g, f.nodes[static_cast<std::size_t>(node)], leaf, count, f.linkGbps, LinkLayer::NodeLeaf,
                        s.railOptimised ? Medium::Optical : Medium::Copper);
                endpoints += count;
            }
            // Uplinks keep the leaf's ratio for the endpoints it actually has.
            leafVertices.push_back(leaf);
            uplinks += std::min(up, static_cast<int>(std::ceil(endpoints / leafRatio)));
        }
        const int spines = std::max(1, (uplinks + spineDown - 1) / spineDown);
        std::vector<Vertex> spineVertices;
        for (int k = 0; k < spines; ++k) {
            spineVertices.push_back(addVertex(g, VertexKind::Spine, plane, pod, radix));
        }
        std::size_t offset = 0;
        for (std::size_t i = 0; i < leafVertices.size(); ++i) {
            int endpoints = 0;
            for (const auto& [node, count] : leafMembers[static_cast<std::size_t>(firstLeaf) + i]) {
                endpoints += count;
            }
            const int leafUp = std::min(up, static_cast<int>(std::ceil(endpoints / leafRatio)));
            spread(g, leafVertices[i], leafUp, spineVertices, offset, f.linkGbps, LinkLayer::LeafSpine);
            offset += static_cast<std::size_t>(leafUp);
        }
        if (tiers == 3) {
            for (const Vertex spine : spineVertices) {
                int usedDown = 0;
                for (auto [e, end] = boost::out_edges(spine, g); e != end; ++e) {
                    usedDown += g[*e].links;
                }
                spineUplinks.emplace_back(
                    spine, std::min(radix - spineDown, static_cast<int>(std::ceil(usedDown / spineRatio))));
            }
        }
    }
    if (tiers == 3) {
        int total = 0;
        for (const auto& [spine, links] : spineUplinks) {
            total += links;
        }
        const int coreCount = std::max(1, (total + radix - 1) / radix);
        for (int c = 0; c < coreCount; ++c) {
            cores.push_back(addVertex(g, VertexKind::Core, plane, 0, radix));
        }
        std::size_t offset = 0;
        for (const auto& [spine, links] : spineUplinks) {
            spread(g, spine, links, cores, offset, f.linkGbps, LinkLayer::SpineCore);
            offset += static_cast<std::size_t>(links);
        }
    }
}

void buildFatTree(Fabric& f)
{
    const FabricSpec& s = f.spec;
    if (s.portGbps < s.nicGbps) {
        throw ValidationError("fabric: switch ports of " + formatNumber(s.portGbps) + " Gb/s are slower than the " +
                              formatNumber(s.nicGbps) + " Gb/s NICs");
    }
    const double breakout = std::floor(s.portGbps / s.nicGbps);
    f.effectiveRadix = static_cast<int>(s.switchRadix * breakout);
    f.linkGbps = s.nicGbps;
    const int radix = f.effectiveRadix;
    const double leafRatio = s.oversubscription.empty() ? 1.0 : s.oversubscription[0];
    const double spineRatio = s.oversubscription.size() > 1 ? s.oversubscription[1] : 1.0;
    const int down = downPorts(radix, leafRatio);
    if (down < 1 || radix - down < 1) {
        throw ValidationError("fabric: a radix-" + std::to_string(radix) + " leaf cannot keep " +
                              formatNumber(leafRatio) + ":1 with at least one uplink");
    }
    const int railsPerPlane = s.rails / s.planes;
    const long long perPlane = static_cast<long long>(s.nodes) * railsPerPlane;
    // A leaf must reach every spine of its pod, and a spine (or core) every leaf (or pod) above it.
    const long long max2 = static_cast<long long>(radix) * down;
    const long long max3 = static_cast<long long>(radix) * downPorts(radix, spineRatio) * down;
    int tiers = s.tiers.value_or(perPlane <= max2 ? 2 : 3);
    if ((tiers == 2 && perPlane > max2) || perPlane > max3) {
        throw ValidationError(
            "fabric: " + std::to_string(perPlane) + " endpoints per plane do not fit in " +
            (tiers == 2 && perPlane <= max3 ? std::string("2 tiers (at most ") + std::to_string(max2)
                                            : std::string("3 tiers (at most ") + std::to_string(max3)) +
            " with radix " + std::to_string(radix) + "); use a larger switch, more planes or fewer nodes");
    }
    f.tiers = tiers;
    f.maxEndpoints = static_cast<int>(std::min<long long>((tiers == 2 ? max2 : max3) * s.planes, 2'000'000'000));
    f.endpoints = s.nodes * s.rails;
    for (int n = 0; n < s.nodes; ++n) {
        f.nodes.push_back(addVertex(f.graph, VertexKind::Node, 0, n, s.rails));
    }
    for (int p = 0; p < s.planes; ++p) {
        std::vector<int> rails;
        for (int r = p; r < s.rails; r += s.planes) {
            rails.push_back(r);
        }
        buildClosPlane(f, p, rails, tiers);
    }
    // Scale-up domains that span several nodes (NVL72: 18 nodes of 4) add their own links.
    const int nodesPerDomain = s.scaleUpDomain / std::max(1, s.acceleratorsPerNode);
    if (nodesPerDomain > 1 && s.scaleUpGbytesPerS > 0) {
        for (int first = 0; first < s.nodes; first += nodesPerDomain) {
            const Vertex domain = addVertex(f.graph, VertexKind::ScaleUp, 0, first / nodesPerDomain, nodesPerDomain);
            for (int n = first; n < std::min(s.nodes, first + nodesPerDomain); ++n) {
                connect(f.graph, f.nodes[static_cast<std::size_t>(n)], domain, 1,
                        s.acceleratorsPerNode * s.scaleUpGbytesPerS * 8.0, LinkLayer::ScaleUp, Medium::Copper);
            }
        }
    }
}

void buildDragonfly(Fabric& f)
{
    const FabricSpec& s = f.spec;
    f.linkGbps = s.portGbps;
    f.effectiveRadix = s.terminalsPerRouter + s.routersPerGroup - 1 + s.globalLinksPerRouter;
    f.tiers = 1;
    std::vector<std::vector<Vertex>> routers(static_cast<std::size_t>(s.groups));
    for (int grp = 0; grp < s.groups; ++grp) {
        for (int r = 0; r < s.routersPerGroup; ++r) {
            const Vertex router = addVertex(f.graph, VertexKind::Router, 0, grp, f.effectiveRadix);
            routers[static_cast<std::size_t>(grp)].push_back(router);
            for (int t = 0; t < s.terminalsPerRouter; ++t) {
                const Vertex node = addVertex(f.graph, VertexKind::Node, 0, grp, 1);
                f.nodes.push_back(node);
                connect(f.graph, node, router, 1, s.nicGbps, LinkLayer::NodeLeaf, Medium::Copper);
            }
        }
        for (int a = 0; a < s.routersPerGroup; ++a) {
            for (int b = a + 1; b < s.routersPerGroup; ++b) {
                connect(f.graph, routers[static_cast<std::size_t>(grp)][static_cast<std::size_t>(a)],
                        routers[static_cast<std::size_t>(grp)][static_cast<std::size_t>(b)], 1, s.portGbps,
                        LinkLayer::RouterLocal, Medium::Copper);
            }
        }
    }
    // Global links: every pair of groups gets the same number of links, floor(a·h / (g − 1)), each
    // taken from the group's router with the most free global ports.
    const int perPair = s.routersPerGroup * s.globalLinksPerRouter / (s.groups - 1);
    std::vector<int> used(static_cast<std::size_t>(s.groups * s.routersPerGroup), 0);
    const auto freeRouter = [&](int grp) {
        int best = 0;
        for (int r = 1; r < s.routersPerGroup; ++r) {
            if (used[static_cast<std::size_t>(grp * s.routersPerGroup + r)] <
                used[static_cast<std::size_t>(grp * s.routersPerGroup + best)]) {
                best = r;
            }
        }
        ++used[static_cast<std::size_t>(grp * s.routersPerGroup + best)];
        return routers[static_cast<std::size_t>(grp)][static_cast<std::size_t>(best)];
    };
    for (int a = 0; a < s.groups; ++a) {
        for (int b = a + 1; b < s.groups; ++b) {
            for (int k = 0; k < perPair; ++k) {
                connect(f.graph, freeRouter(a), freeRouter(b), 1, s.portGbps, LinkLayer::RouterGlobal, Medium::Optical);
            }
        }
    }
    f.endpoints = static_cast<int>(f.nodes.size());
    // Up to a·h + 1 groups; saturated, as the count can pass 2^31 for a large router radix.
    const std::int64_t maxEndpoints = static_cast<std::int64_t>(s.terminalsPerRouter) * s.routersPerGroup *
                                      (static_cast<std::int64_t>(s.routersPerGroup) * s.globalLinksPerRouter + 1);
    f.maxEndpoints = static_cast<int>(std::min<std::int64_t>(maxEndpoints, std::numeric_limits<int>::max()));
}

void buildTorus(Fabric& f)
{
    const FabricSpec& s = f.spec;
    f.linkGbps = s.nicGbps;
    f.tiers = 0;
    auto dims = s.dims;
    if (dims.size() == 2) {
        dims.push_back(1);
    }
    const int total = dims[0] * dims[1] * dims[2];
    for (int i = 0; i < total; ++i) {
        f.nodes.push_back(addVertex(f.graph, VertexKind::Node, 0, 0, static_cast<int>(2 * s.dims.size())));
    }
    const auto index = [&](int x, int y, int z) { return static_cast<std::size_t>((z * dims[1] + y) * dims[0] + x); };
    for (int z = 0; z < dims[2]; ++z) {
        for (int y = 0; y < dims[1]; ++y) {
            for (int x = 0; x < dims[0]; ++x) {
                const Vertex here = f.nodes[index(x, y, z)];
                const std::array<std::array<int, 3>, 3> next{
                    {{(x + 1) % dims[0], y, z}, {x, (y + 1) % dims[1], z}, {x, y, (z + 1) % dims[2]}}};
                for (std::size_t d = 0; d < s.dims.size(); ++d) {
                    const Vertex there = f.nodes[index(next[d][0], next[d][1], next[d][2])];
                    // A ring of 2 has one neighbour on both sides: two parallel links.
                    connect(f.graph, here, there, 1, s.nicGbps, LinkLayer::Torus, Medium::Copper);
                }
            }
        }
    }
    f.endpoints = total;
    f.maxEndpoints = total;
}

} // namespace

std::string_view toString(VertexKind kind)
{
    switch (kind) {
    case VertexKind::Node: return "node";
    case VertexKind::Leaf: return "leaf";
    case VertexKind::Spine: return "spine";
    case VertexKind::Core: return "core";
    case VertexKind::Router: return "router";
    case VertexKind::ScaleUp: return "scale_up";
    }
    return "node";
}

std::string_view toString(LinkLayer layer)
{
    switch (layer) {
    case LinkLayer::NodeLeaf: return "node_leaf";
    case LinkLayer::LeafSpine: return "leaf_spine";
    case LinkLayer::SpineCore: return "spine_core";
    case LinkLayer::RouterLocal: return "router_local";
    case LinkLayer::RouterGlobal: return "router_global";
    case LinkLayer::Torus: return "torus";
    case LinkLayer::ScaleUp: return "scale_up";
    }
    return "node_leaf";
}

std::vector<double> parseOversubscription(const std::string& text)
{
    std::vector<double> ratios;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto colon = item.find(':');
        double up = 0;
        double down = 0;
        const bool ok = colon != std::string::npos &&
                        std::from_chars(item.data(), item.data() + colon, up).ec == std::errc() &&
                        std::from_chars(item.data() + colon + 1, item.data() + item.size(), down).ec == std::errc() &&
                        up > 0 && down > 0;
        if (!ok) {
            throw ValidationError("oversubscription '" + item + "' is not up:down like 1:1 or 1:3");
        }
        ratios.push_back(down / up);
    }
    if (ratios.empty()) {
        throw ValidationError("oversubscription is empty; give 1:1 or 1:3,1:1");
    }
    return ratios;
}

Fabric buildFabric(const FabricSpec& spec)
{
    validate(spec);
    Fabric f;
    f.spec = spec;
    switch (spec.kind) {
    case FabricKind::FatTree: buildFatTree(f); break;
    case FabricKind::Dragonfly: buildDragonfly(f); break;
    case FabricKind::Torus: buildTorus(f); break;
    }
    return f;
}

} // namespace fw::core::topology
