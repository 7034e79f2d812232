// SPDX-License-Identifier: Apache-2.0
#include "core/report/planreport.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/compliance/classifier.h"
#include "core/compliance/treatment.h"
#include "core/error.h"
#include "core/fingerprint.h"
#include "core/numbertext.h"
#include "core/plan/diagnosis.h"
#include "core/plan/trainingclusters.h"
#include "core/report/fabricsection.h"
#include "core/report/figuretext.h"
#include "core/report/plainwords.h"
#include "core/report/plancharts.h"
#include "core/report/rentalstable.h"
#include "core/report/rentorowntables.h"
#include "core/report/risksection.h"
#include "core/version.h"

namespace fw::core::report {

ReportTable costBreakdownTable(const plan::Evaluation& e)
{
    const double gross = e.grossNpvUsd();
    const auto share = [gross](double part) { return gross > 0.0 ? fixed(part / gross * 100.0, 1) + " %" : "–"; };
    ReportTable table{"Where the NPV cost goes", {"Part", "NPV USD", "Share of gross cost"}, {}};
    if (e.installedValueUsd > 0.0) {
        table.rows.push_back(
            {"Installed systems' value at the start", usd(e.installedValueUsd), share(e.installedValueUsd)});
    }
    table.rows.insert(table.rows.end(), {{"Capex", usd(e.capexNpvUsd), share(e.capexNpvUsd)},
                                         {"Scale-out fabric", usd(e.fabricNpvUsd), share(e.fabricNpvUsd)},
                                         {"Energy", usd(e.energyNpvUsd), share(e.energyNpvUsd)},
                                         {"Maintenance", usd(e.maintenanceNpvUsd), share(e.maintenanceNpvUsd)}});
    if (e.rentalNpvUsd > 0.0) {
        table.rows.push_back({"Rented capacity", usd(e.rentalNpvUsd), share(e.rentalNpvUsd)});
    }
    if (e.unservedNpvUsd > 0.0) {
        table.rows.push_back({"Forecast demand left unserved", usd(e.unservedNpvUsd), share(e.unservedNpvUsd)});
    }
    table.rows.push_back({"Gross cost", usd(gross), share(gross)});
    table.rows.push_back({"Credit: value left at the horizon end", usd(-e.residualNpvUsd), share(-e.residualNpvUsd)});
    if (e.resaleNpvUsd > 0.0) {
        table.rows.push_back({"Credit: retired systems sold", usd(-e.resaleNpvUsd), share(-e.resaleNpvUsd)});
    }
    table.rows.push_back({"Net cost", usd(e.costUsd), share(e.costUsd)});
    return table;
}

namespace {

/// Everything the section builders below read, resolved once.
struct ReportContext {
    const PlanReportInputs& in;
    const plan::PlanModel& m;
    const plan::Plan& plan;
    const plan::Evaluation& e;
    const plan::Scenario& sc;
    bool feasible = false;
    double capex = 0.0; ///< undiscounted, of the purchases
    int units = 0;      ///< systems bought
    std::set<int> sitesUsed;
};

ReportContext contextOf(const PlanReportInputs& in)
{
    ReportContext c{in, *in.model, *in.plan, *in.evaluation, in.model->scenario, false, 0.0, 0, {}};
    c.feasible = c.plan.status != plan::PlanStatus::Infeasible && c.e.violations.empty() && !c.e.quarters.empty();
    for (const auto& p : c.plan.purchases) {
        c.capex += p.count * c.m.price(p.offer, p.quarter);
        c.units += p.count;
        c.sitesUsed.insert(p.site);
    }
    return c;
}

std::vector<std::string> coverFacts(const ReportContext& c)
{
    const auto& company = c.m.company;
    const auto& plan = c.plan;
    const bool stopped = plan.status == plan::PlanStatus::Cancelled || plan.status == plan::PlanStatus::TimeLimit;
    return {
        "Buyer: " + (company.name.empty() ? std::string("(unnamed)") : company.name) + "; headquarters " +
            (company.hqCountry.empty() ? "unknown" : company.hqCountry) + ", ultimate parent " +
            (company.parentHqCountry.empty() ? "unknown" : company.parentHqCountry) +
            (c.sc.buyer == plan::Buyer{} ? " (the fleet's company)" : " (set by the scenario)"),
        "Scenario: " + c.sc.name + ", " + c.sc.firstQuarter.toString() + " to " +
            c.sc.firstQuarter.plus(c.sc.quarters - 1).toString() +
            "; objective: " + plainObjective(c.sc.policy.objective),
        "Plan: " + plan::statusText(plan) + (stopped ? ", stopped after " : ", solved in ") +
            fixed(plan.solveSeconds, 2) + " s",
        "Fleet file fingerprint (FNV-1a 64): " + c.in.fileChecksum,
    };
}

/// No plan: the cause first, with the smallest change that gives one, then what the relaxed plan
/// falls short of.
ReportSection infeasibleSummary(const ReportContext& c)
{
    ReportSection summary;
    summary.heading = "Executive summary";
    const auto& plan = c.plan;
    if (plan.causes.empty()) {
        summary.paragraphs.push_back(
            "No plan meets this scenario" +
            std::string(plan.diagnosis.empty()
                            ? ": the solver found no feasible purchase schedule."
                            : ", and no single kind of limit is to blame: several must change together. Relaxing "
                              "every limit at a penalty shows what falls short:"));
    } else {
        const auto& lead = plan.causes.front();
        summary.paragraphs.push_back("No plan meets this scenario. Cause: " + plainMessage(lead.cause, &c.sc));
        summary.paragraphs.push_back("Smallest change that gives a plan: " + plainMessage(lead.change, &c.sc) +
                                     (lead.checked ? " (planned again with the change: it has a plan)" : ""));
        if (plan.causes.size() > 1) {
            summary.paragraphs.push_back("Other single changes that relax a limit enough (not planned again):");
            for (std::size_t i = 1; i < plan.causes.size(); ++i) {
                summary.paragraphs.push_back("• " + plan::limitName(plan.causes[i].limit) + ": " +
                                             plainMessage(plan.causes[i].change, &c.sc));
            }
        }
        if (!plan.diagnosis.empty()) {
            summary.paragraphs.push_back("With every limit relaxed at a penalty, the plan falls short of:");
        }
    }
    constexpr std::size_t shown = 12;
    for (std::size_t i = 0; i < plan.diagnosis.size() && i < shown; ++i) {
        summary.paragraphs.push_back("• " + plainMessage(plan.diagnosis[i], &c.sc));
    }
    if (plan.diagnosis.size() > shown) {
        summary.paragraphs.push_back("• and " + std::to_string(plan.diagnosis.size() - shown) + " more");
    }
    return summary;
}

/// A plan: its cost, whether it meets demand, and the decisions that matter.
ReportSection summarySection(const ReportContext& c)
{
    if (!c.feasible) {
        return infeasibleSummary(c);
    }
    const auto& [in, m, plan, e, sc, feasible, capex, units, sitesUsed] = c;
    ReportSection summary;
    summary.heading = "Executive summary";
    if (sc.policy.objective == "max_capacity") {
        summary.paragraphs.push_back("Objective: the most compute the budgets buy — " + fixed(e.averagePeakPflops, 0) +
                                     " PFLOP/s of dense BF16 peak on average over the horizon — and, for that "
                                     "capacity, the lowest cost.");
    }
    summary.paragraphs.push_back(
        "Net cost (net present value at " + fixed(sc.discountRatePerYear * 100.0, 1) +
        " % a year: the installed systems' value at the start, capex, the scale-out fabric, energy, "
        "maintenance, rented capacity and forecast demand left unserved, less the value left at the horizon "
        "end and what retired systems sell for): " +
        millions(e.costUsd) + ". Capex " + millions(capex) + " for " + std::to_string(units) + " systems in " +
        std::to_string(plan.purchases.size()) + " purchases at " + std::to_string(sitesUsed.size()) + " sites.");
    if (sc.earnsRevenue()) {
        summary.paragraphs.push_back(
            std::string(sc.policy.objective == "max_margin" ? "Objective: the highest NPV margin. " : "") +
            "Revenue of the demand served (NPV, at the scenario's revenue per PFLOP-hour and per million "
            "tokens): " +
            millions(e.revenueNpvUsd) + "; margin after the fleet's cost (the net cost without unserved demand): " +
            millions(e.marginNpvUsd()) + ".");
    }
    summary.paragraphs.push_back("Capacity meets the contracted demand (with " + fixed(sc.policy.headroom * 100.0, 0) +
                                 " % headroom) in every quarter, and an independent re-check of every power, "
                                 "supply, budget, vendor and export-control limit found no violation.");
    if (e.unservedNpvUsd > 0.0) {
        summary.paragraphs.push_back("Forecast demand left unserved, by choice: serving it would cost more than " +
                                     std::string(sc.policy.objective == "max_margin"
                                                     ? "the revenue it would earn and its stated price ("
                                                     : "the margin lost at its stated price (") +
                                     millions(e.unservedNpvUsd) + " NPV, counted in the net cost):");
        for (const auto& q : e.quarters) {
            std::string line;
            if (q.trainingUnservedPflops > 0.0) {
                line += fixed(q.trainingUnservedPflops, 0) + " of " + fixed(q.trainingForecastPflops, 0) +
                        " PFLOP/s of forecast training";
            }
            for (std::size_t k = 0; k < q.inferenceUnservedTokensPerSecond.size(); ++k) {
                if (q.inferenceUnservedTokensPerSecond[k] > 0.0) {
                    line += (line.empty() ? "" : "; ") + usd(q.inferenceUnservedTokensPerSecond[k]) + " of " +
                            usd(q.inferenceForecastTokensPerSecond[k]) + " tokens/s of forecast " +
                            sc.inferenceClasses[k].name;
                }
            }
            if (!line.empty()) {
                summary.paragraphs.push_back("• " + q.quarter + ": " + line);
            }
        }
    }
    for (const auto& r : plan.retirements) {
        const std::size_t site = static_cast<std::size_t>(r.site);
        const double mw = r.count * m.facilityKw(r.system, r.site) / 1000.0;
        summary.paragraphs.push_back("• Retire " + std::to_string(r.count) + " " +
                                     m.systems[static_cast<std::size_t>(r.system)].sku + " at " + sc.sites[site].name +
                                     " in " + sc.firstQuarter.plus(r.quarter).toString() + ": sold for $" +
                                     usd(r.count * m.saleProceedsUsd(r.system, r.site, r.quarter)) + ", freeing " +
                                     fixed(mw, 1) + " MW for newer systems.");
    }
    for (std::size_t r = 0; r < sc.trainingRuns.size() && r < plan.runSites.size(); ++r) {
        const auto& run = sc.trainingRuns[r];
        if (plan.runSites[r] >= 0) {
            const plan::RunSize size = plan::placedRunSize(m, plan, static_cast<int>(r));
            summary.paragraphs.push_back("• Run " + run.name + " (" + std::to_string(size.accelerators) +
                                         " accelerators, " + fixed(size.weeks, 1) + " weeks from " +
                                         run.start.toString() + ") at " +
                                         sc.sites[static_cast<std::size_t>(plan.runSites[r])].name +
                                         (r < plan.runFamilies.size() && plan.runFamilies[r] >= 0
                                              ? " on " + m.fabrics[static_cast<std::size_t>(plan.runFamilies[r])].family
                                              : std::string()) +
                                         ", whole.");
        }
    }
    for (const auto& holder : plan::largestJobHolders(m, plan)) {
        summary.paragraphs.push_back("• The largest training job of " + plan::quarterList(m, holder.quarters) +
                                     " (up to " + groupedNumber(holder.mostPflops) + " PFLOP/s sustained) whole on " +
                                     holder.cluster + ".");
    }
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        double mw = 0.0;
        for (const double ordered : plan.buildOutMw[j]) {
            mw += ordered;
        }
        if (mw > 0.0) {
            summary.paragraphs.push_back("• Build " + fixed(mw, 1) + " MW of power at " + sc.sites[j].name +
                                         " over the horizon, for $" + usd(mw * sc.sites[j].buildOutUsdPerMw) + ".");
        }
    }
    for (const auto& cap : e.exportCaps) {
        summary.paragraphs.push_back("• Export-control cap " + cap.cap + ": " + fixed(cap.usedTpp / 1e6, 2) +
                                     " M of its " + fixed(cap.limitTpp / 1e6, 2) + " M TPP used.");
    }
    for (std::size_t i = 0; i < in.shadowPrices.size() && i < 4; ++i) {
        const auto& price = in.shadowPrices[i];
        std::string subject = plan::shadowPriceSubject(m, price);
        subject[0] = 'O'; // "One more …"
        summary.paragraphs.push_back("• " + subject + " would save $" +
                                     (price.constraint == "budget" ? fixed(price.value, 2) : usd(price.value)) +
                                     " (LP relaxation).");
    }
    for (std::size_t j = 0; j < sc.sites.size(); ++j) {
        int blocked = 0;
        for (int o = 0; o < m.allowed.systems(); ++o) {
            blocked += m.allowed(o, static_cast<int>(j), 0) ? 0 : 1;
        }
        if (blocked == m.allowed.systems() && !m.allowed.empty()) {
            summary.paragraphs.push_back("• Nothing is bought at " + sc.sites[j].name + " (" + sc.sites[j].country +
                                         "): " + plainMessage(m.reason(0, j, 0), &sc) + ".");
        }
    }
    summary.tables.push_back(costBreakdownTable(e));
    summary.notes.push_back("Shares are of the gross cost (capex, fabric, energy, maintenance and unserved forecast "
                            "demand). The value the fleet still has at the horizon end (its used-price curve) and "
                            "what retired systems sell for are credits against it; the net cost is what the plan "
                            "costs, and what it minimises.");
    return summary;
}

ReportSection scheduleSection(const ReportContext& c)
{
    const auto& [in, m, plan, e, sc, feasible, capex, units, sitesUsed] = c;
    ReportSection schedule;
    schedule.heading = "Purchase schedule";
    ReportTable table{"Purchases (new and used systems)", {"Quarter", "Site", "System", "Units", "Capex USD"}, {}};
    for (const auto& p : plan.purchases) {
        const auto& system = m.systems[static_cast<std::size_t>(p.offer)];
        table.rows.push_back({sc.firstQuarter.plus(p.quarter).toString(),
                              sc.sites[static_cast<std::size_t>(p.site)].name, plan::offerLabel(system),
                              std::to_string(p.count), usd(p.count * m.price(p.offer, p.quarter))});
    }
    table.rows.push_back({"Total", "", "", std::to_string(units), usd(capex)});
    schedule.tables.push_back(std::move(table));
    ReportTable power{"Power build-out", {"Quarter ordered", "Site", "Serving from", "MW", "Capex USD"}, {}};
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        for (std::size_t t = 0; t < plan.buildOutMw[j].size(); ++t) {
            if (const double mw = plan.buildOutMw[j][t]; mw > 0.0) {
                power.rows.push_back(
                    {sc.firstQuarter.plus(static_cast<int>(t)).toString(), sc.sites[j].name,
                     sc.firstQuarter.plus(static_cast<int>(t) + sc.sites[j].buildOutLeadQuarters).toString(),
                     fixed(mw, 2), usd(mw * sc.sites[j].buildOutUsdPerMw)});
            }
        }
    }
    if (!power.rows.empty()) {
        schedule.tables.push_back(std::move(power));
    }
    if (auto rented = rentalsTable(m, plan); !rented.rows.empty()) {
        schedule.tables.push_back(std::move(rented));
        const auto notes = rentalNotes(m, plan);
        schedule.notes.insert(schedule.notes.end(), notes.begin(), notes.end());
    }
    if (auto share = rentedShareTable(sc, e); !share.rows.empty()) {
        schedule.tables.push_back(std::move(share));
    }
    if (auto breakEven = breakEvenTable(m, plan, in.fleet->catalog, *in.assumptions); !breakEven.rows.empty()) {
        schedule.tables.push_back(std::move(breakEven));
        const auto notes = breakEvenNotes();
        schedule.notes.insert(schedule.notes.end(), notes.begin(), notes.end());
    } else if (!sc.cloudOffers.empty()) {
        schedule.notes.push_back(noBreakEvenNote());
    }
    if (!plan.retirements.empty()) {
        ReportTable retired{"Retirements (installed systems taken out of service and sold)",
                            {"Quarter", "Site", "System", "Units", "Sale proceeds USD"},
                            {}};
        for (const auto& r : plan.retirements) {
            retired.rows.push_back({sc.firstQuarter.plus(r.quarter).toString(),
                                    sc.sites[static_cast<std::size_t>(r.site)].name,
                                    m.systems[static_cast<std::size_t>(r.system)].sku, std::to_string(r.count),
                                    usd(r.count * m.saleProceedsUsd(r.system, r.site, r.quarter))});
        }
        schedule.tables.push_back(std::move(retired));
    }
    schedule.barCharts.push_back(capexByVendorChart(m, plan));
    return schedule;
}

