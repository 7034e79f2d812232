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

struct Classification {
    std::string eccn = "not_controlled"; ///< 3A090, 3A090.a, 3A090.b, 3A090.c or not_controlled
    std::string paragraph;               ///< the paragraph that decided it ("3A090.a.1", "Note 2 to 3A090")
    std::vector<std::string> flags;
    std::optional<Citation> citation;
    std::string systemEccn = "not_controlled"; ///< a system containing the item (4A090.a …)
};

/// True when every threshold of `condition` holds for `item`.
bool holds(const Condition& condition, const ItemMetrics& item);

/// Classifies `item` under `stack`: the newest layer's first matching rule, then the base's.
Classification classify(const RuleStack& stack, const ItemMetrics& item);

} // namespace fw::core::compliance
