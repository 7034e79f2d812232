// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a scenario JSON document (import FILE --scenario IN.json). Any input must end in
// a scenario or a fw::core::Error; anything else (a crash, a sanitizer report, another exception) is
// a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/plan/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto scenario =
            fw::core::plan::scenarioFromJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        // What is accepted writes back and reads again as the same scenario.
        fw::core::plan::scenarioFromJson(fw::core::plan::scenarioToJson(scenario), "round-trip.json");
    } catch (const fw::core::Error&) {
    }
    return 0;
}
