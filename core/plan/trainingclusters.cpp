// SPDX-License-Identifier: Apache-2.0
#include "core/plan/trainingclusters.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace fw::core::plan {

int TrainingCluster::accelerators() const
{
    return acceleratorsByQuarter.empty()
               ? 0
               : *std::max_element(acceleratorsByQuarter.begin(), acceleratorsByQuarter.end());
}

std::vector<TrainingCluster> trainingClusters(const PlanModel& model, const Plan& plan)
{
    const auto T = static_cast<std::size_t>(model.quarters());
    std::map<std::pair<int, int>, TrainingCluster> byKey; // (family, site)
    const auto cluster = [&](int family, int site) -> TrainingCluster& {
        auto& c = byKey[{family, site}];
        if (c.family < 0) {
            c.family = family;
            c.site = site;
            c.name = model.fabrics[static_cast<std::size_t>(family)].family + " at " +
                     model.scenario.sites[static_cast<std::size_t>(site)].name;
            c.acceleratorsByQuarter.assign(T, 0);
            c.sustainedPflopsByQuarter.assign(T, 0.0);
        }
        return c;
    };
    for (std::size_t s = 0; s < model.systems.size(); ++s) {
        const auto& figures = model.systems[s];
        for (std::size_t j = 0; j < model.scenario.sites.size(); ++j) {
            for (std::size_t t = 0; t < T; ++t) {
                const int system = static_cast<int>(s);
                const double training = system < plan.training.systems()
                                            ? plan.training(system, static_cast<int>(j), static_cast<int>(t))
                                            : 0.0;
                const double reserved = system < plan.reserved.systems()
                                            ? plan.reserved(system, static_cast<int>(j), static_cast<int>(t))
                                            : 0.0;
                if (training + reserved <= 1e-6) {
                    continue;
                }
                auto& c = cluster(model.fabricOf[s], static_cast<int>(j));
                // Whole systems: a share of a unit reserved still takes the unit into the cluster.
                c.acceleratorsByQuarter[t] +=
                    static_cast<int>(std::ceil(training + reserved - 1e-6)) * figures.accelerators;
                c.sustainedPflopsByQuarter[t] += training * figures.trainingPflopsIn(static_cast<int>(t));
            }
        }
    }
    for (std::size_t r = 0; r < plan.runSites.size() && r < plan.runFamilies.size(); ++r) {
        if (plan.runSites[r] >= 0 && plan.runFamilies[r] >= 0) {
            cluster(plan.runFamilies[r], plan.runSites[r]).runs.push_back(static_cast<int>(r));
        }
    }
    std::vector<TrainingCluster> clusters;
    for (auto& [key, c] : byKey) {
        clusters.push_back(std::move(c));
    }
    for (std::size_t t = 0; t < T; ++t) {
        const double job = model.scenario.demandIn(static_cast<int>(t)).largestTrainingJobPflops;
        const auto holder = std::find_if(clusters.begin(), clusters.end(), [&](const TrainingCluster& c) {
            return job > 0.0 && c.sustainedPflopsByQuarter[t] >= job * (1.0 - 1e-9);
        });
        if (holder != clusters.end()) {
            holder->largestJobQuarters.push_back(static_cast<int>(t));
        }
    }
    return clusters;
}

std::vector<LargestJobHolder> largestJobHolders(const PlanModel& model, const Plan& plan)
{
    std::vector<LargestJobHolder> holders;
    for (const auto& c : trainingClusters(model, plan)) {
        if (c.largestJobQuarters.empty()) {
            continue;
        }
        LargestJobHolder& h = holders.emplace_back();
        h.cluster = c.name;
        h.quarters = {c.largestJobQuarters.begin(), c.largestJobQuarters.end()};
        for (const int t : c.largestJobQuarters) {
            h.mostPflops = std::max(h.mostPflops, model.scenario.demandIn(t).largestTrainingJobPflops);
        }
    }
    std::sort(holders.begin(), holders.end(), [](const LargestJobHolder& a, const LargestJobHolder& b) {
        return *a.quarters.begin() < *b.quarters.begin();
    });
    return holders;
}

} // namespace fw::core::plan
