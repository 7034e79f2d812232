// SPDX-License-Identifier: Apache-2.0
#include "core/plan/evaluator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/numbertext.h"
#include "core/plan/planfabric.h"

namespace fw::core::plan {
namespace {

bool exceeds(double value, double limit)
{
    return value > limit + 1e-6 * std::max(1.0, std::abs(limit));
}

/// Demand (of `total`, `forecast` of it forecast) that `served` capacity leaves unserved, each unit
/// of demand needing `need` units of capacity: at most the forecast (the contracted rest is a
/// violation, reported on its own).
double unserved(double total, double forecast, double served, double need)
{
    const double left = std::clamp((total * need - served) / need, 0.0, forecast);
    return left > 1e-9 * std::max(1.0, total) ? left : 0.0; // not the solver's rounding
}

/// What a plan's rented capacity brings each quarter: sustained PFLOP/s, tokens/s per class, dense peak.
struct RentedService {
    std::vector<double> trainingPflops;               ///< [quarter]
    std::vector<std::vector<double>> tokensPerSecond; ///< [quarter][class]
    std::vector<double> peakPflops;                   ///< [quarter]
    std::vector<double> accelerators;                 ///< [quarter]: under contract or billed for runs
    std::vector<double> usd; ///< [quarter]: rent paid then (PlanModel::rentalPaymentUsd, runRentalPaymentUsd)
    /// [quarter]: vendor → dense peak of the accelerators under contract or billed for runs, PFLOP/s
    /// (counted in the vendor shares with the installed units).
    std::vector<std::map<std::string, double>> vendorPeak;
};

/// A value of a [cloud offer][quarter] grid of the plan; 0 where the plan has none.
double cell(const std::vector<std::vector<double>>& grid, int k, int t)
{
    const auto row = static_cast<std::size_t>(k);
    return row < grid.size() && static_cast<std::size_t>(t) < grid[row].size() ? grid[row][static_cast<std::size_t>(t)]
                                                                               : 0.0;
}

/// Re-checks the plan's rentals (allowed every quarter of each contract's term, whole blocks at
/// least the minimum commitment, within the accelerators available, use within the contracted) and
/// prices them into `e` (rentalNpvUsd, each quarter's rent and rented accelerators).
RentedService checkRentals(const PlanModel& m, const Plan& plan, Evaluation& e)
{
    const auto& sc = m.scenario;
    const int T = m.quarters();
    const int C = m.inferenceClasses();
    RentedService service{std::vector<double>(static_cast<std::size_t>(T), 0.0),
                          std::vector<std::vector<double>>(static_cast<std::size_t>(T),
                                                           std::vector<double>(static_cast<std::size_t>(C), 0.0)),
                          std::vector<double>(static_cast<std::size_t>(T), 0.0),
                          std::vector<double>(static_cast<std::size_t>(T), 0.0),
                          std::vector<double>(static_cast<std::size_t>(T), 0.0),
                          std::vector<std::map<std::string, double>>(static_cast<std::size_t>(T))};
    std::vector<std::vector<double>> billed(static_cast<std::size_t>(m.cloudOffers()),
                                            std::vector<double>(static_cast<std::size_t>(T), 0.0));
    for (const auto& r : plan.rentals) {
        const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(r.cloudOffer)];
        const auto& figures = m.rented[static_cast<std::size_t>(r.cloudOffer)];
        const std::string where = offer.provider + " " + offer.sku + " in " + offer.region + " from " +
                                  sc.firstQuarter.plus(r.quarter).toString();
        if (r.blocks < 0) {
            e.violations.push_back(where + ": negative rental " + std::to_string(r.blocks));
        }
        const double accelerators = static_cast<double>(r.blocks) * offer.blockAccelerators;
        if (r.blocks > 0 && accelerators < offer.minCommitAccelerators) {
            e.violations.push_back(where + ": " + formatNumber(accelerators) + " accelerators, below the minimum of " +
                                   std::to_string(offer.minCommitAccelerators));
        }
        e.rentalNpvUsd += accelerators * m.rentalContractNpv(r.cloudOffer, r.quarter);
        for (int t = r.quarter; t < std::min(T, r.quarter + offer.termQuarters); ++t) {
            if (!figures.allowed[static_cast<std::size_t>(t)]) {
                e.violations.push_back(where + ": not allowed in " + sc.firstQuarter.plus(t).toString() + " (" +
                                       figures.reason[static_cast<std::size_t>(t)] + ")");
            }
            billed[static_cast<std::size_t>(r.cloudOffer)][static_cast<std::size_t>(t)] += accelerators;
            service.usd[static_cast<std::size_t>(t)] += accelerators * m.rentalPaymentUsd(r.cloudOffer, r.quarter, t);
        }
    }
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const auto& figures = m.rented[static_cast<std::size_t>(k)];
        const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(k)];
        for (int t = 0; t < T; ++t) {
            const double contracted = billed[static_cast<std::size_t>(k)][static_cast<std::size_t>(t)];
            const double training = cell(plan.rentedTraining, k, t);
            double inUse = training;
            for (int c = 0; c < C; ++c) {
                const double serving = static_cast<std::size_t>(c) < plan.rentedInference.size()
                                           ? cell(plan.rentedInference[c], k, t)
                                           : 0.0;
                inUse += serving;
                service.tokensPerSecond[static_cast<std::size_t>(t)][static_cast<std::size_t>(c)] +=
                    serving * figures.tokensPerSecondIn(c, t);
                if (serving < -1e-9 ||
                    (serving > 1e-9 && figures.inferenceTokensPerSecond[static_cast<std::size_t>(c)] <= 0.0)) {
                    e.violations.push_back(offer.provider + " " + offer.sku + " in " +
                                           sc.firstQuarter.plus(t).toString() + ": serves " +
                                           sc.inferenceClasses[static_cast<std::size_t>(c)].name + " with " +
                                           formatNumber(serving) + " rented accelerators, which it cannot");
                }
            }
            service.trainingPflops[static_cast<std::size_t>(t)] += training * figures.trainingPflopsIn(t);
            service.peakPflops[static_cast<std::size_t>(t)] += contracted * figures.peakPflops;
            if (training < -1e-9 || exceeds(inUse, contracted)) {
                e.violations.push_back(offer.provider + " " + offer.sku + " in " + sc.firstQuarter.plus(t).toString() +
                                       ": " + formatNumber(inUse) + " rented accelerators in use, " +
                                       formatNumber(contracted) + " contracted");
            }
        }
    }
    for (std::size_t r = 0; r < plan.runCloudOffers.size() && r < sc.trainingRuns.size(); ++r) {
        const int k = plan.runCloudOffers[r];
        if (k < 0) {
            continue;
        }
        const auto& run = sc.trainingRuns[r];
        if (k >= m.cloudOffers() || !m.canRentRun(k, static_cast<int>(r))) {
            e.violations.push_back("named run " + run.name +
                                   " is rented where it cannot be (an on-demand offer, "
                                   "allowed every quarter it runs, of a training-capable SKU)");
            continue;
        }
        e.rentalNpvUsd += m.runRentalNpv(k, static_cast<int>(r));
        for (int t = m.runFirstQuarter(static_cast<int>(r)); t <= m.runRentalLastQuarter(static_cast<int>(r), k); ++t) {
            billed[static_cast<std::size_t>(k)][static_cast<std::size_t>(t)] +=
                m.runRentalAccelerators(k, static_cast<int>(r));
            service.usd[static_cast<std::size_t>(t)] += m.runRentalPaymentUsd(k, static_cast<int>(r), t);
        }
    }
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(k)];
        for (int t = 0; t < T; ++t) {
            const double rented = billed[static_cast<std::size_t>(k)][static_cast<std::size_t>(t)];
            service.accelerators[static_cast<std::size_t>(t)] += rented;
            const auto& figures = m.rented[static_cast<std::size_t>(k)];
            if (rented > 0.0) {
                service.vendorPeak[static_cast<std::size_t>(t)][figures.vendor] += rented * figures.peakPflops;
            }
            if (exceeds(rented, offer.availableIn(t))) {
                e.violations.push_back(offer.provider + " " + offer.sku + " in " + sc.firstQuarter.plus(t).toString() +
                                       ": " + formatNumber(rented) + " accelerators rented, " +
                                       std::to_string(offer.availableIn(t)) + " available");
            }
        }
    }
    return service;
}

