// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/compliance/ruleset.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/io/netboximport.h"

#include "tests/core/testdir.h"
#include <nlohmann/json.hpp>

// The fixture in tests/core/io/netbox/ is a small NetBox 4.x inventory written for these tests:
// four sites (Dallas DFW-1, Oslo OSL-1, Johor JHB-1 active; Reno RNO-2 planned), racks, 39 devices
// of nine types, five power panels and 21 feeds (primary and redundant, active, planned and offline,
// single- and three-phase, one -48 V DC), and map.csv mapping the Dell XE9680 to the catalog's
// "HGX H100 server" and NVIDIA's QM9700 switch to nothing (not an accelerator system).

namespace fw::core::io {
namespace {

const catalog::Catalog& shippedCatalog()
{
    static const auto catalog = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    return catalog;
}

const std::map<std::string, std::string>& countryNames()
{
    static const auto groups = compliance::loadCountryGroups(
        (tests::shippedData() / "countries" / "iso-3166-1.json").string(),
        (tests::shippedData() / "countries" / "us-ear-country-groups-2026-06.json").string());
    return groups.countryNames;
}

std::filesystem::path fixture()
{
    return tests::testSources() / "core" / "io" / "netbox";
}

plan::Scenario base()
{
    plan::Scenario s;
    s.name = "NetBox import";
    s.firstQuarter = plan::Quarter{2027, 1};
    s.quarters = 8;
    s.demand = {plan::QuarterDemand{}};
    return s;
}

NetboxImport importFixture(bool withMap = true)
{
    NetboxImportOptions options;
    if (withMap) {
        options.typeMap = deviceTypeMapFromCsv(readTextFile(fixture() / "map.csv"), "map.csv", shippedCatalog());
    }
    return importNetbox(fixture(), base(), shippedCatalog(), countryNames(), options);
}

const plan::Site& siteNamed(const plan::Scenario& s, const std::string& name)
{
    for (const auto& site : s.sites) {
        if (site.name == name) {
            return site;
        }
    }
    throw std::runtime_error("no site " + name);
}

int installed(const plan::Scenario& s, const std::string& site, const std::string& system, double ageYears)
{
    for (const auto& i : s.installed) {
        if (i.site == site && i.system == system && i.ageYears == ageYears) {
            return i.count;
        }
    }
    return 0;
}

TEST(NetboxImport, ActiveSitesWithCountryAndRacks)
{
    const auto result = importFixture();
    ASSERT_EQ(result.scenario.sites.size(), 3u);                         // Reno RNO-2 is planned: not imported
    EXPECT_EQ(siteNamed(result.scenario, "Dallas DFW-1").country, "US"); // region Texas → United States
    EXPECT_EQ(siteNamed(result.scenario, "Oslo OSL-1").country, "NO");   // region Norway
    EXPECT_EQ(siteNamed(result.scenario, "Johor JHB-1").country, "MY");  // custom field country
    // Rack positions are the active racks: DFW1-A01…A04 (A05 planned), OSL1-R01…R03 (R04 reserved).
    EXPECT_EQ(siteNamed(result.scenario, "Dallas DFW-1").racks, 4);
    EXPECT_EQ(siteNamed(result.scenario, "Oslo OSL-1").racks, 3);
    EXPECT_EQ(siteNamed(result.scenario, "Johor JHB-1").racks, 2);
    ASSERT_EQ(result.summary.sitesNotImported.size(), 1u);
    EXPECT_EQ(result.summary.sitesNotImported[0].first, "Reno RNO-2");
    EXPECT_EQ(result.summary.sitesNotImported[0].second, "planned");
}

TEST(NetboxImport, SitePowerFromActivePrimaryFeedsByNetboxArithmetic)
{
    const auto result = importFixture();
    const auto& dallas = result.summary.sites[0].power;
    // Dallas: 4 active primary feeds, three-phase 415 V × 100 A × 80 % × 1.732 = 57,502.4 → 57,502 W
    // each, 230,008 W; the 4 redundant B-side feeds add nothing, the planned A05 feed neither. The UPS
    // (custom field ups_power_kw = 200) is smaller: IT 200,000 W × PUE 1.25 = 0.25 MW.
    EXPECT_EQ(dallas.feedsW, 230008.0);
    EXPECT_EQ(dallas.redundantFeeds, 4);
    EXPECT_EQ(dallas.redundantW, 230008.0);
    EXPECT_EQ(dallas.limitedBy, "UPS");
    EXPECT_EQ(dallas.itW, 200000.0);
    EXPECT_DOUBLE_EQ(siteNamed(result.scenario, "Dallas DFW-1").powerMw.at(0), 0.25);
    // Oslo: 3 × 400 V × 63 A × 80 % × 1.732 = 34,917.12 → 34,917 W, plus one single-phase
    // 230 V × 32 A × 100 % = 7,360 W: 112,111 W. The utility's 150 kW ÷ PUE 1.1 = 136,364 W IT is
    // larger, so the feeds win: 112,111 W × 1.1 = 123,322.1 W = 0.1233221 MW. R04-1 is offline.
    const auto& oslo = result.summary.sites[1].power;
    EXPECT_EQ(oslo.feedsW, 112111.0);
    EXPECT_EQ(oslo.limitedBy, "feeds");
    ASSERT_EQ(oslo.feedsNotActive.size(), 1u);
    EXPECT_EQ(oslo.feedsNotActive[0], std::make_pair(std::string("offline"), 1));
    EXPECT_NEAR(siteNamed(result.scenario, "Oslo OSL-1").powerMw.at(0), 0.1233221, 1e-12);
    // Johor: 2 × 230 V × 32 A × 80 % = 5,888 W and one −48 V DC feed, |−48| × 100 A × 80 % = 3,840 W:
    // 15,616 W; no pue custom field, so the default 1.3: 20,300.8 W = 0.0203008 MW.
    const auto& johor = result.summary.sites[2].power;
    EXPECT_EQ(johor.feedsW, 15616.0);
    EXPECT_EQ(result.summary.sites[2].pueFrom, "default");
    EXPECT_NEAR(siteNamed(result.scenario, "Johor JHB-1").powerMw.at(0), 0.0203008, 1e-12);
}

TEST(NetboxImport, UtilityLimitWinsWhenItIsTheSmallest)
{
    // The utility limit is facility power, so it caps IT power at utility ÷ PUE.
    NetboxSite site;
    site.id = 1;
    site.utilityPowerKw = 100.0;
    NetboxInventory inventory;
    inventory.powerPanels.push_back({1, "PP", 1, ""});
    inventory.powerFeeds.push_back({1, "F1", 1, "active", "primary", "ac", "three-phase", 415, 100, 80, {}, ""});
    const auto power = sitePowerLimit(site, 1.25, inventory);
    // Feeds 57,502 W; utility 100 kW ÷ 1.25 = 80,000 W; feeds smaller: feeds win.
    EXPECT_EQ(power.limitedBy, "feeds");
    site.utilityPowerKw = 50.0; // 50 kW ÷ 1.25 = 40,000 W < 57,502 W
    const auto capped = sitePowerLimit(site, 1.25, inventory);
    EXPECT_EQ(capped.limitedBy, "utility");
    EXPECT_DOUBLE_EQ(capped.itW, 40000.0);
    EXPECT_DOUBLE_EQ(capped.facilityMw(), 0.05);
}

TEST(NetboxImport, FeedPowerMatchesNetboxAvailablePower)
{
    // Every feed of the fixture carries the available_power NetBox saved; the import's arithmetic
    // must give the same watts.
    const auto inventory = readNetboxDirectory(fixture());
    for (const auto& feed : inventory.powerFeeds) {
        ASSERT_TRUE(feed.availablePower) << feed.where;
        EXPECT_EQ(feedAvailablePowerW(feed), *feed.availablePower) << feed.where;
    }
}

TEST(NetboxImport, InstalledSystemsCountedByStatusTypeAndPurchaseQuarter)
{
    const auto result = importFixture();
    const auto& s = result.scenario;
    // Dallas: 8 DGX H100 bought 2025-08-14 (2025Q3, 6 quarters before 2027Q1: 1.5 years) and 4 with
    // no purchase date (age 0); 4 Dell XE9680 mapped to "HGX H100 server", bought 2026-02-10 (2026Q1:
    // 1 year). The 2 planned and 1 offline DGX H100 do not count.
    EXPECT_EQ(installed(s, "Dallas DFW-1", "DGX H100", 1.5), 8);
    EXPECT_EQ(installed(s, "Dallas DFW-1", "DGX H100", 0.0), 4);
    EXPECT_EQ(installed(s, "Dallas DFW-1", "HGX H100 server", 1.0), 4);
    // Oslo: 6 active DGX A100 from 2023-05-02 (2023Q2: 15 quarters, 3.75 years); one failed.
    EXPECT_EQ(installed(s, "Oslo OSL-1", "DGX A100", 3.75), 6);
    // Johor: one active CS-3 whose purchase date (2027-05-20) is after the horizon's start: new.
    EXPECT_EQ(installed(s, "Johor JHB-1", "CS-3", 0.0), 1);
    EXPECT_EQ(s.installed.size(), 5u);
    EXPECT_EQ(result.summary.devicesInstalled, 23); // 8 + 4 + 4 + 6 + 1
    const std::map<std::string, int> notCounted{{"planned", 2}, {"offline", 1}, {"failed", 1}, {"staged", 1}};
    EXPECT_EQ(result.summary.devicesNotCounted, notCounted);
    EXPECT_EQ(result.summary.devicesAtSitesNotImported, 4); // Reno's DGX B200s
}

TEST(NetboxImport, UnmappedAndNonAcceleratorTypesAreListed)
{
    const auto result = importFixture();
    ASSERT_EQ(result.summary.unmappedTypes.size(), 1u);
    EXPECT_EQ(result.summary.unmappedTypes[0].model, "SYS-821GE-TNHR");
    EXPECT_EQ(result.summary.unmappedTypes[0].devices, 2);
    EXPECT_EQ(result.summary.unmappedTypes[0].role, "GPU server");
    // Switches and storage by their role (Arista leaf, NetApp), the QM9700 by the map.
    ASSERT_EQ(result.summary.notAccelerators.size(), 3u);
    std::map<std::string, int> byModel;
    for (const auto& t : result.summary.notAccelerators) {
        byModel[t.model] = t.devices;
    }
    EXPECT_EQ(byModel, (std::map<std::string, int>{{"DCS-7060DX5-64S", 2}, {"AFF A400", 1}, {"QM9700", 2}}));
    const auto lines = describeNetboxImport(result);
    const auto has = [&](const std::string& text) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const auto& l) { return l.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(has("Supermicro SYS-821GE-TNHR: 2 devices (role GPU server)"));
    EXPECT_TRUE(has("4 × three-phase 415 V × 100 A × 80 % × 1.732 = 4 × 57502 W"));
    EXPECT_TRUE(has("IT power 200 kW (UPS limit) × PUE 1.25 = 0.25 MW facility"));
    EXPECT_TRUE(has("1 × single-phase DC |-48| V × 100 A × 80 % = 1 × 3840 W"));
    EXPECT_TRUE(has("not added: 1 feed offline"));
    EXPECT_TRUE(has("installed at Oslo OSL-1: 6 × DGX A100, age 3.75 years"));
}

TEST(NetboxImport, WithoutTheMapTheDellIsUnmappedAndTheSwitchGoesByRole)
{
    const auto result = importFixture(false);
    EXPECT_EQ(result.summary.devicesInstalled, 19); // 23 less the 4 XE9680
    ASSERT_EQ(result.summary.unmappedTypes.size(), 2u);
    EXPECT_EQ(result.summary.unmappedTypes[0].model, "PowerEdge XE9680");
    EXPECT_EQ(result.summary.unmappedTypes[0].devices, 4);
    EXPECT_EQ(result.summary.notAccelerators.size(), 3u);
}

TEST(NetboxImport, MoreStatusesCountWhenAsked)
{
    NetboxImportOptions options;
    options.deviceStatuses = {"active", "planned", "staged"};
    const auto result = importNetbox(fixture(), base(), shippedCatalog(), countryNames(), options);
    // + 2 planned DGX H100 at Dallas, + 1 staged CS-3; Reno's devices stay out with their site.
    EXPECT_EQ(result.summary.devicesInstalled, 19 + 3);
    EXPECT_EQ(result.summary.devicesAtSitesNotImported, 4);
}

TEST(NetboxImport, KeepsWhatNetboxDoesNotSayAboutASite)
{
    plan::Scenario s = base();
    plan::Site oslo;
    oslo.name = "Oslo OSL-1";
    oslo.country = "NO";
    oslo.pue = 1.4;
    oslo.powerMw = {9.0};
    oslo.electricityUsdPerKwh = 0.05;
    oslo.liquidCooling = false;
    s.sites.push_back(oslo);
    const auto result = importNetbox(fixture(), s, shippedCatalog(), countryNames());
    const auto& site = siteNamed(result.scenario, "Oslo OSL-1");
    EXPECT_EQ(site.electricityUsdPerKwh, 0.05);
    EXPECT_FALSE(site.liquidCooling);
    EXPECT_EQ(site.pue, 1.1); // NetBox's pue custom field wins over the scenario's
    EXPECT_NEAR(site.powerMw.at(0), 0.1233221, 1e-12);
}

TEST(NetboxImport, CountryFromTheRegionsAboveOrRefusedClearly)
{
    tests::TemporaryDirectory dir;
    std::filesystem::copy(fixture(), dir.path(), std::filesystem::copy_options::recursive);
    const auto editJohor = [&](const std::function<void(nlohmann::json&)>& change) {
        auto sites = nlohmann::json::parse(readTextFile(dir / "sites.json"));
        change(sites["results"][2]);
        writeFileAtomically(dir / "sites.json", sites.dump());
    };
    // Without its country custom field, Johor's region 'Johor' names no country; its parent
    // 'Malaysia' (regions.json) does.
    editJohor([](nlohmann::json& johor) { johor["custom_fields"]["country"] = nullptr; });
    auto result = importNetbox(dir.path(), base(), shippedCatalog(), countryNames());
    EXPECT_EQ(siteNamed(result.scenario, "Johor JHB-1").country, "MY");
    EXPECT_EQ(result.summary.sites[2].countryFrom, "region 'Johor' → 'Malaysia'");
    // Without regions.json the walk stops at the site's own region: Dallas's 'Texas' names no country,
    // so the import is refused, saying what to do.
    std::filesystem::remove(dir / "regions.json");
    try {
        importNetbox(dir.path(), base(), shippedCatalog(), countryNames());
        FAIL() << "a site with no country was imported";
    } catch (const FileFormatError& e) {
        EXPECT_EQ(std::string(e.what()),
                  (dir / "sites.json").string() +
                      ": results[0] (site 'Dallas DFW-1'): no country: set its custom field 'country' (ISO 3166-1 "
                      "alpha-2) or put it in a region named after its country (region 'Texas' names none; save "
                      "regions.json too for the regions above)");
    }
    editJohor([](nlohmann::json& johor) { johor["custom_fields"]["country"] = "Narnia"; });
    EXPECT_THROW(importNetbox(dir.path(), base(), shippedCatalog(), countryNames()), FileFormatError);
}

TEST(NetboxMap, RefusesUnknownSystemsAndDuplicates)
{
    const auto error = [](const std::string& csv) {
        try {
            deviceTypeMapFromCsv(csv, "map.csv", shippedCatalog());
        } catch (const FileFormatError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(error("manufacturer,model,system\nDell,XE9680,DGX Z9\n"),
              "map.csv: row 2, column 'system': no system \"DGX Z9\" in the fleet's catalog (leave it empty for a "
              "type that is not an accelerator system)");
    EXPECT_EQ(error("manufacturer,model\nDell,XE9680\n"),
              "map.csv: missing column 'system' (the columns are manufacturer, model, system)");
    EXPECT_EQ(error("manufacturer,model,system\nDell,XE9680,DGX H100\ndell,xe9680,\n"),
              "map.csv: row 3, column 'model': dell xe9680 is mapped twice");
}

} // namespace
} // namespace fw::core::io
