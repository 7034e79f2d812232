// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/plan/evaluator.h"
#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One measure of a re-planned future, per quarter of the horizon: what the fleet gives and what
/// it must meet or stay within.
struct Trajectory {
    std::vector<double> value; ///< per quarter
    std::vector<double> bound; ///< per quarter: the demand, or the site's available power
};

/// What a fan shows. Trajectories and fans come in this order: training, each inference class
/// (scenario order), each site's power (scenario order).
enum class FanMeasure {
    Training,  ///< PFLOP/s allocated to training (owned + rented) vs training demand (contracted + forecast)
    Inference, ///< tokens/s allocated to one inference class vs its demand (contracted + forecast)
    Power      ///< facility power counted at one site (MW) vs the site's available power (MW)
};

/// The trajectories of one future's plan, taken from its evaluation (QuarterKpis): training
/// PFLOP/s, tokens/s per inference class, facility MW per site, each with its bound.
std::vector<Trajectory> trajectoriesOf(const Evaluation& evaluation);

/// Per quarter, the 5th, 25th, 50th, 75th and 95th weighted percentile.
struct Percentiles {
    std::vector<double> p5, p25, p50, p75, p95;
};

/// The spread of one measure over the futures, per quarter.
struct Fan {
    FanMeasure measure = FanMeasure::Training;
    int index = 0;    ///< the inference class or site; 0 for training
    std::string name; ///< "training", the class's or the site's name
    std::string unit; ///< "PFLOP/s", "tokens/s", "MW"
    Percentiles value;
    Percentiles bound;
};

/// The fans of `trajectories` (one list per future, each in trajectoriesOf's order) weighted by
/// `probabilities` (renormalised), quarter by quarter by the rule of the risk figures
/// (weightedQuantile: the least value whose cumulative probability reaches the level), named
/// from `model`'s scenario. No futures: no fans. Throws std::invalid_argument
/// when the lists' shapes differ from the model's (measures, quarters) or from the probabilities'.
std::vector<Fan> fansOf(const PlanModel& model, const std::vector<const std::vector<Trajectory>*>& trajectories,
                        const std::vector<double>& probabilities);

} // namespace fw::core::plan
