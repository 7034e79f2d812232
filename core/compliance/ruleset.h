// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"

namespace fw::core::compliance {

// A rule set document of data/rules/ in memory; data/rules/README.md is the reference for every field.

enum class Treatment { Allowed, LicenseException, LicenseRequired, ProhibitedRisk };
enum class ReviewPolicy { None, PresumptionOfApproval, CaseByCase, PresumptionOfDenial };
enum class Layer { Base, Overlay };
enum class Enforcement { Enforced, NotEnforced };

std::string_view toString(Treatment t);
std::string_view toString(ReviewPolicy p);

/// Where a rule comes from: the paragraph, what it says, and how sure the data is of it.
struct Citation {
    std::string ruleSet; ///< id of the rule set document
    std::string paragraph;
    std::string text;
    std::string url;
    std::string provenance; ///< verbatim, secondary, derived or unverified
};

/// A test on an item's figures; every present threshold must hold. A threshold on a figure the item
/// does not have does not hold.
struct Condition {
    std::vector<Condition> all;
    std::vector<Condition> any;
    std::optional<bool> datacenter;
    std::optional<bool> hbmStack;
    std::optional<double> tppGte, tppLt, pdGte, pdLt, ioGte, ioLt, dramGte, dramLt, densityGt, densityLt;
};

struct ClassificationRule {
    std::string eccn;
    std::string paragraph;
    Condition when;
    std::vector<std::string> flags;
    Citation citation;
};

/// A set of destination countries: in one of `groupsAny`/`countries` (or, when `outsideCountries` is
/// set, not in it), and in none of the exceptions.
struct CountrySelector {
    std::vector<std::string> groupsAny;
    std::vector<std::string> countries;
    std::optional<std::vector<std::string>> outsideCountries;
    std::vector<std::string> exceptGroups;
    std::vector<std::string> exceptCountries;
};

struct TreatmentRule {
    std::string id;
    std::vector<std::string> appliesTo; ///< ECCNs, or "*"
    std::vector<std::string> skus;      ///< named items (is-informed letters); empty: any
    std::optional<Condition> itemIf;
    CountrySelector destinations;
    std::vector<std::string> hqIn; ///< groups and countries of the end user's or parent's headquarters
    Treatment treatment = Treatment::Allowed;
    ReviewPolicy reviewPolicy = ReviewPolicy::None;
    std::vector<std::string> exceptions;
    Citation citation;
};

/// How renting accelerators (remote access, IaaS) is treated for a renter: allowed, a red flag
/// (allowed, with a warning in the plan), or needing a licence (not allowed).
enum class RemoteAccess { Allowed, RedFlag, LicenceRequired };
std::string_view toString(RemoteAccess treatment);

/// A dated rule on remote access, for renters headquartered (or whose ultimate parent is) in
/// `renterHqIn` (empty: every renter); in a stack the strictest rule in force that matches applies.
struct RemoteAccessRule {
    std::string id;
    std::vector<std::string> renterHqIn; ///< groups and countries
    RemoteAccess treatment = RemoteAccess::Allowed;
    std::string use; ///< what use the rule speaks of: "any", or "training" (models trained in the capacity)
    Citation citation;
};

enum class CapScope { PerConsigneePerCalendarYear, PerDestinationCountry };

struct Cap {
    std::string id;
    std::optional<std::string> exception; ///< the licence exception the cap limits, if any
    CapScope scope = CapScope::PerConsigneePerCalendarYear;
    double limitTpp = 0.0;
    std::vector<std::string> appliesTo;
    CountrySelector destinations;
    std::optional<Date> windowFrom;
    std::optional<Date> windowTo;
    Citation citation;
};

struct ExceptionDefinition {
    std::string code;
    std::string cfr;
    std::string mechanism; ///< none, notification, certification
    int noticeDays = 0;
    Citation citation;
};

struct EnforcementPeriod {
    Date from;
    Enforcement status = Enforcement::Enforced;
    std::string note;
    std::optional<Citation> citation;
};

struct RuleSet {
    std::string id;
    std::string name;
    std::string kind; ///< interim_final_rule, final_rule, guidance, is_informed_letter, foreign_measure
    std::string jurisdiction;
    std::string citation;
    std::vector<std::string> sourceUrls;
    Date effectiveFrom;
    std::optional<Date> effectiveTo;
    Layer layer = Layer::Base;
    std::vector<EnforcementPeriod> enforcement;
    std::string countryGroups;
    std::vector<ClassificationRule> classification;
    std::map<std::string, std::string> systemEccns;
    std::vector<TreatmentRule> endUserRules;
    std::vector<TreatmentRule> destinationRules;
    std::vector<TreatmentRule> itemRules;
    std::vector<RemoteAccessRule> remoteAccessRules;
    std::vector<Cap> caps;
    std::vector<ExceptionDefinition> exceptions;
    std::string notes;
    std::string file; ///< where it was read from

    bool isForeignMeasure() const { return kind == "foreign_measure"; }
    /// In force on `date` (effective_from ≤ date < effective_to).
    bool isInForce(Date date) const;
    /// The enforcement status on `date` (the last period starting on or before it).
    Enforcement enforcementOn(Date date) const;
};

/// Country groups (`D:5` → {CN, HK, …}) and the ISO 3166-1 alpha-2 codes rule sets may use.
struct CountryGroups {
    std::string id;
    std::map<std::string, std::set<std::string>> groups;
    std::map<std::string, std::string> provenance; ///< group → verbatim/secondary/unverified
    std::set<std::string> isoCodes;
    std::map<std::string, std::string> countryNames;

    bool contains(const std::string& group, const std::string& country) const;
    /// True when `country` is one of `names`, or in a group named there.
    bool matchesAny(const std::vector<std::string>& names, const std::string& country) const;
    bool matches(const CountrySelector& selector, const std::string& country) const;
};

/// Reads one rule set file, checking every field: unknown fields, dates, ECCNs, treatments, and that
/// country codes are ISO 3166-1 alpha-2 and groups exist in `groups`. Throws FileFormatError naming
/// the file and the JSON path.
RuleSet loadRuleSet(const std::string& file, const CountryGroups& groups);
/// As loadRuleSet, from the file's `text` (`file` names it in messages).
RuleSet ruleSetFromJson(const std::string& text, const std::string& file, const CountryGroups& groups);

/// Reads the ISO code list and a country-group document. Throws FileFormatError.
CountryGroups loadCountryGroups(const std::string& isoFile, const std::string& groupsFile);

} // namespace fw::core::compliance
