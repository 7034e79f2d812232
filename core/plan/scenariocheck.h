// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plan/scenario.h"

namespace fw::core::plan {

/// Checks every value of `scenario` a planner can type wrong: horizon 1–80 quarters, rates and
/// amounts ≥ 0, PUE ≥ 1, ISO country codes, site names unique and not empty, installed systems at a
/// site that exists, vendor share in (0, 1], a known licence appetite. Throws ValidationError whose
/// message starts with the JSON path of the first bad value ("sites[1].pue: 0.9 is below 1"), the
/// same path the scenario's JSON form uses. Catalog references (system SKUs) are checked when the
/// plan model is built.
void checkScenario(const Scenario& scenario);

} // namespace fw::core::plan
