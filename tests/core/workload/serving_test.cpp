// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/workload/calibration.h"
#include "core/workload/servedmodels.h"
#include "core/workload/serving.h"
#include "tests/core/testdir.h"

namespace fw::core::workload {
namespace {

// A toy chip with round figures, so that every term can be worked out by hand.
ServingChip toyChip()
{
    ServingChip c;
    c.sku = "toy";
    c.peakFlops = 1e15;          // 1 PFLOP/s at the weights' precision
    c.attentionPeakFlops = 5e14; // attention at half that
    c.memoryBytes = 100e9;
    c.memoryBytesPerSecond = 1e12; // 1 TB/s
    c.scaleUpDomain = 8;
    c.scaleUpBytesPerSecond = 100e9; // 100 GB/s per direction
    c.scaleOutBytesPerSecond = 10e9;
    return c;
}

ServingConstants toyConstants()
{
    ServingConstants k;
    k.computeEfficiency = 0.5;
    k.fp4Efficiency = 0.5;
    k.memoryEfficiency = 0.5;
    k.linkEfficiency = 0.5;
    k.collectiveLatencyS = 10e-6;
    k.layerOverheadS = 1e-6;
    k.usableMemoryShare = 1.0;
    return k;
}

// A 10 B dense model of 10 layers, hidden 1000, in BF16, 100 kB of KV per token.
ServedModel toyDense()
{
    ServedModel m;
    m.parameters = 10e9;
    m.bytesPerParameter = 2.0;
    m.kvBytesPerToken = 100e3;
    m.kvHeads = 8;
    m.layers = 10;
    m.hiddenSize = 1000;
    m.attentionFlopsPerContextToken = 1e6;
    return withDerivedShape(m);
}

// The toy as a mixture of experts: 10 B total, 4 B active with one of four experts a token (D = 2 B
// shared, X = 8 B of experts).
ServedModel toyMixture()
{
    ServedModel m = toyDense();
    m.activeParameters = 4e9;
    m.experts = 4;
    m.expertsPerToken = 1;
    return m;
}

// 100 prompt tokens, 100 answer tokens: 150 tokens of context on average while decoding.
ServingTraffic toyTraffic()
{
    ServingTraffic t;
    t.inputTokens = 100;
    t.outputTokens = 100;
    t.tokensPerSecondPerUser = 0.0;
    t.disaggregated = true; // no prefill in the decode round unless a test asks for it
    return t;
}

TEST(ServedModel, ExpertsAndDenseParametersFromTotalAndActive)
{
    // Total 10 = D + X, active 4 = D + X/4 (one of four experts) → X = 6 / (1 − 1/4) = 8, D = 2.
    ServedModel m;
    m.parameters = 10e9;
    m.activeParameters = 4e9;
    m.experts = 4;
    m.expertsPerToken = 1;
    EXPECT_DOUBLE_EQ(m.expertParameters(), 8e9);
    EXPECT_DOUBLE_EQ(m.denseParameters(), 2e9);
    // DeepSeek-V3: 671 B total, 37 B active, 8 of 256 experts → X = 634 / (1 − 8/256) = 654.5 B
    // (58 MoE layers × 256 experts × 3 × 7168 × 2048 = 654.3 B by the config).
    // The library outlives the reference findServedModel() returns into it.
    const auto library = loadServedModels(tests::shippedData() / "models" / "served-models.json");
    const auto& v3 = findServedModel(library, "deepseek-v3");
    EXPECT_NEAR(v3.shape.expertParameters() / 1e9, 654.5, 0.1);
    EXPECT_THROW(withDerivedShape([] {
                     ServedModel bad;
                     bad.parameters = 10e9;
                     bad.activeParameters = 4e9;
                     bad.experts = 4;
                     bad.expertsPerToken = 4;
                     return bad;
                 }()),
                 ValidationError);
    // Active 1 B of 10 B with one of two experts: the chosen expert alone is 5 B, so the shared
    // parameters would be negative (D = 10 − 2 · 9 = −8 B).
    ServedModel negative;
    negative.parameters = 10e9;
    negative.activeParameters = 1e9;
    negative.experts = 2;
    negative.expertsPerToken = 1;
    try {
        withDerivedShape(negative);
        ADD_FAILURE() << "a mixture of experts with fewer active parameters than its chosen experts hold";
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "active parameters 1000000000 are fewer than the 5000000000 a token's 1 of 2 experts "
                               "alone hold");
    }
    negative.activeParameters = 5e9; // no shared parameters at all: D = 0
    EXPECT_DOUBLE_EQ(withDerivedShape(negative).denseParameters(), 0.0);
}

TEST(ServedModel, ShapeDerivedFromTheParameterCount)
{
    // 12 · L · h² = 8.05e9 with h = 128 · L → h = (8.05e9 · 128 / 12)^(1/3) = 4,411, L = 34.
    ServedModel m;
    m.parameters = 8.05e9;
    m = withDerivedShape(m);
    EXPECT_NEAR(m.hiddenSize, std::cbrt(8.05e9 * 128 / 12), 1e-6);
    EXPECT_EQ(m.layers, 34);
    EXPECT_DOUBLE_EQ(m.attentionFlopsPerContextToken, 4.0 * m.layers * m.hiddenSize);
    EXPECT_DOUBLE_EQ(m.prefillAttentionFlopsPerContextToken, m.attentionFlopsPerContextToken);
}

TEST(DecodeRound, ComputeTermIsMatrixWorkAtTheWeightsRateAndAttentionAtTheCachesRate)
{
    // Per user: 2 · 10e9 / 1e15 = 20 µs of matrix work, 1e6 · 150 / 5e14 = 0.3 µs of attention;
    // 100 users at η = 0.5 on one chip: 100 · 20.3 µs / 0.5 = 4.06 ms.
    const auto r =
        decodeRound(toyDense(), toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 1, 1}, 100, toyConstants());
    EXPECT_NEAR(r.computeS, 100 * (20e-6 + 0.3e-6) / 0.5, 1e-12);
}

