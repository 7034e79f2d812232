// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <sstream>

#include "app/cli/imports.h"
#include "core/fileio.h"
#include "core/io/netboximport.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// Creates or updates the scenario (default "NetBox import") from the NetBox JSON in `directory` and
/// prints what it did: sites and their power arithmetic, installed systems, what was left out and why.
int importNetbox(Arguments& args, const std::string& directory)
{
    const std::string name = args.option("scenario").value_or("NetBox import");
    const auto mapFile = args.option("map");
    const auto statuses = args.option("device-status");
    const std::string file = args.positional("FILE");
    args.finish();
    auto database = core::store::FleetDatabase::open(file);
    core::Fleet fleet = database.fleet();
    core::io::NetboxImportOptions options;
    if (mapFile) {
        options.typeMap = core::io::deviceTypeMapFromCsv(core::readTextFile(*mapFile), *mapFile, fleet.catalog);
    }
    if (statuses) {
        if (statuses->empty() || statuses->front() == ',' || statuses->back() == ',' ||
            statuses->find(",,") != std::string::npos) {
            throw UsageError("--device-status: an empty status in '" + *statuses + "'");
        }
        options.deviceStatuses.clear();
        std::istringstream list(*statuses);
        for (std::string status; std::getline(list, status, ',');) {
            options.deviceStatuses.insert(status);
        }
    }
    auto result = core::io::importNetboxIntoFleet(fleet, name, directory, options, core::Date::today());
    const bool replaced = std::erase_if(fleet.scenarios, [&](const auto& s) { return s.name == name; }) > 0;
    fleet.scenarios.push_back(result.scenario);
    database.save(fleet);
    std::cout << (replaced ? "updated" : "created") << " scenario '" << name << "' in " << file << " from NetBox "
              << directory << "\n";
    for (const auto& line : core::io::describeNetboxImport(result)) {
        std::cout << line << "\n";
    }
    return 0;
}

} // namespace fw::cli
