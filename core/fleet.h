// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <vector>

#include "core/catalog/catalog.h"
#include "core/plan/scenario.h"

namespace fw::core {

/// The buyer, as export-control headquarters rules see it (ISO 3166-1 alpha-2; empty: unknown).
struct Company {
    std::string name;
    std::string hqCountry;
    std::string parentHqCountry;
    bool operator==(const Company&) const = default;
};

/// A plan kept in the fleet file (`plan --save`, the GUI's Save): the scenario as it was planned, so
/// that a later edit shows the plan is out of date, and the plan's record (plan::savePlan: its
/// decisions and input fingerprints, as JSON).
struct SavedPlan {
    std::string scenario;     ///< the scenario's name
    std::string savedAt;      ///< ISO 8601, UTC
    std::string scenarioJson; ///< plan::scenarioToJson of the scenario it was made from
    std::string planJson;
    bool operator==(const SavedPlan&) const = default;
};

/// Everything a fleet file holds, in memory: the document the GUI edits and the CLI reads.
struct Fleet {
    std::string name; ///< the fleet's title, shown in reports
    Company company;
    catalog::Catalog catalog;              ///< the file's own copy of the hardware catalog
    std::vector<plan::Scenario> scenarios; ///< names unique
    std::vector<SavedPlan> plans;          ///< at most one per scenario

    /// Keeps `plan` as the saved plan of its scenario, replacing an earlier one.
    void keepPlan(SavedPlan plan);
    bool operator==(const Fleet&) const = default;
};

} // namespace fw::core

namespace fw::core {

/// Every scenario's systems (installed and offered) are systems of the fleet's own catalog: throws
/// ValidationError naming the scenario, the row and the SKU ("scenario 'Base' market[2].system:
/// 'DGX X' is not a system in the fleet's catalog") — so that no catalog or scenario change leaves
/// a stored scenario pointing at a missing system.
void checkReferences(const Fleet& fleet);

/// A new fleet named `name` holding the shipped catalog (`data/catalog/`). Throws FileFormatError
/// when the shipped data is broken, IoError when it cannot be found.
Fleet newFleet(const std::string& name);

/// The embedded sample fleet, as `new FILE --sample` and the GUI's first start create it: the
/// shipped catalog, a US-headquartered company and the scenarios of `data/sample/`.
Fleet sampleFleet();

} // namespace fw::core
