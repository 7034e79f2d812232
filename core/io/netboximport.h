// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/date.h"
#include "core/fleet.h"
#include "core/io/netboxpower.h"
#include "core/plan/scenario.h"

namespace fw::core::io {

/// One row of a device-type map (MAP.csv: `manufacturer,model,system`): the catalog system a NetBox
/// device type is. An empty system says the type is not an accelerator system.
struct DeviceTypeMapping {
    std::string manufacturer;
    std::string model;
    std::string system; ///< a catalog SKU, or empty
};

/// Reads MAP.csv. Throws FileFormatError naming `fileName`, the row and the column: a missing
/// column, an empty manufacturer or model, a system that is not in `catalog`, a type twice.
std::vector<DeviceTypeMapping> deviceTypeMapFromCsv(std::string_view text, const std::string& fileName,
                                                    const catalog::Catalog& catalog);

struct NetboxImportOptions {
    std::set<std::string> deviceStatuses{"active"}; ///< device statuses counted as installed
    std::vector<DeviceTypeMapping> typeMap;
};

/// Devices of one NetBox device type, as the summary lists them.
struct DeviceTypeCount {
    std::string manufacturer;
    std::string model;
    std::string role; ///< the devices' role(s), "Leaf switch"
    int devices = 0;
    std::string note; ///< why it did not map, where there is more to say
};

/// One imported site: what it became and how its power was worked out.
struct NetboxSiteSummary {
    std::string name;
    std::string country;
    std::string countryFrom; ///< "custom field country", "region 'Texas' → 'United States'"
    int racks = 0;           ///< active racks: the scenario's rack positions
    std::string pueFrom;     ///< "custom field pue", "the scenario's", "default"
    SitePowerLimit power;
};

/// What an import did, for the planner to check before trusting the scenario.
struct NetboxImportSummary {
    std::vector<NetboxSiteSummary> sites;
    std::vector<std::pair<std::string, std::string>> sitesNotImported; ///< site, status
    int devicesInstalled = 0;                                          ///< accelerator systems now in installed[]
    std::map<std::string, int> devicesNotCounted;                      ///< status → devices
    int devicesAtSitesNotImported = 0;
    std::vector<DeviceTypeCount> unmappedTypes;   ///< accelerator systems? not in the catalog nor the map
    std::vector<DeviceTypeCount> notAccelerators; ///< switches, storage … (by role or by the map)
    std::vector<std::string> warnings;
};

struct NetboxImport {
    plan::Scenario scenario;
    NetboxImportSummary summary;
};

/// Builds the sites and installed systems of `base` from the NetBox inventory saved in `directory`
/// (readNetboxDirectory), keeping everything else of `base` (horizon, demand, market, policy) and,
/// for a site of the same name, what NetBox does not say (electricity price, cooling, build-out …):
/// - sites: the `active` NetBox sites; rack positions = their `active` racks; country from the
///   `country` custom field, else from the region or a region above it named after a country
///   (`countryNames`: ISO code → English name); PUE from the `pue` custom field, else `base`'s site
///   of that name, else 1.3; facility power = IT power (sitePowerLimit) × PUE;
/// - installed: devices whose status is in `options.deviceStatuses`, at an imported site, whose type
///   maps to a catalog system — by `options.typeMap` first, then by the catalog (model = SKU or
///   name, manufacturer one of the vendor's names) — grouped by site, system and purchase quarter
///   (custom field `purchase_date`; age = quarters to `base.firstQuarter` ÷ 4).
/// Devices of other types are listed in the summary, as unmapped or as not accelerator systems
/// (a role naming a switch, router, firewall, storage, PDU …). Throws FileFormatError naming the
/// file, record and field (a site with no country, a bad value), IoError when a file cannot be read.
NetboxImport importNetbox(const std::filesystem::path& directory, plan::Scenario base, const catalog::Catalog& catalog,
                          const std::map<std::string, std::string>& countryNames,
                          const NetboxImportOptions& options = {});

/// importNetbox into `fleet`'s scenario named `scenarioName`, or, when it has none, a new one of that
/// name: 8 quarters from the one after `today`, no demand, no offers (the planner adds them). The
/// country names are the shipped data's (data/countries/iso-3166-1.json). The fleet is not changed:
/// the caller puts the scenario in (replacing the one of that name).
NetboxImport importNetboxIntoFleet(const Fleet& fleet, const std::string& scenarioName,
                                   const std::filesystem::path& directory, const NetboxImportOptions& options,
                                   Date today);

/// The summary as lines of text, as the CLI prints it and the GUI shows it.
std::vector<std::string> describeNetboxImport(const NetboxImport& result);

} // namespace fw::core::io
