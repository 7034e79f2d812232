// SPDX-License-Identifier: Apache-2.0
#include "core/plan/scenariocheck.h"

#include <algorithm>
#include <string_view>

#include "core/error.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/plan/uncertainty.h"
#include "core/textforms.h"
#include "core/workload/assumptions.h"

namespace fw::core::plan {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem)
{
    throw ValidationError(path + ": " + problem);
}

void atLeast(const std::string& path, double value, double least)
{
    if (!(value >= least)) {
        fail(path,
             formatNumber(value) + (least == 0.0 ? " is negative; must be ≥ 0" : " is below " + formatNumber(least)));
    }
}

/// `value` at `path` is finite and within `limit` (core/limits.h): the solver's numerics and the
/// machine's budgets hold.
void within(const std::string& path, double value, const limits::Limit& limit)
{
    limits::check(limit, value, path);
}

/// A revenue or an unserved price: not negative (said so), and within limits::demandValue.
void demandValueAt(const std::string& path, double value)
{
    atLeast(path, value, 0.0);
    within(path, value, limits::demandValue);
}

/// Every value of a per-quarter series within `limit`.
template <typename Value>
void allWithin(const std::string& path, const std::vector<Value>& series, const limits::Limit& limit)
{
    limits::check(limits::quarterSpan, static_cast<double>(series.size()), path + " (values)");
    for (std::size_t q = 0; q < series.size(); ++q) {
        within(series.size() == 1 ? path : path + "[" + std::to_string(q) + "]", static_cast<double>(series[q]), limit);
    }
}

std::string at(const char* array, std::size_t i, const char* field)
{
    return std::string(array) + "[" + std::to_string(i) + "]." + field;
}

/// Every value of a per-quarter series ≥ 0: "market[1].price_usd" for one value, "…[3]" for the fourth.
template <typename Value>
void noneNegative(const std::string& path, const std::vector<Value>& series)
{
    for (std::size_t q = 0; q < series.size(); ++q) {
        atLeast(series.size() == 1 ? path : path + "[" + std::to_string(q) + "]", series[q], 0.0);
    }
}

/// The name of row i of `rows` (at `array`) is given and unique: "a site needs a name", "site "X"
/// appears twice".
template <typename Row>
void namedOnce(const char* array, const std::vector<Row>& rows, std::size_t i, const std::string& noun)
{
    const std::string& name = rows[i].name;
    if (name.empty()) {
        fail(at(array, i, "name"), "a " + noun + " needs a name");
    }
    limits::check(limits::nameCharacters, characterCount(name), at(array, i, "name"));
    for (std::size_t k = 0; k < i; ++k) {
        if (rows[k].name == name) {
            fail(at(array, i, "name"), noun + " \"" + name + "\" appears twice");
        }
    }
}

/// Named run `r`: unique name, start inside the horizon, weeks > 0, and stated either in
/// accelerators (≥ 1) or as work — training_flops, or parameters and tokens, never both — at a
/// catalog precision.
void checkTrainingRun(const Scenario& s, std::size_t r)
{
    const TrainingRun& run = s.trainingRuns[r];
    namedOnce("training_runs", s.trainingRuns, r, "training run");
    const int first = run.firstQuarter(s.firstQuarter);
    if (first < 0 || first >= s.quarters) {
        fail(at("training_runs", r, "start"), run.start.toString() + " is outside the horizon " +
                                                  s.firstQuarter.toString() + "–" +
                                                  s.firstQuarter.plus(s.quarters - 1).toString());
    }
    if (!(run.weeks > 0.0)) {
        fail(at("training_runs", r, "weeks"), formatNumber(run.weeks) + " must be > 0");
    }
    if (run.trainingFlops && (run.parameters || run.tokens)) {
        fail(at("training_runs", r, "training_flops"), "given with parameters or tokens; give one or the other");
    }
    if (run.trainingFlops && !(*run.trainingFlops > 0.0)) {
        fail(at("training_runs", r, "training_flops"), formatNumber(*run.trainingFlops) + " must be > 0");
    }
    for (const auto& [field, value] : {std::pair{"parameters", run.parameters}, std::pair{"tokens", run.tokens}}) {
        if ((run.parameters || run.tokens) && !value) {
            fail(at("training_runs", r, field), "missing; parameters and tokens go together (6 × N × D FLOPs)");
        }
        if (value && !(*value > 0.0)) {
            fail(at("training_runs", r, field), formatNumber(*value) + " must be > 0");
        }
    }
    if (!run.statedAsWork() && run.accelerators < 1) {
        fail(at("training_runs", r, "accelerators"),
             std::to_string(run.accelerators) + " must be ≥ 1 (or state the run as training_flops)");
    }
    if (run.accelerators < 0) {
        fail(at("training_runs", r, "accelerators"), std::to_string(run.accelerators) + " is negative; must be ≥ 0");
    }
    try {
        workload::parsePrecision(run.precision);
    } catch (const ValidationError& e) {
        fail(at("training_runs", r, "precision"), e.what());
    }
}

