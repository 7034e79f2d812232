// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/fabric.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::countOf;
using testing::errorOf;

FabricSpec dragonfly(int radix, int nodes)
{
    FabricSpec s;
    s.kind = FabricKind::Dragonfly;
    s.switchRadix = radix;
    s.nodes = nodes;
    s.nicGbps = 200;
    s.portGbps = 200;
    return s;
}

TEST(Dragonfly, BalancedGroupsAreAllConnected)
{
    FabricSpec s = dragonfly(0, 0);
    s.routersPerGroup = 4;
    s.terminalsPerRouter = 2;
    s.globalLinksPerRouter = 2;
    s.groups = 9; // a·h + 1
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.endpoints, 72);
    EXPECT_EQ(f.maxEndpoints, 72);
    EXPECT_EQ(f.effectiveRadix, 7); // 2 terminals + 3 local + 2 global: the shape's own radix
}

TEST(Dragonfly, SizedFromTheRadixAndTheNodes)
{
    // Radix 7: h = ⌊8 ÷ 4⌋ = 2, p = 2, a = 4 (2 + 3 + 2 = 7 ports). 50 terminals need ⌈50 ÷ 8⌉ = 7
    // groups of 4 routers; a·h + 1 = 9 groups at most. One global link per pair of groups (8 ÷ 6).
    const Fabric f = buildFabric(dragonfly(7, 50));
    EXPECT_EQ(f.endpoints, 50);
    EXPECT_EQ(f.pods, 7);
    EXPECT_EQ(countOf(f, VertexKind::Router), 28);
    EXPECT_EQ(f.maxEndpoints, 72);
    int global = 0;
    for (auto [e, end] = boost::edges(f.graph); e != end; ++e) {
        global += f.graph[*e].layer == LinkLayer::RouterGlobal ? f.graph[*e].links : 0;
    }
    EXPECT_EQ(global, 7 * 6 / 2);
    // No router uses more ports than its radix.
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        if (f.graph[*v].kind == VertexKind::Router) {
            EXPECT_LE(boost::out_degree(*v, f.graph), 7U);
        }
    }
}

TEST(Dragonfly, RefusesWhatItCannotHold)
{
    EXPECT_EQ(errorOf(dragonfly(7, 73)), "fabric: 73 terminals need 10 groups of 8, but 4 routers × 2 global links "
                                         "reach at most 9 groups (72 terminals); use a larger radix or fewer nodes");
    EXPECT_EQ(errorOf(dragonfly(0, 10)),
              "fabric: a dragonfly sized from the router radix needs a radix ≥ 3 (--switch-radix), not 0");
    FabricSpec s = dragonfly(6, 0);
    s.routersPerGroup = 4;
    s.terminalsPerRouter = 2;
    s.globalLinksPerRouter = 2;
    s.groups = 9;
    EXPECT_EQ(errorOf(s), "fabric: routers of radix 6 cannot hold 2 terminals + 3 local + 2 global ports = 7");
    s.switchRadix = 0;
    s.nodes = 80;
    EXPECT_EQ(errorOf(s), "fabric: 80 terminals do not fit 9 groups of 4 routers × 2 terminals (72)");
}

} // namespace
} // namespace fw::core::topology
