// SPDX-License-Identifier: Apache-2.0
// Rented capacity under the policy's vendor shares and budgets, worked by hand. Every case: one US
// site "Reno" without power (nothing can be owned), no discounting, and cloud offers renting H100
// (DGX H100, NVIDIA) and MI300X (MI300X 8-GPU server, AMD) on demand in blocks of 8.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

Scenario unpowered(int quarters)
{
    Scenario s;
    s.name = "rent under policy";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = quarters;
    s.discountRatePerYear = 0.0;
    s.sites = {Site{"Reno", "US", 1.25, 0.10, {0.0}, true, {}}};
    s.market = {Offer{"DGX H100", {}, {16}, 0}};
    return s;
}

/// Training demand of 8 accelerators' worth of the weaker of H100 and MI300X, every quarter: one
/// block of either offer meets it alone.
void demandEightAccelerators(Scenario& s)
{
    const PlanModel probe = model(s);
    const double perAccelerator = std::min(probe.rented[0].trainingPflops, probe.rented[1].trainingPflops);
    ASSERT_GT(perAccelerator, 0.0);
    s.demand = {QuarterDemand{8 * perAccelerator * (1 - 1e-9), {}}};
}

bool mentions(const Evaluation& e, const std::string& text)
{
    return std::any_of(e.violations.begin(), e.violations.end(),
                       [&](const std::string& v) { return v.find(text) != std::string::npos; });
}

