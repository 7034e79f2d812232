// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a rental-price JSON document (data/catalog/rental-prices.json, read by
// `estimate tco`). Any input must end in a list of prices or a fw::core::Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/catalog/rentalprices.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        fw::core::catalog::rentalPricesFromJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const fw::core::Error&) {
    }
    return 0;
}
