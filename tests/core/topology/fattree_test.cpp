// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/topology/bisection.h"
#include "core/topology/bom.h"
#include "core/topology/fabric.h"
#include "tests/core/testdir.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::countOf;
using testing::textbook;

TEST(FatTree, SpineRuleDividesEveryLeafsUplinks)
{
    // 96 nodes × 8 rails on 64-port switches: 24 rail leaves with 32 uplinks each, 768 in all. The
    // fewest spines would be 768 ÷ 64 = 12, but 12 does not divide 32: NVIDIA's rule takes 16, each
    // leaf with 2 links to every spine (DGX SuperPOD H100 RA, Table 4, 3 SUs).
    FabricSpec s;
    s.nodes = 96;
    s.switchRadix = 64;
    const Fabric divided = buildFabric(s);
    EXPECT_EQ(countOf(divided, VertexKind::Spine), 16);
    for (auto [v, end] = boost::vertices(divided.graph); v != end; ++v) {
        if (divided.graph[*v].kind == VertexKind::Leaf) {
            for (auto [e, eEnd] = boost::out_edges(*v, divided.graph); e != eEnd; ++e) {
                if (divided.graph[boost::target(*e, divided.graph)].kind == VertexKind::Spine) {
                    EXPECT_EQ(divided.graph[*e].links, 2);
                }
            }
        }
    }
    s.spineRule = SpineRule::Fewest;
    const Fabric fewest = buildFabric(s);
    EXPECT_EQ(countOf(fewest, VertexKind::Spine), 12);
    EXPECT_TRUE(fewest.notes.empty());
}

TEST(FatTree, ScalableUnitsBuildWholeUnitsAndManagementTakesASlot)
{
    // 31 DGX-class nodes and one UFM node in a 32-slot unit: the leaves are built for 32 slots (32
    // uplinks each, not 31), and the UFM node's 4 ports land on the rail 0–3 leaves.
    FabricSpec s = testing::dgxH100SuperPod(31);
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.scalableUnits, 1);
    ASSERT_EQ(f.managementNodes.size(), 1U);
    EXPECT_EQ(f.endpoints, 248);
    int managementLinks = 0;
    for (auto [e, end] = boost::out_edges(f.managementNodes[0], f.graph); e != end; ++e) {
        managementLinks += f.graph[*e].links;
        EXPECT_EQ(f.graph[*e].layer, LinkLayer::ManagementLeaf);
    }
    EXPECT_EQ(managementLinks, 4);
    int leafSpine = 0;
    for (auto [e, end] = boost::edges(f.graph); e != end; ++e) {
        leafSpine += f.graph[*e].layer == LinkLayer::LeafSpine ? f.graph[*e].links : 0;
    }
    EXPECT_EQ(leafSpine, 8 * 32);
    // Without units, the leaves are sized for the 31 nodes present; the divide rule still rounds
    // each leaf's 31 uplinks up to 32, a multiple of its 4 spines.
    s.nodesPerUnit = 0;
    s.managementNodes = 0;
    s.managementPorts = 0;
    const Fabric bare = buildFabric(s);
    EXPECT_EQ(countOf(bare, VertexKind::Spine), 4);
    EXPECT_EQ(bare.scalableUnits, 0);
}

TEST(FatTree, TwoPortsPerGpuOverTwoPlanes)
{
    // 64 nodes × 8 GPUs, each GPU's NIC with two 400G ports, one in each of 2 planes: every plane is
    // a full rail-optimised fabric of 512 ports (16 leaves, 8 spines on 64-port switches).
    FabricSpec s;
    s.nodes = 64;
    s.nicPorts = 2;
    s.planes = 2;
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.endpoints, 64 * 8 * 2);
    EXPECT_EQ(countOf(f, VertexKind::Leaf), 32);
    EXPECT_EQ(countOf(f, VertexKind::Spine), 16);
    // A node reaches 16 leaves, 8 in each plane, one link each.
    int planeLinks[2] = {0, 0};
    for (auto [e, end] = boost::out_edges(f.nodes[0], f.graph); e != end; ++e) {
        planeLinks[f.graph[boost::target(*e, f.graph)].plane] += f.graph[*e].links;
    }
    EXPECT_EQ(planeLinks[0], 8);
    EXPECT_EQ(planeLinks[1], 8);
    EXPECT_DOUBLE_EQ(bisection(f).ratio, 1.0);
    // Two ports in one plane: 8 rails × 2 ports, 1,024 ports in one plane.
    s.planes = 1;
    const Fabric one = buildFabric(s);
    EXPECT_EQ(countOf(one, VertexKind::Leaf), 32);
    EXPECT_EQ(countOf(one, VertexKind::Spine), 16);
    EXPECT_EQ(boost::out_degree(one.nodes[0], one.graph), 16U);
}

