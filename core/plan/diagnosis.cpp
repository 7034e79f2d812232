// SPDX-License-Identifier: Apache-2.0
#include "core/plan/diagnosis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "core/numbertext.h"
#include "core/plan/evaluator.h"

namespace fw::core::plan {
namespace {

std::string quarterName(const PlanModel& m, int t)
{
    return m.scenario.firstQuarter.plus(t).toString();
}

std::string quoted(const std::string& name)
{
    return "“" + name + "”";
}

std::string figure(double value, int decimals = 0)
{
    return groupedNumber(value, decimals);
}

std::string percent(double share)
{
    return figure(share * 100.0, 0) + " %";
}

/// `value` rounded up to two significant digits (a budget of 1,234,567 USD short asks for 1,300,000
/// more), so a proposed change is a number a planner would type.
double roundUp(double value)
{
    if (value <= 0.0) {
        return 0.0;
    }
    const double step = std::pow(10.0, std::floor(std::log10(value)) - 1.0);
    return std::ceil(value / step - 1e-9) * step;
}

/// Power as people read it: "13 kW" below a megawatt, "2.4 MW" from one up.
std::string powerText(double mw)
{
    return mw < 1.0 ? figure(mw * 1000.0, mw < 0.01 ? 1 : 0) + " kW" : figure(mw, 1) + " MW";
}

/// The series `values` spelled out over the horizon (its last value repeats), so one quarter can change.
template <typename Value>
std::vector<Value> spelledOut(const std::vector<Value>& values, int quarters)
{
    std::vector<Value> spelled;
    for (int t = 0; t < quarters; ++t) {
        spelled.push_back(values.empty() ? Value{}
                                         : values[static_cast<std::size_t>(std::min<int>(t, values.size() - 1))]);
    }
    return spelled;
}

/// The scenario's demand spelled out to the horizon, so one quarter can change.
std::vector<QuarterDemand> spelledDemand(const Scenario& s)
{
    std::vector<QuarterDemand> spelled;
    for (int t = 0; t < s.quarters; ++t) {
        spelled.push_back(s.demandIn(t));
    }
    return spelled;
}

Cause vendorShareCause(const PlanModel& m, const std::vector<BrokenLimit>& broken, const Plan& relaxed)
{
    const double cap = m.scenario.policy.maxVendorShare;
    const Evaluation e = evaluate(m, relaxed);
    double needed = cap;
    std::string vendor;
    int worst = 0;
    std::set<int> quarters;
    for (const auto& b : broken) {
        quarters.insert(b.quarter);
        for (const auto& [name, share] : e.quarters[static_cast<std::size_t>(b.quarter)].vendorShares) {
            if (name == b.name && share > needed) {
                needed = share;
                vendor = name;
                worst = b.quarter;
            }
        }
    }
    needed = std::min(1.0, std::ceil(needed * 100.0 - 1e-6) / 100.0);
    if (vendor.empty()) {
        vendor = broken.front().name;
        worst = broken.front().quarter;
    }
    // The installed fleet alone: does it already break the cap before anything bought arrives?
    double vendorPeak = 0.0;
    double totalPeak = 0.0;
    for (std::size_t s = 0; s < m.systems.size(); ++s) {
        for (std::size_t j = 0; j < m.scenario.sites.size(); ++j) {
            totalPeak += m.base[s][j] * m.systems[s].peakPflops;
            vendorPeak += m.systems[s].vendor == vendor ? m.base[s][j] * m.systems[s].peakPflops : 0.0;
        }
    }
    Cause c;
    c.limit = Limit::VendorShare;
    c.cause = "The vendor cap of " + percent(cap) + " of the dense peak cannot hold in " + quarterList(m, quarters) +
              ": " + vendor + " has at least " + percent(needed) + " of it in " + quarterName(m, worst);
    if (totalPeak > 0.0 && vendorPeak / totalPeak > cap + 1e-9) {
        // The first quarter a system of another vendor could serve in: bought at once, after its lead.
        int earliest = m.quarters();
        for (int o = 0; o < m.offers(); ++o) {
            if (m.systems[static_cast<std::size_t>(o)].vendor != vendor) {
                earliest = std::min(earliest, m.scenario.market[static_cast<std::size_t>(o)].leadQuarters);
            }
        }
        c.cause += ", because the installed fleet is " + percent(vendorPeak / totalPeak) + " " + vendor +
                   (earliest >= m.quarters() ? " and no other vendor is on offer"
                    : earliest > 0 ? " and nothing from another vendor arrives before " + quarterName(m, earliest)
                                   : " and the other vendors' offers cannot dilute it within supply, power and "
                                     "budgets");
    }
    c.cause += ".";
    c.change = "Raise the largest vendor share from " + percent(cap) + " to " + percent(needed) + ".";
    c.relativeChange = (needed - cap) / cap;
    c.changed = m.scenario;
    c.changed->policy.maxVendorShare = needed;
    return c;
}

Cause vendorCountCause(const PlanModel& m, const std::vector<BrokenLimit>& broken)
{
    const auto& policy = m.scenario.policy;
    double most = 0.0;
    std::set<int> quarters;
    for (const auto& b : broken) {
        most = std::max(most, b.amount);
        quarters.insert(b.quarter);
    }
    const int vendors = std::max(1, policy.minVendors - static_cast<int>(std::ceil(most - 1e-6)));
    Cause c;
    c.limit = Limit::VendorCount;
    c.cause = "Only " + std::to_string(vendors) + (vendors == 1 ? " vendor" : " vendors") + " can each hold " +
              percent(policy.minVendorShare) + " of the dense peak in " + quarterList(m, quarters) + ", not " +
              std::to_string(policy.minVendors) + ": the market, power and rules leave no room for more.";
    c.change = "Lower the minimum number of vendors from " + std::to_string(policy.minVendors) + " to " +
               std::to_string(vendors) + ".";
    c.relativeChange = static_cast<double>(policy.minVendors - vendors) / policy.minVendors;
    c.changed = m.scenario;
    c.changed->policy.minVendors = vendors;
    return c;
}

Cause budgetCause(const PlanModel& m, Limit limit, const std::vector<BrokenLimit>& broken)
{
    const auto& policy = m.scenario.policy;
    const bool perQuarter = limit == Limit::QuarterBudget;
    const double budget = perQuarter ? policy.budgetUsdPerQuarter.value_or(0.0) : policy.budgetUsdTotal.value_or(0.0);
    double most = 0.0;
    std::set<int> quarters;
    for (const auto& b : broken) {
        most = std::max(most, b.amount);
        if (b.quarter >= 0) {
            quarters.insert(b.quarter);
        }
    }
    const double raised = budget + roundUp(most);
    Cause c;
    c.limit = limit;
    c.cause = perQuarter ? "The budget of " + figure(budget) + " USD a quarter is too small in " +
                               quarterList(m, quarters) + ": demand needs up to " + figure(most) + " USD more."
                         : "The total budget of " + figure(budget) + " USD is too small: demand needs " + figure(most) +
                               " USD more.";
    c.change = std::string(perQuarter ? "Raise the budget per quarter" : "Raise the total budget") + " from " +
               figure(budget) + " to " + figure(raised) + " USD.";
    c.relativeChange = budget > 0.0 ? (raised - budget) / budget : std::numeric_limits<double>::infinity();
    c.changed = m.scenario;
    (perQuarter ? c.changed->policy.budgetUsdPerQuarter : c.changed->policy.budgetUsdTotal) = raised;
    return c;
}

/// Power or rack positions: the most that is short at one site, added to that site in the quarters short.
Cause siteCause(const PlanModel& m, Limit limit, const std::vector<BrokenLimit>& broken)
{
    const bool power = limit == Limit::SitePower;
    // The site short by the most, relative to what it has.
    std::map<int, std::map<int, double>> shortBy; // site → quarter → MW or racks
    for (const auto& b : broken) {
        shortBy[b.site][b.quarter] += power ? b.amount / 1000.0 : b.amount;
    }
    Cause c;
    c.limit = limit;
    c.changed = m.scenario;
    std::string causes;
    std::string changes;
    for (const auto& [j, quarters] : shortBy) {
        Site& site = c.changed->sites[static_cast<std::size_t>(j)];
        const Site& before = m.scenario.sites[static_cast<std::size_t>(j)];
        double most = 0.0;
        int worst = quarters.begin()->first;
        std::set<int> when;
        for (const auto& [t, amount] : quarters) {
            when.insert(t);
            if (amount > most) {
                most = amount;
                worst = t;
            }
        }
        double relative = 0.0;
        if (power) {
            site.powerMw = spelledOut(before.powerMw, m.quarters());
            for (const auto& [t, mw] : quarters) {
                site.powerMw[static_cast<std::size_t>(t)] += roundUp(mw);
            }
            const double had = before.availableMw(worst);
            relative = had > 0.0 ? most / had : 1.0 + most;
            causes += (causes.empty() ? "" : " ") + quoted(before.name) + " lacks up to " + powerText(most) +
                      " of power in " + quarterList(m, when) + " (" + powerText(had) + " available in " +
                      quarterName(m, worst) + ").";
            changes += (changes.empty() ? "" : " ") + std::string("Add ") + powerText(roundUp(most)) + " at " +
                       quoted(before.name) + " in " + quarterList(m, when) + ".";
        } else {
            const int more = static_cast<int>(std::ceil(most - 1e-6));
            site.racks = before.racks.value_or(0) + more;
            relative = static_cast<double>(more) / std::max(1, before.racks.value_or(0));
            causes += (causes.empty() ? "" : " ") + quoted(before.name) + " lacks up to " + std::to_string(more) +
                      " rack positions in " + quarterList(m, when) + ".";
            changes += (changes.empty() ? "" : " ") + std::string("Give ") + quoted(before.name) + " " +
                       std::to_string(before.racks.value_or(0) + more) + " rack positions instead of " +
                       std::to_string(before.racks.value_or(0)) + ".";
        }
        c.relativeChange = std::max(c.relativeChange, relative);
    }
    c.cause = causes;
    c.change = changes;
    return c;
}

bool anythingAllowed(const PlanModel& m)
{
    const auto& cells = m.allowed.cells();
    if (std::find(cells.begin(), cells.end(), true) != cells.end()) {
        return true;
    }
    return false;
}

Cause demandCause(const PlanModel& m, Limit limit, const std::vector<BrokenLimit>& broken)
{
    const Scenario& s = m.scenario;
    const double need = 1.0 + s.policy.headroom;
    Cause c;
    c.limit = limit;
    c.changed = m.scenario;
    c.changed->demand = spelledDemand(s);
    std::map<int, std::map<int, double>> shortBy; // class (−1: training) → quarter → short, with headroom
    for (const auto& b : broken) {
        shortBy[b.limit == Limit::TrainingDemand ? -1 : b.index][b.quarter] += b.amount;
    }
    std::string causes;
    std::string changes;
    for (const auto& [k, quarters] : shortBy) {
        const bool training = k < 0;
        const std::string what =
            training ? "training" : "inference of " + quoted(s.inferenceClasses[static_cast<std::size_t>(k)].name);
        const std::string unit = training ? " PFLOP/s" : " tokens/s";
        double worstShare = 0.0;
        int worst = quarters.begin()->first;
        std::set<int> when;
        std::vector<std::pair<int, double>> kept; // quarter, the demand it can keep
        for (const auto& [t, shortfall] : quarters) {
            when.insert(t);
            auto& d = c.changed->demand[static_cast<std::size_t>(t)];
            const double asked = training ? d.trainingPflops : d.inference(k);
            const double most = std::max(0.0, asked - shortfall / need);
            const double share = asked > 0.0 ? (asked - most) / asked : 1.0;
            if (share > worstShare) {
                worstShare = share;
                worst = t;
            }
            // Rounded down to three significant digits, so the lowered demand still fits.
            const double step = most > 0.0 ? std::pow(10.0, std::floor(std::log10(most)) - 2.0) : 1.0;
            const double keep = std::floor(most / step + 1e-9) * step;
            if (training) {
                d.trainingPflops = keep;
            } else {
                d.inferenceTokensPerSecond.resize(
                    std::max(d.inferenceTokensPerSecond.size(), static_cast<std::size_t>(k) + 1), 0.0);
                d.inferenceTokensPerSecond[static_cast<std::size_t>(k)] = keep;
            }
            kept.emplace_back(t, keep);
        }
        // "12 PFLOP/s in 2027Q2", "0 PFLOP/s in 2027Q1–2027Q4": runs of quarters with one value.
        std::string lowered;
        for (std::size_t i = 0; i < kept.size();) {
            std::size_t j = i;
            while (j + 1 < kept.size() && kept[j + 1].first == kept[j].first + 1 &&
                   kept[j + 1].second == kept[i].second) {
                ++j;
            }
            lowered += (lowered.empty() ? "" : ", ") +
                       figure(kept[i].second, kept[i].second > 0.0 && kept[i].second < 10.0 ? 1 : 0) + unit + " in " +
                       quarterName(m, kept[i].first) + (j > i ? "–" + quarterName(m, kept[j].first) : std::string());
            i = j + 1;
        }
        const auto& d = s.demandIn(worst);
        const double asked = training ? d.trainingPflops : d.inference(k);
        causes +=
            (causes.empty() ? "" : " ") + std::string("The fleet cannot serve all the ") + what + " asked in " +
            quarterList(m, when) + ": in " + quarterName(m, worst) + " up to " + percent(worstShare) + " of the " +
            figure(asked) + unit +
            (s.policy.headroom > 0.0 ? " (plus the " + percent(s.policy.headroom) + " headroom)" : std::string()) +
            " is out of reach of what the market, power and policy allow.";
        changes += (changes.empty() ? "" : " ") + std::string("Lower the ") + what + " demand to " + lowered + ".";
        c.relativeChange = std::max(c.relativeChange, worstShare);
    }
    if (!anythingAllowed(m) && !m.reason.empty()) {
        // Nothing may be bought at all: that leads, the shortfall follows from it.
        causes = "No offer may be bought for any site in any quarter (" + m.reason(0, 0, 0) + "). " + causes;
    }
    c.cause = causes;
    c.change = changes;
    return c;
}

Cause exportCapCause(const std::vector<BrokenLimit>& broken, const PlanModel& m)
{
    Cause c;
    c.limit = Limit::ExportCap;
    double share = 0.0;
    for (const auto& b : broken) {
        double limitTpp = 0.0;
        for (const auto& shares : m.capShares.cells()) {
            for (const auto& cap : shares) {
                limitTpp = cap.cap == b.name ? cap.limitTpp : limitTpp;
            }
        }
        c.cause += (c.cause.empty() ? "" : " ") + std::string("The export-control cap ") + b.name + " allows " +
                   figure(limitTpp / 1e6, 2) + " million TPP; the plan would need " + figure(b.amount / 1e6, 2) +
                   " million more.";
        share = std::max(share, limitTpp > 0.0 ? b.amount / limitTpp : 1.0);
    }
    c.change = "No scenario field moves the cap (it is the rules'): buy for sites in other countries, or count on "
               "licences (licence appetite, Policy page).";
    c.relativeChange = share;
    return c;
}

Cause namedRunCause(const PlanModel& m, const std::vector<BrokenLimit>& broken)
{
    const Scenario& s = m.scenario;
    double most = 0.0;
    int worst = broken.front().quarter;
    std::set<int> quarters;
    for (const auto& b : broken) {
        quarters.insert(b.quarter);
        if (b.amount > most) {
            most = b.amount;
            worst = b.quarter;
        }
    }
    Cause c;
    c.limit = Limit::NamedRuns;
    const int accelerators = static_cast<int>(std::ceil(most - 1e-6));
    c.cause = "The named training runs need up to " + figure(accelerators) + " more accelerators at one site in " +
              quarterList(m, quarters) + " than any site can hold then.";
    // The biggest run stated in accelerators in the worst quarter gets smaller by what is short (a
    // run stated as work is as big as its work and deadline make it on each family).
    int biggest = -1;
    for (int r = 0; r < static_cast<int>(s.trainingRuns.size()); ++r) {
        const auto& run = s.trainingRuns[static_cast<std::size_t>(r)];
        const bool runs = !run.statedAsWork() && run.firstQuarter(s.firstQuarter) <= worst &&
                          worst <= run.lastQuarter(s.firstQuarter, m.quarters());
        if (runs &&
            (biggest < 0 || run.accelerators > s.trainingRuns[static_cast<std::size_t>(biggest)].accelerators)) {
            biggest = r;
        }
    }
    if (biggest >= 0 && s.trainingRuns[static_cast<std::size_t>(biggest)].accelerators > accelerators) {
        const auto& run = s.trainingRuns[static_cast<std::size_t>(biggest)];
        c.change = "Shrink the run " + quoted(run.name) + " from " + figure(run.accelerators) + " to " +
                   figure(run.accelerators - accelerators) + " accelerators.";
        c.relativeChange = static_cast<double>(accelerators) / run.accelerators;
        c.changed = s;
        c.changed->trainingRuns[static_cast<std::size_t>(biggest)].accelerators = run.accelerators - accelerators;
    } else {
        c.change = "Give a site more power and rack positions for the run, or drop it.";
        c.relativeChange = 1.0;
    }
    return c;
}

/// The largest training job of a quarter fits in no one cluster: the relaxed MILP's shortfall on the
/// cluster it chose (PFLOP/s), or a whole job where nothing could train it.
Cause largestJobCause(const PlanModel& m, const std::vector<BrokenLimit>& broken)
{
    const Scenario& s = m.scenario;
    Cause c;
    c.limit = Limit::LargestJob;
    c.changed = s;
    c.changed->demand = spelledDemand(s);
    std::map<int, double> shortBy; // quarter → PFLOP/s the job lacks in its best cluster
    for (const auto& b : broken) {
        const double job = s.demandIn(b.quarter).largestTrainingJobPflops;
        const bool whole = b.site < 0 && b.index < 0; // the row that picks a cluster: nothing can hold it
        shortBy[b.quarter] = std::max(shortBy[b.quarter], whole ? job : b.amount);
    }
    std::set<int> quarters;
    double most = 0.0;
    for (const auto& [t, shortfall] : shortBy) {
        quarters.insert(t);
        auto& d = c.changed->demand[static_cast<std::size_t>(t)];
        const double share = shortfall / d.largestTrainingJobPflops;
        most = std::max(most, shortfall);
        c.relativeChange = std::max(c.relativeChange, share);
        // Rounded down to three significant digits, so the smaller job fits.
        const double keep = std::max(0.0, d.largestTrainingJobPflops - shortfall);
        const double step = keep > 0.0 ? std::pow(10.0, std::floor(std::log10(keep)) - 2.0) : 1.0;
        d.largestTrainingJobPflops = std::floor(keep / step + 1e-9) * step;
    }
    c.cause = "The largest training job needs up to " + figure(most, most < 10.0 ? 1 : 0) +
              " PFLOP/s more than any one cluster (one system family at one site) or cloud offer can hold in " +
              quarterList(m, quarters) + ".";
    c.change = "Make the largest training job smaller by that in " + quarterList(m, quarters) +
               " (split it, or leave it to the forecast demand), or give one site more power and rack positions.";
    return c;
}

} // namespace

std::string quarterList(const PlanModel& m, std::set<int> quarters)
{
    std::vector<int> q(quarters.begin(), quarters.end());
    if (q.empty()) {
        return "the horizon";
    }
    if (q.back() - q.front() + 1 == static_cast<int>(q.size())) {
        return q.size() == 1 ? quarterName(m, q.front()) : quarterName(m, q.front()) + "–" + quarterName(m, q.back());
    }
    std::string text;
    for (std::size_t i = 0; i < q.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == q.size() ? " and " : ", ") + quarterName(m, q[i]);
    }
    return text;
}

