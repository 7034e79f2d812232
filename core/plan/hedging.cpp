// SPDX-License-Identifier: Apache-2.0
#include "core/plan/hedging.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "core/error.h"
#include "core/plan/hedgingterms.h"
#include "core/plan/milp.h"

namespace fw::core::plan {
namespace {

using detail::Key;
using detail::Milp;
using detail::RowInfo;
using detail::SharedColumns;
using detail::Solution;
using detail::Start;

/// Whole numbers either side of x̄ where the linearised proximal term is exact.
constexpr int proximalReach = 2;

/// The least power order that counts, MW (1 kW): the floor of the power orders' scale in the residual and
/// in ρ, as 1 unit is the purchases'.
constexpr double leastPowerMw = 1e-3;

/// The value at risk's terms in a future's subproblem (mean–CVaR).
struct ValueAtRiskTerms {
    detail::RiskShare share; ///< its column e = η − share.low
    double w = 0.0;          ///< W's price per USD of η
    double rho = 0.0;        ///< 0: no proximal term
    double centre = 0.0;     ///< η̄, USD
    double step = 0.0;       ///< between the tangent points, USD
    double last = 0.0;       ///< this future's last η, USD
};

/// What one future's subproblem adds to its MILP.
struct Terms {
    const std::vector<double>* w = nullptr;    ///< per key: the linear term's price; null: none
    const std::vector<double>* xbar = nullptr; ///< per key: the proximal term's centre; null: no proximal term
    const std::vector<double>* rho = nullptr;
    const std::vector<double>* last = nullptr; ///< per key: this future's last answer (more exact chords there)
    const std::vector<double>* step = nullptr; ///< per power key: between its tangent points, MW
    const std::vector<std::optional<double>>* fixed = nullptr; ///< per key: held at this many units or MW; null: none
    const ValueAtRiskTerms* valueAtRisk = nullptr;             ///< null: expected cost, no η
};

/// Future k's MILP with the first-stage columns some future lacks held at 0, and `terms` added.
Milp subproblem(const Milp& base, const SharedColumns& first, std::size_t k, const Terms& terms)
{
    Milp p = base;
    for (const int column : first.absent[k]) {
        p.columnUpper[static_cast<std::size_t>(column)] = 0.0;
    }
    for (std::size_t i = 0; i < first.keys.size(); ++i) {
        const int column = first.columns[k][i];
        const auto c = static_cast<std::size_t>(column);
        const Key& key = first.keys[i];
        if (terms.fixed != nullptr && (*terms.fixed)[i]) {
            const double units = *(*terms.fixed)[i];
            detail::addRow(p, {{column, 1.0}}, units, units,
                           {first.isPower(i) ? RowInfo::Kind::Power : RowInfo::Kind::Supply,
                            std::get<1>(key),
                            std::get<2>(key),
                            std::get<0>(key),
                            {}});
            continue; // a fixed column's W and proximal terms are constants
        }
        if (terms.w != nullptr) {
            p.objective[c] += (*terms.w)[i];
        }
        if (terms.xbar == nullptr || (*terms.rho)[i] <= 0.0) {
            continue;
        }
        const double xbar = (*terms.xbar)[i];
        if (first.isPower(i)) {
            // MW are continuous: tangents at x̄, the future's last answer and x̄ ± step × 2^j out to the column's
            // bound, as for η.
            const double step = (*terms.step)[i];
            std::vector<double> points{xbar, (*terms.last)[i]};
            for (double d = step; d <= p.columnUpper[c] + step; d *= 2.0) {
                points.push_back(xbar - d);
                points.push_back(xbar + d);
            }
            addTangentProximal(p, column, xbar, (*terms.rho)[i], points);
            continue;
        }
        if (p.columnUpper[c] < 1.0) {
            continue;
        }
        const int top = static_cast<int>(std::min(p.columnUpper[c], 1e9)) - 1; // last n with n + 1 allowed
        std::set<int> points;
        const int from = std::max(0, static_cast<int>(std::floor(xbar)) - proximalReach);
        const int to = std::min(top, static_cast<int>(std::ceil(xbar)) + proximalReach - 1);
        for (int n = from; n <= to; ++n) {
            points.insert(n);
        }
        if (terms.last != nullptr) {
            const int x = static_cast<int>(std::lround((*terms.last)[i]));
            for (const int n : {x - 1, x}) {
                if (n >= 0 && n <= top) {
                    points.insert(n);
                }
            }
        }
        addChordProximal(p, column, xbar, (*terms.rho)[i], points,
                         {RowInfo::Kind::Use, std::get<1>(key), std::get<2>(key), std::get<0>(key), {}});
    }
    if (terms.valueAtRisk != nullptr) {
        const ValueAtRiskTerms& v = *terms.valueAtRisk;
        p.objective[static_cast<std::size_t>(v.share.eta)] += v.w;
        if (v.rho > 0.0) {
            // At η̄, the future's last η, and η̄ ± step × 2^j out to η's whole range: within a factor of
            // the quadratic everywhere, so a future cannot run far from η̄ on a slope the term hides.
            const double centre = v.centre - v.share.low;
            std::vector<double> points{centre, v.last - v.share.low};
            for (double d = v.step; d <= 2.0 * (v.share.high - v.share.low) + v.step; d *= 2.0) {
                points.push_back(centre - d);
                points.push_back(centre + d);
            }
            addTangentProximal(p, v.share.eta, centre, v.rho, points);
        }
    }
    return p;
}

/// Future `future`'s answer to its subproblem at `iteration`. Stopped by the time limit before CBC found
/// a plan, a future that has answered before (`mayKeep`) keeps its last answer: the answer comes back
/// empty. Proven infeasible while decisions are fixed in dispute (`mayRelease`), it comes back empty too,
/// for them to be released. Otherwise no plan ends hedging.
Solution solved(const Milp& p, const OptimizerOptions& options, const Start& start, std::size_t future, int iteration,
                bool mayKeep, bool mayRelease = false)
{
    Solution s = detail::solve(p, options, start.columns, start.values);
    if (options.cancel != nullptr && options.cancel->load()) {
        throw ValidationError("progressive hedging cancelled at iteration " + std::to_string(iteration));
    }
    if (s.x.empty() && !(mayKeep && s.status == PlanStatus::TimeLimit) &&
        !(mayRelease && s.status == PlanStatus::Infeasible)) {
        throw ValidationError("progressive hedging: future " + std::to_string(future + 1) + " at iteration " +
                              std::to_string(iteration) + " has no plan (" + std::string(toString(s.status)) +
                              "): allow more time");
    }
    return s;
}

} // namespace

HedgingResult progressiveHedging(const std::vector<PlanModel>& futures, const std::vector<double>& probabilities,
                                 int firstStageQuarters, const OptimizerOptions& options, const HedgingOptions& hedging,
                                 const SolveGroup& group, const HedgedObjective& objective,
                                 const std::vector<Plan>& alone)
{
    const auto started = std::chrono::steady_clock::now();
    const std::size_t K = futures.size();
    std::vector<Milp> milps;
    milps.reserve(K);
    for (const auto& future : futures) {
        milps.push_back(detail::buildMilp(future, false));
    }
    std::vector<const Milp*> keyed;
    for (const auto& milp : milps) {
        keyed.push_back(&milp);
    }
    const SharedColumns first = detail::firstStageColumns(keyed, std::vector<std::size_t>(K, 0), firstStageQuarters);
    const std::size_t N = first.keys.size();
    double mass = 0.0;
    for (const double p : probabilities) {
        mass += p;
    }
    HedgingResult result;
    result.keys = static_cast<int>(N);
    std::vector<std::vector<double>> x(K, std::vector<double>(N, 0.0)); // [future][key], whole units or MW
    std::vector<std::vector<double>> solutions(K);                      // each future's last solution
    std::vector<double> cost(K, 0.0);                                   // f_k(x_k)
    std::vector<double> xbar(N, 0.0);
    std::vector<std::vector<double>> w(K, std::vector<double>(N, 0.0));
    std::vector<double> rho(N, 0.0);
    std::vector<double> step(N, 0.0); // per power key: between its tangent points, MW
    std::vector<std::optional<double>> fixed(N);
    std::vector<bool> fixedInDispute(N, false); // fixed by a cycle or slamming, not because the futures agree
    std::vector<bool> released(N, false);       // released once: fixed again only when the futures agree
    std::vector<int> agreeing(N, 0);            // iterations running on which every future bought the same
    std::vector<std::vector<double>> history;   // x̄, each iteration
    std::vector<std::vector<std::vector<double>>> answersOf(N);    // per purchase: the futures' answers, each iteration
    int unchanged = 0;                                             // iterations running x̄ has not moved
    double residualBest = std::numeric_limits<double>::infinity(); // the residual's least so far
    int residualStalled = 0; // iterations since the residual last fell 10 % below its least
    // Mean–CVaR: η per future, η̄, W and ρ of η, η's mean distance from η̄, its columns.
    // CVaR at level 0 is the expected cost: the blend is then expected cost alone, with no η to agree on.
    const bool atRisk = objective.blend.weight > 0.0 && objective.blend.alpha > 0.0;
    std::vector<detail::RiskShare> shares(K);
    std::vector<double> eta(K, 0.0);
    std::vector<double> wEta(K, 0.0);
    double etaBar = 0.0;
    double rhoEta = 0.0;
    double etaSpread = 0.0;
    double etaBest = std::numeric_limits<double>::infinity(); // η's least residual so far
    int etaStalled = 0; // iterations since η's residual last fell 10 % below its least

    // The most of key i every future allows (a supply shock lowers an offer's in some): whole units of a
    // purchase, MW of a power order.
    const auto leastUpper = [&](std::size_t i) {
        double most = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < K; ++k) {
            most = std::min(most, milps[k].columnUpper[static_cast<std::size_t>(first.columns[k][i])]);
        }
        return first.isPower(i) ? most : std::floor(most);
    };
    // Where a key is settled (fixed in dispute, or at the end), within leastUpper: a purchase at x̄ rounded to
    // whole units; a power order at the most any future ordered (x̄ could leave a future's units without the
    // power they draw, and a site's power rows are hard: more power only eases them).
    const auto settled = [&](std::size_t i) {
        if (!first.isPower(i)) {
            return std::min(static_cast<double>(std::lround(xbar[i])), leastUpper(i));
        }
        double largest = 0.0;
        for (std::size_t k = 0; k < K; ++k) {
            largest = std::max(largest, x[k][i]);
        }
        return std::min(largest, leastUpper(i));
    };
    // The future whose purchases are nearest x̄ (Σ_i |x_k,i − x̄_i| in units; on a tie the more probable,
    // then the first).
    const auto nearestFuture = [&]() {
        std::size_t nearest = 0;
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < K; ++k) {
            double units = 0.0;
            for (std::size_t i = 0; i < first.purchases; ++i) {
                units += std::fabs(x[k][i] - xbar[i]);
            }
            if (units < least || (units == least && probabilities[k] > probabilities[nearest])) {
                nearest = k;
                least = units;
            }
        }
        return nearest;
    };
    // Whether two answers for key i are the same decision: whole units exactly, MW within 1e-6.
    const auto same = [&](std::size_t i, double a, double b) {
        return first.isPower(i) ? std::fabs(a - b) <= 1e-6 : a == b;
    };

    std::vector<int> solvesPerRank(static_cast<std::size_t>(group.ranks()), 0);
    // One round of solves shared by the ranks: solve(k) on the rank that owns future k, which keeps
    // its whole solution (the next round's start); every rank gets each answer's first stage and cost.
    // A bound round (`keep` false) leaves the futures' solutions as they were: the next round starts from
    // the hedging subproblem's answer, not from the bound's, which ignores the proximal term.
    const auto solveRound = [&](const std::function<Solution(std::size_t)>& solve, bool keep) {
        const std::vector<nlohmann::json> answers = shareFutures(group, K, 1, [&](std::size_t k) {
            const Solution s = solve(k);
            nlohmann::json answer = {{"planned", !s.x.empty()},
                                     {"infeasible", s.x.empty() && s.status == PlanStatus::Infeasible},
                                     {"bound", s.bound},
                                     {"objective", s.objective}};
            if (!s.x.empty()) {
                const std::vector<double> solution(
                    s.x.begin(), s.x.begin() + static_cast<std::ptrdiff_t>(milps[k].columnUpper.size()));
                std::vector<double> firstStage(N);
                for (std::size_t i = 0; i < N; ++i) {
                    const double value = solution[static_cast<std::size_t>(first.columns[k][i])];
                    firstStage[i] = first.isPower(i) ? std::max(0.0, value) : std::round(value);
                }
                const double cost = detail::objectiveOf(milps[k], solution);
                answer["cost"] = cost;
                answer["x"] = firstStage;
                // η_k; planned alone (no η column yet) the share's least value is at η = the future's cost
                const int e = shares[k].eta;
                answer["eta"] = e >= 0 ? shares[k].low + solution[static_cast<std::size_t>(e)] : cost;
                if (keep) {
                    solutions[k] = solution;
                }
            }
            return answer;
        });
        for (std::size_t k = 0; k < K; ++k) {
            ++solvesPerRank[k % solvesPerRank.size()];
        }
        return answers;
    };
    // The futures' answers of one round; a future without one (its time limit came first) keeps its
    // last: the futures that did, counted.
    const auto record = [&](const std::vector<nlohmann::json>& answers) {
        int kept = 0;
        for (std::size_t k = 0; k < K; ++k) {
            if (!answers[k].at("planned").get<bool>()) {
                ++kept;
                continue;
            }
            cost[k] = answers[k].at("cost").get<double>();
            x[k] = answers[k].at("x").get<std::vector<double>>();
            eta[k] = answers[k].at("eta").get<double>();
        }
        return kept;
    };
    // Σ_k p_k min(bound, objective): CBC's bound of each future's answer (−infinity: one found no plan).
    const auto boundOf = [&](const std::vector<nlohmann::json>& answers) {
        double bound = 0.0;
        for (std::size_t k = 0; k < K; ++k) {
            if (!answers[k].at("planned").get<bool>()) {
                return -std::numeric_limits<double>::infinity();
            }
            bound += probabilities[k] *
                     std::min(answers[k].at("bound").get<double>(), answers[k].at("objective").get<double>());
        }
        return bound;
    };
    // x̄, the residual and Σ p f after the futures' solves of one iteration.
    // Σ_k p_k |x_k,i − x̄_i|: the expected units of purchase i in dispute.
    const auto apart = [&](std::size_t i) {
        double units = 0.0;
        for (std::size_t k = 0; k < K; ++k) {
            units += probabilities[k] / mass * std::fabs(x[k][i] - xbar[i]);
        }
        return units;
    };
    const auto aggregate = [&](HedgingIteration& it) {
        std::fill(xbar.begin(), xbar.end(), 0.0);
        for (std::size_t k = 0; k < K; ++k) {
            it.expectedCostUsd += probabilities[k] * cost[k];
            for (std::size_t i = 0; i < N; ++i) {
                xbar[i] += probabilities[k] / mass * x[k][i];
            }
        }
        // Purchases (whole units) and power orders (MW) apart: the residual is the larger of their shares.
        std::array<double, 2> dispute{};
        std::array<double, 2> amount{};
        for (std::size_t i = 0; i < N; ++i) {
            const std::size_t kind = first.isPower(i) ? 1 : 0;
            amount[kind] += xbar[i];
            dispute[kind] += apart(i);
            if (first.isPower(i)) {
                step[i] = std::max(apart(i) / 4.0, hedging.tolerance * std::max(leastPowerMw, xbar[i]));
            }
        }
        it.residual = std::max(dispute[0] / std::max(1.0, amount[0]), dispute[1] / std::max(leastPowerMw, amount[1]));
        if (atRisk) {
            etaBar = 0.0;
            for (std::size_t k = 0; k < K; ++k) {
                etaBar += probabilities[k] / mass * eta[k];
            }
            etaSpread = 0.0;
            for (std::size_t k = 0; k < K; ++k) {
                etaSpread += probabilities[k] / mass * std::fabs(eta[k] - etaBar);
            }
            it.valueAtRiskUsd = etaBar;
            it.valueAtRiskResidual = etaSpread / std::max(1.0, std::fabs(etaBar));
        }
    };
    const auto converged = [&](const HedgingIteration& it) {
        return it.residual <= hedging.tolerance && it.valueAtRiskResidual <= hedging.tolerance;
    };
    // W_k += ρ (x_k − x̄), re-centred so that Σ p_k W_k = 0 exactly as far as rounding allows.
    const auto updateW = [&]() {
        for (std::size_t i = 0; i < N; ++i) {
            double mean = 0.0;
            for (std::size_t k = 0; k < K; ++k) {
                w[k][i] += rho[i] * (x[k][i] - xbar[i]);
                mean += probabilities[k] / mass * w[k][i];
            }
            for (std::size_t k = 0; k < K; ++k) {
                w[k][i] -= mean;
            }
        }
        double mean = 0.0;
        for (std::size_t k = 0; k < K; ++k) {
            wEta[k] += rhoEta * (eta[k] - etaBar);
            mean += probabilities[k] / mass * wEta[k];
        }
        for (std::size_t k = 0; k < K; ++k) {
            wEta[k] -= mean;
        }
    };
    // Future k's η terms: W's price, and the proximal term unless `bound` (the Lagrangian bound's solve),
    // its tangents a quarter of η's mean distance from η̄ apart (at least the tolerance's share of η̄):
    // the term is 0 within half a step of η̄, so a future that η does not matter to moves within it.
    const auto valueAtRiskTerms = [&](std::size_t k, bool bound) {
        const double step = std::max(etaSpread / 4.0, hedging.tolerance * std::max(1.0, std::fabs(etaBar)));
        return ValueAtRiskTerms{shares[k], wEta[k], bound ? 0.0 : rhoEta, etaBar, step, eta[k]};
    };

    // Iteration 0's start for future k: its plan alone, unless that buys a purchase held at 0 here.
    const auto aloneStart = [&](std::size_t k) {
        Start start;
        if (k >= alone.size() || !detail::addBlockStart(futures[k], milps[k], alone[k], 0, start)) {
            return Start{};
        }
        for (std::size_t i = 0; i < start.columns.size(); ++i) {
            const auto& absent = first.absent[k];
            if (start.values[i] > 0.0 && std::find(absent.begin(), absent.end(), start.columns[i]) != absent.end()) {
                return Start{};
            }
        }
        return start;
    };
    // Iteration 0: each future alone. Its CBC bounds give the first Lagrangian bound (W = 0).
    HedgingIteration zero;
    {
        const auto answers = solveRound(
            [&](std::size_t k) {
                return solved(subproblem(milps[k], first, k, {}), options, aloneStart(k), k, 0, false);
            },
            true);
        record(answers);
        zero.lowerBoundUsd = boundOf(answers);
        zero.solves = static_cast<int>(K);
        if (atRisk) { // from now on each future minimises its share of the blend, η held to its range
            double lowest = std::numeric_limits<double>::infinity();
            for (const auto& answer : answers) {
                lowest = std::min({lowest, answer.at("bound").get<double>(), answer.at("objective").get<double>()});
            }
            const detail::RiskShare range = detail::valueAtRiskRange(lowest, objective.feasibleUsd, objective.blend);
            for (std::size_t k = 0; k < K; ++k) {
                shares[k] = detail::addRiskShare(milps[k], objective.blend, range);
                eta[k] = std::clamp(eta[k], range.low, range.high);
            }
        }
    }
    aggregate(zero);
    // ρ_i = c_i ÷ (max − min + 1) over the futures' first answers (SEP, Watson and Woodruff 2011); for a
    // power order, continuous, c_i ÷ max(1 kW, Σ p_k |x_k,i − x̄_i|).
    for (std::size_t i = 0; i < N; ++i) {
        double c = 0.0;
        double lowest = x[0][i];
        double highest = x[0][i];
        for (std::size_t k = 0; k < K; ++k) {
            c += probabilities[k] / mass * std::fabs(milps[k].objective[static_cast<std::size_t>(first.columns[k][i])]);
            lowest = std::min(lowest, x[k][i]);
            highest = std::max(highest, x[k][i]);
        }
        rho[i] =
            hedging.rhoMultiplier * c / (first.isPower(i) ? std::max(leastPowerMw, apart(i)) : highest - lowest + 1.0);
    }
    if (atRisk) { // the SEP rule for a continuous variable: its cost ÷ max(1, mean distance from η̄)
        rhoEta = hedging.rhoMultiplier * objective.blend.weight / std::max(1.0, etaSpread);
    }
    updateW();
    result.iterations.push_back(zero);

    const auto fixAgreed = [&](HedgingIteration& it) {
        for (std::size_t i = 0; i < N; ++i) {
            const bool agree =
                std::all_of(x.begin(), x.end(), [&](const std::vector<double>& xk) { return same(i, xk[i], x[0][i]); });
            agreeing[i] = agree ? agreeing[i] + 1 : 0;
            if (!fixed[i] && agreeing[i] >= hedging.fixAfter) {
                fixed[i] = x[0][i];
            }
        }
        // A cycle: x̄, or the futures' answers for one purchase (futures swapping units between sites or
        // quarters leave x̄ in place), back at values they had before the last iteration, having left them.
        const auto returned = [](const auto& seen, const auto& now) {
            return seen.size() >= 2 && seen.back() != now &&
                   std::find(seen.begin(), seen.end() - 1, now) != seen.end() - 1;
        };
        const bool cycle = returned(history, xbar);
        for (std::size_t i = 0; i < N; ++i) {
            std::vector<double> answers(K);
            for (std::size_t k = 0; k < K; ++k) {
                answers[k] = x[k][i];
            }
            const bool dispute =
                std::any_of(answers.begin(), answers.end(), [&](double units) { return !same(i, units, xbar[i]); });
            if (!fixed[i] && !released[i] && dispute && (cycle || returned(answersOf[i], answers))) {
                fixed[i] = settled(i);
                fixedInDispute[i] = true;
                it.cycle = true;
            }
            answersOf[i].push_back(std::move(answers));
        }
        // A stall: x̄ unchanged `stallAfter` iterations running while the futures disagree, or the residual
        // not 10 % below its least in as many (answers that move without coming together).
        unchanged = !history.empty() && history.back() == xbar ? unchanged + 1 : 0;
        residualStalled = it.residual < 0.9 * residualBest ? 0 : residualStalled + 1;
        residualBest = std::min(residualBest, it.residual);
        // Slamming: from `slamAfter` on, an iteration that did not bring the residual 10 % below its least
        // fixes the purchase in dispute the futures are least apart on at x̄ rounded.
        if (it.iteration >= hedging.slamAfter && residualStalled > 0 && it.residual > hedging.tolerance) {
            std::optional<std::size_t> closest;
            double closestApart = std::numeric_limits<double>::infinity();
            for (std::size_t i = 0; i < N; ++i) {
                const double units = apart(i);
                if (!fixed[i] && !released[i] && units > 0.0 && units < closestApart) {
                    closest = i;
                    closestApart = units;
                }
            }
            if (closest) {
                fixed[*closest] = settled(*closest);
                fixedInDispute[*closest] = true;
                it.slammed = true;
            }
        }
        if (hedging.stallAfter > 0 && (unchanged >= hedging.stallAfter || residualStalled >= hedging.stallAfter) &&
            it.residual > hedging.tolerance) {
            unchanged = 0;
            residualStalled = 0;
            for (std::size_t i = 0; i < N; ++i) {
                const bool dispute = std::any_of(
                    x.begin(), x.end(), [&](const std::vector<double>& xk) { return !same(i, xk[i], xbar[i]); });
                if (!fixed[i] && dispute) {
                    rho[i] *= 2.0;
                    ++it.rhoRaised;
                }
            }
        }
        // η's stall: its residual above the tolerance and not 10 % below its least in `stallAfter` iterations.
        etaStalled = it.valueAtRiskResidual < 0.9 * etaBest ? 0 : etaStalled + 1;
        etaBest = std::min(etaBest, it.valueAtRiskResidual);
        if (atRisk && hedging.stallAfter > 0 && etaStalled >= hedging.stallAfter &&
            it.valueAtRiskResidual > hedging.tolerance) {
            etaStalled = 0;
            rhoEta *= 2.0;
            ++it.rhoRaised;
        }
        history.push_back(xbar);
        it.fixedKeys =
            static_cast<int>(std::count_if(fixed.begin(), fixed.end(), [](const auto& f) { return f.has_value(); }));
    };
    fixAgreed(result.iterations.back());
    if (hedging.iterationDone) {
        hedging.iterationDone(result.iterations.back());
    }
    result.residual = zero.residual;
    result.valueAtRiskResidual = zero.valueAtRiskResidual;
    result.converged = converged(zero);

    for (int iteration = 1; !result.converged && iteration <= hedging.iterationLimit; ++iteration) {
        if (options.cancel != nullptr && options.cancel->load()) {
            throw ValidationError("progressive hedging cancelled at iteration " + std::to_string(iteration));
        }
        HedgingIteration it;
        it.iteration = iteration;
        std::vector<nlohmann::json> answers;
        for (;;) {
            const bool mayRelease =
                std::find(fixedInDispute.begin(), fixedInDispute.end(), true) != fixedInDispute.end();
            answers = solveRound(
                [&](std::size_t k) {
                    const ValueAtRiskTerms v = valueAtRiskTerms(k, false);
                    const Terms terms{&w[k], &xbar, &rho, &x[k], &step, &fixed, atRisk ? &v : nullptr};
                    return solved(subproblem(milps[k], first, k, terms), options,
                                  detail::startFrom(milps[k], solutions[k]), k, iteration, true, mayRelease);
                },
                true);
            it.solves += static_cast<int>(K);
            if (std::none_of(answers.begin(), answers.end(),
                             [](const nlohmann::json& a) { return a.at("infeasible").get<bool>(); })) {
                break;
            }
            // A future has no plan with the decisions fixed in dispute: x̄ rounded key by key need not suit
            // every future (units rounded up at two sites together can be more than is on offer, or draw more
            // power than a quarter has).
            // First they are all settled on one future's last answers, which its own plan shows fit together;
            // if some future still has no plan, they are released and the futures solved again.
            if (it.settledOnFuture == 0) {
                const std::size_t nearest = nearestFuture();
                for (std::size_t i = 0; i < N; ++i) {
                    if (fixedInDispute[i]) {
                        fixed[i] = first.isPower(i) ? settled(i) : std::min(x[nearest][i], leastUpper(i));
                    }
                }
                it.settledOnFuture = static_cast<int>(nearest) + 1;
                continue;
            }
            for (std::size_t i = 0; i < N; ++i) {
                if (fixedInDispute[i]) {
                    fixed[i].reset();
                    fixedInDispute[i] = false;
                    released[i] = true;
                    agreeing[i] = 0;
                    ++it.released;
                }
            }
        }
        it.keptAnswers = record(answers);
        aggregate(it);
        updateW();
        // The Lagrangian bound with the new W: no proximal term, nothing fixed, CBC's bound.
        const bool last = converged(it) || iteration == hedging.iterationLimit;
        if (last || iteration % std::max(1, hedging.boundEvery) == 0) {
            it.lowerBoundUsd = boundOf(solveRound(
                [&](std::size_t k) {
                    const ValueAtRiskTerms v = valueAtRiskTerms(k, true);
                    const Terms terms{&w[k], nullptr, nullptr, nullptr, nullptr, nullptr, atRisk ? &v : nullptr};
                    const Start start = detail::startFrom(milps[k], solutions[k]); // feasible here: fewer rows
                    return detail::solve(subproblem(milps[k], first, k, terms), options, start.columns, start.values);
                },
                false));
            it.boundSolves = static_cast<int>(K);
        } else {
            it.lowerBoundUsd = -std::numeric_limits<double>::infinity();
        }
        fixAgreed(it);
        result.residual = it.residual;
        result.valueAtRiskResidual = it.valueAtRiskResidual;
        result.converged = converged(it);
        result.iterations.push_back(it);
        if (hedging.iterationDone) {
            hedging.iterationDone(it);
        }
    }

    result.lowerBoundUsd = -std::numeric_limits<double>::infinity();
    for (const auto& it : result.iterations) {
        result.lowerBoundUsd = std::max(result.lowerBoundUsd, it.lowerBoundUsd);
        result.solves += it.solves + it.boundSolves;
    }
    result.fixedKeys = result.iterations.back().fixedKeys;
    result.solvesPerRank = solvesPerRank;
    result.futureCostUsd = cost;
    std::vector<double> decided(N);
    for (std::size_t i = 0; i < N; ++i) {
        decided[i] = settled(i);
    }
    result.firstStage = detail::firstStageOf(first, decided);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace fw::core::plan
