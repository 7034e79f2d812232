// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/imports.h"
#include "core/catalog/catalogcsv.h"
#include "core/fileio.h"
#include "core/plan/scenario.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `import FILE --scenario IN.json`: adds the scenario, replacing one of the same name.
/// `import FILE --catalog-csv IN`: replaces the fleet file's catalog with the CSV's, in one
/// transaction, after the whole CSV has been read and validated; on any error the file is unchanged.
/// `--netbox DIR` and the `--fleet-csv`/`--demand-csv`/`--market-csv` tables: see imports.h (there,
/// `--scenario` names the scenario).
int runImport(Arguments args)
{
    if (const auto netbox = args.option("netbox")) {
        return importNetbox(args, *netbox);
    }
    if (auto tables = scenarioTableOptions(args); !tables.empty()) {
        return importTables(args, std::move(tables));
    }
    const auto catalogCsv = args.option("catalog-csv");
    const auto scenarioJson = args.option("scenario");
    const std::string file = args.positional("FILE");
    args.finish();
    if (catalogCsv.has_value() == scenarioJson.has_value()) {
        throw UsageError("import needs one of --catalog-csv IN or --scenario IN.json");
    }
    auto database = core::store::FleetDatabase::open(file);
    core::Fleet fleet = database.fleet();
    if (scenarioJson) {
        auto scenario = core::plan::scenarioFromJson(core::readTextFile(*scenarioJson), *scenarioJson);
        std::erase_if(fleet.scenarios, [&](const auto& s) { return s.name == scenario.name; });
        fleet.scenarios.push_back(std::move(scenario));
        database.save(fleet);
        std::cout << "imported scenario '" << fleet.scenarios.back().name << "' into " << file << "\n";
        return 0;
    }
    fleet.catalog = core::catalog::catalogFromCsv(core::readTextFile(*catalogCsv), *catalogCsv);
    database.save(fleet);
    std::cout << "imported " << fleet.catalog.accelerators.size() << " accelerators, " << fleet.catalog.systems.size()
              << " systems, " << fleet.catalog.networkParts.size() << " network parts into " << file << "\n";
    return 0;
}

} // namespace fw::cli
