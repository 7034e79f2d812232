// SPDX-License-Identifier: Apache-2.0
#include "core/plan/optimizer.h"

#include <coin/CbcEventHandler.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/ClpEventHandler.hpp>
#include <coin/Clp_C_Interface.h>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "core/numbertext.h"
#include "core/plan/diagnosis.h"
#include "core/plan/evaluator.h"
#include "core/plan/milp.h"
#include "core/plan/planfabric.h"
#include "core/plan/roundedstart.h"
#include "core/plan/trainingclusters.h"

namespace fw::core::plan {

using namespace detail; // the MILP in column form and one CBC solve (milp.h)

namespace {

/// Integer columns from which the optimizer starts CBC from a plan rounded from the LP relaxation
/// (roundedstart.h): below it, CBC closes the gap on its own in seconds (tests/bench/optimizer_scaling.py).
constexpr int roundedStartIntegers = 2000;
/// The share of the time limit the rounding search may take; CBC searches on in the rest.
constexpr double roundedStartShare = 0.4;
/// The share of the time limit each of the largest-job start's two solves may take (largestJobStart).
constexpr double largestJobStartShare = 0.1;

/// The constraint matrix in the column-major arrays CBC's and Clp's C APIs load.
struct ColumnMatrix {
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
};

ColumnMatrix columnMatrix(const Milp& p)
{
    ColumnMatrix a;
    for (const auto& entries : p.byColumn) {
        for (const auto& [r, v] : entries) {
            a.index.push_back(r);
            a.value.push_back(v);
        }
        a.start.push_back(static_cast<CoinBigIndex>(a.index.size()));
    }
    return a;
}

/// CBC's driver (CbcMain1, behind Cbc_solve too) parses its arguments through globals
/// (CbcOrClpRead_mode, ...): two solves at once garble each other's options. One solve at a time.
std::mutex& cbcMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// State of one solve, shared by the CBC and Clp event handlers (all on the solving thread).
struct CbcRun {
    const OptimizerOptions* options = nullptr;
    std::chrono::steady_clock::time_point started;
    double constant = 0.0;
    const CbcModel* search = nullptr; ///< CbcMain1's searching copy of the model, during branch and bound
    enum class Phase { BeforeSearch, Search, PostProcessing } phase = Phase::BeforeSearch;
    bool hasStart = false; ///< a known plan CBC can hand back however early it stops
    /// Whether a running simplex may be cut short: during branch and bound, and before it when
    /// there is a start to fall back on; never in post-processing, which computes the final plan.
    bool lpMayStop() const { return phase == Phase::Search || (phase == Phase::BeforeSearch && hasStart); }
    bool stopped = false; ///< a handler acted on the cancel flag
    double lastReport = -1.0;
    double lastIncumbent = std::numeric_limits<double>::infinity();
    bool hasBound = false;
    double lastBound = 0.0; ///< the last bound seen before a cancel (constant included)

    bool timeUp = false; ///< stopped by the time limit, which CBC alone overruns by seconds on big models

    /// Whether to stop now: the planner cancelled, or the time limit has passed by more than CBC's
    /// own overrun at a node boundary (a second).
    bool cancelRequested()
    {
        if (options->cancel != nullptr && options->cancel->load(std::memory_order_relaxed)) {
            return true;
        }
        timeUp = timeUp || elapsed() > options->timeLimitSeconds + 1.0;
        return timeUp;
    }
    double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); }
};
/// CbcMain1's callback has no user pointer; it calls back on the solving thread.
thread_local CbcRun* currentCbcRun = nullptr;

/// CbcMain1's callback: whereFrom 3 is just before branch and bound (on the model that searches), 4 just
/// after it, before post-processing computes the continuous columns of the final plan.
int cbcWhereFrom(CbcModel* model, int whereFrom)
{
    if (CbcRun* run = currentCbcRun) {
        if (whereFrom == 3) {
            run->search = model;
            run->phase = CbcRun::Phase::Search;
        } else if (whereFrom == 4) {
            run->search = nullptr;
            run->phase = CbcRun::Phase::PostProcessing;
        }
    }
    return 0;
}

/// Stops branch and bound when the cancel flag is set; reports progress.
class CbcEvents final : public CbcEventHandler {
public:
    explicit CbcEvents(CbcRun* run) : run_(run) {}
    CbcEventHandler* clone() const override { return new CbcEvents(*this); }
    CbcAction event(CbcEvent event) override
    {
        // For beforeSolution1/2 and convertToCuts the answer means something else than stop/continue.
        const bool mayStop = event != beforeSolution1 && event != beforeSolution2 && event != convertToCuts;
        if (mayStop && run_->cancelRequested()) {
            run_->stopped = true;
            return stop;
        }
        if (!run_->stopped && getModel() != nullptr && getModel() == run_->search) {
            report(*getModel());
        }
        return noAction;
    }

private:
    void report(const CbcModel& model)
    {
        const double seconds = run_->elapsed();
        const bool hasIncumbent = model.bestSolution() != nullptr && model.getObjValue() < 1e50;
        const double incumbent = hasIncumbent ? model.getObjValue() + run_->constant : 0.0;
        const bool better = hasIncumbent && incumbent < run_->lastIncumbent - 1e-9;
        if (!better && seconds - run_->lastReport < 0.25) {
            return; // a new incumbent at once, otherwise four reports a second at most
        }
        run_->lastReport = seconds;
        SolveProgress progress;
        progress.seconds = seconds;
        progress.hasIncumbent = hasIncumbent;
        progress.incumbent = incumbent;
        progress.bound = model.getBestPossibleObjValue() + run_->constant; // walks the open nodes
        if (hasIncumbent) {
            run_->lastIncumbent = incumbent;
            progress.bound = std::min(progress.bound, incumbent);
        }
        progress.nodes = model.getNodeCount();
        run_->hasBound = true;
        run_->lastBound = progress.bound;
        if (run_->options->progress) {
            run_->options->progress(progress);
        }
    }
    CbcRun* run_;
};

/// Ends the running simplex when the cancel flag is set: CBC sends no event for long stretches (Clp's
/// own small branch and bound at tree nodes, root cuts and heuristics).
class ClpCancel final : public ClpEventHandler {
public:
    explicit ClpCancel(CbcRun* run) : run_(run) {}
    ClpEventHandler* clone() const override { return new ClpCancel(*this); }
    int event(Event event) override
    {
        if (event == endOfIteration && run_->lpMayStop() && run_->cancelRequested()) {
            run_->stopped = true;
            return 0; // stop this simplex
        }
        return -1;
    }

private:
    CbcRun* run_;
};

/// Whether `x` meets the bounds, integrality and rows of `p` (tolerance relative to each row's terms).
bool satisfies(const Milp& p, const double* x)
{
    std::vector<double> activity(p.rowLower.size(), 0.0);
    std::vector<double> scale(p.rowLower.size(), 1.0);
    for (std::size_t c = 0; c < p.byColumn.size(); ++c) {
        if (x[c] < -1e-6 || x[c] > p.columnUpper[c] + 1e-6 * std::max(1.0, std::fabs(x[c])) ||
            (p.integer[c] && std::fabs(x[c] - std::round(x[c])) > 1e-6)) {
            return false;
        }
        for (const auto& [r, v] : p.byColumn[c]) {
            activity[static_cast<std::size_t>(r)] += v * x[c];
            scale[static_cast<std::size_t>(r)] += std::fabs(v * x[c]);
        }
    }
    for (std::size_t r = 0; r < activity.size(); ++r) {
        const double tolerance = 1e-6 * scale[r];
        if (activity[r] < p.rowLower[r] - tolerance || activity[r] > p.rowUpper[r] + tolerance) {
            return false;
        }
    }
    return true;
}

} // namespace

