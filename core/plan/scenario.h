// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/compliance/screening.h"
#include "core/date.h"

namespace fw::core::plan {

/// A calendar quarter, "2027Q1".
struct Quarter {
    int year = 2027;
    int quarter = 1;                               ///< 1–4
    static Quarter parse(const std::string& text); ///< throws ValidationError
    static Quarter containing(Date day);
    std::string toString() const;
    Quarter plus(int quarters) const;
    Date firstDay() const;
    bool operator==(const Quarter&) const = default;
};

struct Site {
    std::string name;
    std::string country; ///< ISO 3166-1 alpha-2
    double pue = 1.3;
    double electricityUsdPerKwh = 0.08;
    std::vector<double> powerMw; ///< facility power available per quarter; the last value repeats
    bool liquidCooling = true;   ///< liquid-cooled systems (NVL72 racks) need it
    std::string notes;           ///< where the figures come from, in the planner's words
    /// Optional power build-out: MW the site can add each quarter, at a price, arriving after a lead.
    double buildOutMaxMwPerQuarter = 0.0;
    double buildOutUsdPerMw = 0.0;
    int buildOutLeadQuarters = 0;
    /// Floor space: rack positions (none: not limited), IT kW one rack may draw (none: not limited)
    /// and the rack units a rack holds for systems.
    std::optional<int> racks = std::nullopt;
    std::optional<double> maxKwPerRack = std::nullopt;
    int unitsPerRack = 42;
    /// Power capping: units serving inference count 1 / (1 + this) of their facility power against
    /// the site's, so (1 + this) × as many fit (POLCA); training and idle units count in full.
    double oversubscription = 0.0;
    double availableMw(int quarterIndex) const;
    bool operator==(const Site&) const = default;
};

struct InstalledSystems {
    std::string site;
    std::string system;
    int count = 0;
    double ageYears = 0.0; ///< at the horizon's start
    /// What one unit fetches if sold in the first quarter; none: its new price on the used-price curve.
    std::optional<double> resaleUsd;
    /// What one unit cost new (a fleet register's purchase price); none: the system's full-system price.
    /// Give this or resaleUsd, not both.
    std::optional<double> priceUsd;
    bool operator==(const InstalledSystems&) const = default;
};

/// Demand in one quarter: sustained training compute and the inference throughput of each class,
/// contracted (must be served) and forecast (on top of it; may be left unserved at the stream's
/// unserved price, Scenario::trainingUnservedUsdPerPflopHour and InferenceClass::unservedUsdPerMillionTokens).
struct QuarterDemand {
    QuarterDemand() = default;
    QuarterDemand(double training, std::vector<double> inference, double forecastTraining = 0.0,
                  std::vector<double> forecastInference = {})
        : trainingPflops(training), inferenceTokensPerSecond(std::move(inference)),
          forecastTrainingPflops(forecastTraining), forecastInferenceTokensPerSecond(std::move(forecastInference))
    {}
    double trainingPflops = 0.0; ///< contracted, sustained PFLOP/s (dense BF16 peak × MFU × goodput)
    std::vector<double>
        inferenceTokensPerSecond;        ///< contracted, per inference class, in Scenario::inferenceClasses order
    double forecastTrainingPflops = 0.0; ///< forecast, on top of the contracted
    std::vector<double> forecastInferenceTokensPerSecond; ///< forecast, per inference class
    /// Sustained PFLOP/s of the quarter's largest training job, part of the training demand above (not
    /// on top of it): held whole by one cluster (one system family at one site) or one cloud offer,
    /// while the rest may spread over several. 0: no job larger than what pools across clusters.
    double largestTrainingJobPflops = 0.0;
    double inference(int inferenceClass) const;         ///< contracted; 0 where no value is given
    double forecastInference(int inferenceClass) const; ///< forecast; 0 where no value is given
    double totalTraining() const { return trainingPflops + forecastTrainingPflops; }
    double totalInference(int inferenceClass) const
    {
        return inference(inferenceClass) + forecastInference(inferenceClass);
    }
    bool operator==(const QuarterDemand&) const = default;
};

/// A named training run: one cluster of one system family at one site (or rented whole from one cloud
/// offer) from the start of `start`, reserved for it on top of the sustained demand. Stated in
/// accelerators (`accelerators` for `weeks`), or as the work to do — `trainingFlops`, or 6 ×
/// `parameters` × `tokens` — finished within `weeks`: then sized on each family by the training model
/// (runsizing.h), `accelerators` (when not 0) fixing the cluster size and so the run's length.
struct TrainingRun {
    std::string name;
    Quarter start;
    int accelerators = 0; ///< stated in work: 0 (the fewest that finish in time) or the cluster size
    double weeks = 0.0;   ///< its length; stated in work: the deadline, weeks from the start
    std::optional<double> trainingFlops = std::nullopt; ///< the work, FLOPs
    std::optional<double> parameters = std::nullopt;    ///< active parameters per token, for 6 × N × D
    std::optional<double> tokens = std::nullopt;        ///< training tokens, for 6 × N × D
    std::string precision = "bf16"; ///< of the dense rate the training model uses (a catalog precision)
    /// The work in FLOPs: trainingFlops, or 6 × parameters × tokens (Kaplan et al. 2020); 0 for a run
    /// stated in accelerators.
    double flops() const;
    bool statedAsWork() const { return flops() > 0.0; }
    /// The horizon quarters it occupies: from start, 13 weeks a quarter, clipped to the horizon.
    int firstQuarter(const Quarter& horizonStart) const;
    int lastQuarter(const Quarter& horizonStart, int horizonQuarters) const;
    /// The same for the run lasting `runWeeks` (as sized on one system family).
    int lastQuarter(const Quarter& horizonStart, int horizonQuarters, double runWeeks) const;
    bool operator==(const TrainingRun&) const = default;
};

/// A model class inference demand is served with: the model (size, shape, precision, KV cache) and
/// its traffic (prompt and answer lengths, speed per user, time to first token, serving techniques).
/// Demand for a class is in output tokens/s.
struct InferenceClass {
    std::string name = "default";
    std::string model; ///< the served-model library entry its shape came from ("" when given by hand)
    double parameters = 70e9;
    std::optional<double> activeParameters = std::nullopt; ///< per token, for a mixture of experts
    double bytesPerParameter = 2.0;                        ///< 2 BF16, 1 FP8, 0.5 FP4
    double kvBytesPerToken = 327680.0;                     ///< KV cache per token of context, all layers
    int kvHeads = 8;                                       ///< KV heads (1 for DeepSeek's MLA latent)
    int layers = 0;                                    ///< 0: derived from the parameters (workload::withDerivedShape)
    double hiddenSize = 0.0;                           ///< 0: derived
    double attentionFlopsPerContextToken = 0.0;        ///< 0: 4 × layers × hidden
    double prefillAttentionFlopsPerContextToken = 0.0; ///< 0: as in decode
    int experts = 0;                                   ///< routed experts (mixture of experts); 0: dense
    int expertsPerToken = 0;
    double inputTokens = 3584.0;  ///< prompt tokens per request
    double outputTokens = 1024.0; ///< generated tokens per request
    double tokensPerSecondPerUser = 20.0;
    std::optional<double> timeToFirstTokenS; ///< the longest prefill wait accepted
    double prefixCacheHit = 0.0;             ///< share of prompt tokens served from the prefix cache
    int draftTokens = 0;                     ///< speculative decoding / multi-token prediction depth
    double draftAcceptance = 0.0;
    bool disaggregated = false; ///< prefill on its own pool of accelerators
    /// USD lost per million output tokens of forecast demand left unserved (the margin lost); needed
    /// when the class has forecast demand (under policy.objective max_margin: lost on top of the
    /// revenue forgone, 0 when not given).
    std::optional<double> unservedUsdPerMillionTokens;
    /// USD earned per million output tokens served (contracted and forecast), for the NPV margin.
    std::optional<double> revenueUsdPerMillionTokens;
    bool operator==(const InferenceClass&) const = default;
};

/// A system on offer, new or secondhand: price and units available per quarter, lead time.
struct Offer {
    std::string system;
    /// USD per unit, quarter by quarter from the horizon's first, the last repeating; empty: the
    /// catalog price throughout (a used offer needs a price).
    std::vector<double> priceUsd;
    std::vector<int> supply;                               ///< units available, quarter by quarter, the last repeating
    int leadQuarters = 0;                                  ///< bought in quarter t, serving from t + lead
    bool used = false;                                     ///< secondhand: it depreciates over what is left of its life
    double ageYears = 0.0;                                 ///< a used system's age when bought
    std::optional<double> priceIn(int quarterIndex) const; ///< none: the catalog price
    int supplyIn(int quarterIndex) const;
    bool operator==(const Offer&) const = default;
};

/// Rented capacity: a provider's accelerators in a region, paid by the accelerator-hour. Rented
/// accelerators use none of the scenario's sites (power, racks, capex, fabric).
struct CloudOffer {
    std::string provider;
    std::string providerHq;       ///< ISO 3166-1 alpha-2
    std::string providerParent;   ///< ultimate parent's name; empty: the provider is its own parent
    std::string providerParentHq; ///< ultimate parent's headquarters; empty: the provider's
    /// Holders of the provider's equity (direct, or indirect multiplied through) that screening
    /// checks under ownership rules (the Affiliates 50 % rule); empty: none known.
    std::vector<compliance::Owner> owners;
    std::string region;    ///< the country the accelerators are in, ISO 3166-1 alpha-2
    std::string sku;       ///< a catalog system, or an accelerator (then the first system holding it)
    bool reserved = false; ///< false: on demand, contracted a quarter at a time
    int termQuarters = 1;  ///< reserved: the quarters a contract spans (all paid); on demand: 1
    bool prepaid = false;  ///< the whole term paid when it starts
    /// USD per accelerator-hour, quarter by quarter from the horizon's first, the last repeating.
    std::vector<double> usdPerAcceleratorHour;
    std::vector<std::string> priceSources; ///< one per price, or one for all (URL or citation)
    std::vector<int> available;            ///< accelerators that may be under contract, per quarter, the last repeating
    int minCommitAccelerators = 0;         ///< a contract takes at least this many
    int blockAccelerators = 1;             ///< contracts are whole blocks of this many
    std::optional<double> publishedUtilization; ///< the provider's published utilisation or availability, a share
    double usdPerHourIn(int quarterIndex) const;
    int availableIn(int quarterIndex) const;
    bool operator==(const CloudOffer&) const = default;
};

struct Policy {
    /// "min_cost": the lowest NPV that meets demand; "max_capacity": the most dense peak compute
    /// (averaged over the horizon) the budgets buy, demand still met, then the lowest NPV for it.
    std::string objective = "min_cost";
    std::string rules = "latest"; ///< rule set id whose stack applies; "latest": each quarter's own
    /// Vendor shares are of the dense BF16 peak installed and rented per quarter: rented accelerators
    /// (under contract, or billed for a named run rented on demand, that quarter) count under the
    /// rented SKU's vendor, as a planner weighs dependence on a vendor whoever owns the chips.
    double maxVendorShare = 1.0; ///< at most this share per vendor, per quarter
    int minVendors = 1;          ///< at least this many vendors every quarter …
    double minVendorShare = 0.1; ///< … each with at least this share
    /// Budgets count what is paid: purchases, power build-out and scale-out fabric in the quarter they
    /// are ordered, and rent in the quarter it is paid (a prepaid contract's whole term at its start;
    /// other contracts and named runs rented on demand each quarter; PlanModel::rentalPaymentUsd). The
    /// total counts what is paid inside the horizon.
    std::optional<double> budgetUsdPerQuarter;
    std::optional<double> budgetUsdTotal;
    double headroom = 0.0;                ///< capacity above demand, as a share
    double resaleCostShare = 0.0;         ///< of a retired unit's resale value lost to broker, logistics, data wiping
    std::string licenceAppetite = "none"; ///< none, presumption_of_approval, case_by_case
    /// Whether items the catalog cannot classify for certain (a missing die area …) may be bought;
    /// they are then listed for review. Otherwise they are not allowed.
    bool acceptReviewItems = false;
    std::vector<std::string> excludedVendors; ///< never bought (as the catalog names the vendor)
    /// The restricted-party list cloud providers are screened against: a file path (absolute, or
    /// relative to the working directory); empty: the shipped data/parties/restricted-parties.json.
    std::string restrictedParties;
    bool operator==(const Policy&) const = default;
};

/// Who buys, as the export-control rules see it: headquarters and ultimate parent (ISO 3166-1
/// alpha-2) and the consignee name per-consignee caps count against. Each one left empty is the
/// fleet's company's.
struct Buyer {
    std::string hqCountry;
    std::string parentHqCountry;
    std::string consignee;
    bool operator==(const Buyer&) const = default;
};

/// One uncertain event of the future: it happens (with `probability`) or not, independently of the
/// others; when it happens it changes the scenario from quarter `from` on. Kinds and what they use:
///   demand             `multiplier` × contracted and forecast demand of `target` ("training" or an
///                      inference class name; empty: every stream)
///   vendor_price       `multiplier` × the price of every new offer of vendor `target`
///   vendor_supply      `multiplier` × the units a quarter every new offer of vendor `target` can supply,
///                      rounded down to whole units (a supply shock: 0.5 halves it, 0 stops it)
///   used_market        `multiplier` × the secondhand market of vendor `target` (empty: every vendor):
///                      used offers' prices, what installed units sell for, every unit's value at the
///                      horizon end
///   part_delay         the new offers of system `target` (an announced part) ship `quarters` later:
///                      their supply series starts that many quarters late, nothing before
///   part_price         `multiplier` × the price of the new offers of system `target`
///   part_performance   `multiplier` × the training and inference throughput of every unit of system
///                      `target`, owned, offered or rented, for the whole horizon
///   electricity_price  `multiplier` × the electricity price of site `target` (empty: every site)
///   power_delay        site `target`'s power arrives `quarters` later (each step of its series)
///   licence_required   controlled accelerators (an ECCN other than not_controlled) may no longer be
///                      bought for sites in country `target` (ISO 3166-1 alpha-2)
///   buyer_licence_required  the same for every site, when the buyer or its ultimate parent is
///                      headquartered in country `target` (a headquarters rule tightening)
///   remote_access_licence  renting controlled accelerators needs a licence when the buyer or its
///                      ultimate parent is headquartered in country `target`: its cloud offers are blocked
///   country_cap        controlled accelerators bought for sites in country `target` count against an
///                      allocation of `limitTpp` TPP per calendar year of purchase (a cap lowered, or a
///                      new one; the tightest cap binds)
///   software_efficiency  software of vendor `target` (empty: every vendor) gets `multiplier` a year
///                      faster from `from`: every unit of it, owned, offered or rented, delivers
///                      × multiplier^(q/4) its training and inference throughput q quarters later
///   part_software_efficiency  the same for the units of system `target` alone (a part's software
///                      maturing, e.g. a new generation's kernels after it ships), on top of its
///                      vendor's software_efficiency events
/// A price or value change (vendor_price, part_price, used_market) or a part's software gain
/// (part_software_efficiency) may follow a launch instead of a quarter: with `fromLaunchOf` naming a
/// new offer of the market (a successor), it holds from the first quarter that offer can supply units
/// in each future (after that future's part_delay events), and not at all in a future where it does
/// not ship within the horizon; `from` is then unused.
struct UncertainEvent {
    std::string name;
    double probability = 0.0;
    std::string kind;
    std::string target;
    Quarter from;
    double multiplier = 1.0;
    int quarters = 0;
    double limitTpp = 0.0;
    std::string fromLaunchOf{}; ///< see above; empty: from `from`
    bool operator==(const UncertainEvent&) const = default;
};

/// The scenario's uncertain future: independent events, combined into a scenario tree of every
/// outcome (2^events futures) or sampled with a seed when the tree is larger than asked for.
struct Uncertainty {
    std::vector<UncertainEvent> events;
    bool operator==(const Uncertainty&) const = default;
};

/// Everything one plan is made from, besides the catalog (and, where the scenario's buyer leaves a
/// field empty, the company) from the fleet.
struct Scenario {
    std::string name;
    std::string notes;
    Quarter firstQuarter;
    int quarters = 4;
    double discountRatePerYear = 0.08;
    double lifeYears = 5.0;
    std::vector<Site> sites;
    std::vector<InstalledSystems> installed;
    std::vector<QuarterDemand> demand; ///< per quarter; the last value repeats
    /// USD lost per PFLOP-hour (one PFLOP/s sustained for an hour) of forecast training demand left
    /// unserved; needed when there is forecast training demand (under max_margin: on top of the
    /// revenue forgone, 0 when not given).
    std::optional<double> trainingUnservedUsdPerPflopHour;
    /// USD earned per PFLOP-hour of training demand served, for the NPV margin.
    std::optional<double> trainingRevenueUsdPerPflopHour;
    std::vector<TrainingRun> trainingRuns;
    std::vector<InferenceClass> inferenceClasses;
    std::vector<Offer> market;
    std::vector<CloudOffer> cloudOffers;
    Policy policy;
    Buyer buyer;
    Uncertainty uncertainty; ///< none: one assumed future

    const QuarterDemand& demandIn(int quarterIndex) const;
    /// Whether any site caps power (oversubscription > 0): inference is then allocated to demand exactly.
    bool capsPower() const;
    /// Whether training or some inference class states a revenue.
    bool earnsRevenue() const;
    bool operator==(const Scenario&) const = default;
};

/// Quarters from `from` to `to`: 4 from 2026Q1 to 2027Q1, negative when `to` comes first.
int quartersFrom(const Quarter& from, const Quarter& to);

/// Reads a scenario from its JSON form (docs: data/sample/README.md). Throws FileFormatError naming
/// `file` and the JSON path of the first bad value.
Scenario scenarioFromJson(const std::string& text, const std::string& file);
std::string scenarioToJson(const Scenario& scenario);

} // namespace fw::core::plan