/// Cloud offers: who rents what where, under which contract, at which sourced price.
void checkCloudOffers(const Scenario& s)
{
    for (std::size_t k = 0; k < s.cloudOffers.size(); ++k) {
        const CloudOffer& o = s.cloudOffers[k];
        if (o.provider.empty()) {
            fail(at("cloud_offers", k, "provider"), "a cloud offer needs a provider");
        }
        if (o.sku.empty()) {
            fail(at("cloud_offers", k, "sku"), "a cloud offer needs a system or accelerator SKU");
        }
        for (const auto& [field, code] : {std::pair{"provider_hq", &o.providerHq}, std::pair{"region", &o.region},
                                          std::pair{"provider_parent_hq", &o.providerParentHq}}) {
            if ((!code->empty() || std::string_view(field) != "provider_parent_hq") && !isCountryCode(*code)) {
                fail(at("cloud_offers", k, field), "\"" + *code + "\" is not an ISO 3166-1 alpha-2 code");
            }
        }
        if (!o.reserved && o.termQuarters != 1) {
            fail(at("cloud_offers", k, "term_quarters"),
                 std::to_string(o.termQuarters) + ": an on-demand offer is contracted one quarter at a time");
        }
        if (!o.reserved && o.prepaid) {
            fail(at("cloud_offers", k, "prepaid"), "only a reserved contract is prepaid");
        }
        atLeast(at("cloud_offers", k, "term_quarters"), o.termQuarters, 1.0);
        within(at("cloud_offers", k, "term_quarters"), o.termQuarters, limits::quarterSpan);
        noneNegative(at("cloud_offers", k, "usd_per_accelerator_hour"), o.usdPerAcceleratorHour);
        allWithin(at("cloud_offers", k, "usd_per_accelerator_hour"), o.usdPerAcceleratorHour, limits::rentalUsdPerHour);
        if (o.priceSources.size() != 1 && o.priceSources.size() != o.usdPerAcceleratorHour.size()) {
            fail(at("cloud_offers", k, "price_sources"), std::to_string(o.priceSources.size()) + " sources for " +
                                                             std::to_string(o.usdPerAcceleratorHour.size()) +
                                                             " prices: give one for all or one per price");
        }
        for (std::size_t i = 0; i < o.priceSources.size(); ++i) {
            if (o.priceSources[i].empty()) {
                fail(at("cloud_offers", k, "price_sources") + "[" + std::to_string(i) + "]", "a source is empty");
            }
        }
        noneNegative(at("cloud_offers", k, "accelerators_per_quarter"), o.available);
        allWithin(at("cloud_offers", k, "accelerators_per_quarter"), o.available, limits::unitCount);
        atLeast(at("cloud_offers", k, "min_commit_accelerators"), o.minCommitAccelerators, 0.0);
        within(at("cloud_offers", k, "min_commit_accelerators"), o.minCommitAccelerators, limits::unitCount);
        atLeast(at("cloud_offers", k, "block_accelerators"), o.blockAccelerators, 1.0);
        within(at("cloud_offers", k, "block_accelerators"), o.blockAccelerators, limits::unitCount);
        if (o.publishedUtilization && !(*o.publishedUtilization >= 0.0 && *o.publishedUtilization <= 1.0)) {
            fail(at("cloud_offers", k, "published_utilization"),
                 formatNumber(*o.publishedUtilization) + " must be a share within 0–1");
        }
    }
}

} // namespace

