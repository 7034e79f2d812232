// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "core/topology/bisection.h"
#include "core/topology/fabric.h"

namespace fw::core::topology {

/// Writes the fabric as GraphML (Boost.Graph write_graphml): vertices carry `kind` (node, leaf,
/// spine, core, router, scale_up, management) and `plane`; edges `capacity_gbps` (per direction,
/// all the edge's parallel links together), `links` and `layer`. One edge per connected pair
/// (parallel links merged, `links` says how many). The graph carries `capacity_convention` and
/// `bisection_convention` (bisectionConvention). With `cut`, every node also carries
/// `bisection_side` (first or second half of that cut; empty for other vertices) and the graph
/// `bisection_cut` (its name) and `bisection_gbps`.
void writeGraphml(std::ostream& out, const Fabric& fabric, const Bisection* cut = nullptr);

} // namespace fw::core::topology