Solution detail::solve(const Milp& p, const OptimizerOptions& options, const std::vector<int>& startColumns,
                       const std::vector<double>& startValues)
{
    const std::lock_guard lock(cbcMutex());
    CbcRun run;
    run.options = &options;
    run.started = std::chrono::steady_clock::now();
    run.constant = p.constant;
    run.hasStart = !startColumns.empty();
    const ColumnMatrix a = columnMatrix(p);
    const int columns = static_cast<int>(p.columnUpper.size());
    const std::vector<double> columnLower(static_cast<std::size_t>(columns), 0.0);
    OsiClpSolverInterface solver;
    solver.loadProblem(columns, static_cast<int>(p.rowLower.size()), a.start.data(), a.index.data(), a.value.data(),
                       columnLower.data(), p.columnUpper.data(), p.objective.data(), p.rowLower.data(),
                       p.rowUpper.data());
    for (int c = 0; c < columns; ++c) {
        if (p.integer[static_cast<std::size_t>(c)]) {
            solver.setInteger(c);
        }
    }
    const ClpCancel clpCancel(&run);
    solver.getModelPtr()->passInEventHandler(&clpCancel); // cloned into every copy of the LP
    CbcModel model(solver);                               // a copy of `solver`
    CbcSolverUsefulData parameters;                       // CbcMain0(model) alone would use a static one
    CbcMain0(model, parameters);
    model.setLogLevel(0); // nothing on stdout
    if (!startColumns.empty()) {
        // As Cbc_setMIPStartI: CBC matches the start by column name (the default names, "C0000012").
        std::vector<std::pair<std::string, double>> start;
        start.reserve(startColumns.size());
        for (std::size_t k = 0; k < startColumns.size(); ++k) {
            start.emplace_back(model.solver()->getColName(startColumns[k]), startValues[k]);
        }
        model.setMIPStart(start);
    }
    model.setMaximumSeconds(options.timeLimitSeconds); // wall-clock, with -timeMode elapsed below
    model.setAllowableFractionGap(options.relativeGap);
    const CbcEvents events(&run);
    model.passInEventHandler(&events); // cloned into the copy CbcMain1 searches with
    // CbcMain1 sets the search's node limit from its own parameters: the limit goes in as one.
    const std::string nodes = std::to_string(options.nodeLimit);
    std::vector<const char*> arguments{"fleetwright", "-timeMode", "elapsed"};
    if (options.nodeLimit > 0) {
        arguments.insert(arguments.end(), {"-maxNodes", nodes.c_str()});
    }
    arguments.insert(arguments.end(), {"-solve", "-quit"});
    currentCbcRun = &run;
    try {
        CbcMain1(static_cast<int>(arguments.size()), arguments.data(), model, cbcWhereFrom, parameters);
    } catch (...) {
        currentCbcRun = nullptr;
        throw;
    }
    currentCbcRun = nullptr;

    Solution s;
    s.seconds = run.elapsed();
    const double* best = model.bestSolution(); // in the original columns once CbcMain1 returns
    if (run.stopped) {
        // An interrupted LP can make CBC take nodes, even the root, for infeasible: its status ("proven
        // optimal") and bound mean nothing now. Its incumbent does: CBC stores checked solutions only.
        s.status = run.timeUp ? PlanStatus::TimeLimit : PlanStatus::Cancelled;
        s.bound = run.hasBound ? run.lastBound : -std::numeric_limits<double>::infinity();
        if (best != nullptr && model.getNumCols() == columns && satisfies(p, best)) {
            s.x.assign(best, best + columns);
            s.objective = model.getObjValue() + p.constant;
            s.bound = run.hasBound ? std::min(run.lastBound, s.objective) : -std::numeric_limits<double>::infinity();
        }
        return s;
    }
    const bool hasSolution = best != nullptr || model.isProvenOptimal();
    if (model.isProvenInfeasible() || !hasSolution) {
        // Stopped by a limit before any plan: not proven infeasible (the node limit counts as one).
        const bool limited = model.isSecondsLimitReached() || model.isNodeLimitReached();
        s.status = limited ? PlanStatus::TimeLimit : PlanStatus::Infeasible;
        return s;
    }
    const double* x = model.getColSolution();
    s.x.assign(x, x + columns);
    // The running cost of the installed base is a constant of the objective: add it back so the
    // objective is the plan's whole cost, as the evaluator computes it.
    s.objective = model.getObjValue() + p.constant;
    s.bound = model.getBestPossibleObjValue() + p.constant;
    // CBC calls a search "proven optimal" when it stops at its allowable gap: optimal only without one.
    const bool closed = model.isProvenOptimal() && relativeGap(s.objective, s.bound) <= provenOptimalGap;
    s.status = closed                          ? PlanStatus::Optimal
               : model.isSecondsLimitReached() ? PlanStatus::TimeLimit
                                               : PlanStatus::Feasible;
    return s;
}

namespace {

std::string describeRow(const PlanModel& m, const RowInfo& info)
{
    const auto& sc = m.scenario;
    const std::string quarter = info.quarter >= 0 ? sc.firstQuarter.plus(info.quarter).toString() : "the horizon";
    switch (info.kind) {
    case RowInfo::Kind::TrainingDemand: return quarter + " training demand";
    case RowInfo::Kind::InferenceDemand:
        return quarter + " inference demand of " + sc.inferenceClasses[static_cast<std::size_t>(info.offer)].name;
    case RowInfo::Kind::Power:
        return "power at " + sc.sites[static_cast<std::size_t>(info.site)].name + " in " + quarter;
    case RowInfo::Kind::Supply:
        return "supply of " + sc.market[static_cast<std::size_t>(info.offer)].system + " in " + quarter;
    case RowInfo::Kind::QuarterBudget: return "budget of " + quarter;
    case RowInfo::Kind::VendorShare: return "share of " + info.vendor + " in " + quarter;
    case RowInfo::Kind::TotalBudget: return "total budget";
    case RowInfo::Kind::RunPlacement:
        return "named run " + sc.trainingRuns[static_cast<std::size_t>(info.offer)].name +
               " served whole by one cluster (one system family at one site) or one cloud offer";
    case RowInfo::Kind::RunCapacity:
        return "accelerators of " + m.fabrics[static_cast<std::size_t>(info.offer)].family + " for named runs at " +
               sc.sites[static_cast<std::size_t>(info.site)].name + " in " + quarter;
    case RowInfo::Kind::VendorCount: return "vendors with their minimum share in " + quarter;
    case RowInfo::Kind::Capacity: return "capacity of the most-capacity pass";
    case RowInfo::Kind::ExportCap: return "export-control cap " + info.vendor;
    case RowInfo::Kind::Racks:
        return "rack positions at " + sc.sites[static_cast<std::size_t>(info.site)].name + " in " + quarter;
    case RowInfo::Kind::RentedCapacity: {
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(info.offer)];
        return "accelerators " + offer.provider + " has to rent (" + offer.sku + ") in " + quarter;
    }
    case RowInfo::Kind::LargestJob: {
        const std::string job = quarter + " largest training job (" +
                                formatNumber(sc.demandIn(info.quarter).largestTrainingJobPflops) + " PFLOP/s)";
        if (info.site >= 0) {
            return "training PFLOP/s of " + m.fabrics[static_cast<std::size_t>(info.offer)].family + " at " +
                   sc.sites[static_cast<std::size_t>(info.site)].name + " for the " + job;
        }
        if (info.offer >= 0) {
            const auto& offer = sc.cloudOffers[static_cast<std::size_t>(info.offer)];
            return "training PFLOP/s rented from " + offer.provider + " (" + offer.sku + ") for the " + job;
        }
        return job + " held whole by one cluster (one system family at one site) or one cloud offer";
    }
    case RowInfo::Kind::Use: break;
    }
    return "use of installed units";
}

std::string unitOf(RowInfo::Kind kind)
{
    switch (kind) {
    case RowInfo::Kind::TrainingDemand: return "PFLOP/s";
    case RowInfo::Kind::InferenceDemand: return "tokens/s";
    case RowInfo::Kind::Power: return "kW";
    case RowInfo::Kind::QuarterBudget:
    case RowInfo::Kind::TotalBudget: return "USD";
    case RowInfo::Kind::VendorShare: return "PFLOP/s of peak";
    case RowInfo::Kind::RunCapacity: return "accelerators";
    case RowInfo::Kind::RunPlacement: return "runs";
    case RowInfo::Kind::VendorCount: return "vendors";
    case RowInfo::Kind::Racks: return "racks";
    case RowInfo::Kind::Capacity: return "PFLOP/s";
    case RowInfo::Kind::ExportCap: return "TPP";
    case RowInfo::Kind::RentedCapacity: return "accelerators";
    case RowInfo::Kind::LargestJob: return "PFLOP/s";
    default: return "units";
    }
}

} // namespace

/// The fleet's dense BF16 peak installed, averaged over the horizon (PFLOP/s), as coefficients of
/// the purchase and retirement columns plus a constant (the installed base).
struct CapacityTerms {
    std::vector<std::pair<int, double>> terms;
    double constant = 0.0;
};

