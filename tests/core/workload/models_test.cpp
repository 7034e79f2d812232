// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/fileio.h"
#include "core/workload/calibration.h"
#include "core/workload/servedmodels.h"
#include "core/workload/training.h"
#include "tests/core/testdir.h"

namespace fw::core::workload {
namespace {

const catalog::Catalog& catalogue()
{
    static const catalog::Catalog c = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    return c;
}

const ModelAssumptions& assumptions()
{
    static const ModelAssumptions a = loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json");
    return a;
}

const catalog::Accelerator& accelerator(const char* sku)
{
    return *catalogue().findAccelerator(sku);
}

TEST(TrainingFlops, SixNDForPublishedRuns)
{
    // GPT-3: 175B parameters, 300B tokens → 3.15e23 FLOPs (Brown et al. 2020, Table D.1).
    EXPECT_DOUBLE_EQ(trainingFlops({175e9, std::nullopt, 300e9, std::nullopt}), 3.15e23);
    // Chinchilla: 70B parameters, 1.4T tokens → 6ND = 5.88e23 (Hoffmann et al. 2022 report 5.76e23).
    EXPECT_NEAR(trainingFlops({70e9, std::nullopt, 1.4e12, std::nullopt}), 5.88e23, 1e20);
    // Mixture of experts: only the active parameters count.
    EXPECT_DOUBLE_EQ(trainingFlops({671e9, 37e9, 14.8e12, std::nullopt}), 6 * 37e9 * 14.8e12);
    // Attention term (PaLM Appendix B): 12 · L · width · T per token.
    const double withAttention = trainingFlops({1e9, std::nullopt, 1e9, AttentionShape{24, 2048, 2048}});
    EXPECT_DOUBLE_EQ(withAttention, (6 * 1e9 + 12.0 * 24 * 2048 * 2048) * 1e9);
}

TEST(TrainingFlops, RejectsNonsense)
{
    EXPECT_THROW(trainingFlops({175e9, std::nullopt, -1, std::nullopt}), ValidationError);
    EXPECT_THROW(trainingFlops({175e9, 200e9, 1e9, std::nullopt}), ValidationError); // active > total
}

TrainingSetup setupFor(const char* sku, int count)
{
    TrainingSetup s;
    s.accelerator = &accelerator(sku);
    s.accelerators = count;
    s.itWattsPerAccelerator = 1400;
    s.pue = 1.2;
    s.layout = {std::min(8, count), 1};
    return s;
}

TEST(Training, Llama3_405BAcceleratorHoursWithinTenPercentOfPublished)
{
    // Meta, Llama 3.1 405B model card: 30.84M H100 GPU-hours for 405B parameters and 15.6T tokens
    // (https://huggingface.co/meta-llama/Llama-3.1-405B). On 16,384 H100 the model gives 41 % MFU
    // (Table 4: 41 %) and 89 % goodput from the failure model (the paper: "higher than 90 %").
    const auto e =
        estimateTraining({405e9, std::nullopt, 15.6e12, std::nullopt}, setupFor("H100 SXM", 16384), assumptions());
    EXPECT_NEAR(e.acceleratorHours, 30.84e6, 0.10 * 30.84e6);
    EXPECT_NEAR(e.mfu, 0.41, 0.005);
    ASSERT_TRUE(e.reliability.has_value());
    EXPECT_NEAR(e.goodput, 0.90, 0.02);
    EXPECT_NE(e.mfuSource.find("2407.21783"), std::string::npos);
}

TEST(Training, MfuFallsWithClusterSizeAndContextParallelism)
{
    // Hand check: 43 % on 8,192 H100, × (N / 8,192)^-0.07, × (1 − 0.019)^log2(CP).
    const auto& h100 = accelerator("H100 SXM");
    EXPECT_NEAR(scaledMfu(h100, catalog::Precision::Bf16, 1024, {8, 1}, assumptions()).mfu,
                0.43 * std::pow(1024.0 / 8192.0, -0.07), 1e-12);
    EXPECT_NEAR(scaledMfu(h100, catalog::Precision::Bf16, 16384, {8, 16}, assumptions()).mfu,
                0.43 * std::pow(2.0, -0.07) * std::pow(0.981, 4.0), 1e-12);
    // Tensor parallelism stays inside the NVLink domain of 8; the layout must divide the cluster.
    EXPECT_THROW(scaledMfu(h100, catalog::Precision::Bf16, 1024, {16, 1}, assumptions()), ValidationError);
    EXPECT_THROW(scaledMfu(h100, catalog::Precision::Bf16, 1000, {8, 16}, assumptions()), ValidationError);
}

TEST(Training, GoodputFromInterruptionsAndCheckpointsByHand)
{
    // 16,384 accelerators at 5.27e-4 interruptions per accelerator-day: 8.63 a day, M = 10,007 s.
    // Daly: τ = √(2·30·M)·(1 + ⅓√(30/2M) + ⅑·30/2M) − 30 = 755.1 s; lost = 30/τ + (τ/2 + 300)/M.
    const auto big = runReliability(16384, 5.27e-4, 30, 300);
    const double m = 86400.0 / (16384 * 5.27e-4);
    const double tau = std::sqrt(2 * 30 * m) * (1 + std::sqrt(30 / (2 * m)) / 3 + 30 / (2 * m) / 9) - 30;
    EXPECT_NEAR(big.checkpointIntervalS, tau, 1e-9);
    EXPECT_NEAR(big.goodput, 1 - 30 / tau - (tau / 2 + 300) / m, 1e-12);
    EXPECT_NEAR(big.hoursBetweenInterruptions, 2.78, 0.01); // Llama 3: 466 in 54 days = one per 2.78 h
    // A 1,024-accelerator job is interrupted 16 times less often: its goodput is far higher.
    const auto small = runReliability(1024, 5.27e-4, 30, 300);
    EXPECT_GT(small.goodput, 0.97);
    EXPECT_LT(big.goodput, 0.9);
    EXPECT_DOUBLE_EQ(runReliability(1024, 0.0, 30, 300).goodput, 1.0);
}

TEST(Training, EveryPublishedRunWithinFifteenPercent)
{
    // data/models/training-runs.json: the model's MFU at each run's size and layout against what the
    // run published (each row has its source).
    const auto document = nlohmann::json::parse(readTextFile(tests::shippedData() / "models" / "training-runs.json"));
    ASSERT_GE(document["runs"].size(), 10u);
    for (const auto& run : document["runs"]) {
        const auto mfu =
            scaledMfu(accelerator(run["accelerator"].get<std::string>().c_str()), catalog::Precision::Bf16,
                      run["accelerators"].get<int>(), {run["tp"].get<int>(), run["cp"].get<int>()}, assumptions())
                .mfu;
        EXPECT_NEAR(mfu / run["mfu"].get<double>(), 1.0, 0.15) << run["run"] << " on " << run["accelerators"];
    }
}

TEST(Training, RlRolloutsThroughTheServingModelThenTheUpdate)
{
    // 1,000 rollouts of 1,024 prompt and 4,096 generated tokens: 4.1M generated tokens at the most
    // throughput one H100 node serves the policy at, then 6 × 70B × 5.12M tokens of training.
    TrainingSetup setup = setupFor("H100 SXM", 8);
    setup.layout = {8, 1};
    const auto policy =
        findServedModel(loadServedModels(tests::shippedData() / "models" / "served-models.json"), "llama-3.1-70b")
            .at(2.0, 2.0);
    const auto serving = servingConstants(loadModelAssumptions(tests::shippedData() / "models" / "assumptions.json"));
    const auto r = estimateRl({1000, 1024, 4096}, policy, setup, serving, assumptions());
    EXPECT_DOUBLE_EQ(r.generatedTokens, 4.096e6);
    EXPECT_NEAR(r.rolloutAcceleratorHours, 4.096e6 / r.rolloutTokensPerSecondPerAccelerator / 3600, 1e-9);
    EXPECT_DOUBLE_EQ(r.trainingFlops, 6 * policy.parameters * 1000 * (1024 + 4096));
    EXPECT_NEAR(r.wallDays, (r.rolloutAcceleratorHours + r.trainingAcceleratorHours) / 8 / 24, 1e-12);
    EXPECT_GT(r.rolloutShare, 0.0);
    EXPECT_LT(r.rolloutShare, 1.0);
}

TEST(Training, DaysScaleWithAcceleratorsAndTheModelsLosses)
{
    const TrainingJob job{70e9, std::nullopt, 2e12, std::nullopt};
    auto fixed = setupFor("H100 SXM", 1024);
    fixed.mfu = 0.4;
    fixed.goodput = 0.9;
    const auto small = estimateTraining(job, fixed, assumptions());
    fixed.accelerators = 4096;
    const auto large = estimateTraining(job, fixed, assumptions());
    EXPECT_NEAR(small.wallDays / large.wallDays, 4.0, 1e-9);
    // Hand check: 6·70e9·2e12 / (1024 × 989.4e12 × 0.40 × 0.90) / 86400 days.
    EXPECT_NEAR(small.wallDays, 8.4e23 / (1024 * 989.4e12 * 0.4 * 0.9) / 86400.0, 1e-9);
    // Energy: accelerator-hours × 1,400 W × PUE 1.2.
    EXPECT_NEAR(small.energyMwh, small.acceleratorHours * 1400 * 1.2 / 1e6, 1e-6);
    // With the models' own MFU and goodput, four times the accelerators take more than a quarter of
    // the time: MFU and goodput fall with scale.
    const auto modelSmall = estimateTraining(job, setupFor("H100 SXM", 1024), assumptions());
    const auto modelLarge = estimateTraining(job, setupFor("H100 SXM", 4096), assumptions());
    EXPECT_GT(modelLarge.wallDays, modelSmall.wallDays / 4.0 * 1.05);
}

TEST(Training, RejectsNonsenseInputs)
{
    const TrainingJob job{70e9, std::nullopt, 2e12, std::nullopt};
    auto setup = setupFor("H100 SXM", 8);
    setup.mfu = 1.2;
    EXPECT_THROW(estimateTraining(job, setup, assumptions()), ValidationError);
    setup = setupFor("H100 SXM", 8);
    setup.pue = 0.9;
    EXPECT_THROW(estimateTraining(job, setup, assumptions()), ValidationError);
    // Groq's LPU is not training-capable: no training capacity at all.
    EXPECT_THROW(estimateTraining(job, setupFor("Groq LPU", 8), assumptions()), ValidationError);
}

TEST(Power, DgxH100Is1275WattsPerGpuBeforeNetworkAndStorage)
{
    // NVIDIA DGX H100 user guide: 10.2 kW for 8 GPUs; SemiAnalysis: network and storage ~10 % of IT
    // power, i.e. 0.10 / 0.90 = 11.1 % added to the servers' power.
    const auto& dgx = *catalogue().findSystem("DGX H100");
    const auto p = facility::powerPerAccelerator(dgx, accelerator("H100 SXM"), 0.111, assumptions());
    EXPECT_DOUBLE_EQ(p.serverWatts, 1275.0);
    EXPECT_NEAR(p.itWatts, 1275.0 * 1.111, 1e-9); // 1,416.5 W all in
    EXPECT_FALSE(p.estimated);
    const auto e = facility::estimatePower(dgx, accelerator("H100 SXM"), 100, 1.3, 0.8, 0.111, assumptions());
    EXPECT_NEAR(e.itMegawatts, 800 * 1275.0 * 1.111 / 1e6, 1e-12);
    EXPECT_NEAR(e.facilityMegawatts, e.itMegawatts * 1.3, 1e-12);
    EXPECT_NEAR(e.energyMwhPerYear, e.facilityMegawatts * 0.8 * 8760, 1e-9);
    EXPECT_THROW(facility::estimatePower(dgx, accelerator("H100 SXM"), 1, 0.95, 0.8, 0.111, assumptions()),
                 ValidationError);
}

TEST(Power, NoPricedSystemFallsBackToTheHostFactor)
{
    // Every system with a price publishes (or has a sourced bound on) its maximum power: plans and
    // TCO never cost a priced system at TDP × 1.3.
    for (const auto& system : catalogue().systems) {
        if (!system.price) {
            continue;
        }
        const auto p = facility::powerPerAccelerator(system, *catalogue().findAccelerator(system.acceleratorSku), 0.111,
                                                     assumptions());
        EXPECT_FALSE(p.estimated) << system.sku << ": " << p.serverBasis;
    }
    // A system without one is marked.
    catalog::System bare = *catalogue().findSystem("HGX B200 server");
    const auto fallback = facility::powerPerAccelerator(bare, accelerator("B200"), 0.111, assumptions());
    EXPECT_TRUE(fallback.estimated);
    EXPECT_NE(fallback.serverBasis.find("ESTIMATED"), std::string::npos);
}

TEST(Power, OversubscriptionHostsMoreSystemsAndStatesTheRisk)
{
    const auto o = facility::oversubscribe(2.0, 8 * 1275.0 / 0.9, 1.3, 0.3);
    EXPECT_EQ(o.nameplateSystems, 135); // 2 MW / 1.3 / 11,333 W per system
    EXPECT_EQ(o.cappedSystems, 175);
    EXPECT_FALSE(o.risk.empty());
}

} // namespace
} // namespace fw::core::workload
