// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/catalog.h"

namespace fw::core::store {

class Connection;

// The catalog's tables in a fleet database: `accelerators`, `systems` and `network_parts`, one
// column per catalog field (named by the field's key) plus `position`, the record's place in the
// list. The columns follow catalog/fields.h: changing a field list there needs a schema migration.

void createCatalogTables(Connection& db);
/// Replaces the tables' rows with `catalog`. Call inside a transaction.
void writeCatalog(Connection& db, const catalog::Catalog& catalog);
/// Throws FileFormatError naming the file, table, record and column for a value of the wrong type.
catalog::Catalog readCatalog(Connection& db);

} // namespace fw::core::store
