// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "core/numbertext.h"
#include "core/plan/breakeven.h"
#include "core/plan/diagnosis.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/plandecisions.h"
#include "core/plan/planinputs.h"
#include "core/plan/rentedblocks.h"
#include "core/plan/savedplan.h"
#include "core/plan/trainingclusters.h"
#include "core/store/fleetdatabase.h"
#include "core/workload/assumptions.h"

namespace fw::cli {
namespace {

using namespace fw::core::plan;

/// Every rented block of the plan (rentedBlocks) as the CLI shows it.
nlohmann::json rentalsJson(const PlanModel& model, const Plan& plan)
{
    const auto& sc = model.scenario;
    nlohmann::json rentals = nlohmann::json::array();
    for (const auto& b : rentedBlocks(model, plan)) {
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        nlohmann::json quarters = nlohmann::json::array();
        for (int t = b.firstQuarter; t <= b.lastQuarter; ++t) {
            quarters.push_back(sc.firstQuarter.plus(t).toString());
        }
        rentals.push_back({{"provider", offer.provider},
                           {"provider_hq", offer.providerHq},
                           {"region", offer.region},
                           {"sku", model.rented[static_cast<std::size_t>(b.cloudOffer)].sku},
                           {"contract", offer.reserved ? "reserved" : "on_demand"},
                           {"prepaid", offer.prepaid},
                           {"accelerators", b.accelerators},
                           {"quarters", quarters},
                           {"usd", b.usd},
                           {"named_run", b.namedRun.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.namedRun)},
                           {"treatment", b.treatment},
                           {"warnings", b.warnings},
                           {"price_sources", offer.priceSources}});
    }
    return rentals;
}

/// Cloud offers not allowed in a run of quarters, and why; the restricted-party list entry cited
/// where counterparty screening blocked the offer.
nlohmann::json blockedCloudOffersJson(const PlanModel& model)
{
    const auto& sc = model.scenario;
    nlohmann::json blocked = nlohmann::json::array();
    for (const auto& b : blockedCloudOffers(model)) {
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        nlohmann::json listed = nullptr;
        if (b.screening && b.screening->entry) {
            const auto& entry = *b.screening->entry;
            listed = {{"name", entry.name},
                      {"list", entry.list},
                      {"country", entry.country},
                      {"date_added", entry.dateAdded.toString()},
                      {"citation", entry.citation},
                      {"source", entry.source},
                      {"matched_as", b.screening->matchedAs},
                      {"ownership_rule",
                       b.screening->rule.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.screening->rule)}};
        }
        blocked.push_back({{"provider", offer.provider},
                           {"region", offer.region},
                           {"sku", model.rented[static_cast<std::size_t>(b.cloudOffer)].sku},
                           {"from_quarter", sc.firstQuarter.plus(b.firstQuarter).toString()},
                           {"quarters", b.quarters},
                           {"reason", b.reason},
                           {"listed_party", listed}});
    }
    return blocked;
}

/// Owning against renting per market offer and site (planBreakEvens): the cloud offer compared,
/// the break-even utilisation and what the plan uses of what it owns there.
nlohmann::json breakEvenJson(const PlanModel& model, const Plan& plan, const core::catalog::Catalog& catalog)
{
    const auto& sc = model.scenario;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& b : planBreakEvens(model, plan, catalog, core::workload::shippedModelAssumptions())) {
        const auto& system = model.systems[static_cast<std::size_t>(b.offer)];
        const auto& cloud = sc.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        const auto& r = b.rentOrOwn;
        const auto pays = b.owningPaysAtPlanUtilisation();
        rows.push_back({{"system", system.sku},
                        {"condition", system.used ? "used" : "new"},
                        {"site", sc.sites[static_cast<std::size_t>(b.site)].name},
                        {"quarter", sc.firstQuarter.plus(b.quarter).toString()},
                        {"cloud_provider", cloud.provider},
                        {"cloud_region", cloud.region},
                        {"cloud_sku", model.rented[static_cast<std::size_t>(b.cloudOffer)].sku},
                        {"match", b.sameAccelerator ? "accelerator" : "accelerator_family"},
                        {"rent_usd_per_accelerator_hour", r.rentUsdPerHour},
                        {"price_usd", model.price(b.offer, b.quarter)},
                        {"life_years", b.lifeYears},
                        {"fabric_usd_per_system", b.fabric.usd},
                        {"fabric_w_per_system", b.fabric.watts},
                        {"fabric_basis", b.fabric.basis},
                        {"owner_fixed_usd_per_accelerator_year", r.fixedUsdPerAcceleratorYear},
                        {"owner_energy_usd_per_accelerator_hour", r.energyUsdPerAcceleratorHour},
                        {"break_even_utilisation", r.breakEvenUtilisation},
                        {"break_even_hours_per_year", r.breakEvenHoursPerYear},
                        {"break_even_outcome", core::economics::outcomeKey(r.outcome)},
                        {"break_even", core::economics::rentOrOwnText(r)},
                        {"plan_utilisation", b.planUtilisation ? nlohmann::json(*b.planUtilisation) : nullptr},
                        {"plan_units_in_service_max", b.mostUnitsInService},
                        {"owning_pays_at_plan_utilisation", pays ? nlohmann::json(*pays) : nullptr}});
    }
    return rows;
}

