// SPDX-License-Identifier: Apache-2.0
#include "core/report/risksection.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "core/numbertext.h"
#include "core/plan/futures.h"
#include "core/plan/uncertainty.h"
#include "core/report/figuretext.h"
#include "core/report/riskfans.h"

namespace fw::core::report {
namespace {

std::string percent(double share)
{
    return fixed(share * 100.0, 1) + " %";
}

/// A share of demand left unserved: "< 0.1 %" for a sliver, so that it does not read as none; with
/// the demand it is of, when there is one.
std::string unservedText(double share, const std::string& demand = {})
{
    return (share > 0.0 && share < 0.0005 ? "< 0.1 %" : percent(share)) + (demand.empty() ? "" : " of " + demand);
}

/// Whether a future has a plan (the frozen purchases meet its hard limits).
bool planned(const plan::FutureOutcome& o)
{
    return o.status != plan::PlanStatus::Infeasible && o.status != plan::PlanStatus::Cancelled;
}

} // namespace

BarChart riskHistogram(const plan::RiskReport& risk, int bins)
{
    BarChart chart{"NPV cost over the futures (million USD)",
                   risk.infeasibleProbability > 0.0 ? "probability among the futures with a plan (%)"
                                                    : "probability (%)",
                   {},
                   {{"Futures", {}, 0}}};
    std::vector<const plan::FutureOutcome*> futures;
    for (const auto& o : risk.futures) {
        if (planned(o)) {
            futures.push_back(&o);
        }
    }
    if (futures.empty() || bins < 1) {
        return chart;
    }
    const auto [least, most] = std::minmax_element(
        futures.begin(), futures.end(), [](const auto* a, const auto* b) { return a->costUsd < b->costUsd; });
    const double low = (*least)->costUsd / 1e6;
    const double high = (*most)->costUsd / 1e6;
    // Costs within a rounding of each other are one column: a range narrower than the labels show.
    const int columns = high - low < 0.05 ? 1 : bins;
    const double width = columns == 1 ? 0.0 : (high - low) / columns;
    // Renormalised over the futures with a plan, as the figures are.
    double mass = 0.0;
    for (const auto* o : futures) {
        mass += o->probability;
    }
    std::vector<double> share(static_cast<std::size_t>(columns), 0.0);
    for (const auto* o : futures) {
        const double cost = o->costUsd / 1e6;
        const int column = columns == 1 ? 0 : std::min(columns - 1, static_cast<int>((cost - low) / width));
        share[static_cast<std::size_t>(column)] += mass > 0.0 ? o->probability / mass * 100.0 : 0.0;
    }
    for (int b = 0; b < columns; ++b) {
        const double from = low + b * width;
        chart.categories.push_back(columns == 1 ? groupedNumber(low, 1)
                                                : groupedNumber(from, 1) + "–" + groupedNumber(from + width, 1));
    }
    chart.sets.front().values = share;
    return chart;
}

ReportTable riskFiguresTable(const plan::RiskReport& r)
{
    ReportTable table{"How the plan fares across the futures", {"Figure", "Value"}, {}};
    const auto count = std::to_string(r.futures.size());
    table.rows = {
        {"Futures", count + (r.sampled ? " drawn (the tree is larger)" : " (every combination of the events)")},
        {"First-year purchases frozen",
         usd(std::accumulate(r.frozen.purchases.begin(), r.frozen.purchases.end(), 0.0,
                             [](double n, const plan::Purchase& p) { return n + p.count; })) +
             " units"},
        {r.infeasibleProbability > 0.0
             ? "Expected NPV cost (over the futures with a plan, " + percent(1.0 - r.infeasibleProbability) + ")"
             : "Expected NPV cost",
         usd(r.expectedCostUsd) + " USD"},
        {"5th percentile", usd(r.p5Usd) + " USD"},
        {"Median", usd(r.p50Usd) + " USD"},
        {"95th percentile", usd(r.p95Usd) + " USD"},
        {"CVaR at " + fixed(r.alpha * 100.0, 0) + " % (mean of the worst " + fixed((1.0 - r.alpha) * 100.0, 0) + " %)",
         usd(r.cvarUsd) + " USD"},
        {"Expected unserved demand (NPV)", usd(r.expectedUnservedNpvUsd) + " USD"},
        {"Probability of any unserved demand", percent(r.unservedProbability)},
        {"Share of demand unserved: expected (largest in a future)",
         unservedText(r.expectedUnservedShare) + " (" + unservedText(r.largestUnservedShare, r.largestUnservedDemand) +
             ")"},
        {"Expected stranded units (idle, average over the quarters)", fixed(r.expectedStrandedUnits, 1)},
        {"Expected stranded paid-for power (build-out not drawn, average over the quarters)",
         fixed(r.expectedStrandedPowerMw, 2) + " MW"},
        {"Licence exposure: first-year units a rule event stops (expected; probability)",
         fixed(r.expectedLicenceExposedUnits, 1) + " units; " + percent(r.licenceExposureProbability)},
        {"Probability the frozen purchases give no plan", percent(r.infeasibleProbability)},
    };
    if (!r.frozen.power.empty()) { // after the purchases' row
        table.rows.insert(table.rows.begin() + 2,
                          {"First-year power build-out frozen",
                           fixed(std::accumulate(r.frozen.power.begin(), r.frozen.power.end(), 0.0,
                                                 [](double mw, const plan::PowerOrder& o) { return mw + o.mw; }),
                                 1) +
                               " MW"});
    }
    return table;
}

namespace {

/// What `e` changes when it happens, in words: "new NVIDIA prices × 0.8", "GB200 NVL72 ships 3 quarters late".
std::string eventChange(const plan::UncertainEvent& e)
{
    const std::string times = " × " + formatNumber(e.multiplier);
    const auto quarters = [](int n) { return std::to_string(n) + (n == 1 ? " quarter" : " quarters"); };
    const std::string vendor = e.target.empty() ? "every vendor's" : e.target;
    if (e.kind == "demand") {
        return (e.target.empty() ? std::string("all demand") : e.target + " demand") + times;
    }
    if (e.kind == "vendor_price") {
        return "new " + e.target + " prices" + times;
    }
    if (e.kind == "vendor_supply") {
        return "new " + e.target + " supply" + times;
    }
    if (e.kind == "used_market") {
        return vendor + " secondhand market" + times;
    }
    if (e.kind == "software_efficiency") {
        return vendor + " software" + times + " a year";
    }
    if (e.kind == "part_software_efficiency") {
        return e.target + " software" + times + " a year";
    }
    if (e.kind == "part_delay") {
        return e.target + " ships " + quarters(e.quarters) + " late";
    }
    if (e.kind == "part_price") {
        return e.target + " price" + times;
    }
    if (e.kind == "part_performance") {
        return e.target + " throughput" + times;
    }
    if (e.kind == "electricity_price") {
        return "electricity " + (e.target.empty() ? std::string("at every site") : "at " + e.target) + times;
    }
    if (e.kind == "power_delay") {
        return "power at " + e.target + " " + quarters(e.quarters) + " late";
    }
    if (e.kind == "licence_required") {
        return "licence required for controlled accelerators in " + e.target;
    }
    if (e.kind == "buyer_licence_required") {
        return "licence required for a buyer headquartered in " + e.target;
    }
    if (e.kind == "remote_access_licence") {
        return "renting controlled accelerators needs a licence for a renter headquartered in " + e.target;
    }
    return "controlled accelerators in " + e.target + " capped at " + groupedNumber(e.limitTpp) + " TPP a year";
}

} // namespace

ReportTable uncertainEventsTable(const plan::Scenario& scenario)
{
    ReportTable table{"The uncertain events", {"Event", "When it happens", "From", "Probability"}, {}};
    for (const auto& e : scenario.uncertainty.events) {
        const std::string from = !e.fromLaunchOf.empty()      ? "the launch of " + e.fromLaunchOf
                                 : plan::eventIsDated(e.kind) ? e.from.toString()
                                                              : "the whole horizon";
        table.rows.push_back({e.name, eventChange(e), from, percent(e.probability)});
    }
    return table;
}

ReportTable riskFuturesTable(const plan::RiskReport& r)
{
    ReportTable table{"The futures, most costly first",
                      {"Events that happened", "Probability", "NPV cost USD", "Unserved USD", "Unserved share",
                       "Stranded", "Bought later"},
                      {}};
    std::vector<std::size_t> order(r.futures.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = r.futures[a];
        const auto& y = r.futures[b];
        return std::tuple(planned(x), -x.costUsd) < std::tuple(planned(y), -y.costUsd); // no plan first
    });
    for (const std::size_t k : order) {
        const auto& o = r.futures[k];
        if (!planned(o)) {
            table.rows.push_back({o.name, percent(o.probability), "no plan: " + o.diagnosis, "–", "–", "–", "–"});
            continue;
        }
        table.rows.push_back({o.name, percent(o.probability), usd(o.costUsd), usd(o.unservedNpvUsd),
                              unservedText(o.unservedShare, o.unservedDemand), fixed(o.strandedUnits, 1),
                              std::to_string(o.laterUnits)});
    }
    return table;
}