TEST(DecodeRound, MemoryTermReadsTheWeightsOnceAndEveryUsersCache)
{
    // Weights 20 GB + 100 users × 100 kB × 150 tokens = 1.5 GB, at 1 TB/s × 0.5: 43 ms.
    const auto r =
        decodeRound(toyDense(), toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 1, 1}, 100, toyConstants());
    EXPECT_NEAR(r.memoryS, (20e9 + 1.5e9) / 0.5e12, 1e-12);
    EXPECT_EQ(r.bound(), Bound::Memory);
    // The fixed part: 10 layers × 1 µs.
    EXPECT_NEAR(r.overheadS, 10e-6, 1e-15);
    EXPECT_NEAR(r.seconds(), r.memoryS + r.overheadS, 1e-15);
}

TEST(DecodeRound, ExpertCoverageGrowsWithTheBatch)
{
    // D = 2 B, X = 8 B in BF16; one of four experts per token: a batch of b tokens touches
    // 1 − (3/4)^b of the experts. b = 1: 2 + 8/4 = 4 B parameters read; b = 2: 2 + 8 · 7/16 = 5.5 B.
    ServedModel m = toyMixture();
    m.kvBytesPerToken = 0;
    const auto one = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 1, 1}, 1, toyConstants());
    const auto two = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 1, 1}, 2, toyConstants());
    EXPECT_NEAR(one.memoryS, 4e9 * 2 / 0.5e12, 1e-12);
    EXPECT_NEAR(two.memoryS, 5.5e9 * 2 / 0.5e12, 1e-12);
}

