// SPDX-License-Identifier: Apache-2.0
#include "core/store/fleetdatabase.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/catalog/fieldvalue.h"
#include "core/catalog/validation.h"
#include "core/fileio.h"
#include "core/limits.h"
#include "core/store/catalogtables.h"
#include "core/store/sqlite.h"

namespace fw::core::store {
namespace {

std::string hex(std::int64_t value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%08llX", static_cast<unsigned long long>(value & 0xFFFFFFFF));
    return buffer;
}

/// Schema 2 adds the scenarios, each stored as its JSON form (plan/scenario.h).
void createScenarioTable(Connection& db)
{
    db.execute(
        "CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL) STRICT");
}

/// Schema 3 adds the saved plans.
void createPlanTable(Connection& db)
{
    db.execute("CREATE TABLE plans (position INTEGER PRIMARY KEY, scenario TEXT NOT NULL UNIQUE, saved_at TEXT NOT "
               "NULL, scenario_json TEXT NOT NULL, plan_json TEXT NOT NULL) STRICT");
}

/// The tables of schema `version` (1 to schemaVersion), as that version's build created them.
void createTables(Connection& db, std::int64_t version)
{
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT");
    createCatalogTables(db, version);
    if (version >= 2) {
        createScenarioTable(db);
    }
    if (version >= 3) {
        createPlanTable(db);
    }
}

void createSchema(Connection& db)
{
    db.execute("PRAGMA application_id = " + std::to_string(FleetDatabase::applicationId));
    db.execute("PRAGMA user_version = " + std::to_string(FleetDatabase::schemaVersion));
    createTables(db, FleetDatabase::schemaVersion);
}

/// Every object of the schema (tables, their indexes, and anything planted: triggers, views), as
/// "type name on table: SQL" lines in name order.
std::vector<std::string> schemaObjects(Connection& db)
{
    std::vector<std::string> objects;
    auto select = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name, type");
    while (select.step()) {
        objects.push_back(catalog::toText(select.column(0)) + " '" + catalog::toText(select.column(1)) + "' on '" +
                          catalog::toText(select.column(2)) + "': " + catalog::toText(select.column(3)));
    }
    return objects;
}

/// Refuses a file whose schema is not exactly what this build creates for its version: a planted
/// trigger or view, a table replaced by a view, a table defined differently. FileFormatError
/// naming the first object that differs.
void checkSchema(Connection& db, std::int64_t version)
{
    Connection expected(":memory:", Connection::Mode::Memory);
    createTables(expected, version);
    const auto want = schemaObjects(expected);
    const auto have = schemaObjects(db);
    for (const auto& object : have) {
        if (std::find(want.begin(), want.end(), object) == want.end()) {
            throw FileFormatError(db.path().string() + ": not created by Fleetwright: " +
                                  object.substr(0, object.find(':')) + " (refused: the file may be hostile)");
        }
    }
    for (const auto& object : want) {
        if (std::find(have.begin(), have.end(), object) == have.end()) {
            throw FileFormatError(db.path().string() + ": corrupt fleet database (missing " +
                                  object.substr(0, object.find(':')) + ")");
        }
    }
}

/// Brings a file of an older schema up to this build's, inside the caller's transaction.
void migrate(Connection& db)
{
    const std::int64_t version = db.pragmaInteger("user_version");
    if (version < 2) {
        createScenarioTable(db);
    }
    if (version < 3) {
        createPlanTable(db);
    }
    migrateCatalogTables(db, version);
    db.execute("PRAGMA user_version = " + std::to_string(FleetDatabase::schemaVersion));
}

void writeFleet(Connection& db, const Fleet& fleet)
{
    db.execute("DELETE FROM meta");
    auto insert = db.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)");
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"name", fleet.name},
                                     {"company_name", fleet.company.name},
                                     {"company_hq_country", fleet.company.hqCountry},
                                     {"company_parent_hq_country", fleet.company.parentHqCountry}}) {
        insert.reset();
        insert.bind(1, std::string(key));
        insert.bind(2, value);
        insert.step();
    }
    writeCatalog(db, fleet.catalog);
    db.execute("DELETE FROM scenarios");
    auto scenario = db.prepare("INSERT INTO scenarios (position, name, json) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < fleet.scenarios.size(); ++i) {
        scenario.reset();
        scenario.bind(1, static_cast<std::int64_t>(i));
        scenario.bind(2, fleet.scenarios[i].name);
        scenario.bind(3, plan::scenarioToJson(fleet.scenarios[i]));
        scenario.step();
    }
    db.execute("DELETE FROM plans");
    auto plan = db.prepare(
        "INSERT INTO plans (position, scenario, saved_at, scenario_json, plan_json) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < fleet.plans.size(); ++i) {
        const SavedPlan& saved = fleet.plans[i];
        plan.reset();
        plan.bind(1, static_cast<std::int64_t>(i));
        plan.bind(2, saved.scenario);
        plan.bind(3, saved.savedAt);
        plan.bind(4, saved.scenarioJson);
        plan.bind(5, saved.planJson);
        plan.step();
    }
}

