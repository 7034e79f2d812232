// SPDX-License-Identifier: Apache-2.0
#include "core/plan/optimizer.h"

#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "core/numbertext.h"
#include "core/plan/evaluator.h"

namespace fw::core::plan {
namespace {

/// Index of a column per (offer or system, site, quarter).
using Key = std::tuple<int, int, int>;

constexpr double infinity = std::numeric_limits<double>::max();

struct CbcDeleter {
    void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

/// What a row stands for, so slacks and re-solves can be reported in the planner's words.
struct RowInfo {
    enum class Kind { Use, TrainingDemand, InferenceDemand, Power, Supply, QuarterBudget, VendorShare, TotalBudget };
    Kind kind = Kind::Use;
    int site = -1;
    int quarter = -1;
    int offer = -1;
    std::string vendor;
};

/// The MILP in column form, ready for Cbc_loadProblem.
struct Milp {
    std::vector<double> columnUpper;
    std::vector<double> objective;
    std::vector<bool> integer;
    std::vector<double> rowLower;
    std::vector<double> rowUpper;
    std::vector<RowInfo> rows;
    std::vector<std::vector<std::pair<int, double>>> byColumn;
    std::map<Key, int> buy;
    std::map<Key, int> train;
    std::map<Key, int> serve;
    std::vector<std::pair<int, int>> slacks; ///< (column, row) of elastic slacks
    double constant = 0.0;                   ///< running cost of the installed base, outside the solver
};

/// Builds the purchase MILP. With `elastic`, every demand, power, supply and budget row gets a
/// slack column with a large penalty, so an infeasible scenario still solves and the slacks say
/// which limits stop it.
Milp buildMilp(const PlanModel& m, bool elastic)
{
    const auto& sc = m.scenario;
    const int S = static_cast<int>(m.systems.size());
    const int O = m.offers();
    const int J = m.sites();
    const int T = m.quarters();
    Milp p;
    const auto addColumn = [&](double upper, double cost, bool isInteger) {
        p.columnUpper.push_back(upper);
        p.objective.push_back(cost);
        p.integer.push_back(isInteger);
        p.byColumn.emplace_back();
        return static_cast<int>(p.columnUpper.size()) - 1;
    };
    for (int o = 0; o < O; ++o) {
        const int lead = sc.market[static_cast<std::size_t>(o)].leadQuarters;
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                if (!m.allowed[o][j][t]) {
                    continue;
                }
                double cost = m.systems[o].priceUsd * (m.discount(t) - m.discount(T) * m.residualShare(t));
                for (int tau = t + lead; tau < T; ++tau) {
                    cost += m.runCostPerQuarter(o, j) * m.discount(tau);
                }
                p.buy[{o, j, t}] = addColumn(sc.market[static_cast<std::size_t>(o)].supplyPerQuarter, cost, true);
            }
        }
    }
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                p.train[{s, j, t}] = addColumn(infinity, 0.0, false);
                p.serve[{s, j, t}] = addColumn(infinity, 0.0, false);
                p.constant += m.base[s][j] * m.runCostPerQuarter(s, j) * m.discount(t);
            }
        }
    }
    std::vector<int> cols;
    std::vector<double> coefs;
    const auto term = [&](int column, double coefficient) {
        cols.push_back(column);
        coefs.push_back(coefficient);
    };
    const auto row = [&](char sense, double rhs, RowInfo info, double penalty = 0.0) {
        const int r = static_cast<int>(p.rowLower.size());
        p.rowLower.push_back(sense == 'G' ? rhs : -infinity);
        p.rowUpper.push_back(sense == 'L' ? rhs : infinity);
        p.rows.push_back(std::move(info));
        if (elastic && penalty > 0.0) {
            // A ≥ row may fall short, a ≤ row may run over, at `penalty` per unit.
            const int slack = addColumn(infinity, penalty, false);
            term(slack, sense == 'G' ? 1.0 : -1.0);
            p.slacks.emplace_back(slack, r);
        }
        for (std::size_t k = 0; k < cols.size(); ++k) {
            p.byColumn[static_cast<std::size_t>(cols[k])].emplace_back(r, coefs[k]);
        }
        cols.clear();
        coefs.clear();
    };
    /// Adds coefficient × (units of offer s bought for site j that have arrived by quarter t).
    const auto arrived = [&](int s, int j, int t, double coefficient) {
        if (s >= O) {
            return;
        }
        for (int tau = 0; tau + sc.market[static_cast<std::size_t>(s)].leadQuarters <= t; ++tau) {
            if (const auto it = p.buy.find({s, j, tau}); it != p.buy.end()) {
                term(it->second, coefficient);
            }
        }
    };
    using Kind = RowInfo::Kind;
    // Use of installed units: training + inference ≤ base + arrived purchases.
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                term(p.train[{s, j, t}], 1.0);
                term(p.serve[{s, j, t}], 1.0);
                arrived(s, j, t, -1.0);
                row('L', m.base[s][j], {Kind::Use, j, t, s, {}});
            }
        }
    }
    const double need = 1.0 + sc.policy.headroom;
    constexpr double penalty = 1e9; // USD per unit of a broken limit: far above any purchase
    for (int t = 0; t < T; ++t) {
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                if (m.systems[s].trainingPflops > 0) {
                    term(p.train[{s, j, t}], m.systems[s].trainingPflops);
                }
            }
        }
        row('G', sc.demandIn(t).trainingPflops * need, {Kind::TrainingDemand, -1, t, -1, {}}, penalty);
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                if (m.systems[s].inferenceTokensPerSecond > 0) {
                    term(p.serve[{s, j, t}], m.systems[s].inferenceTokensPerSecond);
                }
            }
        }
        row('G', sc.demandIn(t).inferenceTokensPerSecond * need, {Kind::InferenceDemand, -1, t, -1, {}}, penalty / 1e4);
        // Site power: facility kW of everything installed.
        for (int j = 0; j < J; ++j) {
            double baseKw = 0.0;
            for (int s = 0; s < S; ++s) {
                baseKw += m.base[s][j] * m.facilityKw(s, j);
                arrived(s, j, t, m.facilityKw(s, j));
            }
            row('L', sc.sites[static_cast<std::size_t>(j)].availableMw(t) * 1000.0 - baseKw,
                {Kind::Power, j, t, -1, {}}, penalty / 1e3);
        }
        for (int o = 0; o < O; ++o) {
            for (int j = 0; j < J; ++j) {
                if (const auto it = p.buy.find({o, j, t}); it != p.buy.end()) {
                    term(it->second, 1.0);
                }
            }
            if (!cols.empty()) {
                row('L', sc.market[static_cast<std::size_t>(o)].supplyPerQuarter, {Kind::Supply, -1, t, o, {}});
            }
        }
        if (sc.policy.budgetUsdPerQuarter) {
            for (const auto& [key, column] : p.buy) {
                if (std::get<2>(key) == t) {
                    term(column, m.systems[std::get<0>(key)].priceUsd);
                }
            }
            row('L', *sc.policy.budgetUsdPerQuarter, {Kind::QuarterBudget, -1, t, -1, {}}, 10.0);
        }
        // Vendor share of dense peak: Σ units × peak × (1[vendor] − α) ≤ 0.
        if (sc.policy.maxVendorShare < 1.0) {
            std::map<std::string, bool> vendors;
            for (const auto& f : m.systems) {
                vendors[f.vendor] = true;
            }
            for (const auto& [vendor, unused] : vendors) {
                double constant = 0.0;
                for (int s = 0; s < S; ++s) {
                    const double c = m.systems[s].peakPflops *
                                     ((m.systems[s].vendor == vendor ? 1.0 : 0.0) - sc.policy.maxVendorShare);
                    for (int j = 0; j < J; ++j) {
                        constant += m.base[s][j] * c;
                        arrived(s, j, t, c);
                    }
                }
                row('L', -constant, {Kind::VendorShare, -1, t, -1, vendor}, penalty);
            }
        }
    }
    if (sc.policy.budgetUsdTotal) {
        for (const auto& [key, column] : p.buy) {
            term(column, m.systems[std::get<0>(key)].priceUsd);
        }
        row('L', *sc.policy.budgetUsdTotal, {Kind::TotalBudget, -1, -1, -1, {}}, 10.0);
    }
    return p;
}

