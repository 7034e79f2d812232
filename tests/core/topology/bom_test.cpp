// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/topology/bom.h"
#include "tests/core/testdir.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

catalog::Catalog shippedCatalog()
{
    return catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
}

TEST(BillOfMaterials, RailOptimised256Gpus)
{
    // 32 nodes × 8 rails at 400G on QM9700 (64 × 400G): one leaf per rail, 4 spines.
    FabricSpec s;
    s.nodes = 32;
    s.switchSku = "QM9700";
    const Fabric f = buildFabric(s);
    const auto bom = billOfMaterials(f, shippedCatalog());
    ASSERT_EQ(bom.tiers.size(), 2U);
    EXPECT_EQ(bom.tiers[0].name, "leaf");
    EXPECT_EQ(bom.tiers[0].switches, 8);
    EXPECT_EQ(bom.tiers[1].switches, 4);
    EXPECT_EQ(bom.links.at("node_leaf"), 256);
    EXPECT_EQ(bom.links.at("leaf_spine"), 256);
    EXPECT_EQ(bom.optics, 2 * 512); // rail-optimised leaves sit outside the rack: optical everywhere
    // Ports: a leaf uses 32 down + 32 up of 64; a spine 64 down.
    EXPECT_EQ(bom.tiers[0].portsUsed, 8 * 64);
    EXPECT_EQ(bom.tiers[0].portsFree, 0);
    EXPECT_EQ(bom.tiers[1].portsUsed, 4 * 64);
    // 12 QM9700 at 50,000 USD and 747 W (data/catalog/network.json) and 1,024 400G optics at $700 and
    // 9 W each (shared/reference/network.csv).
    EXPECT_TRUE(bom.unpriced.empty());
    EXPECT_DOUBLE_EQ(bom.costUsd, 12 * 50'000.0 + 1024 * 700.0);
    EXPECT_DOUBLE_EQ(bom.powerWatts, 12 * 747.0 + 1024 * 9.0);
}

TEST(BillOfMaterials, CopperInTheRackAndFreePorts)
{
    // Radix 8, 2 tiers, 12 hosts in the rack (not rail-optimised): 3 leaves of 4 hosts (copper) with
    // 4 uplinks; 12 uplinks on radix-8 spines need 2, and 2 divides 4: each leaf 2 links to each.
    // Spines use 6 of 8 ports (2 free each); leaves all 8.
    const Fabric f = buildFabric(testing::textbook(8, 12, 2));
    const auto bom = billOfMaterials(f, shippedCatalog());
    EXPECT_EQ(bom.copper, 12);
    EXPECT_EQ(bom.optics, 2 * 12);
    ASSERT_EQ(bom.tiers.size(), 2U);
    EXPECT_EQ(bom.tiers[1].switches, 2);
    EXPECT_EQ(bom.tiers[1].portsUsed, 12);
    EXPECT_EQ(bom.tiers[1].portsFree, 4);
    EXPECT_EQ(bom.linksTotal, 24);
    // No switch SKU: the switches are listed as unpriced; the DAC has no price: unpriced too.
    EXPECT_EQ(bom.unpriced.front(), "switch: no catalog part (power and price)");
}

TEST(BillOfMaterials, ManagementPortsAndCables)
{
    // One SU of 31 nodes and a UFM node with 4 ports: 248 + 4 node/management cables and 256
    // leaf–spine cables, all optical (2 transceivers each): 2 × 508 optics at $700, and 12 QM9700
    // at $50,000.
    const auto bom = billOfMaterials(buildFabric(testing::dgxH100SuperPod(31)), shippedCatalog());
    EXPECT_EQ(bom.links.at("management_leaf"), 4);
    EXPECT_EQ(bom.managementNodes, 1);
    EXPECT_EQ(bom.managementPorts, 4);
    EXPECT_EQ(bom.optics, 2 * 508);
    EXPECT_DOUBLE_EQ(bom.costUsd, 12 * 50'000.0 + 2 * 508 * 700.0);
    ASSERT_EQ(bom.unpriced.size(), 1U);
    EXPECT_EQ(bom.unpriced.back(), "1 management node(s) (UFM): no catalog part (power and price)");
}

} // namespace
} // namespace fw::core::topology
