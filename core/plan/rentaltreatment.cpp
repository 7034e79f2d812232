// SPDX-License-Identifier: Apache-2.0
#include "core/plan/rentaltreatment.h"

namespace fw::core::plan {
namespace {

/// The strictest remote-access rule in force on `date` for `renter`; none when no rule speaks of it.
const compliance::RemoteAccessRule* remoteAccessRule(const compliance::RuleLibrary& rules, Date date,
                                                     const compliance::CompanyProfile& renter)
{
    const compliance::RemoteAccessRule* strictest = nullptr;
    const auto& groups = rules.countryGroups();
    for (const compliance::RuleSet* set : rules.stackAt(date).layers()) {
        for (const auto& rule : set->remoteAccessRules) {
            const bool matches = rule.renterHqIn.empty() || groups.matchesAny(rule.renterHqIn, renter.hqCountry) ||
                                 groups.matchesAny(rule.renterHqIn, renter.parentHqCountry);
            if (matches && (strictest == nullptr || rule.treatment >= strictest->treatment)) {
                strictest = &rule;
            }
        }
    }
    return strictest;
}

std::string cited(const compliance::RemoteAccessRule& rule)
{
    return rule.citation.ruleSet + " " + rule.id + ": " + rule.citation.paragraph;
}

} // namespace

RentalTreatment rentalTreatment(const CloudOffer& offer, const std::string& systemSku,
                                const compliance::CompanyProfile& renter, Date date,
                                const compliance::RuleLibrary& rules, compliance::ComplianceOracle& oracle,
                                const compliance::RestrictedPartyList& parties, bool acceptReviewItems)
{
    RentalTreatment t;
    const auto screened =
        compliance::screenCounterparty({offer.provider, offer.providerParent, offer.owners}, date, parties);
    if (!screened.text.empty()) {
        t.screening = screened;
    }
    if (screened.verdict == compliance::ScreeningVerdict::Blocked) {
        t.reason = "counterparty screening: " + screened.text;
        return t;
    }
    if (screened.verdict == compliance::ScreeningVerdict::NeedsReview && !acceptReviewItems) {
        t.reason =
            "counterparty screening: " + screened.text + " (not contracted: the scenario accepts no review items)";
        return t;
    }
    const compliance::CompanyProfile provider{
        offer.providerHq, offer.providerParentHq.empty() ? offer.providerHq : offer.providerParentHq};
    const auto& answer = oracle.query(systemSku, offer.region, provider, date, offer.provider);
    t.eccn = answer.eccn;
    if (!answer.feasible) {
        t.reason = "the provider's export to " + offer.region + " is " +
                   std::string(compliance::toString(answer.treatment)) + " (" + answer.reason + ")";
        return t;
    }
    const std::string providerExport = "the chips in " + offer.region + " are " + offer.provider + " (" +
                                       provider.hqCountry +
                                       ")'s: " + std::string(compliance::toString(answer.treatment)) +
                                       (answer.reason.empty() ? "" : " (" + answer.reason + ")");
    const compliance::RemoteAccessRule* rule = remoteAccessRule(rules, date, renter);
    if (rule != nullptr && rule->treatment == compliance::RemoteAccess::LicenceRequired) {
        t.reason = "remote access needs a licence for a renter headquartered in " + renter.hqCountry + " (" +
                   cited(*rule) + ")";
        return t;
    }
    t.allowed = true;
    t.treatment = "allowed: " + providerExport + "; remote access " +
                  (rule == nullptr ? std::string("allowed (no remote-access rule in force names this renter)")
                                   : std::string(compliance::toString(rule->treatment)) + " (" + cited(*rule) + ")");
    if (rule != nullptr && rule->treatment == compliance::RemoteAccess::RedFlag) {
        t.warning = "red flag" + std::string(rule->use == "training" ? " when used to train models" : "") + ": " +
                    rule->citation.text + " (" + cited(*rule) + (rule->citation.url.empty() ? "" : ", ") +
                    rule->citation.url + ")";
    }
    if (!screened.text.empty()) { // a review accepted, or a red flag while an ownership rule is suspended
        t.warning += (t.warning.empty() ? "" : "; ") + std::string("counterparty screening: ") + screened.text;
    }
    return t;
}

} // namespace fw::core::plan
