// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/planmodel.h"
#include "core/workload/assumptions.h"

// The plan tests' shared inputs, defined in optimizer_test.cpp.
namespace fw::core::plan {

const Fleet& sample(); ///< the shipped sample fleet
const compliance::RuleLibrary& rules();
const workload::ModelAssumptions& assumptions();
Scenario tiny(); ///< one US site, training demand only, DGX H100 and DGX B200, two quarters
/// `s` resolved against the sample's catalog, for `company`.
PlanModel model(const Scenario& s, Company company = {"Acme", "US", "US"});

} // namespace fw::core::plan
