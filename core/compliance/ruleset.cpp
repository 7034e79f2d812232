// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/ruleset.h"

#include <algorithm>

#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::compliance {
namespace {

const std::set<std::string, std::less<>> knownEccns{"3A090",   "3A090.a", "3A090.b",        "3A090.c", "4A090",
                                                    "4A090.a", "4A090.b", "not_controlled", "*"};
const std::set<std::string, std::less<>> knownProvenance{"verbatim", "secondary", "derived", "unverified"};

Date readDate(const JsonReader& r, const char* key)
{
    try {
        return Date::parse(r.at(key).asText());
    } catch (const ValidationError& e) {
        r.failAt(key, e.what());
    }
}

std::optional<Date> readOptionalDate(const JsonReader& r, const char* key)
{
    if (!r.optionalText(key)) {
        return std::nullopt;
    }
    return readDate(r, key);
}

Citation readCitation(const JsonReader& parent, const char* key, const std::string& ruleSet,
                      const std::optional<std::string>& provenance)
{
    const JsonReader r = parent.at(key);
    r.expectObject({"paragraph", "text", "url"});
    Citation c{ruleSet, r.optionalText("paragraph").value_or(""), r.text("text"), r.optionalText("url").value_or(""),
               provenance.value_or("")};
    return c;
}

std::string readProvenance(const JsonReader& r)
{
    const auto provenance = r.optionalText("provenance");
    if (provenance && !knownProvenance.contains(*provenance)) {
        r.failAt("provenance", "\"" + *provenance + "\" is not one of verbatim, secondary, derived, unverified");
    }
    return provenance.value_or("unverified");
}

/// A threshold of a condition: absent, or a finite number within limits::ruleThreshold.
std::optional<double> threshold(const JsonReader& r, const char* key)
{
    const auto value = r.optionalNumber(key);
    if (value) {
        try {
            limits::check(limits::ruleThreshold, *value, "");
        } catch (const ValidationError& e) {
            r.failAt(key, e.what());
        }
    }
    return value;
}

Condition readCondition(const JsonReader& r)
{
    r.expectObject({"all", "any", "datacenter", "hbm_stack", "tpp_gte", "tpp_lt", "pd_gte", "pd_lt", "io_gbytes_s_gte",
                    "io_gbytes_s_lt", "dram_gbytes_s_gte", "dram_gbytes_s_lt", "memory_bandwidth_density_gt",
                    "memory_bandwidth_density_lt"});
    Condition c;
    for (const auto& child : r.optionalArray("all")) {
        c.all.push_back(readCondition(child));
    }
    for (const auto& child : r.optionalArray("any")) {
        c.any.push_back(readCondition(child));
    }
    c.datacenter = r.optionalBoolean("datacenter");
    c.hbmStack = r.optionalBoolean("hbm_stack");
    c.tppGte = threshold(r, "tpp_gte");
    c.tppLt = threshold(r, "tpp_lt");
    c.pdGte = threshold(r, "pd_gte");
    c.pdLt = threshold(r, "pd_lt");
    c.ioGte = threshold(r, "io_gbytes_s_gte");
    c.ioLt = threshold(r, "io_gbytes_s_lt");
    c.dramGte = threshold(r, "dram_gbytes_s_gte");
    c.dramLt = threshold(r, "dram_gbytes_s_lt");
    c.densityGt = threshold(r, "memory_bandwidth_density_gt");
    c.densityLt = threshold(r, "memory_bandwidth_density_lt");
    return c;
}

std::vector<std::string> readEccns(const JsonReader& r, const char* key)
{
    auto eccns = r.texts(key);
    for (std::size_t i = 0; i < eccns.size(); ++i) {
        if (!knownEccns.contains(eccns[i])) {
            r.failAt(key, "[" + std::to_string(i) + "]: unknown ECCN \"" + eccns[i] + "\"");
        }
    }
    return eccns;
}

/// Country codes and group names in `key`, each checked against the ISO list and the groups.
std::vector<std::string> readPlaces(const JsonReader& r, const char* key, const CountryGroups& groups, bool allowGroups)
{
    auto places = r.texts(key);
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& place = places[i];
        const bool isGroup = groups.groups.contains(place);
        if (isGroup && !allowGroups) {
            r.failAt(key, "[" + std::to_string(i) + "]: \"" + place + "\" is a group; a country code is expected");
        }
        if (!isGroup && !groups.isoCodes.contains(place)) {
            r.failAt(key, "[" + std::to_string(i) + "]: unknown country code or group \"" + place + "\"");
        }
    }
    return places;
}

