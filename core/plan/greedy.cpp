// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"

namespace fw::core::plan {
namespace {

using Grid = std::vector<std::vector<std::vector<double>>>; // [system][site][quarter]

Grid grid(int s, int j, int t)
{
    return Grid(static_cast<std::size_t>(s),
                std::vector<std::vector<double>>(static_cast<std::size_t>(j),
                                                 std::vector<double>(static_cast<std::size_t>(t), 0.0)));
}

/// Splits installed units, quarter by quarter: training first, on the systems with the most
/// training per unit of inference; then each inference class in turn, on the systems that serve it
/// best. Units left over stay idle.
void allocate(const PlanModel& m, const Grid& installed, Plan& plan)
{
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    const int C = m.inferenceClasses();
    plan.training = grid(S, J, T);
    plan.inference.assign(static_cast<std::size_t>(C), grid(S, J, T));
    const auto inferenceOf = [&](int s) {
        const auto& tokens = m.systems[s].inferenceTokensPerSecond;
        return std::accumulate(tokens.begin(), tokens.end(), 0.0);
    };
    std::vector<int> order(static_cast<std::size_t>(S));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ratio = [&](int s) { return m.systems[s].trainingPflops / (inferenceOf(s) + 1e-9); };
        return ratio(a) > ratio(b);
    });
    const double need = 1.0 + m.scenario.policy.headroom;
    /// Gives up to `demand` (in units of `per`) to the free units of the systems in `by`'s order.
    const auto fill = [&](int t, double demand, const std::vector<int>& by, const auto& per, Grid& to, Grid& free) {
        for (int s : by) {
            for (int j = 0; j < J && demand > 1e-12; ++j) {
                if (per(s) <= 0.0) {
                    continue;
                }
                const double units = std::min(free[s][j][t], demand / per(s));
                to[s][j][t] = units;
                free[s][j][t] -= units;
                demand -= units * per(s);
            }
        }
    };
    Grid free = installed;
    for (int t = 0; t < T; ++t) {
        fill(
            t, m.scenario.demandIn(t).trainingPflops * need, order, [&](int s) { return m.systems[s].trainingPflops; },
            plan.training, free);
        for (int c = 0; c < C; ++c) {
            const auto per = [&](int s) { return m.systems[s].inferenceTokensPerSecond[static_cast<std::size_t>(c)]; };
            std::vector<int> best(order);
            std::sort(best.begin(), best.end(), [&](int a, int b) { return per(a) > per(b); });
            fill(t, m.scenario.demandIn(t).inference(c) * need, best, per, plan.inference[static_cast<std::size_t>(c)],
                 free);
        }
    }
}

} // namespace

