// SPDX-License-Identifier: Apache-2.0
#include "core/io/csv.h"

#include <csv.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/utf8.h"

namespace fw::core::io {
namespace {

/// Rows of cells, as libcsv hands them over.
struct ParsedCsv {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> current;
};

void onField(void* data, std::size_t length, void* context)
{
    static_cast<ParsedCsv*>(context)->current.emplace_back(static_cast<const char*>(data), length);
}

void onRowEnd(int, void* context)
{
    auto* parsed = static_cast<ParsedCsv*>(context);
    parsed->rows.push_back(std::move(parsed->current));
    parsed->current.clear();
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool isBlank(const std::vector<std::string>& row)
{
    return std::all_of(row.begin(), row.end(), [](const std::string& cell) { return trimmed(cell).empty(); });
}

/// `;` where the first line has one and no `,` (Excel in a locale whose decimal mark is a comma).
char delimiterOf(std::string_view text)
{
    const std::string_view firstLine = text.substr(0, text.find_first_of("\r\n"));
    const bool semicolons = firstLine.find(';') != std::string_view::npos;
    return semicolons && firstLine.find(',') == std::string_view::npos ? ';' : ',';
}

} // namespace

std::vector<std::vector<std::string>> parseCsv(std::string_view text, const std::string& fileName, char delimiter)
{
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        throw Error(fileName + ": cannot start the CSV parser");
    }
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    ParsedCsv parsed;
    const std::size_t consumed = csv_parse(&parser, text.data(), text.size(), onField, onRowEnd, &parsed);
    const bool ok = consumed == text.size() && csv_fini(&parser, onField, onRowEnd, &parsed) == 0;
    const std::string problem = ok ? "" : csv_strerror(csv_error(&parser));
    csv_free(&parser);
    if (!ok) {
        throw FileFormatError(fileName + ": not valid CSV near row " + std::to_string(parsed.rows.size() + 1) + " (" +
                              problem + ")");
    }
    return parsed.rows;
}

std::string quotedCsvCell(const std::string& cell)
{
    std::string out(cell.size() * 2 + 2, '\0');
    out.resize(csv_write(out.data(), out.size(), cell.data(), cell.size()));
    return out;
}

int SpreadsheetTable::column(std::string_view name) const
{
    const std::string wanted = lowered(name);
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (lowered(header[c]) == wanted) {
            return static_cast<int>(c);
        }
    }
    return -1;
}

std::string SpreadsheetTable::where(std::size_t row, int column) const
{
    return fileName + ": row " + std::to_string(rowNumbers.at(row)) + ", column '" +
           header.at(static_cast<std::size_t>(column)) + "'";
}

std::optional<double> SpreadsheetTable::number(std::size_t row, int column) const
{
    std::string text = rows.at(row).at(static_cast<std::size_t>(column));
    if (text.empty()) {
        return std::nullopt;
    }
    if (delimiter == ';') {
        std::replace(text.begin(), text.end(), ',', '.');
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        throw FileFormatError(where(row, column) + ": \"" + rows[row][static_cast<std::size_t>(column)] +
                              "\" is not a number");
    }
    return value;
}

std::optional<int> SpreadsheetTable::count(std::size_t row, int column) const
{
    const auto value = number(row, column);
    if (value && (*value != std::floor(*value) || *value < 0.0 || *value > 1e9)) {
        throw FileFormatError(where(row, column) + ": \"" + rows[row][static_cast<std::size_t>(column)] +
                              "\" is not a whole number from 0 to 1000000000");
    }
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

SpreadsheetTable readSpreadsheetCsv(std::string_view text, const std::string& fileName)
{
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    if (const auto bad = firstInvalidUtf8(text)) {
        throw FileFormatError(fileName + ": not valid UTF-8 at byte " + std::to_string(*bad) +
                              " (save it from the spreadsheet as \"CSV UTF-8\")");
    }
    SpreadsheetTable table;
    table.fileName = fileName;
    table.delimiter = delimiterOf(text);
    auto rows = parseCsv(text, fileName, table.delimiter);
    std::size_t r = 0;
    while (r < rows.size() && isBlank(rows[r])) {
        ++r;
    }
    if (r == rows.size()) {
        throw FileFormatError(fileName + ": empty; expected a header row naming the columns");
    }
    table.headerRow = r + 1;
    for (const auto& cell : rows[r]) {
        table.header.push_back(trimmed(cell));
    }
    while (!table.header.empty() && table.header.back().empty()) {
        table.header.pop_back(); // the trailing empty cells some spreadsheets write
    }
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string where = fileName + ": row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1);
        if (table.header[c].empty()) {
            throw FileFormatError(where + ": the header row has an empty column name");
        }
        if (table.column(table.header[c]) != static_cast<int>(c)) {
            throw FileFormatError(where + ": column '" + table.header[c] + "' appears twice");
        }
    }
    for (std::size_t i = r + 1; i < rows.size(); ++i) {
        auto& row = rows[i];
        if (isBlank(row)) {
            continue;
        }
        for (std::size_t c = table.header.size(); c < row.size(); ++c) {
            if (!trimmed(row[c]).empty()) {
                throw FileFormatError(fileName + ": row " + std::to_string(i + 1) + ", column " +
                                      std::to_string(c + 1) + ": \"" + row[c] + "\" has no column name in the header");
            }
        }
        row.resize(table.header.size());
        std::transform(row.begin(), row.end(), row.begin(), trimmed);
        table.rows.push_back(std::move(row));
        table.rowNumbers.push_back(i + 1);
    }
    return table;
}

} // namespace fw::core::io
