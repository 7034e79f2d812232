// SPDX-License-Identifier: Apache-2.0
// The purchase MILP of a plan model (milp.h), built by MilpBuilder: the columns of each kind of
// decision, then the rows of each family of constraints, each in a function of its own.
#include "core/plan/milp.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/plan/planfabric.h"

namespace fw::core::plan {

using namespace detail; // the MILP in column form (milp.h)

namespace {

using Kind = RowInfo::Kind;

/// Rental columns: integer blocks per cloud offer and start quarter (allowed every quarter of the
/// term inside the horizon), at blocks × accelerators × the contract's NPV (PlanModel::rentalContractNpv);
/// a binary per contract where a minimum commitment exceeds a block; the rented accelerators
/// training and serving each class per quarter (free: paid by the contract); a binary per named run
/// and on-demand offer that can take it, at its billed hours (PlanModel::runRentalNpv).
void addRentalColumns(const PlanModel& m, Milp& p, bool elastic, const auto& addColumn)
{
    const int T = m.quarters();
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const CloudOffer& offer = m.scenario.cloudOffers[static_cast<std::size_t>(k)];
        const RentedFigures& figures = m.rented[static_cast<std::size_t>(k)];
        for (int t = 0; t < T; ++t) {
            int most = std::numeric_limits<int>::max();
            for (int tau = t; tau < std::min(T, t + offer.termQuarters); ++tau) {
                most = figures.allowed[static_cast<std::size_t>(tau)]
                           ? std::min(most, offer.availableIn(tau) / offer.blockAccelerators)
                           : 0;
            }
            if (most <= 0) {
                continue;
            }
            p.rent[{k, t}] = addColumn(most, offer.blockAccelerators * m.rentalContractNpv(k, t), true);
            if (offer.minCommitAccelerators > offer.blockAccelerators) {
                p.committed[{k, t}] = addColumn(1.0, 0.0, !elastic);
            }
        }
        for (int t = 0; t < T; ++t) {
            if (figures.trainingPflops > 0.0) {
                p.rentTrain[{k, t}] = addColumn(infinity, 0.0, false);
            }
            for (int c = 0; c < m.inferenceClasses(); ++c) {
                if (figures.inferenceTokensPerSecond[static_cast<std::size_t>(c)] > 0.0) {
                    p.rentServe[{c, k, t}] = addColumn(infinity, 0.0, false);
                }
            }
        }
        for (int r = 0; r < static_cast<int>(m.scenario.trainingRuns.size()); ++r) {
            if (m.canRentRun(k, r)) {
                p.runRent[{r, k}] = addColumn(1.0, m.runRentalNpv(k, r), !elastic);
            }
        }
    }
}

/// Adds coefficient × the accelerators of cloud offer k billed in quarter t: blocks under contract
/// (rent[k,t0] for every t0 whose term covers t) and named runs rented from k running then.
void rentedInForce(const PlanModel& m, const Milp& p, int k, int t, double coefficient, const auto& term)
{
    const CloudOffer& offer = m.scenario.cloudOffers[static_cast<std::size_t>(k)];
    for (int t0 = std::max(0, t - offer.termQuarters + 1); t0 <= t; ++t0) {
        if (const auto it = p.rent.find({k, t0}); it != p.rent.end()) {
            term(it->second, coefficient * offer.blockAccelerators);
        }
    }
    for (const auto& [key, column] : p.runRent) {
        if (key.second == k && m.runFirstQuarter(key.first) <= t && t <= m.runRentalLastQuarter(key.first, k)) {
            term(column, coefficient * m.runRentalAccelerators(k, key.first));
        }
    }
}

/// Adds the rent paid in the horizon quarters `counted` accepts, for the budget rows: per contract,
/// blocks × accelerators × Σ PlanModel::rentalPaymentUsd (a prepaid contract pays its whole term at
/// its start; the others each quarter of the term inside the horizon); per named run rented on
/// demand, Σ PlanModel::runRentalPaymentUsd — the payments whose NPV the objective has.
void rentalPaymentTerms(const PlanModel& m, const Milp& p, const auto& counted, const auto& term)
{
    for (const auto& [key, column] : p.rent) {
        const auto [k, start] = key;
        const CloudOffer& offer = m.scenario.cloudOffers[static_cast<std::size_t>(k)];
        double usd = 0.0;
        for (int t = start; t < std::min(m.quarters(), start + offer.termQuarters); ++t) {
            usd += counted(t) ? m.rentalPaymentUsd(k, start, t) : 0.0;
        }
        if (usd > 0.0) {
            term(column, usd * offer.blockAccelerators);
        }
    }
    for (const auto& [key, column] : p.runRent) {
        double usd = 0.0;
        for (int t = 0; t < m.quarters(); ++t) {
            usd += counted(t) ? m.runRentalPaymentUsd(key.second, key.first, t) : 0.0;
        }
        if (usd > 0.0) {
            term(column, usd);
        }
    }
}

/// Rental rows, per cloud offer k and quarter t (accelerators):
///   use:        train[k,t] + Σ_c serve[c,k,t] − block_k × Σ_{t0 ≤ t < t0 + term} rent[k,t0] ≤ 0
///   supply:     block_k × Σ_{active t0} rent[k,t0] + Σ_r billed[r,k] × runRent[r,k] (r running in t) ≤ available[k,t]
///   commitment: block_k × rent[k,t0] ≥ min_k × y[k,t0],  rent[k,t0] ≤ most × y[k,t0]
void addRentalRows(const PlanModel& m, const Milp& p, const auto& term, const auto& row)
{
    using Kind = RowInfo::Kind;
    const auto& sc = m.scenario;
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(k)];
        const auto contracted = [&](int t, double coefficient) {
            for (int t0 = std::max(0, t - offer.termQuarters + 1); t0 <= t; ++t0) {
                if (const auto it = p.rent.find({k, t0}); it != p.rent.end()) {
                    term(it->second, coefficient * offer.blockAccelerators);
                }
            }
        };
        for (int t = 0; t < m.quarters(); ++t) {
            if (const auto it = p.rentTrain.find({k, t}); it != p.rentTrain.end()) {
                term(it->second, 1.0);
            }
            for (int c = 0; c < m.inferenceClasses(); ++c) {
                if (const auto it = p.rentServe.find({c, k, t}); it != p.rentServe.end()) {
                    term(it->second, 1.0);
                }
            }
            contracted(t, -1.0);
            row('L', 0.0, {Kind::Use, -1, t, -1, {}});
            rentedInForce(m, p, k, t, 1.0, term);
            row('L', offer.availableIn(t), {Kind::RentedCapacity, -1, t, k, {}});
        }
    }
    for (const auto& [key, y] : p.committed) {
        const int rent = p.rent.at(key);
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(key.first)];
        term(rent, offer.blockAccelerators);
        term(y, -offer.minCommitAccelerators);
        row('G', 0.0, {Kind::Use, -1, key.second, -1, {}});
        term(rent, 1.0);
        term(y, -std::max(1.0, static_cast<double>(offer.availableIn(key.second))));
        row('L', 0.0, {Kind::Use, -1, key.second, -1, {}});
    }
}

