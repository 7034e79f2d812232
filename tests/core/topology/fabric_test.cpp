// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <sstream>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/topology/bom.h"
#include "core/topology/graphml.h"
#include "core/topology/metrics.h"
#include "tests/core/testdir.h"

namespace fw::core::topology {
namespace {

/// One NIC per node, so endpoints = nodes, as the textbook k-ary fat tree counts them.
FabricSpec textbook(int k, int endpoints, int tiers)
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

int switches(const Fabric& f)
{
    int count = 0;
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        count += f.graph[*v].kind != VertexKind::Node ? 1 : 0;
    }
    return count;
}

struct KAry {
    int k;
};

class TextbookFatTree : public ::testing::TestWithParam<KAry> {};

// Al-Fares, Loukissas, Vahdat, "A Scalable, Commodity Data Center Network Architecture" (SIGCOMM
// 2008): a k-ary fat tree has k³/4 hosts and 5k²/4 switches in three tiers; two tiers give k²/2 hosts
// and 3k/2 switches.
TEST_P(TextbookFatTree, TwoTiers)
{
    const int k = GetParam().k;
    const Fabric f = buildFabric(textbook(k, k * k / 2, 2));
    EXPECT_EQ(f.endpoints, k * k / 2);
    EXPECT_EQ(switches(f), 3 * k / 2);
    EXPECT_EQ(f.maxEndpoints, k * k / 2);
    EXPECT_NEAR(bisection(f).ratio, 1.0, 1e-9);
}

TEST_P(TextbookFatTree, ThreeTiers)
{
    const int k = GetParam().k;
    const Fabric f = buildFabric(textbook(k, k * k * k / 4, 3));
    EXPECT_EQ(f.endpoints, k * k * k / 4);
    EXPECT_EQ(switches(f), 5 * k * k / 4);
    EXPECT_NEAR(bisection(f).ratio, 1.0, 1e-9);
    const auto hops = hopStatistics(f, 16);
    EXPECT_EQ(hops.diameter, 6); // node–leaf–spine–core–spine–leaf–node
}

INSTANTIATE_TEST_SUITE_P(Radix, TextbookFatTree, ::testing::Values(KAry{4}, KAry{8}, KAry{16}, KAry{24}),
                         [](const auto& info) { return "k" + std::to_string(info.param.k); });

TEST(FatTree, OneToThreeLeafGivesOneThirdBisection)
{
    // Two 64-port leaves with 48 hosts down and 16 up each: the halves are the two leaves.
    FabricSpec s = textbook(64, 96, 2);
    s.oversubscription = parseOversubscription("1:3");
    const Fabric f = buildFabric(s);
    EXPECT_NEAR(bisection(f).ratio, 1.0 / 3.0, 1e-9);
}

TEST(FatTree, RailOptimised256Gpus)
{
    // 32 nodes × 8 rails at 400G on 64-port 400G switches: one leaf per rail, 4 spines.
    FabricSpec s;
    s.nodes = 32;
    s.acceleratorsPerNode = 8;
    s.rails = 8;
    s.nicGbps = 400;
    s.switchRadix = 64;
    s.portGbps = 400;
    s.switchSku = "QM9700";
    const Fabric f = buildFabric(s);
    const auto catalog = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    const auto bom = billOfMaterials(f, catalog);
    ASSERT_EQ(bom.tiers.size(), 2U);
    EXPECT_EQ(bom.tiers[0].name, "leaf");
    EXPECT_EQ(bom.tiers[0].switches, 8);
    EXPECT_EQ(bom.tiers[1].switches, 4);
    EXPECT_EQ(bom.links.at("node_leaf"), 256);
    EXPECT_EQ(bom.links.at("leaf_spine"), 256);
    EXPECT_EQ(bom.optics, 2 * 512); // rail-optimised leaves sit outside the rack: optical everywhere
    // Port arithmetic: every switch uses at most its radix.
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        int used = 0;
        for (auto [e, eEnd] = boost::out_edges(*v, f.graph); e != eEnd; ++e) {
            used += f.graph[*e].links;
        }
        if (f.graph[*v].kind != VertexKind::Node) {
            EXPECT_LE(used, f.graph[*v].radix);
        }
    }
    for (const auto& tier : bom.tiers) {
        EXPECT_EQ(tier.portsUsed + tier.portsFree, tier.switches * 64);
    }
    // 12 QM9700 at 50,000 USD and 747 W (data/catalog/network.json) and 1,024 400G optics at $700 and
    // 9 W each (shared/reference/network.csv).
    EXPECT_TRUE(bom.unpriced.empty());
    EXPECT_DOUBLE_EQ(bom.costUsd, 12 * 50'000.0 + 1024 * 700.0);
    EXPECT_DOUBLE_EQ(bom.powerWatts, 12 * 747.0 + 1024 * 9.0);
}

TEST(FatTree, BreakoutDoublesTheRadix)
{
    FabricSpec s = textbook(64, 8192, 2);
    s.portGbps = 800; // 64 × 800G as 128 × 400G
    s.tiers.reset();
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.effectiveRadix, 128);
    EXPECT_EQ(f.tiers, 2); // 8,192 = 128²/2 fits two tiers
}

