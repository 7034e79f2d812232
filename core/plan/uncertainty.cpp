// SPDX-License-Identifier: Apache-2.0
#include "core/plan/uncertainty.h"

#include <algorithm>

#include "core/error.h"
#include "core/limits.h"
#include "core/textforms.h"

namespace fw::core::plan {
namespace {

std::string path(std::size_t i, const char* field)
{
    return "uncertainty.events[" + std::to_string(i) + "]." + field;
}

[[noreturn]] void fail(std::size_t i, const char* field, const std::string& problem)
{
    throw ValidationError(path(i, field) + ": " + problem);
}

} // namespace

const char* eventTargetKey(const std::string& kind)
{
    if (kind == "demand") {
        return "stream";
    }
    if (kind == "vendor_price" || kind == "vendor_supply" || kind == "used_market" || kind == "software_efficiency") {
        return "vendor";
    }
    if (kind == "part_delay" || kind == "part_price" || kind == "part_performance" ||
        kind == "part_software_efficiency") {
        return "system";
    }
    if (kind == "electricity_price" || kind == "power_delay") {
        return "site";
    }
    if (kind == "licence_required" || kind == "country_cap") {
        return "country";
    }
    if (kind == "buyer_licence_required") {
        return "buyer_hq";
    }
    if (kind == "remote_access_licence") {
        return "renter_hq";
    }
    return "";
}

const std::vector<std::string>& eventKinds()
{
    static const std::vector<std::string> kinds{
        "demand",      "vendor_price",        "vendor_supply",           "used_market",
        "part_delay",  "part_price",          "part_performance",        "electricity_price",
        "power_delay", "licence_required",    "buyer_licence_required",  "remote_access_licence",
        "country_cap", "software_efficiency", "part_software_efficiency"};
    return kinds;
}

std::string eventKindList()
{
    const auto& kinds = eventKinds();
    std::string list;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + kinds[i];
    }
    return list;
}

bool eventMultiplies(const std::string& kind)
{
    return kind == "demand" || kind == "vendor_price" || kind == "vendor_supply" || kind == "used_market" ||
           kind == "part_price" || kind == "part_performance" || kind == "electricity_price" ||
           kind == "software_efficiency" || kind == "part_software_efficiency";
}

bool eventIsDated(const std::string& kind)
{
    return kind == "demand" || kind == "vendor_price" || kind == "vendor_supply" || kind == "used_market" ||
           kind == "part_price" || kind == "part_performance" || kind == "software_efficiency" ||
           kind == "part_software_efficiency" || eventTargetsCountry(kind);
}

bool eventFollowsLaunch(const std::string& kind)
{
    return kind == "vendor_price" || kind == "part_price" || kind == "used_market" ||
           kind == "part_software_efficiency";
}

bool eventDelays(const std::string& kind)
{
    return kind == "power_delay" || kind == "part_delay";
}

bool eventTargetsCountry(const std::string& kind)
{
    return kind == "licence_required" || kind == "buyer_licence_required" || kind == "remote_access_licence" ||
           kind == "country_cap";
}

Uncertainty uncertaintyAt(const JsonReader& r, const Quarter& firstQuarter)
{
    r.expectObject({"events"});
    Uncertainty u;
    const auto events = r.array("events");
    try {
        limits::check(limits::uncertainEvents, static_cast<double>(events.size()), "events (count)");
    } catch (const ValidationError& e) {
        r.fail(e.what());
    }
    for (const auto& e : events) {
        UncertainEvent event;
        event.kind = e.text("kind");
        const char* target = eventTargetKey(event.kind);
        if (*target == '\0') {
            e.failAt("kind", "\"" + event.kind + "\" is not " + eventKindList());
        }
        if (eventMultiplies(event.kind)) {
            // A price or value change may follow a launch instead of a quarter (`from` again otherwise).
            const char* launch = eventFollowsLaunch(event.kind) ? "from_launch_of" : "from";
            e.expectObject({"name", "probability", "kind", target, "from", launch, "multiplier"});
            event.multiplier = e.number("multiplier", limits::eventMultiplier);
        } else if (eventDelays(event.kind)) {
            e.expectObject({"name", "probability", "kind", target, "quarters"});
            event.quarters = e.whole("quarters", limits::quarterSpan);
        } else if (event.kind == "country_cap") {
            e.expectObject({"name", "probability", "kind", target, "from", "limit_tpp"});
            event.limitTpp = e.number("limit_tpp", limits::capTpp);
        } else {
            e.expectObject({"name", "probability", "kind", target, "from"});
        }
        event.name = e.text("name");
        event.probability = e.number("probability", limits::probability);
        event.target = e.optionalText(target).value_or("");
        if (eventFollowsLaunch(event.kind) && e.has("from_launch_of")) {
            if (e.has("from")) {
                e.failAt("from", "give a quarter or from_launch_of, not both");
            }
            event.fromLaunchOf = e.text("from_launch_of");
        } else if (event.kind == "part_performance" && !e.has("from")) {
            event.from = firstQuarter; // the part as it is: the whole horizon
        } else if (eventIsDated(event.kind)) {
            try {
                event.from = Quarter::parse(e.text("from"));
            } catch (const ValidationError& error) {
                e.failAt("from", error.what());
            }
        } else if (eventMultiplies(event.kind) && e.has("from")) {
            e.failAt("from", "an event of kind " + event.kind + " holds for the whole horizon");
        }
        u.events.push_back(event);
    }
    return u;
}

