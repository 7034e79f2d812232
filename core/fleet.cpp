// SPDX-License-Identifier: Apache-2.0
#include "core/fleet.h"

#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"

namespace fw::core {

void Fleet::keepPlan(SavedPlan plan)
{
    std::erase_if(plans, [&](const SavedPlan& p) { return p.scenario == plan.scenario; });
    plans.push_back(std::move(plan));
}

void checkReferences(const Fleet& fleet)
{
    const auto require = [&](const plan::Scenario& s, const char* list, std::size_t row, const std::string& sku) {
        if (fleet.catalog.findSystem(sku) == nullptr) {
            throw ValidationError("scenario '" + s.name + "' " + list + "[" + std::to_string(row) + "].system: '" +
                                  sku + "' is not a system in the fleet's catalog");
        }
    };
    for (const auto& s : fleet.scenarios) {
        for (std::size_t i = 0; i < s.installed.size(); ++i) {
            require(s, "installed", i, s.installed[i].system);
        }
        for (std::size_t o = 0; o < s.market.size(); ++o) {
            require(s, "market", o, s.market[o].system);
        }
    }
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
