// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/plan/evaluator.h"

namespace fw::core::report {

/// A plan table with typed cells, for spreadsheets: numbers stay numbers.
struct DataTable {
    std::string name; ///< sheet or file name
    std::vector<std::string> columns;
    std::vector<std::vector<std::variant<double, std::string>>> rows;
};

/// The plan as tables: purchases, retirements, KPIs per quarter (with power per site), and the export-control
/// treatment of every purchase. Pure; thread-safe.
std::vector<DataTable> planTables(const Fleet& fleet, const plan::PlanModel& model, const plan::Plan& plan,
                                  const plan::Evaluation& evaluation, const compliance::RuleLibrary& rules);

/// Writes one sheet per table with libxlsxwriter, to a temporary sibling renamed into place.
/// Throws IoError naming the file.
void writeXlsx(const std::filesystem::path& file, const std::vector<DataTable>& tables);

/// Writes `<name>.csv` per table into `directory` (created if missing), each file atomically.
void writeCsvDirectory(const std::filesystem::path& directory, const std::vector<DataTable>& tables);

} // namespace fw::core::report
