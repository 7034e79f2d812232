// SPDX-License-Identifier: Apache-2.0
#include "core/report/planreport.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "core/compliance/classifier.h"
#include "core/compliance/treatment.h"
#include "core/numbertext.h"
#include "core/report/fabricsection.h"
#include "core/report/figuretext.h"
#include "core/report/plancharts.h"
#include "core/version.h"

namespace fw::core::report {

std::string fingerprint(const std::string& bytes)
{
    std::uint64_t hash = 1469598103934665603ULL; // FNV-1a 64 offset basis
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

ReportModel buildPlanReport(const PlanReportInputs& in)
{
    const auto& m = *in.model;
    const auto& plan = *in.plan;
    const auto& e = *in.evaluation;
    const auto& sc = m.scenario;
    ReportModel report;
    report.title = "Fleet purchase plan";
    report.fleetName = sc.name;
    report.fileName = in.fileName;
    report.date = in.date;
    report.generator = std::string("Fleetwright ") + version;
    const bool feasible = plan.status != plan::PlanStatus::Infeasible && e.violations.empty() && !e.quarters.empty();
    report.facts = {
        "Buyer: " + (m.company.name.empty() ? std::string("(unnamed)") : m.company.name) + "; headquarters " +
            (m.company.hqCountry.empty() ? "unknown" : m.company.hqCountry) + ", ultimate parent " +
            (m.company.parentHqCountry.empty() ? "unknown" : m.company.parentHqCountry) +
            (sc.buyer == plan::Buyer{} ? " (the fleet's company)" : " (set by the scenario)"),
        "Scenario: " + sc.name + ", " + sc.firstQuarter.toString() + " to " +
            sc.firstQuarter.plus(sc.quarters - 1).toString(),
        "Plan: " + plan::statusText(plan) + " (" + plan.method + "), solved in " + fixed(plan.solveSeconds, 2) + " s",
        "Fleet file fingerprint (FNV-1a 64): " + in.fileChecksum,
    };

    // Executive summary.
    double capex = 0.0;
    int units = 0;
    std::set<int> sitesUsed;
    for (const auto& p : plan.purchases) {
        capex += p.count * m.price(p.offer, p.quarter);
        units += p.count;
        sitesUsed.insert(p.site);
    }
    ReportSection summary;
    summary.heading = "Executive summary";
    if (!feasible) {
        summary.paragraphs.push_back(
            "No plan meets this scenario: " +
            (plan.diagnosis.empty() ? std::string("the solver found no feasible purchase schedule.")
                                    : std::string("relaxing each limit with a penalised slack shows what stops it:")));
        for (const auto& line : plan.diagnosis) {
            summary.paragraphs.push_back("• " + line);
        }
        for (const auto& line : e.violations) {
            summary.paragraphs.push_back("• " + line);
        }
    } else {
        if (sc.policy.objective == "max_capacity") {
            summary.paragraphs.push_back("Objective: the most compute the budgets buy — " +
                                         fixed(e.averagePeakPflops, 0) +
                                         " PFLOP/s of dense BF16 peak on average over the horizon — and, for that "
                                         "capacity, the lowest cost.");
        }
        summary.paragraphs.push_back(
            "Total cost (net present value at " + fixed(sc.discountRatePerYear * 100.0, 1) +
            " % a year, capex plus fabric, energy, maintenance and forecast demand left unserved, less residual value "
            "and resales): " +
            millions(e.costUsd) + ". Capex " + millions(capex) + " for " + std::to_string(units) + " systems in " +
            std::to_string(plan.purchases.size()) + " purchases at " + std::to_string(sitesUsed.size()) + " sites.");
        summary.paragraphs.push_back("Capacity meets the contracted demand (with " +
                                     fixed(sc.policy.headroom * 100.0, 0) +
                                     " % headroom) in every quarter, and an independent re-check of every power, "
                                     "supply, budget, vendor and export-control limit found no violation.");
        if (e.unservedNpvUsd > 0.0) {
            summary.paragraphs.push_back(
                "Forecast demand left unserved, by choice: serving it would cost more than the margin lost at its "
                "stated price (" +
                millions(e.unservedNpvUsd) + " NPV, counted in the total cost):");
            for (const auto& q : e.quarters) {
                std::string line;
                if (q.trainingUnservedPflops > 0.0) {
                    line += fixed(q.trainingUnservedPflops, 0) + " of " + fixed(q.trainingForecastPflops, 0) +
                            " PFLOP/s of forecast training";
                }
                for (std::size_t c = 0; c < q.inferenceUnservedTokensPerSecond.size(); ++c) {
                    if (q.inferenceUnservedTokensPerSecond[c] > 0.0) {
                        line += (line.empty() ? "" : "; ") + usd(q.inferenceUnservedTokensPerSecond[c]) + " of " +
                                usd(q.inferenceForecastTokensPerSecond[c]) + " tokens/s of forecast " +
                                sc.inferenceClasses[c].name;
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
            summary.paragraphs.push_back(
                "• Retire " + std::to_string(r.count) + " " + m.systems[static_cast<std::size_t>(r.system)].sku +
                " at " + sc.sites[site].name + " in " + sc.firstQuarter.plus(r.quarter).toString() + ": sold for $" +
                usd(r.count * m.saleProceedsUsd(r.system, r.site, r.quarter)) + ", freeing " + fixed(mw, 1) +
                " MW for newer systems.");
        }
        for (std::size_t r = 0; r < sc.trainingRuns.size() && r < plan.runSites.size(); ++r) {
            const auto& run = sc.trainingRuns[r];
            if (plan.runSites[r] < 0) {
                continue;
            }
            summary.paragraphs.push_back("• Run " + run.name + " (" + std::to_string(run.accelerators) +
                                         " accelerators, " + formatNumber(run.weeks) + " weeks from " +
                                         run.start.toString() + ") at " +
                                         sc.sites[static_cast<std::size_t>(plan.runSites[r])].name + ", whole.");
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
        int said = 0;
        for (const auto& price : in.shadowPrices) {
            if (said == 4) {
                break;
            }
            std::string subject = plan::shadowPriceSubject(m, price);
            subject[0] = 'O'; // "One more …"
            summary.paragraphs.push_back("• " + subject + " would save $" +
                                         (price.constraint == "budget" ? fixed(price.value, 2) : usd(price.value)) +
                                         " (LP relaxation).");
            ++said;
        }
        for (std::size_t j = 0; j < sc.sites.size(); ++j) {
            int blocked = 0;
            for (std::size_t o = 0; o < m.allowed.size(); ++o) {
                blocked += m.allowed[o][j][0] ? 0 : 1;
            }
            if (blocked == static_cast<int>(m.allowed.size()) && !m.allowed.empty()) {
                summary.paragraphs.push_back("• Nothing is bought at " + sc.sites[j].name + " (" + sc.sites[j].country +
                                             "): " + m.reason[0][j][0] + ".");
            }
        }
        const auto share = [&](double part) { return fixed(part / e.costUsd * 100.0, 1) + " %"; };
        summary.tables.push_back({"Where the NPV cost goes",
                                  {"Part", "NPV USD", "Share of total"},
                                  {{"capex", usd(e.capexNpvUsd), share(e.capexNpvUsd)},
                                   {"scale-out fabric", usd(e.fabricNpvUsd), share(e.fabricNpvUsd)},
                                   {"energy", usd(e.energyNpvUsd), share(e.energyNpvUsd)},
                                   {"maintenance", usd(e.maintenanceNpvUsd), share(e.maintenanceNpvUsd)}}});
        if (e.unservedNpvUsd > 0.0) {
            summary.tables.back().rows.push_back(
                {"forecast demand left unserved", usd(e.unservedNpvUsd), share(e.unservedNpvUsd)});
        }
        summary.tables.back().rows.push_back(
            {"residual value (less)", "-" + usd(e.residualNpvUsd), share(-e.residualNpvUsd)});
        if (e.resaleNpvUsd > 0.0) {
            summary.tables.back().rows.push_back(
                {"resale of retired systems (less)", "-" + usd(e.resaleNpvUsd), share(-e.resaleNpvUsd)});
        }
        summary.tables.back().rows.push_back({"Total", usd(e.costUsd), "100.0 %"});
    }
    report.sections.push_back(std::move(summary));

    if (feasible) {
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
        if (!plan.retirements.empty()) {
            ReportTable retired{"Retirements (installed systems taken out of service and sold)",
                                {"Quarter", "Site", "System", "Units", "Resale USD"},
                                {}};
            for (const auto& r : plan.retirements) {
                retired.rows.push_back({sc.firstQuarter.plus(r.quarter).toString(),
                                        sc.sites[static_cast<std::size_t>(r.site)].name,
                                        m.systems[static_cast<std::size_t>(r.system)].sku, std::to_string(r.count),
                                        usd(r.count * m.saleProceedsUsd(r.system, r.site, r.quarter))});
            }
            schedule.tables.push_back(std::move(retired));
        }
        schedule.lineCharts.push_back(spendChart(e));
        report.sections.push_back(std::move(schedule));

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
        report.sections.push_back(std::move(capacity));

        // Export controls: the treatment of every purchase, under the rules in force on its quarter.
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
            const auto d =
                compliance::determine(stack, in.rules->countryGroups(), compliance::itemMetrics(*accelerator),
                                      {site.country, m.company.hqCountry, m.company.parentHqCountry}, true);
            const auto& citation = d.citations.empty() ? compliance::Citation{} : d.citations.back();
            treatments.rows.push_back(
                {sc.firstQuarter.plus(p.quarter).toString(), system->sku, site.name + " (" + site.country + ")", d.eccn,
                 d.review ? "needs review, accepted by the plan: " + compliance::reviewText(*d.review)
                          : std::string(compliance::toString(d.treatment)),
                 citation.ruleSet + " " + citation.paragraph});
        }
        compliance.tables.push_back(std::move(treatments));
        for (const auto& stack : stacks) {
            compliance.paragraphs.push_back("Rules applied: " + stack + ".");
        }
        compliance.notes.push_back("Purchases are only placed where the rules allow them without a licence, unless the "
                                   "scenario counts on licences (licence appetite: " +
                                   sc.policy.licenceAppetite +
                                   "). Decision support, not legal advice: check every result against the current EAR "
                                   "and with counsel before anything ships.");
        report.sections.push_back(std::move(compliance));
        report.sections.push_back(fabricSection(m, plan, in.fleet->catalog));
    }

    if (feasible && !in.sensitivity.empty()) {
        ReportSection sensitivity;
        sensitivity.heading = "Sensitivity";
        sensitivity.paragraphs.push_back(
            "Each variant is planned again (not extrapolated), starting from the plan above where it is "
            "still valid: how the NPV cost moves when one input moves by 20 %. Each solve stops at its own "
            "gap, so a change smaller than the two gaps together is within the solver's tolerance.");
        ReportTable table{"Re-solved variants", {"Variant", "NPV cost USD", "Change", "Solve"}, {}};
        table.rows.push_back({"as planned", usd(e.costUsd), "–", plan::statusText(plan)});
        for (const auto& v : in.sensitivity) {
            const auto& cost = v.costUsd;
            table.rows.push_back(
                {v.what, cost ? usd(*cost) : "no feasible plan",
                 cost ? (*cost >= e.costUsd ? "+" : "") + fixed((*cost / e.costUsd - 1.0) * 100.0, 1) + " %" : "–",
                 v.status});
        }
        sensitivity.tables.push_back(std::move(table));
        report.sections.push_back(std::move(sensitivity));
    }

    // Assumptions and sources: every catalog record the plan uses.
    ReportSection sources;
    sources.heading = "Assumptions and data sources";
    // Sources as paragraphs, not table cells: URLs are long and must be printed whole.
    sources.paragraphs.push_back("Catalog records used (price; source):");
    std::set<std::string> seen;
    const auto cite = [&](const std::string& sku, const std::optional<units::Money>& price, const std::string& source) {
        if (seen.insert(sku).second) {
            sources.paragraphs.push_back("• " + sku + " (" +
                                         (price ? "$" + usd(units::inUsd(*price)) : std::string("no price")) +
                                         "): " + source);
        }
    };
    for (const auto& offer : sc.market) {
        if (const auto* system = in.fleet->catalog.findSystem(offer.system)) {
            cite(system->sku, system->price, system->source);
            if (const auto* accelerator = in.fleet->catalog.findAccelerator(system->acceleratorSku)) {
                cite(accelerator->sku, accelerator->priceNew, accelerator->source);
            }
        }
    }
    sources.paragraphs.push_back("Model assumptions (value; source):");
    for (const auto& [key, value] : in.assumptions->values) {
        sources.paragraphs.push_back("• " + key + " = " + formatNumber(value.value) + " " + value.unit + ": " +
                                     value.source);
    }
    sources.paragraphs.push_back("Energy and maintenance: facility power at " + fixed(m.utilization * 100.0, 0) +
                                 " % of maximum (utilization), the site's electricity price, maintenance " +
                                 fixed(m.maintenanceSharePerYear * 100.0, 0) +
                                 " % of the price a year; residual value straight-line over " +
                                 formatNumber(sc.lifeYears) + " years (a used system over the years it has left).");
    report.sections.push_back(std::move(sources));
    for (std::size_t i = 0; i < report.sections.size(); ++i) {
        report.sections[i].heading = std::to_string(i + 1) + ". " + report.sections[i].heading;
    }

    ReportSection appendix;
    appendix.heading = "Appendix: the catalog's accelerators";
    appendix.tables.push_back(acceleratorTable(in.fleet->catalog));
    appendix.notes.push_back("Compute is dense peak (no structured sparsity). TPP = dense TOPS × bit length, highest "
                             "over the precisions the chip supports (15 CFR 774, ECCN 3A090 Technical Note 1).");
    report.sections.push_back(std::move(appendix));
    return report;
}

ReportModel planAndReport(const Fleet& fleet, const plan::Scenario& scenario, const compliance::RuleLibrary& rules,
                          const workload::ModelAssumptions& assumptions, const plan::OptimizerOptions& options,
                          const std::string& fileName, const std::string& fileBytes, const std::string& date)
{
    const auto model = plan::buildPlanModel(scenario, fleet, rules, assumptions);
    const auto plan = plan::optimize(model, options);
    const auto evaluation = plan::evaluate(model, plan);
    PlanReportInputs inputs;
    inputs.fleet = &fleet;
    inputs.model = &model;
    inputs.plan = &plan;
    inputs.evaluation = &evaluation;
    if (plan.status != plan::PlanStatus::Infeasible) {
        inputs.shadowPrices = plan::shadowPrices(model, options.timeLimitSeconds);
        const auto variant = [&](const std::string& what, const std::function<void(plan::Scenario&)>& change) {
            plan::Scenario changed = scenario;
            change(changed);
            const auto variantModel = plan::buildPlanModel(changed, fleet, rules, assumptions);
            plan::OptimizerOptions fromBase = options;
            fromBase.start = &plan;
            const auto variantPlan = plan::optimize(variantModel, fromBase);
            const auto check = plan::evaluate(variantModel, variantPlan);
            const bool ok = variantPlan.status != plan::PlanStatus::Infeasible && check.violations.empty();
            inputs.sensitivity.push_back(
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
    }
    inputs.rules = &rules;
    inputs.assumptions = &assumptions;
    inputs.fileName = fileName;
    inputs.fileChecksum = fingerprint(fileBytes);
    inputs.date = date;
    return buildPlanReport(inputs);
}

} // namespace fw::core::report
