// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/metrics.h"

namespace fw::core::workload {

/// A served transformer as the serving model needs it. Sizes are counts (parameters, layers) or
/// bytes; an unknown shape field is 0 and is derived (see `withDerivedShape`).
struct ServedModel {
    std::string name;
    double parameters = 0.0;                ///< total
    std::optional<double> activeParameters; ///< per token (mixture of experts); dense: total
    double bytesPerParameter = 2.0;         ///< 2 BF16, 1 FP8, 0.5 FP4: also the precision the chip computes at
    double kvBytesPerToken = 0.0;           ///< KV cache per token of context, all layers
    /// KV heads: tensor parallelism shards the KV cache over at most this many accelerators and
    /// copies it beyond (grouped-query attention: 8; DeepSeek's MLA latent: 1).
    int kvHeads = 8;
    int layers = 0;
    double hiddenSize = 0.0; ///< activation width exchanged per token and layer by parallel layouts
    /// Attention FLOPs per generated token per token of context, all layers (QKᵀ and AV): 4·layers·
    /// hidden for multi-head and grouped-query attention; DeepSeek's absorbed MLA has its own figure.
    double attentionFlopsPerContextToken = 0.0;
    /// Attention FLOPs per prompt token per token of context in prefill; 0: as in decode. DeepSeek's
    /// MLA prefills in its expanded form (fewer FLOPs) and decodes in its absorbed form.
    double prefillAttentionFlopsPerContextToken = 0.0;
    int experts = 0;         ///< routed experts per MoE layer; 0: dense
    int expertsPerToken = 0; ///< routed experts each token chooses (k of E)
    /// Group-limited routing: the routed experts form `expertGroups` groups and a token chooses its k
    /// experts within `expertGroupsPerToken` of them (DeepSeek-V3: 8 and 4); 0: no limit.
    int expertGroups = 0;
    int expertGroupsPerToken = 0;
    /// Parameters of the attention projections (Q, K, V, output; MLA's down- and up-projections), all
    /// layers; 0: unknown (counted with the FFN). FP4 deployments quantize the FFN and expert weights
    /// only and keep these at the attention precision (TensorRT-LLM's DeepSeek-R1 FP4 recipe).
    double attentionParameters = 0.0;
    /// The format attention runs in: the KV cache's (FP8 or BF16), whatever the weights are.
    catalog::Precision attentionPrecision = catalog::Precision::Bf16;

    bool isMixtureOfExperts() const { return experts > 0 && expertsPerToken > 0; }
    double active() const { return activeParameters.value_or(parameters); }
    /// Routed expert parameters X and the parameters every token reads D (attention, embeddings,
    /// shared experts): D + X = total, D + X·k/E = active.
    double expertParameters() const;
    double denseParameters() const { return parameters - expertParameters(); }
    /// The precision weights are stored and multiplied in: FP4 (0.5 B), FP8 (1 B) or BF16.
    catalog::Precision precision() const;
    /// Whether the attention projections run at the attention precision rather than the weights':
    /// with weights narrower than FP8.
    bool attentionKeepsItsPrecision() const { return bytesPerParameter < 1.0 && attentionParameters > 0.0; }
    /// Bytes of the weights every token reads (D): the attention projections at their precision, the
    /// rest at the weights'.
    double denseWeightBytes() const;
};

/// Fills an unknown shape: hidden size from 12·layers·hidden² = parameters at hidden/layers = 128
/// (Llama 3 8B: 4096/32; 405B: 16384/126 = 130), attention FLOPs as 4·layers·hidden (prefill as
/// decode). Throws
/// ValidationError for a model without parameters or with inconsistent expert counts.
ServedModel withDerivedShape(ServedModel model);

/// How a class of requests is served: lengths, speeds and the serving techniques of 2026.
struct ServingTraffic {
    double inputTokens = 1024.0;             ///< ISL: prompt tokens per request
    double outputTokens = 256.0;             ///< OSL: generated tokens per request
    double prefixCacheHit = 0.0;             ///< share of prompt tokens found in the prefix cache (not prefilled)
    double tokensPerSecondPerUser = 20.0;    ///< required decode speed each user sees; 0: none (offline)
    std::optional<double> timeToFirstTokenS; ///< the longest acceptable prefill wait, if any
    int draftTokens = 0;                     ///< speculative decoding / multi-token prediction depth
    double draftAcceptance = 0.0;            ///< share of draft tokens accepted
    bool disaggregated = false;              ///< prefill on its own pool of accelerators
    int maxAcceleratorsPerReplica = 4096;    ///< the largest replica allowed (a measured system's size)

