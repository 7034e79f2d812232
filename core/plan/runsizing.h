// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/catalog.h"
#include "core/plan/scenario.h"
#include "core/workload/assumptions.h"

namespace fw::core::plan {

/// What one named run takes on one system family: a cluster of `accelerators` for `weeks` from its
/// start. accelerators 0: the family cannot take the run.
struct RunSize {
    int accelerators = 0;
    double weeks = 0.0;
    [[nodiscard]] bool possible() const { return accelerators > 0; }
    bool operator==(const RunSize&) const = default;
};

/// What named run `run` takes on a cluster of `accelerator`s. Stated in accelerators: that many for
/// its weeks, on any accelerator that can train (training-capable, a dense BF16 rate). Stated as work
/// F FLOPs (TrainingRun::flops) with a deadline of W weeks, at the run's precision:
///   a cluster size N given:  weeks = F / (N × workload::sustainedFlopsPerAccelerator(N)) / 604,800 s, ≤ W;
///   none given:              the fewest N with N × sustained(N) × W × 604,800 ≥ F, and its weeks.
/// Not possible (accelerators 0) when the accelerator cannot train at that precision, misses the
/// deadline, or would need more accelerators than limits::unitCount.
RunSize runSizeOn(const TrainingRun& run, const catalog::Accelerator& accelerator,
                  const workload::ModelAssumptions& assumptions);

} // namespace fw::core::plan
