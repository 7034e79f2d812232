// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/arguments.h"
#include "core/plan/stochastic.h"

namespace fw::cli {

/// What risk and robust start from: the scenario's plan model and how to make and solve its futures.
struct FutureRun {
    std::string file;
    core::plan::PlanModel model;
    core::plan::FutureOptions options;
};

/// Reads the options risk and robust share (--scenario, --futures, --seed, --threads, --gap,
/// --time-limit, --node-limit, then FILE; finish() is the caller's) and builds the scenario's plan
/// model. The futures are shared by the group useSolveGroup() names (this process by default).
/// ValidationError for a file without scenarios, an unknown scenario or one without uncertainty.
FutureRun futureRun(Arguments& args);

/// `--method` of robust, `--robust` of report (`option` names it in the error): "extensive" or "ph"
/// (progressive hedging); UsageError for anything else.
core::plan::RobustMethod robustMethod(const std::string& option, const std::string& text);

/// The processes risk and robust share their futures' solves between from now on (fleetwright-mpi:
/// the MPI job's ranks). Not owned: it must outlive every command run.
void useSolveGroup(const core::plan::SolveGroup& group);

/// Per rank of the group: how many of `outcomes` it planned ("replans").
nlohmann::json replansPerRank(const std::vector<core::plan::FutureOutcome>& outcomes);

nlohmann::json purchasesJson(const core::plan::PlanModel& model, const std::vector<core::plan::Purchase>& purchases);
/// Power build-out orders: one {quarter, site, mw} each.
nlohmann::json buildOutJson(const core::plan::PlanModel& model, const std::vector<core::plan::PowerOrder>& orders);
/// One entry per future: name, probability, status, cost, unserved, stranded units, later purchases.
nlohmann::json outcomesJson(const std::vector<core::plan::FutureOutcome>& outcomes);
/// The fans of a risk run over `model`'s quarters: "quarters", "levels" (0.05 … 0.95), then
/// "training" {unit, capacity, demand}, "inference" [{class, unit, capacity, demand}] and "power"
/// [{site, unit, drawn, available}], each figure {p5, p25, p50, p75, p95} with one number per quarter.
nlohmann::json fanJson(const core::plan::PlanModel& model, const std::vector<core::plan::Fan>& fans);
/// A figure that may be infinite (a first stage no plan follows in some future): null then.
nlohmann::json usdJson(double usd);

} // namespace fw::cli
