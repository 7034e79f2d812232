// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/topology/fabric.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

using testing::errorOf;

TEST(Torus, NodesMustMatchTheGrid)
{
    FabricSpec s = testing::torus({4, 4}, 100);
    s.nodes = 15;
    EXPECT_EQ(errorOf(s),
              "fabric: a torus of these dimensions has 16 nodes, not 15 (leave --nodes out or match --dims)");
    s.nodes = 16;
    const Fabric f = buildFabric(s);
    EXPECT_EQ(f.endpoints, 16);
    EXPECT_EQ(boost::num_edges(f.graph), 32U);
}

} // namespace
} // namespace fw::core::topology
