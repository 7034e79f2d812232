// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/planmodel.h"
#include "core/plan/stochastic.h"
#include "core/workload/assumptions.h"

// The plan tests' shared inputs, defined in optimizer_test.cpp.
namespace fw::core::plan {

const Fleet& sample(); ///< the shipped sample fleet
const compliance::RuleLibrary& rules();
const workload::ModelAssumptions& assumptions();
Scenario tiny(); ///< one US site, training demand only, DGX H100 and DGX B200, two quarters
/// tiny() over three quarters with 9 PFLOP/s in the first, the DGX B200 at 250,000 USD, and one
/// event: the B200 (named in other case) slips a quarter with probability 0.3. Defined in
/// uncertainty_test.cpp.
Scenario slippingB200();
/// `s` resolved against the sample's catalog, for `company`.
PlanModel model(const Scenario& s, Company company = {"Acme", "US", "US"});
/// Solve to a proven optimum (no gap), for comparisons with enumeration and hand figures.
OptimizerOptions exactly();
/// An on-demand US cloud offer from a US provider: `sku` at `usdPerHour` per accelerator-hour, 1,024
/// accelerators a quarter in blocks of 8. Defined in rental_test.cpp.
CloudOffer onDemand(const std::string& provider, const std::string& sku, double usdPerHour);
/// A robust plan by progressive hedging with `hedging`. Defined in hedging_test.cpp.
RobustOptions byHedging(const HedgingOptions& hedging = {});
/// The sample fleet (company Acme, US) with one switch left, QM9700 (64 × 400G): a two-tier fabric
/// of 400G NICs ends at 64² / 2 = 2,048 accelerators. Defined in fabric_test.cpp.
Fleet withQm9700Only();
/// Calls `visit` with the evaluation of every valid plan buying 0..max of each offer in each quarter
/// at the first site, and retiring 0..installed of each installed system there in each quarter, all
/// units training.
void forEachValidPlan(const PlanModel& m, int max, const std::function<void(const Evaluation&)>& visit);
/// The lowest cost of every valid plan forEachValidPlan enumerates; infinity when there is none.
double bestByEnumeration(const PlanModel& m, int max);

} // namespace fw::core::plan
