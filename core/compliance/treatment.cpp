// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/treatment.h"

#include <algorithm>
#include <cctype>

namespace fw::core::compliance {
namespace {

bool sameSku(const std::string& a, const std::string& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

bool appliesToItem(const TreatmentRule& rule, const std::string& eccn, const ItemMetrics& item)
{
    const bool eccnMatches =
        rule.appliesTo.empty() || std::any_of(rule.appliesTo.begin(), rule.appliesTo.end(),
                                              [&](const std::string& e) { return e == "*" || e == eccn; });
    const bool skuMatches = rule.skus.empty() || std::any_of(rule.skus.begin(), rule.skus.end(),
                                                             [&](const auto& s) { return sameSku(s, item.sku); });
    return eccnMatches && skuMatches && (!rule.itemIf || holds(*rule.itemIf, item));
}

bool hqMatches(const TreatmentRule& rule, const CountryGroups& groups, const Party& party)
{
    const auto in = [&](const std::string& country) {
        return !country.empty() && groups.matchesAny(rule.hqIn, country);
    };
    return in(party.endUserHq) || in(party.parentHq);
}

bool matches(const TreatmentRule& rule, const CountryGroups& groups, const std::string& eccn, const ItemMetrics& item,
             const Party& party)
{
    return appliesToItem(rule, eccn, item) && groups.matches(rule.destinations, party.destination) &&
           (rule.hqIn.empty() || hqMatches(rule, groups, party));
}

int rank(Treatment t)
{
    return static_cast<int>(t);
}
int rank(ReviewPolicy p)
{
    return static_cast<int>(p);
}

/// The first matching rule of the newest layer that has one.
const TreatmentRule* newestMatch(const std::vector<const RuleSet*>& layers, std::vector<TreatmentRule> RuleSet::*rules,
                                 const CountryGroups& groups, const std::string& eccn, const ItemMetrics& item,
                                 const Party& party)
{
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        for (const auto& rule : (*it)->*rules) {
            if (matches(rule, groups, eccn, item, party)) {
                return &rule;
            }
        }
    }
    return nullptr;
}

const ExceptionDefinition* findException(const std::vector<const RuleSet*>& layers, const std::string& code)
{
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        for (const auto& e : (*it)->exceptions) {
            if (e.code == code) {
                return &e;
            }
        }
    }
    return nullptr;
}

/// The determination of one set of layers, without warnings.
Determination apply(const std::vector<const RuleSet*>& layers, const Classification& classification,
                    const CountryGroups& groups, const ItemMetrics& item, const Party& party, bool asSystem)
{
    Determination d;
    d.classification = classification;
    d.eccn = asSystem ? classification.systemEccn : classification.eccn;
    if (classification.citation) {
        d.citations.push_back(*classification.citation);
    }
    const TreatmentRule* deciding =
        newestMatch(layers, &RuleSet::endUserRules, groups, d.eccn, item, party); // headquarters first
    if (deciding == nullptr) {
        deciding = newestMatch(layers, &RuleSet::destinationRules, groups, d.eccn, item, party);
    }
    if (deciding != nullptr) {
        d.treatment = deciding->treatment;
        d.reviewPolicy = deciding->reviewPolicy;
        d.decidedBy = deciding->id;
        d.citations.push_back(deciding->citation);
        for (const auto& code : deciding->exceptions) {
            const ExceptionDefinition* definition = findException(layers, code);
            ExceptionUse use{code, "", "", 0, deciding->citation};
            if (definition != nullptr) {
                use = {code, definition->cfr, definition->mechanism, definition->noticeDays, definition->citation};
            }
            d.exceptions.push_back(use);
        }
        if (d.treatment == Treatment::LicenseRequired && !d.exceptions.empty()) {
            d.treatment = Treatment::LicenseException;
        }
    } else {
        d.decidedBy = "no rule";
    }
    for (const RuleSet* rs : layers) {
        for (const auto& rule : rs->itemRules) {
            if (!matches(rule, groups, d.eccn, item, party)) {
                continue;
            }
            if (isStricter(rule.treatment, rule.reviewPolicy, d.treatment, d.reviewPolicy)) {
                d.treatment = rule.treatment;
                d.reviewPolicy = rule.reviewPolicy;
                d.exceptions.clear();
                d.decidedBy = rule.id;
            }
            d.citations.push_back(rule.citation);
        }
    }
    return d;
}

} // namespace