TEST(DecodeRound, ASoftwareScheduledChipRunsEveryExpertForEveryToken)
{
    // The toy mixture of experts (10 B total, 4 B active: one of four experts) on a chip whose
    // network is scheduled ahead of time: one user reads and computes all 10 B parameters, as the
    // dense toy does: 20 GB at 0.5 TB/s; (2 · 10e9 / 1e15 + 0.3 µs of attention) / 0.5 = 40.6 µs.
    // Routed, it reads and computes 4 B.
    ServedModel m = toyMixture();
    m.kvBytesPerToken = 0;
    ServingChip scheduled = toyChip();
    scheduled.softwareScheduled = true;
    const ServingLayout one{Parallelism::Tensor, 1, 1, 1};
    const auto every = decodeRound(m, toyTraffic(), scheduled, one, 1, toyConstants());
    EXPECT_NEAR(every.memoryS, 10e9 * 2 / 0.5e12, 1e-12);
    EXPECT_NEAR(every.computeS, (2 * 10e9 / 1e15 + 0.3e-6) / 0.5, 1e-12);
    const auto routed = decodeRound(m, toyTraffic(), toyChip(), one, 1, toyConstants());
    EXPECT_NEAR(routed.memoryS, 4e9 * 2 / 0.5e12, 1e-12);
    EXPECT_NEAR(routed.computeS, (2 * 4e9 / 1e15 + 0.3e-6) / 0.5, 1e-12);
    // Prefill too (a prompt token attends to 50 tokens on average: 0.1 µs of attention), and no
    // expert-parallel layout is offered: the model runs as dense.
    EXPECT_NEAR(prefillTokensPerSecond(m, toyTraffic(), scheduled, toyConstants()), 0.5 / (20e-6 + 0.1e-6), 1e-6);
    for (const auto& layout : servingLayouts(m, toyTraffic(), scheduled, toyConstants())) {
        EXPECT_EQ(layout.kind, Parallelism::Tensor) << layout.text();
    }
}

TEST(DecodeRound, TensorParallelAllReducesTwicePerLayer)
{
    // TP4, 40 users: 2 · 10 layers × (10 µs + 2 · 3/4 · 40 tokens · 1000 · 2 B / (100 GB/s · 0.5)) = 2.6 ms.
    const auto r = decodeRound(toyDense(), toyTraffic(), toyChip(), {Parallelism::Tensor, 4, 1, 1}, 40, toyConstants());
    EXPECT_NEAR(r.communicationS, 2 * 10 * (10e-6 + 1.5 * 40 * 1000 * 2 / 50e9), 1e-12);
    // The KV cache (8 KV heads) splits over the four: weights 20 GB / 4, cache 40 × 15 MB / 4.
    EXPECT_NEAR(r.memoryS, (20e9 / 4 + 40 * 15e6 / 4) / 0.5e12, 1e-12);
    // With one KV head (MLA) every accelerator holds and reads the whole cache.
    ServedModel mla = toyDense();
    mla.kvHeads = 1;
    const auto copied = decodeRound(mla, toyTraffic(), toyChip(), {Parallelism::Tensor, 4, 1, 1}, 40, toyConstants());
    EXPECT_NEAR(copied.memoryS, (20e9 / 4 + 40 * 15e6) / 0.5e12, 1e-12);
}

TEST(DecodeRound, PipelineStagesAddOneHopEachAndReadTheWeightsPerMicrobatch)
{
    // TP1 × PP2, 20 users in two microbatches of 10: each stage reads its 10 GB for each microbatch.
    // Round = 2 stages × (max(compute, memory) + one hop of 10 tokens · 1000 · 2 B / (100 GB/s · 0.5));
    // a hop is a point-to-point send and pays no collective latency.
    const ServingLayout l{Parallelism::Tensor, 1, 2, 1};
    const auto r = decodeRound(toyDense(), toyTraffic(), toyChip(), l, 20, toyConstants());
    EXPECT_NEAR(r.memoryS, 2 * (10e9 + 10 * 15e6 / 2) / 0.5e12, 1e-12);
    EXPECT_NEAR(r.communicationS, 2 * (10 * 1000 * 2 / 50e9), 1e-12);
    EXPECT_EQ(l.text(), "TP1×PP2");
}

