// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include "core/plan/stochastic.h"

namespace fw::core::plan {

/// A future's outcome as it travels between the ranks of a solve group (shareFutures sends it as
/// CBOR, so every double arrives bit for bit): status, cost, unserved, stranded, later units,
/// diagnosis, solve seconds and the trajectories the fans are drawn from. Name, probability and rank
/// are the receiver's to set.
nlohmann::json outcomeWire(const FutureOutcome& outcome);

/// The outcome outcomeWire encoded. Throws nlohmann::json::exception for a document it did not make.
FutureOutcome outcomeFromWire(const nlohmann::json& wire);

} // namespace fw::core::plan
