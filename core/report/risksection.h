// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/plan/stochastic.h"
#include "core/report/reportmodel.h"

namespace fw::core::report {

/// The distribution of `risk`'s NPV cost over its futures with a plan, as columns of probability
/// (%) over `bins` equal cost ranges from the least to the greatest cost (million USD, each labelled
/// by its range; the title names the unit); one column when every future costs the same. No futures with a plan: no
/// columns.
BarChart riskHistogram(const plan::RiskReport& risk, int bins = 12);

/// The figures of `risk`: the futures, expected NPV cost, 5th, 50th and 95th percentile, CVaR,
/// unserved demand and stranded units, the probability of no plan. Rows: figure, value.
ReportTable riskFiguresTable(const plan::RiskReport& risk);

/// The events of `scenario`'s uncertainty: name, what changes when it happens ("new NVIDIA prices × 0.8"),
/// from when (a quarter, the launch it follows, or the whole horizon) and probability.
ReportTable uncertainEventsTable(const plan::Scenario& scenario);

/// Every future of `risk`, most costly first: events that happened, probability, NPV cost, of it
/// unserved, stranded units, units bought later (the section's notes say what each means).
ReportTable riskFuturesTable(const plan::RiskReport& risk);

/// RP, WS, EEV, VSS = EEV − RP, EVPI = RP − WS and the extensive form's bounds.
ReportTable robustFiguresTable(const plan::RobustReport& robust);

/// What the robust plan's first stage decides against `deterministic` (the plan's own first year), per
/// system and site (units) and per site's power build-out (MW): each and the difference; only rows that differ.
ReportTable hedgeTable(const plan::PlanModel& model, const plan::FirstStage& deterministic,
                       const plan::RobustReport& robust);

/// The robust plan's first year against the plan's (`risk.frozen`), each re-planned in the same futures: NPV cost
/// in expectation, in the future with no event (the one the plan was made for: the hedge's premium) and in the
/// plan's costliest future; each, and robust − plan. No rows unless both were assessed over the same futures
/// (by name, in order) and have a plan in each.
ReportTable insuranceTable(const plan::RiskReport& risk, const plan::RobustReport& robust);

/// What insuranceTable's rows mean, and why when the robust plan costs more in expectation than the plan's own first
/// year: under mean–CVaR it pays for cheaper costly futures; under expected cost it was stopped short of the
/// optimum (without RobustOptions::planFirstStage, or by a time limit's noise), and the plan's is the one to keep.
std::string insuranceText(const plan::RiskReport& risk, const plan::RobustReport& robust);

/// The report's risk section: how the plan fares across the futures of the scenario's uncertainty
/// (distribution, CVaR) and, when `robust` is given, the stochastic plan's figures and the decisions
/// that hedge. The same tables the GUI's Risk page shows.
ReportSection riskSection(const plan::PlanModel& model, const plan::RiskReport& risk, const plan::RobustReport* robust);

} // namespace fw::core::report
