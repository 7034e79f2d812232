// SPDX-License-Identifier: Apache-2.0
#include "core/facility/powermodel.h"

#include <cmath>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::core::facility {

void requireRange(const std::string& name, double value, double low, double high, bool lowOpen)
{
    const bool ok = std::isfinite(value) && (lowOpen ? value > low : value >= low) && value <= high;
    if (!ok) {
        throw ValidationError(name + " " + formatNumber(value) + " is outside " + (lowOpen ? "(" : "[") +
                              formatNumber(low) + ", " + formatNumber(high) + "]");
    }
}

PowerPerAccelerator powerPerAccelerator(const catalog::System& system, const catalog::Accelerator& accelerator,
                                        double networkStorageShare, const workload::ModelAssumptions& assumptions)
{
    requireRange("network and storage share of server power", networkStorageShare, 0.0, 1.0);
    PowerPerAccelerator p;
    const int count = system.acceleratorsPerSystem;
    if (system.maxPower) {
        p.serverWatts = units::inWatts(*system.maxPower) / count;
        p.serverBasis = "published maximum " + formatNumber(units::inWatts(*system.maxPower)) + " W / " +
                        std::to_string(count) + " accelerators";
    } else if (accelerator.tdp && system.hostOverhead) {
        p.serverWatts = units::inWatts(*accelerator.tdp) + units::inWatts(*system.hostOverhead) / count;
        p.serverBasis = "TDP + published host overhead / " + std::to_string(count);
    } else if (accelerator.tdp) {
        const auto& factor = assumptions.value("host_overhead_factor");
        p.serverWatts = units::inWatts(*accelerator.tdp) * factor.value;
        p.serverBasis = "ESTIMATED: TDP " + formatNumber(units::inWatts(*accelerator.tdp)) + " W × " +
                        formatNumber(factor.value) + " host-overhead rule of thumb (" + factor.source +
                        "); the system publishes no maximum power";
        p.estimated = true;
    } else {
        throw ValidationError("system '" + system.sku + "': no maximum power and no TDP for " + accelerator.sku +
                              "; enter one in the catalog");
    }
    p.networkStorageShare = networkStorageShare;
    p.itWatts = p.serverWatts * (1.0 + networkStorageShare);
    return p;
}

const catalog::System* firstSystemOf(const catalog::Catalog& catalog, const catalog::Accelerator& accelerator)
{
    for (const auto& s : catalog.systems) {
        if (catalog.findAccelerator(s.acceleratorSku) == &accelerator) {
            return &s;
        }
    }
    return nullptr;
}

PowerEstimate estimatePower(const catalog::System& system, const catalog::Accelerator& accelerator, int count,
                            double pue, double utilization, double networkStorageShare,
                            const workload::ModelAssumptions& assumptions, double fabricWattsPerSystem)
{
    if (count < 1) {
        throw ValidationError("count " + std::to_string(count) + " must be ≥ 1");
    }
    requireRange("PUE", pue, 1.0, 5.0);
    requireRange("utilization", utilization, 0.0, 1.0, true);
    requireRange("fabric IT power per system (W)", fabricWattsPerSystem, 0.0, 1e7);
    PowerEstimate e;
    e.perAccelerator = powerPerAccelerator(system, accelerator, networkStorageShare, assumptions);
    e.systems = count;
    e.accelerators = static_cast<std::int64_t>(count) * system.acceleratorsPerSystem; // 64-bit: 1e7 × 1e6 fits
    e.pue = pue;
    e.utilization = utilization;
    e.fabricItMegawatts = fabricWattsPerSystem * count / 1e6;
    e.itMegawatts = e.perAccelerator.itWatts * e.accelerators / 1e6 + e.fabricItMegawatts;
    e.facilityMegawatts = e.itMegawatts * pue;
    e.energyMwhPerYear = e.facilityMegawatts * utilization * 8760.0;
    return e;
}

Oversubscription oversubscribe(double availableMegawatts, double itWattsPerSystem, double pue, double gain)
{
    requireRange("available power (MW)", availableMegawatts, 0.0, 1e6);
    requireRange("IT power per system (W)", itWattsPerSystem, 0.0, 1e7, true);
    requireRange("PUE", pue, 1.0, 5.0);
    requireRange("oversubscription gain", gain, 0.0, 1.0);
    Oversubscription o;
    o.gain = gain;
    o.nameplateSystems = static_cast<int>(std::floor(availableMegawatts * 1e6 / pue / itWattsPerSystem));
    o.cappedSystems = static_cast<int>(std::floor(o.nameplateSystems * (1.0 + gain)));
    o.risk = "If every system draws its maximum at once, power capping throttles all of them to the budget: "
             "inference latency rises and training steps slow. Safe for inference fleets whose peaks are rare "
             "(POLCA, arXiv 2308.12908); not for synchronous training.";
    return o;
}

} // namespace fw::core::facility
