// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a restricted-party document (data/parties/*.json, or the list a scenario's
// policy.restricted_parties names). Any input must end in a list or a fw::core::Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/compliance/restrictedparties.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        fw::core::compliance::restrictedPartiesFromJson(std::string(reinterpret_cast<const char*>(data), size),
                                                        "fuzz.json");
    } catch (const fw::core::Error&) {
    }
    return 0;
}
