// SPDX-License-Identifier: Apache-2.0
#include "core/store/catalogtables.h"

#include <algorithm>
#include <iterator>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/validation.h"
#include "core/store/fleetdatabase.h"
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

/// Whether a field has a column in schema `version`: schema 4 added the systems' price scope.
bool inSchema(const FieldInfo& f, std::int64_t version)
{
    return version >= 4 || f.key != "price_scope";
}

template <class Record>
std::vector<std::string> columns(std::int64_t version)
{
    std::vector<std::string> names;
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto&) {
        if (inSchema(f, version)) {
            names.emplace_back(f.key);
        }
    });
    return names;
}

template <class Record>
void createTable(Connection& db, std::int64_t version)
{
    std::string sql = std::string("CREATE TABLE ") + tableName<Record>() + " (position INTEGER PRIMARY KEY";
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto& member) {
        if (!inSchema(f, version)) {
            return;
        }
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
    const auto names = columns<Record>(FleetDatabase::schemaVersion);
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
std::vector<Record> readTable(Connection& db, std::int64_t version)
{
    const auto names = columns<Record>(version);
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
            if (!inSchema(f, version)) {
                return;
            }
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

/// What the prices of the catalog shipped with schema 3 covered (data/catalog/systems.json then):
/// the two baseboards, and the full systems. Frozen: a later catalog does not change old files.
struct ShippedPrice {
    std::string_view sku;
    double priceUsd;
    PriceScope scope;
};
constexpr ShippedPrice schema3Prices[] = {
    {"DGX A100", 199000, PriceScope::FullSystem},
    {"DGX H100", 270000, PriceScope::FullSystem},
    {"DGX B200", 379273, PriceScope::FullSystem},
    {"GB200 NVL72", 3000000, PriceScope::FullSystem},
    {"GB300 NVL72", 3500000, PriceScope::FullSystem},
    {"MI300X 8-GPU server", 205870, PriceScope::Baseboard},
    {"Gaudi 3 8-accelerator server", 125000, PriceScope::Baseboard},
    {"CS-3", 2500000, PriceScope::FullSystem},
    {"CS-2", 2000000, PriceScope::FullSystem},
    {"HGX H100 server", 296644, PriceScope::FullSystem},
};

/// Gives every price of a file older than schema 4 a scope (see readCatalog).
void scopeUnscopedPrices(std::vector<System>& systems)
{
    for (auto& s : systems) {
        if (!s.price) {
            continue;
        }
        const auto* shipped = std::find_if(std::begin(schema3Prices), std::end(schema3Prices), [&](const auto& p) {
            return p.sku == s.sku && p.priceUsd == units::inUsd(*s.price);
        });
        if (shipped != std::end(schema3Prices)) {
            s.priceScope = shipped->scope;
            continue;
        }
        s.priceScope = PriceScope::FullSystem;
        s.notes += std::string(s.notes.empty() ? "" : " ") +
                   "Price scope: full system ASSUMED when the file was brought to schema 4 (it predates price "
                   "scopes and this is not a shipped catalog price); check what the price covers.";
    }
}

} // namespace

void createCatalogTables(Connection& db, std::int64_t version)
{
    createTable<Accelerator>(db, version);
    createTable<System>(db, version);
    createTable<NetworkPart>(db, version);
}

void migrateCatalogTables(Connection& db, std::int64_t version)
{
    if (version < 4) {
        db.execute("DROP TABLE systems");
        createTable<System>(db, FleetDatabase::schemaVersion);
    }
}

void writeCatalog(Connection& db, const Catalog& catalog)
{
    writeTable(db, catalog.accelerators);
    writeTable(db, catalog.systems);
    writeTable(db, catalog.networkParts);
}

Catalog readCatalog(Connection& db, std::int64_t version)
{
    Catalog catalog;
    catalog.accelerators = readTable<Accelerator>(db, version);
    catalog.systems = readTable<System>(db, version);
    catalog.networkParts = readTable<NetworkPart>(db, version);
    if (version < 4) {
        scopeUnscopedPrices(catalog.systems);
    }
    return catalog;
}

} // namespace fw::core::store
