// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the `uncertainty` object of a scenario JSON document, in a fixed small scenario (one
// site, one new offer shipping from its second quarter, for events that follow its launch).
// Any input must end in a scenario whose futures can be listed, or a fw::core::Error; anything else
// (a crash, a sanitizer report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/plan/futures.h"
#include "core/plan/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string scenario =
        R"({"name": "f", "first_quarter": "2027Q1", "quarters": 4, "sites": [{"name": "Reno", "country": "US",)"
        R"( "power_mw": [1]}], "demand": [{"training_pflops": 1}],)"
        R"( "inference_classes": [{"name": "chat", "params": 8e9}],)"
        R"( "market": [{"system": "DGX B200", "supply_per_quarter": [0, 2]}], "uncertainty": )" +
        std::string(reinterpret_cast<const char*>(data), size) + "}";
    try {
        const auto s = fw::core::plan::scenarioFromJson(scenario, "fuzz.json");
        // What is accepted writes back and reads again as the same scenario, and makes its futures.
        if (fw::core::plan::scenarioFromJson(fw::core::plan::scenarioToJson(s), "round-trip.json") != s) {
            __builtin_trap();
        }
        fw::core::plan::futuresOf(s.uncertainty, 64, 1);
    } catch (const fw::core::Error&) {
    }
    return 0;
}