namespace {

/// "progressive hedging's Lagrangian bound (29 iterations, converged)".
std::string hedgingBound(const plan::HedgingResult& h)
{
    const int iterations = h.iterations.empty() ? 0 : h.iterations.back().iteration;
    return "progressive hedging's Lagrangian bound (" + std::to_string(iterations) + " iterations, " +
           (h.converged ? "converged)" : "stopped at the iteration limit: the futures still disagree)");
}

/// "expected NPV cost", or "70 % expected NPV cost + 30 % CVaR at 95 %".
std::string objectiveText(const plan::MeanCvar& objective)
{
    if (objective.weight == 0.0) {
        return "expected NPV cost";
    }
    return fixed((1.0 - objective.weight) * 100.0, 0) + " % expected NPV cost + " + fixed(objective.weight * 100.0, 0) +
           " % CVaR at " + fixed(objective.alpha * 100.0, 0) + " %";
}

} // namespace

ReportTable robustFiguresTable(const plan::RobustReport& r)
{
    const bool hedged = r.method == plan::RobustMethod::ProgressiveHedging;
    const auto& out = r.outOfSample;
    const std::string unit = r.objective.weight == 0.0 ? "Expected NPV cost USD" : "Objective USD";
    ReportTable table{"The stochastic plan against the alternatives (" + objectiveText(r.objective) + ")",
                      {"Figure", unit + (out ? ", in sample" : "")},
                      {}};
    if (out) {
        table.columns.push_back(unit + ", " + std::to_string(out->draws) + " fresh draws (seed " +
                                std::to_string(out->seed) + ")");
    }
    table.columns.push_back("Meaning");
    const auto row = [&](const std::string& figure, double plan::RobustFigures::*value, const std::string& meaning) {
        std::vector<std::string> cells{figure, usd(r.figures.*value)};
        if (out) {
            cells.push_back(usd(out->figures.*value));
        }
        cells.push_back(meaning);
        table.rows.push_back(std::move(cells));
    };
    const auto single = [&](const std::string& figure, const std::string& value, const std::string& meaning) {
        std::vector<std::string> cells{figure, value};
        if (out) {
            cells.emplace_back("");
        }
        cells.push_back(meaning);
        table.rows.push_back(std::move(cells));
    };
    row("RP", &plan::RobustFigures::rpUsd, "the stochastic plan");
    row("WS", &plan::RobustFigures::wsUsd, "each future planned knowing it");
    row("EEV", &plan::RobustFigures::eevUsd, "the average future's first year");
    row("VSS = EEV − RP", &plan::RobustFigures::vssUsd, "what planning for the spread saves");
    row("EVPI = RP − WS", &plan::RobustFigures::evpiUsd, "what foresight would be worth");
    single("Lower bound", usd(r.lowerBoundUsd), hedged ? hedgingBound(r.hedging) : "CBC's bound on the RP");
    single("Upper bound", std::isfinite(r.upperBoundUsd) ? usd(r.upperBoundUsd) : "no plan",
           "RP's first year, futures re-planned");
    if (r.planFirstStageUsd) {
        single("The plan's first year", std::isfinite(*r.planFirstStageUsd) ? usd(*r.planFirstStageUsd) : "no plan",
               "the plan's own, futures re-planned: RP is never worse");
    }
    if (r.methodFirstStageUsd) {
        single(hedged ? "Hedging's own first year" : "The extensive form's own first year",
               std::isfinite(*r.methodFirstStageUsd) ? usd(*r.methodFirstStageUsd) : "no plan",
               r.kept == plan::RobustReport::Kept::Plan ? "worse than the plan's: RP keeps the plan's"
                                                        : "worse than the average future's: RP keeps that one");
    }
    if (r.objective.weight > 0.0) {
        single("RP expected NPV cost", usd(r.rpExpectedCostUsd), "the stochastic plan's mean over the futures");
        single("RP CVaR at " + fixed(r.objective.alpha * 100.0, 0) + " %", usd(r.rpCvarUsd),
               "the mean of its worst " + fixed((1.0 - r.objective.alpha) * 100.0, 0) + " %");
    }
    return table;
}