ReportSection capacitySection(const ReportContext& c)
{
    const auto& [in, m, plan, e, sc, feasible, capex, units, sitesUsed] = c;
    ReportSection capacity;
    capacity.heading = "Capacity and power by quarter";
    capacity.lineCharts = {trainingChart(e), inferenceChart(sc, e), powerChart(sc, e)};
    // Each site at its tightest: the quarter of its peak power, and its peak rack positions.
    ReportTable sites{
        "Sites at their peak",
        {"Site", "Peak MW", "MW available then", "Quarter", "Peak racks", "Rack positions", "kW per rack"},
        {}};
    for (std::size_t j = 0; j < sc.sites.size(); ++j) {
        std::size_t peak = 0;
        int racks = 0;
        for (std::size_t t = 0; t < e.quarters.size(); ++t) {
            if (e.quarters[t].powerMw[j] > e.quarters[peak].powerMw[j]) {
                peak = t;
            }
            racks = std::max(racks, e.quarters[t].racks[j]);
        }
        const auto& site = sc.sites[j];
        sites.rows.push_back({site.name, fixed(e.quarters[peak].powerMw[j], 2),
                              fixed(e.quarters[peak].powerAvailableMw[j], 2), e.quarters[peak].quarter,
                              std::to_string(racks), site.racks ? std::to_string(*site.racks) : "not limited",
                              site.maxKwPerRack ? fixed(*site.maxKwPerRack, 0) : "not limited"});
    }
    capacity.tables.push_back(std::move(sites));
    return capacity;
}

