// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/reportjob.h"

#include "core/error.h"
#include "core/fingerprint.h"
#include "core/report/planreport.h"
#include "core/workload/assumptions.h"

namespace fw::ui {

core::report::ReportModel buildReport(const core::Fleet& fleet, const ReportRequest& request,
                                      std::shared_ptr<const PlanRun> shown)
{
    if (request.scenario < 0 || fleet.scenarios.empty()) {
        return core::report::buildCatalogReport(fleet, request.fileName, request.date);
    }
    const auto& scenario = fleet.scenarios.at(static_cast<std::size_t>(request.scenario));
    const auto rules = core::compliance::RuleLibrary::loadShipped();
    const auto assumptions = core::workload::shippedModelAssumptions();
    core::plan::OptimizerOptions options;
    options.timeLimitSeconds = request.timeLimitSeconds;
    if (!shown && request.risk) {
        shown = request.risk->plan;
    }
    if (!shown) {
        shown = planScenario(fleet, scenario, rules, options);
    }
    if (!shown->error.empty()) {
        throw core::ValidationError(shown->error);
    }
    core::report::PlanReportInputs inputs;
    inputs.fleet = &fleet;
    inputs.model = shown->model.get();
    inputs.plan = &shown->plan;
    inputs.evaluation = &shown->evaluation;
    inputs.shadowPrices = shown->shadowPrices;
    if (request.sensitivity && shown->plan.status != core::plan::PlanStatus::Infeasible) {
        inputs.sensitivity =
            core::report::sensitivityOf(fleet, *shown->model, shown->plan, rules, assumptions, options);
    }
    if (request.risk && request.risk->plan == shown) {
        inputs.risk = &request.risk->risk;
        inputs.robust = request.risk->robust ? &*request.risk->robust : nullptr;
    }
    inputs.rules = &rules;
    inputs.assumptions = &assumptions;
    inputs.fileName = request.fileName;
    inputs.fileChecksum = core::fingerprint(request.fileBytes);
    inputs.date = request.date;
    return core::report::buildPlanReport(inputs);
}

} // namespace fw::ui
