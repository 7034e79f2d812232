// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/caps.h"

#include <algorithm>
#include <map>

#include "core/numbertext.h"

namespace fw::core::compliance {

bool countsAgainst(const Cap& cap, const CountryGroups& groups, const Determination& d, const std::string& destination,
                   Date date)
{
    const bool eccn = std::any_of(cap.appliesTo.begin(), cap.appliesTo.end(),
                                  [&](const std::string& e) { return e == "*" || e == d.eccn; });
    const bool window = (!cap.windowFrom || *cap.windowFrom <= date) && (!cap.windowTo || date <= *cap.windowTo);
    if (!eccn || !window || !groups.matches(cap.destinations, destination)) {
        return false;
    }
    if (!cap.exception) {
        return d.treatment == Treatment::LicenseRequired;
    }
    return std::any_of(d.exceptions.begin(), d.exceptions.end(),
                       [&](const ExceptionUse& use) { return use.code == *cap.exception; });
}

std::string capKey(const Cap& cap, const std::string& consignee, const std::string& destination, Date date)
{
    if (cap.scope == CapScope::PerDestinationCountry) {
        return destination;
    }
    return (consignee.empty() ? std::string("(unnamed consignee)") : consignee) + " " + std::to_string(date.year());
}

std::vector<LineItemAssessment> assessLineItems(const RuleLibrary& library, std::vector<LineItem> items)
{
    std::stable_sort(items.begin(), items.end(),
                     [](const LineItem& a, const LineItem& b) { return a.shipDate < b.shipDate; });
    std::map<std::pair<std::string, std::string>, double> used; // (cap id, key) → TPP used
    std::vector<LineItemAssessment> results;
    for (auto& item : items) {
        const RuleStack stack = library.stackAt(item.shipDate);
        LineItemAssessment result{
            item, stack.name(), determine(stack, library.countryGroups(), item.item, item.party, item.asSystem), {}};
        const double amount = item.item.tpp.value_or(0.0) * item.acceleratorsPerUnit * item.quantity;
        for (const RuleSet* rs : stack.layers()) {
            for (const auto& cap : rs->caps) {
                Determination& d = result.determination;
                if (!countsAgainst(cap, library.countryGroups(), d, item.party.destination, item.shipDate)) {
                    continue;
                }
                const std::string key = capKey(cap, item.consignee, item.party.destination, item.shipDate);
                double& running = used[{cap.id, key}];
                if (running + amount <= cap.limitTpp) {
                    running += amount;
                    continue;
                }
                result.crossings.push_back(
                    {cap.id, key, cap.limitTpp, running, amount, running + amount - cap.limitTpp, cap.citation});
                d.citations.push_back(cap.citation);
                const std::string excess = formatNumber(running + amount - cap.limitTpp);
                if (cap.exception) {
                    std::erase_if(d.exceptions, [&](const ExceptionUse& use) { return use.code == *cap.exception; });
                    if (d.exceptions.empty()) {
                        d.treatment = Treatment::LicenseRequired;
                    }
                } else {
                    d.reviewPolicy = ReviewPolicy::PresumptionOfDenial;
                }
                d.warnings.push_back({Issue::Severity::Warning, item.label,
                                      "crosses cap " + cap.id + " for " + key + " by " + excess + " TPP (limit " +
                                          formatNumber(cap.limitTpp) + " TPP, used before " + formatNumber(running) +
                                          ")",
                                      cap.citation.ruleSet + " " + cap.citation.paragraph, cap.citation.url});
            }
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace fw::core::compliance
