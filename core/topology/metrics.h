// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/topology/bisection.h"
#include "core/topology/fabric.h"
#include "core/topology/flownetwork.h"

namespace fw::core::topology {

/// Hop counts between nodes by breadth-first search from up to `maxSources` nodes (all of them in
/// small fabrics; a seeded sample in large ones, `sampled` says which).
struct HopStatistics {
    int diameter = 0;
    double averageHops = 0.0;
    int sources = 0;
    bool sampled = false;
};
HopStatistics hopStatistics(const Fabric& fabric, int maxSources = 64, unsigned seed = 1);

/// Edge-disjoint paths between two vertices (Menger: a maximum flow of one unit per physical
/// link). In switched fabrics servers, scale-up domains and fabric managers do not forward, so
/// the paths run through switches only; in a torus the nodes are the switches.
int pathDiversity(const Fabric& fabric, Vertex from, Vertex to);

/// Path diversity between the two switches farthest apart: the first and last leaf of plane 0
/// (fat tree; in different pods when there are several), a router of the first and of the last
/// group (dragonfly), node 0 and the node opposite it (torus).
struct PathDiversity {
    int paths = 0;
    Vertex from = 0;
    Vertex to = 0;
    std::string between; ///< "leaf 0 (pod 0) and leaf 1567 (pod 24)"
};
PathDiversity pathDiversity(const Fabric& fabric);
/// The same on `network` (built for `fabric`; its capacities are left set to links).
PathDiversity pathDiversity(const Fabric& fabric, FlowNetwork& network);

/// Failure trials: the bisection left (the minimum over the same candidate cuts) and whether every
/// node can still reach every other (connected components over the surviving graph).
struct FailureAnalysis {
    int trials = 0;
    double minGbps = 0.0;
    double medianGbps = 0.0;
    double minRatio = 0.0; ///< of the undamaged bisection
    double medianRatio = 0.0;
    int connectedTrials = 0;
};

/// Removes `count` random switches (seeded) in each of `trials` trials.
FailureAnalysis failSwitches(const Fabric& fabric, int count, int trials, unsigned seed);
/// Removes `percent` % of the switch-to-switch links in each trial.
FailureAnalysis failLinks(const Fabric& fabric, double percent, int trials, unsigned seed);

} // namespace fw::core::topology