/// The sizes of the scenario's lists and of the MILP they make, against core/limits.h.
void checkSizes(const Scenario& s)
{
    within("sites", static_cast<double>(s.sites.size()), limits::scenarioSites);
    within("market", static_cast<double>(s.market.size()), limits::scenarioOffers);
    within("cloud_offers", static_cast<double>(s.cloudOffers.size()), limits::scenarioOffers);
    within("installed", static_cast<double>(s.installed.size()), limits::scenarioRows);
    within("demand", static_cast<double>(s.demand.size()), limits::quarterSpan);
    within("training_runs", static_cast<double>(s.trainingRuns.size()), limits::scenarioRows);
    within("inference_classes", static_cast<double>(s.inferenceClasses.size()), limits::scenarioRows);
    const auto siteOffers = limits::checkProduct(limits::scenarioCells, static_cast<std::int64_t>(s.sites.size()),
                                                 static_cast<std::int64_t>(s.market.size()), "sites × market offers");
    limits::checkProduct(limits::scenarioCells, siteOffers, s.quarters, "sites × market offers × quarters");
}

/// Upper bounds of every number (the lower bounds are checked with their own messages below).
void checkMagnitudes(const Scenario& s)
{
    within("discount_rate", s.discountRatePerYear, limits::rateOrShare);
    within("life_years", s.lifeYears, limits::yearSpan);
    for (std::size_t i = 0; i < s.sites.size(); ++i) {
        const Site& site = s.sites[i];
        within(at("sites", i, "pue"), site.pue, limits::pue);
        within(at("sites", i, "electricity_usd_per_kwh"), site.electricityUsdPerKwh, limits::usdPerKwh);
        allWithin(at("sites", i, "power_mw"), site.powerMw, limits::siteMw);
        within(at("sites", i, "build_out.max_mw_per_quarter"), site.buildOutMaxMwPerQuarter, limits::siteMw);
        within(at("sites", i, "build_out.usd_per_mw"), site.buildOutUsdPerMw, limits::usdPerMw);
        within(at("sites", i, "build_out.lead_quarters"), site.buildOutLeadQuarters, limits::quarterSpan);
        if (site.racks) {
            within(at("sites", i, "racks"), *site.racks, limits::siteRacks);
        }
        if (site.maxKwPerRack) {
            within(at("sites", i, "max_kw_per_rack"), *site.maxKwPerRack, limits::kwPerRack);
        }
        within(at("sites", i, "units_per_rack"), site.unitsPerRack, limits::unitsPerRack);
    }
    for (std::size_t i = 0; i < s.installed.size(); ++i) {
        within(at("installed", i, "count"), s.installed[i].count, limits::unitCount);
        within(at("installed", i, "age_years"), s.installed[i].ageYears, limits::yearSpan);
        if (s.installed[i].resaleUsd) {
            within(at("installed", i, "resale_usd"), *s.installed[i].resaleUsd, limits::money);
        }
        if (s.installed[i].priceUsd) {
            within(at("installed", i, "price_usd"), *s.installed[i].priceUsd, limits::money);
        }
    }
    for (std::size_t q = 0; q < s.demand.size(); ++q) {
        within(at("demand", q, "training_pflops"), s.demand[q].trainingPflops, limits::trainingPflops);
        within(at("demand", q, "largest_training_job_pflops"), s.demand[q].largestTrainingJobPflops,
               limits::trainingPflops);
        allWithin(at("demand", q, "inference_tokens_per_s"), s.demand[q].inferenceTokensPerSecond,
                  limits::tokensPerSecond);
    }
    for (std::size_t r = 0; r < s.trainingRuns.size(); ++r) {
        within(at("training_runs", r, "accelerators"), s.trainingRuns[r].accelerators, limits::unitCount);
        within(at("training_runs", r, "weeks"), s.trainingRuns[r].weeks, limits::runWeeks);
        const TrainingRun& run = s.trainingRuns[r];
        for (const auto& [field, value, limit] :
             {std::tuple{"training_flops", run.trainingFlops, limits::trainingFlops},
              std::tuple{"parameters", run.parameters, limits::parameters},
              std::tuple{"tokens", run.tokens, limits::trainingTokens}}) {
            if (value) {
                within(at("training_runs", r, field), *value, limit);
            }
        }
    }
    for (std::size_t k = 0; k < s.inferenceClasses.size(); ++k) {
        const InferenceClass& c = s.inferenceClasses[k];
        within(at("inference_classes", k, "params"), c.parameters, limits::parameters);
        within(at("inference_classes", k, "bytes_per_param"), c.bytesPerParameter, limits::bytesPerParameter);
        within(at("inference_classes", k, "kv_bytes_per_token"), c.kvBytesPerToken, limits::bytesPerToken);
        within(at("inference_classes", k, "kv_heads"), c.kvHeads, limits::modelShape);
        within(at("inference_classes", k, "layers"), c.layers, limits::modelShape);
        within(at("inference_classes", k, "hidden_size"), c.hiddenSize, limits::modelShape);
        within(at("inference_classes", k, "attention_flops_per_context_token"), c.attentionFlopsPerContextToken,
               limits::parameters);
        within(at("inference_classes", k, "prefill_attention_flops_per_context_token"),
               c.prefillAttentionFlopsPerContextToken, limits::parameters);
        within(at("inference_classes", k, "experts"), c.experts, limits::modelShape);
        within(at("inference_classes", k, "input_tokens"), c.inputTokens, limits::contextTokens);
        within(at("inference_classes", k, "output_tokens"), c.outputTokens, limits::contextTokens);
        if (c.timeToFirstTokenS) {
            within(at("inference_classes", k, "ttft_s"), *c.timeToFirstTokenS, limits::solverSeconds);
        }
        within(at("inference_classes", k, "draft_tokens"), c.draftTokens, limits::modelShape);
        within(at("inference_classes", k, "tokens_per_s_per_user"), c.tokensPerSecondPerUser, limits::tokensPerSecond);
    }
    for (std::size_t o = 0; o < s.market.size(); ++o) {
        const Offer& offer = s.market[o];
        allWithin(at("market", o, "price_usd"), offer.priceUsd, limits::money);
        allWithin(at("market", o, "supply_per_quarter"), offer.supply, limits::unitCount);
        within(at("market", o, "lead_quarters"), offer.leadQuarters, limits::quarterSpan);
        within(at("market", o, "age_years"), offer.ageYears, limits::yearSpan);
    }
    const Policy& p = s.policy;
    within("policy.min_vendors", p.minVendors, limits::scenarioRows);
    if (p.budgetUsdPerQuarter) {
        within("policy.budget_usd_per_quarter", *p.budgetUsdPerQuarter, limits::money);
    }
    if (p.budgetUsdTotal) {
        within("policy.budget_usd_total", *p.budgetUsdTotal, limits::money);
    }
    within("policy.headroom", p.headroom, limits::rateOrShare);
}