struct Solution {
    PlanStatus status = PlanStatus::Infeasible;
    std::vector<double> x;
    double objective = 0.0;
    double bound = 0.0;
    double seconds = 0.0;
};

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

/// Solves `p`; `startColumns`/`startValues`, when given, are a known feasible choice of the
/// integer columns that CBC starts from, so a time limit never ends without a plan.
Solution solve(const Milp& p, const OptimizerOptions& options, const std::vector<int>& startColumns = {},
               const std::vector<double>& startValues = {})
{
    const auto started = std::chrono::steady_clock::now();
    const ColumnMatrix a = columnMatrix(p);
    const int columns = static_cast<int>(p.columnUpper.size());
    std::unique_ptr<Cbc_Model, CbcDeleter> cbc(Cbc_newModel());
    Cbc_setLogLevel(cbc.get(), 0);
    const std::vector<double> columnLower(static_cast<std::size_t>(columns), 0.0);
    Cbc_loadProblem(cbc.get(), columns, static_cast<int>(p.rowLower.size()), a.start.data(), a.index.data(),
                    a.value.data(), columnLower.data(), p.columnUpper.data(), p.objective.data(), p.rowLower.data(),
                    p.rowUpper.data());
    for (int c = 0; c < columns; ++c) {
        if (p.integer[static_cast<std::size_t>(c)]) {
            Cbc_setInteger(cbc.get(), c);
        }
    }
    if (!startColumns.empty()) {
        Cbc_setMIPStartI(cbc.get(), static_cast<int>(startColumns.size()), startColumns.data(), startValues.data());
    }
    Cbc_setParameter(cbc.get(), "timeMode", "elapsed"); // the limit is wall-clock time, not CPU time
    Cbc_setMaximumSeconds(cbc.get(), options.timeLimitSeconds);
    Cbc_setAllowableFractionGap(cbc.get(), options.relativeGap);
    Cbc_solve(cbc.get());
    Solution s;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const bool hasSolution = Cbc_numberSavedSolutions(cbc.get()) > 0 || Cbc_isProvenOptimal(cbc.get());
    if (Cbc_isProvenInfeasible(cbc.get()) || !hasSolution) {
        s.status = Cbc_isSecondsLimitReached(cbc.get()) ? PlanStatus::TimeLimit : PlanStatus::Infeasible;
        return s;
    }
    s.status = Cbc_isProvenOptimal(cbc.get())         ? PlanStatus::Optimal
               : Cbc_isSecondsLimitReached(cbc.get()) ? PlanStatus::TimeLimit
                                                      : PlanStatus::Feasible;
    const double* x = Cbc_getColSolution(cbc.get());
    s.x.assign(x, x + columns);
    // The running cost of the installed base is a constant of the objective: add it back so the
    // objective is the plan's whole cost, as the evaluator computes it.
    s.objective = Cbc_getObjValue(cbc.get()) + p.constant;
    s.bound = Cbc_getBestPossibleObjValue(cbc.get()) + p.constant;
    return s;
}

