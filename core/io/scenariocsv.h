// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/catalog/catalog.h"
#include "core/plan/scenario.h"

namespace fw::core::io {

// The Fleet, Demand and Market tables of a scenario from CSV as a spreadsheet saves it (see
// readSpreadsheetCsv: a header row naming the columns, Excel's `;` form and byte-order mark read
// too). Column names are the scenario JSON's field names (data/sample/README.md), compared without
// case; an unknown column is refused, so a misspelt one is never silently ignored. Each table
// replaces the scenario's whole list: all or nothing.

/// Which table of a scenario a CSV file holds.
enum class ScenarioTable { Fleet, Demand, Market };

/// "fleet", "demand", "market".
std::string_view toString(ScenarioTable table);

/// `scenario` with `table` replaced by the rows of `text`:
/// - Fleet: `site`, `system`, `count` (required), `age_years` or `purchased` (2025Q3),
///   `resale_usd` or `price_usd` — one row per installed group; the site must be one of the
///   scenario's and the system one of `catalog`'s.
/// - Demand: `quarter` (the horizon's quarters in order from its first, the last repeating),
///   `training_pflops`, and the tokens/s of each inference class in a column named after the class
///   (`inference_tokens_per_s` where the scenario has one class).
/// - Market: `system` (required), `condition` (new/used), `age_years`, `lead_quarters`, `price_usd`
///   and `supply_per_quarter` as one number each, or by quarter in columns `price_usd 2027Q1`,
///   `supply_per_quarter 2027Q1` … (consecutive from the horizon's first quarter).
/// Throws FileFormatError naming `fileName`, the row and the column of the first bad cell, or the
/// scenario rule it breaks (checkScenario); the scenario passed in is not changed.
plan::Scenario withTableFromCsv(plan::Scenario scenario, ScenarioTable table, std::string_view text,
                                const std::string& fileName, const catalog::Catalog& catalog);

} // namespace fw::core::io
