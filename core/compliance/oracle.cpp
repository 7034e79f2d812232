// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/oracle.h"

#include "core/error.h"

namespace fw::core::compliance {

ComplianceOracle::ComplianceOracle(const RuleLibrary& library, const catalog::Catalog& catalog,
                                   LicenceAppetite appetite, bool acceptReviewItems)
    : m_library(library), m_catalog(catalog), m_appetite(appetite), m_acceptReviewItems(acceptReviewItems)
{}

const PurchaseAnswer& ComplianceOracle::query(const std::string& sku, const std::string& country,
                                              const CompanyProfile& company, Date date, const std::string& consignee)
{
    const auto key = std::make_tuple(sku, country, company.hqCountry, company.parentHqCountry, date.days(), consignee);
    if (const auto it = m_answers.find(key); it != m_answers.end()) {
        return it->second;
    }
    const catalog::System* system = m_catalog.findSystem(sku);
    const catalog::Accelerator* accelerator =
        m_catalog.findAccelerator(system != nullptr ? system->acceleratorSku : sku);
    if (accelerator == nullptr) {
        throw ValidationError("unknown system or accelerator '" + sku + "'");
    }
    LineItem item;
    item.label = sku + " → " + country;
    item.item = itemMetrics(*accelerator);
    item.acceleratorsPerUnit = system != nullptr ? system->acceleratorsPerSystem : 1;
    item.asSystem = system != nullptr;
    item.party = {country, company.hqCountry, company.parentHqCountry};
    item.consignee = consignee;
    item.shipDate = date;
    const RuleStack stack = m_library.stackAt(date);
    const Determination d = determine(stack, m_library.countryGroups(), item.item, item.party, item.asSystem);

    PurchaseAnswer answer;
    answer.treatment = d.treatment;
    answer.reviewPolicy = d.reviewPolicy;
    answer.eccn = d.eccn;
    answer.tppPerUnit = item.item.tpp.value_or(0.0) * item.acceleratorsPerUnit;
    answer.reason = d.citations.empty() ? d.decidedBy : d.citations.back().ruleSet + " " + d.decidedBy;
    switch (d.treatment) {
    case Treatment::Allowed:
    case Treatment::LicenseException: answer.feasible = true; break;
    case Treatment::ProhibitedRisk: answer.feasible = false; break;
    case Treatment::LicenseRequired:
        answer.feasible =
            (m_appetite == LicenceAppetite::PresumptionOfApproval &&
             d.reviewPolicy == ReviewPolicy::PresumptionOfApproval) ||
            (m_appetite == LicenceAppetite::CaseByCase &&
             (d.reviewPolicy == ReviewPolicy::PresumptionOfApproval || d.reviewPolicy == ReviewPolicy::CaseByCase));
        break;
    }
    if (d.review) {
        answer.needsReview = true;
        answer.reviewNote = reviewText(*d.review);
        if (answer.feasible && !m_acceptReviewItems) {
            answer.feasible = false;
            answer.blockedForReview = true;
            answer.reason = "needs review: " + d.review->candidate.paragraph + " (" + d.review->candidate.thresholds +
                            ") cannot be decided without the " + d.review->candidate.missing.front();
        }
    }
    // The caps each unit counts against: those whose exception the determination uses, and those
    // that count licensed shipments.
    for (const RuleSet* rs : stack.layers()) {
        for (const auto& cap : rs->caps) {
            if (countsAgainst(cap, m_library.countryGroups(), d, country, date)) {
                const std::string capKeyText = capKey(cap, consignee, country, date);
                answer.caps.push_back({cap.id, capKeyText, answer.tppPerUnit, cap.limitTpp});
            }
        }
    }
    return m_answers.emplace(key, std::move(answer)).first->second;
}

} // namespace fw::core::compliance
