// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `info FILE [--json]`.
int runInfo(Arguments args)
{
    const bool json = args.flag("json");
    const std::string file = args.positional("FILE");
    args.finish();
    const auto database = core::store::FleetDatabase::open(file);
    const auto& fleet = database.fleet();
    const nlohmann::json info = {
        {"file", file},
        {"name", fleet.name},
        {"schema_version", core::store::FleetDatabase::schemaVersion},
        {"accelerators", fleet.catalog.accelerators.size()},
        {"systems", fleet.catalog.systems.size()},
        {"network_parts", fleet.catalog.networkParts.size()},
        {"company_hq_country", fleet.company.hqCountry},
        {"scenarios", fleet.scenarios.size()},
    };
    return printDocument(info, json);
}

} // namespace fw::cli
