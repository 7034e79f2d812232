// SPDX-License-Identifier: Apache-2.0
// Named runs stated as work (FLOPs, or 6 × parameters × tokens) sized per system family by the
// training model, checked by hand from the catalog and assumption figures.
#include "core/plan/runsizing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/plan/scenariocheck.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

constexpr double secondsPerWeek = 604'800.0;

/// The shipped assumptions with no interruptions: goodput 1, so a family's sustained rate at N
/// accelerators is peak × MFU₀ × (N / N₀)^−0.07 and N × rate = peak × MFU₀ × N₀^0.07 × N^0.93.
workload::ModelAssumptions withoutInterruptions()
{
    workload::ModelAssumptions a = assumptions();
    a.values.at("training_interruptions_per_accelerator_day").value = 0.0;
    return a;
}

/// The fewest accelerators that do `flops` in `weeks` at goodput 1, in closed form:
/// N = ⌈(F / (peak × MFU₀ × N₀^x × W))^(1 / (1 − x))⌉, x = 0.07 (training_scale_exponent).
int fewestByHand(double flops, double weeks, double peakFlops, double mfu0, double n0)
{
    const double x = 0.07;
    return static_cast<int>(
        std::ceil(std::pow(flops / (peakFlops * mfu0 * std::pow(n0, x) * weeks * secondsPerWeek), 1.0 / (1.0 - x))));
}

/// Weeks a cluster of `n` takes for `flops` at goodput 1.
double weeksByHand(double flops, int n, double peakFlops, double mfu0, double n0)
{
    return flops / (n * peakFlops * mfu0 * std::pow(n / n0, -0.07)) / secondsPerWeek;
}

// Catalog and assumption figures (data/catalog/accelerators.json, data/models/assumptions.json):
// H100 SXM 989.4 TFLOP/s dense BF16, MFU 43 % measured on 8,192 (Llama 3, arXiv 2407.21783);
// B200 2,250 TFLOP/s, no published run: the default 30 % at 4,096.
constexpr double h100Peak = 989.4e12;
constexpr double b200Peak = 2250e12;

TrainingRun workRun(double flops, double weeks, int accelerators = 0)
{
    TrainingRun run{"frontier", Quarter::parse("2027Q1"), accelerators, weeks};
    run.trainingFlops = flops;
    return run;
}

