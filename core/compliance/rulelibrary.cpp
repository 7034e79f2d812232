// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/rulelibrary.h"

#include <algorithm>

#include "core/datadirectory.h"
#include "core/error.h"

namespace fw::core::compliance {

std::vector<const RuleSet*> RuleStack::layers() const
{
    std::vector<const RuleSet*> all{base};
    all.insert(all.end(), overlays.begin(), overlays.end());
    return all;
}

std::string RuleStack::name() const
{
    std::string text;
    for (const RuleSet* rs : layers()) {
        text += (text.empty() ? "" : " + ") + rs->id;
    }
    return text;
}

RuleLibrary RuleLibrary::load(const std::filesystem::path& dataDir,
                              const std::vector<std::filesystem::path>& extraFiles)
{
    RuleLibrary library;
    library.m_groups = loadCountryGroups((dataDir / "countries" / "iso-3166-1.json").string(),
                                         (dataDir / "countries" / "us-ear-country-groups-2026-06.json").string());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dataDir / "rules")) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    files.insert(files.end(), extraFiles.begin(), extraFiles.end());
    for (const auto& file : files) {
        library.add(loadRuleSet(file.string(), library.m_groups));
    }
    library.checkExceptionsDefined();
    return library;
}

RuleLibrary RuleLibrary::loadShipped(const std::vector<std::filesystem::path>& extraFiles)
{
    return load(dataDirectory(), extraFiles);
}

void RuleLibrary::add(RuleSet ruleSet)
{
    for (const auto& other : m_ruleSets) {
        if (other.id == ruleSet.id) {
            throw FileFormatError(ruleSet.file + ": id: \"" + ruleSet.id + "\" is already defined in " + other.file);
        }
        const bool bothBases = other.layer == Layer::Base && ruleSet.layer == Layer::Base;
        if (bothBases && other.jurisdiction == ruleSet.jurisdiction) {
            const bool overlap = (!other.effectiveTo || ruleSet.effectiveFrom < *other.effectiveTo) &&
                                 (!ruleSet.effectiveTo || other.effectiveFrom < *ruleSet.effectiveTo);
            if (overlap) {
                throw FileFormatError(ruleSet.file + ": effective_from: " + ruleSet.effectiveFrom.toString() + " to " +
                                      (ruleSet.effectiveTo ? ruleSet.effectiveTo->toString() : "open") +
                                      " overlaps base rule set " + other.id + " (" + other.effectiveFrom.toString() +
                                      " to " + (other.effectiveTo ? other.effectiveTo->toString() : "open") + ")");
            }
        }
    }
    m_ruleSets.push_back(std::move(ruleSet));
    std::stable_sort(m_ruleSets.begin(), m_ruleSets.end(),
                     [](const RuleSet& a, const RuleSet& b) { return a.effectiveFrom < b.effectiveFrom; });
}

void RuleLibrary::checkExceptionsDefined() const
{
    const auto defined = [&](const std::string& code) {
        return std::any_of(m_ruleSets.begin(), m_ruleSets.end(), [&](const RuleSet& rs) {
            return std::any_of(rs.exceptions.begin(), rs.exceptions.end(),
                               [&](const ExceptionDefinition& e) { return e.code == code; });
        });
    };
    for (const auto& rs : m_ruleSets) {
        for (const auto* rules : {&rs.endUserRules, &rs.destinationRules, &rs.itemRules}) {
            for (const auto& rule : *rules) {
                for (const auto& code : rule.exceptions) {
                    if (!defined(code)) {
                        throw FileFormatError(rs.file + ": rule '" + rule.id + "': exceptions: \"" + code +
                                              "\" is not defined in the exceptions of any rule set");
                    }
                }
            }
        }
    }
}

const RuleSet* RuleLibrary::find(const std::string& id) const
{
    for (const auto& rs : m_ruleSets) {
        if (rs.id == id) {
            return &rs;
        }
    }
    return nullptr;
}

RuleStack RuleLibrary::stackAt(Date date) const
{
    RuleStack stack;
    stack.date = date;
    for (const auto& rs : m_ruleSets) {
        if (!rs.isInForce(date)) {
            continue;
        }
        if (rs.isForeignMeasure()) {
            stack.foreignMeasures.push_back(&rs);
        } else if (rs.layer == Layer::Base) {
            if (rs.jurisdiction == "US") {
                stack.base = &rs;
            }
        } else if (rs.enforcementOn(date) == Enforcement::Enforced) {
            stack.overlays.push_back(&rs);
        } else {
            stack.notEnforced.push_back(&rs);
        }
    }
    if (stack.base == nullptr) {
        throw ValidationError("no US base rule set is in force on " + date.toString() +
                              " (the shipped rules start on the first base's effective date)");
    }
    return stack;
}

RuleStack RuleLibrary::stackFor(const std::string& idOrLatest) const
{
    if (idOrLatest == "latest") {
        return stackAt(newestDate());
    }
    const RuleSet* rs = find(idOrLatest);
    if (rs == nullptr) {
        std::string known;
        for (const auto& r : m_ruleSets) {
            known += (known.empty() ? "" : ", ") + r.id;
        }
        throw ValidationError("unknown rule set '" + idOrLatest + "' (known: " + known + ", latest)");
    }
    return stackAt(rs->effectiveFrom);
}

Date RuleLibrary::newestDate() const
{
    Date newest;
    for (const auto& rs : m_ruleSets) {
        newest = std::max(newest, rs.effectiveFrom);
    }
    return newest;
}

} // namespace fw::core::compliance
