// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fw::core::catalog {

/// An announced next-generation accelerator (data/catalog/roadmap.json): not yet buyable, so not in
/// the catalog. Figures as the vendor announced them (dense or sparse often unstated: `figuresNote`);
/// an unknown figure is empty.
struct AnnouncedPart {
    std::string sku;
    std::string name;
    std::string vendor;
    std::string announced; ///< when it was announced (YYYY-MM or YYYY-MM-DD)
    std::string available; ///< the availability the vendor gave ("2026H2", "2027Q4")
    std::optional<double> memoryGb;
    std::string memoryType;
    std::optional<double> memoryTbps;
    std::optional<double> fp4Pflops;
    std::optional<double> fp8Pflops;
    std::optional<double> bf16Pflops;
    std::optional<double> tdpW;
    std::optional<int> scaleUpDomain;
    std::optional<double> scaleUpTbps;
    std::string figuresNote;
    std::string source;
};

/// Reads a roadmap file; throws FileFormatError naming the file, part and field.
std::vector<AnnouncedPart> loadRoadmap(const std::filesystem::path& file);
/// data/catalog/roadmap.json of the shipped data.
std::vector<AnnouncedPart> shippedRoadmap();

} // namespace fw::core::catalog
