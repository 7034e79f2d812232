// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/planfabric.h"
#include "core/report/fabricsection.h"
#include "core/report/figuretext.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {

Fleet withQm9700Only()
{
    Fleet fleet = sample();
    auto& parts = fleet.catalog.networkParts;
    std::erase_if(parts, [](const catalog::NetworkPart& p) {
        return p.kind == catalog::NetworkPartKind::Switch && p.sku != "QM9700";
    });
    fleet.company = {"Acme", "US", "US"};
    return fleet;
}

namespace {

/// One US site, one quarter, no discounting, DGX H100 on offer and `installed` DGX H100 running.
Scenario oneSite(double trainingPflops, int installed)
{
    Scenario s;
    s.name = "fabric";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = 1;
    s.discountRatePerYear = 0.0;
    s.sites = {Site{"Reno", "US", 1.2, 0.07, {50.0}, true, {}}};
    s.demand = {QuarterDemand{trainingPflops, {}}};
    s.market = {Offer{"DGX H100", {}, {400}, 0}};
    if (installed > 0) {
        s.installed = {InstalledSystems{"Reno", "DGX H100", installed, 1.0, std::nullopt, std::nullopt}};
    }
    return s;
}

TEST(PlanFabric, AFamilyIsPricedFromTheTopologyBillOfMaterials)
{
    const Fleet fleet = withQm9700Only();
    const FamilyFabric f = familyFabric(*fleet.catalog.findSystem("DGX H100"), fleet.catalog);
    ASSERT_TRUE(f.priced) << f.why;
    EXPECT_EQ(f.switchSku, "QM9700");
    EXPECT_EQ(f.nicPortsPerAccelerator, 1); // 8 × 400G ConnectX-7 for 8 GPUs
    EXPECT_EQ(f.largestTwoTier, 2048);
    // Two tiers at the reference size (2,048 accelerators = 2,048 NIC ports), non-blocking: 64 leaves
    // (32 down, 32 up) and 2,048 uplinks ÷ 64 ports = 32 spines: 96 QM9700 at $50,000 and 747 W;
    // 2,048 node–leaf and 2,048 leaf–spine optical links, two 400G transceivers each ($700, 9 W):
    // 8,192 transceivers (data/catalog/network.json). Per accelerator: $5,143.75 and 71.07 W.
    EXPECT_NEAR(f.twoTier.usdPerAccelerator, (96 * 50'000.0 + 8192 * 700.0) / 2048.0, 1e-9);
    EXPECT_NEAR(f.twoTier.wattsPerAccelerator, (96 * 747.0 + 8192 * 9.0) / 2048.0, 1e-9);
    EXPECT_EQ(f.threeTier.tiers, 3);
    EXPECT_GT(f.threeTier.usdPerAccelerator, f.twoTier.usdPerAccelerator);
    // A system without NIC figures borrows its chip's scale-out NIC (MI300X: 400G each).
    const FamilyFabric mi300x = familyFabric(*fleet.catalog.findSystem("MI300X 8-GPU server"), fleet.catalog);
    EXPECT_TRUE(mi300x.priced) << mi300x.why;
    EXPECT_DOUBLE_EQ(mi300x.nicGbps, 400.0);
}

TEST(PlanFabric, TheMilpPaysTheFabricOfWhatItBuysByHand)
{
    // Demand for exactly 4 DGX H100 (32 accelerators): the fabric grows by 32 accelerators in the one
    // quarter, at the two-tier price per accelerator; nothing installed before.
    const Fleet fleet = withQm9700Only();
    const PlanModel probe = buildPlanModel(oneSite(1.0, 0), fleet, rules(), assumptions());
    const double perUnit = probe.systems.front().trainingPflops;
    const PlanModel m = buildPlanModel(oneSite(4 * perUnit, 0), fleet, rules(), assumptions());
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    ASSERT_EQ(plan.purchases.size(), 1u);
    EXPECT_EQ(plan.purchases.front().count, 4);
    const Evaluation e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty());
    const double perAccelerator = m.fabrics.front().twoTier.usdPerAccelerator;
    EXPECT_NEAR(e.fabricNpvUsd, 32 * perAccelerator, 1e-6);
    EXPECT_NEAR(plan.objectiveUsd, e.costUsd, 1e-6 * e.costUsd); // the MILP priced the same fabric
    // The report's fabric section is the same fabric, at the same cost.
    const auto section = report::fabricSection(m, plan, fleet.catalog);
    const auto& rows = section.tables.at(0).rows;
    ASSERT_EQ(rows.size(), 2u); // Reno's DGX H100 fabric, and the total
    EXPECT_EQ(rows[0][0], "Reno");
    EXPECT_EQ(rows[0][3], "2");
    EXPECT_EQ(rows[0][4], "32");
    EXPECT_EQ(rows[0][9], report::usd(e.fabricNpvUsd));
    EXPECT_EQ(rows.back()[9], rows[0][9]);
}

TEST(PlanFabric, RetiredUnitsFreePortsThatLaterPurchasesReuse)
{
    // 2 DGX H100 installed (16 accelerators, their fabric built); retire both in quarter 0, buy 3 in
    // quarter 1: the fabric grows only from 16 to 24 accelerators.
    Scenario s = oneSite(0.0, 2);
    s.quarters = 2;
    const Fleet fleet = withQm9700Only();
    const PlanModel m = buildPlanModel(s, fleet, rules(), assumptions());
    Plan plan;
    plan.retirements.push_back({0, 0, 0, 2});
    plan.purchases.push_back({1, 0, 0, 3});
    plan.training = m.zeroGrid();
    plan.inference.assign(0, plan.training);
    const auto fabrics = fabricsOf(m, plan);
    ASSERT_EQ(fabrics.size(), 1u);
    EXPECT_EQ(fabrics[0].accelerators, (std::vector<double>{16.0, 24.0}));
    EXPECT_DOUBLE_EQ(fabrics[0].capexUsd[0], 0.0);
    EXPECT_DOUBLE_EQ(fabrics[0].capexUsd[1], 8 * m.fabrics.front().twoTier.usdPerAccelerator);
}

TEST(PlanFabric, BeyondTwoTiersTheWholeFabricIsPricedAsThree)
{
    // 300 DGX H100 installed = 2,400 accelerators > 2,048: three tiers, the base's fabric rebuilt as
    // three tiers in the first quarter at the difference in price. The MILP's band binary agrees with
    // the evaluator's fabric: its objective is the evaluated cost.
    const Fleet fleet = withQm9700Only();
    const PlanModel m = buildPlanModel(oneSite(10.0, 300), fleet, rules(), assumptions());
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const Evaluation e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty());
    const auto fabrics = fabricsOf(m, plan);
    ASSERT_EQ(fabrics.size(), 1u);
    EXPECT_EQ(fabrics[0].tiers, 3);
    const auto& f = m.fabrics.front();
    EXPECT_NEAR(e.fabricNpvUsd, 2400 * (f.threeTier.usdPerAccelerator - f.twoTier.usdPerAccelerator), 1e-6);
    EXPECT_NEAR(plan.objectiveUsd, e.costUsd, 1e-6 * std::abs(e.costUsd));
    // 200 installed (1,600 accelerators) stay on two tiers and pay nothing for their fabric.
    const PlanModel small = buildPlanModel(oneSite(10.0, 200), fleet, rules(), assumptions());
    const Plan smallPlan = optimize(small, exactly());
    EXPECT_EQ(fabricsOf(small, smallPlan).at(0).tiers, 2);
    EXPECT_NEAR(evaluate(small, smallPlan).fabricNpvUsd, 0.0, 1e-9);
}

TEST(PlanFabric, TheUsSampleFabricIsAFifthOfSystemsCapexOrLess)
{
    // Switches, optics and cables are typically 10–20 % of cluster capex (issue 15); at catalog
    // prices the plan's fabric is between 5 % and 20 % of what its systems cost.
    const Scenario& s = sample().scenarios.front();
    const PlanModel m = model(s, sample().company);
    const Plan plan = optimize(m);
    const Evaluation e = evaluate(m, plan);
    ASSERT_TRUE(e.violations.empty()) << e.violations.front();
    ASSERT_GT(e.capexNpvUsd, 0.0);
    EXPECT_GE(e.fabricNpvUsd, 0.05 * e.capexNpvUsd) << e.fabricNpvUsd << " of " << e.capexNpvUsd;
    EXPECT_LE(e.fabricNpvUsd, 0.20 * e.capexNpvUsd) << e.fabricNpvUsd << " of " << e.capexNpvUsd;
}

} // namespace
} // namespace fw::core::plan
