// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "core/catalog/catalog.h"
#include "core/workload/assumptions.h"

namespace fw::core::economics {

struct TcoInputs {
    const catalog::System* system = nullptr;
    const catalog::Accelerator* accelerator = nullptr;
    int count = 1;                  ///< systems
    int years = 5;                  ///< life: straight-line depreciation and the NPV horizon
    std::optional<double> priceUsd; ///< per system, full; default: the catalog's (economics::fullSystemPrice)
    double pue = 1.3;
    double utilization = 0.8;
    double usdPerKwh = 0.078;
    double networkStorageShare = 0.111; ///< of server power (assumptions: network_storage_share)
    double maintenanceSharePerYear = 0.05;
    double discountRate = 0.08;
    double installationShare = 0.0;                      ///< of system capex, once
    std::optional<double> facilityUsdPerMw;              ///< build-out per MW of facility power, once
    std::optional<double> colocationUsdPerKwMonth;       ///< per kW of IT power
    std::optional<double> tokensPerSecondPerAccelerator; ///< served, for the cost per million tokens
    /// The scale-out fabric's share of one system (plan::familyFabric's two-tier band per accelerator
    /// × accelerators per system; 0: no fabric counted). Priced as the purchase plan prices fabric: the
    /// USD once, in capex, with no installation share, maintenance or residual value (switches and
    /// optics are written off); the IT watts at full draw added to the system's IT power after the
    /// network and storage share, so they pass through PUE and utilization into energy, facility
    /// build-out and colocation like the server's own power (PlanModel: a unit's itKw includes its
    /// share of a two-tier fabric).
    double fabricUsdPerSystem = 0.0;
    double fabricWattsPerSystem = 0.0;
};

struct TcoEstimate {
    double priceUsd = 0.0;  ///< per system, full: as given, or the catalog's (economics::fullSystemPrice)
    std::string priceBasis; ///< "given price", "full-system price" or "baseboard price … + … uplift …"
    double systemsCapexUsd = 0.0;
    double fabricCapexUsd = 0.0; ///< fabric USD per system × count
    double facilityCapexUsd = 0.0;
    double capexUsd = 0.0;         ///< systems + installation + fabric + facility
    double energyUsdPerYear = 0.0; ///< facility MWh × price
    double maintenanceUsdPerYear = 0.0;
    double colocationUsdPerYear = 0.0;
    double opexUsdPerYear = 0.0;
    double depreciationUsdPerYear = 0.0; ///< (capex − residual) / years
    double residualUsd = 0.0;            ///< systems' price × economics::residualShare at the end of life
    std::string residualBasis;
    double npvUsd = 0.0;                       ///< capex + Σ opex/(1+r)^t − residual/(1+r)^years
    double acceleratorHoursPerYear = 0.0;      ///< accelerators × 8,760 h × utilization
    double usdPerAcceleratorHour = 0.0;        ///< (depreciation + opex) per year / accelerator-hours
    double usdPerPflopDay = 0.0;               ///< per day of one PFLOP/s of dense BF16 peak
    std::optional<double> usdPerMillionTokens; ///< accelerator-hour cost / tokens served in that hour
    double facilityMegawatts = 0.0;
};

/// Total cost of ownership of `count` systems over `years`. Throws ValidationError naming the bad
/// input (no price, PUE < 1, a share outside [0, 1), …).
TcoEstimate estimateTco(const TcoInputs& inputs, const workload::ModelAssumptions& assumptions);

} // namespace fw::core::economics
