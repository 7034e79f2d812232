// SPDX-License-Identifier: Apache-2.0
#include "core/plan/roundedstart.h"

#include <coin/ClpEventHandler.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/ClpSolve.hpp>
#include <coin/CoinPackedMatrix.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace fw::core::plan::detail {

namespace {

/// Ends Clp's simplex when the planner cancels.
class LpCancel final : public ClpEventHandler {
public:
    explicit LpCancel(const std::atomic<bool>* cancel) : cancel_(cancel) {}
    ClpEventHandler* clone() const override { return new LpCancel(*this); }
    int event(Event event) override
    {
        const bool stop = event == endOfIteration && cancel_ != nullptr && cancel_->load(std::memory_order_relaxed);
        return stop ? 0 : -1;
    }

private:
    const std::atomic<bool>* cancel_;
};

/// The LP relaxation of `p`, solved by Clp with its presolve (CbcMain1 solves an LP without one, minutes
/// on the largest models): every column's value, or nothing when there is no optimum within `seconds`.
std::optional<std::vector<double>> relaxation(const Milp& p, const OptimizerOptions& options, double seconds)
{
    std::vector<int> rowIndices;
    std::vector<int> columnIndices;
    std::vector<double> elements;
    for (std::size_t c = 0; c < p.byColumn.size(); ++c) {
        for (const auto& [r, v] : p.byColumn[c]) {
            rowIndices.push_back(r);
            columnIndices.push_back(static_cast<int>(c));
            elements.push_back(v);
        }
    }
    const CoinPackedMatrix matrix(true, rowIndices.data(), columnIndices.data(), elements.data(),
                                  static_cast<CoinBigIndex>(elements.size()));
    const std::vector<double> columnLower(p.columnUpper.size(), 0.0);
    ClpSimplex lp;
    lp.setLogLevel(0);
    lp.loadProblem(matrix, columnLower.data(), p.columnUpper.data(), p.objective.data(), p.rowLower.data(),
                   p.rowUpper.data());
    lp.setMaximumSeconds(seconds);
    const LpCancel cancel(options.cancel);
    lp.passInEventHandler(&cancel);
    ClpSolve how; // presolve, then the dual simplex
    lp.initialSolve(how);
    if (lp.status() != 0) {
        return std::nullopt;
    }
    const double* x = lp.primalColumnSolution();
    return std::vector<double>(x, x + lp.numberColumns());
}

/// Fixes at 0 every column a row forces there, until none is left to fix: a ≤ 0 row whose free
/// columns all have positive coefficients (or a ≥ 0 row, negative ones) holds only with all of them
/// at 0 (columns have no negative values). Rows of use, fabric and rental (≤ 0) turn the purchases
/// fixed at 0 into idle units, fabric and contracts fixed at 0.
void fixForced(Milp& p)
{
    std::vector<std::vector<std::pair<int, double>>> byRow(p.rowLower.size());
    for (std::size_t c = 0; c < p.byColumn.size(); ++c) {
        for (const auto& [r, v] : p.byColumn[c]) {
            byRow[static_cast<std::size_t>(r)].emplace_back(static_cast<int>(c), v);
        }
    }
    constexpr double unbounded = 1e300;
    for (bool fixed = true; fixed;) {
        fixed = false;
        for (std::size_t r = 0; r < byRow.size(); ++r) {
            const bool atMostZero = p.rowLower[r] <= -unbounded && p.rowUpper[r] == 0.0;
            const bool atLeastZero = p.rowUpper[r] >= unbounded && p.rowLower[r] == 0.0;
            if (!atMostZero && !atLeastZero) {
                continue;
            }
            const auto forcing = [&](const std::pair<int, double>& term) {
                return p.columnUpper[static_cast<std::size_t>(term.first)] == 0.0 ||
                       (atMostZero ? term.second > 0.0 : term.second < 0.0);
            };
            if (!std::all_of(byRow[r].begin(), byRow[r].end(), forcing)) {
                continue;
            }
            for (const auto& [c, v] : byRow[r]) {
                fixed = fixed || p.columnUpper[static_cast<std::size_t>(c)] != 0.0;
                p.columnUpper[static_cast<std::size_t>(c)] = 0.0;
            }
            byRow[r].clear(); // done with
        }
    }
}

/// `p` without its columns fixed at 0 (the rows stay), and for each column left its column in `p`.
std::pair<Milp, std::vector<int>> withoutFixed(const Milp& p)
{
    Milp smaller;
    smaller.rowLower = p.rowLower;
    smaller.rowUpper = p.rowUpper;
    smaller.rows = p.rows;
    smaller.constant = p.constant;
    std::vector<int> kept;
    for (std::size_t c = 0; c < p.columnUpper.size(); ++c) {
        if (p.columnUpper[c] > 0.0) {
            kept.push_back(static_cast<int>(c));
            smaller.columnUpper.push_back(p.columnUpper[c]);
            smaller.objective.push_back(p.objective[c]);
            smaller.integer.push_back(p.integer[c]);
            smaller.byColumn.push_back(p.byColumn[c]);
        }
    }
    return {std::move(smaller), std::move(kept)};
}

} // namespace

RoundedStart roundedStart(const Milp& p, const OptimizerOptions& options, double seconds)
{
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&]() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    RoundedStart found;
    const auto lp = relaxation(p, options, seconds);
    if (!lp) {
        found.seconds = elapsed();
        return found; // no LP optimum: nothing to round (an infeasible LP is CBC's to report)
    }
    found.bound = objectiveOf(p, *lp);
    // The neighbourhood: the purchases the LP makes, free between 0 and their supply; every other
    // purchase fixed at 0. (Keeping each between the floor and the ceiling of its LP value, as RENS
    // does, leaves no plan on the 50-site benchmark: the demand a rounded-down unit leaves must go
    // to another site or quarter.)
    Milp near = p;
    for (const auto& [key, column] : p.buy) {
        const auto c = static_cast<std::size_t>(column);
        if ((*lp)[c] < 1e-6) {
            near.columnUpper[c] = 0.0;
        }
    }
    fixForced(near);
    // CBC's preprocessing takes minutes over tens of thousands of columns fixed at 0: leave them out.
    const auto [smaller, kept] = withoutFixed(near);
    OptimizerOptions quiet = options;
    quiet.progress = {};
    quiet.timeLimitSeconds = std::max(1.0, seconds - elapsed());
    const Solution rounded = solve(smaller, quiet);
    found.seconds = elapsed();
    if (!rounded.x.empty()) {
        found.x.assign(p.columnUpper.size(), 0.0);
        for (std::size_t k = 0; k < kept.size(); ++k) {
            found.x[static_cast<std::size_t>(kept[k])] = rounded.x[k];
        }
        found.objective = objectiveOf(p, found.x);
    }
    return found;
}

} // namespace fw::core::plan::detail