/// Named-run columns: a binary per run, system family and site where a cluster of that family can
/// hold the run (PlanModel::canHostRun; binary in the elastic model too, so what a diagnosis finds
/// short is short on one cluster), and per training-capable system, site and quarter a run may
/// occupy, the units reserved.
void addRunColumns(const PlanModel& m, Milp& p, const auto& addColumn)
{
    std::set<int> occupied; // quarters some run may occupy, on some family
    for (int r = 0; r < static_cast<int>(m.scenario.trainingRuns.size()); ++r) {
        for (int f = 0; f < m.families(); ++f) {
            for (int j = 0; j < m.sites(); ++j) {
                if (m.canHostRun(r, f, j)) {
                    p.place[{r, f, j}] = addColumn(1.0, 0.0, true);
                    for (int t = m.runFirstQuarter(r); t <= m.runLastQuarter(r, f); ++t) {
                        occupied.insert(t);
                    }
                }
            }
        }
    }
    for (const int t : occupied) {
        for (int s = 0; s < static_cast<int>(m.systems.size()); ++s) {
            for (int j = 0; j < m.sites() && m.systems[static_cast<std::size_t>(s)].trainingPflops > 0; ++j) {
                p.reserve[{s, j, t}] = addColumn(infinity, m.busyEnergyCostPerQuarter(s, j) * m.discount(t), false);
            }
        }
    }
}

/// Named-run rows: each run served whole, by one cluster (one system family at one site) or one
/// on-demand cloud offer; a cluster's accelerators reserved every quarter its runs occupy:
///   placement, per run r:   Σ_{f,j} place[r,f,j] + Σ_k runRent[r,k] = 1
///   cluster, per (f, j, t): Σ_{s ∈ f} accelerators_s × reserve[s,j,t] − Σ_{r on f in t} accelerators[r,f] ×
///   place[r,f,j] ≥ 0
void addRunRows(const PlanModel& m, const Milp& p, const auto& term, const auto& row)
{
    using Kind = RowInfo::Kind;
    constexpr double penalty = 1e6; // USD per accelerator short, in the elastic model
    for (int r = 0; r < static_cast<int>(m.scenario.trainingRuns.size()); ++r) {
        bool somewhere = false; // a cluster or a cloud offer can take it
        for (const auto& [key, column] : p.place) {
            if (std::get<0>(key) == r) {
                term(column, 1.0);
                somewhere = true;
            }
        }
        for (const auto& [key, column] : p.runRent) {
            if (key.first == r) {
                term(column, 1.0);
                somewhere = true;
            }
        }
        // Relaxed (in the elastic model) only for a run nothing can take: one that some cluster can
        // is short of accelerators there, which the cluster rows say.
        row('E', 1.0, {Kind::RunPlacement, -1, -1, r, {}}, somewhere ? 0.0 : penalty * 1e3);
    }
    std::set<Key> clusters; // (family, site, quarter) some run may occupy
    for (const auto& [key, column] : p.place) {
        const auto [r, f, j] = key;
        for (int t = m.runFirstQuarter(r); t <= m.runLastQuarter(r, f); ++t) {
            clusters.insert({f, j, t});
        }
    }
    for (const auto& [f, j, t] : clusters) {
        for (int s = 0; s < static_cast<int>(m.systems.size()); ++s) {
            if (m.fabricOf[static_cast<std::size_t>(s)] == f) {
                if (const auto it = p.reserve.find({s, j, t}); it != p.reserve.end()) {
                    term(it->second, m.systems[static_cast<std::size_t>(s)].accelerators);
                }
            }
        }
        for (const auto& [key, column] : p.place) {
            const auto [r, family, site] = key;
            if (family == f && site == j && m.runOccupies(r, f, t)) {
                term(column, -m.runOnFamily[static_cast<std::size_t>(r)][static_cast<std::size_t>(f)].accelerators);
            }
        }
        row('G', 0.0, {Kind::RunCapacity, j, t, f, {}}, penalty);
    }
}

