// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/catalog/records.h"
#include "core/compliance/rulelibrary.h"

namespace fw::core::compliance {

/// The figures export-control rules test, for one item (an accelerator, or an HBM stack).
struct ItemMetrics {
    std::string sku;
    std::optional<double> tpp;
    std::optional<double> pd;
    std::optional<double> ioGbytesPerSecond;      ///< aggregate bidirectional I/O to other ICs (2022 rule)
    std::optional<double> dramGbytesPerSecond;    ///< total DRAM bandwidth (2026 rule)
    std::optional<double> memoryBandwidthDensity; ///< GB/s per mm², HBM stacks (3A090.c)
    bool datacenter = true;
    bool hbmStack = false;
};

/// The metrics of a catalog accelerator: TPP and PD from catalog/metrics.h, I/O from its scale-up
/// bandwidth, DRAM bandwidth from its memory bandwidth, datacenter from `datacenter_marketed`.
ItemMetrics itemMetrics(const catalog::Accelerator& accelerator);

/// A stricter rule that may apply to an item whose catalog record lacks a figure the rule tests.
struct ReviewCandidate {
    std::string eccn;
    std::string paragraph;
    std::optional<Citation> citation;
    std::vector<std::string> missing; ///< the figures the rule tests and the catalog lacks ("performance density")
    std::string thresholds;           ///< the rule's thresholds on those figures ("PD ≥ 5.92")
};

struct Classification {
    std::string eccn = "not_controlled"; ///< 3A090, 3A090.a, 3A090.b, 3A090.c or not_controlled
    std::string paragraph;               ///< the paragraph that decided it ("3A090.a.1", "Note 2 to 3A090")
    std::vector<std::string> flags;
    std::optional<Citation> citation;
    std::string systemEccn = "not_controlled"; ///< a system containing the item (4A090.a …)
    /// Set when a rule before the deciding one (or, with no deciding rule, any rule) cannot be
    /// decided because a figure is missing: the item needs review, never "not controlled".
    std::optional<ReviewCandidate> review;
};

/// Kleene's three values: a threshold on a figure the catalog lacks is Unknown, not failed.
enum class Truth { False, Unknown, True };

/// Whether `condition` holds for `item`; Unknown when it turns on a missing figure.
Truth evaluate(const Condition& condition, const ItemMetrics& item);

/// True when every threshold of `condition` holds for `item` (Unknown is not True).
bool holds(const Condition& condition, const ItemMetrics& item);

/// The ECCN of a system containing an item of `eccn` (4A090.a for 3A090.a), from the base rule set.
std::string systemEccnOf(const RuleStack& stack, const std::string& eccn);

/// Classifies `item` under `stack`: the newest layer's first matching rule, then the base's; a rule
/// before it that a missing figure leaves undecided becomes the classification's review candidate.
Classification classify(const RuleStack& stack, const ItemMetrics& item);

} // namespace fw::core::compliance
