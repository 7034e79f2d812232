// SPDX-License-Identifier: Apache-2.0
// The uncertainty of a scenario: its JSON form and errors, the futures it makes (tree or draws),
// each future's model, and one answer for one seed whatever the threads.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/fileio.h"
#include "core/plan/futures.h"
#include "core/plan/stochastic.h"
#include "tests/core/plan/planfixtures.h"
#include "tests/core/testdir.h"

namespace fw::core::plan {

Scenario slippingB200()
{
    Scenario s = tiny();
    s.quarters = 3;
    s.demand.front().trainingPflops = 9.0;
    s.market[1].priceUsd = {250000.0};
    s.uncertainty.events = {UncertainEvent{"B200 slips", 0.3, "part_delay", "dgx b200", Quarter{}, 1.0, 1}};
    return s;
}

namespace {

nlohmann::json sampleJson()
{
    return nlohmann::json::parse(readTextFile(tests::shippedData() / "sample" / "neocloud-us.json"));
}

/// The error the sample gives with `events` as its uncertainty; "" when it reads.
std::string errorWith(const nlohmann::json& events)
{
    auto j = sampleJson();
    j["uncertainty"] = {{"events", events}};
    try {
        scenarioFromJson(j.dump(), "in.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

/// The error making the model of the future where every event of `s` happens gives; "" when none.
std::string futureError(const Scenario& s)
{
    try {
        futureModel(model(s), Future{std::vector<bool>(s.uncertainty.events.size(), true), 1.0});
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "";
}

/// An event for the futures alone: its name and probability (a demand change that changes nothing).
UncertainEvent happening(const std::string& name, double probability)
{
    return {name, probability, "demand", "", Quarter{}, 1.0, 0};
}

/// The US sample's plan model with `events` as its uncertainty.
PlanModel usSampleWith(std::vector<UncertainEvent> events)
{
    Scenario s = sample().scenarios.front();
    s.uncertainty.events = std::move(events);
    return model(s);
}

TEST(Uncertainty, TheSampleReadsAndWritesBackTheSame)
{
    const Scenario s = scenarioFromJson(sampleJson().dump(), "in.json");
    ASSERT_EQ(s.uncertainty.events.size(), 3u);
    EXPECT_EQ(s.uncertainty.events[1].kind, "vendor_price");
    EXPECT_EQ(s.uncertainty.events[1].target, "NVIDIA");
    EXPECT_DOUBLE_EQ(s.uncertainty.events[1].multiplier, 0.8);
    EXPECT_EQ(s.uncertainty.events[2].from.toString(), "2027Q3");
    EXPECT_EQ(scenarioFromJson(scenarioToJson(s), "back.json"), s);
    // The roadmap and headquarters kinds read and write back the same too.
    auto j = sampleJson();
    j["uncertainty"]["events"] = nlohmann::json::parse(R"([
        {"name": "slip", "probability": 0.3, "kind": "part_delay", "system": "DGX B200", "quarters": 2},
        {"name": "cut", "probability": 0.4, "kind": "part_price", "system": "DGX B200", "from": "2027Q3",
         "multiplier": 0.8},
        {"name": "fast", "probability": 0.5, "kind": "part_performance", "system": "GB200 NVL72", "multiplier": 1.2},
        {"name": "hq", "probability": 0.2, "kind": "buyer_licence_required", "buyer_hq": "CN", "from": "2028Q1"},
        {"name": "cap", "probability": 0.1, "kind": "country_cap", "country": "MY", "from": "2027Q2",
         "limit_tpp": 26900000},
        {"name": "software", "probability": 0.5, "kind": "software_efficiency", "from": "2027Q2", "multiplier": 1.3},
        {"name": "successor", "probability": 0.6, "kind": "used_market", "vendor": "NVIDIA",
         "from_launch_of": "GB200 NVL72", "multiplier": 0.7},
        {"name": "kernels", "probability": 0.5, "kind": "part_software_efficiency", "system": "GB200 NVL72",
         "from_launch_of": "GB200 NVL72", "multiplier": 1.4}])");
    const Scenario roadmap = scenarioFromJson(j.dump(), "in.json");
    EXPECT_EQ(roadmap.uncertainty.events[0].quarters, 2);
    EXPECT_EQ(roadmap.uncertainty.events[2].target, "GB200 NVL72");
    EXPECT_EQ(roadmap.uncertainty.events[2].from, roadmap.firstQuarter); // left out: the whole horizon
    EXPECT_EQ(roadmap.uncertainty.events[3].target, "CN");
    EXPECT_EQ(roadmap.uncertainty.events[4].target, "MY");
    EXPECT_DOUBLE_EQ(roadmap.uncertainty.events[4].limitTpp, 26900000.0);
    EXPECT_EQ(roadmap.uncertainty.events[5].target, ""); // every vendor
    EXPECT_DOUBLE_EQ(roadmap.uncertainty.events[5].multiplier, 1.3);
    EXPECT_EQ(roadmap.uncertainty.events[6].fromLaunchOf, "GB200 NVL72");
    EXPECT_EQ(roadmap.uncertainty.events[7].target, "GB200 NVL72");
    EXPECT_EQ(roadmap.uncertainty.events[7].fromLaunchOf, "GB200 NVL72");
    EXPECT_EQ(scenarioFromJson(scenarioToJson(roadmap), "back.json"), roadmap);
    // The fleet file keeps scenarios as their JSON: the sample fleet holds the events.
    EXPECT_EQ(sample().scenarios.front().uncertainty, s.uncertainty);
}

TEST(Uncertainty, EveryBadValueIsOneLineNamingItsField)
{
    const auto event = [](nlohmann::json extra) {
        nlohmann::json e = {
            {"name", "e"}, {"probability", 0.5}, {"kind", "demand"}, {"from", "2027Q3"}, {"multiplier", 0.5}};
        if (extra.is_object()) {
            e.update(extra);
        }
        return nlohmann::json::array({e});
    };
    EXPECT_EQ(errorWith(event({})), "");
    EXPECT_NE(errorWith(event({{"probability", 1.5}})).find("uncertainty.events[0].probability: 1.5 is above"),
              std::string::npos);
    EXPECT_NE(errorWith(event({{"probability", -0.1}})).find("probability"), std::string::npos);
    EXPECT_NE(errorWith(event({{"kind", "meteor"}})).find("\"meteor\" is not demand"), std::string::npos);
    EXPECT_NE(errorWith(event({{"stream", "video"}})).find("events[0].stream: \"video\" is not training"),
              std::string::npos);
    EXPECT_NE(errorWith(event({{"from", "2040Q1"}})).find("events[0].from: \"2040Q1\" is outside the horizon"),
              std::string::npos);
    EXPECT_NE(errorWith(event({{"from", "soon"}})).find("from"), std::string::npos);
    EXPECT_NE(errorWith(event({{"multiplier", 1e6}})).find("multiplier"), std::string::npos);
    EXPECT_NE(errorWith(event({{"quarters", 2}})).find("quarters"), std::string::npos); // not a demand field
    const nlohmann::json delay = {
        {"name", "late"}, {"probability", 0.5}, {"kind", "power_delay"}, {"site", "Atlantis"}, {"quarters", 2}};
    EXPECT_NE(errorWith(nlohmann::json::array({delay})).find("events[0].site: \"Atlantis\" is not a site"),
              std::string::npos);
    const nlohmann::json licence = {
        {"name", "l"}, {"probability", 0.5}, {"kind", "licence_required"}, {"country", "Malaysia"}, {"from", "2027Q3"}};
    EXPECT_NE(errorWith(nlohmann::json::array({licence})).find("\"Malaysia\" is not an ISO 3166-1 alpha-2 code"),
              std::string::npos);
    const nlohmann::json renter = {{"name", "r"},
                                   {"probability", 0.5},
                                   {"kind", "remote_access_licence"},
                                   {"renter_hq", "China"},
                                   {"from", "2027Q3"}};
    EXPECT_NE(errorWith(nlohmann::json::array({renter})).find("events[0].renter_hq: \"China\" is not an ISO 3166-1"),
              std::string::npos);
    EXPECT_NE(errorWith(event({{"kind", "embargo"}}))
                  .find("\"embargo\" is not demand, vendor_price, vendor_supply, used_market, part_delay, "
                        "part_price, part_performance, electricity_price, power_delay, licence_required, "
                        "buyer_licence_required, remote_access_licence, country_cap, software_efficiency or "
                        "part_software_efficiency"),
              std::string::npos);
    const nlohmann::json cap = {{"name", "c"},     {"probability", 0.5}, {"kind", "country_cap"},
                                {"country", "MY"}, {"from", "2027Q3"},   {"limit_tpp", -1}};
    EXPECT_NE(errorWith(nlohmann::json::array({cap})).find("events[0].limit_tpp: -1 TPP is below the least TPP a year"),
              std::string::npos)
        << errorWith(nlohmann::json::array({cap}));
    nlohmann::json noLimit = cap;
    noLimit.erase("limit_tpp");
    EXPECT_NE(errorWith(nlohmann::json::array({noLimit})).find("limit_tpp"), std::string::npos);
    nlohmann::json capWithMultiplier = cap;
    capWithMultiplier["limit_tpp"] = 1e6;
    capWithMultiplier["multiplier"] = 0.5;
    EXPECT_NE(errorWith(nlohmann::json::array({capWithMultiplier})).find("multiplier"), std::string::npos);
    const nlohmann::json supply = {
        {"name", "s"}, {"probability", 0.5}, {"kind", "vendor_supply"}, {"from", "2027Q3"}, {"multiplier", 0.5}};
    EXPECT_NE(errorWith(nlohmann::json::array({supply}))
                  .find("events[0].vendor: a vendor price or supply change needs a vendor"),
              std::string::npos)
        << errorWith(nlohmann::json::array({supply}));
    const nlohmann::json part = {{"name", "p"}, {"probability", 0.5}, {"kind", "part_delay"}, {"quarters", 2}};
    EXPECT_NE(
        errorWith(nlohmann::json::array({part})).find("events[0].system: a part's event needs the system it is about"),
        std::string::npos)
        << errorWith(nlohmann::json::array({part}));
    const nlohmann::json power = {
        {"name", "p"}, {"probability", 0.5}, {"kind", "electricity_price"}, {"from", "2027Q3"}, {"multiplier", 0.9}};
    EXPECT_NE(errorWith(nlohmann::json::array({power}))
                  .find("events[0].from: an event of kind electricity_price holds for the whole horizon"),
              std::string::npos)
        << errorWith(nlohmann::json::array({power}));
    nlohmann::json performance = {{"name", "p"},          {"probability", 0.5}, {"kind", "part_performance"},
                                  {"system", "DGX B200"}, {"from", "2027Q3"},   {"multiplier", 0.9}};
    EXPECT_EQ(errorWith(nlohmann::json::array({performance})), "");
    performance["from"] = "2040Q1";
    EXPECT_NE(errorWith(nlohmann::json::array({performance})).find("events[0].from: \"2040Q1\" is outside the horizon"),
              std::string::npos)
        << errorWith(nlohmann::json::array({performance}));
    // A price or value change may follow a successor's launch instead of a quarter: one or the other, a
    // new offer of the market, and only for those kinds.
    const nlohmann::json cut = {{"name", "c"},        {"probability", 0.5},           {"kind", "vendor_price"},
                                {"vendor", "NVIDIA"}, {"from_launch_of", "DGX B200"}, {"multiplier", 0.8}};
    EXPECT_EQ(errorWith(nlohmann::json::array({cut})), "");
    nlohmann::json cutTwice = cut;
    cutTwice["from"] = "2027Q3";
    EXPECT_NE(
        errorWith(nlohmann::json::array({cutTwice})).find("events[0].from: give a quarter or from_launch_of, not both"),
        std::string::npos)
        << errorWith(nlohmann::json::array({cutTwice}));
    nlohmann::json cutByNobody = cut;
    cutByNobody["from_launch_of"] = "Rubin NVL144";
    EXPECT_NE(errorWith(nlohmann::json::array({cutByNobody}))
                  .find("events[0].from_launch_of: \"Rubin NVL144\" is not a new offer of the market"),
              std::string::npos)
        << errorWith(nlohmann::json::array({cutByNobody}));
    EXPECT_NE(errorWith(event({{"from_launch_of", "DGX B200"}})).find("from_launch_of"), std::string::npos);
    // A NUL in a text value would cut every message quoting it short: refused where it is read.
    nlohmann::json cutByNul = cut;
    cutByNul["from_launch_of"] = std::string("DGX B200\0x", 10);
    EXPECT_NE(
        errorWith(nlohmann::json::array({cutByNul})).find("events[0].from_launch_of: holds a NUL character (\\u0000)"),
        std::string::npos)
        << errorWith(nlohmann::json::array({cutByNul}));
    EXPECT_NE(errorWith(nlohmann::json::array({event({})[0], event({})[0]})).find("appears twice"), std::string::npos);
    nlohmann::json many = nlohmann::json::array();
    for (int k = 0; k < 61; ++k) {
        many.push_back(event({{"name", "e" + std::to_string(k)}})[0]);
    }
    EXPECT_NE(errorWith(many).find("in.json: uncertainty: events (count): 61 events is above the largest"),
              std::string::npos)
        << errorWith(many);
}

TEST(Uncertainty, TheTreeHasEveryCombinationWithProductProbabilities)
{
    Uncertainty u;
    u.events = {happening("a", 0.3), happening("b", 0.5), happening("c", 1.0)};
    const auto futures = futuresOf(u, 64, 1);
    ASSERT_EQ(futures.size(), 4u); // c happens for sure: the four futures without it have probability 0
    double total = 0.0;
    for (const auto& f : futures) {
        total += f.probability;
        EXPECT_TRUE(f.happened[2]);
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_NEAR(futures[0].probability, 0.7 * 0.5, 1e-12); // neither a nor b
    EXPECT_EQ(futureName(u, futures[0]), "c");
    EXPECT_EQ(futureName(u, futures[3]), "a + b + c");
    EXPECT_FALSE(sampled(u, 8));
    EXPECT_TRUE(sampled(u, 7));
}

TEST(Uncertainty, DrawsDependOnTheSeedAloneAndMergeIdenticalFutures)
{
    Uncertainty u;
    for (int k = 0; k < 40; ++k) {
        u.events.push_back(happening("e" + std::to_string(k), 0.05 * (k % 10)));
    }
    ASSERT_TRUE(sampled(u, 100));
    const auto once = futuresOf(u, 100, 7);
    const auto again = futuresOf(u, 100, 7);
    ASSERT_EQ(once.size(), again.size());
    double total = 0.0;
    for (std::size_t k = 0; k < once.size(); ++k) {
        EXPECT_EQ(once[k].happened, again[k].happened);
        total += once[k].probability;
    }
    EXPECT_NEAR(total, 1.0, 1e-9);
    EXPECT_NE(futuresOf(u, 100, 8).front().happened, once.front().happened);
    for (const auto& f : once) {
        for (std::size_t e = 0; e < 40; e += 10) {
            EXPECT_FALSE(f.happened[e]); // probability 0 never happens
        }
    }
}

TEST(Uncertainty, EachEventChangesItsOwnPartOfTheFuturesModel)
{
    const Scenario s = sample().scenarios.front();
    const PlanModel base = model(s);
    ASSERT_EQ(s.sites[3].country, "MY");
    const auto only = [&](std::size_t event) {
        Future f{std::vector<bool>(s.uncertainty.events.size(), false), 1.0};
        f.happened[event] = true;
        return futureModel(base, f);
    };
    const PlanModel shock = only(0); // training × 0.6 from 2028Q1 (quarter 4)
    EXPECT_DOUBLE_EQ(shock.scenario.demandIn(3).trainingPflops, base.scenario.demandIn(3).trainingPflops);
    EXPECT_DOUBLE_EQ(shock.scenario.demandIn(4).trainingPflops, 0.6 * base.scenario.demandIn(4).trainingPflops);
    EXPECT_DOUBLE_EQ(shock.scenario.demandIn(11).forecastTrainingPflops,
                     0.6 * base.scenario.demandIn(11).forecastTrainingPflops);
    EXPECT_DOUBLE_EQ(shock.scenario.demandIn(11).inference(0), base.scenario.demandIn(11).inference(0));
    const PlanModel cut = only(1); // new NVIDIA offers × 0.8 from 2027Q3
    EXPECT_DOUBLE_EQ(cut.price(0, 1), base.price(0, 1));
    EXPECT_DOUBLE_EQ(cut.price(0, 2), 0.8 * base.price(0, 2));
    EXPECT_DOUBLE_EQ(cut.price(3, 2), base.price(3, 2)); // the AMD offer
    const PlanModel licence = only(2);                   // Malaysia licence-required from 2027Q3
    bool blocked = false;
    for (int o = 0; o < base.offers(); ++o) {
        EXPECT_EQ(licence.allowed(o, 3, 1), base.allowed(o, 3, 1));
        if (base.allowed(o, 3, 2) && !licence.allowed(o, 3, 2)) {
            blocked = true;
            EXPECT_NE(licence.reason(o, 3, 2).find("Malaysia licence requirement"), std::string::npos);
        }
        for (int t = 0; t < base.quarters(); ++t) { // Texas untouched
            EXPECT_EQ(licence.allowed(o, 0, t), base.allowed(o, 0, t));
        }
    }
    EXPECT_TRUE(blocked);
    // The expected-value model: multipliers at their means, the licence (p 0.25) not in force.
    const PlanModel ev = expectedValueModel(base);
    EXPECT_DOUBLE_EQ(ev.price(0, 2), (1.0 + 0.4 * (0.8 - 1.0)) * base.price(0, 2));
    EXPECT_EQ(ev.allowed, base.allowed);
}

TEST(Uncertainty, ARemoteAccessLicenceBlocksRentingControlledChipsForItsRentersOnly)
{
    // Sample (b): a China-headquartered buyer renting H100s in Malaysia; the event requires a licence
    // for China-headquartered renters from 2028Q1 (quarter 4).
    const Scenario s = sample().scenarios.at(1);
    ASSERT_EQ(s.uncertainty.events.at(0).kind, "remote_access_licence");
    const PlanModel base = model(s);
    ASSERT_FALSE(base.rented.empty());
    const PlanModel tight = futureModel(base, Future{{true}, 1.0});
    for (std::size_t k = 0; k < base.rented.size(); ++k) {
        for (std::size_t t = 0; t < 4; ++t) {
            EXPECT_EQ(tight.rented[k].allowed[t], base.rented[k].allowed[t]) << k << " " << t;
        }
        for (std::size_t t = 4; t < base.rented[k].allowed.size(); ++t) {
            EXPECT_EQ(base.rented[k].eccn[t].rfind("4A090", 0), 0u) << base.rented[k].eccn[t]; // H100 systems
            EXPECT_FALSE(tight.rented[k].allowed[t]);
            EXPECT_NE(tight.rented[k].reason[t].find("renter headquartered in CN from 2028Q1"), std::string::npos);
            EXPECT_NE(tight.rented[k].reason[t].find("Remote Access Security Act"), std::string::npos);
        }
    }
    EXPECT_TRUE(base.rented[0].allowed[4]);
    // The same event in the US buyer's scenario changes nothing: it names other renters.
    Scenario us = sample().scenarios.front();
    us.uncertainty.events = {s.uncertainty.events.front()};
    const PlanModel usBase = model(us);
    const PlanModel usTight = futureModel(usBase, Future{{true}, 1.0});
    for (std::size_t k = 0; k < usBase.rented.size(); ++k) {
        EXPECT_EQ(usTight.rented[k].allowed, usBase.rented[k].allowed);
    }
    // The expected-value model leaves it out (probability 0.3 < 0.5), as it does a licence requirement.
    EXPECT_EQ(expectedValueModel(base).rented[0].allowed, base.rented[0].allowed);
}

TEST(Uncertainty, APowerDelayHoldsBackEachRiseOfTheSeries)
{
    Scenario s = tiny();
    s.quarters = 4;
    s.sites[0].powerMw = {0.1, 0.2, 0.3};
    s.uncertainty.events = {UncertainEvent{"late", 1.0, "power_delay", "Reno", Quarter{}, 1.0, 2}};
    const PlanModel late = futureModel(model(s), Future{{true}, 1.0});
    EXPECT_EQ(late.scenario.sites[0].powerMw, (std::vector<double>{0.1, 0.1, 0.1, 0.2}));
}

TEST(Uncertainty, AVendorSupplyShockCutsItsNewOffersSupplyInWholeUnits)
{
    // The US sample's new DGX H100 offer (NVIDIA, 60 a quarter) with NVIDIA's supply halved from 2027Q3
    // (quarter 2) with probability 0.4: 30 a quarter from then on, in the expected-value model too (a
    // supply shock there at the lesser of its outcomes, not 60 × 0.8 = 48). AMD's offer keeps its supply.
    Scenario s = sample().scenarios.front();
    s.uncertainty.events = {
        UncertainEvent{"CoWoS shortage", 0.4, "vendor_supply", "NVIDIA", Quarter::parse("2027Q3"), 0.5, 0}};
    const PlanModel base = model(s);
    ASSERT_EQ(base.systems[0].vendor, "NVIDIA");
    ASSERT_FALSE(base.systems[0].used);
    ASSERT_EQ(base.systems[3].vendor, "AMD");
    const Offer& before = s.market[0];
    ASSERT_EQ(before.supplyIn(2), 60);
    const PlanModel shortage = futureModel(base, Future{{true}, 1.0});
    const Offer& after = shortage.scenario.market[0];
    EXPECT_EQ(after.supplyIn(1), before.supplyIn(1));
    EXPECT_EQ(after.supplyIn(2), 30);
    EXPECT_EQ(after.supplyIn(base.quarters() - 1), 30);
    EXPECT_EQ(shortage.scenario.market[3].supplyIn(5), s.market[3].supplyIn(5));
    EXPECT_EQ(expectedValueModel(base).scenario.market[0].supplyIn(2), 30);
    // 60 ordered for Texas in 2027Q3 before the shock was known, frozen as risk re-plans a future: all
    // 60 arrive without the shock, 30 with it (what NVIDIA supplies), and the future plans on.
    OptimizerOptions ordered;
    ordered.fixedQuarters = 3;
    ordered.fixed.purchases = {Purchase{2, 0, 0, 60}};
    const auto arrived = [&](const PlanModel& m) {
        const Plan plan = optimize(m, ordered);
        EXPECT_FALSE(plan.training.empty()) << (plan.diagnosis.empty() ? "" : plan.diagnosis.front());
        int units = 0;
        for (const auto& p : plan.purchases) {
            units += p.offer == 0 && p.quarter == 2 && p.site == 0 ? p.count : 0;
        }
        return units;
    };
    EXPECT_EQ(arrived(base), 60);
    EXPECT_EQ(arrived(shortage), 30);
    // × 0.3: ⌊18⌋ = 18 whole units a quarter, below what the plan without the event buys in some quarter;
    // the plan of that future buys no more in any.
    s.uncertainty.events.front().multiplier = 0.3;
    const PlanModel third = futureModel(model(s), Future{{true}, 1.0});
    EXPECT_EQ(third.scenario.market[0].supplyIn(2), 18);
    const auto mostBought = [](const Plan& plan, int quarters) {
        int most = 0;
        for (int t = 2; t < quarters; ++t) {
            int bought = 0;
            for (const auto& p : plan.purchases) {
                bought += p.offer == 0 && p.quarter == t ? p.count : 0;
            }
            most = std::max(most, bought);
        }
        return most;
    };
    EXPECT_GT(mostBought(optimize(base), base.quarters()), 18);
    const Plan plan = optimize(third);
    ASSERT_FALSE(plan.training.empty());
    EXPECT_LE(mostBought(plan, third.quarters()), 18);
    EXPECT_TRUE(evaluate(third, plan).violations.empty());
}

TEST(Uncertainty, AUsedMarketCrashLowersUsedPricesResaleAndResidualValue)
{
    // The US sample with NVIDIA's secondhand market halved from 2028Q1 (quarter 4), probability 0.4.
    Scenario s = sample().scenarios.front();
    s.uncertainty.events = {UncertainEvent{"GPU glut", 0.4, "used_market", "NVIDIA", Quarter::parse("2028Q1"), 0.5, 0}};
    const PlanModel base = model(s);
    const int used = 4; // the used DGX H100 offer
    ASSERT_TRUE(base.systems[used].used);
    ASSERT_EQ(base.systems[3].vendor, "AMD");
    int installed = -1; // an installed-only NVIDIA system at Texas (the DGX A100s)
    for (int k = base.offers(); k < static_cast<int>(base.systems.size()) && installed < 0; ++k) {
        installed = base.base[static_cast<std::size_t>(k)][0] > 0 ? k : -1;
    }
    ASSERT_GE(installed, 0);
    const PlanModel glut = futureModel(base, Future{{true}, 1.0});
    const int T = base.quarters();
    // Used offers cost half from 2028Q1; bought then, their value at the end is the same share of the
    // lower price. Bought before (at the old price), or new, a unit is worth half at the horizon end.
    EXPECT_DOUBLE_EQ(glut.price(used, 3), base.price(used, 3));
    EXPECT_DOUBLE_EQ(glut.price(used, 4), 0.5 * base.price(used, 4));
    EXPECT_DOUBLE_EQ(glut.residualShare(used, 4), base.residualShare(used, 4));
    EXPECT_DOUBLE_EQ(glut.residualShare(used, 3), 0.5 * base.residualShare(used, 3));
    EXPECT_DOUBLE_EQ(glut.price(0, 4), base.price(0, 4)); // a new DGX H100 keeps its price
    EXPECT_DOUBLE_EQ(glut.residualShare(0, 0), 0.5 * base.residualShare(0, 0));
    EXPECT_DOUBLE_EQ(glut.residualShare(3, 0), base.residualShare(3, 0)); // AMD's market holds
    // What an installed unit sells for: unchanged before 2028Q1, half from then to the horizon end.
    EXPECT_DOUBLE_EQ(glut.resaleUsd(installed, 0, 3), base.resaleUsd(installed, 0, 3));
    EXPECT_DOUBLE_EQ(glut.resaleUsd(installed, 0, 4), 0.5 * base.resaleUsd(installed, 0, 4));
    EXPECT_DOUBLE_EQ(glut.resaleUsd(installed, 0, T), 0.5 * base.resaleUsd(installed, 0, T));
    EXPECT_GT(base.resaleUsd(installed, 0, 4), 0.0);
    // The expected-value model at the mean multiplier, 1 + 0.4 × (0.5 − 1) = 0.8.
    EXPECT_DOUBLE_EQ(expectedValueModel(base).price(used, 4), 0.8 * base.price(used, 4));
    // A glut costs the plan: less back for what it sells and what it still holds.
    EXPECT_GT(optimize(glut).objectiveUsd, optimize(base).objectiveUsd);
    s.uncertainty.events.front().target = "Acme";
    EXPECT_NE(futureError(s).find("no system of the market or the fleet is from vendor \"Acme\""), std::string::npos);
}

TEST(Uncertainty, AChangeFollowingALaunchMovesWithTheLaunch)
{
    // Tiny over three quarters with two DGX A100s installed: when the DGX B200 ships, NVIDIA's secondhand
    // market falls to 0.7 (p 0.5) and the DGX H100 costs 0.8 (p 0.5); the B200 slips a quarter (p 0.3).
    // Listed before the slip, the two still follow it.
    Scenario s = slippingB200();
    s.installed.push_back({"Reno", "DGX A100", 2, 1.0, std::nullopt, std::nullopt});
    const UncertainEvent slip = s.uncertainty.events.front();
    s.uncertainty.events = {
        UncertainEvent{"A100 resale falls", 0.5, "used_market", "NVIDIA", Quarter{}, 0.7, 0, 0.0, "DGX B200"},
        UncertainEvent{"H100 price cut", 0.5, "part_price", "DGX H100", Quarter{}, 0.8, 0, 0.0, "dgx b200"}, slip};
    const PlanModel base = model(s);
    const int a100 = base.offers(); // the installed-only system
    ASSERT_EQ(base.systems[static_cast<std::size_t>(a100)].sku, "DGX A100");
    ASSERT_GT(base.resaleUsd(a100, 0, 0), 0.0);
    const PlanModel onTime = futureModel(base, Future{{true, true, false}, 1.0});
    const PlanModel late = futureModel(base, Future{{true, true, true}, 1.0});
    // On time the B200 ships in quarter 0, so both hold from then; a quarter late, from quarter 1.
    EXPECT_DOUBLE_EQ(onTime.price(0, 0), 0.8 * base.price(0, 0));
    EXPECT_DOUBLE_EQ(onTime.resaleUsd(a100, 0, 0), 0.7 * base.resaleUsd(a100, 0, 0));
    EXPECT_DOUBLE_EQ(late.price(0, 0), base.price(0, 0));
    EXPECT_DOUBLE_EQ(late.resaleUsd(a100, 0, 0), base.resaleUsd(a100, 0, 0));
    EXPECT_DOUBLE_EQ(late.price(0, 1), 0.8 * base.price(0, 1));
    EXPECT_DOUBLE_EQ(late.resaleUsd(a100, 0, 1), 0.7 * base.resaleUsd(a100, 0, 1));
    EXPECT_DOUBLE_EQ(late.residualShare(0, 0), 0.7 * base.residualShare(0, 0));
    // The expected-value model takes the later launch (as its part delay does) at the mean multipliers.
    const PlanModel expected = expectedValueModel(base);
    EXPECT_DOUBLE_EQ(expected.price(0, 0), base.price(0, 0));
    EXPECT_DOUBLE_EQ(expected.price(0, 1), 0.9 * base.price(0, 1));
    EXPECT_DOUBLE_EQ(expected.resaleUsd(a100, 0, 1), 0.85 * base.resaleUsd(a100, 0, 1));
    // Slipping past the horizon's three quarters, the B200 never ships: neither change happens.
    s.uncertainty.events[2].quarters = 3;
    const PlanModel baseNever = model(s);
    const PlanModel never = futureModel(baseNever, Future{{true, true, true}, 1.0});
    EXPECT_DOUBLE_EQ(never.price(0, 2), baseNever.price(0, 2));
    EXPECT_DOUBLE_EQ(never.resaleUsd(a100, 0, 3), baseNever.resaleUsd(a100, 0, 3));
    EXPECT_DOUBLE_EQ(never.residualShare(0, 0), baseNever.residualShare(0, 0));
}

TEST(Uncertainty, APartsSoftwareGainSpeedsThatPartAloneFromItsLaunch)
{
    // Tiny over three quarters: the DGX B200's software gets 21 % a year faster from its launch (p 0.5);
    // the B200 slips a quarter (p 0.3). On time it ships in quarter 0, so quarter 2 is half a year on:
    // × 1.21^(2/4) = 1.1; a quarter late, quarter 2 is a quarter on: × 1.21^(1/4). The DGX H100, an NVIDIA
    // part too, keeps its figures (a vendor's software_efficiency would speed it up as well).
    Scenario s = slippingB200();
    const UncertainEvent slip = s.uncertainty.events.front();
    s.uncertainty.events = {UncertainEvent{"B200 kernels mature", 0.5, "part_software_efficiency", "DGX B200",
                                           Quarter{}, 1.21, 0, 0.0, "DGX B200"},
                            slip};
    const PlanModel base = model(s);
    ASSERT_EQ(base.systems[1].sku, "DGX B200");
    const double b200 = base.systems[1].trainingPflops;
    const double h100 = base.systems[0].trainingPflops;
    const PlanModel onTime = futureModel(base, Future{{true, false}, 1.0});
    EXPECT_DOUBLE_EQ(onTime.systems[1].trainingPflopsIn(0), b200);
    EXPECT_NEAR(onTime.systems[1].trainingPflopsIn(2), 1.1 * b200, 1e-9 * b200);
    EXPECT_DOUBLE_EQ(onTime.systems[0].trainingPflopsIn(2), h100);
    const PlanModel late = futureModel(base, Future{{true, true}, 1.0});
    EXPECT_DOUBLE_EQ(late.systems[1].trainingPflopsIn(1), b200);
    EXPECT_NEAR(late.systems[1].trainingPflopsIn(2), std::pow(1.21, 0.25) * b200, 1e-9 * b200);
    // The expected-value model: the later launch (quarter 1) at the mean yearly gain 1 + 0.5 × 0.21.
    EXPECT_NEAR(expectedValueModel(base).systems[1].trainingPflopsIn(2), std::pow(1.105, 0.25) * b200, 1e-9 * b200);
    // From a quarter as well; a part with no unit anywhere is refused.
    s.uncertainty.events[0].fromLaunchOf.clear();
    s.uncertainty.events[0].from = s.firstQuarter.plus(1);
    EXPECT_NEAR(futureModel(model(s), Future{{true, false}, 1.0}).systems[1].trainingPflopsIn(2),
                std::pow(1.21, 0.25) * b200, 1e-9 * b200);
    s.uncertainty.events[0].target = "Rubin NVL144";
    EXPECT_NE(futureError(s).find("event \"B200 kernels mature\": no system of the market, the fleet or the cloud "
                                  "offers is \"Rubin NVL144\""),
              std::string::npos)
        << futureError(s);
}

TEST(Uncertainty, ADelayedPartShipsItsNewOffersLateAndThePlanWaits)
{
    // Tiny: DGX H100 (3 a quarter) and DGX B200 (2 a quarter); the B200 slips a quarter with probability
    // 0.3, named as the market names it but in other case.
    Scenario s = slippingB200();
    const PlanModel base = model(s);
    const PlanModel late = futureModel(base, Future{{true}, 1.0});
    EXPECT_EQ(late.scenario.market[1].supplyIn(0), 0);
    EXPECT_EQ(late.scenario.market[1].supplyIn(1), 2);
    EXPECT_EQ(late.scenario.market[1].supplyIn(2), 2);
    EXPECT_EQ(late.scenario.market[0].supplyIn(0), 3); // the H100 ships as before
    // The expected-value model at the later outcome, so its first year is one every future can have.
    EXPECT_EQ(expectedValueModel(base).scenario.market[1].supplyIn(0), 0);
    const auto b200sIn = [](const Plan& plan, int quarter) {
        int units = 0;
        for (const auto& p : plan.purchases) {
            units += p.offer == 1 && p.quarter == quarter ? p.count : 0;
        }
        return units;
    };
    // 9 PFLOP/s in the first quarter: two B200s (2 × 5.15 PFLOP/s, 500 k USD at this market's price)
    // beat three H100s (3 × 3.41, 810 k USD) on time; with the slip, the three H100s it is.
    EXPECT_EQ(b200sIn(optimize(base), 0), 2);
    const Plan plan = optimize(late);
    ASSERT_FALSE(plan.training.empty());
    EXPECT_EQ(b200sIn(plan, 0), 0);
    EXPECT_TRUE(evaluate(late, plan).violations.empty());
    s.uncertainty.events.front().target = "Rubin";
    EXPECT_NE(futureError(s).find("event \"B200 slips\": no new offer of the market is \"Rubin\""), std::string::npos)
        << futureError(s);
}

TEST(Uncertainty, APartsPriceAndPerformanceChangeThatPartAlone)
{
    // The US sample: new DGX B200s at 0.7 × from 2027Q3 (quarter 2); every DGX H100 (new and used
    // offers, the installed 200 at Texas, Lambda's and AWS's rented ones) delivering half.
    const PlanModel base =
        usSampleWith({UncertainEvent{"B200 discount", 0.5, "part_price", "DGX B200", Quarter::parse("2027Q3"), 0.7, 0},
                      UncertainEvent{"H100 underdelivers", 0.4, "part_performance", "DGX H100", Quarter{}, 0.5, 0}});
    ASSERT_EQ(base.systems[1].sku, "DGX B200");
    ASSERT_EQ(base.systems[4].sku, "DGX H100");
    ASSERT_TRUE(base.systems[4].used);
    const PlanModel discount = futureModel(base, Future{{true, false}, 1.0});
    EXPECT_DOUBLE_EQ(discount.price(1, 1), base.price(1, 1));
    EXPECT_DOUBLE_EQ(discount.price(1, 2), 0.7 * base.price(1, 2));
    EXPECT_DOUBLE_EQ(discount.price(0, 2), base.price(0, 2)); // the H100
    EXPECT_DOUBLE_EQ(discount.systems[1].trainingPflopsIn(2), base.systems[1].trainingPflopsIn(2));
    const PlanModel weak = futureModel(base, Future{{false, true}, 1.0});
    const int last = base.quarters() - 1;
    int rentedH100 = 0;
    for (std::size_t k = 0; k < base.rented.size(); ++k) {
        const bool h100 = base.rented[k].sku == "DGX H100";
        rentedH100 += h100 ? 1 : 0;
        for (const int t : {0, last}) {
            EXPECT_DOUBLE_EQ(weak.rented[k].trainingPflopsIn(t), (h100 ? 0.5 : 1.0) * base.rented[k].trainingPflops);
        }
    }
    EXPECT_GT(rentedH100, 0);
    for (std::size_t k = 0; k < base.systems.size(); ++k) {
        const double scale = base.systems[k].sku == "DGX H100" ? 0.5 : 1.0;
        for (const int t : {0, last}) {
            EXPECT_DOUBLE_EQ(weak.systems[k].trainingPflopsIn(t), scale * base.systems[k].trainingPflops) << k;
            for (int c = 0; c < base.inferenceClasses(); ++c) {
                EXPECT_DOUBLE_EQ(weak.systems[k].tokensPerSecondIn(c, t),
                                 scale * base.systems[k].tokensPerSecondIn(c, t));
            }
        }
        EXPECT_DOUBLE_EQ(weak.systems[k].peakPflops, base.systems[k].peakPflops); // the datasheet stays
    }
    EXPECT_DOUBLE_EQ(weak.price(1, 2), base.price(1, 2));
    // The expected-value model at the mean multipliers: 1 + 0.5 × (0.7 − 1) = 0.85 and 1 + 0.4 × (0.5 − 1) = 0.8.
    const PlanModel ev = expectedValueModel(base);
    EXPECT_DOUBLE_EQ(ev.price(1, 2), 0.85 * base.price(1, 2));
    EXPECT_DOUBLE_EQ(ev.systems[0].trainingPflopsIn(0), 0.8 * base.systems[0].trainingPflops);
}

TEST(Uncertainty, APartsPerformanceMayStepFromAQuarter)
{
    // The US sample: a serving-engine release makes every DGX H100 1.25 × as fast from 2028Q1 (quarter
    // 4), with probability 0.4; before it, and for every other part, nothing changes. The expected-value
    // model steps by 1 + 0.4 × 0.25 = 1.1 in the same quarter.
    const PlanModel base = usSampleWith(
        {UncertainEvent{"H100 engine", 0.4, "part_performance", "DGX H100", Quarter::parse("2028Q1"), 1.25, 0}});
    ASSERT_EQ(base.systems[0].sku, "DGX H100");
    ASSERT_EQ(base.systems[1].sku, "DGX B200");
    const PlanModel faster = futureModel(base, Future{{true}, 1.0});
    const PlanModel ev = expectedValueModel(base);
    for (int t = 0; t < base.quarters(); ++t) {
        const double step = t >= 4 ? 1.25 : 1.0;
        EXPECT_DOUBLE_EQ(faster.systems[0].trainingPflopsIn(t), step * base.systems[0].trainingPflopsIn(t)) << t;
        EXPECT_DOUBLE_EQ(faster.systems[0].tokensPerSecondIn(0, t), step * base.systems[0].tokensPerSecondIn(0, t))
            << t;
        EXPECT_DOUBLE_EQ(faster.systems[1].trainingPflopsIn(t), base.systems[1].trainingPflopsIn(t)) << t;
        EXPECT_DOUBLE_EQ(ev.systems[0].trainingPflopsIn(t), (t >= 4 ? 1.1 : 1.0) * base.systems[0].trainingPflopsIn(t));
    }
}

TEST(Uncertainty, ABuyerLicenceRequirementBlocksControlledChipsEverywhereForThatBuyerOnly)
{
    // The US sample's sites bought for by a Singapore-headquartered company: from 2028Q1 (quarter 4)
    // buyers headquartered in SG need a licence for controlled accelerators, at every site. (Sample (b)'s
    // China-headquartered buyer needs one already, under the shipped rules.)
    Scenario s = sample().scenarios.front();
    s.uncertainty.events = {
        UncertainEvent{"HQ rule", 0.3, "buyer_licence_required", "SG", Quarter::parse("2028Q1"), 1.0, 0}};
    const PlanModel base = model(s, Company{"Acme", "SG", "SG"});
    const PlanModel tight = futureModel(base, Future{{true}, 1.0});
    bool blocked = false;
    for (int o = 0; o < base.offers(); ++o) {
        for (int j = 0; j < base.sites(); ++j) {
            for (int t = 0; t < base.quarters(); ++t) {
                const std::string& eccn = base.eccn[static_cast<std::size_t>(o)][static_cast<std::size_t>(t)];
                const bool controlled = !eccn.empty() && eccn != "not_controlled";
                EXPECT_EQ(tight.allowed(o, j, t), base.allowed(o, j, t) && (t < 4 || !controlled)) << o << j << t;
                if (base.allowed(o, j, t) && !tight.allowed(o, j, t)) {
                    blocked = true;
                    EXPECT_NE(tight.reason(o, j, t).find("buyer headquartered in SG from 2028Q1"), std::string::npos);
                    EXPECT_NE(tight.reason(o, j, t).find("HQ rule"), std::string::npos);
                }
            }
        }
    }
    EXPECT_TRUE(blocked);
    EXPECT_EQ(expectedValueModel(base).allowed, base.allowed); // p 0.3 < 0.5, as licence_required
    // The same sites and event for the US-headquartered company: nothing changes.
    const PlanModel usBase = model(s);
    EXPECT_EQ(futureModel(usBase, Future{{true}, 1.0}).allowed, usBase.allowed);
}

/// DGX H100s (300 on offer a quarter) for Mumbai over five quarters from 2027Q1, 150 units' training a quarter
/// from 2027Q2 and 300 in 2028Q1, and one event: "IN cap", 26,900,000 TPP a year from 2027Q2 (212 units),
/// probability 0.6.
Scenario cappedMumbai()
{
    Scenario s = tiny();
    s.quarters = 5;
    s.sites = {Site{"Mumbai", "IN", 1.4, 0.09, {20.0}, true, {}}};
    s.market = {Offer{"DGX H100", {}, {300}, 0}};
    s.uncertainty.events = {
        UncertainEvent{"IN cap", 0.6, "country_cap", "IN", Quarter::parse("2027Q2"), 1.0, 0, 26900000.0}};
    const double perUnit = model(s).systems[0].trainingPflops;
    s.demand = {QuarterDemand{0.0, {}}, QuarterDemand{150 * perUnit, {}}, QuarterDemand{150 * perUnit, {}},
                QuarterDemand{150 * perUnit, {}}, QuarterDemand{300 * perUnit, {}}};
    return s;
}

TEST(Uncertainty, ACountryCapLimitsWhatIsBoughtThereEachYearFromItsQuarter)
{
    // ExportCapsLimitWhatIsBoughtEachYear's hand case with the cap an event instead of a rule: DGX H100s
    // for an Indian site, 8 × 15,832 = 126,656 TPP a unit, under a cap of 26,900,000 TPP a year from
    // 2027Q2: 212 units a year. The shipped rules have no cap there; the event adds one.
    const Scenario s = cappedMumbai();
    const PlanModel base = model(s);
    ASSERT_TRUE(base.allowed(0, 0, 1)) << base.reason(0, 0, 1);
    ASSERT_TRUE(base.capShares(0, 0, 1).empty());
    const PlanModel capped = futureModel(base, Future{{true}, 1.0});
    EXPECT_TRUE(capped.capShares(0, 0, 0).empty()); // before its quarter
    ASSERT_EQ(capped.capShares(0, 0, 1).size(), 1U);
    EXPECT_EQ(capped.capShares(0, 0, 1)[0].cap, "IN cap (IN 2027)");
    EXPECT_EQ(capped.capShares(0, 0, 4)[0].cap, "IN cap (IN 2028)");
    EXPECT_DOUBLE_EQ(capped.capShares(0, 0, 1)[0].tppPerUnit, 126656.0);
    EXPECT_DOUBLE_EQ(capped.capShares(0, 0, 1)[0].limitTpp, 26900000.0);
    // The plan of that future buys at most 212 units in 2027Q2–Q4 and 212 in 2028, and meets demand.
    const Plan plan = optimize(capped, exactly());
    ASSERT_NE(plan.status, PlanStatus::Infeasible);
    const Evaluation e = evaluate(capped, plan);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    std::map<int, int> perYear;
    for (const auto& p : plan.purchases) {
        perYear[p.quarter == 0 ? 0 : s.firstQuarter.plus(p.quarter).year] += p.count;
    }
    EXPECT_LE(perYear[2027], 212);
    EXPECT_LE(perYear[2028], 212);
    EXPECT_GE(perYear[0] + perYear[2027] + perYear[2028], 300);
    // A first year frozen at 250 units in 2027Q2 is delivered up to the cap there: 212 units.
    OptimizerOptions frozen = exactly();
    frozen.fixedQuarters = 4;
    frozen.fixed.purchases = {{1, 0, 0, 250}};
    const Plan delivered = optimize(capped, frozen);
    ASSERT_NE(delivered.status, PlanStatus::Infeasible) << delivered.diagnosis.front();
    int inQ2 = 0;
    for (const auto& p : delivered.purchases) {
        inQ2 += p.quarter == 1 ? p.count : 0;
    }
    EXPECT_EQ(inQ2, 212);
    // The expected-value model takes the cap from probability 0.5, as a licence requirement.
    EXPECT_EQ(expectedValueModel(base).capShares, capped.capShares);
    Scenario unlikely = s;
    unlikely.uncertainty.events[0].probability = 0.4;
    EXPECT_EQ(expectedValueModel(model(unlikely)).capShares, base.capShares);
    // A unit whose TPP the catalog cannot tell cannot be counted: the cap blocks it (fails closed).
    PlanModel unknown = base;
    unknown.systems[0].tppPerUnit = 0.0;
    const PlanModel blocked = futureModel(unknown, Future{{true}, 1.0});
    EXPECT_TRUE(blocked.allowed(0, 0, 0));
    EXPECT_FALSE(blocked.allowed(0, 0, 1));
    EXPECT_EQ(blocked.reason(0, 0, 1),
              "its TPP is unknown, so it cannot count against the cap on IN from 2027Q2 (4A090.a; uncertain event "
              "\"IN cap\")");
    // Another country's sites are not capped.
    Scenario elsewhere = s;
    elsewhere.uncertainty.events[0].target = "MY";
    const PlanModel other = model(elsewhere);
    EXPECT_EQ(futureModel(other, Future{{true}, 1.0}).capShares, other.capShares);
}

TEST(Uncertainty, LicenceExposureCountsTheFirstYearUnitsARuleEventStops)
{
    // The capped hand case above: a first year frozen at 250 DGX H100s for Mumbai in 2027Q2, and the
    // "IN cap" event (26,900,000 TPP a year from 2027Q2, 212 units; probability 0.6). In the capped
    // future 250 − 212 = 38 units are stopped; in the other, none.
    const Scenario s = cappedMumbai();
    FutureOptions options;
    options.optimizer = exactly();
    const FirstStage frozen{{{1, 0, 0, 250}}, {}};
    const std::vector<FutureOutcome> outcomes = replanFutures(model(s), frozen, options);
    ASSERT_EQ(outcomes.size(), 2U);
    for (const auto& o : outcomes) {
        const bool capped = o.name == "IN cap";
        EXPECT_EQ(o.licenceExposedUnits, capped ? 38 : 0) << o.name;
        EXPECT_EQ(o.licenceExposure, capped ? "38 × DGX H100 at Mumbai in 2027Q2: over IN cap (IN 2027)" : "");
    }
    // A unit whose TPP the catalog cannot tell is stopped whole by the cap (it fails closed): all 250, and
    // that future, whose contracted demand no unit may serve, has no plan; exposure is counted all the same.
    PlanModel unknown = model(s);
    unknown.systems[0].tppPerUnit = 0.0;
    for (const auto& u : replanFutures(unknown, frozen, options)) {
        const bool capped = u.name == "IN cap";
        EXPECT_EQ(u.licenceExposedUnits, capped ? 250 : 0) << u.name;
        if (capped) {
            EXPECT_NE(u.licenceExposure.find("250 × DGX H100 at Mumbai in 2027Q2: its TPP is unknown"),
                      std::string::npos)
                << u.licenceExposure;
        }
    }
}

TEST(Uncertainty, SoftwareEfficiencyCompoundsQuarterByQuarterFromItsQuarter)
{
    // NVIDIA's software 21 % a year faster from 2027Q2: × 1.21^(q/4) q quarters on — 1.1 half a year
    // on (2027Q4), 1.21 a year on (2028Q2). Demand of 12.1 units' worth of DGX H100 training in 2028Q2
    // needs 12.1 ÷ 1.21 = 10 units' worth there, not 12.1.
    Scenario s = tiny();
    s.quarters = 6;
    s.uncertainty.events = {
        UncertainEvent{"NVIDIA software", 0.5, "software_efficiency", "NVIDIA", Quarter::parse("2027Q2"), 1.21, 0}};
    const double perUnit = model(s).systems[0].trainingPflops;
    s.demand = {QuarterDemand{0.0, {}}, QuarterDemand{0.0, {}}, QuarterDemand{0.0, {}},
                QuarterDemand{0.0, {}}, QuarterDemand{0.0, {}}, QuarterDemand{12.1 * perUnit, {}}};
    const PlanModel base = model(s);
    const PlanModel faster = futureModel(base, Future{{true}, 1.0});
    const SystemFigures& h100 = faster.systems[0];
    EXPECT_DOUBLE_EQ(h100.trainingPflopsIn(0), perUnit);
    EXPECT_DOUBLE_EQ(h100.trainingPflopsIn(1), perUnit);
    EXPECT_NEAR(h100.trainingPflopsIn(3), 1.1 * perUnit, 1e-9 * perUnit);
    EXPECT_NEAR(h100.trainingPflopsIn(5), 1.21 * perUnit, 1e-9 * perUnit);
    EXPECT_DOUBLE_EQ(h100.trainingPflops, perUnit); // the datasheet figure stays; the quarter's changes
    // The expected-value model at the mean yearly gain, 1 + 0.5 × 0.21 = 1.105.
    EXPECT_NEAR(expectedValueModel(base).systems[0].trainingPflopsIn(5), 1.105 * perUnit, 1e-9 * perUnit);
    // Ten DGX H100 training in 2028Q2 give 12.1 units' worth there: the evaluator counts the gain.
    Plan ten;
    ten.purchases.push_back({0, 0, 0, 3});
    ten.purchases.push_back({1, 0, 0, 3});
    ten.purchases.push_back({2, 0, 0, 3});
    ten.purchases.push_back({3, 0, 0, 1});
    ten.training = faster.zeroGrid();
    ten.inference.clear();
    ten.training(0, 0, 5) = 10.0;
    const Evaluation e = evaluate(faster, ten);
    EXPECT_NEAR(e.quarters[5].trainingPflops, 12.1 * perUnit, 1e-6 * perUnit);
    EXPECT_TRUE(e.violations.empty()) << e.violations.front();
    EXPECT_FALSE(evaluate(base, ten).violations.empty()) << "without the gain ten units fall short";
    // The optimizer and the greedy plan of that future use it too: what they buy, at the datasheet
    // figures, is short of the demand, and at the quarter's figures meets it.
    for (const Plan& plan : {optimize(faster, exactly()), greedyPlan(faster)}) {
        ASSERT_NE(plan.status, PlanStatus::Infeasible) << plan.method;
        const Evaluation planned = evaluate(faster, plan);
        EXPECT_TRUE(planned.violations.empty()) << plan.method << ": " << planned.violations.front();
        double datasheet = 0.0;
        for (const auto& p : plan.purchases) {
            datasheet += p.count * faster.systems[static_cast<std::size_t>(p.offer)].trainingPflops;
        }
        EXPECT_LT(datasheet, 12.1 * perUnit) << plan.method;
        EXPECT_GE(planned.quarters[5].trainingPflops, 12.1 * perUnit * (1.0 - 1e-9)) << plan.method;
    }
    // A vendor with no unit in the market, the fleet or the cloud offers is refused.
    s.uncertainty.events[0].target = "Cerebras";
    EXPECT_NE(futureError(s).find("no system of the market, the fleet or the cloud offers is from vendor \"Cerebras\""),
              std::string::npos)
        << futureError(s);
}

TEST(Uncertainty, AVendorPriceChangeNamesAVendorOnOffer)
{
    Scenario s = tiny();
    s.uncertainty.events = {
        UncertainEvent{"cut", 0.5, "vendor_price", "Nvidia Corp", Quarter::parse("2027Q1"), 0.8, 0}};
    try {
        expectedValueModel(model(s));
        FAIL() << "no error";
    } catch (const ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("no new offer of the market is from vendor \"Nvidia Corp\""),
                  std::string::npos);
    }
}

TEST(Uncertainty, OneSeedGivesOneRiskOnOneOrTwoThreads)
{
    const PlanModel base = model(sample().scenarios.front());
    const Plan plan = optimize(base);
    FutureOptions options;
    options.futures = 5; // 8 futures in the tree: 5 draws
    options.seed = 11;
    // Each re-plan stops on a node limit, not the wall clock: under the sanitizers and load a solve
    // could reach the 60 s time limit at a different incumbent on each run.
    options.optimizer.nodeLimit = 2000;
    options.optimizer.timeLimitSeconds = 3600.0;
    const RiskReport one = assessRisk(base, plan, options, 0.8);
    options.threads = 2;
    const RiskReport two = assessRisk(base, plan, options, 0.8);
    EXPECT_TRUE(one.sampled);
    ASSERT_EQ(one.futures.size(), two.futures.size());
    for (std::size_t k = 0; k < one.futures.size(); ++k) {
        EXPECT_EQ(one.futures[k].name, two.futures[k].name);
        EXPECT_EQ(one.futures[k].costUsd, two.futures[k].costUsd);
    }
    EXPECT_EQ(one.expectedCostUsd, two.expectedCostUsd);
    EXPECT_EQ(one.cvarUsd, two.cvarUsd);
    EXPECT_LE(one.p5Usd, one.p50Usd);
    EXPECT_LE(one.p50Usd, one.p95Usd);
    EXPECT_LE(one.p95Usd, one.cvarUsd + 1e-6);
}

} // namespace
} // namespace fw::core::plan
