// SPDX-License-Identifier: Apache-2.0
#include "core/io/netboximport.h"

#include <algorithm>
#include <cctype>

#include "core/compliance/ruleset.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/io/csv.h"
#include "core/numbertext.h"
#include "core/plan/scenariocheck.h"

namespace fw::core::io {
namespace {

/// Lower case, for comparing names as people type them.
std::string folded(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// NetBox's slug of a name: lower case, runs of anything but letters and digits as one '-'.
std::string slugOf(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out;
}

bool manufacturerIs(const NetboxDeviceType& type, std::string_view name)
{
    return folded(type.manufacturer) == folded(name) ||
           (!type.manufacturerSlug.empty() && type.manufacturerSlug == slugOf(name));
}

/// Whether the catalog system's vendor ("NVIDIA", "AMD / Dell", "NVIDIA HGX / OEM") names the type's
/// manufacturer, or the system's full name starts with it ("NVIDIA DGX A100").
bool vendorNames(const catalog::System& system, const NetboxDeviceType& type)
{
    std::string vendor = system.vendor.value_or("");
    std::size_t start = 0;
    while (start <= vendor.size()) {
        const std::size_t end = std::min(vendor.find('/', start), vendor.size());
        std::string part = vendor.substr(start, end - start);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        for (std::string_view word : {std::string_view(part), std::string_view(part).substr(0, part.find(' '))}) {
            if (!word.empty() && manufacturerIs(type, word)) {
                return true;
            }
        }
        start = end + 1;
    }
    return folded(system.name).starts_with(folded(type.manufacturer) + " ");
}

/// Roles of devices that are infrastructure, not accelerator systems (NetBox's demo data and
/// device-type library name them so: "Leaf switch", "Core router", "Storage", "PDU" …).
bool isInfrastructureRole(const NetboxDevice& device)
{
    static const char* const words[] = {"switch", "router",  "firewall",      "storage",       "pdu",
                                        "patch",  "console", "load-balancer", "load balancer", "kvm"};
    const std::string role = folded(device.role) + " " + device.roleSlug;
    return std::any_of(std::begin(words), std::end(words),
                       [&](const char* word) { return role.find(word) != std::string::npos; });
}

/// What a device type is to the planner.
struct TypeMatch {
    enum class Kind { System, NotAccelerator, Unmapped } kind = Kind::Unmapped;
    std::string sku;
    std::string note;
};

TypeMatch matchType(const NetboxDeviceType& type, const catalog::Catalog& catalog,
                    const std::vector<DeviceTypeMapping>& typeMap)
{
    for (const auto& m : typeMap) {
        if (manufacturerIs(type, m.manufacturer) &&
            (folded(type.model) == folded(m.model) || type.slug == slugOf(m.model))) {
            return m.system.empty() ? TypeMatch{TypeMatch::Kind::NotAccelerator, "", "by the map"}
                                    : TypeMatch{TypeMatch::Kind::System, m.system, "by the map"};
        }
    }
    if (const auto* system = catalog.findSystem(type.model)) {
        if (vendorNames(*system, type)) {
            return {TypeMatch::Kind::System, system->sku, "by the catalog"};
        }
        return {TypeMatch::Kind::Unmapped, "",
                "the model is catalog system '" + system->sku + "', but its vendor is '" +
                    system->vendor.value_or("unknown") + "', not '" + type.manufacturer + "'"};
    }
    return {};
}

/// The ISO code `text` names, as a code ("US", "us") or an English name ("United States", its slug).
std::optional<std::string> countryOf(const std::string& text, const std::map<std::string, std::string>& names,
                                     bool codes)
{
    for (const auto& [code, name] : names) {
        if ((codes && folded(text) == folded(code)) || folded(text) == folded(name) || text == slugOf(name)) {
            return code;
        }
    }
    return std::nullopt;
}

/// The site's country and where it came from; FileFormatError when nothing gives one.
std::pair<std::string, std::string> siteCountry(const NetboxSite& site, const NetboxInventory& inventory,
                                                const std::map<std::string, std::string>& names)
{
    if (site.country) {
        if (const auto code = countryOf(*site.country, names, true)) {
            return {*code, "custom field country"};
        }
        throw FileFormatError(site.where + " custom_fields.country: \"" + *site.country +
                              "\" is not an ISO 3166-1 alpha-2 code or a country's English name");
    }
    // The nested region, then its parents (regions.json), by name: a region "CA" may be California.
    std::string from;
    std::optional<int> region = site.region;
    std::string name = site.regionName;
    std::string slug = site.regionSlug;
    for (std::size_t steps = 0; region && steps <= inventory.regions.size(); ++steps) {
        from += (from.empty() ? "region '" : " → '") + name + "'";
        for (const auto& text : {name, slug}) {
            if (const auto code = countryOf(text, names, false); code && !text.empty()) {
                return {*code, from};
            }
        }
        const auto it = std::find_if(inventory.regions.begin(), inventory.regions.end(),
                                     [&](const NetboxRegion& r) { return r.id == *region; });
        region = it == inventory.regions.end() ? std::nullopt : it->parent;
        if (region) {
            const auto parent = std::find_if(inventory.regions.begin(), inventory.regions.end(),
                                             [&](const NetboxRegion& r) { return r.id == *region; });
            name = parent->name;
            slug = parent->slug;
        }
    }
    throw FileFormatError(
        site.where + ": no country: set its custom field 'country' (ISO 3166-1 alpha-2) or put it " +
        "in a region named after its country" +
        (from.empty() ? std::string() : " (" + from + " names none; save regions.json too for the regions above)"));
}

int activeRacks(const NetboxSite& site, const NetboxInventory& inventory)
{
    return static_cast<int>(std::count_if(inventory.racks.begin(), inventory.racks.end(), [&](const NetboxRack& r) {
        return r.site == site.id && r.status == "active";
    }));
}

void countType(std::vector<DeviceTypeCount>& counts, const NetboxDeviceType& type, const NetboxDevice& device,
               const std::string& note)
{
    auto it = std::find_if(counts.begin(), counts.end(), [&](const DeviceTypeCount& c) {
        return c.manufacturer == type.manufacturer && c.model == type.model;
    });
    if (it == counts.end()) {
        counts.push_back({type.manufacturer, type.model, device.role, 0, note});
        it = std::prev(counts.end());
    } else if (!device.role.empty() && ("," + it->role + ",").find("," + device.role + ",") == std::string::npos) {
        it->role += (it->role.empty() ? "" : ",") + device.role;
    }
    ++it->devices;
}

/// The sites of the scenario, one per active NetBox site.
std::vector<plan::Site> importSites(const NetboxInventory& inventory, const plan::Scenario& base,
                                    const std::map<std::string, std::string>& countryNames,
                                    NetboxImportSummary& summary)
{
    std::vector<plan::Site> sites;
    for (const auto& site : inventory.sites) {
        if (site.status != "active") {
            summary.sitesNotImported.emplace_back(site.name, site.status);
            continue;
        }
        const auto same = std::find_if(base.sites.begin(), base.sites.end(),
                                       [&](const plan::Site& s) { return s.name == site.name; });
        plan::Site out = same == base.sites.end() ? plan::Site{} : *same;
        NetboxSiteSummary s;
        s.name = out.name = site.name;
        std::tie(s.country, s.countryFrom) = siteCountry(site, inventory, countryNames);
        out.country = s.country;
        s.pueFrom = site.pue ? "custom field pue" : same != base.sites.end() ? "the scenario's site" : "default";
        out.pue = site.pue.value_or(out.pue);
        s.power = sitePowerLimit(site, out.pue, inventory);
        out.powerMw = {s.power.facilityMw()};
        s.racks = activeRacks(site, inventory);
        out.racks = s.racks;
        out.notes = "From NetBox: IT " + formatNumber(std::round(s.power.itW / 10.0) / 100.0) + " kW (" +
                    s.power.limitedBy + " limit) × PUE " + formatNumber(out.pue);
        if (s.power.feedsW == 0.0) {
            summary.warnings.push_back("site " + site.name + ": no active primary power feeds, so 0 MW");
        }
        if (s.racks == 0) {
            summary.warnings.push_back("site " + site.name + ": no active racks, so no rack positions");
        }
        sites.push_back(out);
        summary.sites.push_back(s);
    }
    return sites;
}

/// Adds one device to the installed group of its site, system and purchase quarter.
void install(std::vector<plan::InstalledSystems>& installed, const std::string& site, const std::string& sku,
             double ageYears)
{
    for (auto& group : installed) {
        if (group.site == site && group.system == sku && group.ageYears == ageYears) {
            ++group.count;
            return;
        }
    }
    installed.push_back({site, sku, 1, ageYears, std::nullopt, std::nullopt});
}

double ageAtStart(const NetboxDevice& device, const plan::Quarter& firstQuarter, NetboxImportSummary& summary)
{
    if (!device.purchaseDate) {
        return 0.0;
    }
    const int quarters = plan::quartersFrom(plan::Quarter::containing(*device.purchaseDate), firstQuarter);
    if (quarters < 0) {
        summary.warnings.push_back(device.where + ": purchase_date " + device.purchaseDate->toString() +
                                   " is after the horizon's start " + firstQuarter.toString() + "; counted as new");
        return 0.0;
    }
    return quarters / 4.0;
}

std::vector<plan::InstalledSystems> importDevices(const NetboxInventory& inventory, const plan::Scenario& base,
                                                  const catalog::Catalog& catalog, const NetboxImportOptions& options,
                                                  NetboxImportSummary& summary)
{
    std::map<int, TypeMatch> matches;
    for (const auto& type : inventory.deviceTypes) {
        matches[type.id] = matchType(type, catalog, options.typeMap);
    }
    std::vector<plan::InstalledSystems> installed;
    int undated = 0;
    for (const auto& device : inventory.devices) {
        const auto& site = *std::find_if(inventory.sites.begin(), inventory.sites.end(),
                                         [&](const NetboxSite& s) { return s.id == device.site; });
        const auto& type = *std::find_if(inventory.deviceTypes.begin(), inventory.deviceTypes.end(),
                                         [&](const NetboxDeviceType& t) { return t.id == device.deviceType; });
        const TypeMatch& match = matches[type.id];
        if (site.status != "active") {
            ++summary.devicesAtSitesNotImported;
        } else if (!options.deviceStatuses.contains(device.status)) {
            ++summary.devicesNotCounted[device.status];
        } else if (match.kind == TypeMatch::Kind::System) {
            install(installed, site.name, match.sku, ageAtStart(device, base.firstQuarter, summary));
            undated += device.purchaseDate ? 0 : 1;
            ++summary.devicesInstalled;
        } else if (match.kind == TypeMatch::Kind::NotAccelerator) {
            countType(summary.notAccelerators, type, device, match.note);
        } else if (isInfrastructureRole(device)) {
            countType(summary.notAccelerators, type, device, "by its role");
        } else {
            countType(summary.unmappedTypes, type, device, match.note);
        }
    }
    if (undated > 0) {
        summary.warnings.push_back(std::to_string(undated) +
                                   " installed devices have no purchase_date custom field: counted as new (age 0)");
    }
    return installed;
}

void appendTypes(std::vector<std::string>& lines, const std::string& heading,
                 const std::vector<DeviceTypeCount>& counts)
{
    if (counts.empty()) {
        return;
    }
    lines.push_back(heading);
    for (const auto& c : counts) {
        lines.push_back("  " + c.manufacturer + " " + c.model + ": " + std::to_string(c.devices) + " devices" +
                        (c.role.empty() ? "" : " (role " + c.role + ")") + (c.note.empty() ? "" : "; " + c.note));
    }
}

} // namespace

std::vector<DeviceTypeMapping> deviceTypeMapFromCsv(std::string_view text, const std::string& fileName,
                                                    const catalog::Catalog& catalog)
{
    const SpreadsheetTable t = readSpreadsheetCsv(text, fileName);
    const int columns[] = {t.column("manufacturer"), t.column("model"), t.column("system")};
    const char* names[] = {"manufacturer", "model", "system"};
    for (int c = 0; c < 3; ++c) {
        if (columns[c] < 0) {
            throw FileFormatError(fileName + ": missing column '" + names[c] +
                                  "' (the columns are manufacturer, model, system)");
        }
    }
    if (t.header.size() != 3) {
        throw FileFormatError(fileName + ": " + std::to_string(t.header.size()) +
                              " columns; the map has three: manufacturer, model, system");
    }
    std::vector<DeviceTypeMapping> map;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        DeviceTypeMapping m;
        m.manufacturer = t.rows[r][static_cast<std::size_t>(columns[0])];
        m.model = t.rows[r][static_cast<std::size_t>(columns[1])];
        const std::string system = t.rows[r][static_cast<std::size_t>(columns[2])];
        for (int c = 0; c < 2; ++c) {
            if (t.rows[r][static_cast<std::size_t>(columns[c])].empty()) {
                throw FileFormatError(t.where(r, columns[c]) + ": empty");
            }
        }
        if (!system.empty()) {
            const auto* found = catalog.findSystem(system);
            if (found == nullptr) {
                throw FileFormatError(t.where(r, columns[2]) + ": no system \"" + system +
                                      "\" in the fleet's catalog (leave it empty for a type that is not an "
                                      "accelerator system)");
            }
            m.system = found->sku;
        }
        for (const auto& earlier : map) {
            if (folded(earlier.manufacturer) == folded(m.manufacturer) && folded(earlier.model) == folded(m.model)) {
                throw FileFormatError(t.where(r, columns[1]) + ": " + m.manufacturer + " " + m.model +
                                      " is mapped twice");
            }
        }
        map.push_back(m);
    }
    return map;
}

NetboxImport importNetbox(const std::filesystem::path& directory, plan::Scenario base, const catalog::Catalog& catalog,
                          const std::map<std::string, std::string>& countryNames, const NetboxImportOptions& options)
{
    const NetboxInventory inventory = readNetboxDirectory(directory);
    NetboxImport result;
    result.scenario = std::move(base);
    result.scenario.sites = importSites(inventory, result.scenario, countryNames, result.summary);
    result.scenario.installed = importDevices(inventory, result.scenario, catalog, options, result.summary);
    if (result.scenario.notes.empty()) {
        result.scenario.notes = "Sites and installed systems imported from NetBox.";
    }
    try {
        plan::checkScenario(result.scenario);
    } catch (const ValidationError& e) {
        throw FileFormatError(directory.string() + ": the imported scenario: " + e.what());
    }
    return result;
}

NetboxImport importNetboxIntoFleet(const Fleet& fleet, const std::string& scenarioName,
                                   const std::filesystem::path& directory, const NetboxImportOptions& options,
                                   Date today)
{
    plan::Scenario base;
    base.name = scenarioName;
    base.firstQuarter = plan::Quarter::containing(today).plus(1);
    base.quarters = 8;
    base.demand = {plan::QuarterDemand{}};
    for (const auto& s : fleet.scenarios) {
        if (s.name == scenarioName) {
            base = s;
        }
    }
    const auto countries = dataDirectory() / "countries";
    const auto groups = compliance::loadCountryGroups((countries / "iso-3166-1.json").string(),
                                                      (countries / "us-ear-country-groups-2026-06.json").string());
    return importNetbox(directory, base, fleet.catalog, groups.countryNames, options);
}

std::vector<std::string> describeNetboxImport(const NetboxImport& result)
{
    const auto& s = result.summary;
    std::vector<std::string> lines;
    lines.push_back("scenario '" + result.scenario.name + "': " + std::to_string(s.sites.size()) + " sites, " +
                    std::to_string(s.devicesInstalled) + " accelerator systems installed");
    for (const auto& site : s.sites) {
        lines.push_back("site " + site.name + " (" + site.country + ", from " + site.countryFrom +
                        "): " + std::to_string(site.racks) + " active racks, PUE from " + site.pueFrom);
        for (const auto& line : describePower(site.power)) {
            lines.push_back("  " + line);
        }
    }
    for (const auto& i : result.scenario.installed) {
        lines.push_back("installed at " + i.site + ": " + std::to_string(i.count) + " × " + i.system + ", age " +
                        formatNumber(i.ageYears) + (i.ageYears == 1.0 ? " year" : " years"));
    }
    for (const auto& [site, status] : s.sitesNotImported) {
        lines.push_back("site not imported: " + site + " (status " + status + ")");
    }
    if (s.devicesAtSitesNotImported > 0) {
        lines.push_back("devices at sites not imported: " + std::to_string(s.devicesAtSitesNotImported));
    }
    for (const auto& [status, devices] : s.devicesNotCounted) {
        lines.push_back("devices not counted: " + std::to_string(devices) + " " + status);
    }
    appendTypes(lines, "unmapped device types (not in the catalog; map them in MAP.csv as manufacturer,model,system):",
                s.unmappedTypes);
    appendTypes(lines, "not accelerator systems:", s.notAccelerators);
    for (const auto& warning : s.warnings) {
        lines.push_back("warning: " + warning);
    }
    return lines;
}

} // namespace fw::core::io
