// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogcsv.h"
#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "tests/core/testdir.h"

namespace fw::core::catalog {
namespace {

const Catalog& shipped()
{
    static const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    return catalog;
}

std::string errorOf(const std::string& csv)
{
    try {
        catalogFromCsv(csv, "in.csv");
    } catch (const FileFormatError& e) {
        return e.what();
    }
    return {};
}

/// The shipped catalog's CSV with the first occurrence of `from` replaced by `to`.
std::string shippedCsvWith(const std::string& from, const std::string& to)
{
    std::string csv = catalogToCsv(shipped());
    const auto at = csv.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return csv.replace(at, from.size(), to);
}

TEST(CatalogCsv, ExportThenImportComparesEqualFieldByField)
{
    const Catalog back = catalogFromCsv(catalogToCsv(shipped()), "roundtrip.csv");
    ASSERT_EQ(back.accelerators.size(), shipped().accelerators.size());
    for (std::size_t i = 0; i < back.accelerators.size(); ++i) {
        EXPECT_EQ(back.accelerators[i], shipped().accelerators[i]) << shipped().accelerators[i].sku;
    }
    EXPECT_EQ(back.systems, shipped().systems);
    EXPECT_EQ(back.networkParts, shipped().networkParts);
    EXPECT_EQ(back, shipped());
}

TEST(CatalogCsv, KeepsCommasQuotesAndNewlinesInText)
{
    Catalog c = shipped();
    c.accelerators[0].notes = "line one, with \"quotes\"\nline two";
    c.accelerators[0].usedPriceCurve = {{Date::parse("2026-01-02"), units::usd(9000.5), "a, \"quoted\" source"}};
    EXPECT_EQ(catalogFromCsv(catalogToCsv(c), "x.csv"), c);
}

TEST(CatalogCsv, UnknownColumn)
{
    std::string csv = catalogToCsv(shipped());
    csv.replace(csv.find("\"tdp_w\""), 7, "\"tdp\"");
    EXPECT_EQ(errorOf(csv), "in.csv: row 1 column 20: unknown field 'tdp'");
}

TEST(CatalogCsv, MissingField)
{
    std::string csv = catalogToCsv(shipped());
    csv.erase(csv.find("\"tdp_w\","), 8);
    EXPECT_EQ(errorOf(csv), "in.csv: row 1: missing column 'tdp_w'");
}

TEST(CatalogCsv, WrongType)
{
    EXPECT_EQ(errorOf(shippedCsvWith("\"700\"", "\"seven hundred\"")),
              "in.csv: row 4 (accelerator 'H100 SXM') field 'tdp_w': \"seven hundred\" is not a number");
}

TEST(CatalogCsv, NegativePower)
{
    EXPECT_EQ(errorOf(shippedCsvWith("\"700\"", "\"-700\"")),
              "in.csv: row 4 (accelerator 'H100 SXM') field 'tdp_w': -700 W is negative; must be ≥ 0");
}

TEST(CatalogCsv, DuplicateSku)
{
    EXPECT_EQ(errorOf(shippedCsvWith("\"A800 SXM\"", "\"A100 SXM\"")),
              "in.csv: accelerator 'A100 SXM' field 'sku': duplicate SKU");
}

TEST(CatalogCsv, BrokenUtf8)
{
    EXPECT_EQ(errorOf(shippedCsvWith("H100 SXM", "H100 \xFF")),
              "in.csv: not valid UTF-8 at byte " + std::to_string(catalogToCsv(shipped()).find("H100 SXM") + 5));
}

TEST(CatalogCsv, UnknownRecordKind)
{
    EXPECT_EQ(errorOf(shippedCsvWith("\"network\"", "\"router\"")),
              "in.csv: row 61 field 'record': \"router\" is not one of accelerator, system, network");
}

TEST(CatalogCsv, ValueInAColumnTheKindDoesNotHave)
{
    // The first network row gets a value in `tdp_w`, an accelerator field.
    std::string csv = catalogToCsv(shipped());
    const auto row = csv.find("\"network\"");
    const auto lineEnd = csv.find("\r\n", row);
    std::string line = csv.substr(row, lineEnd - row);
    // Cells: record, sku, name, ... the 20th cell is tdp_w.
    std::size_t pos = 0;
    for (int cell = 0; cell < 19; ++cell) {
        pos = line.find("\",\"", pos) + 3;
    }
    line.insert(pos, "5");
    csv.replace(row, lineEnd - row, line);
    EXPECT_EQ(errorOf(csv),
              "in.csv: row 61 (network part 'QM9700') field 'tdp_w': a network part has no such field; leave it empty");
}

TEST(CatalogCsv, MalformedCsv)
{
    const auto message = errorOf("\"record\",\"sku\"\r\n\"accel\"erator\",\"x\"\r\n");
    EXPECT_TRUE(message.starts_with("in.csv: not valid CSV near row 2 (")) << message;
}

TEST(CatalogCsv, WrongCellCount)
{
    std::string csv = catalogToCsv(shipped());
    const auto end = csv.find("\r\n", csv.find("\"H100 SXM\""));
    csv.insert(end, ",\"extra\"");
    EXPECT_EQ(errorOf(csv), "in.csv: row 4: 50 cells; the header has 49"); // 49 fields: price_scope added
}

} // namespace
} // namespace fw::core::catalog
