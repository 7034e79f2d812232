// SPDX-License-Identifier: Apache-2.0
#include "core/limits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "core/error.h"

namespace fw::core::limits {
namespace {

TEST(Limits, TableHoldsEveryLimitOnceWithItsBasis)
{
    std::set<std::string_view> names;
    for (const auto& limit : table()) {
        EXPECT_TRUE(names.insert(limit.name).second) << limit.name;
        EXPECT_LE(limit.least, limit.most) << limit.name;
        EXPECT_FALSE(limit.basis.empty()) << limit.name;
    }
    EXPECT_TRUE(names.contains(fabricAccelerators.name));
    EXPECT_EQ(fabricAccelerators.most, 1e6); // the "fabrics up to a million accelerators"
}

TEST(Limits, CheckAcceptsTheRangeAndNamesWhatItRefuses)
{
    EXPECT_EQ(check(pue, 1.0, "pue"), 1.0);
    EXPECT_EQ(check(pue, 5.0, "pue"), 5.0);
    try {
        check(pue, 5.5, "sites[0].pue");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "sites[0].pue: 5.5 is above the largest PUE accepted, 5");
    }
    try {
        check(siteMw, -1, "sites[1].power_mw");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "sites[1].power_mw: -1 MW is below the least power of one site accepted, 0 MW");
    }
    try {
        check(money, 1e308, "market[0].price_usd");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(),
                     "market[0].price_usd: 1e+308 USD is above the largest amount of money (price, budget, resale) "
                     "accepted, 10000000000000 USD");
    }
    EXPECT_THROW(check(money, std::numeric_limits<double>::quiet_NaN(), "x"), ValidationError);
    EXPECT_THROW(check(money, std::numeric_limits<double>::infinity(), "x"), ValidationError);
}

TEST(Limits, WholeNumbers)
{
    EXPECT_EQ(checkWhole(failureTrials, 10000, "--trials"), 10000);
    EXPECT_THROW(checkWhole(failureTrials, 2.5, "--trials"), ValidationError);
    EXPECT_THROW(checkWhole(failureTrials, 10001, "--trials"), ValidationError);
}

TEST(Limits, ProductsAreCheckedIn64BitsAndAgainstTheLimit)
{
    EXPECT_EQ(checkProduct(fabricAccelerators, 1000, 1000, "torus"), 1000000);
    // 46341² overflows int32; the product is still refused by name, not wrapped.
    try {
        checkProduct(fabricAccelerators, 46341, 46341, "fabric: torus nodes");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "fabric: torus nodes: 46341 × 46341 = 2147488281 accelerators is above the largest "
                               "accelerators in a fabric accepted, 1000000 accelerators");
    }
    // Past int64: still a clear refusal.
    EXPECT_THROW(checkProduct(fabricEdges, std::numeric_limits<std::int64_t>::max(), 2, "edges"), ValidationError);
}

} // namespace
} // namespace fw::core::limits
