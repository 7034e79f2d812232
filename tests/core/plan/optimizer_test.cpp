// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "core/compliance/rulelibrary.h"
#include "core/economics/residual.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/plandecisions.h"
#include "core/plan/scenariocheck.h"
#include "core/report/plancharts.h"
#include "core/report/planreport.h"
#include "core/workload/assumptions.h"
#include "tests/core/plan/planfixtures.h"
#include "tests/core/testdir.h"

namespace fw::core::plan {

const Fleet& sample()
{
    static const Fleet fleet = [] {
        setenv("FLEETWRIGHT_DATA_DIR", tests::shippedData().c_str(), 1);
        return sampleFleet();
    }();
    return fleet;
}

const compliance::RuleLibrary& rules()
{
    static const auto library = compliance::RuleLibrary::load(tests::shippedData());
    return library;
}

const workload::ModelAssumptions& assumptions()
{
    static const auto a = workload::loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json");
    return a;
}

/// One US site, training demand only, two offers (DGX H100 and DGX B200), two quarters.
Scenario tiny()
{
    Scenario s;
    s.name = "tiny";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = 2;
    s.sites = {Site{"Reno", "US", 1.2, 0.07, {0.25}, true, {}}};
    s.demand = {QuarterDemand{6.0, {}}, QuarterDemand{14.0, {}}}; // no inference classes: training only
    s.market = {Offer{"DGX H100", {}, {3}, 0}, Offer{"DGX B200", {}, {2}, 0}};
    return s;
}

PlanModel model(const Scenario& s, Company company)
{
    Fleet fleet = sample();
    fleet.company = company;
    return buildPlanModel(s, fleet, rules(), assumptions());
}

/// The scenario has no plan, and the first line of its diagnosis names `limit`.
void expectDiagnosis(const Scenario& s, const std::string& limit)
{
    const Plan none = optimize(model(s));
    EXPECT_EQ(none.status, PlanStatus::Infeasible);
    ASSERT_FALSE(none.diagnosis.empty());
    EXPECT_NE(none.diagnosis.front().find(limit), std::string::npos) << none.diagnosis.front();
}

OptimizerOptions exactly()
{
    OptimizerOptions options;
    options.relativeGap = 0.0;
    return options;
}

/// Training allocated at least cost, quarter by quarter, for training-only scenarios: energy is
/// billed by use, so the units with the least energy per PFLOP/s in service train first, to the
/// contracted demand (with headroom), then on through the forecast while a PFLOP/s served costs
/// less energy than leaving it unserved (its price ÷ the headroom factor, as the demand row counts it).
UnitGrid cheapestTraining(const PlanModel& m, const Plan& plan)
{
    const auto installed = m.installed(plan);
    UnitGrid training = m.zeroGrid();
    const double need = 1.0 + m.scenario.policy.headroom;
    for (int t = 0; t < m.quarters(); ++t) {
        std::vector<std::pair<double, std::pair<int, int>>> byCost; // USD per PFLOP/s in service, (system, site)
        for (int s = 0; s < static_cast<int>(m.systems.size()); ++s) {
            for (int j = 0; j < m.sites() && m.systems[s].trainingPflops > 0; ++j) {
                byCost.push_back({m.busyEnergyCostPerQuarter(s, j) / m.systems[s].trainingPflops, {s, j}});
            }
        }
        std::stable_sort(byCost.begin(), byCost.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        const auto& demand = m.scenario.demandIn(t);
        double contracted = demand.trainingPflops * need;
        double forecast = demand.forecastTrainingPflops * need;
        for (const auto& [usdPerPflop, at] : byCost) {
            const auto [s, j] = at;
            const double worth = usdPerPflop < m.unservedTrainingUsdPerQuarter() / need ? forecast : 0.0;
            const double pflops = std::min(contracted + worth, installed(s, j, t) * m.systems[s].trainingPflops);
            training(s, j, t) = pflops / m.systems[s].trainingPflops;
            const double fromContracted = std::min(contracted, pflops);
            contracted -= fromContracted;
            forecast -= pflops - fromContracted;
        }
    }
    return training;
}

void forEachValidPlan(const PlanModel& m, int max, const std::function<void(const Evaluation&)>& visit)
{
    const int O = m.offers();
    const int S = static_cast<int>(m.systems.size());
    const int T = m.quarters();
    // Choices: purchases of each offer in each quarter, then retirements of each installed system.
    std::vector<int> most;
    for (int o = 0; o < O; ++o) {
        most.insert(most.end(), static_cast<std::size_t>(T), max);
    }
    for (int s = 0; s < S; ++s) {
        most.insert(most.end(), static_cast<std::size_t>(T), m.base[s][0]);
    }
    std::vector<int> counts(most.size(), 0);
    std::function<void(std::size_t)> next = [&](std::size_t i) {
        if (i == counts.size()) {
            Plan plan;
            for (int o = 0; o < O; ++o) {
                for (int t = 0; t < T; ++t) {
                    if (const int count = counts[static_cast<std::size_t>(o * T + t)]; count > 0) {
                        plan.purchases.push_back({t, 0, o, count});
                    }
                }
            }
            for (int s = 0; s < S; ++s) {
                for (int t = 0; t < T; ++t) {
                    if (const int count = counts[static_cast<std::size_t>((O + s) * T + t)]; count > 0) {
                        plan.retirements.push_back({t, 0, s, count});
                    }
                }
            }
            plan.training = cheapestTraining(m, plan);
            const auto e = evaluate(m, plan);
            if (e.violations.empty()) {
                visit(e);
            }
            return;
        }
        for (int c = 0; c <= most[i]; ++c) {
            counts[i] = c;
            next(i + 1);
        }
    };
    next(0);
}

double bestByEnumeration(const PlanModel& m, int max)
{
    double best = std::numeric_limits<double>::infinity();
    forEachValidPlan(m, max, [&](const Evaluation& e) { best = std::min(best, e.costUsd); });
    return best;
}

namespace {

TEST(Optimizer, TinyScenarioMatchesEnumeration)
{
    const PlanModel m = model(tiny());
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const double enumerated = bestByEnumeration(m, 3);
    ASSERT_TRUE(std::isfinite(enumerated));
    EXPECT_NEAR(plan.objectiveUsd, enumerated, 1e-6 * enumerated);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_NEAR(e.costUsd, plan.objectiveUsd, 1e-6 * plan.objectiveUsd);
}

TEST(Evaluator, CostBreakdownOfOneSystemMatchesTheHandFigures)
{
    // One DGX H100 bought in 2027Q1 and used both quarters of the tiny scenario.
    const PlanModel m = model(tiny());
    Plan plan;
    plan.purchases.push_back({0, 0, 0, 1});
    plan.training = m.zeroGrid();
    plan.training(0, 0, 0) = 1.0;
    plan.training(0, 0, 1) = 1.0;
    const auto e = evaluate(m, plan);
    const double price = m.systems[0].priceUsd;
    const double q1 = 1.0 / std::pow(1.08, 0.25); // discount factor of the second quarter at 8 %/yr
    const double energyPerQuarter = m.facilityKw(0, 0) * 0.8 * 8760.0 / 4.0 * 0.07;
    EXPECT_DOUBLE_EQ(e.capexNpvUsd, price);
    EXPECT_NEAR(e.energyNpvUsd, energyPerQuarter * (1.0 + q1), 1e-6);
    EXPECT_NEAR(e.maintenanceNpvUsd, price * 0.05 / 4.0 * (1.0 + q1), 1e-6);
    // Half a year old at the end: e^(−λ·0.5) of the price left, discounted over half a year. λ is the
    // one residual function's (TCO's) for the H100 SXM: its used price keeps 92.4 % a year.
    const double lambda = m.systems[0].residualLossPerYear;
    EXPECT_NEAR(std::exp(-lambda), 0.924, 0.0005);
    EXPECT_DOUBLE_EQ(
        lambda,
        economics::residualShare(*sample().catalog.findAccelerator("H100 SXM"), 1.0, assumptions()).lossPerYear);
    EXPECT_NEAR(e.residualNpvUsd, price * std::exp(-lambda * 0.5) / std::pow(1.08, 0.5), 1e-6);
    // Its eight accelerators' share of a two-tier fabric, bought when it arrives in the first quarter.
    const double fabric = 8 * m.fabrics.at(static_cast<std::size_t>(m.fabricOf[0])).twoTier.usdPerAccelerator;
    EXPECT_NEAR(e.fabricNpvUsd, fabric, 1e-6);
    EXPECT_NEAR(e.costUsd, e.capexNpvUsd + fabric + e.energyNpvUsd + e.maintenanceNpvUsd - e.residualNpvUsd, 1e-6);
}

TEST(Optimizer, PaysEachQuartersPriceAndKeepsToEachQuartersSupply)
{
    // The DGX H100 costs 300,000 USD in 2027Q1 and 200,000 in 2027Q2 with none on offer in 2027Q2;
    // the B200 keeps its catalog price. A unit bought in 2027Q1 pays 300,000, and the optimum still
    // equals the enumerated one (the enumeration prices plans with the evaluator).
    Scenario s = tiny();
    s.market[0].priceUsd = {300000.0, 200000.0};
    s.market[0].supply = {3, 0};
    const PlanModel m = model(s);
    EXPECT_DOUBLE_EQ(m.price(0, 0), 300000.0);
    EXPECT_DOUBLE_EQ(m.price(0, 1), 200000.0);
    EXPECT_DOUBLE_EQ(m.price(1, 1), m.systems[1].priceUsd); // the catalog's, in every quarter
    Plan one;
    one.purchases.push_back({0, 0, 0, 1});
    EXPECT_DOUBLE_EQ(evaluate(m, one).capexNpvUsd, 300000.0);
    Plan late;
    late.purchases.push_back({1, 0, 0, 1});
    const auto e = evaluate(m, late);
    EXPECT_NEAR(e.capexNpvUsd, 200000.0 / std::pow(1.08, 0.25), 1e-6);
    ASSERT_FALSE(e.violations.empty());
    EXPECT_NE(e.violations.front().find("1 bought, supply 0"), std::string::npos) << e.violations.front();
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    EXPECT_NEAR(plan.objectiveUsd, bestByEnumeration(m, 3), 1e-6 * plan.objectiveUsd);
    EXPECT_TRUE(evaluate(m, plan).violations.empty());
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").market, s.market);
}

TEST(Evaluator, ServingBeyondTheDemandCostsItsEnergyAndOnlyWhereItFits)
{
    // Two DGX H100 serving 1,000 tokens/s of demand at a site that caps power, both in the capped
    // domain: both units serving is allowed but bills each one's energy in service (utilization,
    // or the cap where lower) instead of its idle share; a unit serving a class no system can serve
    // (a million tokens/s to each user) is refused.
    Scenario s = tiny();
    s.sites[0].oversubscription = 0.3;
    InferenceClass giant;
    giant.name = "giant";
    giant.tokensPerSecondPerUser = 1e6;
    s.inferenceClasses = {InferenceClass{}, giant};
    s.demand = {QuarterDemand{0.0, {1000.0, 0.0}}};
    const PlanModel m = model(s);
    ASSERT_GT(m.systems[0].inferenceTokensPerSecond[0], 1000.0);
    ASSERT_EQ(m.systems[0].inferenceTokensPerSecond[1], 0.0);
    Plan plan;
    plan.purchases.push_back({0, 0, 0, 2});
    plan.training = m.zeroGrid();
    plan.inference = {plan.training, plan.training};
    plan.capped = m.installed(plan);
    const auto serve = [&](int inferenceClass, double units) {
        plan.inference[static_cast<std::size_t>(inferenceClass)](0, 0, 0) = units;
        plan.inference[static_cast<std::size_t>(inferenceClass)](0, 0, 1) = units;
    };
    serve(0, 2.0);
    const auto beyond = evaluate(m, plan);
    EXPECT_TRUE(beyond.violations.empty()) << beyond.violations.front();
    const double exact = 1000.0 / m.systems[0].inferenceTokensPerSecond[0];
    serve(0, exact);
    const auto just = evaluate(m, plan);
    EXPECT_TRUE(just.violations.empty()) << just.violations.front();
    // A capped unit in service draws min(0.8, 1 ÷ 1.3 = 0.769) of its maximum, an idle one 0.2.
    const double drawn = 1.0 / 1.3 - m.idlePowerShare;
    const double perUnit = m.systems[0].itKw * drawn * m.energyUsdPerKwDrawnQuarter(0);
    EXPECT_NEAR(m.busyEnergyCostPerQuarter(0, 0) - m.cappedEnergySavingPerQuarter(0, 0), perUnit, 1e-9);
    EXPECT_NEAR(beyond.energyNpvUsd - just.energyNpvUsd, (2.0 - exact) * perUnit * (1.0 + m.discount(1)), 1e-6);
    serve(1, 0.5);
    const auto cannot = evaluate(m, plan);
    ASSERT_FALSE(cannot.violations.empty());
    EXPECT_NE(cannot.violations.front().find("serves giant, which it cannot"), std::string::npos)
        << cannot.violations.front();
}

TEST(Evaluator, RunCostFollowsTheAssumptionsFile)
{
    // Half the utilization and half the idle share halve the energy of a unit idle and of one in
    // service ((0.4 − 0.1) against (0.8 − 0.2) more); twice the maintenance share doubles maintenance.
    workload::ModelAssumptions changed = assumptions();
    changed.values.at("utilization").value /= 2.0;
    changed.values.at("idle_power_share").value /= 2.0;
    changed.values.at("maintenance_share_per_year").value *= 2.0;
    Fleet fleet = sample();
    const PlanModel shipped = buildPlanModel(tiny(), fleet, rules(), assumptions());
    const PlanModel edited = buildPlanModel(tiny(), fleet, rules(), changed);
    EXPECT_DOUBLE_EQ(edited.idleEnergyCostPerQuarter(0, 0), shipped.idleEnergyCostPerQuarter(0, 0) / 2.0);
    EXPECT_DOUBLE_EQ(edited.busyEnergyCostPerQuarter(0, 0), shipped.busyEnergyCostPerQuarter(0, 0) / 2.0);
    EXPECT_DOUBLE_EQ(edited.maintenanceCostPerQuarter(0), shipped.maintenanceCostPerQuarter(0) * 2.0);
}

TEST(Optimizer, UsedOffersDepreciateOverTheLifeLeftAndMatchEnumeration)
{
    // A used DGX H100, 3 years old, at 100,000 USD: over the 2-quarter horizon it keeps e^(−λ/2) of
    // its price, as a new one does (λ of the H100 SXM: 92.4 % kept a year, so 96.1 %), so it costs
    // about 3,900 USD net against 10,400 for a new one at 270,000, and the optimizer takes the used
    // ones first.
    Scenario s = tiny();
    Offer used{"DGX H100", {100000.0}, {2}, 0};
    used.used = true;
    used.ageYears = 3.0;
    s.market.push_back(used);
    const PlanModel m = model(s);
    EXPECT_NEAR(m.residualShare(2, 0), std::sqrt(0.924), 0.0005);
    EXPECT_DOUBLE_EQ(m.residualShare(0, 0), m.residualShare(2, 0));
    EXPECT_EQ(offerLabel(m.systems[2]), "DGX H100 (used, 3 y)");
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    EXPECT_NEAR(plan.objectiveUsd, bestByEnumeration(m, 3), 1e-6 * plan.objectiveUsd);
    int usedBought = 0;
    for (const auto& p : plan.purchases) {
        usedBought += p.offer == 2 ? p.count : 0;
    }
    EXPECT_GT(usedBought, 0);
    EXPECT_TRUE(evaluate(m, plan).violations.empty());
    // Installed H100s are the fleet's own, not the secondhand offer's.
    s.installed.push_back({"Reno", "DGX H100", 2, 0.0, std::nullopt, std::nullopt});
    const PlanModel withBase = model(s);
    EXPECT_EQ(withBase.base[0][0], 2);
    EXPECT_EQ(withBase.base[2][0], 0);
    // The JSON form keeps the condition and age.
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").market[2], used);
}

TEST(Scenario, UsedOffersNeedAPriceAndLifeLeft)
{
    Scenario s = tiny();
    Offer offer{"DGX H100", {}, {2}, 0};
    offer.used = true;
    offer.ageYears = 2.0;
    s.market.push_back(offer);
    const auto problem = [](const Scenario& x) {
        try {
            checkScenario(x);
        } catch (const ValidationError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(problem(s), "market[2].price_usd: a used offer needs its own price; the catalog's is for new systems");
    s.market[2].priceUsd = {90000.0};
    EXPECT_EQ(problem(s), "");
    s.market[2].ageYears = 5.0;
    EXPECT_EQ(problem(s), "market[2].age_years: 5 years is not below the life of 5 years: nothing left to use");
    s.market[2].used = false;
    EXPECT_EQ(problem(s), "market[2].age_years: a new system has no age; set condition to used");
}

TEST(Optimizer, RetiresIdleInstalledSystemsWhenSellingBeatsKeeping)
{
    // No demand, two installed DGX A100 that fetch 50,000 USD each today and follow the A100's
    // used-price curve after (the catalog's one used price, 6,500 USD in March 2026 against 17,500
    // new, released mid-2020: λ = ln(17,500 / 6,500) / 5.708 years = 0.1735 a year): selling both in
    // the first quarter earns 100,000 USD and saves their energy and maintenance; keeping them would
    // earn 50,000 × e^(−0.1735 / 2) = 45,845 each, discounted, at the end of the two quarters.
    Scenario s = tiny();
    s.demand = {QuarterDemand{0.0, {}}};
    s.installed.push_back({"Reno", "DGX A100", 2, 0.0, 50000.0, std::nullopt});
    const PlanModel m = model(s);
    const int a100 = static_cast<int>(m.systems.size()) - 1; // installed only: not on offer
    const double lossPerYear = std::log(17500.0 / 6500.0) / (2026.0 + 2.5 / 12.0 - 2020.5);
    EXPECT_DOUBLE_EQ(m.resaleUsd(a100, 0, 0), 50000.0);
    EXPECT_NEAR(m.resaleUsd(a100, 0, 2), 50000.0 * std::exp(-lossPerYear * 0.5), 1e-6);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    ASSERT_EQ(plan.retirements.size(), 1U);
    EXPECT_EQ(plan.retirements[0].quarter, 0);
    EXPECT_EQ(plan.retirements[0].system, a100);
    EXPECT_EQ(plan.retirements[0].count, 2);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    // Worth 100,000 USD at the start and sold for that at once: nothing lost.
    EXPECT_NEAR(e.installedValueUsd, 100000.0, 1e-6);
    EXPECT_NEAR(e.costUsd, 0.0, 1e-6);
    EXPECT_NEAR(plan.objectiveUsd, e.costUsd, 1e-6 * 100000.0);
    // Keeping them costs their running and leaves 2 × 45,845 at the horizon's end, discounted.
    const auto kept = evaluate(m, Plan{});
    EXPECT_NEAR(kept.residualNpvUsd, 2 * 50000.0 * std::exp(-lossPerYear * 0.5) * m.discount(2), 1e-6);
    EXPECT_NEAR(kept.residualNpvUsd, 2 * 45'845.3 * m.discount(2), 0.1);
    EXPECT_GT(kept.costUsd, e.costUsd);
    // Retiring more than is installed is a violation.
    Plan tooMany = plan;
    tooMany.retirements[0].count = 3;
    EXPECT_FALSE(evaluate(m, tooMany).violations.empty());
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").installed.back(), s.installed.back());
    // A 20 % cost of selling (broker, logistics) leaves 40,000 a unit: still sold, for 80,000, losing
    // 20,000 of the 100,000 they were worth.
    s.policy.resaleCostShare = 0.2;
    const PlanModel costly = model(s);
    EXPECT_DOUBLE_EQ(costly.saleProceedsUsd(a100, 0, 0), 40000.0);
    const Plan sold = optimize(costly, exactly());
    ASSERT_EQ(sold.retirements.size(), 1U);
    EXPECT_NEAR(evaluate(costly, sold).costUsd, 20000.0, 1e-6);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").policy, s.policy);
}

TEST(Optimizer, BuildsJustThePowerItNeedsWhereASiteHasNone)
{
    // Reno starts with no power but may add up to 1 MW a quarter at 2 M USD per MW: the plan builds
    // exactly the facility power of what it installs, quarter by quarter, and pays for it.
    Scenario s = tiny();
    s.sites[0].powerMw = {0.0};
    EXPECT_EQ(optimize(model(s)).status, PlanStatus::Infeasible);
    s.sites[0].buildOutMaxMwPerQuarter = 1.0;
    s.sites[0].buildOutUsdPerMw = 2e6;
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_NEAR(e.costUsd, plan.objectiveUsd, 1e-6 * plan.objectiveUsd);
    for (int t = 0; t < m.quarters(); ++t) {
        EXPECT_NEAR(m.builtMw(plan, 0, t), e.quarters[t].powerMw[0], 1e-6); // no spare MW bought
        EXPECT_GT(e.quarters[t].powerMw[0], 0.0);
    }
    double capex = 0.0;
    for (const auto& p : plan.purchases) {
        capex += p.count * m.price(p.offer, p.quarter) * m.discount(p.quarter);
    }
    capex += plan.buildOutMw[0][0] * 2e6 * m.discount(0) + plan.buildOutMw[0][1] * 2e6 * m.discount(1);
    EXPECT_NEAR(e.capexNpvUsd, capex, 1e-6 * capex);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").sites[0], s.sites[0]);
    // Building more than the site can add a quarter is a violation.
    Plan tooMuch = plan;
    tooMuch.buildOutMw[0][0] = 1.5;
    EXPECT_FALSE(evaluate(m, tooMuch).violations.empty());
}

TEST(Optimizer, PlacesANamedRunWholeAtOneSite)
{
    // 32 accelerators for 10 weeks from 2027Q2, on top of the sustained demand: all at one site.
    Scenario s = tiny();
    s.sites.push_back(Site{"Austin", "US", 1.2, 0.05, {0.25}, true, {}});
    s.trainingRuns.push_back({"llm-70b", Quarter::parse("2027Q2"), 32, 10.0});
    EXPECT_EQ(s.trainingRuns[0].firstQuarter(s.firstQuarter), 1);
    EXPECT_EQ(s.trainingRuns[0].lastQuarter(s.firstQuarter, s.quarters), 1);
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    ASSERT_EQ(plan.runSites.size(), 1U);
    const int site = plan.runSites[0];
    ASSERT_GE(site, 0);
    double reserved = 0.0;
    for (int sys = 0; sys < static_cast<int>(m.systems.size()); ++sys) {
        reserved += plan.reserved(sys, site, 1) * m.systems[sys].accelerators;
    }
    EXPECT_GE(reserved, 32.0 - 1e-6);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_NEAR(e.costUsd, plan.objectiveUsd, 1e-6 * plan.objectiveUsd);
    Scenario without = s;
    without.trainingRuns.clear();
    EXPECT_GT(plan.objectiveUsd, optimize(model(without), exactly()).objectiveUsd); // the run costs something
    // Moved to the other site, the run is short of accelerators there.
    Plan moved = plan;
    moved.runSites[0] = 1 - site;
    EXPECT_FALSE(evaluate(m, moved).violations.empty());
    // The spreadsheet baseline places it too, whole at one site, and the optimizer is no worse.
    const Plan greedy = greedyPlan(m);
    ASSERT_EQ(greedy.runSites.size(), 1U);
    EXPECT_GE(greedy.runSites[0], 0);
    EXPECT_TRUE(evaluate(m, greedy).violations.empty()) << evaluate(m, greedy).violations.front();
    EXPECT_LE(plan.objectiveUsd, greedy.objectiveUsd * (1 + 1e-9));
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").trainingRuns, s.trainingRuns);
    // A run bigger than any site can hold has a diagnosis, not a plan.
    s.trainingRuns[0].accelerators = 100000;
    expectDiagnosis(s, "named runs");
}

TEST(PlanModel, BlockedOffersComeInRunsOfQuartersWithOneReason)
{
    // Blocked in quarters 0–1 for a licence, allowed in 2, blocked in 3 for the licence and in 4–5
    // for cooling: three entries, none of them covering quarter 2.
    Scenario s = tiny();
    s.quarters = 6;
    PlanModel m = model(s);
    const bool allowed[] = {false, false, true, false, false, false};
    const char* reason[] = {"licence", "licence", "", "licence", "cooling", "cooling"};
    for (int t = 0; t < 6; ++t) {
        m.allowed(0, 0, t) = allowed[t];
        m.reason(0, 0, t) = reason[t];
    }
    std::vector<BlockedOffer> blocked;
    for (const auto& b : blockedOffers(m)) {
        if (b.offer == 0 && b.site == 0) {
            blocked.push_back(b);
        }
    }
    ASSERT_EQ(blocked.size(), 3U);
    EXPECT_EQ(blocked[0].firstQuarter, 0);
    EXPECT_EQ(blocked[0].quarters, 2);
    EXPECT_EQ(blocked[1].firstQuarter, 3);
    EXPECT_EQ(blocked[1].quarters, 1);
    EXPECT_EQ(blocked[2].reason, "cooling");
    EXPECT_EQ(blocked[2].quarters, 2);
}

TEST(Optimizer, KeepsAtLeastTwoVendorsEachWithTheirShare)
{
    // Two vendors every quarter, each with at least 20 % of the dense peak: AMD must be bought, and
    // the optimum still equals the enumerated one (the enumeration checks plans with the evaluator).
    Scenario s = tiny();
    s.market.push_back(Offer{"MI300X 8-GPU server", {}, {3}, 0});
    s.policy.minVendors = 2;
    s.policy.minVendorShare = 0.2;
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    EXPECT_NEAR(plan.objectiveUsd, bestByEnumeration(m, 3), 1e-6 * plan.objectiveUsd);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    for (const auto& q : e.quarters) {
        for (const auto& [vendor, share] : q.vendorShares) {
            EXPECT_GE(share, 0.2 - 1e-6) << vendor << " in " << q.quarter;
        }
    }
    // With NVIDIA alone on offer there is no plan, and the diagnosis says why.
    s.market.pop_back();
    expectDiagnosis(s, "vendors with their minimum share");
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").policy, s.policy);
}

TEST(Optimizer, RackPositionsAndKwPerRackLimitWhatASiteHolds)
{
    // Reno: two rack positions of 42 U, each taking 2.5 DGX H100s' worth of IT kW. A DGX H100 is 8 U,
    // so a rack holds min(42 / 8, 2.5) = 2 of them; a DGX B200 (10 U, more kW) holds 1. Austin,
    // with dearer power, has no rack limit and takes the rest.
    Scenario s = tiny();
    s.sites.push_back(Site{"Austin", "US", 1.2, 0.15, {0.25}, true, {}});
    const PlanModel free = model(s);
    const double h100Kw = free.systems[0].itKw;
    s.sites[0].racks = 2;
    s.sites[0].maxKwPerRack = 2.5 * h100Kw;
    const PlanModel m = model(s);
    ASSERT_EQ(m.unitsPerRack[0][0], 2);
    ASSERT_EQ(m.unitsPerRack[1][0], 1);
    EXPECT_EQ(m.unitsPerRack[0][1], 5); // Austin has no kW limit: 42 U / 8 U
    EXPECT_EQ(m.racksFor(0, 0, 5.0), 3);
    EXPECT_EQ(m.racksFor(1, 0, 2.0), 2);
    const Plan unlimited = optimize(free, exactly());
    ASSERT_EQ(unlimited.status, PlanStatus::Optimal);
    ASSERT_GT(evaluate(m, unlimited).quarters.back().racks[0], 2) << "the limit must bind for this test";
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    const auto installed = m.installed(plan);
    for (int t = 0; t < m.quarters(); ++t) {
        const int racks = m.racksFor(0, 0, installed(0, 0, t)) + m.racksFor(1, 0, installed(1, 0, t));
        EXPECT_EQ(e.quarters[t].racks[0], racks);
        EXPECT_LE(racks, 2);
    }
    EXPECT_GT(plan.objectiveUsd, unlimited.objectiveUsd);
    EXPECT_TRUE(evaluate(m, greedyPlan(m)).violations.empty()) << "greedy keeps to the racks too";
    // A rack that cannot take one B200's kW: the B200 is not placed there, and the reason says why.
    s.sites[0].maxKwPerRack = 0.9 * m.systems[1].itKw;
    const PlanModel tight = model(s);
    EXPECT_FALSE(tight.allowed(1, 0, 0));
    EXPECT_NE(tight.reason(1, 0, 0).find("more than the"), std::string::npos) << tight.reason(1, 0, 0);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").sites[0], s.sites[0]);
    // Reno alone with one rack position cannot hold the demand: the diagnosis names the racks.
    s.sites.pop_back();
    s.sites[0].racks = 1;
    expectDiagnosis(s, "rack positions at Reno");
}

TEST(Optimizer, OversubscriptionFitsMoreInferenceUnitsButNoMoreTraining)
{
    // Reno has power for exactly 4 DGX H100 at nameplate. Inference demand needs 5 of them: with
    // a gain of 0.3 a unit in the capped power domain counts 1 / 1.3 of its power, so 5 × 1/1.3 =
    // 3.85 fit; training demand of the same 5 units does not, since training units are never capped.
    Scenario s = tiny();
    s.market.pop_back(); // DGX H100 only, 10 a quarter
    s.market[0].supply = {10};
    s.inferenceClasses = {InferenceClass{}};
    const PlanModel probe = model(s);
    const double perUnitMw = probe.facilityKw(0, 0) / 1000.0;
    s.sites[0].powerMw = {4.0 * perUnitMw + 1e-6};
    s.demand = {QuarterDemand{0.0, {4.5 * probe.systems[0].inferenceTokensPerSecond[0]}}};
    EXPECT_EQ(optimize(model(s)).status, PlanStatus::Infeasible);
    s.sites[0].oversubscription = 0.3;
    const PlanModel m = model(s);
    EXPECT_NEAR(m.cappedKw(0, 0), m.facilityKw(0, 0) / 1.3, 1e-9);
    const Plan plan = optimize(m);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_EQ(m.installed(plan)(0, 0, 0), 5.0);
    EXPECT_GE(plan.inference[0](0, 0, 0), 4.5 - 1e-9);
    // At least 1 ÷ (1 − 1/1.3) = 4.33 units capped; the rest counted in full.
    ASSERT_FALSE(plan.capped.empty());
    const double capped = plan.capped(0, 0, 0);
    EXPECT_GE(capped, 1.0 / (1.0 - 1.0 / 1.3) - 1e-6);
    EXPECT_DOUBLE_EQ(e.quarters[0].cappedUnits[0], capped);
    EXPECT_NEAR(e.quarters[0].powerMw[0], capped * perUnitMw / 1.3 + (5.0 - capped) * perUnitMw, 1e-9);
    // Capped units cannot train: moving one unit of the 5 from inference to training needs it
    // uncapped, and the evaluator refuses it capped.
    Plan training = plan;
    training.inference[0](0, 0, 0) -= 1.0;
    training.training(0, 0, 0) += 1.0;
    training.capped(0, 0, 0) = 5.0;
    const auto refused = evaluate(m, training);
    ASSERT_FALSE(refused.violations.empty());
    EXPECT_NE(refused.violations.front().find("5 units power-capped and 1 training, 5 installed"), std::string::npos)
        << refused.violations.front();
    s.demand = {QuarterDemand{4.5 * probe.systems[0].trainingPflops, {}}};
    EXPECT_EQ(optimize(model(s)).status, PlanStatus::Infeasible);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").sites[0], s.sites[0]);
}

TEST(Optimizer, MostCapacityForABudgetMatchesEnumeration)
{
    // 2 M USD in all: the most dense peak (averaged over both quarters) the budget, supply and
    // power allow, training demand still met, and of those plans the cheapest. By enumeration.
    Scenario s = tiny();
    s.policy.budgetUsdTotal = 2.0e6;
    s.policy.objective = "max_capacity";
    const PlanModel m = model(s);
    double mostPeak = 0.0;
    double cheapest = std::numeric_limits<double>::infinity();
    forEachValidPlan(m, 3, [&](const Evaluation& e) {
        if (e.averagePeakPflops > mostPeak + 1e-9) {
            mostPeak = e.averagePeakPflops;
            cheapest = e.costUsd;
        } else if (e.averagePeakPflops > mostPeak - 1e-9) {
            cheapest = std::min(cheapest, e.costUsd);
        }
    });
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_NEAR(e.averagePeakPflops, mostPeak, 1e-6 * mostPeak);
    EXPECT_NEAR(plan.objectiveUsd, cheapest, 1e-6 * cheapest);
    // It buys more than the cheapest plan that meets demand.
    s.policy.objective = "min_cost";
    const PlanModel cost = model(s);
    EXPECT_GT(e.averagePeakPflops, evaluate(cost, optimize(cost, exactly())).averagePeakPflops);
    // Without a budget there is nothing to spend: refused, naming the field.
    s.policy.objective = "max_capacity";
    s.policy.budgetUsdTotal.reset();
    EXPECT_THROW(
        {
            try {
                checkScenario(s);
            } catch (const ValidationError& error) {
                EXPECT_EQ(std::string(error.what()),
                          "policy.objective: max_capacity needs a budget (budget_usd_total or budget_usd_per_quarter)");
                throw;
            }
        },
        ValidationError);
}

TEST(Optimizer, EachInferenceClassHasItsDemandMetOnItsOwn)
{
    // Two classes: a dense 8B model and a 671B mixture of experts in FP8 (37B active, a small MLA KV
    // cache), with demand for each. Each class's demand is met by the units allocated to it, and no
    // unit serves twice.
    Scenario s = tiny();
    s.demand = {QuarterDemand{0.0, {6000.0, 6000.0}}};
    InferenceClass small;
    small.name = "chat 8B";
    small.parameters = 8e9;
    InferenceClass big;
    big.name = "MoE 671B";
    big.parameters = 671e9;
    big.activeParameters = 37e9;
    big.bytesPerParameter = 1.0;
    big.kvBytesPerToken = 70272.0;
    big.experts = 256;
    big.expertsPerToken = 8;
    s.inferenceClasses = {small, big};
    const PlanModel m = model(s);
    for (int o = 0; o < 2; ++o) {
        EXPECT_GT(m.systems[o].inferenceTokensPerSecond[0], 0.0);
        EXPECT_GT(m.systems[o].inferenceTokensPerSecond[1], 0.0);
    }
    const Plan plan = optimize(m, exactly());
    ASSERT_EQ(plan.status, PlanStatus::Optimal);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    const auto installed = m.installed(plan);
    for (int t = 0; t < m.quarters(); ++t) {
        EXPECT_GE(e.quarters[t].inferenceTokensPerSecond[0], 6000.0 - 1e-6);
        EXPECT_GE(e.quarters[t].inferenceTokensPerSecond[1], 6000.0 - 1e-6);
        for (int o = 0; o < 2; ++o) {
            EXPECT_LE(plan.inference[0](o, 0, t) + plan.inference[1](o, 0, t), installed(o, 0, t) + 1e-9);
        }
    }
    EXPECT_TRUE(evaluate(m, greedyPlan(m)).violations.empty());
    // Only the small class: it costs less.
    Scenario one = s;
    one.demand = {QuarterDemand{0.0, {6000.0}}};
    EXPECT_LT(optimize(model(one), exactly()).objectiveUsd, plan.objectiveUsd);
    // A class no system can serve (a million tokens/s to each user): its demand cannot be met, and
    // the diagnosis says so.
    s.inferenceClasses[1].tokensPerSecondPerUser = 1e6;
    s.inferenceClasses[1].name = "giant";
    expectDiagnosis(s, "inference demand of giant");
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json").inferenceClasses, s.inferenceClasses);
}

TEST(Optimizer, ExportCapsLimitWhatIsBoughtEachYear)
{
    // Planned as if the AI-diffusion rule (US-AID-2025-01) were in force: DGX H100s for an Indian
    // site go under License Exception LPP, 26,900,000 TPP per consignee and calendar year. One DGX
    // H100 is 8 × 15,832 = 126,656 TPP, so 212 units a year. 150 units of demand in 2027 and 300 in
    // 2028Q1 fit (212 at most bought in each year); 250 in 2027 do not.
    Scenario s = tiny();
    s.quarters = 5;
    s.sites = {Site{"Mumbai", "IN", 1.4, 0.09, {20.0}, true, {}}};
    s.market = {Offer{"DGX H100", {}, {300}, 0}};
    s.policy.rules = "US-AID-2025-01";
    const PlanModel probe = model(s);
    const double perUnit = probe.systems[0].trainingPflops;
    s.demand = {QuarterDemand{150 * perUnit, {}}, QuarterDemand{150 * perUnit, {}}, QuarterDemand{150 * perUnit, {}},
                QuarterDemand{150 * perUnit, {}}, QuarterDemand{300 * perUnit, {}}};
    const PlanModel m = model(s);
    ASSERT_TRUE(m.allowed(0, 0, 0)) << m.reason(0, 0, 0);
    ASSERT_EQ(m.capShares(0, 0, 0).size(), 1U);
    EXPECT_EQ(m.capShares(0, 0, 0)[0].cap, "LPP (Acme 2027)");
    EXPECT_EQ(m.capShares(0, 0, 4)[0].cap, "LPP (Acme 2028)");
    EXPECT_DOUBLE_EQ(m.capShares(0, 0, 0)[0].tppPerUnit, 126656.0);
    EXPECT_DOUBLE_EQ(m.capShares(0, 0, 0)[0].limitTpp, 26900000.0);
    const Plan plan = optimize(m);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    std::map<int, int> perYear;
    for (const auto& p : plan.purchases) {
        perYear[s.firstQuarter.plus(p.quarter).year] += p.count;
    }
    EXPECT_LE(perYear[2027], 212);
    EXPECT_LE(perYear[2028], 212);
    EXPECT_GE(perYear[2027] + perYear[2028], 300);
    EXPECT_TRUE(evaluate(m, greedyPlan(m)).violations.empty()) << "greedy keeps to the caps too";
    // Buying 213 units in 2027 breaks the cap, and the evaluator says by how much.
    Plan over;
    over.purchases.push_back({0, 0, 0, 213});
    const auto broken = evaluate(m, over);
    ASSERT_FALSE(broken.violations.empty());
    EXPECT_NE(broken.violations.front().find("export-control cap LPP (Acme 2027): 26977728 TPP bought, cap 26900000"),
              std::string::npos)
        << broken.violations.front();
    s.demand[0].trainingPflops = 250 * perUnit;
    expectDiagnosis(s, "export-control cap LPP (Acme 2027)");
}

TEST(PlanDecisions, RebuildTheSamePlanAndRefuseIndicesOutOfRange)
{
    // The sample's plan (purchases, retirements, allocation of every unit) through its JSON decisions
    // and back: the evaluator finds the same cost and nothing broken.
    const auto& scenario = sample().scenarios.front();
    const PlanModel m = model(scenario, sample().company);
    const Plan plan = optimize(m);
    const std::vector<ShadowPrice> prices = shadowPrices(m);
    const auto decisions = planDecisions(plan, prices);
    const Plan back = planFromDecisions(m, nlohmann::json::parse(decisions.dump()), "s.fleet");
    EXPECT_EQ(back.status, plan.status);
    EXPECT_EQ(back.retirements.size(), plan.retirements.size());
    ASSERT_EQ(back.purchases.size(), plan.purchases.size());
    EXPECT_EQ(back.purchases.front().count, plan.purchases.front().count);
    const auto e = evaluate(m, back);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_NEAR(e.costUsd, evaluate(m, plan).costUsd, 1e-6 * e.costUsd);
    EXPECT_EQ(shadowPricesFromDecisions(m, decisions, "s.fleet").size(), prices.size());
    auto broken = decisions;
    broken["purchases"][0][2] = 99; // no offer 99 in this scenario
    try {
        planFromDecisions(m, broken, "s.fleet");
        ADD_FAILURE() << "an offer index out of range";
    } catch (const FileFormatError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "s.fleet: decisions.purchases[0][2]: 99 is out of range for this scenario");
    }
}

TEST(Optimizer, EverySamplePlanPassesTheEvaluator)
{
    for (const auto& scenario : sample().scenarios) {
        const PlanModel m = model(scenario, sample().company);
        if (scenario.buyer.hqCountry == "CN") {
            // Sample (b): its buyer is China-headquartered whatever the fleet's company, so the
            // headquarters rule blocks every controlled offer at every site; only rented capacity
            // in Malaysia, from non-Chinese providers, can serve it.
            for (const auto& b : blockedOffers(m)) {
                EXPECT_NE(b.reason.find("US-HQ-GUIDANCE-2026-05"), std::string::npos) << b.reason;
            }
            EXPECT_EQ(blockedOffers(m).size(), m.scenario.market.size() * m.scenario.sites.size());
            const Plan rented = optimize(m);
            ASSERT_NE(rented.status, PlanStatus::Infeasible);
            EXPECT_TRUE(rented.purchases.empty());
            EXPECT_FALSE(rented.rentals.empty());
            EXPECT_TRUE(evaluate(m, rented).violations.empty());
            continue;
        }
        const Plan plan = optimize(m);
        ASSERT_NE(plan.status, PlanStatus::Infeasible) << scenario.name;
        const auto e = evaluate(m, plan);
        EXPECT_TRUE(e.violations.empty()) << scenario.name << ": " << e.violations.front();
        const Plan greedy = greedyPlan(m);
        EXPECT_LE(plan.objectiveUsd, evaluate(m, greedy).costUsd * (1 + 1e-9))
            << "the optimizer is no worse than greedy";
    }
}

TEST(Optimizer, CuttingPowerAtOneSiteMovesBuyingElsewhere)
{
    Scenario s = tiny();
    s.sites.push_back(Site{"Austin", "US", 1.2, 0.07, {1.0}, true, {}});
    s.sites[0].electricityUsdPerKwh = 0.05; // Reno is cheaper: the optimizer prefers it
    const Plan before = optimize(model(s));
    const auto atReno = [](const Plan& p) {
        return std::count_if(p.purchases.begin(), p.purchases.end(), [](const Purchase& x) { return x.site == 0; });
    };
    EXPECT_GT(atReno(before), 0);
    s.sites[0].powerMw = {0.0};
    const Plan after = optimize(model(s));
    ASSERT_NE(after.status, PlanStatus::Infeasible);
    EXPECT_EQ(atReno(after), 0);
    EXPECT_TRUE(evaluate(model(s), after).violations.empty());
}

TEST(Optimizer, AnExcludedVendorDisappears)
{
    Scenario s = tiny();
    s.market.push_back(Offer{"MI300X 8-GPU server", {}, {6}, 0});
    s.sites[0].powerMw = {2.0};
    const PlanModel m = model(s);
    const Plan with = optimize(m);
    s.policy.excludedVendors = {"AMD"};
    const PlanModel without = model(s);
    const Plan plan = optimize(without);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    for (const auto& p : plan.purchases) {
        EXPECT_NE(without.systems[static_cast<std::size_t>(p.offer)].vendor, "AMD");
    }
    EXPECT_GE(plan.objectiveUsd, with.objectiveUsd - 1e-6);
}

TEST(Optimizer, ALicenceRequiredCountryGetsNoControlledSystems)
{
    Scenario s = tiny();
    s.sites.push_back(Site{"Abu Dhabi", "AE", 1.3, 0.03, {5.0}, true, {}}); // cheap power, but D:4
    const PlanModel m = model(s);
    const Plan plan = optimize(m);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    for (const auto& p : plan.purchases) {
        EXPECT_NE(p.site, 1) << "DGX systems (4A090.a) need a licence for the UAE";
    }
    EXPECT_FALSE(m.allowed(0, 1, 0));
    s.policy.licenceAppetite = "presumption_of_approval"; // counting on the licence moves buying there
    const Plan licensed = optimize(model(s));
    EXPECT_TRUE(std::any_of(licensed.purchases.begin(), licensed.purchases.end(),
                            [](const Purchase& p) { return p.site == 1; }));
}

TEST(Optimizer, AChinaHeadquarteredCompanyGetsNo3A090aSystems)
{
    // A Malaysian site: the headquarters rule needs a licence at every destination outside the US
    // (BIS guidance 2026-05-31); inside the US nothing is exported.
    Scenario s = tiny();
    s.sites[0].country = "MY";
    const PlanModel m = model(s, {"Overseas Builder", "CN", "CN"});
    for (const auto allowed : m.allowed.cells()) {
        EXPECT_FALSE(allowed);
    }
    const Plan plan = optimize(m);
    EXPECT_EQ(plan.status, PlanStatus::Infeasible);
    EXPECT_TRUE(plan.purchases.empty());
    // The diagnosis relaxes the limits: both quarters' training demand cannot be met at all.
    ASSERT_EQ(plan.diagnosis.size(), 2U);
    EXPECT_EQ(plan.diagnosis[0], "2027Q1 training demand cannot be met: short by 6 PFLOP/s");
    EXPECT_EQ(plan.diagnosis[1], "2027Q2 training demand cannot be met: short by 14 PFLOP/s");
}

TEST(PlanModel, TheScenariosBuyerDecidesOverTheFleetsCompany)
{
    Scenario s = tiny();
    s.sites[0].country = "MY";
    EXPECT_TRUE(model(s).allowed(0, 0, 0)); // the fleet's company is US-headquartered
    s.buyer.hqCountry = "CN";
    const PlanModel m = model(s);
    EXPECT_EQ(m.company.hqCountry, "CN");
    EXPECT_EQ(m.company.parentHqCountry, "US"); // not set by the scenario: the fleet company's
    EXPECT_EQ(m.company.name, "Acme");
    EXPECT_FALSE(m.allowed(0, 0, 0));
    EXPECT_NE(m.reason(0, 0, 0).find("US-HQ-GUIDANCE-2026-05"), std::string::npos) << m.reason(0, 0, 0);
}

TEST(PlanModel, AnOfferTheCatalogCannotClassifyIsBlockedUnlessReviewItemsAreAccepted)
{
    // CS-2: one WSE-2 whose dense figures are unpublished, so its TPP is unknown. In China,
    // 3A090.a.1 (TPP ≥ 4,800) would need a licence; the catalog cannot say whether it applies.
    Scenario s = tiny();
    s.sites[0].country = "CN";
    s.market.push_back(Offer{"CS-2", {}, {4}, 0});
    const PlanModel strict = model(s);
    EXPECT_FALSE(strict.allowed(2, 0, 0));
    EXPECT_EQ(strict.reason(2, 0, 0).rfind("needs review", 0), 0U) << strict.reason(2, 0, 0);
    EXPECT_TRUE(strict.review(2, 0, 0).empty());
    s.policy.acceptReviewItems = true;
    const PlanModel accepting = model(s);
    EXPECT_TRUE(accepting.allowed(2, 0, 0));
    EXPECT_NE(accepting.review(2, 0, 0).find("TPP ≥ 4800"), std::string::npos) << accepting.review(2, 0, 0);
    EXPECT_FALSE(accepting.allowed(0, 0, 0)); // a DGX H100 needs a licence in China either way
    EXPECT_TRUE(accepting.review(0, 0, 0).empty());
}

TEST(Optimizer, VendorShareAndBudgetsHold)
{
    Scenario s = tiny();
    s.market.push_back(Offer{"MI300X 8-GPU server", {}, {6}, 0});
    s.sites[0].powerMw = {2.0};
    s.policy.maxVendorShare = 0.6;
    s.policy.budgetUsdPerQuarter = 2'000'000;
    const PlanModel m = model(s);
    const Plan plan = optimize(m);
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    const auto e = evaluate(m, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    for (const auto& q : e.quarters) {
        for (const auto& [vendor, share] : q.vendorShares) {
            EXPECT_LE(share, 0.6 + 1e-6) << q.quarter << " " << vendor;
        }
        EXPECT_LE(q.capexUsd, 2'000'000 + 1e-6);
    }
}

TEST(Optimizer, GreedyKeepsEachVendorWithinItsShare)
{
    // Training demand alone makes the greedy plan buy the one system with the most PFLOP/s per dollar;
    // at most 60 % of the peak from one vendor, it must buy the other vendor's units too.
    Scenario s = tiny();
    s.market.push_back(Offer{"MI300X 8-GPU server", {}, {20}, 0});
    s.policy.maxVendorShare = 0.6;
    const PlanModel m = model(s);
    const Plan greedy = greedyPlan(m);
    const auto e = evaluate(m, greedy);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    for (const auto& q : e.quarters) {
        ASSERT_EQ(q.vendorShares.size(), 2U) << q.quarter;
        for (const auto& [vendor, share] : q.vendorShares) {
            EXPECT_LE(share, 0.6 + 1e-6) << q.quarter << " " << vendor;
        }
    }
}

TEST(Optimizer, PowerThatBindsHasAShadowPrice)
{
    // Reno's power is cheap but 50 kW holds two DGX H100 only; Austin's power costs three times as much.
    Scenario s = tiny();
    s.sites[0].powerMw = {0.05};
    s.sites.push_back(Site{"Austin", "US", 1.2, 0.20, {1.0}, true, {}}); // expensive power elsewhere
    const PlanModel m = model(s);
    const auto prices = shadowPrices(m);
    const auto reno = std::find_if(prices.begin(), prices.end(),
                                   [](const ShadowPrice& p) { return p.constraint == "site_power" && p.site == 0; });
    ASSERT_NE(reno, prices.end());
    EXPECT_GT(reno->value, 0.0);
    EXPECT_EQ(reno->unit, "USD per MW");
    for (const auto& p : prices) {
        EXPECT_GT(p.value, 0.0);
    }
}

TEST(Optimizer, DiagnosesAPowerShortfall)
{
    Scenario s = tiny();
    s.sites[0].powerMw = {0.0}; // nowhere to put anything
    const Plan plan = optimize(model(s));
    EXPECT_EQ(plan.status, PlanStatus::Infeasible);
    ASSERT_FALSE(plan.diagnosis.empty());
    const bool namesPower = std::any_of(plan.diagnosis.begin(), plan.diagnosis.end(), [](const std::string& line) {
        return line.starts_with("power at Reno in 2027Q1 would be exceeded by ");
    });
    EXPECT_TRUE(namesPower) << plan.diagnosis.front();
}

TEST(Optimizer, HonoursTheTimeLimit)
{
    Scenario s = sample().scenarios.front();
    s.quarters = 16;
    OptimizerOptions options;
    options.timeLimitSeconds = 1.0;
    options.relativeGap = 0.0;
    const auto started = std::chrono::steady_clock::now();
    const Plan plan = optimize(model(s, sample().company), options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_LT(seconds, 4.0); // CBC alone overran by seconds on big models; the solve now stops itself
    EXPECT_NE(plan.status, PlanStatus::Infeasible);
}

TEST(Optimizer, AnEarlyTimeLimitStillReturnsAPlanNoWorseThanGreedy)
{
    // CBC starts from the greedy plan, so stopping it at once still gives a valid plan.
    const PlanModel m = model(sample().scenarios.front(), sample().company);
    const Plan greedy = greedyPlan(m);
    const auto greedyCheck = evaluate(m, greedy);
    ASSERT_TRUE(greedyCheck.violations.empty()) << greedyCheck.violations.front();
    OptimizerOptions options;
    options.timeLimitSeconds = 0.001;
    const Plan plan = optimize(m, options);
    ASSERT_FALSE(plan.purchases.empty()) << toString(plan.status);
    const auto check = evaluate(m, plan);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
    EXPECT_LE(check.costUsd, greedyCheck.costUsd * (1 + 1e-9));
}

TEST(Optimizer, ACancelBeforeTheSearchReturnsTheGreedyStart)
{
    const PlanModel m = model(sample().scenarios.front(), sample().company);
    const auto greedy = evaluate(m, greedyPlan(m));
    ASSERT_TRUE(greedy.violations.empty());
    const std::atomic<bool> cancel{true};
    OptimizerOptions options;
    options.cancel = &cancel;
    const Plan plan = optimize(m, options);
    EXPECT_EQ(plan.status, PlanStatus::Cancelled);
    EXPECT_TRUE(plan.diagnosis.empty()); // a cancel is no reason to diagnose
    ASSERT_FALSE(plan.purchases.empty());
    const auto check = evaluate(m, plan);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
    EXPECT_LE(check.costUsd, greedy.costUsd * (1 + 1e-9));
}

TEST(Optimizer, ReportsProgressAndStopsSoonAfterACancel)
{
    // A 16-quarter horizon solved to a zero gap keeps CBC searching; the first progress report
    // cancels, from the solving thread, as a Cancel button would from another.
    Scenario s = sample().scenarios.front();
    s.quarters = 16;
    const PlanModel m = model(s, sample().company);
    std::atomic<bool> cancel{false};
    std::vector<SolveProgress> reports;
    OptimizerOptions options;
    options.relativeGap = 0.0;
    options.timeLimitSeconds = 60.0;
    options.cancel = &cancel;
    options.progress = [&](const SolveProgress& p) {
        reports.push_back(p);
        cancel = true;
    };
    const Plan plan = optimize(m, options);
    ASSERT_FALSE(reports.empty()) << "CBC finished before it reported: " << toString(plan.status);
    EXPECT_EQ(plan.status, PlanStatus::Cancelled);
    EXPECT_LT(plan.solveSeconds - reports.back().seconds, 1.0); // the cancel took effect at once
    EXPECT_LE(reports.back().bound, reports.back().incumbent + 1e-6);
    EXPECT_GT(plan.gap, 0.0); // stopped early: the bound is below the plan
    const auto check = evaluate(m, plan);
    EXPECT_TRUE(check.violations.empty()) << check.violations.front();
}

TEST(Scenario, InstalledSystemsMayGiveTheirPurchaseQuarterAndPrice)
{
    // Bought in 2025Q1 for 300,000 USD, planned from 2027Q1: 2 years old, and worth 300,000 ×
    // e^(−2λ) at the horizon's start, λ the H100's loss a year from the catalog's one used price
    // (23,500 USD in February 2026 against 31,250 new, released mid-2022: ln(31,250 / 23,500) / 3.625
    // years = 0.0786), 256,400 USD.
    Scenario s = tiny();
    s.installed.push_back({"Reno", "DGX H100", 4, 0.0, std::nullopt, std::nullopt});
    auto j = nlohmann::json::parse(scenarioToJson(s));
    j["installed"][0].erase("age_years");
    j["installed"][0]["purchased"] = "2025Q1";
    j["installed"][0]["price_usd"] = 300000;
    const Scenario read = scenarioFromJson(j.dump(), "s.json");
    EXPECT_DOUBLE_EQ(read.installed[0].ageYears, 2.0);
    EXPECT_DOUBLE_EQ(*read.installed[0].priceUsd, 300000.0);
    EXPECT_FALSE(read.installed[0].resaleUsd);
    EXPECT_EQ(scenarioFromJson(scenarioToJson(read), "again.json"), read);
    const double lossPerYear = std::log(31250.0 / 23500.0) / (2026.0 + 1.5 / 12.0 - 2022.5);
    const PlanModel m = model(read);
    const int h100 = 0; // installed units count as the market's new DGX H100 offer
    ASSERT_EQ(m.systems[0].sku, "DGX H100");
    EXPECT_NEAR(m.resaleUsd(h100, 0, 0), 300000.0 * std::exp(-2.0 * lossPerYear), 1e-6);
    EXPECT_NEAR(m.resaleUsd(h100, 0, 0), 256'400.0, 100.0);
    EXPECT_NEAR(m.resaleUsd(h100, 0, 2), 300000.0 * std::exp(-2.5 * lossPerYear), 1e-6); // the horizon's end
    // Without a price or a resale value, the system's own full-system price starts the same curve.
    Scenario unpriced = read;
    unpriced.installed[0].priceUsd.reset();
    const PlanModel n = model(unpriced);
    const double newPrice = n.systems[static_cast<std::size_t>(h100)].priceUsd;
    EXPECT_GT(newPrice, 0.0);
    EXPECT_NEAR(n.resaleUsd(h100, 0, 0), newPrice * std::exp(-2.0 * lossPerYear), 1e-6);
    // One or the other.
    Scenario both = read;
    both.installed[0].resaleUsd = 1000.0;
    try {
        checkScenario(both);
        ADD_FAILURE() << "a resale value and a price";
    } catch (const ValidationError& e) {
        EXPECT_EQ(std::string(e.what()), "installed[0].price_usd: give resale_usd or price_usd, not both");
    }
    j["installed"][0]["purchased"] = "2027Q3";
    try {
        scenarioFromJson(j.dump(), "s.json");
        ADD_FAILURE() << "a purchase after the horizon's start";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("installed[0].purchased"), std::string::npos) << e.what();
    }
}

TEST(Scenario, MalformedJsonNamesThePath)
{
    const std::string good = readTextFile(tests::shippedData() / "sample" / "neocloud-us.json");
    EXPECT_NO_THROW(scenarioFromJson(good, "a.json"));
    EXPECT_EQ(scenarioFromJson(scenarioToJson(scenarioFromJson(good, "a.json")), "b.json"),
              scenarioFromJson(good, "a.json"));
    const auto errorOf = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        try {
            scenarioFromJson(text, "s.json");
        } catch (const FileFormatError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(errorOf("\"pue\": 1.15", "\"pue\": 0.9"), "s.json: sites[1].pue: 0.9 is below 1");
    EXPECT_EQ(errorOf("\"first_quarter\": \"2027Q1\"", "\"first_quarter\": \"2027Q5\""),
              "s.json: first_quarter: \"2027Q5\" is not a quarter like 2027Q1");
    for (const std::string bad : {"20x7Q1", "-999Q1", "+202Q1", "2027q1", "2027Q1 "}) { // the year four digits
        EXPECT_EQ(errorOf("\"first_quarter\": \"2027Q1\"", "\"first_quarter\": \"" + bad + "\""),
                  "s.json: first_quarter: \"" + bad + "\" is not a quarter like 2027Q1");
    }
    EXPECT_EQ(errorOf("\"site\": \"Texas\"", "\"site\": \"Texass\""), "s.json: installed[0].site: no site \"Texass\"");
    EXPECT_EQ(errorOf("\"supply_per_quarter\": 60", "\"supply_per_quarter\": -1"),
              "s.json: market[0].supply_per_quarter: -1 is negative; must be ≥ 0");
    EXPECT_EQ(errorOf("\"headroom\"", "\"head_room\""), "s.json: policy.head_room: unknown field");
    // A name is a label (at most 256 characters, counted as characters, not bytes); any text at most
    // 100,000: the error names the field and the length, not the 300 characters.
    const std::string named = "\"name\": \"Texas\"";
    EXPECT_EQ(errorOf(named, "\"name\": \"" + std::string(300, 'T') + "\""),
              "s.json: sites[0].name: 300 characters is above the largest name (of a scenario, site, run, class, "
              "event, owner or rule set) accepted, 256 characters");
    std::string accented;
    for (int i = 0; i < 256; ++i) {
        accented += "é";
    }
    EXPECT_EQ(errorOf("ERCOT industrial power; the utility delivers in steps", std::string(100001, 'n')),
              "s.json: sites[0].notes: 100001 characters is above the largest text field of a JSON file accepted, "
              "100000 characters");
    // 256 two-byte characters are a name (read; the fleet then misses its site "Texas").
    EXPECT_EQ(errorOf(named, "\"name\": \"" + accented + "\""), "s.json: installed[0].site: no site \"Texas\"");
    // The same limit holds for a scenario edited in memory (a name typed in the GUI).
    Scenario typed = scenarioFromJson(good, "a.json");
    typed.sites[0].name = std::string(257, 'x');
    try {
        checkScenario(typed);
        ADD_FAILURE() << "a 257-character site name";
    } catch (const ValidationError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("sites[0].name: 257 characters is above the largest name", 0), 0u)
            << e.what();
    }
}

} // namespace
} // namespace fw::core::plan

namespace fw::core::report {
namespace {

TEST(PlanCharts, ManySitesGetSevenLinesAndTheRestSummed)
{
    plan::Scenario scenario;
    plan::Evaluation e;
    e.quarters.resize(2);
    for (int j = 0; j < 10; ++j) {
        scenario.sites.push_back({"s" + std::to_string(j), "US", 1.2, 0.1, {10.0}, true, {}});
        for (auto& q : e.quarters) {
            q.quarter = "2027Q1";
            q.powerMw.push_back(j); // site 9 draws the most
            q.powerAvailableMw.push_back(10.0);
        }
    }
    const LineChart chart = powerChart(scenario, e);
    ASSERT_EQ(chart.series.size(), 16U); // 7 sites + "other 3 sites", each used and available
    EXPECT_EQ(chart.series[0].name, "s9");
    EXPECT_EQ(chart.series[14].name, "other 3 sites");
    EXPECT_DOUBLE_EQ(chart.series[14].values[0], 0.0 + 1.0 + 2.0);
    EXPECT_DOUBLE_EQ(chart.series[15].values[0], 30.0);
    EXPECT_EQ(chart.categories.front(), "27Q1");
    scenario.sites.resize(8);
    for (auto& q : e.quarters) {
        q.powerMw.resize(8);
        q.powerAvailableMw.resize(8);
    }
    EXPECT_EQ(powerChart(scenario, e).series.size(), 16U); // eight sites: a line each, in their order
    EXPECT_EQ(powerChart(scenario, e).series[0].name, "s0");
}

} // namespace
} // namespace fw::core::report
