// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/catalog/catalogjson.h"
#include "core/error.h"
#include "core/fileio.h"
#include "tests/core/testdir.h"

namespace fw::core::catalog {
namespace {

using tests::TemporaryDirectory;

TEST(ShippedCatalog, LoadsCompletely)
{
    const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    // shared/reference: 35 accelerator rows, 23 systems, 15 network parts.
    EXPECT_EQ(catalog.accelerators.size(), 36U);
    EXPECT_EQ(catalog.systems.size(), 23U);
    EXPECT_EQ(catalog.networkParts.size(), 15U);
    for (const auto& a : catalog.accelerators) {
        EXPECT_FALSE(a.source.empty()) << a.sku;
    }
    for (const auto& s : catalog.systems) {
        EXPECT_FALSE(s.source.empty()) << s.sku;
        EXPECT_NE(catalog.findAccelerator(s.acceleratorSku), nullptr) << s.sku;
    }
    const Accelerator* h100 = catalog.findAccelerator("h100 sxm");
    ASSERT_NE(h100, nullptr);
    EXPECT_EQ(h100->name, "NVIDIA H100 SXM5 80GB");
    EXPECT_DOUBLE_EQ(units::inWatts(*h100->tdp), 700.0);
    EXPECT_FALSE(h100->fp4.has_value()); // unpublished stays empty, never 0
    EXPECT_EQ(catalog.findAccelerator("NVIDIA H100 SXM5 80GB"), h100);
}

/// Copies the shipped catalog into a temporary directory, lets `edit` change one file's JSON (or
/// replace its text), and returns the loader's error message; "" if loading succeeded.
class BrokenCatalog : public ::testing::Test {
protected:
    std::string loadWith(const std::string& file, const std::function<void(nlohmann::json&)>& edit)
    {
        std::filesystem::copy(tests::shippedData() / "catalog", m_dir.path(), std::filesystem::copy_options::recursive);
        auto document = nlohmann::json::parse(readTextFile(m_dir / file));
        edit(document);
        writeFileAtomically(m_dir / file, document.dump(2));
        return loadError();
    }

    std::string loadWithText(const std::string& file, const std::string& text)
    {
        std::filesystem::copy(tests::shippedData() / "catalog", m_dir.path(), std::filesystem::copy_options::recursive);
        writeFileAtomically(m_dir / file, text);
        return loadError();
    }

    std::string loadError()
    {
        try {
            loadCatalogDirectory(m_dir.path());
        } catch (const FileFormatError& e) {
            return e.what();
        }
        return {};
    }

    std::string path(const std::string& file) const { return (m_dir / file).string(); }

