// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace fw::core::io {

// NetBox's DCIM inventory as its REST API returns it, written against NetBox 3.6–3.7 and 4.0–4.x
// (docs/integrations/rest-api.md, "Pagination"; the field names of the dcim serializers). Only the
// fields the planner needs are read; every other field is left alone. Each record keeps `where`
// ("devices.json: results[12] (device 'gpu-dfw-07')") for the errors and the summary.

struct NetboxRegion {
    int id = 0;
    std::string name;
    std::string slug;
    std::optional<int> parent;
    std::string where;
};

struct NetboxSite {
    int id = 0;
    std::string name;
    std::string status; ///< status.value: planned, staging, active, decommissioning, retired
    std::optional<int> region;
    std::string regionName; ///< the nested region's name and slug, when there is one
    std::string regionSlug;
    // Custom fields the import reads (null or absent: not given).
    std::optional<std::string> country;   ///< `country`: ISO 3166-1 alpha-2 code or English name
    std::optional<double> pue;            ///< `pue`: facility ÷ IT power, ≥ 1
    std::optional<double> upsPowerKw;     ///< `ups_power_kw`: IT power the UPS carries
    std::optional<double> utilityPowerKw; ///< `utility_power_kw`: facility power the utility supplies
    std::string where;
};

struct NetboxRack {
    int id = 0;
    std::string name;
    int site = 0;
    std::string status; ///< reserved, available, planned, active, deprecated
    std::string where;
};

struct NetboxDeviceType {
    int id = 0;
    std::string manufacturer;     ///< manufacturer.name
    std::string manufacturerSlug; ///< manufacturer.slug
    std::string model;
    std::string slug;
    std::string where;
};

struct NetboxDevice {
    int id = 0;
    std::string name; ///< the device's name, or "#<id>" for an unnamed one
    int deviceType = 0;
    std::string role;     ///< role.name (device_role.name before NetBox 3.6)
    std::string roleSlug; ///< role.slug
    int site = 0;
    std::string status;               ///< offline, active, planned, staged, failed, inventory, decommissioning
    std::optional<Date> purchaseDate; ///< custom field `purchase_date` (YYYY-MM-DD)
    std::string where;
};

struct NetboxPowerPanel {
    int id = 0;
    std::string name;
    int site = 0;
    std::string where;
};

struct NetboxPowerFeed {
    int id = 0;
    std::string name;
    int powerPanel = 0;
    std::string status;                   ///< offline, active, planned, failed
    std::string type;                     ///< primary, redundant
    std::string supply;                   ///< ac, dc
    std::string phase;                    ///< single-phase, three-phase
    int voltage = 0;                      ///< V; negative for some DC feeds
    int amperage = 0;                     ///< A, ≥ 1
    int maxUtilization = 0;               ///< %, 1–100
    std::optional<double> availablePower; ///< W, as NetBox computed and saved it
    std::string where;
};

/// The saved endpoints of one NetBox instance.
struct NetboxInventory {
    std::vector<NetboxRegion> regions; ///< empty when regions.json is not there (it is optional)
    std::vector<NetboxSite> sites;
    std::vector<NetboxRack> racks;
    std::vector<NetboxDeviceType> deviceTypes;
    std::vector<NetboxDevice> devices;
    std::vector<NetboxPowerPanel> powerPanels;
    std::vector<NetboxPowerFeed> powerFeeds;
};

/// Reads `sites.json` (/api/dcim/sites/), `racks.json`, `devices.json`, `device-types.json`,
/// `power-panels.json` and `power-feeds.json`, and `regions.json` where it exists, from
/// `directory`. Each must be one whole list as NetBox pages it — `{"count", "next", "previous",
/// "results"}` with `next` null and `count` results; a truncated save (NetBox pages at 50 by
/// default) is refused with how to save every page. Every reference (a device's site, a feed's
/// panel …) must name a record of the other files, ids are unique, numbers are finite and within
/// NetBox's own field ranges. Throws FileFormatError with one line naming the file, the record and
/// the field; IoError when a file cannot be read.
NetboxInventory readNetboxDirectory(const std::filesystem::path& directory);

} // namespace fw::core::io
