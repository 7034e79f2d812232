// SPDX-License-Identifier: Apache-2.0
// Counterparty screening: name normalisation, the restricted-party document's errors, and the
// Affiliates (50 %) rule's dated periods (data/parties/ownership-rules.json: in force from
// 2025-09-29, suspended 2025-11-10 through 2026-11-09, unknown to the data from 2026-11-10).
#include <gtest/gtest.h>

#include "core/compliance/restrictedparties.h"
#include "core/compliance/screening.h"
#include "core/error.h"

namespace fw::core::compliance {
namespace {

/// A hand-built list: one Entity List entry added 2025-01-16, and the Affiliates rule's periods.
constexpr const char* handList = R"({
  "id": "hand",
  "entries": [
    {"name": "Example Listed Holdings Co., Ltd.", "aliases": ["ELH"], "country": "CN", "list": "Entity List",
     "date_added": "2025-01-16", "citation": "90 FR 0000", "source": "https://example.org/fr"}
  ],
  "ownership_rules": [
    {"id": "AFFILIATES", "min_share": 0.5, "lists": ["Entity List"],
     "periods": [
       {"from": "2025-09-29", "status": "in_force", "source": "https://example.org/ifr"},
       {"from": "2025-11-10", "status": "suspended", "source": "https://example.org/suspension"},
       {"from": "2026-11-10", "status": "unknown", "source": "https://example.org/suspension"}
     ]}
  ]
})";

RestrictedPartyList hand()
{
    return restrictedPartiesFromJson(handList, "hand.json");
}

TEST(CounterpartyScreening, NamesAreComparedAfterNormalisation)
{
    // Case, punctuation and legal-form words at the end are dropped; nothing else.
    const std::pair<const char*, const char*> cases[] = {
        {"Beijing Zhipu Huazhang Technology Co., Ltd.", "beijing zhipu huazhang technology"},
        {"SOPHGO TECHNOLOGIES LTD", "sophgo technologies"},
        {"Acme & Sons, Inc.", "acme and sons"},
        {"Inspur Group Co. Ltd", "inspur group"},
        {"  Ltd  ", "ltd"}, // a name that is only a legal form keeps it
        {"Example GmbH & Co. KG", "example gmbh and co kg"},
    };
    for (const auto& [name, expected] : cases) {
        EXPECT_EQ(normalisedName(name), expected) << name;
    }
    const auto list = hand();
    const Date day = Date::parse("2025-06-01");
    ASSERT_NE(listedParty(list, "EXAMPLE LISTED HOLDINGS CO LTD", day), nullptr);
    ASSERT_NE(listedParty(list, "Example Listed Holdings, Limited", day), nullptr);
    ASSERT_NE(listedParty(list, "elh", day), nullptr);                                           // the alias
    EXPECT_EQ(listedParty(list, "Example Listed", day), nullptr);                                // no fuzzy matching
    EXPECT_EQ(listedParty(list, "Example Listed Holdings", Date::parse("2025-01-15")), nullptr); // not yet added
}

TEST(CounterpartyScreening, AProviderWhoseParentIsListedIsBlockedCitingTheEntry)
{
    const auto answer = screenCounterparty({"Example Cloud Pte. Ltd.", "Example Listed Holdings Co Ltd", {}},
                                           Date::parse("2026-03-01"), hand());
    EXPECT_EQ(answer.verdict, ScreeningVerdict::Blocked);
    EXPECT_EQ(answer.matchedAs, "parent");
    ASSERT_TRUE(answer.entry);
    EXPECT_EQ(answer.entry->name, "Example Listed Holdings Co., Ltd.");
    EXPECT_EQ(answer.text, "parent 'Example Listed Holdings Co Ltd' is on the Entity List: Example Listed Holdings "
                           "Co., Ltd. (Entity List, CN, added 2025-01-16, 90 FR 0000, https://example.org/fr)");
    // Before the entry was added, the same provider is clear.
    EXPECT_EQ(screenCounterparty({"Example Cloud Pte. Ltd.", "Example Listed Holdings Co Ltd", {}},
                                 Date::parse("2024-12-31"), hand())
                  .verdict,
              ScreeningVerdict::Clear);
}

