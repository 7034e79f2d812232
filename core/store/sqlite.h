// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/catalog/fields.h"
#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fw::core::store {

/// A value in an SQLite column: NULL, REAL, INTEGER (booleans as 0/1) or TEXT.
using SqlValue = catalog::FieldValue;

/// The engine reported an error. `code()` is the SQLite primary result code, so callers can tell
/// SQLITE_NOTADB and SQLITE_CORRUPT from other failures.
class SqliteError : public IoError {
public:
    SqliteError(int code, const std::string& message) : IoError(message), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

class Statement;

/// One open database connection (RAII). Errors name the file. Not thread-safe: use it from one
/// thread at a time. Every file is treated as hostile (https://www.sqlite.org/security.html):
/// defensive mode, untrusted schema, no triggers or views run, strings and SQL bounded by
/// limits::fileBytes, and each query (prepare, then its steps) bounded by limits::sqliteSteps of
/// the engine's work: past it the query stops with an IoError saying so.
class Connection {
public:
    enum class Mode { ReadOnly, ReadWrite, Create, Memory };
    Connection(const std::filesystem::path& path, Mode mode);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    void execute(std::string_view sql);
    Statement prepare(std::string_view sql);
    /// The integer a `PRAGMA name` returns.
    std::int64_t pragmaInteger(std::string_view name);

    /// Throws SqliteError "<file>: <what>: <engine message>" for result code `rc`.
    [[noreturn]] void fail(int rc, std::string_view what) const;

    /// Starts a new query's work budget (prepare() and execute() call it).
    void startQuery() { m_steps = 0; }

private:
    static int countSteps(void* connection);

    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
    std::int64_t m_steps = 0; ///< progress-handler calls of the current query
};

/// A prepared statement (RAII). Parameters are numbered from 1, columns from 0.
class Statement {
public:
    Statement(Connection& connection, sqlite3_stmt* statement) : m_connection(&connection), m_statement(statement) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    void bind(int index, const SqlValue& value);
    /// Runs to the next row; false when done.
    bool step();
    SqlValue column(int index) const;
    int columnCount() const;
    void reset();

private:
    Connection* m_connection;
    sqlite3_stmt* m_statement;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() ran.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

} // namespace fw::core::store
