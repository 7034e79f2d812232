// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/plan: what progressive hedging (hedging.cpp) adds to one future's MILP — the
// linearised proximal terms, and the CVaR share in which the value at risk η is one more decision
// every future must agree on.

#include <set>
#include <utility>
#include <vector>

#include "core/plan/milp.h"
#include "core/plan/riskmeasure.h"

namespace fw::core::plan::detail {

/// Appends a row lower ≤ Σ coefficient × column ≤ upper.
void addRow(Milp& p, const std::vector<std::pair<int, double>>& terms, double lower, double upper, RowInfo info);

/// q ≥ ρ/2 (x − x̄)² for the whole-unit column `column` at every whole x in `points` (the chords from each
/// n to n + 1), q a new column of cost 1; its rows are labelled with `info`.
void addChordProximal(Milp& p, int column, double xbar, double rho, const std::set<int>& points, const RowInfo& info);

/// The columns addRiskShare appends to a future's MILP.
struct RiskShare {
    int eta = -1;      ///< e = η − low, 0 ≤ e ≤ high − low (columns have no lower bound but 0)
    int excess = -1;   ///< s ≥ (the future's NPV cost) − η, s ≥ 0
    double low = 0.0;  ///< η's least value, USD
    double high = 0.0; ///< η's greatest value, USD
};

/// Where η = VaR_α of the mean–CVaR optimum lies. For any first stage x the blend's least value over η
/// is reached at VaR_α(x) (Rockafellar and Uryasev 2000), which lies between the least of the futures'
/// costs and CVaR_α(x). Every future's cost is at least `lowestCostUsd` (the least of their CBC bounds
/// planned alone), and at the optimum x* (1 − w) E[c(x*)] + w CVaR(x*) ≤ `feasibleObjectiveUsd` (the
/// blend's value of any plan meeting every future), so CVaR(x*) ≤ (feasible − (1 − w) lowest) ÷ w.
/// Holding η to [low, high] keeps the optimum and makes every subproblem bounded, whatever its W.
RiskShare valueAtRiskRange(double lowestCostUsd, double feasibleObjectiveUsd, const MeanCvar& objective);

/// Turns future k's MILP `p`, whose objective is its NPV cost c·x + constant, into its share of the
/// mean–CVaR blend: (1 − w)(c·x + constant) + w η + w s ÷ (1 − α), with s ≥ c·x + constant − η, s ≥ 0,
/// η = range.low + e. Weighted by the futures' probabilities and summed, the shares are the extensive
/// form's objective (its addCvarTerms). Returns `range` with the columns of e and s.
RiskShare addRiskShare(Milp& p, const MeanCvar& objective, RiskShare range);

/// q ≥ ρ/2 (x − centre)² for column `column`, by the tangents at `points`, q a new column of cost 1: the
/// proximal term of a continuous first-stage decision, exact at the points and below the quadratic
/// between them.
void addTangentProximal(Milp& p, int column, double centre, double rho, const std::vector<double>& points);

} // namespace fw::core::plan::detail
