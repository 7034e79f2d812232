// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/bisection.h"
#include "core/topology/flownetwork.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

/// Every candidate cut's flow by each of Boost's three algorithms on one reused network.
void expectAlgorithmsAgree(const Fabric& f)
{
    FlowNetwork network(f);
    network.setLinkCapacities(CapacityUnit::Megabits);
    std::vector<std::int64_t> injection;
    const Bisection reference = bisection(f);
    for (const Vertex node : f.nodes) {
        double gbps = 0.0;
        for (auto [e, end] = boost::out_edges(node, f.graph); e != end; ++e) {
            gbps += f.graph[*e].capacityGbps;
        }
        injection.push_back(static_cast<std::int64_t>(gbps * 1000.0 / (f.spec.kind == FabricKind::Torus ? 2 : 1)));
    }
    const auto cuts = candidateCuts(f).cuts;
    ASSERT_EQ(cuts.size(), reference.cuts.size());
    for (std::size_t c = 0; c < cuts.size(); ++c) {
        network.setTerminals(cuts[c].side, injection);
        for (auto algorithm :
             {MaxFlowAlgorithm::PushRelabel, MaxFlowAlgorithm::BoykovKolmogorov, MaxFlowAlgorithm::EdmondsKarp}) {
            EXPECT_EQ(network.maxFlow(algorithm), static_cast<std::int64_t>(reference.cuts[c].gbps * 1000.0))
                << cuts[c].name << " algorithm " << static_cast<int>(algorithm);
        }
    }
}

TEST(FlowNetwork, BoostsAlgorithmsAgreeOnReusedNetworks)
{
    expectAlgorithmsAgree(buildFabric(testing::torus({16, 4}, 400)));
    expectAlgorithmsAgree(buildFabric(testing::textbook(8, 100, 3)));
    FabricSpec s;
    s.nodes = 40;
    s.switchRadix = 16;
    s.oversubscription = {2.0, 1.0};
    expectAlgorithmsAgree(buildFabric(s));
}

TEST(FlowNetwork, OneUndirectedEdgeIsTwoArcsEachWithItsReverse)
{
    // 4×2 torus: 8 edges round the two rings of 4, and 4 for the rings of 2 (each pair's two links
    // merged into one edge): 12 edges, 2 arcs each and a reverse of capacity 0 for each arc (the form
    // Boost.Graph's max-flow algorithms require); 8 nodes with a source and a sink arc pair each:
    // 4 × 12 + 4 × 8 = 80 arcs.
    const Fabric f = buildFabric(testing::torus({4, 2}, 100));
    EXPECT_EQ(boost::num_edges(f.graph), 12U);
    EXPECT_EQ(FlowNetwork(f).arcs(), 80U);
}

TEST(FlowNetwork, DamageAndSkippedKindsZeroTheirArcs)
{
    // Radix 4, 2 tiers: hosts 0 and 7 are on leaves 0 and 3, joined through 2 spines: 2 paths; with
    // one spine taken out, 1; with one of leaf 0's uplinks cut, 1.
    const Fabric f = buildFabric(testing::textbook(4, 8, 2));
    FlowNetwork network(f);
    const Vertex leaf0 = boost::target(*boost::out_edges(f.nodes[0], f.graph).first, f.graph);
    const Vertex leaf3 = boost::target(*boost::out_edges(f.nodes[7], f.graph).first, f.graph);
    network.setLinkCapacities(CapacityUnit::Links);
    EXPECT_EQ(network.maxFlow(leaf0, leaf3), 2);
    Damage spine;
    for (auto [e, end] = boost::out_edges(leaf0, f.graph); e != end; ++e) {
        if (f.graph[boost::target(*e, f.graph)].kind == VertexKind::Spine) {
            spine.vertices.insert(boost::target(*e, f.graph));
            break;
        }
    }
    network.setLinkCapacities(CapacityUnit::Links, spine);
    EXPECT_EQ(network.maxFlow(leaf0, leaf3), 1);
    Damage link;
    const Vertex someSpine = *spine.vertices.begin();
    link.links[{std::min(leaf0, someSpine), std::max(leaf0, someSpine)}] = 1;
    network.setLinkCapacities(CapacityUnit::Links, link);
    EXPECT_EQ(network.maxFlow(leaf0, leaf3), 1);
    network.setLinkCapacities(CapacityUnit::Links, {}, {VertexKind::Spine});
    EXPECT_EQ(network.maxFlow(leaf0, leaf3), 0);
}

} // namespace
} // namespace fw::core::topology
