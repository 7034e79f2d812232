// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <concepts>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/catalog/records.h"

namespace fw::core::catalog {

/// The hardware a planner can buy: accelerators, the systems built from them, and fabric parts.
struct Catalog {
    std::vector<Accelerator> accelerators;
    std::vector<System> systems;
    std::vector<NetworkPart> networkParts;

    /// The record whose SKU or full name equals `key`, ignoring case; nullptr if there is none.
    const Accelerator* findAccelerator(std::string_view key) const;
    const System* findSystem(std::string_view key) const;
    const NetworkPart* findNetworkPart(std::string_view key) const;

    bool operator==(const Catalog&) const = default;
};

/// The list of one record kind, const or not as the catalog is: `recordsOf<System>(catalog)`.
template <class Record, class C>
requires std::same_as<std::remove_const_t<C>, Catalog>
auto& recordsOf(C& catalog)
{
    if constexpr (std::is_same_v<Record, Accelerator>) {
        return catalog.accelerators;
    } else if constexpr (std::is_same_v<Record, System>) {
        return catalog.systems;
    } else {
        static_assert(std::is_same_v<Record, NetworkPart>);
        return catalog.networkParts;
    }
}

} // namespace fw::core::catalog
