// SPDX-License-Identifier: Apache-2.0
#include "core/workload/serving.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <tuple>

#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"

namespace fw::core::workload {
namespace {

constexpr double activationBytes = 2.0; // activations exchanged in BF16 by every engine in the table
constexpr double largestBatch = 1e6;    // users per replica

/// Share of the routed experts that `tokens` tokens touch, each choosing k of E uniformly:
/// 1 − (1 − k/E)^tokens (the expected distinct experts over E).
double expertCoverage(const ServedModel& m, double tokens)
{
    if (!m.isMixtureOfExperts()) {
        return 1.0;
    }
    const double miss = 1.0 - static_cast<double>(m.expertsPerToken) / m.experts;
    return 1.0 - std::pow(miss, std::max(tokens, 0.0));
}

/// Prompt tokens prefilled per decode round per user (the requests that start during the round).
double prefillTokensPerUser(const ServingTraffic& t)
{
    if (t.disaggregated || t.outputTokens <= 0.0) {
        return 0.0;
    }
    return t.tokensPerStep() * t.inputTokens * (1.0 - t.prefixCacheHit) / t.outputTokens;
}

/// Bytes/s of the link a hop between accelerators `span` apart crosses: the scale-up fabric inside
/// the domain, the backend NIC beyond it; 0 where the chip publishes neither.
double linkBytesPerSecond(const ServingChip& chip, int span)
{
    if (span <= chip.scaleUpDomain) {
        return chip.scaleUpBytesPerSecond;
    }
    // SRAM-first systems chain chips with their chip-to-chip links beyond a node (Groq RealScale).
    return chip.scaleOutBytesPerSecond > 0.0 || !chip.sramFirst ? chip.scaleOutBytesPerSecond
                                                                : chip.scaleUpBytesPerSecond;
}

/// Accelerators a tensor layout's KV cache is spread over: every stage holds its layers' cache, split
/// over at most the model's KV heads within a stage (copied beyond).
double kvShards(const ServedModel& m, const ServingLayout& layout)
{
    return static_cast<double>(layout.pipeline) * std::min(layout.tensor, std::max(1, m.kvHeads));
}

/// Copies of a token's activation that leave its scale-up domain in an all-to-all over `domains`
/// domains: the distinct other domains its k experts are on. With group-limited routing the k experts
/// lie in G′ of G groups, i.e. on about G′/G of the domains (at least one).
double remoteDomainCopies(const ServedModel& m, double domains)
{
    double candidates = domains;
    if (m.expertGroups > 0 && m.expertGroupsPerToken > 0) {
        candidates = std::clamp(domains * m.expertGroupsPerToken / m.expertGroups, 1.0, domains);
    }
    const double distinct = candidates * (1.0 - std::pow(1.0 - 1.0 / candidates, m.expertsPerToken));
    return distinct * (domains - 1.0) / domains;
}

/// Seconds of one MoE layer's two all-to-alls (dispatch, combine) on `n` accelerators, each sending
/// `tokens` tokens. Engines dispatch in FP8 beside FP8 or narrower weights and combine in BF16
/// (DeepEP). Within one scale-up domain every copy crosses the scale-up fabric; beyond it a token
/// crosses the scale-out network once per remote domain its experts are on and is forwarded to its
/// experts inside that domain over the scale-up fabric (DeepEP's hierarchical kernels).
double expertExchangeSeconds(const ServedModel& m, const ServingChip& chip, int n, double tokens,
                             const ServingConstants& k)
{
    const double dispatchBytes = m.bytesPerParameter <= 1.0 ? 1.0 : activationBytes;
    const double exchanged = tokens * m.hiddenSize * (dispatchBytes + activationBytes);
    const double copies = m.expertsPerToken;
    if (n <= chip.scaleUpDomain) {
        return 2.0 * k.collectiveLatencyS +
               exchanged * copies * (n - 1.0) / n / (linkBytesPerSecond(chip, n) * k.linkEfficiency);
    }
    const double domains = std::ceil(static_cast<double>(n) / chip.scaleUpDomain);
    double seconds = 2.0 * k.collectiveLatencyS +
                     exchanged * remoteDomainCopies(m, domains) / (linkBytesPerSecond(chip, n) * k.linkEfficiency);
    if (chip.scaleUpDomain > 1 && chip.scaleUpBytesPerSecond > 0.0) {
        seconds += exchanged * copies / (chip.scaleUpBytesPerSecond * k.linkEfficiency);
    }
    return seconds;
}

/// Attention FLOPs per prompt token: causal, so a token attends on average to half the prompt (the
/// cached prefix too).
double prefillAttentionFlops(const ServedModel& m, const ServingTraffic& t)
{
    return m.prefillAttentionFlopsPerContextToken * t.inputTokens * (1.0 + t.prefixCacheHit) / 2.0;
}

/// Seconds of a token's matrix work at the weights' rate (at a compute efficiency of one). FP4 work
/// reaches a smaller share of its peak than FP8 or BF16 work (block scales, conversions): fp4Efficiency.
/// Attention projections an FP4 deployment keeps at the attention precision run at that rate.
double matrixSecondsPerToken(const ServedModel& m, const ServingChip& chip, const ServingConstants& k,
                             double parameters)
{
    const double share = chip.precision == catalog::Precision::Fp4 ? k.fp4Efficiency : 1.0;
    if (!m.attentionKeepsItsPrecision()) {
        return 2.0 * parameters / (chip.peakFlops * share);
    }
    return 2.0 * (parameters - m.attentionParameters) / (chip.peakFlops * share) +
           2.0 * m.attentionParameters / chip.attentionPeakFlops;
}

double matrixSecondsPerToken(const ServedModel& m, const ServingChip& chip, const ServingConstants& k)
{
    return matrixSecondsPerToken(m, chip, k, m.active());
}

/// Expected largest of `n` independent Poisson counts of mean `mean`: Σₖ≥₁ 1 − F(k − 1)ⁿ. Below
/// mean − 10σ − 10 every term is 1 to double precision, so the sum starts there (the terms of the
/// probabilities in log space, which do not underflow for a large mean).
double expectedLargestPoisson(double mean, int n)
{
    if (!(mean > 0.0)) {
        return 0.0;
    }
    const double first = std::max(1.0, std::floor(mean - 10.0 * std::sqrt(mean) - 10.0));
    double expected = first - 1.0;
    double below = 0.0; // F(k − 1); the probabilities below first − 1 add less than 1e-20
    // Past the mean, once P(X = k − 1) is below 1e-18 what is left adds less than n·1e-17 (and
    // 1 − F ⁿ is then rounding, not probability).
    for (double k = first;; k += 1.0) {
        const double p = std::exp((k - 1.0) * std::log(mean) - mean - std::lgamma(k)); // P(X = k − 1)
        if (k > mean && p < 1e-18) {
            return expected;
        }
        below += p;
        expected += 1.0 - std::pow(std::min(below, 1.0), n);
    }
}

/// Seconds one accelerator (at the compute efficiency of one) spends on a prompt token: matrix
/// work at the weights' rate, attention at the KV cache's.
double prefillSecondsPerToken(const ServedModel& m, const ServingTraffic& t, const ServingChip& chip,
                              const ServingConstants& k)
{
    return matrixSecondsPerToken(m, chip, k) + prefillAttentionFlops(m, t) / chip.attentionPeakFlops;
}

double prefillSeconds(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                      const ServingConstants& k, int accelerators)
{
    return traffic.inputTokens * (1.0 - traffic.prefixCacheHit) *
           prefillSecondsPerToken(asRunBy(model, chip), traffic, chip, k) / (accelerators * k.computeEfficiency);
}

} // namespace

double ServedModel::expertParameters() const
{
    if (!isMixtureOfExperts()) {
        return 0.0;
    }
    return (parameters - active()) / (1.0 - static_cast<double>(expertsPerToken) / experts);
}

double ServedModel::denseWeightBytes() const
{
    if (!attentionKeepsItsPrecision()) {
        return denseParameters() * bytesPerParameter;
    }
    const double attentionBytes = attentionPrecision == catalog::Precision::Bf16 ? 2.0 : 1.0;
    return (denseParameters() - attentionParameters) * bytesPerParameter + attentionParameters * attentionBytes;
}

catalog::Precision ServedModel::precision() const
{
    if (bytesPerParameter <= 0.5) {
        return catalog::Precision::Fp4;
    }
    return bytesPerParameter <= 1.0 ? catalog::Precision::Fp8 : catalog::Precision::Bf16;
}

ServedModel withDerivedShape(ServedModel m)
{
    facility::requireRange("parameters", m.parameters, 0.0, 1e16, true);
    facility::requireRange("active parameters", m.active(), 0.0, m.parameters, true);
    facility::requireRange("bytes per parameter", m.bytesPerParameter, 0.0, 8.0, true);
    facility::requireRange("KV bytes per token", m.kvBytesPerToken, 0.0, 1e9);
    if (m.experts != 0 || m.expertsPerToken != 0) {
        if (m.experts < 2 || m.expertsPerToken < 1 || m.expertsPerToken >= m.experts) {
            throw ValidationError("experts per token " + std::to_string(m.expertsPerToken) +
                                  " must be at least 1 and fewer than the " + std::to_string(m.experts) + " experts");
        }
        if (m.active() >= m.parameters) {
            throw ValidationError("a mixture of experts needs fewer active parameters than parameters");
        }
        // D + X·k/E = active with D ≥ 0: a token reads at least its k experts' share of all parameters.
        const double routedShare = m.parameters * m.expertsPerToken / m.experts;
        if (m.active() < routedShare * (1.0 - 1e-12)) {
            throw ValidationError("active parameters " + formatNumber(m.active()) + " are fewer than the " +
                                  formatNumber(routedShare) + " a token's " + std::to_string(m.expertsPerToken) +
                                  " of " + std::to_string(m.experts) + " experts alone hold");
        }
    }
    if (m.expertGroups != 0 || m.expertGroupsPerToken != 0) {
        if (!m.isMixtureOfExperts() || m.expertGroupsPerToken < 1 || m.expertGroupsPerToken > m.expertGroups) {
            throw ValidationError("expert groups per token " + std::to_string(m.expertGroupsPerToken) +
                                  " must be at least 1 and at most the " + std::to_string(m.expertGroups) +
                                  " expert groups of a mixture of experts");
        }
    }
    facility::requireRange("attention parameters", m.attentionParameters, 0.0, m.active());
    // 12·layers·hidden² parameters per transformer (attention 4·h², MLP 8·h²), from the active count.
    constexpr double aspect = 128.0;
    if (m.hiddenSize <= 0.0 && m.layers <= 0) {
        m.hiddenSize = std::cbrt(m.active() * aspect / 12.0);
    }
    if (m.hiddenSize <= 0.0) {
        m.hiddenSize = std::sqrt(m.active() / (12.0 * m.layers));
    }
    if (m.layers <= 0) {
        m.layers = std::max(1, static_cast<int>(std::lround(m.active() / (12.0 * m.hiddenSize * m.hiddenSize))));
    }
    if (m.attentionFlopsPerContextToken <= 0.0) {
        m.attentionFlopsPerContextToken = 4.0 * m.layers * m.hiddenSize;
    }
    if (m.prefillAttentionFlopsPerContextToken <= 0.0) {
        m.prefillAttentionFlopsPerContextToken = m.attentionFlopsPerContextToken;
    }
    return m;
}

ServingChip servingChip(const catalog::Accelerator& a, const ServedModel& model)
{
    if (!a.memory || !a.memoryBandwidth) {
        throw ValidationError("accelerator '" + a.sku + "' publishes no memory capacity or bandwidth");
    }
    ServingChip chip;
    chip.sku = a.sku;
    // A chip without a format runs it in the next wider one (weights stay as stored).
    const auto rateFor = [&](catalog::Precision p) -> std::pair<catalog::Precision, double> {
        std::vector<catalog::Precision> tried{p};
        if (tried.back() == catalog::Precision::Fp4) {
            tried.push_back(catalog::Precision::Fp8);
        }
        if (tried.back() == catalog::Precision::Fp8) {
            tried.push_back(catalog::Precision::Bf16);
        }
        for (auto t : tried) {
            if (const auto rate = catalog::denseRate(a, t)) {
                return {t, rate->base()};
            }
        }
        throw ValidationError("accelerator '" + a.sku + "' publishes no dense " + std::string(catalog::toString(p)) +
                              " rate or a wider one");
    };
    std::tie(chip.precision, chip.peakFlops) = rateFor(model.precision());
    chip.attentionPeakFlops = rateFor(model.attentionPrecision).second;
    chip.memoryBytes = a.memory->base();
    chip.memoryBytesPerSecond = a.memoryBandwidth->base();
    chip.sramFirst = a.memoryType && a.memoryType->find("SRAM") != std::string::npos;
    chip.softwareScheduled =
        a.scaleUpInterconnect && a.scaleUpInterconnect->find("software-scheduled") != std::string::npos;
    chip.scaleUpDomain = std::max(1, a.scaleUpDomainSize.value_or(1));
    chip.scaleUpBytesPerSecond = a.scaleUpBandwidth ? a.scaleUpBandwidth->base() / 2.0 : 0.0;
    chip.scaleOutBytesPerSecond = a.scaleOutNic ? a.scaleOutNic->base() : 0.0;
    return chip;
}

ServedModel asRunBy(const ServedModel& model, const ServingChip& chip)
{
    if (!chip.softwareScheduled || !model.isMixtureOfExperts()) {
        return model;
    }
    ServedModel dense = model;
    dense.activeParameters = model.parameters;
    dense.experts = 0;
    dense.expertsPerToken = 0;
    dense.expertGroups = 0;
    dense.expertGroupsPerToken = 0;
    return dense;
}

std::string ServingLayout::text() const
{
    if (kind == Parallelism::Expert) {
        return "EP" + std::to_string(expert);
    }
    return "TP" + std::to_string(tensor) + (pipeline > 1 ? "×PP" + std::to_string(pipeline) : "");
}

std::optional<ServingLayout> parseServingLayout(const std::string& text)
{
    static const std::regex pattern(R"((EP|TP)([1-9][0-9]{0,4})(?:(?:×|x)PP([1-9][0-9]{0,4}))?)");
    std::smatch match;
    if (!std::regex_match(text, match, pattern) || (match[1] == "EP" && match[3].matched)) {
        return std::nullopt;
    }
    const int degree = std::stoi(match[2]);
    if (match[1] == "EP") {
        return ServingLayout{Parallelism::Expert, 1, 1, degree};
    }
    return ServingLayout{Parallelism::Tensor, degree, match[3].matched ? std::stoi(match[3]) : 1, 1};
}

double bytesPerAccelerator(const ServedModel& m, const ServingTraffic& t, const ServingLayout& layout, double batch)
{
    const double kv = batch * m.kvBytesPerToken * t.decodeContext();
    if (layout.kind == Parallelism::Expert) {
        const double n = layout.expert;
        return m.denseWeightBytes() + m.expertParameters() * m.bytesPerParameter / n + kv / n;
    }
    return (m.denseWeightBytes() + m.expertParameters() * m.bytesPerParameter) / layout.accelerators() +
           kv / kvShards(m, layout);
}

// Tensor layout, per stage and microbatch of b = max(1, batch/p) users (p stages of L/p layers, t per
// stage; with fewer users than stages each user's token passes the stages alone):
//   compute  = (b·(1+drafts)·(2·active + attention·context) + b·prefill tokens·prefill FLOPs) / (p·t·peak·η_c)
//   memory   = ((dense + experts·coverage(b·(1+drafts)))·bytes + b·KV·context) / (p·t·bandwidth·η_m)
//   comm     = (t > 1) 2·L/p all-reduces of α + 2(t−1)/t·tokens·hidden·2 B / (scale-up·η_l)
//            + (p > 1) one hop of tokens·hidden·2 B / (link·η_l): a point-to-point send, not a
//              collective, so it pays no α
// and the round is p stages: p·(max(compute, memory) + comm) + L·τ.
// Expert layout on n accelerators, each running b = batch/n users' attention:
//   compute  = b·(…the same FLOPs…) / (peak·η_c), and colocated, the busiest rank's prompts beyond the
//              mean q = b·(1+accepted)/OSL: (E[max of n Poisson(q)] − q)·ISL·(shared layers + attention)
//   memory   = (dense·bytes + experts·bytes/n·coverage(batch·(1+drafts)) + b·KV·context) / (bandwidth·η_m)
//   comm     = 2·L all-to-alls (dispatch, combine) of α + tokens·k·hidden·2 B·(n−1)/n / (link·η_l)
DecodeRound decodeRound(const ServedModel& model, const ServingTraffic& t, const ServingChip& chip,
                        const ServingLayout& layout, double batch, const ServingConstants& k)
{
    const ServedModel m = asRunBy(model, chip);
    const double computed = 1.0 + t.draftTokens; // tokens per user each step computes (drafts verified)
    // Seconds of compute per user and step at a rate of one: matrix work at the weights' rate,
    // attention at the KV cache's.
    const double prefill = prefillTokensPerUser(t);
    const double perUser = (computed * (matrixSecondsPerToken(m, chip, k) +
                                        m.attentionFlopsPerContextToken * t.decodeContext() / chip.attentionPeakFlops) +
                            prefill * prefillSecondsPerToken(m, t, chip, k)) /
                           k.computeEfficiency;
    const double kvPerUser = m.kvBytesPerToken * t.decodeContext();
    const double byteRate = chip.memoryBytesPerSecond * k.memoryEfficiency;
    DecodeRound r;
    r.overheadS = m.layers * k.layerOverheadS;
    if (layout.kind == Parallelism::Expert) {
        const double n = layout.expert;
        const double b = batch / n;
        r.computeS = b * perUser;
        if (!t.disaggregated && n > 1 && t.outputTokens > 0.0) {
            // Attention data parallel runs the ranks in lock-step (the all-to-alls of every layer), so
            // a round lasts as long as its busiest rank: prompts start on each rank at random, q a
            // round on average, and the rank with the most of them prefills its dense layers and
            // attention while the others wait (TensorRT-LLM tech blog 10, ADP balance).
            const double q = b * t.tokensPerStep() / t.outputTokens;
            const double local = matrixSecondsPerToken(m, chip, k, m.denseParameters()) +
                                 prefillAttentionFlops(m, t) / chip.attentionPeakFlops;
            r.computeS += (expectedLargestPoisson(q, layout.expert) - q) * t.inputTokens * (1.0 - t.prefixCacheHit) *
                          local / k.computeEfficiency;
        }
        r.memoryS =
            (m.denseWeightBytes() +
             m.expertParameters() * m.bytesPerParameter / n * expertCoverage(m, batch * computed) + b * kvPerUser) /
            byteRate;
        if (layout.expert > 1) {
            r.communicationS = m.layers * expertExchangeSeconds(m, chip, layout.expert, b * (computed + prefill), k);
        }
        return r;
    }
    const double p = layout.pipeline;
    const double tp = layout.tensor;
    const double b = std::max(1.0, batch / p); // a microbatch holds at least one user
    const double stageCompute = b * perUser / (p * tp);
    const double weights =
        m.denseWeightBytes() + m.expertParameters() * expertCoverage(m, b * computed) * m.bytesPerParameter;
    const double stageMemory = (weights / tp + b * kvPerUser * p / kvShards(m, layout)) / (p * byteRate);
    const double tokens = b * (computed + prefill);
    double stageComm = 0.0;
    if (layout.tensor > 1) {
        stageComm += 2.0 * m.layers / p *
                     (k.collectiveLatencyS + 2.0 * (tp - 1.0) / tp * tokens * m.hiddenSize * activationBytes /
                                                 (chip.scaleUpBytesPerSecond * k.linkEfficiency));
    }
    if (layout.pipeline > 1) {
        stageComm += tokens * m.hiddenSize * activationBytes /
                     (linkBytesPerSecond(chip, layout.accelerators()) * k.linkEfficiency);
    }
    r.computeS = p * stageCompute;
    r.memoryS = p * stageMemory;
    r.communicationS = p * stageComm;
    return r;
}

double prefillTokensPerSecond(const ServedModel& m, const ServingTraffic& t, const ServingChip& chip,
                              const ServingConstants& k)
{
    return k.computeEfficiency / prefillSecondsPerToken(asRunBy(m, chip), t, chip, k);
}

std::vector<ServingLayout> servingLayouts(const ServedModel& model, const ServingTraffic& t, const ServingChip& chip,
                                          const ServingConstants& k)
{
    const ServedModel m = asRunBy(model, chip);
    const double usable = chip.memoryBytes * k.usableMemoryShare;
    const auto fits = [&](const ServingLayout& l) { return bytesPerAccelerator(m, t, l, 1.0) <= usable; };
    const int largestReplica = std::max(1, t.maxAcceleratorsPerReplica);
    std::vector<int> tensorDegrees;
    for (int d = 1; d <= std::min(chip.scaleUpDomain, largestReplica) && (d == 1 || chip.scaleUpBytesPerSecond > 0.0);
         d *= 2) {
        tensorDegrees.push_back(d);
    }
    if (chip.scaleUpBytesPerSecond > 0.0 && tensorDegrees.back() != chip.scaleUpDomain &&
        chip.scaleUpDomain <= largestReplica) {
        tensorDegrees.push_back(chip.scaleUpDomain);
    }
    std::vector<ServingLayout> layouts;
    for (int tp : tensorDegrees) {
        // Pipeline stages from the fewest that hold the weights to four times as many (more room for
        // the KV cache of a larger batch), as long as a hop between stages has a link.
        int fewest = 0;
        for (int pp = 1; tp * pp <= largestReplica; pp *= 2) {
            const ServingLayout l{Parallelism::Tensor, tp, pp, 1};
            if (pp > 1 && linkBytesPerSecond(chip, tp * pp) <= 0.0) {
                break;
            }
            if (!fits(l)) {
                continue;
            }
            fewest = fewest == 0 ? pp : fewest;
            if (pp > 4 * fewest) {
                break;
            }
            layouts.push_back(l);
        }
    }
    if (m.isMixtureOfExperts()) {
        std::vector<int> groups;
        for (int n = 2; n <= std::min(m.experts, largestReplica); n *= 2) {
            groups.push_back(n);
        }
        if (chip.scaleUpDomain > 2 && chip.scaleUpDomain <= std::min(m.experts, largestReplica) &&
            std::find(groups.begin(), groups.end(), chip.scaleUpDomain) == groups.end()) {
            groups.push_back(chip.scaleUpDomain);
        }
        for (int n : groups) {
            const ServingLayout l{Parallelism::Expert, 1, 1, n};
            if (linkBytesPerSecond(chip, n) > 0.0 && fits(l)) {
                layouts.push_back(l);
            }
        }
    }
    return layouts;
}

namespace {

/// The layout's point at `batch` users per replica, or empty when the TTFT target is missed.
std::optional<ServingPoint> pointAt(const ServedModel& m, const ServingTraffic& t, const ServingChip& chip,
                                    const ServingChip& prefillChip, const ServingConstants& k,
                                    const ServingLayout& layout, double batch)
{
    ServingPoint p;
    p.layout = layout;
    p.batch = batch;
    p.round = decodeRound(m, t, chip, layout, batch, k);
    const double seconds = p.round.seconds();
    p.tokensPerSecondPerUser = t.tokensPerStep() / seconds;
    const double decodePerAccelerator = batch * t.tokensPerStep() / seconds / layout.accelerators();
    p.decodeTokensPerSecondPerAccelerator = decodePerAccelerator;
    if (t.disaggregated) {
        // The prefill pool: the fewest accelerators (a power of two, experts spread over them for a
        // mixture of experts) that hold the weights and meet the time to first token.
        const ServedModel prefilled = asRunBy(m, prefillChip);
        const ServingLayout spread{prefilled.isMixtureOfExperts() ? Parallelism::Expert : Parallelism::Tensor, 1, 1, 1};
        std::optional<double> ttft;
        for (int n = 1; n <= std::max(1, t.maxAcceleratorsPerReplica); n *= 2) {
            ServingLayout l = spread;
            (l.kind == Parallelism::Expert ? l.expert : l.tensor) = n;
            if (bytesPerAccelerator(prefilled, t, l, 0.0) > prefillChip.memoryBytes * k.usableMemoryShare ||
                (n > 1 && linkBytesPerSecond(prefillChip, n) <= 0.0)) {
                continue;
            }
            ttft = prefillSeconds(m, t, prefillChip, k, n);
            if (!t.timeToFirstTokenS || *ttft <= *t.timeToFirstTokenS) {
                break;
            }
        }
        if (!ttft || (t.timeToFirstTokenS && *ttft > *t.timeToFirstTokenS)) {
            return std::nullopt;
        }
        p.timeToFirstTokenS = *ttft;
        const double promptTokens = t.inputTokens * (1.0 - t.prefixCacheHit) / t.outputTokens;
        p.prefillAcceleratorsPerDecodeAccelerator =
            decodePerAccelerator * promptTokens / prefillTokensPerSecond(m, t, prefillChip, k);
    } else {
        p.timeToFirstTokenS = prefillSeconds(m, t, chip, k, layout.accelerators()) + seconds;
        if (t.timeToFirstTokenS && p.timeToFirstTokenS > *t.timeToFirstTokenS) {
            return std::nullopt;
        }
    }
    p.tokensPerSecondPerAccelerator = decodePerAccelerator / (1.0 + p.prefillAcceleratorsPerDecodeAccelerator);
    return p;
}

/// The most users `layout` holds in memory.
double largestBatchIn(const ServedModel& m, const ServingTraffic& t, const ServingChip& chip, const ServingConstants& k,
                      const ServingLayout& layout)
{
    const double room = chip.memoryBytes * k.usableMemoryShare - bytesPerAccelerator(m, t, layout, 0.0);
    const double perUser = bytesPerAccelerator(m, t, layout, 1.0) - bytesPerAccelerator(m, t, layout, 0.0);
    if (room < perUser) {
        return 0.0;
    }
    return perUser > 0.0 ? std::min(std::floor(room / perUser), largestBatch) : largestBatch;
}

/// The layout's best point at the traffic's speed: the largest batch that keeps it (speed and the
/// time to first token fall as the batch grows, throughput rises).
std::optional<ServingPoint> bestPointOf(const ServedModel& m, const ServingTraffic& t, const ServingChip& chip,
                                        const ServingChip& prefillChip, const ServingConstants& k,
                                        const ServingLayout& layout)
{
    const auto meets = [&](double batch) -> std::optional<ServingPoint> {
        auto p = pointAt(m, t, chip, prefillChip, k, layout, batch);
        if (p && p->tokensPerSecondPerUser >= t.tokensPerSecondPerUser * (1.0 - 1e-12)) {
            return p;
        }
        return std::nullopt;
    };
    double high = largestBatchIn(m, t, chip, k, layout);
    if (high < 1.0) {
        return std::nullopt;
    }
    auto best = meets(1.0);
    if (!best) {
        return std::nullopt;
    }
    if (auto top = meets(high)) {
        return top;
    }
    double low = 1.0; // meets; high does not
    while (high - low > 1.0) {
        const double mid = std::floor((low + high) / 2.0);
        if (auto p = meets(mid)) {
            low = mid;
            best = p;
        } else {
            high = mid;
        }
    }
    return best;
}

} // namespace

std::optional<ServingPoint> servingPoint(const ServedModel& model, const ServingTraffic& traffic,
                                         const ServingChip& chip, const ServingConstants& constants,
                                         const ServingChip* prefillChip)
{
    const ServingChip& prefill = prefillChip != nullptr ? *prefillChip : chip;
    std::optional<ServingPoint> best;
    for (const auto& layout : servingLayouts(model, traffic, chip, constants)) {
        const auto p = bestPointOf(model, traffic, chip, prefill, constants, layout);
        if (p && (!best || p->tokensPerSecondPerAccelerator > best->tokensPerSecondPerAccelerator * (1.0 + 1e-12))) {
            best = p;
        }
    }
    return best;
}

std::optional<ServingPoint> servingPointOf(const ServedModel& model, const ServingTraffic& traffic,
                                           const ServingChip& chip, const ServingConstants& constants,
                                           const ServingLayout& layout, std::optional<double> batch)
{
    if (batch) {
        return pointAt(model, traffic, chip, chip, constants, layout, *batch);
    }
    return bestPointOf(model, traffic, chip, chip, constants, layout);
}

double fastestTokensPerSecondPerUser(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                                     const ServingConstants& constants)
{
    double fastest = 0.0;
    for (const auto& layout : servingLayouts(model, traffic, chip, constants)) {
        if (const auto one = pointAt(model, traffic, chip, chip, constants, layout, 1.0)) {
            fastest = std::max(fastest, one->tokensPerSecondPerUser);
        }
    }
    return fastest;
}

std::vector<ServingPoint> servingCurve(const ServedModel& model, const ServingTraffic& traffic, const ServingChip& chip,
                                       const ServingConstants& constants, int points, const ServingChip* prefillChip)
{
    // From the fastest single user down to the speed of the most throughput (no speed asked).
    ServingTraffic any = traffic;
    any.tokensPerSecondPerUser = 0.0;
    const double fastest = fastestTokensPerSecondPerUser(model, any, chip, constants);
    const auto most = servingPoint(model, any, chip, constants, prefillChip);
    std::vector<ServingPoint> curve;
    if (fastest <= 0.0 || !most || points < 2) {
        return curve;
    }
    const double slowest = std::min(most->tokensPerSecondPerUser, fastest);
    for (int i = 0; i < points; ++i) {
        ServingTraffic at = traffic;
        at.tokensPerSecondPerUser = fastest * std::pow(slowest / fastest, static_cast<double>(i) / (points - 1));
        auto p = servingPoint(model, at, chip, constants, prefillChip);
        // A slower target can land on the point already found: each point once.
        if (p && (curve.empty() || p->tokensPerSecondPerUser < curve.back().tokensPerSecondPerUser * (1.0 - 1e-9))) {
            curve.push_back(*p);
        }
    }
    return curve;
}

} // namespace fw::core::workload
