// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <regex>

#include "core/catalog/catalogjson.h"
#include "core/catalog/rentalprices.h"
#include "core/error.h"
#include "core/fileio.h"
#include "tests/core/testdir.h"

namespace fw::core::catalog {
namespace {

const std::vector<RentalPrice>& shipped()
{
    static const auto prices = loadRentalPrices(tests::shippedData() / "catalog" / "rental-prices.json");
    return prices;
}

TEST(RentalPrices, EveryShippedPriceHasADateASourceUrlAndACatalogAccelerator)
{
    const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    const std::regex url(R"(https?://\S+( ; https?://\S+)*)");
    ASSERT_FALSE(shipped().empty());
    for (const auto& p : shipped()) {
        SCOPED_TRACE(p.acceleratorSku + " " + p.date + " " + p.seller);
        EXPECT_TRUE(std::regex_match(p.source, url));
        EXPECT_TRUE(std::regex_match(p.date, std::regex(R"(\d{4}(-\d{2}(-\d{2})?)?)")));
        EXPECT_NE(catalog.findAccelerator(p.acceleratorSku), nullptr);
        EXPECT_GT(p.usdPerHour, 0.0);
    }
}

TEST(RentalPrices, TheMainAcceleratorsArePriced)
{
    for (const char* sku : {"H100 SXM", "H200 SXM", "B200", "MI300X", "A100 SXM"}) {
        EXPECT_FALSE(rentalPricesOf(shipped(), sku).empty()) << sku;
    }
}

TEST(RentalPrices, NewestFirstWithTheSourcesTrend)
{
    // The SemiAnalysis 1-year H100 contract index: 1.70 (Oct 2025) → 2.35 (Mar 2026) → ~2.65 (Jun 2026).
    std::vector<double> index;
    for (const auto& p : rentalPricesOf(shipped(), "H100 SXM")) {
        if (p.seller == "SemiAnalysis H100 1-year contract index") {
            EXPECT_EQ(contractText(p), "reserved 12 months");
            index.push_back(p.usdPerHour);
        }
    }
    EXPECT_EQ(index, (std::vector<double>{2.65, 2.35, 1.70}));
    const auto h100 = rentalPricesOf(shipped(), "H100 SXM");
    EXPECT_EQ(h100.front().date, "2026-06");
    EXPECT_EQ(h100.back().date, "2023"); // "2023" is known only to its year: after 2023-07
}

TEST(RentalPrices, WeakSourcesKeepTheirMark)
{
    const auto mi300x = rentalPricesOf(shipped(), "MI300X");
    ASSERT_FALSE(mi300x.empty());
    for (const auto& p : mi300x) {
        EXPECT_EQ(p.confidence, "weak"); // all marked (weak) in shared/reference/cloud-rental.md
    }
}

std::string document(const std::string& record)
{
    return R"({"id": "t", "notes": "", "prices": [)" + record + "]}";
}

std::string record(const std::string& field, const std::string& value)
{
    std::string r = R"({"accelerator_sku": "H100 SXM", "date": "2026-03", "date_note": "",
        "usd_per_accelerator_hour": 2.35, "usd_per_accelerator_hour_high": null, "contract": "reserved",
        "reserved_months": 12, "seller": "X", "seller_hq_country": "US", "confidence": "weak",
        "source": "https://example.org", "notes": ""})";
    const std::regex member("\"" + field + "\": [^,}]*");
    return std::regex_replace(r, member, "\"" + field + "\": " + value);
}

/// The one-line error a record with `field` set to `value` gets.
std::string errorFor(const std::string& field, const std::string& value)
{
    try {
        rentalPricesFromJson(document(record(field, value)), "prices.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(RentalPrices, BadRecordsGetOneLineNamingFileRecordFieldAndValue)
{
    EXPECT_EQ(rentalPricesFromJson(document(record("seller", "\"Y\"")), "prices.json").front().seller, "Y");
    EXPECT_EQ(errorFor("date", "\"2026-13\""),
              "prices.json: prices[0].date: '2026-13' is not a date of 2000–2100 written YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_EQ(errorFor("date", "\"2026-02-30\""),
              "prices.json: prices[0].date: '2026-02-30' is not a date of 2000–2100 written YYYY, YYYY-MM or "
              "YYYY-MM-DD");
    EXPECT_EQ(errorFor("source", "\"aimultiple.com\""),
              "prices.json: prices[0].source: 'aimultiple.com' is not an http(s) URL (URLs are separated by ' ; ')");
    EXPECT_EQ(errorFor("source", "\"\""), "prices.json: prices[0].source: must not be empty");
    EXPECT_EQ(errorFor("contract", "\"lease\""),
              "prices.json: prices[0].contract: 'lease' is not one of on_demand, reserved, spot, index");
    EXPECT_EQ(errorFor("confidence", "\"strong\""),
              "prices.json: prices[0].confidence: 'strong' is not one of reported, secondary, weak");
    EXPECT_EQ(errorFor("seller_hq_country", "\"USA\""),
              "prices.json: prices[0].seller_hq_country: 'USA' is not an ISO 3166-1 alpha-2 code");
    EXPECT_EQ(errorFor("usd_per_accelerator_hour_high", "1.0"),
              "prices.json: prices[0].usd_per_accelerator_hour_high: 1 is below the low end 2.35");
    EXPECT_NE(errorFor("usd_per_accelerator_hour", "-2").find("prices[0].usd_per_accelerator_hour"), std::string::npos);
    EXPECT_NE(errorFor("usd_per_accelerator_hour", "5000").find("above the largest rental price"), std::string::npos);
    EXPECT_NE(errorFor("reserved_months", "0").find("prices[0].reserved_months"), std::string::npos);
    std::string extra = record("notes", "\"\"");
    extra.insert(extra.rfind('}'), R"(, "colour": 1)");
    EXPECT_THROW(
        {
            try {
                rentalPricesFromJson(document(extra), "prices.json");
            } catch (const FileFormatError& e) {
                EXPECT_STREQ(e.what(), "prices.json: prices[0].colour: unknown field");
                throw;
            }
        },
        FileFormatError);
    EXPECT_NE(errorFor("accelerator_sku", "null").find("prices[0].accelerator_sku"), std::string::npos);
}

TEST(RentalPrices, ReservedMonthsOnlyForReservedContracts)
{
    auto r = record("contract", "\"spot\"");
    EXPECT_THROW(rentalPricesFromJson(document(r), "prices.json"), FileFormatError);
    r = record("reserved_months", "null");
    EXPECT_EQ(contractText(rentalPricesFromJson(document(r), "prices.json").front()), "reserved (term not stated)");
}

} // namespace
} // namespace fw::core::catalog
