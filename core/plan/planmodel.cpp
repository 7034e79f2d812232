// SPDX-License-Identifier: Apache-2.0
#include "core/plan/planmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "core/compliance/caps.h"
#include "core/compliance/oracle.h"
#include "core/economics/residual.h"
#include "core/economics/systemprice.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"
#include "core/plan/rentaltreatment.h"
#include "core/workload/calibration.h"
#include "core/workload/serving.h"
#include "core/workload/training.h"

namespace fw::core::plan {
namespace {
constexpr double hoursPerQuarter = 8760.0 / 4.0;
}

std::string_view toString(PlanStatus status)
{
    switch (status) {
    case PlanStatus::Optimal: return "optimal";
    case PlanStatus::Feasible: return "feasible";
    case PlanStatus::Infeasible: return "infeasible";
    case PlanStatus::TimeLimit: return "time_limit";
    case PlanStatus::Cancelled: return "cancelled";
    }
    return "infeasible";
}

void sortFirstStage(FirstStage& first)
{
    std::sort(first.purchases.begin(), first.purchases.end(), [](const Purchase& a, const Purchase& b) {
        return std::tie(a.quarter, a.site, a.offer) < std::tie(b.quarter, b.site, b.offer);
    });
    std::sort(first.power.begin(), first.power.end(), [](const PowerOrder& a, const PowerOrder& b) {
        return std::tie(a.quarter, a.site) < std::tie(b.quarter, b.site);
    });
}

double relativeGap(double objective, double bound)
{
    if (!std::isfinite(bound)) {
        return 1.0;
    }
    return std::abs(objective) > 1e-9 ? std::max(0.0, (objective - bound) / std::abs(objective))
                                      : (bound >= objective - 1e-9 ? 0.0 : 1.0);
}

std::string statusText(const Plan& plan)
{
    if (plan.status == PlanStatus::Infeasible) {
        return "no plan";
    }
    if (plan.method == "greedy") {
        return "greedy baseline, no bound";
    }
    if (plan.status == PlanStatus::Optimal) {
        return "optimal";
    }
    const std::string stop = plan.status == PlanStatus::TimeLimit   ? "time limit, "
                             : plan.status == PlanStatus::Cancelled ? "cancelled, "
                                                                    : "";
    if (plan.gap >= 1.0) {
        return stop + "no bound proven";
    }
    // Two decimals, but never "0.00 %" for a gap that is not closed.
    const double percent = std::max(plan.gap * 100.0, 0.01);
    return stop + "within " + formatNumber(std::round(percent * 100.0) / 100.0) + " % of the best possible";
}

double ServiceFigures::speedupIn(int quarter) const
{
    return speedup.empty() ? 1.0 : speedup[static_cast<std::size_t>(quarter)];
}

double PlanModel::price(int offer, int quarter) const
{
    return offerPriceUsd[static_cast<std::size_t>(offer)][static_cast<std::size_t>(quarter)];
}

double PlanModel::facilityKw(int system, int site) const
{
    return systems[static_cast<std::size_t>(system)].itKw * scenario.sites[static_cast<std::size_t>(site)].pue;
}

double PlanModel::cappedKw(int system, int site) const
{
    return facilityKw(system, site) / (1.0 + scenario.sites[static_cast<std::size_t>(site)].oversubscription);
}

double PlanModel::energyUsdPerKwDrawnQuarter(int site) const
{
    const Site& s = scenario.sites[static_cast<std::size_t>(site)];
    return s.pue * hoursPerQuarter * s.electricityUsdPerKwh;
}

double PlanModel::energyUsdPerItKwQuarter(int site) const
{
    return utilization * energyUsdPerKwDrawnQuarter(site);
}

double PlanModel::idleEnergyCostPerQuarter(int system, int site) const
{
    return systems[static_cast<std::size_t>(system)].itKw * idlePowerShare * energyUsdPerKwDrawnQuarter(site);
}

double PlanModel::busyEnergyCostPerQuarter(int system, int site) const
{
    return systems[static_cast<std::size_t>(system)].itKw * std::max(0.0, utilization - idlePowerShare) *
           energyUsdPerKwDrawnQuarter(site);
}

double PlanModel::cappedEnergySavingPerQuarter(int system, int site) const
{
    const double cap = 1.0 / (1.0 + scenario.sites[static_cast<std::size_t>(site)].oversubscription);
    const double drawn = std::max(utilization, idlePowerShare);
    return systems[static_cast<std::size_t>(system)].itKw * std::max(0.0, drawn - std::max(cap, idlePowerShare)) *
           energyUsdPerKwDrawnQuarter(site);
}

double PlanModel::maintenanceCostPerQuarter(int system) const
{
    return systems[static_cast<std::size_t>(system)].priceUsd * maintenanceSharePerYear / 4.0;
}

double PlanModel::runCostPerQuarter(int system, int site) const
{
    return idleEnergyCostPerQuarter(system, site) + maintenanceCostPerQuarter(system);
}

double PlanModel::unservedTrainingUsdPerQuarter() const
{
    const double forgone = scenario.policy.objective == "max_margin" ? trainingRevenueUsdPerQuarter() : 0.0;
    return scenario.trainingUnservedUsdPerPflopHour.value_or(0.0) * hoursPerQuarter + forgone;
}

double PlanModel::unservedInferenceUsdPerQuarter(int inferenceClass) const
{
    const auto& c = scenario.inferenceClasses[static_cast<std::size_t>(inferenceClass)];
    const double forgone =
        scenario.policy.objective == "max_margin" ? inferenceRevenueUsdPerQuarter(inferenceClass) : 0.0;
    return c.unservedUsdPerMillionTokens.value_or(0.0) * hoursPerQuarter * 3600.0 / 1e6 + forgone;
}

double PlanModel::trainingRevenueUsdPerQuarter() const
{
    return scenario.trainingRevenueUsdPerPflopHour.value_or(0.0) * hoursPerQuarter;
}

double PlanModel::inferenceRevenueUsdPerQuarter(int inferenceClass) const
{
    const auto& c = scenario.inferenceClasses[static_cast<std::size_t>(inferenceClass)];
    return c.revenueUsdPerMillionTokens.value_or(0.0) * hoursPerQuarter * 3600.0 / 1e6;
}

UnitGrid PlanModel::zeroGrid() const
{
    return UnitGrid(static_cast<int>(systems.size()), sites(), quarters());
}

UnitGrid PlanModel::installed(const Plan& plan) const
{
    const int T = quarters();
    UnitGrid units = zeroGrid();
    for (int s = 0; s < units.systems(); ++s) {
        for (int j = 0; j < units.sites(); ++j) {
            for (int t = 0; t < T; ++t) {
                units(s, j, t) = base[static_cast<std::size_t>(s)][static_cast<std::size_t>(j)];
            }
        }
    }
    for (const auto& p : plan.purchases) {
        for (int t = p.quarter + scenario.market[static_cast<std::size_t>(p.offer)].leadQuarters; t < T; ++t) {
            units(p.offer, p.site, t) += p.count;
        }
    }
    for (const auto& r : plan.retirements) {
        for (int t = r.quarter; t < T; ++t) {
            units(r.system, r.site, t) -= r.count;
        }
    }
    return units;
}

double PlanModel::rentalUsdPerAcceleratorQuarter(int k, int quarter) const
{
    return scenario.cloudOffers[static_cast<std::size_t>(k)].usdPerHourIn(quarter) * hoursPerQuarter;
}

double PlanModel::rentalContractNpv(int k, int quarter) const
{
    const auto& offer = scenario.cloudOffers[static_cast<std::size_t>(k)];
    double npv = 0.0;
    for (int tau = quarter; tau < quarter + offer.termQuarters; ++tau) {
        npv += rentalPaymentUsd(k, quarter, tau) * discount(tau);
    }
    return npv;
}

double PlanModel::rentalPaymentUsd(int k, int start, int quarter) const
{
    const auto& offer = scenario.cloudOffers[static_cast<std::size_t>(k)];
    if (quarter < start || quarter >= start + offer.termQuarters) {
        return 0.0;
    }
    if (!offer.prepaid) {
        return rentalUsdPerAcceleratorQuarter(k, quarter);
    }
    if (quarter != start) {
        return 0.0;
    }
    double term = 0.0;
    for (int tau = start; tau < start + offer.termQuarters; ++tau) {
        term += rentalUsdPerAcceleratorQuarter(k, tau);
    }
    return term;
}

int PlanModel::runRentalAccelerators(int k, int run) const
{
    const auto& offer = scenario.cloudOffers[static_cast<std::size_t>(k)];
    const int accelerators = runOnCloud[static_cast<std::size_t>(run)][static_cast<std::size_t>(k)].accelerators;
    const int blocks = (accelerators + offer.blockAccelerators - 1) / offer.blockAccelerators;
    return std::max(blocks * offer.blockAccelerators, offer.minCommitAccelerators);
}

double PlanModel::runRentalNpv(int k, int run) const
{
    double npv = 0.0;
    for (int t = runFirstQuarter(run); t < quarters(); ++t) {
        npv += runRentalPaymentUsd(k, run, t) * discount(t);
    }
    return npv;
}

double PlanModel::runRentalPaymentUsd(int k, int run, int quarter) const
{
    const int first = runFirstQuarter(run);
    if (quarter < first || quarter >= quarters()) {
        return 0.0;
    }
    const double weeksLeft =
        runOnCloud[static_cast<std::size_t>(run)][static_cast<std::size_t>(k)].weeks - 13.0 * (quarter - first);
    const double weeks = std::clamp(weeksLeft, 0.0, 13.0);
    return weeks * 168.0 * scenario.cloudOffers[static_cast<std::size_t>(k)].usdPerHourIn(quarter) *
           runRentalAccelerators(k, run);
}

bool PlanModel::canRentRun(int k, int run) const
{
    const auto& figures = rented[static_cast<std::size_t>(k)];
    if (scenario.cloudOffers[static_cast<std::size_t>(k)].reserved || figures.trainingPflops <= 0.0 ||
        !runOnCloud[static_cast<std::size_t>(run)][static_cast<std::size_t>(k)].possible()) {
        return false;
    }
    for (int t = runFirstQuarter(run); t <= runRentalLastQuarter(run, k); ++t) {
        if (!figures.allowed[static_cast<std::size_t>(t)]) {
            return false;
        }
    }
    return true;
}

int PlanModel::runFirstQuarter(int run) const
{
    return scenario.trainingRuns[static_cast<std::size_t>(run)].firstQuarter(scenario.firstQuarter);
}

int PlanModel::runLastQuarter(int run, int family) const
{
    const auto r = static_cast<std::size_t>(run);
    return scenario.trainingRuns[r].lastQuarter(scenario.firstQuarter, quarters(),
                                                runOnFamily[r][static_cast<std::size_t>(family)].weeks);
}

int PlanModel::runRentalLastQuarter(int run, int k) const
{
    const auto r = static_cast<std::size_t>(run);
    return scenario.trainingRuns[r].lastQuarter(scenario.firstQuarter, quarters(),
                                                runOnCloud[r][static_cast<std::size_t>(k)].weeks);
}

bool PlanModel::runOccupies(int run, int family, int quarter) const
{
    return runFirstQuarter(run) <= quarter && quarter <= runLastQuarter(run, family);
}

bool PlanModel::canHostRun(int run, int family, int site) const
{
    return runOnFamily[static_cast<std::size_t>(run)][static_cast<std::size_t>(family)].possible() &&
           canTrainAt(family, site, runFirstQuarter(run));
}

bool PlanModel::canTrainAt(int family, int site, int quarter) const
{
    for (std::size_t s = 0; s < systems.size(); ++s) {
        if (fabricOf[s] != family || systems[s].trainingPflops <= 0.0) {
            continue;
        }
        if (base[s][static_cast<std::size_t>(site)] > 0) {
            return true;
        }
        const int o = static_cast<int>(s);
        for (int t = 0; o < offers() && t + scenario.market[s].leadQuarters <= quarter; ++t) {
            if (allowed(s, site, t)) {
                return true;
            }
        }
    }
    return false;
}

void PlanModel::resizeRunsInAccelerators()
{
    for (std::size_t r = 0; r < scenario.trainingRuns.size(); ++r) {
        for (auto* sizes : {&runOnFamily[r], &runOnCloud[r]}) {
            for (auto& size : *sizes) {
                if (size.possible() && !scenario.trainingRuns[r].statedAsWork()) {
                    size = {scenario.trainingRuns[r].accelerators, scenario.trainingRuns[r].weeks};
                }
            }
        }
    }
}

RunSize placedRunSize(const PlanModel& model, const Plan& plan, int run)
{
    const auto r = static_cast<std::size_t>(run);
    if (r < plan.runCloudOffers.size() && plan.runCloudOffers[r] >= 0) {
        return model.runOnCloud[r][static_cast<std::size_t>(plan.runCloudOffers[r])];
    }
    if (r < plan.runFamilies.size() && plan.runFamilies[r] >= 0 && plan.runSites[r] >= 0) {
        return model.runOnFamily[r][static_cast<std::size_t>(plan.runFamilies[r])];
    }
    const auto& stated = model.scenario.trainingRuns[r];
    return {stated.accelerators, stated.weeks};
}

double contractedAccelerators(const PlanModel& model, const Plan& plan, int k, int quarter)
{
    const auto& offer = model.scenario.cloudOffers[static_cast<std::size_t>(k)];
    double accelerators = 0.0;
    for (const auto& rental : plan.rentals) {
        if (rental.cloudOffer == k && rental.quarter <= quarter && quarter < rental.quarter + offer.termQuarters) {
            accelerators += static_cast<double>(rental.blocks) * offer.blockAccelerators;
        }
    }
    return accelerators;
}

std::vector<BlockedOffer> blockedOffers(const PlanModel& m)
{
    std::vector<BlockedOffer> blocked;
    for (int o = 0; o < m.offers(); ++o) {
        for (int j = 0; j < m.sites(); ++j) {
            for (int t = 0; t < m.quarters(); ++t) {
                if (m.allowed(o, j, t)) {
                    continue;
                }
                const bool continues = !blocked.empty() && blocked.back().offer == o && blocked.back().site == j &&
                                       blocked.back().firstQuarter + blocked.back().quarters == t &&
                                       blocked.back().reason == m.reason(o, j, t);
                if (!continues) {
                    blocked.push_back({o, j, t, 0, m.reason(o, j, t)});
                }
                ++blocked.back().quarters;
            }
        }
    }
    return blocked;
}

std::vector<BlockedCloudOffer> blockedCloudOffers(const PlanModel& m)
{
    std::vector<BlockedCloudOffer> blocked;
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const auto& figures = m.rented[static_cast<std::size_t>(k)];
        for (int t = 0; t < m.quarters(); ++t) {
            const auto q = static_cast<std::size_t>(t);
            if (figures.allowed[q]) {
                continue;
            }
            const bool continues = !blocked.empty() && blocked.back().cloudOffer == k &&
                                   blocked.back().firstQuarter + blocked.back().quarters == t &&
                                   blocked.back().reason == figures.reason[q];
            if (!continues) {
                blocked.push_back({k, t, 0, figures.reason[q], figures.screening[q]});
            }
            ++blocked.back().quarters;
        }
    }
    return blocked;
}

