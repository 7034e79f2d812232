// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
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

} // namespace fw::core::catalog
