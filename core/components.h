// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fw::core {

/// The libraries this build of the core uses, with their versions (COIN-OR CBC and Clp, SQLite,
/// Boost, nlohmann-json, libxlsxwriter), for Help → About and bug reports.
std::vector<std::pair<std::string, std::string>> componentVersions();

} // namespace fw::core
