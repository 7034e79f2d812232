// SPDX-License-Identifier: Apache-2.0
#include <cmath>
#include <iostream>

#include "app/cli/estimate.h"
#include "app/cli/output.h"
#include "app/cli/texttable.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"
#include "core/workload/calibration.h"
#include "core/workload/servedmodels.h"
#include "core/workload/serving.h"

namespace fw::cli {
namespace {

using namespace fw::core;
using namespace fw::core::workload;

double weightBytes(const std::string& precision)
{
    if (precision == "bf16") {
        return 2.0;
    }
    if (precision == "fp8") {
        return 1.0;
    }
    if (precision == "fp4") {
        return 0.5;
    }
    throw ValidationError("--precision: '" + precision + "' is not one of bf16, fp8, fp4");
}

double kvBytesPerValue(const std::optional<std::string>& kvCache, double bytesPerParameter)
{
    if (!kvCache) {
        return bytesPerParameter < 2.0 ? 1.0 : 2.0; // FP8 cache beside FP8/FP4 weights, as engines default
    }
    if (*kvCache == "bf16" || *kvCache == "fp8") {
        return *kvCache == "bf16" ? 2.0 : 1.0;
    }
    throw ValidationError("--kv-cache: '" + *kvCache + "' is not one of bf16, fp8");
}

/// The served model: a library model (`--model`), or one given by its parameters and shape.
ServedModel servedModel(Arguments& args, std::string& shapeBasis)
{
    const auto name = args.option("model");
    double bytes = weightBytes(args.text("precision"));
    if (const auto given = args.number("bytes-per-param")) {
        bytes = *given;
    }
    const double kvPerValue = kvBytesPerValue(args.option("kv-cache"), bytes);
    ServedModel m;
    if (name) {
        const auto& entry = findServedModel(shippedServedModels(), *name);
        m = entry.at(bytes, kvPerValue);
        shapeBasis = entry.display + " (" + entry.source + ")";
    } else {
        m.parameters = requiredNumber(args, "params");
        m.activeParameters = args.number("active-params");
        m.bytesPerParameter = bytes;
        m.layers = static_cast<int>(args.integer("layers").value_or(0));
        m.hiddenSize = args.number("hidden").value_or(0.0);
        m.attentionFlopsPerContextToken = args.number("attention-flops-per-context-token").value_or(0.0);
        m.experts = args.integer("experts").value_or(0);
        m.expertsPerToken = args.integer("experts-per-token").value_or(0);
        shapeBasis =
            m.layers > 0 && m.hiddenSize > 0.0 ? "given" : "derived from the parameters (hidden = 128 × layers)";
        m = withDerivedShape(m);
        // Without a figure, a Llama-style cache: 8 KV heads of 128 per layer (2 × 8 × 128 values).
        m.kvBytesPerToken = 2.0 * 8 * 128 * m.layers * kvPerValue;
    }
    if (const auto kv = args.number("kv-bytes-per-token")) {
        m.kvBytesPerToken = *kv;
    }
    return withDerivedShape(m);
}

ServingTraffic servingTraffic(Arguments& args, const EstimateContext& c)
{
    ServingTraffic t;
    t.outputTokens = args.number("output-tokens").value_or(c.value("serving_output_tokens"));
    t.inputTokens = args.number("input-tokens").value_or(c.value("serving_input_tokens"));
    if (const auto context = args.number("context")) {
        // The average context while decoding: the prompt plus half the answer.
        t.inputTokens = std::max(0.0, *context - t.outputTokens / 2.0);
    }
    t.tokensPerSecondPerUser = *args.number("tokens-per-s-per-user");
    t.timeToFirstTokenS = args.number("ttft-s");
    t.prefixCacheHit = *args.number("prefix-cache-hit");
    t.draftTokens = static_cast<int>(*args.integer("draft-tokens"));
    t.draftAcceptance = *args.number("draft-acceptance");
    t.disaggregated = args.flag("disaggregated");
    t.maxAcceleratorsPerReplica = static_cast<int>(*args.integer("max-replica"));
    facility::requireRange("input tokens", t.inputTokens, 0.0, 1e7);
    facility::requireRange("output tokens", t.outputTokens, 1.0, 1e7);
    facility::requireRange("tokens/s per user", t.tokensPerSecondPerUser, 0.0, 1e6);
    facility::requireRange("prefix cache hit", t.prefixCacheHit, 0.0, 1.0);
    facility::requireRange("draft tokens", t.draftTokens, 0.0, 16.0);
    facility::requireRange("draft acceptance", t.draftAcceptance, 0.0, 1.0);
    facility::requireRange("accelerators per replica", t.maxAcceleratorsPerReplica, 1.0, 4096.0);
    if (t.timeToFirstTokenS) {
        facility::requireRange("TTFT", *t.timeToFirstTokenS, 0.0, 3600.0, true);
    }
    return t;
}

nlohmann::json pointJson(const ServingPoint& p)
{
    return {{"layout", p.layout.text()},
            {"accelerators_per_replica", p.layout.accelerators()},
            {"batch", p.batch},
            {"tokens_per_s_per_user", p.tokensPerSecondPerUser},
            {"tokens_per_s_per_accelerator", p.tokensPerSecondPerAccelerator},
            {"ttft_s", p.timeToFirstTokenS}};
}

nlohmann::json constantsJson(const ServingConstants& k)
{
    return {{"compute_efficiency", k.computeEfficiency},
            {"fp4_efficiency", k.fp4Efficiency},
            {"memory_efficiency", k.memoryEfficiency},
            {"link_efficiency", k.linkEfficiency},
            {"collective_latency_us", k.collectiveLatencyS * 1e6},
            {"layer_overhead_us", k.layerOverheadS * 1e6},
            {"usable_memory_share", k.usableMemoryShare}};
}

std::string percent(double share)
{
    return formatNumber(std::round(share * 1000.0) / 10.0) + " %";
}

/// `estimate inference --calibration [--fit] [--json]`: the published table, model beside it.
int calibration(Arguments& args, const EstimateContext& c, bool json)
{
    const bool refit = args.flag("fit");
    args.finish();
    const auto table = shippedCalibrationTable();
    const CalibrationSet set(table, c.catalog, shippedServedModels());
    ServingConstants constants = servingConstants(c.assumptions);
    if (refit) {
        constants = set.fit(constants, std::vector<bool>(set.size(), true));
    }
    const auto result = set.evaluate(constants, true);
    nlohmann::json rows = nlohmann::json::array();
    report::ReportTable text{"Serving model against published results (" + table.id + ")",
                             {"Row", "Accelerator", "Model", "Published", "Model", "Error", "Left out", "Status"},
                             {}};
    for (const auto& r : result.rows) {
        rows.push_back({{"id", r.row->id},
                        {"model", r.row->model},
                        {"accelerator", r.row->accelerator},
                        {"accelerators", r.row->accelerators},
                        {"precision", r.row->precision},
                        {"scenario", r.row->scenario},
                        {"layout", r.row->layout ? nlohmann::json(r.row->layout->text()) : nlohmann::json()},
                        {"batch", r.row->batch ? nlohmann::json(*r.row->batch) : nlohmann::json()},
                        {"status", r.row->status},
                        {"url", r.row->url},
                        {"published", r.row->published},
                        {"modelled", r.model},
                        {"error", r.error},
                        {"leave_one_out", r.leaveOneOutModel},
                        {"leave_one_out_error", r.leaveOneOutError},
                        {"tolerance", r.row->tolerance}});
        text.rows.push_back({r.row->id, r.row->accelerator + " ×" + std::to_string(r.row->accelerators),
                             r.row->model + " " + r.row->precision, formatNumber(std::round(r.row->published)),
                             formatNumber(std::round(r.model)), percent(r.error), percent(r.leaveOneOutError),
                             r.row->status});
    }
    nlohmann::json document = {{"table", table.id},
                               {"rows", rows},
                               {"median_error", result.medianError},
                               {"worst_error", result.worstError},
                               {"leave_one_out_median_error", result.leaveOneOutMedianError},
                               {"constants", constantsJson(constants)},
                               {"constants_basis", refit ? "refitted to the table" : "data/models/assumptions.json"}};
    if (json) {
        return printDocument(document, true);
    }
    printTable(std::cout, text);
    std::cout << "median error: " << percent(result.medianError) << ", worst: " << percent(result.worstError)
              << ", leave-one-out median: " << percent(result.leaveOneOutMedianError) << "\n"
              << "constants: " << constantsJson(constants).dump() << "\n";
    return 0;
}

} // namespace

int estimateInference(Arguments& args, const EstimateContext& c, bool json)
{
    if (args.flag("calibration")) {
        return calibration(args, c, json);
    }
    const auto& accelerator = c.accelerator(requiredText(args, "sku"));
    const auto prefillSku = args.option("prefill-sku");
    std::string shapeBasis;
    const ServedModel model = servedModel(args, shapeBasis);
    ServingTraffic traffic = servingTraffic(args, c);
    const auto target = args.number("target-tokens-per-s");
    args.finish();
    if (target) {
        facility::requireRange("target tokens/s", *target, 0.0, 1e15, true);
    }
    const ServingConstants constants = servingConstants(c.assumptions);
    const ServingChip chip = servingChip(accelerator, model);
    std::optional<ServingChip> prefillChip;
    if (prefillSku) {
        if (!traffic.disaggregated) {
            throw UsageError("--prefill-sku needs --disaggregated");
        }
        prefillChip = servingChip(c.accelerator(*prefillSku, "prefill-sku"), model);
    }
    const ServingChip* prefill = prefillChip ? &*prefillChip : nullptr;
    const auto point = servingPoint(model, traffic, chip, constants, prefill);
    if (!point) {
        throw ValidationError(
            "accelerator '" + accelerator.sku + "' cannot serve this model at " +
            formatNumber(traffic.tokensPerSecondPerUser) + " tokens/s per user" +
            (traffic.timeToFirstTokenS ? " within " + formatNumber(*traffic.timeToFirstTokenS) + " s to the first token"
                                       : std::string()) +
            " (fastest: " + formatNumber(std::round(fastestTokensPerSecondPerUser(model, traffic, chip, constants))) +
            " tokens/s per user)");
    }
    // The fewest accelerators that hold the weights and one user's KV cache.
    const ServingLayout one{Parallelism::Tensor, 1, 1, 1};
    const int fewest = static_cast<int>(
        std::ceil(bytesPerAccelerator(model, traffic, one, 1.0) / (chip.memoryBytes * constants.usableMemoryShare)));
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& p : servingCurve(model, traffic, chip, constants, 16, prefill)) {
        curve.push_back(pointJson(p));
    }
    const double perReplica = point->tokensPerSecondPerAccelerator * point->layout.accelerators();
    std::optional<double> needed;
    if (target) {
        needed = std::ceil(*target / perReplica) * point->layout.accelerators();
    }
    nlohmann::json document = {
        {"sku", accelerator.sku},
        {"model", model.name.empty() ? nlohmann::json() : nlohmann::json(model.name)},
        {"shape_basis", shapeBasis},
        {"params", model.parameters},
        {"active_params", model.active()},
        {"layers", model.layers},
        {"hidden", model.hiddenSize},
        {"experts", model.experts},
        {"experts_per_token", model.expertsPerToken},
        {"software_scheduled", chip.softwareScheduled},
        {"params_run_per_token", asRunBy(model, chip).active()},
        {"bytes_per_param", model.bytesPerParameter},
        {"precision", std::string(catalog::toString(chip.precision))},
        {"kv_bytes_per_token", model.kvBytesPerToken},
        {"input_tokens", traffic.inputTokens},
        {"output_tokens", traffic.outputTokens},
        {"context", traffic.decodeContext()},
        {"prefix_cache_hit", traffic.prefixCacheHit},
        {"draft_tokens", traffic.draftTokens},
        {"draft_acceptance", traffic.draftAcceptance},
        {"disaggregated", traffic.disaggregated},
        {"max_replica", traffic.maxAcceleratorsPerReplica},
        {"prefill_sku", prefillSku ? nlohmann::json(*prefillSku) : nlohmann::json()},
        {"ttft_target_s", orNull(traffic.timeToFirstTokenS)},
        {"tokens_per_s_per_user", traffic.tokensPerSecondPerUser},
        {"accelerators_per_replica", fewest},
        {"serving_accelerators_per_replica", point->layout.accelerators()},
        {"layout", point->layout.text()},
        {"batch", point->batch},
        {"achieved_tokens_per_s_per_user", point->tokensPerSecondPerUser},
        {"tokens_per_s_per_replica", perReplica},
        {"tokens_per_s_per_accelerator", point->tokensPerSecondPerAccelerator},
        {"decode_tokens_per_s_per_accelerator", point->decodeTokensPerSecondPerAccelerator},
        {"prefill_accelerators_per_decode_accelerator", point->prefillAcceleratorsPerDecodeAccelerator},
        {"ttft_s", point->timeToFirstTokenS},
        {"step_s",
         {{"compute", point->round.computeS},
          {"memory", point->round.memoryS},
          {"communication", point->round.communicationS},
          {"overhead", point->round.overheadS}}},
        {"bound", point->round.bound() == Bound::Compute ? "compute" : "memory"},
        {"fastest_tokens_per_s_per_user", fastestTokensPerSecondPerUser(model, traffic, chip, constants)},
        {"target_tokens_per_s", orNull(target)},
        {"accelerators_needed", needed ? nlohmann::json(static_cast<long long>(*needed)) : nlohmann::json()},
        {"constants", constantsJson(constants)},
        {"curve", curve}};
    if (json) {
        return printDocument(document, true);
    }
    document.erase("curve");
    printDocument(document, false);
    report::ReportTable text{"Throughput against speed per user",
                             {"Tokens/s per user", "Tokens/s per accelerator", "Layout", "Users per replica"},
                             {}};
    for (const auto& p : curve) {
        text.rows.push_back({formatNumber(std::round(p["tokens_per_s_per_user"].get<double>() * 10) / 10),
                             formatNumber(std::round(p["tokens_per_s_per_accelerator"].get<double>())),
                             p["layout"].get<std::string>(), formatNumber(p["batch"].get<double>())});
    }
    printTable(std::cout, text);
    return 0;
}

} // namespace fw::cli