/// The treatment of every purchase, under the rules in force on its quarter.
ReportSection complianceSection(const ReportContext& c)
{
    const auto& [in, m, plan, e, sc, feasible, capex, units, sitesUsed] = c;
    ReportSection compliance;
    compliance.heading = "Export-control compliance";
    ReportTable treatments{
        "Treatment of each purchase", {"Quarter", "System", "Site", "ECCN", "Treatment", "Rule"}, {}};
    std::set<std::string> stacks;
    for (const auto& p : plan.purchases) {
        const auto& offer = sc.market[static_cast<std::size_t>(p.offer)];
        const auto* system = in.fleet->catalog.findSystem(offer.system);
        const auto* accelerator = in.fleet->catalog.findAccelerator(system->acceleratorSku);
        const auto& site = sc.sites[static_cast<std::size_t>(p.site)];
        const auto stack = in.rules->stackAt(sc.firstQuarter.plus(p.quarter).firstDay());
        stacks.insert(stack.name());
        const auto d = compliance::determine(stack, in.rules->countryGroups(), compliance::itemMetrics(*accelerator),
                                             {site.country, m.company.hqCountry, m.company.parentHqCountry}, true);
        const auto& citation = d.citations.empty() ? compliance::Citation{} : d.citations.back();
        treatments.rows.push_back({sc.firstQuarter.plus(p.quarter).toString(), system->sku,
                                   site.name + " (" + site.country + ")", plainEccn(d.eccn),
                                   d.review ? "needs review, accepted by the plan: " + compliance::reviewText(*d.review)
                                            : plainTreatment(d.treatment, d.reviewPolicy),
                                   citation.ruleSet + " " + citation.paragraph});
    }
    compliance.tables.push_back(std::move(treatments));
    for (const auto& stack : stacks) {
        compliance.paragraphs.push_back("Rules applied: " + stack + ".");
    }
    compliance.notes.push_back("Purchases are only placed where the rules allow them without a licence, unless the "
                               "scenario counts on licences (licence appetite: " +
                               plainLicenceAppetite(sc.policy.licenceAppetite) +
                               "). Decision support, not legal advice: check every result against the current EAR "
                               "and with counsel before anything ships.");
    return compliance;
}

