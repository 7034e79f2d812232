// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/fingerprint.h"
#include "core/plan/planinputs.h"

namespace fw::core::plan {
namespace {

class PlanInputs : public ::testing::Test {
protected:
    static const compliance::RuleLibrary& rules()
    {
        static const auto library = compliance::RuleLibrary::loadShipped();
        return library;
    }
    Fleet fleet = sampleFleet();
    Scenario scenario() const { return fleet.scenarios.front(); }
};

TEST(Fingerprint, IsFnv1a64)
{
    // The published FNV-1a 64 test vectors (Fowler, Noll, Vo: "FNV hash test vectors").
    EXPECT_EQ(fingerprint(""), "cbf29ce484222325");
    EXPECT_EQ(fingerprint("a"), "af63dc4c8601ec8c");
    EXPECT_EQ(fingerprint("foobar"), "85944171f73967e8");
}

TEST_F(PlanInputs, TheSameInputsGiveTheSameFingerprintsAndNothingChanged)
{
    const auto saved = inputFingerprints(fleet, scenario(), rules());
    EXPECT_TRUE(changedInputs(saved, inputFingerprints(fleet, scenario(), rules())).empty());
    for (const char* name :
         {"scenario.demand", "scenario.market", "catalog.systems", "company", "rules", "assumptions"}) {
        EXPECT_TRUE(saved.contains(name)) << name;
    }
}

TEST_F(PlanInputs, EachChangeIsNamedInTheScenarioCatalogCompanyOrder)
{
    const auto saved = inputFingerprints(fleet, scenario(), rules());
    Scenario edited = scenario();
    edited.policy.headroom += 0.1;
    edited.sites.front().name += " North";
    fleet.catalog.systems.front().priceSource = "https://example.com/a-newer-quote";
    fleet.company.hqCountry = "CA";
    const auto changed = changedInputs(saved, inputFingerprints(fleet, edited, rules()));
    EXPECT_EQ(changed, (std::vector<std::string>{"the scenario's policy", "the scenario's sites",
                                                 "the catalog's systems", "the company"}));
    EXPECT_EQ(changedInputsText(changed),
              "the scenario's policy, the scenario's sites, the catalog's systems and the company changed");
    EXPECT_EQ(changedInputsText({"the rule sets"}), "the rule sets changed");
    EXPECT_EQ(changedInputsText({}), "");
}

TEST_F(PlanInputs, AnInputMissingOnOneSideCountsAsChanged)
{
    auto saved = inputFingerprints(fleet, scenario(), rules());
    saved.erase("assumptions");
    saved["scenario.retired_part"] = "0";
    EXPECT_EQ(changedInputs(saved, inputFingerprints(fleet, scenario(), rules())),
              (std::vector<std::string>{"the scenario's retired part", "the model assumptions"}));
}

TEST(InputFingerprintsJson, RoundTripsAndRefusesWhatIsNotAnObjectOfStrings)
{
    const InputFingerprints f{{"company", "0123456789abcdef"}, {"rules", "fedcba9876543210"}};
    EXPECT_EQ(inputFingerprintsFromJson(inputFingerprintsToJson(f), "x"), f);
    EXPECT_THROW(inputFingerprintsFromJson(nlohmann::json::array(), "x"), FileFormatError);
    try {
        inputFingerprintsFromJson({{"company", 7}}, "saved plan of 'US'");
        FAIL();
    } catch (const FileFormatError& e) {
        EXPECT_STREQ(e.what(), "saved plan of 'US': inputs.company: not a fingerprint (a string)");
    }
}

} // namespace
} // namespace fw::core::plan
