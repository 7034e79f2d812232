// SPDX-License-Identifier: Apache-2.0
#include "core/jsonreader.h"

#include <cmath>
#include <cstring>

#include "core/error.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/textforms.h"

namespace fw::core {

nlohmann::json JsonReader::parse(const std::string& text, const std::string& file, const limits::Limit& size)
{
    limits::check(size, static_cast<double>(text.size()), file);
    // Refused while parsing, before a deep document is built: destroying one recurses per level.
    const auto depthLimit = [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > static_cast<int>(limits::jsonDepth.most)) {
            throw FileFormatError(file + ": JSON nested deeper than " + formatNumber(limits::jsonDepth.most) +
                                  " levels");
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text, depthLimit);
    } catch (const nlohmann::json::out_of_range& e) {
        // 406: a number such as 1e999 that no double holds.
        throw FileFormatError(file + ": not valid JSON (" + e.what() + "; numbers must be finite)");
    } catch (const nlohmann::json::exception& e) {
        throw FileFormatError(file + ": not valid JSON (" + e.what() + ")");
    }
}

std::string JsonReader::childPath(const std::string& key) const
{
    return m_path.empty() ? key : m_path + "." + key;
}

void JsonReader::fail(const std::string& problem) const
{
    throw FileFormatError(m_file + ": " + (m_path.empty() ? std::string("document") : m_path) + ": " + problem);
}

void JsonReader::failAt(const char* key, const std::string& problem) const
{
    throw FileFormatError(m_file + ": " + childPath(key) + ": " + problem);
}

void JsonReader::expectObject(std::initializer_list<const char*> allowed) const
{
    if (!m_value.is_object()) {
        fail("expected an object, found " + std::string(m_value.type_name()));
    }
    for (const auto& item : m_value.items()) {
        const std::string& key = item.key(); // not a structured binding: clang 14 cannot capture one
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
        if (!known) {
            failAt(key.c_str(), "unknown field");
        }
    }
}

bool JsonReader::has(const char* key) const
{
    return m_value.is_object() && m_value.contains(key);
}

JsonReader JsonReader::at(const char* key) const
{
    if (!has(key)) {
        failAt(key, "missing");
    }
    return JsonReader(m_value.at(key), m_file, childPath(key));
}

std::vector<JsonReader> JsonReader::array(const char* key) const
{
    const JsonReader member = at(key);
    if (!member.m_value.is_array()) {
        failAt(key, "expected an array");
    }
    std::vector<JsonReader> items;
    for (std::size_t i = 0; i < member.m_value.size(); ++i) {
        items.emplace_back(member.m_value[i], m_file, member.m_path + "[" + std::to_string(i) + "]");
    }
    return items;
}

std::vector<JsonReader> JsonReader::optionalArray(const char* key) const
{
    if (!has(key) || m_value.at(key).is_null()) {
        return {};
    }
    return array(key);
}

std::string JsonReader::asText() const
{
    if (!m_value.is_string()) {
        fail("expected text, found " + std::string(m_value.type_name()));
    }
    const auto& value = m_value.get_ref<const std::string&>();
    // JSON may escape one (\u0000), but no name or note holds it, and it would end every message quoting it.
    if (value.find('\0') != std::string::npos) {
        fail("holds a NUL character (\\u0000)");
    }
    try {
        limits::check(limits::textCharacters, characterCount(value), "");
    } catch (const ValidationError& e) {
        fail(e.what());
    }
    return value;
}

std::string JsonReader::name(const char* key) const
{
    const std::string value = text(key);
    try {
        limits::check(limits::nameCharacters, characterCount(value), "");
    } catch (const ValidationError& e) {
        failAt(key, e.what());
    }
    return value;
}

std::string JsonReader::text(const char* key) const
{
    const std::string value = at(key).asText();
    if (value.empty()) {
        failAt(key, "must not be empty");
    }
    return value;
}

std::optional<std::string> JsonReader::optionalText(const char* key) const
{
    if (!has(key) || m_value.at(key).is_null()) {
        return std::nullopt;
    }
    return at(key).asText();
}

double JsonReader::number(const char* key) const
{
    const auto value = optionalNumber(key);
    if (!value) {
        failAt(key, "missing");
    }
    return *value;
}

double JsonReader::number(const char* key, const limits::Limit& limit) const
{
    const auto value = optionalNumber(key, limit);
    if (!value) {
        failAt(key, "missing");
    }
    return *value;
}

std::optional<double> JsonReader::optionalNumber(const char* key, const limits::Limit& limit) const
{
    const auto value = optionalNumber(key);
    if (value) {
        try {
            limits::check(limit, *value, "");
        } catch (const ValidationError& e) {
            failAt(key, e.what());
        }
    }
    return value;
}

int JsonReader::whole(const char* key, const limits::Limit& limit) const
{
    const auto value = optionalWhole(key, limit);
    if (!value) {
        failAt(key, "missing");
    }
    return *value;
}

std::optional<int> JsonReader::optionalWhole(const char* key, const limits::Limit& limit) const
{
    const auto value = optionalNumber(key, limit);
    if (!value) {
        return std::nullopt;
    }
    if (*value != std::floor(*value)) {
        failAt(key, formatNumber(*value) + " is not a whole number");
    }
    return static_cast<int>(*value);
}

std::optional<double> JsonReader::optionalNumber(const char* key) const
{
    if (!has(key) || m_value.at(key).is_null()) {
        return std::nullopt;
    }
    const auto& member = m_value.at(key);
    if (!member.is_number()) {
        failAt(key, "expected a number, found " + std::string(member.type_name()));
    }
    const double value = member.get<double>();
    if (!std::isfinite(value)) {
        failAt(key, formatNumber(value) + " is not a finite number");
    }
    return value;
}

std::optional<bool> JsonReader::optionalBoolean(const char* key) const
{
    if (!has(key) || m_value.at(key).is_null()) {
        return std::nullopt;
    }
    const auto& member = m_value.at(key);
    if (!member.is_boolean()) {
        failAt(key, "expected true or false, found " + std::string(member.type_name()));
    }
    return member.get<bool>();
}

std::vector<std::string> JsonReader::texts(const char* key) const
{
    std::vector<std::string> values;
    for (const auto& item : optionalArray(key)) {
        values.push_back(item.asText());
    }
    return values;
}

} // namespace fw::core
