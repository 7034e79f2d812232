// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/compliance/rulelibrary.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/stochastic.h"
#include "core/report/reportmodel.h"
#include "core/workload/assumptions.h"

namespace fw::core::report {

/// The plan re-solved with one input changed: what changed, and the NPV cost (none: no plan).
struct SensitivityVariant {
    std::string change;
    std::optional<double> costUsd;
    std::string status; ///< plan::statusText of its own solve
};

/// What a plan report is made from: the scenario's model, its plan, the re-check and the marginal
/// values, plus the file it came from.
struct PlanReportInputs {
    const Fleet* fleet = nullptr;
    const plan::PlanModel* model = nullptr;
    const plan::Plan* plan = nullptr;
    const plan::Evaluation* evaluation = nullptr;
    std::vector<plan::ShadowPrice> shadowPrices;
    /// Re-solved variants (sensitivityOf); none: the report has no sensitivity section.
    std::vector<SensitivityVariant> sensitivity;
    /// The plan's risk across the futures of the scenario's uncertainty, and the stochastic plan
    /// (assessRisk, robustPlan; not owned); none: the report has no risk section.
    const plan::RiskReport* risk = nullptr;
    const plan::RobustReport* robust = nullptr;
    const compliance::RuleLibrary* rules = nullptr;
    const workload::ModelAssumptions* assumptions = nullptr;
    std::string fileName;
    std::string fileChecksum; ///< of the fleet file's bytes
    std::string date;
};

/// The plan report: cover facts; executive summary (cost, capacity against demand, the decisions
/// that matter and why); purchase schedule with totals; capacity and power by quarter; export-control
/// treatment of every purchase with citations; the risk across the futures when given; assumptions and the source of
/// every catalog record used; the catalog's accelerators as an appendix. An infeasible plan says so and gives the
/// diagnosis instead of a schedule. Pure; thread-safe.
ReportModel buildPlanReport(const PlanReportInputs& inputs);

/// The cost of the plan in parts, as the report and the GUI show it: capex, energy and maintenance
/// add up to the gross cost (the shares are of it); residual value and resales are credits against
/// it, and the net cost is the plan's NPV. Rows: part, NPV USD, share of the gross cost.
ReportTable costBreakdownTable(const plan::Evaluation& evaluation);

/// Six variants of `model`'s scenario planned again (electricity price, system prices and contracted
/// demand each 20 % lower and higher), each started from `base` (the scenario's plan) where it is
/// still valid, for the sensitivity section. Blocking: six solves with `options`; a cancel in
/// `options` ends them early with the variants done so far.
std::vector<SensitivityVariant> sensitivityOf(const Fleet& fleet, const plan::PlanModel& model, const plan::Plan& base,
                                              const compliance::RuleLibrary& rules,
                                              const workload::ModelAssumptions& assumptions,
                                              const plan::OptimizerOptions& options);

/// What planAndReport adds for the risk section, as the GUI's Risk page does: the plan's first year
/// frozen across the futures of the scenario's uncertainty and, with `robust`, the stochastic plan
/// beside it (its figures and the decisions that hedge).
struct ReportRisk {
    plan::FutureOptions futures; ///< how many futures and their seed; its optimizer options are planAndReport's
    double alpha = 0.95;         ///< CVaR level
    std::optional<plan::RobustMethod> robust; ///< none: the plan's risk alone
};

/// Plans `scenario` of `fleet` (CBC with `options`) and builds its report with the sensitivity
/// section and, with `risk`, the risk section (a feasible plan only): what the CLI does. `fileBytes`
/// is the fleet file's content, for the fingerprint. Blocking. ValidationError when `risk` is given
/// and the scenario has no uncertainty, or an event that does not apply to it.
ReportModel planAndReport(const Fleet& fleet, const plan::Scenario& scenario, const compliance::RuleLibrary& rules,
                          const workload::ModelAssumptions& assumptions, const plan::OptimizerOptions& options,
                          const std::string& fileName, const std::string& fileBytes, const std::string& date,
                          const ReportRisk* risk = nullptr);

} // namespace fw::core::report