Fleet readFleet(Connection& db)
{
    Fleet fleet;
    auto select = db.prepare("SELECT key, value FROM meta");
    while (select.step()) {
        const std::string key = catalog::toText(select.column(0));
        const std::string value = catalog::toText(select.column(1));
        if (key == "name") {
            fleet.name = value;
        } else if (key == "company_name") {
            fleet.company.name = value;
        } else if (key == "company_hq_country") {
            fleet.company.hqCountry = value;
        } else if (key == "company_parent_hq_country") {
            fleet.company.parentHqCountry = value;
        }
    }
    fleet.catalog = readCatalog(db, db.pragmaInteger("user_version"));
    if (db.pragmaInteger("user_version") >= 2) {
        auto scenarios = db.prepare("SELECT name, json FROM scenarios ORDER BY position");
        while (scenarios.step()) {
            const std::string name = catalog::toText(scenarios.column(0));
            fleet.scenarios.push_back(plan::scenarioFromJson(catalog::toText(scenarios.column(1)),
                                                             db.path().string() + " scenario '" + name + "'"));
        }
    }
    if (db.pragmaInteger("user_version") >= 3) {
        auto plans = db.prepare("SELECT scenario, saved_at, scenario_json, plan_json FROM plans ORDER BY position");
        while (plans.step()) {
            fleet.plans.push_back({catalog::toText(plans.column(0)), catalog::toText(plans.column(1)),
                                   catalog::toText(plans.column(2)), catalog::toText(plans.column(3))});
        }
    }
    return fleet;
}

/// Reads and checks an open read-only connection; every failure is a FileFormatError naming the file.
Fleet readChecked(Connection& db)
{
    const std::string file = db.path().string();
    const std::int64_t id = db.pragmaInteger("application_id");
    if (id != FleetDatabase::applicationId) {
        throw FileFormatError(file + ": an SQLite database, but not a Fleetwright fleet database (application_id " +
                              hex(id) + ", expected " + hex(FleetDatabase::applicationId) + ")");
    }
    const std::int64_t version = db.pragmaInteger("user_version");
    if (version > FleetDatabase::schemaVersion) {
        throw FileFormatError(file + ": written by a newer Fleetwright (schema " + std::to_string(version) +
                              "; this build reads up to " + std::to_string(FleetDatabase::schemaVersion) + ")");
    }
    if (version < 1) {
        throw FileFormatError(file + ": fleet database with unknown schema " + std::to_string(version));
    }
    checkSchema(db, version);
    auto check = db.prepare("PRAGMA quick_check(1)");
    if (check.step()) {
        const std::string verdict = catalog::toText(check.column(0));
        if (verdict != "ok") {
            throw FileFormatError(file + ": corrupt fleet database (" + verdict + ")");
        }
    }
    Fleet fleet = readFleet(db);
    try {
        catalog::validate(fleet.catalog);
        checkReferences(fleet);
    } catch (const ValidationError& e) {
        throw FileFormatError(file + ": " + e.what());
    }
    return fleet;
}

void writeNewFile(const std::filesystem::path& path, const Fleet& fleet)
{
    TemporaryFile temporary(path);
    {
        Connection db(temporary.path(), Connection::Mode::Create);
        db.execute("PRAGMA journal_mode = DELETE");
        db.execute("PRAGMA synchronous = FULL");
        Transaction transaction(db);
        createSchema(db);
        writeFleet(db, fleet);
        transaction.commit();
    }
    temporary.commit();
}

/// The checks every save and create makes before writing: valid catalog, no dangling reference.
void checkBeforeWriting(const Fleet& fleet)
{
    catalog::validate(fleet.catalog);
    checkReferences(fleet);
    // What is saved must open again: a scenario the reader would refuse (a name beyond its limit
    // typed in the GUI) stops the save before the file is touched.
    for (std::size_t i = 0; i < fleet.scenarios.size(); ++i) {
        plan::scenarioFromJson(plan::scenarioToJson(fleet.scenarios[i]),
                               "scenario " + std::to_string(i + 1) + " of the fleet");
    }
}