int PlanModel::racksFor(int system, int site, double units) const
{
    const int perRack = std::max(1, unitsPerRack[static_cast<std::size_t>(system)][static_cast<std::size_t>(site)]);
    return static_cast<int>(std::ceil(units / perRack - 1e-9));
}

double PlanModel::discount(int quarter) const
{
    return 1.0 / std::pow(1.0 + scenario.discountRatePerYear, quarter / 4.0);
}

namespace {

/// Units of `system` one rack at `site` holds: by height and by IT kW, whichever is fewer.
int unitsPerRack(const SystemFigures& system, const Site& site)
{
    const bool fitsKw = !site.maxKwPerRack || system.itKw <= *site.maxKwPerRack + 1e-9;
    if (system.wholeRack) {
        return fitsKw ? 1 : 0;
    }
    int units = std::numeric_limits<int>::max();
    if (system.rackUnits && *system.rackUnits > 0) {
        units = site.unitsPerRack / *system.rackUnits;
    }
    if (site.maxKwPerRack && system.itKw > 0.0) {
        units = std::min(units, static_cast<int>(std::floor(*site.maxKwPerRack / system.itKw + 1e-9)));
    }
    return units == std::numeric_limits<int>::max() ? 1 : units;
}

/// The cap `id` of the rule stack in force on `date`.
const compliance::Cap& findCap(const compliance::RuleLibrary& rules, Date date, const std::string& id)
{
    for (const compliance::RuleSet* set : rules.stackAt(date).layers()) {
        for (const auto& cap : set->caps) {
            if (cap.id == id) {
                return cap;
            }
        }
    }
    throw ValidationError("export-control cap '" + id + "' is not in the rules in force on " + date.toString());
}

/// Why a unit of `system` fits no rack at `site`.
std::string rackMisfit(const SystemFigures& system, const Site& site)
{
    if (site.maxKwPerRack && system.itKw > *site.maxKwPerRack + 1e-9) {
        return "draws " + formatNumber(system.itKw) + " kW, more than the " + formatNumber(*site.maxKwPerRack) +
               " kW a rack at " + site.name + " takes";
    }
    return "is " + std::to_string(system.rackUnits.value_or(0)) + " U, more than the " +
           std::to_string(site.unitsPerRack) + " U of a rack at " + site.name;
}

} // namespace

