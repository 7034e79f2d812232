// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/catalogjson.h"

#include <set>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/validation.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::catalog {
namespace {

FieldValue fieldValueFromJson(const nlohmann::json& j)
{
    switch (j.type()) {
    case nlohmann::json::value_t::null: return {};
    case nlohmann::json::value_t::boolean: return j.get<bool>();
    case nlohmann::json::value_t::number_integer: return j.get<std::int64_t>();
    case nlohmann::json::value_t::number_unsigned: return static_cast<std::int64_t>(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return j.get<double>();
    case nlohmann::json::value_t::string: return j.get<std::string>();
    case nlohmann::json::value_t::array: return j.dump();
    default: return "object " + j.dump();
    }
}

nlohmann::json fieldValueToJson(const FieldValue& v, const FieldInfo& f)
{
    if (f.key == "used_price_curve") {
        return nlohmann::json::parse(std::get<std::string>(v));
    }
    struct {
        nlohmann::json operator()(std::monostate) const { return nullptr; }
        nlohmann::json operator()(double d) const { return d; }
        nlohmann::json operator()(std::int64_t i) const { return i; }
        nlohmann::json operator()(bool b) const { return b; }
        nlohmann::json operator()(const std::string& s) const { return s; }
    } visitor;
    return std::visit(visitor, v);
}

template <class Record>
Record recordFromJson(const nlohmann::json& object, std::size_t index)
{
    const std::string position = "record " + std::to_string(index + 1);
    if (!object.is_object()) {
        throw RecordError(recordKind<Record>(), position, "-", "is not a JSON object");
    }
    Record record;
    std::string label =
        object.contains("sku") && object["sku"].is_string() ? object["sku"].get<std::string>() : position;
    std::set<std::string, std::less<>> known;
    visitFields(record, [&](const FieldInfo& f, auto& member) {
        known.emplace(f.key);
        const auto it = object.find(std::string(f.key));
        if (it == object.end()) {
            throw RecordError(recordKind<Record>(), label, f.key, "missing (use null for an unknown value)");
        }
        try {
            fromFieldValue(member, fieldValueFromJson(*it), f);
        } catch (const ValidationError& e) {
            throw RecordError(recordKind<Record>(), label, f.key, e.what());
        }
    });
    for (const auto& [key, value] : object.items()) {
        if (!known.contains(key)) {
            throw RecordError(recordKind<Record>(), label, key, "unknown field");
        }
    }
    return record;
}

template <class Record>
std::vector<Record> loadRecords(const std::filesystem::path& file, const char* topKey)
{
    const std::string content = readTextFile(file);
    const nlohmann::json document = JsonReader::parse(content, file.string());
    if (!document.is_object() || !document.contains(topKey) || !document[topKey].is_array()) {
        throw FileFormatError(file.string() + ": expected an object with an array \"" + topKey + "\"");
    }
    std::vector<Record> records;
    const auto& array = document[topKey];
    limits::check(limits::catalogRecords, static_cast<double>(array.size()), file.string() + ": " + topKey);
    for (std::size_t i = 0; i < array.size(); ++i) {
        try {
            records.push_back(recordFromJson<Record>(array[i], i));
        } catch (const ValidationError& e) {
            throw FileFormatError(file.string() + ": " + e.what());
        }
    }
    return records;
}

} // namespace

template <class Record>
nlohmann::json recordToJson(const Record& record)
{
    auto object = nlohmann::json::object();
    visitFields(record, [&](const FieldInfo& f, const auto& member) {
        object[std::string(f.key)] = fieldValueToJson(toFieldValue(member, f), f);
    });
    return object;
}

template nlohmann::json recordToJson(const Accelerator&);
template nlohmann::json recordToJson(const System&);
template nlohmann::json recordToJson(const NetworkPart&);

Catalog loadCatalogDirectory(const std::filesystem::path& directory)
{
    const auto acceleratorsFile = directory / "accelerators.json";
    const auto systemsFile = directory / "systems.json";
    const auto networkFile = directory / "network.json";
    Catalog catalog;
    catalog.accelerators = loadRecords<Accelerator>(acceleratorsFile, "accelerators");
    catalog.systems = loadRecords<System>(systemsFile, "systems");
    catalog.networkParts = loadRecords<NetworkPart>(networkFile, "network");
    try {
        validate(catalog);
    } catch (const RecordError& e) {
        const auto& file = e.recordKind() == recordKind<Accelerator>() ? acceleratorsFile
                           : e.recordKind() == recordKind<System>()    ? systemsFile
                                                                       : networkFile;
        throw FileFormatError(file.string() + ": " + e.what());
    }
    return catalog;
}

} // namespace fw::core::catalog
