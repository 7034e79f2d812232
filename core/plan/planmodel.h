// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/compliance/rulelibrary.h"
#include "core/fleet.h"
#include "core/plan/cause.h"
#include "core/plan/fabricfigures.h"
#include "core/plan/grid.h"
#include "core/plan/runsizing.h"
#include "core/plan/scenario.h"
#include "core/workload/assumptions.h"
#include "core/workload/serving.h"

namespace fw::core::plan {

/// The work one unit (a system, or one rented accelerator) does for the streams in service, as
/// the capacity models give it, and what a future's software or roadmap events make of it by quarter.
struct ServiceFigures {
    double trainingPflops = 0.0;                  ///< sustained: dense BF16 × published MFU × goodput
    std::vector<double> inferenceTokensPerSecond; ///< per inference class; 0 where it cannot serve it
    /// [quarter]: × both in that quarter (software and part performance events); empty: 1 throughout.
    std::vector<double> speedup;
    double speedupIn(int quarter) const;
    double trainingPflopsIn(int quarter) const { return trainingPflops * speedupIn(quarter); }
    double tokensPerSecondIn(int inferenceClass, int quarter) const
    {
        return inferenceTokensPerSecond[static_cast<std::size_t>(inferenceClass)] * speedupIn(quarter);
    }
    /// What it gives stream `stream` in `quarter`: training PFLOP/s (−1) or an inference class's tokens/s.
    double streamIn(int stream, int quarter) const
    {
        return stream < 0 ? trainingPflopsIn(quarter) : tokensPerSecondIn(stream, quarter);
    }
};

/// What one unit of a system brings and costs, as the capacity, power and cost models give it.
struct SystemFigures : ServiceFigures {
    std::string sku;
    std::string vendor;
    int accelerators = 0;
    double peakPflops = 0.0; ///< dense BF16 peak, the measure of vendor share
    /// TPP (ECCN 3A090) of every accelerator in one unit, summed: what it takes of an export-control
    /// cap; 0 where the catalog lacks the figures. Set for offers only.
    double tppPerUnit = 0.0;
    double itKw = 0.0;     ///< all-in IT power
    double priceUsd = 0.0; ///< in the first quarter: the base of maintenance; purchases pay PlanModel::price
    /// How priceUsd was made: "full-system price", "baseboard price … + host and integration uplift …
    /// (source)" (economics::fullSystemPrice), or "scenario price" for an offer's own price_usd.
    std::string priceBasis;
    bool needsLiquid = false;
    std::optional<int> rackUnits; ///< height of one unit in a rack, where published
    bool wholeRack = false;       ///< a rack-scale system: one unit is one rack
    bool used = false;            ///< a secondhand offer
    double ageYears = 0.0;        ///< a used offer's age when bought
    /// λ of the accelerator's residual value (economics::residualShare): a unit keeps e^(−λ·years) of
    /// what it was worth, new or used; and where λ came from.
    double residualLossPerYear = 0.0;
    std::string residualBasis;
    /// Per quarter bought: × that value at the horizon end, what a used-market event in a future
    /// leaves of it (empty: 1 in every quarter).
    std::vector<double> residualValueScale;
};

/// What one unit of an offer takes of an export-control cap (a licence exception's allowance, or a
/// country allocation) when bought for a site in a quarter.
struct ExportCapShare {
    std::string cap;         ///< the cap and its running total: "LPP (Acme 2027)"; one row of the MILP each
    double tppPerUnit = 0.0; ///< TPP of every accelerator in one unit
    double limitTpp = 0.0;   ///< the same for every share of a running total: the tightest the rules name
    bool operator==(const ExportCapShare&) const = default;
};

/// What one rented accelerator of a cloud offer brings, from the same SystemFigures path an owned
/// system takes (its catalog system's figures ÷ its accelerators), and whether it may be rented.
struct RentedFigures : ServiceFigures {
    std::string sku;         ///< the catalog system whose accelerators are rented
    std::string accelerator; ///< its accelerator, as the catalog names it ("H100 SXM")
    std::string vendor;      ///< as the catalog names it
    double peakPflops = 0.0; ///< dense BF16 peak, per accelerator
    /// [quarter]: may be contracted then (the provider's export of the chips to its region, the
    /// renter's remote access, counterparty screening), and why not.
    std::vector<bool> allowed;
    std::vector<std::string> reason;
    /// [quarter]: the treatment of renting, in words with its rule basis ("allowed: …", "red flag: …").
    std::vector<std::string> treatment;
    std::vector<std::string> warning; ///< [quarter]: a red flag or a rule to watch; empty: none
    std::vector<std::string> eccn;    ///< [quarter]: the rented system's ECCN ("not_controlled")
    /// [quarter]: the counterparty screening that blocked the offer, left it for review or flagged it
    /// (with the restricted-party list entry it cites); none: clear.
    std::vector<std::optional<compliance::ScreeningAnswer>> screening;
};

/// How a plan names an offer to people: the SKU, with "(used, 2 y)" for a secondhand one.
std::string offerLabel(const SystemFigures& system);

struct Plan;

/// Units per (system, site, quarter).
using UnitGrid = Grid<double>;

/// The scenario resolved against the catalog, the models and the export-control rules: the one
/// input the optimizer, the greedy baseline and the evaluator share. Immutable once built.
struct PlanModel {
    Scenario scenario;
    Company company;
    std::vector<SystemFigures> systems; ///< offers first (same index as scenario.market), then installed-only
    std::vector<std::vector<int>> base; ///< [system][site] installed at the start
    /// [system][site][quarter 0..T]: what one installed unit fetches if sold at the start of that
    /// quarter (T: the horizon's end), USD; the units-weighted mean over the installed rows.
    Grid<double> resale;
    /// [offer][site][quarter]: may be bought for that site in that quarter (export controls, cooling).
    Grid<bool> allowed;
    Grid<std::string> reason; ///< why not, where not allowed
    /// [offer][quarter]: the export-control classification of the offer's accelerator under that
    /// quarter's rules (3A090.a …, "not_controlled"), as the compliance oracle answers it.
    std::vector<std::vector<std::string>> eccn;
    /// [offer][site][quarter]: allowed only because the scenario accepts review items, and what the
    /// review must settle (empty elsewhere).
    Grid<std::string> review;
    /// [offer][site][quarter]: the caps one unit bought there and then counts against.
    Grid<std::vector<ExportCapShare>> capShares;
    std::vector<std::vector<double>> offerPriceUsd; ///< [offer][quarter]: what one unit costs then
    /// [system][site]: units one rack holds, by rack units and by the site's kW per rack (0: one unit
    /// is more than a rack takes; a unit of unknown height with no kW limit counts as a rack).
    std::vector<std::vector<int>> unitsPerRack;
    /// The scale-out fabric of each system family (familyFabric), and the family of each system
    /// ([system] → index into fabrics). A unit's power (itKw, facilityKw) includes its share of a
    /// two-tier fabric; a three-tier fabric's extra and every fabric's capex are planned per family
    /// and site (fabricsOf).
    std::vector<FamilyFabric> fabrics;
    std::vector<int> fabricOf;
    std::vector<RentedFigures> rented; ///< [cloud offer], scenario.cloudOffers order
    /// [run][family]: what each named run takes on each system family (a cluster of one family at
    /// one site serves a run whole).
    std::vector<std::vector<RunSize>> runOnFamily;
    /// [run][cloud offer]: the same for each run rented whole from a cloud offer's accelerators.
    std::vector<std::vector<RunSize>> runOnCloud;
    double utilization = 0.8;     ///< a unit in service draws this share of its maximum (assumption "utilization")
    double idlePowerShare = 0.25; ///< an idle unit draws this share of its maximum (assumption "idle_power_share")
    double maintenanceSharePerYear = 0.05; ///< of the price (assumption "maintenance_share_per_year")