std::string describeRow(const PlanModel& m, const RowInfo& info)
{
    const auto& sc = m.scenario;
    const std::string quarter = info.quarter >= 0 ? sc.firstQuarter.plus(info.quarter).toString() : "the horizon";
    switch (info.kind) {
    case RowInfo::Kind::TrainingDemand: return quarter + " training demand";
    case RowInfo::Kind::InferenceDemand: return quarter + " inference demand";
    case RowInfo::Kind::Power:
        return "power at " + sc.sites[static_cast<std::size_t>(info.site)].name + " in " + quarter;
    case RowInfo::Kind::Supply:
        return "supply of " + sc.market[static_cast<std::size_t>(info.offer)].system + " in " + quarter;
    case RowInfo::Kind::QuarterBudget: return "budget of " + quarter;
    case RowInfo::Kind::VendorShare: return "share of " + info.vendor + " in " + quarter;
    case RowInfo::Kind::TotalBudget: return "total budget";
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
    default: return "units";
    }
}

} // namespace

Plan optimize(const PlanModel& m, const OptimizerOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    const Milp milp = buildMilp(m, false);
    Plan plan;
    plan.method = "cbc";
    plan.buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    plan.columns = static_cast<int>(milp.columnUpper.size());
    plan.rows = static_cast<int>(milp.rowLower.size());
    plan.integerColumns = static_cast<int>(milp.buy.size());
    // The greedy plan, when it breaks no limit, is CBC's first incumbent.
    std::vector<int> startColumns;
    std::vector<double> startValues;
    if (const Plan greedy = greedyPlan(m); evaluate(m, greedy).violations.empty()) {
        std::map<Key, int> bought;
        for (const auto& p : greedy.purchases) {
            bought[{p.offer, p.site, p.quarter}] += p.count;
        }
        for (const auto& [key, column] : milp.buy) {
            startColumns.push_back(column);
            startValues.push_back(bought.contains(key) ? bought.at(key) : 0.0);
        }
    }
    const Solution solution = solve(milp, options, startColumns, startValues);
    plan.solveSeconds = solution.seconds;
    plan.status = solution.status;
    if (solution.x.empty()) {
        if (plan.status == PlanStatus::Infeasible) {
            // Relax every limit with a penalised slack: the slacks that stay open name what stops it.
            OptimizerOptions relaxed = options;
            relaxed.relativeGap = std::max(options.relativeGap, 0.01);
            const Milp elastic = buildMilp(m, true);
            const Solution diagnosis = solve(elastic, relaxed);
            for (const auto& [column, rowIndex] : elastic.slacks) {
                const double slack = diagnosis.x.empty() ? 0.0 : diagnosis.x[static_cast<std::size_t>(column)];
                if (slack > 1e-6) {
                    const auto& info = elastic.rows[static_cast<std::size_t>(rowIndex)];
                    const bool shortfall =
                        info.kind == RowInfo::Kind::TrainingDemand || info.kind == RowInfo::Kind::InferenceDemand;
                    plan.diagnosis.push_back(describeRow(m, info) +
                                             (shortfall ? " cannot be met: short by " : " would be exceeded by ") +
                                             formatNumber(std::round(slack * 100.0) / 100.0) + " " + unitOf(info.kind));
                }
            }
        }
        return plan;
    }
    const auto& x = solution.x;
    plan.objectiveUsd = solution.objective;
    plan.gap = std::abs(plan.objectiveUsd) > 1e-9
                   ? std::max(0.0, (plan.objectiveUsd - solution.bound) / std::abs(plan.objectiveUsd))
                   : 0.0;
    for (const auto& [key, column] : milp.buy) {
        const int units = static_cast<int>(std::lround(x[static_cast<std::size_t>(column)]));
        if (units > 0) {
            plan.purchases.push_back({std::get<2>(key), std::get<1>(key), std::get<0>(key), units});
        }
    }
    std::sort(plan.purchases.begin(), plan.purchases.end(), [](const Purchase& a, const Purchase& b) {
        return std::tie(a.quarter, a.site, a.offer) < std::tie(b.quarter, b.site, b.offer);
    });
    plan.training.assign(static_cast<std::size_t>(S),
                         std::vector<std::vector<double>>(static_cast<std::size_t>(J),
                                                          std::vector<double>(static_cast<std::size_t>(T))));
    plan.inference = plan.training;
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                plan.training[s][j][t] = std::max(0.0, x[static_cast<std::size_t>(milp.train.at({s, j, t}))]);
                plan.inference[s][j][t] = std::max(0.0, x[static_cast<std::size_t>(milp.serve.at({s, j, t}))]);
            }
        }
    }
    return plan;
}

