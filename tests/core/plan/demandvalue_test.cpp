// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

/// One quarter at one US site with power to spare, no discounting, DGX H100s on offer and only
/// forecast training demand: `pflops` sustained, priced at `usdPerPflopHour` if left unserved.
Scenario forecastOnly(double pflops, double usdPerPflopHour)
{
    Scenario s;
    s.name = "forecast";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = 1;
    s.discountRatePerYear = 0.0;
    s.lifeYears = 5.0;
    s.sites = {Site{"Reno", "US", 1.2, 0.07, {5.0}, true, {}}};
    QuarterDemand d;
    d.forecastTrainingPflops = pflops;
    s.demand = {d};
    s.trainingUnservedUsdPerPflopHour = usdPerPflopHour;
    s.market = {Offer{"DGX H100", {}, {10}, 0}};
    return s;
}

TEST(DemandValue, ForecastPricedBelowItsCostIsLeftUnservedAndTheBreakEvenIsWorkedByHand)
{
    const PlanModel probe = model(forecastOnly(1.0, 1.0));
    const SystemFigures& h100 = probe.systems.front();
    ASSERT_GT(h100.trainingPflops, 0.0);
    ASSERT_DOUBLE_EQ(probe.utilization, 0.8);
    ASSERT_DOUBLE_EQ(probe.maintenanceSharePerYear, 0.05);
    // By hand, one DGX H100 serving for the one quarter (discount rate 0, so every factor is 1):
    //   capex less residual: price × (1 − residual share) = price × (1 − e^(−λ / 4)), λ of the H100 SXM's
    //                        used prices (it keeps 92.4 % a year)
    //   maintenance:         price × 0.05 a year / 4
    //   energy:              IT kW (its share of the fabric's power included) × PUE 1.2 × utilization 0.8
    //                        × 2,190 h × 0.07 USD/kWh
    //   fabric:              8 accelerators × the two-tier fabric's USD per accelerator (no residual value)
    const double price = h100.priceUsd;
    const double fabric =
        8 * probe.fabrics.at(static_cast<std::size_t>(probe.fabricOf.front())).twoTier.usdPerAccelerator;
    ASSERT_GT(fabric, 0.0);
    ASSERT_NEAR(std::exp(-h100.residualLossPerYear), 0.924, 0.0005);
    const double unitCost = price * (1.0 - std::exp(-h100.residualLossPerYear / 4.0)) + price * 0.05 / 4.0 +
                            h100.itKw * 1.2 * 0.8 * 2190.0 * 0.07 + fabric;
    // Forecast demand of exactly two units' sustained PFLOP/s: serving it costs 2 × unitCost; leaving
    // it costs 2 × PFLOP/s per unit × 2,190 h × the price per PFLOP-hour. Break-even:
    const double breakEven = unitCost / (h100.trainingPflops * 2190.0); // USD per PFLOP-hour
    const double forecast = 2.0 * h100.trainingPflops;

    const PlanModel cheap = model(forecastOnly(forecast, 0.9 * breakEven));
    const Plan left = optimize(cheap, exactly());
    ASSERT_EQ(left.status, PlanStatus::Optimal);
    EXPECT_TRUE(left.purchases.empty()) << "bought " << left.purchases.front().count;
    const Evaluation leftCheck = evaluate(cheap, left);
    EXPECT_TRUE(leftCheck.violations.empty());
    EXPECT_NEAR(leftCheck.quarters.front().trainingUnservedPflops, forecast, 1e-9);
    EXPECT_NEAR(leftCheck.unservedNpvUsd, 0.9 * 2.0 * unitCost, 1e-6 * unitCost);
    EXPECT_NEAR(left.objectiveUsd, leftCheck.costUsd, 1e-6 * unitCost);

    const PlanModel dear = model(forecastOnly(forecast, 1.1 * breakEven));
    const Plan served = optimize(dear, exactly());
    ASSERT_EQ(served.status, PlanStatus::Optimal);
    ASSERT_EQ(served.purchases.size(), 1u);
    EXPECT_EQ(served.purchases.front().count, 2);
    const Evaluation servedCheck = evaluate(dear, served);
    EXPECT_TRUE(servedCheck.violations.empty());
    EXPECT_NEAR(servedCheck.quarters.front().trainingUnservedPflops, 0.0, 1e-9);
    EXPECT_NEAR(servedCheck.costUsd, 2.0 * unitCost, 1e-6 * unitCost);
}

