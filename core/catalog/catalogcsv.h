// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/catalog/catalog.h"

namespace fw::core::catalog {

// The catalog as one CSV table (RFC 4180, UTF-8, every cell quoted), for spreadsheets: the first
// column `record` says `accelerator`, `system` or `network`; then one column per field key of the
// three record kinds (a key the kinds share is one column). A cell of a field the row's kind does
// not have stays empty. An empty cell is "not published". Numbers are written in the files' units
// with the shortest text that reads back to the same value, so export then import gives an equal
// catalog.

std::string catalogToCsv(const Catalog& catalog);

/// Parses and validates a whole catalog. Throws FileFormatError with one line naming `fileName`,
/// the line, the record and the field: broken UTF-8, malformed CSV, a missing or unknown column,
/// an unknown record kind, a value in a column the kind does not have, a wrong value, a duplicate
/// SKU or any other rule of validate().
Catalog catalogFromCsv(std::string_view text, const std::string& fileName);

} // namespace fw::core::catalog