/// The largest training job of each quarter that states one (L PFLOP/s): held whole by one cluster,
/// one cloud offer, or left unserved as forecast demand (binaries, in the elastic model too):
///   pick, per t:             Σ_{f,j} jobCluster[f,j,t] + Σ_k jobRented[k,t] + jobLeft[t] ≥ 1
///   cluster, per (f, j, t):  Σ_{s ∈ f} trainingPflops_s × train[s,j,t] − L × jobCluster[f,j,t] ≥ 0
///   cloud offer, per (k, t): trainingPflops_k × rentTrain[k,t] − L × jobRented[k,t] ≥ 0
///   left, per t:             unserved[training,t] − L × jobLeft[t] ≥ 0
/// A cluster is a family at a site where a training-capable system of it is installed or may be bought.
void addLargestJob(const PlanModel& m, Milp& p, const auto& addColumn, const auto& term, const auto& row)
{
    using Kind = RowInfo::Kind;
    constexpr double penalty = 1e9; // USD per PFLOP/s short, in the elastic model
    const int S = static_cast<int>(m.systems.size());
    std::set<std::pair<int, int>> clusters; // (family, site)
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < m.sites() && m.systems[static_cast<std::size_t>(s)].trainingPflops > 0; ++j) {
            bool present = m.base[s][j] > 0;
            for (int t = 0; t < m.quarters() && s < m.offers() && !present; ++t) {
                present = m.allowed(s, j, t);
            }
            if (present) {
                clusters.insert({m.fabricOf[static_cast<std::size_t>(s)], j});
            }
        }
    }
    for (int t = 0; t < m.quarters(); ++t) {
        const double job = m.scenario.demandIn(t).largestTrainingJobPflops;
        if (job <= 0.0) {
            continue;
        }
        for (const auto& [f, j] : clusters) {
            p.jobCluster[{f, j, t}] = addColumn(1.0, 0.0, true);
        }
        for (int k = 0; k < m.cloudOffers(); ++k) {
            if (p.rentTrain.contains({k, t})) {
                p.jobRented[{k, t}] = addColumn(1.0, 0.0, true);
            }
        }
        if (p.unserved.contains({-1, t})) {
            p.jobLeft[t] = addColumn(1.0, 0.0, true);
        }
        bool somewhere = false;
        for (const auto& [key, column] : p.jobCluster) {
            if (std::get<2>(key) == t) {
                term(column, 1.0);
                somewhere = true;
            }
        }
        for (const auto& [key, column] : p.jobRented) {
            if (key.second == t) {
                term(column, 1.0);
                somewhere = true;
            }
        }
        if (const auto it = p.jobLeft.find(t); it != p.jobLeft.end()) {
            term(it->second, 1.0);
            somewhere = true;
        }
        // Relaxed only where nothing can hold it; otherwise the cluster rows say what one lacks.
        row('G', 1.0, {Kind::LargestJob, -1, t, -1, {}}, somewhere ? 0.0 : penalty * job);
        for (const auto& [f, j] : clusters) {
            for (int s = 0; s < S; ++s) {
                if (m.fabricOf[static_cast<std::size_t>(s)] == f &&
                    m.systems[static_cast<std::size_t>(s)].trainingPflops > 0) {
                    term(p.train.at({s, j, t}), m.systems[static_cast<std::size_t>(s)].trainingPflopsIn(t));
                }
            }
            term(p.jobCluster.at({f, j, t}), -job);
            row('G', 0.0, {Kind::LargestJob, j, t, f, {}}, penalty);
        }
        for (int k = 0; k < m.cloudOffers(); ++k) {
            if (const auto it = p.jobRented.find({k, t}); it != p.jobRented.end()) {
                term(p.rentTrain.at({k, t}), m.rented[static_cast<std::size_t>(k)].trainingPflopsIn(t));
                term(it->second, -job);
                row('G', 0.0, {Kind::LargestJob, -1, t, k, {}}, penalty);
            }
        }
        if (const auto it = p.jobLeft.find(t); it != p.jobLeft.end()) {
            term(p.unserved.at({-1, t}), 1.0);
            term(it->second, -job);
            row('G', 0.0, {Kind::LargestJob, -1, t, -1, {}});
        }
    }
}

/// Builds the MILP of one plan model: every column and row, in a fixed order (the order CBC sees).
class MilpBuilder {
public:
    MilpBuilder(const PlanModel& model, bool elastic, const std::set<Kind>& relaxOnly)
        : m(model), sc(model.scenario), S(static_cast<int>(model.systems.size())), O(model.offers()), J(model.sites()),
          T(model.quarters()), elastic(elastic), relaxOnly(relaxOnly), need(1.0 + model.scenario.policy.headroom)
    {}
    Milp build();

private:
    static constexpr double penalty = 1e9; ///< USD per unit of a broken limit: far above any purchase

    // Columns, one kind of decision each.
    void addPurchaseColumns();
    void addAllocationColumns();
    void addRetirementColumns();
    void addBuildOutColumns();
    void addFabricColumns();
    void addRackColumns();
    void addCappingColumns();
    // Rows, one family of constraints each.
    void addUseRows();
    void addTrainingDemandRow(int t);
    void addInferenceDemandRows(int t);
    void addPowerRows(int t);
    void addRackRows(int t);
    void addSupplyRows(int t);
    void addQuarterBudgetRow(int t);
    void addVendorShareRows(int t, const std::set<std::string>& vendors);
    void addVendorCountRows(int t, const std::set<std::string>& vendors);
    void addTotalBudgetRow();
    void addExportCapRows();
    void addFabricRows();
    void addRetirementLimitRows();