void checkScenario(const Scenario& s)
{
    if (s.name.empty()) {
        fail("name", "a scenario needs a name");
    }
    limits::check(limits::nameCharacters, characterCount(s.name), "name");
    if (s.quarters < limits::scenarioQuarters.least || s.quarters > limits::scenarioQuarters.most) {
        fail("quarters", std::to_string(s.quarters) + " must be " + formatNumber(limits::scenarioQuarters.least) + "–" +
                             formatNumber(limits::scenarioQuarters.most));
    }
    checkSizes(s);
    atLeast("discount_rate", s.discountRatePerYear, 0.0);
    if (!(s.lifeYears > 0.0)) {
        fail("life_years", formatNumber(s.lifeYears) + " must be > 0");
    }
    for (std::size_t i = 0; i < s.sites.size(); ++i) {
        const Site& site = s.sites[i];
        namedOnce("sites", s.sites, i, "site");
        if (!isCountryCode(site.country)) {
            fail(at("sites", i, "country"), "\"" + site.country + "\" is not an ISO 3166-1 alpha-2 code");
        }
        atLeast(at("sites", i, "pue"), site.pue, 1.0);
        atLeast(at("sites", i, "electricity_usd_per_kwh"), site.electricityUsdPerKwh, 0.0);
        if (site.powerMw.empty()) {
            fail(at("sites", i, "power_mw"), "needs at least one quarter's power");
        }
        atLeast(at("sites", i, "build_out.max_mw_per_quarter"), site.buildOutMaxMwPerQuarter, 0.0);
        atLeast(at("sites", i, "build_out.usd_per_mw"), site.buildOutUsdPerMw, 0.0);
        atLeast(at("sites", i, "build_out.lead_quarters"), site.buildOutLeadQuarters, 0.0);
        if (site.racks) {
            atLeast(at("sites", i, "racks"), *site.racks, 0.0);
        }
        if (site.maxKwPerRack && !(*site.maxKwPerRack > 0.0)) {
            fail(at("sites", i, "max_kw_per_rack"), formatNumber(*site.maxKwPerRack) + " must be > 0");
        }
        atLeast(at("sites", i, "units_per_rack"), site.unitsPerRack, 1.0);
        if (!(site.oversubscription >= 0.0 && site.oversubscription <= 1.0)) {
            fail(at("sites", i, "oversubscription"), formatNumber(site.oversubscription) + " must be within 0–1");
        }
        noneNegative(at("sites", i, "power_mw"), site.powerMw);
    }
    for (std::size_t i = 0; i < s.installed.size(); ++i) {
        const auto& installed = s.installed[i];
        if (std::none_of(s.sites.begin(), s.sites.end(), [&](const Site& x) { return x.name == installed.site; })) {
            fail(at("installed", i, "site"), "no site \"" + installed.site + "\"");
        }
        atLeast(at("installed", i, "count"), installed.count, 0.0);
        atLeast(at("installed", i, "age_years"), installed.ageYears, 0.0);
        if (installed.resaleUsd) {
            atLeast(at("installed", i, "resale_usd"), *installed.resaleUsd, 0.0);
        }
        if (installed.priceUsd) {
            atLeast(at("installed", i, "price_usd"), *installed.priceUsd, 0.0);
            if (installed.resaleUsd) {
                fail(at("installed", i, "price_usd"), "give resale_usd or price_usd, not both");
            }
        }
    }
    for (std::size_t q = 0; q < s.demand.size(); ++q) {
        atLeast(at("demand", q, "training_pflops"), s.demand[q].trainingPflops, 0.0);
        const auto& inference = s.demand[q].inferenceTokensPerSecond;
        if (inference.size() > s.inferenceClasses.size()) {
            fail(at("demand", q, "inference_tokens_per_s"),
                 std::to_string(inference.size()) + " values for " + std::to_string(s.inferenceClasses.size()) +
                     (s.inferenceClasses.size() == 1 ? " inference class" : " inference classes"));
        }
        noneNegative(at("demand", q, "inference_tokens_per_s"), inference);
        const auto& forecast = s.demand[q].forecastInferenceTokensPerSecond;
        if (forecast.size() > s.inferenceClasses.size()) {
            fail(at("demand", q, "forecast_inference_tokens_per_s"),
                 std::to_string(forecast.size()) + " values for " + std::to_string(s.inferenceClasses.size()) +
                     (s.inferenceClasses.size() == 1 ? " inference class" : " inference classes"));
        }
        noneNegative(at("demand", q, "forecast_inference_tokens_per_s"), forecast);
        atLeast(at("demand", q, "forecast_training_pflops"), s.demand[q].forecastTrainingPflops, 0.0);
        atLeast(at("demand", q, "largest_training_job_pflops"), s.demand[q].largestTrainingJobPflops, 0.0);
        if (s.demand[q].largestTrainingJobPflops > s.demand[q].totalTraining()) {
            fail(at("demand", q, "largest_training_job_pflops"),
                 formatNumber(s.demand[q].largestTrainingJobPflops) +
                     " is above the quarter's training demand (contracted and forecast, " +
                     formatNumber(s.demand[q].totalTraining()) + "): the job is part of it");
        }
        // What leaving forecast demand unserved loses: its stated price, or under max_margin the
        // revenue it would have earned (and the price on top, if given).
        const bool forMargin = s.policy.objective == "max_margin";
        if (s.demand[q].forecastTrainingPflops > 0.0 && !s.trainingUnservedUsdPerPflopHour &&
            !(forMargin && s.trainingRevenueUsdPerPflopHour)) {
            fail(at("demand", q, "forecast_training_pflops"),
                 "forecast demand needs a price for leaving it unserved: give training_unserved_usd_per_pflop_hour" +
                     std::string(forMargin ? " or training_revenue_usd_per_pflop_hour" : ""));
        }
        for (std::size_t k = 0; k < forecast.size(); ++k) {
            const InferenceClass& c = s.inferenceClasses[k];
            if (forecast[k] > 0.0 && !c.unservedUsdPerMillionTokens && !(forMargin && c.revenueUsdPerMillionTokens)) {
                fail(at("demand", q, "forecast_inference_tokens_per_s"),
                     "forecast demand of \"" + c.name +
                         "\" needs a price for leaving it unserved: give its unserved_usd_per_million_tokens" +
                         std::string(forMargin ? " or revenue_usd_per_million_tokens" : ""));
            }
        }
    }
    if (s.trainingUnservedUsdPerPflopHour) {
        demandValueAt("training_unserved_usd_per_pflop_hour", *s.trainingUnservedUsdPerPflopHour);
    }
    if (s.trainingRevenueUsdPerPflopHour) {
        demandValueAt("training_revenue_usd_per_pflop_hour", *s.trainingRevenueUsdPerPflopHour);
    }
    for (std::size_t r = 0; r < s.trainingRuns.size(); ++r) {
        checkTrainingRun(s, r);
    }
    for (std::size_t k = 0; k < s.inferenceClasses.size(); ++k) {
        const InferenceClass& c = s.inferenceClasses[k];
        namedOnce("inference_classes", s.inferenceClasses, k, "inference class");
        atLeast(at("inference_classes", k, "params"), c.parameters, 0.0);
        if (c.unservedUsdPerMillionTokens) {
            demandValueAt(at("inference_classes", k, "unserved_usd_per_million_tokens"),
                          *c.unservedUsdPerMillionTokens);
        }
        if (c.revenueUsdPerMillionTokens) {
            demandValueAt(at("inference_classes", k, "revenue_usd_per_million_tokens"), *c.revenueUsdPerMillionTokens);
        }
        if (c.activeParameters && !(*c.activeParameters > 0.0 && *c.activeParameters <= c.parameters)) {
            fail(at("inference_classes", k, "active_params"),
                 formatNumber(*c.activeParameters) + " must be > 0 and at most params");
        }
        atLeast(at("inference_classes", k, "bytes_per_param"), c.bytesPerParameter, 0.0);
        atLeast(at("inference_classes", k, "kv_bytes_per_token"), c.kvBytesPerToken, 0.0);
        atLeast(at("inference_classes", k, "kv_heads"), c.kvHeads, 1.0);
        atLeast(at("inference_classes", k, "layers"), c.layers, 0.0);
        atLeast(at("inference_classes", k, "hidden_size"), c.hiddenSize, 0.0);
        atLeast(at("inference_classes", k, "attention_flops_per_context_token"), c.attentionFlopsPerContextToken, 0.0);
        atLeast(at("inference_classes", k, "prefill_attention_flops_per_context_token"),
                c.prefillAttentionFlopsPerContextToken, 0.0);
        if ((c.experts != 0 || c.expertsPerToken != 0) &&
            !(c.experts >= 2 && c.expertsPerToken >= 1 && c.expertsPerToken < c.experts)) {
            fail(at("inference_classes", k, "experts_per_token"),
                 std::to_string(c.expertsPerToken) + " of " + std::to_string(c.experts) +
                     " experts: a mixture of experts needs at least 2 experts and 1 to experts − 1 per token");
        }
        atLeast(at("inference_classes", k, "input_tokens"), c.inputTokens, 0.0);
        atLeast(at("inference_classes", k, "output_tokens"), c.outputTokens, 1.0);
        atLeast(at("inference_classes", k, "tokens_per_s_per_user"), c.tokensPerSecondPerUser, 0.0);
        if (c.timeToFirstTokenS && !(*c.timeToFirstTokenS > 0.0)) {
            fail(at("inference_classes", k, "ttft_s"), formatNumber(*c.timeToFirstTokenS) + " must be > 0");
        }
        const auto share = [&](const char* field, double value) {
            if (!(value >= 0.0 && value < 1.0)) {
                fail(at("inference_classes", k, field), formatNumber(value) + " must be ≥ 0 and below 1");
            }
        };
        share("prefix_cache_hit", c.prefixCacheHit);
        share("draft_acceptance", c.draftAcceptance);
        atLeast(at("inference_classes", k, "draft_tokens"), c.draftTokens, 0.0);
    }
    for (std::size_t o = 0; o < s.market.size(); ++o) {
        const Offer& offer = s.market[o];
        if (offer.system.empty()) {
            fail(at("market", o, "system"), "an offer needs a system");
        }
        noneNegative(at("market", o, "price_usd"), offer.priceUsd);
        if (offer.supply.empty()) {
            fail(at("market", o, "supply_per_quarter"), "needs the units available");
        }
        noneNegative(at("market", o, "supply_per_quarter"), offer.supply);
        atLeast(at("market", o, "lead_quarters"), offer.leadQuarters, 0.0);
        atLeast(at("market", o, "age_years"), offer.ageYears, 0.0);
        if (!offer.used && offer.ageYears > 0.0) {
            fail(at("market", o, "age_years"), "a new system has no age; set condition to used");
        }
        if (offer.used && !(offer.ageYears < s.lifeYears)) {
            fail(at("market", o, "age_years"), formatNumber(offer.ageYears) + " years is not below the life of " +
                                                   formatNumber(s.lifeYears) + " years: nothing left to use");
        }
        if (offer.used && offer.priceUsd.empty()) {
            fail(at("market", o, "price_usd"), "a used offer needs its own price; the catalog's is for new systems");
        }
    }
    const Policy& p = s.policy;
    if (p.objective != "min_cost" && p.objective != "max_capacity" && p.objective != "max_margin") {
        fail("policy.objective", "\"" + p.objective + "\" is not min_cost, max_capacity or max_margin");
    }
    if (p.objective == "max_margin" && !s.earnsRevenue()) {
        fail("policy.objective", "max_margin needs a revenue (training_revenue_usd_per_pflop_hour or an inference "
                                 "class's revenue_usd_per_million_tokens)");
    }
    if (p.objective == "max_capacity" && !p.budgetUsdPerQuarter && !p.budgetUsdTotal) {
        fail("policy.objective", "max_capacity needs a budget (budget_usd_total or budget_usd_per_quarter)");
    }
    if (!(p.maxVendorShare > 0.0 && p.maxVendorShare <= 1.0)) {
        fail("policy.max_vendor_share", formatNumber(p.maxVendorShare) + " must be in (0, 1]");
    }
    if (!(p.resaleCostShare >= 0.0 && p.resaleCostShare < 1.0)) {
        fail("policy.resale_cost_share", formatNumber(p.resaleCostShare) + " must be within [0, 1)");
    }
    if (p.minVendors < 1) {
        fail("policy.min_vendors", std::to_string(p.minVendors) + " must be ≥ 1");
    }
    if (!(p.minVendorShare >= 0.0 && p.minVendorShare * p.minVendors <= 1.0)) {
        fail("policy.min_vendor_share",
             formatNumber(p.minVendorShare) + " × " + std::to_string(p.minVendors) + " vendors must be within 0–1");
    }
    if (p.budgetUsdPerQuarter) {
        atLeast("policy.budget_usd_per_quarter", *p.budgetUsdPerQuarter, 0.0);
    }
    if (p.budgetUsdTotal) {
        atLeast("policy.budget_usd_total", *p.budgetUsdTotal, 0.0);
    }
    atLeast("policy.headroom", p.headroom, 0.0);
    for (const auto& [path, code] :
         {std::pair{"buyer.hq", &s.buyer.hqCountry}, std::pair{"buyer.parent_hq", &s.buyer.parentHqCountry}}) {
        if (!code->empty() && !isCountryCode(*code)) {
            fail(path, "\"" + *code + "\" is not an ISO 3166-1 alpha-2 code");
        }
    }
    checkMagnitudes(s);
    checkCloudOffers(s);
    if (p.licenceAppetite != "none" && p.licenceAppetite != "presumption_of_approval" &&
        p.licenceAppetite != "case_by_case") {
        fail("policy.licence_appetite",
             "\"" + p.licenceAppetite + "\" is not none, presumption_of_approval or case_by_case");
    }
    checkUncertainty(s);
}

} // namespace fw::core::plan
