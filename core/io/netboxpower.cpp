// SPDX-License-Identifier: Apache-2.0
#include "core/io/netboxpower.h"

#include <algorithm>
#include <cmath>

#include "core/numbertext.h"

namespace fw::core::io {
namespace {

/// NetBox's factor for three-phase feeds (PowerFeed.save(): `round(kva * 1.732)`), kept as NetBox
/// writes it rather than √3 = 1.7320508…, so that the import and NetBox agree to the watt.
constexpr double netboxThreePhaseFactor = 1.732;

std::string kw(double watts)
{
    return formatNumber(std::round(watts / 10.0) / 100.0) + " kW";
}

void addKind(std::vector<FeedKind>& kinds, const NetboxPowerFeed& feed)
{
    for (auto& kind : kinds) {
        if (kind.supply == feed.supply && kind.phase == feed.phase && kind.voltage == feed.voltage &&
            kind.amperage == feed.amperage && kind.maxUtilization == feed.maxUtilization) {
            ++kind.feeds;
            return;
        }
    }
    kinds.push_back(
        {feed.supply, feed.phase, feed.voltage, feed.amperage, feed.maxUtilization, 1, feedAvailablePowerW(feed)});
}

void countStatus(std::vector<std::pair<std::string, int>>& counts, const std::string& status)
{
    for (auto& [name, count] : counts) {
        if (name == status) {
            ++count;
            return;
        }
    }
    counts.emplace_back(status, 1);
}

} // namespace

double feedAvailablePowerW(const NetboxPowerFeed& feed)
{
    const double va = std::abs(feed.voltage) * static_cast<double>(feed.amperage) * (feed.maxUtilization / 100.0);
    return std::round(feed.phase == "three-phase" ? va * netboxThreePhaseFactor : va);
}

SitePowerLimit sitePowerLimit(const NetboxSite& site, double pue, const NetboxInventory& inventory)
{
    SitePowerLimit power;
    power.pue = pue;
    for (const auto& feed : inventory.powerFeeds) {
        const auto panel = std::find_if(inventory.powerPanels.begin(), inventory.powerPanels.end(),
                                        [&](const NetboxPowerPanel& p) { return p.id == feed.powerPanel; });
        if (panel == inventory.powerPanels.end() || panel->site != site.id) {
            continue;
        }
        if (feed.status != "active") {
            countStatus(power.feedsNotActive, feed.status);
        } else if (feed.type == "redundant") {
            ++power.redundantFeeds;
            power.redundantW += feedAvailablePowerW(feed);
        } else {
            addKind(power.primaryFeeds, feed);
            power.feedsW += feedAvailablePowerW(feed);
        }
    }
    power.itW = power.feedsW;
    power.limitedBy = "feeds";
    if (site.upsPowerKw) {
        power.upsW = *site.upsPowerKw * 1000.0;
        if (*power.upsW < power.itW) {
            power.itW = *power.upsW;
            power.limitedBy = "UPS";
        }
    }
    if (site.utilityPowerKw) {
        power.utilityW = *site.utilityPowerKw * 1000.0;
        if (*power.utilityW / pue < power.itW) {
            power.itW = *power.utilityW / pue;
            power.limitedBy = "utility";
        }
    }
    return power;
}

std::vector<std::string> describePower(const SitePowerLimit& p)
{
    std::vector<std::string> lines;
    for (const auto& k : p.primaryFeeds) {
        const std::string volts =
            k.voltage < 0 ? "|" + std::to_string(k.voltage) + "| V" : std::to_string(k.voltage) + " V";
        lines.push_back(std::to_string(k.feeds) + " × " + k.phase + (k.supply == "dc" ? " DC " : " ") + volts + " × " +
                        std::to_string(k.amperage) + " A × " + std::to_string(k.maxUtilization) + " %" +
                        (k.phase == "three-phase" ? " × 1.732" : "") + " = " + std::to_string(k.feeds) + " × " +
                        formatNumber(k.wattsEach) + " W");
    }
    lines.push_back("active primary feeds: " + kw(p.feedsW) + " (an upper bound: feeds are rack circuits)");
    if (p.redundantFeeds > 0) {
        lines.push_back("not added: " + std::to_string(p.redundantFeeds) + " redundant feeds (" + kw(p.redundantW) +
                        ", the same power again on the B side)");
    }
    for (const auto& [status, feeds] : p.feedsNotActive) {
        lines.push_back("not added: " + std::to_string(feeds) + (feeds == 1 ? " feed " : " feeds ") + status);
    }
    if (p.upsW) {
        lines.push_back("UPS limit (custom field ups_power_kw): " + kw(*p.upsW) + " IT");
    }
    if (p.utilityW) {
        lines.push_back("utility limit (custom field utility_power_kw): " + kw(*p.utilityW) + " ÷ PUE " +
                        formatNumber(p.pue) + " = " + kw(*p.utilityW / p.pue) + " IT");
    }
    lines.push_back("IT power " + kw(p.itW) + " (" + p.limitedBy + " limit) × PUE " + formatNumber(p.pue) + " = " +
                    formatNumber(std::round(p.facilityMw() * 1e4) / 1e4) + " MW facility");
    return lines;
}

} // namespace fw::core::io