TEST(DecodeRound, OneUserPassesEveryPipelineStageAlone)
{
    // PP4 with one user: no stage has a fraction of a user; the token is computed by each stage in turn,
    // so the round does the whole token's work (as on one accelerator) and reads the 20 GB and the user's
    // 15 MB of cache once.
    const auto single =
        decodeRound(toyDense(), toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 1, 1}, 1, toyConstants());
    const auto piped =
        decodeRound(toyDense(), toyTraffic(), toyChip(), {Parallelism::Tensor, 1, 4, 1}, 1, toyConstants());
    EXPECT_NEAR(piped.computeS, single.computeS, 1e-15);
    EXPECT_NEAR(piped.memoryS, (20e9 + 15e6) / 0.5e12, 1e-12);
    EXPECT_NEAR(piped.communicationS, 4 * (1000 * 2 / 50e9), 1e-15);
}

TEST(DecodeRound, ExpertParallelAllToAllsOverTheScaleUpLinksWithinTheDomain)
{
    // EP4, 40 users (10 per accelerator), one expert per token: 2 · 10 layers ×
    // (10 µs + 10 tokens · 1 · 1000 · 2 B · 3/4 / (100 GB/s · 0.5)).
    ServedModel m = toyMixture();
    const auto r = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 4}, 40, toyConstants());
    EXPECT_NEAR(r.communicationS, 2 * 10 * (10e-6 + 10 * 1000 * 2 * 0.75 / 50e9), 1e-12);
    // Each reads the dense 2 B and its quarter of the experts (all touched by 40 tokens: 1 − 0.75^40).
    const double coverage = 1 - std::pow(0.75, 40);
    EXPECT_NEAR(r.memoryS, ((2e9 + 8e9 / 4 * coverage) * 2 + 10 * 15e6) / 0.5e12, 1e-12);
    // Beyond the domain (16 > 8: two domains) a token crosses the 10 GB/s NICs once if its expert is in
    // the other domain (one expert of two domains: 1 · 1/2 copies) and reaches its expert over the
    // scale-up links (one copy); dispatch and combine each 2 B a value beside BF16 weights (the term
    // only: a layout this wide needs 16 experts).
    const auto wide = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 16}, 160, toyConstants());
    const double exchanged = 10 * 1000 * (2 + 2);
    EXPECT_NEAR(wide.communicationS, 10 * (2 * 10e-6 + exchanged * 0.5 / 5e9 + exchanged * 1 / 50e9), 1e-12);
}

TEST(DecodeRound, GroupLimitedRoutingBoundsTheDomainsATokenReaches)
{
    // 32 experts in 4 groups, 2 per token chosen within 2 groups; EP32 over 4 domains of 8. The experts
    // lie on 4 · 2/4 = 2 candidate domains: distinct 2 · (1 − (1/2)²) = 1.5, of which 3/4 are remote
    // → 1.125 NIC copies a token. FP8 weights: dispatch in FP8 (1 B), combine in BF16 (2 B).
    ServedModel m = toyDense();
    m.bytesPerParameter = 1.0;
    m.activeParameters = 4e9;
    m.experts = 32;
    m.expertsPerToken = 2;
    m.expertGroups = 4;
    m.expertGroupsPerToken = 2;
    const auto r = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 32}, 320, toyConstants());
    const double exchanged = 10 * 1000 * (1 + 2);
    EXPECT_NEAR(r.communicationS, 10 * (2 * 10e-6 + exchanged * 1.125 / 5e9 + exchanged * 2 / 50e9), 1e-12);
    // Without the group limit a token's two experts may be on any of the 4 domains:
    // 4 · (1 − (3/4)²) · 3/4 = 1.3125 NIC copies.
    m.expertGroups = 0;
    m.expertGroupsPerToken = 0;
    const auto free = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 32}, 320, toyConstants());
    EXPECT_NEAR(free.communicationS, 10 * (2 * 10e-6 + exchanged * 1.3125 / 5e9 + exchanged * 2 / 50e9), 1e-12);
    // More groups per token than groups is refused.
    m.expertGroups = 4;
    m.expertGroupsPerToken = 5;
    EXPECT_THROW(withDerivedShape(m), ValidationError);
}

