// SPDX-License-Identifier: Apache-2.0
#include "core/io/netboxjson.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::io {
namespace {

/// One saved endpoint: its file name in the directory and the API path it was saved from.
struct Endpoint {
    const char* file;
    const char* api;
    const char* noun; ///< "device", in messages
};

constexpr Endpoint regionsEndpoint{"regions.json", "/api/dcim/regions/", "region"};
constexpr Endpoint sitesEndpoint{"sites.json", "/api/dcim/sites/", "site"};
constexpr Endpoint racksEndpoint{"racks.json", "/api/dcim/racks/", "rack"};
constexpr Endpoint deviceTypesEndpoint{"device-types.json", "/api/dcim/device-types/", "device type"};
constexpr Endpoint devicesEndpoint{"devices.json", "/api/dcim/devices/", "device"};
constexpr Endpoint panelsEndpoint{"power-panels.json", "/api/dcim/power-panels/", "power panel"};
constexpr Endpoint feedsEndpoint{"power-feeds.json", "/api/dcim/power-feeds/", "power feed"};

std::string howToSaveAll(const Endpoint& e)
{
    return std::string("save every page: ") + e.api + "?limit=0 (where MAX_PAGE_SIZE allows), or one file per page " +
           "with their \"results\" merged into one list";
}

/// One saved list, parsed and checked to be whole.
struct SavedList {
    std::string file;
    nlohmann::json document;
};

SavedList readList(const std::filesystem::path& directory, const Endpoint& e)
{
    const std::filesystem::path path = directory / e.file;
    SavedList list{path.string(), {}};
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw FileFormatError(list.file + ": missing; save " + e.api + "?limit=0 as this file");
    }
    try {
        list.document =
            JsonReader::parse(readTextFile(path, limits::netboxListBytes), list.file, limits::netboxListBytes);
    } catch (const nlohmann::json::exception& x) {
        throw FileFormatError(list.file + ": not valid JSON (" + x.what() + ")");
    }
    const JsonReader r(list.document, list.file);
    const std::string form =
        " (expected the {\"count\", \"next\", \"previous\", \"results\"} list " + std::string(e.api) + " returns)";
    if (!list.document.is_object() || !r.has("results") || !r.has("count") || !r.has("next")) {
        r.fail(std::string("not a NetBox list") + form);
    }
    const auto& results = list.document.at("results");
    const auto& count = list.document.at("count");
    const auto& next = list.document.at("next");
    if (!results.is_array()) {
        r.failAt("results", "expected an array" + form);
    }
    if (!count.is_number_unsigned()) {
        r.failAt("count", "expected the whole number of records" + form);
    }
    if (!next.is_null()) {
        r.failAt("next", "\"" + (next.is_string() ? next.get<std::string>() : next.dump()) + "\": a truncated save (" +
                             std::to_string(results.size()) + " of " + count.dump() + " " + e.noun + "s); " +
                             howToSaveAll(e));
    }
    limits::check(limits::netboxRecords, static_cast<double>(results.size()), list.file + ": results");
    if (count.get<std::uint64_t>() != results.size()) {
        r.failAt("count", count.dump() + " " + e.noun + "s, but the file holds " + std::to_string(results.size()) +
                              ": a truncated or partly merged save; " + howToSaveAll(e));
    }
    if (r.has("previous") && !list.document.at("previous").is_null()) {
        r.failAt("previous", "not null: this is a later page of the list; " + howToSaveAll(e));
    }
    return list;
}

/// `text` with control characters (a newline in a hostile name) as spaces, so that every message
/// and summary line naming it stays one line.
std::string oneLine(std::string text)
{
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = ' ';
        }
    }
    return text;
}

std::string textAt(const JsonReader& r, const char* key)
{
    return oneLine(r.text(key));
}

std::string optionalTextAt(const JsonReader& r, const char* key)
{
    return oneLine(r.optionalText(key).value_or(""));
}