CountrySelector readSelector(const JsonReader& parent, const CountryGroups& groups)
{
    CountrySelector s;
    if (!parent.has("destinations")) {
        s.outsideCountries = std::vector<std::string>{}; // no destination limit: anywhere
        return s;
    }
    const JsonReader r = parent.at("destinations");
    r.expectObject({"groups_any", "countries", "outside_countries", "except_groups", "except_countries"});
    s.groupsAny = readPlaces(r, "groups_any", groups, true);
    s.countries = readPlaces(r, "countries", groups, false);
    if (r.has("outside_countries")) {
        s.outsideCountries = readPlaces(r, "outside_countries", groups, false);
    }
    s.exceptGroups = readPlaces(r, "except_groups", groups, true);
    s.exceptCountries = readPlaces(r, "except_countries", groups, false);
    for (const auto& g : s.groupsAny) {
        if (!groups.groups.contains(g)) {
            r.failAt("groups_any", "\"" + g + "\" is a country code; list it under countries");
        }
    }
    return s;
}

Treatment readTreatment(const JsonReader& r)
{
    const std::string text = r.text("treatment");
    if (text == "allowed") {
        return Treatment::Allowed;
    }
    if (text == "license_required") {
        return Treatment::LicenseRequired;
    }
    if (text == "prohibited_risk") {
        return Treatment::ProhibitedRisk;
    }
    r.failAt("treatment", "\"" + text + "\" is not one of allowed, license_required, prohibited_risk");
}

ReviewPolicy readReviewPolicy(const JsonReader& r)
{
    const auto text = r.optionalText("review_policy");
    if (!text) {
        return ReviewPolicy::None;
    }
    for (auto p : {ReviewPolicy::PresumptionOfApproval, ReviewPolicy::CaseByCase, ReviewPolicy::PresumptionOfDenial}) {
        if (*text == toString(p)) {
            return p;
        }
    }
    r.failAt("review_policy",
             "\"" + *text + "\" is not one of presumption_of_approval, case_by_case, presumption_of_denial");
}

TreatmentRule readTreatmentRule(const JsonReader& r, const std::string& ruleSet, const CountryGroups& groups)
{
    r.expectObject({"id", "applies_to", "skus", "item_if", "destinations", "hq_in", "treatment", "review_policy",
                    "exceptions", "citation", "provenance"});
    TreatmentRule rule;
    rule.id = r.text("id");
    rule.appliesTo = readEccns(r, "applies_to");
    rule.skus = r.texts("skus");
    if (r.has("item_if") && !r.value().at("item_if").is_null()) {
        rule.itemIf = readCondition(r.at("item_if"));
    }
    rule.destinations = readSelector(r, groups);
    rule.hqIn = readPlaces(r, "hq_in", groups, true);
    rule.treatment = readTreatment(r);
    rule.reviewPolicy = readReviewPolicy(r);
    rule.exceptions = r.texts("exceptions");
    rule.citation = readCitation(r, "citation", ruleSet, readProvenance(r));
    if (rule.appliesTo.empty() && rule.skus.empty()) {
        r.failAt("applies_to", "a rule needs ECCNs in applies_to or items in skus");
    }
    return rule;
}

