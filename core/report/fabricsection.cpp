// SPDX-License-Identifier: Apache-2.0
#include "core/report/fabricsection.h"

#include <set>

#include "core/report/figuretext.h"
#include "core/topology/bom.h"
#include "core/topology/metrics.h"

namespace fw::core::report {

ReportSection fabricSection(const plan::PlanModel& m, const plan::Plan& plan, const catalog::Catalog& catalog)
{
    const auto& sc = m.scenario;
    const int T = m.quarters();
    ReportSection section;
    section.heading = "Scale-out fabric per site";
    section.paragraphs.push_back(
        "The fabric each site needs at the end of the horizon: a rail-optimised, non-blocking fat tree of "
        "TH5 64x800G switches (each port broken out to 2 × 400G), 8 accelerators and 8 × 400G NICs per node. "
        "Nodes are accelerators / 8, rounded up; scale-up domains (NVLink) are inside the systems and not counted.");
    ReportTable table{
        "Fabric at the horizon end",
        {"Site", "Accelerators", "Nodes", "Tiers", "Switches", "Links", "Optics", "Bisection", "Priced parts USD"},
        {}};
    std::set<std::string> unpriced;
    std::set<std::string> parts; // the catalog parts the fabrics use, for their sources
    for (int j = 0; j < m.sites(); ++j) {
        long long accelerators = 0;
        for (std::size_t s = 0; s < m.systems.size(); ++s) {
            accelerators += static_cast<long long>(m.base[s][static_cast<std::size_t>(j)]) * m.systems[s].accelerators;
        }
        for (const auto& p : plan.purchases) {
            const int arrives = p.quarter + sc.market[static_cast<std::size_t>(p.offer)].leadQuarters;
            if (p.site == j && arrives < T) {
                accelerators +=
                    static_cast<long long>(p.count) * m.systems[static_cast<std::size_t>(p.offer)].accelerators;
            }
        }
        if (accelerators == 0) {
            continue;
        }
        topology::FabricSpec spec;
        spec.nodes = static_cast<int>((accelerators + 7) / 8);
        spec.switchSku = "TH5 64x800G";
        spec.switchRadix = 64;
        spec.portGbps = 800;
        const auto fabric = topology::buildFabric(spec);
        const auto bom = topology::billOfMaterials(fabric, catalog);
        const auto cut = topology::bisection(fabric);
        unpriced.insert(bom.unpriced.begin(), bom.unpriced.end());
        parts.insert(bom.switchPart);
        if (bom.optics > 0) {
            parts.insert(bom.opticPart);
        }
        if (bom.copper > 0) {
            parts.insert(bom.cablePart);
        }
        table.rows.push_back({sc.sites[static_cast<std::size_t>(j)].name, usd(static_cast<double>(accelerators)),
                              usd(spec.nodes), std::to_string(fabric.tiers), usd(bom.switchesTotal),
                              usd(bom.linksTotal), usd(bom.optics), fixed(cut.ratio, 2), usd(bom.costUsd)});
    }
    section.tables.push_back(std::move(table));
    if (!unpriced.empty()) {
        std::string parts;
        for (const auto& part : unpriced) {
            parts += (parts.empty() ? "" : "; ") + part;
        }
        section.notes.push_back("Left out of the priced total (no published figure): " + parts + ".");
    }
    for (const auto& sku : parts) {
        if (const auto* part = catalog.findNetworkPart(sku)) {
            section.notes.push_back(part->sku + " (" +
                                    (part->price ? "$" + usd(units::inUsd(*part->price)) : std::string("no price")) +
                                    "): " + part->source);
        }
    }
    section.notes.push_back("The fabric is not in the plan's capex, which counts systems only. Bisection is the "
                            "max-flow between the two halves of the nodes over the full "
                            "bisection bandwidth (1.00: non-blocking). Other designs: fleetwright-cli topology.");
    return section;
}

} // namespace fw::core::report