ReportTable hedgeTable(const plan::PlanModel& model, const plan::FirstStage& deterministic,
                       const plan::RobustReport& robust)
{
    ReportTable table{"What the robust plan decides in the first year, against the plan",
                      {"Decision", "Site", "Plan", "Robust plan", "Difference"},
                      {}};
    std::map<std::pair<int, int>, std::pair<int, int>> units; // (offer, site) → (plan, robust)
    for (const auto& p : deterministic.purchases) {
        units[{p.offer, p.site}].first += p.count;
    }
    for (const auto& p : robust.firstStage.purchases) { // the extensive form's, or progressive hedging's
        units[{p.offer, p.site}].second += p.count;
    }
    std::map<int, std::pair<double, double>> megawatts; // site → (plan, robust)
    for (const auto& o : deterministic.power) {
        megawatts[o.site].first += o.mw;
    }
    for (const auto& o : robust.firstStage.power) {
        megawatts[o.site].second += o.mw;
    }
    const auto& sc = model.scenario;
    for (const auto& [key, counts] : units) {
        if (counts.first == counts.second) {
            continue;
        }
        const auto& offer = sc.market[static_cast<std::size_t>(key.first)];
        const int difference = counts.second - counts.first;
        table.rows.push_back({offer.system + (offer.used ? " (used)" : ""),
                              sc.sites[static_cast<std::size_t>(key.second)].name, std::to_string(counts.first),
                              std::to_string(counts.second), (difference > 0 ? "+" : "") + std::to_string(difference)});
    }
    for (const auto& [site, mw] : megawatts) {
        const std::string plan = fixed(mw.first, 1);
        const std::string robustMw = fixed(mw.second, 1);
        const double difference = mw.second - mw.first;
        if (plan == robustMw) { // the same to the tenth of a MW shown
            continue;
        }
        table.rows.push_back({"Power build-out (MW)", sc.sites[static_cast<std::size_t>(site)].name, plan, robustMw,
                              (difference > 0 ? "+" : "") + fixed(difference, 1)});
    }
    return table;
}