RemoteAccessRule readRemoteAccessRule(const JsonReader& r, const std::string& ruleSet, const CountryGroups& groups)
{
    r.expectObject({"id", "renter_hq_in", "treatment", "use", "citation", "provenance"});
    RemoteAccessRule rule;
    rule.id = r.text("id");
    rule.renterHqIn = readPlaces(r, "renter_hq_in", groups, true);
    const std::string treatment = r.text("treatment");
    if (treatment != "allowed" && treatment != "red_flag" && treatment != "licence_required") {
        r.failAt("treatment", "\"" + treatment + "\" is not allowed, red_flag or licence_required");
    }
    rule.treatment = treatment == "allowed"    ? RemoteAccess::Allowed
                     : treatment == "red_flag" ? RemoteAccess::RedFlag
                                               : RemoteAccess::LicenceRequired;
    rule.use = r.optionalText("use").value_or("any");
    if (rule.use != "any" && rule.use != "training") {
        r.failAt("use", "\"" + rule.use + "\" is not any or training");
    }
    rule.citation = readCitation(r, "citation", ruleSet, readProvenance(r));
    return rule;
}

} // namespace

std::string_view toString(RemoteAccess treatment)
{
    switch (treatment) {
    case RemoteAccess::Allowed: return "allowed";
    case RemoteAccess::RedFlag: return "red_flag";
    case RemoteAccess::LicenceRequired: return "licence_required";
    }
    return "allowed";
}

std::string_view toString(Treatment t)
{
    switch (t) {
    case Treatment::Allowed: return "allowed";
    case Treatment::LicenseException: return "license_exception";
    case Treatment::LicenseRequired: return "license_required";
    case Treatment::ProhibitedRisk: return "prohibited_risk";
    }
    return "allowed";
}

std::string_view toString(ReviewPolicy p)
{
    switch (p) {
    case ReviewPolicy::None: return "";
    case ReviewPolicy::PresumptionOfApproval: return "presumption_of_approval";
    case ReviewPolicy::CaseByCase: return "case_by_case";
    case ReviewPolicy::PresumptionOfDenial: return "presumption_of_denial";
    }
    return "";
}

bool RuleSet::isInForce(Date date) const
{
    return effectiveFrom <= date && (!effectiveTo || date < *effectiveTo);
}

Enforcement RuleSet::enforcementOn(Date date) const
{
    Enforcement status = Enforcement::Enforced;
    for (const auto& period : enforcement) {
        if (period.from <= date) {
            status = period.status;
        }
    }
    return status;
}

bool CountryGroups::contains(const std::string& group, const std::string& country) const
{
    const auto it = groups.find(group);
    return it != groups.end() && it->second.contains(country);
}

bool CountryGroups::matchesAny(const std::vector<std::string>& names, const std::string& country) const
{
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& name) { return name == country || contains(name, country); });
}

bool CountryGroups::matches(const CountrySelector& s, const std::string& country) const
{
    const bool included = s.outsideCountries ? !matchesAny(*s.outsideCountries, country)
                                             : (matchesAny(s.groupsAny, country) || matchesAny(s.countries, country));
    return included && !matchesAny(s.exceptGroups, country) && !matchesAny(s.exceptCountries, country);
}

RuleSet loadRuleSet(const std::string& file, const CountryGroups& groups)
{
    return ruleSetFromJson(readTextFile(file), file, groups);
}

