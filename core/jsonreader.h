// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/limits.h"

namespace fw::core {

/// Reads one JSON value of a hand-written document, keeping its path (`caps[1].limit_tpp`) so that
/// every error is one line naming the file, the path and the problem. Throws FileFormatError.
class JsonReader {
public:
    JsonReader(const nlohmann::json& value, std::string file, std::string path = {})
        : m_value(value), m_file(std::move(file)), m_path(std::move(path))
    {}

    /// Parses `text`; a syntax or UTF-8 error, a number no double holds, nesting beyond
    /// limits::jsonDepth or a text beyond `size` becomes an error naming `file`.
    static nlohmann::json parse(const std::string& text, const std::string& file,
                                const limits::Limit& size = limits::fileBytes);

    const nlohmann::json& value() const { return m_value; }
    const std::string& path() const { return m_path; }

    /// Requires an object whose keys are all in `allowed`.
    void expectObject(std::initializer_list<const char*> allowed) const;
    bool has(const char* key) const;
    /// The member `key` (which must exist).
    JsonReader at(const char* key) const;
    /// The elements of an array (which may be empty); `key` must exist and be an array.
    std::vector<JsonReader> array(const char* key) const;
    /// The elements of an array member that may be absent or null (then empty).
    std::vector<JsonReader> optionalArray(const char* key) const;

    /// Text of at most limits::textCharacters characters (text() also not empty).
    std::string text(const char* key) const;
    std::optional<std::string> optionalText(const char* key) const;
    /// A name: text of at most limits::nameCharacters characters (for files whose names no later check
    /// reads; a scenario's are checked with the rest of it by checkScenario).
    std::string name(const char* key) const;
    double number(const char* key) const;
    std::optional<double> optionalNumber(const char* key) const;
    /// number(key) (or optionalNumber(key)) within `limit`, else FileFormatError naming the limit.
    double number(const char* key, const limits::Limit& limit) const;
    std::optional<double> optionalNumber(const char* key, const limits::Limit& limit) const;
    /// number(key, limit) (or optionalNumber(key, limit)) that must be whole; `limit` must lie
    /// within an int.
    int whole(const char* key, const limits::Limit& limit) const;
    std::optional<int> optionalWhole(const char* key, const limits::Limit& limit) const;
    std::optional<bool> optionalBoolean(const char* key) const;
    std::vector<std::string> texts(const char* key) const; ///< an optional array of strings

    /// This value as a string of at most limits::textCharacters characters.
    std::string asText() const;

    /// Throws FileFormatError "<file>: <path>: <problem>".
    [[noreturn]] void fail(const std::string& problem) const;
    [[noreturn]] void failAt(const char* key, const std::string& problem) const;

private:
    std::string childPath(const std::string& key) const;

    const nlohmann::json& m_value;
    std::string m_file;
    std::string m_path;
};

} // namespace fw::core
