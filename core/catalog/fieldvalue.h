// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/catalog/fields.h"
#include "core/numbertext.h"

namespace fw::core::catalog {

// Conversions between record members and FieldValue (file units) or text (CSV cells). Every
// `from…` function throws ValidationError with a message that names the problem and the value but
// not the record or file; callers add those.

/// The file value whose product with `scale` is exactly `base`, so that writing a value and reading
/// it back gives the same member, bit for bit.
double fileValueFor(double base, double scale);

using core::formatNumber;

std::string_view toString(TrainingCapability value);
std::string_view toString(Cooling value);
std::string_view toString(NetworkPartKind value);
std::string_view toString(PriceScope value);
TrainingCapability parseTrainingCapability(std::string_view text);
Cooling parseCooling(std::string_view text);
NetworkPartKind parseNetworkPartKind(std::string_view text);
PriceScope parsePriceScope(std::string_view text);

std::string usedPriceCurveToJson(const std::vector<UsedPrice>& curve);
std::vector<UsedPrice> usedPriceCurveFromJson(std::string_view json);

// ---- member → FieldValue ----------------------------------------------------------------------

inline FieldValue toFieldValue(const std::string& m, const FieldInfo&)
{
    return m;
}
inline FieldValue toFieldValue(const std::optional<std::string>& m, const FieldInfo&)
{
    return m ? FieldValue{*m} : FieldValue{};
}
inline FieldValue toFieldValue(int m, const FieldInfo&)
{
    return std::int64_t{m};
}
inline FieldValue toFieldValue(const std::optional<int>& m, const FieldInfo&)
{
    return m ? FieldValue{std::int64_t{*m}} : FieldValue{};
}
inline FieldValue toFieldValue(bool m, const FieldInfo&)
{
    return m;
}
inline FieldValue toFieldValue(const std::optional<double>& m, const FieldInfo& f)
{
    return m ? FieldValue{fileValueFor(*m, f.scale)} : FieldValue{};
}
template <class Tag>
FieldValue toFieldValue(const std::optional<units::Quantity<Tag>>& m, const FieldInfo& f)
{
    return m ? FieldValue{fileValueFor(m->base(), f.scale)} : FieldValue{};
}
template <class Enum>
requires std::is_enum_v<Enum> FieldValue toFieldValue(Enum m, const FieldInfo&)
{
    return std::string(toString(m));
}
template <class Enum>
requires std::is_enum_v<Enum> FieldValue toFieldValue(const std::optional<Enum>& m, const FieldInfo& f)
{
    return m ? toFieldValue(*m, f) : FieldValue{};
}
inline FieldValue toFieldValue(const std::vector<UsedPrice>& m, const FieldInfo&)
{
    return usedPriceCurveToJson(m);
}

// ---- FieldValue → member ----------------------------------------------------------------------

void fromFieldValue(std::string& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::optional<std::string>& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(int& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::optional<int>& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(bool& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::optional<double>& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(TrainingCapability& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(Cooling& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::optional<Cooling>& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(NetworkPartKind& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::optional<PriceScope>& m, const FieldValue& v, const FieldInfo& f);
void fromFieldValue(std::vector<UsedPrice>& m, const FieldValue& v, const FieldInfo& f);

template <class Tag>
void fromFieldValue(std::optional<units::Quantity<Tag>>& m, const FieldValue& v, const FieldInfo& f)
{
    std::optional<double> fileValue;
    fromFieldValue(fileValue, v, f);
    m.reset();
    if (fileValue) {
        m = units::Quantity<Tag>::fromBase(*fileValue * f.scale);
    }
}

// ---- text (CSV cells, GUI editors) ------------------------------------------------------------

/// Text of a field value: empty for none, shortest round-trip decimal for numbers, `true`/`false`.
std::string toText(const FieldValue& value);

/// The FieldValue a member of type `Member` takes from `text` (empty text is "no value").
FieldValue parseTextAs(std::string_view text, const FieldValue& typeExample);

/// An example value of the alternative a member's FieldValue holds, for parseTextAs.
template <class Member>
FieldValue typeExample(const Member&)
{
    using M = std::remove_cvref_t<Member>;
    if constexpr (std::is_same_v<M, int> || std::is_same_v<M, std::optional<int>>) {
        return std::int64_t{0};
    } else if constexpr (std::is_same_v<M, bool>) {
        return false;
    } else if constexpr (std::is_same_v<M, std::optional<double>>) {
        return 0.0;
    } else if constexpr (requires(M q) { q->base(); }) {
        return 0.0;
    } else {
        return std::string{};
    }
}

/// The values an enumeration or boolean member accepts, as text; empty for free text and numbers.
/// An optional enumeration also accepts "" (not published).
template <class Member>
std::vector<std::string> allowedValues(const Member&)
{
    using M = std::remove_cvref_t<Member>;
    if constexpr (std::is_same_v<M, TrainingCapability>) {
        return {"yes", "limited", "no"};
    } else if constexpr (std::is_same_v<M, Cooling>) {
        return {"air", "liquid"};
    } else if constexpr (std::is_same_v<M, std::optional<Cooling>>) {
        return {"", "air", "liquid"};
    } else if constexpr (std::is_same_v<M, NetworkPartKind>) {
        return {"switch", "optic", "cable"};
    } else if constexpr (std::is_same_v<M, std::optional<PriceScope>>) {
        return {"", "full_system", "baseboard", "accelerator_only"};
    } else if constexpr (std::is_same_v<M, bool>) {
        return {"true", "false"};
    } else {
        return {};
    }
}

} // namespace fw::core::catalog
