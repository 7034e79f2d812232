// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/fieldvalue.h"

#include <charconv>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::catalog {
namespace {

std::string describe(const FieldValue& v)
{
    struct {
        std::string operator()(std::monostate) const { return "empty"; }
        std::string operator()(double d) const { return "number " + formatNumber(d); }
        std::string operator()(std::int64_t i) const { return "number " + std::to_string(i); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::string& s) const { return "text \"" + s + "\""; }
    } visitor;
    return std::visit(visitor, v);
}

[[noreturn]] void wrongType(const FieldValue& v, std::string_view expected)
{
    throw ValidationError(describe(v) + " where " + std::string(expected) + " is expected");
}

void requirePresent(const FieldValue& v, const FieldInfo& f)
{
    if (f.required && std::holds_alternative<std::monostate>(v)) {
        throw ValidationError("required value is missing");
    }
}

template <class Enum>
Enum parseEnum(std::string_view text, std::initializer_list<Enum> values)
{
    std::string allowed;
    for (Enum e : values) {
        if (toString(e) == text) {
            return e;
        }
        allowed += (allowed.empty() ? "" : ", ") + std::string(toString(e));
    }
    throw ValidationError("\"" + std::string(text) + "\" is not one of " + allowed);
}

template <class Enum>
void enumFromFieldValue(Enum& m, const FieldValue& v, const FieldInfo& f, Enum (*parse)(std::string_view))
{
    requirePresent(v, f);
    const auto* text = std::get_if<std::string>(&v);
    if (text == nullptr) {
        wrongType(v, "text");
    }
    m = parse(*text);
}

/// An optional enumeration: empty for no value, else as enumFromFieldValue.
template <class Enum>
void optionalEnumFromFieldValue(std::optional<Enum>& m, const FieldValue& v, const FieldInfo& f,
                                Enum (*parse)(std::string_view))
{
    m.reset();
    if (!std::holds_alternative<std::monostate>(v)) {
        m.emplace();
        enumFromFieldValue(*m, v, f, parse);
    }
}

} // namespace

double fileValueFor(double base, double scale)
{
    if (scale == 1.0) {
        return base;
    }
    double candidate = base / scale;
    if (candidate * scale == base) {
        return candidate;
    }
    // Division and multiplication are each correctly rounded, so the exact quotient lies within one
    // unit in the last place of `candidate`; try its neighbours.
    for (double next : {std::nextafter(candidate, 0.0), std::nextafter(candidate, candidate * 2.0 + 1.0)}) {
        if (next * scale == base) {
            return next;
        }
    }
    return candidate;
}

std::string_view toString(TrainingCapability value)
{
    switch (value) {
    case TrainingCapability::Yes: return "yes";
    case TrainingCapability::Limited: return "limited";
    case TrainingCapability::No: return "no";
    }
    return "yes";
}

std::string_view toString(Cooling value)
{
    return value == Cooling::Liquid ? "liquid" : "air";
}

std::string_view toString(NetworkPartKind value)
{
    switch (value) {
    case NetworkPartKind::Switch: return "switch";
    case NetworkPartKind::Optic: return "optic";
    case NetworkPartKind::Cable: return "cable";
    }
    return "switch";
}

std::string_view toString(PriceScope value)
{
    switch (value) {
    case PriceScope::FullSystem: return "full_system";
    case PriceScope::Baseboard: return "baseboard";
    case PriceScope::AcceleratorOnly: return "accelerator_only";
    }
    return "full_system";
}

TrainingCapability parseTrainingCapability(std::string_view text)
{
    return parseEnum(text, {TrainingCapability::Yes, TrainingCapability::Limited, TrainingCapability::No});
}

Cooling parseCooling(std::string_view text)
{
    return parseEnum(text, {Cooling::Air, Cooling::Liquid});
}

NetworkPartKind parseNetworkPartKind(std::string_view text)
{
    return parseEnum(text, {NetworkPartKind::Switch, NetworkPartKind::Optic, NetworkPartKind::Cable});
}

PriceScope parsePriceScope(std::string_view text)
{
    return parseEnum(text, {PriceScope::FullSystem, PriceScope::Baseboard, PriceScope::AcceleratorOnly});
}

std::string usedPriceCurveToJson(const std::vector<UsedPrice>& curve)
{
    auto array = nlohmann::json::array();
    for (const auto& point : curve) {
        array.push_back({{"date", point.date.toString()}, {"price_usd", point.price.base()}, {"source", point.source}});
    }
    return array.dump();
}

std::vector<UsedPrice> usedPriceCurveFromJson(std::string_view json)
{
    if (json.empty()) {
        return {};
    }
    // The depth check of JsonReader::parse matters here too: the curve is text from a file.
    nlohmann::json array;
    try {
        array = JsonReader::parse(std::string(json), "used-price curve");
    } catch (const FileFormatError&) {
        throw ValidationError("used prices are not a JSON array");
    }
    if (!array.is_array()) {
        throw ValidationError("used prices are not a JSON array");
    }
    std::vector<UsedPrice> curve;
    for (const auto& point : array) {
        if (!point.is_object() || point.size() != 3 || !point.contains("date") || !point.contains("price_usd") ||
            !point.contains("source") || !point["date"].is_string() || !point["price_usd"].is_number() ||
            !point["source"].is_string()) {
            throw ValidationError("used price " + point.dump() +
                                  " must be {\"date\": \"YYYY-MM-DD\", \"price_usd\": number, \"source\": text}");
        }
        const double price = point["price_usd"].get<double>();
        if (!(price > 0.0) || !std::isfinite(price)) {
            throw ValidationError("used price " + point.dump() + " must be a positive number of USD");
        }
        limits::check(limits::money, price, "used price price_usd");
        curve.push_back(
            {Date::parse(point["date"].get<std::string>()), units::usd(price), point["source"].get<std::string>()});
    }
    return curve;
}

