// SPDX-License-Identifier: Apache-2.0
#include "core/plan/planfabric.h"

#include <algorithm>

namespace fw::core::plan {

double SiteFabric::peakAccelerators() const
{
    return accelerators.empty() ? 0.0 : *std::max_element(accelerators.begin(), accelerators.end());
}

bool needsThreeTiers(const FamilyFabric& fabric, double peakAccelerators)
{
    return peakAccelerators > static_cast<double>(fabric.largestTwoTier) + 1e-9;
}

std::vector<SiteFabric> fabricsOf(const PlanModel& m, const Plan& plan)
{
    const int T = m.quarters();
    const auto installed = m.installed(plan);
    std::vector<SiteFabric> fabrics;
    for (int f = 0; f < static_cast<int>(m.fabrics.size()); ++f) {
        const FamilyFabric& family = m.fabrics[static_cast<std::size_t>(f)];
        if (!family.priced) {
            continue;
        }
        for (int j = 0; j < m.sites(); ++j) {
            SiteFabric fabric{f,
                              j,
                              2,
                              std::vector<double>(static_cast<std::size_t>(T), 0.0),
                              std::vector<double>(static_cast<std::size_t>(T), 0.0),
                              std::vector<double>(static_cast<std::size_t>(T), 0.0)};
            double built = 0.0; // the base's fabric, already there
            for (std::size_t s = 0; s < m.systems.size(); ++s) {
                if (m.fabricOf[s] == f) {
                    built += m.base[s][static_cast<std::size_t>(j)] * m.systems[s].accelerators;
                }
            }
            for (int t = 0; t < T; ++t) {
                double here = 0.0;
                for (std::size_t s = 0; s < m.systems.size(); ++s) {
                    if (m.fabricOf[s] == f) {
                        here += installed(s, j, t) * m.systems[s].accelerators;
                    }
                }
                const double grown = std::max(0.0, here - built);
                built += grown;
                fabric.accelerators[static_cast<std::size_t>(t)] = built;
                fabric.capexUsd[static_cast<std::size_t>(t)] = grown * family.twoTier.usdPerAccelerator;
            }
            if (fabric.peakAccelerators() <= 0.0) {
                continue;
            }
            if (needsThreeTiers(family, fabric.peakAccelerators())) {
                // Every accelerator on three tiers: the base's fabric upgraded in the first quarter,
                // each later growth at the three-tier price; the extra power on all of it.
                fabric.tiers = 3;
                const double extraUsd = family.threeTier.usdPerAccelerator - family.twoTier.usdPerAccelerator;
                const double extraW = family.threeTier.wattsPerAccelerator - family.twoTier.wattsPerAccelerator;
                double before = 0.0;
                for (int t = 0; t < T; ++t) {
                    const double size = fabric.accelerators[static_cast<std::size_t>(t)];
                    fabric.capexUsd[static_cast<std::size_t>(t)] += (size - before) * extraUsd;
                    fabric.extraItKw[static_cast<std::size_t>(t)] = size * extraW / 1000.0;
                    before = size;
                }
            }
            fabrics.push_back(std::move(fabric));
        }
    }
    return fabrics;
}

} // namespace fw::core::plan
