// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/economics/rental.h"
#include "core/plan/planmodel.h"
#include "core/workload/assumptions.h"

namespace fw::core::plan {

/// Owning one system of a market offer at a site against renting its accelerators on demand from
/// the cheapest cloud offer the buyer may contract then, as economics::rentOrOwn has it (the TCO of
/// `estimate tco`): one system (count 1) at the offer's price in the quarter compared, the site's
/// PUE and electricity price, the scenario's discount rate, the plan model's utilization and
/// maintenance share, the shipped network and storage share, a life of the scenario's years less a
/// used offer's age (whole years, at least 1), the system's share of its family's scale-out fabric
/// (systemFabric: the plan's two-tier band; none when the family's fabric is not priced), no
/// facility build-out or colocation.
struct PlanBreakEven {
    int offer = 0;      ///< index into scenario.market (and PlanModel::systems)
    int site = 0;       ///< index into scenario.sites
    int quarter = 0;    ///< compared in: the first the plan buys the offer there, else the first both may be had
    int cloudOffer = 0; ///< index into scenario.cloudOffers: on demand, allowed then, the lowest price
    /// Whether the cloud offer rents the same accelerator; false: one of the same accelerator family.
    bool sameAccelerator = true;
    int lifeYears = 1;
    SystemFabric fabric;            ///< counted in the owner's cost (USD in capex, watts in the power)
    economics::RentOrOwn rentOrOwn; ///< at the cloud offer's USD per accelerator-hour in `quarter`
    /// Units of the offer's system at the site in use (training, inference, named runs) ÷ units in
    /// service, over the plan's quarters with some in service; none when the plan has none there.
    std::optional<double> planUtilisation;
    double mostUnitsInService = 0.0; ///< the largest number of units in service there in any quarter
    /// Whether owning is the cheaper of the two at the plan's utilisation; none without one.
    std::optional<bool> owningPaysAtPlanUtilisation() const;
};

/// Every (market offer, site) where the offer may be bought in some quarter and an on-demand cloud
/// offer of the same accelerator (or, without one, of the same accelerator family) may be rented
/// by the buyer in that quarter, in offer then site order. Reserved contracts are left out: they are
/// paid for every hour of their term, used or not, so no utilisation makes them break even. Throws
/// ValidationError where the TCO refuses an input (a system the catalog does not hold). Pure.
std::vector<PlanBreakEven> planBreakEvens(const PlanModel& model, const Plan& plan, const catalog::Catalog& catalog,
                                          const workload::ModelAssumptions& assumptions);

/// The TCO inputs `planBreakEvens` uses for `offer` at `site` in `quarter` (for a test or a reader
/// who wants the whole estimate).
economics::TcoInputs breakEvenTcoInputs(const PlanModel& model, const catalog::Catalog& catalog,
                                        const workload::ModelAssumptions& assumptions, int offer, int site,
                                        int quarter);

} // namespace fw::core::plan