    TemporaryDirectory m_dir;
};

TEST_F(BrokenCatalog, MissingField)
{
    const auto message = loadWith("accelerators.json", [](auto& j) { j["accelerators"][2].erase("tdp_w"); });
    EXPECT_EQ(message, path("accelerators.json") +
                           ": accelerator 'H100 SXM' field 'tdp_w': missing (use null for an unknown value)");
}

TEST_F(BrokenCatalog, WrongType)
{
    const auto message = loadWith("accelerators.json", [](auto& j) { j["accelerators"][2]["memory_gb"] = "eighty"; });
    EXPECT_EQ(message, path("accelerators.json") +
                           ": accelerator 'H100 SXM' field 'memory_gb': text \"eighty\" where a number is expected");
}

TEST_F(BrokenCatalog, NegativePower)
{
    const auto message = loadWith("accelerators.json", [](auto& j) { j["accelerators"][2]["tdp_w"] = -700; });
    EXPECT_EQ(message,
              path("accelerators.json") + ": accelerator 'H100 SXM' field 'tdp_w': -700 W is negative; must be ≥ 0");
}

TEST_F(BrokenCatalog, DuplicateSku)
{
    const auto message = loadWith("accelerators.json", [](auto& j) { j["accelerators"][3]["sku"] = "h100 SXM"; });
    EXPECT_EQ(message, path("accelerators.json") + ": accelerator 'h100 SXM' field 'sku': duplicate SKU");
}

TEST_F(BrokenCatalog, UnknownField)
{
    const auto message = loadWith("network.json", [](auto& j) { j["network"][0]["colour"] = "green"; });
    EXPECT_EQ(message, path("network.json") + ": network part 'QM9700' field 'colour': unknown field");
}

TEST_F(BrokenCatalog, UnknownEnumerationValue)
{
    const auto message = loadWith("systems.json", [](auto& j) { j["systems"][0]["cooling"] = "immersion"; });
    EXPECT_EQ(message,
              path("systems.json") + ": system 'DGX A100' field 'cooling': \"immersion\" is not one of air, liquid");
}

TEST_F(BrokenCatalog, SystemPowerBelowAcceleratorTdp)
{
    // DGX H100: 8 × 700 W H100 cannot fit in 5 kW.
    const auto message = loadWith("systems.json", [](auto& j) { j["systems"][1]["max_power_w"] = 5000; });
    EXPECT_EQ(message, path("systems.json") +
                           ": system 'DGX H100' field 'max_power_w': 5000 W is below 8 × TDP 700 W of H100 SXM");
}

TEST_F(BrokenCatalog, PriceWithoutScope)
{
    const auto message = loadWith("systems.json", [](auto& j) { j["systems"][1]["price_scope"] = nullptr; });
    EXPECT_EQ(message, path("systems.json") + ": system 'DGX H100' field 'price_scope': missing; a price needs its "
                                              "scope (full_system, baseboard or accelerator_only)");
}

TEST_F(BrokenCatalog, UnknownPriceScope)
{
    const auto wrong = loadWith("systems.json", [](auto& j) { j["systems"][1]["price_scope"] = "chassis"; });
    EXPECT_EQ(wrong, path("systems.json") + ": system 'DGX H100' field 'price_scope': \"chassis\" is not one of "
                                            "full_system, baseboard, accelerator_only");
}

TEST(ShippedCatalog, EveryPriceHasItsScopeAndTheBaseboardsAreMarked)
{
    // data/catalog/systems.json, from shared/reference and research/system-prices-scope.csv.
    const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    int priced = 0;
    for (const auto& s : catalog.systems) {
        EXPECT_EQ(s.price.has_value(), s.priceScope.has_value()) << s.sku;
        priced += s.price ? 1 : 0;
    }
    EXPECT_EQ(priced, 10);
    EXPECT_EQ(catalog.findSystem("MI300X 8-GPU server")->priceScope, PriceScope::Baseboard);
    EXPECT_EQ(catalog.findSystem("Gaudi 3 8-accelerator server")->priceScope, PriceScope::Baseboard);
    EXPECT_EQ(catalog.findSystem("DGX H100")->priceScope, PriceScope::FullSystem);
}

TEST_F(BrokenCatalog, UnknownAccelerator)
{
    const auto message = loadWith("systems.json", [](auto& j) { j["systems"][1]["accelerator_sku"] = "H1000"; });
    EXPECT_EQ(message, path("systems.json") +
                           ": system 'DGX H100' field 'accelerator_sku': 'H1000' is not an accelerator in the catalog");
}

TEST_F(BrokenCatalog, ZeroBandwidthWithMemory)
{
    const auto message = loadWith("accelerators.json", [](auto& j) { j["accelerators"][2]["memory_bw_tbps"] = 0; });
    EXPECT_EQ(message, path("accelerators.json") +
                           ": accelerator 'H100 SXM' field 'memory_bw_tbps': 0 TB/s; must be > 0 "
                           "when memory_gb is 80 (leave it empty when unknown)");
}

TEST_F(BrokenCatalog, BrokenUtf8)
{
    std::string text = readTextFile(tests::shippedData() / "catalog" / "network.json");
    text.replace(text.find("QM9700"), 2, "\xC3\x28");
    const auto message = loadWithText("network.json", text);
    EXPECT_TRUE(message.starts_with(path("network.json") + ": not valid JSON (")) << message;
    EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
}

TEST_F(BrokenCatalog, NotJson)
{
    const auto message = loadWithText("systems.json", "{\"systems\": [");
    EXPECT_TRUE(message.starts_with(path("systems.json") + ": not valid JSON (")) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
}

TEST_F(BrokenCatalog, MissingFile)
{
    std::filesystem::copy(tests::shippedData() / "catalog", m_dir.path(), std::filesystem::copy_options::recursive);
    std::filesystem::remove(m_dir / "systems.json");
    EXPECT_THROW(loadCatalogDirectory(m_dir.path()), IoError);
}

TEST(CatalogJson, WrittenRecordsReadBackEqual)
{
    const Catalog catalog = loadCatalogDirectory(tests::shippedData() / "catalog");
    TemporaryDirectory dir;
    auto write = [&](const std::string& file, const char* key, const auto& records) {
        auto array = nlohmann::json::array();
        for (const auto& r : records) {
            array.push_back(recordToJson(r));
        }
        writeFileAtomically(dir / file, nlohmann::json{{key, array}}.dump());
    };
    write("accelerators.json", "accelerators", catalog.accelerators);
    write("systems.json", "systems", catalog.systems);
    write("network.json", "network", catalog.networkParts);
    EXPECT_EQ(loadCatalogDirectory(dir.path()), catalog);
}

} // namespace
} // namespace fw::core::catalog