TEST(ServedModel, FourBitDeploymentsKeepTheAttentionProjectionsAtTheirPrecision)
{
    // 10 B total, 4 B active, one of four experts: D = 2 B of which 1 B attention projections. In FP4
    // with an FP8 KV cache the attention stays FP8: 1 B · 0.5 + 1 B · 1 = 1.5 GB read by every token.
    ServedModel m = toyMixture();
    m.bytesPerParameter = 0.5;
    m.attentionPrecision = catalog::Precision::Fp8;
    m.attentionParameters = 1e9;
    EXPECT_TRUE(m.attentionKeepsItsPrecision());
    EXPECT_DOUBLE_EQ(m.denseWeightBytes(), 1.5e9);
    // In FP8 every weight is 1 B: nothing kept apart.
    m.bytesPerParameter = 1.0;
    EXPECT_FALSE(m.attentionKeepsItsPrecision());
    EXPECT_DOUBLE_EQ(m.denseWeightBytes(), 2e9);
    // More attention parameters than active ones is refused.
    m.attentionParameters = 5e9;
    EXPECT_THROW(withDerivedShape(m), ValidationError);
}

TEST(DecodeRound, ColocatedPrefillAddsThePromptsStartingInTheRound)
{
    // Colocated, 100 in / 100 out: each user starts a request every 100 rounds → 1 prompt token a round,
    // at 2 · 10e9 / 1e15 + 1e6 · 50 / 5e14 = 20.1 µs (attention over half the prompt).
    ServingTraffic t = toyTraffic();
    t.disaggregated = false;
    const auto r = decodeRound(toyDense(), t, toyChip(), {Parallelism::Tensor, 1, 1, 1}, 10, toyConstants());
    EXPECT_NEAR(r.computeS, 10 * ((20e-6 + 0.3e-6) + (20e-6 + 0.1e-6)) / 0.5, 1e-12);
    EXPECT_NEAR(prefillTokensPerSecond(toyDense(), t, toyChip(), toyConstants()), 0.5 / 20.1e-6, 1e-6);
}

TEST(DecodeRound, ColocatedExpertParallelRoundsWaitForTheRankWithTheMostPrompts)
{
    // The toy mixture of experts (D = 2 B shared, X = 8 B in four experts, one a token) on two ranks,
    // 50 users each, prompts of 100 tokens and answers of 100: a prompt starts on a rank q = 50/100 =
    // 0.5 times a round on average. The busier of two Poisson(0.5) counts is on average
    // Σₖ 1 − F(k−1)² = (1 − e⁻¹) + (1 − 2.25e⁻¹) + (1 − 2.640625e⁻¹) + … = 0.836835, so the round
    // prefills 0.336835 prompts more than the average: 100 tokens of the shared 2 B (4 µs a token)
    // and attention over half the prompt (1e6 · 50 / 5e14 = 0.1 µs), at η = 0.5.
    ServedModel m = toyMixture();
    ServingTraffic colocated = toyTraffic();
    colocated.disaggregated = false;
    const auto two = decodeRound(m, colocated, toyChip(), {Parallelism::Expert, 1, 1, 2}, 100, toyConstants());
    const auto one = decodeRound(m, colocated, toyChip(), {Parallelism::Expert, 1, 1, 1}, 50, toyConstants());
    EXPECT_NEAR(two.computeS - one.computeS, 0.336835 * 100 * (4e-6 + 0.1e-6) / 0.5, 1e-9);
    // Answers of one token: q = 2,000 prompts a round on each rank. The busier of two counts is then
    // about q + σ/√π = 2,000 + 44.72/1.7725 = 2,025.2 (two normals), 25.2 prompts above the mean.
    colocated.outputTokens = 1;
    const auto many = decodeRound(m, colocated, toyChip(), {Parallelism::Expert, 1, 1, 2}, 4000, toyConstants());
    const auto manyOne = decodeRound(m, colocated, toyChip(), {Parallelism::Expert, 1, 1, 1}, 2000, toyConstants());
    EXPECT_NEAR((many.computeS - manyOne.computeS) / (100 * (4e-6 + 0.1e-6) / 0.5), 25.2, 0.3);
    // Disaggregated, the decode ranks start no prompts; a tensor layout runs every user on every rank.
    const auto apart = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 2}, 100, toyConstants());
    const auto apartOne = decodeRound(m, toyTraffic(), toyChip(), {Parallelism::Expert, 1, 1, 1}, 50, toyConstants());
    EXPECT_NEAR(apart.computeS, apartOne.computeS, 1e-15);
}

