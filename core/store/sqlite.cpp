// SPDX-License-Identifier: Apache-2.0
#include "core/store/sqlite.h"

#include <sqlite3.h>

#include "core/limits.h"
#include "core/numbertext.h"

namespace fw::core::store {
namespace {

/// The progress handler runs every this many virtual-machine instructions.
constexpr int stepsPerCall = 1000;

} // namespace

int Connection::countSteps(void* connection)
{
    auto* self = static_cast<Connection*>(connection);
    return ++self->m_steps * stepsPerCall > limits::sqliteSteps.most ? 1 : 0;
}

Connection::Connection(const std::filesystem::path& path, Mode mode) : m_path(path)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::Memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY; break;
    }
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, path.string() + ": cannot open (" + message + ")");
    }
    sqlite3_extended_result_codes(m_db, 0);
    // Defensive settings for files that come from elsewhere (https://www.sqlite.org/security.html).
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    // Fleetwright's schema has neither; one planted in a file must never run.
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    const int length = static_cast<int>(limits::fileBytes.most);
    sqlite3_limit(m_db, SQLITE_LIMIT_LENGTH, length);
    sqlite3_limit(m_db, SQLITE_LIMIT_SQL_LENGTH, 1000000);
    sqlite3_limit(m_db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_progress_handler(m_db, stepsPerCall, &Connection::countSteps, this);
    sqlite3_busy_timeout(m_db, 2000);
    for (const char* pragma : {"PRAGMA cell_size_check = ON", "PRAGMA mmap_size = 0"}) {
        sqlite3_exec(m_db, pragma, nullptr, nullptr, nullptr); // hardening only: a failure changes nothing
    }
}

Connection::~Connection()
{
    sqlite3_close(m_db);
}

void Connection::fail(int rc, std::string_view what) const
{
    if (rc == SQLITE_INTERRUPT && m_steps * stepsPerCall > limits::sqliteSteps.most) {
        throw SqliteError(rc, m_path.string() + ": " + std::string(what) + ": the file makes one query run past " +
                                  formatNumber(limits::sqliteSteps.most) +
                                  " steps of work (a damaged or hostile file; fleetwright-cli limits)");
    }
    throw SqliteError(rc, m_path.string() + ": " + std::string(what) + " (" + sqlite3_errmsg(m_db) + ")");
}

void Connection::execute(std::string_view sql)
{
    startQuery();
    const int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc, "cannot run '" + std::string(sql.substr(0, 40)) + "'");
    }
}

Statement Connection::prepare(std::string_view sql)
{
    startQuery();
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc, "cannot prepare '" + std::string(sql.substr(0, 40)) + "'");
    }
    return Statement(*this, statement);
}

std::int64_t Connection::pragmaInteger(std::string_view name)
{
    auto statement = prepare("PRAGMA " + std::string(name));
    if (!statement.step()) {
        return 0;
    }
    const auto value = statement.column(0);
    const auto* integer = std::get_if<std::int64_t>(&value);
    return integer ? *integer : 0;
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement::Statement(Statement&& other) noexcept : m_connection(other.m_connection), m_statement(other.m_statement)
{
    other.m_statement = nullptr;
}

void Statement::bind(int index, const SqlValue& value)
{
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(value)) {
        rc = sqlite3_bind_null(m_statement, index);
    } else if (const auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(m_statement, index, *d);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(m_statement, index, *i);
    } else if (const auto* b = std::get_if<bool>(&value)) {
        rc = sqlite3_bind_int(m_statement, index, *b ? 1 : 0);
    } else {
        const auto& text = std::get<std::string>(value);
        rc = sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) {
        m_connection->fail(rc, "cannot bind a value");
    }
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    m_connection->fail(rc, "cannot read or write");
}

SqlValue Statement::column(int index) const
{
    switch (sqlite3_column_type(m_statement, index)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(m_statement, index));
    case SQLITE_FLOAT: return sqlite3_column_double(m_statement, index);
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, index));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, index)));
    }
    case SQLITE_BLOB: return std::string("<binary data>");
    default: return {};
    }
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_statement);
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Transaction::Transaction(Connection& connection) : m_connection(connection)
{
    m_connection.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_connection.execute("ROLLBACK");
        } catch (const Error&) {
            // The engine rolls back by itself when ROLLBACK fails; nothing more can be done here.
        }
    }
}

void Transaction::commit()
{
    m_connection.execute("COMMIT");
    m_done = true;
}

} // namespace fw::core::store
