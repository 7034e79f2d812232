// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/compliance/treatment.h"

namespace fw::core::compliance {

/// One purchase of a plan as the rules see it.
struct LineItem {
    std::string label;           ///< how reports name it ("2027Q2 Reno 16 × DGX H100")
    ItemMetrics item;            ///< the accelerator's figures
    int quantity = 1;            ///< units shipped
    int acceleratorsPerUnit = 1; ///< > 1 for a system; its TPP counts once per accelerator
    bool asSystem = false;
    Party party;
    std::string consignee; ///< ultimate consignee, for per-consignee caps
    Date shipDate;
};

/// The line item that pushed a running total over a cap, and by how much.
struct CapCrossing {
    std::string capId;
    std::string key; ///< consignee and year, or destination country
    double limitTpp = 0.0;
    double usedBeforeTpp = 0.0;
    double itemTpp = 0.0;
    double excessTpp = 0.0; ///< used before + this item − limit
    Citation citation;
};

struct LineItemAssessment {
    LineItem lineItem;
    std::string stack; ///< the rule sets applied, by id
    Determination determination;
    std::vector<CapCrossing> crossings;
};

/// True when a shipment with determination `d` to `destination` on `date` counts against `cap`:
/// it uses the cap's exception (or, for a cap without one, needs a licence), its ECCN is covered,
/// the destination matches and the date is inside the cap's window.
bool countsAgainst(const Cap& cap, const CountryGroups& groups, const Determination& d, const std::string& destination,
                   Date date);

/// The running total a shipment adds to: "<consignee> <year>" or the destination country.
std::string capKey(const Cap& cap, const std::string& consignee, const std::string& destination, Date date);

/// Assesses every line item under the stack in force on its ship date, in ship-date order (ties keep
/// their given order), and accumulates TPP against the caps of the enforced rule sets: while a cap
/// holds, its exception stays available; the item that would cross it needs a licence instead (or,
/// for a cap without an exception, gets a presumption of denial), and its crossing says by how much.
/// Throws ValidationError when no rule set is in force on a ship date.
std::vector<LineItemAssessment> assessLineItems(const RuleLibrary& library, std::vector<LineItem> items);

} // namespace fw::core::compliance