ReportSection sensitivitySection(const ReportContext& c)
{
    ReportSection sensitivity;
    sensitivity.heading = "Sensitivity";
    sensitivity.paragraphs.push_back(
        "Each variant is planned again (not extrapolated), starting from the plan above where it is still valid: how "
        "the NPV cost moves when one input moves by 20 %. Each solve stops at its own gap, so a change smaller than "
        "the two gaps together is within the solver's tolerance.");
    ReportTable table{"Re-solved variants", {"Variant", "NPV cost USD", "Change", "Solve"}, {}};
    table.rows.push_back({"as planned", usd(c.e.costUsd), "–", plan::statusText(c.plan)});
    for (const auto& [what, cost, status] : c.in.sensitivity) {
        table.rows.push_back(
            {what, cost ? usd(*cost) : "no feasible plan",
             cost ? (*cost >= c.e.costUsd ? "+" : "") + fixed((*cost / c.e.costUsd - 1.0) * 100.0, 1) + " %" : "–",
             status});
    }
    sensitivity.tables.push_back(std::move(table));
    return sensitivity;
}

/// Every catalog record the plan uses and every model assumption, with its source.
ReportSection sourcesSection(const ReportContext& c)
{
    const auto& [in, m, plan, e, sc, feasible, capex, units, sitesUsed] = c;
    ReportSection sources;
    sources.heading = "Assumptions and data sources";
    // Sources as paragraphs, not table cells: URLs are long and must be printed whole.
    sources.paragraphs.push_back("Catalog records used (price as planned, and how it was made; source):");
    std::set<std::string> seen;
    const auto cite = [&](const std::string& sku, const std::string& price, const std::string& source) {
        if (seen.insert(sku).second) {
            sources.paragraphs.push_back("• " + sku + " (" + price + "): " + source);
        }
    };
    for (std::size_t o = 0; o < sc.market.size(); ++o) {
        if (const auto* system = in.fleet->catalog.findSystem(sc.market[o].system)) {
            cite(system->sku, "$" + usd(m.systems[o].priceUsd) + ": " + m.systems[o].priceBasis, system->source);
            if (const auto* accelerator = in.fleet->catalog.findAccelerator(system->acceleratorSku)) {
                cite(accelerator->sku,
                     accelerator->priceNew ? "$" + usd(units::inUsd(*accelerator->priceNew)) : std::string("no price"),
                     accelerator->source);
            }
        }
    }
    sources.paragraphs.push_back("Model assumptions (value; source):");
    for (const auto& [key, value] : in.assumptions->values) {
        std::string label = plainKey(key);
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
        sources.paragraphs.push_back("• " + label + ": " + formatNumber(value.value) +
                                     (value.unit.empty() ? "" : " " + value.unit) + "; " + value.source);
    }
    sources.paragraphs.push_back("Energy and maintenance: energy billed by use at the site's electricity price and "
                                 "PUE: a unit in service draws " +
                                 fixed(m.utilization * 100.0, 0) + " % of its maximum (utilisation), an idle one " +
                                 fixed(m.idlePowerShare * 100.0, 0) +
                                 " %, a unit serving in a capped power domain at most its cap; maintenance " +
                                 fixed(m.maintenanceSharePerYear * 100.0, 0) +
                                 " % of the price a year; the value left at the horizon end is the price times "
                                 "e^(−λ × years held), λ from the accelerator's dated used prices or the used share "
                                 "kept per year above (the same function as the cost of ownership).");
    return sources;
}

