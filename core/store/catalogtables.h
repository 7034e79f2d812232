// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "core/catalog/catalog.h"

namespace fw::core::store {

class Connection;

// The catalog's tables in a fleet database: `accelerators`, `systems` and `network_parts`, one
// column per catalog field (named by the field's key) plus `position`, the record's place in the
// list. The columns follow catalog/fields.h: changing a field list there needs a schema migration.

/// The tables as schema `version` of the fleet file has them: schema 4 added `systems.price_scope`.
void createCatalogTables(Connection& db, std::int64_t version);
/// Brings the tables of a file of schema `version` to this build's layout, leaving the changed
/// tables empty: writeCatalog fills them. Call inside a transaction.
void migrateCatalogTables(Connection& db, std::int64_t version);
/// Replaces the tables' rows with `catalog`. Call inside a transaction.
void writeCatalog(Connection& db, const catalog::Catalog& catalog);
/// The catalog of a file of schema `version`. A price read from a file older than schema 4 gets the
/// scope its record had in the catalog shipped with schema 3 when the SKU and price are that
/// record's, else full_system, with a note saying it was assumed.
/// Throws FileFormatError naming the file, table, record and column for a value of the wrong type.
catalog::Catalog readCatalog(Connection& db, std::int64_t version);

} // namespace fw::core::store
