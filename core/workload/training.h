// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/catalog/metrics.h"
#include "core/workload/assumptions.h"
#include "core/workload/serving.h"

namespace fw::core::workload {

/// The attention term of the FLOPs count (PaLM, arXiv 2204.02311, Appendix B: 12·L·H·Q·T per token).
struct AttentionShape {
    int layers = 0;
    int modelWidth = 0;     ///< H·Q, the attention width
    int sequenceLength = 0; ///< T
};

struct TrainingJob {
    double totalParameters = 0.0;
    std::optional<double> activeParameters; ///< per token, for mixture-of-experts models; dense: total
    double tokens = 0.0;
    std::optional<AttentionShape> attention;
};

/// Training FLOPs: 6 × active parameters × tokens (Kaplan et al. 2020; Chinchilla), plus the
/// attention term when given. Throws ValidationError for non-positive sizes.
double trainingFlops(const TrainingJob& job);

/// How a run is laid out: tensor parallel inside the scale-up domain, context parallel for long
/// sequences (pipeline and data parallel take the rest).
struct TrainingLayout {
    int tensor = 1;
    int contextParallel = 1;
};

/// MFU at a cluster size and layout: the family's published MFU at the size it was measured on,
/// scaled by (accelerators / that size)^-x (training_scale_exponent) and by (1 - p) for every
/// doubling of context parallelism (training_context_parallel_penalty). Throws ValidationError for
/// a tensor degree beyond the chip's scale-up domain.
struct ScaledMfu {
    double mfu = 0.0;
    std::string basis; ///< the published run and the scaling applied
};
ScaledMfu scaledMfu(const catalog::Accelerator& accelerator, catalog::Precision precision, int accelerators,
                    const TrainingLayout& layout, const ModelAssumptions& assumptions);

/// Goodput of a run from its interruptions: a job of N accelerators is interrupted N·λ times a day
/// (mean time between interruptions M); it checkpoints every τ (Daly's optimum for a write stall δ,
/// Young's √(2δM) to first order) and loses δ/τ to writes and (τ/2 + restart)/M to rework and
/// restarts. Goodput = 1 − both (at least 0).
struct RunReliability {
    double interruptionsPerDay = 0.0;
    double hoursBetweenInterruptions = 0.0;
    double checkpointIntervalS = 0.0;
    double goodput = 0.0;
};
RunReliability runReliability(int accelerators, double interruptionsPerAcceleratorDay, double checkpointWriteS,
                              double restartS);

/// Sustained FLOP/s of one accelerator in a training job of `accelerators`: its dense peak at
/// `precision` × scaledMfu at that size (default layout) × the goodput of runReliability for a job
/// that size with the assumptions' interruption, checkpoint and restart figures. The one rate plans
/// use for sustained training and for sizing named runs. 0 when the accelerator cannot train
/// (`training_capable` = no) or publishes no dense rate at `precision`; throws as scaledMfu does.
double sustainedFlopsPerAccelerator(const catalog::Accelerator& accelerator, catalog::Precision precision,
                                    int accelerators, const ModelAssumptions& assumptions);

struct TrainingSetup {
    const catalog::Accelerator* accelerator = nullptr;
    int accelerators = 1;
    catalog::Precision precision = catalog::Precision::Bf16;
    TrainingLayout layout;
    std::optional<double> mfu;                            ///< default: scaledMfu
    std::optional<double> goodput;                        ///< default: runReliability with the defaults below
    std::optional<double> interruptionsPerAcceleratorDay; ///< default: assumptions
    std::optional<double> checkpointWriteS;               ///< default: assumptions
    std::optional<double> restartS;                       ///< default: assumptions
    double itWattsPerAccelerator = 0.0;                   ///< all-in IT power, for energy
    double pue = 1.0;
    std::optional<double> usdPerAcceleratorHour; ///< for the cost; empty: no cost
};

struct TrainingEstimate {
    double flops = 0.0;
    double mfu = 0.0;
    std::string mfuSource;
    double goodput = 0.0;
    std::optional<RunReliability> reliability; ///< when the goodput comes from the failure model
    double sustainedFlopsPerSecond = 0.0;      ///< accelerators × dense peak × MFU × goodput
    double wallDays = 0.0;
    double acceleratorHours = 0.0;
    double energyMwh = 0.0; ///< wall time × accelerators × IT power × PUE
    std::optional<double> costUsd;
};

/// Throws ValidationError: an accelerator that cannot train (`training_capable` = no), no dense rate
/// at the precision, MFU or goodput outside (0, 1], PUE < 1, fewer than one accelerator, a layout
/// that does not divide the accelerators.
TrainingEstimate estimateTraining(const TrainingJob& job, const TrainingSetup& setup,
                                  const ModelAssumptions& assumptions);

/// Reinforcement-learning post-training: rollouts generated through the serving model (at the most
/// throughput the accelerator reaches for the model, as batch generation does), then the policy
/// trained on prompts and rollouts (6 × active parameters per token) at the run's MFU and goodput,
/// one phase after the other on the same accelerators.
struct RlPostTraining {
    double rollouts = 0.0;
    double promptTokens = 0.0; ///< per rollout
    double outputTokens = 0.0; ///< generated per rollout
};

struct RlEstimate {
    double generatedTokens = 0.0;
    double rolloutTokensPerSecondPerAccelerator = 0.0;
    double rolloutAcceleratorHours = 0.0;
    double trainingFlops = 0.0;
    double trainingAcceleratorHours = 0.0;
    double wallDays = 0.0;
    double rolloutShare = 0.0; ///< of the accelerator-hours
};

/// Throws ValidationError as estimateTraining does, and when the serving model cannot serve `model`.
RlEstimate estimateRl(const RlPostTraining& rl, const ServedModel& model, const TrainingSetup& setup,
                      const ServingConstants& serving, const ModelAssumptions& assumptions);

} // namespace fw::core::workload
