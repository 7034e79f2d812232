// SPDX-License-Identifier: Apache-2.0
#include "core/plan/scenario.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/jsonreader.h"
#include "core/numbertext.h"
#include "core/plan/scenariocheck.h"
#include "core/plan/uncertainty.h"
#include "core/workload/servedmodels.h"

namespace fw::core::plan {

Quarter Quarter::parse(const std::string& text)
{
    Quarter q;
    const bool shape = text.size() == 6 && text[4] == 'Q' &&
                       std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    const bool year = shape && std::from_chars(text.data(), text.data() + 4, q.year).ec == std::errc();
    q.quarter = shape ? text[5] - '0' : 0;
    if (!year || q.quarter < 1 || q.quarter > 4) {
        throw ValidationError("\"" + text + "\" is not a quarter like 2027Q1");
    }
    return q;
}

std::string Quarter::toString() const
{
    return std::to_string(year) + "Q" + std::to_string(quarter);
}

Quarter Quarter::plus(int quarters) const
{
    const int index = year * 4 + (quarter - 1) + quarters;
    return Quarter{index / 4, index % 4 + 1};
}

Quarter Quarter::containing(Date day)
{
    const std::chrono::year_month_day ymd(day.days());
    return Quarter{static_cast<int>(ymd.year()), static_cast<int>((static_cast<unsigned>(ymd.month()) - 1) / 3 + 1)};
}

Date Quarter::firstDay() const
{
    return Date(std::chrono::year_month_day(
        std::chrono::year(year), std::chrono::month(static_cast<unsigned>(quarter * 3 - 2)), std::chrono::day(1)));
}

namespace {

/// The value of a per-quarter series in a quarter: the last value repeats; `none` when it is empty.
template <typename Value>
Value inQuarter(const std::vector<Value>& series, int quarterIndex, Value none)
{
    if (series.empty()) {
        return none;
    }
    return series[static_cast<std::size_t>(std::min<int>(quarterIndex, static_cast<int>(series.size()) - 1))];
}

int quarterIndex(const Quarter& q)
{
    return q.year * 4 + q.quarter - 1;
}

} // namespace

int quartersFrom(const Quarter& from, const Quarter& to)
{
    return quarterIndex(to) - quarterIndex(from);
}

double Site::availableMw(int quarterIndex) const
{
    return inQuarter(powerMw, quarterIndex, 0.0);
}

std::optional<double> Offer::priceIn(int quarterIndex) const
{
    return priceUsd.empty() ? std::nullopt : std::optional<double>(inQuarter(priceUsd, quarterIndex, 0.0));
}

int Offer::supplyIn(int quarterIndex) const
{
    return inQuarter(supply, quarterIndex, 0);
}

double CloudOffer::usdPerHourIn(int quarterIndex) const
{
    return inQuarter(usdPerAcceleratorHour, quarterIndex, 0.0);
}

int CloudOffer::availableIn(int quarterIndex) const
{
    return inQuarter(available, quarterIndex, 0);
}

double QuarterDemand::inference(int inferenceClass) const
{
    return inferenceClass < static_cast<int>(inferenceTokensPerSecond.size())
               ? inferenceTokensPerSecond[static_cast<std::size_t>(inferenceClass)]
               : 0.0;
}

double QuarterDemand::forecastInference(int inferenceClass) const
{
    return inferenceClass < static_cast<int>(forecastInferenceTokensPerSecond.size())
               ? forecastInferenceTokensPerSecond[static_cast<std::size_t>(inferenceClass)]
               : 0.0;
}

bool Scenario::capsPower() const
{
    return std::any_of(sites.begin(), sites.end(), [](const Site& site) { return site.oversubscription > 0.0; });
}

bool Scenario::earnsRevenue() const
{
    return trainingRevenueUsdPerPflopHour.has_value() ||
           std::any_of(inferenceClasses.begin(), inferenceClasses.end(),
                       [](const InferenceClass& c) { return c.revenueUsdPerMillionTokens.has_value(); });
}

int TrainingRun::firstQuarter(const Quarter& horizonStart) const
{
    return quartersFrom(horizonStart, start);
}

double TrainingRun::flops() const
{
    if (trainingFlops) {
        return *trainingFlops;
    }
    return parameters && tokens ? 6.0 * *parameters * *tokens : 0.0;
}

int TrainingRun::lastQuarter(const Quarter& horizonStart, int horizonQuarters) const
{
    return lastQuarter(horizonStart, horizonQuarters, weeks);
}

int TrainingRun::lastQuarter(const Quarter& horizonStart, int horizonQuarters, double runWeeks) const
{
    const int quarters = std::max(1, static_cast<int>(std::ceil(runWeeks / 13.0 - 1e-9)));
    return std::min(firstQuarter(horizonStart) + quarters - 1, horizonQuarters - 1);
}

const QuarterDemand& Scenario::demandIn(int quarterIndex) const
{
    static const QuarterDemand none;
    return demand.empty()
               ? none
               : demand[static_cast<std::size_t>(std::min<int>(quarterIndex, static_cast<int>(demand.size()) - 1))];
}

namespace {

/// The number at `key`, or `fallback` when absent; "missing" without a fallback. Ranges are
/// checkScenario's.
double numberAt(const JsonReader& r, const char* key, std::optional<double> fallback = std::nullopt)
{
    const auto value = r.optionalNumber(key);
    if (!value && !fallback) {
        r.failAt(key, "missing");
    }
    return value.value_or(fallback.value_or(0.0));
}

/// A per-quarter series at `key`: one number (every quarter) or an array of numbers; empty when absent.
std::vector<double> seriesAt(const JsonReader& r, const char* key)
{
    if (!r.has(key)) {
        return {};
    }
    const JsonReader at = r.at(key);
    if (at.value().is_number()) {
        return {at.value().get<double>()};
    }
    if (!at.value().is_array() || at.value().empty()) {
        at.fail("must be a number or an array of numbers, one per quarter");
    }
    std::vector<double> series;
    for (const auto& v : r.array(key)) {
        if (!v.value().is_number()) {
            v.fail("must be a number");
        }
        series.push_back(v.value().get<double>());
    }
    return series;
}

/// A series written back: one number when it is constant, else the array.
nlohmann::json seriesJson(const auto& series)
{
    return series.size() == 1 ? nlohmann::json(series.front()) : nlohmann::json(series);
}

/// A whole number at `key` (a count, quarters): refused when it has a fraction or is out of range.
int wholeAt(const JsonReader& r, const char* key, std::optional<double> fallback = std::nullopt)
{
    const double value = numberAt(r, key, fallback);
    if (value != std::floor(value) || std::abs(value) > 1e9) {
        r.failAt(key, formatNumber(value) + " is not a whole number from -1,000,000,000 to 1,000,000,000");
    }
    return static_cast<int>(value);
}

/// A required per-quarter series of whole counts of `noun` at `key` (supply, accelerators available).
std::vector<int> countsAt(const JsonReader& r, const char* key, const std::string& noun)
{
    std::vector<int> counts;
    for (const double value : seriesAt(r, key)) {
        if (value != std::floor(value) || std::abs(value) > 1e9) {
            r.failAt(key, formatNumber(value) + " is not a whole number of " + noun + " up to 1,000,000,000");
        }
        counts.push_back(static_cast<int>(value));
    }
    if (counts.empty()) {
        r.failAt(key, "missing");
    }
    return counts;
}

Quarter quarterAt(const JsonReader& r, const char* key)
{
    try {
        return Quarter::parse(r.text(key));
    } catch (const ValidationError& e) {
        r.failAt(key, e.what());
    }
}

/// An inference class: by hand, or from a served-model library entry (`model`) whose figures fill
/// what the class leaves out. `context` (the average context while decoding, of older files) gives
/// the prompt length when `input_tokens` is absent.
InferenceClass inferenceClassAt(const JsonReader& j)
{
    j.expectObject({"name",
                    "model",
                    "params",
                    "active_params",
                    "bytes_per_param",
                    "kv_bytes_per_token",
                    "kv_heads",
                    "layers",
                    "hidden_size",
                    "attention_flops_per_context_token",
                    "prefill_attention_flops_per_context_token",
                    "experts",
                    "experts_per_token",
                    "context",
                    "input_tokens",
                    "output_tokens",
                    "tokens_per_s_per_user",
                    "ttft_s",
                    "prefix_cache_hit",
                    "draft_tokens",
                    "draft_acceptance",
                    "disaggregated",
                    "unserved_usd_per_million_tokens",
                    "revenue_usd_per_million_tokens"});
    InferenceClass c;
    c.name = j.optionalText("name").value_or("default");
    c.bytesPerParameter = numberAt(j, "bytes_per_param", 2.0);
    std::optional<workload::ServedModel> shape;
    double kvValues = 0.0;
    if (const auto model = j.optionalText("model")) {
        try {
            const auto& entry = workload::findServedModel(workload::shippedServedModels(), *model);
            shape = entry.shape;
            kvValues = entry.kvValuesPerToken;
        } catch (const ValidationError& e) {
            j.failAt("model", e.what());
        }
        c.model = *model;
    }
    c.parameters = numberAt(j, "params", shape ? std::optional(shape->parameters) : std::nullopt);
    c.activeParameters = j.optionalNumber("active_params");
    if (!c.activeParameters && shape) {
        c.activeParameters = shape->activeParameters;
    }
    // Without a figure, the library's cache in FP8 beside FP8/FP4 weights, else in BF16.
    c.kvBytesPerToken = numberAt(j, "kv_bytes_per_token", kvValues * (c.bytesPerParameter < 2.0 ? 1.0 : 2.0));
    c.kvHeads = wholeAt(j, "kv_heads", shape ? shape->kvHeads : 8);
    c.layers = wholeAt(j, "layers", shape ? shape->layers : 0);
    c.hiddenSize = numberAt(j, "hidden_size", shape ? shape->hiddenSize : 0.0);
    c.attentionFlopsPerContextToken =
        numberAt(j, "attention_flops_per_context_token", shape ? shape->attentionFlopsPerContextToken : 0.0);
    c.prefillAttentionFlopsPerContextToken = numberAt(j, "prefill_attention_flops_per_context_token",
                                                      shape ? shape->prefillAttentionFlopsPerContextToken : 0.0);
    c.experts = wholeAt(j, "experts", shape ? shape->experts : 0);
    c.expertsPerToken = wholeAt(j, "experts_per_token", shape ? shape->expertsPerToken : 0);
    c.outputTokens = numberAt(j, "output_tokens", 1024.0);
    const auto context = j.optionalNumber("context");
    c.inputTokens = numberAt(j, "input_tokens", context ? std::max(0.0, *context - c.outputTokens / 2.0) : 1024.0);
    c.tokensPerSecondPerUser = numberAt(j, "tokens_per_s_per_user", 20.0);
    c.timeToFirstTokenS = j.optionalNumber("ttft_s");
    c.prefixCacheHit = numberAt(j, "prefix_cache_hit", 0.0);
    c.draftTokens = wholeAt(j, "draft_tokens", 0);
    c.draftAcceptance = numberAt(j, "draft_acceptance", 0.0);
    c.disaggregated = j.optionalBoolean("disaggregated").value_or(false);
    c.unservedUsdPerMillionTokens = j.optionalNumber("unserved_usd_per_million_tokens");
    c.revenueUsdPerMillionTokens = j.optionalNumber("revenue_usd_per_million_tokens");
    return c;
}

nlohmann::json inferenceClassJson(const InferenceClass& c)
{
    nlohmann::json j = {{"name", c.name},
                        {"params", c.parameters},
                        {"bytes_per_param", c.bytesPerParameter},
                        {"kv_bytes_per_token", c.kvBytesPerToken},
                        {"kv_heads", c.kvHeads},
                        {"input_tokens", c.inputTokens},
                        {"output_tokens", c.outputTokens},
                        {"tokens_per_s_per_user", c.tokensPerSecondPerUser}};
    if (!c.model.empty()) {
        j["model"] = c.model;
    }
    if (c.activeParameters) {
        j["active_params"] = *c.activeParameters;
    }
    const auto positive = [&](const char* key, double value) {
        if (value > 0.0) {
            j[key] = value;
        }
    };
    positive("layers", c.layers);
    positive("hidden_size", c.hiddenSize);
    positive("attention_flops_per_context_token", c.attentionFlopsPerContextToken);
    positive("prefill_attention_flops_per_context_token", c.prefillAttentionFlopsPerContextToken);
    positive("experts", c.experts);
    positive("experts_per_token", c.expertsPerToken);
    positive("prefix_cache_hit", c.prefixCacheHit);
    positive("draft_tokens", c.draftTokens);
    positive("draft_acceptance", c.draftAcceptance);
    if (c.timeToFirstTokenS) {
        j["ttft_s"] = *c.timeToFirstTokenS;
    }
    if (c.disaggregated) {
        j["disaggregated"] = true;
    }
    if (c.unservedUsdPerMillionTokens) {
        j["unserved_usd_per_million_tokens"] = *c.unservedUsdPerMillionTokens;
    }
    if (c.revenueUsdPerMillionTokens) {
        j["revenue_usd_per_million_tokens"] = *c.revenueUsdPerMillionTokens;
    }
    return j;
}

/// A cloud offer: provider, region, SKU, contract, price series with its sources, capacity.
CloudOffer cloudOfferAt(const JsonReader& j)
{
    j.expectObject({"provider", "provider_hq", "provider_parent", "provider_parent_hq", "region", "sku", "contract",
                    "term_quarters", "prepaid", "usd_per_accelerator_hour", "price_sources", "accelerators_per_quarter",
                    "min_commit_accelerators", "block_accelerators", "published_utilization", "owners"});
    CloudOffer o;
    o.provider = j.text("provider");
    o.providerHq = j.text("provider_hq");
    o.providerParent = j.optionalText("provider_parent").value_or("");
    o.providerParentHq = j.optionalText("provider_parent_hq").value_or("");
    for (const auto& owner : j.optionalArray("owners")) {
        owner.expectObject({"name", "share"});
        const double share = owner.number("share");
        if (!(share > 0.0 && share <= 1.0)) {
            owner.failAt("share", formatNumber(share) + " is not a share within (0, 1]");
        }
        o.owners.push_back({owner.name("name"), share});
    }
    double owned = 0.0;
    for (const auto& owner : o.owners) {
        owned += owner.share;
    }
    if (owned > 1.0 + 1e-9) {
        j.failAt("owners", "shares add up to " + formatNumber(owned) + ", more than the whole (1)");
    }
    o.region = j.text("region");
    o.sku = j.text("sku");
    const std::string contract = j.optionalText("contract").value_or("on_demand");
    if (contract != "on_demand" && contract != "reserved") {
        j.failAt("contract", "\"" + contract + "\" is not on_demand or reserved");
    }
    o.reserved = contract == "reserved";
    o.termQuarters = wholeAt(j, "term_quarters", o.reserved ? std::nullopt : std::optional<double>(1.0));
    o.prepaid = j.optionalBoolean("prepaid").value_or(false);
    o.usdPerAcceleratorHour = seriesAt(j, "usd_per_accelerator_hour");
    if (o.usdPerAcceleratorHour.empty()) {
        j.failAt("usd_per_accelerator_hour", "missing");
    }
    if (j.has("price_sources") && j.at("price_sources").value().is_string()) {
        o.priceSources = {j.text("price_sources")};
    } else {
        o.priceSources = j.texts("price_sources");
    }
    o.available = countsAt(j, "accelerators_per_quarter", "accelerators");
    o.minCommitAccelerators = wholeAt(j, "min_commit_accelerators", 0.0);
    o.blockAccelerators = wholeAt(j, "block_accelerators", 1.0);
    o.publishedUtilization = j.optionalNumber("published_utilization");
    return o;
}

nlohmann::json cloudOfferJson(const CloudOffer& o)
{
    nlohmann::json j = {{"provider", o.provider},
                        {"provider_hq", o.providerHq},
                        {"region", o.region},
                        {"sku", o.sku},
                        {"contract", o.reserved ? "reserved" : "on_demand"},
                        {"usd_per_accelerator_hour", seriesJson(o.usdPerAcceleratorHour)},
                        {"price_sources", o.priceSources},
                        {"accelerators_per_quarter", seriesJson(o.available)},
                        {"min_commit_accelerators", o.minCommitAccelerators},
                        {"block_accelerators", o.blockAccelerators}};
    if (o.reserved) {
        j["term_quarters"] = o.termQuarters;
        j["prepaid"] = o.prepaid;
    }
    if (!o.providerParent.empty()) {
        j["provider_parent"] = o.providerParent;
    }
    if (!o.providerParentHq.empty()) {
        j["provider_parent_hq"] = o.providerParentHq;
    }
    if (o.publishedUtilization) {
        j["published_utilization"] = *o.publishedUtilization;
    }
    for (const auto& owner : o.owners) {
        j["owners"].push_back({{"name", owner.name}, {"share", owner.share}});
    }
    return j;
}

} // namespace

Scenario scenarioFromJson(const std::string& text, const std::string& file)
{
    const auto document = JsonReader::parse(text, file);
    const JsonReader r(document, file);
    r.expectObject({"name", "first_quarter", "quarters", "discount_rate", "life_years", "sites", "installed", "demand",
                    "training_unserved_usd_per_pflop_hour", "training_revenue_usd_per_pflop_hour", "training_runs",
                    "inference_class", "inference_classes", "market", "cloud_offers", "policy", "buyer", "notes",
                    "uncertainty"});
    Scenario s;
    s.name = r.text("name");
    s.notes = r.optionalText("notes").value_or("");
    s.firstQuarter = quarterAt(r, "first_quarter");
    s.quarters = wholeAt(r, "quarters");
    s.discountRatePerYear = numberAt(r, "discount_rate", 0.08);
    s.lifeYears = numberAt(r, "life_years", 5.0);
    for (const auto& j : r.array("sites")) {
        j.expectObject({"name", "country", "pue", "electricity_usd_per_kwh", "power_mw", "liquid_cooling", "notes",
                        "build_out", "racks", "max_kw_per_rack", "units_per_rack", "oversubscription"});
        Site site;
        site.name = j.text("name");
        site.country = j.text("country");
        site.pue = numberAt(j, "pue", 1.3);
        site.electricityUsdPerKwh = numberAt(j, "electricity_usd_per_kwh", 0.08);
        site.powerMw = seriesAt(j, "power_mw");
        if (site.powerMw.empty()) {
            j.failAt("power_mw", "missing");
        }
        site.liquidCooling = j.optionalBoolean("liquid_cooling").value_or(true);
        site.notes = j.optionalText("notes").value_or("");
        if (j.has("racks")) {
            site.racks = wholeAt(j, "racks");
        }
        site.maxKwPerRack = j.optionalNumber("max_kw_per_rack");
        site.unitsPerRack = wholeAt(j, "units_per_rack", 42.0);
        site.oversubscription = numberAt(j, "oversubscription", 0.0);
        if (j.has("build_out")) {
            const JsonReader b = j.at("build_out");
            b.expectObject({"max_mw_per_quarter", "usd_per_mw", "lead_quarters"});
            site.buildOutMaxMwPerQuarter = numberAt(b, "max_mw_per_quarter");
            site.buildOutUsdPerMw = numberAt(b, "usd_per_mw");
            site.buildOutLeadQuarters = wholeAt(b, "lead_quarters", 0.0);
        }
        s.sites.push_back(site);
    }
    for (const auto& j : r.optionalArray("installed")) {
        j.expectObject({"site", "system", "count", "age_years", "resale_usd", "purchased", "price_usd"});
        InstalledSystems i{j.text("site"),
                           j.text("system"),
                           wholeAt(j, "count"),
                           numberAt(j, "age_years", 0.0),
                           j.optionalNumber("resale_usd"),
                           std::nullopt};
        // The purchase quarter and price, as a fleet register holds them, stand for the age and the
        // new price the used-price curve starts from.
        if (j.has("purchased")) {
            if (j.has("age_years")) {
                j.failAt("purchased", "give age_years or purchased, not both");
            }
            const int quarters = quartersFrom(quarterAt(j, "purchased"), s.firstQuarter);
            if (quarters < 0) {
                j.failAt("purchased", "is after the horizon's first quarter " + s.firstQuarter.toString());
            }
            i.ageYears = quarters / 4.0;
        }
        if (const auto price = j.optionalNumber("price_usd")) {
            if (i.resaleUsd) {
                j.failAt("price_usd", "give resale_usd or price_usd, not both");
            }
            i.priceUsd = *price;
        }
        s.installed.push_back(i);
    }
    for (const auto& j : r.array("demand")) {
        j.expectObject({"training_pflops", "inference_tokens_per_s", "forecast_training_pflops",
                        "forecast_inference_tokens_per_s", "largest_training_job_pflops"});
        s.demand.push_back({numberAt(j, "training_pflops", 0.0), seriesAt(j, "inference_tokens_per_s"),
                            numberAt(j, "forecast_training_pflops", 0.0),
                            seriesAt(j, "forecast_inference_tokens_per_s")});
        s.demand.back().largestTrainingJobPflops = numberAt(j, "largest_training_job_pflops", 0.0);
    }
    s.trainingUnservedUsdPerPflopHour = r.optionalNumber("training_unserved_usd_per_pflop_hour");
    s.trainingRevenueUsdPerPflopHour = r.optionalNumber("training_revenue_usd_per_pflop_hour");
    for (const auto& j : r.optionalArray("training_runs")) {
        j.expectObject(
            {"name", "start", "accelerators", "weeks", "training_flops", "parameters", "tokens", "precision"});
        TrainingRun run{j.text("name"), quarterAt(j, "start"), 0, numberAt(j, "weeks")};
        run.trainingFlops = j.optionalNumber("training_flops");
        run.parameters = j.optionalNumber("parameters");
        run.tokens = j.optionalNumber("tokens");
        const bool work = run.trainingFlops || run.parameters || run.tokens;
        run.accelerators = wholeAt(j, "accelerators", work ? std::optional(0.0) : std::nullopt);
        run.precision = j.optionalText("precision").value_or("bf16");
        s.trainingRuns.push_back(std::move(run));
    }
    // One class ("inference_class", named "default") or several ("inference_classes").
    std::vector<JsonReader> classes = r.optionalArray("inference_classes");
    if (r.has("inference_class")) {
        classes.push_back(r.at("inference_class"));
    }
    for (const auto& j : classes) {
        s.inferenceClasses.push_back(inferenceClassAt(j));
    }
    for (const auto& j : r.array("market")) {
        j.expectObject({"system", "price_usd", "supply_per_quarter", "lead_quarters", "condition", "age_years"});
        Offer o;
        o.system = j.text("system");
        o.priceUsd = seriesAt(j, "price_usd");
        o.supply = countsAt(j, "supply_per_quarter", "units");
        o.leadQuarters = wholeAt(j, "lead_quarters", 0.0);
        const std::string condition = j.optionalText("condition").value_or("new");
        if (condition != "new" && condition != "used") {
            j.failAt("condition", "\"" + condition + "\" is not new or used");
        }
        o.used = condition == "used";
        o.ageYears = numberAt(j, "age_years", 0.0);
        s.market.push_back(o);
    }
    for (const auto& j : r.optionalArray("cloud_offers")) {
        s.cloudOffers.push_back(cloudOfferAt(j));
    }
    if (r.has("policy")) {
        const JsonReader j = r.at("policy");
        j.expectObject({"objective", "rules", "resale_cost_share", "max_vendor_share", "min_vendors",
                        "min_vendor_share", "budget_usd_per_quarter", "budget_usd_total", "headroom",
                        "licence_appetite", "accept_review_items", "excluded_vendors", "restricted_parties"});
        s.policy.excludedVendors = j.texts("excluded_vendors");
        s.policy.rules = j.optionalText("rules").value_or("latest");
        s.policy.objective = j.optionalText("objective").value_or("min_cost");
        s.policy.resaleCostShare = numberAt(j, "resale_cost_share", 0.0);
        s.policy.maxVendorShare = numberAt(j, "max_vendor_share", 1.0);
        s.policy.minVendors = wholeAt(j, "min_vendors", 1.0);
        s.policy.minVendorShare = numberAt(j, "min_vendor_share", 0.1);
        if (j.optionalNumber("budget_usd_per_quarter")) {
            s.policy.budgetUsdPerQuarter = numberAt(j, "budget_usd_per_quarter");
        }
        if (j.optionalNumber("budget_usd_total")) {
            s.policy.budgetUsdTotal = numberAt(j, "budget_usd_total");
        }
        s.policy.headroom = numberAt(j, "headroom", 0.0);
        s.policy.licenceAppetite = j.optionalText("licence_appetite").value_or("none");
        s.policy.acceptReviewItems = j.optionalBoolean("accept_review_items").value_or(false);
        s.policy.restrictedParties = j.optionalText("restricted_parties").value_or("");
    }
    if (r.has("buyer")) {
        const JsonReader j = r.at("buyer");
        j.expectObject({"hq", "parent_hq", "consignee"});
        s.buyer.hqCountry = j.optionalText("hq").value_or("");
        s.buyer.parentHqCountry = j.optionalText("parent_hq").value_or("");
        s.buyer.consignee = j.optionalText("consignee").value_or("");
    }
    if (r.has("uncertainty")) {
        s.uncertainty = uncertaintyAt(r.at("uncertainty"), s.firstQuarter);
    }
    try {
        checkScenario(s);
    } catch (const ValidationError& e) {
        throw FileFormatError(file + ": " + e.what());
    }
    return s;
}

std::string scenarioToJson(const Scenario& s)
{
    nlohmann::json j;
    j["name"] = s.name;
    if (!s.notes.empty()) {
        j["notes"] = s.notes;
    }
    j["first_quarter"] = s.firstQuarter.toString();
    j["quarters"] = s.quarters;
    j["discount_rate"] = s.discountRatePerYear;
    j["life_years"] = s.lifeYears;
    j["sites"] = nlohmann::json::array();
    for (const auto& site : s.sites) {
        j["sites"].push_back({{"name", site.name},
                              {"country", site.country},
                              {"pue", site.pue},
                              {"electricity_usd_per_kwh", site.electricityUsdPerKwh},
                              {"power_mw", site.powerMw},
                              {"liquid_cooling", site.liquidCooling}});
        if (!site.notes.empty()) {
            j["sites"].back()["notes"] = site.notes;
        }
        if (site.racks) {
            j["sites"].back()["racks"] = *site.racks;
        }
        if (site.maxKwPerRack) {
            j["sites"].back()["max_kw_per_rack"] = *site.maxKwPerRack;
        }
        if (site.oversubscription > 0.0) {
            j["sites"].back()["oversubscription"] = site.oversubscription;
        }
        if (site.unitsPerRack != 42) {
            j["sites"].back()["units_per_rack"] = site.unitsPerRack;
        }
        if (site.buildOutMaxMwPerQuarter > 0.0) {
            j["sites"].back()["build_out"] = {{"max_mw_per_quarter", site.buildOutMaxMwPerQuarter},
                                              {"usd_per_mw", site.buildOutUsdPerMw},
                                              {"lead_quarters", site.buildOutLeadQuarters}};
        }
    }
    j["installed"] = nlohmann::json::array();
    for (const auto& i : s.installed) {
        nlohmann::json row = {{"site", i.site}, {"system", i.system}, {"count", i.count}};
        if (i.ageYears > 0.0) {
            row["age_years"] = i.ageYears;
        }
        if (i.resaleUsd) {
            row["resale_usd"] = *i.resaleUsd;
        }
        if (i.priceUsd) {
            row["price_usd"] = *i.priceUsd;
        }
        j["installed"].push_back(row);
    }
    j["demand"] = nlohmann::json::array();
    for (const auto& d : s.demand) {
        j["demand"].push_back({{"training_pflops", d.trainingPflops}});
        if (!d.inferenceTokensPerSecond.empty()) {
            j["demand"].back()["inference_tokens_per_s"] = seriesJson(d.inferenceTokensPerSecond);
        }
        if (d.forecastTrainingPflops > 0.0) {
            j["demand"].back()["forecast_training_pflops"] = d.forecastTrainingPflops;
        }
        if (!d.forecastInferenceTokensPerSecond.empty()) {
            j["demand"].back()["forecast_inference_tokens_per_s"] = seriesJson(d.forecastInferenceTokensPerSecond);
        }
        if (d.largestTrainingJobPflops > 0.0) {
            j["demand"].back()["largest_training_job_pflops"] = d.largestTrainingJobPflops;
        }
    }
    if (s.trainingUnservedUsdPerPflopHour) {
        j["training_unserved_usd_per_pflop_hour"] = *s.trainingUnservedUsdPerPflopHour;
    }
    if (s.trainingRevenueUsdPerPflopHour) {
        j["training_revenue_usd_per_pflop_hour"] = *s.trainingRevenueUsdPerPflopHour;
    }
    if (!s.trainingRuns.empty()) {
        j["training_runs"] = nlohmann::json::array();
        for (const auto& run : s.trainingRuns) {
            auto& out = j["training_runs"].emplace_back(
                nlohmann::json{{"name", run.name}, {"start", run.start.toString()}, {"weeks", run.weeks}});
            if (run.accelerators > 0 || !run.statedAsWork()) {
                out["accelerators"] = run.accelerators;
            }
            for (const auto& [key, value] :
                 {std::pair{"training_flops", run.trainingFlops}, std::pair{"parameters", run.parameters},
                  std::pair{"tokens", run.tokens}}) {
                if (value) {
                    out[key] = *value;
                }
            }
            if (run.precision != "bf16") {
                out["precision"] = run.precision;
            }
        }
    }
    j["inference_classes"] = nlohmann::json::array();
    for (const auto& c : s.inferenceClasses) {
        j["inference_classes"].push_back(inferenceClassJson(c));
    }
    j["market"] = nlohmann::json::array();
    for (const auto& o : s.market) {
        nlohmann::json offer = {
            {"system", o.system}, {"supply_per_quarter", seriesJson(o.supply)}, {"lead_quarters", o.leadQuarters}};
        if (!o.priceUsd.empty()) {
            offer["price_usd"] = seriesJson(o.priceUsd);
        }
        if (o.used) {
            offer["condition"] = "used";
            offer["age_years"] = o.ageYears;
        }
        j["market"].push_back(offer);
    }
    if (!s.cloudOffers.empty()) {
        j["cloud_offers"] = nlohmann::json::array();
        for (const auto& o : s.cloudOffers) {
            j["cloud_offers"].push_back(cloudOfferJson(o));
        }
    }
    nlohmann::json policy = {{"objective", s.policy.objective},
                             {"rules", s.policy.rules},
                             {"max_vendor_share", s.policy.maxVendorShare},
                             {"headroom", s.policy.headroom},
                             {"licence_appetite", s.policy.licenceAppetite}};
    if (s.policy.resaleCostShare > 0.0) {
        policy["resale_cost_share"] = s.policy.resaleCostShare;
    }
    if (s.policy.minVendors > 1) {
        policy["min_vendors"] = s.policy.minVendors;
        policy["min_vendor_share"] = s.policy.minVendorShare;
    }
    if (!s.policy.excludedVendors.empty()) {
        policy["excluded_vendors"] = s.policy.excludedVendors;
    }
    if (s.policy.budgetUsdPerQuarter) {
        policy["budget_usd_per_quarter"] = *s.policy.budgetUsdPerQuarter;
    }
    if (s.policy.budgetUsdTotal) {
        policy["budget_usd_total"] = *s.policy.budgetUsdTotal;
    }
    if (s.policy.acceptReviewItems) {
        policy["accept_review_items"] = true;
    }
    if (!s.policy.restrictedParties.empty()) {
        policy["restricted_parties"] = s.policy.restrictedParties;
    }
    j["policy"] = policy;
    if (s.buyer != Buyer{}) {
        nlohmann::json buyer = nlohmann::json::object();
        for (const auto& [key, value] :
             {std::pair{"hq", &s.buyer.hqCountry}, std::pair{"parent_hq", &s.buyer.parentHqCountry},
              std::pair{"consignee", &s.buyer.consignee}}) {
            if (!value->empty()) {
                buyer[key] = *value;
            }
        }
        j["buyer"] = buyer;
    }
    if (!s.uncertainty.events.empty()) {
        j["uncertainty"] = uncertaintyJson(s.uncertainty);
    }
    return j.dump(2);
}

} // namespace fw::core::plan
