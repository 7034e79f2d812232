// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/restrictedparties.h"

#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/textforms.h"

namespace fw::core::compliance {
namespace {

Date dateAt(const JsonReader& r, const char* key)
{
    const std::string text = r.text(key);
    try {
        return Date::parse(text);
    } catch (const ValidationError&) {
        r.failAt(key, "'" + text + "' is not a date written YYYY-MM-DD");
    }
}

std::string urlAt(const JsonReader& r, const char* key)
{
    const std::string url = r.text(key);
    if (!isWebAddress(url)) {
        r.failAt(key, "'" + url + "' is not an http(s) URL");
    }
    return url;
}

/// A non-empty text.
std::string nameAt(const JsonReader& r, const char* key)
{
    std::string name = r.text(key);
    if (name.find_first_not_of(" \t") == std::string::npos) {
        r.failAt(key, "'" + name + "' is empty");
    }
    return name;
}

RestrictedParty partyAt(const JsonReader& r)
{
    r.expectObject({"name", "aliases", "country", "list", "date_added", "citation", "source", "notes"});
    RestrictedParty p;
    p.name = nameAt(r, "name");
    p.aliases = r.texts("aliases");
    p.country = r.text("country");
    if (!isCountryCode(p.country)) {
        r.failAt("country", "'" + p.country + "' is not an ISO 3166-1 alpha-2 code");
    }
    p.list = nameAt(r, "list");
    p.dateAdded = dateAt(r, "date_added");
    p.citation = r.optionalText("citation").value_or("");
    p.source = urlAt(r, "source");
    p.notes = r.optionalText("notes").value_or("");
    return p;
}

OwnershipRuleStatus statusAt(const JsonReader& r)
{
    const std::string text = r.text("status");
    for (const auto status : {OwnershipRuleStatus::InForce, OwnershipRuleStatus::Suspended,
                              OwnershipRuleStatus::Unknown, OwnershipRuleStatus::NotInForce}) {
        if (text == toString(status)) {
            return status;
        }
    }
    r.failAt("status", "'" + text + "' is not one of in_force, suspended, unknown, not_in_force");
}

OwnershipRule ownershipRuleAt(const JsonReader& r)
{
    r.expectObject({"id", "name", "min_share", "lists", "periods"});
    OwnershipRule rule;
    rule.id = nameAt(r, "id");
    rule.name = r.optionalText("name").value_or("");
    rule.minShare = r.number("min_share", limits::rateOrShare);
    if (rule.minShare <= 0.0 || rule.minShare > 1.0) {
        r.failAt("min_share", formatNumber(rule.minShare) + " is not a share within (0, 1]");
    }
    rule.lists = r.texts("lists");
    if (rule.lists.empty()) {
        r.failAt("lists", "names no list");
    }
    const auto periods = r.array("periods");
    limits::check(limits::restrictedParties, static_cast<double>(periods.size()), r.path() + ".periods");
    for (const auto& p : periods) {
        p.expectObject({"from", "status", "citation", "source", "note"});
        OwnershipRulePeriod period;
        period.from = dateAt(p, "from");
        if (!rule.periods.empty() && period.from <= rule.periods.back().from) {
            p.failAt("from", period.from.toString() + " is not after the previous period's " +
                                 rule.periods.back().from.toString());
        }
        period.status = statusAt(p);
        period.citation = p.optionalText("citation").value_or("");
        period.source = urlAt(p, "source");
        period.note = p.optionalText("note").value_or("");
        rule.periods.push_back(std::move(period));
    }
    if (rule.periods.empty()) {
        r.failAt("periods", "is empty: a rule needs at least the period it starts with");
    }
    return rule;
}

} // namespace

std::string_view toString(OwnershipRuleStatus status)
{
    switch (status) {
    case OwnershipRuleStatus::NotInForce: return "not_in_force";
    case OwnershipRuleStatus::InForce: return "in_force";
    case OwnershipRuleStatus::Suspended: return "suspended";
    case OwnershipRuleStatus::Unknown: return "unknown";
    }
    return {};
}

const OwnershipRulePeriod* OwnershipRule::periodOn(Date date) const
{
    const OwnershipRulePeriod* on = nullptr;
    for (const auto& period : periods) {
        if (period.from <= date) {
            on = &period;
        }
    }
    return on;
}

OwnershipRuleStatus OwnershipRule::statusOn(Date date) const
{
    const OwnershipRulePeriod* period = periodOn(date);
    return period == nullptr ? OwnershipRuleStatus::NotInForce : period->status;
}

RestrictedPartyList restrictedPartiesFromJson(const std::string& text, const std::string& file)
{
    const auto document = JsonReader::parse(text, file);
    const JsonReader r(document, file);
    r.expectObject({"id", "notes", "entries", "ownership_rules"});
    RestrictedPartyList list;
    list.id = r.optionalText("id").value_or("");
    list.file = file;
    const auto entries = r.optionalArray("entries");
    limits::check(limits::restrictedParties, static_cast<double>(entries.size()), file + ": entries");
    for (const auto& entry : entries) {
        list.parties.push_back(partyAt(entry));
    }
    const auto rules = r.optionalArray("ownership_rules");
    limits::check(limits::restrictedParties, static_cast<double>(rules.size()), file + ": ownership_rules");
    for (const auto& rule : rules) {
        list.ownershipRules.push_back(ownershipRuleAt(rule));
    }
    return list;
}

RestrictedPartyList loadRestrictedParties(const std::filesystem::path& file)
{
    return restrictedPartiesFromJson(readTextFile(file), file.string());
}

RestrictedPartyList screeningListFor(const std::string& listFile)
{
    const auto parties = dataDirectory() / "parties";
    RestrictedPartyList list = loadRestrictedParties(parties / "ownership-rules.json");
    const auto chosen =
        loadRestrictedParties(listFile.empty() ? parties / "restricted-parties.json" : std::filesystem::path(listFile));
    list.id = chosen.id;
    list.file = chosen.file;
    list.parties = chosen.parties;
    list.ownershipRules.insert(list.ownershipRules.end(), chosen.ownershipRules.begin(), chosen.ownershipRules.end());
    return list;
}

} // namespace fw::core::compliance
