// SPDX-License-Identifier: Apache-2.0
// The risk section from figures worked by hand: four futures of known cost and probability.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "core/report/figuretext.h"
#include "core/report/riskfans.h"
#include "core/report/risksection.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::report {
namespace {

plan::FutureOutcome future(const std::string& name, double probability, double costUsd)
{
    plan::FutureOutcome o;
    o.name = name;
    o.probability = probability;
    o.status = plan::PlanStatus::Optimal;
    o.costUsd = costUsd;
    return o;
}

/// Costs 100, 110, 150 and 300 million USD with probabilities 0.4, 0.3, 0.2, 0.1.
/// Expected: 0.4 × 100 + 0.3 × 110 + 0.2 × 150 + 0.1 × 300 = 40 + 33 + 30 + 30 = 133 million.
/// CVaR 90 %: VaR = 150 (cumulative 0.9 reached there); tail E[(cost − 150)+] = 0.1 × 150 = 15;
/// CVaR = 150 + 15 ÷ 0.1 = 300 million.
plan::RiskReport handWorked()
{
    plan::RiskReport r;
    r.futures = {future("no event", 0.4, 100e6), future("price cut", 0.3, 110e6), future("shock", 0.2, 150e6),
                 future("price cut + shock", 0.1, 300e6)};
    r.alpha = 0.9;
    r.expectedCostUsd = 133e6;
    r.p5Usd = 100e6;
    r.p50Usd = 110e6;
    r.p95Usd = 300e6;
    r.cvarUsd = 300e6;
    return r;
}

TEST(RiskSection, TheHistogramPutsEachFuturesProbabilityInItsCostRange)
{
    // 100 to 300 million in 4 columns of 50 million: 100–150 holds 100 and 110 (70 %), 150–200
    // holds 150 (20 %), 200–250 nothing, 250–300 holds 300 (10 %, the last column is closed).
    const BarChart chart = riskHistogram(handWorked(), 4);
    ASSERT_EQ(chart.sets.size(), 1U);
    ASSERT_EQ(chart.categories.size(), 4U);
    EXPECT_EQ(chart.categories[0], "100.0–150.0");
    const auto& share = chart.sets[0].values;
    EXPECT_NEAR(share[0], 70.0, 1e-9);
    EXPECT_NEAR(share[1], 20.0, 1e-9);
    EXPECT_NEAR(share[2], 0.0, 1e-9);
    EXPECT_NEAR(share[3], 10.0, 1e-9);
    // A future without a plan is left out and the rest renormalised, as the figures are.
    auto r = handWorked();
    r.futures[3].status = plan::PlanStatus::Infeasible;
    r.infeasibleProbability = r.futures[3].probability;
    const auto renormalised = riskHistogram(r, 1);
    ASSERT_EQ(renormalised.sets[0].values.size(), 1U);
    EXPECT_NEAR(renormalised.sets[0].values[0], 100.0, 1e-9);
    // ... and both say so.
    EXPECT_EQ(renormalised.yAxisTitle, "probability among the futures with a plan (%)");
    EXPECT_EQ(chart.yAxisTitle, "probability (%)");
    const auto figures = riskFiguresTable(r);
    const std::string planned = fixed((1.0 - r.futures[3].probability) * 100.0, 1) + " %";
    EXPECT_EQ(figures.rows[2][0], "Expected NPV cost (over the futures with a plan, " + planned + ")");
}

TEST(RiskSection, TheFiguresAndFuturesTablesShowTheReportsFigures)
{
    const auto figures = riskFiguresTable(handWorked());
    const auto value = [&](const std::string& figure) {
        for (const auto& row : figures.rows) {
            if (row[0].rfind(figure, 0) == 0) {
                return row[1];
            }
        }
        return std::string("missing");
    };
    EXPECT_EQ(value("Expected NPV cost"), "133,000,000 USD");
    EXPECT_EQ(value("Median"), "110,000,000 USD");
    EXPECT_EQ(value("CVaR at 90 %"), "300,000,000 USD");
    EXPECT_EQ(value("Futures"), "4 (every combination of the events)");
    EXPECT_EQ(value("Licence exposure"), "0.0 units; 0.0 %");
    // Licence exposure: 4 first-year units stopped in "price cut" (probability 0.3): 1.2 expected.
    auto exposed = handWorked();
    exposed.futures[1].licenceExposedUnits = 4;
    exposed.futures[1].licenceExposure = "4 × DGX H100 at Johor in 2027Q3: licence required for MY";
    exposed.expectedLicenceExposedUnits = 1.2;
    exposed.licenceExposureProbability = 0.3;
    const auto exposure = riskFiguresTable(exposed);
    EXPECT_TRUE(std::any_of(exposure.rows.begin(), exposure.rows.end(), [](const auto& row) {
        return row[0].rfind("Licence exposure", 0) == 0 && row[1] == "1.2 units; 30.0 %";
    }));
    const auto paragraphs = riskSection(plan::model(plan::tiny()), exposed, nullptr).paragraphs;
    EXPECT_TRUE(std::any_of(paragraphs.begin(), paragraphs.end(), [](const std::string& p) {
        return p.find("in futures holding 30.0 % of the probability") != std::string::npos &&
               p.find("(expected 1.2 units); in \"price cut\", 4 × DGX H100 at Johor in 2027Q3: licence required "
                      "for MY.") != std::string::npos;
    }));
    // Shares of demand unserved: a sliver does not read as none.
    auto sliver = handWorked();
    sliver.expectedUnservedShare = 0.0001;
    sliver.largestUnservedShare = 0.125;
    sliver.largestUnservedDemand = "chat";
    sliver.futures[0].unservedShare = 0.0001;
    sliver.futures[0].unservedDemand = "training";
    EXPECT_EQ(value("Share of demand unserved"), "0.0 % (0.0 %)");
    const auto slivers = riskFiguresTable(sliver);
    const auto shares = std::find_if(slivers.rows.begin(), slivers.rows.end(),
                                     [](const auto& row) { return row[0].rfind("Share of demand", 0) == 0; });
    ASSERT_NE(shares, slivers.rows.end());
    EXPECT_EQ((*shares)[1], "< 0.1 % (12.5 % of chat)");
    const auto futures = riskFuturesTable(sliver);
    ASSERT_EQ(futures.rows.size(), 4U);
    EXPECT_EQ(futures.rows[0][0], "price cut + shock"); // most costly first
    EXPECT_EQ(futures.rows[0][1], "10.0 %");
    EXPECT_EQ(futures.rows[3][0], "no event");
    EXPECT_EQ(futures.rows[3][4], "< 0.1 % of training");
    EXPECT_EQ(futures.rows[0][4], "0.0 %");
}

TEST(RiskSection, VssAndEvpiAndTheDecisionsThatHedge)
{
    const plan::PlanModel m = plan::model(plan::tiny());
    plan::RobustReport robust;
    robust.figures.rpUsd = 120e6;
    robust.figures.wsUsd = 115e6;
    robust.figures.eevUsd = 133e6;
    robust.figures.vssUsd = 13e6;
    robust.figures.evpiUsd = 5e6;
    robust.firstStage.purchases = {plan::Purchase{0, 0, 0, 10}, plan::Purchase{1, 0, 1, 4}};
    auto risk = handWorked();
    risk.frozen.purchases = {plan::Purchase{0, 0, 0, 12}, plan::Purchase{1, 0, 1, 4}};
    // The robust plan buys 2 fewer of the first offer and the same of the second: one row.
    const auto hedges = hedgeTable(m, risk.frozen, robust);
    ASSERT_EQ(hedges.rows.size(), 1U);
    EXPECT_EQ(hedges.rows[0][0], m.scenario.market[0].system);
    EXPECT_EQ(hedges.rows[0][2], "12");
    EXPECT_EQ(hedges.rows[0][3], "10");
    EXPECT_EQ(hedges.rows[0][4], "-2");
    const ReportSection section = riskSection(m, risk, &robust);
    ASSERT_EQ(section.tables.size(), 5U); // events, figures, futures, robust figures, hedges
    plan::PlanModel oneEvent = m;         // one event: "1 uncertain event gives", not "events give"
    oneEvent.scenario.uncertainty.events = {
        plan::UncertainEvent{"drop", 0.5, "demand", "training", plan::Quarter::parse("2027Q2"), 0.5, 0}};
    EXPECT_NE(riskSection(oneEvent, risk, nullptr).paragraphs[0].find(" 1 uncertain event gives "), std::string::npos);
    EXPECT_EQ(section.tables[3].rows[3][0], "VSS = EEV − RP");
    EXPECT_EQ(section.tables[3].rows[3][1], "13,000,000");
    EXPECT_EQ(section.tables[3].rows[4][1], "5,000,000");
    ASSERT_EQ(section.barCharts.size(), 1U);
    EXPECT_NE(section.paragraphs[1].find("the extensive form on CBC"), std::string::npos);
    // The same figures by progressive hedging: the same hedges, and the text names the method.
    robust.method = plan::RobustMethod::ProgressiveHedging;
    const ReportSection hedged = riskSection(m, risk, &robust);
    EXPECT_NE(hedged.paragraphs[1].find("by progressive hedging"), std::string::npos);
    EXPECT_EQ(hedged.paragraphs[1].find("value at risk"), std::string::npos);
    robust.objective = {0.9, 0.5}; // under mean–CVaR the futures agree on the value at risk too
    EXPECT_NE(riskSection(m, risk, &robust)
                  .paragraphs[1]
                  .find("until they agree on the first year and on the value "
                        "at risk"),
              std::string::npos);
    robust.objective = {};
    EXPECT_EQ(hedgeTable(m, risk.frozen, robust).rows, hedges.rows);
    // Power build-out in MW: a row per site whose first-year MW differ (to the tenth shown), and the
    // figures table says what was frozen.
    risk.frozen.power = {plan::PowerOrder{0, 0, 2.5}, plan::PowerOrder{1, 0, 1.0}};
    robust.firstStage.power = {plan::PowerOrder{1, 0, 5.5}};
    const auto withPower = hedgeTable(m, risk.frozen, robust);
    ASSERT_EQ(withPower.rows.size(), 2U);
    EXPECT_EQ(withPower.rows[1],
              (std::vector<std::string>{"Power build-out (MW)", m.scenario.sites[0].name, "3.5", "5.5", "+2.0"}));
    const auto figures = riskFiguresTable(risk);
    EXPECT_EQ(figures.rows[2], (std::vector<std::string>{"First-year power build-out frozen", "3.5 MW"}));
    robust.firstStage.power = {plan::PowerOrder{0, 0, 3.54}};
    EXPECT_EQ(hedgeTable(m, risk.frozen, robust).rows, hedges.rows) << "3.5 MW against 3.54 MW shows no difference";
    risk.frozen.power.clear();
    robust.firstStage.power.clear();
    robust.hedging.iterations.resize(30);
    robust.hedging.iterations.back().iteration = 29;
    robust.hedging.converged = true;
    EXPECT_EQ(robustFiguresTable(robust).rows[5][2],
              "progressive hedging's Lagrangian bound (29 iterations, converged)");
    // Without a robust plan: the distribution only.
    EXPECT_EQ(riskSection(m, risk, nullptr).tables.size(), 3U);
}

TEST(RiskSection, WhatTheHedgeCostsAgainstThePlanInEachFuture)
{
    // handWorked's plan costs 100, 110, 150 and 300 million USD (133 expected); the robust first year,
    // re-planned in the same futures, 104, 112, 140 and 200 million: 0.4 × 104 + 0.3 × 112 + 0.2 × 140
    // + 0.1 × 200 = 41.6 + 33.6 + 28 + 20 = 123.2 million expected. Its premium if no event happens is
    // 4 million; it saves 9.8 million in expectation and 100 million in the plan's costliest future.
    plan::RiskReport risk = handWorked();
    risk.frozen.purchases = {plan::Purchase{0, 0, 0, 12}};
    plan::RobustReport robust;
    robust.firstStage.purchases = {plan::Purchase{0, 0, 0, 14}};
    robust.futures = {future("no event", 0.4, 104e6), future("price cut", 0.3, 112e6), future("shock", 0.2, 140e6),
                      future("price cut + shock", 0.1, 200e6)};
    robust.rpExpectedCostUsd = 123.2e6;
    const ReportTable insurance = insuranceTable(risk, robust);
    ASSERT_EQ(insurance.rows.size(), 3U);
    using Row = std::vector<std::string>;
    EXPECT_EQ(insurance.rows[0], (Row{"Expected over the futures", "133,000,000", "123,200,000", "-9,800,000"}));
    EXPECT_EQ(insurance.rows[1],
              (Row{"No event (the future the plan was made for)", "100,000,000", "104,000,000", "+4,000,000"}));
    EXPECT_EQ(insurance.rows[2],
              (Row{"The plan's costliest: price cut + shock", "300,000,000", "200,000,000", "-100,000,000"}));
    EXPECT_EQ(insuranceText(risk, robust).find("Keep the plan's first year"), std::string::npos);
    const plan::PlanModel m = plan::model(plan::tiny());
    const ReportSection section = riskSection(m, risk, &robust);
    EXPECT_EQ(section.tables.back().title, insurance.title);
    // The same first year costs the same in every future: no table of zeros.
    robust.firstStage = risk.frozen;
    EXPECT_NE(riskSection(m, risk, &robust).tables.back().title, insurance.title);
    robust.firstStage.purchases = {plan::Purchase{0, 0, 0, 14}};
    // A robust plan stopped short costs more in expectation than the plan: the text says to keep the plan's;
    // under mean–CVaR that is the price of cheaper costly futures.
    robust.rpExpectedCostUsd = 134e6;
    EXPECT_NE(insuranceText(risk, robust).find("Keep the plan's first year"), std::string::npos);
    robust.objective = {0.9, 0.5};
    EXPECT_NE(insuranceText(risk, robust).find("paying expected cost to make its costly futures cheaper"),
              std::string::npos);
    robust.objective = {};
    // A robust plan that kept the plan's first year (the method found none better): said.
    robust.kept = plan::RobustReport::Kept::Plan;
    robust.firstStage = risk.frozen;
    const ReportSection kept = riskSection(m, risk, &robust);
    EXPECT_NE(kept.tables.back().title, insurance.title);
    EXPECT_TRUE(std::any_of(kept.paragraphs.begin(), kept.paragraphs.end(), [](const std::string& p) {
        return p.find("The robust plan keeps the plan's own first year") != std::string::npos;
    }));
    robust.kept = plan::RobustReport::Kept::Method;
    robust.firstStage.purchases = {plan::Purchase{0, 0, 0, 14}};
    // Not the same futures (sampled apart, or a future without a plan in one): no comparison.
    robust.futures[2].name = "surge";
    EXPECT_TRUE(insuranceTable(risk, robust).rows.empty());
    robust.futures[2].name = "shock";
    robust.futures[2].status = plan::PlanStatus::Infeasible;
    EXPECT_TRUE(insuranceTable(risk, robust).rows.empty());
    robust.futures.pop_back();
    EXPECT_TRUE(insuranceTable(risk, robust).rows.empty());
}

TEST(RiskSection, EveryEventSaysWhatChangesAndFromWhen)
{
    plan::Scenario s = plan::tiny();
    s.uncertainty.events = {{"cut", 0.4, "vendor_price", "NVIDIA", plan::Quarter::parse("2027Q3"), 0.8, 0},
                            {"slip", 0.3, "part_delay", "DGX B200", {}, 1.0, 2},
                            {"glut", 0.55, "used_market", "", {}, 0.6, 0, 0.0, "DGX B200"},
                            {"cap", 0.1, "country_cap", "MY", plan::Quarter::parse("2028Q1"), 1.0, 0, 26'900'000.0},
                            {"dear power", 0.25, "electricity_price", "", {}, 1.5, 0},
                            {"kernels", 0.5, "part_software_efficiency", "DGX B200", {}, 1.4, 0, 0.0, "DGX B200"},
                            {"engine", 0.4, "part_performance", "DGX B200", plan::Quarter::parse("2028Q1"), 1.25, 0}};
    const ReportTable table = uncertainEventsTable(s);
    ASSERT_EQ(table.rows.size(), 7U);
    EXPECT_EQ(table.rows[0], (std::vector<std::string>{"cut", "new NVIDIA prices × 0.8", "2027Q3", "40.0 %"}));
    EXPECT_EQ(table.rows[1],
              (std::vector<std::string>{"slip", "DGX B200 ships 2 quarters late", "the whole horizon", "30.0 %"}));
    EXPECT_EQ(table.rows[2], (std::vector<std::string>{"glut", "every vendor's secondhand market × 0.6",
                                                       "the launch of DGX B200", "55.0 %"}));
    EXPECT_EQ(table.rows[3][1], "controlled accelerators in MY capped at 26,900,000 TPP a year");
    EXPECT_EQ(table.rows[4][1], "electricity at every site × 1.5");
    EXPECT_EQ(table.rows[4][2], "the whole horizon");
    EXPECT_EQ(table.rows[5], (std::vector<std::string>{"kernels", "DGX B200 software × 1.4 a year",
                                                       "the launch of DGX B200", "50.0 %"}));
    EXPECT_EQ(table.rows[6][2], "2028Q1"); // a part's performance steps from a quarter
}

TEST(RiskSection, FanChartsForEveryMeasureButASiteThatNeverDrawsPower)
{
    auto m = plan::model(plan::tiny());
    m.scenario.quarters = 2;
    m.scenario.inferenceClasses.resize(1);
    m.scenario.inferenceClasses[0].name = "chat";
    m.scenario.sites.resize(2);
    m.scenario.sites[1].name = "Idle site";
    const plan::Percentiles flat{{1.0, 2.0}, {1.0, 2.0}, {1.0, 2.0}, {1.0, 2.0}, {1.0, 2.0}};
    const plan::Percentiles zero{{0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}};
    plan::RiskReport r = handWorked();
    r.fans = {{plan::FanMeasure::Training, 0, "training", "PFLOP/s", flat, flat},
              {plan::FanMeasure::Inference, 0, "chat", "tokens/s", flat, flat},
              {plan::FanMeasure::Power, 0, m.scenario.sites[0].name, "MW", flat, flat},
              {plan::FanMeasure::Power, 1, "Idle site", "MW", zero, flat}};
    const auto charts = riskFanCharts(m, r);
    ASSERT_EQ(charts.size(), 3u);
    EXPECT_EQ(charts[0].yAxisTitle, "PFLOP/s");
    EXPECT_EQ(charts[0].categories.size(), 2u);
    EXPECT_EQ(charts[1].yAxisTitle, "million tokens/s");
    EXPECT_EQ(charts[1].value.p50[1], 2e-6); // tokens/s in millions
    EXPECT_EQ(charts[2].yAxisTitle, "MW");
    EXPECT_EQ(charts[2].colour, 0);
    EXPECT_EQ(idleSites(r), std::vector<std::string>{"Idle site"});
    const auto section = riskSection(m, r, nullptr);
    EXPECT_EQ(section.fanCharts.size(), 3u);
    EXPECT_NE(std::find(section.paragraphs.begin(), section.paragraphs.end(),
                        "No future's plan draws power at Idle site: no power fan for it."),
              section.paragraphs.end());
}

} // namespace
} // namespace fw::core::report