/// Accelerators per (family, site, quarter) the named runs placed at sites need.
using ClusterNeeds = std::map<std::tuple<int, int, int>, double>;

/// The accelerators each training cluster (one system family at one site) must hold for the named
/// runs the plan places on it, from the scenario and the placement alone. A run at no site and rented
/// from no cloud offer, at a site but on no one family (or one that cannot take it), or both at a
/// site and rented is a violation.
ClusterNeeds clusterNeeds(const PlanModel& m, const Plan& plan, Evaluation& e)
{
    const auto& sc = m.scenario;
    ClusterNeeds need;
    for (std::size_t r = 0; r < sc.trainingRuns.size(); ++r) {
        const auto& run = sc.trainingRuns[r];
        const int site = r < plan.runSites.size() ? plan.runSites[r] : -1;
        const int family = r < plan.runFamilies.size() ? plan.runFamilies[r] : -1;
        const bool rented = r < plan.runCloudOffers.size() && plan.runCloudOffers[r] >= 0;
        if (rented && site >= 0) {
            e.violations.push_back("named run " + run.name + " is both at a site and rented");
        }
        if (rented) {
            continue; // checked with the rentals
        }
        if (site < 0 || site >= m.sites()) {
            e.violations.push_back("named run " + run.name + " is not placed at a site");
            continue;
        }
        if (family < 0 || family >= m.families() || !m.runOnFamily[r][static_cast<std::size_t>(family)].possible()) {
            e.violations.push_back("named run " + run.name + " at " + sc.sites[static_cast<std::size_t>(site)].name +
                                   " is not served by one system family that can take it");
            continue;
        }
        const int index = static_cast<int>(r);
        for (int t = m.runFirstQuarter(index); t <= m.runLastQuarter(index, family); ++t) {
            need[{family, site, t}] += m.runOnFamily[r][static_cast<std::size_t>(family)].accelerators;
        }
    }
    return need;
}