TEST(FatTree, BadSpecificationsGiveOneLineErrors)
{
    FabricSpec s = textbook(64, 0, 2);
    EXPECT_THROW(buildFabric(s), ValidationError);
    s = textbook(1, 10, 2);
    try {
        buildFabric(s);
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "fabric: switch radix 1 must be ≥ 2");
    }
    s = textbook(64, 10, 2);
    s.rails = 9;
    try {
        buildFabric(s);
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "fabric: 9 rails need 9 NICs per node, but a node has 1 accelerators with one NIC each");
    }
    s = textbook(8, 200, 3);
    s.tiers.reset();
    try {
        buildFabric(s);
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(),
                     "fabric: 200 endpoints per plane do not fit in 3 tiers (at most 128 with radix 8); use a "
                     "larger switch, more planes or fewer nodes");
    }
    EXPECT_THROW(parseOversubscription("3"), ValidationError);
}

TEST(Failures, SwitchLossCutsBandwidthAndIsSeeded)
{
    const Fabric f = buildFabric(textbook(16, 128, 2));
    const auto none = failSwitches(f, 0, 3, 7);
    EXPECT_NEAR(none.minRatio, 1.0, 1e-9);
    EXPECT_EQ(none.connectedTrials, 3);
    const auto two = failSwitches(f, 2, 5, 7);
    EXPECT_LT(two.minRatio, 1.0);
    const auto again = failSwitches(f, 2, 5, 7);
    EXPECT_DOUBLE_EQ(two.minGbps, again.minGbps);
    const auto links = failLinks(f, 25, 5, 3);
    EXPECT_LT(links.medianRatio, 1.0);
    EXPECT_GT(links.medianRatio, 0.5);
}

TEST(PathDiversity, EqualsTheUplinksOfALeaf)
{
    const Fabric f = buildFabric(textbook(8, 32, 2));
    // Hosts on different leaves: 1 link each into the fabric bounds the disjoint paths at 1; between
    // two leaves there are 4 (one per spine).
    EXPECT_EQ(pathDiversity(f, f.nodes.front(), f.nodes.back()), 1);
}

TEST(Torus, TwoDimensionalRing)
{
    FabricSpec s;
    s.kind = FabricKind::Torus;
    s.dims = {4, 4};
    s.nicGbps = 100;
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.endpoints, 16);
    EXPECT_EQ(boost::num_edges(f.graph), 32U);
    EXPECT_EQ(hopStatistics(f).diameter, 4);
    // Cutting a 4×4 torus in half crosses 2 × 4 links of 100 Gb/s in each direction.
    EXPECT_NEAR(bisection(f).bisectionGbps, 800.0, 1e-6);
}

TEST(Dragonfly, BalancedGroupsAreAllConnected)
{
    FabricSpec s;
    s.kind = FabricKind::Dragonfly;
    s.routersPerGroup = 4;
    s.terminalsPerRouter = 2;
    s.globalLinksPerRouter = 2;
    s.groups = 9; // a·h + 1
    s.portGbps = 200;
    s.nicGbps = 200;
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.endpoints, 72);
    EXPECT_EQ(f.maxEndpoints, 72);
    EXPECT_LE(hopStatistics(f).diameter, 5); // terminal, local, global, local, terminal
    EXPECT_EQ(failSwitches(f, 0, 1, 1).connectedTrials, 1);
}

TEST(Graphml, WritesKindsAndCapacities)
{
    FabricSpec s = textbook(8, 32, 2);
    const Fabric f = buildFabric(s);
    std::ostringstream out;
    writeGraphml(out, f);
    const std::string text = out.str();
    EXPECT_NE(text.find("attr.name=\"kind\""), std::string::npos);
    EXPECT_NE(text.find("attr.name=\"capacity_gbps\""), std::string::npos);
    EXPECT_NE(text.find(">spine<"), std::string::npos);
}

} // namespace
} // namespace fw::core::topology
