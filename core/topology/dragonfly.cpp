// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdint>

#include "core/error.h"
#include "core/limits.h"
#include "core/topology/fabricbuilders.h"

namespace fw::core::topology::detail {
namespace {

/// a routers per group, p terminals per router, h global links per router, g groups.
struct DragonflyShape {
    std::int64_t a = 0;
    std::int64_t p = 0;
    std::int64_t h = 0;
    std::int64_t g = 0;
    std::int64_t radix = 0;     ///< ports of each router
    std::int64_t terminals = 0; ///< attached, ≤ a·p·g
};

[[noreturn]] void fail(const std::string& message)
{
    throw ValidationError("fabric: " + message);
}

/// The balanced dragonfly of Kim, Dally, Scott and Abts ("Technology-Driven, Highly-Scalable
/// Dragonfly Topology", ISCA 2008, §3.1): a = 2p = 2h, so a router uses p + (a − 1) + h = 4h − 1
/// ports and the largest h a radix-k router allows is ⌊(k + 1) ÷ 4⌋.
DragonflyShape balancedShape(const FabricSpec& s)
{
    const std::int64_t k = s.switchRadix;
    if (k < 3) {
        fail("a dragonfly sized from the router radix needs a radix ≥ 3 (--switch-radix), not " + std::to_string(k));
    }
    if (s.nodes < 1) {
        fail("a dragonfly sized from the router radix needs --nodes (terminals), or its shape "
             "(--routers-per-group, --terminals-per-router, --global-links-per-router)");
    }
    DragonflyShape shape;
    shape.h = (k + 1) / 4;
    shape.p = shape.h;
    shape.a = 2 * shape.h;
    shape.radix = k;
    return shape;
}

DragonflyShape explicitShape(const FabricSpec& s)
{
    if (s.routersPerGroup < 1 || s.terminalsPerRouter < 1 || s.globalLinksPerRouter < 1) {
        fail("a dragonfly needs ≥ 1 router per group, terminal per router and global link per router (or none of "
             "the three, to size it from --switch-radix and --nodes)");
    }
    DragonflyShape shape;
    shape.a = s.routersPerGroup;
    shape.p = s.terminalsPerRouter;
    shape.h = s.globalLinksPerRouter;
    const std::int64_t needed = shape.p + shape.a - 1 + shape.h;
    if (s.switchRadix > 0 && s.switchRadix < needed) {
        fail("routers of radix " + std::to_string(s.switchRadix) + " cannot hold " + std::to_string(shape.p) +
             " terminals + " + std::to_string(shape.a - 1) + " local + " + std::to_string(shape.h) +
             " global ports = " + std::to_string(needed));
    }
    shape.radix = s.switchRadix > 0 ? s.switchRadix : needed;
    return shape;
}

/// The shape against core/limits.h before anything is built: router ports, routers per group,
/// routers, terminals, and graph edges (every link of a router is at most one edge).
void checkSize(const DragonflyShape& shape)
{
    limits::check(limits::switchRadix, static_cast<double>(shape.radix), "fabric: dragonfly router ports");
    limits::check(limits::routersPerGroup, static_cast<double>(shape.a), "fabric: dragonfly routers per group");
    const std::int64_t routers = limits::checkProduct(limits::fabricAccelerators, shape.g, shape.a,
                                                      "fabric: dragonfly routers (groups × routers per group)");
    limits::check(limits::fabricAccelerators, static_cast<double>(shape.terminals), "fabric: dragonfly terminals");
    limits::checkProduct(limits::fabricEdges, routers, shape.radix, "fabric: dragonfly graph edges (routers × ports)");
}

DragonflyShape dragonflyShape(const FabricSpec& s)
{
    const bool sized = s.routersPerGroup == 0 && s.terminalsPerRouter == 0 && s.globalLinksPerRouter == 0;
    DragonflyShape shape = sized ? balancedShape(s) : explicitShape(s);
    const std::int64_t perGroup = saturatingProduct(shape.a, shape.p);
    const std::int64_t maxGroups = saturatingProduct(shape.a, shape.h) + 1;
    if (s.groups < 0 || s.nodes < 0) {
        fail("dragonfly groups and nodes must be ≥ 0");
    }
    if (s.groups == 0 && s.nodes == 0) {
        fail("a dragonfly needs --groups or --nodes");
    }
    shape.g = s.groups > 0 ? s.groups : std::max<std::int64_t>(1, ceilDiv(s.nodes, perGroup));
    if (shape.g > maxGroups) {
        fail(std::to_string(s.nodes) + " terminals need " + std::to_string(shape.g) + " groups of " +
             std::to_string(perGroup) + ", but " + std::to_string(shape.a) + " routers × " + std::to_string(shape.h) +
             " global links reach at most " + std::to_string(maxGroups) + " groups (" +
             std::to_string(maxGroups * perGroup) + " terminals); use a larger radix or fewer nodes");
    }
    const std::int64_t capacity = saturatingProduct(perGroup, shape.g);
    shape.terminals = s.nodes > 0 ? s.nodes : capacity;
    if (shape.terminals > capacity) {
        fail(std::to_string(s.nodes) + " terminals do not fit " + std::to_string(shape.g) + " groups of " +
             std::to_string(shape.a) + " routers × " + std::to_string(shape.p) + " terminals (" +
             std::to_string(capacity) + ")");
    }
    checkSize(shape);
    return shape;
}

} // namespace

void buildDragonfly(Fabric& f)
{
    const FabricSpec& s = f.spec;
    const DragonflyShape shape = dragonflyShape(s);
    const int a = narrow(shape.a);
    const int p = narrow(shape.p);
    const int groups = narrow(shape.g);
    f.linkGbps = s.portGbps;
    f.effectiveRadix = narrow(shape.radix);
    f.tiers = 1;
    f.pods = groups;
    std::vector<std::vector<Vertex>> routers(static_cast<std::size_t>(groups));
    std::int64_t attached = 0;
    for (int grp = 0; grp < groups; ++grp) {
        auto& members = routers[static_cast<std::size_t>(grp)];
        for (int r = 0; r < a; ++r) {
            const Vertex router = addVertex(f.graph, VertexKind::Router, 0, grp, f.effectiveRadix);
            members.push_back(router);
            for (int t = 0; t < p && attached < shape.terminals; ++t, ++attached) {
                const Vertex node = addVertex(f.graph, VertexKind::Node, 0, grp, 1);
                f.nodes.push_back(node);
                connect(f.graph, node, router, 1, s.nicGbps, LinkLayer::NodeLeaf, Medium::Copper);
            }
        }
        for (int x = 0; x < a; ++x) {
            for (int y = x + 1; y < a; ++y) {
                connect(f.graph, members[static_cast<std::size_t>(x)], members[static_cast<std::size_t>(y)], 1,
                        s.portGbps, LinkLayer::RouterLocal, Medium::Copper);
            }
        }
    }
    // Global links: every pair of groups gets the same number of links, ⌊a·h ÷ (g − 1)⌋, each
    // taken from the group's router with the most free global ports.
    if (groups > 1) {
        const std::int64_t perPair = saturatingProduct(shape.a, shape.h) / (shape.g - 1);
        std::vector<std::int64_t> used(static_cast<std::size_t>(saturatingProduct(shape.g, shape.a)), 0);
        const auto freeRouter = [&](int grp) {
            const auto first = used.begin() + static_cast<std::ptrdiff_t>(grp * shape.a);
            const auto best = std::min_element(first, first + a);
            ++*best;
            return routers[static_cast<std::size_t>(grp)][static_cast<std::size_t>(best - first)];
        };
        for (int x = 0; x < groups; ++x) {
            for (int y = x + 1; y < groups; ++y) {
                for (std::int64_t k = 0; k < perPair; ++k) {
                    connect(f.graph, freeRouter(x), freeRouter(y), 1, s.portGbps, LinkLayer::RouterGlobal,
                            Medium::Optical);
                }
            }
        }
    }
    f.endpoints = narrow(shape.terminals);
    f.maxEndpoints = narrow(std::min<std::int64_t>(
        saturatingProduct(saturatingProduct(shape.p, shape.a), saturatingProduct(shape.a, shape.h) + 1),
        2'000'000'000));
}

} // namespace fw::core::topology::detail