    /// A new column: its upper bound (lower 0), its cost in the objective, whether integer.
    int addColumn(double upper, double cost, bool isInteger);
    /// Adds coefficient × column to the row being built.
    void term(int column, double coefficient);
    /// Ends the row being built: ≤ ('L'), ≥ ('G') or = ('E') rhs. In the elastic model a row with a
    /// penalty (of a kind in relaxOnly, when given) gets a slack column at that penalty per unit.
    void row(char sense, double rhs, RowInfo info, double slackUsd = 0.0);
    /// Adds coefficient × (units of offer s bought for site j that have arrived by quarter t).
    void arrived(int s, int j, int t, double coefficient);
    /// Adds coefficient × (installed units of system s at site j retired by quarter t).
    void retiredBy(int s, int j, int t, double coefficient);
    /// Calls visit(class, column) for each inference column of system s at site j in quarter t.
    void serving(int s, int j, int t, const auto& visit) const
    {
        for (int c = 0; c < m.inferenceClasses(); ++c) {
            if (const auto it = p.serve.find({c, s, j, t}); it != p.serve.end()) {
                visit(c, it->second);
            }
        }
    }
    /// Whether system s is or may be installed at site j.
    bool present(int s, int j) const;
    /// Adds the fabric's capex in the quarters `counted` accepts, for the budget rows.
    void fabricCapexTerms(const auto& counted)
    {
        for (const auto& [key, column] : p.fabricGrowth) {
            if (counted(std::get<2>(key))) {
                term(column, m.fabrics[static_cast<std::size_t>(std::get<0>(key))].twoTier.usdPerAccelerator);
            }
        }
        for (const auto& [key, column] : p.threeTierGrowth) {
            if (counted(std::get<2>(key))) {
                const auto& family = m.fabrics[static_cast<std::size_t>(std::get<0>(key))];
                term(column, family.threeTier.usdPerAccelerator - family.twoTier.usdPerAccelerator);
            }
        }
    }
    /// Adds Σ units installed in quarter t × peak × (1[vendor] − share), and the same for the
    /// accelerators rented then (rentedInForce: under contract or billed for named runs, under the
    /// rented SKU's vendor), and returns its constant part (the installed base), for the vendor-share rows.
    double vendorShareTerms(const std::string& vendor, double share, int t);
    /// Forecast demand of `stream` (−1: training; else the inference class) left unserved in quarter
    /// t: a column of at most the forecast, priced at `usdPerQuarter` per unit of demand (discounted),
    /// whose units stand for `need` units of capacity in the demand row.
    void unservedTerm(int stream, int t, double forecast, double usdPerQuarter);
    /// The builder's own functions as callables, for the column and row functions of rentals, named
    /// runs and the largest job.
    auto columns()
    {
        return [this](double upper, double cost, bool isInteger) { return addColumn(upper, cost, isInteger); };
    }
    auto terms()
    {
        return [this](int column, double coefficient) { term(column, coefficient); };
    }
    auto rows()
    {
        return [this](char sense, double rhs, RowInfo info, double slackUsd = 0.0) {
            row(sense, rhs, std::move(info), slackUsd);
        };
    }

    const PlanModel& m;
    const Scenario& sc;
    const int S; ///< systems
    const int O; ///< offers (the first O systems)
    const int J; ///< sites
    const int T; ///< quarters
    const bool elastic;
    const std::set<Kind>& relaxOnly;
    const double need; ///< capacity per unit of demand: 1 + the policy's headroom
    Milp p;
    std::vector<int> cols; ///< the row being built
    std::vector<double> coefs;
    std::map<std::pair<int, int>, double> fabricBase; ///< (family, site) → accelerators installed at the start
    std::map<std::pair<int, int>, double> fabricMost; ///< (family, site) → the most there could be
};

Milp MilpBuilder::build()
{
    addPurchaseColumns();
    addAllocationColumns();
    addRetirementColumns();
    addRunColumns(m, p, columns());
    addBuildOutColumns();
    addFabricColumns();
    addRackColumns();
    addCappingColumns();
    addRentalColumns(m, p, elastic, columns());
    addUseRows();
    std::set<std::string> vendors;
    for (const auto& f : m.systems) {
        vendors.insert(f.vendor);
    }
    for (const auto& f : m.rented) {
        vendors.insert(f.vendor);
    }
    for (int t = 0; t < T; ++t) {
        addTrainingDemandRow(t);
        addInferenceDemandRows(t);
        addPowerRows(t);
        addRackRows(t);
        addSupplyRows(t);
        addQuarterBudgetRow(t);
        addVendorShareRows(t, vendors);
        addVendorCountRows(t, vendors);
    }
    addTotalBudgetRow();
    addExportCapRows();
    addRunRows(m, p, terms(), rows());
    addRentalRows(m, p, terms(), rows());
    addLargestJob(m, p, columns(), terms(), rows());
    addFabricRows();
    addRetirementLimitRows();
    return std::move(p);
}

int MilpBuilder::addColumn(double upper, double cost, bool isInteger)
{
    p.columnUpper.push_back(upper);
    p.objective.push_back(cost);
    p.integer.push_back(isInteger);
    p.byColumn.emplace_back();
    return static_cast<int>(p.columnUpper.size()) - 1;
}

void MilpBuilder::term(int column, double coefficient)
{
    cols.push_back(column);
    coefs.push_back(coefficient);
}

void MilpBuilder::row(char sense, double rhs, RowInfo info, double slackUsd)
{
    const int r = static_cast<int>(p.rowLower.size());
    p.rowLower.push_back(sense == 'L' ? -infinity : rhs); // 'E': both
    p.rowUpper.push_back(sense == 'G' ? infinity : rhs);
    const bool relaxed = elastic && slackUsd > 0.0 && (relaxOnly.empty() || relaxOnly.contains(info.kind));
    p.rows.push_back(std::move(info));
    if (relaxed) {
        // A ≥ or = row may fall short, a ≤ row may run over, at `slackUsd` per unit.
        const int slack = addColumn(infinity, slackUsd, false);
        term(slack, sense == 'L' ? -1.0 : 1.0);
        p.slacks.emplace_back(slack, r);
    }
    for (std::size_t k = 0; k < cols.size(); ++k) {
        p.byColumn[static_cast<std::size_t>(cols[k])].emplace_back(r, coefs[k]);
    }
    cols.clear();
    coefs.clear();
}

void MilpBuilder::arrived(int s, int j, int t, double coefficient)
{
    if (s >= O) {
        return;
    }
    for (int tau = 0; tau + sc.market[static_cast<std::size_t>(s)].leadQuarters <= t; ++tau) {
        if (const auto it = p.buy.find({s, j, tau}); it != p.buy.end()) {
            term(it->second, coefficient);
        }
    }
}