CapacityTerms capacityTerms(const PlanModel& m, const Milp& p)
{
    const int T = m.quarters();
    CapacityTerms c;
    for (std::size_t s = 0; s < m.systems.size(); ++s) {
        for (int j = 0; j < m.sites(); ++j) {
            c.constant += m.base[s][static_cast<std::size_t>(j)] * m.systems[s].peakPflops;
        }
    }
    for (const auto& [key, column] : p.buy) {
        const auto [o, j, t] = key;
        const int serving = T - t - m.scenario.market[static_cast<std::size_t>(o)].leadQuarters;
        c.terms.emplace_back(column, m.systems[static_cast<std::size_t>(o)].peakPflops * std::max(0, serving) / T);
    }
    for (const auto& [key, column] : p.retire) {
        const auto [s, j, t] = key;
        c.terms.emplace_back(column, -m.systems[static_cast<std::size_t>(s)].peakPflops * (T - t) / T);
    }
    return c;
}

double detail::objectiveOf(const Milp& p, const std::vector<double>& x)
{
    double value = p.constant;
    for (std::size_t c = 0; c < x.size(); ++c) {
        value += p.objective[c] * x[c];
    }
    return value;
}

/// For policy.objective "max_capacity": the most capacity the limits allow (the first pass), then
/// `milp` gets a row keeping at least that capacity and is solved for cost from the first pass's
/// plan (the second). Returns the second pass's solution, or the first's priced by `milp` when the
/// second stopped without one; the first's when it found nothing.
Solution solveForCapacity(Milp& milp, const PlanModel& m, const OptimizerOptions& options,
                          const std::vector<int>& startColumns, const std::vector<double>& startValues)
{
    const CapacityTerms capacity = capacityTerms(m, milp);
    Milp most = milp;
    std::fill(most.objective.begin(), most.objective.end(), 0.0);
    for (const auto& [column, coefficient] : capacity.terms) {
        most.objective[static_cast<std::size_t>(column)] = -coefficient;
    }
    most.constant = -capacity.constant;
    OptimizerOptions first = options;
    first.progress = {}; // the planner follows the cost, in the second pass
    const Solution found = solve(most, first, startColumns, startValues);
    if (found.x.empty()) {
        return found;
    }
    const double floor = -found.objective * (1.0 - 1e-6) - 1e-6;
    const int row = static_cast<int>(milp.rowLower.size());
    for (const auto& [column, coefficient] : capacity.terms) {
        milp.byColumn[static_cast<std::size_t>(column)].emplace_back(row, coefficient);
    }
    milp.rowLower.push_back(floor - capacity.constant);
    milp.rowUpper.push_back(infinity);
    milp.rows.push_back({RowInfo::Kind::Capacity, -1, -1, -1, {}});
    const Start start = startFrom(milp, found.x);
    OptimizerOptions second = options;
    second.timeLimitSeconds = std::max(1.0, options.timeLimitSeconds - found.seconds);
    Solution cheapest = solve(milp, second, start.columns, start.values);
    cheapest.seconds += found.seconds;
    if (cheapest.x.empty()) {
        cheapest.x = found.x;
        cheapest.objective = objectiveOf(milp, found.x);
        cheapest.bound = -std::numeric_limits<double>::infinity();
        if (cheapest.status == PlanStatus::Infeasible) { // the first pass's plan is a plan
            cheapest.status = PlanStatus::Feasible;
        }
    }
    return cheapest;
}

