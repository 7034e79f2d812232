// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/cli/arguments.h"
#include "core/catalog/catalog.h"
#include "core/workload/assumptions.h"

namespace fw::cli {

/// What every `estimate` kind reads: the shipped catalog and model defaults.
struct EstimateContext {
    core::catalog::Catalog catalog;
    core::workload::ModelAssumptions assumptions;

    EstimateContext();
    /// The catalog's accelerator `sku`; ValidationError naming `option` when there is none.
    const core::catalog::Accelerator& accelerator(const std::string& sku, const std::string& option = "sku") const;
    const core::catalog::System& system(const std::string& sku) const;
    double value(const char* key) const { return assumptions.value(key).value; }
};

/// `--name VALUE` that must be there (UsageError when missing).
double requiredNumber(Arguments& args, const std::string& name);
std::string requiredText(Arguments& args, const std::string& name);
nlohmann::json orNull(const std::optional<double>& v);

/// `estimate training`: the training model (MFU by scale, goodput from interruptions, RL rollouts).
int estimateTraining(Arguments& args, const EstimateContext& context, bool json);

/// `estimate inference`: the serving model (throughput–interactivity curve), or `--calibration`.
int estimateInference(Arguments& args, const EstimateContext& context, bool json);

} // namespace fw::cli
