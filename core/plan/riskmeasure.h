// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

namespace fw::core::plan {

/// One value of a probability-weighted sample: a future's cost, or a figure of it.
struct WeightedValue {
    double value = 0.0;
    double probability = 0.0;
};

/// The least value whose cumulative probability (renormalised over the sample) reaches `level`
/// in [0, 1]: the lower quantile, as risk reports percentiles. Throws ValidationError for an empty
/// sample or one without probability.
double weightedQuantile(std::vector<WeightedValue> sample, double level);

/// CVaR_alpha = VaR + E[(value − VaR)+] ÷ (1 − alpha), VaR the alpha quantile (Rockafellar and
/// Uryasev 2002, "Conditional value-at-risk for general loss distributions", J. Banking & Finance
/// 26:1443–1471): the mean of the worst 1 − alpha of the probability, an atom at VaR split as needed.
/// alpha in [0, 1). Probabilities renormalised over the sample.
double conditionalValueAtRisk(const std::vector<WeightedValue>& sample, double alpha);

/// What a robust plan minimises: (1 − weight) × expected cost + weight × CVaR_alpha of the cost.
/// weight 0 (the default): expected cost alone.
struct MeanCvar {
    double alpha = 0.95;
    double weight = 0.0;
    bool operator==(const MeanCvar&) const = default;
};

/// (1 − weight) × E[value] + weight × CVaR_alpha, probabilities renormalised over the sample.
double meanCvarOf(const std::vector<WeightedValue>& sample, const MeanCvar& objective);

} // namespace fw::core::plan
