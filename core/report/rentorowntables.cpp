// SPDX-License-Identifier: Apache-2.0
#include "core/report/rentorowntables.h"

#include <algorithm>
#include <optional>

#include "core/numbertext.h"
#include "core/plan/breakeven.h"
#include "core/report/figuretext.h"

namespace fw::core::report {
namespace {

std::string percent(const std::optional<double>& share)
{
    return share ? fixed(*share * 100.0, 1) + " %" : "—";
}

/// Which is cheaper at the plan's utilisation, in a word or two.
std::string verdict(const plan::PlanBreakEven& b)
{
    const auto pays = b.owningPaysAtPlanUtilisation();
    if (!pays) {
        return b.rentOrOwn.outcome == economics::RentOrOwnOutcome::RentingAlwaysCheaper  ? "renting, at any use"
               : b.rentOrOwn.outcome == economics::RentOrOwnOutcome::OwningAlwaysCheaper ? "owning, at any use"
                                                                                         : "none owned";
    }
    return *pays ? "owning" : "renting";
}

} // namespace

ReportTable breakEvenTable(const plan::PlanModel& model, const plan::Plan& plan, const catalog::Catalog& catalog,
                           const workload::ModelAssumptions& assumptions)
{
    const auto& sc = model.scenario;
    ReportTable table{"Rent or own: break-even utilisation",
                      {"System", "Site", "Rented from (on demand)", "Rent USD per accelerator-hour",
                       "Break-even utilisation", "Break-even h a year", "Plan's utilisation",
                       "Cheaper at the plan's use"},
                      {}};
    for (const auto& b : plan::planBreakEvens(model, plan, catalog, assumptions)) {
        const auto& cloud = sc.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        const auto& rented = model.rented[static_cast<std::size_t>(b.cloudOffer)];
        const bool clamped = b.rentOrOwn.outcome != economics::RentOrOwnOutcome::BreakEven;
        table.rows.push_back(
            {plan::offerLabel(model.systems[static_cast<std::size_t>(b.offer)]),
             sc.sites[static_cast<std::size_t>(b.site)].name,
             cloud.provider + " (" + cloud.region + "), " + rented.accelerator +
                 (b.sameAccelerator ? "" : ", same family") + ", " + sc.firstQuarter.plus(b.quarter).toString(),
             fixed(b.rentOrOwn.rentUsdPerHour, 2),
             percent(b.rentOrOwn.breakEvenUtilisation) + (clamped ? " (none)" : ""),
             groupedNumber(b.rentOrOwn.breakEvenHoursPerYear, 0), percent(b.planUtilisation), verdict(b)});
    }
    return table;
}

std::vector<std::string> breakEvenNotes()
{
    return {"Break-even: the share of a year's 8,760 hours above which owning one accelerator costs less than "
            "renting it on demand — the TCO of `estimate tco --rent-usd-per-hour` for one system at the offer's "
            "price in the quarter compared, the site's PUE and electricity price, the scenario's discount rate and "
            "life (less a used system's age), its value left at the end of life from the used-price curve, and its "
            "share of its family's scale-out fabric (the plan's two-tier price and power per accelerator: bought "
            "once with no value left, its power drawn with the servers'; none where the catalog cannot price the "
            "family's fabric); no facility build-out or colocation. Owned capital costs the same whether used or not; "
            "only energy "
            "scales with use. \"(none)\": renting or owning is cheaper at any use a year has.",
            "Plan's utilisation: units of that system at that site training, serving or held for named runs ÷ "
            "units in service, over the quarters it has some there. Reserved contracts are paid for every hour "
            "of their term, so they have no break-even utilisation; the plan weighs them in full."};
}

std::string noBreakEvenNote()
{
    return "Rent or own: no system on offer may be bought for a site in a quarter when an on-demand cloud offer of "
           "its accelerator (or its family) may be rented by this buyer, so there is no break-even to compare.";
}

ReportTable rentedShareTable(const plan::Scenario& scenario, const plan::Evaluation& evaluation)
{
    ReportTable table{"Share of capacity rented", {"Quarter", "Training PFLOP/s"}, {}};
    for (const auto& c : scenario.inferenceClasses) {
        table.columns.push_back(c.name + " tokens/s");
    }
    table.columns.push_back("Dense peak in service");
    const bool rents = std::any_of(evaluation.quarters.begin(), evaluation.quarters.end(),
                                   [](const plan::QuarterKpis& k) { return k.rentedAccelerators > 0.0; });
    if (!rents) {
        return table;
    }
    for (const auto& k : evaluation.quarters) {
        std::vector<std::string> row{k.quarter, percent(k.rentedTrainingShare())};
        for (std::size_t c = 0; c < scenario.inferenceClasses.size(); ++c) {
            row.push_back(percent(k.rentedInferenceShare(static_cast<int>(c))));
        }
        row.push_back(percent(k.rentedShare));
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace fw::core::report
