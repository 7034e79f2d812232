// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/catalog/catalog.h"
#include "core/topology/bom.h"
#include "core/topology/metrics.h"

namespace fw::ui {

/// Everything the topology page shows for one specification, computed off the GUI thread.
struct FabricDesign {
    core::topology::Fabric fabric;
    core::topology::BillOfMaterials bom;
    core::topology::Bisection bisection;
    core::topology::HopStatistics hops;
    core::topology::PathDiversity pathDiversity; ///< leaf to leaf
    std::vector<int> failedSwitches;             ///< x of the failure chart
    std::vector<core::topology::FailureAnalysis> failures;
    double seconds = 0.0;
};

/// Designs and measures the fabric: build, BOM, bisection (every candidate cut), hops, leaf-to-leaf
/// path diversity, then failure
/// trials for 0 … `maxFailedSwitches` switches (`trials` each, seeded). Blocking and pure: safe on a
/// worker thread with its own copies of the inputs. Throws fw::core::ValidationError.
FabricDesign designFabric(const core::topology::FabricSpec& spec, const core::catalog::Catalog& catalog,
                          int maxFailedSwitches, int trials, unsigned seed);

} // namespace fw::ui