namespace {

/// Whether `plan` decides over `m`'s systems, sites, quarters and named runs (a plan of another
/// scenario may not).
bool fitsShape(const PlanModel& m, const Plan& plan)
{
    const auto fits = [&](const UnitGrid& grid) {
        return grid.systems() == static_cast<int>(m.systems.size()) && grid.sites() == m.sites() &&
               grid.quarters() == m.quarters();
    };
    const auto inRange = [&](int index, int size) { return index >= 0 && index < size; };
    return fits(plan.training) && plan.inference.size() == static_cast<std::size_t>(m.inferenceClasses()) &&
           std::all_of(plan.inference.begin(), plan.inference.end(), fits) &&
           (plan.reserved.empty() || fits(plan.reserved)) && plan.runSites.size() == m.scenario.trainingRuns.size() &&
           (plan.runCloudOffers.empty() || plan.runCloudOffers.size() == m.scenario.trainingRuns.size()) &&
           std::all_of(plan.rentals.begin(), plan.rentals.end(),
                       [&](const Rental& r) {
                           return inRange(r.cloudOffer, m.cloudOffers()) && inRange(r.quarter, m.quarters());
                       }) &&
           std::all_of(plan.purchases.begin(), plan.purchases.end(),
                       [&](const Purchase& p) {
                           return inRange(p.offer, m.offers()) && inRange(p.site, m.sites()) &&
                                  inRange(p.quarter, m.quarters());
                       }) &&
           std::all_of(plan.retirements.begin(), plan.retirements.end(), [&](const Retirement& r) {
               return inRange(r.system, static_cast<int>(m.systems.size())) && inRange(r.site, m.sites()) &&
                      inRange(r.quarter, m.quarters());
           });
}

/// The integer columns of `milp` set to what `plan` (valid: `checked` has no violation) decides, as
/// CBC's start.
void startAt(const PlanModel& m, const Milp& milp, const Plan& plan, const Evaluation& checked,
             std::vector<int>& columns, std::vector<double>& values)
{
    const auto set = [&](int column, double value) {
        columns.push_back(column);
        values.push_back(value);
    };
    std::map<Key, int> bought;
    for (const auto& p : plan.purchases) {
        bought[{p.offer, p.site, p.quarter}] += p.count;
    }
    for (const auto& [key, column] : milp.buy) {
        set(column, bought.contains(key) ? bought.at(key) : 0.0);
    }
    std::map<Key, int> retired;
    for (const auto& r : plan.retirements) {
        retired[{r.system, r.site, r.quarter}] += r.count;
    }
    for (const auto& [key, column] : milp.retire) {
        set(column, retired.contains(key) ? retired.at(key) : 0.0);
    }
    for (const auto& [key, column] : milp.build) {
        set(column, plan.buildOutMw.empty() ? 0.0 : plan.buildOutMw[key.first][key.second]);
    }
    for (const auto& [key, column] : milp.place) { // the named runs where the plan put them
        const auto r = static_cast<std::size_t>(std::get<0>(key));
        set(column, plan.runSites[r] == std::get<2>(key) && r < plan.runFamilies.size() &&
                            plan.runFamilies[r] == std::get<1>(key)
                        ? 1.0
                        : 0.0);
    }
    for (const auto& [key, column] : milp.counted) { // the vendors holding their minimum share
        const auto& held = checked.quarters[static_cast<std::size_t>(key.first)].vendorShares;
        const auto& vendor = key.second; // a structured binding clang 14 cannot capture
        const auto it = std::find_if(held.begin(), held.end(), [&](const auto& v) { return v.first == vendor; });
        set(column, it != held.end() && it->second >= m.scenario.policy.minVendorShare ? 1.0 : 0.0);
    }
    std::set<std::pair<int, int>> threeTiers; // (family, site) whose fabric the plan makes three-tier
    for (const auto& fabric : fabricsOf(m, plan)) {
        if (fabric.tiers == 3) {
            threeTiers.insert({fabric.family, fabric.site});
        }
    }
    for (const auto& [key, column] : milp.threeTier) {
        set(column, threeTiers.contains(key) ? 1.0 : 0.0);
    }
    std::map<std::pair<int, int>, int> rented; // (cloud offer, start quarter) → blocks
    for (const auto& r : plan.rentals) {
        rented[{r.cloudOffer, r.quarter}] += r.blocks;
    }
    for (const auto& [key, column] : milp.rent) {
        set(column, rented.contains(key) ? rented.at(key) : 0.0);
    }
    for (const auto& [key, column] : milp.committed) {
        set(column, rented.contains(key) ? 1.0 : 0.0);
    }
    for (const auto& [key, column] : milp.runRent) {
        const auto r = static_cast<std::size_t>(key.first);
        set(column, r < plan.runCloudOffers.size() && plan.runCloudOffers[r] == key.second ? 1.0 : 0.0);
    }
    const auto installed = m.installed(plan);
    for (const auto& [key, column] : milp.racks) {
        const auto [s, j, t] = key;
        set(column, m.racksFor(s, j, installed(s, j, t)));
    }
    // Each quarter's largest job: on the cluster that holds it, else a cloud offer, else left unserved.
    std::set<Key> jobClusters; // (family, site, quarter)
    for (const auto& cluster : trainingClusters(m, plan)) {
        for (const int t : cluster.largestJobQuarters) {
            jobClusters.insert({cluster.family, cluster.site, t});
        }
    }
    std::set<int> held;
    for (const auto& [key, column] : milp.jobCluster) {
        set(column, jobClusters.contains(key) ? 1.0 : 0.0);
        if (jobClusters.contains(key)) {
            held.insert(std::get<2>(key));
        }
    }
    for (const auto& [key, column] : milp.jobRented) {
        const auto [k, t] = key;
        const auto offer = static_cast<std::size_t>(k);
        const double rentedPflops =
            offer < plan.rentedTraining.size()
                ? plan.rentedTraining[offer][static_cast<std::size_t>(t)] * m.rented[offer].trainingPflopsIn(t)
                : 0.0;
        const bool holds =
            !held.contains(t) && rentedPflops >= m.scenario.demandIn(t).largestTrainingJobPflops * (1.0 - 1e-9);
        set(column, holds ? 1.0 : 0.0);
        if (holds) {
            held.insert(t);
        }
    }
    for (const auto& [t, column] : milp.jobLeft) {
        set(column, held.contains(t) ? 0.0 : 1.0);
    }
}

/// The rentals of solution `x`: contracts, named runs rented, rented accelerators in use.
void readRentals(const PlanModel& m, const Milp& milp, const std::vector<double>& x, Plan& plan)
{
    plan.runCloudOffers.assign(m.scenario.trainingRuns.size(), -1);
    for (const auto& [key, column] : milp.runRent) {
        if (x[static_cast<std::size_t>(column)] > 0.5) {
            plan.runCloudOffers[static_cast<std::size_t>(key.first)] = key.second;
        }
    }
    for (const auto& [key, column] : milp.rent) {
        const int blocks = static_cast<int>(std::lround(x[static_cast<std::size_t>(column)]));
        if (blocks > 0) {
            plan.rentals.push_back({key.second, key.first, blocks});
        }
    }
    std::sort(plan.rentals.begin(), plan.rentals.end(), [](const Rental& a, const Rental& b) {
        return std::tie(a.quarter, a.cloudOffer) < std::tie(b.quarter, b.cloudOffer);
    });
    const auto K = static_cast<std::size_t>(m.cloudOffers());
    plan.rentedTraining.assign(K, std::vector<double>(static_cast<std::size_t>(m.quarters()), 0.0));
    plan.rentedInference.assign(static_cast<std::size_t>(m.inferenceClasses()), plan.rentedTraining);
    for (const auto& [key, column] : milp.rentTrain) {
        plan.rentedTraining[static_cast<std::size_t>(key.first)][static_cast<std::size_t>(key.second)] =
            std::max(0.0, x[static_cast<std::size_t>(column)]);
    }
    for (const auto& [key, column] : milp.rentServe) {
        const auto [c, k, t] = key;
        plan.rentedInference[static_cast<std::size_t>(c)][static_cast<std::size_t>(k)][static_cast<std::size_t>(t)] =
            std::max(0.0, x[static_cast<std::size_t>(column)]);
    }
}

Limit limitOf(RowInfo::Kind kind)
{
    switch (kind) {
    case RowInfo::Kind::InferenceDemand: return Limit::InferenceDemand;
    case RowInfo::Kind::Power: return Limit::SitePower;
    case RowInfo::Kind::Racks: return Limit::RackPositions;
    case RowInfo::Kind::QuarterBudget: return Limit::QuarterBudget;
    case RowInfo::Kind::TotalBudget: return Limit::TotalBudget;
    case RowInfo::Kind::VendorShare: return Limit::VendorShare;
    case RowInfo::Kind::VendorCount: return Limit::VendorCount;
    case RowInfo::Kind::ExportCap: return Limit::ExportCap;
    case RowInfo::Kind::RunCapacity:
    case RowInfo::Kind::RunPlacement: return Limit::NamedRuns;
    case RowInfo::Kind::LargestJob: return Limit::LargestJob;
    default: return Limit::TrainingDemand;
    }
}

/// Ties the purchases and power orders of the quarters before options.fixedQuarters to options.fixed
/// (rows x = count or MW; x = 0 for what is not among them). Orders beyond what the offer supplies that
/// quarter (a supply shock in this future), or beyond what is left of an export-control cap they count
/// against (a cap event in this future), are delivered up to it, site by site in order; MW beyond what
/// the site can add in the quarter are not built.
void fixFirstStage(Milp& p, const PlanModel& m, const OptimizerOptions& options)
{
    std::map<Key, int> fixed;
    for (const auto& purchase : options.fixed.purchases) {
        fixed[{purchase.offer, purchase.site, purchase.quarter}] += purchase.count;
    }
    std::map<std::pair<int, int>, double> supplyLeft; // per (offer, quarter): a purchase column's bound is its supply
    std::map<std::string, double> capLeft;            // TPP per running total
    for (const auto& [key, column] : p.buy) {
        const auto [o, j, t] = key;
        supplyLeft.emplace(std::pair{o, t}, p.columnUpper[static_cast<std::size_t>(column)]);
        for (const auto& share : m.capShares(o, j, t)) {
            capLeft.emplace(share.cap, share.limitTpp);
        }
    }
    for (const auto& [key, column] : p.buy) { // sites in order within an (offer, quarter)'s keys
        const auto [o, j, t] = key;
        if (t >= options.fixedQuarters) {
            continue;
        }
        const auto it = fixed.find(key);
        double& left = supplyLeft[{o, t}];
        double units = std::min(it == fixed.end() ? 0.0 : it->second, left);
        for (const auto& share : m.capShares(o, j, t)) {
            if (share.tppPerUnit > 0.0) {
                units = std::min(units, std::max(0.0, std::floor(capLeft[share.cap] / share.tppPerUnit + 1e-9)));
            }
        }
        left -= units;
        for (const auto& share : m.capShares(o, j, t)) {
            capLeft[share.cap] -= units * share.tppPerUnit;
        }
        p.byColumn[static_cast<std::size_t>(column)].emplace_back(static_cast<int>(p.rowLower.size()), 1.0);
        p.rowLower.push_back(units);
        p.rowUpper.push_back(units);
        p.rows.push_back({RowInfo::Kind::Supply, j, t, o, {}});
    }
    std::map<std::pair<int, int>, double> ordered; // MW per (site, quarter)
    for (const auto& order : options.fixed.power) {
        ordered[{order.site, order.quarter}] += order.mw;
    }
    for (const auto& [key, column] : p.build) {
        if (key.second >= options.fixedQuarters) {
            continue;
        }
        const auto it = ordered.find(key);
        const double mw =
            std::min(it == ordered.end() ? 0.0 : it->second, p.columnUpper[static_cast<std::size_t>(column)]);
        p.byColumn[static_cast<std::size_t>(column)].emplace_back(static_cast<int>(p.rowLower.size()), 1.0);
        p.rowLower.push_back(mw);
        p.rowUpper.push_back(mw);
        p.rows.push_back({RowInfo::Kind::Power, key.first, key.second, -1, {}});
    }
}

bool cancelled(const OptimizerOptions& options)
{
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

} // namespace

Plan solvePlan(const PlanModel& m, const OptimizerOptions& options, bool diagnose);

namespace {

/// The purchases and retirements of solution `x`, in order of quarter, site and offer (or system).
void readPurchasesAndSales(const Milp& milp, const std::vector<double>& x, Plan& plan)
{
    for (const auto& [key, column] : milp.buy) {
        const int units = static_cast<int>(std::lround(x[static_cast<std::size_t>(column)]));
        if (units > 0) {
            plan.purchases.push_back({std::get<2>(key), std::get<1>(key), std::get<0>(key), units});
        }
    }
    std::sort(plan.purchases.begin(), plan.purchases.end(), [](const Purchase& a, const Purchase& b) {
        return std::tie(a.quarter, a.site, a.offer) < std::tie(b.quarter, b.site, b.offer);
    });
    for (const auto& [key, column] : milp.retire) {
        const int units = static_cast<int>(std::lround(x[static_cast<std::size_t>(column)]));
        if (units > 0) {
            plan.retirements.push_back({std::get<2>(key), std::get<1>(key), std::get<0>(key), units});
        }
    }
    std::sort(plan.retirements.begin(), plan.retirements.end(), [](const Retirement& a, const Retirement& b) {
        return std::tie(a.quarter, a.site, a.system) < std::tie(b.quarter, b.site, b.system);
    });
}

/// A start for a scenario with largest training jobs. Their LP relaxation is empty (a job split
/// over clusters in any proportion is as good to it as one whole), so CBC meets them only by
/// branching: first the MILP with the job binaries continuous (the fleet as if each job could
/// spread), then the MILP with each quarter's job on the cluster whose units, in that fleet, give
/// the most training outside the named runs (the other job binaries fixed at 0), each solve within
/// `seconds`. No plan (x empty) when either finds none.
Solution largestJobStart(const PlanModel& m, const Milp& milp, const OptimizerOptions& options, double seconds)
{
    OptimizerOptions quick = options;
    quick.timeLimitSeconds = seconds;
    quick.progress = nullptr; // not the planner's incumbent and bound
    Milp spread = milp;
    const auto jobColumns = [&](const auto& columns, const auto& each) {
        for (const auto& [key, column] : columns) {
            each(key, static_cast<std::size_t>(column));
        }
    };
    const auto continuous = [&](const auto&, std::size_t column) { spread.integer[column] = false; };
    jobColumns(milp.jobCluster, continuous);
    jobColumns(milp.jobRented, continuous);
    jobColumns(milp.jobLeft, continuous);
    const Solution first = solve(spread, quick);
    if (first.x.empty()) {
        return first;
    }
    Plan fleet;
    readPurchasesAndSales(milp, first.x, fleet);
    const auto installed = m.installed(fleet);
    std::map<Key, double> free; // (family, site, quarter) → PFLOP/s outside the named runs
    for (const auto& [key, column] : milp.jobCluster) {
        const auto [f, j, t] = key;
        for (std::size_t s = 0; s < m.systems.size(); ++s) {
            if (m.fabricOf[s] == f) {
                const auto it = milp.reserve.find({static_cast<int>(s), j, t});
                const double reserved = it == milp.reserve.end() ? 0.0 : first.x[static_cast<std::size_t>(it->second)];
                free[key] += (installed(s, j, t) - reserved) * m.systems[s].trainingPflopsIn(t);
            }
        }
    }
    std::map<int, Key> chosen; // quarter → the cluster with the most
    for (const auto& [key, pflops] : free) {
        const int t = std::get<2>(key);
        if (!chosen.contains(t) || pflops > free.at(chosen.at(t))) {
            chosen[t] = key;
        }
    }
    Milp placed = milp;
    jobColumns(milp.jobCluster, [&](const Key& key, std::size_t column) {
        placed.columnUpper[column] = chosen.at(std::get<2>(key)) == key ? 1.0 : 0.0;
    });
    jobColumns(milp.jobRented, [&](const auto&, std::size_t column) { placed.columnUpper[column] = 0.0; });
    jobColumns(milp.jobLeft, [&](const auto&, std::size_t column) { placed.columnUpper[column] = 0.0; });
    Solution second = solve(placed, quick);
    second.seconds += first.seconds;
    return second;
}

/// Why an infeasible scenario has no plan (diagnosis.h): each family of limits with slacks in
/// `elastic` is relaxed alone; where that gives a plan, its broken limits become a cause with the
/// smallest change of the scenario. The changes are planned again, smallest first, until one has a
/// plan: it leads; changes planned again without a plan are dropped (they are not enough on their
/// own once retirements, whole racks and one site per run count).
std::vector<Cause> findCauses(const PlanModel& m, const Milp& elastic, const OptimizerOptions& options)
{
    // The families relaxed one at a time; training and inference demand are one family (demand),
    // so a scenario short of both has a cause too.
    std::set<std::set<RowInfo::Kind>> families;
    for (const auto& [column, row] : elastic.slacks) {
        const RowInfo::Kind kind = elastic.rows[static_cast<std::size_t>(row)].kind;
        const bool demand = kind == RowInfo::Kind::TrainingDemand || kind == RowInfo::Kind::InferenceDemand;
        families.insert(demand ? std::set{RowInfo::Kind::TrainingDemand, RowInfo::Kind::InferenceDemand}
                               : std::set{kind});
    }
    std::vector<Cause> causes;
    for (const auto& family : families) {
        if (cancelled(options)) {
            return {};
        }
        const RowInfo::Kind kind = *family.begin();
        const Milp one = buildMilp(m, true, family);
        const Solution relaxed = solve(one, options);
        if (relaxed.x.empty()) {
            continue; // relaxing this family alone is not enough
        }
        std::vector<BrokenLimit> broken;
        for (const auto& [column, rowIndex] : one.slacks) {
            const double slack = relaxed.x[static_cast<std::size_t>(column)];
            if (slack > 1e-6) {
                const auto& info = one.rows[static_cast<std::size_t>(rowIndex)];
                broken.push_back({limitOf(info.kind), info.site, info.quarter, info.offer, info.vendor, slack});
            }
        }
        Plan bought; // what the relaxed MILP buys, for the vendor shares it reaches
        for (const auto& [key, column] : one.buy) {
            const int units = static_cast<int>(std::lround(relaxed.x[static_cast<std::size_t>(column)]));
            if (units > 0) {
                bought.purchases.push_back({std::get<2>(key), std::get<1>(key), std::get<0>(key), units});
            }
        }
        bought.training = m.zeroGrid();
        bought.inference.assign(static_cast<std::size_t>(m.inferenceClasses()), bought.training);
        if (auto cause = explainLimit(m, limitOf(kind), broken, bought)) {
            causes.push_back(std::move(*cause));
        }
    }
    std::stable_sort(causes.begin(), causes.end(),
                     [](const Cause& a, const Cause& b) { return a.relativeChange < b.relativeChange; });
    for (auto it = causes.begin(); it != causes.end() && !cancelled(options);) {
        if (!it->changed) {
            ++it;
            continue;
        }
        PlanModel changed = m;
        changed.scenario = *it->changed;
        changed.resizeRunsInAccelerators();
        const Plan again = solvePlan(changed, options, false);
        // A stop before any plan says so in the diagnosis; a plan has none.
        if (again.status == PlanStatus::Infeasible || !again.diagnosis.empty()) {
            it = causes.erase(it);
            continue;
        }
        it->checked = true;
        break;
    }
    std::stable_partition(causes.begin(), causes.end(), [](const Cause& c) { return c.checked; });
    return causes;
}

} // namespace

Plan solvePlan(const PlanModel& m, const OptimizerOptions& options, bool diagnose)
{
    const auto started = std::chrono::steady_clock::now();
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    Milp milp = buildMilp(m, false);
    fixFirstStage(milp, m, options);
    Plan plan;
    plan.method = "cbc";
    plan.buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    plan.columns = static_cast<int>(milp.columnUpper.size());
    plan.rows = static_cast<int>(milp.rowLower.size());
    plan.integerColumns = static_cast<int>(std::count(milp.integer.begin(), milp.integer.end(), true));
    // CBC's first incumbent: the plan given to start from, or else the greedy plan, when it breaks no limit.
    std::vector<int> startColumns;
    std::vector<double> startValues;
    Plan greedy = greedyPlan(m);
    const Plan* start = &greedy;
    if (options.start != nullptr && fitsShape(m, *options.start) && evaluate(m, *options.start).violations.empty()) {
        start = options.start;
    }
    const Evaluation checked = evaluate(m, *start);
    if (checked.violations.empty()) {
        startAt(m, milp, *start, checked, startColumns, startValues);
    }
    const bool forCapacity = m.scenario.policy.objective == "max_capacity";
    // On a large model CBC's own heuristics rarely improve on the greedy plan within the limit: a
    // start rounded from the LP relaxation (roundedstart.h) does, in a share of the time.
    std::vector<double> found; // the start a search found (columns of `milp`), when it is CBC's start
    double foundCost = startColumns.empty() ? std::numeric_limits<double>::infinity() : checked.costUsd;
    const auto startFromFound = [&](const std::vector<double>& x, double cost) {
        if (!x.empty() && cost < foundCost) {
            Start start = startFrom(milp, x);
            startColumns = std::move(start.columns);
            startValues = std::move(start.values);
            found = x;
            foundCost = cost;
        }
    };
    RoundedStart rounded;
    if (!forCapacity && plan.integerColumns >= roundedStartIntegers) {
        rounded = roundedStart(milp, options, roundedStartShare * options.timeLimitSeconds);
        startFromFound(rounded.x, rounded.objective);
    }
    // With largest training jobs, a start with each job placed whole (largestJobStart), in a share of
    // the time, unless the caller gave a valid start (a sensitivity variant starts from its base plan).
    Solution placed;
    if (!forCapacity && !milp.jobCluster.empty() && start == &greedy) {
        placed = largestJobStart(m, milp, options, largestJobStartShare * options.timeLimitSeconds);
        startFromFound(placed.x, placed.objective);
    }
    OptimizerOptions rest = options;
    const double before = rounded.seconds + placed.seconds; // the start searches' time, before CBC's
    rest.timeLimitSeconds = std::max(1.0, options.timeLimitSeconds - before);
    if (options.progress) {
        rest.progress = [&options, before](SolveProgress progress) {
            progress.seconds += before; // from the plan's start, as its solve time counts
            options.progress(progress);
        };
    }
    Solution solution = forCapacity ? solveForCapacity(milp, m, options, startColumns, startValues)
                                    : solve(milp, rest, startColumns, startValues);
    solution.seconds += before;
    solution.bound = std::max(solution.bound, rounded.bound); // both bound every plan
    if (solution.x.empty() && !found.empty() &&
        (solution.status == PlanStatus::Cancelled || solution.status == PlanStatus::TimeLimit)) {
        // Stopped before CBC handed back an incumbent: the start the search found is the best known.
        solution.x = found;
        solution.objective = foundCost;
    }
    const bool stopped = solution.status == PlanStatus::Cancelled || solution.status == PlanStatus::TimeLimit;
    if (stopped && solution.x.empty() && !startColumns.empty()) {
        // Stopped before CBC handed back an incumbent (at the root it keeps it in its pre-processed
        // columns): the best plan known is the start it was given.
        Plan known = *start;
        known.status = solution.status;
        known.method =
            std::string(start == &greedy ? "greedy" : "given") + " start (CBC stopped before it improved on it)";
        known.objectiveUsd = checked.costUsd;
        known.solveSeconds = solution.seconds;
        known.buildSeconds = plan.buildSeconds;
        known.columns = plan.columns;
        known.rows = plan.rows;
        known.integerColumns = plan.integerColumns;
        known.gap = relativeGap(known.objectiveUsd, solution.bound);
        known.diagnosis.clear();
        return known;
    }
    plan.solveSeconds = solution.seconds;
    plan.status = solution.status;
    if (solution.x.empty()) {
        if (stopped) {
            plan.diagnosis.push_back(
                std::string(plan.status == PlanStatus::Cancelled ? "cancelled" : "the time limit") +
                " came before CBC found a plan, and the greedy start breaks limits: allow more "
                "time (" +
                formatNumber(std::round(solution.seconds * 10.0) / 10.0) + " s so far)");
        }
        if (plan.status == PlanStatus::Infeasible) { // not after a cancel: the planner asked to stop
            // Relax every limit with a penalised slack: the slacks that stay open name what stops it.
            OptimizerOptions relaxed = options;
            relaxed.relativeGap = std::max(options.relativeGap, 0.01);
            Milp elastic = buildMilp(m, true);
            fixFirstStage(elastic, m, options);
            const Solution diagnosis = solve(elastic, relaxed);
            for (const auto& [column, rowIndex] : elastic.slacks) {
                const double slack = diagnosis.x.empty() ? 0.0 : diagnosis.x[static_cast<std::size_t>(column)];
                if (slack > 1e-6) {
                    const auto& info = elastic.rows[static_cast<std::size_t>(rowIndex)];
                    const bool shortfall =
                        info.kind == RowInfo::Kind::TrainingDemand || info.kind == RowInfo::Kind::InferenceDemand ||
                        info.kind == RowInfo::Kind::RunCapacity || info.kind == RowInfo::Kind::RunPlacement ||
                        info.kind == RowInfo::Kind::LargestJob || info.kind == RowInfo::Kind::VendorCount;
                    plan.diagnosis.push_back(
                        describeRow(m, info) + (shortfall ? " cannot be met: short by " : " would be exceeded by ") +
                        (slack >= 100.0 ? groupedNumber(slack) : formatNumber(std::round(slack * 100.0) / 100.0)) +
                        " " + unitOf(info.kind));
                }
            }
            if (diagnose) {
                plan.causes = findCauses(m, elastic, relaxed);
            }
        }
        return plan;
    }
    const auto& x = solution.x;
    plan.objectiveUsd = solution.objective;
    plan.gap = relativeGap(plan.objectiveUsd, solution.bound);
    readPurchasesAndSales(milp, x, plan);
    plan.runSites.assign(m.scenario.trainingRuns.size(), -1);
    plan.runFamilies.assign(m.scenario.trainingRuns.size(), -1);
    for (const auto& [key, column] : milp.place) {
        if (x[static_cast<std::size_t>(column)] > 0.5) {
            plan.runFamilies[static_cast<std::size_t>(std::get<0>(key))] = std::get<1>(key);
            plan.runSites[static_cast<std::size_t>(std::get<0>(key))] = std::get<2>(key);
        }
    }
    if (!milp.reserve.empty()) {
        plan.reserved = m.zeroGrid();
        for (const auto& [key, column] : milp.reserve) {
            const auto [s, j, t] = key;
            plan.reserved(s, j, t) = std::max(0.0, x[static_cast<std::size_t>(column)]);
        }
    }
    if (!milp.build.empty()) {
        plan.buildOutMw.assign(static_cast<std::size_t>(J), std::vector<double>(static_cast<std::size_t>(T), 0.0));
        for (const auto& [key, column] : milp.build) {
            const double mw = x[static_cast<std::size_t>(column)];
            plan.buildOutMw[static_cast<std::size_t>(key.first)][static_cast<std::size_t>(key.second)] =
                mw > 1e-6 ? mw : 0.0;
        }
    }
    plan.training = m.zeroGrid();
    plan.inference.assign(static_cast<std::size_t>(m.inferenceClasses()), plan.training);
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                plan.training(s, j, t) = std::max(0.0, x[static_cast<std::size_t>(milp.train.at({s, j, t}))]);
            }
        }
    }
    for (const auto& [key, column] : milp.serve) {
        const auto [c, s, j, t] = key;
        plan.inference[static_cast<std::size_t>(c)](s, j, t) = std::max(0.0, x[static_cast<std::size_t>(column)]);
    }
    if (!milp.capped.empty()) {
        plan.capped = m.zeroGrid();
        for (const auto& [key, column] : milp.capped) {
            const auto [s, j, t] = key;
            plan.capped(s, j, t) = std::max(0.0, x[static_cast<std::size_t>(column)]);
        }
    }
    readRentals(m, milp, x, plan);
    return plan;
}

