// SPDX-License-Identifier: Apache-2.0
#include "core/report/riskfans.h"

#include <algorithm>

namespace fw::core::report {
namespace {

plan::Percentiles scaled(plan::Percentiles p, double divisor)
{
    for (auto* series : {&p.p5, &p.p25, &p.p50, &p.p75, &p.p95}) {
        for (double& v : *series) {
            v /= divisor;
        }
    }
    return p;
}

/// A site's power fan that is zero throughout: the 95th percentile is the greatest it shows.
bool idle(const plan::Fan& fan)
{
    return fan.measure == plan::FanMeasure::Power &&
           std::all_of(fan.value.p95.begin(), fan.value.p95.end(), [](double mw) { return mw == 0.0; });
}

} // namespace

FanChart riskFanChart(const plan::PlanModel& model, const plan::Fan& fan)
{
    FanChart chart;
    for (int t = 0; t < model.quarters(); ++t) {
        chart.categories.push_back(model.scenario.firstQuarter.plus(t).toString().substr(2));
    }
    chart.value = fan.value;
    chart.reference = fan.bound;
    chart.colour = fan.index;
    switch (fan.measure) {
    case plan::FanMeasure::Training:
        chart.title = "Training capacity allocated vs demand across the futures";
        chart.yAxisTitle = "PFLOP/s";
        chart.valueName = "allocated";
        chart.referenceName = "demand";
        break;
    case plan::FanMeasure::Inference:
        chart.title = "Inference capacity allocated vs demand across the futures: " + fan.name;
        chart.yAxisTitle = "million tokens/s";
        chart.valueName = "allocated";
        chart.referenceName = "demand";
        chart.value = scaled(fan.value, 1e6);
        chart.reference = scaled(fan.bound, 1e6);
        break;
    case plan::FanMeasure::Power:
        chart.title = "Facility power drawn vs available across the futures: " + fan.name;
        chart.yAxisTitle = "MW";
        chart.valueName = "drawn";
        chart.referenceName = "available";
        break;
    }
    return chart;
}

std::vector<FanChart> riskFanCharts(const plan::PlanModel& model, const plan::RiskReport& risk)
{
    std::vector<FanChart> charts;
    for (const auto& fan : risk.fans) {
        if (!idle(fan)) {
            charts.push_back(riskFanChart(model, fan));
        }
    }
    return charts;
}

std::vector<std::string> idleSites(const plan::RiskReport& risk)
{
    std::vector<std::string> sites;
    for (const auto& fan : risk.fans) {
        if (idle(fan)) {
            sites.push_back(fan.name);
        }
    }
    return sites;
}

} // namespace fw::core::report
