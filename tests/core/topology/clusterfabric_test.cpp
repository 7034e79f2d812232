// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/topology/clusterfabric.h"
#include "tests/core/testdir.h"

namespace fw::core::topology {
namespace {

catalog::Catalog shippedCatalog()
{
    return catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
}

TEST(ClusterFabric, TwoPortsPerGpuOverTwoPlanes)
{
    // 510 accelerators in nodes of 8: 64 nodes (the last counted whole). Each GPU has two 400G
    // ports, one per plane: per plane 512 ports on QM9700 (64 × 400G): 16 leaves (32 down, 32 up)
    // and 512 ÷ 64 = 8 spines; both planes: 32 leaves, 16 spines, 1,024 + 1,024 optical links.
    // Priced: 48 QM9700 at $50,000 and 747 W (data/catalog/network.json), 2 × 2,048 = 4,096 400G
    // transceivers at $700 and 9 W.
    const auto catalog = shippedCatalog();
    const ClusterFabric c = designClusterFabric(510, {8, 2, 400, 2}, *catalog.findNetworkPart("QM9700"), catalog);
    EXPECT_EQ(c.nodes, 64);
    EXPECT_EQ(c.tiers, 2);
    EXPECT_EQ(c.endpoints, 1024);
    ASSERT_EQ(c.bom.tiers.size(), 2U);
    EXPECT_EQ(c.bom.tiers[0].switches, 32);
    EXPECT_EQ(c.bom.tiers[1].switches, 16);
    EXPECT_EQ(c.bom.linksTotal, 2048);
    EXPECT_DOUBLE_EQ(c.bom.costUsd, 48 * 50'000.0 + 4096 * 700.0);
    EXPECT_DOUBLE_EQ(c.bom.powerWatts, 48 * 747.0 + 4096 * 9.0);
    EXPECT_TRUE(c.bom.unpriced.empty());
}

TEST(ClusterFabric, UnpricedPartsAreListedNotCountedAsZero)
{
    // TH6 (64 × 1.6T, 256 × 400G after breakout) has no published power or price: 1,024 GPUs on
    // 2 tiers, the optics priced, the switches listed.
    const auto catalog = shippedCatalog();
    const ClusterFabric c = designClusterFabric(1024, {8, 1, 400, 1}, *catalog.findNetworkPart("TH6 102.4T"), catalog);
    EXPECT_EQ(c.tiers, 2);
    EXPECT_EQ(c.bom.unpriced, (std::vector<std::string>{"switch TH6 102.4T: power", "switch TH6 102.4T: price"}));
    EXPECT_DOUBLE_EQ(c.bom.costUsd, c.bom.optics * 700.0);
}

TEST(ClusterFabric, ThreeTiersOnABrokenOutSwitch)
{
    // 16,384 GPUs, one 400G port each, on TH5 64 × 800G (128 × 400G after breakout): 8,192 ports
    // fit two tiers per plane, so one plane needs 3. Switches priced at $200,000 (catalog).
    const auto catalog = shippedCatalog();
    const ClusterFabric c =
        designClusterFabric(16384, {8, 1, 400, 1}, *catalog.findNetworkPart("TH5 64x800G"), catalog);
    EXPECT_EQ(c.tiers, 3);
    int switches = 0;
    for (const auto& tier : c.bom.tiers) {
        switches += tier.switches;
    }
    EXPECT_EQ(switches, c.bom.switchesTotal);
    EXPECT_GT(c.bom.costUsd, switches * 200000.0);
}

TEST(ClusterFabric, RefusesWhatItCannotDesign)
{
    const auto catalog = shippedCatalog();
    const auto& qm = *catalog.findNetworkPart("QM9700");
    EXPECT_THROW(designClusterFabric(0, {}, qm, catalog), ValidationError);
    EXPECT_THROW(designClusterFabric(64, {8, 1, 400, 2}, qm, catalog), ValidationError); // 1 port, 2 planes
    EXPECT_THROW(designClusterFabric(64, {8, 1, 800, 1}, qm, catalog), ValidationError); // NIC faster than ports
    EXPECT_THROW(designClusterFabric(64, {}, *catalog.findNetworkPart("400G OSFP/QSFP112"), catalog),
                 ValidationError); // not a switch
}

} // namespace
} // namespace fw::core::topology
