// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/io/scenariocsv.h"
#include "tests/core/testdir.h"

namespace fw::core::io {
namespace {

const catalog::Catalog& shippedCatalog()
{
    static const auto catalog = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    return catalog;
}

/// The US sample: sites Texas, Norway, UAE, Malaysia; two inference classes; 2027Q1, 12 quarters.
const plan::Scenario& sample()
{
    static const auto s =
        plan::scenarioFromJson(readTextFile(tests::shippedData() / "sample" / "neocloud-us.json"), "neocloud-us.json");
    return s;
}

std::string errorOf(ScenarioTable table, const std::string& csv)
{
    try {
        withTableFromCsv(sample(), table, csv, "in.csv", shippedCatalog());
    } catch (const FileFormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(ScenarioCsv, FleetReplacesTheInstalledSystems)
{
    const std::string site = sample().sites[0].name;
    const auto s = withTableFromCsv(sample(), ScenarioTable::Fleet,
                                    "Site,System,Count,age_years,purchased,price_usd\r\n" + site +
                                        ",DGX H100,16,2,,\r\n" + site + ",dgx a100,4,,2025Q1,200000\r\n",
                                    "in.csv", shippedCatalog());
    ASSERT_EQ(s.installed.size(), 2u);
    EXPECT_EQ(s.installed[0].count, 16);
    EXPECT_EQ(s.installed[0].ageYears, 2.0);
    EXPECT_EQ(s.installed[1].system, "DGX A100"); // the catalog's SKU, whatever the case typed
    // Bought 2025Q1, the horizon starts 2027Q1: 8 quarters = 2 years; the price is kept as the new
    // price the plan's used-price curve starts from.
    EXPECT_EQ(s.installed[1].ageYears, 2.0);
    EXPECT_DOUBLE_EQ(*s.installed[1].priceUsd, 200000.0);
    EXPECT_FALSE(s.installed[1].resaleUsd);
    EXPECT_EQ(s.demand, sample().demand); // only the fleet changed
}

TEST(ScenarioCsv, FleetErrorsNameRowAndColumn)
{
    const std::string site = sample().sites[0].name;
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system\n"), "in.csv: row 1: missing column 'count'");
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system,count,colour\n"),
              "in.csv: row 1, column 4: unknown column 'colour' (the columns are site, system, count, age_years or "
              "purchased, resale_usd or price_usd)");
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system,count\nAtlantis,DGX H100,1\n"),
              "in.csv: row 2, column 'site': no site \"Atlantis\" in scenario '" + sample().name + "'");
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system,count\n" + site + ",DGX H900,1\n"),
              "in.csv: row 2, column 'system': no system \"DGX H900\" in the fleet's catalog");
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system,count\n" + site + ",DGX H100,2.5\n"),
              "in.csv: row 2, column 'count': \"2.5\" is not a whole number from 0 to 1000000000");
    EXPECT_EQ(errorOf(ScenarioTable::Fleet, "site,system,count,age_years\n" + site + ",DGX H100,2,-1\n"),
              "in.csv: row 2, column 'age_years': -1 is below 0");
}

