// SPDX-License-Identifier: Apache-2.0
#include "core/report/plainwords.h"

#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <vector>

#include "core/catalog/fields.h"
#include "core/numbertext.h"
#include "core/textforms.h"

namespace fw::core::report {
namespace {

/// Words of the keys of scenario JSON (data/sample/README.md), the model assumptions
/// (data/models/assumptions.json), fabric link layers and enumeration values.
const std::map<std::string, std::string, std::less<>>& keyWords()
{
    static const std::map<std::string, std::string, std::less<>> words = [] {
        std::map<std::string, std::string, std::less<>> w{
            // scenario
            {"name", "name"},
            {"first_quarter", "first quarter"},
            {"quarters", "horizon length (quarters)"},
            {"discount_rate", "discount rate"},
            {"life_years", "depreciation life (years)"},
            {"country", "country"},
            {"pue", "PUE"},
            {"electricity_usd_per_kwh", "electricity price (USD/kWh)"},
            {"power_mw", "power (MW)"},
            {"liquid_cooling", "liquid cooling"},
            {"build_out", "build-out"},
            {"build_out.max_mw_per_quarter", "build-out (MW per quarter)"},
            {"build_out.usd_per_mw", "build-out price (USD/MW)"},
            {"build_out.lead_quarters", "build-out lead (quarters)"},
            {"max_mw_per_quarter", "MW per quarter"},
            {"usd_per_mw", "USD per MW"},
            {"racks", "rack positions"},
            {"max_kw_per_rack", "kW per rack"},
            {"units_per_rack", "U per rack"},
            {"oversubscription", "oversubscription"},
            {"site", "site"},
            {"system", "system"},
            {"count", "units"},
            {"age_years", "age (years)"},
            {"resale_usd", "resale value (USD)"},
            {"purchased", "purchase quarter"},
            {"price_usd", "price (USD)"},
            {"training_pflops", "training demand (PFLOP/s)"},
            {"forecast_training_pflops", "forecast training demand (PFLOP/s)"},
            {"largest_training_job_pflops", "largest training job (PFLOP/s)"},
            {"inference_tokens_per_s", "inference demand (tokens/s)"},
            {"start", "start"},
            {"accelerators", "accelerators"},
            {"weeks", "weeks"},
            {"training_flops", "training FLOPs"},
            {"params", "parameters"},
            {"active_params", "active parameters"},
            {"bytes_per_param", "bytes per parameter"},
            {"kv_bytes_per_token", "KV-cache bytes per token"},
            {"context", "context (tokens)"},
            {"tokens_per_s_per_user", "tokens/s per user"},
            {"supply_per_quarter", "supply (units per quarter)"},
            {"lead_quarters", "lead time (quarters)"},
            {"condition", "condition"},
            {"objective", "objective"},
            {"rules", "export-control rules"},
            {"resale_cost_share", "cost of reselling"},
            {"max_vendor_share", "largest vendor share"},
            {"min_vendors", "minimum number of vendors"},
            {"min_vendor_share", "minimum share of each vendor"},
            {"budget_usd_per_quarter", "budget per quarter (USD)"},
            {"budget_usd_total", "budget in total (USD)"},
            {"headroom", "headroom over demand"},
            {"licence_appetite", "licence appetite"},
            {"excluded_vendors", "excluded vendors"},
            // model assumptions
            {"goodput", "goodput"},
            {"network_storage_share", "network and storage share of server power"},
            {"host_overhead_factor", "host overhead (× accelerator TDP)"},
            {"utilization", "utilisation"},
            {"maintenance_share_per_year", "maintenance per year (share of the price)"},
            {"inference_compute_efficiency", "inference compute efficiency"},
            {"inference_memory_efficiency", "inference memory-bandwidth efficiency"},
            {"usable_memory_share", "usable share of memory"},
            {"power_oversubscription_gain", "power oversubscription gain"},
            {"host_integration_usd_per_8_accelerators", "host and integration per 8 accelerators"},
            {"mfu", "model FLOPs utilisation (MFU)"},
            // fabric link layers
            {"node_leaf", "node–leaf"},
            {"leaf_spine", "leaf–spine"},
            {"spine_core", "spine–core"},
            // enumeration values
            {"license_required", "licence required"},
            {"license_exception", "licence exception"},
            {"prohibited_risk", "prohibited risk"},
            {"presumption_of_approval", "approval presumed"},
            {"presumption_of_denial", "denial presumed"},
            {"case_by_case", "case-by-case"},
            {"not_controlled", "not controlled"},
            {"allowed_nlr", "allowed (no licence required)"},
            {"full_system", "full system"},
            {"accelerator_only", "accelerator only"},
            {"time_limit", "stopped at the time limit"},
            {"min_cost", "lowest cost that meets demand"},
            {"max_capacity", "most capacity the budgets buy"},
            {"max_margin", "highest NPV margin"},
        };
        // Catalog fields: their labels from the one description of each record.
        const auto add = [&w](const catalog::FieldInfo& f, const auto&) {
            w.emplace(std::string(f.key), std::string(f.label));
        };
        catalog::Accelerator accelerator;
        catalog::System system;
        catalog::NetworkPart part;
        catalog::visitFields(accelerator, add);
        catalog::visitFields(system, add);
        catalog::visitFields(part, add);
        return w;
    }();
    return words;
}

std::string quoted(const std::string& name)
{
    return "“" + elided(name, 60) + "”";
}

/// How a path's index is read after this key: a quarter of the horizon, or an inference class.
enum class IndexOf { Row, Quarter, InferenceClass };

IndexOf indexOf(std::string_view key)
{
    if (key == "power_mw" || key == "price_usd" || key == "supply_per_quarter" || key == "demand") {
        return IndexOf::Quarter;
    }
    if (key == "inference_tokens_per_s") {
        return IndexOf::InferenceClass;
    }
    return IndexOf::Row;
}

std::string quarterWords(const plan::Scenario* s, std::size_t k)
{
    return s != nullptr ? s->firstQuarter.plus(static_cast<int>(k)).toString() : "quarter " + std::to_string(k + 1);
}

/// A row of one of the scenario's lists: `sites[1]` is site “Norway”.
std::string rowWords(std::string_view list, std::size_t i, const plan::Scenario* s)
{
    const std::string number = std::to_string(i + 1);
    if (list == "sites") {
        return "site " + (s != nullptr && i < s->sites.size() ? quoted(s->sites[i].name) : number);
    }
    if (list == "market") {
        if (s != nullptr && i < s->market.size()) {
            return "offer " + quoted(s->market[i].system + (s->market[i].used ? " (used)" : ""));
        }
        return "offer " + number;
    }
    if (list == "installed") {
        if (s != nullptr && i < s->installed.size()) {
            return "installed " + quoted(s->installed[i].system) + " at " + quoted(s->installed[i].site);
        }
        return "installed row " + number;
    }
    if (list == "demand") {
        return "demand in " + quarterWords(s, i);
    }
    if (list == "training_runs") {
        return "training run " +
               (s != nullptr && i < s->trainingRuns.size() ? quoted(s->trainingRuns[i].name) : number);
    }
    if (list == "events") {
        return "event " +
               (s != nullptr && i < s->uncertainty.events.size() ? quoted(s->uncertainty.events[i].name) : number);
    }
    if (list == "cloud_offers") {
        return "cloud offer " + (s != nullptr && i < s->cloudOffers.size()
                                     ? quoted(s->cloudOffers[i].provider + " " + s->cloudOffers[i].sku)
                                     : number);
    }
    if (list == "inference_classes") {
        return "inference class " +
               (s != nullptr && i < s->inferenceClasses.size() ? quoted(s->inferenceClasses[i].name) : number);
    }
    return plainKey(list) + " " + number;
}

struct Segment {
    std::string key;
    std::optional<std::size_t> index;
};

std::vector<Segment> segments(const std::string& path)
{
    static const std::regex segment(R"(([a-z][a-z0-9_]*)(?:\[(\d+)\])?)");
    std::vector<Segment> parts;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), segment); it != std::sregex_iterator(); ++it) {
        Segment s{(*it)[1].str(), std::nullopt};
        if ((*it)[2].matched) {
            s.index = std::stoul((*it)[2].str());
        }
        parts.push_back(std::move(s));
    }
    return parts;
}

