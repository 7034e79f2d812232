// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <chrono>
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

/// Splits installed units between training and inference, quarter by quarter: training first, on
/// the systems with the most training per unit, the rest to inference.
void allocate(const PlanModel& m, const Grid& installed, Plan& plan)
{
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    plan.training = grid(S, J, T);
    plan.inference = grid(S, J, T);
    std::vector<int> order(static_cast<std::size_t>(S));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        // Training-capable systems that serve inference worst go to training first.
        const auto ratio = [&](int s) {
            return m.systems[s].trainingPflops / std::max(1e-9, m.systems[s].inferenceTokensPerSecond + 1e-9);
        };
        return ratio(a) > ratio(b);
    });
    const double need = 1.0 + m.scenario.policy.headroom;
    for (int t = 0; t < T; ++t) {
        double training = m.scenario.demandIn(t).trainingPflops * need;
        for (int s : order) {
            for (int j = 0; j < J; ++j) {
                const double units = installed[s][j][t];
                double toTraining = 0.0;
                if (training > 1e-12 && m.systems[s].trainingPflops > 0) {
                    toTraining = std::min(units, training / m.systems[s].trainingPflops);
                    training -= toTraining * m.systems[s].trainingPflops;
                }
                plan.training[s][j][t] = toTraining;
                plan.inference[s][j][t] = units - toTraining;
            }
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
    // Training capacity counts every unit; inference only the units training does not need.
    const auto capacity = [&](int t, bool training) {
        Plan split;
        allocate(m, installed, split);
        double sum = 0.0;
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                sum += training ? installed[s][j][t] * m.systems[s].trainingPflops
                                : split.inference[s][j][t] * m.systems[s].inferenceTokensPerSecond;
            }
        }
        return sum;
    };
    Plan plan;
    plan.method = "greedy";
    const double need = 1.0 + sc.policy.headroom;
    for (int t = 0; t < T; ++t) {
        for (bool training : {true, false}) {
            const double demand =
                (training ? sc.demandIn(t).trainingPflops : sc.demandIn(t).inferenceTokensPerSecond) * need;
            while (capacity(t, training) + 1e-9 < demand) {
                int bestOffer = -1;
                int bestSite = -1;
                int bestQuarter = -1;
                double bestValue = 0.0;
                for (int o = 0; o < O; ++o) {
                    const double per = training ? m.systems[o].trainingPflops : m.systems[o].inferenceTokensPerSecond;
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
                        if (m.allowed[o][j][q] && powerLeftKw(j, t) >= m.facilityKw(o, j) && fitsRacks(o, j, t)) {
                            bestOffer = o;
                            bestSite = j;
                            bestQuarter = q;
                            bestValue = value;
                            break;
                        }
                    }
                }
                if (bestOffer < 0) {
                    break; // nothing allowed, supplied, affordable, powered and racked is left
                }
                for (int tau = t; tau < T; ++tau) {
                    installed[bestOffer][bestSite][tau] += 1;
                }
                --supplyLeft[bestOffer][bestQuarter];
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
