// SPDX-License-Identifier: Apache-2.0
// The terms progressive hedging adds to a future's MILP, worked by hand on one column.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "core/error.h"
#include "core/plan/hedgingterms.h"

namespace fw::core::plan::detail {
namespace {

/// One whole-unit column x ≤ 10 costing 100 USD per unit, 50 USD of running cost outside it.
Milp oneColumn()
{
    Milp p;
    p.columnUpper = {10.0};
    p.objective = {100.0};
    p.integer = {true};
    p.byColumn.emplace_back();
    p.constant = 50.0;
    return p;
}

TEST(HedgingTerms, TheValueAtRiskRangeKeepsTheOptimum)
{
    // Costs at least 100, a plan whose blend 0.5 E + 0.5 CVaR is 160: CVaR ≤ (160 − 0.5 × 100) ÷ 0.5 = 220.
    const RiskShare range = valueAtRiskRange(100.0, 160.0, {0.9, 0.5});
    EXPECT_DOUBLE_EQ(range.low, 100.0);
    EXPECT_DOUBLE_EQ(range.high, 220.0);
    EXPECT_DOUBLE_EQ(valueAtRiskRange(100.0, 160.0, {0.9, 1.0}).high, 160.0); // CVaR alone: at most the plan's
    EXPECT_THROW(valueAtRiskRange(100.0, std::numeric_limits<double>::infinity(), {0.9, 0.5}), ValidationError);
}

TEST(HedgingTerms, TheRiskShareIsTheFutureShareOfTheBlend)
{
    // w = 0.5, α = 0.75, η in [100, 400]. At x = 3 the future costs 350: with η = 200 its share is
    // 0.5 × 350 + 0.5 × 200 + 0.5 × (350 − 200) ÷ 0.25 = 175 + 100 + 300 = 575.
    Milp p = oneColumn();
    RiskShare range;
    range.low = 100.0;
    range.high = 400.0;
    const RiskShare share = addRiskShare(p, {0.75, 0.5}, range);
    ASSERT_EQ(share.eta, 1);
    ASSERT_EQ(share.excess, 2);
    EXPECT_DOUBLE_EQ(p.columnUpper[1], 300.0); // e = η − 100 ≤ 300
    std::vector<double> x{3.0, 100.0, 150.0};  // η = 200, s = 150
    EXPECT_DOUBLE_EQ(objectiveOf(p, x), 575.0);
    // The row s − 100 x + e ≥ 50 − 100 binds there: 150 − 300 + 100 = −50.
    ASSERT_EQ(p.rowLower.size(), 1u);
    EXPECT_DOUBLE_EQ(p.rowLower[0], -50.0);
    double row = 0.0;
    for (std::size_t c = 0; c < p.byColumn.size(); ++c) {
        for (const auto& [r, v] : p.byColumn[c]) {
            row += r == 0 ? v * x[c] : 0.0;
        }
    }
    EXPECT_DOUBLE_EQ(row, -50.0);
}

TEST(HedgingTerms, ProximalTermsAreExactAtTheirPoints)
{
    // ρ/2 (x − 2.5)² with ρ = 4: tangents at 1 and 4 give q ≥ 4.5 − 6 (x − 1) and q ≥ 4.5 + 6 (x − 4),
    // so the rows are q + 6x ≥ 10.5 and q − 6x ≥ −19.5: q = 4.5 at x = 1 and at x = 4.
    Milp p = oneColumn();
    addTangentProximal(p, 0, 2.5, 4.0, {1.0, 4.0});
    ASSERT_EQ(p.rowLower.size(), 2u);
    EXPECT_DOUBLE_EQ(p.objective[1], 1.0);
    EXPECT_DOUBLE_EQ(p.rowLower[0], 10.5);
    EXPECT_DOUBLE_EQ(p.rowLower[1], -19.5);
    EXPECT_DOUBLE_EQ(p.byColumn[0][0].second, 6.0);
    EXPECT_DOUBLE_EQ(p.byColumn[0][1].second, -6.0);
    // Chords between whole units 2→3 of ρ/2 (x − 2.5)²: g(2) = g(3) = 0.5, slope 0: q ≥ 0.5.
    Milp c = oneColumn();
    addChordProximal(c, 0, 2.5, 4.0, {2}, {});
    ASSERT_EQ(c.rowLower.size(), 1u);
    EXPECT_DOUBLE_EQ(c.rowLower[0], 0.5);
    EXPECT_DOUBLE_EQ(c.byColumn[0][0].second, 0.0);
}

} // namespace
} // namespace fw::core::plan::detail
