// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a saved NetBox directory (import FILE --netbox DIR). The input is the seven
// saved lists in netboxLists order, separated by NUL bytes (a list left out is a missing file); they
// are written to a private temporary directory and imported into a fleet holding the shipped
// catalog. Any input must end in an import, whose summary can be described, or a fw::core::Error.
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "core/fleet.h"
#include "core/io/netboximport.h"

namespace {

/// The files importNetbox reads (docs/imports.md), in the order the input gives them.
constexpr std::array<std::string_view, 7> netboxLists{"regions.json",      "sites.json",   "racks.json",
                                                      "device-types.json", "devices.json", "power-panels.json",
                                                      "power-feeds.json"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::filesystem::path directory = [] {
        char pattern[] = "/tmp/fleetwright-fuzz-netbox-XXXXXX";
        return std::filesystem::path(mkdtemp(pattern));
    }();
    static const fw::core::Fleet fleet = fw::core::newFleet("fuzz");
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (const auto name : netboxLists) {
        const auto file = directory / name;
        std::filesystem::remove(file);
        if (rest.data() == nullptr) {
            continue;
        }
        const auto end = rest.find('\0');
        std::ofstream(file, std::ios::binary) << rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    try {
        const auto result = fw::core::io::importNetboxIntoFleet(fleet, "NetBox import", directory, {},
                                                                fw::core::Date::parse("2026-01-15"));
        fw::core::io::describeNetboxImport(result);
    } catch (const fw::core::Error&) {
    }
    return 0;
}
