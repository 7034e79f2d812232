// SPDX-License-Identifier: Apache-2.0
#include "core/plan/runsizing.h"

#include "core/catalog/metrics.h"

namespace fw::core::plan {

RunSize runSizeOn(const TrainingRun& run, const catalog::Accelerator& accelerator,
                  const workload::ModelAssumptions& /*assumptions*/)
{
    if (accelerator.trainingCapable == catalog::TrainingCapability::No ||
        !catalog::denseRate(accelerator, catalog::Precision::Bf16)) {
        return {};
    }
    return {run.accelerators, run.weeks};
}

} // namespace fw::core::plan
