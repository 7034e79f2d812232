// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <sstream>

#include "core/topology/graphml.h"
#include "tests/core/topology/testfabrics.h"

namespace fw::core::topology {
namespace {

TEST(Graphml, WritesKindsCapacitiesAndConventions)
{
    const Fabric f = buildFabric(testing::textbook(8, 32, 2));
    std::ostringstream out;
    writeGraphml(out, f);
    const std::string text = out.str();
    EXPECT_NE(text.find("attr.name=\"kind\""), std::string::npos);
    EXPECT_NE(text.find("attr.name=\"capacity_gbps\""), std::string::npos);
    EXPECT_NE(text.find(">spine<"), std::string::npos);
    EXPECT_NE(text.find("one direction, Gb/s"), std::string::npos);
    EXPECT_EQ(text.find("bisection_side"), std::string::npos);
}

TEST(Graphml, MarksTheHalvesOfTheMinimumCut)
{
    const Fabric f = buildFabric(testing::torus({4, 2}, 100));
    const Bisection b = bisection(f);
    std::ostringstream out;
    writeGraphml(out, f, &b);
    const std::string text = out.str();
    EXPECT_NE(text.find("attr.name=\"bisection_side\""), std::string::npos);
    std::size_t first = 0;
    for (auto at = text.find(">first<"); at != std::string::npos; at = text.find(">first<", at + 1)) {
        ++first;
    }
    EXPECT_EQ(first, 4U);
    // The cut's name, XML-escaped: "across x (4 of 4×2): x &lt; 2 against the rest".
    EXPECT_NE(text.find("across x (4 of 4×2): x &lt; 2 against the rest"), std::string::npos);
}

} // namespace
} // namespace fw::core::topology