ReportTable insuranceTable(const plan::RiskReport& risk, const plan::RobustReport& robust)
{
    ReportTable table{"What the robust first year costs against the plan's, each re-planned in the same futures",
                      {"Future", "Plan USD", "Robust plan USD", "Difference USD"},
                      {}};
    const bool same =
        risk.futures.size() == robust.futures.size() &&
        std::equal(risk.futures.begin(), risk.futures.end(), robust.futures.begin(),
                   [](const auto& a, const auto& b) { return a.name == b.name && planned(a) && planned(b); });
    if (!same || risk.futures.empty()) {
        return table;
    }
    const auto row = [&](const std::string& future, double plan, double robustUsd) {
        const double difference = robustUsd - plan;
        table.rows.push_back({future, usd(plan), usd(robustUsd), (difference > 0.0 ? "+" : "") + usd(difference)});
    };
    row("Expected over the futures", risk.expectedCostUsd, robust.rpExpectedCostUsd);
    std::size_t costliest = 0;
    for (std::size_t k = 0; k < risk.futures.size(); ++k) {
        if (risk.futures[k].name == plan::noEventFuture) {
            row("No event (the future the plan was made for)", risk.futures[k].costUsd, robust.futures[k].costUsd);
        }
        if (risk.futures[k].costUsd > risk.futures[costliest].costUsd) {
            costliest = k;
        }
    }
    row("The plan's costliest: " + risk.futures[costliest].name, risk.futures[costliest].costUsd,
        robust.futures[costliest].costUsd);
    return table;
}

