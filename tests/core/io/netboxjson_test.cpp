// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/fileio.h"
#include "core/io/netboxjson.h"
#include "tests/core/testdir.h"

// Hostile and broken NetBox saves: each is refused with one line naming the file, the record and
// the field, from a copy of the fixture in tests/core/io/netbox/ with one thing changed.

namespace fw::core::io {
namespace {

class NetboxJson : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::copy(tests::testSources() / "core" / "io" / "netbox", m_dir.path(),
                              std::filesystem::copy_options::recursive);
    }

    std::filesystem::path file(const std::string& name) const { return m_dir / name; }

    /// Edits one saved list in place.
    void edit(const std::string& name, const std::function<void(nlohmann::json&)>& change) const
    {
        auto document = nlohmann::json::parse(readTextFile(file(name)));
        change(document);
        writeFileAtomically(file(name), document.dump());
    }

    std::string errorOf() const
    {
        try {
            readNetboxDirectory(m_dir.path());
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_EQ(message.find('\n'), std::string::npos) << message;
            const std::string prefix = m_dir.path().string() + "/";
            return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
        }
        return "no error";
    }

    tests::TemporaryDirectory m_dir;
};

TEST_F(NetboxJson, FixtureReads)
{
    const auto inventory = readNetboxDirectory(m_dir.path());
    EXPECT_EQ(inventory.regions.size(), 6u);
    EXPECT_EQ(inventory.sites.size(), 4u);
    EXPECT_EQ(inventory.racks.size(), 13u);
    EXPECT_EQ(inventory.deviceTypes.size(), 9u);
    EXPECT_EQ(inventory.devices.size(), 39u);
    EXPECT_EQ(inventory.powerPanels.size(), 5u);
    EXPECT_EQ(inventory.powerFeeds.size(), 21u);
    EXPECT_EQ(inventory.devices[0].role, "GPU server");
    EXPECT_EQ(inventory.devices[0].purchaseDate->toString(), "2025-08-14");
    EXPECT_EQ(inventory.powerFeeds[19].voltage, -48);
}

TEST_F(NetboxJson, TruncatedSaveIsRefusedWithHowToSaveAll)
{
    std::filesystem::copy_file(tests::testSources() / "core" / "io" / "netbox-truncated" / "devices.json",
                               file("devices.json"), std::filesystem::copy_options::overwrite_existing);
    EXPECT_EQ(errorOf(), "devices.json: next: \"https://netbox.example.net/api/dcim/devices/?limit=10&offset=10\": a "
                         "truncated save (10 of 39 devices); save every page: /api/dcim/devices/?limit=0 (where "
                         "MAX_PAGE_SIZE allows), or one file per page with their \"results\" merged into one list");
}

TEST_F(NetboxJson, CountThatDiffersFromTheResultsIsRefused)
{
    edit("racks.json", [](nlohmann::json& j) { j["results"].erase(j["results"].begin()); });
    EXPECT_EQ(errorOf(), "racks.json: count: 13 racks, but the file holds 12: a truncated or partly merged save; save "
                         "every page: /api/dcim/racks/?limit=0 (where MAX_PAGE_SIZE allows), or one file per page "
                         "with their \"results\" merged into one list");
}

TEST_F(NetboxJson, NotNetboxJsonIsRefusedNamingTheFileAndField)
{
    writeFileAtomically(file("sites.json"), R"({"sites": []})");
    EXPECT_EQ(errorOf(), "sites.json: document: not a NetBox list (expected the {\"count\", \"next\", \"previous\", "
                         "\"results\"} list /api/dcim/sites/ returns)");
    writeFileAtomically(file("sites.json"), "<html>502 Bad Gateway</html>");
    EXPECT_EQ(errorOf().substr(0, 28), "sites.json: not valid JSON (");
    writeFileAtomically(file("sites.json"), R"({"count": 1e999, "next": null, "results": []})");
    EXPECT_EQ(errorOf().substr(0, 28), "sites.json: not valid JSON (");
}

TEST_F(NetboxJson, MissingFileAndDirectory)
{
    std::filesystem::remove(file("power-feeds.json"));
    EXPECT_EQ(errorOf(), "power-feeds.json: missing; save /api/dcim/power-feeds/?limit=0 as this file");
    EXPECT_THROW(readNetboxDirectory(m_dir / "absent"), FileFormatError);
}