void MilpBuilder::retiredBy(int s, int j, int t, double coefficient)
{
    for (int tau = 0; tau <= t; ++tau) {
        if (const auto it = p.retire.find({s, j, tau}); it != p.retire.end()) {
            term(it->second, coefficient);
        }
    }
}

bool MilpBuilder::present(int s, int j) const
{
    bool found = m.base[s][j] > 0;
    for (int t = 0; t < T && s < O && !found; ++t) {
        found = m.allowed(s, j, t);
    }
    return found;
}

double MilpBuilder::vendorShareTerms(const std::string& vendor, double share, int t)
{
    double constant = 0.0;
    for (int s = 0; s < S; ++s) {
        const double c = m.systems[s].peakPflops * ((m.systems[s].vendor == vendor ? 1.0 : 0.0) - share);
        for (int j = 0; j < J; ++j) {
            constant += m.base[s][j] * c;
            arrived(s, j, t, c);
            retiredBy(s, j, t, -c);
        }
    }
    for (int k = 0; k < m.cloudOffers(); ++k) {
        const RentedFigures& rented = m.rented[static_cast<std::size_t>(k)];
        rentedInForce(m, p, k, t, rented.peakPflops * ((rented.vendor == vendor ? 1.0 : 0.0) - share), terms());
    }
    return constant;
}

void MilpBuilder::unservedTerm(int stream, int t, double forecast, double usdPerQuarter)
{
    if (forecast > 0.0) {
        const int column = addColumn(forecast, usdPerQuarter * m.discount(t), false);
        p.unserved[{stream, t}] = column;
        term(column, need);
    }
}

/// Purchases: integer units per allowed offer, site and quarter, at their price less the value left at
/// the end, plus every quarter's running cost once they arrive.
void MilpBuilder::addPurchaseColumns()
{
    for (int o = 0; o < O; ++o) {
        const int lead = sc.market[static_cast<std::size_t>(o)].leadQuarters;
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                if (!m.allowed(o, j, t)) {
                    continue;
                }
                double cost = m.price(o, t) * (m.discount(t) - m.discount(T) * m.residualShare(o, t));
                for (int tau = t + lead; tau < T; ++tau) {
                    cost += m.runCostPerQuarter(o, j) * m.discount(tau);
                }
                p.buy[{o, j, t}] = addColumn(sc.market[static_cast<std::size_t>(o)].supplyIn(t), cost, true);
            }
        }
    }
}

/// Units training and serving each inference class, per system, site and quarter.
void MilpBuilder::addAllocationColumns()
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                // A unit in service draws utilization, an idle one its idle share (in runCostPerQuarter).
                const double busy = m.busyEnergyCostPerQuarter(s, j) * m.discount(t);
                p.train[{s, j, t}] = addColumn(infinity, busy, false);
                for (int c = 0; c < m.inferenceClasses(); ++c) {
                    if (m.systems[s].inferenceTokensPerSecond[static_cast<std::size_t>(c)] > 0) {
                        p.serve[{c, s, j, t}] = addColumn(infinity, busy, false);
                    }
                }
                p.constant += m.base[s][j] * m.runCostPerQuarter(s, j) * m.discount(t);
            }
        }
    }
}

/// Retiring installed units: sold at the start of quarter t, they stop drawing power and costing
/// energy and maintenance, and fetch their resale value then instead of at the horizon's end.
/// Not in the elastic model: retiring never meets demand, and integer columns next to the slack
/// penalties turn a diagnosis that is an LP in effect into a hard MILP.
void MilpBuilder::addRetirementColumns()
{
    for (int s = 0; s < S && !elastic; ++s) {
        for (int j = 0; j < J; ++j) {
            if (m.base[s][j] == 0) {
                continue;
            }
            p.constant += m.base[s][j] * m.resaleUsd(s, j, 0);                 // worth this at the start,
            p.constant -= m.base[s][j] * m.resaleUsd(s, j, T) * m.discount(T); // and this if kept to the end
            for (int t = 0; t < T; ++t) {
                double cost = m.resaleUsd(s, j, T) * m.discount(T) - m.saleProceedsUsd(s, j, t) * m.discount(t);
                for (int tau = t; tau < T; ++tau) {
                    cost -= m.runCostPerQuarter(s, j) * m.discount(tau);
                }
                p.retire[{s, j, t}] = addColumn(m.base[s][j], cost, true);
            }
        }
    }
}

/// Power build-out: MW ordered in quarter t at the site's price, serving from t + lead on.
void MilpBuilder::addBuildOutColumns()
{
    for (int j = 0; j < J; ++j) {
        const Site& site = sc.sites[static_cast<std::size_t>(j)];
        for (int t = 0; t + site.buildOutLeadQuarters < T && site.buildOutMaxMwPerQuarter > 0.0; ++t) {
            p.build[{j, t}] = addColumn(site.buildOutMaxMwPerQuarter, site.buildOutUsdPerMw * m.discount(t), false);
        }
    }
}

