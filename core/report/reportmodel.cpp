// SPDX-License-Identifier: Apache-2.0
#include "core/report/reportmodel.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "core/catalog/fieldvalue.h"
#include "core/catalog/metrics.h"
#include "core/numbertext.h"
#include "core/version.h"

namespace fw::core::report {
namespace {

constexpr int automaticDecimals = -1;

/// `value` with `decimals` decimals and thousands separators; "–" when there is no value. With
/// automaticDecimals, whole numbers and values from 10 up get none, smaller fractions two.
std::string formatted(std::optional<double> value, int decimals = 0)
{
    if (!value) {
        return "–";
    }
    if (decimals == automaticDecimals) {
        decimals = (*value == std::floor(*value) || std::abs(*value) >= 10.0) ? 0 : 2;
    }
    return groupedNumber(*value, decimals);
}

template <class Quantity, class Convert>
std::optional<double> in(const std::optional<Quantity>& q, Convert convert)
{
    return q ? std::optional<double>(convert(*q)) : std::nullopt;
}

} // namespace

namespace {

/// One point per accelerator that has both figures, grouped by vendor in catalog order.
ScatterChart acceleratorScatter(const catalog::Catalog& catalog, ScatterChart chart,
                                const std::function<std::optional<double>(const catalog::Accelerator&)>& x,
                                const std::function<std::optional<double>(const catalog::Accelerator&)>& y)
{
    std::map<std::string, std::size_t> seriesOfVendor;
    for (const auto& a : catalog.accelerators) {
        const auto xValue = x(a);
        const auto yValue = y(a);
        if (!xValue || !yValue || (chart.logX && *xValue <= 0.0) || (chart.logY && *yValue <= 0.0)) {
            continue;
        }
        const std::string vendor = a.vendor.value_or("Other");
        auto [it, inserted] = seriesOfVendor.try_emplace(vendor, chart.series.size());
        if (inserted) {
            chart.series.push_back({vendor, {}});
        }
        chart.series[it->second].points.push_back({*xValue, *yValue, a.sku});
    }
    return chart;
}

std::optional<double> bf16Tflops(const catalog::Accelerator& a)
{
    return in(a.bf16, units::inTeraflops);
}

} // namespace

ScatterChart bf16VersusTdpChart(const catalog::Catalog& catalog)
{
    return acceleratorScatter(
        catalog, {"Dense BF16 compute against power", "TDP (W)", "Dense BF16 (TFLOP/s)", {}},
        [](const auto& a) { return in(a.tdp, units::inWatts); }, bf16Tflops);
}

ScatterChart bf16VersusPriceChart(const catalog::Catalog& catalog)
{
    return acceleratorScatter(
        catalog,
        {"Dense BF16 compute against price", "Price new, USD (log)", "Dense BF16, TFLOP/s (log)", {}, true, true},
        [](const auto& a) { return in(a.priceNew, units::inUsd); }, bf16Tflops);
}

ScatterChart memoryBandwidthVersusCapacityChart(const catalog::Catalog& catalog)
{
    return acceleratorScatter(
        catalog, {"Memory bandwidth against capacity", "Memory, GB (log)", "Bandwidth, TB/s (log)", {}, true, true},
        [](const auto& a) { return in(a.memory, units::inGigabytes); },
        [](const auto& a) { return in(a.memoryBandwidth, units::inTerabytesPerSecond); });
}

ReportTable acceleratorTable(const catalog::Catalog& catalog)
{
    ReportTable table{"Accelerators",
                      {"SKU", "Vendor", "BF16 TFLOP/s", "FP8 TFLOP/s", "Memory GB", "Mem BW TB/s", "TDP W", "TPP", "PD",
                       "Price new USD"},
                      {}};
    for (const auto& a : catalog.accelerators) {
        table.rows.push_back({a.sku, a.vendor.value_or("–"), formatted(in(a.bf16, units::inTeraflops)),
                              formatted(in(a.fp8, units::inTeraflops)),
                              formatted(in(a.memory, units::inGigabytes), automaticDecimals),
                              formatted(in(a.memoryBandwidth, units::inTerabytesPerSecond), 2),
                              formatted(in(a.tdp, units::inWatts)), formatted(catalog::totalProcessingPerformance(a)),
                              formatted(catalog::performanceDensity(a), 2), formatted(in(a.priceNew, units::inUsd))});
    }
    return table;
}

ReportTable systemTable(const catalog::Catalog& catalog)
{
    ReportTable table{
        "Systems", {"SKU", "Accelerator", "Count", "Max power kW", "Cooling", "Price USD", "Price scope"}, {}};
    for (const auto& s : catalog.systems) {
        table.rows.push_back({s.sku, s.acceleratorSku, std::to_string(s.acceleratorsPerSystem),
                              formatted(in(s.maxPower, units::inKilowatts), 1),
                              s.cooling ? std::string(catalog::toString(*s.cooling)) : "–",
                              formatted(in(s.price, units::inUsd)),
                              s.priceScope ? std::string(catalog::toString(*s.priceScope)) : "–"});
    }
    return table;
}

ReportTable networkTable(const catalog::Catalog& catalog)
{
    ReportTable table{"Network parts", {"SKU", "Kind", "Ports", "Port Gb/s", "Power W", "Price USD", "Reach m"}, {}};
    for (const auto& n : catalog.networkParts) {
        table.rows.push_back({n.sku, std::string(catalog::toString(n.kind)),
                              formatted(n.ports ? std::optional<double>(*n.ports) : std::nullopt),
                              formatted(in(n.portSpeed, units::inGigabitsPerSecond)),
                              formatted(in(n.power, units::inWatts), 1), formatted(in(n.price, units::inUsd)),
                              formatted(n.reachMetres, 1)});
    }
    return table;
}

ReportModel buildCatalogReport(const Fleet& fleet, const std::string& fileName, const std::string& date)
{
    ReportModel model;
    model.title = "Fleet catalog";
    model.fleetName = fleet.name;
    model.fileName = fileName;
    model.date = date;
    model.generator = std::string("Fleetwright ") + version;
    ReportSection section;
    section.tables.push_back(acceleratorTable(fleet.catalog));
    section.scatterCharts.push_back(bf16VersusTdpChart(fleet.catalog));
    section.notes = {
        "Compute is dense peak (no structured sparsity). TPP = dense TOPS × bit length, highest over the "
        "precisions the chip supports (15 CFR 774, ECCN 3A090 Technical Note 1); PD = TPP / die area in mm².",
        "Every figure comes from the catalog record's source URL, stored in the fleet file. \"–\" means not "
        "published."};
    model.sections.push_back(std::move(section));
    return model;
}

} // namespace fw::core::report
