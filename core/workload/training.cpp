// SPDX-License-Identifier: Apache-2.0
#include "core/workload/training.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"

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

ScaledMfu scaledMfu(const catalog::Accelerator& a, catalog::Precision precision, int accelerators,
                    const TrainingLayout& layout, const ModelAssumptions& assumptions)
{
    const int domain = std::max(1, a.scaleUpDomainSize.value_or(8));
    if (layout.tensor < 1 || layout.tensor > domain) {
        throw ValidationError("tensor parallel degree " + std::to_string(layout.tensor) + " is outside 1–" +
                              std::to_string(domain) + ", the scale-up domain of '" + a.sku + "'");
    }
    if (layout.contextParallel < 1 || accelerators % (layout.tensor * layout.contextParallel) != 0) {
        throw ValidationError("tensor × context parallel degrees " + std::to_string(layout.tensor) + " × " +
                              std::to_string(layout.contextParallel) + " do not divide " +
                              std::to_string(accelerators) + " accelerators");
    }
    const MfuEntry& published = assumptions.mfuFor(a, precision);
    const double exponent = assumptions.value("training_scale_exponent").value;
    const double penalty = assumptions.value("training_context_parallel_penalty").value;
    ScaledMfu m;
    m.mfu = published.mfu.value * std::pow(static_cast<double>(accelerators) / published.accelerators, -exponent) *
            std::pow(1.0 - penalty, std::log2(layout.contextParallel));
    m.basis = formatNumber(published.mfu.value * 100.0) + " % on " + formatNumber(published.accelerators) +
              " accelerators (" + published.mfu.source + "), × (" + formatNumber(accelerators) + " / " +
              formatNumber(published.accelerators) + ")^-" + formatNumber(exponent) +
              (layout.contextParallel > 1
                   ? ", × " + formatNumber(1.0 - penalty) + "^log2(CP " + std::to_string(layout.contextParallel) + ")"
                   : "");
    return m;
}

RunReliability runReliability(int accelerators, double interruptionsPerAcceleratorDay, double checkpointWriteS,
                              double restartS)
{
    facility::requireRange("interruptions per accelerator-day", interruptionsPerAcceleratorDay, 0.0, 1.0);
    facility::requireRange("checkpoint write", checkpointWriteS, 0.0, 86400.0);
    facility::requireRange("restart", restartS, 0.0, 86400.0);
    RunReliability r;
    r.interruptionsPerDay = accelerators * interruptionsPerAcceleratorDay;
    if (r.interruptionsPerDay <= 0.0) {
        r.goodput = 1.0;
        return r;
    }
    const double between = 86400.0 / r.interruptionsPerDay; // M, seconds
    r.hoursBetweenInterruptions = between / 3600.0;
    const double d = checkpointWriteS;
    // Daly (2006), eq. 20: τ = √(2δM)·[1 + ⅓√(δ/2M) + ⅑(δ/2M)] − δ for δ < 2M, else M.
    r.checkpointIntervalS =
        d < 2.0 * between && d > 0.0
            ? std::sqrt(2.0 * d * between) * (1.0 + std::sqrt(d / (2.0 * between)) / 3.0 + d / (2.0 * between) / 9.0) -
                  d
            : between;
    const double lost =
        (d > 0.0 ? d / r.checkpointIntervalS : 0.0) + (r.checkpointIntervalS / 2.0 + restartS) / between;
    r.goodput = std::max(0.0, 1.0 - lost);
    return r;
}

double sustainedFlopsPerAccelerator(const catalog::Accelerator& accelerator, catalog::Precision precision,
                                    int accelerators, const ModelAssumptions& assumptions)
{
    const auto rate = catalog::denseRate(accelerator, precision);
    if (accelerator.trainingCapable == catalog::TrainingCapability::No || !rate) {
        return 0.0;
    }
    const double mfu = scaledMfu(accelerator, precision, accelerators, {}, assumptions).mfu;
    const double goodput =
        runReliability(accelerators, assumptions.value("training_interruptions_per_accelerator_day").value,
                       assumptions.value("training_checkpoint_write_s").value,
                       assumptions.value("training_restart_s").value)
            .goodput;
    return rate->base() * mfu * goodput;
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
    if (setup.mfu) {
        e.mfu = *setup.mfu;
        e.mfuSource = "given";
    } else {
        const auto scaled = scaledMfu(a, setup.precision, setup.accelerators, setup.layout, assumptions);
        e.mfu = scaled.mfu;
        e.mfuSource = scaled.basis;
    }
    if (setup.goodput) {
        e.goodput = *setup.goodput;
    } else {
        e.reliability =
            runReliability(setup.accelerators,
                           setup.interruptionsPerAcceleratorDay.value_or(
                               assumptions.value("training_interruptions_per_accelerator_day").value),
                           setup.checkpointWriteS.value_or(assumptions.value("training_checkpoint_write_s").value),
                           setup.restartS.value_or(assumptions.value("training_restart_s").value));
        e.goodput = e.reliability->goodput;
    }
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

RlEstimate estimateRl(const RlPostTraining& rl, const ServedModel& model, const TrainingSetup& setup,
                      const ServingConstants& serving, const ModelAssumptions& assumptions)
{
    facility::requireRange("rollouts", rl.rollouts, 0.0, 1e12, true);
    facility::requireRange("prompt tokens", rl.promptTokens, 0.0, 1e7);
    facility::requireRange("output tokens", rl.outputTokens, 1.0, 1e7);
    RlEstimate e;
    e.generatedTokens = rl.rollouts * rl.outputTokens;
    ServingTraffic traffic;
    traffic.inputTokens = rl.promptTokens;
    traffic.outputTokens = rl.outputTokens;
    traffic.tokensPerSecondPerUser = 0.0; // batch generation: the most throughput
    traffic.maxAcceleratorsPerReplica = setup.accelerators;
    const auto point = servingPoint(model, traffic, servingChip(*setup.accelerator, model), serving);
    if (!point) {
        throw ValidationError("accelerator '" + setup.accelerator->sku + "' cannot serve the policy for rollouts");
    }
    e.rolloutTokensPerSecondPerAccelerator = point->tokensPerSecondPerAccelerator;
    e.rolloutAcceleratorHours = e.generatedTokens / e.rolloutTokensPerSecondPerAccelerator / 3600.0;
    const auto update = estimateTraining(
        {model.parameters, model.activeParameters, rl.rollouts * (rl.promptTokens + rl.outputTokens), std::nullopt},
        setup, assumptions);
    e.trainingFlops = update.flops;
    e.trainingAcceleratorHours = update.acceleratorHours;
    const double hours = e.rolloutAcceleratorHours + e.trainingAcceleratorHours;
    e.wallDays = hours / setup.accelerators / 24.0;
    e.rolloutShare = e.rolloutAcceleratorHours / hours;
    return e;
}

} // namespace fw::core::workload
