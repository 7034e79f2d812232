// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/plan: the purchase MILP in column form and one CBC solve of it, shared by the
// optimizer (optimizer.cpp, which defines them) and progressive hedging (hedging.cpp). Not an
// interface of the library: apps and the GUI plan through optimizer.h and stochastic.h.

#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/plan/optimizer.h"

namespace fw::core::plan::detail {

/// Index of a column per (offer or system, site, quarter).
using Key = std::tuple<int, int, int>;

/// What a row stands for, so slacks and re-solves can be reported in the planner's words.
struct RowInfo {
    enum class Kind {
        Use,
        TrainingDemand,
        InferenceDemand,
        Power,
        Supply,
        QuarterBudget,
        VendorShare,
        TotalBudget,
        RunPlacement,
        RunCapacity,
        VendorCount,
        Racks,
        Capacity,
        ExportCap,
        RentedCapacity, ///< a cloud offer's accelerators available in a quarter; `offer` is the cloud offer
        LargestJob ///< the quarter's largest training job held whole; `site`/`offer`: the cluster's site and family
                   ///< (or −1 and the cloud offer, as `vendor` "rented"), both −1 for the row that picks one
    };
    Kind kind = Kind::Use;
    int site = -1;
    int quarter = -1;
    int offer = -1;
    std::string vendor; ///< or, for an export cap, the cap and its running total
};

/// A column or row side without a bound.
inline constexpr double infinity = std::numeric_limits<double>::max();

/// The MILP in column form, ready for CBC and Clp.
struct Milp {
    std::vector<double> columnUpper;
    std::vector<double> objective;
    std::vector<bool> integer;
    std::vector<double> rowLower;
    std::vector<double> rowUpper;
    std::vector<RowInfo> rows;
    std::vector<std::vector<std::pair<int, double>>> byColumn;
    std::map<Key, int> buy;
    std::map<Key, int> retire;                ///< (system, site, quarter): installed units sold at the quarter's start
    std::map<std::pair<int, int>, int> build; ///< (site, quarter): MW of power build-out ordered
    std::map<Key, int> place;                 ///< (run, family, site): the named run is served there, whole
    std::map<Key, int> reserve;               ///< (system, site, quarter): units reserved for named runs
    std::map<std::pair<int, std::string>, int> counted; ///< (quarter, vendor): it holds its minimum share
    std::map<Key, int> racks; ///< (system, site, quarter): racks its units take, where racks are counted
    std::map<Key, int> train;
    /// (system, site, quarter): units in the site's capped power domain (sites that oversubscribe),
    /// and those of them in service, which draw at most their cap
    std::map<Key, int> capped;
    std::map<Key, int> cappedBusy;
    std::map<std::tuple<int, int, int, int>, int> serve; ///< (class, system, site, quarter), where it can serve
    std::map<Key, int> fabricGrowth;                     ///< (family, site, quarter): accelerators the fabric grows by
    std::map<Key, int> threeTierGrowth;                  ///< (family, site, quarter): the same, on a three-tier fabric
    std::map<std::pair<int, int>, int> threeTier;        ///< (family, site): the fabric there is three-tier
    std::map<std::pair<int, int>, int> unserved; ///< (−1 training or inference class, quarter): forecast left unserved
    std::map<std::pair<int, int>, int> rent;     ///< (cloud offer, start quarter): blocks contracted
    std::map<std::pair<int, int>, int>
        committed; ///< (cloud offer, start quarter): a contract there (minimum commitment)
    std::map<std::pair<int, int>, int> rentTrain; ///< (cloud offer, quarter): rented accelerators training
    std::map<Key, int> rentServe;                 ///< (class, cloud offer, quarter): rented accelerators serving
    std::map<std::pair<int, int>, int> runRent;   ///< (run, cloud offer): the named run rented there on demand
    std::map<Key, int> jobCluster; ///< (family, site, quarter): the quarter's largest training job runs there
    std::map<std::pair<int, int>, int> jobRented; ///< (cloud offer, quarter): it runs on that offer's accelerators
    std::map<int, int> jobLeft;                   ///< quarter: it is left unserved (forecast training demand)
    std::vector<std::pair<int, int>> slacks;      ///< (column, row) of elastic slacks
    double constant = 0.0;                        ///< running cost of the installed base, outside the solver
};

/// What one CBC solve of a Milp found. `x` is empty when there is no plan; objective and bound are
/// NPV USD with the Milp's constant added back.
struct Solution {
    PlanStatus status = PlanStatus::Infeasible;
    std::vector<double> x;
    double objective = 0.0;
    double bound = 0.0; ///< CBC's best possible objective: no choice of the columns costs less
    double seconds = 0.0;
};

/// Builds the purchase MILP. With `elastic`, every demand, power, supply and budget row gets a
/// slack column with a large penalty, so an infeasible scenario still solves and the slacks say
/// which limits stop it; with `relaxOnly` too, only the rows of those kinds do, so the MILP is
/// feasible only when relaxing that one family of limits is enough.
Milp buildMilp(const PlanModel& m, bool elastic, const std::set<RowInfo::Kind>& relaxOnly = {});

/// Solves `p` with CBC (single-threaded, one solve at a time in the process: CBC's driver keeps its
/// options in globals); `startColumns`/`startValues`, when given, are a known feasible choice of the
/// integer columns that CBC starts from, so a time limit never ends without a plan. `options.cancel`
/// ends the solve early (status Cancelled, with the best plan found so far if any);
/// `options.progress` is told of the incumbent and bound while CBC runs. Blocking.
Solution solve(const Milp& p, const OptimizerOptions& options, const std::vector<int>& startColumns = {},
               const std::vector<double>& startValues = {});

/// The first-stage columns of a two-stage problem over futures whose MILPs are `milps`: the purchase
/// columns ((offer, site, quarter) → column in `buy`) and the power build-out columns ((site, quarter)
/// → column in `build`) of quarters before `firstStageQuarters`, each column shifted by its future's
/// offset in `offsets` (its first column in the extensive form; 0 for each future's own MILP). The keys
/// every future has, and per future the column of each; a first-stage key some future lacks is held at
/// 0 in the others (`absent`), as no shared decision can include it.
struct SharedColumns {
    /// In key order: the purchases (offer, site, quarter) first, then the power orders (−1, site, quarter).
    std::vector<Key> keys;
    std::size_t purchases = 0;             ///< keys before this are whole units; those from it on, MW
    std::vector<std::vector<int>> columns; ///< [future][key]
    std::vector<std::vector<int>> absent;  ///< [future]: its first-stage columns some other future lacks
    bool isPower(std::size_t key) const { return key >= purchases; }
};
SharedColumns firstStageColumns(const std::vector<const Milp*>& milps, const std::vector<std::size_t>& offsets,
                                int firstStageQuarters);

/// The first stage of `values` (one per key of `first`): purchases in whole units (rounded), power
/// orders from 1e-9 MW on, in order (sortFirstStage).
FirstStage firstStageOf(const SharedColumns& first, const std::vector<double>& values);

/// The integer columns of `p` and their values in `x`, rounded: a MIP start for solve().
struct Start {
    std::vector<int> columns;
    std::vector<double> values;
};
Start startFrom(const Milp& p, const std::vector<double>& x);

/// Appends `plan` as the integer columns of its future's MILP `b` (which starts at column `offset`
/// of the extensive form; 0 for the future's own MILP) to `start`, as the deterministic optimizer's
/// start (startAt); false, and nothing appended, when the plan is of another shape or breaks a limit
/// of its future `m`.
bool addBlockStart(const PlanModel& m, const Milp& b, const Plan& plan, std::size_t offset, Start& start);

/// Σ objective × x + constant: what `x` costs in `p`'s objective.
double objectiveOf(const Milp& p, const std::vector<double>& x);

} // namespace fw::core::plan::detail
