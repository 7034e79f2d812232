// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/catalog/metrics.h"
#include "tests/core/testdir.h"

namespace fw::core::catalog {
namespace {

const Catalog& shipped()
{
    static const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    return catalog;
}

struct PublishedFigure {
    const char* sku;
    double tpp;
    double pd; ///< 0 where no PD is published
    const char* source;
};

// TPP and PD published in shared/reference/export-test-vectors.csv and export-controls.md §4.
const PublishedFigure publishedFigures[] = {
    {"H100 SXM", 15832, 19.45, "export-test-vectors.csv (technews.lt; smbom.com PD 19.4)"},
    {"A100 SXM", 4992, 6.04, "export-test-vectors.csv (Federal Register 2022-21658; Epoch)"},
    {"H20", 2368, 2.91, "export-test-vectors.csv"},
    {"RTX 4090", 5285, 8.69, "export-test-vectors.csv; export-controls.md §4 (winbuzzer)"},
    {"RTX 4090 D", 4707, 7.74, "export-controls.md §4 (tomshw.it)"},
};

class PublishedTpp : public ::testing::TestWithParam<PublishedFigure> {};

TEST_P(PublishedTpp, MatchesWithinOnePercent)
{
    const auto& expected = GetParam();
    const Accelerator* a = shipped().findAccelerator(expected.sku);
    ASSERT_NE(a, nullptr) << expected.sku;
    const auto tpp = totalProcessingPerformance(*a);
    ASSERT_TRUE(tpp.has_value());
    EXPECT_NEAR(*tpp, expected.tpp, expected.tpp * 0.01) << expected.source;
    if (expected.pd > 0) {
        const auto pd = performanceDensity(*a);
        ASSERT_TRUE(pd.has_value());
        EXPECT_NEAR(*pd, expected.pd, expected.pd * 0.01) << expected.source;
    }
}

INSTANTIATE_TEST_SUITE_P(ExportControlVectors, PublishedTpp, ::testing::ValuesIn(publishedFigures),
                         [](const auto& info) {
                             std::string name = info.param.sku;
                             std::erase_if(name, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
                             return name;
                         });

TEST(Tpp, IsTheHighestOverPrecisions)
{
    Accelerator a;
    a.bf16 = units::teraflops(100); // 1,600
    a.fp8 = units::teraflops(250);  // 2,000
    a.int8 = units::teraflops(200); // 1,600
    a.fp64 = units::teraflops(20);  // 1,280
    EXPECT_DOUBLE_EQ(*totalProcessingPerformance(a), 2000.0);
    a.dieArea = units::squareMillimetres(400);
    EXPECT_DOUBLE_EQ(*performanceDensity(a), 5.0);
}

TEST(Tpp, IsEmptyWithoutRatesAndPdWithoutArea)
{
    Accelerator a;
    EXPECT_FALSE(totalProcessingPerformance(a).has_value());
    a.bf16 = units::teraflops(100);
    EXPECT_FALSE(performanceDensity(a).has_value());
}

TEST(SystemPower, DgxH100Is1275WattsPerGpu)
{
    // NVIDIA DGX H100 user guide: 10.2 kW maximum for 8 GPUs (shared/reference/notes.md).
    const System* dgx = shipped().findSystem("DGX H100");
    ASSERT_NE(dgx, nullptr);
    const auto perGpu = systemPowerPerAccelerator(*dgx, *shipped().findAccelerator(dgx->acceleratorSku));
    ASSERT_TRUE(perGpu.has_value());
    EXPECT_DOUBLE_EQ(units::inWatts(*perGpu), 1275.0);
}

TEST(SystemPower, FallsBackToTdpPlusHostOverhead)
{
    Accelerator a;
    a.tdp = units::watts(700);
    System s;
    s.acceleratorsPerSystem = 8;
    EXPECT_FALSE(systemPowerPerAccelerator(s, a).has_value());
    s.hostOverhead = units::watts(2000);
    EXPECT_DOUBLE_EQ(units::inWatts(*systemPowerPerAccelerator(s, a)), 950.0);
}

TEST(Efficiency, PerWattAndPerDollar)
{
    const Accelerator& h100 = *shipped().findAccelerator("H100 SXM");
    // 989.4 TFLOP/s / 700 W; 989.4 / $31,250; 80 GB / $31,250.
    EXPECT_NEAR(*bf16TflopsPerWatt(h100), 989.4 / 700.0, 1e-12);
    EXPECT_NEAR(*bf16TflopsPerUsd(h100), 989.4 / 31250.0, 1e-12);
    EXPECT_NEAR(*memoryGbPerUsd(h100), 80.0 / 31250.0, 1e-12);
}

} // namespace
} // namespace fw::core::catalog
