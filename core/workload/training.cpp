// SPDX-License-Identifier: Apache-2.0
#include "core/workload/training.h"

#include "core/error.h"
#include "core/facility/powermodel.h"

namespace fw::core::workload {

double trainingFlops(const TrainingJob& job)
{
    facility::requireRange("parameters", job.totalParameters, 0.0, 1e16, true);
    facility::requireRange("tokens", job.tokens, 0.0, 1e18, true);
    const double active = job.activeParameters.value_or(job.totalParameters);
    facility::requireRange("active parameters", active, 0.0, job.totalParameters, true);
    double perToken = 6.0 * active;
    if (job.attention) {
        perToken += 12.0 * job.attention->layers * static_cast<double>(job.attention->modelWidth) *
                    job.attention->sequenceLength;
    }
    return perToken * job.tokens;
}

TrainingEstimate estimateTraining(const TrainingJob& job, const TrainingSetup& setup,
                                  const ModelAssumptions& assumptions)
{
    const catalog::Accelerator& a = *setup.accelerator;
    if (a.trainingCapable == catalog::TrainingCapability::No) {
        throw ValidationError("accelerator '" + a.sku + "' is not training-capable (training_capable = no)");
    }
    if (setup.accelerators < 1) {
        throw ValidationError("accelerators " + std::to_string(setup.accelerators) + " must be ≥ 1");
    }
    const auto rate = catalog::denseRate(a, setup.precision);
    if (!rate) {
        throw ValidationError("accelerator '" + a.sku + "' publishes no dense " +
                              std::string(catalog::toString(setup.precision)) + " rate");
    }
    TrainingEstimate e;
    e.flops = trainingFlops(job);
    const SourcedValue defaultMfu = assumptions.mfuFor(a, setup.precision);
    e.mfu = setup.mfu.value_or(defaultMfu.value);
    e.mfuSource = setup.mfu ? "given" : defaultMfu.source + " — " + defaultMfu.note;
    e.goodput = setup.goodput.value_or(assumptions.value("goodput").value);
    facility::requireRange("MFU", e.mfu, 0.0, 1.0, true);
    facility::requireRange("goodput", e.goodput, 0.0, 1.0, true);
    facility::requireRange("PUE", setup.pue, 1.0, 5.0);
    e.sustainedFlopsPerSecond = setup.accelerators * rate->base() * e.mfu * e.goodput;
    const double wallSeconds = e.flops / e.sustainedFlopsPerSecond;
    e.wallDays = wallSeconds / 86400.0;
    e.acceleratorHours = setup.accelerators * wallSeconds / 3600.0;
    e.energyMwh = e.acceleratorHours * setup.itWattsPerAccelerator * setup.pue / 1e6;
    if (setup.usdPerAcceleratorHour) {
        facility::requireRange("USD per accelerator-hour", *setup.usdPerAcceleratorHour, 0.0, 1e6);
        e.costUsd = e.acceleratorHours * *setup.usdPerAcceleratorHour;
    }
    return e;
}

} // namespace fw::core::workload