    int offers() const { return static_cast<int>(scenario.market.size()); }
    int cloudOffers() const { return static_cast<int>(scenario.cloudOffers.size()); }
    /// USD one accelerator of cloud offer `k` costs for a contracted quarter `quarter` (may lie
    /// beyond the horizon: the last price repeats): USD per hour × 2,190 hours.
    double rentalUsdPerAcceleratorQuarter(int k, int quarter) const;
    /// NPV of one accelerator under a contract of cloud offer `k` starting in `quarter`: every
    /// quarter of its term paid (also those past the horizon), discounted from when it is paid (the
    /// start, when prepaid), USD.
    double rentalContractNpv(int k, int quarter) const;
    /// USD one accelerator under a contract of cloud offer `k` started in `start` pays in `quarter`:
    /// that quarter's price in each quarter of the term, or, prepaid, the whole term's (also the
    /// quarters past the horizon) in `start`; 0 in any other quarter. What the budgets count.
    double rentalPaymentUsd(int k, int start, int quarter) const;
    /// Accelerators one on-demand rental of cloud offer `k` for named run `run` is billed for: its
    /// accelerators rounded up to whole blocks, at least the minimum commitment.
    int runRentalAccelerators(int k, int run) const;
    /// NPV of renting cloud offer `k` on demand for named run `run`: the billed accelerators × the
    /// run's hours in each quarter (13 weeks a quarter, 168 hours a week) × that quarter's price,
    /// discounted, USD.
    double runRentalNpv(int k, int run) const;
    /// USD renting cloud offer `k` on demand for named run `run` bills in horizon quarter `quarter`:
    /// the billed accelerators × the run's hours then × that quarter's price; 0 when it is not running.
    double runRentalPaymentUsd(int k, int run, int quarter) const;
    /// Whether cloud offer `k` can take named run `run`: on demand, training-capable, allowed every
    /// quarter the run occupies.
    bool canRentRun(int k, int run) const;
    int sites() const { return static_cast<int>(scenario.sites.size()); }
    int families() const { return static_cast<int>(fabrics.size()); }
    /// The horizon quarter named run `run` starts in.
    int runFirstQuarter(int run) const;
    /// The last horizon quarter named run `run` occupies on `family` (its weeks there, 13 a quarter).
    int runLastQuarter(int run, int family) const;
    /// The last horizon quarter named run `run` occupies rented from cloud offer `k`.
    int runRentalLastQuarter(int run, int k) const;
    /// Whether named run `run` on `family` occupies `quarter`.
    bool runOccupies(int run, int family, int quarter) const;
    /// Whether a cluster of `family` at `site` can hold named run `run`: the family can take it, and
    /// units of it are installed there at the start or may be bought for it to arrive by the run's start.
    bool canHostRun(int run, int family, int site) const;
    /// Whether units of `family` that can train may be in service at `site` in `quarter`: installed
    /// there at the start, or an offer of it allowed there in time to arrive by then.
    bool canTrainAt(int family, int site, int quarter) const;
    /// After the scenario's named runs stated in accelerators change (a diagnosis shrinking one),
    /// their size on every family that can take them: the new count and weeks.
    void resizeRunsInAccelerators();
    int quarters() const { return scenario.quarters; }
    int inferenceClasses() const { return static_cast<int>(scenario.inferenceClasses.size()); }
    /// USD one unit of `offer` costs when bought in `quarter`.
    double price(int offer, int quarter) const;
    /// Facility kW of one unit of `system` at `site`.
    double facilityKw(int system, int site) const;
    /// Facility kW one unit in `site`'s capped power domain counts against the site's power: less by
    /// the site's oversubscription (power capping; such a unit serves inference or stands idle).
    double cappedKw(int system, int site) const;
    /// Electricity one IT kW drawn without pause for a quarter costs at `site` (× PUE), USD.
    double energyUsdPerKwDrawnQuarter(int site) const;
    /// Electricity of one IT kW of fabric at `site` for one quarter (drawn at utilization), USD.
    double energyUsdPerItKwQuarter(int site) const;
    /// Electricity of one installed unit standing idle for a quarter (idlePowerShare of its maximum), USD.
    double idleEnergyCostPerQuarter(int system, int site) const;
    /// What one unit in service (training, serving or reserved for a named run) adds to that for a
    /// quarter: (utilization − idlePowerShare) of its maximum, USD.
    double busyEnergyCostPerQuarter(int system, int site) const;
    /// What one unit in service in `site`'s capped power domain saves of that: it draws at most its
    /// cap, 1 ÷ (1 + oversubscription) of its maximum, USD (0 when the cap is above the utilization).
    double cappedEnergySavingPerQuarter(int system, int site) const;
    /// Maintenance of one unit for one quarter (maintenanceSharePerYear of its first-quarter price a
    /// year), USD.
    double maintenanceCostPerQuarter(int system) const;
    /// What one installed unit costs for a quarter in service or not: idle energy and maintenance, USD.
    double runCostPerQuarter(int system, int site) const;
    /// What leaving one PFLOP/s of forecast training demand unserved for a quarter loses: the
    /// scenario's USD per PFLOP-hour × 2,190 hours, USD (0 without a price); under policy.objective
    /// max_margin, plus the revenue it would have earned (trainingRevenueUsdPerQuarter).
    double unservedTrainingUsdPerQuarter() const;
    /// The same for one output token/s of `inferenceClass`: its USD per million tokens × 2,190 × 3,600
    /// seconds ÷ 10^6, USD (0 without a price); under max_margin, plus its revenue.
    double unservedInferenceUsdPerQuarter(int inferenceClass) const;
    /// What serving one PFLOP/s of training demand for a quarter earns: USD per PFLOP-hour × 2,190
    /// hours (0 without a revenue).
    double trainingRevenueUsdPerQuarter() const;
    /// The same for one output token/s of `inferenceClass`, USD.
    double inferenceRevenueUsdPerQuarter(int inferenceClass) const;
    /// What one installed unit of `system` at `site` fetches if sold at the start of `quarter`
    /// (the horizon's end for quarter T), USD.
    double resaleUsd(int system, int site, int quarter) const;
    /// What selling one installed unit at the start of `quarter` brings in: its resale value less the
    /// policy's resale cost share, USD.
    double saleProceedsUsd(int system, int site, int quarter) const;
    /// MW of build-out of `plan` serving `site` in `quarter` (ordered at least the lead before).
    double builtMw(const Plan& plan, int site, int quarter) const;
    /// [system][site][quarter]: units of `plan` in service: installed base, plus purchases that have
    /// arrived, less retirements.
    UnitGrid installed(const Plan& plan) const;
    /// A grid of zeros, [system][site][quarter].
    UnitGrid zeroGrid() const;
    /// Rack positions `units` of `system` take at `site`: whole racks per system, never shared.
    int racksFor(int system, int site, double units) const;
    /// Discount factor of quarter t (0-based) at the scenario's yearly rate.
    double discount(int quarter) const;
    /// Value left at the horizon end of a unit of `system` bought in `quarter`, as a share of its
    /// price: e^(−λ·years held), λ from the accelerator's used prices (economics::residualShare, the
    /// function TCO uses) — a used unit bought at its market price keeps the same share.
    double residualShare(int system, int quarter) const;
};

/// The scenario's buyer: the fleet's company with each field the scenario's buyer sets replaced.
Company buyerOf(const Scenario& scenario, const Company& fleetCompany);

/// The serving model's view of an inference class: its model (shape derived where not given) and
/// its traffic. Throws ValidationError for an inconsistent shape.
workload::ServedModel servedModelOf(const InferenceClass& c);
workload::ServingTraffic servingTrafficOf(const InferenceClass& c);

/// Throws ValidationError naming the scenario field: unknown system or site, a system without a
/// price, no rule set in force on a quarter.
PlanModel buildPlanModel(const Scenario& scenario, const Fleet& fleet, const compliance::RuleLibrary& rules,
                         const workload::ModelAssumptions& assumptions);

/// An offer that may not be bought for a site in a run of quarters, and why (an export-control
/// treatment, cooling, racks or the vendor policy); one entry per run of quarters with one reason.
struct BlockedOffer {
    int offer = 0;
    int site = 0;
    int firstQuarter = 0; ///< the first quarter of the run
    int quarters = 0;     ///< how many quarters in a row
    std::string reason;
};
std::vector<BlockedOffer> blockedOffers(const PlanModel& model);

/// A cloud offer that may not be contracted in a run of quarters, and why (counterparty screening,
/// the provider's export, the renter's remote access); one entry per run of quarters with one reason.
struct BlockedCloudOffer {
    int cloudOffer = 0;
    int firstQuarter = 0;
    int quarters = 0;
    std::string reason;
    std::optional<compliance::ScreeningAnswer> screening; ///< the list entry cited, where screening blocked it
};
std::vector<BlockedCloudOffer> blockedCloudOffers(const PlanModel& model);

/// Rented capacity of a plan: `blocks` blocks of a cloud offer contracted from `quarter` for its term.
struct Rental {
    int quarter = 0;
    int cloudOffer = 0;
    int blocks = 0;
};

/// Installed units taken out of service (and sold) at the start of a quarter.
struct Retirement {
    int quarter = 0;
    int site = 0;
    int system = 0; ///< index into PlanModel::systems
    int count = 0;
};

/// One purchase of a plan.
struct Purchase {
    int quarter = 0; ///< index from the scenario's first quarter
    int site = 0;
    int offer = 0;
    int count = 0;
    bool operator==(const Purchase&) const = default;
};

/// Power build-out ordered at a site in a quarter (a power contract): serving from the quarter + the
/// site's lead on.
struct PowerOrder {
    int quarter = 0; ///< index from the scenario's first quarter
    int site = 0;
    double mw = 0.0;
    bool operator==(const PowerOrder&) const = default;
};

/// The decisions of a plan's first stage, made before the future is known: the purchases and the power
/// build-out ordered in its first quarters, by quarter and site.
struct FirstStage {
    std::vector<Purchase> purchases;
    std::vector<PowerOrder> power;
    bool operator==(const FirstStage&) const = default;
};

/// Puts `first` in order: purchases by quarter, site and offer; power orders by quarter and site.
void sortFirstStage(FirstStage& first);

/// Optimal: the search closed the gap (≤ provenOptimalGap); Feasible: it stopped at its allowed gap.
enum class PlanStatus { Optimal, Feasible, Infeasible, TimeLimit, Cancelled };
std::string_view toString(PlanStatus status);

/// The largest relative gap a plan called optimal may have.
constexpr double provenOptimalGap = 1e-6;
/// (objective − bound) / |objective|, at least 0: how far a plan may be from the best possible one;
/// 1 when no finite bound is known (nothing proven), 0 for an objective of 0 at its bound.
double relativeGap(double objective, double bound);

/// A purchase schedule and how the fleet is used: [system][site][quarter] units serving training
/// and inference (they may not exceed the units installed).
struct Plan {
    PlanStatus status = PlanStatus::Infeasible;
    std::string method; ///< "cbc" or "greedy"
    double objectiveUsd = 0.0;
    double gap = 0.0;
    double solveSeconds = 0.0;
    double buildSeconds = 0.0; ///< building the MILP
    int columns = 0;           ///< MILP size
    int rows = 0;
    int integerColumns = 0;
    std::vector<Purchase> purchases;
    std::vector<Retirement> retirements;
    /// [site][quarter]: MW of power build-out ordered in that quarter (arrives after the site's lead).
    std::vector<std::vector<double>> buildOutMw;
    /// The site each named training run is placed at (scenario.trainingRuns order; −1: not placed).
    std::vector<int> runSites;
    /// The system family (index into PlanModel::fabrics) whose units serve each named run at its site,
    /// whole: one family, one site (−1: not placed at a site).
    std::vector<int> runFamilies;
    /// [system][site][quarter]: units reserved for the named runs, apart from training and inference.
    UnitGrid reserved;
    std::vector<std::string> diagnosis; ///< for an infeasible scenario: the limits that stop it, one line each
    /// For an infeasible scenario: each family of limits that, relaxed alone, gives a plan, with the
    /// smallest change of the scenario that does it; the one planned again and found enough first.
    std::vector<Cause> causes;
    UnitGrid training;
    std::vector<UnitGrid> inference; ///< per inference class
    /// [system][site][quarter]: units in the site's capped power domain (they serve inference or
    /// stand idle, never train); empty when no site oversubscribes.
    UnitGrid capped;
    std::vector<Rental> rentals;
    /// The cloud offer each named run is rented from, on demand (−1: at a site, runSites).
    std::vector<int> runCloudOffers;
    /// [cloud offer][quarter]: rented accelerators serving sustained training, and per inference
    /// class; empty without cloud offers.
    std::vector<std::vector<double>> rentedTraining;
    std::vector<std::vector<std::vector<double>>> rentedInference; ///< [class][cloud offer][quarter]
};

/// What named run `run` takes as `plan` places it: on its family at its site, or rented whole from
/// its cloud offer; as stated (its accelerators and weeks) when it is neither.
RunSize placedRunSize(const PlanModel& model, const Plan& plan, int run);

/// Accelerators of cloud offer `k` under contract in `quarter` in `plan`'s rentals.
double contractedAccelerators(const PlanModel& model, const Plan& plan, int k, int quarter);

/// The plan's status in words, for the CLI, the GUI and the report: "optimal" only for a search
/// that closed its gap; "within 0.42 % of the best possible" for one that stopped at its allowed gap (with
/// "time limit, " or "cancelled, " before it when stopped so); "greedy baseline, no bound" for the
/// spreadsheet plan; "no plan" when none meets the scenario.
std::string statusText(const Plan& plan);

} // namespace fw::core::plan