std::string offerLabel(const SystemFigures& system)
{
    return system.used ? system.sku + " (used, " + formatNumber(system.ageYears) + " y)" : system.sku;
}

double PlanModel::builtMw(const Plan& plan, int site, int quarter) const
{
    if (plan.buildOutMw.empty()) {
        return 0.0;
    }
    double mw = 0.0;
    const auto& ordered = plan.buildOutMw[static_cast<std::size_t>(site)];
    for (int t = 0; t + scenario.sites[static_cast<std::size_t>(site)].buildOutLeadQuarters <= quarter; ++t) {
        mw += ordered[static_cast<std::size_t>(t)];
    }
    return mw;
}

double PlanModel::resaleUsd(int system, int site, int quarter) const
{
    return resale(system, site, quarter);
}

double PlanModel::saleProceedsUsd(int system, int site, int quarter) const
{
    return resaleUsd(system, site, quarter) * (1.0 - scenario.policy.resaleCostShare);
}

double PlanModel::residualShare(int system, int quarter) const
{
    const double yearsHeld = (scenario.quarters - quarter) / 4.0;
    const SystemFigures& f = systems[static_cast<std::size_t>(system)];
    const double scale = f.residualValueScale.empty() ? 1.0 : f.residualValueScale[static_cast<std::size_t>(quarter)];
    return scale * std::exp(-f.residualLossPerYear * yearsHeld);
}