/// Scale-out fabric per family and site (planfabric.h): growth in accelerators connected, at the
/// two-tier price per accelerator; where the family could outgrow two tiers, a binary for the
/// three-tier band and the growth of the three-tier fabric, at the difference in price (and, over
/// the quarters after, the energy of the difference in power).
void MilpBuilder::addFabricColumns()
{
    for (int s = 0; s < S; ++s) {
        const int f = m.fabricOf[static_cast<std::size_t>(s)];
        for (int j = 0; j < J && m.fabrics[static_cast<std::size_t>(f)].priced; ++j) {
            const double accelerators = m.systems[s].accelerators;
            bool offered = false;
            double most = m.base[s][j] * accelerators;
            for (int t = 0; t < T && s < O; ++t) {
                offered = offered || m.allowed(s, j, t);
                most += m.allowed(s, j, t) ? sc.market[static_cast<std::size_t>(s)].supplyIn(t) * accelerators : 0.0;
            }
            if (m.base[s][j] > 0 || offered) {
                fabricBase[{f, j}] += m.base[s][j] * accelerators;
                fabricMost[{f, j}] += most;
            }
        }
    }
    for (const auto& [key, most] : fabricMost) {
        const auto [f, j] = key;
        const FamilyFabric& family = m.fabrics[static_cast<std::size_t>(f)];
        for (int t = 0; t < T; ++t) {
            p.fabricGrowth[{f, j, t}] = addColumn(infinity, family.twoTier.usdPerAccelerator * m.discount(t), false);
        }
        if (!needsThreeTiers(family, most)) {
            continue;
        }
        p.threeTier[key] = addColumn(1.0, 0.0, !elastic);
        const double extraKw = (family.threeTier.wattsPerAccelerator - family.twoTier.wattsPerAccelerator) / 1000.0;
        for (int t = 0; t < T; ++t) {
            double cost = (family.threeTier.usdPerAccelerator - family.twoTier.usdPerAccelerator) * m.discount(t);
            for (int tau = t; tau < T; ++tau) {
                cost += extraKw * m.energyUsdPerItKwQuarter(j) * m.discount(tau);
            }
            p.threeTierGrowth[{f, j, t}] = addColumn(infinity, cost, false);
        }
    }
}

/// Rack positions, at sites that count them: whole racks per system (integer; continuous in the
/// elastic model), for every system that is or may be installed there.
void MilpBuilder::addRackColumns()
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T && sc.sites[static_cast<std::size_t>(j)].racks && present(s, j); ++t) {
                p.racks[{s, j, t}] = addColumn(infinity, 0.0, !elastic);
            }
        }
    }
}

/// The capped power domain at sites that oversubscribe: units in it count their cap against the
/// site's power; those of them in service draw at most their cap (a saving where it is below
/// the utilization).
void MilpBuilder::addCappingColumns()
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            if (sc.sites[static_cast<std::size_t>(j)].oversubscription <= 0.0 || !present(s, j)) {
                continue;
            }
            const double saving = m.cappedEnergySavingPerQuarter(s, j);
            for (int t = 0; t < T; ++t) {
                p.capped[{s, j, t}] = addColumn(infinity, 0.0, false);
                if (saving > 0.0) {
                    p.cappedBusy[{s, j, t}] = addColumn(infinity, -saving * m.discount(t), false);
                }
            }
        }
    }
}

/// Use of installed units: training + inference ≤ base + arrived purchases.
void MilpBuilder::addUseRows()
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                term(p.train[{s, j, t}], 1.0);
                serving(s, j, t, [&](int, int column) { term(column, 1.0); });
                arrived(s, j, t, -1.0);
                retiredBy(s, j, t, 1.0);
                if (const auto it = p.reserve.find({s, j, t}); it != p.reserve.end()) {
                    term(it->second, 1.0);
                }
                row('L', m.base[s][j], {Kind::Use, j, t, s, {}});
                const auto capped = p.capped.find({s, j, t});
                if (capped == p.capped.end()) {
                    continue;
                }
                // Capped units do not train: capped + training + reserved ≤ installed.
                term(capped->second, 1.0);
                term(p.train[{s, j, t}], 1.0);
                arrived(s, j, t, -1.0);
                retiredBy(s, j, t, 1.0);
                if (const auto it = p.reserve.find({s, j, t}); it != p.reserve.end()) {
                    term(it->second, 1.0);
                }
                row('L', m.base[s][j], {Kind::Use, j, t, s, {}});
                // Capped units in service: at most the capped units, and at most the units serving.
                if (const auto busy = p.cappedBusy.find({s, j, t}); busy != p.cappedBusy.end()) {
                    term(busy->second, 1.0);
                    term(capped->second, -1.0);
                    row('L', 0.0, {Kind::Use, j, t, s, {}});
                    term(busy->second, 1.0);
                    serving(s, j, t, [&](int, int column) { term(column, -1.0); });
                    row('L', 0.0, {Kind::Use, j, t, s, {}});
                }
            }
        }
    }
}

/// Training demand of quarter t: sustained PFLOP/s of the units and rented accelerators training.
void MilpBuilder::addTrainingDemandRow(int t)
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            if (m.systems[s].trainingPflops > 0) {
                term(p.train[{s, j, t}], m.systems[s].trainingPflopsIn(t));
            }
        }
    }
    for (int k = 0; k < m.cloudOffers(); ++k) { // rented accelerators training
        if (const auto it = p.rentTrain.find({k, t}); it != p.rentTrain.end()) {
            term(it->second, m.rented[static_cast<std::size_t>(k)].trainingPflopsIn(t));
        }
    }
    const auto& demand = sc.demandIn(t);
    // Σ sustained PFLOP/s + need × unserved ≥ need × (contracted + forecast) PFLOP/s.
    unservedTerm(-1, t, demand.forecastTrainingPflops, m.unservedTrainingUsdPerQuarter());
    row('G', demand.totalTraining() * need, {Kind::TrainingDemand, -1, t, -1, {}}, penalty);
}

/// Inference demand of quarter t, per class: tokens/s of the units and rented accelerators serving it.
void MilpBuilder::addInferenceDemandRows(int t)
{
    const auto& demand = sc.demandIn(t);
    for (int c = 0; c < m.inferenceClasses(); ++c) {
        for (const auto& [key, column] : p.serve) {
            if (std::get<0>(key) == c && std::get<3>(key) == t) {
                term(column, m.systems[std::get<1>(key)].tokensPerSecondIn(c, t));
            }
        }
        for (int k = 0; k < m.cloudOffers(); ++k) { // rented accelerators serving
            if (const auto it = p.rentServe.find({c, k, t}); it != p.rentServe.end()) {
                term(it->second, m.rented[static_cast<std::size_t>(k)].tokensPerSecondIn(c, t));
            }
        }
        // Σ tokens/s + need × unserved ≥ need × (contracted + forecast) tokens/s.
        unservedTerm(c, t, demand.forecastInference(c), m.unservedInferenceUsdPerQuarter(c));
        row('G', demand.totalInference(c) * need, {Kind::InferenceDemand, -1, t, c, {}}, penalty / 1e4);
    }
}