/// Each training cluster at site j in quarter t against the accelerators of its own family the plan
/// reserves there: a run split over families or sites leaves its cluster short.
void checkClusters(const PlanModel& m, const Plan& plan, const ClusterNeeds& need, int j, int t, Evaluation& e)
{
    for (int f = 0; f < m.families(); ++f) {
        const auto it = need.find({f, j, t});
        if (it == need.end()) {
            continue;
        }
        double reserved = 0.0;
        for (std::size_t s = 0; s < m.systems.size() && !plan.reserved.empty(); ++s) {
            if (m.fabricOf[s] == f) {
                reserved += plan.reserved(s, j, t) * m.systems[s].accelerators;
            }
        }
        if (exceeds(it->second, reserved)) {
            e.violations.push_back("named runs on " + m.fabrics[static_cast<std::size_t>(f)].family + " at " +
                                   m.scenario.sites[static_cast<std::size_t>(j)].name + " in " +
                                   m.scenario.firstQuarter.plus(t).toString() + " need " + formatNumber(it->second) +
                                   " accelerators of that family, " + formatNumber(reserved) + " reserved");
        }
    }
}

/// The most sustained training one cluster (one system family at one site) or one cloud offer gives
/// in quarter t, PFLOP/s, and where: the most the quarter's largest training job can have.
std::pair<double, std::string> largestTrainingCluster(const PlanModel& m, const Plan& plan, int t)
{
    const auto& sc = m.scenario;
    const auto q = static_cast<std::size_t>(t);
    std::pair<double, std::string> best{0.0, "none"};
    for (int f = 0; f < m.families(); ++f) {
        for (int j = 0; j < m.sites(); ++j) {
            double pflops = 0.0;
            for (std::size_t s = 0; s < m.systems.size() && !plan.training.empty(); ++s) {
                if (m.fabricOf[s] == f) {
                    pflops += plan.training(s, j, q) * m.systems[s].trainingPflopsIn(t);
                }
            }
            if (pflops > best.first) {
                best = {pflops, m.fabrics[static_cast<std::size_t>(f)].family + " at " +
                                    sc.sites[static_cast<std::size_t>(j)].name};
            }
        }
    }
    for (std::size_t k = 0; k < plan.rentedTraining.size() && k < m.rented.size(); ++k) {
        const double pflops = plan.rentedTraining[k][q] * m.rented[k].trainingPflopsIn(t);
        if (pflops > best.first) {
            best = {pflops, sc.cloudOffers[k].provider + " " + sc.cloudOffers[k].sku + ", rented"};
        }
    }
    return best;
}

