// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "core/catalog/catalogjson.h"
#include "core/compliance/caps.h"
#include "core/compliance/oracle.h"
#include "core/compliance/treatment.h"
#include "tests/core/testdir.h"

namespace fw::core::compliance {
namespace {

const RuleLibrary& library()
{
    static const RuleLibrary shipped = RuleLibrary::load(tests::shippedData());
    return shipped;
}

const catalog::Catalog& catalogue()
{
    static const catalog::Catalog c = catalog::loadCatalogDirectory(tests::shippedData() / "catalog");
    return c;
}

ItemMetrics metricsOf(const char* sku)
{
    return itemMetrics(*catalogue().findAccelerator(sku));
}

Determination at(const char* date, const char* sku, Party party, bool asSystem = false)
{
    return determine(library().stackAt(Date::parse(date)), library().countryGroups(), metricsOf(sku), party, asSystem);
}

TEST(Headquarters, AChinaHeadquarteredBuyerNeedsALicenceInGermany)
{
    // BIS guidance 2026-05-31: licence for D:5/Macau-headquartered entities at all destinations.
    const Determination d = at("2026-06-15", "H100 SXM", {"DE", "CN", ""});
    EXPECT_EQ(d.treatment, Treatment::LicenseRequired);
    EXPECT_EQ(d.reviewPolicy, ReviewPolicy::PresumptionOfDenial);
    EXPECT_EQ(d.citations.back().ruleSet, "US-HQ-GUIDANCE-2026-05");
    // The same purchase by a German-headquartered buyer is allowed.
    EXPECT_EQ(at("2026-06-15", "H100 SXM", {"DE", "DE", ""}).treatment, Treatment::Allowed);
    // The ultimate parent's headquarters counts as much as the buyer's own.
    EXPECT_EQ(at("2026-06-15", "H100 SXM", {"MY", "SG", "CN"}).treatment, Treatment::LicenseRequired);
}

TEST(Headquarters, RulesApplyBeforeDestinationRules)
{
    // Malaysia is in no D group: allowed by destination, but not for a Macau-headquartered parent.
    EXPECT_EQ(at("2024-03-01", "MI300X", {"MY", "", ""}).treatment, Treatment::Allowed);
    EXPECT_EQ(at("2024-03-01", "MI300X", {"MY", "", "MO"}).treatment, Treatment::LicenseRequired);
}

TEST(Systems, TakeTheSystemEccnOfTheirAccelerator)
{
    const Determination d = at("2024-03-01", "H100 SXM", {"AE", "", ""}, true);
    EXPECT_EQ(d.classification.eccn, "3A090.a");
    EXPECT_EQ(d.eccn, "4A090.a");
    EXPECT_EQ(d.treatment, Treatment::LicenseRequired); // UAE is D:4
    EXPECT_EQ(d.reviewPolicy, ReviewPolicy::PresumptionOfApproval);
}

TEST(Dates, TheRulesChangeOverTime)
{
    // H800 (NVLink 400 GB/s) was outside the 2022 rule and inside 3A090.a from 2023-11-17.
    EXPECT_EQ(at("2023-06-01", "H800 SXM", {"CN", "", ""}).treatment, Treatment::Allowed);
    EXPECT_EQ(at("2023-11-17", "H800 SXM", {"CN", "", ""}).treatment, Treatment::LicenseRequired);
    // H200 to China: presumption of denial until the January 2026 rule made it case-by-case.
    EXPECT_EQ(at("2025-12-01", "H200 SXM", {"CN", "", ""}).reviewPolicy, ReviewPolicy::PresumptionOfDenial);
    EXPECT_EQ(at("2026-02-01", "H200 SXM", {"CN", "", ""}).reviewPolicy, ReviewPolicy::CaseByCase);
    // B200 fails the 2026 thresholds (TPP 36,000): still presumption of denial.
    EXPECT_EQ(at("2026-02-01", "B200", {"CN", "", ""}).reviewPolicy, ReviewPolicy::PresumptionOfDenial);
    EXPECT_THROW(library().stackAt(Date::parse("2021-01-01")), ValidationError);
}

TEST(ItemRules, IsInformedLetterCoversTheH20)
{
    EXPECT_EQ(at("2025-03-01", "H20", {"CN", "", ""}).treatment, Treatment::Allowed);
    const Determination d = at("2025-04-20", "H20", {"CN", "", ""});
    EXPECT_EQ(d.classification.eccn, "not_controlled");
    EXPECT_EQ(d.treatment, Treatment::LicenseRequired);
    EXPECT_EQ(d.citations.back().ruleSet, "US-ISINF-2025-04");
    EXPECT_EQ(at("2025-04-20", "H20", {"DE", "", ""}).treatment, Treatment::Allowed);
}

TEST(ItemRules, HuaweiAscendIsAProhibitedRiskAfterTheGp10Guidance)
{
    EXPECT_EQ(at("2025-06-01", "Ascend 910C", {"MY", "", ""}).treatment, Treatment::ProhibitedRisk);
}

TEST(Warnings, TheDiffusionRuleIsOnTheBooksButNotEnforced)
{
    // After 2025-05-13 the Diffusion rule is not enforced: H100 to India is allowed, with a warning.
    const Determination d = at("2025-08-01", "H100 SXM", {"IN", "", ""});
    EXPECT_EQ(d.treatment, Treatment::Allowed);
    ASSERT_FALSE(d.warnings.empty());
    EXPECT_NE(d.warnings[0].message.find("US-AID-2025-01"), std::string::npos) << d.warnings[0].message;
    // While it was enforced, the same purchase needed a licence or LPP.
    EXPECT_EQ(at("2025-02-01", "H100 SXM", {"IN", "", ""}).treatment, Treatment::LicenseException);
}

TEST(Review, AnUnknownDensityIsNeverNotControlled)
{
    // TPU v4: TPP 4,400 (< 4,800), die area unpublished: 3A090.a.2 (TPP ≥ 1,600 and PD ≥ 5.92) can
    // neither be met nor ruled out, so the item is a review candidate for 3A090.a.
    const Determination cn = at("2026-06-01", "TPU v4", {"CN", "US", ""});
    ASSERT_TRUE(cn.classification.review);
    EXPECT_EQ(cn.classification.review->eccn, "3A090.a");
    EXPECT_EQ(cn.classification.review->paragraph, "3A090.a.2");
    EXPECT_EQ(cn.classification.review->thresholds, "PD ≥ 5.92"); // the rule tested, not another's
    ASSERT_EQ(cn.classification.review->missing.size(), 1U);
    EXPECT_EQ(cn.classification.review->missing[0], "performance density (die area)");
    // To China the answer turns on the figure: it needs review, stricter if controlled.
    ASSERT_TRUE(cn.needsReview());
    EXPECT_EQ(cn.review->treatment, Treatment::LicenseRequired);
    EXPECT_EQ(cn.treatment, Treatment::Allowed); // the answer if the figure clears the rule
    ASSERT_FALSE(cn.warnings.empty());
    EXPECT_NE(cn.warnings[0].message.find("needs review"), std::string::npos);
    EXPECT_NE(cn.warnings[0].message.find("PD ≥ 5.92"), std::string::npos);
    // To Germany it is allowed either way: nothing to review.
    EXPECT_FALSE(at("2026-06-01", "TPU v4", {"DE", "US", ""}).needsReview());
}

TEST(Review, AKnownFigureDecidesWithoutReview)
{
    // H100: TPP 15,832 ≥ 4,800 decides 3A090.a.1 whatever the density.
    const Determination d = at("2026-06-01", "H100 SXM", {"CN", "US", ""});
    EXPECT_FALSE(d.classification.review);
    EXPECT_FALSE(d.needsReview());
}

TEST(Review, ThreeValuedConditions)
{
    Condition c;
    c.tppGte = 1600;
    c.pdGte = 5.92;
    ItemMetrics item;
    item.tpp = 4400;
    EXPECT_EQ(evaluate(c, item), Truth::Unknown); // PD missing
    item.tpp = 1000;
    EXPECT_EQ(evaluate(c, item), Truth::False); // a known figure fails: the missing one cannot help
    item.tpp = 4400;
    item.pd = 6.0;
    EXPECT_EQ(evaluate(c, item), Truth::True);
    Condition either;
    either.any = {c, Condition{}};
    either.any[1].tppGte = 4800;
    item.pd.reset();
    EXPECT_EQ(evaluate(either, item), Truth::Unknown); // Unknown or False
    item.tpp = 5000;
    EXPECT_EQ(evaluate(either, item), Truth::True); // Unknown or True
}

TEST(Warnings, ForeignMeasuresAreReportedNotApplied)
{
    const Determination d = at("2026-02-01", "H20", {"CN", "", ""});
    const bool foreign = std::any_of(d.warnings.begin(), d.warnings.end(), [](const Issue& w) {
        return w.message.find("CN-DOMESTIC-CHIP-2025-11") != std::string::npos;
    });
    EXPECT_TRUE(foreign);
}

TEST(Caps, AccumulateInShipDateOrderAndNameTheCrossingItem)
{
    // LPP: 26,900,000 TPP per consignee per calendar year (Diffusion rule, §740.29).
    const Date jan = Date::parse("2025-02-01");
    const Date mar = Date::parse("2025-03-01");
    const ItemMetrics h100 = metricsOf("H100 SXM");
    std::vector<LineItem> items{
        {"second: 800 H100", h100, 800, 1, false, {"IN", "", ""}, "Acme", mar},
        {"first: 1,000 H100", h100, 1000, 1, false, {"IN", "", ""}, "Acme", jan},
        {"other consignee: 500 H100", h100, 500, 1, false, {"IN", "", ""}, "Beta", mar},
    };
    const auto results = assessLineItems(library(), items);
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[0].lineItem.label, "first: 1,000 H100");
    EXPECT_EQ(results[0].determination.treatment, Treatment::LicenseException);
    EXPECT_EQ(results[1].lineItem.label, "second: 800 H100");
    EXPECT_EQ(results[1].determination.treatment, Treatment::LicenseRequired);
    ASSERT_EQ(results[1].crossings.size(), 1U);
    // 1,800 × 15,832 = 28,497,600 TPP; over 26,900,000 by 1,597,600.
    EXPECT_DOUBLE_EQ(results[1].crossings[0].excessTpp, 1'597'600.0);
    EXPECT_EQ(results[1].crossings[0].key, "Acme 2025");
    EXPECT_EQ(results[2].determination.treatment, Treatment::LicenseException); // Beta has its own cap
}

TEST(Oracle, AnswersFeasibilityAndCapSharesPerSystem)
{
    ComplianceOracle oracle(library(), catalogue());
    const auto& us = oracle.query("DGX H100", "US", {"US", ""}, Date::parse("2027-01-01"));
    EXPECT_TRUE(us.feasible);
    EXPECT_DOUBLE_EQ(us.tppPerUnit, 8 * 15832.0);
    const auto& cnHq = oracle.query("DGX H100", "MY", {"CN", ""}, Date::parse("2027-01-01"));
    EXPECT_FALSE(cnHq.feasible);
    EXPECT_EQ(cnHq.eccn, "4A090.a");
    const auto& again = oracle.query("DGX H100", "MY", {"CN", ""}, Date::parse("2027-01-01"));
    EXPECT_EQ(&again, &cnHq); // cached

    ComplianceOracle willing(library(), catalogue(), LicenceAppetite::PresumptionOfApproval);
    EXPECT_TRUE(willing.query("DGX H100", "AE", {"US", ""}, Date::parse("2027-01-01")).feasible);
    EXPECT_FALSE(oracle.query("DGX H100", "AE", {"US", ""}, Date::parse("2027-01-01")).feasible);

    const auto& lpp = oracle.query("H100 SXM", "IN", {"US", ""}, Date::parse("2025-02-01"), "Acme");
    ASSERT_EQ(lpp.caps.size(), 1U);
    EXPECT_EQ(lpp.caps[0].capId, "LPP");
    EXPECT_THROW(oracle.query("DGX Z9000", "US", {}, Date::parse("2027-01-01")), ValidationError);
}

TEST(Oracle, AReviewItemIsNotAllowedUnlessReviewItemsAreAccepted)
{
    ComplianceOracle strict(library(), catalogue());
    const auto& blocked = strict.query("TPU v4", "CN", {"US", ""}, Date::parse("2027-01-01"));
    EXPECT_FALSE(blocked.feasible);
    EXPECT_TRUE(blocked.needsReview);
    EXPECT_TRUE(blocked.blockedForReview);
    EXPECT_EQ(blocked.reason.rfind("needs review", 0), 0U);
    ComplianceOracle accepting(library(), catalogue(), LicenceAppetite::None, true);
    const auto& accepted = accepting.query("TPU v4", "CN", {"US", ""}, Date::parse("2027-01-01"));
    EXPECT_TRUE(accepted.feasible);
    EXPECT_TRUE(accepted.needsReview);
    EXPECT_NE(accepted.reviewNote.find("PD ≥ 5.92"), std::string::npos);
    // Where the item is allowed even if controlled, there is nothing to review.
    EXPECT_FALSE(strict.query("TPU v4", "DE", {"US", ""}, Date::parse("2027-01-01")).needsReview);
}

} // namespace
} // namespace fw::core::compliance
