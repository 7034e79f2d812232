// SPDX-License-Identifier: Apache-2.0
#include "core/plan/planinputs.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/fingerprint.h"

namespace fw::core::plan {
namespace {

template <typename Record>
std::string tableFingerprint(const std::vector<Record>& records)
{
    std::string text;
    for (const auto& record : records) {
        text += catalog::recordToJson(record).dump() + "\n";
    }
    return fingerprint(text);
}

/// The files under `folders` of the data directory, in path order, each as its relative path and
/// its bytes: a change to any of them, or one more or less, changes the fingerprint.
std::string dataFingerprint(const std::vector<std::string>& folders)
{
    const std::filesystem::path data = dataDirectory();
    std::vector<std::filesystem::path> files;
    for (const auto& folder : folders) {
        if (!std::filesystem::is_directory(data / folder)) {
            continue;
        }
        for (const auto& entry : std::filesystem::recursive_directory_iterator(data / folder)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    std::string text;
    for (const auto& file : files) {
        text += std::filesystem::relative(file, data).generic_string() + "\n" + readTextFile(file) + "\n";
    }
    return fingerprint(text);
}

/// The order the planner reads changes in: the scenario, the catalog, then the rest.
int group(const std::string& name)
{
    for (const auto& [prefix, rank] : {std::pair{"scenario.", 0}, {"catalog.", 1}, {"company", 2}, {"rules", 3}}) {
        if (name.starts_with(prefix)) {
            return rank;
        }
    }
    return 4;
}

std::string label(const std::string& name)
{
    const auto part = [&](std::size_t dot) {
        std::string words = name.substr(dot + 1);
        std::replace(words.begin(), words.end(), '_', ' ');
        return words;
    };
    if (name.starts_with("scenario.")) {
        return "the scenario's " + part(name.find('.'));
    }
    if (name.starts_with("catalog.")) {
        return "the catalog's " + part(name.find('.'));
    }
    if (name == "company") {
        return "the company";
    }
    if (name == "rules") {
        return "the rule sets";
    }
    if (name == "assumptions") {
        return "the model assumptions";
    }
    return name;
}

} // namespace

InputFingerprints documentFingerprints(const catalog::Catalog& catalog, const Company& company,
                                       const Scenario& scenario)
{
    InputFingerprints result;
    const auto parts = nlohmann::json::parse(scenarioToJson(scenario));
    for (const auto& [key, value] : parts.items()) {
        result["scenario." + key] = fingerprint(value.dump());
    }
    result["catalog.accelerators"] = tableFingerprint(catalog.accelerators);
    result["catalog.systems"] = tableFingerprint(catalog.systems);
    result["catalog.network_parts"] = tableFingerprint(catalog.networkParts);
    result["company"] =
        fingerprint(nlohmann::json::array({company.name, company.hqCountry, company.parentHqCountry}).dump());
    return result;
}

InputFingerprints inputFingerprints(const Fleet& fleet, const Scenario& scenario, const compliance::RuleLibrary& rules)
{
    InputFingerprints result = documentFingerprints(fleet.catalog, fleet.company, scenario);
    std::string ids;
    for (const auto& ruleSet : rules.ruleSets()) {
        ids += ruleSet.id + "\n";
    }
    result["rules"] = fingerprint(ids + dataFingerprint({"rules", "countries", "parties"}));
    result["assumptions"] = dataFingerprint({"models"});
    return result;
}

std::vector<std::string> changedInputs(const InputFingerprints& saved, const InputFingerprints& now)
{
    const auto at = [](const InputFingerprints& fingerprints, const std::string& name) {
        const auto it = fingerprints.find(name);
        return it == fingerprints.end() ? std::string() : it->second; // absent on one side: changed
    };
    std::set<std::string> names;
    for (const auto* side : {&saved, &now}) {
        for (const auto& entry : *side) {
            if (at(saved, entry.first) != at(now, entry.first)) {
                names.insert(entry.first);
            }
        }
    }
    std::vector<std::string> ordered(names.begin(), names.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const std::string& a, const std::string& b) { return group(a) < group(b); });
    std::vector<std::string> changed;
    for (const auto& name : ordered) {
        changed.push_back(label(name));
    }
    return changed;
}

std::string changedInputsText(const std::vector<std::string>& changed)
{
    std::string text;
    for (std::size_t i = 0; i < changed.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == changed.size() ? " and " : ", ") + changed[i];
    }
    return text.empty() ? text : text + " changed";
}

nlohmann::json inputFingerprintsToJson(const InputFingerprints& fingerprints)
{
    return nlohmann::json(fingerprints);
}

InputFingerprints inputFingerprintsFromJson(const nlohmann::json& json, const std::string& where)
{
    if (!json.is_object()) {
        throw FileFormatError(where + ": inputs: not an object of input fingerprints");
    }
    InputFingerprints result;
    for (const auto& [name, value] : json.items()) {
        if (!value.is_string()) {
            throw FileFormatError(where + ": inputs." + name + ": not a fingerprint (a string)");
        }
        result[name] = value.get<std::string>();
    }
    return result;
}

} // namespace fw::core::plan
