// SPDX-License-Identifier: Apache-2.0
#include "core/plan/futures.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <random>

#include "core/error.h"
#include "core/textforms.h"

namespace fw::core::plan {
namespace {

/// The horizon quarter an event starts in, within [0, quarters].
int startOf(const PlanModel& m, const UncertainEvent& e)
{
    return std::clamp(quartersFrom(m.scenario.firstQuarter, e.from), 0, m.quarters());
}

/// Calls visit(offer, site, quarter, eccn) for every purchase still allowed, from `e`'s quarter on,
/// of an offer whose accelerator is controlled (an ECCN other than not_controlled) for the sites
/// `atSite` picks.
void forEachControlled(PlanModel& m, const UncertainEvent& e, const std::function<bool(int)>& atSite,
                       const std::function<void(int, int, int, const std::string&)>& visit)
{
    for (int o = 0; o < m.offers(); ++o) {
        for (int j = 0; j < m.sites(); ++j) {
            if (!atSite(j)) {
                continue;
            }
            for (int t = startOf(m, e); t < m.quarters(); ++t) {
                const std::string& eccn = m.eccn[static_cast<std::size_t>(o)][static_cast<std::size_t>(t)];
                if (!eccn.empty() && eccn != "not_controlled" && m.allowed(o, j, t)) {
                    visit(o, j, t, eccn);
                }
            }
        }
    }
}

/// From `e`'s quarter on, offers whose accelerator is controlled may no longer be bought for the
/// sites `atSite` picks; the reason names `why` and the event.
void blockControlled(PlanModel& m, const UncertainEvent& e, const std::function<bool(int)>& atSite,
                     const std::string& why)
{
    forEachControlled(m, e, atSite, [&](int o, int j, int t, const std::string& eccn) {
        m.allowed(o, j, t) = false;
        m.reason(o, j, t) = why + " from " + e.from.toString() + " (" + eccn + "; uncertain event \"" + e.name + "\")";
    });
}

/// From `e`'s quarter on, controlled offers bought for sites in country `e.target` count against an
/// allocation of `e.limitTpp` TPP per calendar year of purchase: one running total a year, named by
/// the event and the year ("MY cap (MY 2028)"). An offer whose TPP the catalog cannot tell cannot be
/// counted, and may no longer be bought there (the cap fails closed).
void capControlled(PlanModel& m, const UncertainEvent& e)
{
    const auto inCountry = [&](int j) { return m.scenario.sites[static_cast<std::size_t>(j)].country == e.target; };
    forEachControlled(m, e, inCountry, [&](int o, int j, int t, const std::string& eccn) {
        const double tpp = m.systems[static_cast<std::size_t>(o)].tppPerUnit;
        if (tpp <= 0.0) {
            m.allowed(o, j, t) = false;
            m.reason(o, j, t) = "its TPP is unknown, so it cannot count against the cap on " + e.target + " from " +
                                e.from.toString() + " (" + eccn + "; uncertain event \"" + e.name + "\")";
            return;
        }
        const int year = m.scenario.firstQuarter.plus(t).year;
        m.capShares(o, j, t).push_back({e.name + " (" + e.target + " " + std::to_string(year) + ")", tpp, e.limitTpp});
    });
}

/// Whether a unit of SKU `sku` is the part `e` names: by its SKU, or as an offer of the market names
/// its system (ignoring case, as the catalog finds systems).
bool isPart(const PlanModel& m, const std::string& sku, const UncertainEvent& e)
{
    if (equalsIgnoringCase(sku, e.target)) {
        return true;
    }
    for (int o = 0; o < m.offers(); ++o) {
        if (m.systems[static_cast<std::size_t>(o)].sku == sku &&
            equalsIgnoringCase(m.scenario.market[static_cast<std::size_t>(o)].system, e.target)) {
            return true;
        }
    }
    return false;
}

/// The hardware roadmap of part `e.target`: its new offers ship `quarters` later (part_delay) or cost
/// `factor` × from `from` (part_price); every unit of it, owned, offered or rented, delivers `factor` ×
/// its training and inference throughput from `from` (part_performance).
void applyToPart(PlanModel& m, const UncertainEvent& e, double weight, double factor)
{
    const int T = m.quarters();
    const auto stepUp = [&](ServiceFigures& figures) {
        figures.speedup.resize(static_cast<std::size_t>(T), 1.0);
        for (int t = startOf(m, e); t < T; ++t) {
            figures.speedup[static_cast<std::size_t>(t)] *= factor;
        }
    };
    bool any = false;
    for (int s = 0; s < static_cast<int>(m.systems.size()); ++s) {
        SystemFigures& system = m.systems[static_cast<std::size_t>(s)];
        const bool newOffer = s < m.offers() && !system.used;
        if (!isPart(m, system.sku, e) || (e.kind != "part_performance" && !newOffer)) {
            continue;
        }
        any = true;
        if (e.kind == "part_performance") {
            stepUp(system);
        } else if (e.kind == "part_price") {
            for (int t = startOf(m, e); t < T; ++t) {
                m.offerPriceUsd[static_cast<std::size_t>(s)][static_cast<std::size_t>(t)] *= factor;
            }
        } else {
            // Its supply series starts `quarters` later: nothing until then. Weighed by a probability (the
            // expected-value model) at the later of its two outcomes, as a supply shock takes the lesser.
            const int delay = weight > 0.0 ? e.quarters : 0;
            Offer& offer = m.scenario.market[static_cast<std::size_t>(s)];
            std::vector<int> supply;
            for (int t = 0; t < T; ++t) {
                supply.push_back(t < delay ? 0 : offer.supplyIn(t - delay));
            }
            offer.supply = supply;
        }
    }
    if (e.kind == "part_performance") {
        for (RentedFigures& rented : m.rented) {
            if (isPart(m, rented.sku, e)) {
                any = true;
                stepUp(rented);
            }
        }
    }
    if (!any) {
        throw ValidationError("uncertainty: event \"" + e.name + "\": no " +
                              (e.kind == "part_performance" ? "system of the market, the fleet or the cloud offers"
                                                            : "new offer of the market") +
                              " is \"" + e.target + "\"");
    }
}

/// Software of vendor `e.target` (empty: every vendor), or of part `e.target` alone
/// (part_software_efficiency), gets `factor` a year faster from `e.from`: every unit of it, owned,
/// offered or rented, delivers × factor^(q/4) its training and inference throughput q quarters after
/// that quarter (1 in it, factor a year on, factor² two years on).
void speedUp(PlanModel& m, const UncertainEvent& e, double factor)
{
    const int start = startOf(m, e);
    const bool ofPart = e.kind == "part_software_efficiency";
    bool any = false;
    const auto faster = [&](ServiceFigures& figures, const std::string& sku, const std::string& vendor) {
        if (ofPart ? !isPart(m, sku, e) : !e.target.empty() && vendor != e.target) {
            return;
        }
        any = true;
        figures.speedup.resize(static_cast<std::size_t>(m.quarters()), 1.0);
        for (int t = start; t < m.quarters(); ++t) {
            figures.speedup[static_cast<std::size_t>(t)] *= std::pow(factor, (t - start) / 4.0);
        }
    };
    for (SystemFigures& system : m.systems) {
        faster(system, system.sku, system.vendor);
    }
    for (RentedFigures& rented : m.rented) {
        faster(rented, rented.sku, rented.vendor);
    }
    if (!any) {
        throw ValidationError("uncertainty: event \"" + e.name +
                              "\": no system of the market, the fleet or the cloud offers " +
                              (ofPart ? "is \"" : "is from vendor \"") + e.target + "\"");
    }
}

/// Applies `e` to `m` with `weight` (1: in full; a probability: its expected value).
void apply(PlanModel& m, const UncertainEvent& e, double weight)
{
    Scenario& sc = m.scenario;
    const int T = m.quarters();
    const double factor = 1.0 + weight * (e.multiplier - 1.0);
    if (e.kind == "demand") {
        std::vector<QuarterDemand> demand;
        for (int t = 0; t < T; ++t) {
            demand.push_back(sc.demandIn(t));
        }
        for (int t = startOf(m, e); t < T; ++t) {
            auto& d = demand[static_cast<std::size_t>(t)];
            if (e.target.empty() || e.target == "training") {
                d.trainingPflops *= factor;
                d.forecastTrainingPflops *= factor;
                d.largestTrainingJobPflops *= factor; // its jobs grow and shrink with it
            }
            for (int c = 0; c < m.inferenceClasses(); ++c) {
                if (e.target.empty() || e.target == sc.inferenceClasses[static_cast<std::size_t>(c)].name) {
                    const auto k = static_cast<std::size_t>(c);
                    d.inferenceTokensPerSecond.resize(std::max(d.inferenceTokensPerSecond.size(), k + 1), 0.0);
                    d.forecastInferenceTokensPerSecond.resize(
                        std::max(d.forecastInferenceTokensPerSecond.size(), k + 1), 0.0);
                    d.inferenceTokensPerSecond[k] *= factor;
                    d.forecastInferenceTokensPerSecond[k] *= factor;
                }
            }
        }
        sc.demand = demand;
    } else if (e.kind == "vendor_price" || e.kind == "vendor_supply") {
        bool any = false;
        for (int o = 0; o < m.offers(); ++o) {
            if (m.systems[static_cast<std::size_t>(o)].vendor != e.target ||
                m.systems[static_cast<std::size_t>(o)].used) {
                continue;
            }
            any = true;
            if (e.kind == "vendor_price") {
                for (int t = startOf(m, e); t < T; ++t) {
                    m.offerPriceUsd[static_cast<std::size_t>(o)][static_cast<std::size_t>(t)] *= factor;
                }
                continue;
            }
            // Whole units a quarter, rounded down (the series spelt out: its last value repeats). Weighed
            // by a probability (the expected-value model) at the lesser of its two outcomes: a first year
            // ordered beyond some future's supply could not be shared by every future (robustPlan).
            const double least = weight >= 1.0 ? e.multiplier : weight > 0.0 ? std::min(1.0, e.multiplier) : 1.0;
            Offer& offer = sc.market[static_cast<std::size_t>(o)];
            std::vector<int> supply;
            for (int t = 0; t < T; ++t) {
                supply.push_back(t < startOf(m, e) ? offer.supplyIn(t)
                                                   : static_cast<int>(std::floor(offer.supplyIn(t) * least + 1e-9)));
            }
            offer.supply = supply;
        }
        if (!any) {
            throw ValidationError("uncertainty: event \"" + e.name +
                                  "\": no new offer of the market is from vendor \"" + e.target + "\"");
        }
    } else if (e.kind == "used_market") {
        // The secondhand market of vendor `target` (empty: every vendor) from `from`: used offers' prices,
        // what installed units sell for, and every unit's value at the horizon end.
        bool any = false;
        for (std::size_t s = 0; s < m.systems.size(); ++s) {
            SystemFigures& system = m.systems[s];
            if (!e.target.empty() && system.vendor != e.target) {
                continue;
            }
            any = true;
            // A used offer bought from `from` on pays the new price, which its residual value (a share
            // of the price paid) already follows; every other purchase keeps its price and loses value.
            const bool usedOffer = static_cast<int>(s) < m.offers() && system.used;
            system.residualValueScale.resize(static_cast<std::size_t>(T), 1.0);
            for (int t = 0; t < T; ++t) {
                const auto q = static_cast<std::size_t>(t);
                if (usedOffer && t >= startOf(m, e)) {
                    m.offerPriceUsd[s][q] *= factor;
                } else {
                    system.residualValueScale[q] *= factor;
                }
            }
            for (int j = 0; j < m.sites(); ++j) {
                for (int t = startOf(m, e); t <= T; ++t) {
                    m.resale(static_cast<int>(s), j, t) *= factor;
                }
            }
        }
        if (!any) {
            throw ValidationError("uncertainty: event \"" + e.name +
                                  "\": no system of the market or the fleet is from vendor \"" + e.target + "\"");
        }
    } else if (e.kind == "software_efficiency" || e.kind == "part_software_efficiency") {
        speedUp(m, e, factor);
    } else if (e.kind == "part_delay" || e.kind == "part_price" || e.kind == "part_performance") {
        applyToPart(m, e, weight, factor);
    } else if (e.kind == "electricity_price") {
        for (auto& site : sc.sites) {
            if (e.target.empty() || site.name == e.target) {
                site.electricityUsdPerKwh *= factor;
            }
        }
    } else if (e.kind == "power_delay") {
        const int delay = static_cast<int>(std::lround(weight * e.quarters));
        for (auto& site : sc.sites) {
            if (site.name != e.target) {
                continue;
            }
            // Each rise of the series arrives `delay` quarters later; falls stay where they were.
            std::vector<double> power;
            for (int t = 0; t < T; ++t) {
                power.push_back(std::min(site.availableMw(t), site.availableMw(std::max(0, t - delay))));
            }
            site.powerMw = power;
        }
    } else if (e.kind == "remote_access_licence" && weight >= 0.5) {
        if (m.company.hqCountry != e.target && m.company.parentHqCountry != e.target) {
            return;
        }
        for (auto& rented : m.rented) {
            for (int t = startOf(m, e); t < T; ++t) {
                const std::string& eccn = rented.eccn[static_cast<std::size_t>(t)];
                if (rented.allowed[static_cast<std::size_t>(t)] && !eccn.empty() && eccn != "not_controlled") {
                    rented.allowed[static_cast<std::size_t>(t)] = false;
                    rented.reason[static_cast<std::size_t>(t)] =
                        "remote access needs a licence for a renter headquartered in " + e.target + " from " +
                        e.from.toString() + " (" + eccn + "; uncertain event \"" + e.name + "\")";
                }
            }
        }
    } else if (e.kind == "buyer_licence_required" && weight >= 0.5) {
        if (m.company.hqCountry != e.target && m.company.parentHqCountry != e.target) {
            return;
        }
        blockControlled(
            m, e, [](int) { return true; }, "licence required for a buyer headquartered in " + e.target);
    } else if (e.kind == "country_cap" && weight >= 0.5) {
        capControlled(m, e);
    } else if (e.kind == "licence_required" && weight >= 0.5) {
        blockControlled(
            m, e, [&](int j) { return sc.sites[static_cast<std::size_t>(j)].country == e.target; },
            "licence required for " + e.target);
    }
}

/// The first quarter a new offer of system `name` (as the market names it, in any case) can supply units
/// in `m`, after its part delays and supply shocks; none when no such offer ships within the horizon.
std::optional<int> launchOf(const PlanModel& m, const std::string& name)
{
    std::optional<int> launch;
    for (int o = 0; o < m.offers(); ++o) {
        const Offer& offer = m.scenario.market[static_cast<std::size_t>(o)];
        if (offer.used || !equalsIgnoringCase(offer.system, name)) {
            continue;
        }
        for (int t = 0; t < launch.value_or(m.quarters()); ++t) {
            if (offer.supplyIn(t) > 0) {
                launch = t;
                break;
            }
        }
    }
    return launch;
}

/// Applies every event `weightOf` gives a weight (none: it does not happen in this future). Those
/// following a launch come last, once every part delay has moved the launch; one whose successor does
/// not ship within the horizon changes nothing.
void applyEvents(PlanModel& m, const std::function<std::optional<double>(std::size_t)>& weightOf)
{
    const std::vector<UncertainEvent> events = m.scenario.uncertainty.events;
    for (const bool followsLaunch : {false, true}) {
        for (std::size_t k = 0; k < events.size(); ++k) {
            const std::optional<double> weight = weightOf(k);
            if (!weight || events[k].fromLaunchOf.empty() == followsLaunch) {
                continue;
            }
            UncertainEvent e = events[k];
            if (followsLaunch) {
                const std::optional<int> launch = launchOf(m, e.fromLaunchOf);
                if (!launch) {
                    continue;
                }
                e.from = m.scenario.firstQuarter.plus(*launch);
            }
            apply(m, e, *weight);
        }
    }
}

} // namespace

bool sampled(const Uncertainty& u, int most)
{
    return u.events.size() >= 31 || (1 << u.events.size()) > most;
}

std::vector<Future> futuresOf(const Uncertainty& u, int most, std::uint32_t seed)
{
    const std::size_t n = u.events.size();
    std::vector<Future> futures;
    if (!sampled(u, most)) {
        for (unsigned mask = 0; mask < (1u << n); ++mask) {
            Future f{std::vector<bool>(n), 1.0};
            for (std::size_t e = 0; e < n; ++e) {
                f.happened[e] = (mask >> e & 1u) != 0;
                f.probability *= f.happened[e] ? u.events[e].probability : 1.0 - u.events[e].probability;
            }
            if (f.probability > 0.0) {
                futures.push_back(f);
            }
        }
        return futures;
    }
    return drawFutures(u, most, seed);
}

std::vector<Future> drawFutures(const Uncertainty& u, int draws, std::uint32_t seed)
{
    const std::size_t n = u.events.size();
    std::vector<Future> futures;
    std::mt19937 random(seed);
    std::map<std::vector<bool>, std::size_t> seen;
    for (int k = 0; k < draws; ++k) {
        std::vector<bool> happened(n);
        for (std::size_t e = 0; e < n; ++e) {
            const double u01 = (static_cast<double>(random()) + 0.5) / 4294967296.0; // in (0, 1)
            happened[e] = u01 < u.events[e].probability;
        }
        const auto [it, inserted] = seen.emplace(happened, futures.size());
        if (inserted) {
            futures.push_back({happened, 0.0});
        }
        futures[it->second].probability += 1.0 / draws;
    }
    return futures;
}

std::string futureName(const Uncertainty& u, const Future& future)
{
    std::string name;
    for (std::size_t e = 0; e < u.events.size(); ++e) {
        if (future.happened[e]) {
            name += (name.empty() ? "" : " + ") + u.events[e].name;
        }
    }
    return name.empty() ? noEventFuture : name;
}

PlanModel futureModel(const PlanModel& base, const Future& future)
{
    PlanModel m = base;
    applyEvents(m, [&](std::size_t e) { return future.happened[e] ? std::optional<double>(1.0) : std::nullopt; });
    return m;
}

PlanModel expectedValueModel(const PlanModel& base)
{
    PlanModel m = base;
    applyEvents(m,
                [&](std::size_t e) { return std::optional<double>(base.scenario.uncertainty.events[e].probability); });
    return m;
}

} // namespace fw::core::plan
