// SPDX-License-Identifier: Apache-2.0
#include "core/report/fabricsection.h"

#include <set>

#include "core/plan/planfabric.h"
#include "core/report/figuretext.h"
#include "core/topology/clusterfabric.h"

namespace fw::core::report {
namespace {

/// Accelerators per node of `family`: those of its first system.
int acceleratorsPerNode(const plan::PlanModel& m, int family)
{
    for (std::size_t s = 0; s < m.systems.size(); ++s) {
        if (m.fabricOf[s] == family) {
            return m.systems[s].accelerators;
        }
    }
    return 1;
}

} // namespace

ReportSection fabricSection(const plan::PlanModel& m, const plan::Plan& plan, const catalog::Catalog& catalog)
{
    const auto& sc = m.scenario;
    ReportSection section;
    section.heading = "Scale-out fabric per site and system family";
    section.paragraphs.push_back(
        "Each system family at each site has its own rail-optimised, non-blocking fat tree, built for the most "
        "accelerators installed there so far (retired units free ports that later purchases reuse; the installed "
        "base's fabric is already built). Its switches, optics and cables are priced per accelerator from the "
        "topology module's bill of materials, two-tier or three-tier by size, and planned inside the MILP: the "
        "capex below is the plan's fabric cost. Scale-up domains (NVLink) are inside the systems.");
    ReportTable table{"Fabric built by the plan",
                      {"Site", "Family", "Switch", "Tiers", "Accelerators", "Switches", "Optics", "USD per accelerator",
                       "Capex USD", "Capex NPV USD"},
                      {}};
    double total = 0.0;
    double totalNpv = 0.0;
    std::set<std::string> switches;
    for (const auto& fabric : plan::fabricsOf(m, plan)) {
        const auto& family = m.fabrics[static_cast<std::size_t>(fabric.family)];
        double capex = 0.0;
        double npv = 0.0;
        for (std::size_t t = 0; t < fabric.capexUsd.size(); ++t) {
            capex += fabric.capexUsd[t];
            npv += fabric.capexUsd[t] * m.discount(static_cast<int>(t));
        }
        total += capex;
        totalNpv += npv;
        const auto peak = static_cast<std::int64_t>(std::llround(fabric.peakAccelerators()));
        const int perNode = acceleratorsPerNode(m, fabric.family);
        // The same fabric drawn part by part at its largest, for the switch and optic counts.
        const auto* part = catalog.findNetworkPart(family.switchSku);
        std::string switchCount = "–";
        std::string optics = "–";
        if (part != nullptr && peak > 0) {
            const auto designed = topology::designClusterFabric(
                peak, {perNode, family.nicPortsPerAccelerator, family.nicGbps, 1}, *part, catalog, fabric.tiers);
            switchCount = usd(designed.bom.switchesTotal);
            optics = usd(designed.bom.optics);
        }
        switches.insert(family.switchSku);
        const double perAccelerator =
            fabric.tiers == 3 ? family.threeTier.usdPerAccelerator : family.twoTier.usdPerAccelerator;
        table.rows.push_back({sc.sites[static_cast<std::size_t>(fabric.site)].name, family.family, family.switchSku,
                              std::to_string(fabric.tiers), usd(static_cast<double>(peak)), switchCount, optics,
                              usd(perAccelerator), usd(capex), usd(npv)});
    }
    table.rows.push_back({"Total", "", "", "", "", "", "", "", usd(total), usd(totalNpv)});
    section.tables.push_back(std::move(table));
    for (const auto& family : m.fabrics) {
        if (!family.priced) {
            section.notes.push_back(family.family + ": no fabric in the plan (" + family.why + ").");
        } else if (!family.unpriced.empty()) {
            section.notes.push_back(family.family +
                                    ": left out of the fabric's price (no published figure): " + family.unpriced + ".");
        }
    }
    for (const auto& sku : switches) {
        if (const auto* part = catalog.findNetworkPart(sku)) {
            section.notes.push_back(part->sku + " (" +
                                    (part->price ? "$" + usd(units::inUsd(*part->price)) : std::string("no price")) +
                                    "), the switch with the lowest price per NIC-speed port: " + part->source);
        }
    }
    section.notes.push_back("Each band is priced at one reference size (up to 4,096 accelerators); a small fabric "
                            "that one switch could serve is still priced as two tiers. Its power is in each "
                            "system's power (two tiers) and the site's power limit. Other designs: "
                            "fleetwright-cli topology.");
    return section;
}

} // namespace fw::core::report
