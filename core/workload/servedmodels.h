// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/workload/serving.h"

namespace fw::core::workload {

/// A published model of data/models/served-models.json.
struct ServedModelEntry {
    ServedModel shape;             ///< without precision or KV bytes (see `at`)
    std::string display;           ///< "Llama 2 70B"
    double kvValuesPerToken = 0.0; ///< key and value elements cached per token, all layers
    std::string source;
    std::string note;

    /// The model served with weights of `bytesPerParameter` (2 BF16, 1 FP8, 0.5 FP4) and a KV cache
    /// of `kvBytesPerValue` bytes per element.
    ServedModel at(double bytesPerParameter, double kvBytesPerValue) const;
};

/// Reads a served-model library; throws FileFormatError naming the file and field.
std::vector<ServedModelEntry> loadServedModels(const std::filesystem::path& file);
/// data/models/served-models.json of the shipped data.
const std::vector<ServedModelEntry>& shippedServedModels();
/// The entry named `name`; throws ValidationError listing the names there are.
const ServedModelEntry& findServedModel(const std::vector<ServedModelEntry>& models, const std::string& name);

} // namespace fw::core::workload