TEST(RunSizing, OneRunOfFlopsTakesFewerB200ThanH100ByHand)
{
    const auto a = withoutInterruptions();
    const auto& catalog = sample().catalog;
    const TrainingRun run = workRun(1e25, 13.0);
    const RunSize h100 = runSizeOn(run, *catalog.findAccelerator("H100 SXM"), a);
    const RunSize b200 = runSizeOn(run, *catalog.findAccelerator("B200"), a);
    // By hand: H100 (1e25 / (989.4e12 × 0.43 × 8192^0.07 × 13 × 604,800))^(1/0.93) = 2,771.4 → 2,772;
    // B200 (1e25 / (2250e12 × 0.30 × 4096^0.07 × 13 × 604,800))^(1/0.93) = 1,777.2 → 1,778.
    EXPECT_EQ(fewestByHand(1e25, 13.0, h100Peak, 0.43, 8192), 2772);
    EXPECT_EQ(fewestByHand(1e25, 13.0, b200Peak, 0.30, 4096), 1778);
    EXPECT_EQ(h100.accelerators, 2772);
    EXPECT_EQ(b200.accelerators, 1778);
    // Each just inside its 13 weeks: 12.998 and 12.995 weeks (one accelerator fewer would miss).
    EXPECT_NEAR(h100.weeks, weeksByHand(1e25, 2772, h100Peak, 0.43, 8192), 1e-9);
    EXPECT_NEAR(b200.weeks, weeksByHand(1e25, 1778, b200Peak, 0.30, 4096), 1e-9);
    EXPECT_LE(h100.weeks, 13.0);
    EXPECT_GT(weeksByHand(1e25, 2771, h100Peak, 0.43, 8192), 13.0);
    EXPECT_GT(weeksByHand(1e25, 1777, b200Peak, 0.30, 4096), 13.0);
    // Accelerator-weeks: 2,772 × 12.998 ≈ 36,030 on H100 against 1,778 × 12.995 ≈ 23,105 on B200.
    EXPECT_NEAR(h100.accelerators * h100.weeks, 36'030.0, 5.0);
    EXPECT_NEAR(b200.accelerators * b200.weeks, 23'105.0, 5.0);
}

TEST(RunSizing, AGivenClusterSizeFixesTheWeeksAndMayMissTheDeadline)
{
    const auto a = withoutInterruptions();
    const auto& h100 = *sample().catalog.findAccelerator("H100 SXM");
    // 1e25 FLOPs on 4,096 H100: 1e25 / (4096 × 989.4e12 × 0.43 × 2^0.07) / 604,800 = 9.039 weeks.
    const RunSize size = runSizeOn(workRun(1e25, 13.0, 4096), h100, a);
    EXPECT_EQ(size.accelerators, 4096);
    EXPECT_NEAR(size.weeks, weeksByHand(1e25, 4096, h100Peak, 0.43, 8192), 1e-9);
    EXPECT_NEAR(size.weeks, 9.039, 0.001);
    // The same cluster with an 8-week deadline cannot finish: not possible on H100.
    EXPECT_FALSE(runSizeOn(workRun(1e25, 8.0, 4096), h100, a).possible());
}

TEST(RunSizing, ParametersAndTokensAreSixNDAndInterruptionsCostAccelerators)
{
    const auto& h100 = *sample().catalog.findAccelerator("H100 SXM");
    TrainingRun byShape{"llama", Quarter::parse("2027Q1"), 0, 13.0};
    byShape.parameters = 70e9;
    byShape.tokens = 15e12;
    EXPECT_DOUBLE_EQ(byShape.flops(), 6.0 * 70e9 * 15e12); // 6.3e24 FLOPs
    const RunSize same = runSizeOn(workRun(6.3e24, 13.0), h100, withoutInterruptions());
    EXPECT_EQ(runSizeOn(byShape, h100, withoutInterruptions()).accelerators, same.accelerators);
    EXPECT_EQ(same.accelerators, fewestByHand(6.3e24, 13.0, h100Peak, 0.43, 8192));
    // With the shipped interruption rate the goodput is below 1, so more accelerators are needed.
    EXPECT_GT(runSizeOn(byShape, h100, assumptions()).accelerators, same.accelerators);
    // A chip that cannot train takes no run; nor one without a dense rate at the run's precision.
    TrainingRun fp4 = workRun(1e24, 13.0);
    fp4.precision = "fp4";
    EXPECT_FALSE(runSizeOn(fp4, h100, assumptions()).possible());
    EXPECT_TRUE(runSizeOn(fp4, *sample().catalog.findAccelerator("B200"), assumptions()).possible());
    // Work no family can finish in time within the largest count accepted (1e7 accelerators).
    EXPECT_FALSE(runSizeOn(workRun(1e30, 1.0), h100, assumptions()).possible());
}

TEST(RunSizing, EveryFamilyIsSizedAlsoOneOnlyInstalled)
{
    // DGX A100 is installed at Reno and not on offer: its family comes from the installed rows, and
    // the run is sized on it as on the offered ones (A100 312 TFLOP/s, MFU 41.2 % at 12,288).
    Scenario s = tiny();
    s.installed.push_back({"Reno", "DGX A100", 4, 1.0, std::nullopt, std::nullopt});
    s.trainingRuns = {workRun(1e22, 13.0)};
    const PlanModel m = model(s);
    ASSERT_EQ(m.runOnFamily.size(), 1U);
    ASSERT_EQ(static_cast<int>(m.runOnFamily[0].size()), m.families());
    const auto a100 = static_cast<std::size_t>(m.fabricOf.back());
    EXPECT_EQ(m.fabrics[a100].family, "DGX A100");
    EXPECT_EQ(m.runOnFamily[0][a100],
              runSizeOn(s.trainingRuns[0], *sample().catalog.findAccelerator("A100 SXM"), assumptions()));
    EXPECT_TRUE(m.runOnFamily[0][a100].possible());
}

/// The error checkScenario gives `s`, or "" when it accepts it.
std::string problem(const Scenario& s)
{
    try {
        checkScenario(s);
    } catch (const ValidationError& e) {
        return e.what();
    }
    return {};
}

TEST(RunSizing, BadWorkIsRefusedNamingTheField)
{
    Scenario s = tiny();
    s.trainingRuns = {workRun(1e25, 13.0)};
    EXPECT_EQ(problem(s), "");
    s.trainingRuns[0].trainingFlops = -1.0;
    EXPECT_EQ(problem(s), "training_runs[0].training_flops: -1 must be > 0");
    s.trainingRuns[0].trainingFlops = 1e31;
    EXPECT_NE(problem(s).find("training_runs[0].training_flops: "), std::string::npos) << problem(s);
    s.trainingRuns[0].trainingFlops = 1e25;
    s.trainingRuns[0].parameters = 7e10;
    EXPECT_EQ(problem(s), "training_runs[0].training_flops: given with parameters or tokens; give one or the other");
    s.trainingRuns[0].trainingFlops.reset();
    EXPECT_EQ(problem(s), "training_runs[0].tokens: missing; parameters and tokens go together (6 × N × D FLOPs)");
    s.trainingRuns[0].tokens = 1e13;
    EXPECT_EQ(problem(s), "");
    s.trainingRuns[0].precision = "fp5";
    EXPECT_NE(problem(s).find("training_runs[0].precision: "), std::string::npos) << problem(s);
    s.trainingRuns[0].precision = "bf16";
    s.trainingRuns[0].accelerators = -8;
    EXPECT_EQ(problem(s), "training_runs[0].accelerators: -8 is negative; must be ≥ 0");
    s.trainingRuns[0] = TrainingRun{"plain", Quarter::parse("2027Q1"), 0, 13.0};
    EXPECT_EQ(problem(s), "training_runs[0].accelerators: 0 must be ≥ 1 (or state the run as training_flops)");
}

TEST(RunSizing, TheJsonFormKeepsTheWorkAndNamesTheFileOnAnError)
{
    Scenario s = tiny();
    s.trainingRuns = {workRun(1e25, 13.0)};
    TrainingRun shaped{"llama", Quarter::parse("2027Q2"), 2048, 20.0};
    shaped.parameters = 70e9;
    shaped.tokens = 15e12;
    shaped.precision = "fp8";
    s.trainingRuns.push_back(shaped);
    const std::string text = scenarioToJson(s);
    EXPECT_EQ(scenarioFromJson(text, "s.json").trainingRuns, s.trainingRuns);
    auto j = nlohmann::json::parse(text);
    EXPECT_FALSE(j["training_runs"][0].contains("accelerators")); // the fewest that finish in time
    j["training_runs"][0]["training_flops"] = "lots";
    try {
        scenarioFromJson(j.dump(), "s.json");
        ADD_FAILURE() << "a text training_flops was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("s.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("training_runs[0].training_flops"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace fw::core::plan
