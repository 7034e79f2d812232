// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One quarter of a plan, recomputed from the scenario.
struct QuarterKpis {
    std::string quarter;
    double trainingPflops = 0.0;                          ///< allocated to training
    double trainingDemandPflops = 0.0;                    ///< contracted + forecast
    double trainingForecastPflops = 0.0;                  ///< of the demand, what may be left unserved
    double trainingUnservedPflops = 0.0;                  ///< forecast left unserved (at its price)
    std::vector<double> inferenceTokensPerSecond;         ///< allocated, per inference class
    std::vector<double> inferenceDemandTokensPerSecond;   ///< contracted + forecast, per inference class
    std::vector<double> inferenceForecastTokensPerSecond; ///< per inference class
    std::vector<double> inferenceUnservedTokensPerSecond; ///< forecast left unserved, per inference class
    std::vector<double> powerMw;          ///< facility power counted per site (capped units at their cap)
    std::vector<double> cappedUnits;      ///< per site: units in its capped power domain
    std::vector<double> powerAvailableMw; ///< per site
    std::vector<int> racks;               ///< rack positions taken per site (whole racks per system)
    double capexUsd = 0.0;
    /// Of the dense BF16 peak installed and rented (accelerators under contract or billed for named
    /// runs, under the rented SKU's vendor), per vendor.
    std::vector<std::pair<std::string, double>> vendorShares;
    double rentedAccelerators = 0.0; ///< under contract, and billed for named runs rented on demand
    double rentedShare = 0.0;        ///< of dense BF16 peak in service (owned + rented), the rented part
    /// Rent paid this quarter: contracts (prepaid: their whole term when they start) and named runs
    /// rented on demand; counted in the budgets with capexUsd.
    double rentalUsd = 0.0;
    double rentedTrainingPflops = 0.0;                  ///< of trainingPflops, what rented accelerators serve
    std::vector<double> rentedInferenceTokensPerSecond; ///< of inferenceTokensPerSecond, per inference class
    /// Rented ÷ served: training PFLOP/s, and tokens/s of inference class `inferenceClass`; none when
    /// nothing of it is served this quarter.
    std::optional<double> rentedTrainingShare() const;
    std::optional<double> rentedInferenceShare(int inferenceClass) const;
};

/// TPP a plan counts against one export-control cap's running total.
struct ExportCapUse {
    std::string cap; ///< "LPP (Acme 2027)"
    double usedTpp = 0.0;
    double limitTpp = 0.0;
};

/// A share of one demand left unserved over the horizon.
struct UnservedShare {
    double share = 0.0;
    int stream = -1; ///< −1: training; else the inference class
};

struct Evaluation {
    std::vector<QuarterKpis> quarters;
    double costUsd = 0.0; ///< NPV of capex + run cost + unserved − residual value, the optimizer's objective
    // costUsd's parts, each an NPV in USD:
    //   costUsd = installed + capex + fabric + energy + maintenance + rental + unserved − residual − resale.
    // capexNpvUsd counts systems and power build-out; the fabric's energy is in energyNpvUsd.
    /// The installed systems' resale value at the horizon's start: keeping them forgoes it (what selling
    /// them all at once would bring, before the resale cost share), so what they are worth at the end
    /// is credited against what they were worth at the start, and the net cost stays a cost.
    double installedValueUsd = 0.0;
    double capexNpvUsd = 0.0;
    double energyNpvUsd = 0.0;
    double maintenanceNpvUsd = 0.0;
    /// Forecast demand left unserved, at its price per unit (under max_margin, plus the revenue forgone).
    double unservedNpvUsd = 0.0;
    double fabricNpvUsd = 0.0;   ///< capex of the scale-out fabric (planfabric.h), discounted
    double residualNpvUsd = 0.0; ///< value left at the horizon end, discounted; subtracted
    double resaleNpvUsd = 0.0;   ///< what retired installed units were sold for, discounted; subtracted
    double rentalNpvUsd = 0.0;   ///< rented capacity: contracts and named runs rented on demand, discounted
    /// What the plan spends before its credits: the installed systems' value at the start, capex, fabric,
    /// energy, maintenance, rent and unserved demand.
    [[nodiscard]] double grossNpvUsd() const
    {
        return installedValueUsd + capexNpvUsd + fabricNpvUsd + energyNpvUsd + maintenanceNpvUsd + rentalNpvUsd +
               unservedNpvUsd;
    }
    /// What the demand served earns (contracted and forecast, at the scenario's revenues), discounted;
    /// outside costUsd.
    double revenueNpvUsd = 0.0;
    /// The NPV margin: revenue of the demand served less what the fleet costs (costUsd without the
    /// unserved demand's price or forgone revenue).
    [[nodiscard]] double marginNpvUsd() const { return revenueNpvUsd - (costUsd - unservedNpvUsd); }
    /// The largest share of one demand (training, or one inference class) left unserved over the
    /// horizon: Σ unserved ÷ Σ demand (contracted + forecast) over the quarters, and which demand
    /// (share 0 with none unserved).
    [[nodiscard]] UnservedShare largestUnservedShare() const;
    std::vector<ExportCapUse> exportCaps; ///< every cap the plan's purchases count against
    double averagePeakPflops = 0.0;       ///< dense BF16 peak installed, averaged over the quarters
    std::vector<std::string> violations;  ///< every broken constraint, one line each; empty when valid
};

/// Recomputes every KPI and re-checks every constraint of `plan` from the model alone (no solver):
/// purchases only where and when allowed and within supply and export-control caps, budgets, power per site and
/// quarter, allocation within the installed units, rack positions, contracted demand with headroom (forecast demand
/// short of the allocation is unserved, and priced), vendor shares. Tolerance 1e-6
/// relative. Pure; thread-safe.
Evaluation evaluate(const PlanModel& model, const Plan& plan);

} // namespace fw::core::plan