ReportSection appendixSection(const ReportContext& c)
{
    ReportSection appendix;
    appendix.heading = "Appendix: the catalog's accelerators";
    appendix.tables.push_back(acceleratorTable(c.in.fleet->catalog));
    appendix.notes.push_back("Compute is dense peak (no structured sparsity). TPP = dense TOPS × bit length, highest "
                             "over the precisions the chip supports (15 CFR 774, ECCN 3A090 Technical Note 1).");
    return appendix;
}

} // namespace

ReportModel buildPlanReport(const PlanReportInputs& in)
{
    const ReportContext c = contextOf(in);
    ReportModel report;
    report.title = "Fleet purchase plan";
    report.fleetName = c.sc.name;
    report.fileName = in.fileName;
    report.date = in.date;
    report.generator = std::string("Fleetwright ") + version;
    report.facts = coverFacts(c);
    // The numbered sections in order; a new part of the plan is one more builder here.
    using Builder = std::function<ReportSection(const ReportContext&)>;
    std::vector<Builder> builders{summarySection};
    if (c.feasible) {
        builders.insert(builders.end(),
                        {scheduleSection, capacitySection, complianceSection,
                         [](const ReportContext& x) { return fabricSection(x.m, x.plan, x.in.fleet->catalog); }});
        if (!in.sensitivity.empty()) {
            builders.emplace_back(sensitivitySection);
        }
        if (in.risk != nullptr) {
            builders.emplace_back([](const ReportContext& x) { return riskSection(x.m, *x.in.risk, x.in.robust); });
        }
    }
    builders.emplace_back(sourcesSection);
    for (const auto& build : builders) {
        report.sections.push_back(build(c));
        report.sections.back().heading = std::to_string(report.sections.size()) + ". " + report.sections.back().heading;
    }
    report.sections.push_back(appendixSection(c));
    return report;
}

