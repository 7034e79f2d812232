// SPDX-License-Identifier: Apache-2.0
#include "core/plan/rentedblocks.h"

#include <algorithm>

namespace fw::core::plan {
namespace {

RentedBlock blockOf(const PlanModel& model, int k, int first, int last, double accelerators, double usd,
                    const std::string& run)
{
    const auto& sc = model.scenario;
    const auto& figures = model.rented[static_cast<std::size_t>(k)];
    RentedBlock b{k, first, last, accelerators, usd, run, {}, {}};
    b.treatment = figures.treatment[static_cast<std::size_t>(std::min(first, sc.quarters - 1))];
    for (int t = first; t <= last && t < sc.quarters; ++t) {
        if (const auto& w = figures.warning[static_cast<std::size_t>(t)];
            !w.empty() && std::find(b.warnings.begin(), b.warnings.end(), w) == b.warnings.end()) {
            b.warnings.push_back(w);
        }
    }
    return b;
}

} // namespace

std::vector<RentedBlock> rentedBlocks(const PlanModel& model, const Plan& plan)
{
    const auto& sc = model.scenario;
    std::vector<RentedBlock> blocks;
    for (const auto& r : plan.rentals) {
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(r.cloudOffer)];
        const double accelerators = static_cast<double>(r.blocks) * offer.blockAccelerators;
        double usd = 0.0;
        for (int t = r.quarter; t < r.quarter + offer.termQuarters; ++t) {
            usd += accelerators * model.rentalUsdPerAcceleratorQuarter(r.cloudOffer, t);
        }
        blocks.push_back(
            blockOf(model, r.cloudOffer, r.quarter, r.quarter + offer.termQuarters - 1, accelerators, usd, ""));
    }
    for (std::size_t r = 0; r < plan.runCloudOffers.size() && r < sc.trainingRuns.size(); ++r) {
        if (const int k = plan.runCloudOffers[r]; k >= 0) {
            const auto& run = sc.trainingRuns[r];
            const int first = model.runFirstQuarter(static_cast<int>(r));
            const int last = model.runRentalLastQuarter(static_cast<int>(r), k);
            double usd = 0.0; // undiscounted: the NPV at a zero rate
            double weeksLeft = model.runOnCloud[r][static_cast<std::size_t>(k)].weeks;
            for (int t = first; t <= last; ++t) {
                usd += std::min(13.0, weeksLeft) * 168.0 * sc.cloudOffers[static_cast<std::size_t>(k)].usdPerHourIn(t);
                weeksLeft -= 13.0;
            }
            const int billed = model.runRentalAccelerators(k, static_cast<int>(r));
            blocks.push_back(blockOf(model, k, first, last, billed, usd * billed, run.name));
        }
    }
    return blocks;
}

} // namespace fw::core::plan