/// Rented ÷ served per quarter: training PFLOP/s and each inference class's tokens/s (the
/// evaluator's quarter figures), and the rented part of the dense peak in service.
nlohmann::json rentedShareJson(const Scenario& sc, const Evaluation& evaluation)
{
    const auto orNull = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& k : evaluation.quarters) {
        nlohmann::json inference = nlohmann::json::array();
        for (std::size_t c = 0; c < sc.inferenceClasses.size(); ++c) {
            inference.push_back({{"class", sc.inferenceClasses[c].name},
                                 {"rented_tokens_per_s", k.rentedInferenceTokensPerSecond[c]},
                                 {"served_tokens_per_s", k.inferenceTokensPerSecond[c]},
                                 {"share", orNull(k.rentedInferenceShare(static_cast<int>(c)))}});
        }
        rows.push_back({{"quarter", k.quarter},
                        {"training",
                         {{"rented_pflops", k.rentedTrainingPflops},
                          {"served_pflops", k.trainingPflops},
                          {"share", orNull(k.rentedTrainingShare())}}},
                        {"inference", inference},
                        {"peak_share", k.rentedShare}});
    }
    return rows;
}

/// The plan's training clusters: one system family at one site each, the named runs each serves
/// whole, the quarters it holds the largest training job, and its accelerators (the most in any
/// quarter) and sustained PFLOP/s by quarter.
nlohmann::json trainingClustersJson(const PlanModel& model, const Plan& plan)
{
    const auto& sc = model.scenario;
    nlohmann::json clusters = nlohmann::json::array();
    for (const auto& c : trainingClusters(model, plan)) {
        nlohmann::json quarters = nlohmann::json::array();
        nlohmann::json byQuarter = nlohmann::json::array();
        for (std::size_t t = 0; t < c.acceleratorsByQuarter.size(); ++t) {
            if (c.acceleratorsByQuarter[t] > 0) {
                const std::string quarter = sc.firstQuarter.plus(static_cast<int>(t)).toString();
                quarters.push_back(quarter);
                byQuarter.push_back({{"quarter", quarter},
                                     {"accelerators", c.acceleratorsByQuarter[t]},
                                     {"sustained_pflops", c.sustainedPflopsByQuarter[t]}});
            }
        }
        nlohmann::json runs = nlohmann::json::array();
        for (const int r : c.runs) {
            runs.push_back(sc.trainingRuns[static_cast<std::size_t>(r)].name);
        }
        nlohmann::json largestJob = nlohmann::json::array();
        for (const int t : c.largestJobQuarters) {
            largestJob.push_back(sc.firstQuarter.plus(t).toString());
        }
        clusters.push_back({{"name", c.name},
                            {"family", model.fabrics[static_cast<std::size_t>(c.family)].family},
                            {"site", sc.sites[static_cast<std::size_t>(c.site)].name},
                            {"accelerators", c.accelerators()},
                            {"quarters", quarters},
                            {"runs", runs},
                            {"largest_job_quarters", largestJob},
                            {"by_quarter", byQuarter}});
    }
    return clusters;
}

