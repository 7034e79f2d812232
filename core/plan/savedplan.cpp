// SPDX-License-Identifier: Apache-2.0
#include "core/plan/savedplan.h"

#include <ctime>

#include "core/error.h"
#include "core/jsonreader.h"
#include "core/plan/plandecisions.h"

namespace fw::core::plan {
namespace {

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

SavedPlan savePlan(const Scenario& scenario, const Plan& plan, const std::vector<ShadowPrice>& prices,
                   const InputFingerprints& inputs)
{
    const nlohmann::json record = {{"decisions", planDecisions(plan, prices)},
                                   {"inputs", inputFingerprintsToJson(inputs)}};
    return {scenario.name, utcNow(), scenarioToJson(scenario), record.dump()};
}

SavedPlanRecord readSavedPlan(const SavedPlan& saved)
{
    const std::string where = "saved plan of '" + saved.scenario + "'";
    const auto document = JsonReader::parse(saved.planJson, where);
    if (!document.is_object() || !document.contains("decisions") || !document.at("decisions").is_object()) {
        throw FileFormatError(where + ": written by an older Fleetwright without the plan's decisions; plan again");
    }
    SavedPlanRecord record;
    record.decisions = document.at("decisions");
    const auto status = record.decisions.value("status", nlohmann::json());
    if (!status.is_string()) {
        throw FileFormatError(where + ": decisions.status: not a string");
    }
    record.status = status.get<std::string>();
    const auto objective = record.decisions.value("objective_usd", nlohmann::json());
    if (!objective.is_number()) {
        throw FileFormatError(where + ": decisions.objective_usd: not a number");
    }
    record.objectiveUsd = objective.get<double>();
    if (document.contains("inputs")) {
        record.inputs = inputFingerprintsFromJson(document.at("inputs"), where);
    }
    return record;
}

std::vector<std::string> savedPlanChanges(const SavedPlan& saved, const Fleet& fleet, const Scenario& scenario,
                                          const compliance::RuleLibrary& rules)
{
    try {
        const auto record = readSavedPlan(saved);
        if (!record.inputs.empty()) {
            return changedInputs(record.inputs, inputFingerprints(fleet, scenario, rules));
        }
    } catch (const FileFormatError&) {
        // Unreadable: what can still be told is whether its scenario is the same.
    }
    return scenarioToJson(scenario) == saved.scenarioJson ? std::vector<std::string>{}
                                                          : std::vector<std::string>{"the scenario"};
}

} // namespace fw::core::plan
