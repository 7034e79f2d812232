// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/plan/evaluator.h"
#include "core/plan/planmodel.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

/// The tiny scenario buying MI300X servers and DGX H100s.
Scenario withMi300x()
{
    Scenario s = tiny();
    s.market = {Offer{"MI300X 8-GPU server", {}, {3}, 0}, Offer{"DGX H100", {}, {3}, 0}};
    return s;
}

TEST(PlanModel, ABaseboardPriceIsPlannedWithTheHostAndIntegrationUplift)
{
    // data/catalog/systems.json: the MI300X "server" price is the 8-GPU UBB baseboard, 205,870 USD.
    // data/models/assumptions.json: host and integration 32,010 USD per 8-accelerator server
    // (SemiAnalysis' DGX H100 non-GPU bill of materials). 205,870 + 32,010 × 8/8 = 237,880 USD.
    const PlanModel m = model(withMi300x());
    EXPECT_DOUBLE_EQ(m.price(0, 0), 237880.0);
    EXPECT_DOUBLE_EQ(m.price(0, 1), 237880.0);
    EXPECT_EQ(m.systems[0].priceBasis.rfind("baseboard price 205,870 USD + host and integration uplift 32,010 USD "
                                            "(https://www.semianalysis.com/",
                                            0),
              0U)
        << m.systems[0].priceBasis;
    // The DGX H100's 270,000 USD is a full system: taken as it is.
    EXPECT_DOUBLE_EQ(m.price(1, 0), 270000.0);
    EXPECT_EQ(m.systems[1].priceBasis, "full-system price");
    // What one unit bought in the first quarter adds to the capex the optimizer minimises.
    Plan plan;
    plan.purchases.push_back({0, 0, 0, 1});
    plan.training = m.zeroGrid();
    plan.training(0, 0, 0) = 1.0;
    plan.training(0, 0, 1) = 1.0;
    EXPECT_DOUBLE_EQ(evaluate(m, plan).capexNpvUsd, 237880.0);
}

TEST(PlanModel, AnOffersOwnPriceIsTakenAsAFullSystemPrice)
{
    Scenario s = withMi300x();
    s.market[0].priceUsd = {250000.0};
    const PlanModel m = model(s);
    EXPECT_DOUBLE_EQ(m.price(0, 0), 250000.0);
    EXPECT_EQ(m.systems[0].priceBasis, "scenario price");
}

TEST(PlanModel, RefusesAnAcceleratorOnlyPriceNamingTheSystemAndItsScope)
{
    Fleet fleet = sample();
    for (auto& system : fleet.catalog.systems) {
        if (system.sku == "MI300X 8-GPU server") {
            system.priceScope = catalog::PriceScope::AcceleratorOnly;
        }
    }
    try {
        buildPlanModel(withMi300x(), fleet, rules(), assumptions());
        ADD_FAILURE() << "an accelerator-only price was planned";
    } catch (const ValidationError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "scenario 'tiny' market[0]: system 'MI300X 8-GPU server' has an accelerator_only price (the "
                  "accelerators alone), which no sourced figure makes a full-system price; give the offer a "
                  "full-system price_usd");
    }
}

} // namespace
} // namespace fw::core::plan
