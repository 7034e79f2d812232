// SPDX-License-Identifier: Apache-2.0
#include "core/plan/riskmeasure.h"

#include <algorithm>
#include <string>

#include "core/error.h"

namespace fw::core::plan {
namespace {

double massOf(const std::vector<WeightedValue>& sample)
{
    double mass = 0.0;
    for (const auto& v : sample) {
        mass += v.probability;
    }
    if (sample.empty() || !(mass > 0.0)) {
        throw ValidationError("a risk figure needs at least one future with some probability");
    }
    return mass;
}

} // namespace

double weightedQuantile(std::vector<WeightedValue> sample, double level)
{
    const double mass = massOf(sample);
    std::stable_sort(sample.begin(), sample.end(),
                     [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
    double cumulative = 0.0;
    for (const auto& v : sample) {
        cumulative += v.probability / mass;
        if (cumulative >= level - 1e-12) {
            return v.value;
        }
    }
    return sample.back().value;
}

double conditionalValueAtRisk(const std::vector<WeightedValue>& sample, double alpha)
{
    if (!(alpha >= 0.0 && alpha < 1.0)) {
        throw ValidationError("CVaR level " + std::to_string(alpha) + " is outside [0, 1)");
    }
    const double mass = massOf(sample);
    const double var = weightedQuantile(sample, alpha);
    double tail = 0.0;
    for (const auto& v : sample) {
        tail += v.probability / mass * std::max(0.0, v.value - var);
    }
    return var + tail / (1.0 - alpha);
}

double meanCvarOf(const std::vector<WeightedValue>& sample, const MeanCvar& objective)
{
    const double mass = massOf(sample);
    double mean = 0.0;
    for (const auto& v : sample) {
        mean += v.probability / mass * v.value;
    }
    if (objective.weight == 0.0) {
        return mean;
    }
    return (1.0 - objective.weight) * mean + objective.weight * conditionalValueAtRisk(sample, objective.alpha);
}

} // namespace fw::core::plan
