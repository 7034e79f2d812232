// SPDX-License-Identifier: Apache-2.0
#include "core/plan/outcomewire.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace fw::core::plan {
namespace {

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(OutcomeWire, AnOutcomeCrossesAsCborBitForBit)
{
    FutureOutcome o;
    o.status = PlanStatus::Feasible;
    o.costUsd = 1e9 / 3.0;
    o.unservedNpvUsd = 0.1 + 0.2;
    o.unservedShare = 1.0 / 9.0;
    o.unservedDemand = "chat 70B";
    o.strandedUnits = 2.0 / 7.0;
    o.strandedPowerMw = 3.0 / 11.0;
    o.laterUnits = 12;
    o.licenceExposedUnits = 4;
    o.licenceExposure = "4 × DGX H100 at Johor in 2027Q3: licence required for MY";
    o.diagnosis = "power at Ashburn";
    o.solveSeconds = 0.123456789;
    o.trajectories = {{{1.0 / 3.0, -0.0, 5e-324}, {2.0 / 3.0, 1e308, 1.5}}, {{0.1, 0.2, 0.3}, {0.7, 0.8, 0.9}}};
    const auto bytes = nlohmann::json::to_cbor(outcomeWire(o));
    const FutureOutcome back = outcomeFromWire(nlohmann::json::from_cbor(bytes));
    EXPECT_EQ(back.status, o.status);
    EXPECT_TRUE(sameBits(back.costUsd, o.costUsd));
    EXPECT_TRUE(sameBits(back.unservedNpvUsd, o.unservedNpvUsd));
    EXPECT_TRUE(sameBits(back.unservedShare, o.unservedShare));
    EXPECT_EQ(back.unservedDemand, o.unservedDemand);
    EXPECT_TRUE(sameBits(back.strandedUnits, o.strandedUnits));
    EXPECT_TRUE(sameBits(back.strandedPowerMw, o.strandedPowerMw));
    EXPECT_EQ(back.laterUnits, o.laterUnits);
    EXPECT_EQ(back.licenceExposedUnits, o.licenceExposedUnits);
    EXPECT_EQ(back.licenceExposure, o.licenceExposure);
    EXPECT_EQ(back.diagnosis, o.diagnosis);
    EXPECT_TRUE(sameBits(back.solveSeconds, o.solveSeconds));
    ASSERT_EQ(back.trajectories.size(), o.trajectories.size());
    for (std::size_t m = 0; m < o.trajectories.size(); ++m) {
        ASSERT_EQ(back.trajectories[m].value.size(), o.trajectories[m].value.size());
        ASSERT_EQ(back.trajectories[m].bound.size(), o.trajectories[m].bound.size());
        for (std::size_t t = 0; t < o.trajectories[m].value.size(); ++t) {
            EXPECT_TRUE(sameBits(back.trajectories[m].value[t], o.trajectories[m].value[t])) << m << " " << t;
            EXPECT_TRUE(sameBits(back.trajectories[m].bound[t], o.trajectories[m].bound[t])) << m << " " << t;
        }
    }
}

TEST(OutcomeWire, AnOutcomeWithoutAPlanHasNoTrajectories)
{
    FutureOutcome o;
    o.status = PlanStatus::Infeasible;
    o.diagnosis = "no plan meets this future's hard limits";
    const FutureOutcome back = outcomeFromWire(nlohmann::json::from_cbor(nlohmann::json::to_cbor(outcomeWire(o))));
    EXPECT_EQ(back.status, PlanStatus::Infeasible);
    EXPECT_TRUE(back.trajectories.empty());
    EXPECT_EQ(back.diagnosis, o.diagnosis);
}

} // namespace
} // namespace fw::core::plan