TEST(DemandValue, ForecastDemandHasAPlanWhereNothingCanBeBought)
{
    // No power at all: contracted demand would be infeasible; forecast demand is left unserved.
    Scenario s = forecastOnly(100.0, 2.0);
    s.sites.front().powerMw = {0.0};
    QuarterDemand d;
    d.forecastTrainingPflops = 100.0;
    s.demand = {d};
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const Evaluation e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty());
    EXPECT_NEAR(e.unservedNpvUsd, 100.0 * 2.0 * 2190.0, 1e-6); // PFLOP/s × USD per PFLOP-hour × hours
    // The same demand contracted has no plan.
    s.demand.front().trainingPflops = 100.0;
    s.demand.front().forecastTrainingPflops = 0.0;
    EXPECT_EQ(optimize(model(s), exactly()).status, PlanStatus::Infeasible);
}

TEST(DemandValue, ContractedDemandShortOfItsCapacityIsStillAViolation)
{
    Scenario s = forecastOnly(10.0, 1.0);
    s.demand.front().trainingPflops = 5.0;
    const PlanModel m = model(s);
    Plan nothing;
    nothing.training = m.zeroGrid();
    const Evaluation e = evaluate(m, nothing);
    ASSERT_EQ(e.violations.size(), 1u);
    EXPECT_NE(e.violations.front().find("contracted demand 5"), std::string::npos) << e.violations.front();
    EXPECT_NEAR(e.quarters.front().trainingUnservedPflops, 10.0, 1e-9); // all of the forecast, and priced
}

TEST(DemandValue, ForecastNeedsAPriceAndRoundTripsThroughJson)
{
    const std::string base = R"({"name": "f", "first_quarter": "2027Q1", "quarters": 1,
        "sites": [{"name": "Reno", "country": "US", "power_mw": 5}],
        "inference_classes": [{"name": "chat", "model": "llama-3.1-70b", "unserved_usd_per_million_tokens": 0.4}],
        "market": [{"system": "DGX H100", "supply_per_quarter": 4}],
        "demand": [{"training_pflops": 1, "forecast_training_pflops": 2,
                    "inference_tokens_per_s": [100], "forecast_inference_tokens_per_s": [50]}])";
    try {
        (void)scenarioFromJson(base + "}", "f.json");
        ADD_FAILURE() << "forecast training demand without a price was accepted";
    } catch (const FileFormatError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "f.json: demand[0].forecast_training_pflops: forecast demand needs a price for leaving it "
                  "unserved: give training_unserved_usd_per_pflop_hour");
    }
    const Scenario s = scenarioFromJson(base + R"(, "training_unserved_usd_per_pflop_hour": 3.5})", "f.json");
    EXPECT_DOUBLE_EQ(s.demand.front().forecastTrainingPflops, 2.0);
    EXPECT_DOUBLE_EQ(s.demand.front().forecastInference(0), 50.0);
    EXPECT_DOUBLE_EQ(*s.trainingUnservedUsdPerPflopHour, 3.5);
    EXPECT_DOUBLE_EQ(*s.inferenceClasses.front().unservedUsdPerMillionTokens, 0.4);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "again.json"), s);
}

TEST(DemandValue, TheLargestJobIsPartOfTheTrainingDemandAndRoundTrips)
{
    const std::string base = R"({"name": "f", "first_quarter": "2027Q1", "quarters": 1,
        "sites": [{"name": "Reno", "country": "US", "power_mw": 5}],
        "market": [{"system": "DGX H100", "supply_per_quarter": 4}],
        "training_unserved_usd_per_pflop_hour": 3.5,
        "demand": [{"training_pflops": 1, "forecast_training_pflops": 2, "largest_training_job_pflops": )";
    try {
        (void)scenarioFromJson(base + "3.5}]}", "f.json");
        ADD_FAILURE() << "a largest job above the training demand was accepted";
    } catch (const FileFormatError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "f.json: demand[0].largest_training_job_pflops: 3.5 is above the quarter's training demand "
                  "(contracted and forecast, 3): the job is part of it");
    }
    const Scenario s = scenarioFromJson(base + "2.5}]}", "f.json");
    EXPECT_DOUBLE_EQ(s.demand.front().largestTrainingJobPflops, 2.5);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "again.json"), s);
}

} // namespace
} // namespace fw::core::plan