TEST(DecodeRound, SpeculativeDecodingComputesTheDraftsAndGainsTheAccepted)
{
    // One draft token accepted 80 %: the round computes 2 tokens a user and yields 1.8.
    ServingTraffic t = toyTraffic();
    t.draftTokens = 1;
    t.draftAcceptance = 0.8;
    EXPECT_DOUBLE_EQ(t.tokensPerStep(), 1.8);
    const auto r = decodeRound(toyDense(), t, toyChip(), {Parallelism::Tensor, 1, 1, 1}, 100, toyConstants());
    EXPECT_NEAR(r.computeS, 100 * 2 * 20.3e-6 / 0.5, 1e-12);
}

TEST(ServingPoint, TheLargestBatchThatKeepsTheSpeedPerUser)
{
    ServingTraffic t = toyTraffic();
    t.tokensPerSecondPerUser = 19.9;
    t.maxAcceleratorsPerReplica = 1;
    const auto p = servingPoint(toyDense(), t, toyChip(), toyConstants());
    ASSERT_TRUE(p.has_value());
    EXPECT_GE(p->tokensPerSecondPerUser, 19.9);
    // One more user would be too slow: (20 GB + b · 15 MB) / 0.5 TB/s + 10 µs ≤ 1 / 19.9 s → b = 341.
    EXPECT_EQ(p->batch, 341.0);
    const auto over = decodeRound(toyDense(), t, toyChip(), p->layout, p->batch + 1, toyConstants());
    EXPECT_LT(1.0 / over.seconds(), 19.9);
    EXPECT_NEAR(p->decodeTokensPerSecondPerAccelerator, p->batch / p->round.seconds(), 1e-9);
}

TEST(ServingPoint, AMeasuredLayoutAndBatchArePredictedAsRun)
{
    ServingTraffic t = toyTraffic();
    t.tokensPerSecondPerUser = 19.9;
    const ServingLayout one{Parallelism::Tensor, 1, 1, 1};
    // At a stated batch of 100 the point is that round, whatever speed per user it gives:
    // (20 GB + 100 · 15 MB) / 0.5 TB/s + 10 µs = 43.01 ms, 100 / 43.01 ms = 2,325 tokens/s.
    const auto run = servingPointOf(toyDense(), t, toyChip(), toyConstants(), one, 100.0);
    ASSERT_TRUE(run.has_value());
    EXPECT_EQ(run->batch, 100.0);
    EXPECT_NEAR(run->decodeTokensPerSecondPerAccelerator, 100.0 / ((20e9 + 100 * 15e6) / 0.5e12 + 10e-6), 1e-6);
    // Without a batch, the layout's largest batch that keeps the speed (as servingPoint finds it).
    const auto best = servingPointOf(toyDense(), t, toyChip(), toyConstants(), one, std::nullopt);
    ASSERT_TRUE(best.has_value());
    EXPECT_EQ(best->batch, 341.0);
}

