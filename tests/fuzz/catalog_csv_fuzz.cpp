// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a catalog CSV (import FILE --catalog-csv IN). Any input must end in a catalog or
// a fw::core::Error; an accepted catalog writes back to CSV and reads again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/catalog/catalogcsv.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto catalog =
            fw::core::catalog::catalogFromCsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
        fw::core::catalog::catalogFromCsv(fw::core::catalog::catalogToCsv(catalog), "round-trip.csv");
    } catch (const fw::core::Error&) {
    }
    return 0;
}
