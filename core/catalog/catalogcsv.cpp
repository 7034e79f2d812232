// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/catalogcsv.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/validation.h"
#include "core/error.h"
#include "core/io/csv.h"
#include "core/limits.h"
#include "core/utf8.h"

namespace fw::core::catalog {
namespace {

constexpr std::string_view recordColumn = "record";

template <class Record>
constexpr std::string_view rowKind();
template <>
constexpr std::string_view rowKind<Accelerator>()
{
    return "accelerator";
}
template <>
constexpr std::string_view rowKind<System>()
{
    return "system";
}
template <>
constexpr std::string_view rowKind<NetworkPart>()
{
    return "network";
}

template <class Record>
void appendKeys(std::vector<std::string>& keys)
{
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto&) {
        if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) {
            keys.emplace_back(f.key);
        }
    });
}

std::vector<std::string> columns()
{
    std::vector<std::string> keys{std::string(recordColumn)};
    appendKeys<Accelerator>(keys);
    appendKeys<System>(keys);
    appendKeys<NetworkPart>(keys);
    return keys;
}

void appendRow(std::string& csv, const std::vector<std::string>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        csv += (i ? "," : "") + io::quotedCsvCell(cells[i]);
    }
    csv += "\r\n";
}

template <class Record>
void appendRecords(std::string& csv, const std::vector<Record>& records, const std::vector<std::string>& keys)
{
    for (const auto& record : records) {
        std::vector<std::string> cells(keys.size());
        cells[0] = std::string(rowKind<Record>());
        visitFields(record, [&](const FieldInfo& f, const auto& member) {
            const auto column = std::find(keys.begin(), keys.end(), f.key) - keys.begin();
            cells[static_cast<std::size_t>(column)] = toText(toFieldValue(member, f));
        });
        appendRow(csv, cells);
    }
}

template <class Record>
Record recordFromRow(const std::vector<std::string>& row,
                     const std::map<std::string, std::size_t, std::less<>>& columnOf, const std::string& where)
{
    Record record;
    std::set<std::string_view> used{recordColumn};
    const std::string sku = row[columnOf.at("sku")];
    visitFields(record, [&](const FieldInfo& f, auto& member) {
        used.insert(f.key);
        try {
            fromFieldValue(member, parseTextAs(row[columnOf.at(std::string(f.key))], typeExample(member)), f);
        } catch (const ValidationError& e) {
            throw FileFormatError(where + " (" + std::string(recordKind<Record>()) + " '" + sku + "') field '" +
                                  std::string(f.key) + "': " + e.what());
        }
    });
    for (const auto& [key, column] : columnOf) {
        if (!used.contains(key) && !row[column].empty()) {
            throw FileFormatError(where + " (" + std::string(recordKind<Record>()) + " '" + sku + "') field '" + key +
                                  "': a " + std::string(recordKind<Record>()) + " has no such field; leave it empty");
        }
    }
    return record;
}

} // namespace

std::string catalogToCsv(const Catalog& catalog)
{
    const auto keys = columns();
    std::string csv;
    appendRow(csv, keys);
    appendRecords(csv, catalog.accelerators, keys);
    appendRecords(csv, catalog.systems, keys);
    appendRecords(csv, catalog.networkParts, keys);
    return csv;
}

Catalog catalogFromCsv(std::string_view text, const std::string& fileName)
{
    if (const auto bad = firstInvalidUtf8(text)) {
        throw FileFormatError(fileName + ": not valid UTF-8 at byte " + std::to_string(*bad));
    }
    limits::check(limits::fileBytes, static_cast<double>(text.size()), fileName);
    const auto rows = io::parseCsv(text, fileName);
    if (rows.empty()) {
        throw FileFormatError(fileName + ": empty; expected a header row");
    }
    if (rows.size() == 1) {
        throw FileFormatError(fileName + ": a header and no records; a catalog needs at least one accelerator");
    }
    limits::check(limits::catalogRecords, static_cast<double>(rows.size() - 1), fileName + ": rows");
    const auto expected = columns();
    std::map<std::string, std::size_t, std::less<>> columnOf;
    for (std::size_t c = 0; c < rows[0].size(); ++c) {
        const auto& key = rows[0][c];
        if (std::find(expected.begin(), expected.end(), key) == expected.end()) {
            throw FileFormatError(fileName + ": row 1 column " + std::to_string(c + 1) + ": unknown field '" + key +
                                  "'");
        }
        if (!columnOf.emplace(key, c).second) {
            throw FileFormatError(fileName + ": row 1: column '" + key + "' appears twice");
        }
    }
    for (const auto& key : expected) {
        if (!columnOf.contains(key)) {
            throw FileFormatError(fileName + ": row 1: missing column '" + key + "'");
        }
    }
    Catalog catalog;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string where = fileName + ": row " + std::to_string(r + 1);
        if (row.size() != rows[0].size()) {
            throw FileFormatError(where + ": " + std::to_string(row.size()) + " cells; the header has " +
                                  std::to_string(rows[0].size()));
        }
        const std::string& kind = row[columnOf.at(std::string(recordColumn))];
        if (kind == rowKind<Accelerator>()) {
            catalog.accelerators.push_back(recordFromRow<Accelerator>(row, columnOf, where));
        } else if (kind == rowKind<System>()) {
            catalog.systems.push_back(recordFromRow<System>(row, columnOf, where));
        } else if (kind == rowKind<NetworkPart>()) {
            catalog.networkParts.push_back(recordFromRow<NetworkPart>(row, columnOf, where));
        } else {
            throw FileFormatError(where + " field 'record': \"" + kind +
                                  "\" is not one of accelerator, system, network");
        }
    }
    try {
        validate(catalog);
    } catch (const ValidationError& e) {
        throw FileFormatError(fileName + ": " + e.what());
    }
    return catalog;
}

} // namespace fw::core::catalog
