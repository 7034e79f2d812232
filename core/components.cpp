// SPDX-License-Identifier: Apache-2.0
#include "core/components.h"

#include <coin/CbcConfig.h>
#include <coin/ClpConfig.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include <boost/version.hpp>
#include <nlohmann/json.hpp>

namespace fw::core {

std::vector<std::pair<std::string, std::string>> componentVersions()
{
    const std::string boost = std::to_string(BOOST_VERSION / 100000) + "." +
                              std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100);
    const std::string json = std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                             std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                             std::to_string(NLOHMANN_JSON_VERSION_PATCH);
    return {{"COIN-OR CBC", CBC_VERSION}, {"COIN-OR Clp", CLP_VERSION}, {"SQLite", sqlite3_libversion()},
            {"Boost (Graph)", boost},     {"nlohmann-json", json},      {"libxlsxwriter", LXW_VERSION}};
}

} // namespace fw::core