std::string limitName(Limit limit)
{
    switch (limit) {
    case Limit::TrainingDemand: return "training demand";
    case Limit::InferenceDemand: return "inference demand";
    case Limit::SitePower: return "site power";
    case Limit::RackPositions: return "rack positions";
    case Limit::QuarterBudget: return "budget per quarter";
    case Limit::TotalBudget: return "total budget";
    case Limit::VendorShare: return "largest vendor share";
    case Limit::VendorCount: return "minimum number of vendors";
    case Limit::ExportCap: return "export-control cap";
    case Limit::NamedRuns: return "named training runs";
    case Limit::LargestJob: return "largest training job";
    }
    return "limit";
}

std::optional<Cause> explainLimit(const PlanModel& m, Limit limit, const std::vector<BrokenLimit>& broken,
                                  const Plan& relaxed)
{
    if (broken.empty()) {
        return std::nullopt;
    }
    switch (limit) {
    case Limit::VendorShare: return vendorShareCause(m, broken, relaxed);
    case Limit::VendorCount: return vendorCountCause(m, broken);
    case Limit::QuarterBudget:
    case Limit::TotalBudget: return budgetCause(m, limit, broken);
    case Limit::SitePower:
    case Limit::RackPositions: return siteCause(m, limit, broken);
    case Limit::TrainingDemand:
    case Limit::InferenceDemand: return demandCause(m, limit, broken);
    case Limit::ExportCap: return exportCapCause(broken, m);
    case Limit::NamedRuns: return namedRunCause(m, broken);
    case Limit::LargestJob: return largestJobCause(m, broken);
    }
    return std::nullopt;
}

} // namespace fw::core::plan
