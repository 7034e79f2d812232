// SPDX-License-Identifier: Apache-2.0
#include "core/report/plancharts.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>

namespace fw::core::report {
namespace {

std::vector<std::string> quarterLabels(const plan::Evaluation& e)
{
    std::vector<std::string> labels;
    for (const auto& q : e.quarters) {
        labels.push_back(q.quarter.substr(2));
    }
    return labels;
}

} // namespace

LineChart trainingChart(const plan::Evaluation& e)
{
    LineChart chart{"Training capacity vs demand (dashed)",
                    "PFLOP/s",
                    quarterLabels(e),
                    {{"allocated to training", {}, false}, {"demand", {}, true}}};
    for (const auto& q : e.quarters) {
        chart.series[0].values.push_back(q.trainingPflops);
        chart.series[1].values.push_back(q.trainingDemandPflops);
    }
    return chart;
}

LineChart inferenceChart(const plan::Scenario& scenario, const plan::Evaluation& e)
{
    LineChart chart{"Inference capacity vs demand (dashed)", "million tokens/s", quarterLabels(e), {}};
    const bool one = scenario.inferenceClasses.size() == 1;
    for (std::size_t c = 0; c < scenario.inferenceClasses.size(); ++c) {
        const std::string& name = scenario.inferenceClasses[c].name;
        const int colour = static_cast<int>(c);
        LineSeries served{one ? "allocated to inference" : name, {}, false, colour};
        LineSeries demand{one ? "demand" : name + " demand", {}, true, colour};
        for (const auto& q : e.quarters) {
            served.values.push_back(q.inferenceTokensPerSecond[c] / 1e6);
            demand.values.push_back(q.inferenceDemandTokensPerSecond[c] / 1e6);
        }
        chart.series.push_back(std::move(served));
        chart.series.push_back(std::move(demand));
    }
    return chart;
}

LineChart powerChart(const plan::Scenario& scenario, const plan::Evaluation& e)
{
    // Beyond seven sites a line each is unreadable: the seven that draw the most power at their
    // peak get their own lines, the rest are summed into one.
    constexpr std::size_t ownLines = 7;
    std::vector<std::size_t> order(scenario.sites.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto peak = [&e](std::size_t j) {
        double most = 0.0;
        for (const auto& q : e.quarters) {
            most = std::max(most, q.powerMw[j]);
        }
        return most;
    };
    if (order.size() > ownLines + 1) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return peak(a) > peak(b); });
    }
    const std::size_t shown = order.size() > ownLines + 1 ? ownLines : order.size();
    LineChart chart{"Facility power used per site (available dashed)", "MW", quarterLabels(e), {}};
    const auto addSite = [&](const std::string& name, const std::vector<std::size_t>& sites) {
        const int colour = static_cast<int>(sites.front());
        LineSeries used{name, {}, false, colour};
        LineSeries available{name + " available", {}, true, colour};
        for (const auto& q : e.quarters) {
            double u = 0.0;
            double a = 0.0;
            for (std::size_t j : sites) {
                u += q.powerMw[j];
                a += q.powerAvailableMw[j];
            }
            used.values.push_back(u);
            available.values.push_back(a);
        }
        chart.series.push_back(std::move(used));
        chart.series.push_back(std::move(available));
    };
    for (std::size_t k = 0; k < shown; ++k) {
        addSite(scenario.sites[order[k]].name, {order[k]});
    }
    if (shown < order.size()) {
        addSite("other " + std::to_string(order.size() - shown) + " sites",
                std::vector<std::size_t>(order.begin() + static_cast<std::ptrdiff_t>(shown), order.end()));
    }
    return chart;
}

int vendorSlot(const plan::PlanModel& m, const std::string& vendor)
{
    std::set<std::string> vendors;
    for (const auto& system : m.systems) {
        vendors.insert(system.vendor);
    }
    return static_cast<int>(std::distance(vendors.begin(), vendors.find(vendor)));
}

BarChart capexByVendorChart(const plan::PlanModel& m, const plan::Plan& plan)
{
    BarChart chart{"Capex per quarter by vendor", "million USD", {}, {}};
    for (int t = 0; t < m.quarters(); ++t) {
        chart.categories.push_back(m.scenario.firstQuarter.plus(t).toString().substr(2));
    }
    std::map<std::string, std::vector<double>> byVendor;
    for (const auto& p : plan.purchases) {
        auto& spend = byVendor[m.systems[static_cast<std::size_t>(p.offer)].vendor];
        spend.resize(chart.categories.size(), 0.0);
        spend[static_cast<std::size_t>(p.quarter)] += p.count * m.price(p.offer, p.quarter) / 1e6;
    }
    for (const auto& [vendor, spend] : byVendor) {
        chart.sets.push_back({vendor, spend, vendorSlot(m, vendor)});
    }
    return chart;
}

} // namespace fw::core::report