nlohmann::json planJson(const PlanModel& model, const Plan& plan, const Evaluation& evaluation,
                        const core::catalog::Catalog& catalog)
{
    const auto& sc = model.scenario;
    nlohmann::json purchases = nlohmann::json::array();
    for (const auto& p : plan.purchases) {
        purchases.push_back({{"quarter", sc.firstQuarter.plus(p.quarter).toString()},
                             {"site", sc.sites[static_cast<std::size_t>(p.site)].name},
                             {"system", model.systems[static_cast<std::size_t>(p.offer)].sku},
                             {"condition", model.systems[static_cast<std::size_t>(p.offer)].used ? "used" : "new"},
                             {"count", p.count},
                             {"capex_usd", p.count * model.price(p.offer, p.quarter)}});
    }
    nlohmann::json prices = nlohmann::json::array(); // what each offer costs the plan, and how it was made
    for (std::size_t o = 0; o < sc.market.size(); ++o) {
        const auto& offer = model.systems[o];
        prices.push_back({{"system", offer.sku},
                          {"condition", offer.used ? "used" : "new"},
                          {"price_usd", offer.priceUsd},
                          {"price_basis", offer.priceBasis}});
    }
    nlohmann::json retirements = nlohmann::json::array();
    for (const auto& r : plan.retirements) {
        retirements.push_back({{"quarter", sc.firstQuarter.plus(r.quarter).toString()},
                               {"site", sc.sites[static_cast<std::size_t>(r.site)].name},
                               {"system", model.systems[static_cast<std::size_t>(r.system)].sku},
                               {"count", r.count},
                               {"resale_usd", r.count * model.saleProceedsUsd(r.system, r.site, r.quarter)}});
    }
    nlohmann::json buildOut = nlohmann::json::array();
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        for (std::size_t t = 0; t < plan.buildOutMw[j].size(); ++t) {
            if (const double mw = plan.buildOutMw[j][t]; mw > 0.0) {
                buildOut.push_back(
                    {{"quarter", sc.firstQuarter.plus(static_cast<int>(t)).toString()},
                     {"site", sc.sites[j].name},
                     {"mw", mw},
                     {"capex_usd", mw * sc.sites[j].buildOutUsdPerMw},
                     {"serving_from",
                      sc.firstQuarter.plus(static_cast<int>(t) + sc.sites[j].buildOutLeadQuarters).toString()}});
            }
        }
    }
    nlohmann::json runs = nlohmann::json::array();
    for (std::size_t r = 0; r < sc.trainingRuns.size(); ++r) {
        const auto& run = sc.trainingRuns[r];
        const int site = r < plan.runSites.size() ? plan.runSites[r] : -1;
        const int family = r < plan.runFamilies.size() ? plan.runFamilies[r] : -1;
        const RunSize size = placedRunSize(model, plan, static_cast<int>(r));
        const int last = run.lastQuarter(sc.firstQuarter, sc.quarters, size.weeks);
        runs.push_back(
            {{"name", run.name},
             {"site", site >= 0 ? nlohmann::json(sc.sites[static_cast<std::size_t>(site)].name) : nullptr},
             {"family", family >= 0 ? nlohmann::json(model.fabrics[static_cast<std::size_t>(family)].family) : nullptr},
             {"rented_from",
              r < plan.runCloudOffers.size() && plan.runCloudOffers[r] >= 0
                  ? nlohmann::json(sc.cloudOffers[static_cast<std::size_t>(plan.runCloudOffers[r])].provider)
                  : nullptr},
             {"first_quarter", run.start.toString()},
             {"last_quarter", sc.firstQuarter.plus(last).toString()},
             {"accelerators", size.accelerators},
             {"weeks", size.weeks},
             {"training_flops", run.statedAsWork() ? nlohmann::json(run.flops()) : nullptr}});
    }
    nlohmann::json quarters = nlohmann::json::array();
    nlohmann::json unserved = nlohmann::json::array(); // forecast demand left unserved: a priced decision
    nlohmann::json binding = nlohmann::json::array();
    nlohmann::json blocked = nlohmann::json::array(); // offers not allowed at a site, and why
    for (const auto& b : blockedOffers(model)) {
        const auto& offer = model.systems[static_cast<std::size_t>(b.offer)];
        blocked.push_back({{"system", offer.sku},
                           {"condition", offer.used ? "used" : "new"},
                           {"site", sc.sites[static_cast<std::size_t>(b.site)].name},
                           {"from_quarter", sc.firstQuarter.plus(b.firstQuarter).toString()},
                           {"quarters", b.quarters},
                           {"reason", b.reason}});
    }
    nlohmann::json review = nlohmann::json::array(); // purchases allowed only because review items are accepted
    for (const auto& p : plan.purchases) {
        if (const auto& note = model.review(p.offer, p.site, p.quarter); !note.empty()) {
            review.push_back({{"quarter", sc.firstQuarter.plus(p.quarter).toString()},
                              {"site", sc.sites[static_cast<std::size_t>(p.site)].name},
                              {"system", model.systems[static_cast<std::size_t>(p.offer)].sku},
                              {"count", p.count},
                              {"review", note}});
        }
    }
    nlohmann::json caps = nlohmann::json::array();
    for (const auto& cap : evaluation.exportCaps) {
        caps.push_back({{"cap", cap.cap}, {"used_tpp", cap.usedTpp}, {"limit_tpp", cap.limitTpp}});
        if (cap.usedTpp >= 0.98 * cap.limitTpp) {
            binding.push_back(
                {{"constraint", "export_cap"}, {"cap", cap.cap}, {"used_share", cap.usedTpp / cap.limitTpp}});
        }
    }
    for (std::size_t t = 0; t < evaluation.quarters.size(); ++t) {
        const auto& k = evaluation.quarters[t];
        nlohmann::json power = nlohmann::json::array();
        for (std::size_t j = 0; j < k.powerMw.size(); ++j) {
            power.push_back({{"site", sc.sites[j].name},
                             {"power_mw", k.powerMw[j]},
                             {"power_available_mw", k.powerAvailableMw[j]},
                             {"capped_units", k.cappedUnits[j]},
                             {"racks", k.racks[j]},
                             {"racks_available", sc.sites[j].racks ? nlohmann::json(*sc.sites[j].racks) : nullptr}});
            if (sc.sites[j].racks && *sc.sites[j].racks > 0 && k.racks[j] >= *sc.sites[j].racks) {
                binding.push_back({{"constraint", "site_racks"},
                                   {"site", sc.sites[j].name},
                                   {"quarter", k.quarter},
                                   {"used_share", double(k.racks[j]) / *sc.sites[j].racks}});
            }
            if (k.powerAvailableMw[j] > 0 && k.powerMw[j] >= 0.98 * k.powerAvailableMw[j]) {
                binding.push_back({{"constraint", "site_power"},
                                   {"site", sc.sites[j].name},
                                   {"quarter", k.quarter},
                                   {"used_share", k.powerMw[j] / k.powerAvailableMw[j]}});
            }
        }
        if (k.trainingUnservedPflops > 0.0) {
            unserved.push_back({{"quarter", k.quarter},
                                {"demand", "training"},
                                {"unserved", k.trainingUnservedPflops},
                                {"unit", "PFLOP/s"},
                                {"of_forecast", k.trainingForecastPflops},
                                {"cost_usd", k.trainingUnservedPflops * model.unservedTrainingUsdPerQuarter()}});
        }
        nlohmann::json inference = nlohmann::json::array(); // one entry per inference class
        for (std::size_t c = 0; c < sc.inferenceClasses.size(); ++c) {
            inference.push_back({{"class", sc.inferenceClasses[c].name},
                                 {"tokens_per_s", k.inferenceTokensPerSecond[c]},
                                 {"demand_tokens_per_s", k.inferenceDemandTokensPerSecond[c]},
                                 {"forecast_tokens_per_s", k.inferenceForecastTokensPerSecond[c]},
                                 {"unserved_tokens_per_s", k.inferenceUnservedTokensPerSecond[c]}});
            if (k.inferenceUnservedTokensPerSecond[c] > 0.0) {
                unserved.push_back({{"quarter", k.quarter},
                                    {"demand", sc.inferenceClasses[c].name},
                                    {"unserved", k.inferenceUnservedTokensPerSecond[c]},
                                    {"unit", "tokens/s"},
                                    {"of_forecast", k.inferenceForecastTokensPerSecond[c]},
                                    {"cost_usd", k.inferenceUnservedTokensPerSecond[c] *
                                                     model.unservedInferenceUsdPerQuarter(static_cast<int>(c))}});
            }
        }
        nlohmann::json shares = nlohmann::json::object();
        for (const auto& [vendor, share] : k.vendorShares) {
            shares[vendor] = share;
        }
        quarters.push_back({{"quarter", k.quarter},
                            {"training_pflops", k.trainingPflops},
                            {"training_demand_pflops", k.trainingDemandPflops},
                            {"training_forecast_pflops", k.trainingForecastPflops},
                            {"training_unserved_pflops", k.trainingUnservedPflops},
                            {"inference", inference},
                            {"capex_usd", k.capexUsd},
                            {"rented_accelerators", k.rentedAccelerators},
                            {"rented_share", k.rentedShare},
                            {"rental_usd", k.rentalUsd},
                            {"sites", power},
                            {"vendor_shares", shares}});
        if (sc.policy.budgetUsdPerQuarter && k.capexUsd >= 0.98 * *sc.policy.budgetUsdPerQuarter) {
            binding.push_back({{"constraint", "quarterly_budget"}, {"quarter", k.quarter}});
        }
    }
    return {{"status", std::string(toString(plan.status))},
            {"status_text", statusText(plan)},
            {"method", plan.method},
            {"objective", model.scenario.policy.objective},
            {"objective_usd", plan.objectiveUsd},
            {"average_peak_pflops", evaluation.averagePeakPflops},
            {"evaluated_cost_usd", evaluation.costUsd},
            {"cost_npv_usd",
             {{"installed_at_start", evaluation.installedValueUsd},
              {"capex", evaluation.capexNpvUsd},
              {"energy", evaluation.energyNpvUsd},
              {"fabric", evaluation.fabricNpvUsd},
              {"maintenance", evaluation.maintenanceNpvUsd},
              {"rental", evaluation.rentalNpvUsd},
              {"unserved", evaluation.unservedNpvUsd},
              {"residual_value", evaluation.residualNpvUsd},
              {"resale", evaluation.resaleNpvUsd}}},
            {"revenue_npv_usd", sc.earnsRevenue() ? nlohmann::json(evaluation.revenueNpvUsd) : nullptr},
            {"margin_npv_usd", sc.earnsRevenue() ? nlohmann::json(evaluation.marginNpvUsd()) : nullptr},
            {"gap", plan.gap},
            {"solve_s", plan.solveSeconds},
            {"build_s", plan.buildSeconds},
            {"model", {{"columns", plan.columns}, {"rows", plan.rows}, {"integer_columns", plan.integerColumns}}},
            {"purchases", purchases},
            {"rentals", rentalsJson(model, plan)},
            {"rented_share", rentedShareJson(sc, evaluation)},
            {"break_even", breakEvenJson(model, plan, catalog)},
            {"blocked_cloud_offers", blockedCloudOffersJson(model)},
            {"offer_prices", prices},
            {"retirements", retirements},
            {"power_build_out", buildOut},
            {"training_runs", runs},
            {"training_clusters", trainingClustersJson(model, plan)},
            {"unserved_demand", unserved},
            {"quarters", quarters},
            {"export_caps", caps},
            {"buyer",
             {{"hq", model.company.hqCountry},
              {"parent_hq", model.company.parentHqCountry},
              {"consignee", model.company.name},
              {"accept_review_items", sc.policy.acceptReviewItems}}},
            {"blocked", blocked},
            {"review_items", review},
            {"binding", binding},
            {"violations", evaluation.violations}};
}

} // namespace

