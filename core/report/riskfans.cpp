// SPDX-License-Identifier: Apache-2.0
#include "core/report/riskfans.h"

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
        chart.title = "Training capacity vs demand across the futures";
        chart.yAxisTitle = "PFLOP/s";
        chart.valueName = "allocated to training";
        chart.referenceName = "demand";
        break;
    case plan::FanMeasure::Inference:
        chart.title = "Inference capacity vs demand across the futures: " + fan.name;
        chart.yAxisTitle = "million tokens/s";
        chart.valueName = "allocated to " + fan.name;
        chart.referenceName = "demand";
        chart.value = scaled(fan.value, 1e6);
        chart.reference = scaled(fan.bound, 1e6);
        break;
    case plan::FanMeasure::Power:
        chart.title = "Facility power across the futures: " + fan.name;
        chart.yAxisTitle = "MW";
        chart.valueName = "power drawn";
        chart.referenceName = "available";
        break;
    }
    return chart;
}

std::vector<FanChart> riskFanCharts(const plan::PlanModel& model, const plan::RiskReport& risk)
{
    std::vector<FanChart> charts;
    for (const auto& fan : risk.fans) {
        charts.push_back(riskFanChart(model, fan));
    }
    return charts;
}

} // namespace fw::core::report
