// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

namespace fw::core {

/// The directory holding the shipped data (`catalog/`, later `rules/`, `countries/`, `sample/`).
/// Looked up in this order: `$FLEETWRIGHT_DATA_DIR`; `<executable dir>/../share/fleetwright`
/// (an installed package); the source tree's `data/` (a build that is not installed).
/// Throws IoError when none of them holds `catalog/accelerators.json`.
std::filesystem::path dataDirectory();

} // namespace fw::core
