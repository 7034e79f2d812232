// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/scenario.h"

namespace fw::core::plan {

/// A fingerprint (core::fingerprint) of every input a plan is made from, by name: each part of the
/// scenario ("scenario.demand", "scenario.market", …), each catalog table ("catalog.systems", …),
/// "company", "rules" (the rule sets' ids and the shipped rule, country and restricted-party data)
/// and "assumptions" (the shipped model data). A saved plan keeps them; it is current while they
/// are all unchanged.
using InputFingerprints = std::map<std::string, std::string>;

/// The fingerprints of the inputs the fleet file holds: the scenario's parts, the catalog tables and
/// the company. No file is read.
InputFingerprints documentFingerprints(const catalog::Catalog& catalog, const Company& company,
                                       const Scenario& scenario);

/// documentFingerprints, and "rules" and "assumptions": the fingerprints of a plan of `scenario` of `fleet` under
/// `rules`, with the shipped data in dataDirectory(). Throws IoError when a data file cannot be read.
InputFingerprints inputFingerprints(const Fleet& fleet, const Scenario& scenario, const compliance::RuleLibrary& rules);

/// The inputs that differ between a saved plan's fingerprints and today's, in the planner's words,
/// in a fixed order: "the scenario's demand", "the catalog's systems", "the company", "the rule
/// sets", "the model assumptions". Empty: the plan is current.
std::vector<std::string> changedInputs(const InputFingerprints& saved, const InputFingerprints& now);

/// "the scenario's demand and the catalog's systems changed"; "" when `changed` is empty.
std::string changedInputsText(const std::vector<std::string>& changed);

/// As a JSON object of name → fingerprint, and back: a saved plan's "inputs". fromJson throws
/// FileFormatError naming `where` for anything but an object of strings.
nlohmann::json inputFingerprintsToJson(const InputFingerprints& fingerprints);
InputFingerprints inputFingerprintsFromJson(const nlohmann::json& json, const std::string& where);

} // namespace fw::core::plan