RuleSet ruleSetFromJson(const std::string& text, const std::string& file, const CountryGroups& groups)
{
    const auto document = JsonReader::parse(text, file);
    const JsonReader r(document, file);
    r.expectObject({"id",
                    "name",
                    "kind",
                    "jurisdiction",
                    "citation",
                    "source_urls",
                    "effective_from",
                    "effective_to",
                    "layer",
                    "enforcement",
                    "country_groups",
                    "classification",
                    "system_eccns",
                    "end_user_rules",
                    "remote_access_rules",
                    "destination_rules",
                    "item_rules",
                    "caps",
                    "exceptions",
                    "notes"});
    RuleSet rs;
    rs.file = file;
    rs.id = r.text("id");
    rs.name = r.name("name");
    rs.kind = r.text("kind");
    static const std::set<std::string, std::less<>> kinds{"interim_final_rule", "final_rule", "guidance",
                                                          "is_informed_letter", "foreign_measure"};
    if (!kinds.contains(rs.kind)) {
        r.failAt("kind", "\"" + rs.kind + "\" is not a known kind of rule set");
    }
    rs.jurisdiction = r.text("jurisdiction");
    rs.citation = r.text("citation");
    rs.sourceUrls = r.texts("source_urls");
    rs.effectiveFrom = readDate(r, "effective_from");
    rs.effectiveTo = readOptionalDate(r, "effective_to");
    if (rs.effectiveTo && *rs.effectiveTo <= rs.effectiveFrom) {
        r.failAt("effective_to",
                 rs.effectiveTo->toString() + " is not after effective_from " + rs.effectiveFrom.toString());
    }
    const std::string layer = r.text("layer");
    if (layer != "base" && layer != "overlay") {
        r.failAt("layer", "\"" + layer + "\" is not base or overlay");
    }
    rs.layer = layer == "base" ? Layer::Base : Layer::Overlay;
    for (const auto& e : r.optionalArray("enforcement")) {
        e.expectObject({"from", "status", "note", "citation", "provenance"});
        EnforcementPeriod period;
        period.from = readDate(e, "from");
        const std::string status = e.text("status");
        if (status != "enforced" && status != "not_enforced") {
            e.failAt("status", "\"" + status + "\" is not enforced or not_enforced");
        }
        period.status = status == "enforced" ? Enforcement::Enforced : Enforcement::NotEnforced;
        period.note = e.optionalText("note").value_or("");
        if (e.has("citation")) {
            period.citation = readCitation(e, "citation", rs.id, readProvenance(e));
        }
        rs.enforcement.push_back(period);
    }
    rs.countryGroups = r.text("country_groups");
    if (rs.countryGroups != groups.id) {
        r.failAt("country_groups",
                 "\"" + rs.countryGroups + "\" is not the loaded country groups \"" + groups.id + "\"");
    }
    for (const auto& c : r.optionalArray("classification")) {
        c.expectObject({"eccn", "paragraph", "when", "flags", "citation", "provenance"});
        ClassificationRule rule;
        rule.eccn = c.text("eccn");
        if (!knownEccns.contains(rule.eccn) || rule.eccn == "*" || rule.eccn.starts_with("4A")) {
            c.failAt("eccn", "unknown ECCN \"" + rule.eccn + "\" for an integrated circuit");
        }
        rule.paragraph = c.optionalText("paragraph").value_or("");
        rule.when = readCondition(c.at("when"));
        rule.flags = c.texts("flags");
        rule.citation = readCitation(c, "citation", rs.id, readProvenance(c));
        rs.classification.push_back(std::move(rule));
    }
    if (r.has("system_eccns") && !document.at("system_eccns").is_null()) {
        const JsonReader s = r.at("system_eccns");
        if (!s.value().is_object()) {
            s.fail("expected an object of ECCN → ECCN");
        }
        for (const auto& [from, to] : s.value().items()) {
            if (!knownEccns.contains(from) || !to.is_string() || !knownEccns.contains(to.get<std::string>())) {
                s.failAt(from.c_str(), "unknown ECCN in a system mapping");
            }
            rs.systemEccns[from] = to.get<std::string>();
        }
    }
    for (const auto& t : r.optionalArray("remote_access_rules")) {
        rs.remoteAccessRules.push_back(readRemoteAccessRule(t, rs.id, groups));
    }
    for (const auto& t : r.optionalArray("end_user_rules")) {
        rs.endUserRules.push_back(readTreatmentRule(t, rs.id, groups));
        if (rs.endUserRules.back().hqIn.empty()) {
            t.failAt("hq_in", "an end-user rule needs headquarters countries or groups");
        }
    }
    for (const auto& t : r.optionalArray("destination_rules")) {
        rs.destinationRules.push_back(readTreatmentRule(t, rs.id, groups));
    }
    for (const auto& t : r.optionalArray("item_rules")) {
        rs.itemRules.push_back(readTreatmentRule(t, rs.id, groups));
    }
    for (const auto& c : r.optionalArray("caps")) {
        c.expectObject({"id", "exception", "scope", "limit_tpp", "applies_to", "destinations", "window_from",
                        "window_to", "citation", "provenance"});
        Cap cap;
        cap.id = c.text("id");
        cap.exception = c.optionalText("exception");
        const std::string scope = c.text("scope");
        if (scope != "per_consignee_per_calendar_year" && scope != "per_destination_country") {
            c.failAt("scope", "\"" + scope + "\" is not per_consignee_per_calendar_year or per_destination_country");
        }
        cap.scope = scope == "per_destination_country" ? CapScope::PerDestinationCountry
                                                       : CapScope::PerConsigneePerCalendarYear;
        cap.limitTpp = threshold(c, "limit_tpp").value_or(0.0);
        if (!(cap.limitTpp > 0.0)) {
            c.failAt("limit_tpp", "must be > 0");
        }
        cap.appliesTo = readEccns(c, "applies_to");
        cap.destinations = readSelector(c, groups);
        cap.windowFrom = readOptionalDate(c, "window_from");
        cap.windowTo = readOptionalDate(c, "window_to");
        cap.citation = readCitation(c, "citation", rs.id, readProvenance(c));
        rs.caps.push_back(std::move(cap));
    }
    for (const auto& e : r.optionalArray("exceptions")) {
        e.expectObject({"code", "cfr", "mechanism", "notice_days", "citation", "provenance"});
        ExceptionDefinition x;
        x.code = e.text("code");
        x.cfr = e.optionalText("cfr").value_or("");
        x.mechanism = e.text("mechanism");
        if (x.mechanism != "none" && x.mechanism != "notification" && x.mechanism != "certification") {
            e.failAt("mechanism", "\"" + x.mechanism + "\" is not none, notification or certification");
        }
        const double noticeDays = e.optionalNumber("notice_days").value_or(0);
        try {
            x.noticeDays = static_cast<int>(limits::checkWhole(limits::noticeDays, noticeDays, ""));
        } catch (const ValidationError& error) {
            e.failAt("notice_days", error.what());
        }
        x.citation = readCitation(e, "citation", rs.id, readProvenance(e));
        rs.exceptions.push_back(std::move(x));
    }
    rs.notes = r.optionalText("notes").value_or("");
    return rs;
}