/// What a budget row counts, in words: "capex 1000 USD" or "spend 1500 USD (capex 1000, rent 500)".
std::string spendText(double capex, double rent)
{
    if (rent <= 0.0) {
        return "capex " + formatNumber(capex) + " USD";
    }
    return "spend " + formatNumber(capex + rent) + " USD (capex " + formatNumber(capex) + ", rent " +
           formatNumber(rent) + ")";
}

/// part ÷ whole; none when the whole is nothing.
std::optional<double> shareOf(double part, double whole)
{
    if (whole <= 1e-12) {
        return std::nullopt;
    }
    return std::clamp(part / whole, 0.0, 1.0);
}

} // namespace

std::optional<double> QuarterKpis::rentedTrainingShare() const
{
    return shareOf(rentedTrainingPflops, trainingPflops);
}

std::optional<double> QuarterKpis::rentedInferenceShare(int inferenceClass) const
{
    const auto c = static_cast<std::size_t>(inferenceClass);
    return c < inferenceTokensPerSecond.size() && c < rentedInferenceTokensPerSecond.size()
               ? shareOf(rentedInferenceTokensPerSecond[c], inferenceTokensPerSecond[c])
               : std::nullopt;
}

UnservedShare Evaluation::largestUnservedShare() const
{
    const std::size_t classes = quarters.empty() ? 0 : quarters.front().inferenceDemandTokensPerSecond.size();
    std::vector<double> unserved(1 + classes, 0.0);
    std::vector<double> demand(1 + classes, 0.0);
    for (const auto& q : quarters) {
        unserved[0] += q.trainingUnservedPflops;
        demand[0] += q.trainingDemandPflops;
        for (std::size_t c = 0; c < classes; ++c) {
            unserved[1 + c] += q.inferenceUnservedTokensPerSecond[c];
            demand[1 + c] += q.inferenceDemandTokensPerSecond[c];
        }
    }
    UnservedShare largest;
    for (std::size_t i = 0; i < demand.size(); ++i) {
        if (demand[i] > 0.0 && unserved[i] / demand[i] > largest.share) {
            largest = {unserved[i] / demand[i], static_cast<int>(i) - 1};
        }
    }
    return largest;
}

