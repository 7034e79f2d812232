// SPDX-License-Identifier: Apache-2.0
#include "core/plan/runsizing.h"

#include <algorithm>
#include <cmath>

#include "core/limits.h"
#include "core/workload/training.h"

namespace fw::core::plan {
namespace {

constexpr double secondsPerWeek = 7.0 * 86400.0;
constexpr double deadlineTolerance = 1e-9; // relative: a run that ends on its deadline meets it

} // namespace

RunSize runSizeOn(const TrainingRun& run, const catalog::Accelerator& accelerator,
                  const workload::ModelAssumptions& assumptions)
{
    if (!run.statedAsWork()) {
        const bool canTrain = accelerator.trainingCapable != catalog::TrainingCapability::No &&
                              catalog::denseRate(accelerator, catalog::Precision::Bf16).has_value();
        return canTrain ? RunSize{run.accelerators, run.weeks} : RunSize{};
    }
    const catalog::Precision precision = workload::parsePrecision(run.precision);
    const double work = run.flops();
    const auto perAccelerator = [&](int n) {
        return workload::sustainedFlopsPerAccelerator(accelerator, precision, n, assumptions);
    };
    const auto sized = [&](int n) {
        const double rate = perAccelerator(n);
        const double weeks = rate > 0.0 ? work / (n * rate) / secondsPerWeek : HUGE_VAL;
        return weeks <= run.weeks * (1.0 + deadlineTolerance) ? RunSize{n, weeks} : RunSize{};
    };
    if (perAccelerator(1) <= 0.0) {
        return {}; // cannot train, or no dense rate at the run's precision
    }
    if (run.accelerators > 0) {
        return sized(run.accelerators);
    }
    // The fewest N that finish in time: n ← ⌈F / (sustained(n) × W)⌉ from n = 1. The per-accelerator
    // rate falls as n grows, so the sequence only climbs, and it stops at the least n that is enough
    // (or passes the largest count accepted: the family cannot do the run in time).
    const double most = limits::unitCount.most;
    double n = 1.0;
    for (int step = 0; step < 100; ++step) {
        const double rate = perAccelerator(static_cast<int>(n));
        const double needed =
            rate > 0.0 ? std::max(1.0, std::ceil(work / (rate * run.weeks * secondsPerWeek) - deadlineTolerance))
                       : HUGE_VAL;
        if (needed > most) {
            return {};
        }
        if (needed <= n) {
            break;
        }
        n = needed;
    }
    return sized(static_cast<int>(n));
}

} // namespace fw::core::plan
