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
};

/// What named run `run` takes on a cluster of `accelerator`s: a run stated in accelerators takes
/// that many for its weeks on any accelerator that can train (training-capable, a dense BF16 rate).
RunSize runSizeOn(const TrainingRun& run, const catalog::Accelerator& accelerator,
                  const workload::ModelAssumptions& assumptions);

} // namespace fw::core::plan
