// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/texttable.h"
#include "core/catalog/catalogjson.h"
#include "core/catalog/metrics.h"
#include "core/catalog/roadmap.h"
#include "core/compliance/classifier.h"
#include "core/datadirectory.h"
#include "core/economics/systemprice.h"
#include "core/error.h"
#include "core/numbertext.h"
#include "core/optional.h"
#include "core/report/reportmodel.h"
#include "core/store/fleetdatabase.h"
#include "core/workload/assumptions.h"

namespace fw::cli {

namespace units = core::units;

namespace {

struct CatalogOptions {
    std::optional<std::string> file; ///< empty: the shipped catalog
    std::optional<std::string> vendor;
    std::optional<std::string> kind; ///< accelerator, system, network or announced
    bool json = false;
};

nlohmann::json orNull(std::optional<double> value)
{
    return value ? nlohmann::json(*value) : nlohmann::json();
}

bool vendorMatches(const std::optional<std::string>& vendor, const CatalogOptions& options)
{
    if (!options.vendor) {
        return true;
    }
    auto lower = [](std::string text) {
        for (char& c : text) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return text;
    };
    return vendor && lower(*vendor).find(lower(*options.vendor)) != std::string::npos;
}

/// The catalog restricted to the vendor filter; a system matches by its own or its accelerator's vendor.
core::catalog::Catalog filtered(const core::catalog::Catalog& catalog, const CatalogOptions& options)
{
    core::catalog::Catalog result;
    const bool all = !options.kind;
    if (all || options.kind == "accelerator") {
        for (const auto& a : catalog.accelerators) {
            if (vendorMatches(a.vendor, options)) {
                result.accelerators.push_back(a);
            }
        }
    }
    if (all || options.kind == "system") {
        for (const auto& s : catalog.systems) {
            const auto* a = catalog.findAccelerator(s.acceleratorSku);
            if (vendorMatches(s.vendor, options) || (a && vendorMatches(a->vendor, options))) {
                result.systems.push_back(s);
            }
        }
    }
    if ((all || options.kind == "network") && !options.vendor) {
        result.networkParts = catalog.networkParts;
    }
    return result;
}

/// `classification` is the newest shipped rule stack, as DESIGN.md's `catalog` contract asks.
nlohmann::json toJson(const core::catalog::Catalog& shown, const core::catalog::Catalog& full,
                      const core::compliance::RuleStack& classification,
                      const core::workload::ModelAssumptions& assumptions)
{
    using namespace core::catalog;
    nlohmann::json document = {{"accelerators", nlohmann::json::array()},
                               {"systems", nlohmann::json::array()},
                               {"network", nlohmann::json::array()}};
    for (const auto& a : shown.accelerators) {
        auto record = recordToJson(a);
        record["tpp"] = orNull(totalProcessingPerformance(a));
        record["pd"] = orNull(performanceDensity(a));
        const auto c = core::compliance::classify(classification, core::compliance::itemMetrics(a));
        record["eccn"] = c.eccn;
        record["eccn_rules"] = classification.name();
        record["bf16_tflops_per_w"] = orNull(bf16TflopsPerWatt(a));
        record["bf16_tflops_per_kusd"] =
            orNull(fw::core::transformed(bf16TflopsPerUsd(a), [](double v) { return v * 1e3; }));
        record["memory_gb_per_kusd"] =
            orNull(fw::core::transformed(memoryGbPerUsd(a), [](double v) { return v * 1e3; }));
        document["accelerators"].push_back(record);
    }
    for (const auto& s : shown.systems) {
        auto record = recordToJson(s);
        const auto* a = full.findAccelerator(s.acceleratorSku);
        const auto perAccelerator = a ? systemPowerPerAccelerator(s, *a) : std::nullopt;
        record["power_per_accelerator_w"] = orNull(fw::core::transformed(perAccelerator, units::inWatts));
        record["full_system_price_usd"] = nullptr; // what the optimizer pays, and how it was made
        record["price_basis"] = nullptr;
        if (s.price) {
            try {
                const auto price = core::economics::fullSystemPrice(s, assumptions);
                record["full_system_price_usd"] = price.usd;
                record["price_basis"] = price.basis;
            } catch (const core::ValidationError& e) {
                record["price_basis"] = e.what();
            }
        }
        document["systems"].push_back(record);
    }
    for (const auto& n : shown.networkParts) {
        document["network"].push_back(recordToJson(n));
    }
    return document;
}

nlohmann::json announcedJson(const std::vector<core::catalog::AnnouncedPart>& parts)
{
    auto array = nlohmann::json::array();
    for (const auto& p : parts) {
        array.push_back({{"sku", p.sku},
                         {"name", p.name},
                         {"vendor", p.vendor},
                         {"status", "announced"},
                         {"announced", p.announced},
                         {"available", p.available},
                         {"memory_gb", orNull(p.memoryGb)},
                         {"memory_type", p.memoryType},
                         {"memory_bw_tbps", orNull(p.memoryTbps)},
                         {"fp4_pflops", orNull(p.fp4Pflops)},
                         {"fp8_pflops", orNull(p.fp8Pflops)},
                         {"bf16_pflops", orNull(p.bf16Pflops)},
                         {"tdp_w", orNull(p.tdpW)},
                         {"scale_up_domain", p.scaleUpDomain ? nlohmann::json(*p.scaleUpDomain) : nlohmann::json()},
                         {"scale_up_bw_tbps", orNull(p.scaleUpTbps)},
                         {"figures_note", p.figuresNote},
                         {"source", p.source}});
    }
    return array;
}

core::report::ReportTable announcedTable(const std::vector<core::catalog::AnnouncedPart>& parts)
{
    const auto figure = [](const std::optional<double>& v) { return v ? core::formatNumber(*v) : std::string("–"); };
    core::report::ReportTable t{"Announced, not yet buyable (vendor figures; sparsity often unstated)",
                                {"SKU", "Vendor", "Announced", "Available", "Memory GB", "TB/s", "FP4 PF", "FP8 PF"},
                                {}};
    for (const auto& p : parts) {
        t.rows.push_back({p.sku, p.vendor, p.announced, p.available, figure(p.memoryGb), figure(p.memoryTbps),
                          figure(p.fp4Pflops), figure(p.fp8Pflops)});
    }
    return t;
}

} // namespace

/// `catalog [FILE] [--vendor V] [--kind accelerator|system|network|announced] [--json]`.
int runCatalog(Arguments args)
{
    CatalogOptions options;
    options.json = args.flag("json");
    options.vendor = args.option("vendor");
    options.kind = args.option("kind");
    options.file = args.optionalPositional();
    args.finish();
    if (options.kind && *options.kind != "accelerator" && *options.kind != "system" && *options.kind != "network" &&
        *options.kind != "announced") {
        throw UsageError("--kind must be accelerator, system, network or announced, not '" + *options.kind + "'");
    }
    std::vector<core::catalog::AnnouncedPart> announced;
    for (auto& part : core::catalog::shippedRoadmap()) {
        if (vendorMatches(part.vendor, options)) {
            announced.push_back(std::move(part));
        }
    }
    const core::catalog::Catalog catalog = options.file
                                               ? core::store::FleetDatabase::open(*options.file).fleet().catalog
                                               : core::catalog::loadCatalogDirectory(core::dataDirectory() / "catalog");
    const auto shown = filtered(catalog, options);
    if (options.json) {
        const auto rules = core::compliance::RuleLibrary::loadShipped();
        auto document = toJson(shown, catalog, rules.stackFor("latest"), core::workload::shippedModelAssumptions());
        document["catalog"] = options.file ? *options.file : "shipped";
        if (!options.kind || *options.kind == "announced") {
            document["announced"] = announcedJson(announced);
        }
        std::cout << document.dump(2) << "\n";
        return 0;
    }
    const bool all = !options.kind;
    if (all || options.kind == "accelerator") {
        printTable(std::cout, core::report::acceleratorTable(shown));
    }
    if (all || options.kind == "system") {
        std::cout << "\n";
        printTable(std::cout, core::report::systemTable(shown));
    }
    if (all || options.kind == "network") {
        std::cout << "\n";
        printTable(std::cout, core::report::networkTable(shown));
    }
    if (all || options.kind == "announced") {
        std::cout << "\n";
        printTable(std::cout, announcedTable(announced));
    }
    return 0;
}

} // namespace fw::cli
