// SPDX-License-Identifier: Apache-2.0
#include "core/fleet.h"

#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"

namespace fw::core {

Fleet newFleet(const std::string& name)
{
    return Fleet{name, {}, catalog::loadCatalogDirectory(dataDirectory() / "catalog")};
}

Fleet sampleFleet()
{
    Fleet fleet = newFleet("Sample fleet");
    fleet.company = {"Sample Neocloud Inc.", "US", "US"};
    return fleet;
}

} // namespace fw::core