TEST(ServingLayout, ReadsTheLayoutsItWrites)
{
    for (const ServingLayout l :
         {ServingLayout{Parallelism::Tensor, 8, 1, 1}, ServingLayout{Parallelism::Tensor, 2, 4, 1},
          ServingLayout{Parallelism::Expert, 1, 1, 72}}) {
        const auto read = parseServingLayout(l.text());
        ASSERT_TRUE(read.has_value()) << l.text();
        EXPECT_EQ(read->text(), l.text());
    }
    EXPECT_EQ(parseServingLayout("TP2xPP4")->accelerators(), 8);
    for (const char* bad : {"", "TP0", "EP8xPP2", "tp8", "TP8×", "DP8", "TP123456"}) {
        EXPECT_FALSE(parseServingLayout(bad).has_value()) << bad;
    }
}

TEST(ServingPoint, DisaggregatedServiceCountsItsPrefillPool)
{
    // Decode tokens/s per decode accelerator × 100 prompt tokens per 100 answer tokens, over a
    // prefill accelerator's 0.5 / 20.1 µs = 24,876 prompt tokens/s.
    ServingTraffic t = toyTraffic();
    t.tokensPerSecondPerUser = 20.0;
    t.maxAcceleratorsPerReplica = 1;
    const auto p = servingPoint(toyDense(), t, toyChip(), toyConstants());
    ASSERT_TRUE(p.has_value());
    const double ratio = p->decodeTokensPerSecondPerAccelerator / (0.5 / 20.1e-6);
    EXPECT_NEAR(p->prefillAcceleratorsPerDecodeAccelerator, ratio, 1e-9);
    EXPECT_NEAR(p->tokensPerSecondPerAccelerator, p->decodeTokensPerSecondPerAccelerator / (1 + ratio), 1e-9);
}

