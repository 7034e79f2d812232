// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "core/topology/fabric.h"

namespace fw::core::topology {

/// Writes the fabric as GraphML (Boost.Graph write_graphml): vertices carry `kind` (node, leaf,
/// spine, core, router, scale_up) and `plane`; edges `capacity_gbps`, `links` and `layer`. One edge
/// per connected pair (parallel links merged, `links` says how many).
void writeGraphml(std::ostream& out, const Fabric& fabric);

} // namespace fw::core::topology
