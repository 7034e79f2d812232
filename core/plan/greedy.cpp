// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string>

#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"

namespace fw::core::plan {
namespace {

/// Sustained training each cluster (system family, site) of `units` gives in quarter t, PFLOP/s.
std::map<std::pair<int, int>, double> trainingByCluster(const PlanModel& m, const UnitGrid& units, int t)
{
    std::map<std::pair<int, int>, double> pflops;
    for (int s = 0; s < static_cast<int>(m.systems.size()); ++s) {
        for (int j = 0; j < m.sites() && m.systems[s].trainingPflops > 0.0; ++j) {
            pflops[{m.fabricOf[static_cast<std::size_t>(s)], j}] += units(s, j, t) * m.systems[s].trainingPflopsIn(t);
        }
    }
    return pflops;
}

/// The cluster (system family, site) whose `units` give the most sustained training in quarter t, as
/// (family, site); (−1, −1) where none trains.
std::pair<int, int> mostTrainingCluster(const PlanModel& m, const UnitGrid& units, int t)
{
    std::pair<int, int> best{-1, -1};
    double most = 0.0;
    for (const auto& [cluster, sum] : trainingByCluster(m, units, t)) {
        if (sum > most) {
            most = sum;
            best = cluster;
        }
    }
    return best;
}

/// Splits installed units, quarter by quarter: the named runs' accelerators first, at their sites
/// from their families' units (plan.runSites, plan.runFamilies); then training — the quarter's largest job first, on
/// the cluster with the most free training, the rest on the systems with the most training per unit of inference; then
/// each inference class in turn, on the systems that serve it best. Units left over stay idle. Only quarter `only`,
/// when given (the other quarters stay empty).
void allocate(const PlanModel& m, const UnitGrid& installed, Plan& plan, std::optional<int> only = std::nullopt)
{
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int C = m.inferenceClasses();
    const int firstQuarter = only.value_or(0);
    const int lastQuarter = only.value_or(m.quarters() - 1);
    plan.training = m.zeroGrid();
    plan.inference.assign(static_cast<std::size_t>(C), m.zeroGrid());
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
    const auto fill = [&](int t, double demand, const std::vector<int>& by, const auto& per, UnitGrid& to,
                          UnitGrid& free) {
        for (int s : by) {
            for (int j = 0; j < J && demand > 1e-12; ++j) {
                if (per(s) <= 0.0) {
                    continue;
                }
                const double units = std::min(free(s, j, t), demand / per(s));
                to(s, j, t) += units; // the largest job may have placed some already
                free(s, j, t) -= units;
                demand -= units * per(s);
            }
        }
    };
    UnitGrid free = installed;
    // Named runs first: their accelerators reserved at their sites, from their family's units.
    plan.reserved = m.zeroGrid();
    for (std::size_t r = 0; r < plan.runSites.size(); ++r) {
        const int j = plan.runSites[r];
        const int f = r < plan.runFamilies.size() ? plan.runFamilies[r] : -1;
        if (j < 0 || f < 0) {
            continue;
        }
        const int run = static_cast<int>(r);
        for (int t = std::max(firstQuarter, m.runFirstQuarter(run));
             t <= std::min(lastQuarter, m.runLastQuarter(run, f)); ++t) {
            double accelerators = m.runOnFamily[r][static_cast<std::size_t>(f)].accelerators;
            for (int s : order) {
                if (m.fabricOf[static_cast<std::size_t>(s)] != f || m.systems[s].trainingPflops <= 0 ||
                    accelerators <= 1e-12) {
                    continue;
                }
                const double units = std::min(free(s, j, t), accelerators / m.systems[s].accelerators);
                plan.reserved(s, j, t) += units;
                free(s, j, t) -= units;
                accelerators -= units * m.systems[s].accelerators;
            }
        }
    }
    const auto servingOf = [&](int c, int t) {
        return [&m, c, t](int s) { return m.systems[s].tokensPerSecondIn(c, t); };
    };
    // [class]: systems that serve it best first, by the first quarter's figures
    std::vector<std::vector<int>> best(static_cast<std::size_t>(C), order);
    for (int c = 0; c < C; ++c) {
        const auto per = servingOf(c, firstQuarter);
        std::sort(best[c].begin(), best[c].end(), [&](int a, int b) { return per(a) > per(b); });
    }
    for (int t = firstQuarter; t <= lastQuarter; ++t) {
        double training = m.scenario.demandIn(t).totalTraining() * need;
        // The largest job first, whole, on the cluster (family at a site) with the most free training.
        if (const double job = m.scenario.demandIn(t).largestTrainingJobPflops; job > 0.0) {
            const auto [f, j] = mostTrainingCluster(m, free, t);
            double left = std::min(job, training);
            for (int s : order) {
                if (f >= 0 && m.fabricOf[static_cast<std::size_t>(s)] == f && m.systems[s].trainingPflops > 0.0) {
                    const double pflops = m.systems[s].trainingPflopsIn(t);
                    const double units = std::min(free(s, j, t), left / pflops);
                    plan.training(s, j, t) += units;
                    free(s, j, t) -= units;
                    left -= units * pflops;
                    training -= units * pflops;
                }
            }
        }
        fill(
            t, training, order, [&](int s) { return m.systems[s].trainingPflopsIn(t); }, plan.training, free);
        for (int c = 0; c < C; ++c) {
            fill(t, m.scenario.demandIn(t).totalInference(c) * need, best[c], servingOf(c, t),
                 plan.inference[static_cast<std::size_t>(c)], free);
        }
    }
}

/// What the spreadsheet plan has bought so far, and what is left to buy with.
struct Purse {
    UnitGrid installed;
    UnitGrid capped; ///< of those, units bought to serve inference at sites that cap power: counted at their cap
    std::vector<std::vector<int>> supplyLeft; ///< [offer][quarter]
    std::vector<double> budgetLeft;           ///< [quarter]
    double totalLeft = 0.0;
    std::map<std::string, double> capLeft; ///< export-control cap → TPP left
    std::vector<Purchase> purchases;
};

/// The first choice of the spreadsheet: an offer, a site and the quarter to order it in.
struct Choice {
    int offer = -1;
    int site = -1;
    int quarter = -1;
};

/// What rentals may still take of the budgets and the vendor shares once the purchases are made: the
/// rent paid each quarter counts against the budgets left, and rented accelerators' dense peak
/// against policy.maxVendorShare with the units installed (as the MILP and the evaluator count them).
class RentalRoom {
public:
    RentalRoom(const PlanModel& m, Purse& purse) : m_model(m), m_purse(purse)
    {
        const int T = m.quarters();
        m_peak.resize(static_cast<std::size_t>(T));
        m_total.assign(static_cast<std::size_t>(T), 0.0);
        for (std::size_t s = 0; s < m.systems.size(); ++s) {
            for (int j = 0; j < m.sites(); ++j) {
                for (int t = 0; t < T; ++t) {
                    const double peak = purse.installed(s, j, t) * m.systems[s].peakPflops;
                    m_peak[static_cast<std::size_t>(t)][m.systems[s].vendor] += peak;
                    m_total[static_cast<std::size_t>(t)] += peak;
                }
            }
        }
    }

