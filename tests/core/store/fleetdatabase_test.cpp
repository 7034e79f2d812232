// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <random>

#include "core/error.h"
#include "core/fileio.h"
#include "core/store/fleetdatabase.h"
#include "tests/core/testdir.h"

namespace fw::core::store {
namespace {

using tests::TemporaryDirectory;

const Fleet& shippedFleet()
{
    static const Fleet fleet = [] {
        setenv("FLEETWRIGHT_DATA_DIR", tests::shippedData().c_str(), 1);
        return sampleFleet();
    }();
    return fleet;
}

void runSql(const std::filesystem::path& file, const char* sql)
{
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
}

/// Opening `file` fails with exactly `message` and leaves every byte of the file as it was.
void expectOpenFails(const std::filesystem::path& file, const std::string& message)
{
    const std::string before = readTextFile(file);
    try {
        FleetDatabase::open(file);
        ADD_FAILURE() << "opened " << file;
    } catch (const FileFormatError& e) {
        EXPECT_EQ(std::string(e.what()), message);
    }
    EXPECT_EQ(readTextFile(file), before) << "a file that failed to open was modified";
    EXPECT_FALSE(std::filesystem::exists(file.string() + "-journal"));
}

TEST(FleetDatabase, RoundTripsTheFleet)
{
    TemporaryDirectory dir;
    const auto file = dir / "plan.fleet";
    FleetDatabase::create(file, shippedFleet());
    const auto opened = FleetDatabase::open(file);
    EXPECT_EQ(opened.fleet(), shippedFleet());
    EXPECT_EQ(opened.path(), file);
    // The scenarios' JSON keeps their uncertainty: the US sample's three events come back.
    ASSERT_FALSE(opened.fleet().scenarios.empty());
    EXPECT_EQ(opened.fleet().scenarios.front().uncertainty.events.size(), 3u);
}

TEST(FleetDatabase, StampsApplicationIdAndSchema)
{
    TemporaryDirectory dir;
    const auto file = dir / "plan.fleet";
    FleetDatabase::create(file, shippedFleet());
    const std::string bytes = readTextFile(file);
    ASSERT_GT(bytes.size(), 72U);
    EXPECT_EQ(bytes.substr(0, 16), std::string("SQLite format 3\0", 16));
    EXPECT_EQ(bytes.substr(68, 4), "FLWT");                     // application_id, big-endian, at offset 68
    EXPECT_EQ(bytes.substr(60, 4), std::string("\0\0\0\4", 4)); // user_version = 4
}

TEST(FleetDatabase, SavesInPlaceAndSavesAs)
{
    TemporaryDirectory dir;
    const auto file = dir / "plan.fleet";
    auto database = FleetDatabase::create(file, shippedFleet());
    Fleet changed = shippedFleet();
    changed.name = "Edited";
    changed.catalog.accelerators.erase(changed.catalog.accelerators.begin() + 20); // no system uses Gaudi 2
    database.save(changed);
    EXPECT_EQ(FleetDatabase::open(file).fleet(), changed);

    const auto copy = dir / "copy.fleet";
    changed.name = "Copy";
    database.saveAs(copy, changed);
    EXPECT_EQ(database.path(), copy);
    EXPECT_EQ(FleetDatabase::open(copy).fleet().name, "Copy");
    EXPECT_EQ(FleetDatabase::open(file).fleet().name, "Edited");
}

TEST(FleetDatabase, RefusesToSaveAnInvalidCatalogAndKeepsTheFile)
{
    TemporaryDirectory dir;
    const auto file = dir / "plan.fleet";
    auto database = FleetDatabase::create(file, shippedFleet());
    const std::string before = readTextFile(file);
    Fleet broken = shippedFleet();
    broken.catalog.accelerators[1].sku = broken.catalog.accelerators[0].sku;
    EXPECT_THROW(database.save(broken), ValidationError);
    EXPECT_EQ(readTextFile(file), before);
}

TEST(FleetDatabase, RefusesToSaveWhatCouldNotBeOpenedAgainAndKeepsTheFile)
{
    // A site renamed in the GUI to 300 characters: the reader refuses names beyond 256, so saving it
    // would leave a file that does not open. The save stops first, naming the scenario and the field.
    TemporaryDirectory dir;
    const auto file = dir / "plan.fleet";
    auto database = FleetDatabase::create(file, shippedFleet());
    const std::string before = readTextFile(file);
    Fleet renamed = shippedFleet();
    renamed.scenarios.at(0).sites.at(0).name = std::string(300, 'S');
    try {
        database.save(renamed);
        ADD_FAILURE() << "saved a name the reader refuses";
    } catch (const FileFormatError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("scenario 1 of the fleet: sites[0].name: 300 characters", 0), 0u)
            << e.what();
    }
    EXPECT_EQ(readTextFile(file), before);
}

TEST(FleetDatabase, RejectsAFileThatIsNotSqlite)
{
    TemporaryDirectory dir;
    const auto file = dir / "random.fleet";
    std::mt19937 random(7);
    std::string bytes(8192, '\0');
    for (char& c : bytes) {
        c = static_cast<char>(random() & 0xFF);
    }
    writeFileAtomically(file, bytes);
    expectOpenFails(file, file.string() + ": not a fleet database (not an SQLite file)");
}

TEST(FleetDatabase, RejectsAnSqliteFileThatIsNotAFleet)
{
    TemporaryDirectory dir;
    const auto file = dir / "other.db";
    runSql(file, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    expectOpenFails(file, file.string() + ": an SQLite database, but not a Fleetwright fleet database (application_id "
                                          "0x00000000, expected 0x464C5754)");
}

TEST(FleetDatabase, RejectsANewerSchema)
{
    TemporaryDirectory dir;
    const auto file = dir / "future.fleet";
    FleetDatabase::create(file, shippedFleet());
    runSql(file, "PRAGMA user_version = 7");
    expectOpenFails(file, file.string() + ": written by a newer Fleetwright (schema 7; this build reads up to 4)");
}

TEST(FleetDatabase, RejectsACorruptFile)
{
    TemporaryDirectory dir;
    const auto file = dir / "corrupt.fleet";
    FleetDatabase::create(file, shippedFleet());
    std::string bytes = readTextFile(file);
    ASSERT_GT(bytes.size(), 3 * 4096U);
    // Overwrite the second and third pages (b-tree pages of the catalog tables) with garbage.
    for (std::size_t i = 4096; i < 3 * 4096; ++i) {
        bytes[i] = static_cast<char>((i * 37) & 0xFF);
    }
    writeFileAtomically(file, bytes);
    const std::string before = readTextFile(file);
    try {
        FleetDatabase::open(file);
        FAIL() << "opened a corrupt file";
    } catch (const FileFormatError& e) {
        EXPECT_TRUE(std::string(e.what()).starts_with(file.string() + ": corrupt fleet database (")) << e.what();
    }
    EXPECT_EQ(readTextFile(file), before);
}

TEST(FleetDatabase, RejectsATableWithAWrongValue)
{
    TemporaryDirectory dir;
    const auto file = dir / "edited.fleet";
    FleetDatabase::create(file, shippedFleet());
    runSql(file, "UPDATE accelerators SET tdp_w = -5 WHERE sku = 'H100 SXM'");
    expectOpenFails(file, file.string() + ": table accelerators row 3 column 'tdp_w': -5 W is negative; must be ≥ 0");
}

TEST(FleetDatabase, MigratesASchemaOneFileOnSave)
{
    TemporaryDirectory dir;
    const auto file = dir / "old.fleet";
    FleetDatabase::create(file, shippedFleet());
    runSql(file, "ALTER TABLE systems DROP COLUMN price_scope; DROP TABLE scenarios; DROP TABLE plans; "
                 "PRAGMA user_version = 1;"); // as a schema-1 build wrote
    auto database = FleetDatabase::open(file);
    EXPECT_TRUE(database.fleet().scenarios.empty());
    EXPECT_EQ(database.fleet().catalog, shippedFleet().catalog);
    database.save(shippedFleet());
    const std::string bytes = readTextFile(file);
    EXPECT_EQ(bytes.substr(60, 4), std::string("\0\0\0\4", 4));
    EXPECT_EQ(FleetDatabase::open(file).fleet(), shippedFleet());
}

TEST(FleetDatabase, SavedPlansRoundTripAndASchemaTwoFileGainsTheTable)
{
    TemporaryDirectory dir;
    const auto file = dir / "plans.fleet";
    Fleet fleet = shippedFleet();
    fleet.plans.push_back(
        {"US neocloud", "2026-11-28T15:00:00Z", "{\"name\": \"US neocloud\"}", "{\"status\": \"optimal\"}"});
    FleetDatabase::create(file, fleet);
    EXPECT_EQ(FleetDatabase::open(file).fleet(), fleet);
    runSql(file, "ALTER TABLE systems DROP COLUMN price_scope; DROP TABLE plans; "
                 "PRAGMA user_version = 2;"); // as a schema-2 build wrote
    auto database = FleetDatabase::open(file);
    EXPECT_TRUE(database.fleet().plans.empty());
    database.save(fleet);
    EXPECT_EQ(FleetDatabase::open(file).fleet(), fleet);
}

/// A schema-3 file (before price scopes): a price the shipped catalog had gets that record's scope
/// (the MI300X's 205,870 USD was a baseboard), any other price full_system with a note saying so.
TEST(FleetDatabase, ASchemaThreeFileOpensWithPriceScopes)
{
    TemporaryDirectory dir;
    const auto file = dir / "schema3.fleet";
    FleetDatabase::create(file, shippedFleet());
    runSql(file, "ALTER TABLE systems DROP COLUMN price_scope; PRAGMA user_version = 3;"
                 "UPDATE systems SET price_usd = 300000 WHERE sku = 'DGX H100';"
                 "UPDATE systems SET price_usd = 150000, notes = '' WHERE sku = 'Gaudi 3 8-accelerator server';");
    auto database = FleetDatabase::open(file);
    const auto& catalog = database.fleet().catalog;
    const auto scope = [&](const char* sku) { return catalog.findSystem(sku)->priceScope; };
    EXPECT_EQ(scope("MI300X 8-GPU server"), catalog::PriceScope::Baseboard);
    EXPECT_EQ(scope("DGX B200"), catalog::PriceScope::FullSystem);
    EXPECT_EQ(scope("DGX H200"), std::nullopt); // no price, no scope
    EXPECT_EQ(catalog.findSystem("MI300X 8-GPU server")->notes,
              shippedFleet().catalog.findSystem("MI300X 8-GPU server")->notes);
    // Prices the shipped catalog never had: assumed full systems, and said so.
    EXPECT_EQ(scope("DGX H100"), catalog::PriceScope::FullSystem);
    EXPECT_NE(catalog.findSystem("DGX H100")->notes.find("full system ASSUMED"), std::string::npos);
    EXPECT_EQ(scope("Gaudi 3 8-accelerator server"), catalog::PriceScope::FullSystem);
    EXPECT_EQ(catalog.findSystem("Gaudi 3 8-accelerator server")->notes.rfind("Price scope: full system ASSUMED", 0),
              0U);
    Fleet fleet = database.fleet();
    database.save(fleet); // migrates to schema 4
    EXPECT_EQ(readTextFile(file).substr(60, 4), std::string("\0\0\0\4", 4));
    EXPECT_EQ(FleetDatabase::open(file).fleet(), fleet);
}

TEST(FleetDatabase, MissingFileIsAnIoError)
{
    TemporaryDirectory dir;
    EXPECT_THROW(FleetDatabase::open(dir / "absent.fleet"), IoError);
}

TEST(FleetDatabase, CreateLeavesNoTemporaryFiles)
{
    TemporaryDirectory dir;
    FleetDatabase::create(dir / "a.fleet", shippedFleet());
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
    }
    EXPECT_EQ(files, 1U);
}

} // namespace
} // namespace fw::core::store
