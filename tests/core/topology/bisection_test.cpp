// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/bisection.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::exhaustiveBisectionGbps;
using testing::textbook;
using testing::torus;

TEST(TorusBisection, SixteenByFourCutsAcrossTheLongDimension)
{
    // 16×4 at 400 Gb/s. Across x (x < 8 | x ≥ 8): each of the 4 rings along x is cut twice, 8 links
    // × 400 = 3,200 Gb/s. Across y: 16 rings of 4, each cut twice, 32 links = 12,800 Gb/s (what the
    // old index split reported). Each node injects half its 4 links: 800 Gb/s; 32 nodes: 25,600.
    const Fabric f = buildFabric(torus({16, 4}, 400));
    const Bisection b = bisection(f);
    ASSERT_EQ(b.cuts.size(), 2U);
    EXPECT_DOUBLE_EQ(b.cuts[0].gbps, 3200.0);
    EXPECT_DOUBLE_EQ(b.cuts[1].gbps, 12800.0);
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 3200.0);
    EXPECT_EQ(b.cut, "across x (16 of 16×4): x < 8 against the rest");
    EXPECT_DOUBLE_EQ(b.fullBisectionGbps, 25600.0);
    EXPECT_DOUBLE_EQ(b.ratio, 0.125);
    EXPECT_TRUE(b.exact);
}

TEST(TorusBisection, EightByTwoByTwo)
{
    // 8×2×2 at 100 Gb/s. Across x: 4 rings of 8, each cut twice: 8 links = 800 Gb/s. Across y (a
    // ring of 2 is a pair joined by 2 links): 16 pairs × 2 links = 32 links = 3,200; z the same.
    // Injection: 6 links × 100 ÷ 2 = 300 Gb/s a node; 16 nodes: 4,800.
    const Fabric f = buildFabric(torus({8, 2, 2}, 100));
    const Bisection b = bisection(f);
    ASSERT_EQ(b.cuts.size(), 3U);
    EXPECT_DOUBLE_EQ(b.cuts[0].gbps, 800.0);
    EXPECT_DOUBLE_EQ(b.cuts[1].gbps, 3200.0);
    EXPECT_DOUBLE_EQ(b.cuts[2].gbps, 3200.0);
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 800.0);
    EXPECT_EQ(b.cut.substr(0, 9), "across x ");
    EXPECT_DOUBLE_EQ(b.fullBisectionGbps, 4800.0);
    EXPECT_TRUE(b.exact);
}

TEST(TorusBisection, ExactWhereClaimedByExhaustiveSearch)
{
    // Every balanced split of the nodes (12,870 for 16 nodes): the candidates' minimum is the minimum.
    for (const auto& dims : std::vector<std::vector<int>>{{4, 4}, {8, 2}, {6, 2}, {4, 2, 2}}) {
        const Fabric f = buildFabric(torus(dims, 100));
        const Bisection b = bisection(f);
        ASSERT_TRUE(b.exact);
        EXPECT_DOUBLE_EQ(b.bisectionGbps, exhaustiveBisectionGbps(f)) << dims.size();
    }
}

TEST(TorusBisection, OddLongestDimensionIsAnUpperBound)
{
    // 5×4: only y is even: across y, 5 rings of 4 cut twice = 10 links = 1,000 Gb/s at 100. A
    // balanced cut across the odd x cannot be a straight slab, so the minimum is not claimed.
    const Fabric f = buildFabric(torus({5, 4}, 100));
    const Bisection b = bisection(f);
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 1000.0);
    EXPECT_FALSE(b.exact);
    EXPECT_NE(b.bound.find("upper bound"), std::string::npos);
    EXPECT_GE(b.bisectionGbps, exhaustiveBisectionGbps(f));
}

TEST(FatTreeBisection, OversubscribedTwoTierWithAShortLeaf)
{
    // Radix 8 at 3:1: 6 hosts down and 2 uplinks a leaf; 21 hosts fill leaves of 6, 6, 6 and 3 (the
    // last needs ceil(3 ÷ 3) = 1 uplink). One spine divides every leaf's uplinks (2 and 1).
    FabricSpec s = textbook(8, 21, 2);
    s.oversubscription = parseOversubscription("1:3");
    const Fabric f = buildFabric(s);
    ASSERT_EQ(testing::countOf(f, VertexKind::Spine), 1);
    const Bisection b = bisection(f);
    // Leaf-block-aligned (10 hosts): leaves 0 (6) and 3 (3) whole, 1 host of leaf 1. Leaf 0 sends
    // 2 × 400, leaf 3 1 × 400 up; leaf 1's host 400 across its own leaf: 1,600 Gb/s.
    // Index split (hosts 0–9): leaf 0 and 4 hosts of leaf 1. Leaf 1 carries 2 × 400 inside; the
    // spine takes 2 × 400 from leaf 0 and 2 × 400 from leaf 1 but can hand on only 2 × 400 to leaf 2
    // and 1 × 400 to leaf 3 (leaf 1's second half is full): 800 + 1,200 = 2,000 Gb/s.
    ASSERT_EQ(b.cuts.size(), 2U);
    EXPECT_EQ(b.cuts[0].name, "leaf block-aligned (2 of 4 leaf blocks whole on the first side, one split)");
    EXPECT_DOUBLE_EQ(b.cuts[0].gbps, 1600.0);
    EXPECT_DOUBLE_EQ(b.cuts[1].gbps, 2000.0);
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 1600.0);
    EXPECT_EQ(b.cut, b.cuts[0].name);
    EXPECT_DOUBLE_EQ(b.fullBisectionGbps, 10 * 400.0);
    EXPECT_FALSE(b.exact); // the leaves hold 6, 6, 6 and 3 hosts
}

