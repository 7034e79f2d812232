// SPDX-License-Identifier: Apache-2.0
#include "core/plan/fan.h"

#include <algorithm>
#include <stdexcept>

#include "core/plan/riskmeasure.h"

namespace fw::core::plan {

std::vector<Trajectory> trajectoriesOf(const Evaluation& e)
{
    const std::size_t classes = e.quarters.empty() ? 0 : e.quarters.front().inferenceTokensPerSecond.size();
    const std::size_t sites = e.quarters.empty() ? 0 : e.quarters.front().powerMw.size();
    std::vector<Trajectory> list(1 + classes + sites);
    for (auto& t : list) {
        t.value.reserve(e.quarters.size());
        t.bound.reserve(e.quarters.size());
    }
    for (const auto& q : e.quarters) {
        list[0].value.push_back(q.trainingPflops);
        list[0].bound.push_back(q.trainingDemandPflops);
        for (std::size_t c = 0; c < classes; ++c) {
            list[1 + c].value.push_back(q.inferenceTokensPerSecond[c]);
            list[1 + c].bound.push_back(q.inferenceDemandTokensPerSecond[c]);
        }
        for (std::size_t j = 0; j < sites; ++j) {
            list[1 + classes + j].value.push_back(q.powerMw[j]);
            list[1 + classes + j].bound.push_back(q.powerAvailableMw[j]);
        }
    }
    return list;
}

namespace {

/// Percentiles per quarter of the series `pick` selects from each future's trajectory.
template <typename Pick>
Percentiles percentilesOf(std::size_t quarters, std::size_t futures, const std::vector<double>& probabilities,
                          const Pick& pick)
{
    Percentiles p;
    std::vector<WeightedValue> sample(futures);
    for (std::size_t t = 0; t < quarters; ++t) {
        for (std::size_t k = 0; k < futures; ++k) {
            sample[k] = {pick(k)[t], probabilities[k]};
        }
        p.p5.push_back(weightedQuantile(sample, 0.05));
        p.p25.push_back(weightedQuantile(sample, 0.25));
        p.p50.push_back(weightedQuantile(sample, 0.5));
        p.p75.push_back(weightedQuantile(sample, 0.75));
        p.p95.push_back(weightedQuantile(sample, 0.95));
    }
    return p;
}

} // namespace

std::vector<Fan> fansOf(const PlanModel& model, const std::vector<const std::vector<Trajectory>*>& trajectories,
                        const std::vector<double>& probabilities)
{
    if (trajectories.size() != probabilities.size()) {
        throw std::invalid_argument("fansOf: " + std::to_string(trajectories.size()) + " futures, " +
                                    std::to_string(probabilities.size()) + " probabilities");
    }
    if (trajectories.empty()) {
        return {};
    }
    const auto& sc = model.scenario;
    const auto quarters = static_cast<std::size_t>(model.quarters());
    std::vector<Fan> fans;
    fans.push_back({FanMeasure::Training, 0, "training", "PFLOP/s", {}, {}});
    for (std::size_t c = 0; c < sc.inferenceClasses.size(); ++c) {
        fans.push_back({FanMeasure::Inference, static_cast<int>(c), sc.inferenceClasses[c].name, "tokens/s", {}, {}});
    }
    for (std::size_t j = 0; j < sc.sites.size(); ++j) {
        fans.push_back({FanMeasure::Power, static_cast<int>(j), sc.sites[j].name, "MW", {}, {}});
    }
    for (const auto* future : trajectories) {
        const bool fits = future->size() == fans.size() &&
                          std::all_of(future->begin(), future->end(), [quarters](const Trajectory& t) {
                              return t.value.size() == quarters && t.bound.size() == quarters;
                          });
        if (!fits) {
            throw std::invalid_argument("fansOf: a future's trajectories do not match the model's " +
                                        std::to_string(fans.size()) + " measures × " + std::to_string(quarters) +
                                        " quarters");
        }
    }
    for (std::size_t m = 0; m < fans.size(); ++m) {
        fans[m].value =
            percentilesOf(quarters, trajectories.size(), probabilities,
                          [&](std::size_t k) -> const std::vector<double>& { return (*trajectories[k])[m].value; });
        fans[m].bound =
            percentilesOf(quarters, trajectories.size(), probabilities,
                          [&](std::size_t k) -> const std::vector<double>& { return (*trajectories[k])[m].bound; });
    }
    return fans;
}

} // namespace fw::core::plan
