// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/compliance/classifier.h"
#include "core/issue.h"

namespace fw::core::compliance {

/// Who receives an item and where: ISO 3166-1 alpha-2 codes. An empty headquarters is unknown and
/// triggers no headquarters rule.
struct Party {
    std::string destination;
    std::string endUserHq;
    std::string parentHq;
};

struct ExceptionUse {
    std::string code;
    std::string cfr;
    std::string mechanism;
    int noticeDays = 0;
    Citation citation;
};

/// What the rules would say if the figures the catalog lacks put the item under a stricter rule.
struct ReviewDetermination {
    ReviewCandidate candidate;
    std::string eccn; ///< the ECCN the rules were applied to under the candidate (the system's for a system)
    Treatment treatment = Treatment::Allowed;
    ReviewPolicy reviewPolicy = ReviewPolicy::None;
    std::string decidedBy;
};

/// What the rules say about shipping one item to one party on one date.
struct Determination {
    Classification classification;
    std::string eccn; ///< the ECCN the rules were applied to (the system's for a system)
    Treatment treatment = Treatment::Allowed;
    ReviewPolicy reviewPolicy = ReviewPolicy::None; ///< the review a licence application would get
    std::vector<ExceptionUse> exceptions;           ///< usable instead of a licence
    std::vector<Citation> citations;                ///< classification first, then the deciding rules
    std::string decidedBy;                          ///< id of the deciding rule, or "no rule"
    std::vector<Issue> warnings;                    ///< not-enforced rules that would be stricter; foreign measures
    /// Set when a missing catalog figure could make the answer stricter: the item needs review and
    /// is never "not controlled"; `treatment` is then the answer if the figure clears the rule.
    std::optional<ReviewDetermination> review;
    bool needsReview() const { return review.has_value(); }
};

/// Applies `stack` to `item` shipped to `party` (data/rules/README.md gives the order: headquarters
/// rules, then destination rules, then item rules, then exceptions). `asSystem` applies the rules to
/// the system ECCN (4A090…) of a server or rack containing the item. Pure; thread-safe.
Determination determine(const RuleStack& stack, const CountryGroups& groups, const ItemMetrics& item,
                        const Party& party, bool asSystem = false);

/// A treatment with its licence review policy: "license_required (case_by_case)", "allowed".
std::string treatmentText(Treatment treatment, ReviewPolicy policy);

/// The review in one sentence: the missing figures, the rule and thresholds they leave open, and
/// the answer if the item falls under it.
std::string reviewText(const ReviewDetermination& review);

/// True when `a` is stricter than `b` (treatment first, then review policy).
bool isStricter(Treatment a, ReviewPolicy ra, Treatment b, ReviewPolicy rb);

} // namespace fw::core::compliance