TEST(RentalPolicy, AVendorShareLimitMakesThePlanRentASecondVendor)
{
    // Dense BF16 peak per accelerator (catalog): H100 SXM 989.4 TFLOP/s, MI300X 1,307.4 TFLOP/s.
    // Without a limit one H100 block at 2.50 USD/h is cheapest: 8 × 2,190 h × 2.50 = 43,800 USD.
    Scenario s = unpowered(1);
    s.cloudOffers = {onDemand("Example Neocloud", "DGX H100", 2.50),
                     onDemand("Example AMD Cloud", "MI300X 8-GPU server", 3.00)};
    demandEightAccelerators(s);
    const PlanModel free = model(s);
    ASSERT_EQ(free.rented[0].vendor, "NVIDIA");
    ASSERT_EQ(free.rented[1].vendor, "AMD");
    ASSERT_NEAR(free.rented[0].peakPflops, 0.9894, 1e-9);
    ASSERT_NEAR(free.rented[1].peakPflops, 1.3074, 1e-9);
    const Plan cheapest = optimize(free, exactly());
    ASSERT_EQ(cheapest.status, PlanStatus::Optimal);
    ASSERT_EQ(cheapest.rentals.size(), 1U);
    EXPECT_EQ(cheapest.rentals[0].cloudOffer, 0);
    EXPECT_EQ(cheapest.rentals[0].blocks, 1);
    EXPECT_NEAR(evaluate(free, cheapest).rentalNpvUsd, 43'800.0, 1e-6);

    // At most 60 % of the peak per vendor, rented accelerators counted under their vendor: one vendor
    // alone holds 100 %. One block each: NVIDIA 7.9152 / (7.9152 + 10.4592) = 43.1 %, AMD 56.9 %.
    // Two H100 blocks and one MI300X: NVIDIA 15.8304 / 26.2896 = 60.2 %, over; one H100 and two
    // MI300X: AMD 20.9184 / 28.8336 = 72.5 %, over. Cheapest within it: one block each,
    // 8 × 2,190 × (2.50 + 3.00) = 96,360 USD.
    s.policy.maxVendorShare = 0.6;
    const PlanModel limited = model(s);
    const Plan mixed = optimize(limited, exactly());
    ASSERT_EQ(mixed.status, PlanStatus::Optimal);
    const Evaluation check = evaluate(limited, mixed);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
    ASSERT_EQ(mixed.rentals.size(), 2U);
    for (const auto& r : mixed.rentals) {
        EXPECT_EQ(r.blocks, 1);
    }
    EXPECT_NEAR(check.rentalNpvUsd, 96'360.0, 1e-6);
    EXPECT_NEAR(mixed.objectiveUsd, 96'360.0, 1e-3);
    const auto& shares = check.quarters[0].vendorShares;
    ASSERT_EQ(shares.size(), 2U); // AMD, NVIDIA
    EXPECT_NEAR(shares[0].second, 10.4592 / (7.9152 + 10.4592), 1e-9);
    EXPECT_NEAR(shares[1].second, 7.9152 / (7.9152 + 10.4592), 1e-9);

    // The cheapest plan re-checked under the limit: NVIDIA holds all of the peak.
    EXPECT_TRUE(mentions(evaluate(limited, cheapest), "vendor NVIDIA has 1 of the peak compute, above 0.6"))
        << evaluate(limited, cheapest).violations.front();
    // The greedy baseline rents nothing that would break the share (here: nothing, as any first
    // block is one vendor's whole peak), leaving the demand short rather than the policy broken.
    const Evaluation greedy = evaluate(limited, greedyPlan(limited));
    EXPECT_FALSE(mentions(greedy, "of the peak compute"));
}

TEST(RentalPolicy, AtLeastTwoVendorsCountsRentedAccelerators)
{
    // Two vendors each with at least 40 %: one block each holds 43.1 % and 56.9 % (above): 96,360 USD.
    Scenario s = unpowered(1);
    s.cloudOffers = {onDemand("Example Neocloud", "DGX H100", 2.50),
                     onDemand("Example AMD Cloud", "MI300X 8-GPU server", 3.00)};
    demandEightAccelerators(s);
    s.policy.minVendors = 2;
    s.policy.minVendorShare = 0.4;
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const Evaluation check = evaluate(m, plan);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
    EXPECT_NEAR(check.rentalNpvUsd, 96'360.0, 1e-6);
    // One H100 block alone: one vendor holds at least 40 %.
    Plan one = plan;
    one.rentals = {Rental{0, 0, 1}};
    one.rentedTraining = {{8.0}, {0.0}};
    EXPECT_TRUE(mentions(evaluate(m, one), "1 vendors hold at least 0.4 of the peak compute, below 2"));
}

TEST(RentalPolicy, AQuarterlyBudgetBindsOnAPrepaidContract)
{
    // Two quarters of 8 accelerators' worth of training. A reserved H100 contract for both quarters,
    // prepaid, at 2.00 USD/h: 8 × 2 × 2,190 × 2.00 = 70,080 USD, all paid in 2027Q1; on demand at
    // 2.50: 8 × 2,190 × 2.50 = 43,800 USD in each quarter, 87,600 USD. Without a budget the prepaid
    // contract is cheaper.
    Scenario s = unpowered(2);
    CloudOffer prepaid = onDemand("Example Neocloud", "DGX H100", 2.00);
    prepaid.reserved = true;
    prepaid.termQuarters = 2;
    prepaid.prepaid = true;
    s.cloudOffers = {prepaid, onDemand("Example Neocloud", "DGX H100", 2.50)};
    const PlanModel probe = model(s);
    s.demand = {QuarterDemand{8 * probe.rented[0].trainingPflops * (1 - 1e-9), {}}};
    const PlanModel free = model(s);
    const Plan cheapest = optimize(free, exactly());
    ASSERT_EQ(cheapest.status, PlanStatus::Optimal);
    ASSERT_EQ(cheapest.rentals.size(), 1U);
    EXPECT_EQ(cheapest.rentals[0].cloudOffer, 0);
    const Evaluation paid = evaluate(free, cheapest);
    EXPECT_NEAR(paid.rentalNpvUsd, 70'080.0, 1e-6);
    EXPECT_NEAR(paid.quarters[0].rentalUsd, 70'080.0, 1e-6);
    EXPECT_NEAR(paid.quarters[1].rentalUsd, 0.0, 1e-9);

    // 60,000 USD a quarter: the prepaid 70,080 does not fit 2027Q1; on demand pays 43,800 in each.
    s.policy.budgetUsdPerQuarter = 60'000.0;
    const PlanModel budgeted = model(s);
    const Plan plan = optimize(budgeted, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const Evaluation check = evaluate(budgeted, plan);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
    ASSERT_EQ(plan.rentals.size(), 2U);
    for (const auto& r : plan.rentals) {
        EXPECT_EQ(r.cloudOffer, 1);
    }
    EXPECT_NEAR(check.rentalNpvUsd, 87'600.0, 1e-6);
    EXPECT_NEAR(check.quarters[0].rentalUsd, 43'800.0, 1e-6);
    EXPECT_NEAR(check.quarters[1].rentalUsd, 43'800.0, 1e-6);
    // The prepaid plan re-checked under the budget breaks it in 2027Q1.
    EXPECT_TRUE(mentions(evaluate(budgeted, cheapest),
                         "2027Q1: spend 70080 USD (capex 0, rent 70080) above the quarterly budget 60000"))
        << evaluate(budgeted, cheapest).violations.front();
    // A total budget of 80,000 USD: on demand's 87,600 does not fit it.
    s.policy.budgetUsdPerQuarter.reset();
    s.policy.budgetUsdTotal = 80'000.0;
    EXPECT_TRUE(
        mentions(evaluate(model(s), plan), "spend 87600 USD (capex 0, rent 87600) above the total budget 80000"));
    // The greedy baseline stays within the quarterly budget: the prepaid contract does not fit it.
    s.policy.budgetUsdTotal.reset();
    s.policy.budgetUsdPerQuarter = 60'000.0;
    s.cloudOffers.pop_back(); // only the prepaid contract left
    const PlanModel onlyPrepaid = model(s);
    const Plan greedy = greedyPlan(onlyPrepaid);
    EXPECT_TRUE(greedy.rentals.empty());
    EXPECT_FALSE(mentions(evaluate(onlyPrepaid, greedy), "budget"));
}

} // namespace
} // namespace fw::core::plan
