// SPDX-License-Identifier: Apache-2.0
#include <numeric>

#include <nlohmann/json.hpp>

#include "app/cli/estimate.h"
#include "app/cli/output.h"
#include "core/economics/tco.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/workload/calibration.h"
#include "core/workload/servedmodels.h"
#include "core/workload/training.h"

namespace fw::cli {

using namespace fw::core;

/// `estimate training`: FLOPs, MFU at the cluster's size and layout, goodput from interruptions and
/// checkpoints, wall time, energy and cost; `--rl-rollouts` adds RL post-training rollouts.
int estimateTraining(Arguments& args, const EstimateContext& c, bool json)
{
    const std::string sku = requiredText(args, "sku");
    workload::TrainingJob job;
    job.totalParameters = requiredNumber(args, "params");
    job.activeParameters = args.number("active-params");
    job.tokens = requiredNumber(args, "tokens");
    const auto layers = args.integer("layers");
    const auto width = args.integer("width");
    const auto sequence = args.integer("sequence");
    if (layers || width || sequence) {
        if (!layers || !width || !sequence) {
            throw UsageError("the attention term needs --layers, --width and --sequence together");
        }
        // Each within its option's limit (app/cli/commandspecs.cpp), so the casts are exact.
        job.attention =
            workload::AttentionShape{static_cast<int>(*layers), static_cast<int>(*width), static_cast<int>(*sequence)};
    }
    workload::TrainingSetup setup;
    setup.accelerator = &c.accelerator(sku);
    const auto accelerators = args.integer("accelerators");
    if (!accelerators) {
        throw UsageError("missing --accelerators");
    }
    setup.accelerators = static_cast<int>(*accelerators);
    setup.precision = workload::parsePrecision(args.text("precision"));
    setup.layout.tensor =
        static_cast<int>(args.integer("tp").value_or(std::min(8, setup.accelerator->scaleUpDomainSize.value_or(8))));
    setup.layout.contextParallel = static_cast<int>(*args.integer("cp"));
    setup.mfu = args.number("mfu");
    setup.goodput = args.number("goodput");
    setup.interruptionsPerAcceleratorDay = args.number("interruptions-per-accelerator-day");
    setup.checkpointWriteS = args.number("checkpoint-s");
    setup.restartS = args.number("restart-s");
    setup.pue = args.number("pue").value_or(c.value("pue"));
    setup.usdPerAcceleratorHour = args.number("usd-per-hour");
    const auto rollouts = args.number("rl-rollouts");
    workload::RlPostTraining rl;
    if (rollouts) {
        rl.rollouts = *rollouts;
        rl.promptTokens = args.number("rl-prompt-tokens").value_or(c.value("serving_input_tokens"));
        rl.outputTokens = args.number("rl-output-tokens").value_or(c.value("serving_output_tokens"));
    }
    const auto rolloutModel = args.option("model");
    args.finish();
    if (setup.accelerators % setup.layout.tensor != 0) {
        // A cluster smaller than the default tensor degree trains with what it has.
        setup.layout.tensor = std::gcd(setup.accelerators, setup.layout.tensor);
    }
    const auto* system = facility::firstSystemOf(c.catalog, *setup.accelerator);
    std::string powerBasis = "ESTIMATED: TDP × host factor (no system of this accelerator in the catalog)";
    if (system != nullptr) {
        const auto p =
            facility::powerPerAccelerator(*system, *setup.accelerator, c.value("network_storage_share"), c.assumptions);
        setup.itWattsPerAccelerator = p.itWatts;
        powerBasis = system->sku + ": " + p.serverBasis + ", + network and storage";
    } else if (setup.accelerator->tdp) {
        setup.itWattsPerAccelerator = units::inWatts(*setup.accelerator->tdp) * c.value("host_overhead_factor") *
                                      (1.0 + c.value("network_storage_share"));
    }
    std::string costBasis = "given";
    if (!setup.usdPerAcceleratorHour && system != nullptr && system->price) {
        economics::TcoInputs tco;
        tco.system = system;
        tco.accelerator = setup.accelerator;
        tco.years = static_cast<int>(c.value("life_years"));
        tco.pue = setup.pue;
        tco.utilization = c.value("utilization");
        tco.usdPerKwh = c.value("electricity_usd_per_kwh");
        tco.networkStorageShare = c.value("network_storage_share");
        tco.maintenanceSharePerYear = c.value("maintenance_share_per_year");
        tco.discountRate = c.value("discount_rate");
        setup.usdPerAcceleratorHour = economics::estimateTco(tco, c.assumptions).usdPerAcceleratorHour;
        costBasis = "owned " + system->sku + " (estimate tco with the default assumptions)";
    }
    const auto e = workload::estimateTraining(job, setup, c.assumptions);
    nlohmann::json reliability;
    if (e.reliability) {
        reliability = {
            {"interruptions_per_accelerator_day",
             setup.interruptionsPerAcceleratorDay.value_or(c.value("training_interruptions_per_accelerator_day"))},
            {"checkpoint_write_s", setup.checkpointWriteS.value_or(c.value("training_checkpoint_write_s"))},
            {"restart_s", setup.restartS.value_or(c.value("training_restart_s"))},
            {"interruptions_per_day", e.reliability->interruptionsPerDay},
            {"hours_between_interruptions", e.reliability->hoursBetweenInterruptions},
            {"checkpoint_interval_s", e.reliability->checkpointIntervalS},
            {"basis", "Young/Daly checkpoint interval; interruption rate of Llama 3 405B (arXiv 2407.21783)"}};
    }
    nlohmann::json document = {
        {"sku", setup.accelerator->sku},
        {"accelerators", setup.accelerators},
        {"params", job.totalParameters},
        {"active_params", job.activeParameters.value_or(job.totalParameters)},
        {"tokens", job.tokens},
        {"precision", std::string(catalog::toString(setup.precision))},
        {"flops", e.flops},
        {"tp", setup.layout.tensor},
        {"cp", setup.layout.contextParallel},
        {"mfu", e.mfu},
        {"mfu_source", e.mfuSource},
        {"goodput", e.goodput},
        {"goodput_basis", e.reliability ? nlohmann::json(reliability) : nlohmann::json("given")},
        {"sustained_flops_per_s", e.sustainedFlopsPerSecond},
        {"wall_days", e.wallDays},
        {"accelerator_hours", e.acceleratorHours},
        {"it_w_per_accelerator", setup.itWattsPerAccelerator},
        {"power_basis", powerBasis},
        {"pue", setup.pue},
        {"energy_mwh", e.energyMwh},
        {"usd_per_hour", orNull(setup.usdPerAcceleratorHour)},
        {"usd_per_hour_basis", setup.usdPerAcceleratorHour ? costBasis : "no priced system; give --usd-per-hour"},
        {"cost_usd", orNull(e.costUsd)}};
    if (rollouts) {
        workload::ServedModel policy;
        if (rolloutModel) {
            policy = workload::findServedModel(workload::shippedServedModels(), *rolloutModel).at(2.0, 2.0);
        } else {
            policy.parameters = job.totalParameters;
            policy.activeParameters = job.activeParameters;
            policy = workload::withDerivedShape(policy);
            policy.kvBytesPerToken = 2.0 * 8 * 128 * policy.layers * 2.0; // 8 KV heads of 128, BF16
        }
        const auto r =
            workload::estimateRl(rl, policy, setup, workload::servingConstants(c.assumptions), c.assumptions);
        document["rl"] = {
            {"rollouts", rl.rollouts},
            {"prompt_tokens", rl.promptTokens},
            {"output_tokens", rl.outputTokens},
            {"policy", rolloutModel ? nlohmann::json(*rolloutModel) : nlohmann::json("the trained model")},
            {"generated_tokens", r.generatedTokens},
            {"rollout_tokens_per_s_per_accelerator", r.rolloutTokensPerSecondPerAccelerator},
            {"rollout_accelerator_hours", r.rolloutAcceleratorHours},
            {"training_flops", r.trainingFlops},
            {"training_accelerator_hours", r.trainingAcceleratorHours},
            {"wall_days", r.wallDays},
            {"rollout_share", r.rolloutShare}};
    }
    return printDocument(document, json);
}

} // namespace fw::cli
