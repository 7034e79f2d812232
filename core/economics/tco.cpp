// SPDX-License-Identifier: Apache-2.0
#include "core/economics/tco.h"

#include <algorithm>
#include <cmath>

#include "core/economics/residual.h"
#include "core/economics/systemprice.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/numbertext.h"

namespace fw::core::economics {

TcoEstimate estimateTco(const TcoInputs& in, const workload::ModelAssumptions& assumptions)
{
    const catalog::System& system = *in.system;
    if (in.count < 1 || in.years < 1) {
        throw ValidationError("count and years must be ≥ 1 (count " + std::to_string(in.count) + ", years " +
                              std::to_string(in.years) + ")");
    }
    FullSystemPrice full{in.priceUsd.value_or(0.0), 0.0, "given price"};
    if (!in.priceUsd) {
        try {
            full = fullSystemPrice(system, assumptions);
        } catch (const ValidationError& e) {
            throw ValidationError(std::string(e.what()) + "; give a full-system price (--price-usd)");
        }
    }
    if (full.usd < 0.0) {
        throw ValidationError("price " + formatNumber(full.usd) + " USD is negative; must be ≥ 0");
    }
    facility::requireRange("maintenance share per year", in.maintenanceSharePerYear, 0.0, 1.0);
    facility::requireRange("discount rate", in.discountRate, 0.0, 1.0);
    facility::requireRange("installation share", in.installationShare, 0.0, 1.0);
    facility::requireRange("USD per kWh", in.usdPerKwh, 0.0, 10.0);
    facility::requireRange("fabric USD per system", in.fabricUsdPerSystem, 0.0, 1e13);
    const auto power = facility::estimatePower(system, *in.accelerator, in.count, in.pue, in.utilization,
                                               in.networkStorageShare, assumptions, in.fabricWattsPerSystem);
    TcoEstimate e;
    e.priceUsd = full.usd;
    e.priceBasis = full.basis;
    e.facilityMegawatts = power.facilityMegawatts;
    e.systemsCapexUsd = full.usd * in.count;
    if (in.facilityUsdPerMw) {
        facility::requireRange("facility USD per MW", *in.facilityUsdPerMw, 0.0, 1e10);
        e.facilityCapexUsd = *in.facilityUsdPerMw * power.facilityMegawatts;
    }
    e.fabricCapexUsd = in.fabricUsdPerSystem * in.count;
    e.capexUsd = e.systemsCapexUsd * (1.0 + in.installationShare) + e.fabricCapexUsd + e.facilityCapexUsd;
    e.energyUsdPerYear = power.energyMwhPerYear * 1000.0 * in.usdPerKwh;
    e.maintenanceUsdPerYear = e.systemsCapexUsd * in.maintenanceSharePerYear;
    if (in.colocationUsdPerKwMonth) {
        facility::requireRange("colocation USD per kW-month", *in.colocationUsdPerKwMonth, 0.0, 1e5);
        e.colocationUsdPerYear = *in.colocationUsdPerKwMonth * power.itMegawatts * 1000.0 * 12.0;
    }
    e.opexUsdPerYear = e.energyUsdPerYear + e.maintenanceUsdPerYear + e.colocationUsdPerYear;
    const auto residual = residualShare(*in.accelerator, in.years, assumptions);
    e.residualUsd = e.systemsCapexUsd * residual.share;
    e.residualBasis = formatNumber(std::round(residual.share * 1000.0) / 10.0) + " % of the price after " +
                      std::to_string(in.years) + " years; " + residual.basis;
    e.depreciationUsdPerYear = (e.capexUsd - e.residualUsd) / in.years;
    e.npvUsd = e.capexUsd;
    for (int t = 1; t <= in.years; ++t) {
        e.npvUsd += e.opexUsdPerYear / std::pow(1.0 + in.discountRate, t);
    }
    e.npvUsd -= e.residualUsd / std::pow(1.0 + in.discountRate, in.years);
    e.acceleratorHoursPerYear = power.accelerators * 8760.0 * in.utilization;
    e.usdPerAcceleratorHour = (e.depreciationUsdPerYear + e.opexUsdPerYear) / e.acceleratorHoursPerYear;
    if (in.tokensPerSecondPerAccelerator) {
        facility::requireRange("tokens/s per accelerator", *in.tokensPerSecondPerAccelerator, 0.0, 1e9, true);
        e.usdPerMillionTokens = e.usdPerAcceleratorHour / (*in.tokensPerSecondPerAccelerator * 3600.0) * 1e6;
    }
    if (in.accelerator->bf16) {
        const double pflops = units::inTeraflops(*in.accelerator->bf16) / 1000.0;
        e.usdPerPflopDay = e.usdPerAcceleratorHour * 24.0 / pflops;
    }
    return e;
}

} // namespace fw::core::economics
