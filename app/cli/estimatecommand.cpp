// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/estimate.h"
#include "app/cli/output.h"
#include "core/catalog/catalogjson.h"
#include "core/catalog/rentalprices.h"
#include "core/datadirectory.h"
#include "core/economics/rental.h"
#include "core/economics/tco.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"
#include "core/plan/fabricfigures.h"

namespace fw::cli {

using namespace fw::core;

EstimateContext::EstimateContext()
    : catalog(catalog::loadCatalogDirectory(dataDirectory() / "catalog")),
      assumptions(workload::shippedModelAssumptions())
{}

const catalog::Accelerator& EstimateContext::accelerator(const std::string& sku, const std::string& option) const
{
    if (const auto* a = catalog.findAccelerator(sku)) {
        return *a;
    }
    throw ValidationError("--" + option + ": unknown accelerator '" + sku + "'");
}

const catalog::System& EstimateContext::system(const std::string& sku) const
{
    if (const auto* s = catalog.findSystem(sku)) {
        return *s;
    }
    throw ValidationError("--system: unknown system '" + sku + "'");
}

double requiredNumber(Arguments& args, const std::string& name)
{
    const auto value = args.number(name);
    if (!value) {
        throw UsageError("missing --" + name);
    }
    return *value;
}

std::string requiredText(Arguments& args, const std::string& name)
{
    const auto value = args.option(name);
    if (!value) {
        throw UsageError("missing --" + name);
    }
    return *value;
}

nlohmann::json orNull(const std::optional<double>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json();
}

namespace {

int power(Arguments& args, const EstimateContext& c, bool json)
{
    const auto& system = c.system(requiredText(args, "system"));
    const int count = static_cast<int>(*args.integer("count"));
    const double pue = args.number("pue").value_or(c.value("pue"));
    const double utilization = args.number("utilization").value_or(c.value("utilization"));
    const double share = args.number("network-share").value_or(c.value("network_storage_share"));
    const auto available = args.number("available-mw");
    // Power capping (POLCA), not the fabric's oversubscription ratio of `topology --oversubscription`.
    const double gain = args.number("power-oversubscription-gain").value_or(c.value("power_oversubscription_gain"));
    args.finish();
    const auto& accelerator = *c.catalog.findAccelerator(system.acceleratorSku);
    const auto e = facility::estimatePower(system, accelerator, count, pue, utilization, share, c.assumptions);
    nlohmann::json document = {{"system", system.sku},
                               {"count", count},
                               {"accelerators", e.accelerators},
                               {"pue", pue},
                               {"utilization", utilization},
                               {"network_storage_share", share},
                               {"network_storage_share_basis", "share of server power, added to it"},
                               {"power_oversubscription_gain", gain},
                               {"server_w_per_accelerator", e.perAccelerator.serverWatts},
                               {"server_basis", e.perAccelerator.serverBasis},
                               {"server_power_estimated", e.perAccelerator.estimated},
                               {"it_w_per_accelerator", e.perAccelerator.itWatts},
                               {"it_mw", e.itMegawatts},
                               {"facility_mw", e.facilityMegawatts},
                               {"energy_mwh_per_year", e.energyMwhPerYear}};
    if (available) {
        const auto o =
            facility::oversubscribe(*available, e.perAccelerator.itWatts * system.acceleratorsPerSystem, pue, gain);
        document["available_mw"] = *available;
        document["systems_at_nameplate"] = o.nameplateSystems;
        document["systems_with_capping"] = o.cappedSystems;
        document["oversubscription_gain"] = o.gain;
        document["oversubscription_risk"] = o.risk;
    }
    return printDocument(document, json);
}

/// Reference rental prices as `estimate tco --json` lists them.
nlohmann::json rentalPricesJson(const std::vector<catalog::RentalPrice>& prices)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : prices) {
        list.push_back({{"date", p.date},
                        {"usd_per_accelerator_hour", p.usdPerHour},
                        {"usd_per_accelerator_hour_high", orNull(p.usdPerHourHigh)},
                        {"contract", catalog::contractText(p)},
                        {"seller", p.seller},
                        {"confidence", p.confidence},
                        {"source", p.source}});
    }
    return list;
}