bool isList(std::string_view key)
{
    return key == "sites" || key == "market" || key == "installed" || key == "demand" || key == "training_runs" ||
           key == "inference_classes" || key == "events" || key == "cloud_offers";
}

/// The words of one matched path, or nullopt when it is not one (plain English like "e.g").
std::optional<std::string> pathWords(const std::string& path, const plan::Scenario* s)
{
    const auto parts = segments(path);
    // Words without an underscore or index are English unless every part of a dotted path is a
    // key ("policy.headroom", not "e.g").
    const bool looksLikePath = path.find('_') != std::string::npos || path.find('[') != std::string::npos;
    if (!looksLikePath && path.find('.') == std::string::npos) {
        return std::nullopt;
    }
    std::vector<std::string> words;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Segment& part = parts[i];
        if (part.key == "policy" || part.key == "inference_class" || part.key == "uncertainty") {
            continue; // the field's own words say enough
        }
        if (isList(part.key) && (part.index || looksLikePath)) {
            if (!part.index) {
                words.push_back(plainKey(part.key));
                continue;
            }
            words.push_back(rowWords(part.key, *part.index, s));
            continue;
        }
        std::string key = part.key;
        std::optional<std::size_t> index = part.index;
        if (i + 1 < parts.size() && keyWords().contains(part.key + "." + parts[i + 1].key)) {
            key = part.key + "." + parts[i + 1].key; // build_out.usd_per_mw
            index = parts[++i].index;
        }
        const auto known = keyWords().find(key);
        if (known == keyWords().end() && !looksLikePath) {
            return std::nullopt;
        }
        std::string field = plainKey(key);
        if (index) {
            switch (indexOf(key)) {
            case IndexOf::Quarter: field += " in " + quarterWords(s, *index); break;
            case IndexOf::InferenceClass:
                field += " of " + (s != nullptr && *index < s->inferenceClasses.size()
                                       ? quoted(s->inferenceClasses[*index].name)
                                       : "class " + std::to_string(*index + 1));
                break;
            case IndexOf::Row: field += " " + std::to_string(*index + 1); break;
            }
        }
        words.push_back(std::move(field));
    }
    if (words.empty()) {
        return std::nullopt;
    }
    std::string joined;
    for (const auto& w : words) {
        joined += (joined.empty() ? "" : ", ") + w;
    }
    return joined;
}

} // namespace