TEST(CounterpartyScreening, ASixtyPercentAffiliateFollowsTheAffiliatesRulesPeriods)
{
    const Counterparty affiliate{"Example Affiliate Cloud", "", {{"Example Listed Holdings", 0.6}, {"Fund", 0.4}}};
    const auto on = [&](const char* day) { return screenCounterparty(affiliate, Date::parse(day), hand()); };
    EXPECT_EQ(on("2025-09-28").verdict, ScreeningVerdict::Clear); // before the rule
    EXPECT_TRUE(on("2025-09-28").text.empty());
    const auto inForce = on("2025-10-01");
    EXPECT_EQ(inForce.verdict, ScreeningVerdict::Blocked);
    EXPECT_EQ(inForce.matchedAs, "owner (60 %)");
    EXPECT_EQ(inForce.rule, "AFFILIATES");
    EXPECT_NE(inForce.text.find("is 60 % owned by listed parties"), std::string::npos) << inForce.text;
    EXPECT_NE(inForce.text.find("in_force from 2025-09-29"), std::string::npos) << inForce.text;
    for (const char* day : {"2025-11-10", "2026-06-01", "2026-11-09"}) {
        const auto suspended = on(day);
        EXPECT_EQ(suspended.verdict, ScreeningVerdict::Clear) << day;
        EXPECT_EQ(suspended.text.rfind("red flag: ", 0), 0U) << suspended.text;
    }
    for (const char* day : {"2026-11-10", "2027-01-01"}) {
        const auto unknown = on(day);
        EXPECT_EQ(unknown.verdict, ScreeningVerdict::NeedsReview) << day;
        EXPECT_NE(unknown.text.find("needs review"), std::string::npos) << unknown.text;
    }
    // 49 % is below the rule's 50 %; two listed owners together (30 % + 25 %) reach it.
    EXPECT_EQ(screenCounterparty({"Minority", "", {{"ELH", 0.49}}}, Date::parse("2025-10-01"), hand()).verdict,
              ScreeningVerdict::Clear);
    auto twoOwners = hand();
    twoOwners.parties.push_back(twoOwners.parties.front());
    twoOwners.parties.back().name = "Second Listed Co";
    twoOwners.parties.back().aliases.clear();
    EXPECT_EQ(screenCounterparty({"Joint", "", {{"ELH", 0.30}, {"Second Listed", 0.25}}}, Date::parse("2025-10-01"),
                                 twoOwners)
                  .verdict,
              ScreeningVerdict::Blocked);
}

TEST(CounterpartyScreening, TheShippedDataLoadsWithTheAffiliatesRulesThreePeriods)
{
    const auto list = screeningListFor("");
    EXPECT_GE(list.parties.size(), 3U);
    ASSERT_EQ(list.ownershipRules.size(), 1U);
    const auto& rule = list.ownershipRules[0];
    EXPECT_EQ(rule.minShare, 0.5); // 90 FR 47201: "at least 50 percent owned"
    EXPECT_EQ(rule.statusOn(Date::parse("2025-09-28")), OwnershipRuleStatus::NotInForce);
    EXPECT_EQ(rule.statusOn(Date::parse("2025-09-29")), OwnershipRuleStatus::InForce);
    EXPECT_EQ(rule.statusOn(Date::parse("2025-11-10")), OwnershipRuleStatus::Suspended);
    EXPECT_EQ(rule.statusOn(Date::parse("2026-11-09")), OwnershipRuleStatus::Suspended);
    EXPECT_EQ(rule.statusOn(Date::parse("2026-11-10")), OwnershipRuleStatus::Unknown);
    EXPECT_NE(listedParty(list, "ZHIPU AI", Date::parse("2025-02-01")), nullptr);
}

TEST(CounterpartyScreening, ABadListFileIsRefusedInOneLineNamingFileRecordFieldAndValue)
{
    const std::pair<const char*, const char*> cases[] = {
        {R"({"entries": [{"name": "A", "country": "China", "list": "Entity List", "date_added": "2025-01-16",
            "source": "https://example.org"}]})",
         "bad.json: entries[0].country: 'China' is not an ISO 3166-1 alpha-2 code"},
        {R"({"entries": [{"name": "A", "country": "CN", "list": "Entity List", "date_added": "16/01/2025",
            "source": "https://example.org"}]})",
         "bad.json: entries[0].date_added: '16/01/2025' is not a date written YYYY-MM-DD"},
        {R"({"entries": [{"name": "A", "country": "CN", "list": "Entity List", "date_added": "2025-01-16",
            "source": "ftp://example.org"}]})",
         "bad.json: entries[0].source: 'ftp://example.org' is not an http(s) URL"},
        {R"({"entries": [{"name": " ", "country": "CN", "list": "Entity List", "date_added": "2025-01-16",
            "source": "https://example.org"}]})",
         "bad.json: entries[0].name: ' ' is empty"},
        {R"({"ownership_rules": [{"id": "R", "min_share": 1.5, "lists": ["Entity List"], "periods": []}]})",
         "bad.json: ownership_rules[0].min_share: 1.5 is not a share within (0, 1]"},
        {R"({"ownership_rules": [{"id": "R", "min_share": 0.5, "lists": ["Entity List"], "periods": [
            {"from": "2026-01-01", "status": "in_force", "source": "https://example.org"},
            {"from": "2025-01-01", "status": "suspended", "source": "https://example.org"}]}]})",
         "bad.json: ownership_rules[0].periods[1].from: 2025-01-01 is not after the previous period's 2026-01-01"},
        {R"({"ownership_rules": [{"id": "R", "min_share": 0.5, "lists": ["Entity List"], "periods": [
            {"from": "2026-01-01", "status": "lifted", "source": "https://example.org"}]}]})",
         "bad.json: ownership_rules[0].periods[0].status: 'lifted' is not one of in_force, suspended, unknown, "
         "not_in_force"},
    };
    for (const auto& [text, message] : cases) {
        try {
            restrictedPartiesFromJson(text, "bad.json");
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()), message);
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
    // An unknown field is refused too, naming it.
    EXPECT_THROW(restrictedPartiesFromJson(R"({"entries": [], "owners": []})", "bad.json"), FileFormatError);
}

} // namespace
} // namespace fw::core::compliance
