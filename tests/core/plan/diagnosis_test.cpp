// SPDX-License-Identifier: Apache-2.0
// Why a scenario has no plan: the cause (one family of limits that, relaxed alone, gives a plan)
// and the smallest change of the scenario that relaxes it, planned again.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/plan/diagnosis.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/workload/assumptions.h"

namespace fw::core::plan {

// From optimizer_test.cpp (the same test executable).
const Fleet& sample();
const compliance::RuleLibrary& rules();
const workload::ModelAssumptions& assumptions();
Scenario tiny();

namespace {

PlanModel modelOf(const Scenario& s)
{
    Fleet fleet = sample();
    fleet.company = {"Acme", "US", "US"};
    return buildPlanModel(s, fleet, rules(), assumptions());
}

Plan nothingBought(const PlanModel& m)
{
    Plan plan;
    plan.training = m.zeroGrid();
    plan.inference.assign(static_cast<std::size_t>(m.inferenceClasses()), plan.training);
    return plan;
}

} // namespace

TEST(Diagnosis, AVendorCapBelowTheInstalledFleetIsTheCause)
{
    // The sample neocloud owns 120 DGX A100 and 200 DGX H100: 100 % NVIDIA. With at most 60 % of the
    // dense peak per vendor from the first quarter, 2027Q1 cannot hold: the only other vendor on
    // offer (MI300X) has a lead time of one quarter, so nothing dilutes NVIDIA before 2027Q2.
    // Retiring every NVIDIA system would leave no compute for the 2027Q1 demand.
    // Without its cloud offers: rented capacity does not count in vendor shares, so renting could
    // stand in for retired NVIDIA systems.
    Scenario s = sample().scenarios.front();
    s.policy.maxVendorShare = 0.6;
    s.cloudOffers.clear();
    const Plan none = optimize(modelOf(s));
    ASSERT_EQ(none.status, PlanStatus::Infeasible);
    ASSERT_FALSE(none.causes.empty());
    const Cause& lead = none.causes.front();
    EXPECT_EQ(lead.limit, Limit::VendorShare);
    EXPECT_NE(lead.cause.find("2027Q1"), std::string::npos) << lead.cause;
    EXPECT_NE(lead.cause.find("the installed fleet is 100 % NVIDIA"), std::string::npos) << lead.cause;
    EXPECT_NE(lead.cause.find("nothing from another vendor arrives before 2027Q2"), std::string::npos) << lead.cause;
    EXPECT_EQ(lead.change, "Raise the largest vendor share from 60 % to 100 %.");
    EXPECT_TRUE(lead.checked); // planned again with the change: it has a plan
    ASSERT_TRUE(lead.changed);
    EXPECT_DOUBLE_EQ(lead.changed->policy.maxVendorShare, 1.0);
    // Cutting demand alone does not help: the installed fleet breaks the cap with any demand.
    for (const auto& cause : none.causes) {
        EXPECT_NE(cause.limit, Limit::TrainingDemand) << cause.cause;
        EXPECT_NE(cause.limit, Limit::InferenceDemand) << cause.cause;
    }
}

TEST(Diagnosis, APowerShortfallNamesTheSiteTheQuarterAndThePower)
{
    // tiny(): Reno has 0.25 MW for 6 then 14 PFLOP/s of training. With 0.05 MW the first quarter
    // still fits (a DGX H100 takes about 12 kW of facility power and gives 2.8 PFLOP/s: three fit and
    // give 8.5), the second does not (five are needed). More power at Reno in 2027Q2, or less training
    // then, gives a plan; both say by how much, and the lead one is planned again.
    Scenario s = tiny();
    s.sites[0].powerMw = {0.05};
    const PlanModel m = modelOf(s);
    const Plan none = optimize(m);
    ASSERT_EQ(none.status, PlanStatus::Infeasible);
    ASSERT_FALSE(none.causes.empty());
    EXPECT_TRUE(none.causes.front().checked);
    const auto power = std::find_if(none.causes.begin(), none.causes.end(),
                                    [](const Cause& c) { return c.limit == Limit::SitePower; });
    ASSERT_NE(power, none.causes.end());
    EXPECT_NE(power->cause.find("“Reno” lacks up to"), std::string::npos) << power->cause;
    EXPECT_NE(power->cause.find("kW of power in 2027Q2 (50 kW available in 2027Q2)"), std::string::npos)
        << power->cause;
    EXPECT_EQ(power->change.rfind("Add ", 0), 0U) << power->change;
    EXPECT_NE(power->change.find("kW at “Reno” in 2027Q2."), std::string::npos) << power->change;
    ASSERT_TRUE(power->changed);
    const auto& ramp = power->changed->sites[0].powerMw;
    ASSERT_EQ(ramp.size(), 2U);
    EXPECT_DOUBLE_EQ(ramp[0], 0.05); // the first quarter keeps its power
    EXPECT_GT(ramp[1], 0.05);
    EXPECT_LT(ramp[1], 0.1); // less than a second 50 kW: the smallest change, not a generous one
    const auto demand = std::find_if(none.causes.begin(), none.causes.end(),
                                     [](const Cause& c) { return c.limit == Limit::TrainingDemand; });
    ASSERT_NE(demand, none.causes.end());
    EXPECT_NE(demand->change.find("PFLOP/s in 2027Q2."), std::string::npos) << demand->change;
    // Each change, made, gives a plan that the evaluator finds valid.
    for (const auto* cause : {&*power, &*demand}) {
        PlanModel changed = m;
        changed.scenario = *cause->changed;
        const Plan again = optimize(changed);
        ASSERT_NE(again.status, PlanStatus::Infeasible) << cause->change;
        EXPECT_TRUE(evaluate(changed, again).violations.empty()) << cause->change;
    }
}

TEST(Diagnosis, ABudgetChangeIsRoundedUpToTwoSignificantDigits)
{
    // By hand: 1,234,567 USD short of a 1,000,000 USD quarterly budget asks for 1,300,000 USD more
    // (two significant digits, rounded up): 2,300,000 USD, a change of 130 %.
    Scenario s = tiny();
    s.policy.budgetUsdPerQuarter = 1'000'000.0;
    const PlanModel m = modelOf(s);
    const auto cause =
        explainLimit(m, Limit::QuarterBudget, {{Limit::QuarterBudget, -1, 1, -1, {}, 1'234'567.0}}, nothingBought(m));
    ASSERT_TRUE(cause);
    EXPECT_EQ(cause->change, "Raise the budget per quarter from 1,000,000 to 2,300,000 USD.");
    EXPECT_NE(cause->cause.find("in 2027Q2"), std::string::npos) << cause->cause;
    EXPECT_DOUBLE_EQ(cause->relativeChange, 1.3);
    EXPECT_DOUBLE_EQ(*cause->changed->policy.budgetUsdPerQuarter, 2'300'000.0);
}

TEST(Diagnosis, ADemandShortfallLowersTheDemandByWhatIsShortLessTheHeadroom)
{
    // tiny() with 10 % headroom: short by 2.2 PFLOP/s (with headroom) in 2027Q2 means the fleet
    // serves 14 × 1.1 − 2.2 = 13.2 PFLOP/s with headroom, so demand may be 13.2 / 1.1 = 12 PFLOP/s:
    // a cut of 2 of 14, 14.3 %.
    Scenario s = tiny();
    s.policy.headroom = 0.1;
    const PlanModel m = modelOf(s);
    const auto cause =
        explainLimit(m, Limit::TrainingDemand, {{Limit::TrainingDemand, -1, 1, -1, {}, 2.2}}, nothingBought(m));
    ASSERT_TRUE(cause);
    EXPECT_EQ(cause->change, "Lower the training demand to 12 PFLOP/s in 2027Q2.");
    EXPECT_NEAR(cause->relativeChange, 2.0 / 14.0, 1e-9);
    ASSERT_EQ(cause->changed->demand.size(), 2U);
    EXPECT_DOUBLE_EQ(cause->changed->demand[0].trainingPflops, 6.0); // the first quarter keeps its demand
    EXPECT_NEAR(cause->changed->demand[1].trainingPflops, 12.0, 1e-9);
    EXPECT_NE(cause->cause.find("plus the 10 % headroom"), std::string::npos) << cause->cause;
}

TEST(Diagnosis, ANamedRunTooBigForAnySiteShrinks)
{
    // One run of 4,096 accelerators in a scenario whose one site holds far fewer: the cause names the
    // runs, the change shrinks this run by what is short, and the changed run fits.
    Scenario s = tiny();
    s.trainingRuns = {TrainingRun{"big", Quarter::parse("2027Q1"), 4096, 8.0}};
    const Plan none = optimize(modelOf(s));
    ASSERT_EQ(none.status, PlanStatus::Infeasible);
    const auto run = std::find_if(none.causes.begin(), none.causes.end(),
                                  [](const Cause& c) { return c.limit == Limit::NamedRuns; });
    ASSERT_NE(run, none.causes.end());
    EXPECT_NE(run->cause.find("named training runs need up to"), std::string::npos) << run->cause;
    EXPECT_NE(run->change.find("Shrink the run “big” from 4,096 to"), std::string::npos) << run->change;
    ASSERT_TRUE(run->changed);
    EXPECT_LT(run->changed->trainingRuns[0].accelerators, 4096);
}

TEST(Diagnosis, NoCausesWithoutBrokenLimits)
{
    const PlanModel m = modelOf(tiny());
    EXPECT_FALSE(explainLimit(m, Limit::SitePower, {}, nothingBought(m)));
    EXPECT_EQ(limitName(Limit::VendorShare), "largest vendor share");
}

} // namespace fw::core::plan
