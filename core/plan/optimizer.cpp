// SPDX-License-Identifier: Apache-2.0
#include "core/plan/optimizer.h"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace fw::core::plan {
namespace {

/// Index of a column per (offer or system, site, quarter).
using Key = std::tuple<int, int, int>;

struct CbcDeleter {
    void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

} // namespace

Plan optimize(const PlanModel& m, const OptimizerOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    const auto& sc = m.scenario;
    const int S = static_cast<int>(m.systems.size());
    const int O = m.offers();
    const int J = m.sites();
    const int T = m.quarters();
    // The matrix is gathered row by row, then handed to CBC at once in column form (Cbc_loadProblem):
    // adding rows one at a time costs a copy of the matrix each.
    const double infinity = std::numeric_limits<double>::max();
    std::vector<double> columnUpper;
    std::vector<double> objective;
    const auto addColumn = [&](double upper, double cost) {
        columnUpper.push_back(upper);
        objective.push_back(cost);
    };
    std::vector<double> rowLower;
    std::vector<double> rowUpper;
    std::vector<std::vector<std::pair<int, double>>> byColumn; // [column] → (row, coefficient)
    int columns = 0;
    std::map<Key, int> buy;
    std::map<Key, int> train;
    std::map<Key, int> serve;
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
                addColumn(sc.market[static_cast<std::size_t>(o)].supplyPerQuarter, cost);
                buy[{o, j, t}] = columns++;
            }
        }
    }
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                addColumn(infinity, 0.0);
                train[{s, j, t}] = columns++;
                addColumn(infinity, 0.0);
                serve[{s, j, t}] = columns++;
            }
        }
    }
    byColumn.resize(static_cast<std::size_t>(columns));
    std::vector<int> cols;
    std::vector<double> coefs;
    const auto row = [&](char sense, double rhs) {
        const int r = static_cast<int>(rowLower.size());
        rowLower.push_back(sense == 'G' ? rhs : -infinity);
        rowUpper.push_back(sense == 'L' ? rhs : infinity);
        for (std::size_t k = 0; k < cols.size(); ++k) {
            byColumn[static_cast<std::size_t>(cols[k])].emplace_back(r, coefs[k]);
        }
        cols.clear();
        coefs.clear();
    };
    const auto term = [&](int column, double coefficient) {
        cols.push_back(column);
        coefs.push_back(coefficient);
    };
    /// Adds coefficient × (units of offer s bought for site j that have arrived by quarter t).
    const auto arrived = [&](int s, int j, int t, double coefficient) {
        if (s >= O) {
            return;
        }
        for (int tau = 0; tau + sc.market[static_cast<std::size_t>(s)].leadQuarters <= t; ++tau) {
            if (const auto it = buy.find({s, j, tau}); it != buy.end()) {
                term(it->second, coefficient);
            }
        }
    };
    // Use of installed units: training + inference ≤ base + arrived purchases.
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                term(train[{s, j, t}], 1.0);
                term(serve[{s, j, t}], 1.0);
                arrived(s, j, t, -1.0);
                row('L', m.base[s][j]);
            }
        }
    }
    const double need = 1.0 + sc.policy.headroom;
    for (int t = 0; t < T; ++t) {
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                if (m.systems[s].trainingPflops > 0) {
                    term(train[{s, j, t}], m.systems[s].trainingPflops);
                }
            }
        }
        row('G', sc.demandIn(t).trainingPflops * need);
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                if (m.systems[s].inferenceTokensPerSecond > 0) {
                    term(serve[{s, j, t}], m.systems[s].inferenceTokensPerSecond);
                }
            }
        }
        row('G', sc.demandIn(t).inferenceTokensPerSecond * need);
        // Site power: facility kW of everything installed.
        for (int j = 0; j < J; ++j) {
            double baseKw = 0.0;
            for (int s = 0; s < S; ++s) {
                baseKw += m.base[s][j] * m.facilityKw(s, j);
                arrived(s, j, t, m.facilityKw(s, j));
            }
            row('L', sc.sites[static_cast<std::size_t>(j)].availableMw(t) * 1000.0 - baseKw);
        }
        // Supply of each offer.
        for (int o = 0; o < O; ++o) {
            for (int j = 0; j < J; ++j) {
                if (const auto it = buy.find({o, j, t}); it != buy.end()) {
                    term(it->second, 1.0);
                }
            }
            if (!cols.empty()) {
                row('L', sc.market[static_cast<std::size_t>(o)].supplyPerQuarter);
            }
        }
        if (sc.policy.budgetUsdPerQuarter) {
            for (const auto& [key, column] : buy) {
                if (std::get<2>(key) == t) {
                    term(column, m.systems[std::get<0>(key)].priceUsd);
                }
            }
            row('L', *sc.policy.budgetUsdPerQuarter);
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
                row('L', -constant);
            }
        }
    }
    if (sc.policy.budgetUsdTotal) {
        for (const auto& [key, column] : buy) {
            term(column, m.systems[std::get<0>(key)].priceUsd);
        }
        row('L', *sc.policy.budgetUsdTotal);
    }

    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& entries : byColumn) {
        for (const auto& [r, v] : entries) {
            index.push_back(r);
            value.push_back(v);
        }
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    std::unique_ptr<Cbc_Model, CbcDeleter> cbc(Cbc_newModel());
    Cbc_setLogLevel(cbc.get(), 0);
    const std::vector<double> columnLower(static_cast<std::size_t>(columns), 0.0);
    Cbc_loadProblem(cbc.get(), columns, static_cast<int>(rowLower.size()), start.data(), index.data(), value.data(),
                    columnLower.data(), columnUpper.data(), objective.data(), rowLower.data(), rowUpper.data());
    for (const auto& [key, column] : buy) {
        Cbc_setInteger(cbc.get(), column);
    }
    const double buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int rowCount = static_cast<int>(rowLower.size());
    Cbc_setMaximumSeconds(cbc.get(), options.timeLimitSeconds);
    Cbc_setAllowableFractionGap(cbc.get(), options.relativeGap);
    Cbc_solve(cbc.get());

    Plan plan;
    plan.method = "cbc";
    plan.buildSeconds = buildSeconds;
    plan.columns = columns;
    plan.rows = rowCount;
    plan.integerColumns = static_cast<int>(buy.size());
    plan.solveSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - buildSeconds;
    const bool hasSolution = Cbc_numberSavedSolutions(cbc.get()) > 0 || Cbc_isProvenOptimal(cbc.get());
    if (Cbc_isProvenInfeasible(cbc.get()) || !hasSolution) {
        plan.status = Cbc_isSecondsLimitReached(cbc.get()) ? PlanStatus::TimeLimit : PlanStatus::Infeasible;
        return plan;
    }
    plan.status = Cbc_isProvenOptimal(cbc.get())         ? PlanStatus::Optimal
                  : Cbc_isSecondsLimitReached(cbc.get()) ? PlanStatus::TimeLimit
                                                         : PlanStatus::Feasible;
    const double* x = Cbc_getColSolution(cbc.get());
    // The running cost of the installed base is a constant of the objective: add it back so the
    // objective is the plan's whole cost, as the evaluator computes it.
    double constant = 0.0;
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                constant += m.base[s][j] * m.runCostPerQuarter(s, j) * m.discount(t);
            }
        }
    }
    plan.objectiveUsd = Cbc_getObjValue(cbc.get()) + constant;
    const double bound = Cbc_getBestPossibleObjValue(cbc.get()) + constant;
    plan.gap = std::abs(plan.objectiveUsd) > 1e-9
                   ? std::max(0.0, (plan.objectiveUsd - bound) / std::abs(plan.objectiveUsd))
                   : 0.0;
    for (const auto& [key, column] : buy) {
        const int units = static_cast<int>(std::lround(x[column]));
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
                plan.training[s][j][t] = std::max(0.0, x[train[{s, j, t}]]);
                plan.inference[s][j][t] = std::max(0.0, x[serve[{s, j, t}]]);
            }
        }
    }
    return plan;
}

} // namespace fw::core::plan