Plan optimize(const PlanModel& m, const OptimizerOptions& options)
{
    return solvePlan(m, options, options.findCauses);
}

std::vector<ShadowPrice> shadowPrices(const PlanModel& m, double timeLimitSeconds)
{
    if (m.scenario.policy.objective == "max_capacity") {
        return {}; // the marginal values of the cost LP do not belong to a plan chosen for capacity
    }
    Milp p = buildMilp(m, false);
    // A contract's column bound (the blocks its offer has available over the term) repeats the
    // rented-capacity rows: lift it, so that the rows, not the bounds, carry the marginal value.
    for (const auto& [key, column] : p.rent) {
        p.columnUpper[static_cast<std::size_t>(column)] = infinity;
    }
    const ColumnMatrix a = columnMatrix(p);
    const int columns = static_cast<int>(p.columnUpper.size());
    const std::vector<double> columnLower(static_cast<std::size_t>(columns), 0.0);
    std::unique_ptr<Clp_Simplex, void (*)(Clp_Simplex*)> clp(Clp_newModel(), Clp_deleteModel);
    Clp_setLogLevel(clp.get(), 0);
    Clp_loadProblem(clp.get(), columns, static_cast<int>(p.rowLower.size()), a.start.data(), a.index.data(),
                    a.value.data(), columnLower.data(), p.columnUpper.data(), p.objective.data(), p.rowLower.data(),
                    p.rowUpper.data());
    Clp_setMaximumSeconds(clp.get(), timeLimitSeconds);
    Clp_initialSolve(clp.get());
    std::vector<ShadowPrice> prices;
    if (Clp_status(clp.get()) != 0) {
        return prices; // infeasible, unbounded or out of time: no duals to report
    }
    const double* duals = Clp_dualRowSolution(clp.get());
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        const auto& info = p.rows[r];
        // Minimising: the dual of a ≤ row is ≤ 0; relaxing the row by one unit saves −dual.
        const double saving = -duals[r];
        if (saving <= 1e-6) {
            continue;
        }
        if (info.kind == RowInfo::Kind::Power) {
            prices.push_back({"site_power", info.site, info.quarter, -1, saving * 1000.0, "USD per MW"});
        } else if (info.kind == RowInfo::Kind::Racks) {
            prices.push_back({"site_racks", info.site, info.quarter, -1, saving, "USD per rack position"});
        } else if (info.kind == RowInfo::Kind::Supply) {
            prices.push_back({"supply", -1, info.quarter, info.offer, saving, "USD per unit"});
        } else if (info.kind == RowInfo::Kind::QuarterBudget || info.kind == RowInfo::Kind::TotalBudget) {
            prices.push_back({"budget", -1, info.quarter, -1, saving, "USD per USD"});
        } else if (info.kind == RowInfo::Kind::RentedCapacity) {
            prices.push_back({"rented_capacity", -1, info.quarter, -1, saving, "USD per accelerator", info.offer});
        }
    }
    std::sort(prices.begin(), prices.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
    return prices;
}