std::vector<SensitivityVariant> sensitivityOf(const Fleet& fleet, const plan::PlanModel& model, const plan::Plan& base,
                                              const compliance::RuleLibrary& rules,
                                              const workload::ModelAssumptions& assumptions,
                                              const plan::OptimizerOptions& options)
{
    std::vector<SensitivityVariant> variants;
    const auto variant = [&](const std::string& what, const std::function<void(plan::Scenario&)>& change) {
        if (options.cancel != nullptr && options.cancel->load()) {
            return;
        }
        plan::Scenario changed = model.scenario;
        change(changed);
        const auto variantModel = plan::buildPlanModel(changed, fleet, rules, assumptions);
        plan::OptimizerOptions fromBase = options;
        fromBase.start = &base;
        const auto variantPlan = plan::optimize(variantModel, fromBase);
        const auto check = plan::evaluate(variantModel, variantPlan);
        const bool ok = variantPlan.status != plan::PlanStatus::Infeasible && check.violations.empty();
        variants.push_back(
            {what, ok ? std::optional<double>(check.costUsd) : std::nullopt, plan::statusText(variantPlan)});
    };
    for (double f : {0.8, 1.2}) {
        const std::string sign = f < 1.0 ? "−20 %" : "+20 %";
        variant("electricity price " + sign, [f](plan::Scenario& s) {
            for (auto& site : s.sites) {
                site.electricityUsdPerKwh *= f;
            }
        });
        variant("system prices " + sign, [&](plan::Scenario& s) {
            for (std::size_t o = 0; o < s.market.size(); ++o) {
                s.market[o].priceUsd = model.offerPriceUsd[o];
                for (double& price : s.market[o].priceUsd) {
                    price *= f;
                }
            }
        });
        variant("demand " + sign, [f](plan::Scenario& s) {
            for (auto& d : s.demand) {
                d.trainingPflops *= f;
                for (double& tokens : d.inferenceTokensPerSecond) {
                    tokens *= f;
                }
            }
        });
    }
    return variants;
}

