// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/report/plainwords.h"

namespace fw::core::report {
namespace {

plan::Scenario twoSites()
{
    plan::Scenario s;
    s.name = "s";
    s.firstQuarter = plan::Quarter::parse("2027Q1");
    s.quarters = 8;
    plan::Site texas;
    texas.name = "Texas";
    texas.country = "US";
    plan::Site norway;
    norway.name = "Norway";
    norway.country = "NO";
    s.sites = {texas, norway};
    s.market = {plan::Offer{"DGX H100", {}, {3}, 0}};
    s.market[0].used = true;
    plan::InferenceClass chat;
    chat.name = "chat 70B";
    s.inferenceClasses = {chat};
    return s;
}

} // namespace

TEST(PlainWords, JsonPathsBecomeTheRowsAndQuartersTheyName)
{
    const auto s = twoSites();
    // Table-driven: (message from core, what a planner reads).
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sites[1].power_mw[4]: -3 is negative; must be ≥ 0",
         "site “Norway”, power (MW) in 2028Q1: -3 is negative; must be ≥ 0"},
        {"sites[0].build_out.usd_per_mw: -1 is negative", "site “Texas”, build-out price (USD/MW): -1 is negative"},
        {"market[0].price_usd[2]: -5 is negative", "offer “DGX H100 (used)”, price (USD) in 2027Q3: -5 is negative"},
        {"demand[3].inference_tokens_per_s[0]: -1 is negative",
         "demand in 2027Q4, inference demand (tokens/s) of “chat 70B”: -1 is negative"},
        {"policy.max_vendor_share: 0 must be in (0, 1]", "largest vendor share: 0 must be in (0, 1]"},
        {"accelerator 'X' field 'tdp_w': 0 W; must be > 0", "accelerator 'X' field 'TDP': 0 W; must be > 0"},
        {"license_required (US-AC-2023-11 AC23-A-D1-D4)", "licence required (US-AC-2023-11 AC23-A-D1-D4)"},
        {"leaf_spine links", "leaf–spine links"},
        // English, identifiers that are not keys, and URLs stay as they are.
        {"e.g. Germany, see 3A090.a.1 and US-AC-2023-11", "e.g. Germany, see 3A090.a.1 and US-AC-2023-11"},
        {"source https://example.com/a_b/c_d.pdf, page 3", "source https://example.com/a_b/c_d.pdf, page 3"},
        {"some_unknown_key", "some unknown key"},
    };
    for (const auto& [message, words] : cases) {
        EXPECT_EQ(plainMessage(message, &s), words) << message;
    }
    // Without a scenario, rows and quarters are counted from one.
    EXPECT_EQ(plainMessage("sites[1].power_mw[4]: bad"), "site 2, power (MW) in quarter 5: bad");
    // A name too long for a label keeps its ends (59 characters with the "…"), so the reason still shows.
    auto named = s;
    named.sites[0].name = std::string(100, 'T') + "é";
    EXPECT_EQ(plainMessage("sites[0].name: 101 characters is above the largest name accepted", &named),
              "site “" + std::string(29, 'T') + "…" + std::string(28, 'T') +
                  "é”, name: 101 characters is above the largest name accepted");
}

TEST(PlainWords, EnumerationValues)
{
    using compliance::ReviewPolicy;
    using compliance::Treatment;
    EXPECT_EQ(plainTreatment(Treatment::LicenseRequired, ReviewPolicy::CaseByCase), "licence required (case-by-case)");
    EXPECT_EQ(plainTreatment(Treatment::LicenseException), "licence exception");
    EXPECT_EQ(plainTreatment(Treatment::ProhibitedRisk), "prohibited risk");
    EXPECT_EQ(plainEccn("not_controlled"), "not controlled");
    EXPECT_EQ(plainEccn("3A090.a"), "3A090.a");
    EXPECT_EQ(plainObjective("max_capacity"), "most capacity the budgets buy");
    EXPECT_EQ(plainLicenceAppetite("case_by_case"), "counts on licences with case-by-case review");
    EXPECT_EQ(plainKey("maintenance_share_per_year"), "maintenance per year (share of the price)");
    EXPECT_EQ(plainKey("memory_bw_tbps"), "Memory BW"); // the catalog's own label
}

} // namespace fw::core::report