/// `plan FILE [--scenario NAME] [--time-limit S] [--gap G] [--baseline greedy] [--save] [--json]`.
/// --save keeps the plan in the file (replacing that scenario's earlier one), in one transaction.
int runPlan(Arguments args)
{
    const bool json = args.flag("json");
    const bool save = args.flag("save");
    const auto name = args.option("scenario");
    OptimizerOptions options;
    options.timeLimitSeconds = *args.number("time-limit");
    options.relativeGap = *args.number("gap");
    const auto baseline = args.option("baseline");
    const std::string file = args.positional("FILE");
    args.finish();
    if (baseline && *baseline != "greedy") {
        throw UsageError("--baseline must be greedy");
    }
    auto database = core::store::FleetDatabase::open(file);
    const auto& fleet = database.fleet();
    if (fleet.scenarios.empty()) {
        throw core::ValidationError(file + ": no scenarios; add one with import FILE --scenario IN.json");
    }
    const Scenario* scenario = &fleet.scenarios.front();
    if (name) {
        scenario = nullptr;
        for (const auto& s : fleet.scenarios) {
            if (s.name == *name) {
                scenario = &s;
            }
        }
        if (scenario == nullptr) {
            throw core::ValidationError(file + ": no scenario named '" + *name + "'");
        }
    }
    const auto rules = core::compliance::RuleLibrary::loadShipped();
    const auto model = buildPlanModel(*scenario, fleet, rules, core::workload::shippedModelAssumptions());
    const Plan plan = optimize(model, options);
    const Evaluation evaluation = evaluate(model, plan);
    nlohmann::json document = planJson(model, plan, evaluation, fleet.catalog);
    document["scenario"] = scenario->name;
    document["diagnosis"] = plan.diagnosis;
    // Why there is no plan: one family of limits each, the smallest change first (checked: planned again).
    nlohmann::json causes = nlohmann::json::array();
    for (const auto& cause : plan.causes) {
        causes.push_back({{"limit", limitName(cause.limit)},
                          {"cause", cause.cause},
                          {"change", cause.change},
                          {"relative_change", cause.relativeChange},
                          {"checked", cause.checked}});
    }
    document["causes"] = causes;
    // Marginal values of the limits, from the LP relaxation.
    const auto prices = shadowPrices(model, options.timeLimitSeconds);
    document["decisions"] = planDecisions(plan, prices); // what the GUI rebuilds a saved plan from
    nlohmann::json shadow = nlohmann::json::array();
    for (const auto& p : prices) {
        const std::string quarter = p.quarter >= 0 ? model.scenario.firstQuarter.plus(p.quarter).toString() : "";
        nlohmann::json entry = {
            {"constraint", p.constraint}, {"quarter", quarter}, {"value", p.value}, {"unit", p.unit}};
        if (p.site >= 0) {
            entry["site"] = model.scenario.sites[static_cast<std::size_t>(p.site)].name;
        }
        if (p.offer >= 0) {
            const auto& offer = model.systems[static_cast<std::size_t>(p.offer)];
            entry["system"] = offer.sku;
            entry["condition"] = offer.used ? "used" : "new";
        }
        if (p.cloudOffer >= 0) {
            const auto& cloud = model.scenario.cloudOffers[static_cast<std::size_t>(p.cloudOffer)];
            entry["provider"] = cloud.provider;
            entry["region"] = cloud.region;
            entry["sku"] = model.rented[static_cast<std::size_t>(p.cloudOffer)].sku;
        }
        const bool perDollar = p.constraint == "budget";
        const std::string text =
            shadowPriceSubject(model, p) + (perDollar ? " saves $" : " is worth $") +
            core::formatNumber(perDollar ? std::round(p.value * 100.0) / 100.0 : std::round(p.value));
        entry["text"] = text + " (LP relaxation)";
        shadow.push_back(entry);
    }
    document["shadow_prices"] = shadow;
    if (baseline) {
        const Plan greedy = greedyPlan(model);
        const Evaluation e = evaluate(model, greedy);
        document["baseline"] = planJson(model, greedy, e, fleet.catalog);
        if (evaluation.violations.empty() && !plan.purchases.empty() && e.violations.empty()) {
            document["saving_vs_baseline_usd"] = e.costUsd - evaluation.costUsd;
        }
    }
    if (save) {
        core::Fleet fleet = database.fleet();
        const auto inputs = inputFingerprints(fleet, *scenario, rules);
        auto saved = savePlan(*scenario, plan, prices, inputs);
        document["inputs"] = inputFingerprintsToJson(inputs);
        document["saved_at"] = saved.savedAt;
        fleet.keepPlan(std::move(saved));
        database.save(fleet);
    }
    return printDocument(document, json);
}

} // namespace fw::cli
