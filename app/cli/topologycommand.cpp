// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/output.h"
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

std::vector<int> parseDims(const std::string& text)
{
    std::vector<int> dims;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, 'x')) {
        double d = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), d);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size()) {
            throw ValidationError("--dims: '" + text + "' is not like 16x16 or 4x4x4");
        }
        dims.push_back(static_cast<int>(limits::checkWhole(limits::torusDimension, d, "--dims")));
    }
    return dims;
}

} // namespace

/// `topology …`: designs a fabric, prints its bill of materials and metrics (see README).
int runTopology(Arguments args)
{
    FabricSpec spec;
    const bool json = args.flag("json");
    const std::string kind = args.text("kind");
    if (kind == "fat-tree") {
        spec.kind = FabricKind::FatTree;
    } else if (kind == "dragonfly") {
        spec.kind = FabricKind::Dragonfly;
    } else if (kind == "torus") {
        spec.kind = FabricKind::Torus;
    } else {
        throw UsageError("--kind must be fat-tree, dragonfly or torus, not '" + kind + "'");
    }
    // Every whole-number option's limit is below 2^31 (see the spec above), so these casts are exact.
    const auto whole = [&](std::string_view name, int fallback) {
        return static_cast<int>(args.integer(name).value_or(fallback));
    };
    spec.nodes = whole("nodes", 0);
    spec.acceleratorsPerNode = whole("accelerators-per-node", 0);
    spec.rails = whole("rails", spec.acceleratorsPerNode);
    spec.nicGbps = *args.number("nic-gbps");
    spec.planes = whole("planes", 0);
    spec.railOptimised = !args.flag("no-rail-optimised");
    spec.scaleUpDomain = whole("scale-up-domain", spec.acceleratorsPerNode);
    spec.scaleUpGbytesPerS = *args.number("scale-up-gbytes-s");
    spec.routersPerGroup = whole("routers-per-group", 0);
    spec.terminalsPerRouter = whole("terminals-per-router", 0);
    spec.globalLinksPerRouter = whole("global-links-per-router", 0);
    spec.groups = whole("groups", 0);
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
    spec.switchRadix = whole("switch-radix", spec.switchRadix);
    spec.portGbps = args.number("port-gbps").value_or(spec.portGbps);
    const std::string tiers = args.text("tiers");
    if (tiers == "2" || tiers == "3") {
        spec.tiers = tiers == "2" ? 2 : 3;
    } else if (tiers != "auto") {
        throw ValidationError("--tiers: '" + tiers + "' must be auto, 2 or 3");
    }
    if (const auto ratios = args.option("oversubscription")) {
        spec.oversubscription = parseOversubscription(*ratios);
    }
    const int failSwitchCount = whole("fail-switches", 0);
    const double failLinkPercent = *args.number("fail-links");
    const int trials = whole("trials", 0);
    const auto seed = static_cast<unsigned>(*args.integer("seed"));
    const auto graphmlFile = args.option("graphml");
    args.finish();
    if (graphmlFile) {
        requireWritableTarget(*graphmlFile);
    }

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
        limits::checkProduct(limits::failureWork, trials, static_cast<std::int64_t>(boost::num_edges(fabric.graph)),
                             "--trials × graph edges");
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
    return printDocument(document, json);
}

} // namespace fw::cli
