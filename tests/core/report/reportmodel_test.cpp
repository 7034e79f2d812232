// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/report/reportmodel.h"
#include "tests/core/testdir.h"

namespace fw::core::report {
namespace {

TEST(ReportModel, CatalogReportListsEveryAcceleratorWithItsTpp)
{
    Fleet fleet{"Test fleet", {}, catalog::loadCatalogDirectory(tests::shippedData() / "catalog"), {}, {}};
    const auto model = buildCatalogReport(fleet, "test.fleet", "2026-11-28");
    ASSERT_EQ(model.sections.size(), 1U);
    ASSERT_EQ(model.sections[0].tables.size(), 1U);
    const auto& table = model.sections[0].tables[0];
    EXPECT_EQ(table.rows.size(), fleet.catalog.accelerators.size());
    const auto h100 =
        std::find_if(table.rows.begin(), table.rows.end(), [](const auto& r) { return r[0] == "H100 SXM"; });
    ASSERT_NE(h100, table.rows.end());
    EXPECT_EQ((*h100)[7], "15,832"); // TPP column, thousands separated
    EXPECT_EQ((*h100)[6], "700");    // TDP W
}

TEST(ReportModel, ChartHasOneSeriesPerVendorAndOnlyPointsWithBothFigures)
{
    catalog::Catalog c;
    catalog::Accelerator a;
    a.sku = "A";
    a.vendor = "V1";
    a.bf16 = units::teraflops(100);
    a.tdp = units::watts(300);
    catalog::Accelerator b = a;
    b.sku = "B";
    b.vendor = "V2";
    catalog::Accelerator noTdp = a;
    noTdp.sku = "C";
    noTdp.tdp.reset();
    c.accelerators = {a, b, noTdp};
    const auto chart = bf16VersusTdpChart(c);
    ASSERT_EQ(chart.series.size(), 2U);
    EXPECT_EQ(chart.series[0].name, "V1");
    ASSERT_EQ(chart.series[0].points.size(), 1U);
    EXPECT_DOUBLE_EQ(chart.series[0].points[0].x, 300.0);
    EXPECT_DOUBLE_EQ(chart.series[0].points[0].y, 100.0);
    EXPECT_EQ(chart.series[0].points[0].label, "A");
}

} // namespace
} // namespace fw::core::report