/// Site power: facility kW of everything installed, less what capping saves on the units in
/// the capped power domain.
void MilpBuilder::addPowerRows(int t)
{
    for (int j = 0; j < J; ++j) {
        double baseKw = 0.0;
        for (int s = 0; s < S; ++s) {
            baseKw += m.base[s][j] * m.facilityKw(s, j);
            arrived(s, j, t, m.facilityKw(s, j));
            retiredBy(s, j, t, -m.facilityKw(s, j));
            if (const auto it = p.capped.find({s, j, t}); it != p.capped.end()) {
                term(it->second, m.cappedKw(s, j) - m.facilityKw(s, j));
            }
        }
        for (int tau = 0; tau + sc.sites[static_cast<std::size_t>(j)].buildOutLeadQuarters <= t; ++tau) {
            if (const auto it = p.build.find({j, tau}); it != p.build.end()) {
                term(it->second, -1000.0); // kW
            }
        }
        for (const auto& [key, column] : p.threeTierGrowth) { // a three-tier fabric's extra power
            const auto [f, site, tau] = key;
            if (site == j && tau <= t) {
                const auto& family = m.fabrics[static_cast<std::size_t>(f)];
                term(column, (family.threeTier.wattsPerAccelerator - family.twoTier.wattsPerAccelerator) / 1000.0 *
                                 sc.sites[static_cast<std::size_t>(j)].pue);
            }
        }
        row('L', sc.sites[static_cast<std::size_t>(j)].availableMw(t) * 1000.0 - baseKw, {Kind::Power, j, t, -1, {}},
            penalty / 1e3);
    }
}

/// Racks: installed units ≤ units per rack × racks, per system; Σ racks ≤ the site's positions.
void MilpBuilder::addRackRows(int t)
{
    for (int j = 0; j < J; ++j) {
        const auto& positions = sc.sites[static_cast<std::size_t>(j)].racks;
        if (!positions) {
            continue;
        }
        for (int s = 0; s < S; ++s) {
            if (const auto it = p.racks.find({s, j, t}); it != p.racks.end()) {
                arrived(s, j, t, 1.0);
                retiredBy(s, j, t, -1.0);
                term(it->second, -std::max(1, m.unitsPerRack[s][j]));
                row('L', -m.base[s][j], {Kind::Use, j, t, s, {}});
            }
        }
        for (int s = 0; s < S; ++s) {
            if (const auto it = p.racks.find({s, j, t}); it != p.racks.end()) {
                term(it->second, 1.0);
            }
        }
        row('L', *positions, {Kind::Racks, j, t, -1, {}}, penalty / 1e3);
    }
}

/// Supply: units of each offer bought in quarter t ≤ what is on offer then.
void MilpBuilder::addSupplyRows(int t)
{
    for (int o = 0; o < O; ++o) {
        for (int j = 0; j < J; ++j) {
            if (const auto it = p.buy.find({o, j, t}); it != p.buy.end()) {
                term(it->second, 1.0);
            }
        }
        if (!cols.empty()) {
            row('L', sc.market[static_cast<std::size_t>(o)].supplyIn(t), {Kind::Supply, -1, t, o, {}});
        }
    }
}

/// Quarterly budget: purchases, build-out and fabric ordered in t + the rent paid in t ≤ B.
void MilpBuilder::addQuarterBudgetRow(int t)
{
    if (sc.policy.budgetUsdPerQuarter) {
        for (const auto& [key, column] : p.buy) {
            if (std::get<2>(key) == t) {
                term(column, m.price(std::get<0>(key), t));
            }
        }
        for (int j = 0; j < J; ++j) {
            if (const auto it = p.build.find({j, t}); it != p.build.end()) {
                term(it->second, sc.sites[static_cast<std::size_t>(j)].buildOutUsdPerMw);
            }
        }
        fabricCapexTerms([t](int quarter) { return quarter == t; });
        rentalPaymentTerms(
            m, p, [t](int quarter) { return quarter == t; }, terms());
        row('L', *sc.policy.budgetUsdPerQuarter, {Kind::QuarterBudget, -1, t, -1, {}}, 10.0);
    }
}

/// Vendor share of dense peak: Σ units × peak × (1[vendor] − α) ≤ 0, units installed and
/// accelerators rented in t (rentedInForce) alike.
void MilpBuilder::addVendorShareRows(int t, const std::set<std::string>& vendors)
{
    if (sc.policy.maxVendorShare < 1.0) {
        for (const auto& vendor : vendors) {
            const double constant = vendorShareTerms(vendor, sc.policy.maxVendorShare, t);
            row('L', -constant, {Kind::VendorShare, -1, t, -1, vendor}, penalty);
        }
    }
}

/// At least K vendors, each with at least σ of the dense peak: a binary y per vendor with
///   Σ units × peak × (1[vendor] − σ) ≥ −M (1 − y)   and   Σ y ≥ K,
/// M the most the left side could fall short: σ × the peak of everything that could be installed
/// or rented.
void MilpBuilder::addVendorCountRows(int t, const std::set<std::string>& vendors)
{
    if (sc.policy.minVendors > 1) {
        double mostPeak = 0.0;
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                mostPeak += m.base[s][j] * m.systems[s].peakPflops;
            }
            for (int tau = 0; tau < T && s < O; ++tau) {
                mostPeak += sc.market[static_cast<std::size_t>(s)].supplyIn(tau) * m.systems[s].peakPflops;
            }
        }
        for (int k = 0; k < m.cloudOffers(); ++k) { // the most that could be rented in any quarter
            int most = 0;
            for (int tau = 0; tau < T; ++tau) {
                most = std::max(most, sc.cloudOffers[static_cast<std::size_t>(k)].availableIn(tau));
            }
            mostPeak += most * m.rented[static_cast<std::size_t>(k)].peakPflops;
        }
        const double bigM = sc.policy.minVendorShare * mostPeak + 1.0;
        std::vector<int> counted;
        for (const auto& vendor : vendors) {
            const int y = addColumn(1.0, 0.0, !elastic);
            counted.push_back(y);
            p.counted[{t, vendor}] = y;
            const double constant = vendorShareTerms(vendor, sc.policy.minVendorShare, t);
            term(y, -bigM);
            row('G', -bigM - constant, {Kind::VendorShare, -1, t, -1, vendor});
        }
        for (const int y : counted) {
            term(y, 1.0);
        }
        row('G', sc.policy.minVendors, {Kind::VendorCount, -1, t, -1, {}}, penalty);
    }
}