std::string shadowPriceSubject(const PlanModel& m, const ShadowPrice& price)
{
    const std::string quarter =
        price.quarter >= 0 ? " in " + m.scenario.firstQuarter.plus(price.quarter).toString() : "";
    const auto site = [&] { return m.scenario.sites[static_cast<std::size_t>(price.site)].name; };
    if (price.constraint == "site_power") {
        return "one more MW at " + site() + quarter;
    }
    if (price.constraint == "site_racks") {
        return "one more rack position at " + site() + quarter;
    }
    if (price.constraint == "supply") {
        return "one more " + offerLabel(m.systems[static_cast<std::size_t>(price.offer)]) + quarter;
    }
    if (price.constraint == "rented_capacity") {
        const auto& offer = m.scenario.cloudOffers[static_cast<std::size_t>(price.cloudOffer)];
        const auto& rented = m.rented[static_cast<std::size_t>(price.cloudOffer)];
        return "one more rented " + rented.accelerator + " from " + offer.provider + " (" + offer.region + ")" +
               quarter;
    }
    return "one more dollar of budget" + quarter;
}

detail::Start detail::startFrom(const Milp& p, const std::vector<double>& x)
{
    Start s;
    for (std::size_t c = 0; c < p.integer.size() && c < x.size(); ++c) {
        if (p.integer[c]) {
            s.columns.push_back(static_cast<int>(c));
            s.values.push_back(std::round(x[c]));
        }
    }
    return s;
}

