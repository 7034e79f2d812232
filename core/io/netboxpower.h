// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/io/netboxjson.h"

namespace fw::core::io {

/// The power a feed can deliver, W, as NetBox itself computes `available_power` when a feed is saved
/// (netbox/dcim/models/power.py, PowerFeed.save()): |voltage| × amperage × max_utilization / 100,
/// × 1.732 (NetBox's √3) for three-phase, rounded to a whole watt.
double feedAvailablePowerW(const NetboxPowerFeed& feed);

/// Feeds of one electrical kind at a site, for showing the arithmetic once per kind.
struct FeedKind {
    std::string supply; ///< ac, dc
    std::string phase;
    int voltage = 0;
    int amperage = 0;
    int maxUtilization = 0;
    int feeds = 0;
    double wattsEach = 0.0;
};

/// Where a site's IT power comes from and which limit decides it.
struct SitePowerLimit {
    std::vector<FeedKind> primaryFeeds; ///< the active primary feeds, by kind
    double feedsW = 0.0;                ///< their sum: an upper bound, since feeds are rack circuits
    int redundantFeeds = 0;             ///< active redundant (B-side) feeds: the same power again, not more
    double redundantW = 0.0;
    std::vector<std::pair<std::string, int>> feedsNotActive; ///< status → feeds (planned, offline, failed)
    std::optional<double> upsW;                              ///< custom field ups_power_kw: IT power
    std::optional<double> utilityW; ///< custom field utility_power_kw: facility power, so ÷ PUE for IT
    double pue = 1.0;
    double itW = 0.0;      ///< min(feedsW, upsW, utilityW ÷ PUE)
    std::string limitedBy; ///< "feeds", "UPS" or "utility"
    double facilityMw() const { return itW * pue / 1e6; }
};

/// The IT power of `site` from the active primary feeds of its panels, capped by its UPS and utility
/// limits (custom fields), with `pue` for turning the utility's facility power into IT power.
SitePowerLimit sitePowerLimit(const NetboxSite& site, double pue, const NetboxInventory& inventory);

/// One line per step of the arithmetic: "4 × three-phase 415 V × 100 A × 80 % × 1.732 = 4 × 57502 W",
/// the feeds left out, the limits, which won, and the facility power.
std::vector<std::string> describePower(const SitePowerLimit& power);

} // namespace fw::core::io
