// SPDX-License-Identifier: Apache-2.0
#include "core/plan/grid.h"

#include <gtest/gtest.h>

#include <string>

namespace fw::core::plan {
namespace {

TEST(Grid, CellsAreSystemMajorThenSiteThenQuarter)
{
    Grid<double> units(2, 3, 4);
    EXPECT_EQ(units.systems(), 2);
    EXPECT_EQ(units.sites(), 3);
    EXPECT_EQ(units.quarters(), 4);
    EXPECT_EQ(units.cells().size(), 24U);
    units(1, 2, 3) = 7.0; // the last cell
    units(0, 1, 0) = 5.0; // after one site of four quarters
    EXPECT_DOUBLE_EQ(units.cells().back(), 7.0);
    EXPECT_DOUBLE_EQ(units.cells()[4], 5.0);
    EXPECT_DOUBLE_EQ(units(1, 0, 0), 0.0);
    EXPECT_TRUE(Grid<double>().empty());
    EXPECT_FALSE(units.empty());
}

TEST(Grid, FlagsAreCellsLikeAnyOtherAndGridsCompareByValue)
{
    Grid<bool> allowed(1, 2, 2, true);
    allowed(0, 1, 0) = false;
    EXPECT_TRUE(allowed(0, 0, 1));
    EXPECT_FALSE(allowed(0, 1, 0));
    Grid<std::string> reason(1, 2, 2);
    reason(0, 1, 0) = "licence";
    Grid<std::string> copy = reason;
    EXPECT_EQ(copy, reason);
    copy(0, 1, 1) = "cooling";
    EXPECT_NE(copy, reason);
    EXPECT_NE(Grid<double>(1, 1, 2), Grid<double>(1, 2, 1)); // same cells, another shape
}

} // namespace
} // namespace fw::core::plan
