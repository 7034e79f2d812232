// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "core/catalog/catalogjson.h"
#include "core/economics/tco.h"
#include "core/error.h"
#include "tests/core/testdir.h"

namespace fw::core::economics {
namespace {

const catalog::Catalog& catalogue()
{
    static const catalog::Catalog c = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    return c;
}

const workload::ModelAssumptions& assumptions()
{
    static const auto a = workload::loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json");
    return a;
}

TcoInputs dgxH100(int count, int years)
{
    TcoInputs in;
    in.system = catalogue().findSystem("DGX H100");
    in.accelerator = catalogue().findAccelerator("H100 SXM");
    in.count = count;
    in.years = years;
    return in;
}

TEST(Tco, HandCheckedDgxH100)
{
    const auto e = estimateTco(dgxH100(10, 5), assumptions());
    // Capex: 10 × $270,000 (SemiAnalysis via shared/reference/systems.csv).
    EXPECT_DOUBLE_EQ(e.capexUsd, 2'700'000.0);
    // Energy: 80 GPUs × 1,275 W / 0.9 × PUE 1.3 × 0.8 × 8,760 h × $0.078/kWh.
    const double facilityKw = 80 * 1275.0 / 0.9 * 1.3 / 1000.0;
    EXPECT_NEAR(e.energyUsdPerYear, facilityKw * 0.8 * 8760 * 0.078, 1e-6);
    EXPECT_DOUBLE_EQ(e.maintenanceUsdPerYear, 135'000.0);
    EXPECT_DOUBLE_EQ(e.residualUsd, 0.0); // no used-price curve
    double npv = 2'700'000.0;
    for (int t = 1; t <= 5; ++t) {
        npv += e.opexUsdPerYear / std::pow(1.08, t);
    }
    EXPECT_NEAR(e.npvUsd, npv, 1e-6);
    EXPECT_NEAR(e.usdPerAcceleratorHour, (540'000.0 + e.opexUsdPerYear) / (80 * 8760 * 0.8), 1e-12);
    EXPECT_NEAR(e.usdPerPflopDay, e.usdPerAcceleratorHour * 24 / 0.9894, 1e-9);
}

TEST(Tco, CostPerMillionTokens)
{
    auto in = dgxH100(10, 5);
    in.tokensPerSecondPerAccelerator = 1000;
    const auto e = estimateTco(in, assumptions());
    ASSERT_TRUE(e.usdPerMillionTokens.has_value());
    // One accelerator-hour serves 3.6M tokens.
    EXPECT_NEAR(*e.usdPerMillionTokens, e.usdPerAcceleratorHour / 3.6, 1e-12);
}

TEST(Tco, UsesTheUsedPriceCurveForResidualValue)
{
    catalog::Accelerator a = *catalogue().findAccelerator("H100 SXM");
    a.usedPriceCurve = {{1, units::usd(25000), "listing"}, {3, units::usd(15000), "listing"}};
    EXPECT_DOUBLE_EQ(*usedPrice(a, 2), 20000.0);
    EXPECT_DOUBLE_EQ(*usedPrice(a, 5), 15000.0);
    TcoInputs in = dgxH100(1, 3);
    in.accelerator = &a;
    const auto e = estimateTco(in, assumptions());
    EXPECT_DOUBLE_EQ(e.residualUsd, 8 * 15000.0);
    EXPECT_DOUBLE_EQ(e.depreciationUsdPerYear, (270'000.0 - 120'000.0) / 3);
}

TEST(Tco, RejectsNonsense)
{
    auto in = dgxH100(1, 5);
    in.pue = 0.8;
    EXPECT_THROW(estimateTco(in, assumptions()), ValidationError);
    in = dgxH100(1, 5);
    in.system = catalogue().findSystem("trn2.48xlarge"); // no price in the catalog
    in.accelerator = catalogue().findAccelerator("Trainium2");
    EXPECT_THROW(estimateTco(in, assumptions()), ValidationError);
}

} // namespace
} // namespace fw::core::economics