bool detail::addBlockStart(const PlanModel& m, const Milp& b, const Plan& plan, std::size_t offset, Start& start)
{
    if (!fitsShape(m, plan)) {
        return false;
    }
    const Evaluation checked = evaluate(m, plan);
    if (!checked.violations.empty()) {
        return false;
    }
    std::vector<int> columns;
    std::vector<double> values;
    startAt(m, b, plan, checked, columns, values);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        start.columns.push_back(columns[i] + static_cast<int>(offset));
        start.values.push_back(values[i]);
    }
    return true;
}

detail::SharedColumns detail::firstStageColumns(const std::vector<const Milp*>& milps,
                                                const std::vector<std::size_t>& offsets, int firstStageQuarters)
{
    // Per future: its first-stage columns by key, the power orders' keys (−1, site, quarter) after the purchases'.
    std::vector<std::map<Key, int>> byKey(milps.size());
    std::set<Key> purchases;
    std::set<Key> power;
    for (std::size_t k = 0; k < milps.size(); ++k) {
        const int offset = static_cast<int>(offsets[k]);
        for (const auto& [key, column] : milps[k]->buy) {
            if (std::get<2>(key) < firstStageQuarters) {
                byKey[k][key] = column + offset;
                purchases.insert(key);
            }
        }
        for (const auto& [key, column] : milps[k]->build) {
            if (key.second < firstStageQuarters) {
                byKey[k][{-1, key.first, key.second}] = column + offset;
                power.insert({-1, key.first, key.second});
            }
        }
    }
    SharedColumns f;
    f.columns.resize(milps.size());
    f.absent.resize(milps.size());
    const auto share = [&](const std::set<Key>& keys) {
        for (const Key& key : keys) {
            const bool everywhere =
                std::all_of(byKey.begin(), byKey.end(), [&](const auto& columns) { return columns.contains(key); });
            if (everywhere) {
                f.keys.push_back(key);
            }
            for (std::size_t k = 0; k < milps.size(); ++k) {
                const auto it = byKey[k].find(key);
                if (it != byKey[k].end()) {
                    (everywhere ? f.columns[k] : f.absent[k]).push_back(it->second);
                }
            }
        }
    };
    share(purchases);
    f.purchases = f.keys.size();
    share(power);
    return f;
}

namespace {

/// The mean–CVaR blend in the extensive form (Rockafellar and Uryasev 2000, "Optimization of
/// conditional value-at-risk", J. Risk 2(3)): with c_k future k's NPV cost (its block's objective
/// and constant), the objective (1 − w) Σ p_k c_k (already in `ef`) gains w (η + Σ p_k s_k ÷ (1 − α))
/// with s_k ≥ c_k − η, s_k ≥ 0 and η free (η⁺ − η⁻, both ≥ 0). At an optimum η is the α quantile of
/// the costs and the bracket their CVaR_α. Returns the column of η⁺; η⁻ and then s_k per future follow it.
std::size_t addCvarTerms(Milp& ef, const std::vector<std::pair<std::size_t, std::size_t>>& blocks,
                         const std::vector<std::vector<double>>& costs, const std::vector<double>& constants,
                         const std::vector<double>& probabilities, const MeanCvar& objective)
{
    const auto column = [&ef](double cost) {
        ef.columnUpper.push_back(infinity);
        ef.objective.push_back(cost);
        ef.integer.push_back(false);
        ef.byColumn.emplace_back();
        return ef.byColumn.size() - 1;
    };
    const std::size_t etaUp = column(objective.weight);
    const std::size_t etaDown = column(-objective.weight);
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        const int row = static_cast<int>(ef.rowLower.size());
        const std::size_t excess = column(objective.weight * probabilities[k] / (1.0 - objective.alpha));
        // s_k − Σ cost_c x_c + η⁺ − η⁻ ≥ constant_k
        ef.byColumn[excess].emplace_back(row, 1.0);
        ef.byColumn[etaUp].emplace_back(row, 1.0);
        ef.byColumn[etaDown].emplace_back(row, -1.0);
        const auto [first, count] = blocks[k];
        for (std::size_t c = 0; c < count; ++c) {
            if (costs[k][c] != 0.0) {
                ef.byColumn[first + c].emplace_back(row, -costs[k][c]);
            }
        }
        ef.rowLower.push_back(constants[k]);
        ef.rowUpper.push_back(infinity);
        ef.rows.push_back({RowInfo::Kind::Use, -1, -1, -1, {}});
    }
    return etaUp;
}

/// The start's values over all `columns` of the extensive form (0 where it sets none).
std::vector<double> startPoint(const Start& start, std::size_t columns)
{
    std::vector<double> x(columns, 0.0);
    for (std::size_t i = 0; i < start.columns.size(); ++i) {
        x[static_cast<std::size_t>(start.columns[i])] = start.values[i];
    }
    return x;
}

/// Whether `x` decides the same first stage in every future (power to within 1e-9 MW) and nothing in a
/// first-stage column some future lacks.
bool sharesFirstStage(const SharedColumns& first, const std::vector<double>& x)
{
    const auto at = [&x](int column) { return x[static_cast<std::size_t>(column)]; };
    for (std::size_t i = 0; i < first.keys.size(); ++i) {
        for (const auto& columns : first.columns) {
            if (std::fabs(at(columns[i]) - at(first.columns[0][i])) > 1e-9) {
                return false;
            }
        }
    }
    return std::all_of(first.absent.begin(), first.absent.end(), [&](const std::vector<int>& columns) {
        return std::all_of(columns.begin(), columns.end(), [&](int column) { return at(column) == 0.0; });
    });
}

