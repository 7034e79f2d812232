// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jsonreader.h"
#include "core/plan/scenario.h"

namespace fw::core::plan {

/// The kinds of event the planner applies, as the file names them (scenario.h, UncertainEvent).
const std::vector<std::string>& eventKinds();
/// The member of an event's JSON form naming what it applies to (its `target`): stream, vendor, system,
/// site, country, buyer_hq or renter_hq; empty for an unknown kind.
const char* eventTargetKey(const std::string& kind);
/// The kinds in words for a message: "demand, vendor_price, … or remote_access_licence".
std::string eventKindList();
/// Whether an event of `kind` multiplies a figure (demand, a price), and whether it holds from a
/// quarter on (the others: the whole horizon).
bool eventMultiplies(const std::string& kind);
bool eventIsDated(const std::string& kind);
/// Whether an event of `kind` may hold from a successor's launch (`from_launch_of`) instead of a quarter:
/// the price and value changes (vendor_price, part_price, used_market) and a part's software gain
/// (part_software_efficiency: its kernels mature once it ships).
bool eventFollowsLaunch(const std::string& kind);
/// Whether an event of `kind` delays something by `quarters` (power_delay, part_delay).
bool eventDelays(const std::string& kind);
/// Whether an event of `kind` applies to a country (ISO 3166-1 alpha-2): a destination, or a buyer's or
/// renter's headquarters.
bool eventTargetsCountry(const std::string& kind);

/// Reads the `uncertainty` object of a scenario's JSON form (data/sample/README.md): its shape only
/// (FileFormatError naming the path); checkUncertainty() checks the values. A part_performance event
/// without `from` holds from `firstQuarter`, the horizon's first.
Uncertainty uncertaintyAt(const JsonReader& r, const Quarter& firstQuarter);
nlohmann::json uncertaintyJson(const Uncertainty& uncertainty);

/// Checks every event of `scenario.uncertainty`: a name given once, a probability in [0, 1], a known
/// kind, a target that exists in the scenario (stream, site) or is well formed (vendor, ISO country),
/// a quarter within the horizon, a multiplier and a delay within core/limits.h. Throws ValidationError
/// "uncertainty.events[2].probability: 1.5 is above the largest 1 accepted …".
void checkUncertainty(const Scenario& scenario);

} // namespace fw::core::plan
