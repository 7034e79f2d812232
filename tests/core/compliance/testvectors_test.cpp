// SPDX-License-Identifier: Apache-2.0
// Every row of shared/reference/export-test-vectors.csv, against the shipped rule sets.
#include <gtest/gtest.h>

#include "core/compliance/caps.h"
#include "core/compliance/rulelibrary.h"
#include "core/compliance/treatment.h"
#include "tests/core/testdir.h"

namespace fw::core::compliance {
namespace {

const RuleLibrary& library()
{
    static const RuleLibrary shipped = RuleLibrary::load(tests::shippedData());
    return shipped;
}

struct Vector {
    const char* name;
    const char* ruleSet;
    ItemMetrics item;
    const char* destination;
    const char* eccn;
    Treatment treatment;
    ReviewPolicy review;
    const char* exception; ///< "" when none is expected
};

ItemMetrics chip(const char* sku, double tpp, std::optional<double> pd, bool datacenter = true)
{
    ItemMetrics m;
    m.sku = sku;
    m.tpp = tpp;
    m.pd = pd;
    m.datacenter = datacenter;
    return m;
}

ItemMetrics withIo(ItemMetrics m, double io)
{
    m.ioGbytesPerSecond = io;
    return m;
}

ItemMetrics withDram(ItemMetrics m, double dram)
{
    m.dramGbytesPerSecond = dram;
    return m;
}

ItemMetrics hbmStack(double density)
{
    ItemMetrics m;
    m.sku = "HBM3 stack";
    m.hbmStack = true;
    m.memoryBandwidthDensity = density;
    return m;
}

using T = Treatment;
using R = ReviewPolicy;

// Columns of export-test-vectors.csv: chip, tpp, pd, datacenter_marketed, rule_set, expected_eccn,
// destination_country, expected_treatment. "allowed_nlr" is `allowed`; "license_required_or_license_exception_X"
// is `license_exception` with X (the licence requirement stands if X is not used).
const Vector vectors[] = {
    // A100's NVLink is 600 GB/s (shared/reference/accelerators.csv), the 2022 rule's I/O line.
    {"A100_2022_CN", "US-AC-2022-10", withIo(chip("A100", 4992, 6.04), 600), "CN", "3A090", T::LicenseRequired,
     R::PresumptionOfDenial, ""},
    {"H100_2023_CN", "US-AC-2023-11", chip("H100 SXM", 15832, 19.45), "CN", "3A090.a", T::LicenseRequired,
     R::PresumptionOfDenial, ""},
    {"H100_2023_SA", "US-AC-2023-11", chip("H100 SXM", 15832, 19.45), "SA", "3A090.a", T::LicenseRequired,
     R::PresumptionOfApproval, ""},
    {"H100_2023_DE", "US-AC-2023-11", chip("H100 SXM", 15832, 19.45), "DE", "3A090.a", T::Allowed, R::None, ""},
    {"H100_AID_CN", "US-AID-2025-01", chip("H100 SXM", 15832, 19.45), "CN", "3A090.a", T::LicenseRequired,
     R::PresumptionOfDenial, ""},
    {"H20_2023_CN", "US-AC-2023-11", chip("H20", 2368, 2.91), "CN", "not_controlled", T::Allowed, R::None, ""},
    {"RTX4090_2023_CN", "US-AC-2023-11", chip("RTX 4090", 5285, 8.69, false), "CN", "3A090.a", T::LicenseException,
     R::PresumptionOfDenial, "NAC"},
    // An HBM3 stack: ~819 GB/s over ~110 mm² ≈ 7.4 GB/s/mm² [derived]; BIS: all HBM in production exceeds 2.
    {"HBM3_2024_CN", "US-HBM-2024-12", hbmStack(7.4), "CN", "3A090.c", T::LicenseRequired, R::PresumptionOfDenial, ""},
    {"SYN_A", "US-AC-2023-11", chip("SYN-A", 4800, 1.0), "CN", "3A090.a", T::LicenseRequired, R::PresumptionOfDenial,
     ""},
    {"SYN_B", "US-AC-2023-11", chip("SYN-B", 4799, 5.917), "CN", "3A090.b", T::LicenseException, R::None, "NAC"},
    {"SYN_C", "US-AC-2023-11", chip("SYN-C", 1600, 5.92), "CN", "3A090.a", T::LicenseRequired, R::PresumptionOfDenial,
     ""},
    {"SYN_D", "US-AC-2023-11", chip("SYN-D", 1600, 3.2), "VN", "3A090.b", T::LicenseException, R::None, "ACA"},
    {"SYN_E", "US-AC-2023-11", chip("SYN-E", 2399, 3.19), "CN", "not_controlled", T::Allowed, R::None, ""},
    {"SYN_F", "US-AC-2023-11", chip("SYN-F", 1599, 19.99), "CN", "not_controlled", T::Allowed, R::None, ""},
    {"SYN_G", "US-AC-2023-11", chip("SYN-G", 4799, 20.0, false), "CN", "not_controlled", T::Allowed, R::None, ""},
    {"SYN_H", "US-AC-2023-11", chip("SYN-H", 4800, 2.0, false), "CN", "3A090.a", T::LicenseException,
     R::PresumptionOfDenial, "NAC"},
    {"SYN_I", "US-AC-2026-01", withDram(chip("SYN-I", 20999, std::nullopt), 6499), "CN", "3A090.a", T::LicenseRequired,
     R::CaseByCase, ""},
    {"SYN_J", "US-AC-2026-01", withDram(chip("SYN-J", 21000, std::nullopt), 6499), "CN", "3A090.a", T::LicenseRequired,
     R::PresumptionOfDenial, ""},
    {"SYN_K", "US-AC-2022-10", withIo(chip("SYN-K", 5000, std::nullopt), 599), "CN", "not_controlled", T::Allowed,
     R::None, ""},
};

class ExportTestVector : public ::testing::TestWithParam<Vector> {};

TEST_P(ExportTestVector, GivesTheExpectedClassificationAndTreatment)
{
    const Vector& v = GetParam();
    const RuleStack stack = library().stackFor(v.ruleSet);
    const Determination d = determine(stack, library().countryGroups(), v.item, Party{v.destination, "", ""});
    EXPECT_EQ(d.classification.eccn, v.eccn) << stack.name();
    EXPECT_EQ(toString(d.treatment), toString(v.treatment)) << d.decidedBy;
    if (v.review != R::None) {
        EXPECT_EQ(toString(d.reviewPolicy), toString(v.review)) << d.decidedBy;
    }
    if (*v.exception) {
        ASSERT_EQ(d.exceptions.size(), 1U) << d.decidedBy;
        EXPECT_EQ(d.exceptions[0].code, v.exception);
    } else {
        EXPECT_TRUE(d.exceptions.empty()) << d.decidedBy;
    }
    EXPECT_FALSE(d.citations.empty()) << "every result carries the rule that decided it";
}

INSTANTIATE_TEST_SUITE_P(SharedReference, ExportTestVector, ::testing::ValuesIn(vectors),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ExportTestVector, SynL_LppBoundaryAt26900000Tpp)
{
    // SYN-L: H100 (TPP 15,832) to India under the Diffusion rule: LPP allows 26,900,000 TPP per
    // consignee per year, i.e. 1,699 H100 (26,898,568 TPP); the 1,700th crosses by 14,400 TPP.
    const RuleStack stack = library().stackFor("US-AID-2025-01");
    const ItemMetrics h100 = chip("H100 SXM", 15832, 19.45);
    const LineItem atCap{"1,699 H100", h100, 1699, 1, false, {"IN", "", ""}, "Acme Mumbai", stack.date};
    const auto fits = assessLineItems(library(), {atCap});
    ASSERT_EQ(fits.size(), 1U);
    EXPECT_EQ(fits[0].determination.treatment, Treatment::LicenseException);
    ASSERT_EQ(fits[0].determination.exceptions.size(), 1U);
    EXPECT_EQ(fits[0].determination.exceptions[0].code, "LPP");
    EXPECT_TRUE(fits[0].crossings.empty());

    LineItem overCap = atCap;
    overCap.quantity = 1700;
    const auto crosses = assessLineItems(library(), {overCap});
    EXPECT_EQ(crosses[0].determination.treatment, Treatment::LicenseRequired);
    ASSERT_EQ(crosses[0].crossings.size(), 1U);
    EXPECT_DOUBLE_EQ(crosses[0].crossings[0].excessTpp, 14400.0);
    EXPECT_DOUBLE_EQ(crosses[0].crossings[0].limitTpp, 26'900'000.0);
}

} // namespace
} // namespace fw::core::compliance