TEST(ScenarioCsv, DemandByQuarterAndInferenceClass)
{
    ASSERT_EQ(sample().inferenceClasses.size(), 2u);
    const std::string a = sample().inferenceClasses[0].name;
    const std::string b = sample().inferenceClasses[1].name;
    const auto s =
        withTableFromCsv(sample(), ScenarioTable::Demand,
                         "quarter,training_pflops," + a + "," + b + "\n2027Q1,100,5000,200\n2027Q2,150,,300\n",
                         "in.csv", shippedCatalog());
    ASSERT_EQ(s.demand.size(), 2u);
    EXPECT_EQ(s.demand[1].trainingPflops, 150.0);
    EXPECT_EQ(s.demand[1].inferenceTokensPerSecond, (std::vector<double>{0.0, 300.0}));
    // Forecast demand on top, per stream; the sample prices each stream's unserved demand.
    const auto f = withTableFromCsv(sample(), ScenarioTable::Demand,
                                    "quarter,training_pflops,forecast_training_pflops," + a + "," + a + " forecast\n" +
                                        "2027Q1,100,40,5000,2500\n",
                                    "in.csv", shippedCatalog());
    EXPECT_EQ(f.demand[0].forecastTrainingPflops, 40.0);
    EXPECT_EQ(f.demand[0].forecastInferenceTokensPerSecond, (std::vector<double>{2500.0, 0.0}));
    // The largest job is part of the training demand: at most contracted + forecast.
    const auto job = withTableFromCsv(sample(), ScenarioTable::Demand,
                                      "quarter,training_pflops,forecast_training_pflops,largest_training_job_pflops\n"
                                      "2027Q1,100,40,140\n",
                                      "in.csv", shippedCatalog());
    EXPECT_EQ(job.demand[0].largestTrainingJobPflops, 140.0);
    EXPECT_EQ(errorOf(ScenarioTable::Demand, "quarter,training_pflops,largest_training_job_pflops\n2027Q1,100,120\n"),
              "in.csv: row 2, column 'largest_training_job_pflops': 120 is above the row's training demand "
              "(contracted and forecast, 100): the job is part of it");
    EXPECT_EQ(errorOf(ScenarioTable::Demand, "quarter,training_pflops\n2027Q2,1\n"),
              "in.csv: row 2, column 'quarter': expected 2027Q1 (one row per quarter, in order from the horizon's "
              "first)");
    EXPECT_EQ(errorOf(ScenarioTable::Demand, "quarter,training_pflops\n"),
              "in.csv: no rows; the demand needs at least the first quarter's");
}

TEST(ScenarioCsv, MarketRowsAndErrors)
{
    const auto s = withTableFromCsv(sample(), ScenarioTable::Market,
                                    "system,condition,age_years,lead_quarters,price_usd 2027Q1,price_usd 2027Q2,"
                                    "supply_per_quarter\n"
                                    "DGX B200,new,,2,515000,480000,40\n"
                                    "DGX H100,used,2,0,180000,,12\n",
                                    "in.csv", shippedCatalog());
    ASSERT_EQ(s.market.size(), 2u);
    EXPECT_EQ(s.market[0].priceUsd, (std::vector<double>{515000.0, 480000.0}));
    EXPECT_EQ(s.market[0].supply, (std::vector<int>{40}));
    EXPECT_EQ(s.market[0].leadQuarters, 2);
    EXPECT_TRUE(s.market[1].used);
    EXPECT_EQ(s.market[1].priceUsd, (std::vector<double>{180000.0}));
    EXPECT_EQ(errorOf(ScenarioTable::Market, "system,supply_per_quarter\nDGX B200,\n"),
              "in.csv: row 2: no supply (column supply_per_quarter or 'supply_per_quarter 2027Q1' …)");
    EXPECT_EQ(errorOf(ScenarioTable::Market, "system,supply_per_quarter,condition\nDGX B200,4,refurbished\n"),
              "in.csv: row 2, column 'condition': \"refurbished\" is not new or used");
    EXPECT_EQ(errorOf(ScenarioTable::Market,
                      "system,price_usd,price_usd 2027Q1,supply_per_quarter\nDGX B200,500000,510000,4\n"),
              "in.csv: row 2, column 'price_usd 2027Q1': give 'price_usd' or one value per quarter, not both");
    EXPECT_EQ(errorOf(ScenarioTable::Market,
                      "system,price_usd 2027Q1,price_usd 2027Q2,supply_per_quarter\nDGX B200,,510000,4\n"),
              "in.csv: row 2, column 'price_usd 2027Q1': empty, but a later quarter has a value (leave only the "
              "quarters after the last value empty: the last value repeats)");
    // A used offer needs a price: the scenario's own rule, named by its path.
    EXPECT_EQ(errorOf(ScenarioTable::Market, "system,condition,supply_per_quarter\nDGX H100,used,4\n").substr(0, 18),
              "in.csv: market[0].");
}

} // namespace
} // namespace fw::core::io
