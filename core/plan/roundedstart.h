// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/plan: a start for CBC found next to the purchase MILP's LP relaxation, for models
// too large for CBC's own heuristics to improve on the greedy plan within a planner's time limit.

#include <limits>
#include <vector>

#include "core/plan/milp.h"

namespace fw::core::plan::detail {

/// What the rounding search found. `x` is empty when it found no plan; otherwise every column of
/// the Milp it was given, meeting all its rows, and `objective` what `x` costs (NPV USD, the Milp's
/// constant included). `bound` is the LP relaxation's objective, a bound on every plan (−∞ when
/// the LP did not finish); `seconds` the wall-clock time of both solves.
struct RoundedStart {
    std::vector<double> x;
    double objective = 0.0;
    double bound = -std::numeric_limits<double>::infinity();
    double seconds = 0.0;
};

/// A search next to the LP relaxation, after RENS (Berthold, "RENS: the optimal rounding", 2014):
/// solves the LP relaxation of `p` (Clp, with its presolve), then `p` with every purchase the LP
/// does not make fixed at 0 (and the units, fabric and contracts only those purchases could use),
/// leaving those columns out, within `seconds` of wall-clock time for both. What is left has a purchase
/// column for each purchase the LP makes (801 columns in all on the 50-site benchmark, of 104,120),
/// so CBC searches it in seconds. `options` gives the cancel flag (progress is not reported: these are not
/// the planner's bound and incumbent). Blocking; one CBC solve at a time.
RoundedStart roundedStart(const Milp& p, const OptimizerOptions& options, double seconds);

} // namespace fw::core::plan::detail
