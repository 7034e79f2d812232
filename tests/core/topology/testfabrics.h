// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/topology/bisection.h"
#include "core/topology/fabric.h"
#include "core/topology/flownetwork.h"

namespace fw::core::topology::testing {

/// One NIC per node, not rail-optimised, so endpoints = nodes, as the textbook k-ary fat tree
/// counts them.
inline FabricSpec textbook(int k, int endpoints, int tiers)
{
    FabricSpec s;
    s.nodes = endpoints;
    s.acceleratorsPerNode = 1;
    s.rails = 1;
    s.switchRadix = k;
    s.tiers = tiers;
    s.railOptimised = false;
    return s;
}

inline FabricSpec torus(std::vector<int> dims, double gbps)
{
    FabricSpec s;
    s.kind = FabricKind::Torus;
    s.dims = std::move(dims);
    s.nicGbps = gbps;
    return s;
}

/// Kim et al.'s dragonfly at its smallest: a = 2 routers a group, p = 1 terminal and h = 1 global
/// link a router, g = 3 groups. The global links (r0–r2, r1–r4, r3–r5) and the local ones close a
/// ring of 6 routers, each with one terminal; every link at `gbps`.
inline FabricSpec ringDragonfly(double gbps)
{
    FabricSpec s;
    s.kind = FabricKind::Dragonfly;
    s.routersPerGroup = 2;
    s.terminalsPerRouter = 1;
    s.globalLinksPerRouter = 1;
    s.groups = 3;
    s.nicGbps = gbps;
    s.portGbps = gbps;
    return s;
}

/// NVIDIA DGX SuperPOD with DGX H100 nodes (8 GPUs with a 400G NDR port each) on QM9700 (64 × 400G),
/// in scalable units of 32 node slots with one slot given to the UFM, which has 4 compute-fabric
/// ports (as Table 4's counts give them:
/// https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/network-fabrics.html).
inline FabricSpec dgxH100SuperPod(int nodes)
{
    FabricSpec s;
    s.nodes = nodes;
    s.acceleratorsPerNode = 8;
    s.rails = 8;
    s.nicGbps = 400;
    s.switchSku = "QM9700";
    s.switchRadix = 64;
    s.portGbps = 400;
    s.nodesPerUnit = 32;
    s.managementNodes = 1;
    s.managementPorts = 4;
    return s;
}

/// The one-line message buildFabric() throws for `s`, or "no error".
inline std::string errorOf(const FabricSpec& s)
{
    try {
        buildFabric(s);
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "no error";
}

inline int countOf(const Fabric& f, VertexKind kind)
{
    int count = 0;
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        count += f.graph[*v].kind == kind ? 1 : 0;
    }
    return count;
}

/// The minimum bisection by brute force: the maximum flow of every balanced split of the nodes
/// (with an even count the first node stays on the first side, so a split and its mirror are
/// counted once; a flow and its mirror are equal). Small fabrics only.
inline double exhaustiveBisectionGbps(const Fabric& f)
{
    FlowNetwork network(f);
    network.setLinkCapacities(CapacityUnit::Megabits, {}, {VertexKind::Management});
    const std::size_t n = f.nodes.size();
    std::vector<std::int64_t> injection(n);
    for (std::size_t i = 0; i < n; ++i) {
        double gbps = 0.0;
        double toNodes = 0.0;
        for (auto [e, end] = boost::out_edges(f.nodes[i], f.graph); e != end; ++e) {
            const auto kind = f.graph[boost::target(*e, f.graph)].kind;
            if (kind == VertexKind::Node) {
                toNodes += f.graph[*e].capacityGbps;
            } else if (kind != VertexKind::ScaleUp && kind != VertexKind::Management) {
                gbps += f.graph[*e].capacityGbps;
            }
        }
        injection[i] = static_cast<std::int64_t>((gbps > 0 ? gbps : toNodes / 2) * 1000.0);
    }
    std::vector<std::int8_t> side(n, 1);
    std::fill(side.begin(), side.begin() + static_cast<std::ptrdiff_t>(n / 2), 0);
    std::int64_t best = -1;
    do {
        if (n % 2 == 0 && side[0] != 0) {
            continue;
        }
        network.setTerminals(side, injection);
        const std::int64_t flow = network.maxFlow();
        best = best < 0 ? flow : std::min(best, flow);
    } while (std::next_permutation(side.begin(), side.end()));
    return static_cast<double>(best) / 1000.0;
}

} // namespace fw::core::topology::testing