    /// The most accelerators of cloud offer k that may be added in quarter t within the vendor share.
    double withinShare(int k, int t) const
    {
        const double most = m_model.scenario.policy.maxVendorShare;
        const auto& f = m_model.rented[static_cast<std::size_t>(k)];
        if (most >= 1.0 || f.peakPflops <= 0.0) {
            return std::numeric_limits<double>::infinity();
        }
        // (P_v + x p) ≤ α (P + x p)  ⇔  x ≤ (α P − P_v) / (p (1 − α)).
        const auto& peak = m_peak[static_cast<std::size_t>(t)];
        const auto it = peak.find(f.vendor);
        const double held = it == peak.end() ? 0.0 : it->second;
        return std::max(0.0, (most * m_total[static_cast<std::size_t>(t)] - held) / (f.peakPflops * (1.0 - most)));
    }

    /// Whether `payments` ([quarter] USD) fit the budgets left.
    bool affordable(const std::vector<double>& payments) const
    {
        double total = 0.0;
        for (std::size_t t = 0; t < payments.size(); ++t) {
            if (payments[t] > m_purse.budgetLeft[t] * (1.0 + 1e-12)) {
                return false;
            }
            total += payments[t];
        }
        return total <= m_purse.totalLeft * (1.0 + 1e-12);
    }