/// The start's objective in the extensive form, its futures costing `costUsd`: (1 − w) Σ p_k c_k, and
/// under mean–CVaR w (η + Σ p_k s_k ÷ (1 − α)) with η the α quantile of the costs (weightedQuantile)
/// and s_k = max(0, c_k − η), those columns (η⁺ at `eta`, then η⁻, then s_k per future) appended to
/// `start`. With the probabilities summing to 1 the bracket is the costs' CVaR_α (Rockafellar and
/// Uryasev 2002): the objective is the start's mean–CVaR blend.
double completeStart(const std::vector<double>& costUsd, const std::vector<double>& probabilities,
                     const MeanCvar& objective, std::size_t eta, Start& start)
{
    double objectiveUsd = 0.0;
    std::vector<WeightedValue> sample;
    for (std::size_t k = 0; k < costUsd.size(); ++k) {
        objectiveUsd += (1.0 - objective.weight) * probabilities[k] * costUsd[k];
        sample.push_back({costUsd[k], probabilities[k]});
    }
    if (objective.weight == 0.0) {
        return objectiveUsd;
    }
    const auto set = [&start](std::size_t column, double value) {
        start.columns.push_back(static_cast<int>(column));
        start.values.push_back(value);
    };
    const double valueAtRisk = weightedQuantile(sample, objective.alpha);
    set(eta, std::max(0.0, valueAtRisk));
    set(eta + 1, std::max(0.0, -valueAtRisk));
    objectiveUsd += objective.weight * valueAtRisk;
    for (std::size_t k = 0; k < costUsd.size(); ++k) {
        const double excess = std::max(0.0, costUsd[k] - valueAtRisk);
        set(eta + 2 + k, excess);
        objectiveUsd += objective.weight * probabilities[k] * excess / (1.0 - objective.alpha);
    }
    return objectiveUsd;
}

/// The first stage `x` decides, read in the first future's columns.
FirstStage firstStageDecided(const SharedColumns& first, const std::vector<double>& x)
{
    std::vector<double> values;
    for (const int column : first.columns[0]) {
        values.push_back(x[static_cast<std::size_t>(column)]);
    }
    return detail::firstStageOf(first, values);
}

} // namespace

FirstStage detail::firstStageOf(const SharedColumns& first, const std::vector<double>& values)
{
    FirstStage decided;
    for (std::size_t i = 0; i < first.keys.size(); ++i) {
        const auto [offer, site, quarter] = first.keys[i];
        if (first.isPower(i) && values[i] > 1e-9) {
            decided.power.push_back({quarter, site, values[i]});
        } else if (!first.isPower(i) && std::lround(values[i]) > 0) {
            decided.purchases.push_back({quarter, site, offer, static_cast<int>(std::lround(values[i]))});
        }
    }
    sortFirstStage(decided);
    return decided;
}

ExtensiveForm solveExtensiveForm(const std::vector<PlanModel>& futures, const std::vector<double>& probabilities,
                                 int firstStageQuarters, const OptimizerOptions& options, const MeanCvar& objective,
                                 const std::vector<Plan>* start)
{
    Milp ef;
    std::vector<Milp> keyed;                                 // per future: its purchase and build-out columns alone
    std::vector<std::pair<std::size_t, std::size_t>> blocks; // per future: its first column, column count
    std::vector<double> constants;                           // per future: its installed base's running cost
    std::vector<std::vector<double>> costs;                  // per future: its block's own objective
    const double meanWeight = 1.0 - objective.weight;
    Start begin; // CBC's first incumbent: the start plans, block by block
    bool started = start != nullptr && start->size() == futures.size() && !futures.empty();
    for (std::size_t k = 0; k < futures.size(); ++k) {
        const Milp b = buildMilp(futures[k], false);
        const auto columnOffset = ef.columnUpper.size();
        const auto rowOffset = static_cast<int>(ef.rowLower.size());
        blocks.emplace_back(columnOffset, b.columnUpper.size());
        costs.push_back(b.objective);
        for (std::size_t c = 0; c < b.columnUpper.size(); ++c) {
            ef.columnUpper.push_back(b.columnUpper[c]);
            ef.objective.push_back(meanWeight * probabilities[k] * b.objective[c]);
            ef.integer.push_back(b.integer[c]);
            ef.byColumn.emplace_back();
            for (const auto& [r, v] : b.byColumn[c]) {
                ef.byColumn.back().emplace_back(r + rowOffset, v);
            }
        }
        ef.rowLower.insert(ef.rowLower.end(), b.rowLower.begin(), b.rowLower.end());
        ef.rowUpper.insert(ef.rowUpper.end(), b.rowUpper.begin(), b.rowUpper.end());
        ef.rows.insert(ef.rows.end(), b.rows.begin(), b.rows.end());
        ef.constant += meanWeight * probabilities[k] * b.constant;
        constants.push_back(b.constant);
        keyed.emplace_back().buy = b.buy;
        keyed.back().build = b.build;
        started = started && addBlockStart(futures[k], b, (*start)[k], columnOffset, begin);
    }
    // Non-anticipativity: a first-stage purchase or power order is the same in every future (0 where one
    // forbids it).
    std::vector<const Milp*> milps;
    std::vector<std::size_t> offsets; // per future: its first column in `ef`
    for (std::size_t k = 0; k < futures.size(); ++k) {
        milps.push_back(&keyed[k]);
        offsets.push_back(blocks[k].first);
    }
    const detail::SharedColumns first = detail::firstStageColumns(milps, offsets, firstStageQuarters);
    const auto link = [&](std::vector<std::pair<int, double>> terms) {
        const int r = static_cast<int>(ef.rowLower.size());
        for (const auto& [column, coefficient] : terms) {
            ef.byColumn[static_cast<std::size_t>(column)].emplace_back(r, coefficient);
        }
        ef.rowLower.push_back(0.0);
        ef.rowUpper.push_back(0.0);
        ef.rows.push_back({RowInfo::Kind::Use, -1, -1, -1, {}});
    };
    for (std::size_t i = 0; i < first.keys.size(); ++i) {
        for (std::size_t k = 1; k < futures.size(); ++k) {
            link({{first.columns[0][i], 1.0}, {first.columns[k][i], -1.0}});
        }
    }
    for (const auto& columns : first.absent) {
        for (const int column : columns) {
            link({{column, 1.0}});
        }
    }
    const std::size_t eta =
        objective.weight > 0.0 ? addCvarTerms(ef, blocks, costs, constants, probabilities, objective) : 0;
    ExtensiveForm result;
    result.columns = static_cast<int>(ef.columnUpper.size());
    result.rows = static_cast<int>(ef.rowLower.size());
    std::vector<double> startCostUsd; // per future: its start plan's NPV cost
    if (started && sharesFirstStage(first, startPoint(begin, ef.columnUpper.size()))) {
        for (const Plan& plan : *start) {
            startCostUsd.push_back(plan.objectiveUsd);
        }
        result.started = true;
        result.startObjectiveUsd = completeStart(startCostUsd, probabilities, objective, eta, begin);
    } else {
        begin = {};
    }
    const Solution solution = solve(ef, options, begin.columns, begin.values);
    result.status = solution.status;
    result.solveSeconds = solution.seconds;
    const double unimproved = result.startObjectiveUsd - 1e-6 * std::max(1.0, std::fabs(result.startObjectiveUsd));
    result.startKept = result.started && (solution.x.empty() || solution.objective > unimproved);
    if (result.startKept) { // CBC stopped before it improved on the start: the start is the best plan known
        result.status = solution.status == PlanStatus::Infeasible ? PlanStatus::Feasible : solution.status;
        result.objectiveUsd = result.startObjectiveUsd;
        result.boundUsd = std::min(solution.bound, result.objectiveUsd);
        result.firstStage = firstStageDecided(first, startPoint(begin, ef.columnUpper.size()));
        result.futureCostUsd = startCostUsd;
        return result;
    }
    if (solution.x.empty()) {
        return result;
    }
    result.objectiveUsd = solution.objective;
    result.boundUsd = std::min(solution.bound, solution.objective);
    result.firstStage = firstStageDecided(first, solution.x);
    for (std::size_t k = 0; k < futures.size(); ++k) {
        double cost = constants[k];
        const auto [block, count] = blocks[k];
        for (std::size_t c = 0; c < count; ++c) {
            cost += costs[k][c] * solution.x[block + c];
        }
        result.futureCostUsd.push_back(cost);
    }
    return result;
}

} // namespace fw::core::plan