    std::optional<double> measuredContext; ///< context held while decoding, where it was measured

    /// Context a user holds on average while decoding: the prompt plus half the answer (or as measured).
    double decodeContext() const { return measuredContext.value_or(inputTokens + outputTokens / 2.0); }
    /// Output tokens each user gains per decode step (1 + accepted drafts).
    double tokensPerStep() const { return 1.0 + draftTokens * draftAcceptance; }
};

/// The efficiencies and latencies of real serving engines: one small set (six) for every chip and model,
/// fitted to the published results of data/models/serving-calibration.json (`calibration.h`).
struct ServingConstants {
    double computeEfficiency = 0.5;   ///< share of dense peak reached by matrix work and attention
    double fp4Efficiency = 0.5;       ///< share of that FP4 matrix work reaches (of its doubled peak)
    double memoryEfficiency = 0.8;    ///< share of memory bandwidth reached by weight and KV reads
    double linkEfficiency = 0.7;      ///< share of link bandwidth reached by collectives
    double collectiveLatencyS = 1e-5; ///< fixed cost of one collective (all-reduce, all-to-all)
    double layerOverheadS = 2e-5;     ///< fixed cost per layer and decode step (launches, sync, sampling)
    double usableMemoryShare = 0.9;   ///< memory left for weights and KV (not fitted)
};

/// One accelerator as the serving model sees it. Bandwidths in bytes/s per direction.
struct ServingChip {
    std::string sku;
    catalog::Precision precision = catalog::Precision::Bf16; ///< the rate the model's precision runs at
    double peakFlops = 0.0;
    double attentionPeakFlops = 0.0; ///< at the model's attention precision (or the next wider one)
    double memoryBytes = 0.0;
    double memoryBytesPerSecond = 0.0;
    bool sramFirst = false; ///< weights live in on-chip SRAM (Groq, Cerebras)
    /// The compiler fixes every chip-to-chip transfer ahead of time (Groq's software-scheduled
    /// network): a token cannot be sent to only the experts its router chose, so a mixture of experts
    /// runs as dense, every token through every expert (`asRunBy`).
    bool softwareScheduled = false;
    int scaleUpDomain = 1;             ///< accelerators joined by the scale-up fabric
    double scaleUpBytesPerSecond = 0;  ///< per direction; 0: none published
    double scaleOutBytesPerSecond = 0; ///< backend NIC per accelerator; 0: none published
};

/// The chip's figures for `model`: the dense rate at the model's precision, or the next wider one
/// the chip has (FP4 → FP8 → BF16). Software-scheduled where the catalog's scale-up interconnect says
/// so. Throws ValidationError naming the missing figure.
ServingChip servingChip(const catalog::Accelerator& accelerator, const ServedModel& model);

/// The model as `chip` runs it: on a software-scheduled chip a mixture of experts is a dense model of
/// all its parameters (every token through every expert); otherwise unchanged. Every function below
/// applies it.
ServedModel asRunBy(const ServedModel& model, const ServingChip& chip);

enum class Parallelism {
    Tensor, ///< tensor parallel within the scale-up domain, pipeline stages beyond it
    Expert  ///< attention data parallel, experts spread one group per accelerator (MoE only)
};

struct ServingLayout {
    Parallelism kind = Parallelism::Tensor;
    int tensor = 1;   ///< Tensor: accelerators per stage
    int pipeline = 1; ///< Tensor: stages
    int expert = 1;   ///< Expert: accelerators
    int accelerators() const { return kind == Parallelism::Tensor ? tensor * pipeline : expert; }
    std::string text() const; ///< "TP8", "TP8×PP4", "EP72"
};

/// The layout `text` names ("TP8", "TP2×PP4" or "TP2xPP4", "EP72"); empty when it names none.
std::optional<ServingLayout> parseServingLayout(const std::string& text);

enum class Bound { Compute, Memory };

/// The time of one decode round (every user gains tokensPerStep() tokens), by term, in seconds.
struct DecodeRound {
    double computeS = 0.0;       ///< matrix and attention FLOPs (+ prefill chunks when colocated)
    double memoryS = 0.0;        ///< weights read (experts the batch touches) and KV cache read
    double communicationS = 0.0; ///< all-reduce / all-to-all / pipeline hops
    double overheadS = 0.0;      ///< per-layer fixed cost
    double seconds() const { return std::max(computeS, memoryS) + communicationS + overheadS; }
    Bound bound() const { return computeS > memoryS ? Bound::Compute : Bound::Memory; }
};

/// Bytes one accelerator of `layout` holds for the weights and `batch` users' KV cache.
double bytesPerAccelerator(const ServedModel& model, const ServingTraffic& traffic, const ServingLayout& layout,
                           double batch);

/// The decode round of a replica laid out as `layout` serving `batch` concurrent users. With
/// pipeline stages the batch is split into one microbatch per stage (of at least one user), and a
/// user's token passes every stage in turn. Colocated serving (not disaggregated) adds the prefill of
/// the requests that start during the round to its compute; expert-parallel, the round waits for the
/// rank that starts the most of them. Pure; `model` must have its shape (withDerivedShape).
DecodeRound decodeRound(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                        const ServingLayout& layout, double batch, const ServingConstants& constants);

/// Prompt tokens per second one accelerator prefills (compute bound).
double prefillTokensPerSecond(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                              const ServingConstants& constants);

/// One operating point of a replica.
struct ServingPoint {
    ServingLayout layout;
    double batch = 0.0; ///< concurrent users per replica
    double tokensPerSecondPerUser = 0.0;
    /// Output tokens/s per accelerator of the whole service: decode accelerators plus, when
    /// disaggregated, their share of the prefill pool.
    double tokensPerSecondPerAccelerator = 0.0;
    double decodeTokensPerSecondPerAccelerator = 0.0;     ///< per decode accelerator alone
    double prefillAcceleratorsPerDecodeAccelerator = 0.0; ///< 0 when colocated
    double timeToFirstTokenS = 0.0;
    DecodeRound round;
};

/// Every layout the chip allows for the model: tensor degrees 1, 2, 4 … up to the scale-up domain,
/// pipeline stages (powers of two) up to 4,096 accelerators, and for a mixture of experts expert
/// parallel groups from 2 to the expert count (across scale-out links beyond the domain, when the
/// chip publishes them). Only layouts that hold the weights and one user.
std::vector<ServingLayout> servingLayouts(const ServedModel& model, const ServingTraffic& traffic,
                                          const ServingChip& chip, const ServingConstants& constants);

/// The point with the most tokens/s per accelerator at which every user sees at least the traffic's
/// tokens/s per user (and the time to first token, if set): the throughput–interactivity curve read
/// at that speed. Empty when no layout reaches the speed. `prefillChip`: a different accelerator
/// for the prefill pool of disaggregated serving (default: the same).
std::optional<ServingPoint> servingPoint(const ServedModel& model, const ServingTraffic& traffic,
                                         const ServingChip& chip, const ServingConstants& constants,
                                         const ServingChip* prefillChip = nullptr);

/// The point of one `layout`: at `batch` users per replica when given (a measured configuration,
/// whatever speed per user it gives), else at the largest batch that keeps the traffic's speed per
/// user. Empty when the layout misses that speed or the time to first token.
std::optional<ServingPoint> servingPointOf(const ServedModel& model, const ServingTraffic& traffic,
                                           const ServingChip& chip, const ServingConstants& constants,
                                           const ServingLayout& layout, std::optional<double> batch);

/// The fastest a single user can be served: the best speed per user at a batch of one.
double fastestTokensPerSecondPerUser(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                                     const ServingConstants& constants);

/// The throughput–interactivity curve: the best tokens/s per accelerator at each speed per user,
/// from the fastest a single user can be served down to the speed of the most throughput (`points`
/// speeds, geometrically spaced), in falling order of speed; a point reached twice is kept once.
std::vector<ServingPoint> servingCurve(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                                       const ServingConstants& constants, int points = 24,
                                       const ServingChip* prefillChip = nullptr);

} // namespace fw::core::workload
