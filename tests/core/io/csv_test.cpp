// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/io/csv.h"

namespace fw::core::io {
namespace {

std::string errorOf(const std::string& text)
{
    try {
        readSpreadsheetCsv(text, "t.csv");
    } catch (const FileFormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(SpreadsheetCsv, ExcelFormsRead)
{
    // Excel's "CSV UTF-8": a byte-order mark, CRLF, quoted cells where needed, blank rows at the end.
    const auto t = readSpreadsheetCsv("\xEF\xBB\xBFsite,system,count\r\n\"Dallas, TX\",DGX H100,8\r\n,,\r\n", "t.csv");
    ASSERT_EQ(t.header, (std::vector<std::string>{"site", "system", "count"}));
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0][0], "Dallas, TX");
    EXPECT_EQ(t.count(0, 2), 8);
    EXPECT_EQ(t.column("SYSTEM"), 1);
    // Excel in a decimal-comma locale: ';' between cells, ',' in numbers.
    const auto semicolons = readSpreadsheetCsv("quarter;training_pflops\n2027Q1;12,5\n", "t.csv");
    EXPECT_EQ(semicolons.delimiter, ';');
    EXPECT_EQ(semicolons.number(0, 1), 12.5);
}

TEST(SpreadsheetCsv, BadTablesAreRefusedWithRowAndColumn)
{
    EXPECT_EQ(errorOf(""), "t.csv: empty; expected a header row naming the columns");
    EXPECT_EQ(errorOf("a,,b\n1,2,3\n"), "t.csv: row 1, column 2: the header row has an empty column name");
    EXPECT_EQ(errorOf("a,A\n"), "t.csv: row 1, column 2: column 'A' appears twice");
    EXPECT_EQ(errorOf("a,b\n1,2,3\n"), "t.csv: row 2, column 3: \"3\" has no column name in the header");
    EXPECT_EQ(errorOf("a\n\"open\n"),
              "t.csv: not valid CSV near row 2 (error parsing data while strict checking enabled)");
    EXPECT_EQ(errorOf("a\n\xff\n"), "t.csv: not valid UTF-8 at byte 2 (save it from the spreadsheet as \"CSV UTF-8\")");
}

TEST(SpreadsheetCsv, NumbersMustBeFinite)
{
    const auto t = readSpreadsheetCsv("n\n1e999\nnan\ninf\n12 kW\n1.5\n", "t.csv");
    EXPECT_THROW(t.number(0, 0), FileFormatError);
    EXPECT_THROW(t.number(1, 0), FileFormatError);
    EXPECT_THROW(t.number(2, 0), FileFormatError);
    try {
        t.number(3, 0);
    } catch (const FileFormatError& e) {
        EXPECT_STREQ(e.what(), "t.csv: row 5, column 'n': \"12 kW\" is not a number");
    }
    EXPECT_THROW(t.count(4, 0), FileFormatError);
}

} // namespace
} // namespace fw::core::io
