// SPDX-License-Identifier: Apache-2.0
// The fans of a risk run: weighted percentiles per quarter, checked by hand on three futures, and
// on the sample's futures against the outcomes they come from.
#include "core/plan/fan.h"

#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/plan/stochastic.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

/// Two quarters, one inference class ("chat"), one site ("Ashburn"): three measures.
PlanModel twoQuarters()
{
    PlanModel m;
    m.scenario.quarters = 2;
    m.scenario.inferenceClasses.push_back({});
    m.scenario.inferenceClasses.back().name = "chat";
    m.scenario.sites.push_back({});
    m.scenario.sites.back().name = "Ashburn";
    return m;
}

std::vector<Trajectory> future(std::vector<double> training, std::vector<double> demand, double power)
{
    return {{std::move(training), std::move(demand)}, {{1.0, 2.0}, {1.0, 2.0}}, {{power, power}, {50.0, 50.0}}};
}

TEST(Fan, WeightedPercentilesOfThreeFuturesByHand)
{
    // Probabilities 0.25, 0.15, 0.10 (half the mass: the futures with a plan, renormalised to
    // 0.5, 0.3, 0.2).
    const auto a = future({10.0, 40.0}, {15.0, 15.0}, 30.0);
    const auto b = future({30.0, 20.0}, {15.0, 25.0}, 10.0);
    const auto c = future({20.0, 60.0}, {15.0, 35.0}, 20.0);
    const auto fans = fansOf(twoQuarters(), {&a, &b, &c}, {0.25, 0.15, 0.10});
    ASSERT_EQ(fans.size(), 3u);
    EXPECT_EQ(fans[0].measure, FanMeasure::Training);
    EXPECT_EQ(fans[0].unit, "PFLOP/s");
    EXPECT_EQ(fans[1].measure, FanMeasure::Inference);
    EXPECT_EQ(fans[1].name, "chat");
    EXPECT_EQ(fans[2].measure, FanMeasure::Power);
    EXPECT_EQ(fans[2].name, "Ashburn");
    EXPECT_EQ(fans[2].unit, "MW");
    const auto& training = fans[0].value;
    // Quarter 1: 10 (0.5), 20 (0.2), 30 (0.3) — cumulative 0.5, 0.7, 1.0.
    EXPECT_EQ(training.p5[0], 10.0);
    EXPECT_EQ(training.p25[0], 10.0);
    EXPECT_EQ(training.p50[0], 10.0); // 0.5 reaches 0.5
    EXPECT_EQ(training.p75[0], 30.0); // 0.7 falls short of 0.75
    EXPECT_EQ(training.p95[0], 30.0);
    // Quarter 2: 20 (0.3), 40 (0.5), 60 (0.2) — cumulative 0.3, 0.8, 1.0.
    EXPECT_EQ(training.p5[1], 20.0);
    EXPECT_EQ(training.p25[1], 20.0);
    EXPECT_EQ(training.p50[1], 40.0);
    EXPECT_EQ(training.p75[1], 40.0);
    EXPECT_EQ(training.p95[1], 60.0);
    // Demand: the same in every future in quarter 1; 15 (0.5), 25 (0.3), 35 (0.2) in quarter 2.
    const auto& demand = fans[0].bound;
    EXPECT_EQ(demand.p5[0], 15.0);
    EXPECT_EQ(demand.p95[0], 15.0);
    EXPECT_EQ(demand.p50[1], 15.0);
    EXPECT_EQ(demand.p75[1], 25.0);
    EXPECT_EQ(demand.p95[1], 35.0);
    // Power: 10 (0.3), 20 (0.2), 30 (0.5) — cumulative 0.3, 0.5, 1.0.
    EXPECT_EQ(fans[2].value.p25[0], 10.0);
    EXPECT_EQ(fans[2].value.p50[0], 20.0);
    EXPECT_EQ(fans[2].value.p75[0], 30.0);
    EXPECT_EQ(fans[2].bound.p5[1], 50.0);
}

TEST(Fan, EveryFutureNeedsEveryMeasureForEveryQuarter)
{
    const auto a = future({1.0, 2.0}, {1.0, 2.0}, 1.0);
    auto shortOne = a;
    shortOne[0].value.pop_back();
    EXPECT_THROW(fansOf(twoQuarters(), {&a, &shortOne}, {0.5, 0.5}), std::invalid_argument);
    EXPECT_THROW(fansOf(twoQuarters(), {&a}, {0.5, 0.5}), std::invalid_argument);
    EXPECT_TRUE(fansOf(twoQuarters(), {}, {}).empty());
}

TEST(Fan, TheSampleRisksFansLieWithinItsFutures)
{
    const PlanModel base = model(sample().scenarios.front());
    const Plan plan = optimize(base);
    FutureOptions options;
    options.futures = 8;
    const RiskReport risk = assessRisk(base, plan, options, 0.9);
    ASSERT_EQ(risk.fans.size(), 1 + base.scenario.inferenceClasses.size() + base.scenario.sites.size());
    for (std::size_t m = 0; m < risk.fans.size(); ++m) {
        const auto& fan = risk.fans[m];
        ASSERT_EQ(fan.value.p50.size(), static_cast<std::size_t>(base.quarters()));
        for (std::size_t t = 0; t < fan.value.p50.size(); ++t) {
            std::vector<double> values;
            for (const auto& o : risk.futures) {
                if (o.status != PlanStatus::Infeasible) {
                    values.push_back(o.trajectories[m].value[t]);
                }
            }
            const auto [least, most] = std::minmax_element(values.begin(), values.end());
            EXPECT_LE(*least, fan.value.p5[t]);
            EXPECT_LE(fan.value.p5[t], fan.value.p25[t]);
            EXPECT_LE(fan.value.p25[t], fan.value.p50[t]);
            EXPECT_LE(fan.value.p50[t], fan.value.p75[t]);
            EXPECT_LE(fan.value.p75[t], fan.value.p95[t]);
            EXPECT_LE(fan.value.p95[t], *most);
            // A percentile is one future's figure, not an interpolation.
            EXPECT_NE(std::find(values.begin(), values.end(), fan.value.p50[t]), values.end());
            EXPECT_LE(fan.bound.p5[t], fan.bound.p95[t]);
        }
    }
    // Power drawn stays within what the site has, in every future, so at every percentile.
    for (const auto& fan : risk.fans) {
        if (fan.measure == FanMeasure::Power) {
            for (std::size_t t = 0; t < fan.value.p95.size(); ++t) {
                EXPECT_LE(fan.value.p95[t], fan.bound.p95[t] * (1 + 1e-6)) << fan.name << " quarter " << t;
            }
        }
    }
}

} // namespace
} // namespace fw::core::plan
