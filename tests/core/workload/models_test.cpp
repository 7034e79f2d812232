// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
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
    return s;
}

TEST(Training, Llama3_405BAcceleratorHoursWithinTwentyPercentOfPublished)
{
    // Meta, Llama 3.1 405B model card: 30.84M H100 GPU-hours for 405B parameters and 15.6T tokens
    // (https://huggingface.co/meta-llama/Llama-3.1-405B).
    const auto e =
        estimateTraining({405e9, std::nullopt, 15.6e12, std::nullopt}, setupFor("H100 SXM", 16384), assumptions());
    EXPECT_NEAR(e.acceleratorHours, 30.84e6, 0.20 * 30.84e6);
    EXPECT_DOUBLE_EQ(e.mfu, 0.40);
    EXPECT_DOUBLE_EQ(e.goodput, 0.90);
    EXPECT_NE(e.mfuSource.find("2407.21783"), std::string::npos);
}

TEST(Training, DaysScaleInverselyWithAccelerators)
{
    const TrainingJob job{70e9, std::nullopt, 2e12, std::nullopt};
    const auto small = estimateTraining(job, setupFor("H100 SXM", 1024), assumptions());
    const auto large = estimateTraining(job, setupFor("H100 SXM", 4096), assumptions());
    EXPECT_NEAR(small.wallDays / large.wallDays, 4.0, 1e-9);
    EXPECT_NEAR(small.acceleratorHours, large.acceleratorHours, 1e-3);
    // Hand check: 6·70e9·2e12 / (1024 × 989.4e12 × 0.40 × 0.90) / 86400 days.
    EXPECT_NEAR(small.wallDays, 8.4e23 / (1024 * 989.4e12 * 0.4 * 0.9) / 86400.0, 1e-9);
    // Energy: accelerator-hours × 1,400 W × PUE 1.2.
    EXPECT_NEAR(small.energyMwh, small.acceleratorHours * 1400 * 1.2 / 1e6, 1e-6);
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
    // NVIDIA DGX H100 user guide: 10.2 kW for 8 GPUs; SemiAnalysis: network and storage ~10 % of IT.
    const auto& dgx = *catalogue().findSystem("DGX H100");
    const auto p = facility::powerPerAccelerator(dgx, accelerator("H100 SXM"), 0.10, assumptions());
    EXPECT_DOUBLE_EQ(p.serverWatts, 1275.0);
    EXPECT_NEAR(p.itWatts, 1275.0 / 0.9, 1e-9); // 1,416.7 W all in
    const auto e = facility::estimatePower(dgx, accelerator("H100 SXM"), 100, 1.3, 0.8, 0.10, assumptions());
    EXPECT_NEAR(e.itMegawatts, 800 * 1275.0 / 0.9 / 1e6, 1e-12);
    EXPECT_NEAR(e.facilityMegawatts, e.itMegawatts * 1.3, 1e-12);
    EXPECT_NEAR(e.energyMwhPerYear, e.facilityMegawatts * 0.8 * 8760, 1e-9);
    EXPECT_THROW(facility::estimatePower(dgx, accelerator("H100 SXM"), 1, 0.95, 0.8, 0.1, assumptions()),
                 ValidationError);
}

TEST(Power, OversubscriptionHostsMoreSystemsAndStatesTheRisk)
{
    const auto o = facility::oversubscribe(2.0, 8 * 1275.0 / 0.9, 1.3, 0.3);
    EXPECT_EQ(o.nameplateSystems, 135); // 2 MW / 1.3 / 11,333 W
    EXPECT_EQ(o.cappedSystems, 175);
    EXPECT_FALSE(o.risk.empty());
}

} // namespace
} // namespace fw::core::workload
