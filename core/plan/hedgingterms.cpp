// SPDX-License-Identifier: Apache-2.0
#include "core/plan/hedgingterms.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/error.h"

namespace fw::core::plan::detail {
namespace {

int addColumn(Milp& p, double upper, double cost)
{
    p.columnUpper.push_back(upper);
    p.objective.push_back(cost);
    p.integer.push_back(false);
    p.byColumn.emplace_back();
    return static_cast<int>(p.byColumn.size()) - 1;
}

/// A row of the CVaR share or of a tangent proximal term: no site, quarter or offer of its own.
const RowInfo unplaced{RowInfo::Kind::Use, -1, -1, -1, {}};

} // namespace

void addRow(Milp& p, const std::vector<std::pair<int, double>>& terms, double lower, double upper, RowInfo info)
{
    const int row = static_cast<int>(p.rowLower.size());
    for (const auto& [column, coefficient] : terms) {
        p.byColumn[static_cast<std::size_t>(column)].emplace_back(row, coefficient);
    }
    p.rowLower.push_back(lower);
    p.rowUpper.push_back(upper);
    p.rows.push_back(std::move(info));
}

void addChordProximal(Milp& p, int column, double xbar, double rho, const std::set<int>& points, const RowInfo& info)
{
    const int q = addColumn(p, infinity, 1.0);
    const auto g = [&](double n) { return 0.5 * rho * (n - xbar) * (n - xbar); };
    for (const int n : points) {
        const double slope = g(n + 1.0) - g(n);
        // q − slope·x ≥ g(n) − slope·n
        addRow(p, {{q, 1.0}, {column, -slope}}, g(n) - slope * n, infinity, info);
    }
}

RiskShare valueAtRiskRange(double lowestCostUsd, double feasibleObjectiveUsd, const MeanCvar& objective)
{
    if (!(objective.weight > 0.0) || !std::isfinite(lowestCostUsd) || !std::isfinite(feasibleObjectiveUsd)) {
        throw ValidationError("mean–CVaR by progressive hedging needs a plan that meets every future (the "
                              "expected-value plan's first stage): none is known, so its value at risk has no "
                              "bound; use the extensive form");
    }
    RiskShare range;
    range.low = lowestCostUsd;
    range.high =
        std::max(lowestCostUsd, (feasibleObjectiveUsd - (1.0 - objective.weight) * lowestCostUsd) / objective.weight);
    return range;
}

RiskShare addRiskShare(Milp& p, const MeanCvar& objective, RiskShare range)
{
    const double w = objective.weight;
    const std::vector<double> cost = p.objective; // the future's own NPV cost per unit of each column
    for (double& c : p.objective) {
        c *= 1.0 - w;
    }
    const double constant = p.constant;
    p.constant = (1.0 - w) * constant + w * range.low;
    range.eta = addColumn(p, range.high - range.low, w);
    range.excess = addColumn(p, infinity, w / (1.0 - objective.alpha));
    // s − c·x + e ≥ constant − low
    std::vector<std::pair<int, double>> terms{{range.excess, 1.0}, {range.eta, 1.0}};
    for (std::size_t c = 0; c < cost.size(); ++c) {
        if (cost[c] != 0.0) {
            terms.emplace_back(static_cast<int>(c), -cost[c]);
        }
    }
    addRow(p, terms, constant - range.low, infinity, unplaced);
    return range;
}

void addTangentProximal(Milp& p, int column, double centre, double rho, const std::vector<double>& points)
{
    const int q = addColumn(p, infinity, 1.0);
    for (const double t : points) {
        const double value = 0.5 * rho * (t - centre) * (t - centre);
        const double slope = rho * (t - centre);
        // q − slope·x ≥ value − slope·t
        addRow(p, {{q, 1.0}, {column, -slope}}, value - slope * t, infinity, unplaced);
    }
}

} // namespace fw::core::plan::detail
