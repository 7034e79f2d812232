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
    return newFleet("Sample fleet");
}

} // namespace fw::core