std::string plainReviewPolicy(compliance::ReviewPolicy review)
{
    switch (review) {
    case compliance::ReviewPolicy::PresumptionOfApproval: return "approval presumed";
    case compliance::ReviewPolicy::CaseByCase: return "case-by-case";
    case compliance::ReviewPolicy::PresumptionOfDenial: return "denial presumed";
    case compliance::ReviewPolicy::None: break;
    }
    return "";
}

std::string plainTreatment(compliance::Treatment treatment, compliance::ReviewPolicy review)
{
    switch (treatment) {
    case compliance::Treatment::Allowed: return "allowed";
    case compliance::Treatment::LicenseException: return "licence exception";
    case compliance::Treatment::ProhibitedRisk: return "prohibited risk";
    case compliance::Treatment::LicenseRequired: break;
    }
    const std::string policy = plainReviewPolicy(review);
    return policy.empty() ? "licence required" : "licence required (" + policy + ")";
}

std::string plainEccn(std::string_view eccn)
{
    return eccn == "not_controlled" ? "not controlled" : std::string(eccn);
}

std::string plainObjective(std::string_view objective)
{
    return plainKey(objective);
}

std::string plainLicenceAppetite(std::string_view appetite)
{
    if (appetite == "none") {
        return "none: only licence-free purchases";
    }
    return "counts on licences with " + plainKey(appetite) + " review";
}

std::string plainKey(std::string_view key)
{
    if (const auto it = keyWords().find(key); it != keyWords().end()) {
        return it->second;
    }
    std::string words(key);
    for (char& c : words) {
        c = c == '_' ? ' ' : c;
    }
    return words;
}

std::string plainFieldValue(const catalog::FieldValue& value, std::string_view key)
{
    if (const auto* flag = std::get_if<bool>(&value)) {
        return *flag ? "yes" : "no";
    }
    const auto* text = std::get_if<std::string>(&value);
    if (key == "used_price_curve" && text != nullptr) {
        std::string words;
        for (const auto& point : catalog::usedPriceCurveFromJson(*text)) {
            words += (words.empty() ? "" : "; ") + point.date.toString() + ": " +
                     groupedNumber(units::inUsd(point.price)) + " USD";
        }
        return words;
    }
    return text != nullptr ? plainMessage(*text) : catalog::toText(value); // notes may name fields by key
}

std::string plainMessage(std::string_view message, const plan::Scenario* scenario)
{
    // URLs are left as they are; everything between them is rewritten path by path.
    static const std::regex url(R"(https?://\S+)");
    static const std::regex path(R"([a-z][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z][a-z0-9_]*(?:\[\d+\])?)*)");
    // A catalog field named by its key, one word or several: "field 'sku'" is "field 'SKU'".
    static const std::regex field(R"(field '([a-z][a-z0-9_]*)')");
    std::string text;
    std::size_t done = 0;
    const std::string original(message);
    for (auto it = std::sregex_iterator(original.begin(), original.end(), field); it != std::sregex_iterator(); ++it) {
        text += original.substr(done, static_cast<std::size_t>(it->position()) - done) + "field '" +
                plainKey((*it)[1].str()) + "'";
        done = static_cast<std::size_t>(it->position() + it->length());
    }
    text += original.substr(done);
    std::string out;
    const auto rewrite = [&](const std::string& plain) {
        std::size_t last = 0;
        for (auto it = std::sregex_iterator(plain.begin(), plain.end(), path); it != std::sregex_iterator(); ++it) {
            const auto position = static_cast<std::size_t>(it->position());
            // A word glued to letters or digits before it (3A090.a, US-AC) is not a path.
            // So is a part of a file path ("/tmp/my_fleet.fleet").
            const auto gluedTo = [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '/' ||
                       c == '\\' || c == '_';
            };
            const bool glued = position > 0 && gluedTo(plain[position - 1]);
            const auto words = glued ? std::nullopt : pathWords(it->str(), scenario);
            out += plain.substr(last, position - last);
            out += words ? *words : it->str();
            last = position + static_cast<std::size_t>(it->length());
        }
        out += plain.substr(last);
    };
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), url); it != std::sregex_iterator(); ++it) {
        rewrite(text.substr(last, static_cast<std::size_t>(it->position()) - last));
        out += it->str();
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    rewrite(text.substr(last));
    return out;
}

} // namespace fw::core::report
