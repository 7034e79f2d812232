// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "core/report/reportmodel.h"
#include "ui/jobs/riskrun.h"

namespace fw::ui {

/// What File → Export Report… and Preview Report… make: the report of one scenario (or, with
/// `scenario` −1, the catalog report), from the plan on screen when there is a current one.
struct ReportRequest {
    int scenario = 0;               ///< index into the fleet's scenarios; −1: the catalog report
    bool sensitivity = true;        ///< re-plan six variants for the sensitivity section
    double timeLimitSeconds = 60.0; ///< for each plan solved
    std::string fileName;           ///< shown on the cover
    std::string fileBytes;          ///< the fleet file's content, for the fingerprint
    std::string date;               ///< ISO 8601
    /// The Risk page's figures of that scenario's plan, when current: the report's risk section.
    std::shared_ptr<const RiskRun> risk;
};

/// The report `request` asks for. `shown` is the plan of that scenario on screen, used as it is when
/// given (no solve); without it the plan `request.risk` assessed, else the scenario is planned first.
/// The risk section is in the report when `request.risk` assessed the plan reported. Errors in the inputs throw
/// fw::core::Error. Blocking and pure: for a worker thread with its own copies of the inputs.
core::report::ReportModel buildReport(const core::Fleet& fleet, const ReportRequest& request,
                                      std::shared_ptr<const PlanRun> shown);

} // namespace fw::ui