    /// Takes `accelerators` of cloud offer k in quarters [first, last] and `payments` from the budgets.
    void take(int k, int first, int last, double accelerators, const std::vector<double>& payments)
    {
        const auto& f = m_model.rented[static_cast<std::size_t>(k)];
        for (int t = first; t <= last; ++t) {
            m_peak[static_cast<std::size_t>(t)][f.vendor] += accelerators * f.peakPflops;
            m_total[static_cast<std::size_t>(t)] += accelerators * f.peakPflops;
        }
        for (std::size_t t = 0; t < payments.size(); ++t) {
            m_purse.budgetLeft[t] -= payments[t];
            m_purse.totalLeft -= payments[t];
        }
    }

private:
    const PlanModel& m_model;
    Purse& m_purse;
    std::vector<std::map<std::string, double>> m_peak; ///< [quarter]: vendor → dense peak, PFLOP/s
    std::vector<double> m_total;                       ///< [quarter]: every vendor's
};

/// Rentals for what the purchases leave short, within the budgets and vendor shares the purchases
/// leave (RentalRoom). A named run no site holds goes on demand to the cloud offer that bills it
/// least (PlanModel::runRentalNpv) with the accelerators free. Then, quarter by quarter, training and
/// each inference class in turn: rented accelerators already under contract and free take the
/// shortfall first; what is still short is contracted from that quarter in whole blocks (at least the
/// minimum commitment) of the offer with the lowest contract NPV per unit of that demand, while
/// accelerators are available.
void rentShortfall(const PlanModel& m, Purse& purse, Plan& plan)
{
    const auto& sc = m.scenario;
    const int K = m.cloudOffers();
    const int T = m.quarters();
    const int C = m.inferenceClasses();
    RentalRoom room(m, purse);
    const auto grid = [&]() {
        return std::vector<std::vector<double>>(static_cast<std::size_t>(K),
                                                std::vector<double>(static_cast<std::size_t>(T), 0.0));
    };
    plan.rentedTraining = grid();
    plan.rentedInference.assign(static_cast<std::size_t>(C), grid());
    plan.runCloudOffers.assign(sc.trainingRuns.size(), -1);
    auto taken = grid(); // accelerators of each offer under contract or billed for runs
    auto free = grid();  // contracted and not yet in use
    const auto runPayments = [&](int k, int r) {
        std::vector<double> usd(static_cast<std::size_t>(T), 0.0);
        for (int t = 0; t < T; ++t) {
            usd[static_cast<std::size_t>(t)] = m.runRentalPaymentUsd(k, r, t);
        }
        return usd;
    };
    for (std::size_t r = 0; r < sc.trainingRuns.size(); ++r) {
        const int first = m.runFirstQuarter(static_cast<int>(r));
        int best = -1;
        for (int k = 0; k < K && plan.runSites[r] < 0; ++k) {
            bool fits = m.canRentRun(k, static_cast<int>(r)) && room.affordable(runPayments(k, static_cast<int>(r)));
            for (int t = first; fits && t <= m.runRentalLastQuarter(static_cast<int>(r), k); ++t) {
                const int accelerators = m.runRentalAccelerators(k, static_cast<int>(r));
                fits = taken[k][t] + accelerators <= sc.cloudOffers[static_cast<std::size_t>(k)].availableIn(t) &&
                       accelerators <= room.withinShare(k, t);
            }
            if (fits &&
                (best < 0 || m.runRentalNpv(k, static_cast<int>(r)) < m.runRentalNpv(best, static_cast<int>(r)))) {
                best = k;
            }
        }
        if (best >= 0) {
            plan.runCloudOffers[r] = best;
            const int last = m.runRentalLastQuarter(static_cast<int>(r), best);
            for (int t = first; t <= last; ++t) {
                taken[best][t] += m.runRentalAccelerators(best, static_cast<int>(r));
            }
            room.take(best, first, last, m.runRentalAccelerators(best, static_cast<int>(r)),
                      runPayments(best, static_cast<int>(r)));
        }
    }
    const double need = 1.0 + sc.policy.headroom;
    for (int t = 0; t < T; ++t) {
        for (int kind = -1; kind < C; ++kind) {
            const auto per = [&](int k) { return m.rented[static_cast<std::size_t>(k)].streamIn(kind, t); };
            auto& used = kind < 0 ? plan.rentedTraining : plan.rentedInference[static_cast<std::size_t>(kind)];
            double served = 0.0;
            for (std::size_t s = 0; s < m.systems.size(); ++s) {
                for (int j = 0; j < m.sites(); ++j) {
                    served +=
                        (kind < 0 ? plan.training(s, j, t) : plan.inference[static_cast<std::size_t>(kind)](s, j, t)) *
                        m.systems[s].streamIn(kind, t);
                }
            }
            double shortfall =
                (kind < 0 ? sc.demandIn(t).totalTraining() : sc.demandIn(t).totalInference(kind)) * need - served;
            const auto take = [&](int k) { // free rented accelerators of k take what they can
                const double accelerators = std::min(free[k][t], shortfall / per(k));
                used[k][t] += accelerators;
                free[k][t] -= accelerators;
                shortfall -= accelerators * per(k);
            };
            for (int k = 0; k < K && shortfall > 1e-9; ++k) {
                if (per(k) > 0.0) {
                    take(k);
                }
            }
            while (shortfall > 1e-9) {
                int best = -1;
                int bestBlocks = 0;
                for (int k = 0; k < K; ++k) {
                    const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(k)];
                    if (per(k) <= 0.0) {
                        continue;
                    }
                    // Blocks available, within the vendor share and within the budgets every quarter it pays in.
                    double most = std::numeric_limits<double>::max();
                    double totalPerBlock = 0.0;
                    for (int tau = t; tau < std::min(T, t + offer.termQuarters); ++tau) {
                        most = m.rented[static_cast<std::size_t>(k)].allowed[static_cast<std::size_t>(tau)]
                                   ? std::min({most,
                                               std::floor((offer.availableIn(tau) - taken[k][tau]) /
                                                          offer.blockAccelerators),
                                               std::floor(room.withinShare(k, tau) / offer.blockAccelerators + 1e-9)})
                                   : 0.0;
                        const double perBlock = m.rentalPaymentUsd(k, t, tau) * offer.blockAccelerators;
                        totalPerBlock += perBlock;
                        if (perBlock > 0.0) {
                            most = std::min(most, std::floor(purse.budgetLeft[static_cast<std::size_t>(tau)] /
                                                             perBlock * (1.0 + 1e-12)));
                        }
                    }
                    if (totalPerBlock > 0.0) {
                        most = std::min(most, std::floor(purse.totalLeft / totalPerBlock * (1.0 + 1e-12)));
                    }
                    const double wanted =
                        std::max(std::ceil(shortfall / per(k) / offer.blockAccelerators - 1e-9),
                                 std::ceil(static_cast<double>(offer.minCommitAccelerators) / offer.blockAccelerators));
                    const int blocks = static_cast<int>(std::max(0.0, std::min(most, wanted)));
                    if (blocks <= 0 ||
                        static_cast<double>(blocks) * offer.blockAccelerators < offer.minCommitAccelerators) {
                        continue;
                    }
                    const auto unitCost = [&](int o) { return m.rentalContractNpv(o, t) / per(o); };
                    if (best < 0 || unitCost(k) < unitCost(best)) {
                        best = k;
                        bestBlocks = blocks;
                    }
                }
                if (best < 0) {
                    break; // nothing allowed and available is left to rent
                }
                const CloudOffer& offer = sc.cloudOffers[static_cast<std::size_t>(best)];
                plan.rentals.push_back({t, best, bestBlocks});
                std::vector<double> payments(static_cast<std::size_t>(T), 0.0);
                const int last = std::min(T, t + offer.termQuarters) - 1;
                for (int tau = t; tau <= last; ++tau) {
                    taken[best][tau] += bestBlocks * offer.blockAccelerators;
                    free[best][tau] += bestBlocks * offer.blockAccelerators;
                    payments[static_cast<std::size_t>(tau)] =
                        m.rentalPaymentUsd(best, t, tau) * bestBlocks * offer.blockAccelerators;
                }
                room.take(best, t, last, static_cast<double>(bestBlocks) * offer.blockAccelerators, payments);
                take(best);
            }
        }
    }
}

/// Puts every unit that does not train into the capped power domain at sites that oversubscribe:
/// it lowers the site's power and the energy of units serving there (greedy bought the units for
/// inference counting their cap; if the split trains on some of them, the evaluator says so).
void capWhatDoesNotTrain(const PlanModel& m, Plan& plan)
{
    if (!m.scenario.capsPower()) {
        return;
    }
    const auto installed = m.installed(plan);
    plan.capped = m.zeroGrid();
    for (int s = 0; s < installed.systems(); ++s) {
        for (int j = 0; j < installed.sites(); ++j) {
            if (m.scenario.sites[static_cast<std::size_t>(j)].oversubscription <= 0.0) {
                continue;
            }
            for (int t = 0; t < installed.quarters(); ++t) {
                const double reserved = plan.reserved.empty() ? 0.0 : plan.reserved(s, j, t);
                plan.capped(s, j, t) = std::max(0.0, installed(s, j, t) - plan.training(s, j, t) - reserved);
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
    Purse purse;
    purse.installed = m.installed(Plan{});
    purse.capped = m.zeroGrid();
    purse.supplyLeft.assign(static_cast<std::size_t>(O), std::vector<int>(static_cast<std::size_t>(T)));
    for (int o = 0; o < O; ++o) {
        for (int t = 0; t < T; ++t) {
            purse.supplyLeft[o][t] = sc.market[static_cast<std::size_t>(o)].supplyIn(t);
            for (int j = 0; j < J; ++j) {
                for (const auto& share : m.capShares(o, j, t)) {
                    purse.capLeft.emplace(share.cap, share.limitTpp);
                }
            }
        }
    }
    purse.budgetLeft.assign(static_cast<std::size_t>(T), sc.policy.budgetUsdPerQuarter.value_or(1e300));
    purse.totalLeft = sc.policy.budgetUsdTotal.value_or(1e300);
    const auto powerLeftKw = [&](int j, int from) {
        double left = 1e300;
        for (int t = from; t < T; ++t) {
            double used = 0.0;
            for (int s = 0; s < S; ++s) {
                used += purse.installed(s, j, t) * m.facilityKw(s, j) -
                        purse.capped(s, j, t) * (m.facilityKw(s, j) - m.cappedKw(s, j));
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
                racks += m.racksFor(s, j, purse.installed(s, j, t) + (s == o ? 1 : 0));
            }
            if (racks > *positions) {
                return false;
            }
        }
        return true;
    };
    const auto fitsCaps = [&](int o, int j, int q) {
        return std::all_of(m.capShares(o, j, q).begin(), m.capShares(o, j, q).end(),
                           [&](const ExportCapShare& share) { return purse.capLeft[share.cap] >= share.tppPerUnit; });
    };
    /// What one unit of offer o adds to its family's two-tier fabric, paid when it arrives (the plan
    /// never retires, so every arrival grows the fabric), USD.
    const auto fabricUsd = [&](int o) {
        const auto& fabric = m.fabrics[static_cast<std::size_t>(m.fabricOf[static_cast<std::size_t>(o)])];
        return fabric.priced ? fabric.twoTier.usdPerAccelerator * m.systems[static_cast<std::size_t>(o)].accelerators
                             : 0.0;
    };
    /// Whether offer o ordered in quarter q and arriving in t fits the budgets, fabric included.
    const auto affordable = [&](int o, int q, int t) {
        const double price = m.price(o, q);
        const double fabric = fabricUsd(o);
        return price + fabric <= purse.totalLeft &&
               (q == t ? price + fabric <= purse.budgetLeft[q]
                       : price <= purse.budgetLeft[q] && fabric <= purse.budgetLeft[t]);
    };
    /// The allowed, supplied and affordable offer with the most `per` (capacity of one unit) per
    /// dollar that serves from quarter t, at the first site (or only `onlySite`) with the power,
    /// racks and export caps for one more unit (a unit `serving` inference counts its cap's power).
    const auto bestBuy = [&](int t, const auto& per, int onlySite, bool serving) {
        Choice best;
        double bestValue = 0.0;
        for (int o = 0; o < O; ++o) {
            const int q = t - sc.market[static_cast<std::size_t>(o)].leadQuarters;
            if (per(o) <= 0.0 || q < 0 || purse.supplyLeft[o][q] <= 0 || !affordable(o, q, t)) {
                continue;
            }
            const double value = per(o) / std::max(1.0, m.price(o, q));
            for (int j = 0; j < J && value > bestValue; ++j) {
                if ((onlySite < 0 || j == onlySite) && m.allowed(o, j, q) &&
                    powerLeftKw(j, t) >= (serving ? m.cappedKw(o, j) : m.facilityKw(o, j)) && fitsRacks(o, j, t) &&
                    fitsCaps(o, j, q)) {
                    best = {o, j, q};
                    bestValue = value;
                }
            }
        }
        return best;
    };
    /// bestBuy serving from quarter t, or if nothing is left for t, from the latest quarter before it
    /// that has something (bought earlier, it serves earlier too). Returns the choice and that quarter.
    const auto latestBuy = [&](int t, const auto& per, int onlySite, bool serving = false) {
        for (int from = t; from >= 0; --from) {
            if (const Choice c = bestBuy(from, per, onlySite, serving); c.offer >= 0) {
                return std::pair(c, from);
            }
        }
        return std::pair(Choice{}, t);
    };
    /// Buys one unit of `c`, serving from quarter t on (`serving` inference: capped where the site caps).
    const auto buy = [&](const Choice& c, int t, bool serving = false) {
        const bool capped = serving && sc.sites[static_cast<std::size_t>(c.site)].oversubscription > 0.0;
        for (int tau = t; tau < T; ++tau) {
            purse.installed(c.offer, c.site, tau) += 1;
            purse.capped(c.offer, c.site, tau) += capped ? 1 : 0;
        }
        --purse.supplyLeft[c.offer][c.quarter];
        for (const auto& share : m.capShares(c.offer, c.site, c.quarter)) {
            purse.capLeft[share.cap] -= share.tppPerUnit;
        }
        purse.budgetLeft[c.quarter] -= m.price(c.offer, c.quarter);
        purse.budgetLeft[t] -= fabricUsd(c.offer);
        purse.totalLeft -= m.price(c.offer, c.quarter) + fabricUsd(c.offer);
        auto it = std::find_if(purse.purchases.begin(), purse.purchases.end(), [&](const Purchase& p) {
            return p.quarter == c.quarter && p.site == c.site && p.offer == c.offer;
        });
        if (it == purse.purchases.end()) {
            purse.purchases.push_back({c.quarter, c.site, c.offer, 1});
        } else {
            ++it->count;
        }
    };
    Plan plan;
    plan.method = "greedy";
    const auto trainingOf = [&](int s, int t) { return m.systems[s].trainingPflopsIn(t); };
    // Named runs, in their order: on the first cluster (system family at a site) whose accelerators
    // of that family (after the runs placed before) hold the run through its quarters, buying units
    // of that family there for it if need be.
    plan.runSites.assign(sc.trainingRuns.size(), -1);
    plan.runFamilies.assign(sc.trainingRuns.size(), -1);
    for (int r = 0; r < static_cast<int>(sc.trainingRuns.size()); ++r) {
        const int first = m.runFirstQuarter(r);
        const auto shortAt = [&](int f,
                                 int j) { // accelerators of family f the run lacks at site j, in its worst quarter
            double most = 0.0;
            for (int t = first; t <= m.runLastQuarter(r, f); ++t) {
                double spare = 0.0;
                for (int s = 0; s < S; ++s) {
                    if (m.fabricOf[static_cast<std::size_t>(s)] == f && m.systems[s].trainingPflops > 0) {
                        spare += purse.installed(s, j, t) * m.systems[s].accelerators;
                    }
                }
                for (int other = 0; other < r; ++other) {
                    const auto o = static_cast<std::size_t>(other);
                    if (plan.runSites[o] == j && plan.runFamilies[o] == f && m.runOccupies(other, f, t)) {
                        spare -= m.runOnFamily[o][static_cast<std::size_t>(f)].accelerators;
                    }
                }
                most = std::max(
                    most, m.runOnFamily[static_cast<std::size_t>(r)][static_cast<std::size_t>(f)].accelerators - spare);
            }
            return most;
        };
        for (int j = 0; j < J && plan.runSites[static_cast<std::size_t>(r)] < 0; ++j) {
            for (int f = 0; f < m.families() && plan.runSites[static_cast<std::size_t>(r)] < 0; ++f) {
                if (!m.canHostRun(r, f, j)) {
                    continue;
                }
                const auto ofFamily = [&](int o) {
                    return m.fabricOf[static_cast<std::size_t>(o)] == f ? trainingOf(o, first) : 0.0;
                };
                const Purse before = purse;
                while (shortAt(f, j) > 1e-9) {
                    const auto [c, from] = latestBuy(first, ofFamily, j);
                    if (c.offer < 0) {
                        break;
                    }
                    buy(c, from);
                }
                if (shortAt(f, j) > 1e-9) {
                    purse = before; // this cluster cannot hold it: undo what was bought for it here
                } else {
                    plan.runSites[static_cast<std::size_t>(r)] = j;
                    plan.runFamilies[static_cast<std::size_t>(r)] = f;
                }
            }
        }
    }
    /// Capacity for demand `kind` (−1: training, else an inference class) in quarter t, as allocate
    /// would split the units installed now.
    const auto capacity = [&](int t, int kind) {
        Plan split;
        split.runSites = plan.runSites;
        split.runFamilies = plan.runFamilies;
        allocate(m, purse.installed, split, t);
        double sum = 0.0;
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J; ++j) {
                sum += (kind < 0 ? split.training(s, j, t) : split.inference[static_cast<std::size_t>(kind)](s, j, t)) *
                       m.systems[s].streamIn(kind, t);
            }
        }
        return sum;
    };
    /// Keeps every vendor within policy.maxVendorShare of the dense peak installed in quarters 0..t:
    /// where one is above it, buys the units of other vendors with the most peak per dollar (serving
    /// from that quarter, or the latest before it) until it is not. A unit bought for an earlier
    /// quarter serves the later ones too, so a later quarter is checked after the earlier ones are held.
    const auto holdVendorShares = [&](int last) {
        const double most = sc.policy.maxVendorShare;
        for (int t = 0; t <= last && most < 1.0; ++t) {
            for (bool bought = true; bought;) {
                bought = false;
                std::map<std::string, double> peak; // vendor → dense peak installed in quarter t, PFLOP/s
                double total = 0.0;
                for (int s = 0; s < S; ++s) {
                    for (int j = 0; j < J; ++j) {
                        peak[m.systems[s].vendor] += purse.installed(s, j, t) * m.systems[s].peakPflops;
                        total += purse.installed(s, j, t) * m.systems[s].peakPflops;
                    }
                }
                for (const auto& entry : peak) {
                    const std::string& vendor = entry.first; // a plain reference: lambdas may capture it
                    // Peak of other vendors that brings this one down to the share: held / most − total.
                    double lacking = entry.second / most - total;
                    const auto other = [&](int o) {
                        return m.systems[o].vendor != vendor ? m.systems[o].peakPflops : 0.0;
                    };
                    while (lacking > 1e-6 * total) {
                        const auto [c, from] = latestBuy(t, other, -1);
                        if (c.offer < 0) {
                            break; // no other vendor's unit is left to buy: the evaluator says so
                        }
                        buy(c, from);
                        bought = true;
                        lacking -= other(c.offer);
                    }
                    if (bought) {
                        break; // the shares changed: measure them again
                    }
                }
            }
        }
    };
    /// Keeps quarter t's largest training job whole on one cluster: where no cluster's free training
    /// (its units less the named runs' reserve) holds it, grows one — the one with the most free
    /// training first, else the next — by units of its family at its site until it does.
    const auto holdLargestJob = [&](int t) {
        const double job = sc.demandIn(t).largestTrainingJobPflops;
        const auto freeTraining = [&] { // per cluster, PFLOP/s
            Plan split;
            split.runSites = plan.runSites;
            split.runFamilies = plan.runFamilies;
            allocate(m, purse.installed, split, t);
            UnitGrid free = purse.installed;
            for (int s = 0; s < S; ++s) {
                for (int j = 0; j < J; ++j) {
                    free(s, j, t) -= split.reserved(s, j, t);
                }
            }
            return trainingByCluster(m, free, t);
        };
        const auto now = freeTraining();
        const auto held = [&](const auto& by) {
            return std::any_of(by.begin(), by.end(), [&](const auto& c) { return c.second >= job - 1e-9; });
        };
        if (job <= 0.0 || held(now)) {
            return;
        }
        std::map<std::pair<int, int>, double> clusters = now; // (family, site) → free PFLOP/s, 0 where none yet
        for (int s = 0; s < S; ++s) {
            for (int j = 0; j < J && m.systems[s].trainingPflops > 0.0; ++j) {
                clusters.try_emplace({m.fabricOf[static_cast<std::size_t>(s)], j}, 0.0);
            }
        }
        std::vector<std::pair<double, std::pair<int, int>>> candidates; // free PFLOP/s, (family, site)
        for (const auto& [cluster, pflops] : clusters) {
            candidates.emplace_back(pflops, cluster);
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [pflops, cluster] : candidates) {
            const int f = cluster.first; // a plain int: clang 14 cannot capture a structured binding
            const int j = cluster.second;
            const auto ofFamily = [&, f](int o) {
                return m.fabricOf[static_cast<std::size_t>(o)] == f ? trainingOf(o, t) : 0.0;
            };
            const Purse before = purse;
            for (double lacking = job - pflops; lacking > 1e-9; lacking = job - freeTraining()[cluster]) {
                bool bought = false;
                while (lacking > 1e-9) {
                    const auto [c, from] = latestBuy(t, ofFamily, j);
                    if (c.offer < 0) {
                        break;
                    }
                    buy(c, from);
                    bought = true;
                    lacking -= ofFamily(c.offer);
                }
                if (!bought) {
                    break;
                }
            }
            if (held(freeTraining())) {
                return;
            }
            purse = before; // this cluster cannot grow enough: undo what was bought for it
        }
    };
    const double need = 1.0 + sc.policy.headroom;
    for (int t = 0; t < T; ++t) {
        holdLargestJob(t); // first: the demand below is measured with the job placed whole
        for (int kind = -1; kind < m.inferenceClasses(); ++kind) {
            const double demand =
                (kind < 0 ? sc.demandIn(t).totalTraining() : sc.demandIn(t).totalInference(kind)) * need;
            const auto per = [&](int o) { return m.systems[o].streamIn(kind, t); };
            // Buys the best unit until what it adds covers the shortfall, then splits the units again
            // (a split costs a pass over every system, site and quarter, so not after every unit).
            for (double lacking = demand - capacity(t, kind); lacking > 1e-9; lacking = demand - capacity(t, kind)) {
                bool bought = false;
                while (lacking > 1e-9) {
                    const auto [c, from] = latestBuy(t, per, -1, kind >= 0);
                    if (c.offer < 0) {
                        break; // nothing allowed, supplied, affordable, powered, racked and within caps is left
                    }
                    buy(c, from, kind >= 0);
                    bought = true;
                    lacking -= per(c.offer);
                }
                if (!bought) {
                    break;
                }
            }
        }
        holdVendorShares(t);
    }
    holdVendorShares(T - 1); // purchases for later quarters may serve from earlier ones
    plan.purchases = purse.purchases;
    allocate(m, purse.installed, plan);
    rentShortfall(m, purse, plan);
    capWhatDoesNotTrain(m, plan);
    const Evaluation e = evaluate(m, plan);
    plan.objectiveUsd = e.costUsd;
    plan.status = e.violations.empty() ? PlanStatus::Feasible : PlanStatus::Infeasible;
    plan.solveSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return plan;
}

} // namespace fw::core::plan
