// SPDX-License-Identifier: Apache-2.0
// Rent or own, worked by hand. Every case: one US site "Reno" (1 MW, PUE 1.25, 0.10 USD/kWh), no
// discounting, DGX H100 on the market at its catalog price (270,000 USD for 8 × H100 SXM), and a
// US neocloud renting H100 (the DGX H100's accelerators) on demand at 2.50 USD per accelerator-hour.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

#include "core/error.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "tests/core/plan/planfixtures.h"
#include "tests/core/testdir.h"

namespace fw::core::plan {

CloudOffer onDemand(const std::string& provider, const std::string& sku, double usdPerHour)
{
    CloudOffer o;
    o.provider = provider;
    o.providerHq = "US";
    o.region = "US";
    o.sku = sku;
    o.usdPerAcceleratorHour = {usdPerHour};
    o.priceSources = {"https://example.org/price-list"};
    o.available = {1024};
    o.blockAccelerators = 8;
    return o;
}

namespace {

CloudOffer neocloud(double usdPerHour = 2.50)
{
    return onDemand("Example Neocloud", "DGX H100", usdPerHour);
}

Scenario reno(int quarters)
{
    Scenario s;
    s.name = "rent or own";
    s.firstQuarter = Quarter::parse("2027Q1");
    s.quarters = quarters;
    s.discountRatePerYear = 0.0;
    s.sites = {Site{"Reno", "US", 1.25, 0.10, {1.0}, true, {}}};
    s.market = {Offer{"DGX H100", {}, {16}, 0}};
    s.demand = {QuarterDemand{0.0, {}}};
    return s;
}

struct Solved {
    PlanModel model;
    Plan plan;
    Evaluation check;
};

Solved solve(const Scenario& s)
{
    PlanModel m = model(s);
    Plan plan = optimize(m, exactly());
    Evaluation check = evaluate(m, plan);
    return {std::move(m), std::move(plan), std::move(check)};
}

TEST(RentedCapacity, ASixWeekTrainingRunIsRented)
{
    // A named run of 64 H100 for 6 weeks from 2027Q1, one-quarter horizon.
    // Renting on demand: 64 accelerators (8 whole blocks of 8) × 6 weeks × 168 h × 2.50 USD
    //   = 64 × 1,008 × 2.50 = 161,280 USD.
    // Owning: 8 DGX H100 = 2,160,000 USD, kept to the horizon's end a quarter later at
    // e^(−λ/4) ≈ 0.924^0.25 ≈ 0.9805 of the price (loses ≈ 42,100 USD), plus the scale-out fabric
    // for 64 accelerators (a few thousand USD each: ≈ 290,000 USD with the sample's switches) and a
    // quarter of energy and maintenance (8 × (11.9 kW × 219 USD + 3,375 USD) ≈ 47,900 USD):
    // ≈ 380,000 USD. Renting wins by more than twice.
    Scenario s = reno(1);
    s.trainingRuns = {TrainingRun{"six weeks", Quarter::parse("2027Q1"), 64, 6.0}};
    s.cloudOffers = {neocloud()};
    const Solved rented = solve(s);
    ASSERT_EQ(rented.plan.status, PlanStatus::Optimal);
    EXPECT_TRUE(rented.check.violations.empty()) << rented.check.violations.front();
    ASSERT_EQ(rented.plan.runCloudOffers.size(), 1U);
    EXPECT_EQ(rented.plan.runCloudOffers[0], 0);
    EXPECT_EQ(rented.plan.runSites[0], -1);
    EXPECT_TRUE(rented.plan.purchases.empty());
    EXPECT_NEAR(rented.check.rentalNpvUsd, 64 * 6 * 168 * 2.50, 1e-6);
    EXPECT_NEAR(rented.check.costUsd, 161'280.0, 1e-6);
    EXPECT_NEAR(rented.plan.objectiveUsd, 161'280.0, 1e-3);
    EXPECT_DOUBLE_EQ(rented.check.quarters[0].rentedAccelerators, 64.0);

    // Without the offer the run is owned, and costs more than twice the rent (the hand figure above).
    s.cloudOffers.clear();
    const Solved owned = solve(s);
    ASSERT_EQ(owned.plan.status, PlanStatus::Optimal);
    EXPECT_EQ(owned.plan.runSites[0], 0);
    EXPECT_GT(owned.check.costUsd, 2 * 161'280.0);
    EXPECT_LT(owned.check.costUsd, 440'000.0);
}

TEST(RentedCapacity, ASteadyInferenceLoadIsOwned)
{
    // Inference of 16 H100's worth (2 DGX H100) every quarter for 8 quarters.
    // Renting: 16 × 8 quarters × 2,190 h × 2.50 USD = 700,800 USD.
    // Owning: 2 DGX H100 = 540,000 USD less what they keep after 2 years (0.924² ≈ 0.854: ≈ 461,000
    // USD) ≈ 79,000 USD, the fabric ≈ 82,300 USD, 8 quarters of energy and maintenance
    // 2 × 8 × (11.9 × 219 + 3,375) ≈ 95,700 USD: ≈ 257,000 USD. Owning wins.
    Scenario s = reno(8);
    s.inferenceClasses = {InferenceClass{}};
    s.cloudOffers = {neocloud()};
    const PlanModel probe = model(s);
    const double perAccelerator = probe.rented[0].inferenceTokensPerSecond[0];
    ASSERT_GT(perAccelerator, 0.0);
    ASSERT_NEAR(perAccelerator * 8, probe.systems[0].inferenceTokensPerSecond[0], 1e-9); // the same figures
    s.demand = {QuarterDemand{0.0, {16 * perAccelerator * (1 - 1e-9)}}};
    const Solved solved = solve(s);
    ASSERT_EQ(solved.plan.status, PlanStatus::Optimal);
    EXPECT_TRUE(solved.check.violations.empty()) << solved.check.violations.front();
    EXPECT_TRUE(solved.plan.rentals.empty());
    ASSERT_EQ(solved.plan.purchases.size(), 1U);
    EXPECT_EQ(solved.plan.purchases[0].count, 2);
    EXPECT_DOUBLE_EQ(solved.check.rentalNpvUsd, 0.0);
    EXPECT_GT(solved.check.costUsd, 230'000.0);
    EXPECT_LT(solved.check.costUsd, 280'000.0);
    EXPECT_LT(solved.check.costUsd, 700'800.0);
}

TEST(RentedCapacity, AReservedContractIsPaidForItsWholeTerm)
{
    // No site power: the only capacity is rented. Training demand of one H100's sustained PFLOP/s ×
    // 12 in each of 2 quarters; a 4-quarter reserved contract at 1.80 USD/h in blocks of 8 (so 16
    // accelerators) runs past the 2-quarter horizon and is paid in full:
    //   16 × 4 × 2,190 × 1.80 = 252,288 USD; on demand at 2.50 for 2 quarters would be
    //   16 × 2 × 2,190 × 2.50 = 175,200 USD, so the on-demand offer is chosen.
    Scenario s = reno(2);
    s.sites[0].powerMw = {0.0};
    CloudOffer reserved = neocloud(1.80);
    reserved.reserved = true;
    reserved.termQuarters = 4;
    s.cloudOffers = {reserved, neocloud()};
    const PlanModel probe = model(s);
    s.demand = {QuarterDemand{12 * probe.rented[0].trainingPflops, {}}};
    const Solved solved = solve(s);
    ASSERT_EQ(solved.plan.status, PlanStatus::Optimal);
    EXPECT_TRUE(solved.check.violations.empty()) << solved.check.violations.front();
    EXPECT_NEAR(solved.check.rentalNpvUsd, 175'200.0, 1e-6);
    EXPECT_NEAR(probe.rentalContractNpv(0, 0) * 16, 252'288.0, 1e-6);
    // Made dearer on demand (3.80 USD/h: 16 × 2 × 2,190 × 3.80 = 266,304), the reserved contract wins.
    s.cloudOffers[1].usdPerAcceleratorHour = {3.80};
    const Solved reservedWins = solve(s);
    EXPECT_TRUE(reservedWins.check.violations.empty());
    EXPECT_NEAR(reservedWins.check.rentalNpvUsd, 252'288.0, 1e-6);
    ASSERT_EQ(reservedWins.plan.rentals.size(), 1U);
    EXPECT_EQ(reservedWins.plan.rentals[0].cloudOffer, 0);
    EXPECT_EQ(reservedWins.plan.rentals[0].blocks, 2);
    // The greedy baseline rents too, and keeps every limit.
    const Plan greedy = greedyPlan(reservedWins.model);
    EXPECT_TRUE(evaluate(reservedWins.model, greedy).violations.empty());
    EXPECT_FALSE(greedy.rentals.empty());
}

TEST(RentedCapacity, CloudOffersRoundTripThroughTheirJson)
{
    Scenario s = reno(2);
    CloudOffer reserved = neocloud(1.80);
    reserved.reserved = true;
    reserved.termQuarters = 4;
    reserved.prepaid = true;
    reserved.providerParent = "Example Holdings";
    reserved.providerParentHq = "US";
    reserved.publishedUtilization = 0.9;
    reserved.minCommitAccelerators = 64;
    reserved.owners = {{"Example Holdings", 0.6}, {"Example Fund", 0.25}};
    s.cloudOffers = {reserved, neocloud()};
    s.policy.restrictedParties = "/srv/lists/parties.json";
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "s.json"), s);
}

TEST(RentedCapacity, ABadCloudOfferIsRefusedNamingItsField)
{
    const auto refused = [](const std::string& offer) {
        const std::string text = R"({"name": "x", "first_quarter": "2027Q1", "quarters": 2, "sites": [],
            "demand": [], "market": [], "cloud_offers": [)" +
                                 offer + "]}";
        try {
            scenarioFromJson(text, "s.json");
        } catch (const FileFormatError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string good = R"("provider": "P", "provider_hq": "US", "region": "MY", "sku": "DGX H100",
        "price_sources": "https://example.org", "accelerators_per_quarter": 64)";
    EXPECT_EQ(refused("{" + good + R"(, "usd_per_accelerator_hour": 2.5})"), "accepted");
    EXPECT_NE(refused("{" + good + R"(, "usd_per_accelerator_hour": -1})")
                  .find("cloud_offers[0].usd_per_accelerator_hour: -1"),
              std::string::npos);
    EXPECT_NE(refused("{" + good + R"(, "usd_per_accelerator_hour": 1e30})").find("usd_per_accelerator_hour"),
              std::string::npos);
    EXPECT_NE(refused("{" + good + "}").find("usd_per_accelerator_hour: missing"), std::string::npos);
    EXPECT_NE(refused("{" + good + R"(, "usd_per_accelerator_hour": 2, "contract": "reserved"})")
                  .find("term_quarters: missing"),
              std::string::npos);
    EXPECT_NE(refused("{" + good + R"(, "usd_per_accelerator_hour": [2, 3, 4], "price_sources": ["a", "b"]})")
                  .find("cloud_offers[0].price_sources: 2 sources for 3 prices"),
              std::string::npos);
    EXPECT_NE(refused(R"({"provider": "P", "provider_hq": "US", "region": "Malaysia", "sku": "DGX H100",
        "price_sources": "s", "accelerators_per_quarter": 64, "usd_per_accelerator_hour": 2})")
                  .find("cloud_offers[0].region: \"Malaysia\" is not an ISO 3166-1 alpha-2 code"),
              std::string::npos);
    EXPECT_EQ(refused("{" + good + R"(, "usd_per_accelerator_hour": 2, "owners": [{"name": "H", "share": 1.2}]})"),
              "s.json: cloud_offers[0].owners[0].share: 1.2 is not a share within (0, 1]");
    EXPECT_EQ(refused("{" + good +
                      R"(, "usd_per_accelerator_hour": 2, "owners": [{"name": "H", "share": 0.6},
                      {"name": "F", "share": 0.5}]})"),
              "s.json: cloud_offers[0].owners: shares add up to 1.1, more than the whole (1)");
}

TEST(RentedCapacity, AnUnknownSkuIsRefusedNamingTheOffer)
{
    Scenario s = reno(1);
    CloudOffer offer = neocloud();
    offer.sku = "Z9000";
    s.cloudOffers = {offer};
    try {
        model(s);
        FAIL() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("cloud_offers[0].sku"), std::string::npos) << e.what();
    }
}

TEST(RentedCapacity, TheShareRentedIsRentedOverServedPerQuarter)
{
    // Two quarters at Reno, a plan made by hand: one DGX H100 (8 H100, each p sustained PFLOP/s) bought
    // in 2027Q1 trains in both quarters; one block of 8 H100 rented on demand in 2027Q1, 4 training and
    // 4 serving the inference class.
    //   2027Q1 training: rented 4p of 8p + 4p served = 1/3; inference: only rented serves it = 1.
    //   2027Q2 training: 0 rented of 8p = 0; inference: nothing served, so no share.
    Scenario s = reno(2);
    s.inferenceClasses = {InferenceClass{}};
    s.demand = {QuarterDemand{0.0, {0.0}}};
    s.cloudOffers = {neocloud()};
    const PlanModel m = model(s);
    Plan plan;
    plan.status = PlanStatus::Feasible;
    plan.purchases = {Purchase{0, 0, 0, 1}};
    plan.training = m.zeroGrid();
    plan.training(0, 0, 0) = 1.0;
    plan.training(0, 0, 1) = 1.0;
    plan.inference = {m.zeroGrid()};
    plan.rentals = {Rental{0, 0, 1}};
    plan.rentedTraining = {{4.0, 0.0}};
    plan.rentedInference = {{{4.0, 0.0}}};
    const Evaluation e = evaluate(m, plan);
    ASSERT_TRUE(e.violations.empty()) << e.violations.front();
    const double p = m.rented[0].trainingPflops;
    ASSERT_GT(p, 0.0);
    ASSERT_NEAR(m.systems[0].trainingPflops, 8 * p, 1e-9); // the same figures, per accelerator
    EXPECT_NEAR(e.quarters[0].rentedTrainingPflops, 4 * p, 1e-9);
    EXPECT_NEAR(e.quarters[0].trainingPflops, 12 * p, 1e-9);
    EXPECT_NEAR(e.quarters[0].rentedTrainingShare().value(), 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(e.quarters[0].rentedInferenceTokensPerSecond[0], 4 * m.rented[0].inferenceTokensPerSecond[0], 1e-9);
    EXPECT_NEAR(e.quarters[0].rentedInferenceShare(0).value(), 1.0, 1e-12);
    EXPECT_EQ(e.quarters[1].rentedTrainingShare(), std::optional<double>(0.0));
    EXPECT_FALSE(e.quarters[1].rentedInferenceShare(0).has_value());
    EXPECT_FALSE(e.quarters[1].rentedInferenceShare(1).has_value()); // no such class
}

TEST(RentedCapacity, OneMoreRentedAcceleratorIsWorthWhatItSavesWhereTheOfferRunsOut)
{
    // No site power: only rented H100 serve. One quarter, 2027Q1, no discounting; 100 PFLOP/s of
    // forecast training demand, left unserved at 20 USD per PFLOP-hour; the neocloud has 16 H100
    // available at 2.50 USD per accelerator-hour. Each rented H100 serves p sustained PFLOP/s
    // (≈ 0.4), so all 16 are rented (6 of the 100 PFLOP/s) and one more would save the unserved
    // demand it serves less its rent, for the quarter's 2,190 hours:
    //   (p × 20 − 2.50) × 2,190 USD per accelerator (≈ 12,000 USD).
    Scenario s = reno(1);
    s.sites[0].powerMw = {0.0};
    s.demand = {QuarterDemand{0.0, {}, 100.0}};
    s.trainingUnservedUsdPerPflopHour = 20.0;
    s.cloudOffers = {neocloud()};
    s.cloudOffers[0].available = {16};
    const Solved solved = solve(s);
    ASSERT_EQ(solved.plan.status, PlanStatus::Optimal);
    EXPECT_TRUE(solved.check.violations.empty()) << solved.check.violations.front();
    EXPECT_DOUBLE_EQ(solved.check.quarters[0].rentedAccelerators, 16.0);
    const double p = solved.model.rented[0].trainingPflops;
    ASSERT_GT(p * 20.0, 2.50);
    const auto prices = shadowPrices(solved.model);
    const auto rented = std::find_if(prices.begin(), prices.end(),
                                     [](const ShadowPrice& price) { return price.constraint == "rented_capacity"; });
    ASSERT_NE(rented, prices.end());
    EXPECT_EQ(rented->cloudOffer, 0);
    EXPECT_EQ(rented->quarter, 0);
    EXPECT_EQ(rented->unit, "USD per accelerator");
    EXPECT_NEAR(rented->value, (p * 20.0 - 2.50) * 2190.0, 1e-6);
    EXPECT_EQ(shadowPriceSubject(solved.model, *rented),
              "one more rented H100 SXM from Example Neocloud (US) in 2027Q1");
    // With more available than the demand can use, the availability does not bind: no value.
    s.cloudOffers[0].available = {1024};
    s.demand = {QuarterDemand{0.0, {}, 10 * p}};
    for (const auto& price : shadowPrices(model(s))) {
        EXPECT_NE(price.constraint, "rented_capacity") << price.value;
    }
}

} // namespace
} // namespace fw::core::plan

namespace fw::core::plan {
namespace {

TEST(RentedCapacity, RentingIsJudgedOnTheProvidersExportAndTheRentersRemoteAccess)
{
    // H100 in Malaysia in 2027Q1, from a US provider: the provider's export is allowed; a renter
    // headquartered in China gets the 2025-05-13 red flag (US-GP10-GUIDANCE-2025-05) for training.
    Scenario s = reno(1);
    CloudOffer abroad = neocloud();
    abroad.region = "MY";
    s.cloudOffers = {abroad};
    const PlanModel chinese = model(s, Company{"Example CN", "CN", "CN"});
    ASSERT_TRUE(chinese.rented[0].allowed[0]) << chinese.rented[0].reason[0];
    EXPECT_NE(chinese.rented[0].warning[0].find("red flag when used to train models"), std::string::npos);
    EXPECT_NE(chinese.rented[0].warning[0].find("GP10-IAAS-CN-TRAINING"), std::string::npos);
    EXPECT_NE(chinese.rented[0].treatment[0].find("remote access red_flag"), std::string::npos);
    const PlanModel american = model(s);
    ASSERT_TRUE(american.rented[0].allowed[0]);
    EXPECT_TRUE(american.rented[0].warning[0].empty());
    EXPECT_NE(american.rented[0].treatment[0].find("AC23-IAAS-NOT-AN-EXPORT"), std::string::npos);
    // A provider headquartered in China holding H100 in Malaysia: the headquarters rule blocks its
    // export, so the offer cannot be rented by anyone.
    s.cloudOffers[0].providerHq = "CN";
    const PlanModel blocked = model(s);
    EXPECT_FALSE(blocked.rented[0].allowed[0]);
    EXPECT_NE(blocked.rented[0].reason[0].find("the provider's export to MY is license_required"), std::string::npos)
        << blocked.rented[0].reason[0];
}

/// A restricted-party list of one Entity List entry (added 2025-01-16), written where a scenario's
/// policy.restricted_parties can name it.
std::string listFile(const fw::tests::TemporaryDirectory& dir)
{
    const auto path = dir / "parties.json";
    std::ofstream(path) << R"({"entries": [{"name": "Example Listed Holdings Co., Ltd.", "country": "CN",
        "list": "Entity List", "date_added": "2025-01-16", "citation": "90 FR 0000",
        "source": "https://example.org/fr"}]})";
    return path.string();
}

TEST(RentedCapacity, AProviderWhoseParentIsListedIsBlockedCitingTheListEntry)
{
    const fw::tests::TemporaryDirectory dir;
    Scenario s = reno(2);
    s.policy.restrictedParties = listFile(dir);
    s.cloudOffers = {neocloud()};
    s.cloudOffers[0].providerParent = "EXAMPLE LISTED HOLDINGS LIMITED"; // the entry after normalisation
    const PlanModel m = model(s);
    const auto blocked = blockedCloudOffers(m);
    ASSERT_EQ(blocked.size(), 1U);
    EXPECT_EQ(blocked[0].firstQuarter, 0);
    EXPECT_EQ(blocked[0].quarters, 2);
    EXPECT_EQ(blocked[0].reason.rfind("counterparty screening: parent 'EXAMPLE LISTED HOLDINGS LIMITED' is on the "
                                      "Entity List: Example Listed Holdings Co., Ltd. (Entity List, CN, added "
                                      "2025-01-16, 90 FR 0000, https://example.org/fr)",
                                      0),
              0U)
        << blocked[0].reason;
    ASSERT_TRUE(blocked[0].screening && blocked[0].screening->entry);
    EXPECT_EQ(blocked[0].screening->entry->source, "https://example.org/fr");
    // The parent cleared (another name), the offer may be rented.
    s.cloudOffers[0].providerParent = "Example Unlisted Holdings";
    EXPECT_TRUE(blockedCloudOffers(model(s)).empty());
}

TEST(RentedCapacity, ASixtyPercentAffiliateIsBlockedOnlyWhileTheAffiliatesRuleIsInForce)
{
    // 2025Q4 (from 2025-10-01: the rule in force since 2025-09-29) blocked; 2026Q1–2026Q4 (the
    // suspension, 2025-11-10 through 2026-11-09) allowed with a red flag; 2027Q1 (after 2026-11-09:
    // unknown to the shipped data) needs review: blocked unless the scenario accepts review items.
    const fw::tests::TemporaryDirectory dir;
    Scenario s = reno(6);
    s.firstQuarter = Quarter::parse("2025Q4");
    s.policy.restrictedParties = listFile(dir);
    s.cloudOffers = {neocloud()};
    s.cloudOffers[0].owners = {{"Example Listed Holdings", 0.6}, {"Example Pension Fund", 0.4}};
    const PlanModel m = model(s);
    const auto& r = m.rented[0];
    EXPECT_EQ(r.allowed, (std::vector<bool>{false, true, true, true, true, false}));
    EXPECT_NE(r.reason[0].find("60 % owned by listed parties"), std::string::npos) << r.reason[0];
    EXPECT_NE(r.reason[0].find("US-AFFILIATES-2025-09"), std::string::npos) << r.reason[0];
    EXPECT_NE(r.warning[1].find("red flag: "), std::string::npos) << r.warning[1];
    EXPECT_NE(r.reason[5].find("needs review"), std::string::npos) << r.reason[5];
    EXPECT_NE(r.reason[5].find("accepts no review items"), std::string::npos) << r.reason[5];
    ASSERT_TRUE(r.screening[0] && r.screening[0]->entry);
    EXPECT_EQ(r.screening[0]->matchedAs, "owner (60 %)");
    s.policy.acceptReviewItems = true;
    const PlanModel accepting = model(s);
    EXPECT_TRUE(accepting.rented[0].allowed[5]);
    EXPECT_NE(accepting.rented[0].warning[5].find("needs review"), std::string::npos);
    EXPECT_FALSE(accepting.rented[0].allowed[0]); // in force: review items do not open it
}

TEST(RentedCapacity, AMissingListFileIsRefusedNamingIt)
{
    Scenario s = reno(1);
    s.policy.restrictedParties = "/nonexistent/parties.json";
    s.cloudOffers = {neocloud()};
    try {
        model(s);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/parties.json"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace fw::core::plan
