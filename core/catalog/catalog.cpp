// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/catalog.h"

#include "core/textforms.h"

namespace fw::core::catalog {
namespace {

template <class Record>
const Record* findByKey(const std::vector<Record>& records, std::string_view key)
{
    for (const auto& r : records) {
        if (equalsIgnoringCase(r.sku, key)) {
            return &r;
        }
    }
    for (const auto& r : records) {
        if (equalsIgnoringCase(r.name, key)) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace

const Accelerator* Catalog::findAccelerator(std::string_view key) const
{
    return findByKey(accelerators, key);
}
const System* Catalog::findSystem(std::string_view key) const
{
    return findByKey(systems, key);
}
const NetworkPart* Catalog::findNetworkPart(std::string_view key) const
{
    return findByKey(networkParts, key);
}

} // namespace fw::core::catalog
