// SPDX-License-Identifier: Apache-2.0
#include "core/plan/breakeven.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace fw::core::plan {
namespace {

/// The accelerator of catalog system `sku`; ValidationError when the catalog has neither.
const catalog::Accelerator& acceleratorOf(const catalog::Catalog& catalog, const std::string& sku)
{
    const catalog::System* system = catalog.findSystem(sku);
    const catalog::Accelerator* accelerator = system ? catalog.findAccelerator(system->acceleratorSku) : nullptr;
    if (accelerator == nullptr) {
        throw ValidationError("break-even: system '" + sku + "' or its accelerator is not in the catalog");
    }
    return *accelerator;
}

/// The on-demand cloud offer allowed in `quarter` renting `owned` (or, when `sameAccelerator` is
/// false, an accelerator of its family) at the lowest price then; −1 when there is none.
int cheapestCloudOffer(const PlanModel& m, const catalog::Catalog& catalog, const catalog::Accelerator& owned,
                       int quarter, bool sameAccelerator)
{
    int best = -1;
    double bestPrice = std::numeric_limits<double>::infinity();
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const CloudOffer& offer = m.scenario.cloudOffers[static_cast<std::size_t>(k)];
        const RentedFigures& figures = m.rented[static_cast<std::size_t>(k)];
        if (offer.reserved || !figures.allowed[static_cast<std::size_t>(quarter)]) {
            continue;
        }
        const catalog::Accelerator& rented = acceleratorOf(catalog, figures.sku);
        const bool matches = sameAccelerator ? rented.sku == owned.sku
                                             : rented.family && owned.family && *rented.family == *owned.family;
        if (matches && offer.usdPerHourIn(quarter) < bestPrice) {
            best = k;
            bestPrice = offer.usdPerHourIn(quarter);
        }
    }
    return best;
}

/// Units of system `s` at site `j` in use ÷ in service over the quarters with some in service, and
/// the most in service in a quarter.
std::pair<std::optional<double>, double> utilisation(const Plan& plan, const UnitGrid& installed, int s, int j)
{
    const auto cellOf = [&](const UnitGrid& grid, int t) { return grid.empty() ? 0.0 : grid(s, j, t); };
    double inService = 0.0;
    double inUse = 0.0;
    double most = 0.0;
    for (int t = 0; t < installed.quarters(); ++t) {
        const double units = installed(s, j, t);
        if (units <= 0.0) {
            continue;
        }
        most = std::max(most, units);
        inService += units;
        double used = cellOf(plan.training, t) + cellOf(plan.reserved, t);
        for (const auto& serving : plan.inference) {
            used += cellOf(serving, t);
        }
        inUse += std::min(used, units);
    }
    if (inService <= 0.0) {
        return {std::nullopt, 0.0};
    }
    return {inUse / inService, most};
}

/// The fabric one unit of market offer `offer` carries (its family's, PlanModel::fabricOf).
SystemFabric breakEvenFabric(const PlanModel& m, int offer)
{
    const FamilyFabric& family = m.fabrics[static_cast<std::size_t>(m.fabricOf[static_cast<std::size_t>(offer)])];
    return systemFabric(family, m.systems[static_cast<std::size_t>(offer)].accelerators);
}

} // namespace

std::optional<bool> PlanBreakEven::owningPaysAtPlanUtilisation() const
{
    if (!planUtilisation) {
        return std::nullopt;
    }
    switch (rentOrOwn.outcome) {
    case economics::RentOrOwnOutcome::RentingAlwaysCheaper: return false;
    case economics::RentOrOwnOutcome::OwningAlwaysCheaper: return true;
    case economics::RentOrOwnOutcome::BreakEven: return *planUtilisation >= rentOrOwn.breakEvenUtilisation;
    }
    return std::nullopt;
}

economics::TcoInputs breakEvenTcoInputs(const PlanModel& m, const catalog::Catalog& catalog,
                                        const workload::ModelAssumptions& assumptions, int offer, int site, int quarter)
{
    const Offer& o = m.scenario.market[static_cast<std::size_t>(offer)];
    const Site& s = m.scenario.sites[static_cast<std::size_t>(site)];
    economics::TcoInputs in;
    in.system = catalog.findSystem(o.system);
    if (in.system == nullptr) {
        throw ValidationError("break-even: system '" + o.system + "' is not in the catalog");
    }
    in.accelerator = &acceleratorOf(catalog, o.system);
    in.count = 1;
    const double life = m.scenario.lifeYears - (o.used ? o.ageYears : 0.0);
    in.years = std::max(1, static_cast<int>(std::lround(life)));
    in.priceUsd = m.price(offer, quarter);
    in.pue = s.pue;
    in.usdPerKwh = s.electricityUsdPerKwh;
    in.utilization = m.utilization;
    in.networkStorageShare = assumptions.value("network_storage_share").value;
    in.maintenanceSharePerYear = m.maintenanceSharePerYear;
    in.discountRate = m.scenario.discountRatePerYear;
    const SystemFabric fabric = breakEvenFabric(m, offer);
    in.fabricUsdPerSystem = fabric.usd;
    in.fabricWattsPerSystem = fabric.watts;
    return in;
}

std::vector<PlanBreakEven> planBreakEvens(const PlanModel& m, const Plan& plan, const catalog::Catalog& catalog,
                                          const workload::ModelAssumptions& assumptions)
{
    std::vector<PlanBreakEven> result;
    if (m.cloudOffers() == 0) {
        return result;
    }
    const UnitGrid installed = m.installed(plan);
    for (int o = 0; o < m.offers(); ++o) {
        const catalog::Accelerator& owned =
            acceleratorOf(catalog, m.scenario.market[static_cast<std::size_t>(o)].system);
        for (int j = 0; j < m.sites(); ++j) {
            int bought = -1; // the first quarter the plan buys it there
            for (const auto& p : plan.purchases) {
                if (p.offer == o && p.site == j && p.count > 0 && (bought < 0 || p.quarter < bought)) {
                    bought = p.quarter;
                }
            }
            // Compared in the quarter it is bought, else the first it may be bought with a cloud offer to
            // rent then; the same accelerator first, the same family only without one anywhere.
            std::vector<int> quarters;
            if (bought >= 0) {
                quarters.push_back(bought);
            }
            for (int t = 0; t < m.quarters(); ++t) {
                quarters.push_back(t);
            }
            PlanBreakEven b;
            b.offer = o;
            b.site = j;
            b.cloudOffer = -1;
            for (const bool same : {true, false}) {
                for (const int t : quarters) {
                    if (b.cloudOffer >= 0 || !m.allowed(o, j, t)) {
                        continue;
                    }
                    b.cloudOffer = cheapestCloudOffer(m, catalog, owned, t, same);
                    b.quarter = t;
                    b.sameAccelerator = same;
                }
            }
            if (b.cloudOffer < 0) {
                continue;
            }
            const auto in = breakEvenTcoInputs(m, catalog, assumptions, o, j, b.quarter);
            b.lifeYears = in.years;
            b.fabric = breakEvenFabric(m, o);
            b.rentOrOwn = economics::rentOrOwn(
                in, economics::estimateTco(in, assumptions),
                m.scenario.cloudOffers[static_cast<std::size_t>(b.cloudOffer)].usdPerHourIn(b.quarter));
            std::tie(b.planUtilisation, b.mostUnitsInService) = utilisation(plan, installed, o, j);
            result.push_back(std::move(b));
        }
    }
    return result;
}

} // namespace fw::core::plan