Evaluation evaluate(const PlanModel& m, const Plan& plan)
{
    Evaluation e;
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    const auto& sc = m.scenario;
    const auto installed = m.installed(plan);
    std::vector<double> capex(static_cast<std::size_t>(T), 0.0);
    std::map<std::pair<int, int>, int> bought;               // (offer, quarter) → units
    std::map<std::string, std::pair<double, double>> capUse; // export cap → (TPP counted, limit)
    for (const auto& p : plan.purchases) {
        const std::string where = sc.market[static_cast<std::size_t>(p.offer)].system + " at " +
                                  sc.sites[static_cast<std::size_t>(p.site)].name + " in " +
                                  sc.firstQuarter.plus(p.quarter).toString();
        if (p.count < 0) {
            e.violations.push_back(where + ": negative purchase " + std::to_string(p.count));
        }
        if (!m.allowed(p.offer, p.site, p.quarter)) {
            e.violations.push_back(where + ": not allowed (" + m.reason(p.offer, p.site, p.quarter) + ")");
        }
        const double paid = p.count * m.price(p.offer, p.quarter);
        capex[p.quarter] += paid;
        bought[{p.offer, p.quarter}] += p.count;
        for (const auto& share : m.capShares(p.offer, p.site, p.quarter)) {
            capUse[share.cap].first += p.count * share.tppPerUnit;
            capUse[share.cap].second = share.limitTpp;
        }
        e.capexNpvUsd += paid * m.discount(p.quarter);
        e.residualNpvUsd += paid * m.discount(T) * m.residualShare(p.offer, p.quarter);
    }
    std::map<std::pair<int, int>, int> retired; // (system, site) → units
    for (const auto& r : plan.retirements) {
        const std::string where = m.systems[static_cast<std::size_t>(r.system)].sku + " at " +
                                  sc.sites[static_cast<std::size_t>(r.site)].name + " in " +
                                  sc.firstQuarter.plus(r.quarter).toString();
        if (r.count < 0) {
            e.violations.push_back(where + ": negative retirement " + std::to_string(r.count));
        }
        retired[{r.system, r.site}] += r.count;
        e.resaleNpvUsd += r.count * m.saleProceedsUsd(r.system, r.site, r.quarter) * m.discount(r.quarter);
    }
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            const int kept = m.base[s][j] - (retired.contains({s, j}) ? retired.at({s, j}) : 0);
            if (kept < 0) {
                e.violations.push_back(m.systems[s].sku + " at " + sc.sites[j].name + ": " +
                                       std::to_string(m.base[s][j] - kept) + " retired, " +
                                       std::to_string(m.base[s][j]) + " installed");
            }
            if (m.base[s][j] > 0) {
                e.installedValueUsd += m.base[s][j] * m.resaleUsd(s, j, 0);
                e.residualNpvUsd += std::max(0, kept) * m.resaleUsd(s, j, T) * m.discount(T);
            }
        }
    }
    if (!plan.buildOutMw.empty()) {
        for (int j = 0; j < J; ++j) {
            const Site& site = sc.sites[static_cast<std::size_t>(j)];
            for (int t = 0; t < T; ++t) {
                const double mw = plan.buildOutMw[static_cast<std::size_t>(j)][static_cast<std::size_t>(t)];
                if (mw < -1e-9 || exceeds(mw, site.buildOutMaxMwPerQuarter)) {
                    e.violations.push_back("site " + site.name + " in " + sc.firstQuarter.plus(t).toString() + ": " +
                                           formatNumber(mw) + " MW of build-out, at most " +
                                           formatNumber(site.buildOutMaxMwPerQuarter));
                }
                capex[t] += mw * site.buildOutUsdPerMw;
                e.capexNpvUsd += mw * site.buildOutUsdPerMw * m.discount(t);
            }
        }
    }
    std::vector<std::vector<double>> fabricKw(static_cast<std::size_t>(J),
                                              std::vector<double>(static_cast<std::size_t>(T)));
    for (const auto& fabric : fabricsOf(m, plan)) {
        for (int t = 0; t < T; ++t) {
            const double paid = fabric.capexUsd[static_cast<std::size_t>(t)];
            const double extraKw = fabric.extraItKw[static_cast<std::size_t>(t)];
            capex[static_cast<std::size_t>(t)] += paid;
            e.fabricNpvUsd += paid * m.discount(t);
            e.energyNpvUsd += extraKw * m.energyUsdPerItKwQuarter(fabric.site) * m.discount(t);
            fabricKw[static_cast<std::size_t>(fabric.site)][static_cast<std::size_t>(t)] +=
                extraKw * sc.sites[static_cast<std::size_t>(fabric.site)].pue;
        }
    }
    for (const auto& [key, units] : bought) {
        const int supply = sc.market[static_cast<std::size_t>(key.first)].supplyIn(key.second);
        if (units > supply) {
            e.violations.push_back(sc.market[static_cast<std::size_t>(key.first)].system + " in " +
                                   sc.firstQuarter.plus(key.second).toString() + ": " + std::to_string(units) +
                                   " bought, supply " + std::to_string(supply));
        }
    }
    for (const auto& [cap, use] : capUse) {
        e.exportCaps.push_back({cap, use.first, use.second});
        if (exceeds(use.first, use.second)) {
            e.violations.push_back("export-control cap " + cap + ": " + formatNumber(use.first) + " TPP bought, cap " +
                                   formatNumber(use.second));
        }
    }
    const auto runNeed = clusterNeeds(m, plan, e);
    const RentedService rentedService = checkRentals(m, plan, e);
    double totalCapex = 0.0;
    double totalRent = 0.0;
    for (int t = 0; t < T; ++t) {
        QuarterKpis k;
        k.quarter = sc.firstQuarter.plus(t).toString();
        k.capexUsd = capex[t];
        totalCapex += capex[t];
        const auto& demand = sc.demandIn(t);
        k.trainingDemandPflops = demand.totalTraining();
        k.trainingForecastPflops = demand.forecastTrainingPflops;
        const int C = m.inferenceClasses();
        for (int c = 0; c < C; ++c) {
            k.inferenceDemandTokensPerSecond.push_back(demand.totalInference(c));
            k.inferenceForecastTokensPerSecond.push_back(demand.forecastInference(c));
        }
        k.inferenceTokensPerSecond.assign(static_cast<std::size_t>(C), 0.0);
        std::map<std::string, double> vendorPeak;
        double totalPeak = 0.0;
        for (int j = 0; j < J; ++j) {
            double kw = 0.0;
            double cappedUnits = 0.0;
            int racks = 0;
            for (int s = 0; s < S; ++s) {
                const double units = installed(s, j, t);
                racks += m.racksFor(s, j, units);
                e.maintenanceNpvUsd += units * m.maintenanceCostPerQuarter(s) * m.discount(t);
                const double tr = plan.training.empty() ? 0.0 : plan.training(s, j, t);
                double in = 0.0;           // units serving inference, every class
                double leastServing = 0.0; // below 0: a negative allocation
                for (int c = 0; c < C && c < static_cast<int>(plan.inference.size()); ++c) {
                    const double serving = plan.inference[static_cast<std::size_t>(c)](s, j, t);
                    in += serving;
                    k.inferenceTokensPerSecond[static_cast<std::size_t>(c)] +=
                        serving * m.systems[s].tokensPerSecondIn(c, t);
                    leastServing = std::min(leastServing, serving);
                    if (serving > 1e-9 && m.systems[s].inferenceTokensPerSecond[static_cast<std::size_t>(c)] <= 0.0) {
                        e.violations.push_back(m.systems[s].sku + " at " + sc.sites[j].name + " in " + k.quarter +
                                               ": serves " + sc.inferenceClasses[c].name +
                                               ", which it cannot (memory or speed per user)");
                    }
                }
                const double res = plan.reserved.empty() ? 0.0 : plan.reserved(s, j, t);
                const double cap = plan.capped.empty() ? 0.0 : plan.capped(s, j, t);
                // Energy by use: units in service draw utilization, idle ones their idle share, and
                // those serving in the capped power domain at most their cap.
                const double inService = std::max(0.0, tr) + std::max(0.0, in) + std::max(0.0, res);
                e.energyNpvUsd +=
                    (units * m.idleEnergyCostPerQuarter(s, j) + inService * m.busyEnergyCostPerQuarter(s, j) -
                     std::clamp(std::min(cap, in), 0.0, units) * m.cappedEnergySavingPerQuarter(s, j)) *
                    m.discount(t);
                kw += units * m.facilityKw(s, j) - std::max(0.0, cap) * (m.facilityKw(s, j) - m.cappedKw(s, j));
                cappedUnits += cap;
                if (tr < -1e-9 || leastServing < -1e-9 || res < -1e-9 || exceeds(tr + in + res, units)) {
                    e.violations.push_back(m.systems[s].sku + " at " + sc.sites[j].name + " in " + k.quarter + ": " +
                                           formatNumber(tr + in + res) + " units in use, " + formatNumber(units) +
                                           " installed");
                }
                if (cap < -1e-9 || exceeds(cap + tr + res, units)) {
                    e.violations.push_back(m.systems[s].sku + " at " + sc.sites[j].name + " in " + k.quarter + ": " +
                                           formatNumber(cap) + " units power-capped and " + formatNumber(tr + res) +
                                           " training, " + formatNumber(units) +
                                           " installed (capped units cannot train)");
                }
                if (res > 1e-9 && m.systems[s].trainingPflops <= 0) {
                    e.violations.push_back(m.systems[s].sku + " at " + sc.sites[j].name + " in " + k.quarter +
                                           ": reserved for a named run but cannot train");
                }
                k.trainingPflops += tr * m.systems[s].trainingPflopsIn(t);
                vendorPeak[m.systems[s].vendor] += units * m.systems[s].peakPflops;
                totalPeak += units * m.systems[s].peakPflops;
            }
            checkClusters(m, plan, runNeed, j, t, e);
            kw += fabricKw[static_cast<std::size_t>(j)][static_cast<std::size_t>(t)];
            const double available = sc.sites[j].availableMw(t) + m.builtMw(plan, j, t);
            k.racks.push_back(racks);
            k.cappedUnits.push_back(cappedUnits);
            if (const auto positions = sc.sites[j].racks; positions && racks > *positions) {
                e.violations.push_back("site " + sc.sites[j].name + " in " + k.quarter + ": " + std::to_string(racks) +
                                       " racks needed, " + std::to_string(*positions) + " positions");
            }
            k.powerMw.push_back(kw / 1000.0);
            k.powerAvailableMw.push_back(available);
            if (exceeds(kw / 1000.0, available)) {
                e.violations.push_back("site " + sc.sites[j].name + " in " + k.quarter + ": " +
                                       formatNumber(kw / 1000.0) + " MW needed, " + formatNumber(available) +
                                       " MW available");
            }
        }
        k.rentedTrainingPflops = rentedService.trainingPflops[static_cast<std::size_t>(t)];
        k.trainingPflops += k.rentedTrainingPflops;
        k.rentedInferenceTokensPerSecond = rentedService.tokensPerSecond[static_cast<std::size_t>(t)];
        for (int c = 0; c < C; ++c) {
            k.inferenceTokensPerSecond[static_cast<std::size_t>(c)] +=
                k.rentedInferenceTokensPerSecond[static_cast<std::size_t>(c)];
        }
        const double rentedPeak = rentedService.peakPflops[static_cast<std::size_t>(t)];
        k.rentedAccelerators = rentedService.accelerators[static_cast<std::size_t>(t)];
        k.rentalUsd = rentedService.usd[static_cast<std::size_t>(t)];
        k.rentedShare = totalPeak + rentedPeak > 0.0 ? rentedPeak / (totalPeak + rentedPeak) : 0.0;
        const double need = 1.0 + sc.policy.headroom;
        if (exceeds(demand.trainingPflops * need, k.trainingPflops)) {
            e.violations.push_back(k.quarter + ": training " + formatNumber(k.trainingPflops) +
                                   " PFLOP/s < contracted demand " + formatNumber(demand.trainingPflops * need));
        }
        // Forecast demand the allocation leaves short (with headroom) is unserved, at its price.
        k.trainingUnservedPflops =
            unserved(demand.totalTraining(), demand.forecastTrainingPflops, k.trainingPflops, need);
        e.unservedNpvUsd += k.trainingUnservedPflops * m.unservedTrainingUsdPerQuarter() * m.discount(t);
        e.revenueNpvUsd +=
            (demand.totalTraining() - k.trainingUnservedPflops) * m.trainingRevenueUsdPerQuarter() * m.discount(t);
        // The largest job whole in one cluster or cloud offer, or left unserved with the forecast.
        if (const double job = demand.largestTrainingJobPflops; job > 0.0 && exceeds(job, k.trainingUnservedPflops)) {
            const auto [most, where] = largestTrainingCluster(m, plan, t);
            if (exceeds(job, most)) {
                const auto hundredths = [](double pflops) { return formatNumber(std::round(pflops * 100.0) / 100.0); };
                e.violations.push_back(k.quarter + ": the largest training job (" + hundredths(job) +
                                       " PFLOP/s) is held by no one cluster or cloud offer: the most one gives is " +
                                       hundredths(most) + " PFLOP/s (" + where + ")");
            }
        }
        for (int c = 0; c < C; ++c) {
            const double served = k.inferenceTokensPerSecond[static_cast<std::size_t>(c)];
            if (exceeds(demand.inference(c) * need, served)) {
                e.violations.push_back(k.quarter + ": inference of " + sc.inferenceClasses[c].name + " " +
                                       formatNumber(served) + " tokens/s < contracted demand " +
                                       formatNumber(demand.inference(c) * need));
            }
            const double left = unserved(demand.totalInference(c), demand.forecastInference(c), served, need);
            k.inferenceUnservedTokensPerSecond.push_back(left);
            e.unservedNpvUsd += left * m.unservedInferenceUsdPerQuarter(c) * m.discount(t);
            e.revenueNpvUsd += (demand.totalInference(c) - left) * m.inferenceRevenueUsdPerQuarter(c) * m.discount(t);
        }
        e.averagePeakPflops += totalPeak / T;
        // Vendor shares of the dense peak installed and rented (accelerators under contract or billed
        // for named runs, under the rented SKU's vendor).
        double sharedPeak = totalPeak;
        for (const auto& [vendor, peak] : rentedService.vendorPeak[static_cast<std::size_t>(t)]) {
            vendorPeak[vendor] += peak;
            sharedPeak += peak;
        }
        int vendorsWithShare = 0;
        for (const auto& [vendor, peak] : vendorPeak) {
            vendorsWithShare += sharedPeak > 0 && peak / sharedPeak >= sc.policy.minVendorShare - 1e-6 ? 1 : 0;
        }
        if (sc.policy.minVendors > 1 && vendorsWithShare < sc.policy.minVendors) {
            e.violations.push_back(k.quarter + ": " + std::to_string(vendorsWithShare) + " vendors hold at least " +
                                   formatNumber(sc.policy.minVendorShare) + " of the peak compute, below " +
                                   std::to_string(sc.policy.minVendors));
        }
        for (const auto& [vendor, peak] : vendorPeak) {
            const double share = sharedPeak > 0 ? peak / sharedPeak : 0.0;
            k.vendorShares.emplace_back(vendor, share);
            if (sc.policy.maxVendorShare < 1.0 && exceeds(share, sc.policy.maxVendorShare)) {
                e.violations.push_back(k.quarter + ": vendor " + vendor + " has " + formatNumber(share) +
                                       " of the peak compute, above " + formatNumber(sc.policy.maxVendorShare));
            }
        }
        // Budgets: capex and the rent paid in the quarter (Policy::budgetUsdPerQuarter).
        if (sc.policy.budgetUsdPerQuarter && exceeds(capex[t] + k.rentalUsd, *sc.policy.budgetUsdPerQuarter)) {
            e.violations.push_back(k.quarter + ": " + spendText(capex[t], k.rentalUsd) +
                                   " above the quarterly budget " + formatNumber(*sc.policy.budgetUsdPerQuarter));
        }
        totalRent += k.rentalUsd;
        e.quarters.push_back(std::move(k));
    }
    if (sc.policy.budgetUsdTotal && exceeds(totalCapex + totalRent, *sc.policy.budgetUsdTotal)) {
        e.violations.push_back(spendText(totalCapex, totalRent) + " above the total budget " +
                               formatNumber(*sc.policy.budgetUsdTotal));
    }
    e.costUsd = e.grossNpvUsd() - e.residualNpvUsd - e.resaleNpvUsd;
    return e;
}

} // namespace fw::core::plan