std::string treatmentText(Treatment treatment, ReviewPolicy policy)
{
    std::string text(toString(treatment));
    if (policy != ReviewPolicy::None && treatment != Treatment::Allowed) {
        text += " (" + std::string(toString(policy)) + ")";
    }
    return text;
}

std::string reviewText(const ReviewDetermination& review)
{
    const ReviewCandidate& c = review.candidate;
    std::string missing;
    for (const auto& figure : c.missing) {
        missing += (missing.empty() ? "" : " and ") + figure;
    }
    return "needs review: the catalog has no " + missing + "; under " +
           (c.citation ? c.citation->ruleSet + " " : std::string()) + c.paragraph + " (" + c.thresholds +
           ") this item would be " + c.eccn + " and " + treatmentText(review.treatment, review.reviewPolicy) +
           " — not allowed in a plan until the figure is known or the plan accepts review items";
}

bool isStricter(Treatment a, ReviewPolicy ra, Treatment b, ReviewPolicy rb)
{
    return rank(a) > rank(b) || (rank(a) == rank(b) && rank(ra) > rank(rb));
}

Determination determine(const RuleStack& stack, const CountryGroups& groups, const ItemMetrics& item,
                        const Party& party, bool asSystem)
{
    const Classification classification = classify(stack, item);
    Determination d = apply(stack.layers(), classification, groups, item, party, asSystem);
    const std::string subject = item.sku + " → " + party.destination;
    if (classification.review) {
        const ReviewCandidate& candidate = *classification.review;
        Classification ifControlled = classification;
        ifControlled.eccn = candidate.eccn;
        ifControlled.paragraph = candidate.paragraph;
        ifControlled.citation = candidate.citation;
        ifControlled.flags.clear();
        ifControlled.systemEccn = systemEccnOf(stack, candidate.eccn);
        const Determination worst = apply(stack.layers(), ifControlled, groups, item, party, asSystem);
        if (isStricter(worst.treatment, worst.reviewPolicy, d.treatment, d.reviewPolicy)) {
            d.review = ReviewDetermination{candidate, worst.eccn, worst.treatment, worst.reviewPolicy, worst.decidedBy};
            const std::string rule = candidate.citation ? candidate.citation->ruleSet + " " : std::string();
            d.warnings.push_back({Issue::Severity::Warning, subject, reviewText(*d.review), rule + candidate.paragraph,
                                  candidate.citation ? candidate.citation->url : ""});
        }
    }
    for (const RuleSet* onBooks : stack.notEnforced) {
        auto layers = stack.layers();
        layers.push_back(onBooks);
        const Determination legalText = apply(layers, classification, groups, item, party, asSystem);
        if (isStricter(legalText.treatment, legalText.reviewPolicy, d.treatment, d.reviewPolicy)) {
            const auto& citation = legalText.citations.back();
            d.warnings.push_back({Issue::Severity::Warning, subject,
                                  onBooks->id + " is on the books but not enforced; its text would make this " +
                                      treatmentText(legalText.treatment, legalText.reviewPolicy),
                                  onBooks->id + " " + citation.paragraph, citation.url});
        }
    }
    for (const RuleSet* foreign : stack.foreignMeasures) {
        const std::vector<const RuleSet*> layers{foreign};
        const Determination measure = apply(layers, classification, groups, item, party, asSystem);
        if (measure.treatment != Treatment::Allowed && measure.citations.size() > (classification.citation ? 1U : 0U)) {
            const auto& citation = measure.citations.back();
            d.warnings.push_back(
                {Issue::Severity::Warning, subject,
                 "foreign measure " + foreign->id + " (" + foreign->jurisdiction + "): " + citation.text,
                 foreign->id + " " + citation.paragraph, citation.url});
        }
    }
    return d;
}

} // namespace fw::core::compliance
