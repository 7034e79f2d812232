// SPDX-License-Identifier: Apache-2.0
#include "core/compliance/classifier.h"

#include <algorithm>

#include "core/catalog/metrics.h"
#include "core/numbertext.h"
#include "core/optional.h"

namespace fw::core::compliance {
namespace {

Truth atLeast(const std::optional<double>& value, const std::optional<double>& threshold)
{
    if (!threshold) {
        return Truth::True;
    }
    return !value ? Truth::Unknown : *value >= *threshold ? Truth::True : Truth::False;
}

Truth below(const std::optional<double>& value, const std::optional<double>& threshold)
{
    if (!threshold) {
        return Truth::True;
    }
    return !value ? Truth::Unknown : *value < *threshold ? Truth::True : Truth::False;
}

Truth above(const std::optional<double>& value, const std::optional<double>& threshold)
{
    if (!threshold) {
        return Truth::True;
    }
    return !value ? Truth::Unknown : *value > *threshold ? Truth::True : Truth::False;
}

Truth both(Truth a, Truth b)
{
    return std::min(a, b);
}

Truth either(Truth a, Truth b)
{
    return std::max(a, b);
}

/// One figure a rule may test: its name for people, its value, and the condition's bounds on it.
struct Figure {
    const char* name;
    const char* symbol;
    const std::optional<double>& value;
    const std::optional<double>& lower;
    const std::optional<double>& upper;
    bool strictLower = false;
};

std::vector<Figure> figuresOf(const Condition& c, const ItemMetrics& item)
{
    return {{"total processing performance", "TPP", item.tpp, c.tppGte, c.tppLt},
            {"performance density (die area)", "PD", item.pd, c.pdGte, c.pdLt},
            {"I/O bandwidth", "I/O GB/s", item.ioGbytesPerSecond, c.ioGte, c.ioLt},
            {"DRAM bandwidth", "DRAM GB/s", item.dramGbytesPerSecond, c.dramGte, c.dramLt},
            {"memory bandwidth density", "GB/s per mm²", item.memoryBandwidthDensity, c.densityGt, c.densityLt, true}};
}

/// The figures `c` tests that `item` lacks, and the thresholds on them, in the words of the rule.
void collectMissing(const Condition& c, const ItemMetrics& item, ReviewCandidate& out)
{
    for (const Figure& f : figuresOf(c, item)) {
        if (f.value || (!f.lower && !f.upper)) {
            continue;
        }
        if (std::find(out.missing.begin(), out.missing.end(), f.name) == out.missing.end()) {
            out.missing.emplace_back(f.name);
        }
        std::string range;
        if (f.lower) {
            range = std::string(f.symbol) + (f.strictLower ? " > " : " ≥ ") + formatNumber(*f.lower);
        }
        if (f.upper) {
            range += (range.empty() ? std::string(f.symbol) + " < " : " and < ") + formatNumber(*f.upper);
        }
        out.thresholds += (out.thresholds.empty() ? "" : ", ") + range;
    }
    for (const auto& x : c.all) {
        collectMissing(x, item, out);
    }
    for (const auto& x : c.any) {
        collectMissing(x, item, out);
    }
}

} // namespace

Truth evaluate(const Condition& c, const ItemMetrics& item)
{
    if (c.datacenter && *c.datacenter != item.datacenter) {
        return Truth::False;
    }
    if (c.hbmStack && *c.hbmStack != item.hbmStack) {
        return Truth::False;
    }
    Truth t = Truth::True;
    for (const Figure& f : figuresOf(c, item)) {
        t = both(t, both(f.strictLower ? above(f.value, f.lower) : atLeast(f.value, f.lower), below(f.value, f.upper)));
    }
    for (const auto& x : c.all) {
        t = both(t, evaluate(x, item));
    }
    if (!c.any.empty()) {
        Truth any = Truth::False;
        for (const auto& x : c.any) {
            any = either(any, evaluate(x, item));
        }
        t = both(t, any);
    }
    return t;
}

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
    return evaluate(c, item) == Truth::True;
}

std::string systemEccnOf(const RuleStack& stack, const std::string& eccn)
{
    const auto& map = stack.base->systemEccns;
    const auto it = map.find(eccn);
    return it != map.end() ? it->second : eccn;
}

Classification classify(const RuleStack& stack, const ItemMetrics& item)
{
    Classification result;
    auto layers = stack.layers();
    std::reverse(layers.begin(), layers.end()); // newest first; the base last
    for (const RuleSet* rs : layers) {
        for (const auto& rule : rs->classification) {
            const Truth truth = evaluate(rule.when, item);
            if (truth == Truth::Unknown && !result.review && rule.eccn != result.eccn) {
                ReviewCandidate candidate{rule.eccn, rule.paragraph, rule.citation, {}, {}};
                collectMissing(rule.when, item, candidate);
                result.review = std::move(candidate);
            }
            if (truth == Truth::True) {
                result.eccn = rule.eccn;
                result.paragraph = rule.paragraph;
                result.flags = rule.flags;
                result.citation = rule.citation;
                result.systemEccn = systemEccnOf(stack, rule.eccn);
                return result;
            }
        }
    }
    return result;
}

} // namespace fw::core::compliance
