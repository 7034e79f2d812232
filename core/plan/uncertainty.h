// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include "core/jsonreader.h"
#include "core/plan/scenario.h"

namespace fw::core::plan {

/// Reads the `uncertainty` object of a scenario's JSON form (data/sample/README.md): its shape only
/// (FileFormatError naming the path); checkUncertainty() checks the values.
Uncertainty uncertaintyAt(const JsonReader& r);
nlohmann::json uncertaintyJson(const Uncertainty& uncertainty);

/// Checks every event of `scenario.uncertainty`: a name given once, a probability in [0, 1], a known
/// kind, a target that exists in the scenario (stream, site) or is well formed (vendor, ISO country),
/// a quarter within the horizon, a multiplier and a delay within core/limits.h. Throws ValidationError
/// "uncertainty.events[2].probability: 1.5 is above the largest 1 accepted …".
void checkUncertainty(const Scenario& scenario);

} // namespace fw::core::plan
