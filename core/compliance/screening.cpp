// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/screening.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <sstream>

#include "core/numbertext.h"

namespace fw::core::compliance {
namespace {

/// Legal-form words dropped from the end of a name (after punctuation became spaces).
constexpr std::array legalForms{"co",  "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc",
                                "plc", "gmbh",    "ag",  "sa",      "bv",  "nv",           "pte",  "pty",         "kk"};

bool isLegalForm(std::string_view word)
{
    return std::find(legalForms.begin(), legalForms.end(), word) != legalForms.end();
}

bool onList(const std::vector<std::string>& lists, const std::string& list)
{
    return std::find(lists.begin(), lists.end(), list) != lists.end();
}

std::string percent(double share)
{
    return formatNumber(std::round(share * 1000.0) / 10.0) + " %";
}

std::string periodCited(const OwnershipRule& rule, const OwnershipRulePeriod& period)
{
    return rule.id + (rule.name.empty() ? "" : " (" + rule.name + ")") + ", " + std::string(toString(period.status)) +
           " from " + period.from.toString() + (period.citation.empty() ? "" : ", " + period.citation) + ", " +
           period.source;
}

} // namespace

std::string normalisedName(std::string_view name)
{
    std::string spaced;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u) != 0) {
            spaced += u < 0x80 ? static_cast<char>(std::tolower(u)) : c;
        } else {
            spaced += c == '&' ? " and " : " ";
        }
    }
    std::vector<std::string> words;
    std::istringstream in(spaced);
    for (std::string word; in >> word;) {
        words.push_back(word);
    }
    while (words.size() > 1 && isLegalForm(words.back())) {
        words.pop_back();
    }
    std::string joined;
    for (const auto& word : words) {
        joined += (joined.empty() ? "" : " ") + word;
    }
    return joined;
}

const RestrictedParty* listedParty(const RestrictedPartyList& list, std::string_view name, Date date)
{
    const std::string wanted = normalisedName(name);
    if (wanted.empty()) {
        return nullptr;
    }
    for (const auto& party : list.parties) {
        if (party.dateAdded > date) {
            continue;
        }
        const bool named = normalisedName(party.name) == wanted ||
                           std::any_of(party.aliases.begin(), party.aliases.end(),
                                       [&](const std::string& alias) { return normalisedName(alias) == wanted; });
        if (named) {
            return &party;
        }
    }
    return nullptr;
}

std::string citedEntry(const RestrictedParty& entry)
{
    return entry.name + " (" + entry.list + ", " + entry.country + ", added " + entry.dateAdded.toString() +
           (entry.citation.empty() ? "" : ", " + entry.citation) + ", " + entry.source + ")";
}

ScreeningAnswer screenCounterparty(const Counterparty& party, Date date, const RestrictedPartyList& list)
{
    ScreeningAnswer answer;
    for (const auto& [who, name] : {std::pair{"provider", &party.name}, std::pair{"parent", &party.parent}}) {
        if (const RestrictedParty* entry = listedParty(list, *name, date)) {
            answer.verdict = ScreeningVerdict::Blocked;
            answer.matchedAs = who;
            answer.entry = *entry;
            answer.text = std::string(who) + " '" + *name + "' is on the " + entry->list + ": " + citedEntry(*entry);
            return answer;
        }
    }
    for (const auto& rule : list.ownershipRules) {
        double listedShare = 0.0; // one listed owner or several together
        const Owner* largest = nullptr;
        const RestrictedParty* largestEntry = nullptr;
        for (const auto& owner : party.owners) {
            const RestrictedParty* entry = listedParty(list, owner.name, date);
            if (entry != nullptr && onList(rule.lists, entry->list)) {
                listedShare += owner.share;
                if (largest == nullptr || owner.share > largest->share) {
                    largest = &owner;
                    largestEntry = entry;
                }
            }
        }
        const OwnershipRulePeriod* period = rule.periodOn(date);
        if (largest == nullptr || listedShare + 1e-9 < rule.minShare || period == nullptr ||
            period->status == OwnershipRuleStatus::NotInForce) {
            continue;
        }
        const std::string owned = "'" + party.name + "' is " + percent(listedShare) + " owned by listed parties (" +
                                  largest->name + ": " + citedEntry(*largestEntry) + ")";
        const std::string rated = "the " + percent(rule.minShare) + " ownership rule " + periodCited(rule, *period);
        ScreeningAnswer byOwner;
        byOwner.entry = *largestEntry;
        byOwner.matchedAs = "owner (" + percent(largest->share) + ")";
        byOwner.rule = rule.id;
        switch (period->status) {
        case OwnershipRuleStatus::InForce:
            byOwner.verdict = ScreeningVerdict::Blocked;
            byOwner.text = owned + ", restricted as they are under " + rated;
            return byOwner; // nothing is stricter
        case OwnershipRuleStatus::Unknown:
            byOwner.verdict = ScreeningVerdict::NeedsReview;
            byOwner.text = owned + "; needs review: what applies is not known to the data (" + rated + ")";
            break;
        case OwnershipRuleStatus::Suspended:
            byOwner.verdict = ScreeningVerdict::Clear;
            byOwner.text = "red flag: " + owned + "; " + rated + " (restrictions apply to listed parties only)";
            break;
        case OwnershipRuleStatus::NotInForce: break;
        }
        if (answer.text.empty() || byOwner.verdict == ScreeningVerdict::NeedsReview) {
            answer = byOwner;
        }
    }
    return answer;
}

} // namespace fw::core::compliance
