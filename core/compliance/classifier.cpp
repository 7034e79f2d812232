// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/classifier.h"

#include <algorithm>

#include "core/catalog/metrics.h"
#include "core/optional.h"

namespace fw::core::compliance {
namespace {

bool atLeast(const std::optional<double>& value, const std::optional<double>& threshold)
{
    return !threshold || (value && *value >= *threshold);
}

bool below(const std::optional<double>& value, const std::optional<double>& threshold)
{
    return !threshold || (value && *value < *threshold);
}

bool above(const std::optional<double>& value, const std::optional<double>& threshold)
{
    return !threshold || (value && *value > *threshold);
}

} // namespace

ItemMetrics itemMetrics(const catalog::Accelerator& a)
{
    ItemMetrics m;
    m.sku = a.sku;
    m.tpp = catalog::totalProcessingPerformance(a);
    m.pd = catalog::performanceDensity(a);
    m.ioGbytesPerSecond = transformed(a.scaleUpBandwidth, units::inGigabytesPerSecond);
    m.dramGbytesPerSecond = transformed(a.memoryBandwidth, units::inGigabytesPerSecond);
    m.datacenter = a.datacenterMarketed;
    return m;
}

bool holds(const Condition& c, const ItemMetrics& item)
{
    if (c.datacenter && *c.datacenter != item.datacenter) {
        return false;
    }
    if (c.hbmStack && *c.hbmStack != item.hbmStack) {
        return false;
    }
    const bool thresholds =
        atLeast(item.tpp, c.tppGte) && below(item.tpp, c.tppLt) && atLeast(item.pd, c.pdGte) &&
        below(item.pd, c.pdLt) && atLeast(item.ioGbytesPerSecond, c.ioGte) && below(item.ioGbytesPerSecond, c.ioLt) &&
        atLeast(item.dramGbytesPerSecond, c.dramGte) && below(item.dramGbytesPerSecond, c.dramLt) &&
        above(item.memoryBandwidthDensity, c.densityGt) && below(item.memoryBandwidthDensity, c.densityLt);
    if (!thresholds) {
        return false;
    }
    const bool all = std::all_of(c.all.begin(), c.all.end(), [&](const Condition& x) { return holds(x, item); });
    const bool any =
        c.any.empty() || std::any_of(c.any.begin(), c.any.end(), [&](const Condition& x) { return holds(x, item); });
    return all && any;
}

Classification classify(const RuleStack& stack, const ItemMetrics& item)
{
    Classification result;
    auto layers = stack.layers();
    std::reverse(layers.begin(), layers.end()); // newest first; the base last
    for (const RuleSet* rs : layers) {
        for (const auto& rule : rs->classification) {
            if (holds(rule.when, item)) {
                result.eccn = rule.eccn;
                result.paragraph = rule.paragraph;
                result.flags = rule.flags;
                result.citation = rule.citation;
                const auto& map = stack.base->systemEccns;
                const auto it = map.find(rule.eccn);
                result.systemEccn = it != map.end() ? it->second : rule.eccn;
                return result;
            }
        }
    }
    return result;
}

} // namespace fw::core::compliance