workload::ServedModel servedModelOf(const InferenceClass& c)
{
    workload::ServedModel m;
    m.name = c.model.empty() ? c.name : c.model;
    m.parameters = c.parameters;
    m.activeParameters = c.activeParameters;
    m.bytesPerParameter = c.bytesPerParameter;
    m.kvBytesPerToken = c.kvBytesPerToken;
    m.kvHeads = c.kvHeads;
    m.layers = c.layers;
    m.hiddenSize = c.hiddenSize;
    m.attentionFlopsPerContextToken = c.attentionFlopsPerContextToken;
    m.prefillAttentionFlopsPerContextToken = c.prefillAttentionFlopsPerContextToken;
    // Engines keep an FP8 KV cache beside FP8 or FP4 weights: attention runs in it.
    m.attentionPrecision = c.bytesPerParameter < 2.0 ? catalog::Precision::Fp8 : catalog::Precision::Bf16;
    m.experts = c.experts;
    m.expertsPerToken = c.expertsPerToken;
    // Routing groups and attention projections come from the served-model library, where the class
    // names a model of it with the library's experts.
    if (!c.model.empty()) {
        const auto& library = workload::findServedModel(workload::shippedServedModels(), c.model).shape;
        if (library.experts == m.experts && library.expertsPerToken == m.expertsPerToken) {
            m.expertGroups = library.expertGroups;
            m.expertGroupsPerToken = library.expertGroupsPerToken;
        }
        if (library.active() == m.active()) {
            m.attentionParameters = library.attentionParameters;
        }
    }
    return workload::withDerivedShape(m);
}

