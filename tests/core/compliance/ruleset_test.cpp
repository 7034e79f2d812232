// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "core/fileio.h"
#include "tests/core/testdir.h"

namespace fw::core::compliance {
namespace {

using tests::TemporaryDirectory;

/// A copy of the shipped rules and countries with one rule set file changed by `edit`; returns the
/// loader's error, or "" when the library loads.
class BrokenRules : public ::testing::Test {
protected:
    BrokenRules()
    {
        std::filesystem::copy(tests::shippedData() / "rules", m_dir / "rules",
                              std::filesystem::copy_options::recursive);
        std::filesystem::copy(tests::shippedData() / "countries", m_dir / "countries",
                              std::filesystem::copy_options::recursive);
    }

    std::string file(const std::string& id) const { return (m_dir / "rules" / (id + ".json")).string(); }

    std::string loadWith(const std::string& id, const std::function<void(nlohmann::json&)>& edit)
    {
        auto document = nlohmann::json::parse(readTextFile(file(id)));
        edit(document);
        writeFileAtomically(file(id), document.dump(2));
        return loadError();
    }

    std::string loadError()
    {
        try {
            RuleLibrary::load(m_dir.path());
        } catch (const FileFormatError& e) {
            return e.what();
        }
        return {};
    }

    TemporaryDirectory m_dir;
};

TEST(RuleLibrary, ShippedRulesLoad)
{
    const RuleLibrary library = RuleLibrary::load(tests::shippedData());
    for (const char* id : {"US-AC-2022-10", "US-AC-2023-11", "US-HBM-2024-12", "US-AID-2025-01", "US-ISINF-2025-04",
                           "US-AC-2026-01", "US-HQ-GUIDANCE-2026-05"}) {
        EXPECT_NE(library.find(id), nullptr) << id;
    }
    EXPECT_EQ(library.newestDate().toString(), "2026-05-31");
    const RuleStack latest = library.stackFor("latest");
    EXPECT_EQ(latest.base->id, "US-AC-2023-11");
    // The Diffusion rule is in force but not enforced on the newest date.
    ASSERT_EQ(latest.notEnforced.size(), 1U);
    EXPECT_EQ(latest.notEnforced[0]->id, "US-AID-2025-01");
    EXPECT_THROW(library.stackFor("US-NOPE-2030-01"), ValidationError);
}

TEST_F(BrokenRules, UnknownEccn)
{
    const auto message =
        loadWith("US-AC-2023-11", [](auto& j) { j["destination_rules"][0]["applies_to"][0] = "3A091.a"; });
    EXPECT_EQ(message, file("US-AC-2023-11") + ": destination_rules[0].applies_to: [0]: unknown ECCN \"3A091.a\"");
}

TEST_F(BrokenRules, UnknownCountryCode)
{
    const auto message =
        loadWith("US-AC-2026-01", [](auto& j) { j["destination_rules"][0]["destinations"]["countries"][0] = "XX"; });
    EXPECT_EQ(message, file("US-AC-2026-01") +
                           ": destination_rules[0].destinations.countries: [0]: unknown country code or group \"XX\"");
}

TEST_F(BrokenRules, OverlappingBaseDates)
{
    const auto message = loadWith("US-AC-2022-10", [](auto& j) { j["effective_to"] = "2024-01-01"; });
    EXPECT_EQ(message, file("US-AC-2023-11") +
                           ": effective_from: 2023-11-17 to open overlaps base rule set US-AC-2022-10 (2022-10-07 to "
                           "2024-01-01)");
}

TEST_F(BrokenRules, BadJson)
{
    writeFileAtomically(file("US-HBM-2024-12"), "{\"id\": \"US-HBM-2024-12\",");
    const auto message = loadError();
    EXPECT_TRUE(message.starts_with(file("US-HBM-2024-12") + ": not valid JSON (")) << message;
}

TEST_F(BrokenRules, UnknownField)
{
    const auto message = loadWith("US-AC-2023-11", [](auto& j) {
        j["caps"] = nlohmann::json::array({{{"idd", "x"}}});
    });
    EXPECT_EQ(message, file("US-AC-2023-11") + ": caps[0].idd: unknown field");
}

TEST_F(BrokenRules, BadDate)
{
    const auto message = loadWith("US-AC-2026-01", [](auto& j) { j["effective_from"] = "2026-02-30"; });
    EXPECT_EQ(message, file("US-AC-2026-01") + ": effective_from: \"2026-02-30\" is not a date (YYYY-MM-DD)");
}

TEST_F(BrokenRules, DuplicateId)
{
    std::filesystem::copy_file(file("US-AC-2026-01"), m_dir / "rules" / "copy.json");
    const auto message = loadError();
    EXPECT_EQ(message, (m_dir / "rules" / "copy.json").string() + ": id: \"US-AC-2026-01\" is already defined in " +
                           file("US-AC-2026-01"));
}

TEST_F(BrokenRules, AUserRuleSetCanBeAdded)
{
    auto document = nlohmann::json::parse(readTextFile(file("US-AC-2026-01")));
    document["id"] = "MY-COUNSEL-2027-01";
    document["effective_from"] = "2027-01-01";
    const auto userFile = m_dir / "mine.json";
    writeFileAtomically(userFile, document.dump());
    const RuleLibrary library = RuleLibrary::load(m_dir.path(), {userFile});
    EXPECT_NE(library.find("MY-COUNSEL-2027-01"), nullptr);
    EXPECT_EQ(library.newestDate().toString(), "2027-01-01");
}

} // namespace
} // namespace fw::core::compliance
