// SPDX-License-Identifier: Apache-2.0
#include "core/plan/riskmeasure.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace fw::core::plan {
namespace {

// Costs 10 (p 0.5), 20 (p 0.3), 40 (p 0.2), given out of order.
const std::vector<WeightedValue> sample{{40.0, 0.2}, {10.0, 0.5}, {20.0, 0.3}};

TEST(RiskMeasure, QuantileIsTheLeastValueWhoseCumulativeProbabilityReachesTheLevel)
{
    EXPECT_DOUBLE_EQ(weightedQuantile(sample, 0.05), 10.0);
    EXPECT_DOUBLE_EQ(weightedQuantile(sample, 0.5), 10.0); // 0.5 reached at 10
    EXPECT_DOUBLE_EQ(weightedQuantile(sample, 0.6), 20.0);
    EXPECT_DOUBLE_EQ(weightedQuantile(sample, 0.8), 20.0);
    EXPECT_DOUBLE_EQ(weightedQuantile(sample, 0.95), 40.0);
}

TEST(RiskMeasure, CvarIsTheMeanOfTheWorstTailWithTheAtomAtVarSplit)
{
    // alpha 0.7: VaR 20; the worst 0.3 is 0.2 at 40 and 0.1 of the 20: (8 + 2) / 0.3.
    EXPECT_NEAR(conditionalValueAtRisk(sample, 0.7), 10.0 / 0.3, 1e-12);
    // alpha 0.8: VaR 20, the tail exactly the 40.
    EXPECT_NEAR(conditionalValueAtRisk(sample, 0.8), 40.0, 1e-12);
    // alpha 0: the mean, 5 + 6 + 8.
    EXPECT_NEAR(conditionalValueAtRisk(sample, 0.0), 19.0, 1e-12);
}

TEST(RiskMeasure, MeanCvarBlendsAndProbabilitiesAreRenormalised)
{
    EXPECT_NEAR(meanCvarOf(sample, {0.7, 0.0}), 19.0, 1e-12);
    EXPECT_NEAR(meanCvarOf(sample, {0.7, 1.0}), 10.0 / 0.3, 1e-12);
    EXPECT_NEAR(meanCvarOf(sample, {0.7, 0.5}), 0.5 * 19.0 + 0.5 * 10.0 / 0.3, 1e-12);
    const std::vector<WeightedValue> doubled{{40.0, 0.4}, {10.0, 1.0}, {20.0, 0.6}};
    EXPECT_NEAR(meanCvarOf(doubled, {0.7, 0.5}), meanCvarOf(sample, {0.7, 0.5}), 1e-12);
}

TEST(RiskMeasure, EmptySampleOrBadLevelIsRefused)
{
    EXPECT_THROW(weightedQuantile({}, 0.5), ValidationError);
    EXPECT_THROW(conditionalValueAtRisk({{1.0, 0.0}}, 0.5), ValidationError);
    EXPECT_THROW(conditionalValueAtRisk(sample, 1.0), ValidationError);
}

} // namespace
} // namespace fw::core::plan
