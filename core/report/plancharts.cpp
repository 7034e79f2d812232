// SPDX-License-Identifier: Apache-2.0
#include "core/report/plancharts.h"

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
    LineChart chart{"Sustained training capacity against demand (dashed)",
                    "PFLOP/s",
                    quarterLabels(e),
                    {{"allocated to training", {}, false}, {"demand", {}, true}}};
    for (const auto& q : e.quarters) {
        chart.series[0].values.push_back(q.trainingPflops);
        chart.series[1].values.push_back(q.trainingDemandPflops);
    }
    return chart;
}

LineChart inferenceChart(const plan::Evaluation& e)
{
    LineChart chart{"Inference capacity against demand (dashed)",
                    "million tokens/s",
                    quarterLabels(e),
                    {{"allocated to inference", {}, false}, {"demand", {}, true}}};
    for (const auto& q : e.quarters) {
        chart.series[0].values.push_back(q.inferenceTokensPerSecond / 1e6);
        chart.series[1].values.push_back(q.inferenceDemandTokensPerSecond / 1e6);
    }
    return chart;
}

LineChart powerChart(const plan::Scenario& scenario, const plan::Evaluation& e)
{
    LineChart chart{"Facility power used per site (available dashed)", "MW", quarterLabels(e), {}};
    for (std::size_t j = 0; j < scenario.sites.size(); ++j) {
        LineSeries used{scenario.sites[j].name, {}, false};
        LineSeries available{scenario.sites[j].name + " available", {}, true};
        for (const auto& q : e.quarters) {
            used.values.push_back(q.powerMw[j]);
            available.values.push_back(q.powerAvailableMw[j]);
        }
        chart.series.push_back(std::move(used));
        chart.series.push_back(std::move(available));
    }
    return chart;
}

LineChart spendChart(const plan::Evaluation& e)
{
    LineChart chart{"Capex by quarter", "million USD", quarterLabels(e), {{"capex", {}, false}}};
    for (const auto& q : e.quarters) {
        chart.series[0].values.push_back(q.capexUsd / 1e6);
    }
    return chart;
}

} // namespace fw::core::report