TEST_F(NetboxJson, OutOfRangeFeedValuesAreRefused)
{
    edit("power-feeds.json", [](nlohmann::json& j) { j["results"][2]["max_utilization"] = 150; });
    EXPECT_EQ(errorOf(), "power-feeds.json: results[2].max_utilization: 150 is not a whole number from 1 to 100");
    edit("power-feeds.json", [](nlohmann::json& j) {
        j["results"][2]["max_utilization"] = 80;
        j["results"][0]["voltage"] = -415;
    });
    EXPECT_EQ(errorOf(),
              "power-feeds.json: results[0].voltage: -415 V: must not be 0, and negative only for a DC feed");
    edit("power-feeds.json", [](nlohmann::json& j) {
        j["results"][0]["voltage"] = 415;
        j["results"][1]["amperage"] = "100";
    });
    EXPECT_EQ(errorOf(), "power-feeds.json: results[1].amperage: expected a number, found string");
    edit("power-feeds.json", [](nlohmann::json& j) {
        j["results"][1]["amperage"] = 100;
        j["results"][1]["phase"]["value"] = "two-phase";
    });
    EXPECT_EQ(errorOf(), "power-feeds.json: results[1].phase: \"two-phase\" is not single-phase or three-phase");
}

TEST_F(NetboxJson, ReferencesMustNameRecordsOfTheOtherFiles)
{
    edit("devices.json", [](nlohmann::json& j) { j["results"][3]["site"]["id"] = 99; });
    EXPECT_EQ(errorOf(), "devices.json: results[3] (device 'dfw1-dgx-04') site.id: 99 is not a site in sites.json");
}

TEST_F(NetboxJson, DuplicateIdsAndChoicesNotAsNetboxWritesThem)
{
    edit("sites.json", [](nlohmann::json& j) { j["results"][1]["id"] = 1; });
    EXPECT_EQ(errorOf(), "sites.json: results[1].id: 1 appears twice");
    edit("sites.json", [](nlohmann::json& j) {
        j["results"][1]["id"] = 2;
        j["results"][0]["status"] = "active";
    });
    EXPECT_EQ(errorOf(), "sites.json: results[0].status: expected {\"value\", \"label\"} as NetBox writes a choice");
}

TEST_F(NetboxJson, CustomFieldsAreChecked)
{
    edit("sites.json", [](nlohmann::json& j) { j["results"][0]["custom_fields"]["pue"] = 0.8; });
    EXPECT_EQ(errorOf(), "sites.json: results[0].custom_fields.pue: 0.8 is out of range (1 to 5, the PUE accepted)");
    edit("sites.json", [](nlohmann::json& j) { j["results"][0]["custom_fields"]["pue"] = "1.25"; });
    EXPECT_EQ(readNetboxDirectory(m_dir.path()).sites[0].pue, 1.25); // decimals may come as text
    edit("devices.json", [](nlohmann::json& j) { j["results"][0]["custom_fields"]["purchase_date"] = "14/08/2025"; });
    EXPECT_EQ(errorOf(), "devices.json: results[0].custom_fields.purchase_date: \"14/08/2025\" is not a date "
                         "(YYYY-MM-DD)");
}

TEST_F(NetboxJson, DeviceRoleOfNetbox3IsRead)
{
    edit("devices.json", [](nlohmann::json& j) {
        for (auto& device : j["results"]) {
            device["device_role"] = device["role"];
            device.erase("role");
        }
    });
    EXPECT_EQ(readNetboxDirectory(m_dir.path()).devices[0].role, "GPU server");
}

TEST_F(NetboxJson, ControlCharactersInNamesKeepMessagesOnOneLine)
{
    edit("devices.json", [](nlohmann::json& j) {
        j["results"][0]["name"] = "gpu\n01";
        j["results"][0]["site"]["id"] = 99;
    });
    EXPECT_EQ(errorOf(), "devices.json: results[0] (device 'gpu 01') site.id: 99 is not a site in sites.json");
}

TEST_F(NetboxJson, RegionLoopIsRefused)
{
    edit("regions.json", [](nlohmann::json& j) { j["results"][0]["parent"] = {{"id", 2}}; });
    EXPECT_EQ(errorOf(), "regions.json: results[0] (region 'United States') parent: the regions' parents form a loop");
}

} // namespace
} // namespace fw::core::io