CountryGroups loadCountryGroups(const std::string& isoFile, const std::string& groupsFile)
{
    CountryGroups result;
    {
        const auto document = JsonReader::parse(readTextFile(isoFile), isoFile);
        const JsonReader r(document, isoFile);
        r.expectObject({"id", "as_of", "source", "countries"});
        for (const auto& c : r.array("countries")) {
            c.expectObject({"code", "name"});
            const std::string code = c.text("code");
            if (code.size() != 2) {
                c.failAt("code", "\"" + code + "\" is not an alpha-2 code");
            }
            result.isoCodes.insert(code);
            result.countryNames[code] = c.text("name");
        }
    }
    const auto document = JsonReader::parse(readTextFile(groupsFile), groupsFile);
    const JsonReader r(document, groupsFile);
    r.expectObject({"id", "as_of", "source", "notes", "groups"});
    result.id = r.text("id");
    const JsonReader groups = r.at("groups");
    if (!groups.value().is_object()) {
        groups.fail("expected an object of group → members");
    }
    for (const auto& [name, value] : groups.value().items()) {
        const JsonReader g = groups.at(name.c_str());
        g.expectObject({"members", "provenance", "note", "citation"});
        auto& members = result.groups[name];
        const auto codes = g.texts("members");
        for (std::size_t i = 0; i < codes.size(); ++i) {
            if (!result.isoCodes.contains(codes[i])) {
                g.failAt("members", "[" + std::to_string(i) + "]: unknown country code \"" + codes[i] + "\"");
            }
            members.insert(codes[i]);
        }
        result.provenance[name] = readProvenance(g);
    }
    return result;
}

} // namespace fw::core::compliance
