// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fw::core::io {

/// Rows of cells as libcsv reads them in strict mode (RFC 4180 quoting, CRLF or LF line ends).
/// Throws FileFormatError naming `fileName` and the row where the text stops being CSV.
std::vector<std::vector<std::string>> parseCsv(std::string_view text, const std::string& fileName,
                                               char delimiter = ',');

/// `cell` quoted for a CSV file (always quoted, inner quotes doubled).
std::string quotedCsvCell(const std::string& cell);

/// A table as a spreadsheet saves it: a header row naming the columns, then one row per record.
/// Excel's forms are read: a UTF-8 byte-order mark, `;` as the separator (where the header row has
/// a `;` and no `,`: the form Excel writes in locales with a decimal comma), rows of empty cells
/// (dropped). Cells are trimmed of surrounding spaces.
struct SpreadsheetTable {
    std::string fileName;
    char delimiter = ',';
    std::vector<std::string> header;
    std::size_t headerRow = 1; ///< the header's row in the file (after any blank rows)
    /// Each row as many cells as the header; `rowNumbers[i]` is its row in the file (the header is 1).
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> rowNumbers;

    /// The column whose header is `name` (compared without case), or -1.
    int column(std::string_view name) const;
    /// "in.csv: row 4, column 'count'" — the start of an error message about one cell.
    std::string where(std::size_t row, int column) const;
    /// A cell as a number ("1e6", "1,5" in a `;`-separated file); empty when the cell is empty.
    /// Throws FileFormatError naming the row and column for anything else, infinities and NaN too.
    std::optional<double> number(std::size_t row, int column) const;
    /// A cell as a whole number in [0, 1e9]; empty when the cell is empty. FileFormatError otherwise.
    std::optional<int> count(std::size_t row, int column) const;
};

/// Reads `text` as a spreadsheet table. Throws FileFormatError naming `fileName`: not UTF-8, not
/// CSV, no header row, an empty or repeated column name, a row with more cells than the header.
SpreadsheetTable readSpreadsheetCsv(std::string_view text, const std::string& fileName);

} // namespace fw::core::io
