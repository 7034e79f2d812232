// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/bisection.h"
#include "core/topology/fabric.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::countOf;
using testing::errorOf;
using testing::textbook;

int switches(const Fabric& f)
{
    return countOf(f, VertexKind::Leaf) + countOf(f, VertexKind::Spine) + countOf(f, VertexKind::Core);
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
    EXPECT_EQ(f.pods, k);
    EXPECT_NEAR(bisection(f).ratio, 1.0, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Radix, TextbookFatTree, ::testing::Values(KAry{4}, KAry{8}, KAry{16}, KAry{24}),
                         [](const auto& info) { return "k" + std::to_string(info.param.k); });

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
    EXPECT_EQ(errorOf(textbook(64, 0, 2)), "fabric: nodes 0 must be ≥ 1");
    EXPECT_EQ(errorOf(textbook(1, 10, 2)), "fabric: switch radix 1 must be ≥ 2");
    FabricSpec s = textbook(64, 10, 2);
    s.rails = 9;
    EXPECT_EQ(errorOf(s), "fabric: 9 rails need 9 NICs per node, but a node has 1 accelerators with one NIC each");
    s = textbook(8, 200, 3);
    s.tiers.reset();
    EXPECT_EQ(errorOf(s), "fabric: 200 endpoints per plane do not fit in 3 tiers (at most 128 with radix 8); use a "
                          "larger switch, more planes or fewer nodes");
    s = FabricSpec{};
    s.nodes = 4;
    s.planes = 2;
    EXPECT_EQ(errorOf(s), "fabric: 2 planes need the ports of every NIC shared evenly, but a NIC has 1 (give "
                          "--nic-ports 2)");
    s.planes = 1;
    s.managementNodes = 1;
    s.managementPorts = 9;
    EXPECT_EQ(errorOf(s), "fabric: a management node takes one node slot and 1 to 8 of its ports per plane, not 9");
    EXPECT_THROW(parseOversubscription("3"), ValidationError);
}

} // namespace
} // namespace fw::core::topology
