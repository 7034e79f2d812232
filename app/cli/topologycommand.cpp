// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <chrono>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/catalog/catalogjson.h"
#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/limits.h"
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
        const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), d);
        if (item.empty() || error != std::errc() || end != item.data() + item.size()) {
            throw ValidationError("--dims: '" + text + "' is not like 16x16 or 4x4x4");
        }
        dims.push_back(static_cast<int>(limits::checkWhole(limits::torusDimension, d, "--dims")));
    }
    return dims;
}

/// A whole-number option, or `fallback` when absent. Every whole-number option's limit is below 2^31
/// (app/cli/commandspecs.cpp), so the cast is exact.
int whole(Arguments& args, std::string_view name, int fallback)
{
    return static_cast<int>(args.integer(name).value_or(fallback));
}

FabricKind parseKind(const std::string& kind)
{
    if (kind == "fat-tree") {
        return FabricKind::FatTree;
    }
    if (kind == "dragonfly") {
        return FabricKind::Dragonfly;
    }
    if (kind == "torus") {
        return FabricKind::Torus;
    }
    throw UsageError("--kind must be fat-tree, dragonfly or torus, not '" + kind + "'");
}

/// Options that only one kind reads: given to another kind they would be ignored, so they are refused.
void refuseOtherKinds(const Arguments& args, const std::string& kind)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> owned{
        {"fat-tree",
         {"accelerators-per-node", "tiers", "oversubscription", "planes", "nic-ports", "rails", "nodes-per-su",
          "management-nodes", "management-ports", "spine-rule", "scale-up-domain", "scale-up-gbytes-s"}},
        {"dragonfly", {"routers-per-group", "terminals-per-router", "global-links-per-router", "groups"}},
        {"torus", {"dims"}},
    };
    for (const auto& [owner, options] : owned) {
        if (owner == kind) {
            continue;
        }
        for (const auto& name : options) {
            if (args.given(name)) {
                throw UsageError("--" + name + " applies to --kind " + owner + ", not " + kind);
            }
        }
    }
    if (kind != "fat-tree" && args.given("no-rail-optimised")) {
        throw UsageError("--no-rail-optimised applies to --kind fat-tree, not " + kind);
    }
    if (kind == "torus") {
        for (const char* name : {"switch", "switch-radix", "port-gbps"}) {
            if (args.given(name)) {
                throw UsageError(std::string("--") + name + " does not apply to a torus (its nodes are its switches)");
            }
        }
    }
}

void readSwitch(Arguments& args, const catalog::Catalog& catalog, FabricSpec& spec)
{
    if (const auto sku = args.option("switch")) {
        const auto* part = catalog.findNetworkPart(*sku);
        if (part == nullptr || part->kind != catalog::NetworkPartKind::Switch || !part->ports || !part->portSpeed) {
            throw ValidationError("--switch: '" + *sku + "' is not a switch with ports and port speed in the catalog");
        }
        spec.switchSku = part->sku;
        spec.switchRadix = *part->ports;
        spec.portGbps = units::inGigabitsPerSecond(*part->portSpeed);
    } else if (spec.kind == FabricKind::Dragonfly) {
        spec.switchRadix = 0; // the routers have what the shape needs, unless a radix is given
    }
    spec.switchRadix = whole(args, "switch-radix", spec.switchRadix);
    spec.portGbps = args.number("port-gbps").value_or(spec.portGbps);
}

SpineRule parseSpineRule(const std::string& text)
{
    if (text == "divide") {
        return SpineRule::DivideUplinks;
    }
    if (text == "fewest") {
        return SpineRule::Fewest;
    }
    throw ValidationError("--spine-rule: '" + text + "' must be divide or fewest");
}

FabricSpec readSpec(Arguments& args, const catalog::Catalog& catalog, const std::string& kind)
{
    FabricSpec spec;
    spec.kind = parseKind(kind);
    refuseOtherKinds(args, kind);
    spec.nodes = whole(args, "nodes", 0);
    spec.acceleratorsPerNode = whole(args, "accelerators-per-node", 8);
    spec.rails = whole(args, "rails", spec.acceleratorsPerNode);
    spec.nicGbps = *args.number("nic-gbps");
    spec.planes = whole(args, "planes", 1);
    spec.nicPorts = whole(args, "nic-ports", spec.planes); // planes multiply the ports
    spec.railOptimised = !args.flag("no-rail-optimised");
    spec.nodesPerUnit = whole(args, "nodes-per-su", 0);
    spec.managementNodes = whole(args, "management-nodes", 0);
    spec.managementPorts = whole(args, "management-ports", spec.managementNodes > 0 ? 1 : 0);
    spec.spineRule = parseSpineRule(args.text("spine-rule"));
    spec.scaleUpDomain = whole(args, "scale-up-domain", spec.acceleratorsPerNode);
    spec.scaleUpGbytesPerS = *args.number("scale-up-gbytes-s");
    spec.routersPerGroup = whole(args, "routers-per-group", 0);
    spec.terminalsPerRouter = whole(args, "terminals-per-router", 0);
    spec.globalLinksPerRouter = whole(args, "global-links-per-router", 0);
    spec.groups = whole(args, "groups", 0);
    if (const auto dims = args.option("dims")) {
        spec.dims = parseDims(*dims);
    }
    readSwitch(args, catalog, spec);
    const std::string tiers = args.text("tiers");
    if (tiers == "2" || tiers == "3") {
        spec.tiers = tiers == "2" ? 2 : 3;
    } else if (tiers != "auto") {
        throw ValidationError("--tiers: '" + tiers + "' must be auto, 2 or 3");
    }
    if (const auto ratios = args.option("oversubscription")) {
        spec.oversubscription = parseOversubscription(*ratios);
    }
    return spec;
}

