// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <atomic>
#include <limits>

#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

TEST(PlanStatus, TheGapIsMeasuredFromTheBound)
{
    EXPECT_DOUBLE_EQ(relativeGap(100.0, 99.0), 0.01);
    EXPECT_DOUBLE_EQ(relativeGap(100.0, 101.0), 0.0); // a bound above the plan: nothing left to close
    EXPECT_DOUBLE_EQ(relativeGap(-200.0, -210.0), 0.05);
    EXPECT_DOUBLE_EQ(relativeGap(100.0, -std::numeric_limits<double>::infinity()), 1.0); // no bound
    EXPECT_DOUBLE_EQ(relativeGap(0.0, 0.0), 0.0);
}

TEST(PlanStatus, OnlyAClosedSearchIsCalledOptimal)
{
    Plan plan;
    plan.method = "cbc";
    plan.status = PlanStatus::Optimal;
    EXPECT_EQ(statusText(plan), "optimal");
    plan.status = PlanStatus::Feasible;
    plan.gap = 0.0042;
    EXPECT_EQ(statusText(plan), "within 0.42 % of the best possible");
    plan.gap = 1e-5; // not closed: never rounded down to 0 %
    EXPECT_EQ(statusText(plan), "within 0.01 % of the best possible");
    plan.status = PlanStatus::TimeLimit;
    plan.gap = 0.166;
    EXPECT_EQ(statusText(plan), "time limit, within 16.6 % of the best possible");
    plan.gap = 1.0;
    EXPECT_EQ(statusText(plan), "time limit, no bound proven");
    plan.method = "greedy";
    plan.status = PlanStatus::Feasible;
    EXPECT_EQ(statusText(plan), "greedy baseline, no bound");
    plan.status = PlanStatus::Infeasible;
    EXPECT_EQ(statusText(plan), "no plan");
}

TEST(PlanStatus, ASearchStoppedAtItsAllowedGapIsNotOptimal)
{
    // CBC's isProvenOptimal() is true when it stops within its allowable gap; with 30 % allowed on
    // the US sample it stops at the greedy start or soon after, well above 1e-6.
    const PlanModel m = model(sample().scenarios.front(), sample().company);
    OptimizerOptions loose;
    loose.relativeGap = 0.3;
    const Plan plan = optimize(m, loose);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    if (plan.status == PlanStatus::Optimal) {
        EXPECT_LE(plan.gap, provenOptimalGap);
    } else {
        EXPECT_EQ(plan.status, PlanStatus::Feasible);
        EXPECT_GT(plan.gap, provenOptimalGap);
        EXPECT_NE(statusText(plan).find("of the best possible"), std::string::npos) << statusText(plan);
    }
    // Solved to a zero gap, the tiny scenario is optimal and says so.
    OptimizerOptions exact;
    exact.relativeGap = 0.0;
    const Plan closed = optimize(model(tiny()), exact);
    EXPECT_EQ(closed.status, PlanStatus::Optimal);
    EXPECT_LE(closed.gap, provenOptimalGap);
    EXPECT_EQ(statusText(closed), "optimal");
}

TEST(PlanStatus, AVariantStartsFromTheBasePlan)
{
    // Stopped before its search, a variant hands back the plan it started from: the base plan, not
    // the greedy one, and valid in the variant (electricity 20 % dearer changes no limit).
    const Scenario base = sample().scenarios.front();
    const PlanModel m = model(base, sample().company);
    const Plan planned = optimize(m);
    ASSERT_TRUE(evaluate(m, planned).violations.empty());
    Scenario dearer = base;
    for (auto& site : dearer.sites) {
        site.electricityUsdPerKwh *= 1.2;
    }
    const PlanModel variant = model(dearer, sample().company);
    const std::atomic<bool> cancel{true};
    OptimizerOptions options;
    options.cancel = &cancel;
    options.start = &planned;
    const Plan started = optimize(variant, options);
    EXPECT_EQ(started.method, "given start (CBC stopped before it improved on it)");
    EXPECT_EQ(started.purchases.size(), planned.purchases.size());
    EXPECT_TRUE(evaluate(variant, started).violations.empty());
    // A start of another shape (a scenario with one site fewer) is ignored: greedy starts instead.
    Scenario smaller = base;
    smaller.sites.pop_back();
    const Plan other = optimize(model(smaller, sample().company), options);
    EXPECT_EQ(other.method, "greedy start (CBC stopped before it improved on it)");
}

} // namespace
} // namespace fw::core::plan