/// The break-even of owning against renting at `rent`, as the members `estimate tco --json` adds.
void addRentOrOwn(nlohmann::json& document, const economics::RentOrOwn& r)
{
    document["rent_usd_per_hour"] = r.rentUsdPerHour;
    document["break_even_utilisation"] = r.breakEvenUtilisation;
    document["break_even_utilisation_unclamped"] = orNull(r.breakEvenUnclamped);
    document["break_even_hours_per_year"] = r.breakEvenHoursPerYear;
    document["break_even_outcome"] = economics::outcomeKey(r.outcome);
    document["break_even"] = economics::rentOrOwnText(r);
    document["owner_usd_per_accelerator_hour_full_use"] = r.ownerUsdPerAcceleratorHourFullUse;
    document["owner_fixed_usd_per_accelerator_year"] = r.fixedUsdPerAcceleratorYear;
    document["owner_energy_usd_per_accelerator_hour"] = r.energyUsdPerAcceleratorHour;
}

/// Text output without a rental price: the reference prices, one line each, and how to get the
/// break-even.
void printRentalHint(const std::vector<catalog::RentalPrice>& prices, const std::string& sku)
{
    if (prices.empty()) {
        std::cout << "reference rental prices: none shipped for " << sku << "\n";
    }
    for (const auto& p : prices) {
        std::cout << "reference rental price: " << p.date << " " << catalog::priceText(p) << " "
                  << catalog::contractText(p) << ", " << p.seller << " (" << p.confidence << ") " << p.source << "\n";
    }
    std::cout << "give --rent-usd-per-hour P for the utilisation above which owning is cheaper than renting\n";
}

/// The scale-out fabric `estimate tco` counts for one system: the family's (plan::systemFabric) unless
/// --no-fabric, with --fabric-usd-per-accelerator and --fabric-w-per-accelerator taking the place of
/// its price and power. UsageError for --no-fabric beside either.
core::plan::SystemFabric tcoFabric(Arguments& args, const EstimateContext& c, const catalog::System& system)
{
    const bool none = args.flag("no-fabric");
    const auto usd = args.number("fabric-usd-per-accelerator");
    const auto watts = args.number("fabric-w-per-accelerator");
    if (none && (usd || watts)) {
        throw UsageError("--no-fabric cannot go with --fabric-usd-per-accelerator or --fabric-w-per-accelerator");
    }
    if (none) {
        return {0.0, 0.0, "none: --no-fabric"};
    }
    auto fabric = core::plan::systemFabric(core::plan::familyFabric(system, c.catalog), system.acceleratorsPerSystem);
    const int per = system.acceleratorsPerSystem;
    if (usd || watts) {
        const double w = watts ? *watts : fabric.watts / per;
        fabric.usd = (usd ? *usd : fabric.usd / per) * per;
        fabric.watts = w * per;
        fabric.basis = "given: " + formatNumber(fabric.usd / per) + " USD and " + formatNumber(w) +
                       " W per accelerator × " + std::to_string(per) +
                       (usd && watts ? std::string() : "; the rest from the catalog, " + fabric.basis);
    }
    return fabric;
}

