// SPDX-License-Identifier: Apache-2.0
#include "core/store/catalogtables.h"

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/validation.h"
#include "core/store/sqlite.h"

namespace fw::core::store {
namespace {

using namespace fw::core::catalog;

template <class Record>
constexpr const char* tableName();
template <>
constexpr const char* tableName<Accelerator>()
{
    return "accelerators";
}
template <>
constexpr const char* tableName<System>()
{
    return "systems";
}
template <>
constexpr const char* tableName<NetworkPart>()
{
    return "network_parts";
}

const char* sqlType(const FieldValue& example)
{
    if (std::holds_alternative<double>(example)) {
        return "REAL";
    }
    if (std::holds_alternative<std::int64_t>(example) || std::holds_alternative<bool>(example)) {
        return "INTEGER";
    }
    return "TEXT";
}

template <class Record>
std::vector<std::string> columns()
{
    std::vector<std::string> names;
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto&) { names.emplace_back(f.key); });
    return names;
}

template <class Record>
void createTable(Connection& db)
{
    std::string sql = std::string("CREATE TABLE ") + tableName<Record>() + " (position INTEGER PRIMARY KEY";
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto& member) {
        sql += ", " + std::string(f.key) + " " + sqlType(typeExample(member));
        if (f.required) {
            sql += " NOT NULL";
        }
        if (f.key == "sku") {
            sql += " UNIQUE COLLATE NOCASE";
        }
    });
    db.execute(sql + ") STRICT");
}

template <class Record>
void writeTable(Connection& db, const std::vector<Record>& records)
{
    db.execute(std::string("DELETE FROM ") + tableName<Record>());
    const auto names = columns<Record>();
    std::string sql = std::string("INSERT INTO ") + tableName<Record>() + " (position";
    std::string placeholders = "?1";
    for (std::size_t i = 0; i < names.size(); ++i) {
        sql += ", " + names[i];
        placeholders += ", ?" + std::to_string(i + 2);
    }
    auto insert = db.prepare(sql + ") VALUES (" + placeholders + ")");
    for (std::size_t row = 0; row < records.size(); ++row) {
        insert.reset();
        insert.bind(1, static_cast<std::int64_t>(row));
        int index = 2;
        visitFields(records[row],
                    [&](const FieldInfo& f, const auto& member) { insert.bind(index++, toFieldValue(member, f)); });
        insert.step();
    }
}

template <class Record>
std::vector<Record> readTable(Connection& db)
{
    const auto names = columns<Record>();
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        sql += (i ? ", " : "") + names[i];
    }
    auto select = db.prepare(sql + " FROM " + tableName<Record>() + " ORDER BY position");
    std::vector<Record> records;
    while (select.step()) {
        Record record;
        int index = 0;
        visitFields(record, [&](const FieldInfo& f, auto& member) {
            try {
                fromFieldValue(member, select.column(index++), f);
            } catch (const ValidationError& e) {
                throw FileFormatError(db.path().string() + ": table " + tableName<Record>() + " row " +
                                      std::to_string(records.size() + 1) + " column '" + std::string(f.key) +
                                      "': " + e.what());
            }
        });
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace

void createCatalogTables(Connection& db)
{
    createTable<Accelerator>(db);
    createTable<System>(db);
    createTable<NetworkPart>(db);
}

void writeCatalog(Connection& db, const Catalog& catalog)
{
    writeTable(db, catalog.accelerators);
    writeTable(db, catalog.systems);
    writeTable(db, catalog.networkParts);
}

Catalog readCatalog(Connection& db)
{
    Catalog catalog;
    catalog.accelerators = readTable<Accelerator>(db);
    catalog.systems = readTable<System>(db);
    catalog.networkParts = readTable<NetworkPart>(db);
    return catalog;
}

} // namespace fw::core::store