void fromFieldValue(std::string& m, const FieldValue& v, const FieldInfo& f)
{
    if (std::holds_alternative<std::monostate>(v) && !f.required) {
        m.clear();
        return;
    }
    requirePresent(v, f);
    const auto* text = std::get_if<std::string>(&v);
    if (text == nullptr) {
        wrongType(v, "text");
    }
    if (f.required && text->empty()) {
        throw ValidationError("required value is empty");
    }
    m = *text;
}

void fromFieldValue(std::optional<std::string>& m, const FieldValue& v, const FieldInfo& f)
{
    m.reset();
    // Empty text is "not published", as null is: a CSV cell cannot tell the two apart.
    if (const auto* text = std::get_if<std::string>(&v);
        std::holds_alternative<std::monostate>(v) || (text && text->empty())) {
        return;
    }
    std::string text;
    fromFieldValue(text, v, f);
    m = std::move(text);
}

void fromFieldValue(int& m, const FieldValue& v, const FieldInfo& f)
{
    requirePresent(v, f);
    std::optional<int> value;
    fromFieldValue(value, v, f);
    m = value.value_or(0);
}

void fromFieldValue(std::optional<int>& m, const FieldValue& v, const FieldInfo&)
{
    m.reset();
    if (std::holds_alternative<std::monostate>(v)) {
        return;
    }
    std::int64_t integer = 0;
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        integer = *i;
    } else if (const auto* d = std::get_if<double>(&v); d != nullptr && std::floor(*d) == *d && std::abs(*d) < 1e15) {
        integer = static_cast<std::int64_t>(*d);
    } else {
        wrongType(v, "a whole number");
    }
    if (integer < 0) {
        throw ValidationError(std::to_string(integer) + " is out of range; must be ≥ 0");
    }
    limits::check(limits::catalogWhole, static_cast<double>(integer), "");
    m = static_cast<int>(integer);
}

void fromFieldValue(bool& m, const FieldValue& v, const FieldInfo& f)
{
    requirePresent(v, f);
    if (const auto* b = std::get_if<bool>(&v)) {
        m = *b;
    } else if (const auto* i = std::get_if<std::int64_t>(&v); i != nullptr && (*i == 0 || *i == 1)) {
        m = *i == 1; // SQLite stores booleans as 0 and 1
    } else {
        wrongType(v, "true or false");
    }
}

void fromFieldValue(std::optional<double>& m, const FieldValue& v, const FieldInfo& f)
{
    m.reset();
    if (std::holds_alternative<std::monostate>(v)) {
        requirePresent(v, f);
        return;
    }
    double number = 0.0;
    if (const auto* d = std::get_if<double>(&v)) {
        number = *d;
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
        number = static_cast<double>(*i);
    } else {
        wrongType(v, "a number");
    }
    if (!std::isfinite(number)) {
        throw ValidationError(describe(v) + " is not a finite number");
    }
    if (number < 0.0) {
        throw ValidationError(formatNumber(number) + " " + std::string(f.unit) + " is negative; must be ≥ 0");
    }
    m = limits::check(limits::catalogNumber, number, "");
}

void fromFieldValue(TrainingCapability& m, const FieldValue& v, const FieldInfo& f)
{
    enumFromFieldValue(m, v, f, &parseTrainingCapability);
}

void fromFieldValue(Cooling& m, const FieldValue& v, const FieldInfo& f)
{
    enumFromFieldValue(m, v, f, &parseCooling);
}

void fromFieldValue(std::optional<Cooling>& m, const FieldValue& v, const FieldInfo& f)
{
    optionalEnumFromFieldValue(m, v, f, &parseCooling);
}

void fromFieldValue(std::optional<PriceScope>& m, const FieldValue& v, const FieldInfo& f)
{
    optionalEnumFromFieldValue(m, v, f, &parsePriceScope);
}

void fromFieldValue(NetworkPartKind& m, const FieldValue& v, const FieldInfo& f)
{
    enumFromFieldValue(m, v, f, &parseNetworkPartKind);
}

void fromFieldValue(std::vector<UsedPrice>& m, const FieldValue& v, const FieldInfo&)
{
    m.clear();
    if (std::holds_alternative<std::monostate>(v)) {
        return;
    }
    const auto* text = std::get_if<std::string>(&v);
    if (text == nullptr) {
        wrongType(v, "a JSON array of used prices");
    }
    m = usedPriceCurveFromJson(*text);
}

std::string toText(const FieldValue& value)
{
    struct {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(double d) const { return formatNumber(d); }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::string& s) const { return s; }
    } visitor;
    return std::visit(visitor, value);
}

FieldValue parseTextAs(std::string_view text, const FieldValue& typeExample)
{
    if (text.empty()) {
        return {};
    }
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (std::holds_alternative<std::int64_t>(typeExample)) {
        std::int64_t value = 0;
        auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || ptr != end) {
            throw ValidationError("\"" + std::string(text) + "\" is not a whole number");
        }
        return value;
    }
    if (std::holds_alternative<double>(typeExample)) {
        double value = 0.0;
        auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || ptr != end) {
            throw ValidationError("\"" + std::string(text) + "\" is not a number");
        }
        return value;
    }
    if (std::holds_alternative<bool>(typeExample)) {
        if (text == "true" || text == "yes") {
            return true;
        }
        if (text == "false" || text == "no") {
            return false;
        }
        throw ValidationError("\"" + std::string(text) + "\" is not true or false");
    }
    return std::string(text);
}

} // namespace fw::core::catalog
