// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/compliance/restrictedparties.h"
#include "core/date.h"

namespace fw::core::compliance {

/// A holder of a share of a counterparty's equity (direct, or indirect multiplied through).
struct Owner {
    std::string name;
    double share = 0.0; ///< 0–1
    bool operator==(const Owner&) const = default;
};

/// Who is screened: a company, its ultimate parent (empty: none named) and its owners.
struct Counterparty {
    std::string name;
    std::string parent;
    std::vector<Owner> owners;
};

enum class ScreeningVerdict { Clear, Blocked, NeedsReview };

/// The outcome of screening one counterparty on one date.
struct ScreeningAnswer {
    ScreeningVerdict verdict = ScreeningVerdict::Clear;
    /// Blocked or review: who matched which entry (name, list, date added, citation, source), and by
    /// which rule when by ownership. Clear: a red flag to watch (an affiliate of a listed party while
    /// the ownership rule is suspended), or empty.
    std::string text;
    std::optional<RestrictedParty> entry; ///< the list entry matched (the largest owner's, by ownership)
    std::string matchedAs;                ///< "provider", "parent" or "owner (60 %)"
    std::string rule;                     ///< the ownership rule's id, when the verdict rests on it
};

/// A name as screening compares it: ASCII letters lower-cased, every other ASCII character but
/// digits a space ("&" reads "and"), spaces collapsed, and legal-form words at the end dropped
/// (co, company, ltd, limited, inc, corp, corporation, llc, plc, gmbh, ag, sa, bv, nv, pte, pty,
/// kk, group is kept). Bytes beyond ASCII (names in other scripts) are compared as they are.
std::string normalisedName(std::string_view name);

/// The entry whose name or an alias equals `name` after normalisation and which restricts on `date`
/// (added on or before it); none otherwise. No fuzzy matching.
const RestrictedParty* listedParty(const RestrictedPartyList& list, std::string_view name, Date date);

/// Screens `party` on `date` against `list`:
/// - the party or its parent on the list → Blocked, citing the entry;
/// - otherwise owners on a list an ownership rule covers holding together at least the rule's share
///   → Blocked while the rule is in force, Clear with a red flag while it is suspended, NeedsReview
///   where the data does not know the rule's status (its last period), nothing before it starts.
ScreeningAnswer screenCounterparty(const Counterparty& party, Date date, const RestrictedPartyList& list);

/// "Beijing Zhipu Huazhang Technology Co., Ltd. (Entity List, added 2025-01-16, 90 FR 4617, URL)".
std::string citedEntry(const RestrictedParty& entry);

} // namespace fw::core::compliance