TEST(FatTree, ManagementPortsFillLeavesInOrderWithoutRails)
{
    // Not rail-optimised, radix 8 (4 down): 3 one-NIC nodes and a management node with 1 port take
    // ports 0–2 and 3 of the only leaf.
    FabricSpec s = textbook(8, 3, 2);
    s.managementNodes = 1;
    s.managementPorts = 1;
    const Fabric f = buildFabric(s);
    EXPECT_EQ(countOf(f, VertexKind::Leaf), 1);
    EXPECT_EQ(boost::out_degree(f.managementNodes[0], f.graph), 1U);
}

/// One row of "Table 4. Compute fabric component count" of the NVIDIA DGX SuperPOD reference
/// architecture for DGX H100 (RA-11333-001):
/// https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/network-fabrics.html
/// SUs of 32 DGX H100 nodes (8 GPUs, 8 × 400G NDR ports each) on QM9700 (64 × 400G). The 1-SU
/// row's 31 nodes carry a footnote calling it a 32-node-per-SU design; the counts give one node
/// slot to the UFM in every row (127 = 4 × 32 − 1 nodes), and its compute-fabric cables are the
/// "Compute and UFM" cables less the nodes' 8 each: 252 − 31 × 8 = 4. (Modelled so; the table does
/// not say which leaves the 4 UFM cables reach.)
struct SuperPodRow {
    int units;
    int nodes;
    int gpus;
    int leaves;
    int spines;
    int computeAndUfmCables;
    int spineLeafCables;
};

class DgxH100SuperPod : public ::testing::TestWithParam<SuperPodRow> {};

TEST_P(DgxH100SuperPod, ComputeFabricComponentCount)
{
    const SuperPodRow row = GetParam();
    const Fabric f = buildFabric(testing::dgxH100SuperPod(row.nodes));
    const auto catalog = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    const BillOfMaterials bom = billOfMaterials(f, catalog);
    EXPECT_EQ(f.scalableUnits, row.units);
    EXPECT_EQ(f.endpoints, row.gpus); // one 400G port per GPU
    ASSERT_EQ(bom.tiers.size(), 2U);
    EXPECT_EQ(bom.tiers[0].name, "leaf");
    EXPECT_EQ(bom.tiers[0].switches, row.leaves);
    EXPECT_EQ(bom.tiers[1].name, "spine");
    EXPECT_EQ(bom.tiers[1].switches, row.spines);
    EXPECT_EQ(bom.links.at("node_leaf") + bom.links.at("management_leaf"), row.computeAndUfmCables);
    EXPECT_EQ(bom.links.at("leaf_spine"), row.spineLeafCables);
    EXPECT_EQ(bom.managementNodes, 1);
    EXPECT_EQ(bom.managementPorts, 4);
    // Every leaf sends the same number of links to every spine.
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        if (f.graph[*v].kind != VertexKind::Leaf) {
            continue;
        }
        for (auto [e, eEnd] = boost::out_edges(*v, f.graph); e != eEnd; ++e) {
            if (f.graph[boost::target(*e, f.graph)].kind == VertexKind::Spine) {
                EXPECT_EQ(f.graph[*e].links, 32 / row.spines);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Table4, DgxH100SuperPod,
                         ::testing::Values(SuperPodRow{1, 31, 248, 8, 4, 252, 256},
                                           SuperPodRow{2, 63, 504, 16, 8, 508, 512},
                                           SuperPodRow{3, 95, 760, 24, 16, 764, 768},
                                           SuperPodRow{4, 127, 1016, 32, 16, 1020, 1024}),
                         [](const auto& info) { return std::to_string(info.param.units) + "SU"; });

} // namespace
} // namespace fw::core::topology