workload::ServingTraffic servingTrafficOf(const InferenceClass& c)
{
    workload::ServingTraffic t;
    t.inputTokens = c.inputTokens;
    t.outputTokens = c.outputTokens;
    t.tokensPerSecondPerUser = c.tokensPerSecondPerUser;
    t.timeToFirstTokenS = c.timeToFirstTokenS;
    t.prefixCacheHit = c.prefixCacheHit;
    t.draftTokens = c.draftTokens;
    t.draftAcceptance = c.draftAcceptance;
    t.disaggregated = c.disaggregated;
    return t;
}

Company buyerOf(const Scenario& scenario, const Company& fleetCompany)
{
    Company buyer = fleetCompany;
    const auto replace = [](std::string& field, const std::string& value) {
        if (!value.empty()) {
            field = value;
        }
    };
    replace(buyer.hqCountry, scenario.buyer.hqCountry);
    replace(buyer.parentHqCountry, scenario.buyer.parentHqCountry);
    replace(buyer.name, scenario.buyer.consignee);
    return buyer;
}

PlanModel buildPlanModel(const Scenario& scenario, const Fleet& fleet, const compliance::RuleLibrary& rules,
                         const workload::ModelAssumptions& assumptions)
{
    PlanModel m;
    m.scenario = scenario;
    m.utilization = assumptions.value("utilization").value;
    m.idlePowerShare = assumptions.value("idle_power_share").value;
    m.maintenanceSharePerYear = assumptions.value("maintenance_share_per_year").value;
    m.company = buyerOf(scenario, fleet.company);
    const auto& catalog = fleet.catalog;
    const auto serving = workload::servingConstants(assumptions);
    // Each class's model, built once. One that cannot exist (fewer active parameters than its chosen
    // experts hold) is the scenario's error, named here; a system that cannot serve a sound model
    // brings it 0 tokens/s.
    std::vector<std::optional<workload::ServedModel>> classModels;
    for (std::size_t k = 0; k < scenario.inferenceClasses.size(); ++k) {
        const InferenceClass& c = scenario.inferenceClasses[k];
        try {
            classModels.push_back(c.parameters > 0 ? std::optional(servedModelOf(c)) : std::nullopt);
        } catch (const ValidationError& e) {
            throw ValidationError("scenario '" + scenario.name + "' inference_classes[" + std::to_string(k) +
                                  "]: " + e.what());
        }
    }
    const auto figures = [&](const std::string& sku, std::optional<double> price, const std::string& where) {
        const catalog::System* system = catalog.findSystem(sku);
        if (system == nullptr) {
            throw ValidationError("scenario '" + scenario.name + "' " + where + ": unknown system '" + sku + "'");
        }
        const catalog::Accelerator& a = *catalog.findAccelerator(system->acceleratorSku);
        SystemFigures f;
        f.sku = system->sku;
        f.vendor = a.vendor.value_or("unknown");
        f.accelerators = system->acceleratorsPerSystem;
        const double peak = a.bf16 ? units::inTeraflops(*a.bf16) / 1000.0 : 0.0;
        f.peakPflops = peak * f.accelerators;
        // Sustained training counts at a reference cluster size (named runs are sized per family).
        const int cluster = static_cast<int>(assumptions.value("planning_training_cluster_accelerators").value);
        f.trainingPflops = workload::sustainedFlopsPerAccelerator(a, catalog::Precision::Bf16, cluster, assumptions) /
                           1e15 * f.accelerators;
        for (std::size_t k = 0; k < scenario.inferenceClasses.size(); ++k) {
            // The throughput–interactivity curve read at the class's speed per user; 0: cannot serve
            // it (no layout reaches the speed or holds the model, or a figure is missing).
            double tokens = 0.0;
            if (const auto& model = classModels[k]) {
                try {
                    const auto point = workload::servingPoint(*model, servingTrafficOf(scenario.inferenceClasses[k]),
                                                              workload::servingChip(a, *model), serving);
                    tokens = point ? point->tokensPerSecondPerAccelerator * f.accelerators : 0.0;
                } catch (const ValidationError&) {
                    tokens = 0.0;
                }
            }
            f.inferenceTokensPerSecond.push_back(tokens);
        }
        const auto residual = economics::residualShare(a, 1.0, assumptions);
        f.residualLossPerYear = residual.lossPerYear;
        f.residualBasis = residual.basis;
        f.itKw =
            facility::powerPerAccelerator(*system, a, assumptions.value("network_storage_share").value, assumptions)
                .itWatts *
            f.accelerators / 1000.0;
        if (price) {
            f.priceUsd = *price;
            f.priceBasis = "scenario price";
        } else {
            try {
                const auto full = economics::fullSystemPrice(*system, assumptions);
                f.priceUsd = full.usd;
                f.priceBasis = full.basis;
            } catch (const ValidationError& e) {
                throw ValidationError("scenario '" + scenario.name + "' " + where + ": " + e.what() +
                                      "; give the offer a full-system price_usd");
            }
        }
        f.needsLiquid = system->cooling == catalog::Cooling::Liquid;
        f.rackUnits = system->rackUnits;
        f.wholeRack = system->wholeRack;
        return f;
    };
    for (std::size_t o = 0; o < scenario.market.size(); ++o) {
        m.systems.push_back(
            figures(scenario.market[o].system, scenario.market[o].priceIn(0), "market[" + std::to_string(o) + "]"));
        m.systems.back().used = scenario.market[o].used;
        m.systems.back().ageYears = scenario.market[o].ageYears;
        m.offerPriceUsd.emplace_back();
        for (int t = 0; t < scenario.quarters; ++t) {
            m.offerPriceUsd.back().push_back(scenario.market[o].priceIn(t).value_or(m.systems.back().priceUsd));
        }
    }
    m.base.assign(m.systems.size(), std::vector<int>(scenario.sites.size(), 0));
    const auto addFamily = [&](SystemFigures& figures) {
        // One fabric per catalog system; a unit draws its share of a two-tier fabric.
        const auto index =
            static_cast<std::size_t>(std::find_if(m.fabrics.begin(), m.fabrics.end(),
                                                  [&](const FamilyFabric& f) { return f.family == figures.sku; }) -
                                     m.fabrics.begin());
        if (index == m.fabrics.size()) {
            m.fabrics.push_back(familyFabric(*catalog.findSystem(figures.sku), catalog));
        }
        m.fabricOf.push_back(static_cast<int>(index));
        if (m.fabrics[index].priced) {
            figures.itKw += m.fabrics[index].twoTier.wattsPerAccelerator * figures.accelerators / 1000.0;
        }
    };
    for (auto& figures : m.systems) {
        addFamily(figures);
    }
    const auto resaleCurve = [&](const InstalledSystems& row, const SystemFigures& system) {
        // The one used-price curve (economics::residualShare, as for units the plan buys): from the
        // stated resale value, or from the new price (the register's, else the system's full-system
        // price) at the row's age, falling by the system's yearly loss each quarter after.
        const double loss = system.residualLossPerYear;
        const double start =
            row.resaleUsd.value_or(row.priceUsd.value_or(system.priceUsd) * std::exp(-loss * row.ageYears));
        std::vector<double> curve;
        for (int t = 0; t <= scenario.quarters; ++t) {
            curve.push_back(start * std::exp(-loss * t / 4.0));
        }
        return curve;
    };
    std::vector<std::vector<std::vector<double>>> resaleTotal; // [system][site][t], summed over units
    for (std::size_t i = 0; i < scenario.installed.size(); ++i) {
        const auto& inst = scenario.installed[i];
        const catalog::System* system = catalog.findSystem(inst.system);
        int index = -1;
        for (std::size_t s = 0; s < m.systems.size(); ++s) {
            // Installed systems count as a new offer of the same SKU (never a used one: the price
            // and age of a secondhand offer are not those of the fleet already running).
            if (index < 0 && system != nullptr && m.systems[s].sku == system->sku && !m.systems[s].used) {
                index = static_cast<int>(s);
            }
        }
        if (index < 0) {
            const catalog::System* known = catalog.findSystem(inst.system);
            m.systems.push_back(figures(inst.system, known && known->price ? std::nullopt : std::optional<double>(0.0),
                                        "installed[" + std::to_string(i) + "]"));
            m.base.emplace_back(scenario.sites.size(), 0);
            addFamily(m.systems.back());
            index = static_cast<int>(m.systems.size()) - 1;
        }
        resaleTotal.resize(m.systems.size(), std::vector<std::vector<double>>(
                                                 scenario.sites.size(),
                                                 std::vector<double>(static_cast<std::size_t>(scenario.quarters) + 1)));
        const auto curve = resaleCurve(inst, m.systems[static_cast<std::size_t>(index)]);
        for (std::size_t j = 0; j < scenario.sites.size(); ++j) {
            if (scenario.sites[j].name == inst.site) {
                m.base[static_cast<std::size_t>(index)][j] += inst.count;
                for (std::size_t t = 0; t < curve.size(); ++t) {
                    resaleTotal[static_cast<std::size_t>(index)][j][t] += inst.count * curve[t];
                }
            }
        }
    }
    resaleTotal.resize(m.systems.size(), std::vector<std::vector<double>>(
                                             scenario.sites.size(),
                                             std::vector<double>(static_cast<std::size_t>(scenario.quarters) + 1)));
    for (const auto& run : scenario.trainingRuns) { // each named run as one cluster of each family,
        // offered or installed only (every family is known by now)
        auto& sizes = m.runOnFamily.emplace_back();
        for (const auto& fabric : m.fabrics) {
            const catalog::System& system = *catalog.findSystem(fabric.family);
            sizes.push_back(runSizeOn(run, *catalog.findAccelerator(system.acceleratorSku), assumptions));
        }
    }
    m.resale = Grid<double>(static_cast<int>(m.systems.size()), m.sites(), scenario.quarters + 1);
    for (std::size_t s = 0; s < m.systems.size(); ++s) {
        for (std::size_t j = 0; j < scenario.sites.size(); ++j) {
            for (std::size_t t = 0; t <= static_cast<std::size_t>(scenario.quarters); ++t) {
                m.resale(static_cast<int>(s), static_cast<int>(j), static_cast<int>(t)) =
                    m.base[s][j] > 0 ? resaleTotal[s][j][t] / m.base[s][j] : 0.0;
            }
        }
    }
    const auto appetite = scenario.policy.licenceAppetite == "case_by_case" ? compliance::LicenceAppetite::CaseByCase
                          : scenario.policy.licenceAppetite == "presumption_of_approval"
                              ? compliance::LicenceAppetite::PresumptionOfApproval
                              : compliance::LicenceAppetite::None;
    for (const auto& system : m.systems) {
        m.unitsPerRack.emplace_back();
        for (const auto& site : scenario.sites) {
            m.unitsPerRack.back().push_back(unitsPerRack(system, site));
        }
    }
    compliance::ComplianceOracle oracle(rules, catalog, appetite, scenario.policy.acceptReviewItems);
    const compliance::CompanyProfile company{m.company.hqCountry, m.company.parentHqCountry};
    const int offers = static_cast<int>(scenario.market.size());
    m.allowed = Grid<bool>(offers, m.sites(), scenario.quarters, false);
    m.reason = Grid<std::string>(offers, m.sites(), scenario.quarters);
    m.review = m.reason;
    m.eccn.assign(scenario.market.size(), std::vector<std::string>(static_cast<std::size_t>(scenario.quarters)));
    m.capShares = Grid<std::vector<ExportCapShare>>(offers, m.sites(), scenario.quarters);
    for (std::size_t o = 0; o < scenario.market.size(); ++o) {
        for (std::size_t j = 0; j < scenario.sites.size(); ++j) {
            for (int t = 0; t < scenario.quarters; ++t) {
                // "latest": the rules in force in each quarter; an id: that rule set's stack throughout.
                const Date date = scenario.policy.rules == "latest" ? scenario.firstQuarter.plus(t).firstDay()
                                                                    : rules.stackFor(scenario.policy.rules).date;
                const auto& answer =
                    oracle.query(scenario.market[o].system, scenario.sites[j].country, company, date, m.company.name);
                m.eccn[o][static_cast<std::size_t>(t)] = answer.eccn;
                m.systems[o].tppPerUnit = answer.tppPerUnit;
                if (answer.feasible) {
                    // Per-year allowances run by the year of purchase, also under a fixed rule set.
                    const Date bought = scenario.firstQuarter.plus(t).firstDay();
                    for (const auto& share : answer.caps) {
                        const compliance::Cap& cap = findCap(rules, date, share.capId);
                        m.capShares(static_cast<int>(o), static_cast<int>(j), t)
                            .push_back({share.capId + " (" +
                                            compliance::capKey(cap, m.company.name, scenario.sites[j].country, bought) +
                                            ")",
                                        share.tppPerUnit, share.limitTpp});
                    }
                }
                const bool cooling = !m.systems[o].needsLiquid || scenario.sites[j].liquidCooling;
                const bool racks = m.unitsPerRack[o][j] > 0;
                const auto& excluded = scenario.policy.excludedVendors;
                const bool vendor = std::find(excluded.begin(), excluded.end(), m.systems[o].vendor) == excluded.end();
                m.allowed(static_cast<int>(o), static_cast<int>(j), t) = answer.feasible && cooling && racks && vendor;
                m.reason(static_cast<int>(o), static_cast<int>(j), t) =
                    !vendor           ? "vendor excluded by policy"
                    : !cooling        ? "needs liquid cooling"
                    : !racks          ? rackMisfit(m.systems[o], scenario.sites[j])
                    : answer.feasible ? ""
                    : answer.blockedForReview
                        ? answer.reason
                        : std::string(compliance::toString(answer.treatment)) + " (" + answer.reason + ")";
                if (answer.feasible && answer.needsReview) {
                    m.review(static_cast<int>(o), static_cast<int>(j), t) = answer.reviewNote;
                }
            }
        }
    }
    // Cloud offers: the figures of one accelerator of the catalog system rented, and the treatment
    // of renting it each quarter. Providers are screened only when there are offers (the list is a file).
    const auto parties = scenario.cloudOffers.empty() ? compliance::RestrictedPartyList{}
                                                      : compliance::screeningListFor(scenario.policy.restrictedParties);
    m.runOnCloud.assign(scenario.trainingRuns.size(), {});
    for (std::size_t k = 0; k < scenario.cloudOffers.size(); ++k) {
        const CloudOffer& offer = scenario.cloudOffers[k];
        const std::string where = "cloud_offers[" + std::to_string(k) + "].sku";
        const catalog::System* system = catalog.findSystem(offer.sku);
        for (std::size_t i = 0; system == nullptr && i < catalog.systems.size(); ++i) {
            const auto* accelerator = catalog.findAccelerator(offer.sku);
            if (accelerator != nullptr && catalog.systems[i].acceleratorSku == accelerator->sku) {
                system = &catalog.systems[i];
            }
        }
        if (system == nullptr) {
            throw ValidationError("scenario '" + scenario.name + "' " + where + ": \"" + offer.sku +
                                  "\" is neither a system nor an accelerator of the catalog");
        }
        const SystemFigures whole = figures(system->sku, 0.0, where);
        RentedFigures r;
        r.sku = whole.sku;
        r.accelerator = system->acceleratorSku;
        r.vendor = whole.vendor;
        const double each = 1.0 / std::max(1, whole.accelerators);
        r.trainingPflops = whole.trainingPflops * each;
        r.peakPflops = whole.peakPflops * each;
        for (const double tokens : whole.inferenceTokensPerSecond) {
            r.inferenceTokensPerSecond.push_back(tokens * each);
        }
        for (int t = 0; t < scenario.quarters; ++t) {
            const Date date = scenario.policy.rules == "latest" ? scenario.firstQuarter.plus(t).firstDay()
                                                                : rules.stackFor(scenario.policy.rules).date;
            const auto treatment = rentalTreatment(offer, system->sku, company, date, rules, oracle, parties,
                                                   scenario.policy.acceptReviewItems);
            r.allowed.push_back(treatment.allowed);
            r.screening.push_back(treatment.screening);
            r.reason.push_back(treatment.reason);
            r.treatment.push_back(treatment.treatment);
            r.warning.push_back(treatment.warning);
            r.eccn.push_back(treatment.eccn);
        }
        m.rented.push_back(std::move(r));
        const catalog::Accelerator& chip = *catalog.findAccelerator(system->acceleratorSku);
        for (std::size_t run = 0; run < scenario.trainingRuns.size(); ++run) {
            m.runOnCloud[run].push_back(runSizeOn(scenario.trainingRuns[run], chip, assumptions));
        }
    }
    // One limit per running total, whichever quarter's rules named it: the tightest.
    std::map<std::string, double> tightest;
    for (const auto& shares : m.capShares.cells()) {
        for (const auto& share : shares) {
            const auto [it, inserted] = tightest.emplace(share.cap, share.limitTpp);
            it->second = std::min(it->second, share.limitTpp);
        }
    }
    for (auto& shares : m.capShares.cells()) {
        for (auto& share : shares) {
            share.limitTpp = tightest.at(share.cap);
        }
    }
    return m;
}

} // namespace fw::core::plan
