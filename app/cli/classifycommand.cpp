// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "core/catalog/catalogjson.h"
#include "core/compliance/caps.h"
#include "core/datadirectory.h"
#include "core/error.h"

namespace fw::cli {
namespace {

using namespace fw::core::compliance;

struct ClassifyOptions {
    std::string rules;             ///< rule set id or "latest"
    std::vector<std::string> skus; ///< empty: every accelerator of the shipped catalog
    std::vector<std::string> destinations;
    std::string hq;
    std::string parentHq;
    std::optional<core::Date> date;
    int quantity = 1;
    std::string consignee;
    std::vector<std::string> ruleFiles; ///< the user's own rule sets
    bool json = false;
};

constexpr const char* disclaimer = "Decision support, not legal advice: check every result against the current "
                                   "EAR and with counsel before shipping.";

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

void checkCountry(const CountryGroups& groups, const std::string& option, const std::string& code)
{
    if (!code.empty() && !groups.isoCodes.contains(code)) {
        throw core::ValidationError(option + ": unknown country code '" + code + "' (ISO 3166-1 alpha-2, e.g. CN, DE)");
    }
}

nlohmann::json citationJson(const Citation& c)
{
    return {{"rule_set", c.ruleSet},
            {"paragraph", c.paragraph},
            {"text", c.text},
            {"url", c.url},
            {"provenance", c.provenance}};
}

nlohmann::json orNull(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json();
}

/// The classification's ECCN; "needs_review", never "not_controlled", when a missing figure could
/// control the item.
std::string eccnText(const Classification& c)
{
    return c.review && c.eccn == "not_controlled" ? "needs_review" : c.eccn;
}

/// The stricter answer a missing catalog figure leaves open, or null.
nlohmann::json reviewJson(const Determination& d)
{
    if (!d.review) {
        return nullptr;
    }
    const auto& r = *d.review;
    return {{"eccn", r.eccn},
            {"paragraph", r.candidate.paragraph},
            {"missing", r.candidate.missing},
            {"thresholds", r.candidate.thresholds},
            {"treatment_if_controlled", std::string(toString(r.treatment))},
            {"review_policy_if_controlled", r.reviewPolicy == ReviewPolicy::None
                                                ? nlohmann::json()
                                                : nlohmann::json(std::string(toString(r.reviewPolicy)))},
            {"decided_by_if_controlled", r.decidedBy},
            {"treatment_otherwise", std::string(toString(d.treatment))}};
}

nlohmann::json assessmentJson(const LineItemAssessment& a)
{
    const Determination& d = a.determination;
    nlohmann::json exceptions = nlohmann::json::array();
    for (const auto& e : d.exceptions) {
        exceptions.push_back(
            {{"code", e.code}, {"cfr", e.cfr}, {"mechanism", e.mechanism}, {"notice_days", e.noticeDays}});
    }
    nlohmann::json citations = nlohmann::json::array();
    for (const auto& c : d.citations) {
        citations.push_back(citationJson(c));
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : d.warnings) {
        warnings.push_back({{"message", w.message}, {"citation", w.citation}, {"url", w.url}});
    }
    nlohmann::json crossings = nlohmann::json::array();
    for (const auto& c : a.crossings) {
        crossings.push_back({{"cap", c.capId},
                             {"key", c.key},
                             {"limit_tpp", c.limitTpp},
                             {"used_before_tpp", c.usedBeforeTpp},
                             {"item_tpp", c.itemTpp},
                             {"excess_tpp", c.excessTpp}});
    }
    return {{"destination", a.lineItem.party.destination},
            {"hq", a.lineItem.party.endUserHq},
            {"parent_hq", a.lineItem.party.parentHq},
            {"treatment", d.review ? std::string("needs_review") : std::string(toString(d.treatment))},
            {"review", reviewJson(d)},
            {"review_policy", d.reviewPolicy == ReviewPolicy::None
                                  ? nlohmann::json()
                                  : nlohmann::json(std::string(toString(d.reviewPolicy)))},
            {"exceptions", exceptions},
            {"decided_by", d.decidedBy},
            {"citations", citations},
            {"warnings", warnings},
            {"cap_crossings", crossings}};
}

std::string describe(const Determination& d)
{
    std::string text = treatmentText(d.treatment, d.reviewPolicy);
    for (const auto& e : d.exceptions) {
        text += " " + e.code + (e.noticeDays > 0 ? " " + std::to_string(e.noticeDays) + "-day notice" : "");
    }
    if (d.review) {
        text = "needs review: " + treatmentText(d.review->treatment, d.review->reviewPolicy) + " if " +
               d.review->candidate.thresholds + ", otherwise " + text;
    }
    return text;
}

} // namespace

/// `classify --rules ID|latest [--sku SKU[,SKU…]] [--dest CC[,CC…]] [--hq CC] [--parent-hq CC]
/// [--date YYYY-MM-DD] [--quantity N] [--consignee NAME] [--rule-file FILE] [--json]`.
int runClassify(Arguments args)
{
    ClassifyOptions options;
    options.json = args.flag("json");
    const auto rules = args.option("rules");
    if (!rules) {
        throw UsageError("classify needs --rules ID|latest");
    }
    options.rules = *rules;
    if (const auto sku = args.option("sku")) {
        options.skus = splitList(*sku);
    }
    if (const auto dest = args.option("dest")) {
        options.destinations = splitList(*dest);
    }
    options.hq = args.option("hq").value_or("");
    options.parentHq = args.option("parent-hq").value_or("");
    if (const auto date = args.option("date")) {
        options.date = core::Date::parse(*date);
    }
    options.quantity = static_cast<int>(*args.integer("quantity"));
    if (options.quantity < 1) {
        throw core::ValidationError("--quantity: " + std::to_string(options.quantity) + " must be ≥ 1");
    }
    options.consignee = args.option("consignee").value_or("");
    options.ruleFiles = args.options("rule-file");
    args.finish();

    std::vector<std::filesystem::path> extra(options.ruleFiles.begin(), options.ruleFiles.end());
    const RuleLibrary library = RuleLibrary::loadShipped(extra);
    const auto catalog = core::catalog::loadCatalogDirectory(core::dataDirectory() / "catalog");
    for (const auto& code : options.destinations) {
        checkCountry(library.countryGroups(), "--dest", code);
    }
    checkCountry(library.countryGroups(), "--hq", options.hq);
    checkCountry(library.countryGroups(), "--parent-hq", options.parentHq);
    RuleStack stack = library.stackFor(options.rules);
    if (options.date) {
        stack = library.stackAt(*options.date);
    }
    std::vector<const core::catalog::Accelerator*> accelerators;
    if (options.skus.empty()) {
        for (const auto& a : catalog.accelerators) {
            accelerators.push_back(&a);
        }
    }
    for (const auto& sku : options.skus) {
        const auto* a = catalog.findAccelerator(sku);
        if (a == nullptr) {
            throw core::ValidationError("--sku: unknown accelerator '" + sku + "'");
        }
        accelerators.push_back(a);
    }

    nlohmann::json items = nlohmann::json::array();
    for (const auto* a : accelerators) {
        const ItemMetrics metrics = itemMetrics(*a);
        const Classification c = classify(stack, metrics);
        std::vector<LineItem> lineItems;
        for (const auto& destination : options.destinations) {
            lineItems.push_back({a->sku + " → " + destination,
                                 metrics,
                                 options.quantity,
                                 1,
                                 false,
                                 {destination, options.hq, options.parentHq},
                                 options.consignee,
                                 stack.date});
        }
        const auto assessments = assessLineItems(library, lineItems);
        nlohmann::json destinations = nlohmann::json::array();
        for (const auto& assessment : assessments) {
            destinations.push_back(assessmentJson(assessment));
        }
        items.push_back({{"sku", a->sku},
                         {"tpp", orNull(metrics.tpp)},
                         {"pd", orNull(metrics.pd)},
                         {"eccn", eccnText(c)},
                         {"review_candidate", c.review ? nlohmann::json{{"eccn", c.review->eccn},
                                                                        {"paragraph", c.review->paragraph},
                                                                        {"missing", c.review->missing},
                                                                        {"thresholds", c.review->thresholds}}
                                                       : nlohmann::json()},
                         {"paragraph", c.paragraph},
                         {"system_eccn", c.systemEccn},
                         {"classification_citation", c.citation ? citationJson(*c.citation) : nlohmann::json()},
                         {"destinations", destinations}});
        if (!options.json) {
            std::cout << a->sku << ": " << eccnText(c) << (c.paragraph.empty() ? "" : " (" + c.paragraph + ")");
            if (c.review) {
                std::cout << "; needs review: " << c.review->eccn << " (" << c.review->paragraph << ") if "
                          << c.review->thresholds;
            }
            std::cout << ", TPP " << (metrics.tpp ? core::formatNumber(*metrics.tpp) : "–") << "\n";
            for (const auto& assessment : assessments) {
                const auto& d = assessment.determination;
                std::cout << "  → " << assessment.lineItem.party.destination << ": " << describe(d) << "  ["
                          << d.decidedBy << "]\n";
                for (const auto& citation : d.citations) {
                    std::cout << "      " << citation.ruleSet << " " << citation.paragraph << " " << citation.url
                              << "\n";
                }
                for (const auto& w : d.warnings) {
                    std::cout << "      warning: " << w.message << "\n";
                }
            }
        }
    }
    nlohmann::json stackJson = {{"date", stack.date.toString()},
                                {"name", stack.name()},
                                {"base", stack.base->id},
                                {"overlays", nlohmann::json::array()},
                                {"not_enforced", nlohmann::json::array()},
                                {"foreign_measures", nlohmann::json::array()}};
    for (const auto* rs : stack.overlays) {
        stackJson["overlays"].push_back(rs->id);
    }
    for (const auto* rs : stack.notEnforced) {
        stackJson["not_enforced"].push_back(rs->id);
    }
    for (const auto* rs : stack.foreignMeasures) {
        stackJson["foreign_measures"].push_back(rs->id);
    }
    if (options.json) {
        std::cout << nlohmann::json{{"stack", stackJson}, {"disclaimer", disclaimer}, {"items", items}}.dump(2) << "\n";
    } else {
        std::cout << "\nRules: " << stack.name() << " on " << stack.date.toString() << ". " << disclaimer << "\n";
    }
    return 0;
}

} // namespace fw::cli
