// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <type_traits>

#include "core/units/quantity.h"

namespace fw::core::units {
namespace {

TEST(Quantity, ConvertsBetweenPowerUnits)
{
    EXPECT_DOUBLE_EQ(inWatts(kilowatts(10.2)), 10200.0);
    EXPECT_DOUBLE_EQ(inMegawatts(watts(1'500'000.0)), 1.5);
    EXPECT_DOUBLE_EQ(inKilowatts(megawatts(0.25)), 250.0);
}

TEST(Quantity, ConvertsBitsAndBytes)
{
    // 400 Gb/s is 50 GB/s.
    EXPECT_DOUBLE_EQ(inGigabytesPerSecond(gigabitsPerSecond(400.0)), 50.0);
    EXPECT_DOUBLE_EQ(inGigabitsPerSecond(terabytesPerSecond(3.35)), 26800.0);
}

TEST(Quantity, ArithmeticKeepsTheDimension)
{
    const Power total = watts(700.0) * 8.0 + kilowatts(4.6);
    EXPECT_DOUBLE_EQ(inKilowatts(total), 10.2);
    EXPECT_DOUBLE_EQ(kilowatts(10.2) / watts(1275.0), 8.0);
    EXPECT_LT(watts(1.0), kilowatts(1.0));
}

TEST(Quantity, RejectsNegativePowerAndNaN)
{
    EXPECT_THROW(watts(-1.0), ValidationError);
    EXPECT_THROW(kilowatts(std::nan("")), ValidationError);
    EXPECT_THROW(watts(5.0) - watts(6.0), ValidationError);
    try {
        megawatts(-12.0);
        FAIL() << "no exception";
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "power -12000000 W is negative; must be ≥ 0");
    }
}

TEST(Quantity, MoneyMayBeNegative)
{
    EXPECT_DOUBLE_EQ(inUsd(usd(100.0) - usd(250.0)), -150.0);
}

TEST(Quantity, DimensionsDoNotMix)
{
    static_assert(!std::is_convertible_v<Power, Money>);
    static_assert(!std::is_constructible_v<Power, Compute>);
    static_assert(!std::is_invocable_v<std::plus<>, Power, Money>);
    SUCCEED();
}

} // namespace
} // namespace fw::core::units
