// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// The scale-out fabric of one system family at one site over a plan's horizon. It is built for the
/// most accelerators of the family installed there so far (retired units free ports that later
/// purchases reuse; the installed base's fabric is already built), two-tier while that peak stays
/// within FamilyFabric::largestTwoTier, three-tier for the whole horizon otherwise (the base's fabric
/// is then rebuilt as three tiers in the first quarter).
struct SiteFabric {
    int family = 0; ///< index into PlanModel::fabrics
    int site = 0;
    int tiers = 2;
    std::vector<double> accelerators; ///< per quarter: what the fabric connects
    std::vector<double> capexUsd;     ///< per quarter: what its growth costs (the base's fabric is not bought)
    std::vector<double> extraItKw;    ///< per quarter: a three-tier fabric's power beyond the two-tier share
                                      ///< the units carry in their own itKw
    double peakAccelerators() const;
};

/// The fabric `plan` builds, one entry per priced family and site where the family is installed;
/// the optimizer's fabric columns take these values at an optimum. Pure.
std::vector<SiteFabric> fabricsOf(const PlanModel& model, const Plan& plan);

/// The family's three-tier band applies to a fabric of `peakAccelerators`.
bool needsThreeTiers(const FamilyFabric& fabric, double peakAccelerators);

} // namespace fw::core::plan
