// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <set>

#include "core/topology/fabric.h"

namespace fw::core::topology {

/// What the fabric can carry between the two halves of its nodes (first half against second, in
/// build order), as a maximum flow (Boost.Graph push-relabel), against the ideal: every node of the
/// smaller half sending at its full injection bandwidth.
struct Bisection {
    double bisectionGbps = 0.0;
    double fullBisectionGbps = 0.0;
    double ratio = 0.0;
};

/// Switches and physical links taken out, for failure analysis.
struct Damage {
    std::set<Vertex> vertices;
    std::map<std::pair<Vertex, Vertex>, int> links; ///< (smaller, larger) vertex → links removed
};

Bisection bisection(const Fabric& fabric, const Damage& damage = {});

/// Hop counts between nodes by breadth-first search from up to `maxSources` nodes (all of them in
/// small fabrics; a seeded sample in large ones, `sampled` says which).
struct HopStatistics {
    int diameter = 0;
    double averageHops = 0.0;
    int sources = 0;
    bool sampled = false;
};
HopStatistics hopStatistics(const Fabric& fabric, int maxSources = 64, unsigned seed = 1);

/// Edge-disjoint paths between two nodes (a maximum flow with one unit per physical link).
int pathDiversity(const Fabric& fabric, Vertex from, Vertex to);

/// Failure trials: bandwidth left between the halves and whether every node can still reach every
/// other (connected components over the surviving graph).
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