nlohmann::json bisectionJson(const Bisection& cut)
{
    nlohmann::json cuts = nlohmann::json::array();
    for (const auto& c : cut.cuts) {
        cuts.push_back({{"name", c.name}, {"gbps", c.gbps}, {"full_gbps", c.fullGbps}, {"seconds", c.seconds}});
    }
    return cuts;
}

nlohmann::json failureJson(const Fabric& fabric, int failSwitchCount, double failLinkPercent, int trials, unsigned seed)
{
    const FailureAnalysis f = failSwitchCount > 0 ? failSwitches(fabric, failSwitchCount, trials, seed)
                                                  : failLinks(fabric, failLinkPercent, trials, seed);
    return {{"removed", failSwitchCount > 0 ? std::to_string(failSwitchCount) + " switches"
                                            : core::formatNumber(failLinkPercent) + " % of links"},
            {"trials", f.trials},
            {"seed", seed},
            {"min_gbps", f.minGbps},
            {"median_gbps", f.medianGbps},
            {"min_ratio", f.minRatio},
            {"median_ratio", f.medianRatio},
            {"connected_trials", f.connectedTrials}};
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

/// `topology …`: designs a fabric, prints its bill of materials and metrics (see README).
int runTopology(Arguments args)
{
    const bool json = args.flag("json");
    const std::string kind = args.text("kind");
    const auto catalog = catalog::loadCatalogDirectory(dataDirectory() / "catalog");
    const FabricSpec spec = readSpec(args, catalog, kind);
    const int failSwitchCount = whole(args, "fail-switches", 0);
    const double failLinkPercent = *args.number("fail-links");
    const int trials = whole(args, "trials", 10);
    const auto seed = static_cast<unsigned>(*args.integer("seed"));
    const auto graphmlFile = args.option("graphml");
    args.finish();
    if (graphmlFile) {
        requireWritableTarget(*graphmlFile);
    }

    const auto started = std::chrono::steady_clock::now();
    const Fabric fabric = buildFabric(spec);
    if (failSwitchCount > 0 || failLinkPercent > 0) {
        // Refused before any graph algorithm runs: the trials alone would be past the time budget.
        limits::checkProduct(limits::failureWork, trials, static_cast<std::int64_t>(boost::num_edges(fabric.graph)),
                             "--trials × graph edges");
    }
    const BillOfMaterials bom = billOfMaterials(fabric, catalog);
    const double buildSeconds = secondsSince(started);
    FlowNetwork network(fabric); // built once for every cut and the path diversity
    const Bisection cut = bisection(fabric, network, candidateCuts(fabric));
    const double bisectionSeconds = secondsSince(started) - buildSeconds;
    const HopStatistics hops = hopStatistics(fabric);
    const PathDiversity diversity = pathDiversity(fabric, network);
    const double totalSeconds = secondsSince(started);

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
        {"nic_ports", spec.nicPorts},
        {"planes", spec.planes},
        {"spine_rule", toString(spec.spineRule)},
        {"pods", fabric.pods},
        {"scalable_units", fabric.scalableUnits},
        {"nodes_per_su", spec.nodesPerUnit},
        {"tiers", tierJson},
        {"switches_total", bom.switchesTotal},
        {"links", bom.links},
        {"links_total", bom.linksTotal},
        {"optics", bom.optics},
        {"copper", bom.copper},
        {"management_nodes", bom.managementNodes},
        {"management_ports", bom.managementPorts},
        {"power_w", bom.powerWatts},
        {"cost_usd", bom.costUsd},
        {"unpriced", bom.unpriced},
        {"parts", {{"switch", bom.switchPart}, {"optic", bom.opticPart}, {"cable", bom.cablePart}}},
        {"bisection_gbps", cut.bisectionGbps},
        {"full_bisection_gbps", cut.fullBisectionGbps},
        {"bisection_ratio", cut.ratio},
        {"bisection_cut", cut.cut},
        {"bisection_exact", cut.exact},
        {"bisection_bound", cut.bound},
        {"bisection_cuts", bisectionJson(cut)},
        {"bisection_convention", bisectionConvention},
        {"diameter_hops", hops.diameter},
        {"average_hops", hops.averageHops},
        {"hops_sampled_sources", hops.sampled ? nlohmann::json(hops.sources) : nlohmann::json()},
        {"path_diversity", diversity.paths},
        {"path_diversity_between", diversity.between},
        {"max_endpoints", fabric.maxEndpoints},
        {"notes", fabric.notes},
        {"build_and_bom_s", buildSeconds},
        {"bisection_s", bisectionSeconds},
        {"total_s", totalSeconds},
        {"graph_vertices", boost::num_vertices(fabric.graph)},
        {"graph_edges", boost::num_edges(fabric.graph)},
    };
    if (failSwitchCount > 0 || failLinkPercent > 0) {
        document["failures"] = failureJson(fabric, failSwitchCount, failLinkPercent, trials, seed);
    }
    if (graphmlFile) {
        std::ostringstream out;
        writeGraphml(out, fabric, &cut);
        core::writeFileAtomically(*graphmlFile, out.str());
        document["graphml"] = *graphmlFile;
    }
    return printDocument(document, json);
}

} // namespace fw::cli
