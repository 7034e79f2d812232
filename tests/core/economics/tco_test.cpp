// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "core/economics/residual.h"
#include "core/economics/tco.h"
#include "core/error.h"
#include "tests/core/economics/shipped.h"

namespace fw::core::economics {
namespace {

TcoInputs dgxH100(int count, int years)
{
    TcoInputs in;
    in.system = tests::shippedCatalog().findSystem("DGX H100");
    in.accelerator = tests::shippedCatalog().findAccelerator("H100 SXM");
    in.count = count;
    in.years = years;
    return in;
}

TEST(Tco, ABaseboardPriceCountsAsAFullSystem)
{
    // Two MI300X "servers": the catalog's 205,870 USD UBB baseboard + 32,010 USD host and integration
    // (assumptions.json) = 237,880 USD each, the price the optimizer pays too.
    TcoInputs in = dgxH100(2, 5);
    in.system = tests::shippedCatalog().findSystem("MI300X 8-GPU server");
    in.accelerator = tests::shippedCatalog().findAccelerator("MI300X");
    const auto e = estimateTco(in, tests::shippedAssumptions());
    EXPECT_DOUBLE_EQ(e.priceUsd, 237'880.0);
    EXPECT_DOUBLE_EQ(e.systemsCapexUsd, 475'760.0);
    EXPECT_TRUE(e.priceBasis.starts_with("baseboard price 205,870 USD + host and integration uplift 32,010 USD"));
    in.priceUsd = 300'000.0; // a quote for the whole server is taken as it is
    EXPECT_DOUBLE_EQ(estimateTco(in, tests::shippedAssumptions()).systemsCapexUsd, 600'000.0);
}

TEST(Tco, TheScaleOutFabricIsCapexWithoutResidualAndDrawsPowerLikeTheServers)
{
    // Ten DGX H100 with $41,150 and 568.56 W of fabric each (8 × the QM9700 fat tree's $5,143.75 and
    // 71.07 W per GPU, tests/core/plan/fabric_test.cpp), 5 % installation share.
    TcoInputs in = dgxH100(10, 5);
    in.installationShare = 0.05;
    in.facilityUsdPerMw = 10e6;
    const auto without = estimateTco(in, tests::shippedAssumptions());
    in.fabricUsdPerSystem = 41'150.0;
    in.fabricWattsPerSystem = 568.56;
    const auto e = estimateTco(in, tests::shippedAssumptions());
    // Capex: + 10 × 41,150 = 411,500 USD, with no installation share on it.
    EXPECT_DOUBLE_EQ(e.fabricCapexUsd, 411'500.0);
    // Facility: + 5,685.6 W × PUE 1.3 = 7,391.28 W = 0.00739128 MW, at 10 M USD per MW = 73,912.8 USD.
    EXPECT_NEAR(e.facilityMegawatts - without.facilityMegawatts, 0.00739128, 1e-12);
    EXPECT_NEAR(e.capexUsd - without.capexUsd, 411'500.0 + 73'912.8, 1e-6);
    // Energy: + 7,391.28 W × 0.8 × 8,760 h × $0.078/kWh = $4,040.25 a year.
    EXPECT_NEAR(e.energyUsdPerYear - without.energyUsdPerYear, 7.39128 * 0.8 * 8760 * 0.078, 1e-6);
    // No maintenance share and no residual value on the fabric.
    EXPECT_DOUBLE_EQ(e.maintenanceUsdPerYear, without.maintenanceUsdPerYear);
    EXPECT_DOUBLE_EQ(e.residualUsd, without.residualUsd);
    in.fabricUsdPerSystem = -1.0;
    EXPECT_THROW(estimateTco(in, tests::shippedAssumptions()), ValidationError);
    in.fabricUsdPerSystem = 0.0;
    in.fabricWattsPerSystem = std::nan("");
    EXPECT_THROW(estimateTco(in, tests::shippedAssumptions()), ValidationError);
}

TEST(Tco, HandCheckedDgxH100)
{
    const auto e = estimateTco(dgxH100(10, 5), tests::shippedAssumptions());
    // Capex: 10 × $270,000 (SemiAnalysis via shared/reference/systems.csv).
    EXPECT_DOUBLE_EQ(e.capexUsd, 2'700'000.0);
    // Energy: 80 GPUs × 1,275 W × (1 + 11.1 % network and storage) × PUE 1.3 × 0.8 × 8,760 h × $0.078/kWh.
    const double facilityKw = 80 * 1275.0 * 1.111 * 1.3 / 1000.0;
    EXPECT_NEAR(e.energyUsdPerYear, facilityKw * 0.8 * 8760 * 0.078, 1e-6);
    EXPECT_DOUBLE_EQ(e.maintenanceUsdPerYear, 135'000.0);
    // Residual: the price × what an H100 SXM keeps after 5 years (its used prices).
    const double residual =
        2'700'000.0 *
        residualShare(*tests::shippedCatalog().findAccelerator("H100 SXM"), 5, tests::shippedAssumptions()).share;
    EXPECT_NEAR(e.residualUsd, residual, 1e-6);
    double npv = 2'700'000.0;
    for (int t = 1; t <= 5; ++t) {
        npv += e.opexUsdPerYear / std::pow(1.08, t);
    }
    npv -= residual / std::pow(1.08, 5);
    EXPECT_NEAR(e.npvUsd, npv, 1e-6);
    EXPECT_NEAR(e.usdPerAcceleratorHour, ((2'700'000.0 - residual) / 5 + e.opexUsdPerYear) / (80 * 8760 * 0.8), 1e-12);
    EXPECT_NEAR(e.usdPerPflopDay, e.usdPerAcceleratorHour * 24 / 0.9894, 1e-9);
}

TEST(Tco, CostPerMillionTokens)
{
    auto in = dgxH100(10, 5);
    in.tokensPerSecondPerAccelerator = 1000;
    const auto e = estimateTco(in, tests::shippedAssumptions());
    ASSERT_TRUE(e.usdPerMillionTokens.has_value());
    // One accelerator-hour serves 3.6M tokens.
    EXPECT_NEAR(*e.usdPerMillionTokens, e.usdPerAcceleratorHour / 3.6, 1e-12);
}

TEST(Tco, ResidualValueFromDatedUsedPrices)
{
    // H100 SXM released 2022 (age counted from mid-2022, a price's date from the middle of its month),
    // new 31,250 USD. One used price of half that in June 2024: age 2024 + 5.5/12 − 2022.5 = 1.958
    // years, λ = ln 2 / 1.958, and after 3 years a unit keeps e^(−3λ).
    catalog::Accelerator a = *tests::shippedCatalog().findAccelerator("H100 SXM");
    a.usedPriceCurve = {{Date::parse("2024-06-15"), units::usd(15625), "listing"}};
    const double age = 2024 + 5.5 / 12 - 2022.5;
    const auto share = residualShare(a, 3.0, tests::shippedAssumptions());
    EXPECT_NEAR(share.lossPerYear, std::log(2.0) / age, 1e-9);
    EXPECT_NEAR(share.share, std::exp(-3.0 * std::log(2.0) / age), 1e-9);
    TcoInputs in = dgxH100(1, 3);
    in.accelerator = &a;
    const auto e = estimateTco(in, tests::shippedAssumptions());
    EXPECT_NEAR(e.residualUsd, 270'000.0 * share.share, 1e-6);
    EXPECT_NEAR(e.depreciationUsdPerYear, (270'000.0 - e.residualUsd) / 3, 1e-6);
    // Two points fit by least squares through the origin in log: λ = Σ age·−ln(r) / Σ age².
    a.usedPriceCurve.push_back({Date::parse("2026-06-15"), units::usd(7812.5), "listing"}); // a quarter
    const double age2 = age + 2.0;
    EXPECT_NEAR(residualShare(a, 1.0, tests::shippedAssumptions()).lossPerYear,
                (age * std::log(2.0) + age2 * std::log(4.0)) / (age * age + age2 * age2), 1e-9);
}

TEST(Tco, ResidualValueWithoutUsedPricesFallsBackToTheSourcedShare)
{
    // MI300X has no used prices: 77 % a year (SpotWire's H100 PCIe vintage factors).
    const auto& a = *tests::shippedCatalog().findAccelerator("MI300X");
    const auto share = residualShare(a, 2.0, tests::shippedAssumptions());
    EXPECT_NEAR(share.share, 0.77 * 0.77, 1e-9);
    EXPECT_NE(share.basis.find("spotwire"), std::string::npos);
    EXPECT_THROW(residualShare(a, -1.0, tests::shippedAssumptions()), ValidationError);
}

TEST(Tco, TheShippedUsedPricesOfHopperAndAmpere)
{
    // A100 (2020, 17,500 USD new) at 6,500 in 2026-03; H100 SXM at 23,500 in 2026-02: each keeps less
    // than its new price and more than nothing after 5 years.
    for (const char* sku : {"A100 SXM", "H100 SXM", "H100 PCIe"}) {
        const auto share =
            residualShare(*tests::shippedCatalog().findAccelerator(sku), 5.0, tests::shippedAssumptions());
        EXPECT_GT(share.share, 0.0) << sku;
        EXPECT_LT(share.share, 1.0) << sku;
        EXPECT_NE(share.basis.find("used price"), std::string::npos) << sku;
    }
}

TEST(Tco, RejectsNonsense)
{
    auto in = dgxH100(1, 5);
    in.pue = 0.8;
    EXPECT_THROW(estimateTco(in, tests::shippedAssumptions()), ValidationError);
    in = dgxH100(1, 5);
    in.system = tests::shippedCatalog().findSystem("trn2.48xlarge"); // no price in the catalog
    in.accelerator = tests::shippedCatalog().findAccelerator("Trainium2");
    EXPECT_THROW(estimateTco(in, tests::shippedAssumptions()), ValidationError);
}

} // namespace
} // namespace fw::core::economics