/// A save killed mid-write leaves a hot journal beside the file; SQLite rolls it back when the file
/// is next opened for writing. Opening read-only cannot, so roll it back here, once, before reading.
void rollBackInterruptedSave(const std::filesystem::path& path)
{
    std::filesystem::path journal = path;
    journal += "-journal";
    std::error_code ec;
    if (!std::filesystem::exists(journal, ec)) {
        return;
    }
    try {
        Connection db(path, Connection::Mode::ReadWrite);
        db.pragmaInteger("schema_version"); // the first read rolls a hot journal back
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_READONLY || e.code() == SQLITE_CANTOPEN || e.code() == SQLITE_PERM) {
            throw IoError(path.string() + ": an interrupted save left " + journal.filename().string() +
                          "; open the file once with write permission to roll it back");
        }
        throw;
    }
}

/// An SQLite header whose database size is valid (https://www.sqlite.org/fileformat.html#in_header_database_size)
/// must not promise more pages than the file has: a file cut short would read missing pages as zeros.
void checkNotTruncated(const std::filesystem::path& path, std::uintmax_t size)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char header[100] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header) ||
        std::string_view(reinterpret_cast<const char*>(header), 16) != std::string_view("SQLite format 3\0", 16)) {
        return; // not SQLite: SQLite's own open says so
    }
    const auto big = [&](int at, int bytes) {
        std::uint64_t value = 0;
        for (int i = 0; i < bytes; ++i) {
            value = value << 8 | header[at + i];
        }
        return value;
    };
    const std::uint64_t pageSize = big(16, 2) == 1 ? 65536 : big(16, 2);
    const std::uint64_t pages = big(28, 4);
    const bool sizeValid = pages > 0 && big(24, 4) == big(92, 4);
    if (sizeValid && size < pages * pageSize) {
        throw FileFormatError(path.string() + ": corrupt fleet database (truncated: " + std::to_string(size) +
                              " bytes of " + std::to_string(pages * pageSize) + ")");
    }
}

/// What the file system says before SQLite is asked: a directory, an empty or oversized file.
void checkFileItself(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw IoError(path.string() + ": is a directory, not a fleet file");
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw IoError(path.string() + ": no such file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0) {
        throw FileFormatError(path.string() + ": empty file (0 bytes), not a fleet database");
    }
    if (!ec) {
        limits::check(limits::fleetFileBytes, static_cast<double>(size), path.string());
    }
}

} // namespace

FleetDatabase FleetDatabase::open(const std::filesystem::path& path)
{
    checkFileItself(path);
    removeStaleTemporaries(path);
    try {
        rollBackInterruptedSave(path);
        std::error_code sizeError;
        if (const auto size = std::filesystem::file_size(path, sizeError); !sizeError) {
            checkNotTruncated(path, size);
        }
        Connection db(path, Connection::Mode::ReadOnly);
        return FleetDatabase(path, readChecked(db));
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_NOTADB) {
            throw FileFormatError(path.string() + ": not a fleet database (not an SQLite file)");
        }
        if (e.code() == SQLITE_CORRUPT) {
            throw FileFormatError(path.string() + ": corrupt fleet database (" + sqlite3_errstr(e.code()) + ")");
        }
        throw;
    }
}

FleetDatabase FleetDatabase::create(const std::filesystem::path& path, const Fleet& fleet)
{
    checkBeforeWriting(fleet);
    writeNewFile(path, fleet);
    return FleetDatabase(path, fleet);
}

void FleetDatabase::save(const Fleet& fleet)
{
    checkBeforeWriting(fleet);
    Connection db(m_path, Connection::Mode::ReadWrite);
    db.execute("PRAGMA synchronous = FULL");
    Transaction transaction(db);
    // The file may have changed since it was read: write only into the schema this build made.
    try {
        checkSchema(db, db.pragmaInteger("user_version"));
    } catch (const FileFormatError& e) {
        throw IoError(std::string(e.what()) + "; not saved");
    }
    migrate(db);
    writeFleet(db, fleet);
    transaction.commit();
    m_fleet = fleet;
}

void FleetDatabase::saveAs(const std::filesystem::path& path, const Fleet& fleet)
{
    *this = create(path, fleet);
}

} // namespace fw::core::store
