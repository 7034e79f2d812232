// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/compliance/oracle.h"
#include "core/compliance/rulelibrary.h"
#include "core/compliance/screening.h"
#include "core/date.h"
#include "core/plan/scenario.h"

namespace fw::core::plan {

/// Whether a renter may contract a cloud offer on a date, and the rule basis, in words.
struct RentalTreatment {
    bool allowed = false;
    std::string reason;    ///< why not, where not allowed
    std::string treatment; ///< "allowed: …" with the rule basis
    std::string warning;   ///< a red flag and what may change; empty: nothing
    std::string eccn;      ///< the rented system's ECCN under the rules of the date ("not_controlled")
    /// The counterparty screening of the provider, where it blocked the offer, left it for review
    /// or raised a red flag; none where the provider, its parent and its owners are clear.
    std::optional<compliance::ScreeningAnswer> screening;
};

/// The export-control treatment of `renter` renting `offer` (whose chips are those of catalog
/// system `systemSku`) on `date`, in three parts:
/// - counterparty screening of the provider, its parent and its owners against `parties`
///   (screenCounterparty): blocked blocks the rental, citing the list entry; needs review blocks it
///   unless `acceptReviewItems` (then allowed with the review as a warning); a red flag warns;
/// - the chips reaching the provider's region are the provider's export, judged by `oracle` with
///   the provider's headquarters (and its parent's) as the buyer and the region as the destination;
/// - the renter's remote access, by the remote-access rules of the stack in force (`rules`) that
///   match the renter's or its parent's headquarters: the strictest applies; licence required
///   blocks the rental, a red flag allows it with a warning; no rule: allowed.
RentalTreatment rentalTreatment(const CloudOffer& offer, const std::string& systemSku,
                                const compliance::CompanyProfile& renter, Date date,
                                const compliance::RuleLibrary& rules, compliance::ComplianceOracle& oracle,
                                const compliance::RestrictedPartyList& parties, bool acceptReviewItems);

} // namespace fw::core::plan