std::vector<ShadowPrice> shadowPrices(const PlanModel& m)
{
    const Milp p = buildMilp(m, false);
    const ColumnMatrix a = columnMatrix(p);
    const int columns = static_cast<int>(p.columnUpper.size());
    const std::vector<double> columnLower(static_cast<std::size_t>(columns), 0.0);
    std::unique_ptr<Clp_Simplex, void (*)(Clp_Simplex*)> clp(Clp_newModel(), Clp_deleteModel);
    Clp_setLogLevel(clp.get(), 0);
    Clp_loadProblem(clp.get(), columns, static_cast<int>(p.rowLower.size()), a.start.data(), a.index.data(),
                    a.value.data(), columnLower.data(), p.columnUpper.data(), p.objective.data(), p.rowLower.data(),
                    p.rowUpper.data());
    Clp_initialSolve(clp.get());
    std::vector<ShadowPrice> prices;
    if (Clp_status(clp.get()) != 0) {
        return prices; // the relaxation is infeasible or unbounded: no duals to report
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
        } else if (info.kind == RowInfo::Kind::Supply) {
            prices.push_back({"supply", -1, info.quarter, info.offer, saving, "USD per unit"});
        } else if (info.kind == RowInfo::Kind::QuarterBudget || info.kind == RowInfo::Kind::TotalBudget) {
            prices.push_back({"budget", -1, info.quarter, -1, saving, "USD per USD"});
        }
    }
    std::sort(prices.begin(), prices.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
    return prices;
}

} // namespace fw::core::plan