ReportModel planAndReport(const Fleet& fleet, const plan::Scenario& scenario, const compliance::RuleLibrary& rules,
                          const workload::ModelAssumptions& assumptions, const plan::OptimizerOptions& options,
                          const std::string& fileName, const std::string& fileBytes, const std::string& date,
                          const ReportRisk* risk)
{
    const auto model = plan::buildPlanModel(scenario, fleet, rules, assumptions);
    if (risk != nullptr && scenario.uncertainty.events.empty()) {
        throw ValidationError(
            "no uncertainty: add an \"uncertainty\" object to the scenario's JSON for a risk section");
    }
    const auto plan = plan::optimize(model, options);
    const auto evaluation = plan::evaluate(model, plan);
    PlanReportInputs inputs;
    inputs.fleet = &fleet;
    inputs.model = &model;
    inputs.plan = &plan;
    inputs.evaluation = &evaluation;
    std::optional<plan::RiskReport> risked;
    std::optional<plan::RobustReport> robust;
    if (plan.status != plan::PlanStatus::Infeasible) {
        inputs.shadowPrices = plan::shadowPrices(model, options.timeLimitSeconds);
        inputs.sensitivity = sensitivityOf(fleet, model, plan, rules, assumptions, options);
    }
    if (risk != nullptr && !plan.training.empty()) {
        plan::FutureOptions futures = risk->futures;
        futures.optimizer = options;
        inputs.risk = &risked.emplace(plan::assessRisk(model, plan, futures, risk->alpha));
        if (risk->robust) {
            plan::RobustOptions stochastic;
            stochastic.method = *risk->robust;
            stochastic.objective = {risk->alpha, 0.0};
            stochastic.planFirstStage = risked->frozen; // RP is never worse than the plan's own first year
            inputs.robust = &robust.emplace(plan::robustPlan(model, futures, stochastic));
        }
    }
    inputs.rules = &rules;
    inputs.assumptions = &assumptions;
    inputs.fileName = fileName;
    inputs.fileChecksum = core::fingerprint(fileBytes);
    inputs.date = date;
    return buildPlanReport(inputs);
}

} // namespace fw::core::report
