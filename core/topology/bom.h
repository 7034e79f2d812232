// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/topology/fabric.h"

namespace fw::core::topology {

/// What a fabric is made of. Power and cost add up the parts the catalog prices; parts without a
/// published figure are listed in `unpriced` and left out of the sums (never counted as zero).
struct BillOfMaterials {
    std::vector<TierSummary> tiers;
    int switchesTotal = 0;
    std::map<std::string, int> links; ///< physical links per layer (node_leaf, management_leaf, leaf_spine, …)
    int linksTotal = 0;
    int optics = 0;          ///< transceivers: one at each end of every optical link
    int copper = 0;          ///< copper cables (in-rack links within reach)
    int managementNodes = 0; ///< fabric managers (UFM appliances) on the compute fabric; not in the catalog
    int managementPorts = 0; ///< their compute-fabric ports (links in management_leaf)
    double powerWatts = 0.0;
    double costUsd = 0.0;
    std::vector<std::string> unpriced; ///< "switch QM9700: power", …
    std::string switchPart;
    std::string opticPart;
    std::string cablePart;
};

/// Counts every part of `fabric` and prices it from `catalog`: the spec's switch SKU, the cheapest
/// optic and copper cable whose port speed carries a link. Node–leaf (and management–leaf) links are
/// copper when leaves sit in the rack (not rail-optimised), optical otherwise; switch-to-switch links
/// are optical. Management nodes are counted with their ports and links but not priced (no catalog
/// part): they are listed in `unpriced`.
BillOfMaterials billOfMaterials(const Fabric& fabric, const catalog::Catalog& catalog);

} // namespace fw::core::topology
