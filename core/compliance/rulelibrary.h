// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/compliance/ruleset.h"

namespace fw::core::compliance {

/// The rule sets in force on one date: the base, the enforced overlays (oldest first), and, for
/// warnings only, overlays on the books but not enforced and foreign measures.
struct RuleStack {
    Date date;
    const RuleSet* base = nullptr;
    std::vector<const RuleSet*> overlays;
    std::vector<const RuleSet*> notEnforced;
    std::vector<const RuleSet*> foreignMeasures;

    /// Base then enforced overlays, oldest first.
    std::vector<const RuleSet*> layers() const;
    /// "US-AC-2023-11 + US-HBM-2024-12 + …".
    std::string name() const;
};

/// Every rule set and the country groups, loaded and cross-checked: ids unique, bases of one
/// jurisdiction not overlapping in time. Immutable once loaded; safe to share between threads.
class RuleLibrary {
public:
    /// Loads `<data>/countries/iso-3166-1.json`, `<data>/countries/us-ear-country-groups-2026-06.json`
    /// and every `<data>/rules/*.json`, then `extraFiles` (a user's own rule sets). Throws
    /// FileFormatError naming the file and field.
    static RuleLibrary load(const std::filesystem::path& dataDir,
                            const std::vector<std::filesystem::path>& extraFiles = {});
    /// The shipped data (dataDirectory()).
    static RuleLibrary loadShipped(const std::vector<std::filesystem::path>& extraFiles = {});

    const CountryGroups& countryGroups() const { return m_groups; }
    const std::vector<RuleSet>& ruleSets() const { return m_ruleSets; }
    const RuleSet* find(const std::string& id) const;

    /// The stack in force on `date`. Throws ValidationError when no base rule set is in force then.
    RuleStack stackAt(Date date) const;
    /// `--rules ID`: the stack on that rule set's effective date; `latest`: on the newest effective date.
    /// Throws ValidationError for an unknown id.
    RuleStack stackFor(const std::string& idOrLatest) const;
    /// The newest effective_from of any rule set: the date the shipped rules speak for.
    Date newestDate() const;

private:
    void add(RuleSet ruleSet);
    /// Every exception a rule grants is defined by some rule set: FileFormatError naming the file,
    /// the rule and the code otherwise (an undefined code would read as a licence exception).
    void checkExceptionsDefined() const;

    CountryGroups m_groups;
    std::vector<RuleSet> m_ruleSets;
};

} // namespace fw::core::compliance
