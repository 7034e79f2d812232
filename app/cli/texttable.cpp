// SPDX-License-Identifier: Apache-2.0
#include "app/cli/texttable.h"

#include <algorithm>

namespace fw::cli {
namespace {

/// Display width of UTF-8 text: counts code points, not bytes.
std::size_t displayWidth(const std::string& text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void printRow(std::ostream& out, const std::vector<std::string>& cells, const std::vector<std::size_t>& widths)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out << cells[i];
        if (i + 1 < cells.size()) {
            out << std::string(widths[i] - displayWidth(cells[i]) + 2, ' ');
        }
    }
    out << "\n";
}

} // namespace

void printTable(std::ostream& out, const core::report::ReportTable& table)
{
    std::vector<std::size_t> widths(table.columns.size(), 0);
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        widths[i] = displayWidth(table.columns[i]);
        for (const auto& row : table.rows) {
            widths[i] = std::max(widths[i], displayWidth(row[i]));
        }
    }
    out << table.title << " (" << table.rows.size() << ")\n";
    printRow(out, table.columns, widths);
    for (const auto& row : table.rows) {
        printRow(out, row, widths);
    }
}

} // namespace fw::cli