/// Total budget: every purchase, build-out and fabric + the rent paid inside the horizon ≤ B.
void MilpBuilder::addTotalBudgetRow()
{
    if (sc.policy.budgetUsdTotal) {
        for (const auto& [key, column] : p.buy) {
            term(column, m.price(std::get<0>(key), std::get<2>(key)));
        }
        for (const auto& [key, column] : p.build) {
            term(column, sc.sites[static_cast<std::size_t>(key.first)].buildOutUsdPerMw);
        }
        fabricCapexTerms([](int) { return true; });
        rentalPaymentTerms(
            m, p, [](int) { return true; }, terms());
        row('L', *sc.policy.budgetUsdTotal, {Kind::TotalBudget, -1, -1, -1, {}}, 10.0);
    }
}

/// Export-control caps: Σ TPP of the units counted against each cap's running total ≤ its limit.
void MilpBuilder::addExportCapRows()
{
    std::map<std::string, double> capLimits;
    for (const auto& [key, column] : p.buy) {
        const auto [o, j, t] = key;
        for (const auto& share : m.capShares(o, j, t)) {
            capLimits[share.cap] = share.limitTpp;
        }
    }
    for (const auto& [cap, limit] : capLimits) {
        for (const auto& [key, column] : p.buy) {
            const auto [o, j, t] = key;
            for (const auto& share : m.capShares(o, j, t)) {
                if (share.cap == cap) {
                    term(column, share.tppPerUnit);
                }
            }
        }
        row('L', limit, {Kind::ExportCap, -1, -1, -1, cap}, penalty / 1e5); // a DGX H100 is 126,656 TPP
    }
}

/// Fabric size F ≥ accelerators installed A, every quarter, F = base + Σ growth so far:
///   Σ_{τ≤t} growth[f,j,τ] − Σ_{s∈f} accelerators_s × (arrived − retired)[s,j,t] ≥ 0.
/// Where three tiers are possible (binary z): F ≤ largest two-tier + M z, and the three-tier
/// fabric G ≥ F − M (1 − z), G = Σ three-tier growth so far (M: the most there could be).
void MilpBuilder::addFabricRows()
{
    for (const auto& [key, most] : fabricMost) {
        const int f = key.first; // plain ints: clang 14 (the fuzz preset) cannot capture a binding
        const int j = key.second;
        const auto band = p.threeTier.find(key);
        const double base = fabricBase[key];
        for (int t = 0; t < T; ++t) {
            const auto grown = [&](const std::map<Key, int>& growth, double coefficient) {
                for (int tau = 0; tau <= t; ++tau) {
                    term(growth.at({f, j, tau}), coefficient);
                }
            };
            grown(p.fabricGrowth, 1.0);
            for (int s = 0; s < S; ++s) {
                if (m.fabricOf[static_cast<std::size_t>(s)] == f) {
                    arrived(s, j, t, -m.systems[s].accelerators);
                    retiredBy(s, j, t, m.systems[s].accelerators);
                }
            }
            row('G', 0.0, {Kind::Use, j, t, -1, {}});
            // The fabric grows only with the accelerators arriving that quarter (planfabric.h): not
            // built ahead of them, which a budget binding later would otherwise make worth it.
            const auto arriving = [&]() {
                for (int s = 0; s < O; ++s) {
                    const int bought = t - sc.market[static_cast<std::size_t>(s)].leadQuarters;
                    const auto it = p.buy.find({s, j, bought});
                    if (m.fabricOf[static_cast<std::size_t>(s)] == f && it != p.buy.end()) {
                        term(it->second, -m.systems[s].accelerators);
                    }
                }
            };
            term(p.fabricGrowth.at({f, j, t}), 1.0);
            arriving();
            row('L', 0.0, {Kind::Use, j, t, -1, {}});
            if (band == p.threeTier.end()) {
                continue;
            }
            grown(p.fabricGrowth, 1.0);
            term(band->second, -most);
            row('L', static_cast<double>(m.fabrics[static_cast<std::size_t>(f)].largestTwoTier) - base,
                {Kind::Use, j, t, -1, {}});
            grown(p.threeTierGrowth, 1.0);
            grown(p.fabricGrowth, -1.0);
            term(band->second, -most);
            row('G', base - most, {Kind::Use, j, t, -1, {}});
            // The same for the three-tier fabric, which in the first quarter also takes in the base's.
            term(p.threeTierGrowth.at({f, j, t}), 1.0);
            arriving();
            row('L', t == 0 ? base : 0.0, {Kind::Use, j, t, -1, {}});
        }
    }
}

/// No more retired than installed, over the whole horizon.
void MilpBuilder::addRetirementLimitRows()
{
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            if (m.base[s][j] > 0) {
                retiredBy(s, j, T - 1, 1.0);
                row('L', m.base[s][j], {Kind::Use, j, -1, s, {}});
            }
        }
    }
}

} // namespace

Milp detail::buildMilp(const PlanModel& m, bool elastic, const std::set<RowInfo::Kind>& relaxOnly)
{
    return MilpBuilder(m, elastic, relaxOnly).build();
}

} // namespace fw::core::plan
