// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/economics/systemprice.h"
#include "core/error.h"
#include "tests/core/economics/shipped.h"

namespace fw::core::economics {
namespace {

using tests::shippedAssumptions;
using tests::shippedCatalog;

TEST(FullSystemPrice, AFullSystemPriceIsTakenAsItIs)
{
    const auto price = fullSystemPrice(*shippedCatalog().findSystem("DGX B200"), shippedAssumptions());
    EXPECT_DOUBLE_EQ(price.usd, 379273.0); // Delta Computer listing via Epoch
    EXPECT_DOUBLE_EQ(price.uplift, 0.0);
    EXPECT_EQ(price.basis, "full-system price");
}

TEST(FullSystemPrice, ABaseboardGetsTheHostAndIntegrationCostPerEightAccelerators)
{
    // Gaudi 3: Intel's 125,000 USD list price for the 8-accelerator baseboard kit, + 32,010 USD
    // (SemiAnalysis' DGX H100 non-GPU bill of materials) = 157,010 USD.
    const auto gaudi =
        fullSystemPrice(*shippedCatalog().findSystem("Gaudi 3 8-accelerator server"), shippedAssumptions());
    EXPECT_DOUBLE_EQ(gaudi.usd, 157010.0);
    EXPECT_DOUBLE_EQ(gaudi.uplift, 32010.0);
    // A 4-accelerator baseboard at 100,000 USD gets half the uplift: 100,000 + 32,010 × 4/8 = 116,005.
    catalog::System board = *shippedCatalog().findSystem("Gaudi 3 8-accelerator server");
    board.acceleratorsPerSystem = 4;
    board.price = units::usd(100000.0);
    EXPECT_DOUBLE_EQ(fullSystemPrice(board, shippedAssumptions()).usd, 116005.0);
}

TEST(FullSystemPrice, RefusesAnAcceleratorOnlyPriceAndNoPrice)
{
    catalog::System chips = *shippedCatalog().findSystem("DGX B200");
    chips.priceScope = catalog::PriceScope::AcceleratorOnly;
    EXPECT_THROW(fullSystemPrice(chips, shippedAssumptions()), ValidationError);
    EXPECT_THROW(fullSystemPrice(*shippedCatalog().findSystem("DGX H200"), shippedAssumptions()), ValidationError);
}

} // namespace
} // namespace fw::core::economics
