// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/compliance/caps.h"

namespace fw::core::compliance {

/// The buyer as the headquarters rules see it (ISO 3166-1 alpha-2; empty when unknown).
struct CompanyProfile {
    std::string hqCountry;
    std::string parentHqCountry;
    bool operator==(const CompanyProfile&) const = default;
};

/// Which licences a plan may count on being granted.
enum class LicenceAppetite { None, PresumptionOfApproval, CaseByCase };

/// The share of a cap one unit takes.
struct CapShare {
    std::string capId;
    std::string key;
    double tppPerUnit = 0.0;
    double limitTpp = 0.0;
};

struct PurchaseAnswer {
    bool feasible = false; ///< may be bought for this site under the appetite
    Treatment treatment = Treatment::Allowed;
    ReviewPolicy reviewPolicy = ReviewPolicy::None;
    std::string eccn;
    double tppPerUnit = 0.0; ///< TPP of every accelerator in one unit, summed
    std::vector<CapShare> caps;
    std::string reason; ///< the deciding rule, for diagnoses ("US-AC-2023-11 d5-3a090a")
    /// The catalog lacks a figure that could make this stricter (see Determination::review); such an
    /// answer is feasible only when the planner accepts review items.
    bool needsReview = false;
    bool blockedForReview = false; ///< not feasible only because review items are not accepted
    std::string reviewNote;        ///< the missing figures and the stricter answer, in words
};

/// Answers "may this company buy this system (or accelerator) for a site in this country in this
/// period, and which caps does each unit count against?" for every variable of a purchase model.
/// Answers are cached per (SKU, country, company, date); a repeated query is a map lookup.
/// Not thread-safe (the cache); give each thread its own oracle.
class ComplianceOracle {
public:
    /// `acceptReviewItems`: an item the catalog cannot classify for certain may still be bought (it is
    /// listed for review); otherwise it is not allowed.
    ComplianceOracle(const RuleLibrary& library, const catalog::Catalog& catalog,
                     LicenceAppetite appetite = LicenceAppetite::None, bool acceptReviewItems = false);

    /// `sku` names a system or an accelerator. Throws ValidationError for an unknown SKU or a date
    /// with no rule set in force.
    const PurchaseAnswer& query(const std::string& sku, const std::string& country, const CompanyProfile& company,
                                Date date, const std::string& consignee = {});

private:
    const RuleLibrary& m_library;
    const catalog::Catalog& m_catalog;
    LicenceAppetite m_appetite;
    bool m_acceptReviewItems;
    std::map<std::tuple<std::string, std::string, std::string, std::string, std::chrono::sys_days, std::string>,
             PurchaseAnswer>
        m_answers;
};

} // namespace fw::core::compliance
