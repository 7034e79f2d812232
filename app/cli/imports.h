// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/cli/arguments.h"
#include "core/io/scenariocsv.h"

namespace fw::cli {

// The forms of `import` that fill a scenario from outside (runImport dispatches to them).

/// `import FILE --netbox DIR [--scenario NAME] [--map MAP.csv] [--device-status S[,S]]`.
/// `args` holds the rest, FILE among it.
int importNetbox(Arguments& args, const std::string& directory);

/// A scenario table and the CSV file it is read from.
using TableFile = std::pair<core::io::ScenarioTable, std::string>;

/// Takes `--fleet-csv IN`, `--demand-csv IN` and `--market-csv IN` out of `args`.
std::vector<TableFile> scenarioTableOptions(Arguments& args);

/// `import FILE [--scenario NAME] (--fleet-csv IN | --demand-csv IN | --market-csv IN)…`: the tables
/// of one scenario (the file's first without --scenario) from spreadsheet CSV, saved together or not
/// at all.
int importTables(Arguments& args, const std::vector<TableFile>& tables);

} // namespace fw::cli
