// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "core/catalog/catalogjson.h"
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

TEST(ServingCalibration, EveryRowIsServedWithinItsToleranceByTheShippedConstants)
{
    const auto& s = shipped();
    const CalibrationSet set(s.table, s.catalog, s.models);
    const auto result = set.evaluate(s.constants, false);
    // Rows the model misses by more than their tolerance (README, "Where the models are weak"): Gaudi 3
    // on Llama 3.1 8B with 2,048-token answers, 2.6× below (the fitted memory efficiency is low for a
    // KV-read-bound small model). A row that comes back within its tolerance fails here until it is
    // taken off this list.
    const std::set<std::string> knownMisses = {"V-41"};
    for (const auto& r : result.rows) {
        EXPECT_GT(r.model, 0.0) << r.row->id << " cannot be served";
        // Tolerances are stated per row in the table (by the kind of source), as |model − published| /
        // published above and its reciprocal below.
        const bool within = std::abs(std::log(r.model / r.row->published)) <= std::log(1.0 + r.row->tolerance);
        EXPECT_EQ(within, !knownMisses.contains(r.row->id)) << r.row->id;
    }
    // Where the model stands today (README, "Where the models are weak"); the target is a
    // median of 15 % and a worst row of 35 %, not reached.
    EXPECT_LE(result.medianError, 0.26);
    EXPECT_LE(result.worstError, 1.35);
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
    EXPECT_LE(result.leaveOneOutMedianError, 0.29);
}

} // namespace
} // namespace fw::core::workload