Plan greedyPlan(const PlanModel& m)
{
    const auto started = std::chrono::steady_clock::now();
    const auto& sc = m.scenario;
    const int S = static_cast<int>(m.systems.size());
    const int O = m.offers();
    const int J = m.sites();
    const int T = m.quarters();
    Grid installed = grid(S, J, T);
    for (int s = 0; s < S; ++s) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                installed[s][j][t] = m.base[s][j];
            }
        }
    }
    std::vector<std::vector<int>> supplyLeft(static_cast<std::size_t>(O),
                                             std::vector<int>(static_cast<std::size_t>(T)));
    for (int o = 0; o < O; ++o) {
        for (int t = 0; t < T; ++t) {
            supplyLeft[o][t] = sc.market[static_cast<std::size_t>(o)].supplyIn(t);
        }
    }
    std::map<std::string, double> capLeft; // export-control cap → TPP left
    for (int o = 0; o < O; ++o) {
        for (int j = 0; j < J; ++j) {
            for (int t = 0; t < T; ++t) {
                for (const auto& share : m.capShares[o][j][t]) {
                    capLeft.emplace(share.cap, share.limitTpp);
                }
            }
        }
    }
    const auto fitsCaps = [&](int o, int j, int q) {
        return std::all_of(m.capShares[o][j][q].begin(), m.capShares[o][j][q].end(),
                           [&](const ExportCapShare& share) { return capLeft[share.cap] >= share.tppPerUnit; });
    };
    std::vector<double> budgetLeft(static_cast<std::size_t>(T), sc.policy.budgetUsdPerQuarter.value_or(1e300));
    double totalLeft = sc.policy.budgetUsdTotal.value_or(1e300);
    const auto powerLeftKw = [&](int j, int from) {
        double left = 1e300;
        for (int t = from; t < T; ++t) {
            double used = 0.0;
            for (int s = 0; s < S; ++s) {
                used += installed[s][j][t] * m.facilityKw(s, j);
            }
            left = std::min(left, sc.sites[static_cast<std::size_t>(j)].availableMw(t) * 1000.0 - used);
        }
        return left;
    };
    /// One more unit of offer o at site j from quarter `from` on keeps within the site's racks.
    const auto fitsRacks = [&](int o, int j, int from) {
        const auto& positions = sc.sites[static_cast<std::size_t>(j)].racks;
        for (int t = from; t < T && positions; ++t) {
            int racks = 0;
            for (int s = 0; s < S; ++s) {
                racks += m.racksFor(s, j, installed[s][j][t] + (s == o ? 1 : 0));
            }
            if (racks > *positions) {
                return false;
            }
        }
        return true;
    };
    /// Capacity for demand `kind` (−1: training, else an inference class) in quarter t, as allocate
    /// would split the units installed now.
    const auto capacity = [&](int t, int kind) {
        Plan split;
        allocate(m, installed, split);
        double sum = 0.0;
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                sum += kind < 0 ? split.training[s][j][t] * m.systems[s].trainingPflops
                                : split.inference[static_cast<std::size_t>(kind)][s][j][t] *
                                      m.systems[s].inferenceTokensPerSecond[static_cast<std::size_t>(kind)];
            }
        }
        return sum;
    };
    Plan plan;
    plan.method = "greedy";
    const double need = 1.0 + sc.policy.headroom;
    for (int t = 0; t < T; ++t) {
        for (int kind = -1; kind < m.inferenceClasses(); ++kind) {
            const double demand = (kind < 0 ? sc.demandIn(t).trainingPflops : sc.demandIn(t).inference(kind)) * need;
            while (capacity(t, kind) + 1e-9 < demand) {
                int bestOffer = -1;
                int bestSite = -1;
                int bestQuarter = -1;
                double bestValue = 0.0;
                for (int o = 0; o < O; ++o) {
                    const double per = kind < 0 ? m.systems[o].trainingPflops
                                                : m.systems[o].inferenceTokensPerSecond[static_cast<std::size_t>(kind)];
                    const int q = t - sc.market[static_cast<std::size_t>(o)].leadQuarters;
                    if (per <= 0.0 || q < 0 || supplyLeft[o][q] <= 0 ||
                        m.price(o, q) > std::min(budgetLeft[q], totalLeft)) {
                        continue;
                    }
                    const double value = per / std::max(1.0, m.price(o, q));
                    if (value <= bestValue) {
                        continue;
                    }
                    for (int j = 0; j < J; ++j) {
                        if (m.allowed[o][j][q] && powerLeftKw(j, t) >= m.facilityKw(o, j) && fitsRacks(o, j, t) &&
                            fitsCaps(o, j, q)) {
                            bestOffer = o;
                            bestSite = j;
                            bestQuarter = q;
                            bestValue = value;
                            break;
                        }
                    }
                }
                if (bestOffer < 0) {
                    break; // nothing allowed, supplied, affordable, powered, racked and within caps is left
                }
                for (int tau = t; tau < T; ++tau) {
                    installed[bestOffer][bestSite][tau] += 1;
                }
                --supplyLeft[bestOffer][bestQuarter];
                for (const auto& share : m.capShares[bestOffer][bestSite][bestQuarter]) {
                    capLeft[share.cap] -= share.tppPerUnit;
                }
                budgetLeft[bestQuarter] -= m.price(bestOffer, bestQuarter);
                totalLeft -= m.price(bestOffer, bestQuarter);
                auto it = std::find_if(plan.purchases.begin(), plan.purchases.end(), [&](const Purchase& p) {
                    return p.quarter == bestQuarter && p.site == bestSite && p.offer == bestOffer;
                });
                if (it == plan.purchases.end()) {
                    plan.purchases.push_back({bestQuarter, bestSite, bestOffer, 1});
                } else {
                    ++it->count;
                }
            }
        }
    }
    allocate(m, installed, plan);
    const Evaluation e = evaluate(m, plan);
    plan.objectiveUsd = e.costUsd;
    plan.status = e.violations.empty() ? PlanStatus::Feasible : PlanStatus::Infeasible;
    plan.solveSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return plan;
}

} // namespace fw::core::plan
