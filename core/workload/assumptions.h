// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/catalog/metrics.h"

namespace fw::core::workload {

/// A default the models use, with where it comes from ("assumption" when nothing is published).
struct SourcedValue {
    double value = 0.0;
    std::string unit;
    std::string source;
    std::string note;
};

/// A published model-FLOPs utilisation for an accelerator family and precision.
struct MfuEntry {
    std::string familyContains; ///< matched against the accelerator's family
    catalog::Precision precision = catalog::Precision::Bf16;
    SourcedValue mfu;
    int accelerators = 0; ///< the size of the run it was measured on
};

/// The defaults of data/models/assumptions.json. Immutable once loaded; thread-safe to read.
struct ModelAssumptions {
    std::vector<MfuEntry> mfu;
    MfuEntry defaultMfu;
    std::map<std::string, SourcedValue> values;

    /// The named default (`pue`, `goodput` …); throws Error when the file lacks it.
    const SourcedValue& value(const std::string& key) const;
    /// The published MFU for the accelerator's family at `precision` (and the run size it was measured
    /// at), else the conservative default.
    const MfuEntry& mfuFor(const catalog::Accelerator& accelerator, catalog::Precision precision) const;
};

/// Reads an assumptions file; throws FileFormatError naming the file and field.
ModelAssumptions loadModelAssumptions(const std::filesystem::path& file);
/// data/models/assumptions.json of the shipped data.
ModelAssumptions shippedModelAssumptions();

/// Parses a precision name (`bf16`, `fp8` …); throws ValidationError listing the names.
catalog::Precision parsePrecision(const std::string& text);

} // namespace fw::core::workload
