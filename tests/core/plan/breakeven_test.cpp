// SPDX-License-Identifier: Apache-2.0
// Break-even utilisation of owning against renting per system and site in a plan, worked by hand.
// The sample catalog with the H100 SXM's dated used prices removed, so its residual value is the
// sourced fallback of assumptions.json (77 % kept a year) as in tests/core/economics/rental_test.cpp.
#include <gtest/gtest.h>

#include "core/economics/rental.h"
#include "core/economics/tco.h"
#include "core/plan/breakeven.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

Fleet fleetWithoutH100UsedPrices()
{
    Fleet fleet = sample();
    fleet.company = {"Acme", "US", "US"};
    for (auto& a : fleet.catalog.accelerators) {
        if (a.sku == "H100 SXM") {
            a.usedPriceCurve.clear();
        }
    }
    return fleet;
}

/// Two US sites: Reno (1 MW, PUE 1.25, 0.10 USD/kWh) and Austin (no power, PUE 1.5, 0.05 USD/kWh);
/// no discounting, a 5-year life; DGX H100 at 270,000 USD; inference of 16 H100s' worth for 8 quarters.
Scenario twoSites()
{
    Scenario s;
    s.name = "break-even";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = 8;
    s.discountRatePerYear = 0.0;
    s.lifeYears = 5.0;
    s.sites = {Site{"Reno", "US", 1.25, 0.10, {1.0}, true, {}}, Site{"Austin", "US", 1.5, 0.05, {0.0}, true, {}}};
    s.market = {Offer{"DGX H100", {270'000.0}, {16}, 0}};
    s.inferenceClasses = {InferenceClass{}};
    return s;
}

TEST(PlanBreakEven, HandCheckedPerSystemAndSite)
{
    const Fleet fleet = fleetWithoutH100UsedPrices();
    Scenario s = twoSites();
    // On demand: a hyperscaler at 3.90 and a neocloud at 2.99 (the cheaper is compared); a reserved
    // contract at 1.80 (paid every hour of its term: no break-even, left out); MI300X at 1.50 (another
    // accelerator and family, left out).
    CloudOffer reserved = onDemand("Reserved Cloud", "DGX H100", 1.80);
    reserved.reserved = true;
    reserved.termQuarters = 4;
    s.cloudOffers = {onDemand("Hyperscaler", "DGX H100", 3.90), onDemand("Neocloud", "DGX H100", 2.99), reserved,
                     onDemand("AMD Cloud", "MI300X 8-GPU server", 1.50)};
    const PlanModel probe = buildPlanModel(s, fleet, rules(), assumptions());
    s.demand = {QuarterDemand{0.0, {16 * probe.rented[0].inferenceTokensPerSecond[0] * (1 - 1e-9)}}};
    const PlanModel m = buildPlanModel(s, fleet, rules(), assumptions());
    const Plan plan = optimize(m, exactly());
    ASSERT_TRUE(evaluate(m, plan).violations.empty());
    ASSERT_EQ(plan.purchases.size(), 1U); // owning wins (tests/core/plan/rental_test.cpp)
    EXPECT_EQ(plan.purchases[0].site, 0);
    EXPECT_EQ(plan.purchases[0].count, 2);

    const auto rows = planBreakEvens(m, plan, fleet.catalog, assumptions());
    ASSERT_EQ(rows.size(), 2U); // DGX H100 at Reno and at Austin
    const PlanBreakEven& reno = rows[0];
    EXPECT_EQ(reno.site, 0);
    EXPECT_EQ(reno.quarter, plan.purchases[0].quarter);
    EXPECT_EQ(reno.cloudOffer, 1);
    EXPECT_TRUE(reno.sameAccelerator);
    EXPECT_EQ(reno.lifeYears, 5);
    // The DGX H100's share of its family's two-tier fabric (fabricfigures.h): with the sample's
    // switches (Q3400-RA, 800G ports broken out to 400G) 4,572.21 USD and 69.98 W per accelerator,
    // × 8 = 36,577.72 USD and 559.875 W.
    const FamilyFabric& family = m.fabrics[static_cast<std::size_t>(m.fabricOf[0])];
    ASSERT_TRUE(family.priced) << family.why;
    EXPECT_NEAR(reno.fabric.usd, 36'577.71875, 1e-6);
    EXPECT_NEAR(reno.fabric.watts, 559.875, 1e-6);
    EXPECT_DOUBLE_EQ(reno.fabric.usd, 8 * family.twoTier.usdPerAccelerator);
    EXPECT_DOUBLE_EQ(reno.fabric.watts, 8 * family.twoTier.wattsPerAccelerator);
    EXPECT_TRUE(reno.fabric.basis.starts_with("two-tier fat tree on " + family.switchSku + ": ")) << reno.fabric.basis;
    // Energy per accelerator-hour used (V): 10,200 W / 8 = 1,275 W × 1.111 (network and storage)
    //   = 1,416.525 W, + the fabric's 559.875 / 8 = 69.984 W, = 1,486.509 W × PUE 1.25 × 0.10 USD/kWh
    //   = 0.185813672 USD
    //   (without the fabric 0.177065625 USD).
    // Residual after 5 years: 270,000 × 0.77^5 = 73,083.17 USD (none on the fabric). Fixed cost a
    //   year, r = 0 (F): ((270,000 + 36,577.72 − 73,083.17) / 5 + 5 % × 270,000) / 8
    //   = (46,698.91 + 13,500) / 8 = 7,524.86 USD
    //   (without the fabric 6,610.42 USD).
    // u* = 7,524.86 / (8,760 × (2.99 − 0.185814)) = 7,524.86 / 24,564.67 = 0.306329 (2,683.4 h a
    //   year); without the fabric
    //   0.268266 (2,350.0 h).
    EXPECT_NEAR(reno.rentOrOwn.energyUsdPerAcceleratorHour, 0.185813672, 1e-9);
    EXPECT_NEAR(reno.rentOrOwn.fixedUsdPerAcceleratorYear, 7524.86, 0.01);
    EXPECT_NEAR(reno.rentOrOwn.rentUsdPerHour, 2.99, 1e-12);
    EXPECT_NEAR(reno.rentOrOwn.breakEvenUtilisation, 0.306329, 1e-6);
    EXPECT_NEAR(reno.rentOrOwn.breakEvenHoursPerYear, 2683.4, 0.1);
    EXPECT_EQ(reno.rentOrOwn.outcome, economics::RentOrOwnOutcome::BreakEven);
    // The same figures `estimate tco --rent-usd-per-hour 2.99` gives for these inputs.
    const auto in = breakEvenTcoInputs(m, fleet.catalog, assumptions(), 0, 0, reno.quarter);
    EXPECT_EQ(in.count, 1);
    EXPECT_DOUBLE_EQ(*in.priceUsd, 270'000.0);
    EXPECT_DOUBLE_EQ(in.pue, 1.25);
    const auto tco = economics::rentOrOwn(in, economics::estimateTco(in, assumptions()), 2.99);
    EXPECT_DOUBLE_EQ(reno.rentOrOwn.breakEvenUtilisation, tco.breakEvenUtilisation);
    // Two units in service every quarter, serving 2 × (1 − 1e−9) units' worth: used all the time.
    ASSERT_TRUE(reno.planUtilisation.has_value());
    EXPECT_NEAR(*reno.planUtilisation, 1.0, 1e-6);
    EXPECT_DOUBLE_EQ(reno.mostUnitsInService, 2.0);
    EXPECT_EQ(reno.owningPaysAtPlanUtilisation(), std::optional<bool>(true));

    // Austin: could buy, owns none. V = 1,486.509 W × 1.5 / 1,000 × 0.05 = 0.111488 USD;
    // u* = 7,524.86 / (8,760 × (2.99 − 0.111488)) = 7,524.86 / 25,215.76 = 0.298419 (without the
    // fabric 0.261677).
    const PlanBreakEven& austin = rows[1];
    EXPECT_EQ(austin.site, 1);
    EXPECT_EQ(austin.quarter, 0);
    EXPECT_NEAR(austin.rentOrOwn.energyUsdPerAcceleratorHour, 0.1114882, 1e-6);
    EXPECT_NEAR(austin.rentOrOwn.breakEvenUtilisation, 0.298419, 1e-6);
    EXPECT_FALSE(austin.planUtilisation.has_value());
    EXPECT_FALSE(austin.owningPaysAtPlanUtilisation().has_value());
}

TEST(PlanBreakEven, FallsBackToTheAcceleratorFamilyAndNeedsACloudOffer)
{
    const Fleet fleet = fleetWithoutH100UsedPrices();
    Scenario s = twoSites();
    s.demand = {QuarterDemand{0.0, {0.0}}};
    const Plan none; // nothing bought: the break-even is the offer's, before any plan
    EXPECT_TRUE(planBreakEvens(buildPlanModel(s, fleet, rules(), assumptions()), none, fleet.catalog, assumptions())
                    .empty()); // no cloud offer to compare with
    // DGX H200 renting is of the H100's family, Hopper (GH100): compared, and said to be so. At 4.00
    // USD an hour u* = 7,524.86 / (8,760 × (4.00 − 0.185814)) = 7,524.86 / 33,412.27 = 0.225213
    // (without the fabric 0.197391).
    s.cloudOffers = {onDemand("Neocloud", "DGX H200", 4.00)};
    const auto rows =
        planBreakEvens(buildPlanModel(s, fleet, rules(), assumptions()), none, fleet.catalog, assumptions());
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_FALSE(rows[0].sameAccelerator);
    EXPECT_NEAR(rows[0].rentOrOwn.breakEvenUtilisation, 0.225213, 1e-6);
    // Priced below the owner's energy, renting is cheaper at any use: no break-even within a year.
    s.cloudOffers[0].usdPerAcceleratorHour = {0.15};
    const auto cheap =
        planBreakEvens(buildPlanModel(s, fleet, rules(), assumptions()), none, fleet.catalog, assumptions());
    ASSERT_EQ(cheap.size(), 2U);
    EXPECT_EQ(cheap[0].rentOrOwn.outcome, economics::RentOrOwnOutcome::RentingAlwaysCheaper);
}

} // namespace
} // namespace fw::core::plan
