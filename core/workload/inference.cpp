// SPDX-License-Identifier: Apache-2.0
#include "core/workload/inference.h"

#include <cmath>

#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"

namespace fw::core::workload {

InferenceEstimate estimateInference(const ServedModel& model, const InferenceSetup& setup,
                                    const ModelAssumptions& assumptions)
{
    const catalog::Accelerator& a = *setup.accelerator;
    facility::requireRange("parameters", model.totalParameters, 0.0, 1e16, true);
    const double active = model.activeParameters.value_or(model.totalParameters);
    facility::requireRange("active parameters", active, 0.0, model.totalParameters, true);
    facility::requireRange("bytes per parameter", model.bytesPerParameter, 0.0, 8.0, true);
    facility::requireRange("KV bytes per token", model.kvBytesPerToken, 0.0, 1e9);
    facility::requireRange("context tokens", model.contextTokens, 0.0, 1e9);
    facility::requireRange("tokens/s per user", setup.tokensPerSecondPerUser, 0.0, 1e6, true);
    if (!a.memory || !a.memoryBandwidth) {
        throw ValidationError("accelerator '" + a.sku + "' publishes no memory capacity or bandwidth");
    }
    const auto rate = catalog::denseRate(a, setup.precision);
    if (!rate) {
        throw ValidationError("accelerator '" + a.sku + "' publishes no dense " +
                              std::string(catalog::toString(setup.precision)) + " rate");
    }
    const double computeEfficiency =
        setup.computeEfficiency.value_or(assumptions.value("inference_compute_efficiency").value);
    const double memoryEfficiency =
        setup.memoryEfficiency.value_or(assumptions.value("inference_memory_efficiency").value);
    facility::requireRange("compute efficiency", computeEfficiency, 0.0, 1.0, true);
    facility::requireRange("memory efficiency", memoryEfficiency, 0.0, 1.0, true);
    const double usable = a.memory->base() * assumptions.value("usable_memory_share").value; // bytes per chip
    const double weights = model.totalParameters * model.bytesPerParameter;
    const double kvPerUser = model.kvBytesPerToken * model.contextTokens;
    const double peak = rate->base();
    const double bandwidth = a.memoryBandwidth->base();

    const auto stepSeconds = [&](int n, int batch, Bound* bound) {
        const double compute = 2.0 * active * batch / (n * peak * computeEfficiency);
        const double memory =
            (active * model.bytesPerParameter + batch * kvPerUser) / (n * bandwidth * memoryEfficiency);
        if (bound != nullptr) {
            *bound = compute > memory ? Bound::Compute : Bound::Memory;
        }
        return std::max(compute, memory);
    };
    const int minimum = static_cast<int>(std::ceil((weights + kvPerUser) / usable));
    // Tensor parallelism stays inside the scale-up domain (NVLink 8, NVL72 …); unknown: 8× the fewest.
    const int largest = a.scaleUpDomainSize ? std::max(minimum, *a.scaleUpDomainSize) : 8 * minimum;
    std::optional<InferenceEstimate> best;
    for (int n = minimum; n <= largest; ++n) {
        const double room = n * usable - weights;
        const int fits = kvPerUser > 0.0 ? static_cast<int>(std::min(std::floor(room / kvPerUser), 1e6)) : 1 << 20;
        if (fits < 1 || 1.0 / stepSeconds(n, 1, nullptr) < setup.tokensPerSecondPerUser) {
            continue;
        }
        // The step time grows with the batch: find the largest batch that still keeps the speed.
        int low = 1;
        int high = fits;
        while (low < high) {
            const int mid = low + (high - low + 1) / 2;
            if (1.0 / stepSeconds(n, mid, nullptr) >= setup.tokensPerSecondPerUser) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        InferenceEstimate e;
        e.acceleratorsPerReplica = minimum;
        e.servingAcceleratorsPerReplica = n;
        e.batch = low;
        e.tokensPerSecondPerReplica = low / stepSeconds(n, low, &e.bound);
        e.tokensPerSecondPerAccelerator = e.tokensPerSecondPerReplica / n;
        if (!best || e.tokensPerSecondPerAccelerator > best->tokensPerSecondPerAccelerator * (1.0 + 1e-9)) {
            best = e;
        }
    }
    if (best) {
        if (setup.targetTokensPerSecond) {
            facility::requireRange("target tokens/s", *setup.targetTokensPerSecond, 0.0, 1e15, true);
            best->acceleratorsNeeded =
                static_cast<int>(std::ceil(*setup.targetTokensPerSecond / best->tokensPerSecondPerReplica)) *
                best->servingAcceleratorsPerReplica;
        }
        return *best;
    }
    throw ValidationError("accelerator '" + a.sku + "' cannot serve this model at " +
                          formatNumber(setup.tokensPerSecondPerUser) + " tokens/s per user with up to " +
                          std::to_string(largest) + " accelerators per replica");
}

} // namespace fw::core::workload
