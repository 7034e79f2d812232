// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/compliance/oracle.h"
#include "core/compliance/rulelibrary.h"
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
};

/// The export-control treatment of `renter` renting `offer` (whose chips are those of catalog
/// system `systemSku`) on `date`, in two parts:
/// - the chips reaching the provider's region are the provider's export, judged by `oracle` with
///   the provider's headquarters (and its parent's) as the buyer and the region as the destination;
/// - the renter's remote access, by the remote-access rules of the stack in force (`rules`) that
///   match the renter's or its parent's headquarters: the strictest applies; licence required
///   blocks the rental, a red flag allows it with a warning; no rule: allowed.
RentalTreatment rentalTreatment(const CloudOffer& offer, const std::string& systemSku,
                                const compliance::CompanyProfile& renter, Date date,
                                const compliance::RuleLibrary& rules, compliance::ComplianceOracle& oracle);

} // namespace fw::core::plan
