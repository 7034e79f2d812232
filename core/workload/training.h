// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/catalog/metrics.h"
#include "core/workload/assumptions.h"

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

struct TrainingSetup {
    const catalog::Accelerator* accelerator = nullptr;
    int accelerators = 1;
    catalog::Precision precision = catalog::Precision::Bf16;
    std::optional<double> mfu;          ///< default: the published figure for the family (assumptions)
    std::optional<double> goodput;      ///< default: assumptions
    double itWattsPerAccelerator = 0.0; ///< all-in IT power, for energy
    double pue = 1.0;
    std::optional<double> usdPerAcceleratorHour; ///< for the cost; empty: no cost
};

struct TrainingEstimate {
    double flops = 0.0;
    double mfu = 0.0;
    std::string mfuSource;
    double goodput = 0.0;
    double sustainedFlopsPerSecond = 0.0; ///< accelerators × dense peak × MFU × goodput
    double wallDays = 0.0;
    double acceleratorHours = 0.0;
    double energyMwh = 0.0; ///< wall time × accelerators × IT power × PUE
    std::optional<double> costUsd;
};

/// Throws ValidationError: an accelerator that cannot train (`training_capable` = no), no dense rate
/// at the precision, MFU or goodput outside (0, 1], PUE < 1, fewer than one accelerator.
TrainingEstimate estimateTraining(const TrainingJob& job, const TrainingSetup& setup,
                                  const ModelAssumptions& assumptions);

} // namespace fw::core::workload
