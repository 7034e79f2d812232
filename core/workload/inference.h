// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/catalog/metrics.h"
#include "core/workload/assumptions.h"

namespace fw::core::workload {

/// A served model. Bytes per parameter: 2 for FP16/BF16 weights, 1 for FP8.
struct ServedModel {
    double totalParameters = 0.0;
    std::optional<double> activeParameters; ///< per token (mixture of experts); dense: total
    double bytesPerParameter = 2.0;
    double kvBytesPerToken = 0.0; ///< KV cache per token of context, all layers
    double contextTokens = 0.0;   ///< context held per user
};

struct InferenceSetup {
    const catalog::Accelerator* accelerator = nullptr;
    catalog::Precision precision = catalog::Precision::Bf16;
    double tokensPerSecondPerUser = 20.0;        ///< the speed each user must see
    std::optional<double> targetTokensPerSecond; ///< total throughput to serve
    std::optional<double> computeEfficiency;     ///< default: assumptions
    std::optional<double> memoryEfficiency;      ///< default: assumptions
};

enum class Bound { Compute, Memory };

struct InferenceEstimate {
    int acceleratorsPerReplica = 0; ///< the fewest that hold weights + one user's KV cache (HBM, or SRAM)
    int servingAcceleratorsPerReplica =
        0;         ///< replica size (within the scale-up domain) with the most tokens/s per accelerator
    int batch = 0; ///< concurrent users per serving replica at the per-user speed
    double tokensPerSecondPerReplica = 0.0;
    double tokensPerSecondPerAccelerator = 0.0;
    Bound bound = Bound::Memory;           ///< the roofline side that limits the decode step
    std::optional<int> acceleratorsNeeded; ///< for the target throughput (whole replicas)
};

/// A decode-step roofline: for replica size N and batch B, the step takes the longer of
/// 2·active·B / (N·peak·compute efficiency) and (active·bytes + B·KV·context) / (N·bandwidth·memory
/// efficiency). For every N from the fewest accelerators that hold the weights and one user's KV cache
/// up to the scale-up domain (8× the fewest where it is unknown), B is the largest batch that fits in memory and keeps
/// the per-user speed; the serving replica is the N with the most tokens/s per accelerator (the smaller on a tie).
/// Throws ValidationError when the chip has no memory figure or rate, or no N reaches the speed.
InferenceEstimate estimateInference(const ServedModel& model, const InferenceSetup& setup,
                                    const ModelAssumptions& assumptions);

} // namespace fw::core::workload
