// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a rule-set JSON document (classify --rule-file FILE), read against the shipped
// country groups. Any input must end in a rule set or a fw::core::Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/compliance/ruleset.h"
#include "core/datadirectory.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const auto groups = [] {
        const auto countries = fw::core::dataDirectory() / "countries";
        return fw::core::compliance::loadCountryGroups((countries / "iso-3166-1.json").string(),
                                                       (countries / "us-ear-country-groups-2026-06.json").string());
    }();
    try {
        fw::core::compliance::ruleSetFromJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json",
                                              groups);
    } catch (const fw::core::Error&) {
    }
    return 0;
}
