// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "core/plan/savedplan.h"
#include "core/plan/scenario.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

namespace {

/// Each saved plan: its scenario, when, its status and cost, and which of its inputs have changed
/// since (then the plan is out of date).
nlohmann::json savedPlans(const core::Fleet& fleet)
{
    nlohmann::json plans = nlohmann::json::array();
    std::optional<core::compliance::RuleLibrary> rules;
    for (const auto& saved : fleet.plans) {
        std::optional<core::plan::SavedPlanRecord> record;
        try {
            record = core::plan::readSavedPlan(saved);
        } catch (const core::FileFormatError&) {
            // Shown without a status or cost; its scenario still tells whether it is current.
        }
        std::vector<std::string> changed{"the scenario"}; // its scenario is gone
        for (const auto& s : fleet.scenarios) {
            if (s.name == saved.scenario) {
                if (!rules) {
                    rules = core::compliance::RuleLibrary::loadShipped();
                }
                changed = core::plan::savedPlanChanges(saved, fleet, s, *rules);
            }
        }
        plans.push_back({{"scenario", saved.scenario},
                         {"saved_at", saved.savedAt},
                         {"status", record ? record->status : ""},
                         {"objective_usd", record ? record->objectiveUsd : 0.0},
                         {"out_of_date", !changed.empty()},
                         {"changed", changed}});
    }
    return plans;
}

} // namespace

/// `info FILE [--json]`.
int runInfo(Arguments args)
{
    const bool json = args.flag("json");
    const std::string file = args.positional("FILE");
    args.finish();
    const auto database = core::store::FleetDatabase::open(file);
    const auto& fleet = database.fleet();
    const nlohmann::json info = {
        {"file", file},
        {"name", fleet.name},
        {"schema_version", core::store::FleetDatabase::schemaVersion},
        {"accelerators", fleet.catalog.accelerators.size()},
        {"systems", fleet.catalog.systems.size()},
        {"network_parts", fleet.catalog.networkParts.size()},
        {"company_hq_country", fleet.company.hqCountry},
        {"scenarios", fleet.scenarios.size()},
        {"saved_plans", savedPlans(fleet)},
    };
    return printDocument(info, json);
}

} // namespace fw::cli
