// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cmath>
#include <compare>
#include <string>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::core::units {

/// A physical or money quantity of one dimension, stored as a double in the dimension's base unit
/// (watts, US dollars, FLOP/s, bytes, bytes/s). `Tag` names the dimension; quantities of different
/// tags do not mix, so a unit mix-up does not compile. Construction rejects NaN, and negative values
/// where `Tag::nonNegative` is true, by throwing ValidationError.
template <class Tag>
class Quantity {
public:
    constexpr Quantity() = default;
    static Quantity fromBase(double value)
    {
        if (std::isnan(value)) {
            throw ValidationError(std::string(Tag::name) + " is not a number");
        }
        if (Tag::nonNegative && value < 0.0) {
            throw ValidationError(std::string(Tag::name) + " " + formatNumber(value) + " " + Tag::baseUnit +
                                  " is negative; must be ≥ 0");
        }
        Quantity q;
        q.m_value = value;
        return q;
    }

    /// The value in the base unit (`Tag::baseUnit`).
    constexpr double base() const { return m_value; }

    constexpr auto operator<=>(const Quantity&) const = default;
    Quantity operator+(Quantity other) const { return fromBase(m_value + other.m_value); }
    Quantity operator-(Quantity other) const { return fromBase(m_value - other.m_value); }
    Quantity operator*(double factor) const { return fromBase(m_value * factor); }
    Quantity operator/(double divisor) const { return fromBase(m_value / divisor); }
    /// The dimensionless ratio of two quantities of the same dimension.
    double operator/(Quantity other) const { return m_value / other.m_value; }

private:
    double m_value = 0.0;
};

template <class Tag>
Quantity<Tag> operator*(double factor, Quantity<Tag> q)
{
    return q * factor;
}

struct PowerTag {
    static constexpr const char* name = "power";
    static constexpr const char* baseUnit = "W";
    static constexpr bool nonNegative = true;
};
struct MoneyTag {
    static constexpr const char* name = "amount";
    static constexpr const char* baseUnit = "USD";
    static constexpr bool nonNegative = false; // cash flows and residual values may be negative
};
struct ComputeTag {
    static constexpr const char* name = "compute rate";
    static constexpr const char* baseUnit = "FLOP/s";
    static constexpr bool nonNegative = true;
};
struct BytesTag {
    static constexpr const char* name = "memory";
    static constexpr const char* baseUnit = "B";
    static constexpr bool nonNegative = true;
};
struct BandwidthTag {
    static constexpr const char* name = "bandwidth";
    static constexpr const char* baseUnit = "B/s";
    static constexpr bool nonNegative = true;
};
struct AreaTag {
    static constexpr const char* name = "area";
    static constexpr const char* baseUnit = "mm²";
    static constexpr bool nonNegative = true;
};

using Power = Quantity<PowerTag>;
using Money = Quantity<MoneyTag>;
/// Operations per second: FLOP/s for floating point, OP/s for integer formats.
using Compute = Quantity<ComputeTag>;
using Bytes = Quantity<BytesTag>;
/// Bytes per second (memory and scale-up links). Network line rates in Gb/s convert with /8.
using Bandwidth = Quantity<BandwidthTag>;
using Area = Quantity<AreaTag>;

inline Power watts(double w)
{
    return Power::fromBase(w);
}
inline Power kilowatts(double kw)
{
    return Power::fromBase(kw * 1e3);
}
inline Power megawatts(double mw)
{
    return Power::fromBase(mw * 1e6);
}
inline double inWatts(Power p)
{
    return p.base();
}
inline double inKilowatts(Power p)
{
    return p.base() / 1e3;
}
inline double inMegawatts(Power p)
{
    return p.base() / 1e6;
}

inline Money usd(double dollars)
{
    return Money::fromBase(dollars);
}
inline double inUsd(Money m)
{
    return m.base();
}

inline Compute teraflops(double tflops)
{
    return Compute::fromBase(tflops * 1e12);
}
inline double inTeraflops(Compute c)
{
    return c.base() / 1e12;
}

inline Bytes gigabytes(double gb)
{
    return Bytes::fromBase(gb * 1e9);
}
inline double inGigabytes(Bytes b)
{
    return b.base() / 1e9;
}

inline Bandwidth terabytesPerSecond(double tbps)
{
    return Bandwidth::fromBase(tbps * 1e12);
}
inline Bandwidth gigabytesPerSecond(double gbytes)
{
    return Bandwidth::fromBase(gbytes * 1e9);
}
inline Bandwidth gigabitsPerSecond(double gbits)
{
    return Bandwidth::fromBase(gbits * 1e9 / 8.0);
}
inline double inTerabytesPerSecond(Bandwidth b)
{
    return b.base() / 1e12;
}
inline double inGigabytesPerSecond(Bandwidth b)
{
    return b.base() / 1e9;
}
inline double inGigabitsPerSecond(Bandwidth b)
{
    return b.base() * 8.0 / 1e9;
}

inline Area squareMillimetres(double mm2)
{
    return Area::fromBase(mm2);
}
inline double inSquareMillimetres(Area a)
{
    return a.base();
}

} // namespace fw::core::units