TEST(ServingPoint, ATimeToFirstTokenNeedsEnoughPrefillAccelerators)
{
    // 10,000 prompt tokens at 2 · 10e9 / 1e15 + 1e6 · 5,000 / 5e14 = 30 µs each, at η = 0.5: one
    // accelerator takes 0.6 s, four 0.15 s; a 0.1 s target needs eight (0.075 s).
    ServingTraffic t = toyTraffic();
    t.inputTokens = 10'000;
    t.tokensPerSecondPerUser = 1.0;
    t.timeToFirstTokenS = 0.1;
    const auto p = servingPoint(toyDense(), t, toyChip(), toyConstants());
    ASSERT_TRUE(p.has_value());
    EXPECT_LE(p->timeToFirstTokenS, 0.1);
    EXPECT_NEAR(p->timeToFirstTokenS, 10'000 * (20e-6 + 1e6 * 5000 / 5e14) / (8 * 0.5), 1e-9);
    t.timeToFirstTokenS = 0.001; // not even the whole domain is that fast
    t.maxAcceleratorsPerReplica = 8;
    EXPECT_FALSE(servingPoint(toyDense(), t, toyChip(), toyConstants()).has_value());
}

class ShippedServing : public ::testing::Test {
protected:
    static const ServingConstants& constants()
    {
        static const auto k =
            servingConstants(loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json"));
        return k;
    }
    static const catalog::Catalog& catalog()
    {
        static const auto c = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
        return c;
    }
    static ServedModel model(const char* name, double bytes, double kvBytes)
    {
        static const auto models = loadServedModels(tests::shippedData() / "models" / "served-models.json");
        return findServedModel(models, name).at(bytes, kvBytes);
    }
    static ServingChip chip(const char* sku, const ServedModel& m)
    {
        return servingChip(*catalog().findAccelerator(sku), m);
    }
};

TEST_F(ShippedServing, ThroughputFallsAsTheSpeedPerUserRises)
{
    const auto m = model("deepseek-v3", 0.5, 1.0);
    ServingTraffic t;
    t.inputTokens = 1024;
    t.outputTokens = 1024;
    const auto curve = servingCurve(m, t, chip("GB200", m), constants(), 12);
    ASSERT_GE(curve.size(), 8u);
    for (std::size_t i = 1; i < curve.size(); ++i) {
        EXPECT_LT(curve[i].tokensPerSecondPerUser, curve[i - 1].tokensPerSecondPerUser);
        EXPECT_GE(curve[i].tokensPerSecondPerAccelerator, curve[i - 1].tokensPerSecondPerAccelerator);
    }
}

TEST_F(ShippedServing, RackScaleNvlinkPullsAheadOfEightGpuSystemsAtInteractiveSpeeds)
{
    // DeepSeek-V3 in FP4, 1k in / 1k out, served as InferenceX measured it (disaggregated, one MTP
    // draft token, replicas of at most 72 GPUs, 125 tokens/s per user: 4,130 against 941 tokens/s per
    // GPU, 4.4×; rows of the calibration table): the 72-GPU NVLink domain spreads the
    // experts over 72 GPUs' bandwidth; eight B200s reach more GPUs only over 400 Gb/s NICs.
    const auto m = model("deepseek-v3", 0.5, 1.0);
    ServingTraffic t;
    t.inputTokens = 1024;
    t.outputTokens = 1024;
    t.disaggregated = true;
    t.draftTokens = 1;
    t.draftAcceptance = 0.85;
    t.maxAcceleratorsPerReplica = 72;
    t.tokensPerSecondPerUser = 125.0;
    const auto rack = servingPoint(m, t, chip("GB200", m), constants());
    const auto node = servingPoint(m, t, chip("B200", m), constants());
    ASSERT_TRUE(rack && node);
    EXPECT_GT(rack->tokensPerSecondPerAccelerator, 3.0 * node->tokensPerSecondPerAccelerator);
    t.tokensPerSecondPerUser = 10.0; // at low speed per user they are close
    const auto rackSlow = servingPoint(m, t, chip("GB200", m), constants());
    const auto nodeSlow = servingPoint(m, t, chip("B200", m), constants());
    EXPECT_LT(rackSlow->tokensPerSecondPerAccelerator, 1.5 * nodeSlow->tokensPerSecondPerAccelerator);
}

TEST_F(ShippedServing, AnSramChipSpreadsTheWeightsOverHundredsOfChips)
{
    // Groq LPU: 230 MB of SRAM; Llama 2 70B in BF16 is 138 GB: at least 600 chips in a pipeline.
    const auto m = model("llama-2-70b", 2.0, 2.0);
    ServingTraffic t;
    t.inputTokens = 0;
    t.outputTokens = 1024;
    t.tokensPerSecondPerUser = 50.0;
    const auto p = servingPoint(m, t, chip("Groq LPU", m), constants());
    ASSERT_TRUE(p.has_value());
    EXPECT_GE(p->layout.accelerators(), 600);
    EXPECT_GT(p->layout.pipeline, 1);
}

TEST_F(ShippedServing, GroqsSoftwareScheduledNetworkRunsMixtralAsDense)
{
    // The catalog's Groq LPU interconnect is "software-scheduled" (ISCA 2022); GPUs route tokens.
    const auto m = model("mixtral-8x7b", 2.0, 2.0);
    EXPECT_TRUE(chip("Groq LPU", m).softwareScheduled);
    EXPECT_FALSE(chip("H100 SXM", m).softwareScheduled);
    EXPECT_FALSE(chip("WSE-3", m).softwareScheduled);
    EXPECT_DOUBLE_EQ(asRunBy(m, chip("Groq LPU", m)).active(), m.parameters);
    EXPECT_DOUBLE_EQ(asRunBy(m, chip("H100 SXM", m)).active(), m.active());
}

TEST_F(ShippedServing, AChipWithoutTheFormatRunsTheNextWiderOne)
{
    const auto m = model("llama-3.1-70b", 0.5, 1.0); // FP4 weights
    EXPECT_EQ(chip("H100 SXM", m).precision, catalog::Precision::Fp8);
    EXPECT_EQ(chip("A100 SXM", m).precision, catalog::Precision::Bf16);
    EXPECT_EQ(chip("B200", m).precision, catalog::Precision::Fp4);
}

} // namespace
} // namespace fw::core::workload
