// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/numbertext.h"
#include "core/topology/bom.h"
#include "core/topology/graphml.h"
#include "core/topology/metrics.h"
#include "core/units/quantity.h"

namespace fw::cli {
namespace {

using namespace fw::core;
using namespace fw::core::topology;

int integerOption(Arguments& args, const std::string& name, int fallback)
{
    const auto text = args.option(name);
    if (!text) {
        return fallback;
    }
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
        throw ValidationError("--" + name + ": '" + *text + "' is not a whole number");
    }
    return value;
}

double numberOption(Arguments& args, const std::string& name, double fallback)
{
    const auto text = args.option(name);
    if (!text) {
        return fallback;
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
        throw ValidationError("--" + name + ": '" + *text + "' is not a number");
    }
    return value;
}

std::vector<int> parseDims(const std::string& text)
{
    std::vector<int> dims;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, 'x')) {
        int d = 0;
        if (std::from_chars(item.data(), item.data() + item.size(), d).ec != std::errc()) {
            throw ValidationError("--dims: '" + text + "' is not like 16x16 or 4x4x4");
        }
        dims.push_back(d);
    }
    return dims;
}

} // namespace

/// `topology …`: designs a fabric, prints its bill of materials and metrics (see README).
int runTopology(Arguments args)
{
    FabricSpec spec;
    const bool json = args.flag("json");
    const std::string kind = args.option("kind").value_or("fat-tree");
    if (kind == "fat-tree") {
        spec.kind = FabricKind::FatTree;
    } else if (kind == "dragonfly") {
        spec.kind = FabricKind::Dragonfly;
    } else if (kind == "torus") {
        spec.kind = FabricKind::Torus;
    } else {
        throw UsageError("--kind must be fat-tree, dragonfly or torus, not '" + kind + "'");
    }
    spec.nodes = integerOption(args, "nodes", 0);
    spec.acceleratorsPerNode = integerOption(args, "accelerators-per-node", 8);
    spec.rails = integerOption(args, "rails", spec.acceleratorsPerNode);
    spec.nicGbps = numberOption(args, "nic-gbps", 400);
    spec.planes = integerOption(args, "planes", 1);
    spec.railOptimised = !args.flag("no-rail-optimised");
    spec.scaleUpDomain = integerOption(args, "scale-up-domain", spec.acceleratorsPerNode);
    spec.scaleUpGbytesPerS = numberOption(args, "scale-up-gbytes-s", 0);
    spec.routersPerGroup = integerOption(args, "routers-per-group", 0);
    spec.terminalsPerRouter = integerOption(args, "terminals-per-router", 0);
    spec.globalLinksPerRouter = integerOption(args, "global-links-per-router", 0);
    spec.groups = integerOption(args, "groups", 0);
    if (const auto dims = args.option("dims")) {
        spec.dims = parseDims(*dims);
    }
    const auto catalog = catalog::loadCatalogDirectory(dataDirectory() / "catalog");
    if (const auto sku = args.option("switch")) {
        const auto* part = catalog.findNetworkPart(*sku);
        if (part == nullptr || part->kind != catalog::NetworkPartKind::Switch || !part->ports || !part->portSpeed) {
            throw ValidationError("--switch: '" + *sku + "' is not a switch with ports and port speed in the catalog");
        }
        spec.switchSku = part->sku;
        spec.switchRadix = *part->ports;
        spec.portGbps = units::inGigabitsPerSecond(*part->portSpeed);
    }
    spec.switchRadix = integerOption(args, "switch-radix", spec.switchRadix);
    spec.portGbps = numberOption(args, "port-gbps", spec.portGbps);
    const std::string tiers = args.option("tiers").value_or("auto");
    if (tiers == "2" || tiers == "3") {
        spec.tiers = tiers == "2" ? 2 : 3;
    } else if (tiers != "auto") {
        throw ValidationError("--tiers: '" + tiers + "' must be auto, 2 or 3");
    }
    if (const auto ratios = args.option("oversubscription")) {
        spec.oversubscription = parseOversubscription(*ratios);
    }
    const int failSwitchCount = integerOption(args, "fail-switches", 0);
    const double failLinkPercent = numberOption(args, "fail-links", 0);
    const int trials = integerOption(args, "trials", 10);
    const unsigned seed = static_cast<unsigned>(integerOption(args, "seed", 1));
    const auto graphmlFile = args.option("graphml");
    args.finish();

    const auto started = std::chrono::steady_clock::now();
    const Fabric fabric = buildFabric(spec);
    const BillOfMaterials bom = billOfMaterials(fabric, catalog);
    const double buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Bisection cut = bisection(fabric);
    const double bisectionSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - buildSeconds;
    const HopStatistics hops = hopStatistics(fabric);
    const int diversity =
        fabric.nodes.size() >= 2 ? pathDiversity(fabric, fabric.nodes.front(), fabric.nodes.back()) : 0;

    nlohmann::json tierJson = nlohmann::json::array();
    for (const auto& t : bom.tiers) {
        tierJson.push_back(
            {{"name", t.name}, {"switches", t.switches}, {"ports_used", t.portsUsed}, {"ports_free", t.portsFree}});
    }
    nlohmann::json document = {
        {"kind", kind},
        {"nodes", static_cast<int>(fabric.nodes.size())},
        {"endpoints", fabric.endpoints},
        {"tier_count", fabric.tiers},
        {"effective_radix", fabric.effectiveRadix},
        {"link_gbps", fabric.linkGbps},
        {"tiers", tierJson},
        {"switches_total", bom.switchesTotal},
        {"links", bom.links},
        {"links_total", bom.linksTotal},
        {"optics", bom.optics},
        {"copper", bom.copper},
        {"power_w", bom.powerWatts},
        {"cost_usd", bom.costUsd},
        {"unpriced", bom.unpriced},
        {"parts", {{"switch", bom.switchPart}, {"optic", bom.opticPart}, {"cable", bom.cablePart}}},
        {"bisection_gbps", cut.bisectionGbps},
        {"full_bisection_gbps", cut.fullBisectionGbps},
        {"bisection_ratio", cut.ratio},
        {"diameter_hops", hops.diameter},
        {"average_hops", hops.averageHops},
        {"hops_sampled_sources", hops.sampled ? nlohmann::json(hops.sources) : nlohmann::json()},
        {"path_diversity", diversity},
        {"max_endpoints", fabric.maxEndpoints},
        {"build_and_bom_s", buildSeconds},
        {"bisection_s", bisectionSeconds},
        {"graph_vertices", boost::num_vertices(fabric.graph)},
        {"graph_edges", boost::num_edges(fabric.graph)},
    };
    if (failSwitchCount > 0 || failLinkPercent > 0) {
        const FailureAnalysis f = failSwitchCount > 0 ? failSwitches(fabric, failSwitchCount, trials, seed)
                                                      : failLinks(fabric, failLinkPercent, trials, seed);
        document["failures"] = {{"removed", failSwitchCount > 0 ? std::to_string(failSwitchCount) + " switches"
                                                                : core::formatNumber(failLinkPercent) + " % of links"},
                                {"trials", f.trials},
                                {"seed", seed},
                                {"min_gbps", f.minGbps},
                                {"median_gbps", f.medianGbps},
                                {"min_ratio", f.minRatio},
                                {"median_ratio", f.medianRatio},
                                {"connected_trials", f.connectedTrials}};
    }
    if (graphmlFile) {
        std::ostringstream out;
        writeGraphml(out, fabric);
        core::writeFileAtomically(*graphmlFile, out.str());
        document["graphml"] = *graphmlFile;
    }
    if (json) {
        std::cout << document.dump(2) << "\n";
        return 0;
    }
    for (const auto& [key, value] : document.items()) {
        std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
    }
    return 0;
}

} // namespace fw::cli
