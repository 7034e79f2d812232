// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>

#include "core/catalog/fieldvalue.h"

namespace fw::core::catalog {
namespace {

TEST(FieldValue, FileValuesReadBackBitForBit)
{
    // Every scale a catalog field uses; values drawn like published figures (up to 4 decimals).
    std::mt19937 random(42);
    std::uniform_int_distribution<int> digits(1, 99'999'999);
    for (double scale : {1e12, 1e9, 1e6, 1e9 / 8.0, 1.0}) {
        for (int i = 0; i < 20'000; ++i) {
            const double published = digits(random) / 1e4;
            const double base = published * scale;
            const double written = fileValueFor(base, scale);
            EXPECT_EQ(written * scale, base) << published << " × " << scale;
        }
    }
}

TEST(FieldValue, ParsesTextByMemberType)
{
    EXPECT_EQ(parseTextAs("989.4", 0.0), FieldValue{989.4});
    EXPECT_EQ(parseTextAs("8", std::int64_t{0}), FieldValue{std::int64_t{8}});
    EXPECT_EQ(parseTextAs("true", false), FieldValue{true});
    EXPECT_EQ(parseTextAs("", 0.0), FieldValue{});
    EXPECT_THROW(parseTextAs("80 GB", 0.0), ValidationError);
    EXPECT_THROW(parseTextAs("8.5", std::int64_t{0}), ValidationError);
    EXPECT_THROW(parseTextAs("maybe", false), ValidationError);
}

TEST(FieldValue, OptionalQuantityTakesTheFieldScale)
{
    const FieldInfo tflops{"bf16_tflops", "BF16", "TFLOP/s", 1e12};
    std::optional<units::Compute> rate;
    fromFieldValue(rate, FieldValue{989.4}, tflops);
    ASSERT_TRUE(rate.has_value());
    EXPECT_DOUBLE_EQ(rate->base(), 989.4e12);
    EXPECT_EQ(toFieldValue(rate, tflops), FieldValue{989.4});
    fromFieldValue(rate, FieldValue{}, tflops);
    EXPECT_FALSE(rate.has_value());
}

TEST(FieldValue, RequiredTextMustNotBeEmpty)
{
    const FieldInfo sku{"sku", "SKU", "", 1, true};
    std::string member;
    EXPECT_THROW(fromFieldValue(member, FieldValue{std::string()}, sku), ValidationError);
    EXPECT_THROW(fromFieldValue(member, FieldValue{}, sku), ValidationError);
}

TEST(FieldValue, UsedPriceCurveRoundTrips)
{
    const std::vector<UsedPrice> curve{{Date::parse("2025-03-01"), units::usd(25000), "listing A"},
                                       {Date::parse("2026-05-28"), units::usd(9000), "listing B"}};
    EXPECT_EQ(usedPriceCurveFromJson(usedPriceCurveToJson(curve)), curve);
    EXPECT_THROW(usedPriceCurveFromJson(R"([{"date": "2026-01-01", "price_usd": -1, "source": "x"}])"),
                 ValidationError);
    EXPECT_THROW(usedPriceCurveFromJson(R"([{"date": "2026-13-01", "price_usd": 5, "source": "x"}])"), ValidationError);
    EXPECT_THROW(usedPriceCurveFromJson(R"([{"age_years": 1, "price_usd": 5, "source": "x"}])"), ValidationError);
    EXPECT_THROW(usedPriceCurveFromJson(R"({"date": "2026-01-01"})"), ValidationError);
}

} // namespace
} // namespace fw::core::catalog