nlohmann::json uncertaintyJson(const Uncertainty& u)
{
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : u.events) {
        nlohmann::json e = {{"name", event.name}, {"probability", event.probability}, {"kind", event.kind}};
        if (!event.target.empty()) {
            e[eventTargetKey(event.kind)] = event.target;
        }
        if (!event.fromLaunchOf.empty()) {
            e["from_launch_of"] = event.fromLaunchOf;
        } else if (eventIsDated(event.kind)) {
            e["from"] = event.from.toString();
        }
        if (eventMultiplies(event.kind)) {
            e["multiplier"] = event.multiplier;
        }
        if (eventDelays(event.kind)) {
            e["quarters"] = event.quarters;
        }
        if (event.kind == "country_cap") {
            e["limit_tpp"] = event.limitTpp;
        }
        events.push_back(e);
    }
    return {{"events", events}};
}

void checkUncertainty(const Scenario& s)
{
    const auto& events = s.uncertainty.events;
    limits::check(limits::uncertainEvents, static_cast<double>(events.size()), "uncertainty.events (count)");
    for (std::size_t i = 0; i < events.size(); ++i) {
        const UncertainEvent& e = events[i];
        if (e.name.empty()) {
            fail(i, "name", "an event needs a name");
        }
        limits::check(limits::nameCharacters, characterCount(e.name), path(i, "name"));
        for (std::size_t k = 0; k < i; ++k) {
            if (events[k].name == e.name) {
                fail(i, "name", "event \"" + e.name + "\" appears twice");
            }
        }
        limits::check(limits::probability, e.probability, path(i, "probability"));
        const char* target = eventTargetKey(e.kind);
        if (*target == '\0') {
            fail(i, "kind", "\"" + e.kind + "\" is not " + eventKindList());
        }
        if (eventMultiplies(e.kind)) {
            limits::check(limits::eventMultiplier, e.multiplier, path(i, "multiplier"));
        }
        if (eventDelays(e.kind)) {
            limits::check(limits::quarterSpan, e.quarters, path(i, "quarters"));
        }
        if (e.kind == "country_cap") {
            limits::check(limits::capTpp, e.limitTpp, path(i, "limit_tpp"));
        }
        if (!e.fromLaunchOf.empty()) {
            if (!eventFollowsLaunch(e.kind)) {
                fail(i, "from_launch_of", "an event of kind " + e.kind + " cannot follow a launch");
            }
            limits::check(limits::nameCharacters, characterCount(e.fromLaunchOf), path(i, "from_launch_of"));
            const bool offered = std::any_of(s.market.begin(), s.market.end(), [&](const Offer& o) {
                return !o.used && equalsIgnoringCase(o.system, e.fromLaunchOf);
            });
            if (!offered) {
                fail(i, "from_launch_of", "\"" + e.fromLaunchOf + "\" is not a new offer of the market");
            }
        } else if (eventIsDated(e.kind)) {
            const int from = quartersFrom(s.firstQuarter, e.from);
            if (from < 0 || from >= s.quarters) {
                fail(i, "from",
                     "\"" + e.from.toString() + "\" is outside the horizon " + s.firstQuarter.toString() + "–" +
                         s.firstQuarter.plus(s.quarters - 1).toString());
            }
        }
        const auto siteNamed = [&](const std::string& name) {
            return std::any_of(s.sites.begin(), s.sites.end(), [&](const Site& site) { return site.name == name; });
        };
        const auto classNamed = [&](const std::string& name) {
            return std::any_of(s.inferenceClasses.begin(), s.inferenceClasses.end(),
                               [&](const InferenceClass& c) { return c.name == name; });
        };
        const bool known = e.kind == "demand" ? e.target.empty() || e.target == "training" || classNamed(e.target)
                           : e.kind == "used_market" || e.kind == "software_efficiency" ? true // empty: every vendor
                           : target == std::string("vendor") || target == std::string("system") ? !e.target.empty()
                           : e.kind == "electricity_price" ? e.target.empty() || siteNamed(e.target)
                           : e.kind == "power_delay"       ? siteNamed(e.target)
                                                           : isCountryCode(e.target);
        if (!known) {
            if (target == std::string("vendor")) {
                fail(i, target, "a vendor price or supply change needs a vendor");
            }
            if (target == std::string("system")) {
                fail(i, target, "a part's event needs the system it is about");
            }
            const std::string what = e.kind == "demand"            ? "is not training or an inference class"
                                     : eventTargetsCountry(e.kind) ? "is not an ISO 3166-1 alpha-2 code"
                                                                   : "is not a site of the scenario";
            fail(i, target, "\"" + e.target + "\" " + what);
        }
    }
}

} // namespace fw::core::plan
