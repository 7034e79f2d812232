// SPDX-License-Identifier: Apache-2.0
#include <regex>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/plan/plandecisions.h"
#include "core/plan/savedplan.h"
#include "tests/core/plan/planfixtures.h"

namespace fw::core::plan {
namespace {

class SavedPlans : public ::testing::Test {
protected:
    Fleet fleet = sampleFleet();
    Scenario scenario() const { return fleet.scenarios.front(); }
    InputFingerprints inputs() const { return inputFingerprints(fleet, scenario(), rules()); }
    /// A saved plan of the first scenario whose record is `planJson`.
    SavedPlan withRecord(const std::string& planJson) const
    {
        return {scenario().name, "2026-12-03T00:00:00Z", scenarioToJson(scenario()), planJson};
    }
    static std::string errorOf(const SavedPlan& saved)
    {
        try {
            readSavedPlan(saved);
        } catch (const FileFormatError& e) {
            return e.what();
        }
        return "no error";
    }
};

TEST_F(SavedPlans, APlanSavedAndReadBackIsTheSamePlan)
{
    const Scenario s = tiny();
    const PlanModel m = model(s);
    const Plan plan = optimize(m, exactly());
    ASSERT_FALSE(plan.purchases.empty());
    const InputFingerprints given{{"company", "0123456789abcdef"}};
    const SavedPlan saved = savePlan(s, plan, {}, given);
    EXPECT_EQ(saved.scenario, s.name);
    EXPECT_EQ(saved.scenarioJson, scenarioToJson(s));
    EXPECT_TRUE(std::regex_match(saved.savedAt, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << saved.savedAt;

    const SavedPlanRecord record = readSavedPlan(saved);
    EXPECT_EQ(record.status, toString(plan.status));
    EXPECT_EQ(record.objectiveUsd, plan.objectiveUsd);
    EXPECT_EQ(record.inputs, given);
    const Plan rebuilt = planFromDecisions(m, record.decisions, "saved");
    EXPECT_EQ(evaluate(m, rebuilt).costUsd, evaluate(m, plan).costUsd);
    EXPECT_EQ(rebuilt.purchases.size(), plan.purchases.size());
}

TEST_F(SavedPlans, TheOlderGuiAndCliLayoutsAreRead)
{
    // Before one layout, the GUI kept a short record and `plan --save` its whole --json document;
    // both held the decisions, whose own status and cost are the ones read.
    const nlohmann::json decisions = {{"status", "feasible"}, {"objective_usd", 1.5e8}, {"purchases", nullptr}};
    const nlohmann::json gui = {{"scenario", "x"}, {"status", "feasible"},   {"objective_usd", 1.5e8},
                                {"gap", 0.004},    {"decisions", decisions}, {"inputs", {{"company", "1"}}}};
    const nlohmann::json cli = {
        {"status", "feasible"}, {"purchases", nlohmann::json::array()}, {"decisions", decisions}};
    for (const auto& layout : {gui, cli}) {
        const auto record = readSavedPlan(withRecord(layout.dump()));
        EXPECT_EQ(record.status, "feasible");
        EXPECT_EQ(record.objectiveUsd, 1.5e8);
    }
    EXPECT_EQ(readSavedPlan(withRecord(gui.dump())).inputs, (InputFingerprints{{"company", "1"}}));
    EXPECT_TRUE(readSavedPlan(withRecord(cli.dump())).inputs.empty());
}

TEST_F(SavedPlans, AnUnreadableRecordIsRefusedNamingTheScenarioAndField)
{
    const std::string where = "saved plan of '" + scenario().name + "': ";
    EXPECT_EQ(errorOf(withRecord(R"({"status":"optimal","objective_usd":5})")),
              where + "written by an older Fleetwright without the plan's decisions; plan again");
    EXPECT_EQ(errorOf(withRecord(R"({"decisions":{"status":3,"objective_usd":5}})")),
              where + "decisions.status: not a string");
    EXPECT_EQ(errorOf(withRecord(R"({"decisions":{"status":"optimal","objective_usd":"5"}})")),
              where + "decisions.objective_usd: not a number");
    EXPECT_EQ(errorOf(withRecord(R"({"decisions":{"status":"optimal","objective_usd":5},"inputs":[]})")),
              where + "inputs: not an object of input fingerprints");
    EXPECT_NE(errorOf(withRecord("not json")).find("saved plan of '" + scenario().name + "'"), std::string::npos);
}

TEST_F(SavedPlans, ASavedPlanIsComparedByItsFingerprintsOrElseByItsScenario)
{
    const Scenario s = scenario();
    SavedPlan saved = savePlan(s, Plan{}, {}, inputs());
    EXPECT_TRUE(savedPlanChanges(saved, fleet, s, rules()).empty());
    fleet.catalog.accelerators.front().priceSource = "https://example.com/a-newer-quote";
    EXPECT_EQ(savedPlanChanges(saved, fleet, s, rules()), (std::vector<std::string>{"the catalog's accelerators"}));

    // Saved before fingerprints (or its record tampered with): only the scenario can be compared.
    for (const char* plan :
         {R"({"decisions":{"status":"optimal","objective_usd":5}})", R"({"inputs":5})",
          R"({"decisions":{"status":"optimal","objective_usd":5},"inputs":{"company":7}})", "not json"}) {
        saved.planJson = plan;
        EXPECT_TRUE(savedPlanChanges(saved, fleet, s, rules()).empty()) << plan;
        Scenario edited = s;
        edited.quarters += 1;
        EXPECT_EQ(savedPlanChanges(saved, fleet, edited, rules()), (std::vector<std::string>{"the scenario"})) << plan;
    }
}

} // namespace
} // namespace fw::core::plan
