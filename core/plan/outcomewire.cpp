// SPDX-License-Identifier: Apache-2.0
#include "core/plan/outcomewire.h"

namespace fw::core::plan {

nlohmann::json outcomeWire(const FutureOutcome& o)
{
    nlohmann::json trajectories = nlohmann::json::array();
    for (const auto& t : o.trajectories) {
        trajectories.push_back({{"value", t.value}, {"bound", t.bound}});
    }
    return {{"status", static_cast<int>(o.status)},
            {"cost", o.costUsd},
            {"unserved", o.unservedNpvUsd},
            {"unserved_share", o.unservedShare},
            {"unserved_demand", o.unservedDemand},
            {"stranded", o.strandedUnits},
            {"stranded_mw", o.strandedPowerMw},
            {"later", o.laterUnits},
            {"exposed", o.licenceExposedUnits},
            {"exposure", o.licenceExposure},
            {"diagnosis", o.diagnosis},
            {"seconds", o.solveSeconds},
            {"trajectories", std::move(trajectories)}};
}

FutureOutcome outcomeFromWire(const nlohmann::json& j)
{
    FutureOutcome o;
    o.status = static_cast<PlanStatus>(j.at("status").get<int>());
    o.costUsd = j.at("cost").get<double>();
    o.unservedNpvUsd = j.at("unserved").get<double>();
    o.unservedShare = j.at("unserved_share").get<double>();
    o.unservedDemand = j.at("unserved_demand").get<std::string>();
    o.strandedUnits = j.at("stranded").get<double>();
    o.strandedPowerMw = j.at("stranded_mw").get<double>();
    o.laterUnits = j.at("later").get<int>();
    o.licenceExposedUnits = j.at("exposed").get<int>();
    o.licenceExposure = j.at("exposure").get<std::string>();
    o.diagnosis = j.at("diagnosis").get<std::string>();
    o.solveSeconds = j.at("seconds").get<double>();
    for (const auto& t : j.at("trajectories")) {
        o.trajectories.push_back({t.at("value").get<std::vector<double>>(), t.at("bound").get<std::vector<double>>()});
    }
    return o;
}

} // namespace fw::core::plan
