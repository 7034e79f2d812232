// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

namespace fw::cli {

/// Prints `document` on stdout: as one JSON document with `json`, else one "key: value" line per
/// member. Returns exit code 0.
int printDocument(const nlohmann::json& document, bool json);

} // namespace fw::cli