int tco(Arguments& args, const EstimateContext& c, bool json)
{
    economics::TcoInputs in;
    in.system = &c.system(requiredText(args, "system"));
    in.accelerator = c.catalog.findAccelerator(in.system->acceleratorSku);
    in.count = static_cast<int>(*args.integer("count"));
    in.years = static_cast<int>(args.integer("years").value_or(static_cast<std::int64_t>(c.value("life_years"))));
    in.priceUsd = args.number("price-usd");
    in.pue = args.number("pue").value_or(c.value("pue"));
    in.utilization = args.number("utilization").value_or(c.value("utilization"));
    in.usdPerKwh = args.number("usd-per-kwh").value_or(c.value("electricity_usd_per_kwh"));
    in.networkStorageShare = args.number("network-share").value_or(c.value("network_storage_share"));
    in.maintenanceSharePerYear = args.number("maintenance").value_or(c.value("maintenance_share_per_year"));
    in.discountRate = args.number("discount-rate").value_or(c.value("discount_rate"));
    in.installationShare = *args.number("installation-share");
    in.facilityUsdPerMw = args.number("facility-usd-per-mw");
    in.colocationUsdPerKwMonth = args.number("colocation-usd-per-kw-month");
    in.tokensPerSecondPerAccelerator = args.number("tokens-per-s-per-accelerator");
    const auto fabric = tcoFabric(args, c, *in.system);
    in.fabricUsdPerSystem = fabric.usd;
    in.fabricWattsPerSystem = fabric.watts;
    const auto rent = args.number("rent-usd-per-hour");
    args.finish();
    const auto e = economics::estimateTco(in, c.assumptions);
    nlohmann::json document{{"system", in.system->sku},
                            {"count", in.count},
                            {"years", in.years},
                            {"price_usd", e.priceUsd},
                            {"price_basis", e.priceBasis},
                            {"pue", in.pue},
                            {"utilization", in.utilization},
                            {"usd_per_kwh", in.usdPerKwh},
                            {"maintenance_share_per_year", in.maintenanceSharePerYear},
                            {"discount_rate", in.discountRate},
                            {"network_storage_share", in.networkStorageShare},
                            {"installation_share", in.installationShare},
                            {"facility_usd_per_mw", orNull(in.facilityUsdPerMw)},
                            {"colocation_usd_per_kw_month", orNull(in.colocationUsdPerKwMonth)},
                            {"fabric_usd_per_system", in.fabricUsdPerSystem},
                            {"fabric_w_per_system", in.fabricWattsPerSystem},
                            {"fabric_basis", fabric.basis},
                            {"capex_usd", e.capexUsd},
                            {"systems_capex_usd", e.systemsCapexUsd},
                            {"fabric_capex_usd", e.fabricCapexUsd},
                            {"facility_capex_usd", e.facilityCapexUsd},
                            {"energy_usd_per_year", e.energyUsdPerYear},
                            {"maintenance_usd_per_year", e.maintenanceUsdPerYear},
                            {"colocation_usd_per_year", e.colocationUsdPerYear},
                            {"opex_usd_per_year", e.opexUsdPerYear},
                            {"depreciation_usd_per_year", e.depreciationUsdPerYear},
                            {"residual_usd", e.residualUsd},
                            {"residual_basis", e.residualBasis},
                            {"npv_usd", e.npvUsd},
                            {"usd_per_accelerator_hour", e.usdPerAcceleratorHour},
                            {"usd_per_pflop_day", e.usdPerPflopDay},
                            {"tokens_per_s_per_accelerator", orNull(in.tokensPerSecondPerAccelerator)},
                            {"usd_per_million_tokens", orNull(e.usdPerMillionTokens)},
                            {"facility_mw", e.facilityMegawatts}};
    const auto prices = catalog::rentalPricesOf(catalog::shippedRentalPrices(), in.accelerator->sku);
    document["reference_rental_prices"] = rentalPricesJson(prices);
    if (rent) {
        addRentOrOwn(document, economics::rentOrOwn(in, e, *rent));
    }
    if (json) {
        return printDocument(document, true);
    }
    document.erase("reference_rental_prices");
    printDocument(document, false);
    if (!rent) {
        printRentalHint(prices, in.accelerator->sku);
    }
    return 0;
}

/// Runs one estimate with the shipped catalog and assumptions.
int estimate(Arguments& args, int (*model)(Arguments&, const EstimateContext&, bool))
{
    const bool json = args.flag("json");
    return model(args, EstimateContext(), json);
}

} // namespace

/// `estimate training|inference|power|tco [options] [--json]`: every default comes from
/// data/models/assumptions.json (or app/cli/commandspecs.cpp) and is echoed in the output.
int runEstimateTraining(Arguments args)
{
    return estimate(args, estimateTraining);
}

int runEstimateInference(Arguments args)
{
    return estimate(args, estimateInference);
}

int runEstimatePower(Arguments args)
{
    return estimate(args, power);
}

int runEstimateTco(Arguments args)
{
    return estimate(args, tco);
}

} // namespace fw::cli