TEST(FatTreeBisection, OversubscribedTwoTierEqualLeavesIsExact)
{
    // 24 hosts on 4 full leaves of 6 at 3:1: two whole leaves a side, 2 leaves × 2 uplinks × 400 =
    // 1,600 of 4,800 Gb/s, a third. 16 hosts on radix 8 at 3:1 (leaves of 6, 6, 4) are not equal.
    FabricSpec s = textbook(8, 24, 2);
    s.oversubscription = parseOversubscription("1:3");
    const Bisection b = bisection(buildFabric(s));
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 1600.0);
    EXPECT_NEAR(b.ratio, 1.0 / 3.0, 1e-12);
    EXPECT_TRUE(b.exact);
    FabricSpec small = textbook(8, 12, 2);
    small.oversubscription = parseOversubscription("1:3");
    const Fabric two = buildFabric(small);
    EXPECT_DOUBLE_EQ(bisection(two).bisectionGbps, exhaustiveBisectionGbps(two)); // 2 leaves of 6: 800
    EXPECT_DOUBLE_EQ(bisection(two).bisectionGbps, 800.0);
}

TEST(FatTreeBisection, ThreeTiersWithUnequalPods)
{
    // Radix 4, leaves 1:1 (2 hosts, 2 uplinks), spines 3:1 (3 down, 1 up). 14 hosts: 7 leaves, pods
    // of 3, 3 and 1 leaves (6, 6 and 2 hosts). Pods 0 and 1 get 2 spines (each leaf 1 link to each),
    // pod 2 one spine (2 links from its leaf); every spine has 1 core uplink: pods 0 and 1 reach the
    // cores with 800 Gb/s, pod 2 with 400.
    FabricSpec s = textbook(4, 14, 3);
    s.oversubscription = parseOversubscription("1:1,1:3");
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.pods, 3);
    EXPECT_EQ(testing::countOf(f, VertexKind::Spine), 5);
    EXPECT_EQ(testing::countOf(f, VertexKind::Core), 2); // 5 uplinks on radix-4 cores
    const Bisection b = bisection(f);
    // Pod-aligned (7 hosts): pod 0 whole and host 6 of pod 1. Host 6 sends 400 to host 7 on its own
    // leaf; pod 0 sends 800 through its core uplinks to pods 1 and 2: 1,200 of 2,800 Gb/s.
    EXPECT_EQ(b.cut, "pod-aligned (1 of 3 pods whole on the first side, one split)");
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 1200.0);
    EXPECT_DOUBLE_EQ(b.fullBisectionGbps, 2800.0);
    EXPECT_FALSE(b.exact);
    // The minimum over all 3,432 balanced splits is the same.
    EXPECT_DOUBLE_EQ(exhaustiveBisectionGbps(f), 1200.0);
}

TEST(FatTreeBisection, TextbookTreesAreExactByExhaustiveSearch)
{
    // k = 4: 8 hosts in 2 tiers, 16 hosts in 3 tiers; both non-blocking.
    for (const auto& [hosts, tiers] : std::vector<std::pair<int, int>>{{8, 2}, {16, 3}}) {
        const Fabric f = buildFabric(textbook(4, hosts, tiers));
        const Bisection b = bisection(f);
        EXPECT_TRUE(b.exact);
        EXPECT_DOUBLE_EQ(b.ratio, 1.0);
        EXPECT_DOUBLE_EQ(b.bisectionGbps, exhaustiveBisectionGbps(f));
    }
}

TEST(DragonflyBisection, SixRoutersInARing)
{
    // a = 2, p = 1, h = 1, g = 3: each group is 2 routers joined locally; one global link per pair of
    // groups (r0–r2, r1–r4, r3–r5) closes a ring of 6 routers with a terminal each, all at 200 Gb/s.
    // Group-aligned: group 0 and terminal 2 against the rest; the ring is cut twice: 400 of 600.
    const Fabric f = buildFabric(testing::ringDragonfly(200));
    const Bisection b = bisection(f);
    EXPECT_EQ(b.cut, "group-aligned (1 of 3 groups whole on the first side, one split)");
    EXPECT_DOUBLE_EQ(b.bisectionGbps, 400.0);
    EXPECT_DOUBLE_EQ(b.fullBisectionGbps, 600.0);
    EXPECT_FALSE(b.exact); // dragonflies are not claimed
    EXPECT_DOUBLE_EQ(exhaustiveBisectionGbps(f), 400.0);
}

TEST(Bisection, CandidatesAreBalancedAndDistinct)
{
    const Fabric f = buildFabric(textbook(8, 21, 2));
    for (const auto& cut : candidateCuts(f).cuts) {
        EXPECT_EQ(std::count(cut.side.begin(), cut.side.end(), 0), 10) << cut.name;
        EXPECT_EQ(cut.side.size(), 21U);
    }
    // A full 2-tier textbook tree: the leaf-aligned cut is the index split, kept once.
    EXPECT_EQ(candidateCuts(buildFabric(textbook(8, 32, 2))).cuts.size(), 1U);
}

} // namespace
} // namespace fw::core::topology
