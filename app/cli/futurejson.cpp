// SPDX-License-Identifier: Apache-2.0
#include "app/cli/futurejson.h"

#include <cmath>

#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "core/store/fleetdatabase.h"
#include "core/workload/assumptions.h"

namespace fw::cli {

using namespace fw::core::plan;

namespace {

const core::plan::SolveGroup* solveGroup = &core::plan::thisProcess();

} // namespace

void useSolveGroup(const core::plan::SolveGroup& group)
{
    solveGroup = &group;
}

core::plan::RobustMethod robustMethod(const std::string& option, const std::string& text)
{
    if (text != "extensive" && text != "ph") {
        throw UsageError(option + " must be extensive or ph (progressive hedging), not '" + text + "'");
    }
    return text == "ph" ? core::plan::RobustMethod::ProgressiveHedging : core::plan::RobustMethod::ExtensiveForm;
}

FutureRun futureRun(Arguments& args)
{
    FutureRun run;
    run.options.group = solveGroup;
    const auto name = args.option("scenario");
    run.options.futures = static_cast<int>(*args.integer("futures"));
    run.options.seed = static_cast<std::uint32_t>(*args.integer("seed"));
    run.options.threads = static_cast<int>(*args.integer("threads"));
    run.options.optimizer.relativeGap = *args.number("gap");
    run.options.optimizer.timeLimitSeconds = *args.number("time-limit");
    run.options.optimizer.nodeLimit = static_cast<int>(*args.integer("node-limit"));
    run.file = args.positional("FILE");
    auto database = core::store::FleetDatabase::open(run.file);
    const auto& fleet = database.fleet();
    const Scenario* scenario = nullptr;
    for (const auto& s : fleet.scenarios) {
        if (!name ? scenario == nullptr : s.name == *name) {
            scenario = &s;
        }
    }
    if (scenario == nullptr) {
        throw core::ValidationError(run.file + (name ? ": no scenario named '" + *name + "'"
                                                     : std::string(": no scenarios; add one with import FILE "
                                                                   "--scenario IN.json")));
    }
    if (scenario->uncertainty.events.empty()) {
        throw core::ValidationError(run.file + ": scenario '" + scenario->name +
                                    "' has no uncertainty: add an \"uncertainty\" object to its JSON (import "
                                    "FILE --scenario IN.json)");
    }
    const auto rules = core::compliance::RuleLibrary::loadShipped();
    run.model = buildPlanModel(*scenario, fleet, rules, core::workload::shippedModelAssumptions());
    try {
        expectedValueModel(run.model); // every event applies to this model
    } catch (const core::ValidationError& e) {
        throw core::ValidationError(run.file + ": scenario '" + scenario->name + "': " + e.what());
    }
    return run;
}

nlohmann::json purchasesJson(const PlanModel& model, const std::vector<Purchase>& purchases)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : purchases) {
        const auto& offer = model.systems[static_cast<std::size_t>(p.offer)];
        list.push_back({{"quarter", model.scenario.firstQuarter.plus(p.quarter).toString()},
                        {"site", model.scenario.sites[static_cast<std::size_t>(p.site)].name},
                        {"system", offer.sku},
                        {"condition", offer.used ? "used" : "new"},
                        {"count", p.count}});
    }
    return list;
}

nlohmann::json buildOutJson(const PlanModel& model, const std::vector<PowerOrder>& orders)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& o : orders) {
        list.push_back({{"quarter", model.scenario.firstQuarter.plus(o.quarter).toString()},
                        {"site", model.scenario.sites[static_cast<std::size_t>(o.site)].name},
                        {"mw", o.mw}});
    }
    return list;
}

nlohmann::json usdJson(double usd)
{
    return std::isfinite(usd) ? nlohmann::json(usd) : nlohmann::json(nullptr);
}

nlohmann::json outcomesJson(const std::vector<FutureOutcome>& outcomes)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& o : outcomes) {
        const bool planned = o.status != PlanStatus::Infeasible;
        list.push_back({{"name", o.name},
                        {"probability", o.probability},
                        {"status", std::string(toString(o.status))},
                        {"cost_usd", planned ? nlohmann::json(o.costUsd) : nlohmann::json(nullptr)},
                        {"unserved_npv_usd", o.unservedNpvUsd},
                        {"unserved_share", o.unservedShare},
                        {"unserved_demand", o.unservedDemand},
                        {"stranded_units", o.strandedUnits},
                        {"stranded_paid_for_mw", o.strandedPowerMw},
                        {"later_units_bought", o.laterUnits},
                        {"licence_exposed_units", o.licenceExposedUnits},
                        {"licence_exposure", o.licenceExposure},
                        {"diagnosis", o.diagnosis},
                        {"solve_s", o.solveSeconds},
                        {"rank", o.rank}});
    }
    return list;
}

namespace {

nlohmann::json percentilesJson(const Percentiles& p)
{
    return {{"p5", p.p5}, {"p25", p.p25}, {"p50", p.p50}, {"p75", p.p75}, {"p95", p.p95}};
}

} // namespace

nlohmann::json fanJson(const PlanModel& model, const std::vector<Fan>& fans)
{
    nlohmann::json quarters = nlohmann::json::array();
    for (int t = 0; t < model.quarters(); ++t) {
        quarters.push_back(model.scenario.firstQuarter.plus(t).toString());
    }
    nlohmann::json doc = {{"quarters", std::move(quarters)},
                          {"levels", {0.05, 0.25, 0.5, 0.75, 0.95}},
                          {"training", nullptr},
                          {"inference", nlohmann::json::array()},
                          {"power", nlohmann::json::array()}};
    for (const auto& fan : fans) {
        switch (fan.measure) {
        case FanMeasure::Training:
            doc["training"] = {
                {"unit", fan.unit}, {"capacity", percentilesJson(fan.value)}, {"demand", percentilesJson(fan.bound)}};
            break;
        case FanMeasure::Inference:
            doc["inference"].push_back({{"class", fan.name},
                                        {"unit", fan.unit},
                                        {"capacity", percentilesJson(fan.value)},
                                        {"demand", percentilesJson(fan.bound)}});
            break;
        case FanMeasure::Power:
            doc["power"].push_back({{"site", fan.name},
                                    {"unit", fan.unit},
                                    {"drawn", percentilesJson(fan.value)},
                                    {"available", percentilesJson(fan.bound)}});
            break;
        }
    }
    return doc;
}

nlohmann::json replansPerRank(const std::vector<FutureOutcome>& outcomes)
{
    std::vector<int> replans(static_cast<std::size_t>(solveGroup->ranks()), 0);
    for (const auto& o : outcomes) {
        ++replans.at(static_cast<std::size_t>(o.rank));
    }
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t rank = 0; rank < replans.size(); ++rank) {
        list.push_back({{"rank", rank}, {"replans", replans[rank]}});
    }
    return list;
}

} // namespace fw::cli
