// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One training cluster of a plan: the units of one system family at one site that train — reserved
/// for the named runs it serves whole, or serving sustained training demand.
struct TrainingCluster {
    std::string name; ///< "<family> at <site>"
    int family = -1;  ///< index into PlanModel::fabrics
    int site = -1;
    std::vector<int> runs;                        ///< named runs it serves (scenario.trainingRuns indices)
    std::vector<int> acceleratorsByQuarter;       ///< [quarter]: accelerators training in it
    std::vector<double> sustainedPflopsByQuarter; ///< [quarter]: sustained training it serves, PFLOP/s
    std::vector<int> largestJobQuarters;          ///< quarters it holds the quarter's largest training job whole
    /// The most accelerators it holds in any quarter.
    int accelerators() const;
};

/// The training clusters of `plan`, one per (system family, site) with units that train in some
/// quarter or a named run placed there; ordered by family, then site. Rented capacity is no cluster.
/// A quarter's largest training job is held by the first cluster whose sustained training holds it.
std::vector<TrainingCluster> trainingClusters(const PlanModel& model, const Plan& plan);

/// A cluster that holds the quarter's largest training job in some quarters.
struct LargestJobHolder {
    std::string cluster;     ///< TrainingCluster::name
    std::set<int> quarters;  ///< the quarters it holds the job in
    double mostPflops = 0.0; ///< the largest of those jobs, sustained PFLOP/s
};

/// The clusters of `plan` that hold a largest training job, in order of the first quarter they hold one.
std::vector<LargestJobHolder> largestJobHolders(const PlanModel& model, const Plan& plan);

} // namespace fw::core::plan
