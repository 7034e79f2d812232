// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.h"

namespace fw::core::catalog {

/// Reads `accelerators.json`, `systems.json` and `network.json` from `directory` (the layout of
/// `data/catalog/`, described in its README) and validates the result. Throws FileFormatError with
/// a one-line message naming the file, the record and the field: bad JSON or UTF-8, a missing or
/// unknown field, a wrong type, a negative power, a duplicate SKU, a broken cross-reference.
Catalog loadCatalogDirectory(const std::filesystem::path& directory);

/// The record as a JSON object with the field keys of the data files.
template <class Record>
nlohmann::json recordToJson(const Record& record);

extern template nlohmann::json recordToJson(const Accelerator&);
extern template nlohmann::json recordToJson(const System&);
extern template nlohmann::json recordToJson(const NetworkPart&);

} // namespace fw::core::catalog
