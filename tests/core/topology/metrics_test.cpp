// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/metrics.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::textbook;

TEST(Hops, TwoTierByHand)
{
    // k = 4, 2 tiers: 4 leaves of 2 hosts, 2 spines. From any host: 1 host on its leaf at 2 hops
    // (host–leaf–host), 6 behind a spine at 4: average (2 + 6 × 4) ÷ 7 = 26/7, diameter 4.
    const HopStatistics hops = hopStatistics(buildFabric(textbook(4, 8, 2)));
    EXPECT_EQ(hops.diameter, 4);
    EXPECT_DOUBLE_EQ(hops.averageHops, 26.0 / 7.0);
    EXPECT_EQ(hops.sources, 8);
    EXPECT_FALSE(hops.sampled);
}

TEST(Hops, ThreeTierByHand)
{
    // k = 4, 3 tiers, 16 hosts: 1 host at 2 hops, 2 in the pod at 4, 12 in other pods at 6
    // (node–leaf–spine–core–spine–leaf–node): average (2 + 8 + 72) ÷ 15 = 82/15.
    const HopStatistics hops = hopStatistics(buildFabric(textbook(4, 16, 3)));
    EXPECT_EQ(hops.diameter, 6);
    EXPECT_DOUBLE_EQ(hops.averageHops, 82.0 / 15.0);
    const HopStatistics sampled = hopStatistics(buildFabric(textbook(4, 16, 3)), 5, 3);
    EXPECT_TRUE(sampled.sampled);
    EXPECT_EQ(sampled.sources, 5);
    EXPECT_EQ(sampled.diameter, 6);
}

TEST(PathDiversity, LeafToLeafIsTheLeafsUplinks)
{
    // Radix 8, 2 tiers, 32 hosts: 8 leaves with 4 hosts and 4 uplinks, one to each of 4 spines:
    // 4 edge-disjoint paths between the first and the last leaf.
    const PathDiversity d = pathDiversity(buildFabric(textbook(8, 32, 2)));
    EXPECT_EQ(d.paths, 4);
    EXPECT_EQ(d.between, "leaf 0 (pod 0) and leaf 7 (pod 0)");
}

TEST(PathDiversity, ServersDoNotForward)
{
    // 32 nodes × 8 rails on QM9700: the rail-0 and rail-7 leaves each have 32 uplinks, 8 to each of
    // 4 spines: 32 paths. Through the 32 servers (rail 0 to rail 7 inside a node) there would be 32
    // more; servers are not counted as switches.
    FabricSpec s;
    s.nodes = 32;
    const PathDiversity d = pathDiversity(buildFabric(s));
    EXPECT_EQ(d.paths, 32);
}

TEST(PathDiversity, AcrossPodsInThreeTiers)
{
    // k = 4, 3 tiers: a leaf has 2 uplinks and each spine 2 core links: 2 paths from pod 0 to pod 3.
    const PathDiversity d = pathDiversity(buildFabric(textbook(4, 16, 3)));
    EXPECT_EQ(d.paths, 2);
    EXPECT_EQ(d.between, "leaf 0 (pod 0) and leaf 7 (pod 3)");
}

TEST(PathDiversity, TorusAndDragonfly)
{
    // 4×4 torus: node 0 and node (2, 2) = 10, 4 links each: 4 paths.
    const PathDiversity t = pathDiversity(buildFabric(testing::torus({4, 4}, 100)));
    EXPECT_EQ(t.paths, 4);
    EXPECT_EQ(t.between, "node 0 and node 10 (half way round every ring)");
    // The 6-router dragonfly ring (a = 2, p = 1, h = 1, g = 3): 2 paths round the ring.
    const PathDiversity r = pathDiversity(buildFabric(testing::ringDragonfly(200)));
    EXPECT_EQ(r.paths, 2);
    EXPECT_EQ(r.between, "router 0 (group 0) and router 5 (group 2)");
}

TEST(Failures, AnyOneSwitchOfASmallTreeHalvesTheBisection)
{
    // k = 4, 2 tiers: the halves are 2 leaves each (1,600 Gb/s intact). Losing a spine leaves each
    // leaf 1 uplink; losing a leaf leaves its half 1 live leaf with 2 uplinks: 800 Gb/s either way.
    const Fabric f = buildFabric(textbook(4, 8, 2));
    const FailureAnalysis one = failSwitches(f, 1, 6, 7);
    EXPECT_EQ(one.trials, 6);
    EXPECT_DOUBLE_EQ(one.minGbps, 800.0);
    EXPECT_DOUBLE_EQ(one.medianGbps, 800.0);
    EXPECT_DOUBLE_EQ(one.minRatio, 0.5);
    const FailureAnalysis none = failSwitches(f, 0, 3, 7);
    EXPECT_DOUBLE_EQ(none.minRatio, 1.0);
    EXPECT_EQ(none.connectedTrials, 3);
    const FailureAnalysis again = failSwitches(f, 2, 5, 7);
    EXPECT_DOUBLE_EQ(again.minGbps, failSwitches(f, 2, 5, 7).minGbps); // seeded
}

TEST(Failures, AllSwitchLinksLostCutsEverything)
{
    const Fabric f = buildFabric(textbook(4, 8, 2));
    const FailureAnalysis all = failLinks(f, 100, 2, 1);
    EXPECT_DOUBLE_EQ(all.minGbps, 0.0);
    EXPECT_EQ(all.connectedTrials, 0);
    const FailureAnalysis no = failLinks(f, 0, 2, 1);
    EXPECT_DOUBLE_EQ(no.minRatio, 1.0);
    EXPECT_EQ(no.connectedTrials, 2);
    const FailureAnalysis quarter = failLinks(buildFabric(textbook(16, 128, 2)), 25, 5, 3);
    EXPECT_LT(quarter.medianRatio, 1.0);
    EXPECT_GT(quarter.medianRatio, 0.5);
}

} // namespace
} // namespace fw::core::topology