std::string insuranceText(const plan::RiskReport& risk, const plan::RobustReport& robust)
{
    std::string text = "What the hedge costs: in the future the plan was made for, what the robust first year costs "
                       "more (its premium if no event happens); over the futures, what it saves (−) or costs (+) in "
                       "expectation; in the plan's costliest future, what it saves when things go wrong.";
    if (robust.rpExpectedCostUsd <= risk.expectedCostUsd * (1.0 + 1e-9)) {
        return text;
    }
    return text + (robust.objective.weight > 0.0
                       ? " The robust plan costs more in expectation: it minimises " + objectiveText(robust.objective) +
                             ", paying expected cost to make its costly futures cheaper."
                       : " Here the plan's own first year costs less in expectation: the robust plan was stopped by "
                         "a node or time limit (or progressive hedging, a heuristic, ended short of the optimum), so "
                         "it is not the stochastic optimum. Keep the plan's first year, or solve again with more "
                         "nodes or time.");
}

ReportSection riskSection(const plan::PlanModel& model, const plan::RiskReport& risk, const plan::RobustReport* robust)
{
    ReportSection section;
    section.heading = "Risk across the futures";
    const std::size_t events = model.scenario.uncertainty.events.size();
    section.paragraphs.push_back(
        "The plan's first-year purchases and power build-out are frozen and every future of the scenario's uncertainty "
        "is planned again: later purchases, retirements, allocation and unserved demand adapt to what happened. " +
        std::to_string(events) + (events == 1 ? " uncertain event gives " : " uncertain events give ") +
        std::to_string(risk.futures.size()) + (risk.sampled ? " sampled futures." : " futures (the whole tree)."));
    section.tables.push_back(uncertainEventsTable(model.scenario));
    section.tables.push_back(riskFiguresTable(risk));
    section.barCharts.push_back(riskHistogram(risk));
    section.fanCharts = riskFanCharts(model, risk);
    if (const auto idle = idleSites(risk); !idle.empty()) {
        std::string names;
        for (const auto& site : idle) {
            names += (names.empty() ? "" : ", ") + site;
        }
        section.paragraphs.push_back("No future's plan draws power at " + names + ": no power fan for " +
                                     (idle.size() == 1 ? "it." : "them."));
    }
    if (risk.licenceExposureProbability > 0.0) {
        const auto first = std::find_if(risk.futures.begin(), risk.futures.end(),
                                        [](const plan::FutureOutcome& o) { return o.licenceExposedUnits > 0; });
        section.paragraphs.push_back("Licence exposure: in futures holding " +
                                     percent(risk.licenceExposureProbability) +
                                     " of the probability a rule event stops some of the plan's first-year units "
                                     "where and when they are bought (expected " +
                                     fixed(risk.expectedLicenceExposedUnits, 1) + " units); in \"" + first->name +
                                     "\", " + first->licenceExposure + ".");
    }
    section.tables.push_back(riskFuturesTable(risk));
    if (robust != nullptr) {
        const bool hedged = robust->method == plan::RobustMethod::ProgressiveHedging;
        section.paragraphs.push_back(
            std::string("The stochastic plan (RP) chooses one first year for every future at once (") +
            (hedged ? std::string("by progressive hedging: each future solved on its own, iteration by iteration, "
                                  "until they agree on the first year") +
                          (robust->objective.weight > 0.0 ? " and on the value at risk" : "")
                    : std::string("the extensive form on CBC")) +
            "), the rest re-planned in each future. The plan of the average future (its first year frozen in every "
            "future: EEV) costs more by the value of the stochastic solution (VSS); each future planned as if it "
            "were known in advance (WS) costs less by the expected value of perfect information (EVPI).");
        if (robust->objective.weight > 0.0) {
            section.paragraphs.push_back(
                "The stochastic plan minimises " + objectiveText(robust->objective) +
                ": it pays some expected cost to make its costly futures cheaper. RP, WS and EEV are values of that "
                "objective over each plan's futures.");
        }
        if (robust->outOfSample) {
            section.paragraphs.push_back(
                "Out of sample, the same first years meet " + std::to_string(robust->outOfSample->draws) +
                " futures drawn afresh: a gap between the two columns is how much the plan was fitted to its own "
                "futures rather than to the uncertainty.");
        }
        section.tables.push_back(robustFiguresTable(*robust));
        auto hedges = hedgeTable(model, risk.frozen, *robust);
        section.paragraphs.push_back(
            robust->kept == plan::RobustReport::Kept::Plan
                ? std::string("The robust plan keeps the plan's own first year: ") +
                      (hedged ? "progressive hedging's" : "the extensive form's") +
                      " own cost more over the futures, re-planned in every future (it stops at its node or time "
                      "limit, and progressive hedging is a heuristic), so the plan hedges these futures as well as "
                      "this run can tell."
            : hedges.rows.empty()
                ? "The robust plan decides the same first year as the plan: the plan already hedges these futures."
                : "The decisions that hedge: where the robust first year differs from the plan's, below. Buying "
                  "more (or contracting more power) hedges the costly futures (unserved demand priced high); "
                  "buying less avoids units and paid-for power stranded in the futures where demand falls or "
                  "prices drop.");
        const bool differs = !hedges.rows.empty(); // the same first year costs the same: no table of zeros
        if (differs) {
            section.tables.push_back(std::move(hedges));
        }
        if (auto insurance = insuranceTable(risk, *robust); differs && !insurance.rows.empty()) {
            section.paragraphs.push_back(insuranceText(risk, *robust));
            section.tables.push_back(std::move(insurance));
        }
    }
    section.notes.push_back("Per future: unserved USD is the NPV of the forecast demand left unserved (part of its "
                            "cost); unserved share, the largest share of one demand (training, or one inference "
                            "class) left unserved over the horizon, and which; stranded, the units installed but "
                            "idle, averaged over the quarters; bought later, the units bought after the first year.");
    section.notes.push_back(
        "Fans: per quarter, the 5th–95th (light) and 25th–75th (dark) percentile of what each future's re-planned "
        "fleet allocates to training or to an inference class, and of the facility power it draws at each site, the "
        "median a line; the demand or the site's available power dashed at its median (dotted at its 5th and 95th "
        "percentile where the futures differ). A quarter's percentiles may come from different futures.");
    section.notes.push_back("Percentiles are the least cost whose cumulative probability reaches the level; CVaR is "
                            "VaR + E[(cost − VaR)+] ÷ (1 − α) (Rockafellar and Uryasev), both over the futures with "
                            "a plan. VSS and EVPI as defined by Birge and Louveaux, Introduction to Stochastic "
                            "Programming, ch. 4.");
    return section;
}

} // namespace fw::core::report