/// The shortest text that reads back as `value`, in whichever of plain or scientific notation is
/// shorter ("150", "1e+308"), for quoting a bad number in a message.
std::string quotedNumber(double value)
{
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

/// A NetBox primary key: a whole number from 1.
int keyAt(const JsonReader& r, const char* key)
{
    const auto& member = r.at(key).value();
    if (!member.is_number_integer() || member.get<std::int64_t>() < 1 || member.get<std::int64_t>() > INT32_MAX) {
        r.failAt(key, member.dump() + " is not a NetBox id (a whole number from 1)");
    }
    return member.get<int>();
}

/// A related object, which NetBox nests as {"id", "url", "display", "name" …}: its id.
std::optional<int> optionalReference(const JsonReader& r, const char* key)
{
    if (!r.has(key) || r.value().at(key).is_null()) {
        return std::nullopt;
    }
    const JsonReader nested = r.at(key);
    if (!nested.value().is_object()) {
        r.failAt(key, "expected the nested object NetBox writes ({\"id\", \"url\", \"name\" …})");
    }
    return keyAt(nested, "id");
}

int reference(const JsonReader& r, const char* key)
{
    const auto id = optionalReference(r, key);
    if (!id) {
        r.failAt(key, "missing");
    }
    return *id;
}

/// A choice field, which NetBox writes as {"value": "active", "label": "Active"}: its value.
std::string choiceAt(const JsonReader& r, const char* key)
{
    const JsonReader choice = r.at(key);
    if (!choice.value().is_object()) {
        r.failAt(key, "expected {\"value\", \"label\"} as NetBox writes a choice");
    }
    return textAt(choice, "value");
}

/// A whole number field within NetBox's own range for it.
int wholeAt(const JsonReader& r, const char* key, int low, int high)
{
    const double value = r.number(key);
    if (value != std::floor(value) || value < low || value > high) {
        r.failAt(key, quotedNumber(value) + " is not a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high));
    }
    return static_cast<int>(value);
}

/// The custom fields object (absent or null: none).
std::optional<JsonReader> customFields(const JsonReader& r)
{
    if (!r.has("custom_fields") || r.value().at("custom_fields").is_null()) {
        return std::nullopt;
    }
    JsonReader fields = r.at("custom_fields");
    if (!fields.value().is_object()) {
        r.failAt("custom_fields", "expected an object of custom field values");
    }
    return fields;
}

/// A decimal custom field: NetBox writes a number (or, for decimals in some versions, its text).
std::optional<double> customNumber(const std::optional<JsonReader>& fields, const char* key, const limits::Limit& limit)
{
    if (!fields || !fields->has(key) || fields->value().at(key).is_null()) {
        return std::nullopt;
    }
    const auto& member = fields->value().at(key);
    double value = 0.0;
    if (member.is_number()) {
        value = member.get<double>();
    } else if (member.is_string()) {
        const std::string text = member.get<std::string>();
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size()) {
            fields->failAt(key, "\"" + text + "\" is not a number");
        }
    } else {
        fields->failAt(key, "expected a number, found " + std::string(member.type_name()));
    }
    if (!std::isfinite(value) || value < limit.least || value > limit.most) {
        const std::string unit = limit.unit.empty() ? "" : " " + std::string(limit.unit);
        fields->failAt(key, quotedNumber(value) + " is out of range (" + quotedNumber(limit.least) + " to " +
                                quotedNumber(limit.most) + unit + ", the " + std::string(limit.name) + " accepted)");
    }
    return value;
}

std::string nameOr(const JsonReader& r, int id)
{
    const std::string name = optionalTextAt(r, "name");
    return !name.empty() ? name : "#" + std::to_string(id);
}

/// Every record of the saved list of `e`, each read by `read`, with its id checked unique.
template <typename Record, typename Read>
std::vector<Record> recordsOf(const std::filesystem::path& directory, const Endpoint& e, Read read)
{
    const SavedList list = readList(directory, e);
    const JsonReader r(list.document, list.file);
    std::vector<Record> records;
    std::set<int> ids;
    for (const auto& item : r.array("results")) {
        if (!item.value().is_object()) {
            item.fail(std::string("expected a ") + e.noun + " object");
        }
        Record record;
        record.id = keyAt(item, "id");
        if (!ids.insert(record.id).second) {
            item.failAt("id", std::to_string(record.id) + " appears twice");
        }
        record.where = list.file + ": " + item.path() + " (" + e.noun + " '" + nameOr(item, record.id) + "')";
        read(item, record);
        records.push_back(std::move(record));
    }
    return records;
}

std::vector<NetboxRegion> readRegions(const std::filesystem::path& directory)
{
    std::error_code error;
    if (!std::filesystem::exists(directory / regionsEndpoint.file, error)) {
        return {};
    }
    return recordsOf<NetboxRegion>(directory, regionsEndpoint, [](const JsonReader& r, NetboxRegion& region) {
        region.name = textAt(r, "name");
        region.slug = optionalTextAt(r, "slug");
        region.parent = optionalReference(r, "parent");
    });
}

std::vector<NetboxSite> readSites(const std::filesystem::path& directory)
{
    return recordsOf<NetboxSite>(directory, sitesEndpoint, [](const JsonReader& r, NetboxSite& site) {
        site.name = textAt(r, "name");
        site.status = choiceAt(r, "status");
        site.region = optionalReference(r, "region");
        if (site.region) {
            const JsonReader region = r.at("region");
            site.regionName = optionalTextAt(region, "name");
            site.regionSlug = optionalTextAt(region, "slug");
        }
        const auto fields = customFields(r);
        if (fields && fields->has("country") && !fields->value().at("country").is_null()) {
            site.country = oneLine(fields->at("country").asText());
        }
        site.pue = customNumber(fields, "pue", limits::pue);
        site.upsPowerKw = customNumber(fields, "ups_power_kw", limits::siteKw);
        site.utilityPowerKw = customNumber(fields, "utility_power_kw", limits::siteKw);
    });
}

std::vector<NetboxRack> readRacks(const std::filesystem::path& directory)
{
    return recordsOf<NetboxRack>(directory, racksEndpoint, [](const JsonReader& r, NetboxRack& rack) {
        rack.name = textAt(r, "name");
        rack.site = reference(r, "site");
        rack.status = choiceAt(r, "status");
    });
}

std::vector<NetboxDeviceType> readDeviceTypes(const std::filesystem::path& directory)
{
    return recordsOf<NetboxDeviceType>(directory, deviceTypesEndpoint, [](const JsonReader& r, NetboxDeviceType& type) {
        const JsonReader manufacturer = r.at("manufacturer");
        type.manufacturer = textAt(manufacturer, "name");
        type.manufacturerSlug = optionalTextAt(manufacturer, "slug");
        type.model = textAt(r, "model");
        type.slug = optionalTextAt(r, "slug");
    });
}

std::vector<NetboxDevice> readDevices(const std::filesystem::path& directory)
{
    return recordsOf<NetboxDevice>(directory, devicesEndpoint, [](const JsonReader& r, NetboxDevice& device) {
        device.name = nameOr(r, device.id);
        device.deviceType = reference(r, "device_type");
        // `role` since NetBox 3.6; `device_role` before (and, deprecated, until 4.0).
        const char* roleKey = r.has("role") && !r.value().at("role").is_null() ? "role" : "device_role";
        if (optionalReference(r, roleKey)) {
            const JsonReader role = r.at(roleKey);
            device.role = optionalTextAt(role, "name");
            device.roleSlug = optionalTextAt(role, "slug");
        }
        device.site = reference(r, "site");
        device.status = choiceAt(r, "status");
        const auto fields = customFields(r);
        if (fields && fields->has("purchase_date") && !fields->value().at("purchase_date").is_null()) {
            try {
                device.purchaseDate = Date::parse(oneLine(fields->at("purchase_date").asText()));
            } catch (const ValidationError& e) {
                fields->failAt("purchase_date", e.what());
            }
        }
    });
}

std::vector<NetboxPowerPanel> readPowerPanels(const std::filesystem::path& directory)
{
    return recordsOf<NetboxPowerPanel>(directory, panelsEndpoint, [](const JsonReader& r, NetboxPowerPanel& panel) {
        panel.name = textAt(r, "name");
        panel.site = reference(r, "site");
    });
}

std::vector<NetboxPowerFeed> readPowerFeeds(const std::filesystem::path& directory)
{
    return recordsOf<NetboxPowerFeed>(directory, feedsEndpoint, [](const JsonReader& r, NetboxPowerFeed& feed) {
        feed.name = textAt(r, "name");
        feed.powerPanel = reference(r, "power_panel");
        feed.status = choiceAt(r, "status");
        feed.type = choiceAt(r, "type");
        feed.supply = r.has("supply") ? choiceAt(r, "supply") : "ac";
        feed.phase = choiceAt(r, "phase");
        if (feed.type != "primary" && feed.type != "redundant") {
            r.failAt("type", "\"" + feed.type + "\" is not primary or redundant");
        }
        if (feed.phase != "single-phase" && feed.phase != "three-phase") {
            r.failAt("phase", "\"" + feed.phase + "\" is not single-phase or three-phase");
        }
        // NetBox's own field ranges (dcim/models/power.py, PowerFeed): voltage a SmallIntegerField
        // other than 0 (negative only for DC), amperage a PositiveSmallIntegerField from 1,
        // max_utilization a percentage from 1 to 100.
        feed.voltage = wholeAt(r, "voltage", -32768, 32767);
        if (feed.voltage == 0 || (feed.voltage < 0 && feed.supply != "dc")) {
            r.failAt("voltage", std::to_string(feed.voltage) + " V: must not be 0, and negative only for a DC feed");
        }
        feed.amperage = wholeAt(r, "amperage", 1, 32767);
        feed.maxUtilization = wholeAt(r, "max_utilization", 1, 100);
        if (r.has("available_power") && !r.value().at("available_power").is_null()) {
            feed.availablePower = wholeAt(r, "available_power", 0, INT32_MAX);
        }
    });
}

/// Refuses a reference to a record that is not in the other file.
template <typename Record, typename Target>
void expectKnown(const Record& record, const char* field, int id, const std::vector<Target>& targets, const Endpoint& e)
{
    for (const auto& t : targets) {
        if (t.id == id) {
            return;
        }
    }
    throw FileFormatError(record.where + " " + field + ": " + std::to_string(id) + " is not a " + e.noun + " in " +
                          e.file);
}

void checkReferences(const NetboxInventory& inventory)
{
    for (const auto& site : inventory.sites) {
        if (site.region && !inventory.regions.empty()) {
            expectKnown(site, "region.id", *site.region, inventory.regions, regionsEndpoint);
        }
    }
    for (const auto& region : inventory.regions) {
        if (region.parent) {
            expectKnown(region, "parent.id", *region.parent, inventory.regions, regionsEndpoint);
        }
    }
    for (const auto& rack : inventory.racks) {
        expectKnown(rack, "site.id", rack.site, inventory.sites, sitesEndpoint);
    }
    for (const auto& device : inventory.devices) {
        expectKnown(device, "site.id", device.site, inventory.sites, sitesEndpoint);
        expectKnown(device, "device_type.id", device.deviceType, inventory.deviceTypes, deviceTypesEndpoint);
    }
    for (const auto& panel : inventory.powerPanels) {
        expectKnown(panel, "site.id", panel.site, inventory.sites, sitesEndpoint);
    }
    for (const auto& feed : inventory.powerFeeds) {
        expectKnown(feed, "power_panel.id", feed.powerPanel, inventory.powerPanels, panelsEndpoint);
    }
}

/// Refuses a region tree with a loop (a region its own ancestor), which would never end a walk up.
void checkRegionTree(const std::vector<NetboxRegion>& regions)
{
    std::map<int, std::optional<int>> parentOf;
    for (const auto& region : regions) {
        parentOf[region.id] = region.parent;
    }
    for (const auto& region : regions) {
        std::optional<int> at = region.parent;
        for (std::size_t steps = 0; at; ++steps) {
            if (steps > regions.size()) {
                throw FileFormatError(region.where + " parent: the regions' parents form a loop");
            }
            at = parentOf[*at];
        }
    }
}

} // namespace

NetboxInventory readNetboxDirectory(const std::filesystem::path& directory)
{
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        throw FileFormatError(directory.string() + ": not a directory of NetBox JSON files");
    }
    NetboxInventory inventory;
    inventory.regions = readRegions(directory);
    inventory.sites = readSites(directory);
    inventory.racks = readRacks(directory);
    inventory.deviceTypes = readDeviceTypes(directory);
    inventory.devices = readDevices(directory);
    inventory.powerPanels = readPowerPanels(directory);
    inventory.powerFeeds = readPowerFeeds(directory);
    checkReferences(inventory);
    checkRegionTree(inventory.regions);
    return inventory;
}

} // namespace fw::core::io
