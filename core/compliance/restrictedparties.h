// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace fw::core::compliance {

/// One entry of a restricted-party list (data/parties/restricted-parties.json, or a user's own file
/// of the same form): a party named on a government list from a date on, with where it says so.
struct RestrictedParty {
    std::string name;                 ///< as the list writes it
    std::vector<std::string> aliases; ///< other names the list gives (a.k.a.), and short names
    std::string country;              ///< ISO 3166-1 alpha-2, as the list places the entry
    std::string list;                 ///< "Entity List", "Military End-User List" …
    Date dateAdded;                   ///< from this day on the entry restricts
    std::string citation;             ///< the rule that added it ("90 FR 4617")
    std::string source;               ///< URL
    std::string notes;
};

/// What an ownership rule says on a date: in force, suspended, or not known to the shipped data.
enum class OwnershipRuleStatus { NotInForce, InForce, Suspended, Unknown };
std::string_view toString(OwnershipRuleStatus status);

/// One dated period of an ownership rule, from `from` until the next period's start.
struct OwnershipRulePeriod {
    Date from;
    OwnershipRuleStatus status = OwnershipRuleStatus::InForce;
    std::string citation; ///< the rule or notice that set this period
    std::string source;   ///< URL
    std::string note;
};

/// A rule extending the restrictions of listed parties to entities they own: an entity owned
/// `minShare` or more (directly or indirectly, one listed owner or several together) by parties of
/// `lists` is restricted as they are, in the periods the rule is in force.
struct OwnershipRule {
    std::string id;
    std::string name;
    double minShare = 0.5; ///< of the entity's equity, 0–1
    std::vector<std::string> lists;
    std::vector<OwnershipRulePeriod> periods; ///< in date order
    /// The period covering `date`: NotInForce before the first period starts.
    const OwnershipRulePeriod* periodOn(Date date) const;
    OwnershipRuleStatus statusOn(Date date) const;
};

/// A restricted-party document: entries and ownership rules, either of which may be empty.
struct RestrictedPartyList {
    std::string id;
    std::vector<RestrictedParty> parties;
    std::vector<OwnershipRule> ownershipRules;
    std::string file; ///< where it was read from
};

/// Reads a restricted-party document (`file` names it in errors). Throws FileFormatError naming the
/// file, the record and the field with its value: unknown fields, a country that is not ISO 3166-1
/// alpha-2 in form, a date that is not YYYY-MM-DD, a source that is not an http(s) URL, a share
/// outside (0, 1], periods out of date order, more entries than limits::restrictedParties.
RestrictedPartyList restrictedPartiesFromJson(const std::string& text, const std::string& file);
RestrictedPartyList loadRestrictedParties(const std::filesystem::path& file);

/// What a plan screens against: the entries of `listFile` (empty: the shipped
/// data/parties/restricted-parties.json) and the ownership rules of the shipped
/// data/parties/ownership-rules.json (law, not the user's list) together with any `listFile` adds.
RestrictedPartyList screeningListFor(const std::string& listFile);

} // namespace fw::core::compliance
