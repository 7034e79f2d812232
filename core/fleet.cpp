// SPDX-License-Identifier: Apache-2.0
#include "core/fleet.h"

#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/fileio.h"

namespace fw::core {

void Fleet::keepPlan(SavedPlan plan)
{
    std::erase_if(plans, [&](const SavedPlan& p) { return p.scenario == plan.scenario; });
    plans.push_back(std::move(plan));
}

Fleet newFleet(const std::string& name)
{
    return Fleet{name, {}, catalog::loadCatalogDirectory(dataDirectory() / "catalog"), {}, {}};
}

Fleet sampleFleet()
{
    Fleet fleet = newFleet("Sample fleet");
    fleet.company = {"Sample Neocloud Inc.", "US", "US"};
    for (const char* file : {"neocloud-us.json", "overseas-cn-hq.json"}) {
        const auto path = dataDirectory() / "sample" / file;
        fleet.scenarios.push_back(plan::scenarioFromJson(readTextFile(path), path.string()));
    }
    return fleet;
}

} // namespace fw::core
