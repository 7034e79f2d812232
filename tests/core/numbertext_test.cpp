// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "core/numbertext.h"

namespace fw::core {
namespace {

struct NumberText {
    double value;
    const char* text;
};

// Plain notation for figures a planner reads digit by digit; an exponent for the very small and for
// training work (5e23 FLOPs is the double 499,999,999,999,999,991,611,392, not worth 24 digits).
TEST(NumberText, FormatNumberIsShortestAndPlainBetween1eMinus4And1e15)
{
    for (const NumberText& c :
         {NumberText{0.0, "0"}, NumberText{989.4, "989.4"}, NumberText{12e6, "12000000"}, NumberText{-5.0, "-5"},
          NumberText{0.00001, "1e-05"}, NumberText{999999999999999.0, "999999999999999"}, NumberText{1e15, "1e+15"},
          NumberText{5e23, "5e+23"}, NumberText{-5e23, "-5e+23"}, NumberText{7.2e23, "7.2e+23"},
          NumberText{1e30, "1e+30"}}) {
        EXPECT_EQ(formatNumber(c.value), std::string(c.text)) << c.value;
        EXPECT_EQ(std::stod(formatNumber(c.value)), c.value) << c.text; // reads back as the same double
    }
}

} // namespace
} // namespace fw::core
