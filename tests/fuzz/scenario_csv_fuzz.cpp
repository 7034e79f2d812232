// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a scenario table from spreadsheet CSV (import FILE --fleet-csv | --demand-csv |
// --market-csv IN). The first byte picks the table (modulo 3: fleet, demand, market), the rest is
// the CSV, read into the shipped US sample scenario with the shipped catalog. Any input must end in
// a scenario or a fw::core::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/io/scenariocsv.h"
#include "core/plan/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace fw::core;
    static const auto catalog = catalog::loadCatalogDirectory(dataDirectory() / "catalog");
    static const auto sample =
        plan::scenarioFromJson(readTextFile(dataDirectory() / "sample" / "neocloud-us.json"), "neocloud-us.json");
    if (size == 0) {
        return 0;
    }
    constexpr io::ScenarioTable tables[] = {io::ScenarioTable::Fleet, io::ScenarioTable::Demand,
                                            io::ScenarioTable::Market};
    const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        io::withTableFromCsv(sample, tables[data[0] % 3], csv, "fuzz.csv", catalog);
    } catch (const Error&) {
    }
    return 0;
}
