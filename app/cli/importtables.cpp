// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <iostream>

#include "app/cli/imports.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/io/scenariocsv.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// Reads every table given before saving any: one bad cell leaves the fleet file as it was.
std::vector<TableFile> scenarioTableOptions(Arguments& args)
{
    using core::io::ScenarioTable;
    std::vector<TableFile> tables;
    for (const auto table : {ScenarioTable::Fleet, ScenarioTable::Demand, ScenarioTable::Market}) {
        if (const auto csv = args.option(std::string(core::io::toString(table)) + "-csv")) {
            tables.emplace_back(table, *csv);
        }
    }
    return tables;
}

int importTables(Arguments& args, const std::vector<TableFile>& tables)
{
    const auto name = args.option("scenario");
    const std::string file = args.positional("FILE");
    args.finish();
    auto database = core::store::FleetDatabase::open(file);
    core::Fleet fleet = database.fleet();
    auto chosen = std::find_if(fleet.scenarios.begin(), fleet.scenarios.end(),
                               [&](const auto& s) { return !name || s.name == *name; });
    if (chosen == fleet.scenarios.end()) {
        throw core::ValidationError(file + ": no scenario" + (name ? " named '" + *name + "'" : std::string()) +
                                    "; import one first (--scenario IN.json or --netbox DIR)");
    }
    for (const auto& [table, csv] : tables) {
        *chosen = core::io::withTableFromCsv(*chosen, table, core::readTextFile(csv), csv, fleet.catalog);
    }
    database.save(fleet);
    std::cout << "scenario '" << chosen->name << "' in " << file << ": " << chosen->installed.size()
              << " installed rows, " << chosen->demand.size() << " demand quarters, " << chosen->market.size()
              << " offers\n";
    return 0;
}

} // namespace fw::cli
